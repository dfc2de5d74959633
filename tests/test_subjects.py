"""Figure subjects (issue 20, item 2) and their scores (item 6): every example of docs/ANNOTATION.md's
"Figure subjects and attribution", both languages, on the rule alone and through the pipeline."""
from __future__ import annotations

import re

import pytest

import warta
from warta.evaluation.spans import claim_accuracy, evaluate, format_claims, head_word, pair_documents
from warta.rules.figure_subjects import Word, subject_rules

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:-\w+)*|[^\w\s]")


def words_of(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def subject(lang: str, text: str, figure: str, persons: tuple[str, ...] = ()) -> str | None:
    """The subject the rule finds for the figure ``figure`` (its first occurrence) of ``text``."""
    words = words_of(text)
    start = text.index(figure)
    first = next(i for i, w in enumerate(words) if w.start == start)
    last = next(i for i, w in enumerate(words) if w.end == start + len(figure)) + 1
    names = [(text.index(p), text.index(p) + len(p)) for p in persons]
    found = subject_rules(lang).find(words, first, last, names)
    return text[found[0]:found[1]] if found else None


# (text, figure, subject): the guideline's examples, each in a sentence of its own
INDONESIAN = [
    ("Penggunanya lebih dari 600 juta pengguna AI generatif di Tiongkok.", "lebih dari 600 juta",
     "pengguna AI generatif"),
    ("Banjir merendam 12 wilayah kecamatan.", "12", "wilayah kecamatan"),
    ("Kementerian memeriksa 22 perusahaan.", "22", "perusahaan"),
    ("Ia memilih lima buah item untuk pasangannya.", "lima", "item"),
    ("Gudang itu menyimpan 5 ton beras impor.", "5", "beras impor"),
    ("Kontraktor menyelesaikan 2,5 km jalan tol.", "2,5", "jalan tol"),
    ("Porsinya sekitar 16,9 persen dari penjualan.", "sekitar 16,9 persen", "penjualan"),
    ("Pemerintah menyiapkan anggaran subsidi pupuk sebesar Rp 1,2 triliun.", "Rp 1,2 triliun",
     "anggaran subsidi pupuk"),
    ("Tahun ini pertumbuhan ekonomi diperkirakan mencapai 4 persen.", "4 persen", "pertumbuhan ekonomi"),
    ("Bank itu memperkirakan pertumbuhan ekonomi 4 persen.", "4 persen", "pertumbuhan ekonomi"),
    ("Ia menyerahkan motor 650 cc kepada polisi.", "650", "motor"),
    ("Data menunjukkan penjualan mobil secara nasional selama Januari 2019 sekitar 847.164 unit.",
     "sekitar 847.164", "penjualan mobil"),
    ("Ia bekerja di pabrik itu selama 10 tahun.", "10", "tahun"),
    ("Polisi menangkap perempuan 27 tahun itu.", "27", "perempuan"),
    ("Waspadalah sebelum umur 40 tahun.", "40", "umur"),
]
ENGLISH = [
    ("China has 600 million generative AI users in China.", "600 million", "generative AI users"),
    ("The committee has 3 members of parliament.", "3", "members"),
    ("The field pumps 2 million barrels of oil a day.", "2 million", "oil"),
    ("The fund sold 30 percent of the shares.", "30 percent", "shares"),
    ("The deficit stayed at 3 percent of GDP.", "3 percent", "GDP"),
    ("The bank approved a budget of $5 million for schools.", "$5 million", "budget"),
    ("Inflation rose to 3.1 percent in May.", "3.1 percent", "Inflation"),
]


@pytest.mark.parametrize(("text", "figure", "expected"), INDONESIAN)
def test_the_guideline_examples_in_indonesian(text, figure, expected):
    assert subject("id", text, figure) == expected


@pytest.mark.parametrize(("text", "figure", "expected"), ENGLISH)
def test_the_guideline_examples_in_english(text, figure, expected):
    assert subject("en", text, figure) == expected


# (text, figure, subject): the second round's classes of errors (issue 20), in texts of our own
SECOND_ROUND = [
    # a measure noun in a prepositional phrase gives way to the phrase that owns it
    ("Harga saham BBRI pada penutupan Senin bertahan di posisi Rp 3.400 per saham.", "Rp 3.400", "Harga saham BBRI"),
    ("Dewan memutuskan mempertahankan suku bunga pada tingkat 6 persen.", "6 persen", "suku bunga"),
    # a comparison: the adjective is no subject, the compared phrase after "dari" is one
    ("Cadangan kredit sebesar 80 persen, lebih rendah dari 110 persen.", "110 persen", "Cadangan kredit"),
    ("Asumsi itu jauh lebih tinggi dari usulan dewan senilai 95 dolar AS.", "95 dolar AS", "usulan dewan"),
    # a verb of a relative clause, or right after its noun, can carry a place or an agent before the link
    ("Jumlah prajurit yang tewas di Irak sejak invasi menjadi 3.282.", "3.282", "Jumlah prajurit"),
    ("Pendapatan pajak yang dihimpun oleh kantor wilayah dan kantor pusat mencapai Rp 42 triliun.",
     "Rp 42 triliun", "Pendapatan pajak"),
    # a change noun: a link before the amount, the head with a noun after it, dropped for the level reached
    ("Laba bank mengalami kenaikan sebesar 5 persen.", "5 persen", "Laba bank"),
    ("Bank itu mencatat kenaikan laba bersih 4 persen menjadi Rp 1,2 triliun.", "4 persen", "kenaikan laba bersih"),
    ("Bank itu mencatat kenaikan laba bersih 4 persen menjadi Rp 1,2 triliun.", "Rp 1,2 triliun", "laba bersih"),
    ("Setiap 10 persen penguatan rupiah menekan inflasi.", "10 persen", "penguatan rupiah"),
    # in a list the phrase after one amount is the next one's
    ("Impor tumbuh 12 persen barang modal 40 persen.", "12 persen", "Impor"),
    # an ordinal after its noun, a time adverbial and a comparison's time phrase are stepped over
    ("Para pembalap menempuh etape ketiga sepanjang 165 kilometer.", "165", "etape"),
    ("Laba perseroan turun menjadi Rp 67 miliar dibanding periode sama tahun sebelumnya Rp 92 miliar.",
     "Rp 92 miliar", "Laba perseroan"),
    ("Kurs rupiah menguat dibanding penutupan hari sebelumnya Rp 9.215.", "Rp 9.215", "penutupan"),
    ("Harga saham BBRI pada perdagangan Jumat, akhir pekan lalu, bertahan di posisi Rp 3.400.", "Rp 3.400",
     "Harga saham BBRI"),
    # an acronym's other spelling after a slash, a passive verb's phrase in an adverbial clause, a
    # relative clause opened over adverbs, "hingga" as a link: all stepped over
    ("Total belanja iklan ADX/Advertising Expenditure Index selama 2006 mencapai 46 miliar dolar AS.",
     "46 miliar dolar AS", "Total belanja iklan"),
    ("Adapun laba bersih setelah dikurangi pajak mencapai Rp 198 miliar.", "Rp 198 miliar", "laba bersih"),
    ("Bank berencana melakukan penyaluran kredit kepada UKM sebesar Rp 9 triliun.", "Rp 9 triliun",
     "penyaluran kredit"),
    ("Ia mencetak gol dengan tendangan yang sangat keras dari jarak 22 meter.", "22", "tendangan"),
    ("Menteri mengatakan koreksi tajam pada indeks saham hingga 4 persen hanya sesaat.", "4 persen",
     "koreksi tajam"),
    # a passive verb or a change verb right before the amount links the thing it is the amount of
    ("Harga emas Antam dibanderol Rp 1,1 juta per gram.", "Rp 1,1 juta", "Harga emas Antam"),
    ("IHSG ditutup melemah 1,2 persen.", "1,2 persen", "IHSG"),
    # a dimension noun with no noun before it heads the subject; after one it links it
    ("Bobot nya hanya 1,2 kg .", "1,2", "Bobot"),
    ("Kapasitas baterai ponsel itu 5.000 mAh.", "5.000", "Kapasitas baterai ponsel"),
    ("Kapal barang dengan berat 6.500 ton tenggelam.", "6.500", "Kapal barang"),
    # "dari" before a measure noun after a percentage is "from" a level, not "of"
    ("Angka kredit macet meningkat sebanyak 14 persen dari posisi Desember.", "14 persen", "Angka kredit macet"),
    # a demonstrative right before the amount closes its phrase, relative clause and all
    ("Total nilai kontrak yang didapatkan untuk kedua kapal tersebut sekitar 13,9 juta dolar AS.",
     "sekitar 13,9 juta dolar AS", "Total nilai kontrak"),
    ("Pendapatan perseroan naik 10 persen jadi Rp 5 triliun .", "Rp 5 triliun", "Pendapatan perseroan"),
    # a duration whose unit is inside the figure counts nothing else
    ("Ia kembali ke turnamen setelah hampir setahun absen.", "hampir setahun", None),
]


@pytest.mark.parametrize(("text", "figure", "expected"), SECOND_ROUND)
def test_the_second_rounds_classes_of_errors(text, figure, expected):
    assert subject("id", text, figure) == expected


def test_english_a_verb_after_its_noun_is_the_clauses_and_a_duration_inside_the_figure_has_no_subject():
    assert subject("en", "The drone flew at an altitude of 120 meters.", "120") == "altitude"
    assert subject("en", "She returned after more than a decade away from the sport.", "more than a decade") is None
    assert subject("en", "Inflation in the euro zone eased to 2.4 percent in November.", "2.4 percent") == "Inflation"
    assert subject("en", "The deal is worth about $700 million.", "about $700 million") == "deal"
    # an adverb or comparative after the phrase is no part of it (its head is the last word)
    assert subject("en", "The company employs 12,000 people worldwide.", "12,000") == "people"
    assert subject("en", "The index closed 1.5 percent higher.", "1.5 percent") == "index"
    assert subject("en", "Net income for the period came to $1.1 billion.", "$1.1 billion") == "Net income"
    # an active verb's object amount is of nothing before it (the guideline's linking words only)
    assert subject("en", "Europe pledged $2 billion to the fund.", "$2 billion") is None


def test_an_age_measures_the_person_named_before_it():
    assert subject("id", "Pelakunya Budi (45), warga setempat.", "45", persons=("Budi",)) == "Budi"
    # the age noun only where no person is named before it in the sentence
    assert subject("id", "Rudi memeriksa pasien sebelum umur 40 tahun.", "40", persons=("Rudi",)) == "Rudi"


def test_a_figure_with_nothing_it_counts_has_no_subject():
    assert subject("id", "Mereka menang 3 - 1.", "3") is None
    assert subject("en", "They won, 3 to 1.", "3") is None


def test_the_pipeline_writes_the_subject_on_every_figure_record():
    text = "Pemerintah menyiapkan anggaran subsidi pupuk sebesar Rp 1,2 triliun untuk 12 wilayah kecamatan."
    figures = [s for s in warta.extract(text, lang="id")["spans"] if s["label"] == "FIGURE"]
    assert [(s["text"], s.get("subject_text")) for s in figures] == [
        ("Rp 1,2 triliun", "anggaran subsidi pupuk"), ("12", "wilayah kecamatan")]
    for span in figures:
        assert text[span["subject"][0]:span["subject"][1]] == span["subject_text"]


def test_a_count_whose_noun_is_elided_takes_the_subject_of_the_figure_it_took_the_noun_from():
    text = "Sedikitnya 35 pengunjuk rasa cedera di Janakpur, dan 20 lagi cedera di Birgunj."
    figures = [s for s in warta.extract(text, lang="id")["spans"] if s["label"] == "FIGURE"]
    assert [(s["text"], s.get("subject_text")) for s in figures] == [
        ("Sedikitnya 35", "pengunjuk rasa"), ("20", "pengunjuk rasa")]
    assert figures[0]["subject"] == figures[1]["subject"]


def test_the_spacy_figure_span_exposes_the_subject():
    doc = warta.load("en")("Hundreds of workers gathered outside the factory.")
    span = doc.spans["figures"][0]
    assert span.text == "Hundreds" and span._.subject_text == "workers"
    assert doc.text[span._.subject[0]:span._.subject[1]] == "workers"


# ---------------------------------------------------------------- scores

TEXT = "Pemerintah menyiapkan anggaran subsidi pupuk sebesar Rp 1,2 triliun."


def _figure(subject_range, attributed_to=None, **extra):
    start = TEXT.index("Rp")
    span = {"start": start, "end": start + len("Rp 1,2 triliun"), "label": "FIGURE", "text": "Rp 1,2 triliun",
            "value": 1.2e12, "unit": "IDR", "qualifier": "=", "attributed_to": attributed_to, **extra}
    if subject_range is not None:
        span["subject"] = list(subject_range)
        span["subject_text"] = TEXT[subject_range[0]:subject_range[1]]
    else:
        span["subject"] = None
    return span


def _record(*spans, lang="id"):
    return {"doc_id": "d", "lang": lang, "spans": list(spans)}


GOLD_SUBJECT = (TEXT.index("anggaran"), TEXT.index(" sebesar"))


def test_a_subject_with_the_right_head_but_a_longer_extent_is_head_right_exact_wrong():
    gold = _record(_figure((GOLD_SUBJECT[0], GOLD_SUBJECT[1] - len(" pupuk"))))      # "anggaran subsidi"
    longer = _record(_figure(GOLD_SUBJECT))                                            # "anggaran subsidi pupuk"
    metrics = evaluate([gold], [longer])
    assert metrics["claims"]["subject_head"] == 1.0 and metrics["claims"]["subject_exact"] == 0.0
    assert evaluate([gold], [gold])["claims"]["subject_exact"] == 1.0
    gold = _record(_figure(GOLD_SUBJECT))
    other_head = _record(_figure((TEXT.index("subsidi"), GOLD_SUBJECT[1])))           # "subsidi pupuk"
    assert evaluate([gold], [other_head])["claims"]["subject_head"] == 0.0


def test_the_head_word_is_the_first_in_indonesian_and_the_last_in_english():
    assert head_word("anggaran subsidi pupuk", "id") == "anggaran"
    assert head_word("generative AI users", "en") == "users"
    assert head_word(None, "en") is None


def test_a_missing_subject_against_a_gold_one_is_wrong_and_none_against_none_is_right():
    gold = _record(_figure(GOLD_SUBJECT))
    assert evaluate([gold], [_record(_figure(None))])["claims"]["subject_head"] == 0.0
    assert evaluate([_record(_figure(None))], [_record(_figure(None))])["claims"]["subject_head"] == 1.0


def test_attribution_accuracy_leaves_out_null_null_agreements_the_plain_share_counts_them():
    def date(start, attributed_to):
        return {"start": start, "end": start + 3, "label": "DATE", "text": "xxx", "attributed_to": attributed_to}
    gold = _record(_figure(GOLD_SUBJECT, "BPS"), date(0, None), date(11, None), date(30, "Budi"))
    pred = _record(_figure(GOLD_SUBJECT, "bps"), date(0, None), date(11, None), date(30, None))
    claims = evaluate([gold], [pred])["claims"]
    # BPS right (case aside), Budi missed; the two null/null dates are no evidence either way
    assert claims["attribution_checked"] == 2 and claims["attribution"] == 0.5
    assert claims["attribution_spans"] == 4 and claims["attribution_share"] == 0.75
    lines = format_claims(claims)
    assert any("attribution" in line and "0.500" in line and "0.750" in line for line in lines)


def test_gold_without_the_keys_reports_no_claim_scores():
    span = _figure(GOLD_SUBJECT)
    del span["subject"], span["attributed_to"]
    record = _record(span)
    assert "claims" not in evaluate([record], [record])
    assert claim_accuracy(pair_documents([record], [record]), ["id"]) == {}
