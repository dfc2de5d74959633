"""Who said it: the speaker bound to a cue, written before it ("Budi mengatakan", "the prime minister,
Rishi Sunak, told") or after it ("kata Budi", "said Smith", "menurut polisi"), a pronoun or clitic
resolved to the nearest named mention before the quote, an unnamed speaker's noun phrase, and the
role or title standing beside the name (the "Quotes" section of docs/ANNOTATION.md).

``SpeakerRules`` is the part of :class:`warta.rules.quotes.QuoteRules` that reads speakers; it uses
the language data ``QuoteRules`` loads and its cue tests (``_cue_here``, ``_is_clitic_cue``,
``_after_linking``). Pure Python, no spaCy.
"""
from __future__ import annotations

from bisect import bisect_left

from warta.rules.quote_text import CLAUSE_PUNCT, SENTENCE_END, TOKEN, Entity, Quote, QuoteText, same_speaker

SPEAKER_WINDOW = 8        # words after a cue that may hold its speaker
ROLE_WINDOW = 6           # words before a name that may hold its role
APPOSITION_WINDOW = 14    # words of a role in apposition after a name
MAX_PHRASE_WORDS = 10     # an unnamed speaker's noun phrase has at most this many words
MAX_ROLE_MODIFIERS = 2    # words before the role word of a role in apposition ("Singapore's prime minister")
# a name told apart from the role before it has this many words: one capitalised word after a role
# word is as often a company's ("General Motors")
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4


