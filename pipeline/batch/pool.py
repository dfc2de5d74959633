"""Worker processes of the local engine: one partition at a time each, replaced when they retire or die.

Each worker has its own pipe, so the parent always knows which partition a worker holds. A worker
retires after a partition when its memory, after garbage collection, stays above ``RETIRE_SHARE``
of the ceiling (heap a pathological document left behind); a new worker takes its place. A worker that dies mid-partition (killed by the system for memory, a crash
in a C extension) has its partition given to another; one that dies on the same partition twice
has that partition written as error records, so the run finishes. The parent also kills a worker
whose memory passes the ceiling by half again (the in-document ceiling cannot interrupt a long C
call).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from warta.batch.io import InputDoc
from warta.batch.processes import init_worker, release_memory, rss_mb

log = logging.getLogger("warta")
RETIRE_SHARE = 0.75          # of the memory ceiling, still held after a partition and garbage collection
KILL_FACTOR = 1.5            # of the memory ceiling: the parent kills the worker
POLL_SECONDS = 0.5
MAX_ATTEMPTS = 2             # workers that may die on one partition before it is written as errors

Task = tuple[int, list[InputDoc]]


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    task: Task | None = None


def _serve(conn, parent_pid: int, extract: Callable[..., dict], args: tuple, max_memory_mb: float | None) -> None:
    """A worker's life: partitions in, statistics out, until told to stop or it retires. An error
    (a full disk) goes back to the parent, which stops the run with one line."""
    init_worker(parent_pid)
    while (task := conn.recv()) is not None:
        try:
            stats = extract(*task, *args)
        except Exception as exc:
            conn.send({"exception": exc})
            return
        stats["retire"] = bool(max_memory_mb and _holds_too_much(RETIRE_SHARE * max_memory_mb))
        conn.send(stats)
        if stats["retire"]:
            return


def _holds_too_much(limit_mb: float) -> bool:
    """Whether this worker still holds more than ``limit_mb`` after a partition. Garbage collection
    and trimming the heap cost 60-80 ms with a model loaded, so they run only when the plain RSS
    is already over the limit (a partition of 200 documents takes about a second)."""
    return rss_mb() > limit_mb and release_memory() > limit_mb


class WorkerPool:
    """Run ``extract(chunk_id, docs, *args)`` for each task on up to ``workers`` processes."""

    def __init__(self, workers: int, extract: Callable[..., dict], args: tuple, max_memory_mb: float | None = None):
        self.workers, self.extract, self.args, self.max_memory_mb = workers, extract, args, max_memory_mb
        self.context = multiprocessing.get_context("fork")       # the parent has not loaded a model
        self.running: list[_Worker] = []
        self.attempts: dict[int, int] = {}

    def map(self, tasks: Iterable[Task]) -> Iterator[dict]:
        """Statistics of each task as it finishes (in any order); workers stop at the end or on error."""
        tasks, retry = iter(tasks), deque()
        try:
            while True:
                for worker in self._idle():
                    task = retry.popleft() if retry else next(tasks, None)
                    if task is None:
                        break
                    self._give(worker, task, retry)
                while len(self.running) < self.workers and (task := retry.popleft() if retry else next(tasks, None)):
                    self._give(self._start(), task, retry)
                busy = [w for w in self.running if w.task is not None]
                if not busy:
                    return
                wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
                for worker in busy:
                    yield from self._collect(worker, retry)
        finally:
            self.stop()

    def _give(self, worker: _Worker, task: Task, retry: deque) -> None:
        try:
            worker.conn.send(task)
            worker.task = task
        except OSError:                          # the worker died while idle: another one takes the task
            worker.process.join(timeout=5)
            worker.conn.close()
            self.running.remove(worker)
            retry.append(task)

    def _idle(self) -> list[_Worker]:
        return [w for w in self.running if w.task is None]

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_serve, daemon=True, name="warta-worker",
                                       args=(child_end, os.getpid(), self.extract, self.args, self.max_memory_mb))
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.running.append(worker)
        return worker

    def _collect(self, worker: _Worker, retry: deque) -> Iterator[dict]:
        if worker.conn.poll():
            try:
                stats = worker.conn.recv()
            except (EOFError, OSError):
                stats = None
            if stats is not None and "exception" in stats:
                raise stats["exception"]
            if stats is not None:
                worker.task = None
                if stats.pop("retire"):
                    self._retire(worker)
                yield stats
                return
        if self.max_memory_mb and worker.process.is_alive() and rss_mb(worker.process.pid) > KILL_FACTOR * self.max_memory_mb:
            log.error("worker %d passed %.0f MB: killed", worker.process.pid, KILL_FACTOR * self.max_memory_mb)
            worker.process.kill()
            worker.process.join()
        if not worker.process.is_alive():
            yield from self._dead(worker, retry)

    def _dead(self, worker: _Worker, retry: deque) -> Iterator[dict]:
        chunk_id, docs = worker.task
        self.running.remove(worker)
        worker.conn.close()
        attempts = self.attempts[chunk_id] = self.attempts.get(chunk_id, 0) + 1
        reason = f"the worker extracting its partition died (exit code {worker.process.exitcode})"
        if attempts < MAX_ATTEMPTS:
            log.error("partition %d: %s; giving it to another worker", chunk_id, reason)
            retry.append(worker.task)
            return
        log.error("partition %d: %s %d times; its documents are error records", chunk_id, reason, attempts)
        # every field kept (a web page's url, dates, duplicate marks): only the error is new
        failed = [replace(doc, error=doc.error or f"{doc.origin}: {reason} {attempts} times") for doc in docs]
        yield self.extract(chunk_id, failed, *self.args)       # no model needed: every document is an error

    def _retire(self, worker: _Worker) -> None:
        log.info("worker %d retires (its memory stays above %.0f MB); a new one takes its place",
                 worker.process.pid, RETIRE_SHARE * self.max_memory_mb)
        worker.process.join(timeout=10)
        worker.conn.close()
        self.running.remove(worker)

    def stop(self) -> None:
        """Stop every worker now (a finished run's workers are idle; an interrupted run's are not)."""
        for worker in self.running:
            if worker.task is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            else:
                worker.process.terminate()
        for worker in self.running:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.running = []
