"""Extraction of document streams: one record per input document, errors included.

Every input document yields exactly one record, ``ok`` or ``error``. Documents are processed
in batches with ``nlp.pipe`` (fast); if a batch fails or runs out of time, its documents are
redone one by one so that only the bad one becomes an error record.

The time limit is per document: a batch gets one document's limit (a normal batch takes a small
part of it), each document redone alone gets its own. A memory ceiling works the same way: past
it, the batch is redone one by one and the document that passes it alone is an error record.
Each batch runs in spaCy's memory zone, so the strings and lexemes of its documents (new names,
numbers) are freed with it: a worker's memory stays flat over an archive instead of growing with
every unique token.

A text longer than ``PIECE_CHARS`` (100,000 characters: a transcript, a book, a whole archive
saved as one file; no news article is that long) is processed alone, in pieces of at most that,
cut at paragraph or sentence ends (:mod:`warta.batch.pieces`), each with the document's
publication date; their spans and furniture ranges, shifted by the piece's start, make ONE record
for the whole text. spaCy's memory grows with a Doc's length (a Doc of 1,000,000 characters,
spaCy's ``max_length``, took 3.6 GB, past a worker's default ceiling; pieces of 100,000 keep a
5 MB text under 0.8 GB and are faster too). The time limit and the memory ceiling apply to each piece, so a 5 MB document
finishes where one Doc of it could not; a piece that fails makes the whole document an error record
naming the piece's offsets. A text over ``MAX_DOCUMENT_CHARS`` is still an error record: no news
document is that long, so such an input is a runaway (a log, a dump, a file concatenated by
mistake) that would hold a worker for an hour.
"""
from __future__ import annotations

import ctypes
import logging
import signal
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator, Sequence

from warta import __version__
from warta.batch.dedup import PENDING, shares_anchor
from warta.batch.io import InputDoc
from warta.batch.pieces import PIECE_CHARS, piece_bounds
from warta.batch.processes import release_memory, rss_mb
from warta.langdetect import detect
from warta.lang import SUPPORTED_LANGS
from warta.backends import cached_pipeline
from warta.batch.published import resolve_published
from warta.nlp import boilerplate_from_doc, make_doc, model_versions, spans_from_doc
from warta.records import OFFSET_FIELDS, error_record, make_doc_record

log = logging.getLogger("warta")
MAX_DOCUMENT_CHARS = 20_000_000   # longer texts are error records (see the module): 4x the 5 MB transcript
TIME_LIMIT = 60.0         # seconds one document may take
# texts Warta extracted itself: written out (the texts table) so that offsets can be read back
EXTRACTED_TEXT_FORMATS = {"html", "warc", "feed"}
MEMORY_POLL_SECONDS = 0.05
# Inside a memory zone the tokenizer's cache and new lexemes are dropped when the zone closes, so a
# zone per batch re-tokenised the language's common words in every batch (20 % slower). Instead the
# first WARM_UP_DOCS documents of a pipeline run outside any zone (their common words stay cached,
# bounded) and then one zone spans ZONE_DOCS documents before it is closed and a new one opened.
WARM_UP_DOCS = 128
ZONE_DOCS = 1000
_zones: dict[int, list] = {}       # id(nlp) -> [documents seen, the open zone or None]


class DocumentTimeout(Exception):
    def __str__(self) -> str:
        return super().__str__() or "took longer than the time limit"


