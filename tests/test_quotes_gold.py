"""The QUOTE gold of issue 20 is well-formed, of the planned sizes, and shares no line with any other gold set.

Only its integrity is tested here. The held-out parts (quotes_heldout_id, quotes_heldout_en) are scored at the end
of the work only (corpus/gold/README.md, "Quotes gold (issue 20)"), never tuned against.
"""
from __future__ import annotations

import re

import pytest

from warta.batch.io import read_jsonl, resolve_source
from warta.evaluation.gold import gold_text, load_gold
from warta.paths import corpus_dir, shared_data_dir

SIZES = {"quotes_dev_id": (40, 40), "quotes_heldout_id": (150, None),
         "quotes_dev_en": (10, 10), "quotes_heldout_en": (40, None)}
QUOTE_SETS = list(SIZES)
ID_FILES = {"data/raw/bppt_panl_id_news.jsonl": "text", "data/raw/kumparan_postag_id.jsonl": "tokens"}


def gold_path(name: str):
    return corpus_dir() / "gold" / f"{name}.jsonl"


def records(name: str) -> list[dict]:
    found = read_jsonl(gold_path(name))
    if any("source" in r for r in found) and not shared_data_dir().exists():
        pytest.skip(f"{name} refers to texts in ../shared/data, which is absent here (a user's clone)")
    return found


def referenced_lines(name: str) -> set[tuple[str, int]]:
    """Every (file, line) a gold set refers to, a passage of N lines counting N."""
    lines = set()
    for r in read_jsonl(gold_path(name)):
        source = r.get("source")
        if isinstance(source, dict):
            first = int(source["line"])
            lines.update((source["file"], n) for n in range(first, first + int(source.get("lines", 1))))
    return lines


def _offsets_ok(pair, length: int) -> bool:
    return (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, int) for x in pair)
            and 0 <= pair[0] < pair[1] <= length)


@pytest.mark.parametrize("name", QUOTE_SETS)
def test_quotes_gold_is_well_formed(name):
    found = records(name)
    gold = load_gold(gold_path(name))                     # checks text_sha256 and every span's offsets
    assert len(gold) == len(found)
    assert len({r["doc_id"] for r in gold}) == len(gold)
    lang = name.rsplit("_", 1)[1]
    for record in gold:
        assert record["lang"] == lang, record["doc_id"]
        assert record["labels"] == ["QUOTE"], record["doc_id"]
        text = gold_text(record)
        if lang == "id":                                  # a passage of 2-4 consecutive lines, by reference
            source = record["source"]
            assert ID_FILES.get(source["file"]) == source["field"], record["doc_id"]
            assert 2 <= source["lines"] <= 4, record["doc_id"]
            assert "text" not in record, record["doc_id"]  # third-party text is never stored
        else:
            assert isinstance(record["text"], str) and "source" not in record
        spans = sorted(record["spans"], key=lambda s: s["start"])
        for before, after in zip(spans, spans[1:]):
            assert before["end"] <= after["start"], (record["doc_id"], before["text"], after["text"])
        for span in spans:
            where = (record["doc_id"], span["text"])
            assert span["label"] == "QUOTE", where
            assert span["text"] == span["text"].strip() and span["text"], where
            for key in ("speaker", "cue"):
                assert key in span, where
                assert span[key] is None or _offsets_ok(span[key], len(text)), where
            if span["cue"] is not None:                  # the cue word stands outside the quote
                assert span["cue"][1] <= span["start"] or span["end"] <= span["cue"][0], where
            if span["speaker"] is None:
                assert span["speaker_canonical"] is None, where
            else:
                canonical = span["speaker_canonical"]
                assert canonical is None or (isinstance(canonical, str) and canonical.strip()), where
            role = span.get("speaker_role")
            assert role is None or (span["speaker"] is not None and role in text), where


@pytest.mark.parametrize("name", QUOTE_SETS)
def test_quotes_gold_sizes(name):
    found = records(name)
    least, most = SIZES[name]
    assert len(found) >= least and (most is None or len(found) <= most), len(found)
    assert sum(len(r["spans"]) for r in found) >= len(found)      # chosen so that quotes occur
    assert any(not r["spans"] for r in found)                     # and passages without one, for precision
    if name.endswith("_id"):                                      # both corpora
        files = {r["source"]["file"] for r in found}
        assert files == set(ID_FILES), files


def test_quote_passages_are_in_no_other_gold_set():
    records("quotes_dev_id")
    others = {path.stem for path in (corpus_dir() / "gold").glob("*.jsonl")} - set(QUOTE_SETS)
    used = set().union(*(referenced_lines(name) for name in others))
    dev, heldout = referenced_lines("quotes_dev_id"), referenced_lines("quotes_heldout_id")
    assert dev and heldout
    assert not dev & heldout
    assert not (dev | heldout) & used


def test_english_dev_and_heldout_texts_differ():
    dev = {r["text"] for r in read_jsonl(gold_path("quotes_dev_en"))}
    heldout = {r["text"] for r in read_jsonl(gold_path("quotes_heldout_en"))}
    assert dev and heldout and not dev & heldout


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_no_quote_passage_line_nearly_duplicates_another_gold_line():
    """The kumparan corpus holds processed and clean copies of many sentences: a line of a quote passage must not
    be a near-copy (word Jaccard > 0.5) of a line of another passage or of another gold set."""
    records("quotes_dev_id")
    names = [path.stem for path in (corpus_dir() / "gold").glob("*.jsonl")]
    lines = []
    for name in names:
        for file, number in sorted(referenced_lines(name)):
            field = ID_FILES.get(file, "text")
            words = _words(resolve_source({"file": file, "line": number, "field": field}))
            if len(words) >= 4:
                lines.append((name, file, number, words))
    ours = [line for line in lines if line[0].startswith("quotes_")]
    for name, file, number, words in ours:
        for other_name, other_file, other_number, other_words in lines:
            if (file, number) == (other_file, other_number):
                continue
            if abs(number - other_number) <= 3 and name == other_name and file == other_file:
                continue                                   # lines of the same passage
            jaccard = len(words & other_words) / len(words | other_words)
            assert jaccard <= 0.5, (name, file, number, other_name, other_number, round(jaccard, 2))
