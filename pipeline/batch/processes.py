"""Process lifecycle of a batch run: signals stop a run cleanly, workers never outlive their parent.

SIGINT and SIGTERM raise ``RunInterrupted`` (a BaseException, so that no ``except Exception`` of the
extraction turns it into an error record) in the main process, which stops its workers and leaves
the finished partitions for a resume. Each worker asks the kernel for SIGKILL when its parent dies
(Linux ``PR_SET_PDEATHSIG``), with a thread watching the parent's pid as a fallback elsewhere, so
that ``kill -9`` of the main process leaves no orphan extracting on.
"""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

PR_SET_PDEATHSIG = 1           # <linux/prctl.h>
PARENT_POLL_SECONDS = 1.0
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class RunInterrupted(BaseException):
    """The run was stopped by a signal; its finished partitions stay for a resume."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def interrupt_on_signals():
    """Within the block, SIGINT and SIGTERM raise RunInterrupted (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum, frame):
        raise RunInterrupted(signum)

    previous = {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def init_worker(parent_pid: int) -> None:
    """Initializer of every worker process: die with the parent; leave stopping to the parent
    (a Ctrl-C reaches the whole process group, and the parent decides)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)     # a forked worker inherits the parent's handler
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:           # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="warta-parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    stopped = threading.Event()
    while not stopped.wait(PARENT_POLL_SECONDS):
        if os.getppid() != parent_pid:
            os._exit(1)


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident memory now (Linux /proc; 0 where it cannot be read)."""
    try:
        resident_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return resident_pages * PAGE_BYTES / 2**20


def release_memory() -> float:
    """Collect garbage and hand freed heap back to the system (glibc); the RSS after."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
    return rss_mb()
