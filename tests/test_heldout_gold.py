"""The held-out FIGURE/DATE/TIME gold of issue 18 is well-formed and disjoint from the other gold sets.

Only its integrity is tested here: its scores are read at the end of the work (corpus/gold/README.md),
never tuned against.
"""
from __future__ import annotations

import pytest

from warta.batch.io import read_jsonl
from warta.evaluation.gold import load_gold
from warta.paths import corpus_dir, shared_data_dir

HELDOUT = ["heldout_bppt_id", "heldout_kumparan_id", "heldout_en"]
LABELS = ["FIGURE", "DATE", "TIME"]


def referenced_lines(name: str) -> set[tuple[str, int]]:
    # a passage ("lines": N) uses each of its N lines
    return {(r["source"]["file"], int(r["source"]["line"]) + k)
            for r in read_jsonl(corpus_dir() / "gold" / f"{name}.jsonl")
            if isinstance(r.get("source"), dict) for k in range(int(r["source"].get("lines", 1)))}


@pytest.mark.parametrize("name", HELDOUT)
def test_heldout_gold_is_well_formed(name):
    records = read_jsonl(corpus_dir() / "gold" / f"{name}.jsonl")
    if any("source" in r for r in records) and not shared_data_dir().exists():
        pytest.skip(f"{name} refers to texts in ../shared/data, which is absent here (a user's clone)")
    gold = load_gold(corpus_dir() / "gold" / f"{name}.jsonl")       # checks text_sha256 and every offset
    assert len(gold) >= 40
    assert len({r["doc_id"] for r in gold}) == len(gold)
    for record in gold:
        assert record["labels"] == LABELS
        assert all(span["label"] in LABELS for span in record["spans"])


def test_heldout_sentences_are_in_no_other_gold_set():
    others = {path.stem for path in (corpus_dir() / "gold").glob("*.jsonl")} - set(HELDOUT)
    used = set().union(*(referenced_lines(name) for name in others))
    for name in HELDOUT:
        assert not referenced_lines(name) & used, name
