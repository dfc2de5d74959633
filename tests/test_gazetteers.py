"""The place gazetteers (issue 19 items 2-4): the shipped tables, the gazetteer rule of ``warta_names``
and its false-alarm guards, organisations as Indonesian news writes them, products, one label per name.

The sentences are written for these tests. As in tests/test_names.py the component runs on a Doc of
a blank pipeline whose model entities are given by hand, so that the rules are tested, not the model.
"""
import hashlib
import importlib.util
import json
import re

import pytest

from warta.paths import models_dir, shared_data_dir
from warta.rules.places import Gazetteer, gazetteer
from conftest import run_names as run

TABLES = models_dir() / "gazetteers"
REGIONS = shared_data_dir() / "gazetteers" / "id_regions.json"


def found(doc):
    return {e.text: (e.label_, e._.canonical, e._.en) for e in doc.ents}


# ------------------------------------------------------------------------------- the tables

@pytest.mark.parametrize("form, canonical, en, kind, prefixed", [
    ("Kabupaten Bandung", "Kabupaten Bandung", "Bandung Regency", "regency", True),
    ("Kab. Bandung", "Kabupaten Bandung", "Bandung Regency", "regency", True),
    ("Kab Bandung", "Kabupaten Bandung", "Bandung Regency", "regency", True),
    ("Kota Bandung", "Kota Bandung", "Bandung City", "city", True),
    ("Bandung", "Bandung", "Bandung", "city", False),
    ("Jakarta Selatan", "Jakarta Selatan", "South Jakarta", "city", False),
    ("Kota Jakarta Selatan", "Kota Jakarta Selatan", "South Jakarta City", "city", True),
    ("Kabupaten Aceh Barat Daya", "Kabupaten Aceh Barat Daya", "Southwest Aceh Regency", "regency", True),
    ("Provinsi Jawa Barat", "Jawa Barat", "West Java", "province", True),
    ("Jawa Barat", "Jawa Barat", "West Java", "province", False),
    ("Jabar", "Jawa Barat", "West Java", "province", False),
    ("Jateng", "Jawa Tengah", "Central Java", "province", False),
    ("DIY", "Daerah Istimewa Yogyakarta", "Special Region of Yogyakarta", "province", False),
    ("Sulsel", "Sulawesi Selatan", "South Sulawesi", "province", False),
    ("NTT", "Nusa Tenggara Timur", "East Nusa Tenggara", "province", False),
    ("Kepulauan Riau", "Kepulauan Riau", "Riau Islands", "province", False),
    ("Kecamatan Coblong", "Kecamatan Coblong", "Coblong District", "district", True),
    ("Cina", "Tiongkok", "China", "country", False),
    ("Uni Emirat Arab", "Uni Emirat Arab", "United Arab Emirates", "country", False),
])
def test_variants_have_their_canonical_and_english_names(form, canonical, en, kind, prefixed):
    place = gazetteer("id").lookup(form)
    assert place is not None, form
    assert (place.canonical, place.en, place.kind, place.prefixed) == (canonical, en, kind, prefixed)


def test_english_table_holds_the_english_forms():
    table = gazetteer("en")
    assert table.lookup("West Java").canonical == "West Java"
    assert table.lookup("Bandung Regency").prefixed and table.lookup("South Jakarta").kind == "city"
    assert table.lookup("Jawa Barat") is None


@pytest.mark.parametrize("form", ["Batu", "Puncak", "Tebing Tinggi"])
def test_names_that_are_common_words_are_ambiguous(form):
    assert gazetteer("id").lookup(form).ambiguous


@pytest.mark.parametrize("word", ["Baru", "Tengah", "Kota", "Barat", "Utara", "Selatan", "Sungai", "Kecamatan"])
def test_common_words_are_no_bare_place(word):
    place = gazetteer("id").lookup(word)
    assert place is None or place.ambiguous


def test_districts_are_filed_with_their_prefix_and_bare():
    table = gazetteer("id")
    districts = [p for p in table.places.values() if p.kind == "district"]
    assert len([p for p in districts if p.prefixed]) > 10000
    assert table.lookup("Coblong").kind == "district" and not table.lookup("Coblong").prefixed
    assert table.lookup("Kecamatan Coblong").canonical == "Kecamatan Coblong"
    assert 0.01 < len([p for p in districts if p.ambiguous]) / len(districts) < 0.1


