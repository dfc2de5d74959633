"""The batch engine: a stream of input documents in, one record per document out.

Every input document yields exactly one record, ``ok`` or ``error``; an exception while
processing one document becomes that document's error record and the run goes on.
"""
from __future__ import annotations

import logging
from itertools import islice
from typing import Iterable, Iterator

from pipeline import __version__
from pipeline.io import InputDoc
from pipeline.langdetect import detect
from pipeline.lang import SUPPORTED_LANGS
from pipeline.nlp import cached_pipeline, make_doc, model_versions, spans_from_doc
from pipeline.records import error_record, make_doc_record

log = logging.getLogger("warta")
MAX_CHARS = 1_000_000     # spaCy's default max_length; longer texts are reported, not processed


def extract_record(doc_id: str, text: str, *, lang: str | None = None, published: str | None = None,
                   title: str | None = None) -> dict:
    """Extract one text into a record (the Python API behind ``pipeline.extract``)."""
    return next(extract_stream([InputDoc(doc_id, text, doc_id, title=title, published=published, lang=lang)]))


def extract_stream(inputs: Iterable[InputDoc], *, lang: str | None = None, published: str | None = None,
                   batch_size: int = 64, max_chars: int = MAX_CHARS) -> Iterator[dict]:
    """Records for ``inputs`` in input order. ``lang``/``published`` override per-document values."""
    iterator = iter(inputs)
    while batch := list(islice(iterator, batch_size)):
        yield from _extract_batch(batch, lang, published, max_chars)


def _extract_batch(batch: list[InputDoc], lang: str | None, published: str | None,
                   max_chars: int) -> Iterator[dict]:
    for item in batch:
        meta = {"title": item.title, "published": published or item.published, "pipeline_version": __version__}
        problem = item.error or _text_problem(item, max_chars)
        if problem:
            log.error(problem)
            yield error_record(item.doc_id, problem, text=item.text, lang=lang or item.lang, **meta)
            continue
        doc_lang = lang or item.lang or detect(item.text)
        try:
            yield _extract_one(item, doc_lang, meta)
        except Exception as exc:  # one bad document must not end the run
            message = f"{item.origin}: extraction failed: {type(exc).__name__}: {exc}"
            log.error(message)
            yield error_record(item.doc_id, message, text=item.text, lang=doc_lang, **meta)


def _text_problem(item: InputDoc, max_chars: int) -> str | None:
    if not item.text or not item.text.strip():
        return f"{item.origin}: empty text"
    if len(item.text) > max_chars:
        return f"{item.origin}: text too long ({len(item.text)} characters > limit {max_chars})"
    return None


def _extract_one(item: InputDoc, lang: str, meta: dict) -> dict:
    if lang not in SUPPORTED_LANGS:   # detected as neither Indonesian nor English
        return make_doc_record(item.doc_id, item.text, lang=lang, models={}, **meta)
    nlp = cached_pipeline(lang)
    doc = nlp(make_doc(nlp, item.text, meta["published"]))
    return make_doc_record(item.doc_id, item.text, lang=lang, spans=spans_from_doc(doc),
                           models=model_versions(nlp), **meta)
