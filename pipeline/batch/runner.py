"""Batch runs over archives: partitions, worker processes or a Dask cluster, resumable.

The input stream is cut into numbered partitions of ``chunk_size`` documents. Each partition is
extracted by ``process_partition`` — in this process, in a pool of worker processes, or on a
``dask.distributed`` cluster — which writes ``_parts/part-NNNNNN.jsonl`` atomically. A restarted
run skips the partitions already written, so a killed run resumes with no duplicate and no gap.
When every partition is done, ``finalize`` merges the parts into the output tables.
Duplicates are found as the stream is read, in order (batch/dedup.py): a document with the same
body as an earlier one reuses its extraction, completed when the parts are merged.

The output folder is Warta's alone (batch/outdir.py: marker, exclusive lock, only Warta's files
removed). A resume is exact (batch/fingerprints.py): a changed input refuses to resume, files that
appeared since are read after the others, and a damaged part file is redone. SIGINT/SIGTERM stop
the workers and leave the finished partitions (batch/processes.py).
"""
from __future__ import annotations

import json
import logging
import os
import random
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from itertools import chain, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator

from warta.batch.dedup import DuplicateFinder
from warta.batch.fingerprints import change, display, file_of, fingerprints, input_files
from warta.batch.io import Columns, InputDoc, ReadReport, iter_inputs
from warta.batch.tables import finalize_output
from warta.batch.outdir import (PARTS_DIR, RUN_FILE, SUMMARY_FILE, RunLock, check_output_folder,
                                remove_run_files, remove_temporaries, write_marker)
from warta.batch.pool import WorkerPool
from warta.batch.processes import interrupt_on_signals

log = logging.getLogger("warta")
MAX_MEMORY_MB = 3000.0  # per worker; the shipped models take about 400 MB, a normal batch 100-300 more
# inputs whose ids are URIs or feed guids: the same id in two files is the same page captured twice
CAPTURE_FORMATS = {"warc", "feed"}
RUN_FORMAT = 2          # _run.json: {"format", "identity", "generations": [{path: fingerprint}, ...]}


class RunStateError(Exception):
    """The output folder's run cannot be resumed; the message is the one line the user sees."""


@dataclass
class RunOptions:
    lang: str | None = None
    published: str | None = None
    chunk_size: int = 200
    workers: int = 1
    engine: str = "local"              # local | dask
    scheduler: str | None = None       # dask scheduler address; None starts a LocalCluster
    seconds_per_doc: float = 60.0
    limit: int | None = None
    sample: int | None = None
    columns: Columns = field(default_factory=Columns)
    backend: str = "spacy"             # spacy | stanza
    aliases: tuple[str, ...] = ()      # the user's alias files (docs/schema.md)
    restart: bool = False              # forget an unfinished run in the output folder and begin again
    max_memory_mb: float | None = MAX_MEMORY_MB   # a worker's ceiling: past it, the document is an error
    near_duplicates: float | None = None   # the MinHash similarity threshold of --near-duplicates; None: off


def part_path(out_dir: Path, chunk_id: int) -> Path:
    return out_dir / PARTS_DIR / f"part-{chunk_id:06d}.jsonl"


def process_partition(chunk_id: int, docs: list[InputDoc], out_dir: str, lang: str | None,
                      published: str | None, seconds_per_doc: float, backend: str = "spacy",
                      aliases: tuple[str, ...] = (), max_memory_mb: float | None = None) -> dict:
    """Extract one partition and write its part file; the unit of work of every engine."""
    from warta.batch.engine import extract_stream

    started = time.perf_counter()
    records = list(extract_stream(docs, lang=lang, published=published, seconds_per_doc=seconds_per_doc,
                                  backend=backend, aliases=aliases, max_memory_mb=max_memory_mb))
    target = part_path(Path(out_dir), chunk_id)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)                        # the part exists whole or not at all
    return {"chunk": chunk_id, "docs": len(records), "ok": sum(r["status"] == "ok" for r in records),
            "words": sum(r.get("n_words") or 0 for r in records), "seconds": time.perf_counter() - started,
            "pid": os.getpid(), "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the address space, so unlike
    ru_maxrss it does not inherit the peak of a parent that forked and exec'd this process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def iter_partitions(tagged: Iterable[tuple[int, InputDoc]], chunk_size: int,
                    duplicates: DuplicateFinder | None = None) -> Iterator[tuple[int, list[InputDoc]]]:
    """Numbered partitions of (generation, document) pairs; a generation starts a new partition, so
    files that appeared since a run began never change its earlier partitions. A repeated doc_id
    becomes an error record naming the first one, except for a web capture (a WARC record's URI, a feed
    item's guid), which is renamed ``id@origin``: the same page captured twice. ``duplicates`` marks the documents that repeat an
    earlier one's body (batch/dedup.py)."""
    first_seen: dict[str, str] = {}
    chunk_id = 0
    for _, group in groupby(tagged, key=itemgetter(0)):
        iterator = (doc for _, doc in group)
        while chunk := list(islice(iterator, chunk_size)):
            for index, doc in enumerate(chunk):
                if doc.doc_id in first_seen and (doc.error or doc.source_format in CAPTURE_FORMATS):
                    # an error record keeps its error, not the id; a page captured again (its URI in another
                    # WARC file, its guid in another copy of a feed) is a document of its own
                    doc.doc_id = f"{doc.doc_id}@{doc.origin}"
                    first_seen.setdefault(doc.doc_id, doc.origin)
                elif doc.doc_id in first_seen:
                    chunk[index] = InputDoc(f"{doc.doc_id}@{doc.origin}", None, doc.origin,
                                            error=f"{doc.origin}: duplicate id {doc.doc_id!r} (first at {first_seen[doc.doc_id]})")
                else:
                    first_seen.setdefault(doc.doc_id, doc.origin)
                if duplicates is not None:
                    chunk[index] = duplicates.mark(chunk[index])
            yield chunk_id, chunk
            chunk_id += 1


