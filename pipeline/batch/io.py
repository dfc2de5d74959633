"""Reading inputs and writing outputs.

Readers turn files into a stream of ``InputDoc``; a document that cannot be read becomes an
``InputDoc`` with ``error`` set, so the engine writes an error record for it and goes on.
Writers stream records to JSONL (flushed per document, so nothing written is lost) and to the
flat ``documents`` / ``mentions`` tables as Parquet (explicit pyarrow schema) and CSV.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warta import paths
from warta.records import VALUE_FIELDS, text_sha256

TEXT_SUFFIXES = {".txt"}
# Third-party texts (../shared/data) are referenced by gold records, never copied into the repo.
ARCHIVE_SUFFIXES = {".jsonl", ".csv"}
MANIFEST_NAME = "manifest.jsonl"


@dataclass
class InputDoc:
    doc_id: str
    text: str | None
    origin: str                     # "file" or "file:line", for error messages
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    error: str | None = None


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

READERS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def _kind(path: Path) -> str | None:
    """Reader for a path, looking through a .gz suffix (a.jsonl.gz reads as JSONL)."""
    suffixes = path.suffixes[-2:] if path.suffix == ".gz" else path.suffixes[-1:]
    return READERS.get(suffixes[0]) if suffixes and suffixes[0] in READERS else None


def iter_inputs(paths: Iterable[str | Path], columns: Columns = Columns()) -> Iterator[InputDoc]:
    """Every document of every input path, streamed in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _iter_directory(path, columns)
        elif not path.exists():
            yield InputDoc(str(path), None, str(path), error=f"{path}: no such file or directory")
        elif _kind(path):
            yield from _iter_file(path, _strip_suffixes(path.name), columns)
        else:
            yield InputDoc(str(path), None, str(path), error=f"{path}: unsupported input type '{path.suffix}' "
                           "(use .txt, .json, .jsonl, .csv, .parquet, their .gz, or a directory)")


def _iter_file(path: Path, doc_id: str, columns: Columns) -> Iterator[InputDoc]:
    kind = _kind(path)
    if kind == "text":
        yield _read_text_file(path, doc_id=doc_id)
    elif kind == "json":
        yield from _iter_json(path, columns)
    elif kind == "jsonl":
        yield from _iter_jsonl(path, columns=columns)
    elif kind == "csv":
        yield from _iter_csv(path, columns)
    elif kind == "parquet":
        yield from _iter_parquet(path, columns)


def _iter_directory(root: Path, columns: Columns = Columns()) -> Iterator[InputDoc]:
    if (root / MANIFEST_NAME).exists():   # a corpus: documents listed with their metadata
        yield from _iter_manifest(root)
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and _kind(p)):
        yield from _iter_file(path, _strip_suffixes(path.relative_to(root).as_posix()), columns)


def _strip_suffixes(name: str) -> str:
    """a/b.txt → a/b, a/b.jsonl.gz → a/b: the document id of a file."""
    path = Path(name)
    if path.suffix == ".gz":
        path = path.with_suffix("")
    return path.with_suffix("").as_posix()


