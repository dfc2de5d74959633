"""Reading inputs and writing outputs.

Readers turn files into a stream of ``InputDoc``; a document that cannot be read becomes an
``InputDoc`` with ``error`` set, so the engine writes an error record for it and goes on.
Writers stream records to JSONL (flushed per document, so nothing written is lost) and to the
flat ``documents`` / ``mentions`` tables as Parquet (explicit pyarrow schema) and CSV.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import VALUE_FIELDS, text_sha256

TEXT_SUFFIXES = {".txt"}
# Third-party texts (../shared/data) are referenced by gold records, never copied into the repo.
SHARED_DIR = Path(os.environ.get("WARTA_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
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


class InputError(ValueError):
    """An input that cannot be read at all (missing path, unknown file type)."""


# ---------------------------------------------------------------- reading

def iter_inputs(paths: Iterable[str | Path]) -> Iterator[InputDoc]:
    """Every document of every input path, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _iter_directory(path)
        elif path.suffix in TEXT_SUFFIXES:
            yield _read_text_file(path, doc_id=path.stem)
        elif path.suffix == ".jsonl":
            yield from _iter_jsonl(path)
        elif path.suffix == ".csv":
            yield from _iter_csv(path)
        elif not path.exists():
            yield InputDoc(str(path), None, str(path), error=f"{path}: no such file or directory")
        else:
            yield InputDoc(str(path), None, str(path),
                           error=f"{path}: unsupported input type '{path.suffix}' (use .txt, .jsonl, .csv or a directory)")


