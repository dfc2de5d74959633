"""``warta diff OLD NEW``: what changed between two runs over the same documents, where no gold exists.

Both runs' ``documents.jsonl`` are streamed in lockstep. Records are paired by ``doc_id``; a
record whose partner has not been read yet waits, as its raw line, in a dict of pending records,
so memory is bounded by how far out of order the two files are (nothing when both runs list the
documents in the same order, as runs over the same input do; at worst one whole file). Everything
else kept is bounded too: counts, the top N documents (a heap), a fixed-size sample of each kind
of change (reservoir sampling, seeded) and the first ``LIST_LIMIT`` ids of each document-level
finding.

A pair is compared span by span only when both records are ``ok`` and their ``text_sha256`` agree;
otherwise the document is reported as changed text or changed status. Per label a span is
*value* changed (same offsets, a value field differs), *boundary* changed (offsets differ but it
overlaps a span of the same label in the other run), *removed* or *added*. Claims, where records
carry a ``claims`` list, are compared as a multiset under the label ``CLAIM``.
"""
from __future__ import annotations

import heapq
import json
import logging
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Iterable, Iterator

from warta.batch.encodings import parse_json
from warta.batch.io import Columns, InputError, display_path, iter_inputs
from warta.evaluation.spans import check_record
from warta.records import ALL_LABELS, VALUE_FIELDS, text_sha256

log = logging.getLogger("warta")

KINDS = ("added", "removed", "boundary", "value")
CLAIM_LABEL = "CLAIM"
ALL = "ALL"                     # --fail-on's label for every label together
LIST_LIMIT = 100                # ids kept per document-level finding (the counts are exact)
TEXT_ID_LIMIT = 10              # ... of which the text report lists
CONTEXT_CHARS = 40
# ``warta extract`` writes doc_id first; an id without escapes is read without parsing the line
LEADING_DOC_ID = re.compile(rb'^\{"doc_id": "([^"\\]+)"[,}]')
FAIL_ON = re.compile(r"^([A-Z_]+):(added|removed|boundary|value|any)>(\d+(?:\.\d+)?)%$")


class DiffError(ValueError):
    """A ``--fail-on`` threshold that cannot be read; the message is one line for the user (unreadable
    runs are ``InputError``s, as everywhere in Warta)."""


@dataclass(frozen=True)
class Change:
    kind: str                   # one of KINDS
    label: str
    old: dict | None            # the span (or claim) in the old run; None when added
    new: dict | None            # ... in the new run; None when removed
    fields: tuple[str, ...] = ()  # the value fields that differ (kind "value")


@dataclass(frozen=True)
class Threshold:
    label: str
    kind: str                   # one of KINDS or "any"
    percent: float

    def __str__(self) -> str:
        return f"{self.label}:{self.kind}>{self.percent:g}%"


# ---------------------------------------------------------------- reading

def documents_file(path: str | Path) -> Path:
    """The ``documents.jsonl`` of an output directory, or the file itself."""
    path = Path(path)
    target = path / "documents.jsonl" if path.is_dir() else path
    if not target.is_file():
        raise InputError(f"{display_path(target)}: no such file (give a run's output directory or its documents.jsonl)")
    return target


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        with path.open("rb") as handle:
            for line_no, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield line_no, raw
    except OSError as exc:
        raise InputError(f"{display_path(path)}: cannot read: {exc.strerror or exc}") from None


def parse_record(raw: bytes, where: str) -> dict:
    """One checked record of a ``documents.jsonl`` line; ``InputError`` naming file and line."""
    try:
        record = parse_json(raw)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: not a JSON object")
    problem = None if _looks_valid(record) else check_record(record)   # the full check only for its message
    if problem:
        raise InputError(f"{where}: {problem}")
    return record


def _looks_valid(record: dict) -> bool:
    """``check_record``'s test in one quick pass (it takes most of a diff's time otherwise)."""
    if type(record.get("doc_id")) is not str or not record["doc_id"] or type(record.get("spans", [])) is not list:
        return False
    try:
        return all(type(span["start"]) is int and type(span["end"]) is int and 0 <= span["start"] < span["end"]
                   and type(span["label"]) is str and span["label"] and type(span["text"]) is str
                   for span in record.get("spans", []))
    except (TypeError, KeyError):
        return False


