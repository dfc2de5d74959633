"""The names gold on kumparan news (issue 19 item 5) is well-formed and disjoint from every other gold set.

Three sets: ``names_kumparan_dev_id`` and ``names_kumparan_dev2_id`` (development: their errors may be read
while writing rules) and ``names_kumparan_id`` (held out: scored, never studied). Only their integrity is tested here; the
scores are in corpus/gold/README.md.
"""
from __future__ import annotations

import json

import pytest

from warta.batch.io import read_jsonl, resolve_source
from warta.evaluation.gold import load_gold
from warta.paths import corpus_dir, shared_data_dir, shared_dir
from warta.records import validate_spans

SETS = {"names_kumparan_dev_id": 60, "names_kumparan_dev2_id": 150, "names_kumparan_id": 150}
LABELS = ["PERSON", "ORG", "PLACE", "EVENT"]
SOURCE = "data/raw/kumparan_postag_id.jsonl"


def gold_path(name: str):
    return corpus_dir() / "gold" / f"{name}.jsonl"


def referenced_lines(name: str) -> set[tuple[str, int]]:
    # a passage ("lines": N) uses each of its N lines
    return {(r["source"]["file"], int(r["source"]["line"]) + k) for r in read_jsonl(gold_path(name))
            if isinstance(r.get("source"), dict) for k in range(int(r["source"].get("lines", 1)))}


def needs_shared():
    if not shared_data_dir().exists():
        pytest.skip("the names gold refers to texts in ../shared/data, which is absent here (a user's clone)")


@pytest.mark.parametrize("name", sorted(SETS))
def test_names_gold_records_are_well_formed(name):
    records = read_jsonl(gold_path(name))
    assert len(records) >= SETS[name]
    assert len({r["doc_id"] for r in records}) == len(records)
    for record in records:
        assert record["lang"] == "id" and record["published"] is None
        assert record["labels"] == LABELS
        assert record["source"]["file"] == SOURCE and record["source"]["field"] == "tokens"
        spans = sorted(record["spans"], key=lambda s: (s["start"], s["end"]))
        for span in spans:
            assert span["label"] in LABELS, (record["doc_id"], span)
            assert span["start"] < span["end"] and span["text"] == span["text"].strip()
            assert span.get("canonical"), (record["doc_id"], span)
        for left, right in zip(spans, spans[1:]):          # flat annotation: no span inside or across another
            assert left["end"] <= right["start"], (record["doc_id"], left, right)


@pytest.mark.parametrize("name", sorted(SETS))
def test_names_gold_offsets_hold_on_the_referenced_text(name):
    needs_shared()
    for record in read_jsonl(gold_path(name)):
        text = resolve_source(record["source"], record["text_sha256"])   # checks text_sha256
        validate_spans(record, text)                                        # text[start:end] == span text
    gold = load_gold(gold_path(name))
    assert len(gold) == len(read_jsonl(gold_path(name)))


def test_names_gold_sets_are_disjoint_from_each_other_and_every_other_gold_set():
    names = sorted(SETS)
    for i, name in enumerate(names):
        for other in names[i + 1:]:
            assert not referenced_lines(name) & referenced_lines(other), (name, other)
    others = {path.stem for path in (corpus_dir() / "gold").glob("*.jsonl")} - set(SETS)
    used = set().union(*(referenced_lines(name) for name in others))
    for name in SETS:
        assert not referenced_lines(name) & used, name


def test_names_gold_has_no_near_duplicate_of_another_gold_sentence():
    """The kumparan file holds near-duplicates (one copy with processed word forms): none may leak across sets."""
    needs_shared()
    path = shared_dir() / SOURCE
    lines = path.read_text(encoding="utf-8").splitlines()
    tokens = lambda line: set(json.loads(lines[line - 1])["tokens"])  # noqa: E731
    others = {path.stem for path in (corpus_dir() / "gold").glob("*.jsonl")} - set(SETS)
    groups = [{n for f, n in referenced_lines(name) if f == SOURCE} for name in sorted(SETS)]
    groups.append({n for name in others for f, n in referenced_lines(name) if f == SOURCE})
    for i, group in enumerate(groups):
        for other in groups[i + 1:]:
            for a in group:
                for b in other:
                    ta, tb = tokens(a), tokens(b)
                    assert len(ta & tb) / len(ta | tb) <= 0.5, (a, b)
