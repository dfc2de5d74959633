"""Predictions out to annotation tools as pre-annotations, and corrected annotations back as gold.

Label Studio (labeling config: ``<Text name="text" value="$text"/>`` and ``<Labels name="label"
toName="text">`` with Warta's labels): a JSON list of tasks, ``data`` holding the text, ``doc_id``,
``text_sha256``, ``lang`` and ``published``, and one entry in ``predictions`` whose ``result`` has a
``labels`` region per span. A span's values (FIGURE value/unit/qualifier, DATE value/granularity,
names' canonical/en) ride along in the region's ``meta`` object. On import, the latest annotation
that was not cancelled is the truth, else the predictions.

doccano (sequence labelling): JSONL lines ``{"text", "label": [[start, end, LABEL], ...], "doc_id",
"text_sha256", "lang", "published", "warta": {"start:end:LABEL": values}}``; on import ``label`` (or
an older export's ``labels``, or the relation export's ``entities``) is the truth, and our extra
fields are read at the top level or in ``meta``.

A span whose (start, end, label) was exported gets its exported values back; any other span is new
or changed and gets ``"review": true`` instead. A text whose SHA-256 is not the exported one is
refused: offsets into a changed text would be wrong.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from warta.batch.encodings import parse_json
from warta.batch.io import Columns, InputError, display_path, iter_inputs
from warta.evaluation.sampling import choose, documents_path, is_annotatable, iter_chosen, iter_records
from warta.records import ALL_LABELS, VALUE_FIELDS, text_sha256

FROM_NAME, TO_NAME = "label", "text"           # the labeling config's Labels and Text names


class AnnotationError(InputError):
    """An annotation file or run that cannot be exported or imported; the message is one line."""


# ---------------------------------------------------------------- export

def export_run(run: str | Path, fmt: str, output: str | Path, texts: Iterable[str | Path] = (),
               sample: int | None = None, seed: int = 0, columns: Columns = Columns()) -> int:
    """Write the run's predictions (or a stratified sample of ``sample`` documents) as pre-annotations
    in ``fmt``; return the number of documents written."""
    path = documents_path(run)
    if sample is not None:
        records = list(iter_chosen(path, choose(path, sample, seed)[0]))
    else:
        records = [record for record in iter_records(path) if is_annotatable(record)]
    documents = attach_texts(records, texts, columns)
    writer = {"label-studio": write_label_studio, "doccano": write_doccano}[fmt]
    writer(documents, Path(output))
    return len(documents)


def attach_texts(records: list[dict], inputs: Iterable[str | Path], columns: Columns = Columns()) -> list[tuple[dict, str]]:
    """(record, text) for each record: its own ``text`` field, else the input document of the same
    ``doc_id``; each text must have the record's ``text_sha256``."""
    wanted = {r["doc_id"] for r in records if not isinstance(r.get("text"), str)}
    found: dict[str, str] = {}
    unreadable: list[str] = []
    if wanted and inputs:
        for doc in iter_inputs(inputs, columns):
            if doc.error:
                unreadable.append(doc.error)
            elif doc.doc_id in wanted:
                found.setdefault(doc.doc_id, doc.text)
    missing = sorted(wanted - set(found))
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        why = f" ({len(unreadable)} inputs unreadable, first: {unreadable[0]})" if unreadable else ""
        raise AnnotationError(f"no text for document {missing[0]!r}{more}: give the run's inputs with --texts{why}")
    documents = []
    for record in records:
        text = record["text"] if isinstance(record.get("text"), str) else found[record["doc_id"]]
        if text_sha256(text) != record.get("text_sha256"):
            raise AnnotationError(f"document {record['doc_id']!r}: its text does not have the run's text_sha256 "
                                  "(the input changed after the run)")
        documents.append((record, text))
    return documents


def span_values(span: dict) -> dict:
    """The value fields a span of its label carries (FIGURE value/unit/…, DATE value/…, names' canonical/en)."""
    return {field: span[field] for field in VALUE_FIELDS.get(span["label"], ()) if span.get(field) is not None}


def model_version(record: dict) -> str:
    """``warta 0.1.0 (ner=id_ner@0.3.0)``: the version and models that made the predictions."""
    models = ", ".join(f"{name}={model}" for name, model in sorted((record.get("models") or {}).items()))
    return " ".join(part for part in ("warta", record.get("pipeline_version"), f"({models})" if models else "") if part)


def document_data(record: dict, text: str) -> dict:
    return {"text": text, "doc_id": record["doc_id"], "text_sha256": record["text_sha256"],
            "lang": record.get("lang"), "published": record.get("published")}


