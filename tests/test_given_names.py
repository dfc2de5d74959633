"""Persons the model took for places or organisations: the given-name list (``warta.training.name_lists``)
and the rule that uses it; a place right after a verb of saying.

The sentences are written for these tests; the model's entities are given by hand.
"""
import json

import pytest

from warta.lang import load_lang_data
from warta.rules.names import name_rules
from warta.training.name_lists import given_names, main
from conftest import run_names as run


def labels(doc):
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("label", ["ORG", "PLACE"])
def test_a_model_org_or_place_starting_with_a_given_name_is_a_person(blank, label):
    text = "Penyanyi Janet Jackson tampil lagi."
    assert "Janet" in name_rules("id").given_names
    assert labels(run(blank, "id", text, [("Janet Jackson", label)])) == [("Janet Jackson", "PERSON")]
    assert labels(run(blank, "id", text, [("Janet Jackson", label)], given_names=False)) == [("Janet Jackson", label)]


def test_a_body_named_after_a_person_stays_an_organisation(blank):
    # an organisation tail word after the given name ("Janet Tbk") names a body, not the person
    tail = "Tbk"
    assert tail in name_rules("id").tails
    doc = run(blank, "id", f"Saham Janet {tail} naik.", [(f"Janet {tail}", "ORG")])
    assert labels(doc) == [(f"Janet {tail}", "ORG")]


def test_a_word_not_in_the_list_keeps_the_model_label(blank):
    assert "Sinar" not in name_rules("id").given_names
    doc = run(blank, "id", "Harian Sinar Jaya terbit.", [("Sinar Jaya", "ORG")])
    assert labels(doc) == [("Sinar Jaya", "ORG")]


def test_the_shipped_list_meets_its_thresholds_and_says_how_to_rebuild_it():
    data = load_lang_data("id", "given_names")
    assert data["command"].startswith("python -m warta.training.name_lists --langs id en")
    assert any(s.startswith("ner/id/") for s in data["sources"]) and any(s.startswith("ner/en/") for s in data["sources"])
    assert len(data["words"]) >= 50
    for word, counts in data["words"].items():
        assert counts["person"] >= data["thresholds"]["min_count"], word
        assert counts["person"] / counts["all"] >= data["thresholds"]["min_precision"], word


def _write_iob(path, sentences):
    path.parent.mkdir(parents=True)
    path.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in sentences) + "\n", encoding="utf-8")


def test_the_generator_counts_person_starts_against_capitalised_uses(tmp_path):
    person = [("Kemarin", "O"), ("Rudi", "B-PERSON"), ("Hartono", "I-PERSON"), ("datang", "O"), (".", "O")]
    other = [("Lalu", "O"), ("Rudi", "B-ORGANIZATION"), ("Group", "I-ORGANIZATION"), ("tutup", "O"), (".", "O")]
    initial = [("Rudi", "B-PERSON"), ("pergi", "O"), (".", "O")]          # sentence-initial: not counted
    _write_iob(tmp_path / "ner" / "id" / "nergrit" / "train.iob", [person] * 5 + [initial] * 3)
    result = given_names(["id"], tmp_path, min_count=5, min_precision=0.95)
    assert result["words"] == {"Rudi": {"person": 5, "all": 5, "precision": 1.0}}
    _write_iob(tmp_path / "ner" / "id" / "nerui" / "train.iob", [other])    # one use as an organisation
    assert given_names(["id"], tmp_path, min_count=5, min_precision=0.95)["words"] == {}
    assert given_names(["id"], tmp_path, min_count=5, min_precision=0.8)["words"]["Rudi"]["all"] == 6


def test_the_command_writes_the_file_the_loader_reads(tmp_path):
    person = [("Kemarin", "O"), ("Rudi", "B-PERSON"), ("datang", "O")]
    _write_iob(tmp_path / "ner" / "id" / "nergrit" / "train.iob", [person] * 5)
    out = tmp_path / "given_names.json"
    assert main(["--langs", "id", "--data", str(tmp_path), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "_comment" in data and list(data["words"]) == ["Rudi"]


@pytest.mark.parametrize("text, ents, expected", [
    ("kata Kirana di Gedung Telkom , Jakarta .", [("Kirana", "PLACE")], "PERSON"),
    # a place the gazetteer knows stays one, and so does a run that starts with a common word
    ("kata Bandung kemarin .", [("Bandung", "PLACE")], "PLACE"),
    ("kata Kantor Meteorologi Kirana .", [("Kantor Meteorologi Kirana", "PLACE")], "PLACE"),
    # not after another word
    ("tiba di Kirana kemarin .", [("Kirana", "PLACE")], "PLACE"),
])
def test_a_place_right_after_a_verb_of_saying_is_the_speaker(blank, text, ents, expected):
    assert "kata" in name_rules("id").speech_verbs
    assert [label for _, label in labels(run(blank, "id", text, ents)) if _ == ents[0][0]] == [expected]
    assert (ents[0][0], "PLACE") in labels(run(blank, "id", text, ents, use_speakers=False))


def test_a_degree_after_a_name_is_no_second_person(blank):
    text = "Rina Kartika , SpA mengatakan hal itu ."
    ents = [("Rina Kartika", "PERSON"), ("SpA", "PERSON")]
    assert labels(run(blank, "id", text, ents)) == [("Rina Kartika", "PERSON")]
    assert labels(run(blank, "id", text, ents, drop_degrees=False)) == ents
