"""The output folder is Warta's alone: a marker, an exclusive lock, and removal of Warta's own files only.

A run marks its output folder with ``OUTPUT_MARKER`` (so that a directory walk never reads it as
input) and holds an exclusive ``flock`` on ``LOCK_FILE`` while it runs. The kernel releases a
``flock`` when its holder dies, so a lock left by a killed run is stale by construction: the next
run takes it over. Warta refuses a folder holding files under the names it writes unless the
folder carries its marker, and it only ever removes files it wrote, known by name.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import time
from pathlib import Path
from typing import Iterable

from warta import __version__
from warta.batch.io import OUTPUT_MARKER

LOCK_FILE = "_warta.lock"
PARTS_DIR = "_parts"
RUN_FILE = "_run.json"
SUMMARY_FILE = "_summary.json"
# Every name a run writes into its output folder (tables.RecordWriter writes the tables and .writing/).
WARTA_NAMES = ("documents.jsonl", "documents", "mentions", "documents.csv", "mentions.csv", ".writing",
               PARTS_DIR, RUN_FILE, SUMMARY_FILE, OUTPUT_MARKER, LOCK_FILE)
PART_NAME = re.compile(r"part-\d{6}\.(jsonl|tmp\d+)")     # a part, or one a killed run left half-written


class OutputFolderError(Exception):
    """An output folder Warta must not use; the message is the one line the user sees."""


def check_output_folder(out_dir: Path, inputs: Iterable[str]) -> None:
    """Refuse a path that is a file, a folder holding someone else's files under Warta's names, or a
    folder that an input lies in (Warta never reads its own outputs)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"output path {out_dir} is a file, not a folder")
    if out_dir.is_dir() and not any((out_dir / sign).exists() for sign in (OUTPUT_MARKER, RUN_FILE)):
        # (a run file without the marker: the output of a Warta that predates the marker)
        taken = sorted(name for name in WARTA_NAMES if (out_dir / name).exists())
        if taken:
            raise OutputFolderError(f"{out_dir} holds {', '.join(taken)} that warta did not write (no "
                                    f"{OUTPUT_MARKER}); choose a new or empty output folder")
    resolved_out = out_dir.resolve()
    for path in inputs:
        resolved = Path(path).resolve()
        if resolved == resolved_out or resolved_out in resolved.parents:
            raise OutputFolderError(f"input {path} lies in the output folder {out_dir}; "
                                    "warta never reads its own outputs")


def write_marker(out_dir: Path) -> None:
    """Mark the folder as Warta's output (once; the first run's marker stays)."""
    marker = out_dir / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text(json.dumps({"written_by": f"warta {__version__}",
                                      "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}) + "\n", encoding="utf-8")


class RunLock:
    """An exclusive lock on an output folder for one run (``with RunLock(out_dir): ...``)."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / LOCK_FILE
        self.fd: int | None = None

    def __enter__(self) -> "RunLock":
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise OutputFolderError(f"{self.path.parent} is in use by another warta run ({holder}); "
                                        "wait for it to finish or choose another output folder") from None
            if _same_file(fd, self.path):      # not a file its previous holder unlinked meanwhile
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}).encode())
        self.fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)      # unlink before unlocking: a waiter re-checks the inode
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _read_holder(fd: int) -> str:
    try:
        holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {holder['pid']} on {holder['host']}, started {holder['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "lock file just created"


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def remove_run_files(out_dir: Path) -> None:
    """Forget a run (finished, or ``--restart``): its part files, run file and summary, by name only.
    The tables stay until the next run replaces them."""
    parts = out_dir / PARTS_DIR
    if parts.is_dir():
        for path in parts.iterdir():
            if PART_NAME.fullmatch(path.name) and path.is_file():
                path.unlink()
        if not any(parts.iterdir()):
            parts.rmdir()
    for name in (SUMMARY_FILE, RUN_FILE):
        (out_dir / name).unlink(missing_ok=True)


def remove_temporaries(out_dir: Path) -> None:
    """Files a killed run left half-written: part files being written, the run file being replaced."""
    parts = out_dir / PARTS_DIR
    if parts.is_dir():
        for path in parts.iterdir():
            if PART_NAME.fullmatch(path.name) and path.suffix != ".jsonl" and path.is_file():
                path.unlink()
    (out_dir / (RUN_FILE + ".tmp")).unlink(missing_ok=True)
