"""The FIGURE component: numbers that state a quantity, as spans of a spaCy Doc.

The rules live in :mod:`warta.rules.figures` (usable without spaCy; their words come from
``warta/lang/<lang>/numbers.json``). This component runs them on the Doc's text and stores the
figures in ``doc.spans["figures"]`` (label ``FIGURE``) with the span attributes of
:mod:`warta.components.extensions`: ``value``, ``value_max``, ``unit``, ``qualifier`` and ``source``.
Its factory, ``warta_figures``, is registered in :mod:`warta.components.factories`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from warta.components.extensions import doc_text
from warta.rules.figures import figure_rules

LABEL = "FIGURE"
SPAN_KEY = "figures"
SOURCE = "figures"


class FiguresComponent:
    """spaCy component: fills ``doc.spans["figures"]`` with the figures of the Doc's text."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = figure_rules(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        """The Doc with its figures as token-aligned spans; one that overlaps the previous once
        expanded to whole tokens is dropped."""
        spans = []
        last = -1
        for fig in self.rules.find(doc_text(doc)):
            span = doc.char_span(fig.start, fig.end, label=LABEL, alignment_mode="expand")
            if span is None or span.start < last:
                continue  # overlaps the previous figure once aligned to tokens
            ext = span._  # one Underscore object for the five attributes
            ext.value = fig.value
            ext.value_max = fig.value_max
            ext.unit = fig.unit
            ext.qualifier = fig.qualifier
            ext.source = SOURCE
            spans.append(span)
            last = span.end
        doc.spans[SPAN_KEY] = spans
        return doc
