"""The FIGURE component: numbers that state a quantity, as spans of a spaCy Doc.

The rules live in :mod:`warta.rules.figures` (usable without spaCy; their words come from
``warta/lang/<lang>/numbers.json``). This component runs them on the Doc's text and stores the
figures in ``doc.spans["figures"]`` (label ``FIGURE``) with the span attributes of
:mod:`warta.components.extensions`: ``value``, ``value_max``, ``unit``, ``qualifier`` and ``source``.
Its factory, ``warta_figures``, is registered in :mod:`warta.components.factories`.
"""
from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.components.extensions import doc_text
from warta.rules.figure_subjects import Word, subject_rules
from warta.rules.figures import figure_rules

LABEL = "FIGURE"
SPAN_KEY = "figures"
SOURCE = "figures"
# the figure's subject (warta.rules.figure_subjects): [start, end] offsets and the text there, or None
for _name in ("subject", "subject_text"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
SENTENCE_ENDS = frozenset(".!?\u2026")
SENTENCE_WINDOW = 60          # tokens looked at each side of a figure for its sentence (a text without ends stays linear)


class FiguresComponent:
    """spaCy component: fills ``doc.spans["figures"]`` with the figures of the Doc's text."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None):
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = figure_rules(self.lang)
        self.subjects = subject_rules(self.lang)

    def __call__(self, doc: Doc) -> Doc:
        """The Doc with its figures as token-aligned spans; one that overlaps the previous once
        expanded to whole tokens is dropped."""
        spans, elided = [], []
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
            elided.append(fig.elided and fig.unit is not None)
            last = span.end
        if self.subjects is not None and spans:
            self._add_subjects(doc, spans, elided)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _add_subjects(self, doc: Doc, spans: list[Span], elided: list[bool]) -> None:
        """Each figure's subject, found on the tokens of its sentence only (PERSON mentions for
        ages); a count whose noun is elided and was taken from another figure of its sentence
        ("35 pengunjuk rasa ... dan 20 lagi") takes that figure's subject too. Token offsets come
        from one array per Doc and texts from slices of the Doc's text: reading spaCy Token objects
        one by one cost several times more."""
        persons = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
        text = doc_text(doc)
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        ends = [_ends_sentence(text[i:i + n]) for i, n in offsets]
        sentences: dict[tuple[int, int], list[Word]] = {}
        bounds = []
        for span in spans:
            begin, end = _sentence_tokens(ends, span.start, span.end)
            bounds.append((begin, end))
            words = sentences.get((begin, end))
            if words is None:
                words = sentences[(begin, end)] = [Word(text[i:i + n], i, i + n) for i, n in offsets[begin:end]]
            found = self.subjects.find(words, span.start - begin, span.end - begin, persons)
            if found is not None:
                span._.subject = list(found)
                span._.subject_text = text[found[0]:found[1]]
        for i, span in enumerate(spans):
            if elided[i]:
                donor = _donor(spans, bounds, elided, i)
                if donor is not None:
                    span._.subject, span._.subject_text = donor._.subject, donor._.subject_text


def _donor(spans: list[Span], bounds: list[tuple[int, int]], elided: list[bool], i: int) -> Span | None:
    """The figure of the same sentence and unit, not elided itself, nearest to figure ``i`` (the
    one before it first) with a subject: where an elided count took its noun from."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(spans) and bounds[j] == bounds[i] and not elided[j] and spans[j]._.subject is not None \
                and spans[j]._.unit == spans[i]._.unit:
            return spans[j]
    return None


def _sentence_tokens(ends: list[bool], start: int, end: int) -> tuple[int, int]:
    """The token range of the sentence around tokens ``[start, end)``: from after the last token
    that ends a sentence before it to the next one (``ends``: per token), at most
    ``SENTENCE_WINDOW`` tokens each side."""
    begin, low = start, max(0, start - SENTENCE_WINDOW)
    while begin > low and not ends[begin - 1]:
        begin -= 1
    stop, high = end, min(len(ends), end + SENTENCE_WINDOW)
    while stop < high and not ends[stop]:
        stop += 1
    return begin, stop


def _ends_sentence(token: str) -> bool:
    """". ! ?" or a line break."""
    return token in SENTENCE_ENDS or "\n" in token
