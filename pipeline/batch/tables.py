"""Writing the output: ``documents.jsonl`` and the flat ``documents`` / ``mentions`` / ``texts`` tables.

A record that carries its ``text`` (a document whose text Warta extracted itself, from a web page,
WARC record or feed item) has it moved to the ``texts`` table, so that span offsets can be read back.

Records stream to JSONL and, in batches, to hive-partitioned Parquet datasets (explicit pyarrow
schema) and CSV; everything is written under ``.writing/`` and renamed into place at the end, so a
reader never sees a half-written output. ``read_tables`` / ``records_from_tables`` read them back.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warta.batch.io import ReadReport
from warta.lang import SUPPORTED_LANGS
from warta.records import DOC_FIELDS, LONE_SURROGATE, OFFSET_FIELDS, PROVENANCE_FIELDS, VALUE_FIELDS, scrub_record

# ---------------------------------------------------------------- flat tables

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("lang", pa.string()), ("published", pa.string()),
    ("published_source", pa.string()), ("published_raw", pa.string()),
    ("title", pa.string()), ("url", pa.string()), ("site_name", pa.string()), ("authors", pa.string()),
    ("status", pa.string()), ("error", pa.string()), ("partial", pa.bool_()),
    ("duplicate_of", pa.string()), ("duplicate_similarity", pa.float64()),
    ("text_sha256", pa.string()), ("n_words", pa.int64()), ("n_spans", pa.int64()),
    ("pipeline_version", pa.string()), ("models", pa.string()), ("boilerplate", pa.string()),
])
# columns holding a JSON value (a list or object of the record), as text
JSON_COLUMNS = ("authors", "models", "boilerplate")
TEXT_SCHEMA = pa.schema([("doc_id", pa.string()), ("lang", pa.string()), ("text_sha256", pa.string()),
                         ("text", pa.string())])
MENTION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("lang", pa.string()), ("published", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("label", pa.string()), ("text", pa.string()),
    ("source", pa.string()),
    ("value", pa.float64()), ("value_max", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string()),
    ("date_value", pa.string()), ("granularity", pa.string()), ("relative", pa.bool_()),
    ("canonical", pa.string()), ("en", pa.string()),
    ("speaker_start", pa.int64()), ("speaker_end", pa.int64()), ("speaker_canonical", pa.string()),
    ("speaker_role", pa.string()), ("cue_start", pa.int64()), ("cue_end", pa.int64()),
    ("attributed_to", pa.string()), ("cue_text", pa.string()),
    ("claim_date_start", pa.int64()), ("claim_date_end", pa.int64()),
    ("subject_start", pa.int64()), ("subject_end", pa.int64()), ("subject_text", pa.string()),
])
# OFFSET_FIELDS (records.py) hold [start, end] offsets: one column for each end
# One row per FIGURE: what it counts (subject, warta.rules.figure_subjects), who gave it (warta.rules.attribution),
# the quote it lies in, its sentence's nearest DATE.
CLAIM_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("lang", pa.string()), ("published", pa.string()), ("month", pa.string()),
    ("figure_start", pa.int64()), ("figure_end", pa.int64()), ("figure_text", pa.string()),
    ("value", pa.float64()), ("value_max", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string()),
    ("subject_text", pa.string()), ("subject_start", pa.int64()), ("subject_end", pa.int64()),
    ("attributed_to", pa.string()), ("speaker_start", pa.int64()), ("speaker_end", pa.int64()),
    ("speaker_role", pa.string()), ("cue_text", pa.string()), ("cue_start", pa.int64()), ("cue_end", pa.int64()),
    ("quote_start", pa.int64()), ("quote_end", pa.int64()),
    ("date_text", pa.string()), ("date_value", pa.string()), ("date_start", pa.int64()), ("date_end", pa.int64()),
])


def document_row(record: dict) -> dict:
    row = {name: record.get(name) for name in DOCUMENT_SCHEMA.names}
    row["n_spans"] = len(record.get("spans", []))
    row["partial"] = bool(record.get("partial"))
    row["models"] = json.dumps(record.get("models") or {}, sort_keys=True)
    row["boilerplate"] = json.dumps(record.get("boilerplate") or [], ensure_ascii=False)
    row["authors"] = json.dumps(record["authors"], ensure_ascii=False) if record.get("authors") else None
    return row


def mention_rows(record: dict) -> list[dict]:
    rows = []
    for span in record.get("spans", []):
        row = dict.fromkeys(MENTION_SCHEMA.names)
        row.update(doc_id=record["doc_id"], lang=record.get("lang"), published=record.get("published"))
        row.update({key: span.get(key) for key in ("start", "end", "label", "text", "source", "unit",
                                                    "qualifier", "granularity", "relative", "canonical", "en",
                                                    "attributed_to", "cue_text", "subject_text")})
        if span["label"] == "FIGURE":
            row["value"], row["value_max"] = _as_float(span.get("value")), _as_float(span.get("value_max"))
        else:
            row["date_value"] = span.get("value")
        row.update(speaker_canonical=span.get("speaker_canonical"), speaker_role=span.get("speaker_role"))
        for field in OFFSET_FIELDS:
            if span.get(field):
                row[f"{field}_start"], row[f"{field}_end"] = span[field]
        rows.append(row)
    return rows


def claim_rows(record: dict) -> list[dict]:
    """The ``claims`` rows of a record: one per FIGURE, attributed or not. The quote is the QUOTE
    span the figure lies in (its ``speaker_role`` too, when the figure's speaker is the quote's);
    the date is the DATE span at the figure's ``claim_date`` offsets."""
    spans = record.get("spans", [])
    quotes = [s for s in spans if s["label"] == "QUOTE"]
    dates = {(s["start"], s["end"]): s for s in spans if s["label"] == "DATE"}
    month = partition_of(record)[1]
    rows = []
    for span in spans:
        if span["label"] != "FIGURE":
            continue
        row = dict.fromkeys(CLAIM_SCHEMA.names)
        row.update(doc_id=record["doc_id"], lang=record.get("lang"), published=record.get("published"),
                   month=None if month == "unknown" else month,
                   figure_start=span["start"], figure_end=span["end"], figure_text=span["text"],
                   value=_as_float(span.get("value")), value_max=_as_float(span.get("value_max")),
                   unit=span.get("unit"), qualifier=span.get("qualifier"), subject_text=span.get("subject_text"),
                   attributed_to=span.get("attributed_to"), cue_text=span.get("cue_text"))
        for field in ("speaker", "cue", "subject"):
            if span.get(field):
                row[f"{field}_start"], row[f"{field}_end"] = span[field]
        quote = next((q for q in quotes if q["start"] <= span["start"] and span["end"] <= q["end"]), None)
        if quote is not None:
            row["quote_start"], row["quote_end"] = quote["start"], quote["end"]
            if span.get("speaker") and quote.get("speaker") == span["speaker"]:
                row["speaker_role"] = quote.get("speaker_role")
        date = dates.get(tuple(span["claim_date"])) if span.get("claim_date") else None
        if date is not None:
            row.update(date_text=date["text"], date_value=date.get("value"),
                       date_start=date["start"], date_end=date["end"])
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
    return [_record_from_row(row, spans_by_doc.get(row["doc_id"], [])) for row in documents.to_dict("records")]


