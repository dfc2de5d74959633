"""Reported speech: QUOTE spans with their speaker, cue and role, found in plain text.

The words come from ``warta/lang/<lang>/quotes.json`` (schema ``QuotesFile``); the entities
(PERSON / ORG mentions, with their canonical names) are handed in by the caller, so that this module
needs no spaCy. The annotation rules are the "Quotes" section of docs/ANNOTATION.md.

What is found, in order:

1. **Direct speech**: text inside quotation marks (``marks``; ``weak_marks`` such as single curly
   quotes only with a cue beside them). Straight marks are told apart by their spacing (an opening
   mark has a space before it and none after it); when the spacing says nothing (tokens joined by
   spaces) they alternate. A quote left open at the end of a paragraph goes on when the next
   paragraph starts with an opening mark, and ends there otherwise. A closing mark with no opening
   one before it (the opening lay before the text) opens at the start of its paragraph, and counts
   only with a cue after it. A quoted stretch of fewer than ``min_words`` words with no cue beside it
   is a term or a scare quote and is skipped.
2. **Its cue and speaker**: after the closing mark (``'"...," kata X'``, ``'"...," ujarnya'``,
   ``'"...," X said'``, ``'"...," said X'``), else before the opening mark (``'X mengatakan, "..."'``).
   A quote with neither that follows a quote split by its cue (``'"A," kata X. "B."'``) takes that
   quote's speaker and cue.
3. **Indirect speech** outside the marks: ``X <cue verb> (bahwa) <clause>``, ``<clause>, <cue> X``,
   ``<clause>, X <cue verb>``, ``Menurut X, <clause>`` / ``<clause>, menurut X``. The clause runs
   to the end of its sentence. A cue verb followed by a verdict (``not_speech_after``) reports no speech.
4. **Speaker**: the named PERSON mention bound to the cue (else an ORG); a pronoun or a clitic on
   the cue takes the nearest PERSON mention before the quote (else ORG); an unnamed speaker noun
   phrase (``speaker_nouns``) gives its offsets and no canonical name. **Role**: a phrase that starts
   with a role word right before the name ("Menteri Keuangan Sri Mulyani") or in apposition after it
   ("Budi Santoso, Kepala Dinas Pendidikan ...").

The tokenised view of the text the steps read (sentences, quoted ranges, mentions) is
:mod:`warta.rules.quote_text`; step 4 (speakers and roles) is :mod:`warta.rules.quote_speakers`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count
from typing import Iterable, Sequence

from warta.lang import load_lang_data
from warta.rules.quote_speakers import APPOSITION_WINDOW, MAX_PHRASE_WORDS, SPEAKER_WINDOW, SpeakerRules
from warta.rules.quote_text import (CLAUSE_PUNCT, SENTENCE_END, TOKEN, Entity, Marked, Quote, QuoteText,
                                    char_before, first_sentence_end, same_speaker)

LEADIN_PUNCT = frozenset(",:\u2013\u2014-")
CUE_WINDOW = 9            # words after a closing mark that may hold its cue ("Central Bank President Jane Doe said")
SOURCE_WINDOW = 20        # tokens between "menurut" / "according to" and the comma after its source
MIN_CLAUSE_WORDS = 3      # a reported clause has at least this many words
SENTENCE_WINDOW = 200     # tokens each side of a cue looked at (a text without full stops stays linear)
MAX_APPOSITION_WORDS = 4  # between a quote and its cue, each part set off by commas has at most this many


SPACES = re.compile(r"\s*")


def _phrases(words: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words:
        parts = tuple(TOKEN.findall(phrase.casefold()))
        if parts:
            table.setdefault(parts[0], []).append(parts)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


class QuoteRules(SpeakerRules):
    """The quote rules of one language (``quotes.json``)."""

    def __init__(self, data: dict):
        self.pairs = [tuple(pair) for pair in data["marks"]]
        self.weak_pairs = [tuple(pair) for pair in data.get("weak_marks", [])]
        self.min_words = data.get("min_words", 4)
        self.cues_after = {w.casefold() for w in data["cues_after"]}
        self.cues_verb = {w.casefold() for w in data["cues_verb"]} - {w.casefold() for w in data.get("not_speech", [])}
        self.cues_after -= {w.casefold() for w in data.get("not_speech", [])}
        self.cues_source = _phrases(data.get("cues_source", []))
        self.clitics = sorted((c.casefold() for c in data.get("clitics", [])), key=len, reverse=True)
        self.pronouns = {w.casefold() for w in data.get("pronouns", [])}
        self.source_pronouns = {w.casefold() for w in data.get("source_pronouns", [])}
        self.clause_openers = {w.casefold() for w in data.get("clause_openers", [])}
        self.not_speech_after = _phrases(data.get("not_speech_after", []))
        self.speaker_nouns = _phrases(data.get("speaker_nouns", []))
        self.speaker_determiners = _phrases(data.get("speaker_determiners", []))
        self.roles = _phrases(data.get("roles", []))
        self.role_determiners = _phrases(data.get("role_determiners", []))
        self.linking = _phrases(data.get("linking", []))
        self.abbreviations = {w.casefold() for w in data.get("abbreviations", [])}
        self.anaphors = _phrases(data.get("anaphors", []))
        self.subject_adverbs = {w.casefold() for w in data.get("subject_adverbs", [])}
        self.phrase_stops = {w.casefold() for w in data.get("phrase_stops", [])}
        self.first_person = {w.casefold() for w in data.get("first_person", [])}
        self.role_modifiers_before = data.get("role_modifiers_before", False)
        self.role_stops = {w.casefold() for w in data.get("role_stops", [])}
        self.extend_names = data.get("extend_names", False)
        self.names_capitalised = data.get("names_capitalised", False)
        self.split_roles_in_names = data.get("split_roles_in_names", False)
        self.people_of_bodies = data.get("people_of_bodies", False)
        self.chained_cues = {w.casefold() for w in data.get("chained_cues", [])}
        self.demonstratives = {w.casefold() for w in data.get("demonstratives", [])}
        self.cues_lower_case = data.get("cues_lower_case", False)
        self.naming_cues = {w.casefold() for w in data.get("naming_cues", [])}
        self.naming_links = {w.casefold() for w in data.get("naming_links", [])}
        self.quoting_words = {w.casefold() for w in data.get("quoting_words", [])}
        self.honorifics = {w.casefold() for w in data.get("honorifics", [])}
        self.addressee_words = {w.casefold() for w in data.get("addressee_words", [])}
        self.cues_with_addressee = {w.casefold() for w in data.get("cues_with_addressee", [])}
        self.linking_words = {w.casefold() for w in data.get("linking", []) if " " not in w}
        self.source_words = {w.casefold() for w in data.get("cues_source", []) if " " not in w}
        self.openers = {}
        for pair in self.pairs + self.weak_pairs:
            self.openers.setdefault(pair[0], pair)
        self.mark_chars = frozenset(ch for pair in self.pairs + self.weak_pairs for ch in pair)
        self.strong_closers = frozenset(pair[1] for pair in self.pairs)
        self.mark_re = re.compile("[\n" + "".join(re.escape(ch) for ch in sorted(self.mark_chars)) + "]")
        # every word that may start a cue, with its clitic forms ("ujarnya" -> "ujar")
        stems = self.cues_after | self.cues_verb | self.source_words
        self.clitic_forms = {stem + clitic: stem for stem in stems for clitic in self.clitics}
        self.cue_words = stems | set(self.clitic_forms) | set(self.cues_source)

    # ------------------------------------------------------------------ entry point

    def find(self, text: str, entities: Sequence[Entity] = ()) -> list[Quote]:
        """The quotes of ``text``; ``entities``: its PERSON / ORG mentions (any order)."""
        if not text:
            return []
        names = [e for e in entities if e.label in ("PERSON", "ORG")
                 and not (self.names_capitalised and text[e.start:e.start + 1].islower())]
        doc = QuoteText(text, names, self.abbreviations, self.mark_chars)
        if self.split_roles_in_names or self.honorifics:
            doc.set_entities([self._name_in_mention(doc, self._without_honorific(doc, e)) for e in doc.entities])
        marked = self._marked(text)
        doc.set_quotes(marked)
        quotes: list[Quote] = []
        used_cues: set[int] = set()
        previous: tuple[Marked, Quote] | None = None
        kept = []
        for stretch in marked:
            quote = self._direct(doc, stretch, previous, used_cues)
            if quote is not None:
                quotes.append(quote)
                kept.append(stretch)
                previous = (stretch, quote)
        doc.keep_quotes(kept)              # a scare quote is part of the clause around it
        indirect = self._indirect(doc, used_cues)
        spans = [(q.start, q.end) for q in quotes]
        for quote in indirect:
            if not any(quote.start < end and start < quote.end for start, end in spans):
                quotes.append(quote)
        quotes.sort(key=lambda q: (q.start, q.end))
        self._resolve_sources(doc, quotes)
        return quotes

    # ------------------------------------------------------------------ quotation marks

    def _orientation(self, text: str, i: int) -> str:
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        space_before = before.isspace() or before in "([{"
        space_after = after.isspace() or after in ".,;:!?)]}"
        if space_before and not space_after:
            return "open"
        if space_after and not space_before:
            return "close"
        return "either"

    def _marked(self, text: str) -> list[Marked]:
        found: list[Marked] = []
        state: tuple[int, tuple[str, str], int] | None = None     # (opening offset, pair, content start)
        para_start = 0
        last_end = 0
        n = len(text)
        for match in self.mark_re.finditer(text):
            i = match.start()
            ch = text[i]
            if ch == "\n":
                if state is not None:
                    if not text.startswith(state[1][0], SPACES.match(text, i).end()):     # not continued in the next paragraph
                        open_at, pair, start = state
                        end = first_sentence_end(text, start, i)
                        found.append(Marked(open_at, end, start, end, weak=pair in self.weak_pairs, closed=False))
                        state = None
                        last_end = i
                para_start = i + 1
                continue
            if state is not None:
                open_at, pair, start = state
                same = pair[0] == pair[1]
                if ch == pair[1] and (not same or self._orientation(text, i) != "open" or
                                      self._looks_closing(text, i)):
                    if pair in self.weak_pairs and i + 1 < n and text[i + 1].isalnum():
                        continue                                  # an apostrophe inside a word
                    found.append(Marked(open_at, i, start, i, weak=pair in self.weak_pairs))
                    state, last_end = None, i + 1
                # an opening mark inside an open quote: a continued paragraph, or a quote inside it
                continue
            pair = self.openers.get(ch)
            kind = self._orientation(text, i)
            opens = pair is not None and (pair[0] != pair[1] or kind == "open" or
                                          (kind == "either" and not self._looks_closing(text, i)))
            if opens and pair[0] == pair[1] and kind == "either" and self._last_in_paragraph(text, i) \
                    and self._ends_speech(text, i):
                opens = False                                     # "... , " at the end: it closes
            if opens:
                if pair in self.weak_pairs and kind != "open":
                    continue
                state = (i, pair, i + 1)
            elif ch in self.strong_closers:
                # a closing mark with no opening one: the quote opened before this paragraph
                start = max(para_start, last_end)
                found.append(Marked(-1, i, start, i, orphan=True))
                last_end = i + 1
        if state is not None:
            open_at, pair, start = state
            end = text.find("\n", start)
            end = first_sentence_end(text, start, n if end < 0 else end)
            found.append(Marked(open_at, end, start, end, weak=pair in self.weak_pairs, closed=False))
        for item in found:                                        # content without its spaces
            while item.start < item.end and text[item.start].isspace():
                item.start += 1
            while item.end > item.start and text[item.end - 1].isspace():
                item.end -= 1
        return [item for item in found if item.end > item.start]

    @staticmethod
    def _ends_speech(text: str, i: int) -> bool:
        """Whether what stands before a spaced mark ends a quote: a comma, or a full stop, question
        or exclamation mark that no capitalised word follows ('. " Kami ...' opens one)."""
        last = char_before(text, i)
        if last == ",":
            return True
        if last not in (".", "!", "?"):
            return False
        following = TOKEN.search(text, i + 1)
        return following is None or not following.group()[0].isupper()

    @staticmethod
    def _last_in_paragraph(text: str, i: int) -> bool:
        end = text.find("\n", i + 1)
        return text.find(text[i], i + 1, len(text) if end < 0 else end) < 0

    def _looks_closing(self, text: str, i: int) -> bool:
        """A straight mark with spaces on both sides closes when punctuation ends what comes before
        it and a cue or the end of the text comes after it."""
        if char_before(text, i) not in tuple(",.!?\u2026"):
            return False
        match = TOKEN.search(text, i + 1)
        if match is None:
            return True
        word = match.group().casefold()
        return (word in self.cues_after or word in self.cues_verb or self._clitic_cue(word) is not None
                or word in ",.")

    def _clitic_cue(self, word: str) -> str | None:
        """The cue of a word made of a cue and a clitic ("ujarnya" → "ujar"), else None."""
        return self.clitic_forms.get(word)

    # ------------------------------------------------------------------ direct speech

    def _direct(self, doc: QuoteText, stretch: Marked, previous, used_cues: set[int]) -> Quote | None:
        quote = Quote(stretch.start, stretch.end, "direct")
        bound = self._cue_after_mark(doc, stretch) or self._cue_before_mark(doc, stretch)
        if bound is not None:
            cue_index, cue_end, speaker = bound
            used_cues.update(range(cue_index, cue_end))
            quote.cue = doc.span_of(cue_index, cue_end)
            self._set_speaker(doc, quote, speaker, before=stretch.start if stretch.open_at < 0 else stretch.open_at)
            return quote
        if previous is not None and self._split_from(doc, previous, stretch):
            same_speaker(quote, previous[1])
            quote.cue = previous[1].cue
            return quote
        if stretch.weak or doc.words_between(stretch.start, stretch.end) < self.min_words:
            return None
        if stretch.orphan and char_before(doc.text, stretch.close_at) not in (",", ".", "!", "?"):
            return None                          # a closing mark alone that ends no speech
        return quote

    def _split_from(self, doc: QuoteText, previous, stretch: Marked) -> bool:
        """Whether ``stretch`` goes on with the previous quote after its cue: between them only the
        cue's own sentence ends."""
        marked, quote = previous
        if quote.cue is None or stretch.open_at < 0:
            return False
        if doc.text.count("\n", marked.close_at, stretch.open_at) > 1:
            return False
        if not marked.close_at < quote.cue[0] < stretch.open_at:
            return False
        opening = doc.token_at_or_after(stretch.open_at)
        return opening in doc.sentence_bound_set and doc.sentence_ends_between(quote.cue[1], stretch.open_at) == 1

    def _cue_after_mark(self, doc: QuoteText, stretch: Marked):
        if not stretch.closed:
            return None                                 # the quote ran on: what follows is not its cue
        first = doc.token_at_or_after(stretch.close_at + 1)
        limit = doc.sentence_limit(first)
        j = first
        while j < limit and doc.words[j] in CLAUSE_PUNCT:
            j += 1
        stop = min(limit, j + CUE_WINDOW + APPOSITION_WINDOW)
        commas, segment = 0, j
        for k in range(j, stop):
            word = doc.words[k]
            if doc.in_quote(k) or doc.is_mark(k):
                break
            if word in CLAUSE_PUNCT:             # '"...," the prime minister, Rishi Sunak, told ...'
                commas += 1
                if commas > 2 or stretch.weak or doc.words_in(segment, k) > MAX_APPOSITION_WORDS:
                    break
                segment = k + 1
                continue
            if k - j >= CUE_WINDOW and not commas:
                break
            found = self._cue_here(doc, k)
            if found is None:
                continue
            cue_index, cue_end = found
            if cue_index > j and self._is_source(doc, cue_index):
                break
            if cue_index > j:
                speaker = self._speaker_before(doc, j, cue_index)
                if speaker is None:
                    continue
            else:
                speaker = self._speaker_after(doc, cue_index, cue_end, limit)[0]
            return cue_index, cue_end, speaker
        return None

    def _cue_before_mark(self, doc: QuoteText, stretch: Marked):
        if stretch.open_at < 0:
            return None
        mark = doc.token_at_or_after(stretch.open_at)
        k = mark - 1
        while k >= 0 and doc.words[k] in LEADIN_PUNCT:
            k -= 1
        if k >= 0 and k == mark - 1 and doc.words[k] not in self.cues_verb:
            return self._naming_cue(doc, k)             # 'described the outage as "..."'
        if k < 0:
            return None
        start = doc.sentence_start(k)
        for c in range(k, max(start, k - SPEAKER_WINDOW) - 1, -1):
            if doc.in_quote(c) or doc.is_mark(c):
                break
            found = self._cue_here(doc, c)
            if found is None:
                continue
            cue_index, cue_end = found
            if self._is_clitic_cue(doc, cue_index):
                return cue_index, cue_end, ("pronoun", None)
            speaker = self._speaker_before(doc, start, cue_index)
            if speaker is None and cue_end <= k:
                speaker = self._speaker_after(doc, cue_index, cue_end, k + 1)[0]
            return cue_index, cue_end, speaker
        return None

    def _naming_cue(self, doc: QuoteText, k: int):
        """A verb that names something with the quoted words, right before the opening mark
        ('called it "..."') or before a link word there ('described the outage as "..."'): the cue,
        with the speaker before it. None when token ``k`` is neither."""
        if doc.words[k] not in self.naming_cues and doc.words[k] not in self.naming_links:
            return None
        start = doc.sentence_start(k)
        for c in range(k, max(start, k - SPEAKER_WINDOW) - 1, -1):
            if doc.in_quote(c) or doc.is_mark(c) or doc.words[c] in CLAUSE_PUNCT:
                return None
            if doc.words[c] in self.naming_cues:
                return c, c + 1, self._speaker_before(doc, start, c)
        return None

    def _cue_here(self, doc: QuoteText, k: int) -> tuple[int, int] | None:
        """(cue token, index after the cue) when a cue starts at token ``k``."""
        word = doc.words[k]
        if self.cues_lower_case and doc.raw[k][0].isupper() and k and doc.raw[k - 1][0].isalnum():
            return None                             # "Union leader Said Iqbal": a name
        if word in self.cues_after or word in self.cues_verb or self._clitic_cue(word):
            if word in self.cues_verb and self._match(doc, k + 1, self.not_speech_after):
                return None
            return k, k + 1
        length = self._match(doc, k, self.cues_source)
        if length:
            return k, k + length
        return None

    def _is_clitic_cue(self, doc: QuoteText, k: int) -> bool:
        return self._clitic_cue(doc.words[k]) is not None

    def _is_source(self, doc: QuoteText, k: int) -> bool:
        word = doc.words[k]
        return bool(self._match(doc, k, self.cues_source)) or self._clitic_cue(word) in self.source_words

    # ------------------------------------------------------------------ indirect speech

    def _indirect(self, doc: QuoteText, used_cues: set[int]) -> list[Quote]:
        quotes = []
        taken_until = -1
        cue_words = self.cue_words
        for k in list(compress(count(), map(cue_words.__contains__, doc.words))):
            if k in used_cues or k < taken_until or doc.in_quote(k):
                continue
            found = self._cue_here(doc, k)
            if found is None:
                continue
            made, until = self._indirect_at(doc, k, found[1])
            if made:
                quotes.extend(made)
                taken_until = until
                if made[-1].end <= doc.offsets(k)[0]:     # the clause before its cue: may go on
                    quotes.extend(self._continued(doc, made[-1], k))
        return quotes

    def _continued(self, doc: QuoteText, quote: Quote, cue: int) -> list[Quote]:
        """Sentences in the first person right after '<clause>, katanya.' go on with the quote
        (news that dropped the quotation marks)."""
        start = doc.sentence_limit(cue)
        end = start
        while end < len(doc.words):
            limit = doc.sentence_limit(end)
            words = doc.words[end:limit]
            if not any(w in self.first_person for w in words) or doc.quote_between(end, limit) \
                    or any(self._cue_here(doc, i) for i in range(end, limit)):
                break
            end = limit
        if end <= start:
            return []
        made = self._clause(doc, start, end)
        if made is None:
            return []
        made.end = doc.ends[end - 1] if doc.words[end - 1] in SENTENCE_END else made.end
        same_speaker(made, quote)
        made.cue = quote.cue
        return [made]

    def _indirect_at(self, doc: QuoteText, cue: int, cue_end: int):
        start, limit = doc.sentence_start(cue), doc.sentence_limit(cue)
        start, limit = max(start, cue - SENTENCE_WINDOW), min(limit, cue_end + SENTENCE_WINDOW)
        # quotation marks in the sentence: only the stretch between them and the cue
        start, limit = max(start, doc.barrier_before(cue) + 1), min(limit, doc.barrier_from(cue_end))
        word = doc.words[cue]
        clause_start = self._after_linking(doc, start)
        # where the cue's own clause starts: after the last comma before it, and its linking words
        local = clause_start
        for k in range(cue - 1, clause_start - 1, -1):
            if doc.words[k] in CLAUSE_PUNCT:
                local = k + 1
                break
        comma_before = local - 1 if local > clause_start else None
        if self._after_linking(doc, local) > local:
            local, comma_before = self._after_linking(doc, local), None   # ", namun menurut X, ..."
        inverted = self._is_source(doc, cue) or self._clitic_cue(word) is not None or \
            (word in self.cues_after and word not in self.cues_verb)
        if inverted:
            if cue != local:
                return [], 0                       # "kata" as a noun, "menurut data ..." inside a clause
            if self._is_source(doc, cue):
                comma = next((k for k in range(cue_end, limit) if doc.words[k] in CLAUSE_PUNCT), limit)
                if any(doc.words[k] in self.cues_verb for k in range(cue_end, comma)):
                    return [], 0                   # "Menurut X ... menjelaskan, ...": the verb is the cue
            speaker, after = self._speaker_after(doc, cue, cue_end, limit)
            if speaker is None and not self._is_source(doc, cue):
                return [], 0
            if self._is_source(doc, cue) and comma_before is None:
                # "Menurut <source, however long>, <clause>"
                comma = next((k for k in range(cue_end, limit) if doc.words[k] in CLAUSE_PUNCT), limit)
                if comma < limit and comma - cue_end <= SOURCE_WINDOW:
                    after = comma
            while after < limit and doc.words[after] in LEADIN_PUNCT:
                after += 1
            after = self._past_apposition(doc, after, limit)
            made = []
            if comma_before is not None:
                before = self._clause(doc, clause_start, comma_before, min_words=2)
                if before is not None:
                    made.append(before)
            source_first = self._is_source(doc, cue) and comma_before is None      # "Menurut X, <clause>"
            if after < limit and (source_first or self._opens_clause(doc, after)):
                # "Menurut Amran, impor tetap diperlukan": the source set off by its comma is clue enough
                later = self._clause(doc, after, limit, min_words=MIN_CLAUSE_WORDS + (not source_first))
                if later is not None and not any(self._cue_here(doc, i) for i in range(after, limit)
                                                 if doc.words[i] in self.cue_words and self._inverted_at(doc, i)):
                    made.append(later)
            return [self._finish(doc, q, cue, cue_end, speaker) for q in made], limit
        # a cue verb: "X mengatakan (bahwa) <clause>" or "<clause>, X said"
        if comma_before == cue - 1 and self._named_right_after(doc, cue_end, limit):
            # "<clause>, said Rachel Adams, a strategist at ...": the speaker follows the cue
            made = self._clause(doc, clause_start, comma_before)
            speaker = self._speaker_after(doc, cue, cue_end, limit)[0]
            return ([self._finish(doc, made, cue, cue_end, speaker)] if made else []), limit
        for k in range(cue_end, limit):
            if doc.words[k] == "," and k + 1 < limit and self._inverted_at(doc, k + 1):
                return [], 0                       # the sentence's cue is the one after the comma
        after = cue_end
        while after < limit and doc.words[after] in LEADIN_PUNCT:
            after += 1
        opened = after > cue_end
        # "..., he said, adding that ...": the clause after belongs to the next cue
        chained = after < limit and doc.words[after] in self.cues_verb
        after = self._past_adverbials(doc, self._skip_addressee(doc, cue, after, limit), limit)
        for j in range(after, min(limit, after + SPEAKER_WINDOW)):
            if doc.words[j] in self.clause_openers:
                if not any(w in CLAUSE_PUNCT for w in doc.words[after:j]):
                    after, opened = j + 1, True
                break
        while after < limit and doc.words[after] in LEADIN_PUNCT:
            after += 1
        chained = chained or (after < limit and doc.words[after] in self.cues_verb and opened)
        speaker = self._speaker_before(doc, clause_start, cue)
        if doc.words[cue] in self.chained_cues and speaker and speaker[0] == "unnamed":
            speaker = self._clause_subject(doc, clause_start)   # "The company denied this, saying ..."
        # a short clause after the cue is the quote when "that" or a comma opens it ("said that risks
        # remained"), a shorter one when a speaker stands before the cue
        needed = MIN_CLAUSE_WORDS - 1 if opened else MIN_CLAUSE_WORDS if speaker else MIN_CLAUSE_WORDS + 1
        adverbial = not opened and self._adverbial_to_end(doc, after, limit)
        if not chained and not adverbial and doc.words_in(after, limit) >= needed:
            return self._clause_and_chained(doc, cue, cue_end, after, limit, speaker, needed), limit
        if comma_before is None or doc.words_in(comma_before + 1, cue) > MAX_PHRASE_WORDS + 2:
            return [], 0
        speaker = self._speaker_before(doc, comma_before + 1, cue) or \
            self._speaker_after(doc, cue, cue_end, limit)[0]
        made = self._clause(doc, clause_start, comma_before)
        return ([self._finish(doc, made, cue, cue_end, speaker)] if made else []), cue_end

    def _clause_and_chained(self, doc: QuoteText, cue: int, cue_end: int, after: int, limit: int,
                            speaker, min_words: int) -> list[Quote]:
        """The clause after a cue verb; one it chains to (", adding that ...") is a second quote
        with the same speaker and its own cue."""
        chain = next((k + 1 for k in range(after, limit - 1)
                      if doc.words[k] == "," and doc.words[k + 1] in self.chained_cues), None)
        made = self._clause(doc, after, limit if chain is None else chain - 1, min_words)
        quotes = [self._finish(doc, made, cue, cue_end, speaker)] if made else []
        if chain is None or not quotes:
            return quotes
        start = chain + 1
        while start < limit and (doc.words[start] in self.clause_openers or doc.words[start] in LEADIN_PUNCT):
            start += 1
        more = self._clause(doc, start, limit)
        if more is not None:
            same_speaker(more, quotes[0])
            more.cue = doc.span_of(chain, chain + 1)
            quotes.append(more)
        return quotes

    def _named_right_after(self, doc: QuoteText, k: int, limit: int) -> bool:
        """Whether a PERSON mention starts at token ``k`` (before ``limit``)."""
        return k < limit and any(e.label == "PERSON" and e.start == doc.starts[k]
                                 for e in doc.entities_in(doc.starts[k], doc.ends[limit - 1]))

    def _clause_subject(self, doc: QuoteText, k: int):
        """The speaker that opens the clause at token ``k``, when it is plain: a name mention, a
        pronoun or an anaphoric description (else None)."""
        named = [e for e in doc.entities_in(doc.starts[k], len(doc.text))[:1] if e.start == doc.starts[k]]
        if named:
            return ("named", named[0])
        if doc.words[k] in self.pronouns:
            return self._pronoun(doc.words[k])
        length = self._match(doc, k, self.anaphors)
        return ("anaphor", doc.span_of(k, k + length)) if length else None

    def _past_apposition(self, doc: QuoteText, k: int, limit: int) -> int:
        """After a source and its comma, where the clause starts: past a role in apposition set off
        by commas ("According to Rina Wati, head of the weather agency, heavy rain ...")."""
        if k >= limit or not self._starts_role(doc, k):
            return k
        comma = next((i for i in range(k, min(limit, k + APPOSITION_WINDOW)) if doc.words[i] in CLAUSE_PUNCT), None)
        return k if comma is None else comma + 1

    def _past_adverbials(self, doc: QuoteText, k: int, limit: int) -> int:
        """Where the clause starts after where and when it was said, set off by commas
        ("mengatakan di Jakarta, Senin, harga ..."): past a segment that starts with a preposition
        and a day or date of at most two capitalised words after it."""
        comma = self._segment_comma(doc, k, limit)
        if k >= limit or doc.words[k] not in self.phrase_stops or comma is None:
            return k
        k = comma + 1
        comma = self._segment_comma(doc, k, limit)
        if comma is not None and 0 < comma - k <= 2 and all(doc.raw[i][0].isupper() for i in range(k, comma)):
            k = comma + 1
        return k

    @staticmethod
    def _segment_comma(doc: QuoteText, k: int, limit: int) -> int | None:
        """The comma that ends the short segment starting at token ``k`` (None: none within reach)."""
        for i in range(k, min(limit, k + MAX_APPOSITION_WORDS + 2)):
            if doc.words[i] == ",":
                return i
            if doc.words[i] in CLAUSE_PUNCT or not doc.raw[i][0].isalnum():
                return None
        return None

    def _adverbial_to_end(self, doc: QuoteText, k: int, limit: int) -> bool:
        """Whether what follows a cue up to the sentence's end is only where or when it was said
        ("..., the company said in a statement on Tuesday."): a few words that start with a
        preposition, with no comma."""
        return k < limit and doc.words[k] in self.phrase_stops and doc.words_in(k, limit) <= MAX_PHRASE_WORDS and \
            not any(doc.words[i] in CLAUSE_PUNCT for i in range(k, limit))

    def _skip_addressee(self, doc: QuoteText, cue: int, after: int, limit: int) -> int:
        """Where the clause starts after whom the speaker told it: "mengatakan kepada wartawan,
        ...", "told parliament the harvest ..." (the addressee is no part of the quote)."""
        if after >= limit:
            return after
        window = range(after, min(limit, after + SPEAKER_WINDOW))
        if doc.words[after] in self.addressee_words:
            return next((k for k in window if doc.words[k] in CLAUSE_PUNCT or doc.words[k] in self.clause_openers),
                        after)
        if doc.words[cue] in self.cues_with_addressee and \
                not any(doc.words[k] in self.clause_openers or doc.words[k] in CLAUSE_PUNCT for k in window):
            named = [e for e in doc.entities if e.start == doc.starts[after]]
            if named:
                return doc.token_at_or_after(named[0].end)
            return after + 1 + bool(self._match(doc, after, self.role_determiners))   # "told the court he ..."
        return after

    def _opens_clause(self, doc: QuoteText, k: int) -> bool:
        """Whether the words from token ``k`` after a speaker go on with the reported clause rather
        than tell more of the speaker: not a place, time or addressee ("di Jakarta", "kepada
        wartawan"), a relative clause or role in apposition ("yang ...", "pemimpin ..."), a name."""
        word = doc.words[k]
        if self._match(doc, k, self.role_determiners):      # ", a rice trader in Cipinang market"
            end = next((i for i in range(k, min(len(doc.words), k + APPOSITION_WINDOW))
                        if doc.words[i] in CLAUSE_PUNCT or doc.words[i] in SENTENCE_END), len(doc.words))
            if self._holds_role(doc, k, end):
                return False
        return not (word in self.phrase_stops or word in self.role_stops or doc.raw[k][0].isupper()
                    or not doc.raw[k][0].isalnum() or self._starts_role(doc, k))

    def _inverted_at(self, doc: QuoteText, k: int) -> bool:
        """Whether token ``k`` is a cue written before its speaker after a clause (", kata X")."""
        word = doc.words[k]
        return self._clitic_cue(word) is not None or (word in self.cues_after and word not in self.cues_verb) \
            or bool(self._match(doc, k, self.cues_source))

    def _finish(self, doc: QuoteText, quote: Quote, cue: int, cue_end: int, speaker) -> Quote:
        quote.cue = doc.span_of(cue, cue_end)
        self._set_speaker(doc, quote, speaker, before=min(quote.start, quote.cue[0]))
        return quote

    def _clause(self, doc: QuoteText, start: int, end: int, min_words: int = MIN_CLAUSE_WORDS) -> Quote | None:
        while end > start and (doc.words[end - 1] in SENTENCE_END or doc.words[end - 1] in CLAUSE_PUNCT
                               or doc.is_mark(end - 1)):
            end -= 1
        while start < end and (doc.words[start] in CLAUSE_PUNCT or doc.is_mark(start)):
            start += 1
        if doc.words_in(start, end) < min_words:
            return None
        return Quote(doc.starts[start], doc.ends[end - 1], "indirect")

    def _after_linking(self, doc: QuoteText, start: int) -> int:
        length = self._match(doc, start, self.linking)
        if length:
            start += length
            if start < len(doc.words) and doc.words[start] == ",":
                start += 1
        return start


@lru_cache(maxsize=None)
def quote_rules(lang: str) -> QuoteRules:
    """The quote rules of ``lang`` (built once per process)."""
    return QuoteRules(load_lang_data(lang, "quotes"))
