"""Building the spaCy ``Language`` for a language: shipped NER model + Warta's components."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.components  # noqa: F401  (registers the factories and extensions)
from pipeline.components.extensions import TEXT_KEY
from pipeline.lang import SUPPORTED_LANGS
from pipeline.records import NAME_LABELS, make_span
from pipeline.tokenization import NEWS_TOKENIZER_CONFIG

MODELS_DIR = Path(os.environ.get("WARTA_MODELS_DIR", Path(__file__).resolve().parent.parent / "models"))
SPAN_GROUPS = ("figures", "dates")


def model_path(lang: str) -> Path:
    return MODELS_DIR / f"{lang}_ner"


def load(lang: str = "id", *, ner: bool = True, aliases: Sequence[str | Path] = ()) -> Language:
    """A fresh spaCy pipeline: the shipped NER model for ``lang`` (if any), then names, figures and dates.

    ``aliases``: the user's alias files (docs/schema.md), read after the shipped table; later files win.

    Names are in ``doc.ents`` (PERSON/ORG/PLACE); figures and dates in ``doc.spans["figures"]``
    and ``doc.spans["dates"]``; set ``doc._.published`` before the components run to resolve
    relative dates (``nlp(make_doc_with_date(...))``).
    """
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language {lang!r}; Warta supports {', '.join(SUPPORTED_LANGS)}")
    path = model_path(lang)
    if ner and (path / "meta.json").exists():
        # the model's tokenizer is spaCy's default for the language: build the news tokenizer
        # instead of loading it and then changing it (each change re-tokenises 16k special cases)
        nlp = spacy.load(path, exclude=["tokenizer"], config=NEWS_TOKENIZER_CONFIG)
    else:
        nlp = spacy.blank(lang, config=NEWS_TOKENIZER_CONFIG)
    return add_components(nlp, lang, aliases)


def add_components(nlp: Language, lang: str, aliases: Sequence[str | Path] = ()) -> Language:
    """Warta's own components after the NER: names, figures and dates (shared by every backend)."""
    nlp.add_pipe("warta_names", config={"lang": lang, "aliases": [str(p) for p in aliases]})
    nlp.add_pipe("warta_figures", config={"lang": lang})
    nlp.add_pipe("warta_dates", config={"lang": lang})
    return nlp


BACKENDS = ("spacy", "stanza")


def load_backend(lang: str = "id", backend: str = "spacy", **options) -> Language:
    """``load`` (backend "spacy") or ``pipeline.stanza_backend.load_stanza`` (backend "stanza")."""
    if backend == "spacy":
        return load(lang, **options)
    if backend == "stanza":
        from pipeline.stanza_backend import load_stanza
        return load_stanza(lang, **options)
    raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


@lru_cache(maxsize=None)
def cached_pipeline(lang: str, backend: str = "spacy", aliases: tuple[str, ...] = ()) -> Language:
    """One pipeline per language, backend, alias files and process (models load once)."""
    return load_backend(lang, backend, **({"aliases": aliases} if aliases else {}))


def model_versions(nlp: Language) -> dict:
    """Which models produced the spans, for the record's ``models`` field."""
    if "ner" not in nlp.pipe_names:
        versions = {"ner": None}
    else:
        versions = {"ner": f"{nlp.meta.get('name', 'ner')}@{nlp.meta.get('version', '0')}"}
    if nlp.meta.get("warta_tokenizer"):      # a backend's own tokenizer (stanza)
        versions["tokenizer"] = nlp.meta["warta_tokenizer"]
    return versions


def make_doc(nlp: Language, text: str, published: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text         # the components read it instead of rebuilding doc.text
    doc._.published = published
    return doc


def spans_from_doc(doc: Doc) -> list[dict]:
    """All spans of a processed Doc in the record schema."""
    spans = [make_span(ent.start_char, ent.end_char, ent.label_, ent.text, source=ent._.source or "ner",
                       canonical=ent._.canonical, en=ent._.en)
             for ent in doc.ents if ent.label_ in NAME_LABELS]
    for group in SPAN_GROUPS:
        for span in doc.spans.get(group, []):
            values = {field: getattr(span._, field) for field in
                      ("value", "value_max", "unit", "qualifier", "granularity", "relative")}
            spans.append(make_span(span.start_char, span.end_char, span.label_, span.text,
                                   source=span._.source or group, **values))
    return spans


def describe(nlp: Language) -> str:
    return json.dumps({"lang": nlp.lang, "pipeline": nlp.pipe_names, **model_versions(nlp)})