def test_the_card_names_the_source_its_licence_and_checksum():
    card = (TABLES / "CARD.md").read_text(encoding="utf-8")
    head = json.loads((TABLES / "id_places.json").read_text(encoding="utf-8"))
    assert "MIT" in card and "Copyright (c) 2017-2025 Cahya DSN" in card and "warta gazetteers" in card
    assert head["source"]["sha256"] in card and "LGPL" in card
    if REGIONS.exists():
        assert hashlib.sha256(REGIONS.read_bytes()).hexdigest() == head["source"]["sha256"]


@pytest.mark.skipif(not REGIONS.exists() or importlib.util.find_spec("pycountry") is None,
                    reason="needs ../shared/data and pycountry (the train extra)")
def test_the_shipped_tables_are_what_the_build_makes(tmp_path):
    from warta.cli import main
    assert main(["gazetteers", "--data", str(shared_data_dir()), "-o", str(tmp_path)]) == 0
    for lang in ("id", "en"):
        built = json.loads((tmp_path / f"{lang}_places.json").read_text(encoding="utf-8"))
        shipped = json.loads((TABLES / f"{lang}_places.json").read_text(encoding="utf-8"))
        assert built["places"] == shipped["places"]


def test_a_language_without_a_table_has_an_empty_gazetteer():
    assert len(Gazetteer("id", rows=[])) == 0


def test_no_language_words_in_the_gazetteer_code():
    from warta.rules import places
    from warta.training import gazetteers
    for module in (places, gazetteers):
        source = open(module.__file__, encoding="utf-8").read()
        strings = re.findall(r'"([^"\n]*)"', source)
        for word in ("di", "ke", "dari", "Kabupaten", "Kota", "Provinsi", "Utara", "Jawa"):
            assert word not in strings, (module.__name__, word)


# ------------------------------------------------------------------------------- the rule

@pytest.mark.parametrize("text, expected", [
    ("Warga dari Garut datang pagi itu.", {"Garut": ("PLACE", "Garut", "Garut")}),
    ("Ia pindah ke Jakarta Selatan tahun lalu.", {"Jakarta Selatan": ("PLACE", "Jakarta Selatan", "South Jakarta")}),
    ("Sekolah itu ada di Kab. Bandung sejak lama.", {"Kab. Bandung": ("PLACE", "Kabupaten Bandung", "Bandung Regency")}),
    ("Kabupaten Sleman menerima bantuan.", {"Kabupaten Sleman": ("PLACE", "Kabupaten Sleman", "Sleman Regency")}),
    ("Banjir melanda Garut, Tasikmalaya, dan Sumedang.", {}),        # no context word, no known place before
    ("Banjir melanda di Garut, Tasikmalaya, dan Sumedang.",
     {"Garut": ("PLACE", "Garut", "Garut"), "Tasikmalaya": ("PLACE", "Tasikmalaya", "Tasikmalaya"),
      "Sumedang": ("PLACE", "Sumedang", "Sumedang")}),
    ("Warga di Jabar menolak.", {"Jabar": ("PLACE", "Jawa Barat", "West Java")}),
    ("Ia mengajar di Coblong setiap hari.", {"Coblong": ("PLACE", "Coblong", "Coblong")}),
])
def test_gazetteer_places_the_model_missed(blank, text, expected):
    assert found(run(blank, "id", text)) == expected


@pytest.mark.parametrize("text", [
    "Garut menang dua gol tadi malam.",                 # a bare name out of context
    "Baru kali ini Kota itu ramai di Tengah malam.",     # common words
    "Mereka tinggal di Batu sejak kecil.",               # a city whose name is a common word
    "Pendaki itu turun dari Puncak kemarin.",            # idem
    "Ia datang dari Bandung Raya Stadium.",              # not standing alone
    "Ia datang dari Kota itu.",                          # 'Kota' alone
])
def test_gazetteer_false_alarm_guards(blank, text):
    assert not [e for e in run(blank, "id", text).ents if e.label_ == "PLACE"]


def test_a_person_is_not_taken_for_a_place_out_of_context(blank):
    doc = run(blank, "id", "Kata Bandung kepada wartawan.", [("Bandung", "PERSON")])
    assert found(doc)["Bandung"][0] == "PERSON"


