"""Runs that no race, kill, changed input or careless command can break (issue 16, part B).

Each case is reproduced as a user would meet it: a second run into a busy folder, a stale lock,
``kill -9`` of the main process alone and of its whole group, a file added or changed before the
rerun, SIGINT/SIGTERM, bad options, an output path that is a file, a corrupt ``_run.json`` or part
file, a full disk. The kill tests run ``warta extract`` in its own session on a small archive with
one document per partition, and every wait is bounded.
"""
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta.batch.io import OUTPUT_MARKER, read_jsonl
from warta.batch.outdir import LOCK_FILE
from warta.batch.runner import RunOptions, run
from warta.cli import build_parser, main

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Pemerintah Provinsi Jawa Barat menyalurkan bantuan Rp 2,5 miliar kepada 1.200 keluarga di Bandung.",
    "Menteri Perdagangan mengatakan harga beras naik sekitar 4 persen dibanding bulan lalu.",
    "Bank Indonesia mempertahankan suku bunga acuan 6 persen pada Oktober 2024.",
]
WAIT_SECONDS = 180


def write_archive(path: Path, n: int, prefix: str = "doc") -> list[str]:
    ids = [f"{prefix}-{i:04d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as handle:
        for i, doc_id in enumerate(ids):
            # each text its own: a repeated body would reuse the first's extraction (batch/dedup.py) and
            # make the run too quick for the tests that stop it midway
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3)) + f" Laporan nomor {i}."
            handle.write(json.dumps({"id": doc_id, "text": text, "lang": "id"}) + "\n")
    return ids


def doc_ids(out: Path) -> list[str]:
    return [record["doc_id"] for record in read_jsonl(out / "documents.jsonl")]


def start(inputs: list[Path], out: Path, *options: str) -> subprocess.Popen:
    """``warta extract`` in a session of its own (its process group can be killed whole)."""
    command = [sys.executable, "-m", "warta.cli", "-q", "extract", *map(str, inputs), "-o", str(out),
               "--chunk-size", "1", *options]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_parts(process: subprocess.Popen, out: Path, n: int) -> int:
    deadline = time.time() + WAIT_SECONDS
    while time.time() < deadline and process.poll() is None:
        if (done := len(list((out / "_parts").glob("part-*.jsonl")))) >= n:
            return done
        time.sleep(0.05)
    pytest.fail(f"the run wrote fewer than {n} parts (exit {process.poll()}: {process.stderr.read() if process.stderr else ''})")


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def rerun(inputs: list[Path], out: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "warta.cli", "-q", "extract", *map(str, inputs), "-o", str(out),
               "--chunk-size", "1", *options]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=WAIT_SECONDS)


# ---------------------------------------------------------------- races and locks

def test_a_second_run_into_a_busy_folder_refuses_and_the_first_completes(tmp_path, capsys):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 400)
    out = tmp_path / "out"
    first = start([archive], out)
    wait_for_parts(first, out, 1)
    assert first.poll() is None, "the first run is still running"
    code = main(["-q", "extract", str(archive), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "in use by another warta run" in err and f"pid {first.pid}" in err
    assert first.wait(timeout=WAIT_SECONDS) == 0
    assert doc_ids(out) == ids                                  # the first run's output is complete
    assert not (out / LOCK_FILE).exists()                       # released at the end


def test_a_stale_lock_is_taken_over(tmp_path):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / OUTPUT_MARKER).write_text("{}")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()                                                  # a pid that no longer runs
    (out / LOCK_FILE).write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename, "started": "earlier"}))
    summary = run([str(archive)], out, RunOptions(), progress=False)
    assert summary["documents"] == 3 and doc_ids(out) == ids


# ---------------------------------------------------------------- kills, new files, changed files