def _iter_directory(root: Path) -> Iterator[InputDoc]:
    if (root / MANIFEST_NAME).exists():   # a corpus: documents listed with their metadata
        yield from _iter_manifest(root)
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix in TEXT_SUFFIXES:
            yield _read_text_file(path, doc_id=path.relative_to(root).with_suffix("").as_posix())
        elif path.suffix == ".jsonl":
            yield from _iter_jsonl(path)
        elif path.suffix == ".csv":
            yield from _iter_csv(path)


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
        raw = path.read_bytes()
    except OSError as exc:
        return InputDoc(doc_id, None, str(path), error=f"{path}: cannot read file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputDoc(doc_id, None, str(path), error=f"{path}: invalid UTF-8 at byte {exc.start}")
    return InputDoc(doc_id, text, str(path))


def _iter_jsonl(path: Path, needs_text: bool = True) -> Iterator[InputDoc]:
    """One InputDoc per line; for a manifest (needs_text=False) ``text`` holds the path field."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read file: {exc.strerror or exc}")
        return
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            origin = f"{path}:{line_no}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
            except UnicodeDecodeError as exc:
                yield InputDoc(origin, None, origin, error=f"{origin}: invalid UTF-8 at byte {exc.start}")
                continue
            except ValueError as exc:
                yield InputDoc(origin, None, origin, error=f"{origin}: malformed JSON line ({exc})")
                continue
            yield _doc_from_mapping(obj, origin, text_key="text" if needs_text else "path")


def _iter_csv(path: Path) -> Iterator[InputDoc]:
    try:
        chunks = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=1000, encoding="utf-8")
        header_seen = False
        for chunk_index, chunk in enumerate(chunks):
            if not header_seen and "text" not in chunk.columns:
                yield InputDoc(str(path), None, str(path),
                               error=f"{path}: CSV has no 'text' column (columns: {', '.join(chunk.columns)})")
                return
            header_seen = True
            for offset, row in enumerate(chunk.to_dict("records")):
                line_no = chunk_index * 1000 + offset + 2       # +1 header, +1 one-based
                yield _doc_from_mapping(row, f"{path}:{line_no}", text_key="text")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        yield InputDoc(str(path), None, str(path), error=f"{path}: cannot read CSV: {exc}")


def _doc_from_mapping(obj: dict, origin: str, text_key: str) -> InputDoc:
    doc_id = str(obj.get("id") or obj.get("doc_id") or origin)
    text = obj.get(text_key)
    meta = {key: (str(obj[key]) if obj.get(key) not in (None, "") else None)
            for key in ("title", "published", "lang")}
    if text is None and isinstance(obj.get("source"), dict):   # a reference into ../shared
        try:
            text = resolve_source(obj["source"], obj.get("text_sha256"))
        except InputError as exc:
            return InputDoc(doc_id, None, origin, error=f"{origin}: {exc}", **meta)
    if not isinstance(text, str):
        return InputDoc(doc_id, None, origin, error=f"{origin}: missing or non-string '{text_key}' field", **meta)
    return InputDoc(doc_id, text, origin, **meta)


def resolve_source(source: dict, expected_sha256: str | None = None, shared_dir: Path | None = None) -> str:
    """The text a record refers to: ``{"file": path under shared/, "line": 1-based, "field": "text"}``."""
    path = (shared_dir or SHARED_DIR) / source["file"]
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

class RecordWriter:
    """Streams records to ``documents.jsonl`` and, in batches, to Parquet and CSV tables.

    JSONL is appended and flushed per record. Tables are written to temporary files and
    renamed into place on ``close()``, so readers never see a half-written table.
    """

    def __init__(self, out_dir: str | Path, batch_size: int = 500):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self._jsonl = (self.out_dir / "documents.jsonl").open("w", encoding="utf-8")
        self._pending: list[dict] = []
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv_started: set[str] = set()
        self.counts = {"ok": 0, "error": 0}

    def write(self, record: dict) -> None:
        self._jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._jsonl.flush()
        self.counts[record.get("status", "ok")] = self.counts.get(record.get("status", "ok"), 0) + 1
        self._pending.append(record)
        if len(self._pending) >= self.batch_size:
            self._flush_tables()

    def _flush_tables(self) -> None:
        documents = [document_row(r) for r in self._pending]
        mentions = [row for r in self._pending for row in mention_rows(r)]
        self._append_table("documents", documents, DOCUMENT_SCHEMA)
        self._append_table("mentions", mentions, MENTION_SCHEMA)
        self._pending = []

    def _append_table(self, name: str, rows: list[dict], schema: pa.Schema) -> None:
        table = pa.Table.from_pylist(rows, schema=schema)
        if name not in self._parquet:
            self._parquet[name] = pq.ParquetWriter(self._tmp(f"{name}.parquet"), schema)
        self._parquet[name].write_table(table)
        frame = table.to_pandas()
        frame.to_csv(self._tmp(f"{name}.csv"), mode="a", index=False, header=name not in self._csv_started,
                     quoting=csv.QUOTE_MINIMAL)
        self._csv_started.add(name)

    def _tmp(self, filename: str) -> Path:
        return self.out_dir / f".{filename}.tmp"

    def close(self) -> None:
        self._flush_tables()
        self._jsonl.close()
        for name, writer in self._parquet.items():
            writer.close()
            os.replace(self._tmp(f"{name}.parquet"), self.out_dir / f"{name}.parquet")
            os.replace(self._tmp(f"{name}.csv"), self.out_dir / f"{name}.csv")

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def write_jsonl(records: Iterable[dict], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_tables(out_dir: str | Path, fmt: str = "parquet") -> tuple[pd.DataFrame, pd.DataFrame]:
    out_dir = Path(out_dir)
    if fmt == "parquet":
        return pd.read_parquet(out_dir / "documents.parquet"), pd.read_parquet(out_dir / "mentions.parquet")
    dtypes = {"doc_id": str, "lang": str, "published": str, "title": str, "error": str, "text": str,
              "unit": str, "qualifier": str, "date_value": str, "granularity": str, "canonical": str, "en": str}
    # Only numeric columns may be empty-as-missing: a mention text "NA" must stay a string.
    numeric_na = {"value": [""], "value_max": [""], "relative": [""], "n_words": [""]}
    documents = pd.read_csv(out_dir / "documents.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    mentions = pd.read_csv(out_dir / "mentions.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    return documents, mentions