def _open_bytes(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def _iter_manifest(root: Path) -> Iterator[InputDoc]:
    for entry in _iter_jsonl(root / MANIFEST_NAME, needs_text=False):
        if entry.error:
            yield entry
            continue
        doc = _read_text_file(root / entry.text, doc_id=entry.doc_id)
        doc.published, doc.lang, doc.title = entry.published, entry.lang, entry.title
        yield doc


def _read_text_file(path: Path, doc_id: str) -> InputDoc:
    try:
        with _open_bytes(path) as handle:
            raw = handle.read()
    except (OSError, EOFError) as exc:
        return InputDoc(doc_id, None, str(path), error=f"{path}: cannot read file: {getattr(exc, 'strerror', None) or exc}")
    if b"\x00" in raw[:8192]:
        return InputDoc(doc_id, None, str(path), error=f"{path}: binary file (NUL bytes), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputDoc(doc_id, None, str(path), error=f"{path}: invalid UTF-8 at byte {exc.start}")
    return InputDoc(doc_id, text, str(path))


def _iter_jsonl(path: Path, needs_text: bool = True, columns: Columns = Columns()) -> Iterator[InputDoc]:
    """One InputDoc per line; for a manifest (needs_text=False) ``text`` holds the path field."""
    try:
        handle = _open_bytes(path)
        lines = enumerate(handle, start=1)
    except OSError as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read file: {exc.strerror or exc}")
        return
    with handle:
        try:
            for line_no, raw in lines:
                origin = f"{path}:{line_no}"
                if raw.strip():
                    yield _doc_from_json_line(raw, origin, needs_text, columns)
        except (OSError, EOFError) as exc:       # a truncated .gz: report it, keep what was read
            yield InputDoc(f"{path}:end", None, str(path), error=f"{path}: read failed: {exc}")


def _doc_from_json_line(raw: bytes, origin: str, needs_text: bool, columns: Columns) -> InputDoc:
    try:
        obj = json.loads(raw.decode("utf-8"))
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
    except UnicodeDecodeError as exc:
        return InputDoc(origin, None, origin, error=f"{origin}: invalid UTF-8 at byte {exc.start}")
    except ValueError as exc:
        return InputDoc(origin, None, origin, error=f"{origin}: malformed JSON line ({exc})")
    if not needs_text:
        return _doc_from_mapping(obj, origin, Columns(text="path"))
    return _doc_from_mapping(obj, origin, columns)


def _iter_json(path: Path, columns: Columns) -> Iterator[InputDoc]:
    """A .json file: one document object, or a list of them."""
    try:
        with _open_bytes(path) as handle:
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read JSON: {exc}")
        return
    objects = data if isinstance(data, list) else [data]
    for index, obj in enumerate(objects):
        origin = f"{path}:{index}" if isinstance(data, list) else str(path)
        if not isinstance(obj, dict):
            yield InputDoc(origin, None, origin, error=f"{origin}: not a JSON object")
            continue
        doc = _doc_from_mapping(obj, origin, columns)
        if doc.doc_id == origin and not isinstance(data, list):
            doc.doc_id = _strip_suffixes(path.name)
        yield doc


def _iter_csv(path: Path, columns: Columns = Columns()) -> Iterator[InputDoc]:
    try:
        chunks = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=1000, encoding="utf-8")
        header_seen = False
        for chunk_index, chunk in enumerate(chunks):
            if not header_seen and columns.text not in chunk.columns:
                yield InputDoc(str(path), None, str(path), error=f"{path}: CSV has no '{columns.text}' column "
                               f"(columns: {', '.join(chunk.columns)}; choose one with --text-col)")
                return
            header_seen = True
            for offset, row in enumerate(chunk.to_dict("records")):
                line_no = chunk_index * 1000 + offset + 2       # +1 header, +1 one-based
                yield _doc_from_mapping(row, f"{path}:{line_no}", columns)
    except (OSError, EOFError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read CSV: {exc}")


def _iter_parquet(path: Path, columns: Columns) -> Iterator[InputDoc]:
    try:
        parquet = pq.ParquetFile(path)
        if columns.text not in parquet.schema_arrow.names:
            yield InputDoc(str(path), None, str(path), error=f"{path}: Parquet file has no '{columns.text}' column "
                           f"(columns: {', '.join(parquet.schema_arrow.names)}; choose one with --text-col)")
            return
        row_no = 0
        for batch in parquet.iter_batches(batch_size=1000):
            for row in batch.to_pylist():
                row_no += 1
                yield _doc_from_mapping(row, f"{path}:row{row_no}", columns)
    except (OSError, pa.ArrowException) as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read Parquet: {exc}")


def _doc_from_mapping(obj: dict, origin: str, columns: Columns = Columns()) -> InputDoc:
    raw_id = obj.get(columns.id) if columns.id in obj else obj.get("doc_id")
    doc_id = str(raw_id) if raw_id not in (None, "") else origin
    text = obj.get(columns.text)
    meta = {}
    for key, column in (("title", columns.title), ("published", columns.published), ("lang", columns.lang)):
        value = obj.get(column)
        meta[key] = str(value)[:10] if key == "published" and value not in (None, "") else (
            str(value) if value not in (None, "") else None)
    if text is None and isinstance(obj.get("source"), dict):   # a reference into ../shared
        try:
            text = resolve_source(obj["source"], obj.get("text_sha256"))
        except InputError as exc:
            return InputDoc(doc_id, None, origin, error=f"{origin}: {exc}", **meta)
    if not isinstance(text, str):
        return InputDoc(doc_id, None, origin, error=f"{origin}: missing or non-string '{columns.text}' field", **meta)
    return InputDoc(doc_id, text, origin, **meta)


def resolve_source(source: dict, expected_sha256: str | None = None, shared_dir: Path | None = None) -> str:
    """The text a record refers to: ``{"file": path under shared/, "line": 1-based, "field": "text"}``."""
    path = (shared_dir or paths.shared_dir()) / source["file"]
    if not path.exists():
        raise InputError(f"referenced text {source['file']} is not available (looked in {path.parent}; "
                         "set WARTA_SHARED to the folder holding data/)")
    line_no = int(source["line"])
    lines = _shared_lines(path)
    if not 1 <= line_no <= len(lines):
        raise InputError(f"{source['file']} has no line {line_no}")
    text = json.loads(lines[line_no - 1])[source.get("field", "text")]
    if expected_sha256 and text_sha256(text) != expected_sha256:
        raise InputError(f"{source['file']}:{line_no}: text_sha256 does not match the referenced text")
    return text


@lru_cache(maxsize=4)
def _shared_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return handle.readlines()


def read_jsonl(path: str | Path) -> list[dict]:
    """Records from a JSONL file (ours: predictions or gold); a bad line is a clear error."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{line_no}: malformed JSON line ({exc})") from exc
    return records


# ---------------------------------------------------------------- flat tables

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("lang", pa.string()), ("published", pa.string()),
    ("title", pa.string()), ("status", pa.string()), ("error", pa.string()),
    ("text_sha256", pa.string()), ("n_words", pa.int64()), ("n_spans", pa.int64()),
    ("pipeline_version", pa.string()), ("models", pa.string()),
])
MENTION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("lang", pa.string()), ("published", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("label", pa.string()), ("text", pa.string()),
    ("source", pa.string()),
    ("value", pa.float64()), ("value_max", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string()),
    ("date_value", pa.string()), ("granularity", pa.string()), ("relative", pa.bool_()),
    ("canonical", pa.string()), ("en", pa.string()),
])


def document_row(record: dict) -> dict:
    row = {name: record.get(name) for name in DOCUMENT_SCHEMA.names}
    row["n_spans"] = len(record.get("spans", []))
    row["models"] = json.dumps(record.get("models") or {}, sort_keys=True)
    return row


def mention_rows(record: dict) -> list[dict]:
    rows = []
    for span in record.get("spans", []):
        row = dict.fromkeys(MENTION_SCHEMA.names)
        row.update(doc_id=record["doc_id"], lang=record.get("lang"), published=record.get("published"))
        row.update({key: span.get(key) for key in ("start", "end", "label", "text", "source", "unit",
                                                    "qualifier", "granularity", "relative", "canonical", "en")})
        if span["label"] == "FIGURE":
            row["value"], row["value_max"] = _as_float(span.get("value")), _as_float(span.get("value_max"))
        else:
            row["date_value"] = span.get("value")
        rows.append(row)
    return rows


def _as_float(number):
    # Parquet's column is float64; pyarrow refuses ints beyond 2**53 unless converted first.
    return None if number is None else float(number)


def records_from_tables(documents: pd.DataFrame, mentions: pd.DataFrame) -> list[dict]:
    """Rebuild nested records from the flat tables (for round-trips and queries)."""
    spans_by_doc: dict[str, list[dict]] = {}
    for row in mentions.to_dict("records"):
        spans_by_doc.setdefault(row["doc_id"], []).append(_span_from_row(row))
    records = []
    for row in documents.to_dict("records"):
        record = {key: _none_if_missing(row.get(key)) for key in DOCUMENT_SCHEMA.names if key != "n_spans"}
        record["n_words"] = int(row["n_words"])
        record["models"] = json.loads(row["models"]) if record["models"] else {}
        record["spans"] = spans_by_doc.get(record["doc_id"], [])
        records.append(record)
    return records


def _span_from_row(row: dict) -> dict:
    span = {key: _none_if_missing(row[key]) for key in ("start", "end", "label", "text", "source")}
    span["start"], span["end"] = int(span["start"]), int(span["end"])
    fields = VALUE_FIELDS.get(span["label"], ())
    for field in fields:
        column = "date_value" if field == "value" and span["label"] != "FIGURE" else field
        value = _none_if_missing(row.get(column))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if field == "relative" and value is not None:
            value = value in (True, "True", "true", 1)
        if value is not None:
            span[field] = value
    return {key: value for key, value in span.items() if value is not None}


def _none_if_missing(value):
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == "":
        return None
    return value


# ---------------------------------------------------------------- writing

TABLES = ("documents", "mentions")
PARTITION_COLUMNS = ("lang", "month")
OUTPUT_NAMES = ("documents.jsonl", "documents", "mentions", "documents.csv", "mentions.csv")


def partition_of(record: dict) -> tuple[str, str]:
    """Hive partition (lang, publication month) of a record; "unknown" where there is none."""
    published = record.get("published") or ""
    month = published[:7] if len(published) >= 7 and published[4] == "-" else "unknown"
    return record.get("lang") or "unknown", month


class RecordWriter:
    """Writes records to ``documents.jsonl``, the Parquet datasets ``documents/`` and ``mentions/``
    (hive-partitioned by ``lang`` and publication ``month``, explicit schema) and flat CSV tables.

    Everything is written under ``.writing/`` and renamed into place by ``close()``, so a reader
    never sees a half-written output; records stream through in batches (memory stays flat).
    """

    def __init__(self, out_dir: str | Path, batch_size: int = 2000):
        self.out_dir = Path(out_dir)
        self.tmp = self.out_dir / ".writing"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        self.batch_size = batch_size
        self._jsonl = (self.tmp / "documents.jsonl").open("w", encoding="utf-8")
        self._pending: list[dict] = []
        self._batch_no = 0
        self.counts = {"documents": 0, "ok": 0, "error": 0, "words": 0}

    def write(self, record: dict) -> None:
        self._jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.counts["documents"] += 1
        self.counts[record.get("status", "ok")] = self.counts.get(record.get("status", "ok"), 0) + 1
        self.counts["words"] += record.get("n_words") or 0
        self._pending.append(record)
        if len(self._pending) >= self.batch_size:
            self._flush_tables()

    def _flush_tables(self) -> None:
        groups: dict[tuple[str, str], list[dict]] = {}
        for record in self._pending:
            groups.setdefault(partition_of(record), []).append(record)
        for (lang, month), records in sorted(groups.items()):
            folder = f"lang={lang}/month={month}"
            self._write_parquet("documents", folder, [document_row(r) for r in records], DOCUMENT_SCHEMA)
            self._write_parquet("mentions", folder, [row for r in records for row in mention_rows(r)], MENTION_SCHEMA)
        self._append_csv("documents", [document_row(r) for r in self._pending], DOCUMENT_SCHEMA)
        self._append_csv("mentions", [row for r in self._pending for row in mention_rows(r)], MENTION_SCHEMA)
        self._pending = []
        self._batch_no += 1

    def _write_parquet(self, name: str, folder: str, rows: list[dict], schema: pa.Schema) -> None:
        # partition columns live in the folder names, not in the files
        file_schema = pa.schema([f for f in schema if f.name != "lang"])
        table = pa.Table.from_pylist(rows, schema=schema).select(file_schema.names)
        target = self.tmp / name / folder
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target / f"part-{self._batch_no:06d}.parquet")

    def _append_csv(self, name: str, rows: list[dict], schema: pa.Schema) -> None:
        path = self.tmp / f"{name}.csv"
        frame = pd.DataFrame(rows, columns=schema.names)
        frame.to_csv(path, mode="a", index=False, header=not path.exists(), quoting=csv.QUOTE_MINIMAL)

    def close(self) -> None:
        self._flush_tables()
        self._jsonl.close()
        for name in OUTPUT_NAMES:
            source, target = self.tmp / name, self.out_dir / name
            if not source.exists():
                source.mkdir() if name in TABLES else source.touch()
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(source, target)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def finalize_output(out_dir: str | Path, parts_dir: str = "_parts") -> dict:
    """Merge the part files of a batch run, in partition order, into the output tables."""
    out_dir = Path(out_dir)
    with RecordWriter(out_dir) as writer:
        for part in sorted((out_dir / parts_dir).glob("part-*.jsonl")):
            with part.open(encoding="utf-8") as handle:
                for line in handle:
                    writer.write(json.loads(line))
    return dict(writer.counts)


def write_jsonl(records: Iterable[dict], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_tables(out_dir: str | Path, fmt: str = "parquet") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``documents`` and ``mentions`` tables of an output directory as DataFrames."""
    out_dir = Path(out_dir)
    if fmt == "parquet":
        return _read_dataset(out_dir / "documents", DOCUMENT_SCHEMA), _read_dataset(out_dir / "mentions", MENTION_SCHEMA)
    dtypes = {"doc_id": str, "lang": str, "published": str, "title": str, "error": str, "text": str,
              "unit": str, "qualifier": str, "date_value": str, "granularity": str, "canonical": str, "en": str}
    # Only numeric columns may be empty-as-missing: a mention text "NA" must stay a string.
    numeric_na = {"value": [""], "value_max": [""], "relative": [""], "n_words": [""]}
    documents = pd.read_csv(out_dir / "documents.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    mentions = pd.read_csv(out_dir / "mentions.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    return documents, mentions


def _read_dataset(path: Path, schema: pa.Schema) -> pd.DataFrame:
    files = sorted(path.rglob("*.parquet"))
    if not files:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in schema.names})
    frame = pd.read_parquet(path)               # hive folders give lang and month back as columns
    frame["lang"] = frame["lang"].astype(str).replace({"unknown": None})
    return frame[list(schema.names)]
