"""Warta: Indonesian and English news text to structured records.

    >>> import pipeline
    >>> nlp = pipeline.load("id")                 # a spaCy Language
    >>> record = pipeline.extract("...", published="2024-10-16")
"""
__version__ = "0.1.0"


def load(lang: str = "id"):
    """The spaCy pipeline for ``lang``: shipped NER model, then the figure and date components."""
    from pipeline.nlp import load as _load
    return _load(lang)


def extract(text: str, lang: str | None = None, published: str | None = None,
            doc_id: str = "text") -> dict:
    """One text to one record (the JSONL shape of docs/schema.md)."""
    from pipeline.engine import extract_record
    return extract_record(doc_id, text, lang=lang, published=published)
