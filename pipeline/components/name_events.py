"""Steps 2e and 2f of ``warta_names`` (see :mod:`warta.components.names`): named events (competitions,
elections, congresses, festivals) and acronyms written out in the same text ("Name ( ACR )")."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from warta.components.token_lookup import positions_of
from warta.rules.names import RESOLVED_LABELS, NameRules

SENTENCE_END = {".", "!", "?", ":", ";", "\"", "“", "”"}


def sentence_initial(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a sentence (or the text): only punctuation or line breaks before it."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in "\"'“‘(["):
        if "\n" in doc[j].text or "\n" in doc[j].whitespace_:
            return True
        j -= 1
    return j < 0 or doc[j].text in SENTENCE_END or "\n" in doc[j].whitespace_


class EventsAndAcronyms:
    """The event and acronym steps over a Doc's entities, with the ORTH ids they look up (where an
    event word or a bracket is: looked up, not a loop over tokens)."""

    def __init__(self, vocab: Vocab, rules: NameRules, heads: set[str], head_length: Callable[[Doc, int], int]):
        self.rules = rules
        self.heads = heads                    # organisation heads of one word
        self.head_length = head_length        # the words of the organisation head starting at a token
        event_words = {*rules.event_heads, *rules.event_tails, *rules.event_words, *rules.event_cues}
        self.event_ids = numpy.array(sorted({vocab.strings.add(w) for w in event_words}), dtype="uint64")
        self.bracket_id = vocab.strings.add("(")

    def _event_word(self, token: Token) -> bool:
        return token._.warta_name_word or token.text.isdigit() or token.lower_.startswith("ke-")

    def _event_run(self, doc: Doc, j: int, limit: int = 6) -> int:
        """Where a run of name words (numbers, "ke-68" and inner connectors too) from ``j`` ends."""
        k = j
        while k < len(doc) and k - j < limit:
            if k > j and doc[k].text.isdigit() and len(doc[k].text) != 4:
                break                # a year ends a name, a day starts a date: "Piala FA 11 Maret 2007"
            if self._event_word(doc[k]) and not (k > j and doc[k].text in self.rules.event_heads):
                k += 1
            elif k > j and doc[k].text in self.rules.connectors and k + 1 < len(doc) \
                    and doc[k + 1]._.warta_name_word:
                k += 1
            else:
                break
        while k > j and doc[k - 1].text in self.rules.connectors:
            k -= 1
        return k

    def event_spans(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Named events (the guidelines: competitions, elections, congresses, festivals): a run of
        name words after an event head ("Liga Champions", "Piala Dunia"), one ending in an event tail
        ("UEFA Youth League", "SEA Games 2019"), an event word ("Pilpres 2019", "Munas"), a name after
        an event cue ("ajang kecantikan Miss Universe 2019"). An event replaces the entities inside
        it (an entity of the same extent is relabelled); one overlapping it partly keeps it out."""
        rules = self.rules
        if not (rules.event_heads or rules.event_tails or rules.event_words or rules.event_cues):
            return ents
        n = len(doc)
        found = []
        candidates = positions_of(self.event_ids, doc.to_array(ORTH))
        for i in candidates:
            token = doc[i]
            text = token.text
            if text in rules.event_heads and i + 1 < n and (doc[i + 1]._.warta_name_word or doc[i + 1].text.isdigit()):
                found.append((i, self._event_run(doc, i + 1)))
            elif text in rules.event_words:
                end = i + 1
                if end < n and ((doc[end].text.isdigit() and len(doc[end].text) == 4) or doc[end].lower_.startswith("ke-")):
                    end += 1             # "Pilpres 2019"
                found.append((i, end))
            elif text in rules.event_tails and i > 0 and doc[i - 1]._.warta_name_word:
                s = i
                while s > 0 and i - s < 5 and doc[s - 1]._.warta_name_word and doc[s - 1].text not in rules.event_tails \
                        and not (sentence_initial(doc, s - 1) and rules.is_common(doc[s - 1].text)):
                    s -= 1
                end = i + 1
                if end < n and doc[end].text.isdigit() and len(doc[end].text) == 4:
                    end += 1
                found.append((s, end))
            elif token.lower_ in rules.event_cues and text.islower():
                j = i + 1
                if j < n and doc[j].text.isalpha() and doc[j].text.islower() and doc[j].lower_ not in rules.connectors:
                    j += 1
                if j < n and doc[j]._.warta_name_word:
                    found.append((j, self._event_run(doc, j)))
        if candidates:                     # "La Liga", "BRI Liga 1": a model name holding a head or tail
            inside = set(candidates)
            for ent in ents:
                if ent.label_ in RESOLVED_LABELS and inside.intersection(range(ent.start, ent.end)) \
                        and ent[0].text not in self.heads and self.head_length(doc, ent.start) == 1 \
                        and any(t.text in rules.event_heads or t.text in rules.event_tails for t in ent):
                    found.append((ent.start, ent.end))
        if not found:
            return ents
        out = list(ents)
        for start, end in found:
            if end <= start:
                continue
            inside = [e for e in out if e.start < end and start < e.end]
            if any(e.start < start or e.end > end for e in inside):
                continue
            out = [e for e in out if e not in inside]
            out.append(Span(doc, start, end, label="EVENT"))
        return sorted(out, key=lambda e: e.start)

    @staticmethod
    def _initials(words: Sequence[Token]) -> str:
        return "".join(t.text[0] for t in words if t._.warta_name_word).upper()

    def acronym_spans(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], dict[tuple[int, int], tuple[int, int]]]:
        """A bracketed acronym after the name it stands for ("Yamaha Indonesia Motor Manufacturing
        ( YIMM )") is its own entity of the name's label; the name, if the model cut it short, runs
        to the bracket when the acronym's letters are the initials of the longer name ("Direktorat
        Kelaikudaraan dan Pengoperasian Pesawat Udara ( DKPPU )"). Returns the entities and, for
        each acronym, the (start, end) of the name whose canonical it takes."""
        expansions: dict[tuple[int, int], tuple[int, int]] = {}
        n = len(doc)
        out = list(ents)
        brackets = numpy.flatnonzero(doc.to_array(ORTH) == self.bracket_id).tolist() if ents else []
        for i in brackets:
            if not 0 < i < n - 2 or doc[i + 2].text != ")":
                continue
            acronym = doc[i + 1].text
            if not (len(acronym) >= 2 and acronym[0].isupper() and acronym.isalnum()
                    and sum(ch.isupper() for ch in acronym) >= 2):
                continue
            before = next((e for e in reversed(out) if e.end <= i and e.label_ in ("ORG", "PLACE", "EVENT")
                           and all(doc[k]._.warta_name_word or doc[k].text in self.rules.connectors
                                   for k in range(e.end, i))
                           and i - e.end <= 6), None)
            if before is None:
                continue
            if before.end < i and self._initials(doc[before.start:i]) == acronym.upper():
                if any(e is not before and e.start < i and before.start < e.end for e in out):
                    continue
                wider = Span(doc, before.start, i, label=before.label_)
                out = [wider if e is before else e for e in out]
                before = wider
            elif before.end != i:
                continue
            upper = [ch for ch in acronym.upper() if ch.isalpha()]
            letters = iter(ch for ch in before.text.upper() if ch.isalpha())
            if not upper or upper[0] != before.text[:1].upper() or not all(ch in letters for ch in upper):
                continue
            inside = [e for e in out if e.start < i + 2 and i + 1 < e.end]
            if any((e.start, e.end) != (i + 1, i + 2) for e in inside):
                continue
            out = [e for e in out if e not in inside]
            out.append(Span(doc, i + 1, i + 2, label=before.label_))
            expansions[(i + 1, i + 2)] = (before.start, before.end)
        return sorted(out, key=lambda e: e.start), expansions
