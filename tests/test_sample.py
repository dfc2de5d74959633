"""warta sample: documents of a run picked for annotation, stratified by month and label profile, reproducible."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from warta.cli import main
from warta.evaluation.sampling import allocate, stratum_of, write_sample
from warta.records import make_doc_record, make_span

MONTHS = ("2024-01-15", "2024-02-15", "2024-03-15", None)
PROFILES = (("PERSON",), ("FIGURE", "DATE"), ())


def record(number: int) -> dict:
    """Document ``number``: a month and a label profile that vary, strata of uneven size."""
    month = MONTHS[number % 4 if number % 7 else 0]
    labels = PROFILES[number % 3]
    text = f"dokumen {number} " + " ".join(f"kata{i}" for i in range(12))
    spans = [make_span(i * 6, i * 6 + 5, label, text[i * 6:i * 6 + 5]) for i, label in enumerate(labels)]
    return make_doc_record(f"doc-{number:03d}", text, lang="id", published=month, spans=spans)


@pytest.fixture
def run(tmp_path) -> Path:
    records = [record(n) for n in range(240)]
    records.insert(17, make_doc_record("unreadable", None, status="error", error="x.txt: binary file"))
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def chosen_ids(out: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_same_seed_picks_the_same_documents_and_another_seed_others(run, tmp_path):
    write_sample(run, tmp_path / "a", 30, seed=1)
    write_sample(run, tmp_path / "b", 30, seed=1)
    write_sample(run, tmp_path / "c", 30, seed=2)
    assert (tmp_path / "a" / "documents.jsonl").read_bytes() == (tmp_path / "b" / "documents.jsonl").read_bytes()
    assert chosen_ids(tmp_path / "a") != chosen_ids(tmp_path / "c")
    assert len(chosen_ids(tmp_path / "a")) == 30 == len(set(chosen_ids(tmp_path / "a")))


def test_every_stratum_is_represented_when_n_allows(run, tmp_path):
    summary = write_sample(run, tmp_path / "out", 12, seed=5)
    assert len(summary["strata"]) == 12                  # 4 months × 3 profiles
    assert all(stratum["chosen"] == 1 for stratum in summary["strata"].values())
    picked = {stratum_of(json.loads(line)) for line in (tmp_path / "out" / "documents.jsonl").open(encoding="utf-8")}
    assert picked == set(summary["strata"])


def test_larger_strata_get_more_when_n_is_larger(run, tmp_path):
    summary = write_sample(run, tmp_path / "out", 120, seed=0)
    strata = summary["strata"]
    biggest = max(strata, key=lambda key: strata[key]["documents"])
    smallest = min(strata, key=lambda key: strata[key]["documents"])
    assert strata[biggest]["chosen"] > strata[smallest]["chosen"] >= 1
    assert sum(s["chosen"] for s in strata.values()) == 120


def test_n_larger_than_the_run_gives_every_readable_document_in_run_order(run, tmp_path):
    summary = write_sample(run, tmp_path / "out", 10_000)
    ids = chosen_ids(tmp_path / "out")
    assert ids == [f"doc-{n:03d}" for n in range(240)]    # the error record has no text to annotate
    assert summary["chosen"] == summary["candidates"] == 240


def test_strata_name_month_labels_and_size():
    assert stratum_of(record(4)) == "2024-01 | DATE/TIME+FIGURE | 1-9"
    assert stratum_of(record(3)) == "unknown | names | 1-9"
    assert stratum_of(record(2)) == "2024-03 | none | 0"


def test_allocate_gives_one_each_then_shares_the_rest_by_size():
    assert allocate({"a": 90, "b": 9, "c": 1}, 10, random.Random(0)) == {"a": 7, "b": 2, "c": 1}


def test_allocate_shares_n_in_proportion_alone_when_n_is_below_the_strata():
    assert allocate({"a": 80, "b": 15, "c": 4, "d": 1}, 2, random.Random(0)) == {"a": 2, "b": 0, "c": 0, "d": 0}


def test_cli_writes_the_sample_and_its_summary(run, tmp_path, capsys):
    out = tmp_path / "sample"
    assert main(["-q", "sample", str(run), "-o", str(out), "-n", "20", "--seed", "4"]) == 0
    summary = json.loads((out / "sample.json").read_text(encoding="utf-8"))
    assert summary["requested"] == 20 and summary["seed"] == 4 and summary["chosen"] == len(chosen_ids(out)) == 20
    table = capsys.readouterr().out
    assert "2024-02 | names | 1-9" in table and table.splitlines()[-1].split()[-2:] == ["240", "20"]


@pytest.mark.parametrize("content, problem", [(None, "no such file"), ('{"doc_id": "x"}\nnot json\n', ":2: malformed JSON")])
def test_a_missing_or_malformed_run_is_one_line(tmp_path, capsys, content, problem):
    run = tmp_path / "documents.jsonl"
    if content is not None:
        run.write_text(content, encoding="utf-8")
    assert main(["-q", "sample", str(run), "-o", str(tmp_path / "out"), "-n", "5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warta: error: ") and problem in err[0]
