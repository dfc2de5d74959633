"""Reading inputs: files, folders, manifests and archives to a stream of ``InputDoc``.

A document that cannot be read becomes an ``InputDoc`` with ``error`` set, so the engine writes an
error record for it and goes on. Web inputs (HTML pages, WARC files, RSS/Atom feeds) are read by
:mod:`warta.batch.web`, :mod:`warta.batch.warc` and :mod:`warta.batch.feeds`; a file is recognised
by its extension or, when that says nothing, by its first bytes. Turning bytes into text (byte-order
marks, binary content, JSON) is :mod:`warta.batch.encodings`; writing the output tables is
:mod:`warta.batch.tables`.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from warta import paths
from warta.batch.encodings import (decode_text, file_encoding, is_gz, open_after_mark, open_bytes, parse_json,
                                   read_limited)
from warta.batch.feeds import MAX_FEED_BYTES, read_feed
from warta.batch.warc import WarcBreak, WarcSkip, is_warc, iter_warc
from warta.batch.web import MAX_HTML_BYTES, Page, oversize_error, page_from_html
from warta.lang.codes import UNKNOWN_LANG, normalize_lang
from warta.records import LONE_SURROGATE, SURROGATE_WARNING, scrub_text, text_sha256

log = logging.getLogger("warta")

TEXT_SUFFIXES = {".txt"}
# Third-party texts (../shared/data) are referenced by gold records, never copied into the repo.
ARCHIVE_SUFFIXES = {".jsonl", ".csv"}
MANIFEST_NAME = "manifest.jsonl"
MALFORMED_FEED_WARNING = "malformed feed (its items were read)"
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")   # a byte that was not UTF-8, decoded with surrogateescape


@dataclass
class InputDoc:
    doc_id: str
    text: str | None
    origin: str                     # "file" or "file:line" ("file:offset" in a WARC), for error messages
    title: str | None = None
    published: str | None = None    # the input's published field, its first 10 characters
    lang: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)   # reasons, counted in the run's summary
    # where a web page, WARC record or feed item came from (batch/web.py, warc.py, feeds.py)
    url: str | None = None
    site_name: str | None = None
    authors: list[str] | None = None
    published_field: str | None = None   # the input's own publication date field, as written
    meta_published: str | None = None    # the page's or feed item's publication date, as written
    crawl_time: str | None = None        # the WARC-Date of the capture
    partial: bool = False                # a feed item whose text is only its summary
    status: str | None = None            # "empty": a page with no article body (the reason in ``error``)
    source_format: str = "text"          # text | json | jsonl | csv | parquet | html | warc | feed
    offset: int | None = None            # byte offset of a WARC record, index of a feed item
    lang_hint: str | None = None         # the page's declared language
    duplicate_of: str | None = None      # set by the batch runner (batch/dedup.py)
    duplicate_similarity: float | None = None


@dataclass(frozen=True)
class Columns:
    """Which field of a JSON object, CSV or Parquet row holds what (``--text-col`` etc.)."""
    text: str = "text"
    id: str = "id"
    published: str = "published"
    lang: str = "lang"
    title: str = "title"


class InputError(ValueError):
    """An input that cannot be read at all (missing path, unknown file type)."""


# ---------------------------------------------------------------- reading

READERS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".warc": "warc",
           ".xml": "feed", ".rss": "feed", ".atom": "feed"}
SNIFF_BYTES = 4096
# A file whose extension says nothing is read by what it starts with (after an XML prolog, comments,
# a byte-order mark): a WARC record, an RSS/RDF/Atom root element, an HTML document.
PROLOG = rb"(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*>|<!--.*?-->)*"
FEED_START = re.compile(PROLOG + rb"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE | re.DOTALL)
HTML_START = re.compile(PROLOG + rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
# A folder holding one of these is a Warta output folder (the marker; ``_run.json`` for runs that
# predate it): a directory walk skips it, so a run never reads its own outputs as inputs.
OUTPUT_MARKER = "_warta_output.json"
OUTPUT_SIGNS = (OUTPUT_MARKER, "_run.json")
MAX_CSV_FIELD = 2**31 - 1          # the csv module's default (128 KiB) is shorter than a long article


@dataclass
class ReadReport:
    """What reading skipped (a file or folder not read) or warned about, counted by reason.

    Each event is also logged as one line naming the file (and line); the counts go to the run's
    ``_summary.json`` as ``"skipped"`` and ``"warnings"``.
    """
    skipped: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)     # the part of ``skipped`` that is no surprise

    def skip(self, reason: str, where: str, detail: str = "", expected: bool = False) -> None:
        """Count a skipped input; ``expected`` skips (a corpus folder's own annotation files) log at INFO."""
        self.skipped[reason] += 1
        if expected:
            self.expected[reason] += 1
        (log.info if expected else log.warning)("skipped %s: %s%s", where, reason, detail)

    def skip_many(self, reasons: Counter, where: str) -> None:
        """Count the expected skips of one file (a WARC's request records...) in one log line."""
        if reasons:
            self.skipped.update(reasons)
            self.expected.update(reasons)
            log.info("skipped in %s: %s", where, ", ".join(f"{n:,} {reason}" for reason, n in sorted(reasons.items())))


def display_path(path: str | Path) -> str:
    """A path as text for ids and messages: bytes that are not UTF-8 show as ``\\xff``, never as
    lone surrogates (which no UTF-8 writer accepts)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _kind(path: Path) -> str | None:
    """Reader for a path, looking through a .gz suffix (a.jsonl.gz reads as JSONL); any case."""
    suffixes = [s.lower() for s in path.suffixes]
    suffixes = suffixes[-2:] if suffixes[-1:] == [".gz"] else suffixes[-1:]
    return READERS.get(suffixes[0]) if suffixes else None


def _sniff(path: Path) -> str | None:
    """Reader for a file whose extension names none, from its first bytes; None if they say nothing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    if is_warc(head):
        return "warc"
    if FEED_START.match(head):
        return "feed"
    return "html" if HTML_START.match(head) else None


def reader_for(path: Path) -> str | None:
    """The reader that takes ``path``: by its extension, else by its first bytes; None for neither."""
    return _kind(path) or _sniff(path)


def iter_inputs(paths: Iterable[str | Path], columns: Columns = Columns(),
                report: ReadReport | None = None) -> Iterator[InputDoc]:
    """Every document of every input path, streamed in a stable order; what is skipped or
    warned about is counted in ``report``."""
    report = report if report is not None else ReadReport()
    for doc in _iter_paths(map(Path, paths), columns, report):
        report.warnings.update(doc.warnings)
        yield doc


def _iter_paths(paths: Iterable[Path], columns: Columns, report: ReadReport) -> Iterator[InputDoc]:
    for path in paths:
        where = display_path(path)
        if path.is_dir():
            yield from _iter_directory(path, columns, report)
        elif not path.exists():
            yield InputDoc(where, None, where, error=f"{where}: no such file or directory")
        elif kind := reader_for(path):
            yield from _iter_file(path, _strip_suffixes(display_path(path.name)), columns, report, kind)
        else:
            yield InputDoc(where, None, where, error=f"{where}: unsupported input type '{display_path(path.suffix)}' "
                           "(use .txt, .json, .jsonl, .csv, .parquet, .html, .warc, .xml/.rss/.atom feeds, "
                           "their .gz, or a directory)")


def _iter_file(path: Path, doc_id: str, columns: Columns, report: ReadReport, kind: str) -> Iterator[InputDoc]:
    """The documents of one file read as ``kind``; a file that holds none is one error record, never nothing."""
    if kind == "text":
        yield _read_text_file(path, doc_id=doc_id)
        return
    if kind == "html":
        yield _read_html_file(path, doc_id=doc_id)
        return
    where = display_path(path)
    readers = {"json": _iter_json, "jsonl": _iter_jsonl, "csv": _iter_csv, "parquet": _iter_parquet}
    if kind in readers:
        docs = readers[kind](path, columns=columns)
    else:
        docs = (_iter_warc if kind == "warc" else _iter_feed)(path, doc_id, report)
    found = False
    for doc in docs:
        found = True
        doc.source_format = kind
        yield doc
    if not found:
        yield InputDoc(where, None, where, error=f"{where}: no documents in the file (empty)", source_format=kind)


def _iter_directory(root: Path, columns: Columns, report: ReadReport) -> Iterator[InputDoc]:
    if (root / MANIFEST_NAME).exists():   # a corpus: documents listed with their metadata
        yield from _iter_manifest(root, report)
        return
    for path in _walk(root, report):
        relative = display_path(path.relative_to(root).as_posix())
        if kind := reader_for(path):
            yield from _iter_file(path, _strip_suffixes(relative), columns, report, kind)
        else:
            report.skip("unsupported file type", display_path(path))


def _walk(root: Path, report: ReadReport, seen: set[tuple[int, int]] | None = None) -> Iterator[Path]:
    """The files under ``root``, depth first in name order (the order of sorted paths).

    Symbolic links to folders are followed, each folder read once (no loop); a broken link, an
    unreadable folder or a Warta output folder is skipped and counted in ``report``.
    """
    seen = set() if seen is None else seen
    where = display_path(root)
    try:
        status = root.stat()
    except OSError as exc:
        report.skip("unreadable directory", where, f" ({exc.strerror or exc})")
        return
    if (status.st_dev, status.st_ino) in seen:
        report.skip("folder already read (symbolic link)", where)
        return
    seen.add((status.st_dev, status.st_ino))
    if any((root / sign).exists() for sign in OUTPUT_SIGNS):
        report.skip("Warta output folder", where)
        return
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        report.skip("unreadable directory", where, f" ({exc.strerror or exc})")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            report.skip("unreadable entry", display_path(path), f" ({exc.strerror or exc})")
            continue
        if is_dir:
            yield from _walk(path, report, seen)
        elif is_file:
            yield path
        elif entry.is_symlink():
            report.skip("broken symbolic link", display_path(path))
        else:
            report.skip("not a regular file", display_path(path))


def _strip_suffixes(name: str) -> str:
    """a/b.txt → a/b, a/b.jsonl.gz → a/b: the document id of a file."""
    path = Path(name)
    if is_gz(path):
        path = path.with_suffix("")
    return path.with_suffix("").as_posix()


def _iter_manifest(root: Path, report: ReadReport) -> Iterator[InputDoc]:
    listed = {os.path.normpath(root / MANIFEST_NAME)}
    for entry in _iter_jsonl(root / MANIFEST_NAME, needs_text=False):
        if entry.error:
            yield entry
            continue
        listed.add(os.path.normpath(root / entry.text))
        path = root / entry.text
        html = _kind(path) == "html"
        doc = _read_html_file(path, doc_id=entry.doc_id) if html else _read_text_file(path, doc_id=entry.doc_id)
        doc.published, doc.lang, doc.warnings = entry.published, entry.lang, entry.warnings
        doc.published_field, doc.title = entry.published_field, entry.title or (doc.title if html else None)
        yield doc
    for path in _walk(root, report):          # files beside the manifest are counted, not read
        if os.path.normpath(path) not in listed:
            report.skip(f"not listed in {MANIFEST_NAME}", display_path(path), expected=True)


def _read_text_file(path: Path, doc_id: str) -> InputDoc:
    where = display_path(path)
    try:
        with open_bytes(path) as handle:
            raw = handle.read()
    except (OSError, EOFError) as exc:
        return InputDoc(doc_id, None, where, error=f"{where}: cannot read file: {getattr(exc, 'strerror', None) or exc}")
    text, problem = decode_text(raw)
    if problem:
        return InputDoc(doc_id, None, where, error=f"{where}: {problem}")
    return InputDoc(doc_id, text, where)


def _read_html_file(path: Path, doc_id: str) -> InputDoc:
    """One saved web page (.html, or a file that starts like one)."""
    where = display_path(path)
    try:
        raw, size = read_limited(path, MAX_HTML_BYTES)
    except (OSError, EOFError) as exc:
        return InputDoc(doc_id, None, where, error=f"{where}: cannot read file: {getattr(exc, 'strerror', None) or exc}",
                        source_format="html")
    page = page_from_html(raw, where) if raw is not None else Page(error=oversize_error(where, size))
    return _doc_from_page(page, doc_id, where, "html")


def _doc_from_page(page: Page, doc_id: str, origin: str, source_format: str) -> InputDoc:
    return InputDoc(doc_id, page.text, origin, title=page.title, error=page.error, warnings=page.warnings,
                    meta_published=page.meta_published, url=page.url, site_name=page.site_name,
                    authors=page.authors, lang_hint=page.lang_hint, status=page.status, source_format=source_format)


def _iter_warc(path: Path, file_id: str, report: ReadReport) -> Iterator[InputDoc]:
    """Each HTML response of a WARC file, streamed; doc_id = the WARC-Target-URI (``uri@offset``
    when the file holds it more than once). Other records are counted in ``report``; a truncated or
    damaged file ends with one error record after the pages before the break."""
    where = display_path(path)
    skipped: Counter = Counter()
    used: set[str] = set()
    try:
        for item in iter_warc(path, MAX_HTML_BYTES):
            origin = f"{where}:{item.offset}"
            if isinstance(item, WarcSkip):
                skipped[item.reason] += 1
                continue
            if isinstance(item, WarcBreak):
                yield InputDoc(f"{file_id}#{item.offset}", None, origin, offset=item.offset,
                               error=f"{where}: {item.reason} WARC at byte {item.offset} (records before it were read)")
                return
            doc_id = item.uri or f"{file_id}#{item.offset}"
            doc_id = f"{doc_id}@{item.offset}" if doc_id in used else doc_id
            used.add(doc_id)
            page = (page_from_html(item.payload, origin, url=item.uri, charset=item.charset) if item.payload is not None
                    else Page(error=oversize_error(origin, item.size)))
            doc = _doc_from_page(page, doc_id, origin, "warc")
            doc.url, doc.crawl_time, doc.offset = item.uri or doc.url, item.date, item.offset
            yield doc
    except OSError as exc:
        yield InputDoc(f"{file_id}#end", None, where, error=f"{where}: cannot read file: {exc.strerror or exc}")
    finally:
        report.skip_many(skipped, where)


def _iter_feed(path: Path, file_id: str, report: ReadReport) -> Iterator[InputDoc]:
    """One document per item of an RSS or Atom feed; a feed that cannot be parsed is one error record,
    one that parses with a complaint is read and the complaint counted once."""
    where = display_path(path)
    try:
        raw, size = read_limited(path, MAX_FEED_BYTES)
    except (OSError, EOFError) as exc:
        yield InputDoc(file_id, None, where, error=f"{where}: cannot read file: {getattr(exc, 'strerror', None) or exc}")
        return
    if raw is None:
        described = f"{size:,} bytes" if size is not None else f"more than {MAX_FEED_BYTES:,} bytes"
        yield InputDoc(file_id, None, where, error=f"{where}: feed of {described} is over the "
                       f"{MAX_FEED_BYTES:,}-byte limit (MAX_FEED_BYTES); not parsed")
        return
    feed = read_feed(raw, file_id)
    if not feed.items:
        if feed.problem:
            yield InputDoc(file_id, None, where, error=f"{where}: malformed feed ({feed.problem})")
        return
    if feed.problem:
        log.warning("%s: malformed feed, its %d items read anyway (%s)", where, len(feed.items), feed.problem)
        report.warnings[MALFORMED_FEED_WARNING] += 1
    for item in feed.items:
        origin = f"{where}:{item.index}"
        error = None if item.text else f"{origin}: feed item has neither content nor summary"
        yield InputDoc(item.doc_id, item.text, origin, title=item.title, error=error, url=item.url,
                       site_name=item.site_name, authors=item.authors, meta_published=item.meta_published,
                       lang_hint=item.lang_hint, partial=item.partial, offset=item.index)


def _iter_jsonl(path: Path, needs_text: bool = True, columns: Columns = Columns()) -> Iterator[InputDoc]:
    """One InputDoc per line; for a manifest (needs_text=False) ``text`` holds the path field."""
    where = display_path(path)
    encoding = file_encoding(path)
    try:
        handle = open_after_mark(path, encoding)
        if encoding.wide:                        # UTF-16/32: lines are split on the decoded newline
            handle = io.TextIOWrapper(handle, encoding=encoding.codec, newline="\n")
        lines = enumerate(handle, start=1)
    except (OSError, EOFError) as exc:
        yield InputDoc(where, None, where, error=f"{where}: cannot read file: {getattr(exc, 'strerror', None) or exc}")
        return
    with handle:
        line_no = 0
        try:
            for line_no, raw in lines:
                origin = f"{where}:{line_no}"
                if raw.strip():
                    yield _doc_from_json_line(raw, origin, needs_text, columns)
        except (OSError, EOFError) as exc:       # a truncated .gz: report it, keep what was read
            yield InputDoc(f"{where}:end", None, where, error=f"{where}: read failed: {exc}")
        except UnicodeDecodeError as exc:        # only a UTF-16/32 file decodes here (UTF-8 lines are bytes)
            yield InputDoc(f"{where}:end", None, where,
                           error=f"{where}: read failed: invalid {encoding.name} after {line_no} lines ({exc.reason})")


def _doc_from_json_line(raw: bytes | str, origin: str, needs_text: bool, columns: Columns) -> InputDoc:
    try:
        obj = parse_json(raw)
    except ValueError as exc:
        return InputDoc(origin, None, origin, error=f"{origin}: {exc}")
    if not isinstance(obj, dict):
        return InputDoc(origin, None, origin, error=f"{origin}: malformed JSON (not a JSON object)")
    if not needs_text:
        return _doc_from_mapping(obj, origin, Columns(text="path"))
    return _doc_from_mapping(obj, origin, columns)


def _iter_json(path: Path, columns: Columns) -> Iterator[InputDoc]:
    """A .json file: one document object, or a list of them."""
    where = display_path(path)
    try:
        with open_bytes(path) as handle:
            data = parse_json(handle.read())
    except (OSError, EOFError, ValueError) as exc:
        yield InputDoc(where, None, where, error=f"{where}: cannot read JSON: {exc}")
        return
    objects = data if isinstance(data, list) else [data]
    for index, obj in enumerate(objects):
        origin = f"{where}:{index}" if isinstance(data, list) else where
        if not isinstance(obj, dict):
            yield InputDoc(origin, None, origin, error=f"{origin}: not a JSON object")
            continue
        doc = _doc_from_mapping(obj, origin, columns)
        if doc.doc_id == origin and not isinstance(data, list):
            doc.doc_id = _strip_suffixes(display_path(path.name))
        yield doc


def _iter_csv(path: Path, columns: Columns = Columns()) -> Iterator[InputDoc]:
    """Rows of a CSV file with a header; a row with a bad byte or a quoting or field-count error
    is an error record of its own and the rows after it are still read. Rows are numbered as
    lines with the header as line 1 (blank lines skipped)."""
    where = display_path(path)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))
    encoding = file_encoding(path)
    # UTF-8: a bad byte is kept escaped, so that only its row is an error record; UTF-16/32 cannot
    # escape bytes, so a bad one ends the reading (an error record) after the rows before it
    errors = "strict" if encoding.wide else "surrogateescape"
    try:
        handle = io.TextIOWrapper(open_after_mark(path, encoding), encoding=encoding.codec, errors=errors, newline="")
    except (OSError, EOFError) as exc:
        yield InputDoc(where, None, where, error=f"{where}: cannot read CSV: {exc.strerror or exc}")
        return
    with handle:
        rows = csv.reader(handle, strict=True)
        try:
            header = next(rows, None)
        except (OSError, EOFError, csv.Error, UnicodeDecodeError) as exc:
            yield InputDoc(where, None, where, error=f"{where}: cannot read CSV: {exc}")
            return
        if header is None:
            return
        header[0] = header[0].removeprefix("\ufeff")
        if columns.text not in header:
            yield InputDoc(where, None, where, error=f"{where}: CSV has no '{columns.text}' column "
                           f"(columns: {', '.join(map(_printable, header))}; choose one with --text-col)")
            return
        yield from _csv_rows(rows, header, where, columns)


