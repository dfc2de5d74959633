"""Streaming a WARC file (plain or .warc.gz) record by record with warcio.

Each ``response`` record with an HTML payload is a page; every other record is a skip with its
reason. Nothing holds more than one record's payload (at most ``max_payload`` bytes of it) in
memory. warcio stops quietly at a truncated file, so the reader checks itself that every record
was read whole and that nothing follows the last one; docs/experiments.md ("Reading web pages")
measures warcio against FastWARC.
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

HTML_TYPES = {"text/html", "application/xhtml+xml"}
UNTYPED = {"", "application/octet-stream", "unknown/unknown"}   # a server that did not say: sniff
HTML_STARTS = (b"<!doctype html", b"<html")
WARC_START = b"WARC/1."
SNIFF_BYTES = 1024
# What warcio raises on damaged input (AttributeError and TypeError: headers cut mid-line).
READ_ERRORS = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError)


@dataclass
class WarcPage:
    """One HTML response: its bytes (None when over the limit; ``size`` says how large)."""
    offset: int
    uri: str | None
    date: str | None
    payload: bytes | None
    charset: str | None
    size: int | None = None


@dataclass
class WarcSkip:
    """A record that is no page; ``reason`` says what it is, as counted in the run's summary."""
    offset: int
    reason: str


@dataclass
class WarcBreak:
    """The file cannot be read on from ``offset``; the records before it were read."""
    offset: int
    reason: str


def is_warc(head: bytes) -> bool:
    """The first bytes of a file are a WARC record's, or a gzip member that starts with one."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(WARC_START))
        except zlib.error:
            return False
    return head.startswith(WARC_START)


def iter_warc(path: Path, max_payload: int) -> Iterator[WarcPage | WarcSkip | WarcBreak]:
    """Every record of a WARC file as a page or a skip, in file order; a damaged or truncated file
    ends with one ``WarcBreak`` at the offset of the first record that could not be read whole."""
    end = 0                                   # where the last record read whole ends
    last = None                               # where it starts
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                item = _classify(record, max_payload)
                offset, length = records.get_record_offset(), records.get_record_length()
                if _cut_short(record):
                    yield WarcBreak(offset, "truncated")
                    return
                item.offset, end, last = offset, offset + length, offset
                yield item
        except READ_ERRORS as exc:
            start = _next_start(path, end)
            start = end if start is None else start
            yield WarcBreak(start, "truncated" if _starts_a_record(path, start) else f"unreadable ({exc})")
            return
    start = _next_start(path, end)
    if start is not None:
        yield WarcBreak(start, "truncated")
    elif last is not None and _gzip_member_unfinished(path, last):
        # the last record's content was whole, but the file stops inside its gzip member: whatever
        # followed it is lost, and nothing else would tell
        yield WarcBreak(last, "truncated")


def _gzip_member_unfinished(path: Path, offset: int) -> bool:
    """The gzip member starting at ``offset`` runs to the end of the file without its end (the rest of
    its compressed stream or its 8-byte trailer); False for a plain WARC."""
    with path.open("rb") as handle:
        handle.seek(offset)
        if handle.read(2) != b"\x1f\x8b":
            return False
        handle.seek(offset)
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while block := handle.read(1 << 16):
                member.decompress(block)
                if member.eof:
                    return False
        except zlib.error:
            return True
    return not member.eof


def _cut_short(record) -> bool:
    """Fewer bytes than the record's Content-Length, or headers cut before it (it is mandatory)."""
    return not record.rec_headers.get_header("Content-Length") or getattr(record.raw_stream, "limit", 0) > 0


def _classify(record, max_payload: int) -> WarcPage | WarcSkip:
    """What one record is; its offset is filled in by the caller (warcio knows it once the record is read)."""
    if record.rec_type != "response":
        return WarcSkip(0, f"WARC record not HTML ({record.rec_type or 'no type'})")
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    status = headers.get_statuscode() if headers else ""
    if status and not status.startswith("2"):
        return WarcSkip(0, f"WARC response not 2xx (HTTP {status})")
    stream = record.content_stream()            # chunked transfer and gzip content-encoding undone
    if mime not in HTML_TYPES:
        head = stream.read(SNIFF_BYTES) if mime in UNTYPED else b""
        if not head.lstrip().lower().startswith(HTML_STARTS):
            return WarcSkip(0, f"WARC record not HTML ({mime or 'untyped payload'})")
    else:
        head = b""
    payload = head + stream.read(max_payload + 1 - len(head))
    page = WarcPage(0, record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date"),
                    payload, _charset(params))
    if len(payload) > max_payload:
        declared = headers.get_header("Content-Length") if headers else None
        page.payload, page.size = None, int(declared) if declared and declared.isdigit() else None
    return page


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _next_start(path: Path, end: int) -> int | None:
    """Where the bytes after the last whole record begin, past the blank lines that end it; None
    when nothing follows (a record cut short in its headers is taken by warcio for the end)."""
    with path.open("rb") as handle:
        handle.seek(end)
        while block := handle.read(1 << 16):
            stripped = block.lstrip()
            if stripped:
                return end + len(block) - len(stripped)
            end += len(block)
    return None


def _starts_a_record(path: Path, offset: int) -> bool:
    """A WARC record (or a gzip member) begins at ``offset``, or the file ends there or within its
    first line: the file was cut inside that record."""
    with path.open("rb") as handle:
        handle.seek(offset)
        head = handle.read(64)
    return is_warc(head) or head.startswith(b"\x1f\x8b") or WARC_START.startswith(head)

