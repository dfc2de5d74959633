"""Fast checks of the shipped English NER model (models/en_ner), the counterpart of test_ner_model.py."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import spacy

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

MODEL_DIR = REPO_ROOT / "models" / "en_ner"
DATA_DIR = REPO_ROOT / ".." / "shared" / "data"
LABEL_MAP = REPO_ROOT / "configs" / "ner_label_map_en.json"
PROJECT_LABELS = set(json.loads(LABEL_MAP.read_text(encoding="utf-8"))["project_labels"])
WNUT_VALID = DATA_DIR / "ner" / "en" / "wnut17" / "valid.iob"

# Sentences written for these tests (not taken from any corpus).
SENTENCES = [
    "President Joko Widodo met Treasury Secretary Janet Yellen in Washington on Monday.",
    "Apple hired 300 engineers in London last week, the company said.",
    "The World Bank expects Indonesia's economy to grow 5 percent next year.",
    "Shares of Toyota fell in Tokyo after the announcement by chief executive Koji Sato.",
]


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL_DIR / "config.cfg").exists():
        pytest.fail(f"shipped model missing: {MODEL_DIR} (train it with: warta train --lang en)")
    return spacy.load(MODEL_DIR)


def test_model_loads_with_expected_pipeline(nlp):
    assert nlp.lang == "en"
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == PROJECT_LABELS


def test_only_project_labels(nlp):
    for doc in nlp.pipe(SENTENCES):
        assert {ent.label_ for ent in doc.ents} <= PROJECT_LABELS, [(e.text, e.label_) for e in doc.ents]


def test_person_and_place_in_news_sentence(nlp):
    doc = nlp(SENTENCES[0])
    ents = {(ent.text, ent.label_) for ent in doc.ents}
    assert "PERSON" in {label for _, label in ents}, ents
    assert ("Washington", "PLACE") in ents, ents


def test_metrics_and_card_shipped():
    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["lang"] == "en" and metrics["seed"] == 0
    for corpus in ("wikiann", "wnut17"):
        scores = metrics["valid"][corpus]
        assert 0.0 <= scores["micro_f1"] <= 1.0 and 0.0 <= scores["macro_f1"] <= 1.0
        assert set(scores["per_label"]) <= PROJECT_LABELS
    english = {"wikiann", "wikigold", "btc", "wnut17", "sec-filings"}
    borrowed = {"nergrit-id", "nerui-id", "idner-news-2k-id"}      # configs/training_en.json: data.borrow, training only
    assert set(metrics["data"]["corpora"]) == english | borrowed
    assert all(metrics["data"]["corpora"][name]["valid_sentences"] == 0 for name in borrowed)
    assert metrics["size_mb"] < 50
    assert metrics["speed"]["words_per_second"] >= 10_000
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "licence not stated upstream" in card and "warta train --lang en" in card
    assert not list(MODEL_DIR.rglob("*.spacy")), "training corpora must not ship with the model"


def test_size_on_disk_under_50_mb():
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 50e6, size


@pytest.mark.skipif(not WNUT_VALID.exists(),
                    reason="../shared/data/ner/en/wnut17/valid.iob not present (shared data only on developer machines)")
def test_rescore_wnut17_valid_matches_metrics(nlp):
    from warta.evaluation.ner import evaluate_iob

    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))["valid"]["wnut17"]
    scores = evaluate_iob(nlp, WNUT_VALID, LABEL_MAP)
    assert abs(scores["micro_f1"] - metrics["micro_f1"]) <= 0.01
    assert abs(scores["macro_f1"] - metrics["macro_f1"]) <= 0.01
