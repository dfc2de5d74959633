"""Warta: Indonesian and English news text to structured records.

    >>> import warta
    >>> nlp = warta.load("id")                 # a spaCy Language
    >>> record = warta.extract("...", published="2024-10-16")
"""
__version__ = "0.1.0"


def load(lang: str = "id", backend: str = "spacy", **options):
    """The spaCy pipeline for ``lang``: shipped NER model, then the figure and date components.

    ``backend="stanza"``: stanza's tokens, POS tags and English NER instead (``pip install
    'warta[stanza]'``; see warta/backends/stanza_backend.py); ``options`` go to the backend's loader
    (``aliases=[path, ...]``: the user's alias files, docs/schema.md; later files win).
    """
    from warta.backends import load_backend
    return load_backend(lang, backend, **options)


def extract(text: str, lang: str | None = None, published: str | None = None,
            doc_id: str = "text", backend: str = "spacy", aliases=()) -> dict:
    """One text to one record (the JSONL shape of docs/schema.md); ``aliases``: the user's alias files."""
    from warta.batch.engine import extract_record
    return extract_record(doc_id, text, lang=lang, published=published, backend=backend, aliases=aliases)