def _record_from_row(row: dict, spans: list[dict]) -> dict:
    """A record in the field order of ``records.make_doc_record``."""
    values = {key: _none_if_missing(row.get(key)) for key in DOCUMENT_SCHEMA.names}
    for key in JSON_COLUMNS:
        values[key] = json.loads(values[key]) if values[key] else None
    values["n_words"] = int(row["n_words"])
    values["models"] = values["models"] or {}
    values["boilerplate"] = values["boilerplate"] or []
    values["partial"] = values["partial"] in (True, "True", "true", 1)
    record = {key: values.get(key) for key in DOC_FIELDS if key != "spans"}
    record.update({key: values[key] for key in PROVENANCE_FIELDS if values.get(key) not in (None, False, [], "")})
    record["spans"] = spans
    return record


def _span_from_row(row: dict) -> dict:
    span = {key: _none_if_missing(row[key]) for key in ("start", "end", "label", "text", "source")}
    span["start"], span["end"] = int(span["start"]), int(span["end"])
    fields = VALUE_FIELDS.get(span["label"], ())
    for field in fields:
        if field in OFFSET_FIELDS:
            ends = [_none_if_missing(row.get(f"{field}_{end}")) for end in ("start", "end")]
            if None not in ends:
                span[field] = [int(ends[0]), int(ends[1])]
            continue
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

TABLES = ("documents", "mentions", "claims", "texts")
PARTITION_COLUMNS = ("lang", "month")
OUTPUT_NAMES = ("documents.jsonl", "documents", "mentions", "claims", "texts", "documents.csv", "mentions.csv",
                "claims.csv")


PARTITION_LANGS = (*SUPPORTED_LANGS, "other", "unknown")
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def partition_of(record: dict) -> tuple[str, str]:
    """Hive partition (lang, publication month) of a record. Both values become folder names, so
    they come from a fixed set: "unknown" where there is none, "other" for any other language,
    "unknown" for a publication date that does not start YYYY-MM."""
    lang = record.get("lang") or "unknown"
    published = record.get("published")
    month = published[:7] if isinstance(published, str) and MONTH.match(published) else "unknown"
    return lang if lang in PARTITION_LANGS else "other", month


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
        self._texts: list[dict] = []
        self._batch_no = 0
        self.counts = {"documents": 0, "ok": 0, "error": 0, "words": 0}
        self.warnings: Counter = Counter()

    def write(self, record: dict) -> None:
        if "text" in record:                     # an extracted text goes to the texts table
            record = dict(record)
            self._texts.append({"doc_id": record["doc_id"], "lang": record.get("lang"),
                                "text_sha256": record.get("text_sha256"), "text": record.pop("text"),
                                "partition": partition_of(record)})
        line = json.dumps(record, ensure_ascii=False)
        if LONE_SURROGATE.search(line):          # never raise on a record: make it valid UTF-8
            record = scrub_record(record)
            line = json.dumps(record, ensure_ascii=False)
        self._jsonl.write(line + "\n")
        self.warnings.update(record.get("warnings", ()))
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
            self._write_parquet("claims", folder, [row for r in records for row in claim_rows(r)], CLAIM_SCHEMA)
        texts: dict[tuple[str, str], list[dict]] = {}
        for row in self._texts:
            texts.setdefault(row.pop("partition"), []).append(row)
        for (lang, month), rows in sorted(texts.items()):
            self._write_parquet("texts", f"lang={lang}/month={month}", rows, TEXT_SCHEMA)
        self._append_csv("documents", [document_row(r) for r in self._pending], DOCUMENT_SCHEMA)
        self._append_csv("mentions", [row for r in self._pending for row in mention_rows(r)], MENTION_SCHEMA)
        self._append_csv("claims", [row for r in self._pending for row in claim_rows(r)], CLAIM_SCHEMA)
        self._pending, self._texts = [], []
        self._batch_no += 1

    def _write_parquet(self, name: str, folder: str, rows: list[dict], schema: pa.Schema) -> None:
        # partition columns live in the folder names, not in the files
        file_schema = pa.schema([f for f in schema if f.name not in PARTITION_COLUMNS])
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


