"""The corpus gold is pinned to its text: a changed text or shifted offset fails loudly."""
import json

import pytest

from warta.paths import corpus_dir
from warta.evaluation.gold import load_gold, load_texts
from warta.records import GoldMismatchError, text_sha256

SEED_ID = "ai-tiongkok-600-juta-pengguna"


def test_seed_gold_matches_its_text():
    texts = load_texts()
    [gold] = [g for g in load_gold(corpus_dir() / "gold" / "seed.jsonl", texts) if g["doc_id"] == SEED_ID]
    assert gold["text_sha256"] == text_sha256(texts[SEED_ID])
    labels = {s["label"] for s in gold["spans"]}
    assert labels == {"PERSON", "ORG", "PLACE", "FIGURE", "DATE"}
    for span in gold["spans"]:
        assert texts[SEED_ID][span["start"]:span["end"]] == span["text"]


def test_gold_on_a_changed_text_fails_with_a_clear_error(tmp_path):
    texts = load_texts()
    changed = {SEED_ID: texts[SEED_ID].replace("Tiongkok", "Tiongkok ", 1)}
    with pytest.raises(GoldMismatchError, match="text_sha256 .* does not match"):
        load_gold(corpus_dir() / "gold" / "seed.jsonl", changed)


def test_gold_with_a_wrong_offset_fails(tmp_path):
    text = "Budi tinggal di Medan."
    record = {"doc_id": "x", "text_sha256": text_sha256(text),
              "spans": [{"start": 0, "end": 5, "label": "PERSON", "text": "Budi"}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(GoldMismatchError, match="span PERSON"):
        load_gold(path, {"x": text})


def test_manifest_lists_readable_documents():
    texts = load_texts()
    assert SEED_ID in texts and len(texts[SEED_ID]) > 1000