def test_a_model_org_or_person_in_a_place_context_becomes_a_place(blank):
    doc = run(blank, "id", "Ia tinggal di Sleman dan bekerja di Bantul.", [("Sleman", "ORG"), ("Bantul", "PERSON")])
    assert found(doc) == {"Sleman": ("PLACE", "Sleman", "Sleman"), "Bantul": ("PLACE", "Bantul", "Bantul")}
    doc = run(blank, "id", "Sleman menang atas tim tamu.", [("Sleman", "ORG")])
    assert found(doc)["Sleman"][0] == "ORG"


def test_two_model_places_that_make_a_prefixed_form_become_one(blank):
    doc = run(blank, "id", "Ia lahir di Kab. Bandung.", [("Kab", "PLACE"), ("Bandung", "PLACE")])
    assert found(doc) == {"Kab. Bandung": ("PLACE", "Kabupaten Bandung", "Bandung Regency")}


def test_the_rule_can_be_turned_off(blank):
    assert not run(blank, "id", "Warga dari Garut datang.", use_gazetteer=False).ents


def test_english_documents_use_the_english_table(blank):
    doc = run(blank, "en", "Floods hit villages in West Java on Monday.")
    assert found(doc) == {"West Java": ("PLACE", "West Java", "West Java")}


# ------------------------------------------------------------------------------- organisations

@pytest.mark.parametrize("text, name, canonical, en", [
    ("Pemprov Jabar menolak usulan itu.", "Pemprov Jabar", "Pemerintah Provinsi Jawa Barat",
     "West Java Provincial Government"),
    ("Pemkot Surabaya membuka taman.", "Pemkot Surabaya", "Pemerintah Kota Surabaya", "Surabaya City Government"),
    ("Pemkab Garut membagikan beras.", "Pemkab Garut", "Pemerintah Kabupaten Garut", "Garut Regency Government"),
    ("Sudin Kebersihan Jakarta Timur mengangkut sampah.", "Sudin Kebersihan Jakarta Timur",
     "Suku Dinas Kebersihan Jakarta Timur", "East Jakarta Sanitation Sub-office"),
    ("Suku Dinas Kebersihan Jakarta Timur mengangkut sampah.", "Suku Dinas Kebersihan Jakarta Timur",
     "Suku Dinas Kebersihan Jakarta Timur", "East Jakarta Sanitation Sub-office"),
    ("Dinas Pendidikan Jawa Barat membuka pendaftaran.", "Dinas Pendidikan Jawa Barat",
     "Dinas Pendidikan Jawa Barat", "West Java Education Office"),
    ("DPRD DKI Jakarta menggelar rapat.", "DPRD DKI Jakarta", "Dewan Perwakilan Rakyat Daerah DKI Jakarta",
     "Jakarta Regional House of Representatives"),
    ("Dewan Kesenian Jakarta menggelar pameran.", "Dewan Kesenian Jakarta", "Dewan Kesenian Jakarta",
     "Jakarta Arts Council"),
    ("Polda Metro Jaya memeriksa saksi.", "Polda Metro Jaya", "Kepolisian Daerah Metro Jaya",
     "Metro Jaya Regional Police"),
    ("Polres Bogor menangkap pelaku.", "Polres Bogor", "Kepolisian Resor Bogor", "Bogor Resort Police"),
    ("Polsek Coblong menerima laporan.", "Polsek Coblong", "Kepolisian Sektor Coblong", "Coblong Sector Police"),
    ("Kodam Jaya mengirim pasukan.", "Kodam Jaya", "Komando Daerah Militer Jaya", "Jaya Military Regional Command"),
    ("Korem Wijayakusuma bersiaga.", "Korem Wijayakusuma", "Komando Resor Militer Wijayakusuma",
     "Wijayakusuma Military Resort Command"),
    ("Perumda Tirta Pakuan menaikkan tarif.", "Perumda Tirta Pakuan", "Perusahaan Umum Daerah Tirta Pakuan",
     "Perusahaan Umum Daerah Tirta Pakuan"),
    ("PD Pasar Jaya merenovasi pasar.", "PD Pasar Jaya", "Perusahaan Daerah Pasar Jaya", "Perusahaan Daerah Pasar Jaya"),
    ("Perum Bulog menyalurkan beras.", "Perum Bulog", "Perum Bulog", "Perum Bulog"),
    ("Politeknik Negeri Bandung menerima mahasiswa.", "Politeknik Negeri Bandung", "Politeknik Negeri Bandung",
     "Bandung State Polytechnic"),
    ("Arema FC kalah semalam.", "Arema FC", "Arema FC", "Arema FC"),
])
def test_organisations_as_news_writes_them(blank, text, name, canonical, en):
    doc = run(blank, "id", text)
    assert found(doc).get(name) == ("ORG", canonical, en), found(doc)