def finalize_output(out_dir: str | Path, parts_dir: str = "_parts", report: ReadReport | None = None,
                    reused_duplicates: int = 0) -> dict:
    """Merge the part files of a batch run, in partition order, into the output tables; the counts
    of documents, of duplicates, and of inputs skipped and warnings given (``report``), by reason.
    ``reused_duplicates``: how many duplicates reuse an earlier document's extraction, which is
    filled in here (batch/dedup.py); only then are the parts read twice."""
    from warta.batch.dedup import Extractions, needed_originals

    out_dir = Path(out_dir)
    report = report if report is not None else ReadReport()
    parts = sorted((out_dir / parts_dir).glob("part-*.jsonl"))
    extractions = Extractions(needed_originals(parts) if reused_duplicates else set())
    duplicates = 0
    with RecordWriter(out_dir) as writer:
        for part in parts:
            with part.open(encoding="utf-8") as handle:
                for line in handle:
                    record = extractions.complete(json.loads(line))
                    duplicates += "duplicate_of" in record
                    writer.write(record)
    warnings = report.warnings + writer.warnings
    return {**writer.counts, "duplicates": duplicates, "skipped": dict(sorted(report.skipped.items())),
            "skipped_expected": dict(sorted(report.expected.items())), "warnings": dict(sorted(warnings.items()))}


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
              "published_source": str, "published_raw": str, "url": str, "site_name": str, "authors": str,
              "duplicate_of": str, "boilerplate": str,
              "unit": str, "qualifier": str, "date_value": str, "granularity": str, "canonical": str, "en": str,
              "speaker_canonical": str, "speaker_role": str, "attributed_to": str, "cue_text": str}
    # Only numeric columns may be empty-as-missing: a mention text "NA" must stay a string.
    numeric_na = {"value": [""], "value_max": [""], "relative": [""], "n_words": [""], "partial": [""],
                  "duplicate_similarity": [""],
                  **{f"{field}_{end}": [""] for field in OFFSET_FIELDS for end in ("start", "end")}}
    documents = pd.read_csv(out_dir / "documents.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    mentions = pd.read_csv(out_dir / "mentions.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    return documents, mentions


def read_claims(out_dir: str | Path, fmt: str = "parquet") -> pd.DataFrame:
    """The ``claims`` table of an output directory (one row per FIGURE; ``claim_rows``)."""
    out_dir = Path(out_dir)
    if fmt == "parquet":
        return _read_dataset(out_dir / "claims", CLAIM_SCHEMA)
    dtypes = {name: str for name, kind in zip(CLAIM_SCHEMA.names, CLAIM_SCHEMA.types) if kind == pa.string()}
    numeric_na = {name: [""] for name, kind in zip(CLAIM_SCHEMA.names, CLAIM_SCHEMA.types) if kind != pa.string()}
    claims = pd.read_csv(out_dir / "claims.csv", dtype=dtypes, keep_default_na=False, na_values=numeric_na)
    for name in ("attributed_to", "speaker_role", "cue_text", "date_text", "date_value", "unit", "qualifier",
                 "published", "month", "lang"):
        claims[name] = claims[name].replace({"": None})
    return claims


def read_texts(out_dir: str | Path) -> pd.DataFrame:
    """The ``texts`` table (``doc_id``, ``lang``, ``text_sha256``, ``text``): the texts Warta extracted
    itself (web pages, WARC records, feed items), to which those documents' span offsets refer."""
    return _read_dataset(Path(out_dir) / "texts", TEXT_SCHEMA)


def _read_dataset(path: Path, schema: pa.Schema) -> pd.DataFrame:
    files = sorted(path.rglob("*.parquet"))
    if not files:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in schema.names})
    frame = pd.read_parquet(path)               # hive folders give lang and month back as columns
    for column in PARTITION_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype(str).replace({"unknown": None})
    return frame[list(schema.names)]
