"""The QUOTE component: reported speech as spans of a spaCy Doc.

The rules live in :mod:`warta.rules.quotes` (usable without spaCy; their words come from
``warta/lang/<lang>/quotes.json``). This component hands them the Doc's text and its PERSON / ORG
entities (with ``span._.canonical`` from ``warta_names``) and stores the quotes in
``doc.spans["quotes"]`` (label ``QUOTE``) with ``span._.speaker`` and ``span._.cue`` (``[start, end]``
character offsets or None), ``span._.speaker_canonical``, ``span._.speaker_role`` and
``span._.source`` (``"quotes"``). It runs after ``warta_dates`` and before ``warta_boilerplate``.
Its factory, ``warta_quotes``, is registered in :mod:`warta.components.factories`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from warta.components.extensions import doc_text
from warta.rules.quotes import Entity, quote_rules

LABEL = "QUOTE"
SPAN_KEY = "quotes"
SOURCE = "quotes"
SPEAKER_LABELS = ("PERSON", "ORG")


class QuotesComponent:
    """spaCy component: fills ``doc.spans["quotes"]`` with the quotes of the Doc's text."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = quote_rules(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        """The Doc with its quotes as token-aligned spans; one that overlaps the previous once
        expanded to whole tokens is dropped."""
        entities = [Entity(ent.start_char, ent.end_char, ent.label_, ent._.canonical)
                    for ent in doc.ents if ent.label_ in SPEAKER_LABELS]
        spans = []
        last = -1
        for quote in self.rules.find(doc_text(doc), entities):
            span = doc.char_span(quote.start, quote.end, label=LABEL, alignment_mode="expand")
            if span is None or span.start < last:
                continue
            ext = span._
            ext.speaker = list(quote.speaker) if quote.speaker else None
            ext.speaker_canonical = quote.speaker_canonical
            ext.cue = list(quote.cue) if quote.cue else None
            ext.speaker_role = quote.speaker_role
            ext.source = SOURCE
            spans.append(span)
            last = span.end
        doc.spans[SPAN_KEY] = spans
        return doc