def select(docs: Iterable, limit: int | None, sample: int | None) -> Iterable:
    """``--limit N``: the first N documents; ``--sample N``: N documents drawn with a fixed seed
    (0: none; None: all)."""
    if sample is not None:
        rng, reservoir = random.Random(0), []
        for seen, doc in enumerate(docs):
            if seen < sample:
                reservoir.append((seen, doc))
            elif sample and (slot := rng.randint(0, seen)) < sample:
                reservoir[slot] = (seen, doc)
        docs = [doc for _, doc in sorted(reservoir, key=lambda pair: pair[0])]
    return islice(docs, limit) if limit is not None else docs


def tagged_inputs(inputs: list[str], columns: Columns, generations: list[dict],
                  report: ReadReport | None = None) -> Iterator[tuple[int, InputDoc]]:
    """Every input document with its generation: the first generation's files in reading order,
    then each later one's (a document whose file is in no listing belongs to the first). What
    reading skipped or warned about is counted in ``report`` on the first pass (it reads all)."""
    generation_of = {display(path): number for number, files in enumerate(generations) for path in files}
    for number in range(len(generations)):
        for doc in iter_inputs(inputs, columns, report if number == 0 else None):
            if generation_of.get(file_of(doc.origin, generation_of), 0) == number:
                yield number, doc


def _identity(inputs: list[str], options: RunOptions) -> dict:
    identity = {"inputs": [str(Path(p).resolve()) for p in inputs], "chunk_size": options.chunk_size,
                "limit": options.limit, "sample": options.sample, "lang": options.lang,
                "published": options.published, "columns": asdict(options.columns)}
    if options.backend != "spacy":
        identity["backend"] = options.backend
    if options.aliases:
        identity["aliases"] = [str(Path(p).resolve()) for p in options.aliases]
    if options.near_duplicates is not None:
        identity["near_duplicates"] = options.near_duplicates
    return identity


def start_or_resume(out_dir: Path, inputs: list[str], options: RunOptions) -> list[dict]:
    """The run's generations of input files, from ``_run.json`` when resuming (after checking that
    no input changed), else recorded now. A finished run (``_summary.json``) is started afresh."""
    if options.restart or (out_dir / SUMMARY_FILE).exists():
        remove_run_files(out_dir)
    remove_temporaries(out_dir)
    identity = _identity(inputs, options)
    run_file = out_dir / RUN_FILE
    files = input_files(inputs, out_dir)
    if not run_file.exists():
        generations = [fingerprints(files)]
        _write_run_file(run_file, identity, generations)
        return generations
    previous = _read_run_file(run_file)
    if previous["identity"] != identity:
        differs = ", ".join(key for key in sorted(identity.keys() | previous["identity"].keys())
                            if identity.get(key) != previous["identity"].get(key))
        raise RunStateError(f"{out_dir} holds an unfinished run with other settings ({differs}); "
                            "use another output folder, or --restart to begin again")
    generations = previous["generations"]
    for files_of_generation in generations:
        for path, recorded in files_of_generation.items():
            if (what := change(path, recorded)) is not None:
                raise RunStateError(f"cannot resume: {display(what)} since the run started; --restart begins again")
    known = {path for files_of_generation in generations for path in files_of_generation}
    new = [path for path in files if path not in known]
    if new and options.sample is not None:
        raise RunStateError(f"cannot resume: {display(new[0])} is new ({len(new)} new files) and a --sample run "
                            "draws from the inputs it started with; --restart begins again")
    if new:
        log.info("%d input files appeared since the run started: read after the others", len(new))
        generations.append(fingerprints(new))
        _write_run_file(run_file, identity, generations)
    return generations


