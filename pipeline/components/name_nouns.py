"""Step 2b' of ``warta_names`` (see :mod:`warta.components.names`): organisations named after a noun
of their kind, as news writes them — "perusahaan Gojek", "kantor berita AAP", "perusahaan
Jepang seperti Sony , Toyota , dan 7-Eleven". The nouns and the words that open a list are
``org_nouns`` and ``list_cues`` of ``name_cues.json``; a place beside a match word is a team
(``match_words``); name words after a title or rank are a person (``titles``: "Serka Fajar")."""
from __future__ import annotations

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from warta.components.token_lookup import positions_of, taken_tokens
from warta.rules.names import NameRules

MAX_MODIFIERS = 0      # words between the noun and a lone name (1: "partai itu Sabtu", "situs webnya Ahad")
MAX_LIST_GAP = 2       # words between the noun and a list cue ("perusahaan Tiongkok seperti")
MAX_NAME_WORDS = 5
MAX_ITEMS = 8
POSSESSIVES = ("'s", "’s")


class NounNames:
    """Names after organisation nouns, with the LOWER ids of the nouns' first words (where a noun
    is: looked up, not a loop over tokens)."""

    def __init__(self, vocab: Vocab, rules: NameRules):
        self.rules = rules
        self.first_ids = numpy.array(sorted({vocab.strings.add(noun[0]) for noun in rules.org_nouns}), dtype="uint64")
        self.nouns = self._by_first(rules.org_nouns)
        self.cues = self._by_first(rules.list_cues)

    @staticmethod
    def _by_first(sequences: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
        """Word sequences by their first word, longest first."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sequences:
            by_first.setdefault(words[0], []).append(words)
        return by_first

    @staticmethod
    def _words_at(doc: Doc, i: int, by_first: dict[str, list[tuple[str, ...]]]) -> int:
        """How many words of the longest sequence (lower case) that starts at token ``i``; 0 if none."""
        for words in by_first.get(doc[i].lower_, ()):
            if tuple(t.lower_ for t in doc[i:i + len(words)]) == words:
                return len(words)
        return 0

    @staticmethod
    def _name_start(doc: Doc, i: int) -> bool:
        """A token that can open a name: capitalised, or a digit then letters ("7-Eleven", "3M")."""
        token = doc[i]
        return token._.warta_name_word or (token.text[:1].isdigit() and any(ch.isupper() for ch in token.text))

    def _name_end(self, doc: Doc, i: int) -> int:
        """Where the run of name words from ``i`` ends (a possessive "'s" inside it: "Moody 's Investors")."""
        k = i
        while k < len(doc) and k - i < MAX_NAME_WORDS and (self._name_start(doc, k) or
                                                         (k > i and doc[k].text in POSSESSIVES)):
            k += 1
        return k

    def _is_name(self, doc: Doc, start: int, end: int) -> bool:
        """A run that names an organisation: not a place ("perusahaan Jepang"), not a common
        abbreviation ("grup BBM"), not only common words, not one letter ("grup B")."""
        text = doc[start:end].text
        if len(text) < 2 or text in self.rules.common_abbreviations:
            return False
        if self.rules.places.lookup(text) is not None or self.rules.aliases.lookup(text, "PLACE") is not None:
            entry = self.rules.aliases.lookup(text, "ORG")
            return entry is not None and entry["label"] == "ORG"
        return not all(self.rules.is_common(t.text) for t in doc[start:end] if t.text not in POSSESSIVES)

    def _list_items(self, doc: Doc, i: int) -> list[tuple[int, int, int]]:
        """The names of a list from token ``i``: "A , B , dan C" (coordinators and commas between)."""
        items = []
        k = i
        while k < len(doc) and len(items) < MAX_ITEMS and self._name_start(doc, k):
            end = self._name_end(doc, k)
            items.append((k, end, i))
            k = end
            if k < len(doc) and doc[k].text == ",":
                k += 1
            if k < len(doc) and doc[k].lower_ in self.rules.coordinators:
                k += 1
        return items

    def candidates(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Token ranges named as organisations by a noun before them or a list after one, each
        with where its list starts (-1: no list)."""
        if not len(self.first_ids):
            return []
        found = []
        for i in positions_of(self.first_ids, doc.to_array(LOWER)):
            size = self._words_at(doc, i, self.nouns)
            if not size or not doc[i].text.islower():    # "Bank Mandiri" is a head's pattern
                continue
            j = k = i + size
            name_at = None
            while k < len(doc) and k - j <= MAX_LIST_GAP:
                cue = self._words_at(doc, k, self.cues)
                if cue:
                    found += self._list_items(doc, k + cue)
                    break
                if self._name_start(doc, k):
                    if name_at is None and k - j <= MAX_MODIFIERS:
                        name_at = k
                    k = self._name_end(doc, k)
                elif doc[k].is_alpha and doc[k].is_lower:
                    k += 1
                else:
                    break
            if name_at is not None:
                found.append((name_at, self._name_end(doc, name_at), -1))
        return found

    def spans(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``ents`` and an ORG for each candidate name no entity overlaps; an item the model took
        for a person in a list that holds an organisation is one too ("companies such as Sony ,
        Toyota and 7-Eleven"; not "perusahaan rekaman Liberty yaitu Alvin Bennett , pemimpin ...")."""
        candidates = self.candidates(doc)
        if not candidates:
            return ents
        taken = taken_tokens(doc, ents)
        found = []
        persons = {(e.start, e.end): e for e in ents if e.label_ == "PERSON"}
        orgs = {(e.start, e.end) for e in ents if e.label_ == "ORG"}
        org_lists = {at for start, end, at in candidates if at >= 0 and
                     ((start, end) in orgs or not taken[start:end].any())}
        for start, end, at in candidates:
            if at in org_lists and (start, end) in persons:
                found.append(Span(doc, start, end, label="ORG"))
                ents = [e for e in ents if e is not persons[(start, end)]]
            elif end > start and not taken[start:end].any() and self._is_name(doc, start, end):
                found.append(Span(doc, start, end, label="ORG"))
                taken[start:end] = True
        return sorted(ents + found, key=lambda e: e.start) if found else ents

    def titled(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``ents`` and a PERSON for each run of name words after a title or rank (``titles``:
        "Serka Fajar dan Praka Gunawan") that no entity overlaps, its first word a proper one
        ("Ibu Kota" is no person) and not an acronym ("Sekjen PDIP"), the title not the end of a
        post's name ("Gubernur Jenderal Hindia")."""
        titles = self.rules.titles
        if not titles:
            return ents
        taken = taken_tokens(doc, ents)
        found = []
        for token in doc[:-1]:
            if token.text not in titles or (token.i > 0 and doc[token.i - 1]._.warta_name_word
                                            and doc[token.i - 1].text not in titles):
                continue                        # "Direktur Jenderal Pengolahan": part of a post's name
            start = token.i + 1
            while start < len(doc) and doc[start].text in titles:
                start += 1                      # ranks in a row: "Kompol Pol"
            if start >= len(doc) or not self.rules.is_proper(doc[start].text) or doc[start].text.isupper():
                continue
            end = self._name_end(doc, start)
            if not taken[start:end].any():
                found.append(Span(doc, start, end, label="PERSON"))
                taken[start:end] = True
        return sorted(ents + found, key=lambda e: e.start) if found else ents

    def teams(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A PLACE right before or after a match word ("Parma vs Roma", "Dortmund mengalahkan
        Mainz") is the club or team of that name: an ORG."""
        words = self.rules.match_words
        if not words:
            return ents
        out = []
        for ent in ents:
            if ent.label_ == "PLACE" and ((ent.end < len(doc) and doc[ent.end].lower_ in words)
                                          or (ent.start > 0 and doc[ent.start - 1].lower_ in words)):
                ent = Span(doc, ent.start, ent.end, label="ORG")
            out.append(ent)
        return out
