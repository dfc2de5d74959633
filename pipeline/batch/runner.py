"""Batch runs over archives: partitions, worker processes or a Dask cluster, resumable.

The input stream is cut into numbered partitions of ``chunk_size`` documents. Each partition is
extracted by ``process_partition`` — in this process, in a pool of worker processes, or on a
``dask.distributed`` cluster — which writes ``_parts/part-NNNNNN.jsonl`` atomically. A restarted
run skips the partitions already written, so a killed run resumes with no duplicate and no gap.
When every partition is done, ``finalize`` merges the parts into the output tables.
"""
from __future__ import annotations

import json
import logging
import os
import random
import resource
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from warta.batch.io import Columns, InputDoc, finalize_output, iter_inputs

log = logging.getLogger("warta")
PARTS_DIR = "_parts"
RUN_FILE = "_run.json"
SUMMARY_FILE = "_summary.json"


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


def part_path(out_dir: Path, chunk_id: int) -> Path:
    return out_dir / PARTS_DIR / f"part-{chunk_id:06d}.jsonl"


def process_partition(chunk_id: int, docs: list[InputDoc], out_dir: str, lang: str | None,
                      published: str | None, seconds_per_doc: float, backend: str = "spacy",
                      aliases: tuple[str, ...] = ()) -> dict:
    """Extract one partition and write its part file; the unit of work of every engine."""
    from warta.batch.engine import extract_stream

    started = time.perf_counter()
    records = list(extract_stream(docs, lang=lang, published=published, seconds_per_doc=seconds_per_doc,
                                  backend=backend, aliases=aliases))
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


def iter_partitions(docs: Iterable[InputDoc], chunk_size: int) -> Iterator[tuple[int, list[InputDoc]]]:
    """Numbered partitions; a repeated doc_id becomes an error record naming the first one."""
    first_seen: dict[str, str] = {}
    iterator = iter(docs)
    chunk_id = 0
    while chunk := list(islice(iterator, chunk_size)):
        for index, doc in enumerate(chunk):
            if doc.doc_id in first_seen and not doc.error:
                chunk[index] = InputDoc(f"{doc.doc_id}@{doc.origin}", None, doc.origin,
                                        error=f"{doc.origin}: duplicate id {doc.doc_id!r} (first at {first_seen[doc.doc_id]})")
            else:
                first_seen.setdefault(doc.doc_id, doc.origin)
        yield chunk_id, chunk
        chunk_id += 1


def select(docs: Iterable[InputDoc], limit: int | None, sample: int | None) -> Iterable[InputDoc]:
    """``--limit N``: the first N documents; ``--sample N``: N documents drawn with a fixed seed."""
    if sample:
        rng, reservoir = random.Random(0), []
        for seen, doc in enumerate(docs):
            if seen < sample:
                reservoir.append((seen, doc))
            elif (slot := rng.randint(0, seen)) < sample:
                reservoir[slot] = (seen, doc)
        docs = [doc for _, doc in sorted(reservoir, key=lambda pair: pair[0])]
    return islice(docs, limit) if limit else docs


def _check_run_file(out_dir: Path, inputs: list[str], options: RunOptions) -> None:
    """A resumed run must be the same run: same inputs, partitioning and selection."""
    identity = {"inputs": [str(Path(p).resolve()) for p in inputs], "chunk_size": options.chunk_size,
                "limit": options.limit, "sample": options.sample, "lang": options.lang,
                "published": options.published, "columns": asdict(options.columns)}
    if options.backend != "spacy":               # (the default stays out: older run files still match)
        identity["backend"] = options.backend
    if options.aliases:
        identity["aliases"] = [str(Path(p).resolve()) for p in options.aliases]
    run_file = out_dir / RUN_FILE
    if (out_dir / SUMMARY_FILE).exists():        # a finished run: start afresh, do not reuse its parts
        shutil.rmtree(out_dir / PARTS_DIR, ignore_errors=True)
        (out_dir / SUMMARY_FILE).unlink()
        run_file.unlink(missing_ok=True)
    if run_file.exists():
        previous = json.loads(run_file.read_text(encoding="utf-8"))
        if previous != identity:
            raise SystemExit(f"warta: error: {out_dir} holds the output of a different run "
                             f"({RUN_FILE} differs); use another output directory")
    else:
        out_dir.mkdir(parents=True, exist_ok=True)
        run_file.write_text(json.dumps(identity, indent=1), encoding="utf-8")


def run(inputs: list[str], out_dir: str | Path, options: RunOptions, progress: bool | None = None) -> dict:
    out_dir = Path(out_dir)
    _check_run_file(out_dir, inputs, options)
    (out_dir / PARTS_DIR).mkdir(parents=True, exist_ok=True)
    docs = select(iter_inputs(inputs, options.columns), options.limit, options.sample)
    partitions = iter_partitions(docs, options.chunk_size)
    todo = ((chunk_id, chunk) for chunk_id, chunk in partitions if not part_path(out_dir, chunk_id).exists())
    started = time.perf_counter()
    meter = Progress(enabled=progress)
    args = (str(out_dir), options.lang, options.published, options.seconds_per_doc, options.backend,
            tuple(str(Path(p).resolve()) for p in options.aliases))
    if options.engine == "dask":
        stats = _run_dask(todo, args, options, meter)
    elif options.workers > 1:
        stats = _run_pool(todo, args, options.workers, meter)
    else:
        stats = [meter.update(process_partition(chunk_id, chunk, *args)) for chunk_id, chunk in todo]
    meter.close()
    elapsed = time.perf_counter() - started
    totals = finalize_output(out_dir)
    summary = {**totals, "seconds": round(elapsed, 2), "partitions_run": len(stats),
               "docs_per_second": round(sum(s["docs"] for s in stats) / elapsed, 1) if elapsed else None,
               "words_per_second": round(sum(s["words"] for s in stats) / elapsed) if elapsed else None,
               "peak_rss_mb_per_worker": round(max((s["peak_rss_mb"] for s in stats), default=0), 1),
               "workers": len({s["pid"] for s in stats})}
    (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary


def _run_pool(todo, args, workers: int, meter: "Progress") -> list[dict]:
    stats, pending = [], set()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk_id, chunk in todo:                 # bounded in flight: memory stays flat
            pending.add(pool.submit(process_partition, chunk_id, chunk, *args))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                stats += [meter.update(f.result()) for f in done]
        stats += [meter.update(f.result()) for f in pending]
    return stats


def _run_dask(todo, args, options: RunOptions, meter: "Progress") -> list[dict]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise SystemExit("warta: error: --engine dask needs dask.distributed: pip install 'warta[dask]'") from exc
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    stats = []
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        futures = as_completed()
        for chunk_id, chunk in todo:
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