def test_a_place_short_form_after_a_short_head_is_written_out(blank):
    doc = run(blank, "id", "Polda Jabar menahan tersangka.")
    assert found(doc)["Polda Jabar"] == ("ORG", "Kepolisian Daerah Jawa Barat", "West Java Regional Police")


def test_two_bodies_joined_by_a_coordinator_are_two_names(blank):
    doc = run(blank, "id", "Sudin Kebersihan Jakarta Timur dan Dewan Kesenian Jakarta bekerja sama.")
    assert {e.text for e in doc.ents} == {"Sudin Kebersihan Jakarta Timur", "Dewan Kesenian Jakarta"}


# a short form keeps its own text as canonical (the guidelines: a fuller name only from the same
# text); the table gives the label and the English name
@pytest.mark.parametrize("text, canonical, en", [
    ("Ketua FIFA datang.", "FIFA", "FIFA"),
    ("Ketua AFC datang.", "AFC", "Asian Football Confederation"),
    ("Ketua UEFA datang.", "UEFA", "Union of European Football Associations"),
    ("Ketua PSSI datang.", "PSSI", "Football Association of Indonesia"),
    ("Ketua PBSI datang.", "PBSI", "Badminton Association of Indonesia"),
    ("Ketua KONI datang.", "KONI", "Indonesian National Sports Committee"),
    ("Pelatih Persib datang.", "Persib", "Persib Bandung"),
    ("Penumpang Transjakarta naik.", "Transjakarta", "PT Transportasi Jakarta"),
    ("Ketua Persatuan Sepak Bola Seluruh Indonesia datang.", "Persatuan Sepak Bola Seluruh Indonesia",
     "Football Association of Indonesia"),
])
def test_bodies_known_by_a_short_name_come_from_the_alias_table(blank, text, canonical, en):
    (ent,) = run(blank, "id", text).ents
    assert (ent.label_, ent._.canonical, ent._.en) == ("ORG", canonical, en)


@pytest.mark.parametrize("lang, text, ents, expected", [
    ("id", "Ia membeli iPhone 15 kemarin.", [("iPhone 15", "ORG")], {}),
    ("id", "PlayStation 5 laris.", [("PlayStation 5", "ORG")], {}),
    # a maker inside a product's name is no name (the names gold's settled cases)
    ("id", "Samsung Galaxy S24 dirilis.", [("Samsung Galaxy S24", "ORG")], {}),
    ("id", "Samsung Galaxy S24 dari Samsung dirilis.", [("Samsung Galaxy S24", "ORG"), ("Samsung", "ORG")],
     {"Samsung": "ORG"}),
    ("id", "Galaxy terbaru itu mahal.", [("Galaxy", "PERSON")], {}),
    ("en", "Sony PlayStation sales rose.", [("Sony PlayStation", "ORG")], {"Sony": "ORG"}),
    ("en", "The new iPad is thin.", [("iPad", "ORG")], {}),
])
def test_products_are_no_organisations(blank, lang, text, ents, expected):
    assert {e.text: e.label_ for e in run(blank, lang, text, ents).ents} == expected


# ------------------------------------------------------------------------------- one label per name

def test_document_consistency_is_off_by_default(blank):
    assert blank["id"][1].consistency is False


def test_document_consistency_gives_a_name_its_label_everywhere(blank):
    text = "Garudaku United menang, kata Wiranto Salim. Garudaku kini memimpin. Wiranto Salim senang."
    ents = [("Garudaku United", "ORG"), ("Wiranto Salim", "PERSON")]
    assert [e.text for e in run(blank, "id", text, ents).ents] == ["Garudaku United", "Wiranto Salim"]
    doc = run(blank, "id", text, ents, consistency=True)
    assert [(e.text, e.label_) for e in doc.ents] == [("Garudaku United", "ORG"), ("Wiranto Salim", "PERSON"),
                                                       ("Garudaku", "ORG"), ("Wiranto Salim", "PERSON")]
