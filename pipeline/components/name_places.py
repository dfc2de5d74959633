"""Steps 2b and 2d of ``warta_names`` (see :mod:`warta.components.names`): places of the gazetteer
(:mod:`warta.rules.places`) the model mislabelled or missed, and a model place that is a place then
its city ("Setiajaya Depok")."""
from __future__ import annotations

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from warta.components.token_lookup import positions_of, taken_tokens
from warta.rules.names import NameRules

SPLIT_KINDS = ("city", "regency", "province", "world_city")   # the second place of "Setiajaya Depok"
MAX_FACILITY_WORDS = 4     # name words after a facility's head
NUMBER_SIGNS = ("No", "No.")   # "Jalan Iskandarsyah No . 5": the street's name ends before them


class GazetteerPlaces:
    """The gazetteer steps over a Doc's entities, with the ORTH ids of the words a place can start
    with (where a place may begin: looked up, not a loop over tokens)."""

    def __init__(self, vocab: Vocab, rules: NameRules):
        self.rules = rules
        self.gazetteer = rules.places
        self._place_first_ids = numpy.array(sorted({vocab.strings.add(w) for w in self.gazetteer.first_words}),
                                            dtype="uint64")
        self._facility_ids = numpy.array(sorted({vocab.strings.add(w) for w in rules.place_heads}), dtype="uint64")

    def _in_place_context(self, doc: Doc, start: int, end: int, place_ends: set[int], place_starts: set[int]) -> bool:
        """A place context: right after a context word ("di", "ke", "dari"), or beside a place
        across the links of a list ("Bandung, Garut, dan Tasikmalaya")."""
        gazetteer = self.gazetteer
        if start > 0 and not doc[start - 1]._.warta_name_word and gazetteer.is_context(doc[start - 1].text):
            return True
        j = start - 1
        while j >= 0 and start - j <= 2 and doc[j].text in gazetteer.list_links:
            j -= 1
        if j < start - 1 and j + 1 in place_ends:
            return True
        j = end
        while j < len(doc) and j - end < 2 and doc[j].text in gazetteer.list_links:
            j += 1
        return j > end and j in place_starts

    def gazetteer_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """The gazetteer rule: a model ORG or PERSON written exactly as a place of the gazetteer
        becomes a PLACE in a place context (a prefixed form anywhere), unless the alias table knows
        it as an organisation; two model places that together make a prefixed form become one
        ("Kab" + "." + "Bandung"); a gazetteer name the model missed
        becomes a PLACE when it stands alone and is a prefixed form ("Kab. Bandung") or a bare name
        that is no common word nor a person's name, in a place context."""
        gazetteer = self.gazetteer
        if not len(gazetteer):
            return ents
        out = []
        place_ends = {e.end for e in ents if e.label_ == "PLACE"}
        place_starts = {e.start for e in ents if e.label_ == "PLACE"}
        for ent in ents:
            after_place = bool(out) and out[-1].label_ == "PLACE" and out[-1].end >= ent.start - 2
            place = gazetteer.lookup(ent.text) if ent.label_ in ("ORG", "PERSON") or \
                (after_place and ent.label_ == "PLACE") else None
            if place is not None and not place.prefixed and after_place:
                # two model places that make one prefixed form: "Kab" "." + "Bandung" (a prefix the
                # model left out stays out: the corpora disagree on "Kota Surabaya" / "Kota" "Surabaya")
                for start in range(ent.start - 1, max(ent.start - 3, -1), -1):
                    wider = gazetteer.lookup(doc[start:ent.end].text)
                    if wider is not None and wider.prefixed and out[-1].start == start \
                            and all(e.label_ == "PLACE" and e.start >= start for e in out if e.end > start):
                        while out and out[-1].end > start:
                            out.pop()                # the model's PLACE "Kab" of "Kab. Bandung"
                        ent, place = Span(doc, start, ent.end, label="PLACE"), wider
                        break
            if place is not None and ent.label_ != "PLACE" and self.rules.aliases.lookup(ent.text, "ORG") is None \
                    and (place.prefixed or self._in_place_context(doc, ent.start, ent.end, place_ends, place_starts)):
                ent = Span(doc, ent.start, ent.end, label="PLACE")
            if ent.label_ == "PLACE":
                place_ends.add(ent.end)
                place_starts.add(ent.start)
            out.append(ent)
        taken = taken_tokens(doc, out)
        found = []
        for i in positions_of(self._place_first_ids, doc.to_array(ORTH)):
            if taken[i]:
                continue
            span = self._gazetteer_match(doc, i, taken, place_ends, place_starts)
            if span is not None:
                found.append(span)
                taken[span.start:span.end] = True
                place_ends.add(span.end)
                place_starts.add(span.start)
        return sorted(out + found, key=lambda e: e.start)

    def _gazetteer_match(self, doc: Doc, i: int, taken, place_ends: set[int], place_starts: set[int]) -> Span | None:
        """The longest gazetteer place from token ``i`` the rule may fill, or None."""
        gazetteer = self.gazetteer
        for n in range(min(gazetteer.max_words, len(doc) - i), 0, -1):
            end = i + n
            if taken[i:end].any():
                continue
            place = gazetteer.lookup(doc[i:end].text)
            if place is None or (end < len(doc) and doc[end]._.warta_name_word):
                continue
            if place.prefixed:
                return Span(doc, i, end, label="PLACE")
            if place.ambiguous or not doc[i]._.warta_name_word or (i > 0 and doc[i - 1]._.warta_name_word):
                continue
            if self._in_place_context(doc, i, end, place_ends, place_starts):
                return Span(doc, i, end, label="PLACE")
        return None

    # -- 2d. a place then its city

    def split_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A model PLACE that is no gazetteer place but ends in a city, regency or province written
        bare, after proper words only, is two places ("Setiajaya Depok", "Gedebage Bandung": a place
        then its city, no comma between them; not "Jalan Bulungan", "Selat Bali": a common word)."""
        out = []
        gazetteer = self.gazetteer
        for ent in ents:
            if ent.label_ == "PLACE" and len(ent) > 1 and gazetteer.lookup(ent.text) is None \
                    and self.rules.aliases.lookup(ent.text, "PLACE") is None:
                for k in range(ent.start + 1, ent.end):
                    place = gazetteer.lookup(doc[k:ent.end].text)
                    if place is not None and place.kind in SPLIT_KINDS and not place.prefixed and not place.ambiguous \
                            and self.rules.all_proper([t.text for t in doc[ent.start:k]]) \
                            and not any(t.text in gazetteer.feature_words for t in doc[ent.start:k]):
                        out += [Span(doc, ent.start, k, label="PLACE"), Span(doc, k, ent.end, label="PLACE")]
                        break
                else:
                    out.append(ent)
                continue
            out.append(ent)
        return out

    # -- 2b'. named facilities and features

    def facility_spans(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``ents`` and a PLACE for each named facility or feature no entity touches: a head of
        ``place_heads`` ("Hotel", "Diler", "Candi") followed by name words of which one at least is
        a proper word ("Hotel Des Indes", "Diler Kia MT Haryono"; not "Pasar Modal", "Gunung
        Berapi"), a title or "No" at its end left out."""
        rules = self.rules
        if not len(self._facility_ids):
            return ents
        taken = taken_tokens(doc, ents)
        found = []
        for i in positions_of(self._facility_ids, doc.to_array(ORTH)):
            if i + 1 >= len(doc) or taken[i] or taken[i + 1] or doc[i + 1].text in rules.titles:
                continue
            end = i + 1
            while end < len(doc) and end - i <= MAX_FACILITY_WORDS and not taken[end] \
                    and (doc[end]._.warta_name_word or (end > i + 1 and doc[end].text.isdigit())):
                end += 1
            while end > i + 2 and (doc[end - 1].text in rules.titles or doc[end - 1].text in NUMBER_SIGNS):
                end -= 1
            if not any(rules.is_proper(t.text) and t.text not in rules.titles for t in doc[i + 1:end]):
                continue
            found.append(Span(doc, i, end, label="PLACE"))
            taken[i:end] = True
        return sorted(ents + found, key=lambda e: e.start) if found else ents

