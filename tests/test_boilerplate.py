"""Page furniture (issue 17 item 4): the rules as language data, the ranges they find, and no span
of any label inside them once ``warta_boilerplate`` has run.

Every line below was written for these tests in the manner of Indonesian and English news sites.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.language import Language

import warta
from warta.components.boilerplate import Overlaps
from warta.nlp import SPAN_GROUPS, boilerplate_from_doc, make_doc, spans_from_doc
from warta.paths import corpus_dir
from warta.rules.boilerplate import boilerplate_rules, find_boilerplate, headline_length, reads_as_names

SEED_PATH = corpus_dir() / "docs" / "ai-tiongkok-600-juta-pengguna.txt"

# (lang, line, kind, the furniture's text when it is a segment of the line rather than all of it)
FURNITURE = [
    # related links
    ("id", "Baca juga: Harga Cabai Rawit di Jakarta Tembus Rp 100.000 per Kilogram", "related", None),
    ("id", "Baca Juga : Pemerintah Siapkan Insentif Mobil Listrik", "related", None),
    ("id", "BACA JUGA: Timnas Indonesia Lolos ke Babak Ketiga", "related", None),
    ("id", "BACA JUGA Timnas Indonesia Lolos ke Babak Ketiga", "related", None),
    ("id", "Baca juga", "related", None),
    ("id", "- Baca juga: Menkeu Umumkan Defisit APBN 2025", "related", None),
    ("id", "Lihat juga: Daftar Harga Emas Antam Hari Ini", "related", None),
    ("id", "Simak juga Video: Banjir Rendam Ratusan Rumah di Bekasi", "related", None),
    ("id", "Berita Terkait", "related", None),
    ("id", "[Baca juga: Polisi Tangkap Pelaku Pembobolan ATM di Medan]", "related", None),
    ("en", "Read also: Inflation eases to 2.4% in September", "related", None),
    ("en", "READ MORE: Fed signals slower pace of rate cuts", "related", None),
    ("en", "Also read: Rupiah weakens against the dollar", "related", None),
    ("en", "Related Articles", "related", None),
    ("en", "See also: Bank Indonesia holds its rate at 6%", "related", None),
    # credits
    ("id", "Penulis: Fika Nurul Ulya | Editor: Sakina Rakhma Diah Setiawan", "credit", None),
    ("id", "Editor: Rina Widiastuti", "credit", None),
    ("id", "Pewarta: Aditya Ramadhan", "credit", None),
    ("id", "Penyunting: Budi Suyanto", "credit", None),
    ("id", "Redaktur: Hendra Gunawan", "credit", None),
    ("id", "Reporter: Yogi Ernes", "credit", None),
    ("id", "Sumber: Badan Pusat Statistik (BPS)", "credit", None),
    ("id", "Laporan Wartawan Tribunnews.com, Ilham Rian Pratama", "credit", None),
    ("id", "(Editor: Ahmad Fauzi)", "credit", None),
    ("id", 'Artikel ini telah tayang di Kompas.com dengan judul "Harga Beras Naik Lagi"', "credit", None),
    ("en", "Reporting by David Shepardson; Editing by Chizu Nomiyama", "credit", None),
    ("en", "(Reporting by Ananda Teresia in Jakarta; Writing by Kate Lamb; Editing by Ed Davies)", "credit", None),
    ("en", "Editing by Jane Wardell", "credit", None),
    ("en", "Writer: Budi Sutrisno", "credit", None),
    ("en", "By Stanley Widianto", "credit", None),
    # photo credits
    ("id", "Foto: Dok. Humas Pemprov DKI", "photo", None),
    ("id", "Sumber foto: ANTARA/Sigid Kurniawan", "photo", None),
    ("id", "(ANTARA FOTO/Aditya Pradana Putra/nym)", "photo", None),
    ("id", "Pengunjung memadati arena pameran di Jakarta, Senin (14/10/2024). ANTARA FOTO/Aprillio Akbar/tom.",
     "photo", "ANTARA FOTO/Aprillio Akbar/tom."),
    ("id", "(Dok. Humas Polri) Kapolri meninjau lokasi banjir di Bekasi.", "photo", "(Dok. Humas Polri)"),
    ("id", "Petugas memeriksa dokumen (Foto: Istimewa)", "photo", "(Foto: Istimewa)"),
    ("en", "Photo: Willy Kurniawan/Reuters", "photo", None),
    ("en", "A worker sorts parcels in Jakarta, Indonesia, October 14, 2024. REUTERS/Willy Kurniawan",
     "photo", "REUTERS/Willy Kurniawan"),
    ("en", "Rescuers search the rubble (REUTERS/Ajeng Dinar Ulfiana) after the quake.", "photo",
     "(REUTERS/Ajeng Dinar Ulfiana)"),
    ("en", "(AP Photo/Tatan Syuflana)", "photo", None),
    # copyright
    ("id", "© 2024 Kompas.com. All rights reserved.", "copyright", None),
    ("id", "Copyright © 2008-2024 PT Kompas Cyber Media. All Rights Reserved.", "copyright", None),
    ("id", "Hak Cipta © 2024 Tempo", "copyright", None),
    ("id", "Hak cipta dilindungi undang-undang.", "copyright", None),
    ("id", "Dilarang mengambil dan/atau menayangkan ulang sebagian atau keseluruhan artikel di atas untuk konten "
           "akun media sosial komersil tanpa seizin redaksi.", "copyright", None),
    ("en", "Copyright 2024 The Associated Press. All rights reserved.", "copyright", None),
    ("en", "© 2024 Reuters. All rights reserved.", "copyright", None),
    ("en", "This material may not be published, broadcast, rewritten or redistributed.", "copyright", None),
    # share and subscribe prompts
    ("id", "Bagikan:", "share", None),
    ("id", "Bagikan artikel ini", "share", None),
    ("id", "Ikuti kami di Google News", "share", None),
    ("id", "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.", "share", None),
    ("id", "Klik di sini untuk mendapatkan berita terbaru.", "share", None),
    ("id", "Download aplikasi Kompas.com untuk akses berita lebih mudah dan cepat.", "share", None),
    ("id", "Simak breaking news dan berita pilihan kami langsung di ponselmu.", "share", None),
    ("en", "Share this article", "share", None),
    ("en", "Share:", "share", None),
    ("en", "Follow us on Twitter and Facebook", "share", None),
    ("en", "Subscribe to our newsletter for the latest news.", "share", None),
    ("en", "Sign up for our daily briefing", "share", None),
]

# ordinary news sentences that mention editors, sources, photos, copyright, "baca"...: no furniture
NOT_FURNITURE = [
    ("id", "Editor senior majalah itu, Budi Santoso, mengundurkan diri pekan lalu."),
    ("id", "Menurut sumber di kepolisian, pelaku sudah ditangkap pada Senin malam."),
    ("id", "Sumber dana proyek itu berasal dari APBN 2024, kata Kepala Bappenas."),
    ("id", "Reporter: Bagaimana tanggapan Anda soal kenaikan harga BBM?"),
    ("id", "Sumber: Saya tidak bisa menyebutkan nama pejabat itu."),
    ("id", "Undang-Undang Hak Cipta melarang pembajakan buku dan musik."),
    ("id", "Pelanggaran hak cipta 2023 meningkat tajam, kata Direktur Jenderal Kekayaan Intelektual."),
    ("id", "Hak cipta lagu tersebut dipegang oleh sebuah label rekaman di Jakarta."),
    ("id", "Foto-foto itu diambil oleh warga sekitar sesaat setelah ledakan."),
    ("id", "Foto yang beredar di media sosial itu ternyata hasil suntingan."),
    ("id", "Baca juga buku panduan sebelum mengisi formulir, kata petugas."),
    ('id', 'Ia berkata, "Baca juga: aturan itu sudah jelas," sambil tersenyum.'),
    ("id", "Penulis buku itu, Dewi Lestari, hadir di Jakarta pada Sabtu."),
    ("id", "Pewarta foto dari berbagai media meliput acara itu di Istana Merdeka."),
    ("id", "Redaktur pelaksana harian itu membantah tudingan tersebut."),
    ("id", "Dia membagikan foto itu di akun Instagram-nya pada Minggu."),
    ("id", "Bagikan bantuan secara merata, kata Menteri Sosial kepada para kepala daerah."),
    ("id", "Simak juga pernyataan lengkap Presiden di laman resmi Sekretariat Kabinet."),
    ("id", "Dokumentasi kegiatan itu diserahkan kepada panitia kemarin."),
    ("en", "The editor of the Jakarta Post, Budi Setiyarso, said the paper would appeal."),
    ("en", "Editor-in-chief Budi Setiyarso said the paper would appeal the ruling."),
    ("en", "Reporter: What did the minister tell you about the budget?"),
    ("en", "Sources said the deal could be announced as early as Monday."),
    ("en", "Copyright infringement cases rose 12% in 2023, the agency said."),
    ("en", "The court ruled that all rights reserved under the 1998 contract had lapsed."),
    ("en", "Read more about the policy on the ministry's website, officials said."),
    ("en", "By Tuesday, the death toll had risen to 12."),
    ("en", "By 2030, Indonesia aims to cut emissions by 32%."),
    ("en", "Photos of the flood were shared widely on social media."),
    ("en", "Share prices rose 3% on Monday after the results."),
    ("en", "Reuters/Ipsos polling showed support for the plan at 41%."),
    ("en", "Related party transactions must be disclosed, the regulator said."),
    ("en", "Written by a team of economists, the report warns of slower growth."),
    ("en", "Subscribers to the service rose to 2 million in the third quarter."),
]


@pytest.mark.parametrize("lang,line,kind,segment", FURNITURE, ids=[f"{c[0]}-{i}" for i, c in enumerate(FURNITURE)])
def test_furniture_is_found_with_its_kind(lang, line, kind, segment):
    expected = segment or line
    start = line.index(expected)
    assert find_boilerplate(line, lang) == [(start, start + len(expected), kind)]


@pytest.mark.parametrize("lang,line", NOT_FURNITURE, ids=[f"{c[0]}-{i}" for i, c in enumerate(NOT_FURNITURE)])
def test_ordinary_sentences_are_not_furniture(lang, line):
    assert find_boilerplate(line, lang) == []


def test_the_tables_cover_both_languages_and_every_kind():
    assert len(FURNITURE) >= 40 and len(NOT_FURNITURE) >= 20
    for lang in ("id", "en"):
        assert {kind for code, _, kind, _ in FURNITURE if code == lang} == {"copyright", "related", "credit",
                                                                            "photo", "share"}


ARTICLE_ID = """JAKARTA, KOMPAS.com - Bank Indonesia menahan suku bunga acuan di level 6 persen pada Rabu (16/10/2024).
Baca juga: Rupiah Melemah ke Level Rp 15.600 per Dollar AS
Gubernur BI Perry Warjiyo mengatakan inflasi terkendali sekitar 2 persen.
  Penulis: Fika Nurul Ulya | Editor: Sakina Rakhma Diah Setiawan
Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.
© 2024 Kompas.com"""


def test_ranges_in_a_document_are_whole_lines_sorted_and_apart():
    found = find_boilerplate(ARTICLE_ID, "id")
    assert [kind for _, _, kind in found] == ["related", "credit", "share", "copyright"]
    texts = [ARTICLE_ID[start:end] for start, end, _ in found]
    assert texts[0] == "Baca juga: Rupiah Melemah ke Level Rp 15.600 per Dollar AS"
    assert texts[1] == "Penulis: Fika Nurul Ulya | Editor: Sakina Rakhma Diah Setiawan"   # indentation left out
    assert texts[3] == "© 2024 Kompas.com"
    assert all(earlier[1] <= later[0] for earlier, later in zip(found, found[1:]))


def test_windows_line_ends():
    text = "Harga naik.\r\nBaca juga\r\nPenulis: Budi Santoso\r\n"
    found = find_boilerplate(text, "id")
    assert [(text[start:end], kind) for start, end, kind in found] == [("Baca juga", "related"),
                                                                       ("Penulis: Budi Santoso", "credit")]


def test_a_segment_inside_a_furniture_line_is_not_a_second_range():
    line = "Foto: Warga antre di Jakarta (ANTARA FOTO/Aditya Pradana Putra/nym)"
    assert find_boilerplate(line, "id") == [(0, len(line), "photo")]


def test_a_line_too_long_for_its_rule_is_article_text():
    line = "Editor: " + " ".join(["Nama"] * 30)
    assert find_boilerplate(line, "id") == []


def test_a_long_related_line_covers_the_headline_only():
    line = ("Baca Juga: Putri Disney Dirundung Luka di Karya Seni Alexsandro Palombo April 2014 lalu, Dewan Kota "
            "Cheltenham meminta perlindungan hukum bagi warga yang tinggal di sekitar lokasi pembangunan itu sejak "
            "awal tahun.")
    [(start, end, kind)] = find_boilerplate(line, "id")
    assert (start, kind) == (0, "related")
    assert line[start:end] == "Baca Juga: Putri Disney Dirundung Luka di Karya Seni Alexsandro Palombo"


@pytest.mark.parametrize("text,expected", [
    ("Grup Opera Wakil Indonesia di Semi Final Dalam penggarapannya, Disney", "Grup Opera Wakil Indonesia di Semi Final"),
    ("Harga BBM Naik Lagi", "Harga BBM Naik Lagi"),
    ("Pemerintah menaikkan harga", ""),
])
def test_headline_length(text, expected):
    assert text[:headline_length(text, 25)] == expected


@pytest.mark.parametrize("text,expected", [
    ("Rina Widiastuti", True),
    ("David Shepardson in Washington; Editing by Chizu Nomiyama and Lisa Shumaker", True),
    ("Kompas.com/Kristianto Purnomo", True),
    ("Bagaimana tanggapan Anda soal kenaikan harga BBM?", False),
    ("a team of economists, the report warns", False),
    ("2030, 2031", False),
])
def test_reads_as_names(text, expected):
    assert reads_as_names(text) is expected


def test_the_rules_are_compiled_once_per_language():
    assert boilerplate_rules("id") is boilerplate_rules("id")
    assert boilerplate_rules("id") is not boilerplate_rules("en")


def test_the_rules_load_without_spacy():
    code = ("import sys, warta.rules.boilerplate as b; b.find_boilerplate('Baca juga: X', 'id'); "
            "sys.exit('spacy' in sys.modules or 'thinc' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("span,expected", [((0, 5), False), ((5, 10), True), ((9, 12), True), ((10, 20), False),
                                           ((19, 21), True), ((25, 40), True), ((41, 50), False)])
def test_overlaps(span, expected):
    inside = Overlaps([(5, 10, "a"), (20, 30, "b"), (35, 41, "c")])
    assert inside(*span) is expected


# -------------------------------------------------------------------------- the spaCy component

@pytest.fixture(scope="module")
def nlp_id():
    return warta.load("id")


def test_load_puts_the_furniture_component_last(nlp_id):
    assert nlp_id.pipe_names[-1] == "warta_boilerplate"
    assert nlp_id.pipe_names.index("warta_boilerplate") > nlp_id.pipe_names.index("warta_dates")


def test_factory_default_config():
    assert Language.get_factory_meta("warta_boilerplate").default_config == {"lang": None, "span_groups": None}


def all_spans(doc) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in spans_from_doc(doc)]


def test_no_span_lies_in_furniture_and_the_body_keeps_its_spans(nlp_id):
    doc = nlp_id(make_doc(nlp_id, ARTICLE_ID, "2024-10-16"))
    ranges = boilerplate_from_doc(doc)
    assert [kind for _, _, kind in ranges] == ["related", "credit", "share", "copyright"]
    inside = Overlaps(ranges)
    after = all_spans(doc)
    assert not [span for span in after if inside(span[0], span[1])]
    with nlp_id.select_pipes(disable="warta_boilerplate"):
        before = all_spans(nlp_id(make_doc(nlp_id, ARTICLE_ID, "2024-10-16")))
    removed = [span for span in before if inside(span[0], span[1])]
    assert {label for _, _, label in removed} >= {"FIGURE", "PERSON"}      # "Rp 15.600", the credit's names
    assert after == [span for span in before if span not in removed]
    body = {ARTICLE_ID[start:end] for start, end, _ in after}
    assert {"6 persen", "Rabu (16/10/2024)", "Bank Indonesia", "sekitar 2 persen"} <= body


def test_the_seed_footer_yields_no_span(nlp_id):
    text = SEED_PATH.read_text(encoding="utf-8")
    footer_start = text.rstrip().rfind("\n") + 1
    doc = nlp_id(make_doc(nlp_id, text, "2024-10-16"))
    assert boilerplate_from_doc(doc) == [[footer_start, len(text.rstrip()), "copyright"]]
    assert all_spans(doc) and not [span for span in all_spans(doc) if span[1] > footer_start]


def test_every_span_group_is_cleared_when_none_is_named():
    nlp = spacy.blank("en")
    nlp.add_pipe("warta_boilerplate")
    doc = nlp.make_doc("Prices rose.\nShare this article")
    doc.spans["custom"] = [doc[0:1], doc[-1:]]
    doc = nlp(doc)
    assert [span.text for span in doc.spans["custom"]] == ["Prices"]
    assert doc._.boilerplate == [(13, 31, "share")]


def test_only_the_named_span_groups_are_cleared():
    nlp = spacy.blank("en")
    nlp.add_pipe("warta_boilerplate", config={"span_groups": list(SPAN_GROUPS)})
    doc = nlp.make_doc("Prices rose.\nShare this article")
    doc.spans["custom"] = [doc[-1:]]
    doc.spans["figures"] = [doc[-1:]]
    doc = nlp(doc)
    assert len(doc.spans["custom"]) == 1 and len(doc.spans["figures"]) == 0


def test_a_doc_without_the_component_has_no_furniture():
    doc = spacy.blank("id").make_doc("Baca juga: Apa Saja")
    assert boilerplate_from_doc(doc) == []
