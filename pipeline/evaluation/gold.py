"""The project's corpus: documents listed in ``corpus/manifest.jsonl`` and gold in ``corpus/gold/``."""
from __future__ import annotations

from pathlib import Path

from warta import paths
from warta.batch.io import InputError, iter_inputs, read_jsonl, resolve_source
from warta.evaluation.spans import check_record
from warta.records import validate_spans


def load_texts(corpus_dir: str | Path | None = None) -> dict[str, str]:
    """doc_id → text for every readable document of the corpus (default: the project's ``corpus/``)."""
    corpus_dir = corpus_dir or paths.corpus_dir()
    return {doc.doc_id: doc.text for doc in iter_inputs([corpus_dir]) if doc.text is not None}


def load_gold(gold_path: str | Path, texts: dict[str, str] | None = None) -> list[dict]:
    """Gold records from a JSONL file or a directory of them, each checked against its text.

    A gold whose ``text_sha256`` or span offsets do not match the text fails loudly
    (``GoldMismatchError``): offsets into a changed text would silently score the wrong spans.
    """
    gold_path = Path(gold_path)
    files = sorted(gold_path.glob("*.jsonl")) if gold_path.is_dir() else [gold_path]
    if not files or not all(f.exists() for f in files):
        raise InputError(f"{gold_path}: no gold JSONL found")
    records = [record for f in files for record in read_jsonl(f, check=check_record)]
    if texts is None and any(_text_elsewhere(record) for record in records):
        texts = _corpus_texts()
    for record in records:
        text = gold_text(record, texts)
        if text is not None:
            validate_spans(record, text)
            add_subject_texts(record, text)
    return records


def _text_elsewhere(record: dict) -> bool:
    """A gold record whose text is neither inline nor referenced: the project's corpus may hold it."""
    return not isinstance(record.get("text"), str) and not isinstance(record.get("source"), dict)


def _corpus_texts() -> dict[str, str] | None:
    """The project corpus's texts, or None where it cannot be read (the gold is then taken unchecked)."""
    try:
        return load_texts()
    except (InputError, OSError):
        return None


def add_subject_texts(record: dict, text: str) -> None:
    """Give each gold FIGURE that has ``subject`` offsets but no ``subject_text`` the text there
    (the subject's head word is read from it; gold may write the offsets alone)."""
    for span in record.get("spans", []):
        subject = span.get("subject")
        if subject and "subject_text" not in span:
            span["subject_text"] = text[subject[0]:subject[1]]


def gold_text(record: dict, texts: dict[str, str] | None = None) -> str | None:
    """The text a gold record was written for: inline, from ``texts``, or referenced in ../shared."""
    if isinstance(record.get("text"), str):
        return record["text"]
    if texts and record["doc_id"] in texts:
        return texts[record["doc_id"]]
    if isinstance(record.get("source"), dict):
        return resolve_source(record["source"])
    return None
