"""Organisations and people as news writes them (issue 19, third round): a name after a noun of its
kind ("perusahaan Qwertix") or in a list after one, a place beside a match word as the team, words
of address and ranks that are no names, events that stop before a date.

The sentences are written for these tests. As in tests/test_names.py the component runs on a Doc of
a blank pipeline whose model entities are given by hand, so that the rules are tested, not the model.
"""
import pytest

from conftest import run_names as run


def labels(doc):
    return {e.text: e.label_ for e in doc.ents}


@pytest.mark.parametrize("text, ents, expected", [
    # a name right after an organisation noun
    ("Saham perusahaan Qwertix naik.", [], {"Qwertix": "ORG"}),
    ("kata kantor berita Zentara kemarin.", [], {"Zentara": "ORG"}),
    ("Laporan surat kabar Al-Morana terbit.", [], {"Al-Morana": "ORG"}),
    # the names of a list after the noun (and a place between them), each an ORG; a digit-led name too
    ("perusahaan Korea seperti Qwertix , Zentara , dan 7-Orbit tumbuh.", [("Korea", "PLACE"), ("Qwertix", "ORG")],
     {"Korea": "PLACE", "Qwertix": "ORG", "Zentara": "ORG", "7-Orbit": "ORG"}),
    ("klub antara lain Qwertix serta Zentara FC ikut.", [], {"Qwertix": "ORG", "Zentara FC": "ORG"}),
    # a place after the noun is the place ("a Japanese company"), a common abbreviation is no name
    ("perusahaan Jepang itu rugi.", [], {}),
    ("kuota grup BBM habis.", [], {}),
    # capitalised, the noun is a head of the name (the organisation patterns); a model entity stays as it is
    ("Bank Qwertix naik.", [], {"Bank Qwertix": "ORG"}),
    ("klub Pochettino menang.", [("Pochettino", "PERSON")], {"Pochettino": "PERSON"}),
    # no lower-case word between the noun and a lone name ("partai itu Sabtu")
    ("diperoleh partai itu Sabtu .", [], {}),
])
def test_names_after_an_organisation_noun(blank, text, ents, expected):
    assert labels(run(blank, "id", text, ents)) == expected


def test_names_after_nouns_can_be_switched_off(blank):
    assert not run(blank, "id", "Saham perusahaan Qwertix naik.", noun_names=False).ents


@pytest.mark.parametrize("text, ents, expected", [
    ("Laga Parma vs Roma ditunda.", [("Parma", "PLACE"), ("Roma", "PLACE")], {"Parma": "ORG", "Roma": "ORG"}),
    ("Dortmund mengalahkan Mainz 2-0.", [("Dortmund", "PLACE"), ("Mainz", "PLACE")],
     {"Dortmund": "ORG", "Mainz": "ORG"}),
    # a person beside a match word stays a person; a place elsewhere stays a place
    ("Kevin mengalahkan Hui di Bandung.", [("Kevin", "PERSON"), ("Hui", "PERSON"), ("Bandung", "PLACE")],
     {"Kevin": "PERSON", "Hui": "PERSON", "Bandung": "PLACE"}),
])
def test_a_place_beside_a_match_word_is_the_team(blank, text, ents, expected):
    assert labels(run(blank, "id", text, ents)) == expected


@pytest.mark.parametrize("text, ents, expected", [
    ("Ya Moms , bakteri itu berbahaya.", [("Moms", "ORG")], {}),
    ("Jangan khawatir Ladies , ini mudah.", [("Ladies", "PERSON")], {}),
    ("Komunitas Moms Mingle berkumpul.", [("Moms Mingle", "ORG")], {"Moms Mingle": "ORG"}),
    # ranks are titles: outside a person's span
    ("dipimpin IPDA Robert Harianto langsung.", [("IPDA Robert Harianto", "PERSON")], {"Robert Harianto": "PERSON"}),
    ("kata Kombes Budi Santoso kemarin.", [("Kombes Budi Santoso", "PERSON")], {"Budi Santoso": "PERSON"}),
])
def test_words_of_address_and_ranks_are_no_names(blank, text, ents, expected):
    assert labels(run(blank, "id", text, ents)) == expected


def test_a_news_channel_written_as_its_brand_writes_it_is_an_org(blank):
    doc = run(blank, "id", "kata dia kepada kumparanWOMAN , Senin.")
    assert [(e.text, e.label_, e._.canonical) for e in doc.ents] == [("kumparanWOMAN", "ORG", "kumparanWOMAN")]
    doc = run(blank, "id", "Hasan kepada detikcom , Rabu.", [("detikcom", "ORG")])
    assert labels(doc) == {"detikcom": "ORG"}


