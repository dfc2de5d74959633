"""The text the quote rules read: tokens, sentences, quoted ranges and the name mentions handed in,
with the small records the rules exchange (``Entity``, ``Quote``, ``Marked``). Pure Python, no spaCy."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")
SENTENCE_END = frozenset(".!?\u2026")
CLAUSE_PUNCT = frozenset(",;:\u2013\u2014-")
SENTENCE_MARK = re.compile("[.!?\u2026\n]")


@dataclass(frozen=True)
class Entity:
    """A name mention handed to the rules: offsets, label and canonical name."""
    start: int
    end: int
    label: str
    canonical: str | None = None


@dataclass
class Quote:
    """A QUOTE span: ``kind`` is "direct" or "indirect"; ``speaker`` and ``cue`` are offsets or None."""
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None = None
    speaker_canonical: str | None = None
    cue: tuple[int, int] | None = None
    speaker_role: str | None = None
    refers_back: int | None = None    # "it said": the speaker is the nearest source before this offset
    refers_to: str | None = None      # "source" (an organisation or unnamed speaker) or "unnamed" (only the latter)


def same_speaker(quote: Quote, other: Quote) -> None:
    """``quote`` gets the speaker, cue and role of ``other`` (a quote split by its cue, one that goes on)."""
    quote.speaker, quote.speaker_canonical, quote.speaker_role = other.speaker, other.speaker_canonical, \
        other.speaker_role
    quote.refers_back, quote.refers_to = other.refers_back, other.refers_to


@dataclass
class Marked:
    """A stretch between quotation marks: mark offsets, and how it was closed."""
    open_at: int              # offset of the opening mark (-1: opened before its paragraph)
    close_at: int             # offset of the closing mark (end of paragraph when unterminated)
    start: int                # content
    end: int
    weak: bool = False
    orphan: bool = False      # no opening mark
    closed: bool = True


SENTENCE_BREAK = re.compile(r"[.!?\u2026]+\s+(?=[\"\u201c]?\s*[A-Z0-9])")


def char_before(text: str, i: int) -> str:
    """The last character before offset ``i`` that is not white space ("" at the start)."""
    i -= 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def first_sentence_end(text: str, start: int, stop: int) -> int:
    """Where the first sentence after ``start`` ends (after its full stop), at most ``stop``: an
    unterminated quote runs to there."""
    match = SENTENCE_BREAK.search(text, start, stop)
    return stop if match is None else match.start() + 1


class QuoteText:
    """A text's tokens, sentences, quoted ranges and entities, for one run of the rules."""

    def __init__(self, text: str, entities: list[Entity], abbreviations, mark_chars):
        self.text = text
        self.abbreviations = abbreviations     # words whose full stop ends no sentence
        self.mark_chars = mark_chars           # the language's quotation marks
        self.set_entities(entities)
        matches = list(TOKEN.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.raw = [m.group() for m in matches]
        self.words = [w.casefold() for w in self.raw]
        self.barriers: list[int] = []          # tokens inside a quote or its marks, sorted
        self.quote_ranges: list[tuple[int, int]] = []
        self.mark_tokens: set[int] = set()
        self.close_tokens: set[int] = set()
        self.sentence_bounds: list[int] = []

    def set_entities(self, entities: list[Entity]) -> None:
        """The name mentions the rules read, in text order."""
        self.entities = sorted(entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]

    def set_quotes(self, marked: list[Marked]) -> None:
        for m in marked:
            if m.open_at >= 0:
                self.mark_tokens.add(self.token_at_or_after(m.open_at))
            if m.closed:
                index = self.token_at_or_after(m.close_at)
                self.mark_tokens.add(index)
                self.close_tokens.add(index)
        self._mark_quotes(marked)
        self.sentence_bounds = self._sentences()
        self.sentence_bound_set = set(self.sentence_bounds)
        self.kept_marks = set(self.mark_tokens)

    def _mark_quotes(self, marked: list[Marked]) -> None:
        self.quote_ranges = [(m.start, m.end) for m in marked]
        self.quote_range_starts = [start for start, _ in self.quote_ranges]
        self.in_quote_token = [False] * len(self.words)
        for start, end in self.quote_ranges:
            for k in range(self.token_at_or_after(start), len(self.words)):
                if self.starts[k] >= end:
                    break
                self.in_quote_token[k] = True

    def keep_quotes(self, kept: list[Marked]) -> None:
        """Only the stretches that became quotes are quoted from now on."""
        self._mark_quotes(kept)
        self.kept_marks = {self.token_at_or_after(m.open_at) for m in kept if m.open_at >= 0} | \
            {self.token_at_or_after(m.close_at) for m in kept if m.closed}
        self.barriers = sorted({k for k, inside in enumerate(self.in_quote_token) if inside} | self.kept_marks)

    def barrier_before(self, k: int) -> int:
        """The last token before ``k`` inside a kept quote or on its marks (-1: none)."""
        index = bisect_left(self.barriers, k)
        return self.barriers[index - 1] if index else -1

    def barrier_from(self, k: int) -> int:
        """The first token from ``k`` on inside a kept quote or on its marks (the token count: none)."""
        index = bisect_left(self.barriers, k)
        return self.barriers[index] if index < len(self.barriers) else len(self.words)

    def _sentences(self) -> list[int]:
        """Token indexes where a sentence starts (after the first)."""
        bounds = set()
        n = len(self.words)
        abbreviations = self.abbreviations
        for match in SENTENCE_MARK.finditer(self.text):
            if match.group() == "\n":
                k = bisect_left(self.starts, match.start())
                if 0 < k < n:
                    bounds.add(k)
                continue
            k = bisect_left(self.starts, match.start())
            if k >= n or self.starts[k] != match.start() or k + 1 >= n or self.in_quote_token[k] or self.starts[k + 1] == self.ends[k] \
                    and self.raw[k + 1] not in self.mark_chars:
                continue                                  # "Rp9.300", "Web3.0": no space after the point
            prev = self.raw[k - 1] if k else ""
            if self.words[k] == "." and (prev.casefold() in abbreviations or (len(prev) == 1 and prev.isupper())):
                continue
            nxt = k + 1
            while nxt < n and nxt in self.close_tokens:
                nxt += 1
            if nxt >= n:
                continue
            if self.raw[nxt][0].isupper() or self.raw[nxt][0].isdigit() or nxt in self.mark_tokens:
                bounds.add(nxt)
        return sorted(bounds)

    # tokens ------------------------------------------------------------------

    def offsets(self, k: int) -> tuple[int, int]:
        return self.starts[k], self.ends[k]

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start`` to ``end`` (exclusive)."""
        return self.starts[start], self.ends[end - 1]

    def token_at_or_after(self, char: int) -> int:
        return bisect_left(self.starts, char)

    def ends_sentence(self, k: int) -> bool:
        """Whether token ``k`` is the full stop (or mark) of a sentence, not of an abbreviation."""
        return self.words[k] in SENTENCE_END and (k + 1 >= len(self.words) or k + 1 in self.sentence_bound_set)

    def in_quote(self, k: int) -> bool:
        return self.in_quote_token[k]

    def is_mark(self, k: int) -> bool:
        return k in self.mark_tokens or self.raw[k] in self.mark_chars

    def inside_quote_chars(self, char: int) -> bool:
        index = bisect_right(self.quote_range_starts, char) - 1
        return index >= 0 and self.quote_ranges[index][1] > char

    def quote_between(self, start: int, limit: int) -> bool:
        return any(self.in_quote_token[k] or k in self.mark_tokens for k in range(start, limit))

    def words_in(self, start: int, end: int) -> int:
        return sum(1 for word in self.raw[start:end] if word[0].isalnum())

    def words_between(self, start: int, end: int) -> int:
        return self.words_in(self.token_at_or_after(start), self.token_at_or_after(end))

    # sentences ---------------------------------------------------------------

    def sentence_start(self, k: int) -> int:
        index = bisect_right(self.sentence_bounds, k) - 1
        return self.sentence_bounds[index] if index >= 0 else 0

    def sentence_limit(self, k: int) -> int:
        index = bisect_right(self.sentence_bounds, k)
        return self.sentence_bounds[index] if index < len(self.sentence_bounds) else len(self.words)

    def sentence_ends_between(self, start: int, end: int) -> int:
        lo, hi = self.token_at_or_after(start), self.token_at_or_after(end)
        return bisect_right(self.sentence_bounds, hi) - bisect_right(self.sentence_bounds, lo)

    # entities ----------------------------------------------------------------

    def entities_in(self, start: int, end: int) -> list[Entity]:
        index = bisect_left(self.entity_starts, start)
        found = []
        while index < len(self.entities) and self.entities[index].start < end:
            if self.entities[index].end <= end:
                found.append(self.entities[index])
            index += 1
        return found

    def previous_named(self, before: int, label: str) -> Entity | None:
        """The nearest mention of ``label`` that ends before ``before``, outside quotes."""
        index = bisect_left(self.entity_starts, before)
        for entity in reversed(self.entities[:index]):
            if entity.label == label and entity.end <= before and not self.inside_quote_chars(entity.start):
                return entity
        return None
