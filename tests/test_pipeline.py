"""The Python API, the displaCy view and the seed regression test."""
import json
from pathlib import Path

import pytest
from spacy.language import Language

import warta
from warta.cli import main
from warta.paths import corpus_dir
from warta.evaluation.gold import load_gold, load_texts
from warta.evaluation.spans import evaluate, format_report, regressions

SEED_ID = "ai-tiongkok-600-juta-pengguna"
SEED_PATH = corpus_dir() / "docs" / f"{SEED_ID}.txt"
THRESHOLDS = Path(__file__).parent / "baselines" / "seed.json"


def test_load_gives_a_reusable_spacy_language():
    nlp = warta.load("id")
    assert isinstance(nlp, Language)
    assert nlp.pipe_names[-4:] == ["warta_figures", "warta_dates", "warta_quotes", "warta_boilerplate"]
    doc = nlp.make_doc("Lebih dari 200 perusahaan hadir di Bandung pada 13 Oktober 2024.")
    doc = nlp(doc)
    [figure] = doc.spans["figures"]
    assert (figure.text, figure._.value, figure._.unit, figure._.qualifier) == ("Lebih dari 200", 200, "perusahaan", ">")
    [date] = doc.spans["dates"]
    assert (date.text, date._.value, date._.granularity) == ("13 Oktober 2024", "2024-10-13", "day")
    assert "ner" in nlp.pipe_names, "the shipped NER model models/id_ner is missing"
    assert {ent.label_ for ent in doc.ents} <= {"PERSON", "ORG", "PLACE", "EVENT"}


def test_load_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        warta.load("xx")


def test_extract_returns_the_record_schema():
    record = warta.extract("Harga naik sekitar 4 persen kemarin.", lang="id", published="2024-10-16")
    assert record["status"] == "ok" and record["lang"] == "id" and record["published"] == "2024-10-16"
    assert record["pipeline_version"] == warta.__version__
    by_label = {s["label"]: s for s in record["spans"]}
    assert by_label["FIGURE"]["value"] == 4 and by_label["FIGURE"]["unit"] == "%"
    assert by_label["FIGURE"]["qualifier"] == "~" and by_label["FIGURE"]["source"] == "figures"
    assert by_label["DATE"]["value"] == "2024-10-15" and by_label["DATE"]["relative"] is True


def test_relative_dates_without_publication_date_stay_unresolved():
    record = warta.extract("Rapat digelar kemarin di Jakarta.", lang="id")
    [date] = [s for s in record["spans"] if s["label"] == "DATE"]
    assert date.get("value") is None
    assert date["relative"] is True


def test_language_is_detected_when_not_given():
    assert warta.extract("Pemerintah akan menaikkan harga yang sudah ada di pasar.")["lang"] == "id"
    assert warta.extract("The government said that it will raise the price of fuel.")["lang"] == "en"


def test_show_renders_labels_with_values(tmp_path):
    page = tmp_path / "seed.html"
    assert main(["-q", "show", str(SEED_PATH), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "FIGURE &gt;600,000,000 pengguna" in html or "FIGURE >600,000,000 pengguna" in html
    assert "DATE 2024-10-13" in html and "DATE 2024-10" in html


@pytest.fixture(scope="module")
def seed_metrics(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-run")
    assert main(["-q", "extract", str(corpus_dir()), "-o", str(out)]) == 0
    predictions = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return evaluate(load_gold(corpus_dir() / "gold" / "seed.jsonl", load_texts()), predictions)


def test_seed_scores_hold_their_thresholds(seed_metrics):
    """The gold regression test: every stored threshold must still be reached (see tests/baselines)."""
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    dropped = regressions(seed_metrics, thresholds, max_drop=0.0)
    assert not dropped, "\n".join(dropped) + "\n\n" + format_report(seed_metrics)


def test_seed_figures_and_dates_are_exact(seed_metrics):
    per = seed_metrics["strict"]["per_label"]
    assert per["FIGURE"]["f1"] == 1.0 and per["DATE"]["f1"] == 1.0
    assert seed_metrics["values"]["FIGURE"] == {"matched": 4, "value": 1.0, "unit": 1.0, "qualifier": 1.0}
    assert seed_metrics["values"]["DATE"] == {"matched": 2, "value": 1.0, "granularity": 1.0}


# an Indonesian report and its English source (written for this test): the records must agree
PARALLEL = (
    ("id", "Pada Senin (14/10/2024), Kementerian Keuangan menyebut lebih dari 4.500 perusahaan "
           "di Tiongkok menerima dana Rp2,5 triliun, naik 12,5 persen."),
    ("en", "On Monday, October 14, 2024, the Ministry of Finance said more than 4,500 companies "
           "in China received Rp2.5 trillion, up 12.5 percent."),
)


def test_a_report_and_its_english_source_give_the_same_values():
    records = {lang: warta.extract(text) for lang, text in PARALLEL}
    assert {lang: record["lang"] for lang, record in records.items()} == {"id": "id", "en": "en"}

    def values(record, label, field):
        return sorted(s[field] for s in record["spans"] if s["label"] == label and s.get(field) is not None)

    assert values(records["id"], "FIGURE", "value") == values(records["en"], "FIGURE", "value") == [12.5, 4500, 2.5e12]
    assert values(records["id"], "DATE", "value") == values(records["en"], "DATE", "value") == ["2024-10-14"]
    names = {lang: {s["en"] for s in record["spans"] if s["label"] in ("ORG", "PLACE") and s.get("en")}
             for lang, record in records.items()}
    assert {"Ministry of Finance", "China"} <= names["id"] & names["en"]