@contextmanager
def time_limit(seconds: float | None):
    """Raise DocumentTimeout in this thread after ``seconds``: by SIGALRM in a process's main
    thread, else (a Dask worker's task thread) by an exception a timer thread sets in this one.
    Either lands between two Python steps of the work, never inside one C call."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_alarm(seconds):
            yield


@contextmanager
def _alarm(seconds: float):
    def on_alarm(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:.0f}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_alarm(seconds: float):
    timeout = _with_message(DocumentTimeout, f"took longer than {seconds:.0f}s")
    with _raise_later(threading.get_ident()) as raise_now:
        timer = threading.Timer(seconds, raise_now, args=(timeout,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


class MemoryCeilingExceeded(Exception):
    pass


@contextmanager
def memory_ceiling(max_mb: float | None):
    """Raise MemoryCeilingExceeded in this thread when the process's resident memory passes
    ``max_mb`` (watched from another thread every 50 ms)."""
    if not max_mb:
        yield
        return
    exceeded = _with_message(MemoryCeilingExceeded, f"used more than {max_mb:.0f} MB")
    stop = threading.Event()
    with _raise_later(threading.get_ident()) as raise_now:
        def watch():
            while not stop.wait(MEMORY_POLL_SECONDS):
                if rss_mb() > max_mb:
                    raise_now(exceeded)
                    return

        threading.Thread(target=watch, daemon=True, name="warta-memory-ceiling").start()
        try:
            yield
        finally:
            stop.set()


def _with_message(exception: type, message: str) -> type:
    # an exception set in another thread is raised by class, without arguments: the message goes in a subclass
    return type(exception.__name__, (exception,), {"__str__": lambda self: message})


@contextmanager
def _raise_later(thread_id: int):
    """A function that raises an exception in thread ``thread_id`` while the block runs, never after."""
    lock, state = threading.Lock(), {"done": False}

    def raise_now(exception: type) -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception))

    try:
        yield raise_now
    finally:
        with lock:
            state["done"] = True


def extract_record(doc_id: str, text: str, *, lang: str | None = None, published: str | None = None,
                   title: str | None = None, backend: str = "spacy", aliases: Sequence[str] = ()) -> dict:
    """Extract one text into a record (the Python API behind ``warta.extract``)."""
    return next(extract_stream([InputDoc(doc_id, text, doc_id, title=title, published=published, lang=lang)],
                               backend=backend, aliases=aliases))


@dataclass(frozen=True)
class Limits:
    """What one document may take: seconds, and the process's resident memory in MB (None: no limit)."""
    seconds: float | None = TIME_LIMIT
    memory_mb: float | None = None

    @contextmanager
    def guard(self):
        with memory_ceiling(self.memory_mb), time_limit(self.seconds):
            yield


def extract_stream(inputs: Iterable[InputDoc], *, lang: str | None = None, published: str | None = None,
                   batch_size: int = 64, max_chars: int = MAX_DOCUMENT_CHARS,
                   seconds_per_doc: float | None = TIME_LIMIT, backend: str = "spacy",
                   aliases: Sequence[str] = (), max_memory_mb: float | None = None,
                   piece_chars: int = PIECE_CHARS) -> Iterator[dict]:
    """Records for ``inputs`` in input order. ``lang``/``published`` override per-document values;
    ``backend``: "spacy" (the shipped models) or "stanza" (pipeline/stanza_backend.py); ``aliases``:
    the user's alias files (docs/schema.md), read after the shipped table; ``seconds_per_doc`` and
    ``max_memory_mb``: what one document (or one piece of a long one) may take (past it, it is an
    error record). A text over ``piece_chars`` is processed in pieces of at most that; one over
    ``max_chars`` is an error record."""
    limits = Limits(seconds_per_doc, max_memory_mb)
    iterator = iter(inputs)
    while batch := list(islice(iterator, batch_size)):
        yield from _extract_batch(batch, lang, published, max_chars, limits, backend, tuple(aliases), piece_chars)