def _csv_rows(rows, header: list[str], where: str, columns: Columns) -> Iterator[InputDoc]:
    line_no = 1
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:                 # the reader goes on at the next line
            line_no += 1
            yield InputDoc(f"{where}:{line_no}", None, f"{where}:{line_no}",
                           error=f"{where}:{line_no}: malformed CSV row ({exc})")
            continue
        except (OSError, EOFError, UnicodeDecodeError) as exc:   # a truncated .gz, bad UTF-16: keep what was read
            yield InputDoc(f"{where}:end", None, where, error=f"{where}: read failed: {exc}")
            return
        if not values:
            continue
        line_no += 1
        origin = f"{where}:{line_no}"
        if any(ESCAPED_BYTE.search(value) for value in values):
            yield InputDoc(origin, None, origin, error=f"{origin}: invalid UTF-8 in the row")
        elif len(values) > len(header):
            yield InputDoc(origin, None, origin, error=f"{origin}: malformed CSV row ({len(values)} fields, "
                           f"the header has {len(header)})")
        else:
            yield _doc_from_mapping(dict(zip(header, values)), origin, columns)


def _printable(value: str) -> str:
    return ESCAPED_BYTE.sub("\ufffd", value)


def _iter_parquet(path: Path, columns: Columns) -> Iterator[InputDoc]:
    where = display_path(path)
    try:
        parquet = pq.ParquetFile(path)
        if columns.text not in parquet.schema_arrow.names:
            yield InputDoc(where, None, where, error=f"{where}: Parquet file has no '{columns.text}' column "
                           f"(columns: {', '.join(parquet.schema_arrow.names)}; choose one with --text-col)")
            return
        row_no = 0
        for batch in parquet.iter_batches(batch_size=1000):
            for row in batch.to_pylist():
                row_no += 1
                yield _doc_from_mapping(row, f"{where}:row{row_no}", columns)
    except (OSError, pa.ArrowException) as exc:
        yield InputDoc(where, None, where, error=f"{where}: cannot read Parquet: {exc}")


