"""What every backend shares: Warta's components after the NER, a Doc with its publication date, spans out."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc

import warta.components  # noqa: F401  (registers the factories and extensions)
from warta.components import dates, figures, quotes
from warta.components.extensions import TEXT_KEY, doc_text
from warta.records import NAME_LABELS, VALUE_FIELDS, make_span
from warta.rules.attribution import attribute

SPAN_GROUPS = (figures.SPAN_KEY, dates.SPAN_KEY, quotes.SPAN_KEY)


def add_components(nlp: Language, lang: str, aliases: Sequence[str | Path] = ()) -> Language:
    """Warta's own components after the NER: names, figures, dates and quotes, then the page
    furniture, which drops every span they found inside it (shared by every backend)."""
    nlp.add_pipe("warta_names", config={"lang": lang, "aliases": [str(p) for p in aliases]})
    nlp.add_pipe("warta_figures", config={"lang": lang})
    nlp.add_pipe("warta_dates", config={"lang": lang})
    nlp.add_pipe("warta_quotes", config={"lang": lang})
    nlp.add_pipe("warta_boilerplate", config={"lang": lang, "span_groups": list(SPAN_GROUPS)})
    return nlp


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
    """All spans of a processed Doc in the record schema; FIGURE and DATE spans with their
    attribution and a FIGURE with its sentence's nearest DATE (``warta.rules.attribution``)."""
    spans = [make_span(ent.start_char, ent.end_char, ent.label_, ent.text, source=ent._.source or "ner",
                       canonical=ent._.canonical, en=ent._.en)
             for ent in doc.ents if ent.label_ in NAME_LABELS]
    for group in SPAN_GROUPS:
        for span in doc.spans.get(group, []):
            # the attribution fields are no extensions: attribute() below sets them
            values = {field: getattr(span._, field, None) for field in VALUE_FIELDS.get(span.label_, ())}
            spans.append(make_span(span.start_char, span.end_char, span.label_, span.text,
                                   source=span._.source or group, **values))
    return attribute(doc_text(doc), spans, doc.lang_)


def boilerplate_from_doc(doc: Doc) -> list[list]:
    """The page furniture of a processed Doc for the record: ``[[start, end, kind], ...]``
    (empty when the pipeline has no ``warta_boilerplate``)."""
    return [[start, end, kind] for start, end, kind in doc._.boilerplate or ()]


def describe(nlp: Language) -> str:
    return json.dumps({"lang": nlp.lang, "pipeline": nlp.pipe_names, **model_versions(nlp)})