class SpeakerRules:
    """Speakers and roles, for the quote rules of one language."""

    def _segment_end(self, doc: QuoteText, start: int, limit: int, window: int) -> int:
        end = start
        stop = min(limit, start + window)
        while end < stop and doc.words[end] not in CLAUSE_PUNCT and not doc.ends_sentence(end) \
                and not doc.in_quote(end) and not doc.is_mark(end):
            end += 1
        return end

    def _speaker_after(self, doc: QuoteText, cue: int, cue_end: int, limit: int):
        """The speaker written after a cue ("kata Budi", "said Smith", "menurut polisi"), and the token
        where what follows it starts: ``(speaker, next)``. A clitic on the cue is a pronoun."""
        if self._is_clitic_cue(doc, cue):
            return ("pronoun", None), cue_end
        end = self._segment_end(doc, cue_end, limit, SPEAKER_WINDOW)
        if end <= cue_end:
            return None, cue_end
        lo, hi = doc.offsets(cue_end)[0], doc.offsets(end - 1)[1]
        ents = doc.entities_in(lo, hi)
        persons = [e for e in ents if e.label == "PERSON"]
        if persons:
            return ("named", persons[0]), doc.token_at_or_after(persons[0].end)
        role_before_comma = self._starts_role(doc, cue_end) or \
            (self.role_modifiers_before and self._holds_role(doc, cue_end, end))
        if end + 1 < limit and doc.words[end] == "," and role_before_comma:
            # "kata Kepala Badan ..., Anggito Abimanyu, ...", "said the town's mayor, Helen Park"
            names = [e for e in doc.entities_in(doc.starts[end + 1], len(doc.text))[:1]
                     if (e.label == "PERSON" or not ents) and e.start == doc.starts[end + 1]]
            if names:
                return ("named", names[0]), doc.token_at_or_after(names[0].end)
        name = self._honorific_name(doc, cue_end, end)
        if name is not None and not persons:
            return ("named", name), doc.token_at_or_after(name.end)
        if ents:
            after = doc.token_at_or_after(ents[0].end)
            if self._person_of_body(doc, cue_end, after, ents[0]):
                return ("unnamed", doc.span_of(cue_end, after)), after
            return ("named", ents[0]), after
        if doc.words[cue_end] in self.pronouns:
            return self._pronoun(doc.words[cue_end]), cue_end + 1
        length = self._match(doc, cue_end, self.anaphors)
        if length:
            return ("anaphor", doc.span_of(cue_end, cue_end + length)), cue_end + length
        end = self._segment_end(doc, cue_end, limit, APPOSITION_WINDOW)
        for stops in (self.phrase_stops, self.phrase_stops | self.role_stops):
            stop = cue_end
            while stop < end and doc.words[stop] not in stops and doc.raw[stop][0].isalnum():
                stop += 1
            if stop > cue_end and doc.words_in(cue_end, stop) <= MAX_PHRASE_WORDS:
                return ("unnamed", doc.span_of(cue_end, stop)), stop
        noun = self._speaker_noun(doc, cue_end, end)
        if noun is not None:
            return ("unnamed", noun), doc.token_at_or_after(noun[1])
        return None, cue_end

    def _speaker_before(self, doc: QuoteText, start: int, cue: int):
        """The speaker written before a cue verb ("Budi mengatakan", "a spokesman told", "Ia
        mengatakan"), looked for from token ``start``."""
        if start >= cue:
            return None
        local = start
        for k in range(cue - 1, start - 1, -1):
            if doc.words[k] in CLAUSE_PUNCT or doc.is_mark(k):
                local = k + 1
                break
        local = self._after_linking(doc, local)
        # "Koran itu mengutip sumber AS mengatakan": the speaker is whom the writer quotes
        local = max([local] + [k + 1 for k in range(local, cue) if doc.words[k] in self.quoting_words])
        end = cue
        if local >= cue:
            before = local - 2
            if before > start and doc.words[before] in self.cues_verb:
                return self._speaker_before(doc, start, before)   # "..., he said, adding that ..."
            # "The bank's deputy governor, Destry Damayanti, said": the name in apposition
            previous = next((k + 1 for k in range(local - 2, start - 1, -1) if doc.words[k] in CLAUSE_PUNCT), start)
            if previous < local - 1:
                named = [e for e in doc.entities_in(doc.starts[previous], doc.ends[local - 2]) if e.label == "PERSON"]
                if named:
                    return ("named", named[-1])
            # "A senior official, who asked not to be named, said": the clause's first part
            local = self._after_linking(doc, start)
            end = next((k for k in range(local, cue) if doc.words[k] in CLAUSE_PUNCT), cue)
            if local >= end:
                return None
        seg = doc.entities_in(doc.offsets(local)[0], doc.offsets(end - 1)[1])
        persons = [e for e in seg if e.label == "PERSON"]
        if persons:
            return ("named", persons[-1])
        if local > start and (self._starts_role(doc, local) or self._match(doc, local, self.role_determiners)):
            # an apposition before the cue: "Rina Wati, seorang peneliti ... mengatakan"
            earlier = [e for e in doc.entities_in(doc.offsets(start)[0], doc.offsets(local - 1)[1])
                       if e.label == "PERSON"]
            if earlier:
                return ("named", earlier[-1])
        stop = end
        while stop > local and doc.words[stop - 1] in self.subject_adverbs:
            stop -= 1
        if stop <= local:
            return None
        name = self._name_after_role(doc, local, stop) if self.split_roles_in_names else None
        if name is not None:                      # "Unilever chief executive Hein Schumacher"
            return ("named", name)
        if seg and self._person_of_body(doc, local, stop, seg[-1]):
            return ("unnamed", doc.span_of(local, stop))
        if seg:
            return ("named", seg[-1])
        name = self._honorific_name(doc, local, stop)
        if name is not None:
            return ("named", name)
        words = doc.words[local:stop]
        if len(words) == 1 and words[0] in self.pronouns:
            return self._pronoun(words[0])
        if self._match(doc, local, self.anaphors) == stop - local:
            return ("anaphor", doc.span_of(local, stop))
        if any(w in self.pronouns for w in words):
            return ("pronoun", None)
        if doc.words_in(local, stop) <= MAX_PHRASE_WORDS and words[0] not in self.phrase_stops \
                and all(doc.raw[k][0].isalnum() for k in range(local, stop)):
            name = self._name_after_role(doc, local, stop) if self.split_roles_in_names else None
            return ("named", name) if name else ("unnamed", doc.span_of(local, stop))
        noun = self._speaker_noun(doc, local, stop)
        return ("unnamed", noun) if noun else None

    def _speaker_noun(self, doc: QuoteText, start: int, end: int) -> tuple[int, int] | None:
        for k in range(start, end):
            length = self._match(doc, k, self.speaker_nouns)
            if not length:
                continue
            first = k
            for back in range(max(start, k - 3), k):
                det = self._match(doc, back, self.speaker_determiners)
                if det and all(doc.raw[i][0].isalnum() for i in range(back, k)):
                    first = back
                    break
            return doc.span_of(first, k + length)
        return None

    def _holds_role(self, doc: QuoteText, start: int, end: int) -> bool:
        """Whether a role word stands among tokens ``start`` to ``end``."""
        return any(self._match(doc, k, self.roles) for k in range(start, end))

    def _starts_role(self, doc: QuoteText, k: int) -> bool:
        k += self._match(doc, k, self.role_determiners)
        return bool(self._match(doc, k, self.roles))

    def _role_modifier(self, doc: QuoteText, k: int) -> bool:
        """Whether token ``k`` may stand before a role word as part of the role ("Finance", "opposition")."""
        word = doc.words[k]
        return doc.raw[k][0].isalnum() and not doc.in_quote(k) and not self._cue_here(doc, k) \
            and word not in self.linking_words and word not in self.role_stops and word not in self.phrase_stops \
            and not self._match(doc, k, self.role_determiners) and not self._match(doc, k, self.speaker_determiners) \
            and word not in self.pronouns

    def _name_in_mention(self, doc: QuoteText, entity: Entity) -> Entity:
        """A mention that holds a role before a name ("Police Chief Daniel Ortiz" found as one ORG):
        the name after its last role word, as a PERSON; other mentions as they are."""
        first, stop = doc.token_at_or_after(entity.start), doc.token_at_or_after(entity.end)
        name = self._name_after_role(doc, first, stop)
        return entity if name is None or name.start == entity.start else name

    def _name_after_role(self, doc: QuoteText, first: int, stop: int) -> Entity | None:
        """The capitalised words after the last role word of tokens ``first`` to ``stop``, when
        they are all there is after it ("finance ministry official Febrio Kacaribu"), as a PERSON."""
        last_role = None
        k = first
        while k < stop:
            length = self._match(doc, k, self.roles)
            if length:
                last_role = k + length
                k += length
            else:
                k += 1
        if last_role is None or not MIN_NAME_WORDS <= stop - last_role <= MAX_NAME_WORDS:
            return None
        if not all(doc.raw[i][0].isupper() and doc.raw[i].isalpha() for i in range(last_role, stop)):
            return None
        start, end = doc.starts[last_role], doc.ends[stop - 1]
        return Entity(start, end, "PERSON", doc.text[start:end])

    def _person_of_body(self, doc: QuoteText, start: int, stop: int, body: Entity) -> bool:
        """Whether tokens ``start`` to ``stop`` name an unnamed person of the organisation ``body``
        ("Analysts at Mandiri Sekuritas", "a spokesperson for Google", "A Google spokesperson"):
        a speaker noun or role word outside its mention. The speaker is that phrase, not the body."""
        if not self.people_of_bodies or body.label != "ORG" or doc.words_in(start, stop) > MAX_PHRASE_WORDS:
            return False
        first, last = doc.token_at_or_after(body.start), doc.token_at_or_after(body.end)
        return any((self._match(doc, k, self.speaker_nouns) or self._match(doc, k, self.roles))
                   for k in range(start, stop) if not first <= k < last)

    def _role_antecedent(self, doc: QuoteText, phrase: tuple[int, int], before: int) -> Entity | None:
        """A bare role as speaker ("menurut Presiden", "the minister said") refers back to the
        nearest person named before with that role beside the name ("Presiden Joko Widodo")."""
        first, stop = doc.token_at_or_after(phrase[0]), doc.token_at_or_after(phrase[1])
        first += self._match(doc, first, self.role_determiners)
        while stop > first and doc.words[stop - 1] in self.demonstratives:
            stop -= 1
        length = self._match(doc, first, self.roles)
        if not length or first + length != stop:
            return None
        role_words = doc.words[first:stop]
        for entity in reversed(doc.entities[:bisect_left(doc.entity_starts, before)]):
            if entity.label != "PERSON" or entity.end > phrase[0] or doc.inside_quote_chars(entity.start):
                continue
            role = self._role(doc, entity)
            words = [w.casefold() for w in TOKEN.findall(role or "")]
            if any(words[i:i + len(role_words)] == role_words for i in range(len(words))):
                return entity
        return None

    def _earlier_name(self, doc: QuoteText, phrase: tuple[int, int]) -> Entity | None:
        """A speaker written as capitalised words the model did not find ("Tedros said") that are
        part of a name mentioned before ("Tedros Adhanom Ghebreyesus"): that name's canonical."""
        first, stop = doc.token_at_or_after(phrase[0]), doc.token_at_or_after(phrase[1])
        if not 0 < stop - first <= MAX_NAME_WORDS or \
                not all(doc.raw[k][0].isupper() and doc.raw[k].isalpha() for k in range(first, stop)):
            return None
        words = doc.words[first:stop]
        for entity in reversed(doc.entities[:bisect_left(doc.entity_starts, phrase[0])]):
            known = [w.casefold() for w in TOKEN.findall(doc.text[entity.start:entity.end])]
            if entity.end <= phrase[0] and any(known[i:i + len(words)] == words for i in range(len(known))):
                return Entity(phrase[0], phrase[1], entity.label, entity.canonical)
        return None

    def _honorific_name(self, doc: QuoteText, first: int, stop: int) -> Entity | None:
        """"Mrs. Rahayu" with no mention found: the capitalised words after the honorific, as a PERSON."""
        if first >= stop or doc.words[first] not in self.honorifics:
            return None
        k = first + 1 + (first + 1 < stop and doc.words[first + 1] == ".")
        end = k
        while end < stop and end - k < MAX_NAME_WORDS and doc.raw[end][0].isupper() and doc.raw[end].isalpha():
            end += 1
        if end == k:
            return None
        start, finish = doc.starts[k], doc.ends[end - 1]
        return Entity(start, finish, "PERSON", doc.text[start:finish])

    def _without_honorific(self, doc: QuoteText, entity: Entity) -> Entity:
        """A mention that starts with an honorific ("Dr. Sarah Okafor"): the name after it."""
        first = doc.token_at_or_after(entity.start)
        name = self._honorific_name(doc, first, doc.token_at_or_after(entity.end))
        if name is None:
            return entity
        canonical = entity.canonical
        if canonical and canonical.endswith(doc.text[name.start:name.end]):
            canonical = doc.text[name.start:name.end]
        return Entity(name.start, name.end, entity.label, canonical)

    def _pronoun(self, word: str) -> tuple[str, None]:
        """A pronoun speaker: "he" / "ia" refer back to a person, "it" / "they" to a source (an
        organisation or an unnamed speaker, resolved once all quotes are found)."""
        return ("source", None) if word in self.source_pronouns else ("pronoun", None)

    def _set_speaker(self, doc: QuoteText, quote: Quote, speaker, before: int) -> None:
        if speaker is None:
            return
        kind, value = speaker
        if kind == "source":
            quote.refers_back, quote.refers_to = before, "source"
            return
        if kind in ("pronoun", "anaphor"):
            phrase = value                      # an anaphor's own words: its speaker when nothing is named before
            value = doc.previous_named(before, "PERSON" if kind == "pronoun" else "ORG")
            if value is None and kind == "pronoun":
                # no person named before: an unnamed speaker before it ("a police chief told AFP ... he said")
                quote.refers_back, quote.refers_to = before, "unnamed"
                return
            if value is None:
                quote.speaker = phrase
                return
        if kind == "unnamed":
            named = self._role_antecedent(doc, value, before) or self._earlier_name(doc, value)
            if named is None:
                quote.speaker = value
                return
            value = named
        start, end, canonical = value.start, value.end, value.canonical
        role = None
        first = doc.token_at_or_after(start)
        length = self._match(doc, first, self.roles)
        if length and value.label == "PERSON":
            # a role inside the name mention: "Chief executive Tan Wei Ming"
            while first + length < len(doc.words) and doc.starts[first + length] < end \
                    and self._match(doc, first + length, self.roles):
                length += self._match(doc, first + length, self.roles)
            if first + length < len(doc.words) and doc.starts[first + length] < end:
                role = doc.text[start:doc.ends[first + length - 1]]
                start = doc.starts[first + length]
                if canonical and canonical.startswith(role):
                    canonical = canonical[len(role):].strip() or canonical
        while end > start and not doc.text[end - 1].isalnum():
            end -= 1
        if self.extend_names and value.label == "PERSON":
            # "Sri Mulyani Indrawati said" with "Sri Mulyani" found: the name's next capitalised word
            after = doc.token_at_or_after(end)
            while after < len(doc.words) and doc.starts[after] == end + 1 and doc.raw[after][0].isupper() \
                    and after not in doc.sentence_bound_set and not self._cue_here(doc, after) \
                    and not doc.in_quote(after) and not any(e.start == doc.starts[after] for e in doc.entities):
                if canonical == doc.text[start:end]:
                    canonical = doc.text[start:doc.ends[after]]
                end = doc.ends[after]
                after += 1
        if canonical:
            canonical = canonical.rstrip(" ([{,-")
        quote.speaker = (start, end)
        quote.speaker_canonical = canonical
        quote.speaker_role = role or self._role(doc, value)

    def _role(self, doc: QuoteText, entity: Entity) -> str | None:
        first = doc.token_at_or_after(entity.start)
        # before the name: the earliest role word of the words right before it (or before a comma)
        k = first - 1
        role_end = entity.start
        # "Juru bicara Kemlu, Lalu Muhammad Iqbal": a comma before the name (and a first name the
        # model left out of the mention)
        comma = k if k >= 0 and doc.words[k] == "," else None
        if comma is None and k >= 1 and doc.words[k - 1] == "," and doc.raw[k][0].isupper() \
                and not self._match(doc, k, self.roles):
            comma = k - 1
        if comma is not None and comma > 0:
            role_end, k = doc.ends[comma - 1], comma - 1
        earliest = None
        depth = 0
        while k >= 0 and first - k <= ROLE_WINDOW + 8:
            word = doc.words[k]
            if word in (")", "]"):                # "Kepala Badan Pusat Statistik (BPS) Amalia"
                depth += 1
            elif word in ("(", "["):
                depth -= 1
            if depth or word in ("(", "[", ")", "]"):
                k -= 1
                continue
            if not doc.raw[k][0].isalnum() or word in self.cues_after or word in self.cues_verb \
                    or self._match(doc, k, self.cues_source) or doc.in_quote(k):
                break
            if word in self.role_stops:
                break
            if self._match(doc, k, self.roles):
                earliest = k
            elif earliest is None and first - k > ROLE_WINDOW:
                break
            k -= 1
        if earliest is not None:
            if self.role_modifiers_before:   # "Finance Minister", "Bank Indonesia Governor", "opposition leader"
                while earliest > 0 and earliest not in doc.sentence_bound_set and self._role_modifier(doc, earliest - 1):
                    earliest -= 1
            return doc.text[doc.starts[earliest]:role_end].strip() or None
        # after the name, in apposition: ", (seorang) Kepala Dinas ..., "
        last = doc.token_at_or_after(entity.end)
        if last >= len(doc.words) or doc.words[last] != ",":
            return None
        k = last + 1
        if k + 1 < len(doc.words) and doc.raw[k].isdigit() and doc.words[k + 1] == ",":
            k += 2                                # "John Carter, 54, a farmer from Iowa"
        k += self._match(doc, k, self.role_determiners)
        # the role word, or up to MAX_ROLE_MODIFIERS words before it ("Singapore's prime minister")
        head = next((i for i in range(k, min(len(doc.words), k + MAX_ROLE_MODIFIERS + 1))
                     if self._match(doc, i, self.roles) or not doc.raw[i][0].isalnum()), len(doc.words))
        if head >= len(doc.words) or not self._match(doc, head, self.roles) or \
                (head > k and not self.role_modifiers_before):
            return None
        end = k
        while end < len(doc.words) and end - k < APPOSITION_WINDOW:
            word = doc.words[end]
            if word in CLAUSE_PUNCT or word in SENTENCE_END or doc.in_quote(end) or doc.is_mark(end) \
                    or (end > k and (word in self.cues_verb or word in self.cues_after)):
                break
            end += 1
        return doc.text[doc.starts[k]:doc.ends[end - 1]]

    def _resolve_sources(self, doc: QuoteText, quotes: list[Quote]) -> None:
        """Quotes whose speaker is "it" / "they" take the nearest source before them: an
        organisation's mention, or an earlier quote's unnamed speaker ("The company insisted ... It
        said"); "he" / "katanya" with no person named before take that unnamed speaker only."""
        for index, quote in enumerate(quotes):
            if quote.refers_back is None:
                continue
            before = quote.refers_back
            named = doc.previous_named(before, "ORG") if quote.refers_to == "source" else None
            # an unnamed speaker; for "he" also a mention with a role beside it, a person whatever the
            # model's label ("Juru bicara <ORG and name as one mention> mengatakan ... katanya")
            earlier = [q for q in quotes[:index] if q.speaker and q.speaker[1] <= before and q.refers_back is None
                       and (q.speaker_canonical is None or (quote.refers_to == "unnamed" and q.speaker_role))]
            last = max(earlier, key=lambda q: q.speaker[1], default=None)
            if last is not None and (named is None or last.speaker[1] > named.end):
                same_speaker(quote, last)
            elif named is not None:
                quote.speaker, quote.speaker_canonical = (named.start, named.end), named.canonical
                quote.speaker_role = self._role(doc, named)
            quote.refers_back = quote.refers_to = None

    @staticmethod
    def _match(doc: QuoteText, k: int, table: dict[str, list[tuple[str, ...]]]) -> int:
        """Length in tokens of the longest phrase of ``table`` starting at token ``k`` (0: none)."""
        if k >= len(doc.words):
            return 0
        for phrase in table.get(doc.words[k], ()):
            if tuple(doc.words[k:k + len(phrase)]) == phrase:
                return len(phrase)
        return 0