def test_kill_9_of_the_main_process_leaves_no_orphan_and_a_rerun_with_a_new_file_loses_nothing(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    ids = write_archive(inputs / "b.jsonl", 60, prefix="b")
    out = tmp_path / "out"
    process = start([inputs], out, "--workers", "2")
    wait_for_parts(process, out, 3)
    workers = children_of(process.pid)
    assert workers, "the run has worker processes"
    os.kill(process.pid, signal.SIGKILL)                        # the main process alone
    process.wait()
    deadline = time.time() + 10
    while any(alive(pid) for pid in workers) and time.time() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "a worker outlived its parent"
    assert not (out / "_summary.json").exists()
    new_ids = write_archive(inputs / "a.jsonl", 4, prefix="a")   # sorts before b.jsonl
    done = rerun([inputs], out)
    assert done.returncode == 0, done.stderr
    got = doc_ids(out)
    assert sorted(got) == sorted(ids + new_ids) and len(got) == len(set(got))   # each exactly once
    assert got[:len(ids)] == ids                                 # the new file is read after the others


def test_kill_9_of_the_whole_group_then_rerun_gives_every_document_once(tmp_path):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 40)
    out = tmp_path / "out"
    process = start([archive], out)
    wait_for_parts(process, out, 2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert (out / LOCK_FILE).exists()                            # left behind, stale
    done = rerun([archive], out)
    assert done.returncode == 0, done.stderr
    assert doc_ids(out) == ids
    assert len(read_jsonl(out / "documents.jsonl")) == 40


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_run_with_one_line_and_leaves_it_resumable(tmp_path, signum):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 40)
    out = tmp_path / "out"
    process = start([archive], out, *(["--workers", "2"] if signum == signal.SIGTERM else []))
    wait_for_parts(process, out, 2)
    workers = children_of(process.pid)
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert err.count("\n") == 1 and f"stopped by {signal.Signals(signum).name}" in err and "resumes" in err, err
    assert not any(alive(pid) for pid in workers)
    assert not (out / "_summary.json").exists() and not (out / LOCK_FILE).exists()
    if signum == signal.SIGTERM:                                 # one resume suffices to show it
        done = rerun([archive], out)
        assert done.returncode == 0, done.stderr
        assert doc_ids(out) == ids


def unfinished_run(tmp_path: Path, n: int = 6, chunk_size: int = 2) -> tuple[Path, Path, list[str]]:
    """A finished run made to look killed (no summary): every part written."""
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, n)
    out = tmp_path / "out"
    run([str(archive)], out, RunOptions(chunk_size=chunk_size), progress=False)
    (out / "_summary.json").unlink()
    return archive, out, ids


def test_a_changed_input_refuses_to_resume_and_restart_begins_again(tmp_path, capsys):
    archive, out, ids = unfinished_run(tmp_path)
    with archive.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "late", "text": SENTENCES[0]}) + "\n")
    code = main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert str(archive) in err and "changed size" in err and "--restart" in err
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2", "--restart"]) == 0
    assert doc_ids(out) == ids + ["late"]


def test_same_size_changed_content_is_a_change_and_a_touch_is_not(tmp_path, capsys):
    archive, out, ids = unfinished_run(tmp_path)
    os.utime(archive)                                            # touched: same content
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"]) == 0
    (out / "_summary.json").unlink()
    text = archive.read_text(encoding="utf-8")
    archive.write_text(text.replace("doc-0000", "doc-000X"), encoding="utf-8")
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"]) == 2
    assert "changed content" in capsys.readouterr().err


def test_a_damaged_part_file_is_redone(tmp_path):
    archive, out, ids = unfinished_run(tmp_path)
    first = (out / "documents.jsonl").read_bytes()
    part = out / "_parts" / "part-000001.jsonl"
    part.write_text(part.read_text(encoding="utf-8")[:50], encoding="utf-8")       # cut mid-record
    summary = run([str(archive)], out, RunOptions(chunk_size=2), progress=False)
    assert summary["partitions_run"] == 1 and summary["documents"] == len(ids)
    assert (out / "documents.jsonl").read_bytes() == first


def test_a_corrupt_run_file_is_one_clear_line(tmp_path, capsys):
    archive, out, _ = unfinished_run(tmp_path)
    (out / "_run.json").write_text('{"format": 2, "identity": {', encoding="utf-8")
    code = main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "_run.json is unreadable" in err and "Traceback" not in err
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2", "--restart"]) == 0


# ---------------------------------------------------------------- the output folder is Warta's alone