def pair_records(old_path: Path, new_path: Path) -> Iterator[tuple[dict | None, dict | None]]:
    """(old, new) per document: both when paired by ``doc_id``, one of them when only one run has it.

    A pair of byte-identical lines is parsed once and yielded as the same object on both sides
    (the common case, and what makes the diff fast)."""
    for old, new in pair_lines(old_path, new_path):
        if old and new and old.raw == new.raw:
            record = parse_record(old.raw, old.where)
            yield record, record
        else:
            yield (parse_record(old.raw, old.where) if old else None,
                   parse_record(new.raw, new.where) if new else None)


@dataclass(frozen=True)
class Line:
    doc_id: str
    where: str                  # file:line, for error messages
    raw: bytes


def pair_lines(old_path: Path, new_path: Path) -> Iterator[tuple[Line | None, Line | None]]:
    """The two runs' lines paired by ``doc_id``, read in lockstep; a line waits in a dict of pending
    lines until its partner comes, and those left at the end are in one run only."""
    pending_old: dict[str, Line] = {}
    pending_new: dict[str, Line] = {}
    for old, new in zip_longest(_keyed_lines(old_path), _keyed_lines(new_path)):
        if old and new and old.doc_id == new.doc_id:
            yield old, new
            continue
        if old:
            if old.doc_id in pending_new:
                yield old, pending_new.pop(old.doc_id)
            else:
                _wait(old, pending_old)
        if new:
            if new.doc_id in pending_old:
                yield pending_old.pop(new.doc_id), new
            else:
                _wait(new, pending_new)
    yield from ((line, None) for line in pending_old.values())
    yield from ((None, line) for line in pending_new.values())


def _wait(line: Line, pending: dict[str, Line]) -> None:
    if line.doc_id in pending:
        raise InputError(f"{line.where}: doc_id {line.doc_id!r} appears twice")
    pending[line.doc_id] = line


def _keyed_lines(path: Path) -> Iterator[Line]:
    name = display_path(path)
    for line_no, raw in _lines(path):
        yield Line(doc_id_of(raw, f"{name}:{line_no}"), f"{name}:{line_no}", raw)


def doc_id_of(raw: bytes, where: str) -> str:
    """A line's ``doc_id``: read from the line's start where Warta wrote it there (plain), else parsed."""
    leading = LEADING_DOC_ID.match(raw)
    if leading:
        try:
            return leading.group(1).decode("utf-8")
        except UnicodeDecodeError:
            pass
    return parse_record(raw, where)["doc_id"]


# ---------------------------------------------------------------- comparing

def diff_spans(old_spans: list[dict], new_spans: list[dict]) -> list[Change]:
    """The changes, per label, that turn ``old_spans`` into ``new_spans`` (same text)."""
    old_by_label, new_by_label = _by_label(old_spans), _by_label(new_spans)
    changes = []
    for label in sorted(old_by_label.keys() | new_by_label.keys()):
        changes += _diff_label(label, old_by_label.get(label, []), new_by_label.get(label, []))
    return changes


def _by_label(spans: list[dict]) -> dict[str, list[dict]]:
    grouped = defaultdict(list)
    for span in spans:
        grouped[span["label"]].append(span)
    return grouped


def _diff_label(label: str, old: list[dict], new: list[dict]) -> list[Change]:
    changes = []
    new_at = defaultdict(list)
    for span in new:
        new_at[(span["start"], span["end"])].append(span)
    unmatched_old = []
    for span in old:
        same_place = new_at.get((span["start"], span["end"]))
        if not same_place:
            unmatched_old.append(span)
            continue
        partner = same_place.pop(0)
        fields = tuple(f for f in VALUE_FIELDS.get(label, ()) if span.get(f) != partner.get(f))
        if fields:
            changes.append(Change("value", label, span, partner, fields))
    unmatched_new = [span for spans in new_at.values() for span in spans]
    unmatched_new.sort(key=lambda s: (s["start"], s["end"]))
    for span in unmatched_old:
        partner = next((n for n in unmatched_new if n["start"] < span["end"] and span["start"] < n["end"]), None)
        if partner is None:
            changes.append(Change("removed", label, span, None))
        else:
            unmatched_new.remove(partner)
            changes.append(Change("boundary", label, span, partner))
    changes += [Change("added", label, None, span) for span in unmatched_new]
    return changes