def label_studio_task(record: dict, text: str) -> dict:
    """A Label Studio task with the record's spans as one prediction."""
    result = []
    for number, span in enumerate(record.get("spans", []), start=1):
        region = {"id": f"w{number}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                  "value": {"start": span["start"], "end": span["end"], "text": span["text"], "labels": [span["label"]]}}
        values = span_values(span)
        if values:
            region["meta"] = values
        result.append(region)
    return {"data": document_data(record, text), "predictions": [{"model_version": model_version(record), "result": result}]}


def doccano_line(record: dict, text: str) -> dict:
    """A doccano sequence-labelling line; ``warta`` holds every exported span (with its values)."""
    spans = record.get("spans", [])
    return {**document_data(record, text), "label": [[s["start"], s["end"], s["label"]] for s in spans],
            "warta": {span_key(s["start"], s["end"], s["label"]): span_values(s) for s in spans}}


def span_key(start: int, end: int, label: str) -> str:
    return f"{start}:{end}:{label}"


def write_label_studio(documents: list[tuple[dict, str]], output: Path) -> None:
    tasks = [label_studio_task(record, text) for record, text in documents]
    output.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_doccano(documents: list[tuple[dict, str]], output: Path) -> None:
    with output.open("w", encoding="utf-8") as handle:
        for record, text in documents:
            handle.write(json.dumps(doccano_line(record, text), ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- import

def import_annotations(path: str | Path, fmt: str) -> list[dict]:
    """Gold records (the record schema, one per document) from a Label Studio JSON export or a doccano JSONL export."""
    reader = {"label-studio": read_label_studio, "doccano": read_doccano}[fmt]
    gold, seen = [], set()
    for where, document in reader(Path(path)):
        record = gold_record(where, document)
        if record["doc_id"] in seen:
            raise AnnotationError(f"{where}: document {record['doc_id']!r} appears twice")
        seen.add(record["doc_id"])
        gold.append(record)
    return gold


def read_label_studio(path: Path) -> Iterator[tuple[str, dict]]:
    """(where, document) per task: its data, the annotated regions, and the exported regions' values."""
    where = display_path(path)
    tasks = _load_json(path)
    if not isinstance(tasks, list):
        raise AnnotationError(f"{where}: not a Label Studio JSON export (expected a list of tasks; export as 'JSON')")
    for number, task in enumerate(tasks, start=1):
        origin = f"{where}: task {task.get('id', number) if isinstance(task, dict) else number}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise AnnotationError(f"{origin}: not a Label Studio task (an object with 'data')")
        predicted = [region for prediction in _list_of(task, "predictions", origin)
                     for region in _list_of(prediction, "result", origin)]
        annotation = latest_annotation(_list_of(task, "annotations", origin))
        regions = _list_of(annotation, "result", origin) if annotation is not None else predicted
        yield origin, {**task["data"], "spans": label_studio_spans(regions, origin),
                       "exported": {span_key(*_region_key(r)): r.get("meta") or {} for r in predicted
                                    if _is_label_region(r)}}


def _list_of(container, key: str, origin: str) -> list:
    value = container.get(key) if isinstance(container, dict) else None
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise AnnotationError(f"{origin}: '{key}' is not a list of objects")
    return value


def latest_annotation(annotations: list[dict]) -> dict | None:
    """The most recently updated annotation that was not cancelled (skipped), or None."""
    done = [a for a in annotations if not a.get("was_cancelled")]
    if not done:
        return None
    return max(done, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), _as_int(a.get("id"))))


def _as_int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _is_label_region(region: dict) -> bool:
    return region.get("type") == "labels" and isinstance(region.get("value"), dict)


def _region_key(region: dict) -> tuple:
    value = region["value"]
    labels = value.get("labels")
    return value.get("start"), value.get("end"), labels[0] if isinstance(labels, list) and labels else None


def label_studio_spans(regions: list[dict], origin: str) -> list[dict]:
    """A span per label of each ``labels`` region (other result types, e.g. relations, are not spans)."""
    spans = []
    for region in filter(_is_label_region, regions):
        value = region["value"]
        labels = value.get("labels")
        if not isinstance(labels, list) or not labels:
            raise AnnotationError(f"{origin}: region {region.get('id')!r} has no labels")
        spans += [{"start": value.get("start"), "end": value.get("end"), "label": label, "text": value.get("text")}
                  for label in labels]
    return spans


def read_doccano(path: Path) -> Iterator[tuple[str, dict]]:
    """(where, document) per line of a doccano JSONL export."""
    where = display_path(path)
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise AnnotationError(f"{where}: cannot read: {exc.strerror or exc}") from None
    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        origin = f"{where}:{line_no}"
        try:
            line = parse_json(raw)
        except ValueError as exc:
            hint = " (a Label Studio export? use --format label-studio)" if raw.lstrip().startswith(b"[") else ""
            raise AnnotationError(f"{origin}: {exc}{hint}") from None
        if not isinstance(line, dict) or not isinstance(line.get("text"), str):
            raise AnnotationError(f"{origin}: not a doccano line (an object with 'text')")
        fields = {**(line.get("meta") if isinstance(line.get("meta"), dict) else {}), **line}
        exported = fields.get("warta") if isinstance(fields.get("warta"), dict) else {}
        yield origin, {**fields, "spans": doccano_spans(line, origin), "exported": exported}


def doccano_spans(line: dict, origin: str) -> list[dict]:
    """Spans of ``label`` (``[[start, end, LABEL], …]``), ``labels`` (older exports) or ``entities``."""
    if isinstance(line.get("entities"), list):
        items = line["entities"]
        if not all(isinstance(e, dict) for e in items):
            raise AnnotationError(f"{origin}: 'entities' is not a list of objects")
        return [{"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label"), "text": None}
                for e in items]
    items = line.get("label", line.get("labels", []))
    if not isinstance(items, list) or not all(isinstance(item, list) and len(item) == 3 for item in items):
        raise AnnotationError(f"{origin}: 'label' is not a list of [start, end, label]")
    return [{"start": start, "end": end, "label": label, "text": None} for start, end, label in items]