def _extract_batch(batch: list[InputDoc], lang: str | None, published: str | None, max_chars: int,
                   limits: Limits, backend: str = "spacy", aliases: tuple[str, ...] = (),
                   piece_chars: int = PIECE_CHARS) -> list[dict]:
    records: list[dict | None] = [None] * len(batch)
    by_lang: dict[str, list[tuple[int, InputDoc, dict]]] = {}
    for index, item in enumerate(batch):
        if item.status == "empty":                # a page with no article body: nothing to extract
            meta = document_meta(item, published, lang or item.lang)
            records[index] = make_doc_record(item.doc_id, item.text, lang=lang or item.lang, status="empty",
                                             error=item.error, **meta)
            continue
        problem = item.error or _text_problem(item, max_chars)
        if problem:
            log.error(problem)
            meta = document_meta(item, published, lang or item.lang)
            records[index] = error_record(item.doc_id, problem, text=item.text, lang=lang or item.lang, **meta)
            continue
        doc_lang = lang or item.lang or detect(item.text)
        meta = document_meta(item, published, doc_lang)
        # byte-identical to an earlier document, same publication date: finalize copies its extraction
        if item.status == PENDING and shares_anchor(item, meta, lambda doc: document_meta(doc, published, doc_lang)):
            records[index] = make_doc_record(item.doc_id, item.text, lang=doc_lang, status=PENDING, **meta)
            if item.source_format in EXTRACTED_TEXT_FORMATS:
                records[index]["text"] = item.text
            continue
        if doc_lang not in SUPPORTED_LANGS:       # neither Indonesian nor English: no extractor
            records[index] = make_doc_record(item.doc_id, item.text, lang=doc_lang, **meta)
            continue
        if len(item.text) > piece_chars:      # alone, piece by piece (see the module)
            nlp = cached_pipeline(doc_lang, backend, aliases)
            records[index] = _extract_in_pieces(nlp, item, doc_lang, meta, limits, piece_chars)
            continue
        by_lang.setdefault(doc_lang, []).append((index, item, meta))
    for doc_lang, entries in by_lang.items():
        for index, record in _extract_language(doc_lang, entries, limits, backend, aliases):
            records[index] = record
    return records


def _extract_language(lang: str, entries: list[tuple[int, InputDoc, dict]], limits: Limits,
                      backend: str = "spacy", aliases: tuple[str, ...] = ()) -> list[tuple[int, dict]]:
    nlp = cached_pipeline(lang, backend, aliases)
    try:
        versions = model_versions(nlp)          # nlp.meta is rebuilt on every read: once per batch
        # the records are built inside the zone: its Docs and strings do not outlive it
        with memory_zone(nlp, len(entries)), limits.guard():
            docs = nlp.pipe(make_doc(nlp, item.text, meta["published"]) for _, item, meta in entries)
            return [(index, _doc_record(item, lang, meta, doc, versions))
                    for (index, item, meta), doc in zip(entries, docs)]
    except (DocumentTimeout, MemoryCeilingExceeded) as exc:
        if isinstance(exc, MemoryCeilingExceeded):
            release_memory()
        if len(entries) == 1:                   # the document alone passed its limit: no second try
            index, item, meta = entries[0]
            return [(index, _error(item, lang, meta, exc))]
    except Exception:
        pass
    # find the bad document: redo one by one
    return [(index, _extract_alone(nlp, item, lang, meta, limits)) for index, item, meta in entries]


def memory_zone(nlp, n_docs: int = 1):
    """Keep ``nlp``'s strings bounded (see ZONE_DOCS): count ``n_docs`` more documents and, past the
    warm-up, make sure a spaCy memory zone (3.8+) is open, renewing it every ZONE_DOCS documents.
    Call it before a batch, never while a Doc of the pipeline is still needed; returns a context
    manager for the batch (the zone itself outlives it)."""
    state = _zones.setdefault(id(nlp), [0, None])
    seen, zone = state
    if hasattr(nlp, "memory_zone") and seen >= WARM_UP_DOCS and (zone is None or seen >= ZONE_DOCS + WARM_UP_DOCS):
        if zone is not None:
            zone.__exit__(None, None, None)
            seen = WARM_UP_DOCS
        zone = nlp.memory_zone()
        zone.__enter__()
    _zones[id(nlp)] = [seen + n_docs, zone]
    return nullcontext()


def _extract_alone(nlp, item: InputDoc, lang: str, meta: dict, limits: Limits) -> dict:
    try:
        with memory_zone(nlp), limits.guard():
            doc = nlp(make_doc(nlp, item.text, meta["published"]))
            return _doc_record(item, lang, meta, doc, model_versions(nlp))
    except MemoryCeilingExceeded as exc:
        release_memory()                        # what the document held goes back before the next one
        return _error(item, lang, meta, exc)
    except Exception as exc:  # one bad document must not end the run
        return _error(item, lang, meta, exc)


