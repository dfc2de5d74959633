"""The page-furniture component: no span of any label comes from a copyright line, a related
link, a credit, a photo credit or a share prompt.

The rules live in :mod:`warta.rules.boilerplate` (usable without spaCy; their words come from
``warta/lang/<lang>/boilerplate.json``). This component runs last: it records the furniture's
character ranges in ``doc._.boilerplate`` as ``(start, end, kind)`` and removes every entity of
``doc.ents`` and every span of the span groups that overlaps one of them. Its factory,
``warta_boilerplate``, is registered in :mod:`warta.components.factories`.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from warta.components.extensions import doc_text
from warta.rules.boilerplate import boilerplate_rules


class BoilerplateComponent:
    """spaCy component: fills ``doc._.boilerplate`` and drops the spans that lie in it."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None,
                 span_groups: Sequence[str] | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = boilerplate_rules(self.lang)
        self.span_groups = None if span_groups is None else tuple(span_groups)

    def __call__(self, doc: Doc) -> Doc:
        """The Doc with its furniture ranges, and without the entities and spans that overlap them."""
        ranges = self.rules.find(doc_text(doc))
        doc._.boilerplate = ranges
        if not ranges:
            return doc
        inside = Overlaps(ranges)
        ents = doc.ents                       # built anew on every access: read once
        kept = [ent for ent in ents if not inside(ent.start_char, ent.end_char)]
        if len(kept) < len(ents):
            doc.ents = kept
        groups = doc.spans.keys() if self.span_groups is None else self.span_groups
        for group in list(groups):
            spans = doc.spans.get(group)
            if spans is None:
                continue
            kept = [span for span in spans if not inside(span.start_char, span.end_char)]
            if len(kept) < len(spans):
                doc.spans[group] = kept
        return doc


class Overlaps:
    """Whether a character range overlaps one of sorted, non-overlapping ranges (binary search)."""

    def __init__(self, ranges: Iterable[Sequence[int]]):
        self.starts, self.ends = [], []
        for start, end, *_ in ranges:
            self.starts.append(start)
            self.ends.append(end)

    def __call__(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, end - 1) - 1    # the last range starting before ``end``
        return index >= 0 and self.ends[index] > start