def gold_record(origin: str, document: dict) -> dict:
    """A gold record from an imported document: its text checked, its spans validated and valued."""
    text = document.get("text")
    doc_id = document.get("doc_id")
    if not isinstance(text, str):
        raise AnnotationError(f"{origin}: no text")
    if not isinstance(doc_id, str) or not doc_id:
        raise AnnotationError(f"{origin}: no doc_id (annotate tasks written by warta export)")
    sha = text_sha256(text)
    if document.get("text_sha256") not in (None, sha):
        raise AnnotationError(f"document {doc_id!r} ({origin}): the text changed since it was exported "
                              "(its SHA-256 is not the exported text_sha256); its offsets cannot be trusted")
    spans = [gold_span(span, text, document["exported"], f"document {doc_id!r} ({origin})")
             for span in document["spans"]]
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    return {"doc_id": doc_id, "lang": document.get("lang"), "published": document.get("published"),
            "text_sha256": sha, "spans": spans}


def gold_span(span: dict, text: str, exported: dict, origin: str) -> dict:
    """A validated span with the exported values where (start, end, label) is unchanged, else ``review``."""
    start, end, label = _code_point_offsets(span, text)
    if label not in ALL_LABELS:
        raise AnnotationError(f"{origin}: label {label!r} is not one of Warta's ({', '.join(ALL_LABELS)})")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not 0 <= start < end <= len(text):
        raise AnnotationError(f"{origin}: {label} span needs offsets 0 <= start < end <= {len(text)}, "
                              f"not start={start!r}, end={end!r}")
    if span["text"] is not None and span["text"] != text[start:end]:
        raise AnnotationError(f"{origin}: {label} span [{start}:{end}] says {span['text']!r} but the text there is "
                              f"{text[start:end]!r}")
    gold = {"start": start, "end": end, "label": label, "text": text[start:end]}
    values = exported.get(span_key(start, end, label))
    if isinstance(values, dict):
        gold.update({field: values[field] for field in VALUE_FIELDS[label] if values.get(field) is not None})
    else:
        gold["review"] = True
    return gold


def _code_point_offsets(span: dict, text: str) -> tuple:
    """(start, end, label) in Python's code points. Some tool versions count UTF-16 units as
    JavaScript does (an emoji is two): when the span's text shows that, the offsets are converted."""
    start, end, label = span["start"], span["end"], span["label"]
    if span["text"] is None or not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        return start, end, label
    if text[start:end] == span["text"] or text.isascii():
        return start, end, label
    units = [0]                                  # units[i]: UTF-16 units before code point i
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    position = {unit: index for index, unit in enumerate(units)}
    if start in position and end in position and text[position[start]:position[end]] == span["text"]:
        return position[start], position[end], label
    return start, end, label


def _load_json(path: Path):
    where = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(f"{where}: cannot read: {exc.strerror or exc}") from None
    try:
        return parse_json(raw)
    except ValueError as exc:
        hint = " (one JSON value per line: a doccano export? use --format doccano)" if "Extra data" in str(exc) else ""
        raise AnnotationError(f"{where}: {exc}{hint}") from None