def _read_run_file(run_file: Path) -> dict:
    try:
        state = json.loads(run_file.read_text(encoding="utf-8"))
        if state.get("format") != RUN_FORMAT:
            raise ValueError(f"format {state.get('format')!r}, not {RUN_FORMAT}")
        if not (isinstance(state["identity"], dict) and isinstance(state["generations"], list)
                and all(isinstance(files, dict) for files in state["generations"])):
            raise ValueError("unexpected structure")
        for files in state["generations"]:
            for recorded in files.values():
                int(recorded["size"]), int(recorded["mtime_ns"]), str(recorded["sha256"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RunStateError(f"{run_file} is unreadable ({exc}); --restart begins the run again") from None
    return state


def _write_run_file(run_file: Path, identity: dict, generations: list[dict]) -> None:
    tmp = run_file.with_name(run_file.name + ".tmp")
    tmp.write_text(json.dumps({"format": RUN_FORMAT, "identity": identity, "generations": generations},
                              indent=1), encoding="utf-8")
    os.replace(tmp, run_file)


def part_is_done(out_dir: Path, chunk_id: int, n_docs: int) -> bool:
    """A part file that holds one JSON record per document of its partition; a damaged one is
    reported and its partition redone."""
    path = part_path(out_dir, chunk_id)
    if not path.exists():
        return False
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        if len(records) != n_docs or not all(isinstance(r, dict) and "doc_id" in r for r in records):
            raise ValueError(f"{len(records)} records for {n_docs} documents")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("%s is damaged (%s): its partition is redone", path, exc)
        return False
    return True


def run(inputs: list[str], out_dir: str | Path, options: RunOptions, progress: bool | None = None) -> dict:
    """Extract ``inputs`` into ``out_dir``, resuming an unfinished run there; the run summary."""
    out_dir = Path(out_dir)
    duplicates = DuplicateFinder(options.near_duplicates)    # first: a missing datasketch stops here
    check_output_folder(out_dir, inputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    with RunLock(out_dir), interrupt_on_signals():
        write_marker(out_dir)
        generations = start_or_resume(out_dir, inputs, options)
        (out_dir / PARTS_DIR).mkdir(exist_ok=True)
        report = ReadReport()
        tagged = select(tagged_inputs(inputs, options.columns, generations, report), options.limit, options.sample)
        todo = ((chunk_id, chunk) for chunk_id, chunk in iter_partitions(tagged, options.chunk_size, duplicates)
                if not part_is_done(out_dir, chunk_id, len(chunk)))
        started = time.perf_counter()
        meter = Progress(enabled=progress)
        args = (str(out_dir), options.lang, options.published, options.seconds_per_doc, options.backend,
                tuple(str(Path(p).resolve()) for p in options.aliases), options.max_memory_mb)
        try:
            if options.engine == "dask":
                stats = _run_dask(todo, args, options, meter)
            elif options.workers > 1:
                stats = _run_pool(todo, args, options, meter)
            else:
                stats = [meter.update(process_partition(chunk_id, chunk, *args)) for chunk_id, chunk in todo]
        finally:
            meter.close()
        elapsed = time.perf_counter() - started
        totals = finalize_output(out_dir, report=report, reused_duplicates=duplicates.reused)
        summary = {**totals, "seconds": round(elapsed, 2), "partitions_run": len(stats),
                   "docs_per_second": round(sum(s["docs"] for s in stats) / elapsed, 1) if elapsed else None,
                   "words_per_second": round(sum(s["words"] for s in stats) / elapsed) if elapsed else None,
                   "peak_rss_mb_per_worker": round(max((s["peak_rss_mb"] for s in stats), default=0), 1),
                   "workers": len({s["pid"] for s in stats})}
        (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def _run_pool(todo, args, options: RunOptions, meter: "Progress") -> list[dict]:
    """Partitions on worker processes (started on demand: never more than there are partitions)."""
    pool = WorkerPool(options.workers, process_partition, args, max_memory_mb=options.max_memory_mb)
    return [meter.update(stats) for stats in pool.map(todo)]


def _run_dask(todo, args, options: RunOptions, meter: "Progress") -> list[dict]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise SystemExit("warta: error: --engine dask needs dask.distributed: pip install 'warta[dask]'") from exc
    todo = iter(todo)
    first = list(islice(todo, options.workers))      # fewer partitions than workers: fewer workers
    if not first:
        return []
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        cluster = LocalCluster(n_workers=len(first), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    stats = []
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        futures = as_completed()
        for chunk_id, chunk in chain(first, todo):
            futures.add(client.submit(process_partition, chunk_id, chunk, *args, pure=False))
            if futures.count() >= window:
                stats.append(meter.update(next(futures).result()))
        stats += [meter.update(future.result()) for future in futures]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return stats


class Progress:
    """A tqdm bar on a terminal; a log line every 10 seconds elsewhere."""

    def __init__(self, enabled: bool | None = None, every: float = 10.0):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.docs = self.words = 0
        self.started = self.last = time.perf_counter()
        self.every = every
        self.bar = None
        if self.enabled:
            from tqdm import tqdm
            self.bar = tqdm(unit="doc", desc="extract", dynamic_ncols=True)

    def update(self, stats: dict) -> dict:
        self.docs += stats["docs"]
        self.words += stats["words"]
        if self.bar is not None:
            self.bar.update(stats["docs"])
        elif time.perf_counter() - self.last >= self.every:
            self.last = time.perf_counter()
            rate = self.docs / (self.last - self.started)
            log.info("%d documents, %d words, %.1f docs/s", self.docs, self.words, rate)
        return stats

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