def _doc_from_mapping(obj: dict, origin: str, columns: Columns = Columns()) -> InputDoc:
    """A document from one JSON object or table row; each field is checked, never trusted."""
    raw_id = obj.get(columns.id) if columns.id in obj else obj.get("doc_id")
    doc_id, problems = origin, []
    if raw_id not in (None, ""):
        doc_id = _as_text(raw_id) or origin
        if doc_id == origin:
            problems.append(f"'{columns.id}' is {_type_name(raw_id)}, not a string or number")
    meta = {"title": _as_text(obj.get(columns.title)), "published": _as_date(obj.get(columns.published)),
            "published_field": _as_raw(obj.get(columns.published))}
    for key, column in (("title", columns.title), ("published", columns.published)):
        if meta[key] is None and obj.get(column) not in (None, ""):
            problems.append(f"'{column}' is {_type_name(obj.get(column))}, not "
                            + ("a date (YYYY-MM-DD)" if key == "published" else "a string"))
    warnings = []
    meta["lang"] = normalize_lang(obj.get(columns.lang))
    if meta["lang"] is None and obj.get(columns.lang) not in (None, ""):
        log.warning("%s: unknown %s %s, detected from the text instead", origin, columns.lang,
                    _brief(obj.get(columns.lang)))
        warnings.append(UNKNOWN_LANG)
    if problems:
        return InputDoc(doc_id, None, origin, error=f"{origin}: {'; '.join(problems)}", warnings=warnings, **meta)
    text = obj.get(columns.text)
    if text is None and isinstance(obj.get("source"), dict):   # a reference into ../shared
        try:
            text = resolve_source(obj["source"], obj.get("text_sha256"))
        except InputError as exc:
            return InputDoc(doc_id, None, origin, error=f"{origin}: {exc}", warnings=warnings, **meta)
    if not isinstance(text, str):
        return InputDoc(doc_id, None, origin, error=f"{origin}: missing or non-string '{columns.text}' field",
                        warnings=warnings, **meta)
    return _without_lone_surrogates(InputDoc(doc_id, text, origin, warnings=warnings, **meta))


