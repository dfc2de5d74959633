"""WARC inputs at scale (issue 17, item 8): partitioned and resumable like any other input, and the
same output whatever the engine — one worker, two, or Dask.

The WARC file is written here with warcio from pages made in the test; no page is downloaded.
"""
import io
import json
import os
import signal

import pytest

from warta.batch.io import read_jsonl
from warta.batch.runner import RunOptions, run
from test_runs import SENTENCES, doc_ids, rerun, start, wait_for_parts

warcio = pytest.importorskip("warcio", reason="warcio reads WARC files (a core dependency: pip install warta)")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Berita {n}</title>
<meta property="article:published_time" content="2024-10-{day:02d}T08:00:00+07:00"></head>
<body><nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a></nav>
<article><h1>Berita nomor {n}</h1>{paragraphs}</article>
<footer>© 2024 Situs Contoh. Hak cipta dilindungi undang-undang.</footer></body></html>"""


def page(n: int) -> bytes:
    paragraphs = "".join(f"<p>{SENTENCES[(n + k) % len(SENTENCES)]} Laporan ke-{n} bagian {k}.</p>" for k in range(3))
    return PAGE.format(n=n, day=1 + n % 28, paragraphs=paragraphs).encode("utf-8")


def write_warc(path, n_pages: int) -> list[str]:
    """A gzipped WARC of ``n_pages`` HTML responses, each after its request record; their URIs."""
    uris = [f"https://situs-contoh.example/berita/{n:04d}" for n in range(n_pages)]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, uri in enumerate(uris):
            request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            response = writer.create_warc_record(uri, "response", payload=io.BytesIO(page(n)), http_headers=headers,
                                                 warc_headers_dict={"WARC-Date": f"2024-10-{1 + n % 28:02d}T09:00:00Z"})
            writer.write_record(response)
    return uris


def test_a_warc_run_killed_and_resumed_gives_every_page_once_and_the_same_records(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, 30)
    whole = tmp_path / "whole"
    assert rerun([archive], whole).returncode == 0
    expected = read_jsonl(whole / "documents.jsonl")
    assert len(expected) == 30 and all(r["status"] == "ok" and r["spans"] for r in expected)
    out = tmp_path / "out"
    process = start([archive], out)
    wait_for_parts(process, out, 3)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = rerun([archive], out)
    assert done.returncode == 0, done.stderr
    assert doc_ids(out) == [r["doc_id"] for r in expected]
    assert (out / "documents.jsonl").read_bytes() == (whole / "documents.jsonl").read_bytes()


def test_one_worker_two_workers_and_dask_give_identical_output_on_a_warc(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    uris = write_warc(archive, 24)
    outputs = {}
    engines = {"one": RunOptions(chunk_size=5, workers=1), "two": RunOptions(chunk_size=5, workers=2)}
    try:
        import dask.distributed  # noqa: F401
        engines["dask"] = RunOptions(chunk_size=5, workers=2, engine="dask")
    except ImportError:           # the dask extra; CI installs it, so the comparison below includes it there
        pass
    for name, options in engines.items():
        summary = run([str(archive)], tmp_path / name, options, progress=False)
        assert summary["documents"] == 24 and summary["ok"] == 24
        outputs[name] = (tmp_path / name / "documents.jsonl").read_bytes()
    records = read_jsonl(tmp_path / "one" / "documents.jsonl")
    assert [r["url"] for r in records] == uris
    assert {r["published_source"] for r in records} == {"html"}
    assert len(set(outputs.values())) == 1, f"engines differ: {sorted(outputs)}"
    assert "dask" in outputs or os.environ.get("CI") is None, "CI runs the Dask engine too"


def test_a_page_captured_in_two_warc_files_is_a_duplicate_not_an_error(tmp_path):
    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    uris = write_warc(first, 3)
    write_warc(second, 2)                                        # the first two pages, captured again
    summary = run([str(first), str(second)], tmp_path / "out", RunOptions(), progress=False)
    records = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert summary["error"] == 0 and [r["status"] for r in records] == ["ok"] * 5
    again = records[3:]
    assert [r["duplicate_of"] for r in again] == uris[:2]
    assert all(r["doc_id"].startswith(f"{uri}@") and str(second) in r["doc_id"] for r, uri in zip(again, uris))
    assert [r["spans"] for r in again] == [r["spans"] for r in records[:2]]


def test_records_that_are_not_pages_are_counted_without_a_warning(tmp_path, caplog):
    from warta.cli import main

    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, 3)                                        # each page after its request record
    with caplog.at_level("INFO", logger="warta"):
        assert main(["extract", str(archive), "-o", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text(encoding="utf-8"))
    assert summary["skipped"] == summary["skipped_expected"] == {"WARC record not HTML (request)": 3}
    assert "passed over (not documents): 3 WARC record not HTML (request)" in caplog.text
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
