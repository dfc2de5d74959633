"""Fast checks of the shipped Indonesian NER model (models/id_ner)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import spacy

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

MODEL_DIR = REPO_ROOT / "models" / "id_ner"
DATA_DIR = REPO_ROOT / ".." / "shared" / "data"
LABEL_MAP = REPO_ROOT / "configs" / "ner_label_map.json"
PROJECT_LABELS = set(json.loads(LABEL_MAP.read_text(encoding="utf-8"))["project_labels"])

# Sentences written for these tests (not taken from any corpus).
SENTENCES = [
    "Presiden Joko Widodo bertemu Menteri Keuangan Sri Mulyani di Jakarta.",
    "Bank Indonesia menaikkan suku bunga acuan menjadi 6 persen pada Rabu (24/4/2024).",
    "Gubernur Jawa Barat Ridwan Kamil meresmikan jalan tol baru di Bandung.",
    "Komisi Pemberantasan Korupsi (KPK) memeriksa pejabat PT Pertamina di Surabaya.",
    "Timnas Indonesia akan menghadapi Vietnam di Stadion Gelora Bung Karno, kata Erick Thohir.",
]


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL_DIR / "config.cfg").exists():
        pytest.fail(f"shipped model missing: {MODEL_DIR} (train it with warta train --lang id)")
    return spacy.load(MODEL_DIR)


def test_model_loads_with_expected_pipeline(nlp):
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) <= PROJECT_LABELS


def test_only_project_labels(nlp):
    for doc in nlp.pipe(SENTENCES):
        assert {ent.label_ for ent in doc.ents} <= PROJECT_LABELS, [(e.text, e.label_) for e in doc.ents]


def test_person_and_place_in_news_sentence(nlp):
    doc = nlp(SENTENCES[0])
    ents = {(ent.text, ent.label_) for ent in doc.ents}
    labels = {label for _, label in ents}
    assert "PERSON" in labels, ents
    assert "PLACE" in labels, ents
    assert ("Jakarta", "PLACE") in ents, ents


def test_metrics_and_card_shipped():
    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    for corpus in ("nergrit", "nerp", "nerui", "idner-news-2k"):
        scores = metrics["valid"][corpus]
        assert 0.0 <= scores["micro_f1"] <= 1.0 and 0.0 <= scores["macro_f1"] <= 1.0
        assert set(scores["per_label"]) <= PROJECT_LABELS
    assert metrics["seed"] == 0
    assert metrics["size_mb"] < 50
    assert (MODEL_DIR / "MODEL_CARD.md").exists()
    assert not list(MODEL_DIR.rglob("*.spacy")), "training corpora must not ship with the model"


@pytest.mark.skipif(not (DATA_DIR / "ner" / "id" / "nerui" / "valid.iob").exists(),
                    reason="../shared/data/ner/id/nerui/valid.iob not present (shared data only on developer machines)")
def test_rescore_small_valid_split_matches_metrics(nlp):
    from warta.evaluation.ner import evaluate_iob

    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))["valid"]["nerui"]
    scores = evaluate_iob(nlp, DATA_DIR / "ner" / "id" / "nerui" / "valid.iob", LABEL_MAP)
    assert abs(scores["micro_f1"] - metrics["micro_f1"]) <= 0.01
    assert abs(scores["macro_f1"] - metrics["macro_f1"]) <= 0.01
