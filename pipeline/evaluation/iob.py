"""IOB2 files (``token<TAB>tag``, a blank line between sentences): sentences, spans and gold Docs.

Evaluation and training both read the NER corpora through this module.
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span

# the IOB files do not keep whitespace; these tokens take none before / after them
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "...", "'s"}
NO_SPACE_AFTER = {"(", "[", "{"}


def read_iob(path: Path | str) -> list[tuple[list[str], list[str]]]:
    """Sentences of a ``token<TAB>tag`` IOB2 file as (words, tags); blank lines separate them."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    sentences.append((words, tags))
                    words, tags = [], []
                continue
            if "\t" in line:
                token, tag = line.rsplit("\t", 1)
            else:
                parts = line.rsplit(None, 1)
                if len(parts) != 2:
                    raise ValueError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
                token, tag = parts
            token, tag = token.strip(), tag.strip()
            if not token:
                continue
            words.append(token)
            tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of an IOB2 tag sequence (a stray I- starts a new span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, name = tag.partition("-")
        if tag == "O" or prefix == "B" or (prefix == "I" and name != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, name) if tag != "O" else (None, None)
        elif prefix not in ("B", "I"):
            raise ValueError(f"not an IOB2 tag: {tag!r}")
    return spans


def guess_spaces(words: list[str]) -> list[bool]:
    """Whitespace after each token, guessed from punctuation (the IOB files do not keep it)."""
    spaces = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            spaces.append(False)
        else:
            spaces.append(not (words[i + 1] in NO_SPACE_BEFORE or word in NO_SPACE_AFTER))
    return spaces


def tagged_doc(vocab, words: list[str], spans: list[tuple[int, int, str]] = ()) -> Doc:
    """A Doc of the sentence's own tokens (spaces guessed) with ``spans`` as its entities."""
    doc = Doc(vocab, words=words, spaces=guess_spaces(words))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def is_lowercased(sentences: list[tuple[list[str], list[str]]], threshold: float) -> bool:
    """Fewer than ``threshold`` of the alphabetic tokens hold a capital (a corpus written in lower case)."""
    alpha = [w for words, _ in sentences for w in words if any(c.isalpha() for c in w)]
    if not alpha:
        return False
    capitalised = sum(1 for w in alpha if any(c.isupper() for c in w))
    return capitalised / len(alpha) < threshold