def test_an_output_path_that_is_a_file_is_one_clear_line(tmp_path, capsys):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 1)
    (tmp_path / "out").write_text("mine")
    code = main(["-q", "extract", str(archive), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "is a file" in err
    assert (tmp_path / "out").read_text() == "mine"


def test_a_folder_with_someone_elses_files_under_wartas_names_is_refused_untouched(tmp_path, capsys):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 1)
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "contract.pdf").write_text("precious")
    code = main(["-q", "extract", str(archive), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "did not write" in err
    assert (out / "documents" / "contract.pdf").read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["documents"]


def test_other_files_in_an_output_folder_survive_reruns(tmp_path):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")                       # a folder with other files is fine
    run([str(archive)], out, RunOptions(chunk_size=2), progress=False)
    (out / "_parts" / "keep.txt").write_text("mine too")
    (out / "metrics.json").write_text("{}")
    run([str(archive)], out, RunOptions(chunk_size=2), progress=False)   # a finished run: afresh
    assert doc_ids(out) == ids
    assert (out / "notes.txt").read_text() == "mine" and (out / "_parts" / "keep.txt").read_text() == "mine too"
    assert (out / "metrics.json").exists() and (out / OUTPUT_MARKER).exists()


def test_an_input_inside_the_output_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    write_archive(tmp_path / "a.jsonl", 2)
    run([str(tmp_path / "a.jsonl")], out, RunOptions(), progress=False)
    code = main(["-q", "extract", str(out / "documents.jsonl"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "lies in the output folder" in err


def test_a_full_disk_is_one_clear_line_and_the_run_resumes(tmp_path, capsys, monkeypatch):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 4)
    out = tmp_path / "out"

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        code = main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "No space left on device" in err and "Traceback" not in err
    assert not (out / LOCK_FILE).exists()
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2"]) == 0
    assert doc_ids(out) == ids


# ---------------------------------------------------------------- options

@pytest.mark.parametrize("option", [["--workers", "0"], ["--workers", "-2"], ["--chunk-size", "0"],
                                    ["--chunk-size", "-1"], ["--limit", "-1"], ["--sample", "-5"],
                                    ["--time-limit", "-1"], ["--time-limit", "nan"], ["--workers", "two"]])
def test_bad_numbers_are_refused_by_the_argument_parser(option, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["extract", "in.jsonl", "-o", "out", *option])
    assert exit_info.value.code == 2 and option[0] in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--limit", "0"], ["--sample", "0"]])
def test_zero_documents_means_none_processed(tmp_path, option):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 5)
    assert main(["-q", "extract", str(archive), "-o", str(tmp_path / "out"), *option]) == 0
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text())
    assert summary["documents"] == 0 and (tmp_path / "out" / "documents.jsonl").read_text() == ""


def test_workers_are_never_more_than_the_partitions(tmp_path, monkeypatch):
    from warta.batch.pool import WorkerPool
    started = []
    original = WorkerPool._start

    def counting_start(self):
        started.append(1)
        return original(self)

    monkeypatch.setattr(WorkerPool, "_start", counting_start)
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 5)
    summary = run([str(archive)], tmp_path / "out", RunOptions(chunk_size=2, workers=8), progress=False)
    assert summary["documents"] == 5 and len(started) == 3 and summary["workers"] <= 3


# ---------------------------------------------------------------- pathological text, time limits

def test_a_wall_of_capitalised_words_is_searched_in_bounded_windows():
    import warta
    from warta.components.names import MAX_NAME_TOKENS, MAX_RUN_TOKENS
    from warta.nlp import make_doc

    nlp = warta.load("id")
    names = nlp.get_pipe("warta_names")
    prose = make_doc(nlp, "Kemarin Bank Indonesia dan Otoritas Jasa Keuangan bertemu di Jakarta.", None)
    assert names.candidate_regions(prose) == [(0, 7)]           # a run of prose: whole, as before
    wall = make_doc(nlp, "Bank Indonesia " * 1000, None)          # 2,000 name words in one run
    regions = names.candidate_regions(wall)
    assert all(end - start <= MAX_RUN_TOKENS for start, end in regions)
    assert regions[0][0] == 0 and regions[-1][1] == len(wall)
    assert all(later[0] - earlier[0] == MAX_NAME_TOKENS for earlier, later in zip(regions, regions[1:]))
    started = time.perf_counter()
    record = warta.extract("Bank Indonesia " * 2000, lang="id")  # 30,000 characters
    assert record["status"] == "ok" and time.perf_counter() - started < 30


def test_the_time_limit_holds_in_a_worker_thread_as_in_the_main_thread():
    import threading
    from warta.batch.engine import DocumentTimeout, time_limit

    def busy(seconds: float, result: list) -> None:
        started = time.perf_counter()
        try:
            with time_limit(seconds):
                while time.perf_counter() - started < 10:
                    pass
        except DocumentTimeout as exc:
            result.append((round(time.perf_counter() - started, 1), str(exc)))

    in_thread: list = []
    thread = threading.Thread(target=busy, args=(0.3, in_thread))
    thread.start()
    thread.join(timeout=15)
    in_main: list = []
    busy(0.3, in_main)
    assert in_thread and in_thread[0][0] < 2 and "took longer than" in in_thread[0][1]
    assert in_main and in_main[0][0] < 2 and "took longer than" in in_main[0][1]


# ---------------------------------------------------------------- memory ceiling, dying workers

def test_the_memory_ceiling_stops_a_document_that_passes_it():
    from warta.batch.engine import MemoryCeilingExceeded, memory_ceiling
    from warta.batch.processes import release_memory, rss_mb

    ceiling = rss_mb() + 300
    held = []
    with pytest.raises(MemoryCeilingExceeded, match=f"used more than {ceiling:.0f} MB"):
        with memory_ceiling(ceiling):
            for _ in range(400):                                 # up to 4 GB, 10 MB at a time
                held.append(b"x" * (10 * 2**20))
                time.sleep(0.005)
    assert 250 <= 10 * len(held) < 1000                          # stopped soon after the ceiling
    held.clear()
    assert release_memory() < ceiling


def fake_partition(chunk_id, docs, flag_dir, die_on):
    """A partition 'extraction' that kills its worker on the chunks of ``die_on`` (once, or always)."""
    if chunk_id in die_on and not all(doc.error for doc in docs):
        flag = Path(flag_dir) / f"died-{chunk_id}"
        if die_on[chunk_id] == "always" or not flag.exists():
            flag.touch()
            os._exit(3)
    return {"chunk": chunk_id, "docs": len(docs), "pid": os.getpid(),
            "errors": [doc.error for doc in docs if doc.error]}


def leaky_partition(chunk_id, docs, target_mb, held=[]):
    from warta.batch.processes import rss_mb
    while rss_mb() < target_mb:                                  # a heap a document left behind
        held.append(b"x" * (20 * 2**20))
    return {"chunk": chunk_id, "docs": len(docs), "pid": os.getpid()}


def one_doc_tasks(n):
    from warta.batch.io import InputDoc
    return [(i, [InputDoc(f"d{i}", "text", f"in:{i}")]) for i in range(n)]


@pytest.mark.parametrize("how", ["once", "always"])
def test_a_worker_that_dies_mid_partition_is_replaced_and_nothing_is_lost(tmp_path, how):
    from warta.batch.pool import WorkerPool

    pool = WorkerPool(2, fake_partition, (str(tmp_path), {1: how}))
    stats = sorted(pool.map(one_doc_tasks(4)), key=lambda s: s["chunk"])
    assert [s["chunk"] for s in stats] == [0, 1, 2, 3]           # every partition exactly once
    if how == "once":
        assert stats[1]["errors"] == []                          # redone by another worker
    else:
        assert "worker extracting its partition died (exit code 3) 2 times" in stats[1]["errors"][0]
    assert not pool.running


def test_a_worker_whose_memory_stays_above_the_ceiling_is_replaced():
    from warta.batch.pool import RETIRE_SHARE, WorkerPool
    from warta.batch.processes import rss_mb

    retire_mb = rss_mb() + 100                                   # a forked worker starts below this
    ceiling = retire_mb / RETIRE_SHARE
    leaky = WorkerPool(1, leaky_partition, (retire_mb + 50,), max_memory_mb=ceiling)
    assert len({s["pid"] for s in leaky.map(one_doc_tasks(3))}) == 3
    steady = WorkerPool(1, fake_partition, ("/nonexistent", {}), max_memory_mb=ceiling)
    assert len({s["pid"] for s in steady.map(one_doc_tasks(3))}) == 1


def test_max_memory_reaches_the_run(monkeypatch, tmp_path):
    import warta.batch.runner as runner
    seen = []
    monkeypatch.setattr(runner, "run", lambda inputs, out, options: seen.append(options.max_memory_mb) or {
        "documents": 0, "ok": 0, "error": 0, "words": 0, "seconds": 0, "docs_per_second": 0, "words_per_second": 0})
    for option in ([], ["--max-memory", "800"], ["--max-memory", "0"]):
        main(["-q", "extract", str(tmp_path), "-o", str(tmp_path / "out"), *option])
    assert seen == [runner.MAX_MEMORY_MB, 800.0, None]


def test_the_robustness_benchmark_texts():
    import random
    from warta.benchmarks.robustness import PATHOLOGICAL_CHARS, pathological_text, seed_sentences, unique_token_text

    text = pathological_text()
    words = text.split()
    assert len(text) == PATHOLOGICAL_CHARS and all(word[0].isupper() for word in words)
    assert pathological_text() == text                           # a fixed seed
    rng, sentences = random.Random(0), seed_sentences()
    first, second = unique_token_text(rng, sentences), unique_token_text(rng, sentences)
    assert sentences and first != second
    assert set(first.split()) & set(second.split()) != set(first.split())   # new tokens in each


def test_the_output_of_a_warta_before_the_marker_needs_restart_and_gets_it(tmp_path, capsys):
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 3)
    out = tmp_path / "out"
    (out / "_parts").mkdir(parents=True)
    (out / "_run.json").write_text(json.dumps({"inputs": [str(archive)], "chunk_size": 200}))   # the old format
    (out / "_parts" / "part-000000.jsonl").write_text("{}\n")
    assert main(["-q", "extract", str(archive), "-o", str(out)]) == 2
    assert "--restart" in capsys.readouterr().err
    assert main(["-q", "extract", str(archive), "-o", str(out), "--restart"]) == 0
    assert doc_ids(out) == ids and (out / OUTPUT_MARKER).exists()