def _without_lone_surrogates(doc: InputDoc) -> InputDoc:
    """JSON's ``\\ud800`` escapes give strings that neither spaCy nor a UTF-8 writer accepts:
    each lone surrogate becomes U+FFFD (offsets hold), noted as a warning."""
    fields = [name for name in ("doc_id", "text", "title", "published", "published_field")
              if LONE_SURROGATE.search(getattr(doc, name) or "")]
    if fields:
        for name in fields:
            setattr(doc, name, scrub_text(getattr(doc, name)))
        log.warning("%s: %s in %s", doc.origin, SURROGATE_WARNING, ", ".join(fields))
        doc.warnings.append(SURROGATE_WARNING)
    return doc


def _as_text(value) -> str | None:
    """A string or number as text; None for a missing value or one of another type."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    return value if isinstance(value, str) else str(value) if isinstance(value, (int, float)) else None


def _as_date(value) -> str | None:
    """The date part (first 10 characters) of a date string or date object; None otherwise."""
    if isinstance(value, (str, date)) and value != "":
        return str(value)[:10]
    return None


def _as_raw(value) -> str | None:
    """A date as the input wrote it (string, number or date object), whole and stripped; None otherwise."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        return None
    return str(value).strip() or None


def _type_name(value) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(type(value), f"a {type(value).__name__}")