def diff_claims(old_claims: list, new_claims: list) -> list[Change]:
    """Claims present in one run only (compared whole, as canonical JSON)."""
    def canonical(claims):
        return Counter(json.dumps(claim, sort_keys=True, ensure_ascii=False) for claim in claims)
    old_count, new_count = canonical(old_claims), canonical(new_claims)
    removed = [Change("removed", CLAIM_LABEL, json.loads(c), None) for c in (old_count - new_count).elements()]
    added = [Change("added", CLAIM_LABEL, None, json.loads(c)) for c in (new_count - old_count).elements()]
    return removed + added


def _claims(record: dict) -> list:
    claims = record.get("claims")
    return claims if isinstance(claims, list) else []


# ---------------------------------------------------------------- collecting

@dataclass
class DiffReport:
    """Everything ``warta diff`` reports, accumulated document by document in bounded memory."""
    old_path: str
    new_path: str
    top_n: int = 10
    sample_size: int = 5
    seed: int = 0
    documents: Counter = field(default_factory=Counter)
    findings: dict = field(default_factory=lambda: {k: [] for k in ("only_old", "only_new", "text_changed",
                                                                     "status_changed")})
    old_spans: Counter = field(default_factory=Counter)
    new_spans: Counter = field(default_factory=Counter)
    changes: Counter = field(default_factory=Counter)            # (label, kind) → count
    value_fields: Counter = field(default_factory=Counter)       # (label, field) → count
    _top: list = field(default_factory=list)                     # heap of (changes, -order, doc summary)
    _seen: Counter = field(default_factory=Counter)              # changes seen per kind, for the reservoir
    _samples: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self):
        self._rng = random.Random(self.seed)

    def add(self, old: dict | None, new: dict | None) -> None:
        """Account for one document: a pair, or a record of one run only."""
        self.documents["old"] += old is not None
        self.documents["new"] += new is not None
        if old is None or new is None:
            self._finding("only_old" if new is None else "only_new", (old or new)["doc_id"])
        elif old.get("status", "ok") != new.get("status", "ok"):
            self._finding("status_changed", old["doc_id"])
        elif old.get("text_sha256") != new.get("text_sha256"):
            self._finding("text_changed", old["doc_id"])
        else:
            self._compare(old, new)

    def _finding(self, kind: str, doc_id: str) -> None:
        self.documents[kind] += 1
        if len(self.findings[kind]) < LIST_LIMIT:
            self.findings[kind].append(doc_id)

    def _compare(self, old: dict, new: dict) -> None:
        self.documents["compared"] += 1
        old_spans, new_spans = old.get("spans", []), new.get("spans", [])
        self.old_spans.update(span["label"] for span in old_spans)
        self.new_spans.update(span["label"] for span in new_spans)
        old_claims, new_claims = _claims(old), _claims(new)
        self.old_spans[CLAIM_LABEL] += len(old_claims)
        self.new_spans[CLAIM_LABEL] += len(new_claims)
        if old is new or (old_spans == new_spans and old_claims == new_claims):
            return
        changes = diff_spans(old_spans, new_spans) + diff_claims(old_claims, new_claims)
        if not changes:
            return
        self.documents["changed"] += 1
        by_kind = Counter(change.kind for change in changes)
        for change in changes:
            self.changes[(change.label, change.kind)] += 1
            self.value_fields.update((change.label, f) for f in change.fields)
            self._maybe_sample(change, old, new)
        entry = (len(changes), -self.documents["compared"],
                 {"doc_id": old["doc_id"], "changes": len(changes), **{k: by_kind[k] for k in KINDS}})
        if len(self._top) < self.top_n:
            heapq.heappush(self._top, entry)
        elif self.top_n:
            heapq.heappushpop(self._top, entry)

    def _maybe_sample(self, change: Change, old: dict, new: dict) -> None:
        """Reservoir sampling per kind: every change has the same chance, reproducibly for a seed."""
        self._seen[change.kind] += 1
        reservoir = self._samples[change.kind]
        if len(reservoir) < self.sample_size:
            reservoir.append(sample_entry(change, old, new))
            return
        slot = self._rng.randrange(self._seen[change.kind])
        if slot < self.sample_size:
            reservoir[slot] = sample_entry(change, old, new)

    # ------------------------------------------------------------ results

    def labels(self) -> list[str]:
        present = set(self.old_spans) | set(self.new_spans) | {label for label, _ in self.changes}
        if not self.old_spans[CLAIM_LABEL] and not self.new_spans[CLAIM_LABEL]:
            present.discard(CLAIM_LABEL)
        known = [label for label in (*ALL_LABELS, CLAIM_LABEL) if label in present]
        return known + sorted(present - set(known))

    def per_label(self) -> dict[str, dict]:
        return {label: {"old_spans": self.old_spans[label], "new_spans": self.new_spans[label],
                        **{kind: self.changes[(label, kind)] for kind in KINDS},
                        "value_fields": {f: n for (lab, f), n in sorted(self.value_fields.items()) if lab == label}}
                for label in self.labels()}

    def top_documents(self) -> list[dict]:
        return [entry for _, _, entry in sorted(self._top, reverse=True)]

    def samples(self) -> dict[str, list[dict]]:
        return {kind: list(entries) for kind, entries in self._samples.items()}

    def is_empty(self) -> bool:
        return not self.changes and not any(self.documents[k] for k in self.findings)

    def as_dict(self) -> dict:
        """The JSON report (``--json``)."""
        return {"old": self.old_path, "new": self.new_path,
                "documents": {k: self.documents[k] for k in ("old", "new", "compared", "changed", *self.findings)},
                "document_ids": {k: list(ids) for k, ids in self.findings.items()},
                "document_ids_limit": LIST_LIMIT,
                "labels": self.per_label(), "top_documents": self.top_documents(),
                "samples": self.samples(), "seed": self.seed}