def test_an_event_name_stops_before_a_date(blank):
    doc = run(blank, "id", "pada ronde ke-5 Piala FA 11 Maret 2007 lalu.")
    assert labels(doc) == {"Piala FA": "EVENT"}
    assert labels(run(blank, "id", "Ia juara Piala Dunia 1966 bersama Inggris.", [("Inggris", "PLACE")])) == \
        {"Piala Dunia 1966": "EVENT", "Inggris": "PLACE"}


@pytest.mark.parametrize("text, ents, expected", [
    ("Ia menginap di Hotel Des Indes kemarin.", [], {"Hotel Des Indes": "PLACE"}),
    ("dipamerkan di Diler Kia MT Haryono :", [], {"Diler Kia MT Haryono": "PLACE"}),
    ("rumahnya di Jalan Iskandarsyah No . 5", [], {"Jalan Iskandarsyah": "PLACE"}),
    # a common word after the head is no name ("Pasar Modal": the capital market)
    ("pengamat Pasar Modal itu berkata.", [], {}),
    # an entity there stays as it is
    ("Direktur Hotel Indonesia Natour datang.", [("Hotel Indonesia Natour", "ORG")], {"Hotel Indonesia Natour": "ORG"}),
])
def test_named_facilities_are_places(blank, text, ents, expected):
    assert labels(run(blank, "id", text, ents)) == expected
    assert not labels(run(blank, "id", text, ents, facility_places=False)).keys() - {e for e, _ in ents}


def test_a_name_without_a_letter_is_no_name(blank):
    doc = run(blank, "id", "akan dideklarasikan Minggu (9/2) di Bandung .", [("(9/2)", "ORG"), ("Bandung", "PLACE")])
    assert labels(doc) == {"Bandung": "PLACE"}


@pytest.mark.parametrize("lang, text, ents, expected", [
    # an item the model took for a person, in a list that holds an organisation, is one too
    ("en", "Korean companies such as Qwertix , Zentara and 3D.Orbit grew.", [("Qwertix", "ORG"), ("Zentara", "PERSON")],
     {"Qwertix": "ORG", "Zentara": "ORG", "3D.Orbit": "ORG"}),
    ("id", "perusahaan seperti Qwertix dan Budi Zentara tumbuh.", [("Budi Zentara", "PERSON")],
     {"Qwertix": "ORG", "Budi Zentara": "ORG"}),
    # a list of people after the noun stays people
    ("id", "eksekutif perusahaan rekaman Liberty yaitu Alvin Bennett , pemimpin perusahaan .",
     [("Liberty", "ORG"), ("Alvin Bennett", "PERSON")], {"Liberty": "ORG", "Alvin Bennett": "PERSON"}),
    ("en", "The startup Qwertix raised money.", [], {"Qwertix": "ORG"}),
    ("en", "Parma vs Roma was postponed.", [("Parma", "PLACE"), ("Roma", "PLACE")], {"Parma": "ORG", "Roma": "ORG"}),
])
def test_lists_of_organisations_in_both_languages(blank, lang, text, ents, expected):
    assert labels(run(blank, lang, text, ents)) == expected


def test_english_keeps_the_models_lower_case_names(blank):
    # posts write names in lower case: the English rules keep them, the Indonesian ones drop them
    doc = run(blank, "en", "Was Mason playing? I saw lebron laughing.", [("Mason", "PERSON"), ("lebron", "PERSON")])
    assert labels(doc) == {"Mason": "PERSON", "lebron": "PERSON"}
    doc = run(blank, "id", "Apa Budi datang? Aku lihat lebron tertawa.", [("Budi", "PERSON"), ("lebron", "PERSON")])
    assert labels(doc) == {"Budi": "PERSON"}


@pytest.mark.parametrize("text, ents, expected", [
    ("Dua anggota itu yakni Serka Budiman dan Praka Gunawan .", [("Gunawan", "PERSON")],
     {"Budiman": "PERSON", "Gunawan": "PERSON"}),
    ("kata Kompol Pol Surya Atmaja kemarin.", [], {"Surya Atmaja": "PERSON"}),
    # a common word after the title is no name, nor is an acronym
    ("pindah ke Ibu Kota baru.", [], {}),
    ("kata Sekjen PDIP kemarin.", [], {}),
    # the title ends the name of a post
    ("Direktur Jenderal Pengolahan datang.", [], {}),
])
def test_a_name_after_a_title_is_a_person(blank, text, ents, expected):
    assert labels(run(blank, "id", text, ents)) == expected
    assert labels(run(blank, "id", text, ents, titled_persons=False)) == {e: label for e, label in ents}