def _brief(value) -> str:
    try:
        text = repr(value)
    except RecursionError:
        return "(a deeply nested value)"
    return text if len(text) <= 40 else text[:37] + "..."


def resolve_source(source: dict, expected_sha256: str | None = None, shared_dir: Path | None = None) -> str:
    """The text a record refers to: ``{"file": path under shared/, "line": 1-based, "field": "text"}``,
    optionally ``"lines": N`` for a passage of N consecutive lines (their texts joined by single spaces,
    as the sentences of one paragraph).

    A field holding a list of tokens (the kumparan POS corpus's ``"tokens"``) is the tokens joined
    by single spaces: that corpus keeps no original spacing."""
    path = (shared_dir or paths.shared_dir()) / source["file"]
    if not path.exists():
        raise InputError(f"referenced text {source['file']} is not available (looked in {path.parent}; "
                         "set WARTA_SHARED to the folder holding data/)")
    line_no, count = int(source["line"]), int(source.get("lines", 1))
    lines = _shared_lines(path)
    if count < 1 or not 1 <= line_no <= line_no + count - 1 <= len(lines):
        raise InputError(f"{source['file']} has no lines {line_no}-{line_no + count - 1}" if count != 1
                         else f"{source['file']} has no line {line_no}")
    text = " ".join(_line_text(lines[number - 1], source.get("field", "text"))
                    for number in range(line_no, line_no + count))
    if expected_sha256 and text_sha256(text) != expected_sha256:
        raise InputError(f"{source['file']}:{line_no}: text_sha256 does not match the referenced text")
    return text


def _line_text(line: str, field_name: str) -> str:
    text = json.loads(line)[field_name]
    if isinstance(text, list) and all(isinstance(token, str) for token in text):
        text = " ".join(text)
    return text


@lru_cache(maxsize=4)
def _shared_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return handle.readlines()


def read_jsonl(path: str | Path, check: Callable[[dict], str | None] | None = None) -> list[dict]:
    """Records from a JSONL file (ours: predictions or gold). A line that is not a JSON object, or
    that ``check`` finds a problem in, is an ``InputError`` naming file and line."""
    return list(iter_jsonl(path, check))


def iter_jsonl(path: str | Path, check: Callable[[dict], str | None] | None = None) -> Iterator[dict]:
    """:func:`read_jsonl`, streamed: one record at a time, for files of any size."""
    where = display_path(path)
    try:
        with Path(path).open("rb") as handle:
            for line_no, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    record = parse_json(raw)
                except ValueError as exc:
                    raise InputError(f"{where}:{line_no}: {exc}") from None
                problem = "not a JSON object" if not isinstance(record, dict) else check and check(record)
                if problem:
                    raise InputError(f"{where}:{line_no}: {problem}")
                yield record
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None
