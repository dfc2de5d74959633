"""Cutting a long text into pieces that no span crosses, each one spaCy Doc of bounded memory.

A piece ends, by preference, after its last line break (a paragraph end), else after its last
sentence end (".", "!" or "?", closing quotes or brackets, white space, and after a "." a capital
letter), else after its last white space: never inside a word. A window with no white space at
all is stretched to the next white space (up to ``MAX_PIECE_CHARS``, spaCy's limit). Names,
figures and dates stay within a sentence, so a cut at a line or sentence end splits none; only a
window with neither (no news text runs 100,000 characters without one) is cut at white space,
where a span of several words could be split. The pieces cover the whole text, in order, without
gaps or overlaps: offsets found in a piece become offsets in the whole text by adding the piece's
start.

Only punctuation and letter case are read here, never words, so the cut works for every language.
"""
from __future__ import annotations

import re

PIECE_CHARS = 100_000          # one piece at most (see the engine for why this size)
MAX_PIECE_CHARS = 1_000_000    # spaCy's max_length: a piece stretched to reach white space stops here

# a sentence end: its punctuation, any closing quotes or brackets, then white space
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
LAST_SPACE = re.compile(r".*\s", re.DOTALL)      # greedy: its match ends after the window's last white space
NEXT_SPACE = re.compile(r"\s")
# A short capitalised word before a "." is more often an abbreviation (a title, a currency, a
# street) than the last word of a sentence: such a "." is not taken as a sentence end.
ABBREVIATION_CHARS = 3
WORD_BEFORE = re.compile(r"(\w+)$")


def piece_bounds(text: str, piece_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of each piece of ``text``, each at most ``piece_chars`` long unless a
    window holds no white space; one piece for a text that fits."""
    if piece_chars < 1:
        raise ValueError("piece_chars must be positive")
    bounds, start = [], 0
    while len(text) - start > piece_chars:
        end = cut(text, start, start + piece_chars)
        bounds.append((start, end))
        start = end
    if start < len(text) or not bounds:      # a piece stretched to the text's end leaves nothing
        bounds.append((start, len(text)))
    return bounds


def cut(text: str, start: int, limit: int) -> int:
    """Where the piece that begins at ``start`` ends, at most ``limit`` unless no white space lies
    in between (see the module): a paragraph end, else a sentence end, else white space."""
    window = text[start:limit]
    line_end = window.rfind("\n")
    if line_end >= 0:
        return start + line_end + 1
    sentence_end = _last_sentence_end(text, start, window)
    if sentence_end is not None:
        return sentence_end
    space = LAST_SPACE.match(window)
    if space:
        return start + space.end()
    return _stretched_to_space(text, limit, start + MAX_PIECE_CHARS)


def _last_sentence_end(text: str, start: int, window: str) -> int | None:
    """The end (after its white space) of the window's last sentence end; None if it has none."""
    found = None
    for match in SENTENCE_END.finditer(window):
        end = start + match.end()
        if end < len(text) and _ends_sentence(text, start + match.start(), end):
            found = end
    return found


def _ends_sentence(text: str, mark: int, next_start: int) -> bool:
    """Whether the punctuation at ``mark`` ends a sentence, the next one beginning at ``next_start``."""
    if text[mark] != ".":
        return True                      # "!" and "?" end a sentence whatever follows
    if not text[next_start].isupper():
        return False
    word = WORD_BEFORE.search(text, max(0, mark - ABBREVIATION_CHARS - 1), mark)
    return not (word and len(word.group(1)) <= ABBREVIATION_CHARS and word.group(1)[0].isupper())


def _stretched_to_space(text: str, limit: int, longest: int) -> int:
    """After the first white space at or past ``limit``; ``longest`` (or the text's end) if there is
    none before it: a run of that many characters without white space is no word."""
    space = NEXT_SPACE.search(text, limit, longest)
    return space.end() if space else min(longest, len(text))