def test_the_time_limit_holds_per_document_not_per_batch():
    from warta.batch.engine import extract_stream
    from warta.batch.io import InputDoc

    extract_stream([InputDoc("warm", SENTENCES[0], "warm")], lang="id").__next__()   # the model loads outside the clock
    docs = [InputDoc(f"n{i}", SENTENCES[i % 3], f"n{i}") for i in range(8)]
    docs.insert(3, InputDoc("wall", "Bank Indonesia " * 20000, "wall"))            # ~20 s alone here
    started = time.perf_counter()
    records = {r["doc_id"]: r for r in extract_stream(docs, lang="id", seconds_per_doc=0.5)}
    elapsed = time.perf_counter() - started
    assert "took longer than" in records["wall"]["error"]
    assert all(records[f"n{i}"]["status"] == "ok" for i in range(8))
    assert elapsed < 6            # the batch's one limit, the document's own, the rest (was 9 x 0.5 s for the batch)


def test_a_read_only_output_folder_is_one_clear_line(tmp_path, capsys, monkeypatch):
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 1)

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)               # (root writes through chmod: simulated)
    code = main(["-q", "extract", str(archive), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Read-only file system" in err and "out" in err


def failing_partition(chunk_id, docs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_an_error_in_a_worker_reaches_the_parent_whole():
    from warta.batch.pool import WorkerPool

    pool = WorkerPool(2, failing_partition, ())
    with pytest.raises(OSError, match="No space left on device"):
        list(pool.map(one_doc_tasks(3)))
    assert not pool.running


def test_a_worker_killed_while_idle_is_replaced(tmp_path):
    from warta.batch.pool import WorkerPool

    pool = WorkerPool(1, fake_partition, (str(tmp_path), {}))
    results = pool.map(one_doc_tasks(3))
    first = next(results)
    os.kill(first["pid"], signal.SIGKILL)                        # idle now, between two partitions
    time.sleep(0.3)
    rest = list(results)
    assert sorted(s["chunk"] for s in [first, *rest]) == [0, 1, 2] and rest[-1]["pid"] != first["pid"]


def test_dask_starts_no_more_workers_than_partitions(tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed", reason="dask is an optional extra")
    sizes = []
    real_cluster = distributed.LocalCluster

    def recording_cluster(n_workers, **options):
        sizes.append(n_workers)
        return real_cluster(n_workers=n_workers, **options)

    monkeypatch.setattr(distributed, "LocalCluster", recording_cluster)
    archive = tmp_path / "a.jsonl"
    ids = write_archive(archive, 3)
    summary = run([str(archive)], tmp_path / "out", RunOptions(chunk_size=2, engine="dask", workers=6), progress=False)
    assert sizes == [2] and summary["documents"] == 3 and doc_ids(tmp_path / "out") == ids
