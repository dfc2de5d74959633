"""Batch runs: every input document yields one record; 1 worker, 2 workers and Dask agree;
a run killed with SIGKILL resumes with no duplicate and no missing document."""
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warta.batch.io import Columns, read_jsonl

from warta.batch.tables import read_tables
from warta.batch.runner import RunOptions, RunStateError, run

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Pemerintah Provinsi Jawa Barat menyalurkan bantuan Rp 2,5 miliar kepada 1.200 keluarga di Bandung pada Senin (14/10/2024).",
    "Menteri Perdagangan mengatakan harga beras naik sekitar 4 persen dibanding bulan lalu.",
    "Lebih dari 300 peserta dari 12 negara hadir dalam konferensi di Jakarta pekan lalu.",
    "Bank Indonesia mempertahankan suku bunga acuan 6 persen pada Oktober 2024.",
]


def write_archive(path: Path, n: int, words: int = 1) -> list[str]:
    ids = [f"doc-{i:04d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as handle:
        for i, doc_id in enumerate(ids):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(words))
            handle.write(json.dumps({"id": doc_id, "text": text, "published": f"2024-{1 + i % 12:02d}-15"}) + "\n")
    return ids


def records(out: Path) -> list[dict]:
    return read_jsonl(out / "documents.jsonl")


def test_one_and_two_workers_give_identical_output(tmp_path):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 60)
    run([str(archive)], tmp_path / "w1", RunOptions(chunk_size=7, workers=1), progress=False)
    summary = run([str(archive)], tmp_path / "w2", RunOptions(chunk_size=7, workers=2), progress=False)
    assert summary["workers"] == 2 and summary["documents"] == 60
    assert (tmp_path / "w1" / "documents.jsonl").read_bytes() == (tmp_path / "w2" / "documents.jsonl").read_bytes()
    documents, mentions = read_tables(tmp_path / "w2")
    assert len(documents) == 60 and (mentions["label"] == "FIGURE").sum() > 60
    assert sorted(p.name for p in (tmp_path / "w2" / "documents" / "lang=id").iterdir())[:2] == [
        "month=2024-01", "month=2024-02"]


def test_dask_local_cluster_matches_the_local_engine(tmp_path):
    pytest.importorskip("dask.distributed", reason="dask is an optional extra: pip install 'warta[dask]'")
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 30)
    run([str(archive)], tmp_path / "local", RunOptions(chunk_size=8), progress=False)
    summary = run([str(archive)], tmp_path / "dask", RunOptions(chunk_size=8, engine="dask", workers=2), progress=False)
    assert summary["documents"] == 30
    assert (tmp_path / "local" / "documents.jsonl").read_bytes() == (tmp_path / "dask" / "documents.jsonl").read_bytes()


def test_killed_run_resumes_without_duplicates_or_gaps(tmp_path):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 400, words=6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "warta.cli", "-q", "extract", str(archive), "-o", str(out), "--chunk-size", "5"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while len(list((out / "_parts").glob("part-*.jsonl"))) < 4 and time.time() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    parts_at_kill = len(list((out / "_parts").glob("part-*.jsonl")))
    assert 4 <= parts_at_kill < 80 and not (out / "_summary.json").exists(), "the run was not killed mid-way"
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["partitions_run"] == 80 - parts_at_kill          # only the missing partitions were redone
    assert [r["doc_id"] for r in records(out)] == ids                # none lost, none twice, in order
    fresh = tmp_path / "fresh"
    run([str(archive)], fresh, RunOptions(chunk_size=5), progress=False)
    assert (fresh / "documents.jsonl").read_bytes() == (out / "documents.jsonl").read_bytes()


def test_bad_archive_gives_one_record_per_document(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(SENTENCES[0], encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "page.txt").write_text("<html><body><p>Harga naik 5 persen di Medan.</p></body></html>", encoding="utf-8")
    (root / "huge.txt").write_text("kata " * 10_000_000, encoding="utf-8")          # 50 MB
    (root / "empty.txt").write_text("", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": SENTENCES[1]}), "{not json", json.dumps({"id": "j3"}),
             json.dumps({"id": "j1", "text": SENTENCES[2]})]                          # j1 twice
    (root / "sub" / "lines.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (root / "sub" / "one.json").write_text(json.dumps({"id": "js", "text": SENTENCES[3]}), encoding="utf-8")
    pq.write_table(pa.table({"body": [SENTENCES[0], None], "key": ["p1", "p2"]}), root / "t.parquet")
    out = tmp_path / "out"
    summary = run([str(root)], out, RunOptions(chunk_size=3, columns=Columns(text="text")), progress=False)
    got = {r["doc_id"]: r for r in records(out)}
    assert summary["documents"] == len(got) == 11         # the Parquet file without its text column is one
    errors = {k: r["error"] for k, r in got.items() if r["status"] == "error"}
    assert "binary file" in errors["binary"]
    assert "too long" in errors["huge"] and "empty text" in errors["empty"]
    assert got["page"]["status"] == "ok" and got["good"]["status"] == "ok" and got["js"]["status"] == "ok"
    assert any("malformed JSON" in e and "lines.jsonl.gz:2" in e for e in errors.values())
    assert any("duplicate id 'j1'" in e for e in errors.values())
    assert any("no 'text' column" in e for e in errors.values())                     # parquet without mapping
    remapped = run([str(root / "t.parquet")], tmp_path / "pq",
                   RunOptions(columns=Columns(text="body", id="key")), progress=False)
    assert remapped["ok"] == 1 and remapped["error"] == 1                            # p2 has no text


def test_limit_sample_and_time_limit(tmp_path):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 50)
    run([str(archive)], tmp_path / "l", RunOptions(limit=7), progress=False)
    assert [r["doc_id"] for r in records(tmp_path / "l")] == ids[:7]
    run([str(archive)], tmp_path / "s", RunOptions(sample=5), progress=False)
    sampled = [r["doc_id"] for r in records(tmp_path / "s")]
    assert len(set(sampled)) == 5 and set(sampled) <= set(ids) and sampled != ids[:5]
    run([str(archive)], tmp_path / "t", RunOptions(limit=3, seconds_per_doc=1e-6), progress=False)
    assert all("took longer" in r["error"] for r in records(tmp_path / "t"))


def test_a_different_run_in_the_same_directory_is_refused(tmp_path):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 5)
    out = tmp_path / "out"
    run([str(archive)], out, RunOptions(limit=2), progress=False)
    (out / "_summary.json").unlink()                       # as if that run had been killed
    with pytest.raises(RunStateError, match=r"other settings \(chunk_size\)"):
        run([str(archive)], out, RunOptions(limit=2, chunk_size=3), progress=False)
    summary = run([str(archive)], out, RunOptions(limit=2, chunk_size=3, restart=True), progress=False)
    assert summary["documents"] == 2 and summary["partitions_run"] == 1
