"""The one record schema shared by predictions and gold (see docs/schema.md).

A document record is a plain dict, JSON-serialisable, so that JSONL, Parquet and CSV
writers and the evaluator all handle the same shape:

    {"doc_id", "lang", "published", "published_source", "title", "text_sha256", "status", "error",
     "pipeline_version", "models", "n_words", "boilerplate": [[start, end, kind], ...], "spans": [span, ...]}

plus, only when they have a value, where a document came from (``PROVENANCE_FIELDS``: ``url``,
``site_name``, ``authors``, ``published_raw``, ``partial``, ``duplicate_of``, ``duplicate_similarity``).

A span is ``{"start", "end", "label", "text", "source", ...}`` plus the label's value fields.
A record that had to be changed to be written, or whose publication date could not be read, gets
``"warnings": [reason, ...]`` (only then).
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Iterable

NAME_LABELS = ("PERSON", "ORG", "PLACE", "EVENT")
VALUE_FIELDS = {
    # subject, subject_text: warta.rules.figure_subjects (the FIGURE component);
    # attributed_to, speaker, cue, cue_text, claim_date: set by warta.rules.attribution (spans_from_doc)
    "FIGURE": ("value", "value_max", "unit", "qualifier", "subject", "subject_text",
               "attributed_to", "speaker", "cue", "cue_text", "claim_date"),
    "DATE": ("value", "granularity", "relative", "attributed_to"),
    "TIME": ("value", "granularity", "relative"),
    **{label: ("canonical", "en") for label in NAME_LABELS},
    "QUOTE": ("speaker", "speaker_canonical", "speaker_role", "cue"),
}
ALL_LABELS = tuple(VALUE_FIELDS)
# value fields holding [start, end] offsets into the text (QUOTE speaker and cue; FIGURE's too, claim_date and subject)
OFFSET_FIELDS = ("speaker", "cue", "claim_date", "subject")
DOC_FIELDS = ("doc_id", "lang", "published", "published_source", "title", "text_sha256", "status", "error",
              "pipeline_version", "models", "n_words", "boilerplate", "spans")
# Where a web page, WARC record or feed item came from; in a record only when set (a plain text has none).
PROVENANCE_FIELDS = ("url", "site_name", "authors", "published_raw", "partial", "duplicate_of", "duplicate_similarity")
PUBLISHED_SOURCES = ("field", "html", "dateline", "warc", "none")


# A surrogate code point in a Python str is always a lone one (JSON's escaped pairs decode to one
# character); UTF-8 cannot encode it, so a record holding one could not be written.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_WARNING = "lone surrogates replaced by U+FFFD"


class GoldMismatchError(ValueError):
    """A gold record's text_sha256 does not match the text it is applied to."""


def text_sha256(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes (lone surrogates count as U+FFFD, as in the record)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = scrub_text(text).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def scrub_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    return LONE_SURROGATE.sub("\ufffd", text)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {_scrub(key): _scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


def scrub_record(record: dict) -> dict:
    """A copy of ``record`` that UTF-8 can encode: lone surrogates replaced by U+FFFD in every
    string, and the replacement noted in ``warnings``."""
    clean = _scrub(record)
    warnings = clean.get("warnings") or []
    clean["warnings"] = warnings if SURROGATE_WARNING in warnings else [*warnings, SURROGATE_WARNING]
    return clean


def make_span(start: int, end: int, label: str, text: str, source: str | None = None,
              **values: Any) -> dict:
    """Build a span dict; only the value fields that belong to ``label`` are kept."""
    span = {"start": start, "end": end, "label": label, "text": text}
    for field in VALUE_FIELDS.get(label, ()):
        if values.get(field) is not None:
            span[field] = values[field]
    if source is not None:
        span["source"] = source
    return span


def make_doc_record(doc_id: str, text: str | None, *, lang: str | None = None,
                    published: str | None = None, published_source: str | None = None, title: str | None = None,
                    spans: Iterable[dict] = (), status: str = "ok", error: str | None = None,
                    pipeline_version: str | None = None, models: dict | None = None,
                    boilerplate: Iterable[Iterable] = (), warnings: Iterable[str] = (),
                    **provenance: Any) -> dict:
    """A document record; ``text`` may be None for an error record of unreadable input.
    ``provenance``: any of ``PROVENANCE_FIELDS``, kept only when it has a value."""
    unknown = set(provenance) - set(PROVENANCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown record fields: {', '.join(sorted(unknown))}")
    spans = sorted(spans, key=lambda s: (s["start"], s["end"], s["label"]))
    record = {
        "doc_id": doc_id,
        "lang": lang,
        "published": published,
        "published_source": published_source or ("field" if published else "none"),
        "title": title,
        "text_sha256": text_sha256(text) if text is not None else None,
        "status": status,
        "error": error,
        "pipeline_version": pipeline_version,
        "models": models or {},
        "n_words": len(text.split()) if text else 0,
        "boilerplate": [list(item) for item in boilerplate],
        "spans": spans,
    }
    provenance = {name: value for name, value in provenance.items() if value not in (None, False, [], "")}
    if provenance:                              # before the spans, so a record reads top-down
        record = {**{k: v for k, v in record.items() if k != "spans"}, **provenance, "spans": spans}
    if warnings:
        record["warnings"] = list(warnings)
    # checked on the serialised record: spans' names may come from a user's alias file too
    if LONE_SURROGATE.search(json.dumps(record, ensure_ascii=False)):
        record = scrub_record(record)
    return record


def error_record(doc_id: str, error: str, text: str | None = None, **meta: Any) -> dict:
    return make_doc_record(doc_id, text, status="error", error=error, **meta)


def validate_spans(record: dict, text: str) -> None:
    """Check that the record was written for ``text`` and that every span's offsets hold."""
    if record.get("text_sha256") != text_sha256(text):
        raise GoldMismatchError(
            f"{record.get('doc_id')}: text_sha256 {record.get('text_sha256')} does not match the "
            f"document text ({text_sha256(text)}); the text changed after the annotation was written")
    for span in record.get("spans", []):
        if text[span["start"]:span["end"]] != span["text"]:
            raise GoldMismatchError(
                f"{record.get('doc_id')}: span {span['label']} [{span['start']}:{span['end']}] says "
                f"{span['text']!r} but the text there is {text[span['start']:span['end']]!r}")
