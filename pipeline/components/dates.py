"""The DATE and TIME component: date and time expressions as spans of a spaCy Doc.

The rules live in :mod:`warta.rules.dates` (usable without spaCy; their words come from
``warta/lang/<lang>/dates.json``). This component runs them on the Doc's text against
``doc._.published`` and maps each expression to tokens with ``doc.char_span(...,
alignment_mode="expand")``. Each span in ``doc.spans["dates"]`` carries ``span._.value``,
``span._.granularity``, ``span._.relative`` (see :mod:`warta.rules.dates`) and
``span._.source`` (``"dates"``). Its factory, ``warta_dates``, is registered in
:mod:`warta.components.factories`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from warta.components.extensions import doc_text
from warta.rules.dates import date_rules

SPAN_KEY = "dates"
SOURCE = "dates"


class DatesComponent:
    """spaCy component: fills ``doc.spans["dates"]`` with the DATE and TIME spans of the Doc's text."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = date_rules(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        """The Doc with its dates and times, resolved against ``doc._.published``, as token-aligned
        spans; one that overlaps the previous once expanded to whole tokens is dropped."""
        spans = []
        last_end = 0
        for found in self.rules.find(doc_text(doc), doc._.published):
            span = doc.char_span(found.start, found.end, label=found.label, alignment_mode="expand")
            if span is None or span.start < last_end:
                continue  # token expansion made it overlap the previous span
            span._.value = found.value
            span._.granularity = found.granularity
            span._.relative = found.relative
            span._.source = SOURCE
            spans.append(span)
            last_end = span.end
        doc.spans[SPAN_KEY] = spans
        return doc