def brief(span: dict | None) -> dict | None:
    """A span (or claim) without its ``source``: what the reader compares."""
    if span is None:
        return None
    return {k: v for k, v in span.items() if k != "source"}


def context(record: dict, span: dict | None) -> dict | None:
    """±CONTEXT_CHARS of text around a span, when the record carries its text (most runs don't)."""
    text = record.get("text")
    if span is None or not isinstance(text, str) or "start" not in span or span["end"] > len(text):
        return None
    start, end = span["start"], span["end"]
    return {"before": text[max(0, start - CONTEXT_CHARS):start], "span": text[start:end],
            "after": text[end:end + CONTEXT_CHARS]}


def sample_entry(change: Change, old: dict, new: dict) -> dict:
    return {"kind": change.kind, "label": change.label, "doc_id": old["doc_id"],
            "text_sha256": old.get("text_sha256"),
            "old": brief(change.old), "new": brief(change.new), "fields": list(change.fields),
            "old_context": context(old, change.old), "new_context": context(new, change.new)}


def add_contexts(report: DiffReport, inputs: Iterable[str | Path], columns: Columns = Columns()) -> int:
    """Give the sampled changes their context from the run's inputs (``--texts``), for runs whose
    records do not carry the text. Inputs are streamed until every sampled document is found; a
    text is used only when it has the record's ``text_sha256``. Returns the samples given context."""
    waiting = defaultdict(list)
    for entries in report.samples().values():
        for sample in entries:
            if sample["old_context"] is None and sample["new_context"] is None:
                waiting[sample["doc_id"]].append(sample)
    given, unreadable = 0, []
    for doc in iter_inputs(inputs, columns) if waiting else ():
        if doc.error:
            unreadable.append(doc.error)
        samples = waiting.get(doc.doc_id)
        if not samples or doc.text is None or text_sha256(doc.text) != samples[0]["text_sha256"]:
            continue
        for sample in waiting.pop(doc.doc_id):
            sample["old_context"] = context({"text": doc.text}, sample["old"])
            sample["new_context"] = context({"text": doc.text}, sample["new"])
            given += 1
        if not waiting:
            break
    if unreadable:                               # a mistyped --texts path must not pass unnoticed
        log.warning("--texts: %d inputs unreadable, first: %s", len(unreadable), unreadable[0])
    if waiting:
        log.info("--texts: no text with the run's text_sha256 for %d sampled documents", len(waiting))
    return given


def diff_runs(old: str | Path, new: str | Path, top_n: int = 10, sample_size: int = 5, seed: int = 0) -> DiffReport:
    """Diff two runs (output directories or ``documents.jsonl`` files); ``InputError`` when unreadable."""
    old_path, new_path = documents_file(old), documents_file(new)
    report = DiffReport(display_path(old_path), display_path(new_path), top_n=top_n, sample_size=sample_size,
                        seed=seed)
    for old_record, new_record in pair_records(old_path, new_path):
        report.add(old_record, new_record)
    return report


# ---------------------------------------------------------------- thresholds

