"""What a run read: each input file's size, modification time and content fingerprint.

A resumed run must read exactly what the interrupted one read, or its finished partitions would no
longer match the input stream. ``changes`` names what differs; files that appeared since are not a
change but a new *generation*: they are read after the run's earlier files, in partitions of their
own, so that every partition already written stays valid.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from warta.batch.io import OUTPUT_MARKER, reader_for
from warta.batch.outdir import RUN_FILE

HASH_BLOCK = 1 << 20


def readable(path: Path) -> bool:
    """A file a reader takes: by its name (``.txt``, ``.jsonl.gz``, ``.warc.gz``...; any case) or, as the
    readers do, by its first bytes (a web page, WARC file or feed saved without a telling extension)."""
    return reader_for(path) is not None


def input_files(inputs: Iterable[str], out_dir: Path) -> list[str]:
    """The files the inputs name, as the readers spell their paths (``Path(input) / relative``).
    Like the readers' walk, it follows links to folders once each, and skips Warta output folders
    (``OUTPUT_MARKER``, or ``_run.json`` of older runs) and the output folder itself."""
    files: list[str] = []
    resolved_out = out_dir.resolve()
    seen: set[tuple[int, int]] = set()
    for given in inputs:
        root = Path(given)
        if root.is_file():
            files.append(str(root))
            continue
        for folder, subfolders, names in os.walk(root, followlinks=True):
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in seen or OUTPUT_MARKER in names or RUN_FILE in names \
                    or Path(folder).resolve() == resolved_out:
                subfolders[:] = []
                continue
            seen.add((status.st_dev, status.st_ino))
            files += [str(Path(folder) / name) for name in names
                      if readable(Path(name)) and os.path.isfile(os.path.join(folder, name))]
    return files


def fingerprint(path: str) -> dict:
    """Size, modification time and SHA-256 of one file."""
    stat = os.stat(path)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest.hexdigest()}


def fingerprints(files: Iterable[str]) -> dict[str, dict]:
    return {path: fingerprint(path) for path in files}


def change(path: str, recorded: dict) -> str | None:
    """What changed in one recorded file since, or None. An unchanged size and modification time
    are taken as an unchanged file (as make and rsync do); otherwise the content decides."""
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path} was removed"
    if stat.st_size == recorded["size"] and stat.st_mtime_ns == recorded["mtime_ns"]:
        return None
    if fingerprint(path)["sha256"] == recorded["sha256"]:
        return None                              # touched, same content
    if stat.st_size != recorded["size"]:
        return f"{path} changed size ({recorded['size']} -> {stat.st_size} bytes)"
    return f"{path} changed content (same size, modified since the run started)"


def display(path: str) -> str:
    """A path as the readers write it in a document's origin (bytes that are not UTF-8 escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def file_of(origin: str, known: dict[str, int]) -> str | None:
    """The input file (displayed) a document came from: its origin is the path, or the path and
    ':line'."""
    candidate = origin
    while candidate not in known:
        if ":" not in candidate:
            return None
        candidate = candidate.rsplit(":", 1)[0]
    return candidate