def _extract_in_pieces(nlp, item: InputDoc, lang: str, meta: dict, limits: Limits, piece_chars: int) -> dict:
    """One record for a long text, extracted piece by piece (see the module); each piece has the
    limits of one document, and the first piece that fails makes the document an error record."""
    spans, boilerplate = [], []
    for start, end in piece_bounds(item.text, piece_chars):
        try:
            piece_spans, piece_boilerplate = _extract_piece(nlp, item.text[start:end], meta["published"], limits)
        except Exception as exc:  # noqa: BLE001 -- one bad piece must not end the run
            if isinstance(exc, MemoryCeilingExceeded):
                release_memory()
            return _error(item, lang, meta, exc, where=f" in the piece at characters {start:,}-{end:,}")
        spans.extend(_shifted(span, start) for span in piece_spans)
        boilerplate.extend([first + start, last + start, kind] for first, last, kind in piece_boilerplate)
    return _record(item, lang, meta, spans, boilerplate, model_versions(nlp))


def _extract_piece(nlp, text: str, published: str | None, limits: Limits) -> tuple[list[dict], list[list]]:
    """The spans and furniture ranges of one piece, offsets within it. The Doc lives only in here,
    so no Doc of the pipeline is held when the next piece renews the memory zone."""
    with memory_zone(nlp), limits.guard():
        doc = nlp(make_doc(nlp, text, published))
        return spans_from_doc(doc), boilerplate_from_doc(doc)


def _shifted(span: dict, offset: int) -> dict:
    """A piece's span with every offset it holds (its own, and a speaker's, cue's or date's) moved into the whole text."""
    shifted = {**span, "start": span["start"] + offset, "end": span["end"] + offset}
    for name in OFFSET_FIELDS:
        if isinstance(span.get(name), (list, tuple)) and len(span[name]) == 2:
            shifted[name] = [span[name][0] + offset, span[name][1] + offset]
    return shifted


def _error(item: InputDoc, lang: str, meta: dict, exc: Exception, where: str = "") -> dict:
    message = f"{item.origin}: extraction failed{where}: {type(exc).__name__}: {exc}"
    log.error(message)
    return error_record(item.doc_id, message, text=item.text, lang=lang, **meta)


def _record(item: InputDoc, lang: str, meta: dict, spans: list[dict], boilerplate: list[list], versions: dict) -> dict:
    record = make_doc_record(item.doc_id, item.text, lang=lang, spans=spans, models=dict(versions),
                             boilerplate=boilerplate, **meta)
    if item.source_format in EXTRACTED_TEXT_FORMATS:     # the texts table keeps it (batch/tables.py)
        record["text"] = item.text
    return record


def _doc_record(item: InputDoc, lang: str, meta: dict, doc, versions: dict) -> dict:
    return _record(item, lang, meta, spans_from_doc(doc), boilerplate_from_doc(doc), versions)


def document_meta(item: InputDoc, published: str | None, lang: str | None) -> dict:
    """The record fields that describe a document rather than its spans: title, provenance, and the
    publication date resolved from (in order) ``published`` (``--published``), the input's field, the
    page's metadata, the article's dateline and the crawl time."""
    found = resolve_published(field=published or item.published_field or item.published, html=item.meta_published,
                              text=item.text, warc=item.crawl_time, lang=lang)
    if found.warning:
        log.warning("%s: %s %r", item.origin, found.warning, found.raw)
    return {"title": item.title, "published": found.value, "published_source": found.source,
            "warnings": [found.warning] if found.warning else [],
            "published_raw": found.raw, "pipeline_version": __version__, "url": item.url,
            "site_name": item.site_name, "authors": item.authors, "partial": item.partial,
            "duplicate_of": item.duplicate_of, "duplicate_similarity": item.duplicate_similarity}


def _text_problem(item: InputDoc, max_chars: int) -> str | None:
    if not item.text or not item.text.strip():
        return f"{item.origin}: empty text"
    if len(item.text) > max_chars:
        return (f"{item.origin}: text too long ({len(item.text)} characters > limit {max_chars}: "
                "a runaway input, not a document)")
    return None