def parse_threshold(text: str) -> Threshold:
    """``LABEL:KIND>N%`` (KIND: added, removed, boundary, value or any; LABEL ALL for every label)."""
    match = FAIL_ON.match(text.strip())
    if not match:
        raise DiffError(f"--fail-on {text!r}: expected LABEL:KIND>N% with KIND one of "
                        f"{', '.join(KINDS)}, any (e.g. FIGURE:value>2%)")
    label, kind, percent = match.groups()
    if label not in (*ALL_LABELS, CLAIM_LABEL, ALL):
        raise DiffError(f"--fail-on {text!r}: unknown label {label} (one of {', '.join((*ALL_LABELS, CLAIM_LABEL, ALL))})")
    return Threshold(label, kind, float(percent))


def breaches(report: DiffReport, thresholds: list[Threshold]) -> list[str]:
    """One line per threshold exceeded; the percentage is of the OLD run's spans of that label in
    the documents compared span by span (those a change could be counted in)."""
    lines = []
    for threshold in thresholds:
        labels = report.labels() if threshold.label == ALL else [threshold.label]
        kinds = KINDS if threshold.kind == "any" else (threshold.kind,)
        changed = sum(report.changes[(label, kind)] for label in labels for kind in kinds)
        base = sum(report.old_spans[label] for label in labels)
        percent = 100.0 * changed / base if base else (float("inf") if changed else 0.0)
        if percent > threshold.percent:
            lines.append(f"{threshold}: {changed} of {base} {threshold.label} spans "
                         f"({percent:.2f}%) {threshold.kind}")
    return lines


# ---------------------------------------------------------------- text

def format_span(span: dict | None) -> str:
    if span is None:
        return "-"
    if "start" not in span:
        return json.dumps(span, ensure_ascii=False, sort_keys=True)
    return f"[{span['start']}:{span['end']}] {span.get('text', '')!r}"


def describe(sample: dict) -> str:
    """One line for a sampled change."""
    kind, old, new = sample["kind"], sample["old"], sample["new"]
    if kind == "value":
        diffs = ", ".join(f"{f} {old.get(f)!r} -> {new.get(f)!r}" for f in sample["fields"])
        return f"{format_span(old)}: {diffs}"
    if kind == "boundary":
        return f"{format_span(old)} -> {format_span(new)}"
    return format_span(old if kind == "removed" else new)


def show_context(around: dict) -> str:
    """The span in its context on one line, marked with double brackets."""
    line = f"...{around['before']}[[{around['span']}]]{around['after']}..."
    return " ".join(line.split())


def format_text(report: DiffReport) -> str:
    """The report as text for the terminal."""
    d = report.documents
    lines = [f"diff {report.old_path} -> {report.new_path}",
             f"documents: {d['old']} old, {d['new']} new, {d['compared']} compared, {d['changed']} with span changes; "
             f"{d['only_old']} only in old, {d['only_new']} only in new, {d['text_changed']} text changed, "
             f"{d['status_changed']} status changed"]
    for kind, ids in report.findings.items():
        if ids:
            shown = ids[:TEXT_ID_LIMIT]
            more = f" (+{d[kind] - len(shown)} more)" if d[kind] > len(shown) else ""
            lines.append(f"  {kind.replace('_', ' ')}: {', '.join(shown)}{more}")
    if report.is_empty():
        lines.append("no differences")
        return "\n".join(lines)
    lines.append(f"\n{'label':<8} {'old':>8} {'new':>8} " + " ".join(f"{k:>8}" for k in KINDS) + "  value fields")
    for label, row in report.per_label().items():
        fields = ", ".join(f"{f} {n}" for f, n in row["value_fields"].items())
        lines.append(f"{label:<8} {row['old_spans']:>8} {row['new_spans']:>8} "
                     + " ".join(f"{row[k]:>8}" for k in KINDS) + (f"  {fields}" if fields else ""))
    top = report.top_documents()
    if top:
        lines.append("\ndocuments that changed most:")
        lines += [f"  {e['doc_id']}: {e['changes']} (" + ", ".join(f"{k} {e[k]}" for k in KINDS if e[k]) + ")"
                  for e in top]
    for kind, entries in report.samples().items():
        if entries:
            lines.append(f"\nsample of {kind}:")
            for sample in entries:
                lines.append(f"  {sample['doc_id']} {sample['label']} {describe(sample)}")
                lines += [f"    {side}: {show_context(sample[side + '_context'])}" for side in ("old", "new")
                          if sample[side + "_context"]]
    return "\n".join(lines)
