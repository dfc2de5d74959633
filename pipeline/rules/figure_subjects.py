"""Figure subjects: the noun phrase a FIGURE counts or measures (pure Python, no spaCy).

The rule is docs/ANNOTATION.md's "Figure subjects and attribution", in its order:

1. a count: the counted noun after the figure and its modifiers, up to a stop word (preposition,
   relative word, conjunction, demonstrative, verb, number, date, punctuation);
2. a classifier or a measure unit followed by a noun: the phrase after it ("of X" after a measure
   where the language says so);
3. an amount, percentage, measure or classifier with no noun after it: "dari X" / "of X" after a
   percentage, else the phrase before a linking word ("sebesar", "rose"), else the phrase directly
   before the figure; adverbials, dates and places between them are stepped over, and so are an
   ordinal after its noun, a time adverbial, a comparison ("lebih rendah dari"), a measure noun in a
   prepositional phrase ("di posisi"), a second conjunct ("X dan Y": X); a change noun ("kenaikan")
   links, or heads its phrase when a noun follows it; a phrase followed by another amount is that one's;
4. an age measures a person: the PERSON mention before it in the sentence, else the person noun,
   else the age noun ("umur");
5. None when nothing in the sentence qualifies.

Input is the figure's sentence as ``Word``s (text and character offsets: the spaCy component
passes the Doc's tokens) and the figure's word range; output is ``(start, end)`` character offsets
or None. Every word comes from ``warta/lang/<lang>/subjects.json`` and ``numbers.json`` (units,
currencies, percent, classifiers, time units, months).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from warta.lang import load_lang_data

NUMBER = re.compile(r"[\d.,:/%+\-]*\d[\d.,:/%+\-]*")   # digits with their separators ("2019", "10.30", "3-4")
PUNCT = re.compile(r"[^\w]+")                          # a token without a letter or digit
MAX_UNIT_WORDS = 3                                     # longest unit or currency phrase ("kilometer per jam")
MAX_SKIPPED_CHUNKS = 3                                 # adverbials and places stepped over before a phrase
MAX_REMEMBERED = 100_000                               # word forms whose class is remembered
MAX_LEFT_WORDS = 30                                    # words looked at left of a figure


def _remembered(cache: dict[str, bool], word: str, classify) -> bool:
    """``classify(word)``, remembered per word form: the same words come back in every sentence. A
    long run meets ever new forms, so the cache is emptied when full and memory stays bounded."""
    known = cache.get(word)
    if known is None:
        if len(cache) >= MAX_REMEMBERED:
            cache.clear()
        known = cache[word] = classify(word)
    return known


@dataclass(frozen=True, slots=True)
class Word:
    """One token of the sentence: its text and its character offsets in the document (end exclusive)."""
    text: str
    start: int
    end: int


def _words(entries) -> frozenset:
    return frozenset(w.casefold() for w in entries)


class SubjectRules:
    """The subject finder of one language (built once per language by :func:`subject_rules`)."""

    def __init__(self, lang: str):
        data = load_lang_data(lang, "subjects")
        numbers = load_lang_data(lang, "numbers")
        self.head_first = data["head"] == "first"
        self._content: dict[str, bool] = {}
        self._filler: dict[str, bool] = {}
        self._verb: dict[str, bool] = {}
        self.prepositions = _words(data["prepositions"])
        self.closed = (self.prepositions | _words(data.get("relatives", [])) | _words(data.get("conjunctions", []))
                       | _words(data.get("demonstratives", [])) | _words(data.get("determiners", []))
                       | _words(data.get("other_stops", [])) | _words(data.get("linking", [])))
        self.determiners = _words(data.get("determiners", []))
        self.relatives = _words(data.get("relatives", []))
        self.demonstratives = _words(data.get("demonstratives", []))
        self.adverbials = _words(data.get("adverbials", []))
        self.link_conjunctions = _words(data.get("link_conjunctions", []))
        self.measure_nouns = _words(data.get("measure_nouns", []))
        self.comparatives = _words(data.get("comparatives", []))
        self.ordinals = _words(data.get("ordinals", []))
        self.time_openers = _words(data.get("time_openers", []))
        self.dimension_nouns = _words(data.get("dimension_nouns", []))
        self.change_nouns = _words(data.get("change_nouns", []))
        self.change_links = _words(data.get("change_links", []))
        self.link_nouns = self.change_nouns | self.measure_nouns     # nouns that link in some places (_links_here)
        self.count_units = _words(data.get("count_units", []))
        self.subject_prepositions = _words(data.get("subject_prepositions", []))
        self.linking = _words(data.get("linking", []))
        self.link_gaps = _words(data.get("link_gaps", []))
        self.adverbs = _words(data.get("other_stops", []))
        self.of_words = _words(data.get("of_words", []))
        self.of_after = frozenset(data.get("of_after", []))
        self.verb_prefixes = tuple(w.casefold() for w in data.get("verb_prefixes", []))
        self.verb_suffixes = tuple(w.casefold() for w in data.get("verb_suffixes", []))
        self.verb_min_stem = data.get("verb_min_stem", 3)
        self.passive_prefixes = tuple(w.casefold() for w in data.get("passive_prefixes", []))
        self.verbs = _words(data.get("verbs", [])) | _speech_cues(lang)
        self.not_verbs = _words(data.get("not_verbs", []))
        self.age_markers = _words(data.get("age_markers", []))
        self.age_nouns = _words(data.get("age_nouns", []))
        self.person_nouns = _words(data.get("person_nouns", []))
        self.age_after = _words(data.get("age_after", []))
        self.max_words = data.get("max_words", 6)
        self.percent = _words(numbers.get("percent", []))
        self.currencies = _words(k for k in numbers.get("currencies", {}) if not k.startswith("_"))
        self.extra_units = _words(data.get("extra_units", []))
        self.measures = _words([*(k for k in numbers.get("measures", {}) if not k.startswith("_")),
                                *(k for k in numbers.get("points", {}) if not k.startswith("_"))]) | self.extra_units
        self.classifiers = _words(numbers.get("classifiers", []))
        self.approximate = _words(k for k in numbers.get("approximate_words", {}) if not k.startswith("_"))
        self.dates = _words(numbers.get("months", []))
        self.time_units = _words(numbers.get("time_units", []))
        self.unit_words = frozenset(k.casefold().split()[-1] for k in numbers.get("unit_words", {})
                                    if not k.startswith("_") and " " not in k)   # "setahun": one and its unit in one word
        self.age_unit = numbers.get("age_unit", "").casefold()
        words = numbers.get("number_words", {})
        # number words, scale words, approximate plurals and one-word qualifiers ("minimal", "sekitar"): never a subject
        self.number_words = _words([*(k for part in ("units", "tens", "teens", "hundreds", "fractions")
                                      for k in words.get(part, {}) if not k.startswith("_")),
                                    *(k for k in numbers.get("scales", {}).get("words", {}) if not k.startswith("_")),
                                    *self.approximate,
                                    *(k for k in numbers.get("qualifiers", {}) if not k.startswith("_") and " " not in k)])
        # unit phrases ("dolar AS", "basis poin"), but the units a figure counts ("poin"); one-word ones
        # are no part of a phrase, longer ones are stepped over left of a figure
        self.unit_phrases = (self.percent | self.currencies | self.measures | self.classifiers
                             | _words(numbers.get("tolerance_connectors", []))) - self.count_units
        self.units = frozenset(unit for unit in self.unit_phrases if " " not in unit)
        every_unit = self.unit_phrases | self.measures | self.count_units
        self.unit_heads = frozenset(unit.split()[0] for unit in every_unit)   # a cheap test before joining words
        self.unit_tails = frozenset(unit.split()[-1] for unit in every_unit if " " in unit)
        # what a number's next words may be, in the order they are tried (built once: a set difference per figure is not cheap)
        self._after_vocabularies = ((self.percent, "percent"), (self.currencies, "amount"), (self.extra_units, "extra"),
                                    (self.measures - self.count_units, "measure"), (self.classifiers, "classifier"))
        self.clitics = _words(numbers.get("noun_clitics", []))
        self.rate_words = _words(numbers.get("rate_words_after", [])) | _words(numbers.get("rate_words_before", []))
        self.clitic_min_stem = numbers.get("noun_clitic_min_stem", 3)

    # ------------------------------------------------------------------ word classes

    def is_verb(self, word: str) -> bool:
        """A lower-case word listed as a verb, or with a verb affix and not listed as no verb
        (remembered per word form, as ``is_content`` is)."""
        return _remembered(self._verb, word, self._is_verb)

    def _is_verb(self, word: str) -> bool:
        if not word[:1].islower():
            return False                           # a capitalised word inside a sentence is a name
        w = self.stem(word.casefold())
        if w in self.verbs:
            return True
        if w in self.not_verbs:
            return False
        stem = self.verb_min_stem
        return (any(w.startswith(p) and len(w) - len(p) >= stem and w[len(p):].isalpha() for p in self.verb_prefixes)
                or any(w.endswith(s) and len(w) - len(s) >= stem and w.isalpha() for s in self.verb_suffixes))

    def is_content(self, word: Word) -> bool:
        """A word that can be part of a subject: no stop word, verb, number, date or punctuation
        (remembered per word form: the same words come back in every sentence)."""
        return _remembered(self._content, word.text, self._is_content)

    def _is_content(self, text: str) -> bool:
        w = text.casefold()
        return not (w in self.closed or self.stem(w) in self.closed or w in self.number_words
                    or self.is_date(text) or NUMBER.fullmatch(text) or PUNCT.fullmatch(text) or self.is_verb(text))

    def stem(self, word: str) -> str:
        """``word`` without a clitic glued to its end ("bersihnya" -> "bersih"), when what is left is long enough."""
        for clitic in self.clitics:
            if word.endswith(clitic) and len(word) - len(clitic) >= self.clitic_min_stem:
                return word[:-len(clitic)]
        return word

    def content_at(self, words: Sequence[Word], i: int) -> bool:
        """``words[i]`` is a content word and no unit of a number beside it ("25 persen" stops a
        phrase; "Rupiah" alone is a noun)."""
        return self.is_content(words[i]) and not self.unit_at(words, i)

    def unit_at(self, words: Sequence[Word], i: int) -> bool:
        """``words[i]`` is a one-word unit with a number (or another unit) right before or after it."""
        if words[i].text.casefold() not in self.units:
            return False
        return any(0 <= j < len(words) and (NUMBER.fullmatch(words[j].text) or words[j].text.casefold() in self.number_words
                                            or words[j].text.casefold() in self.units)
                   for j in (i - 1, i + 1))

    def is_date(self, text: str) -> bool:
        """A month name, or a range of them ("Januari-Oktober")."""
        return all(part.casefold() in self.dates for part in re.split(r"[-\u2013/]", text))

    def _phrase_at(self, words: Sequence[Word], i: int, vocabulary: frozenset) -> int:
        """How many words from ``i`` form a phrase of ``vocabulary`` (longest first), 0 when none."""
        if i >= len(words) or words[i].text.casefold() not in self.unit_heads:
            return 0
        for n in range(min(MAX_UNIT_WORDS, len(words) - i), 0, -1):
            if " ".join(w.text for w in words[i:i + n]).casefold() in vocabulary:
                return n
        return 0

    # ------------------------------------------------------------------ the rule

    def find(self, words: Sequence[Word], first: int, last: int,
             persons: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
        """The subject of the figure over ``words[first:last]`` as ``(start, end)`` offsets, or None.

        ``words`` is the figure's sentence; ``persons`` the ``(start, end)`` offsets of the PERSON
        mentions in it (for ages)."""
        age = self._age(words, first, last, persons)
        if age is not None:
            return age or None
        if self._duration_inside(words[last - 1].text.casefold()):
            return None                            # "hampir setahun": the unit it counts is the figure's own
        kind, after = self._unit_after(words, first, last)
        if after < len(words) and words[after].text.casefold() in self.of_words and kind in self.of_after:
            phrase = self._phrase_right(words, after + 1)
            if phrase is not None and words[after + 1].text.casefold() not in self.measure_nouns:
                return phrase                      # not "naik 14,64 persen dari posisi Desember": a level, "from"
        # "Rp 5 juta" before a noun is rarely its amount in Indonesian; "kali" before one, never;
        # "$85,000 a year", "Rp 5 juta per bulan": a rate, not what the amount is of
        rate = after < len(words) and words[after].text.casefold() in self.rate_words
        if kind != "extra" and not rate and (kind != "amount" or not self.head_first):
            phrase = self._phrase_right(words, after)
            if phrase is not None and not (kind in ("amount", "percent", "measure")
                                           and words[after].text.casefold() in self.time_units) \
                    and not (kind != "number" and self._amount_follows(words, phrase[1])):
                return phrase
        return self._phrase_left(words, first)

    def _is_time(self, text: str) -> bool:
        """A time unit, a month or a number (a year): what a time opener opens ("akhir pekan", "awal 2004")."""
        return text.casefold() in self.time_units or self.is_date(text) or bool(NUMBER.fullmatch(text))

    def _duration_inside(self, word: str) -> bool:
        """A figure's last word that is its time unit ("setahun", "a decade")."""
        return word in self.time_units or word in self.unit_words

    def _amount_follows(self, words: Sequence[Word], end: int) -> bool:
        """Whether a number follows the phrase that ends at offset ``end``: in a list ("9,4 persen non
        migas 22 persen") the phrase after one amount is the next amount's."""
        k = next((j for j, w in enumerate(words) if w.end == end), None)
        return k is not None and k + 1 < len(words) and bool(NUMBER.fullmatch(words[k + 1].text))

    def _unit_after(self, words: Sequence[Word], first: int, last: int) -> tuple[str, int]:
        """What the figure is (``number``, ``approximate``, ``percent``, ``amount``, ``measure``,
        ``classifier``) and the index of the first word after it and its unit."""
        inside = words[last - 1].text.casefold()
        if inside in self.percent:
            kind = "percent"
        elif any(0 < self._phrase_at(words, i, self.currencies) <= last - i for i in range(first, last)):
            kind = "amount"
        elif inside in self.approximate:
            kind = "approximate"
        elif inside in self.measures:
            kind = "measure"
        else:
            kind = "number"
        i = last
        while i < len(words) and words[i].text in ("-", "\u2013") and i + 1 < len(words):
            i += 1                                 # "6,500-ton": the unit glued with a hyphen
        if kind == "number" and i < len(words) and words[i].text.casefold() in self.unit_heads:
            for vocabulary, name in self._after_vocabularies:
                n = self._phrase_at(words, i, vocabulary)
                if n:
                    return name, i + n
        return kind, last

    def _phrase_right(self, words: Sequence[Word], i: int, skip_determiners: bool = True) -> tuple[int, int] | None:
        """The phrase that starts at ``words[i]`` (after determiners): content words up to a stop.
        Its first word may be a time unit, which stops other phrases ("selama 10 tahun")."""
        while skip_determiners and i < len(words) and words[i].text.casefold() in self.determiners:
            i += 1
        end = i + 1 if i < len(words) and words[i].text.casefold() in self.time_units else i
        while end < len(words) and self.content_at(words, end):
            end += 1
        return self._span(words, i, end) if end > i else None

    def _phrase_left(self, words: Sequence[Word], first: int) -> tuple[int, int] | None:
        """Rule 3: the phrase before the figure. Stepped over on the way: numbers, units, dates,
        adverbs and a preposition right before the figure ("Toyota Rush dari Rp ..."); once a
        linking word is passed ("sebesar", "rose"), verbs, prepositions, relative words, commas and
        linking conjunctions too, and a phrase that a preposition or relative word opens (an
        adverbial, a place, a relative clause). A phrase opened by an adverbial word ("secara",
        "selama") is stepped over always."""
        i, linked, chunks, levelled = first - 1, False, 0, False
        limit = max(-1, first - 1 - MAX_LEFT_WORDS)
        while limit < i and chunks <= MAX_SKIPPED_CHUNKS:
            text = words[i].text
            w = text.casefold()
            if w in self.dimension_nouns and self._heads_clause(words, i):
                end = i + 1                        # "Bobotnya hanya 1,2 kg", "Kapasitas baterai ponsel itu 5.000 mAh"
                while end < first and self.content_at(words, end):
                    end += 1
                return self._span(words, i, end)
            if (w in self.linking or (w in self.link_nouns and self._links_here(words, i, first))
                    or (not linked and not chunks and (self._passive(text) or self._closes_subject(w, i, first)))):
                linked = True
                levelled = levelled or w not in self.change_links
                i -= 1
                continue
            n = self._unit_ending_at(words, i) or int(self.unit_at(words, i))
            if n:
                i -= n
                continue
            if i == first - 1 and w in self.prepositions:
                levelled = True                    # "dari 8,00 persen": a level, not a change
            if (self._is_filler(text) or w in self.link_gaps or w in self.adverbials
                    or (i == first - 1 and (w in self.prepositions or text == "("))
                    or (w in self.ordinals and i > 0 and self.content_at(words, i - 1))
                    or (w in self.time_openers and i + 1 < first and self._is_time(words[i + 1].text))
                    or (linked and (self.is_verb(text) or w in self.prepositions or w in self.relatives
                                    or w in self.link_conjunctions or text == ","))):
                i -= 1
                continue
            if w in self.link_conjunctions and i == first - 1:
                i -= 2 if i > 0 and words[i - 1].text == "," else 1   # "150 points, or 2.1%": the same thing again
                continue
            if not self.content_at(words, i):
                return None
            start = i
            while start > 0 and self.content_at(words, start - 1):
                start -= 1
            opener = start - 1
            while opener >= 0 and words[opener].text.casefold() in self.determiners:
                opener -= 1
            if opener >= 0 and words[opener].text.casefold() in self.dimension_nouns and self._heads_clause(words, opener):
                return self._span(words, opener, i + 1)   # "Kapasitas baterai ponsel itu 5.000 mAh"
            opener = self._relative_over_adverbs(words, opener)
            if self._steps_over(words, opener, linked) or self._clause_over(words, opener, linked):
                chunks += 1                        # an adverbial, a place or a relative clause: the subject lies before it
                i = opener - 1
                continue
            if opener >= 0 and words[opener].text.casefold() in self.comparatives:
                chunks += 1                        # "lebih rendah dari 111 persen": what is compared lies before it
                linked, i = True, opener - 1
                continue
            if opener > 1 and words[opener].text in ("/", "(") and words[opener - 1].text.isupper():
                chunks += 1                        # "CCE/Commercial Consumption Expenditure": the acronym's other spelling
                i = opener - 2
                continue
            if (opener > 0 and words[opener].text.casefold() in self.link_conjunctions
                    and self.content_at(words, opener - 1)):
                chunks += 1                        # coordinated nouns give the first ("uang kertas dan uang logam")
                i = opener - 1
                continue
            if levelled and i > start and words[start].text.casefold() in self.change_nouns:
                start += 1                         # the level reached is the thing's, not its change's
            return self._span(words, start, i + 1)
        return None

    def _heads_clause(self, words: Sequence[Word], i: int) -> bool:
        """Whether a dimension noun at ``words[i]`` has no noun it could link before it (the
        sentence's start, a comma, a demonstrative), so that it is the subject's head itself."""
        if i == 0:
            return True
        before = words[i - 1]
        w = before.text.casefold()
        return not (self._modifiable(words, i - 1) or w in self.prepositions or w in self.linking
                    or w in self.relatives)

    def _closes_subject(self, w: str, i: int, first: int) -> bool:
        """A demonstrative right before the amount closes the phrase it is the amount of, with its
        relative clauses and places ("Total nilai kontrak yang didapatkan untuk kedua rig tersebut
        sekitar 13,9 juta dolar AS"); "that", also a relative word, is left alone."""
        return i == first - 1 and w in self.demonstratives and w not in self.relatives

    def _passive(self, text: str) -> bool:
        """A passive verb ("dibanderol", "ditaksir"): before an amount it links the thing it states
        the amount of, as a linking word does ("Harga emas dibanderol Rp 1,1 juta")."""
        return bool(self.passive_prefixes) and text.casefold().startswith(self.passive_prefixes) and self.is_verb(text)

    def _relative_over_adverbs(self, words: Sequence[Word], opener: int) -> int:
        """The relative word before adverbs that open a phrase ("yang sangat bagus"), else ``opener``."""
        k = opener
        while k > 0 and words[k].text.casefold() in self.adverbs:
            k -= 1
        return k if k != opener and words[k].text.casefold() in self.relatives else opener

    def _clause_over(self, words: Sequence[Word], opener: int, linked: bool) -> bool:
        """Past a linking word, whether the phrase after ``words[opener]`` follows a passive verb in an
        adverbial clause that a preposition opens ("laba bersih setelah dikurangi pajak mencapai ..."),
        after a word it can modify; the caller steps to before the preposition through ``opener``. An
        active verb's object there is the subject ("untuk melakukan penyaluran kredit sebesar ...")."""
        return (linked and opener > 1 and self._passive(words[opener].text)
                and words[opener - 1].text.casefold() in self.prepositions
                and self._modifiable(words, opener - 2))

    def _links_here(self, words: Sequence[Word], i: int, first: int) -> bool:
        """Whether ``words[i]``, no linking word itself, links a phrase to the amount here: a change
        noun with no noun after it ("mengalami kenaikan sebesar"), or a measure noun right before the
        amount after a preposition or linking word ("bertahan di posisi Rp3.400", "mencapai level")."""
        w = words[i].text.casefold()
        if w in self.change_nouns:
            return not (i + 1 < first and self.content_at(words, i + 1))
        if w in self.measure_nouns and i == first - 1 and i > 0:
            before = words[i - 1].text.casefold()
            return before in self.prepositions or before in self.linking
        return False

    def _steps_over(self, words: Sequence[Word], opener: int, linked: bool) -> bool:
        """Whether the phrase after ``words[opener]`` is no subject: it follows an adverbial word,
        or, past a linking word, a preposition or relative word that modifies the phrase before it
        ("ekspor ke China sebesar ...", "nasabah pada semester I tumbuh ..."), unless the
        preposition is one that introduces a subject ("dengan volume ... mencapai ...")."""
        if opener < 0:
            return False
        text = words[opener].text
        opened_by = text.casefold()
        if opened_by in self.adverbials:
            return True
        if (linked and (NUMBER.fullmatch(text) or opened_by in self.number_words) and opener > 0
                and words[opener - 1].text.casefold() in self.linking):
            return True                            # another amount's counted noun ("sebanyak 2.000 saham senilai ...")
        modifier = opened_by in self.relatives or (opened_by in self.prepositions
                                                   and opened_by not in self.subject_prepositions)
        if opener > 1 and words[opener - 2].text.casefold() in self.comparatives:
            return False                           # "lebih tinggi dari rekomendasi DPR senilai ...": compared, not a modifier
        return linked and modifier and opener > 0 and self._modifiable(words, opener - 1)

    def _modifiable(self, words: Sequence[Word], k: int) -> bool:
        """Whether ``words[k]`` is a word a prepositional phrase or relative clause can follow as its
        modifier: a noun, a number or a unit ("400 dolar AS per ton pada awal tahun"), or a verb of a
        relative clause ("yang tewas di Irak"), in a head-first language also one right after its
        noun ("harga berlaku pada triwulan II"; in English a verb after a noun is the clause's own)."""
        word = words[k]
        w = word.text.casefold()
        if self.is_content(word) or NUMBER.fullmatch(word.text) or w in self.units or w in self.number_words:
            return True
        if k == 0 or not self.is_verb(word.text):
            return False
        before = words[k - 1]
        return before.text.casefold() in self.relatives or (self.head_first and self.is_content(before))

    def _unit_ending_at(self, words: Sequence[Word], i: int) -> int:
        """How many words of a unit phrase of more than one word end at ``words[i]`` ("dolar AS"), 0 when none."""
        if words[i].text.casefold() not in self.unit_tails:
            return 0
        for n in range(min(MAX_UNIT_WORDS, i + 1), 1, -1):
            if " ".join(w.text for w in words[i - n + 1:i + 1]).casefold() in self.unit_phrases:
                return n
        return 0

    def _is_filler(self, text: str) -> bool:
        """A word stepped over anywhere left of a figure: a number, a unit, a date, an adverb, a
        demonstrative, a clitic written apart ("harga - nya"); remembered per word form."""
        return _remembered(self._filler, text, self._classify_filler)

    def _classify_filler(self, text: str) -> bool:
        w = text.casefold()
        return bool(NUMBER.fullmatch(text) or w in self.number_words or self.is_date(text)
                    or w in self.time_units or w in self.adverbs or w in self.demonstratives
                    or w in self.clitics or text in ("-", "\u2013"))

    def _chunk_left(self, words: Sequence[Word], i: int) -> tuple[int, int] | None:
        """The run of content words that ends at ``words[i]`` (a person before an age), or None."""
        if i < 0 or not self.is_content(words[i]):
            return None
        start = i
        while start > 0 and self.is_content(words[start - 1]):
            start -= 1
        return self._span(words, start, i + 1)

    def _span(self, words: Sequence[Word], start: int, end: int) -> tuple[int, int]:
        """Offsets of ``words[start:end]``, cut to ``max_words`` on the head's side."""
        if end - start > self.max_words:
            start, end = (start, start + self.max_words) if self.head_first else (end - self.max_words, end)
        if self.head_first and end - start > 1 and self.stem(words[start].text.casefold()) != words[start].text.casefold():
            start += 1                             # "tingginya harga minyak": the nominalised word before the head
        last = words[end - 1]
        cut = len(last.text) - len(self.stem(last.text.casefold()))
        return words[start].start, last.end - cut           # "paruhnya" -> "paruh": the clitic is no part of it

    # ------------------------------------------------------------------ ages

    def _age(self, words: Sequence[Word], first: int, last: int,
             persons: Sequence[tuple[int, int]]) -> tuple[int, int] | tuple[()] | None:
        """The person an age measures; ``()`` for an age with no person (subject None); None when
        the figure is no age."""
        before = words[first - 1].text.casefold() if first > 0 else ""
        after = last
        while after < len(words) and words[after].text in ("-", "\u2013"):
            after += 1
        unit = words[after].text.casefold() if after < len(words) else ""
        years = unit == self.age_unit or unit.rstrip("s") == self.age_unit.rstrip("s")
        person = self._person_before(words, first, persons)
        if before in self.age_markers and (years or after >= len(words) or not self.is_content(words[after])):
            if person is not None:
                return person
            if first > 1 and self.is_content(words[first - 2]):
                return self._chunk_left(words, first - 2) or ()
            if before in self.age_nouns:
                return words[first - 1].start, words[first - 1].end
            j = first - 2                              # "gerilyawan yang berusia 21 tahun"
            while j >= 0 and not self.is_content(words[j]) and not PUNCT.fullmatch(words[j].text):
                j -= 1
            return (self._chunk_left(words, j) or ()) if j >= 0 else ()
        if years:
            tail = self._age_after(words, after + 1)
            if tail is not None:
                return self._phrase_right(words, tail) or person or ()
            if before in self.person_nouns:
                return self._chunk_left(words, first - 1) or ()
            if first > 0 and person is not None and person[1] == words[first - 1].end:
                return person                          # "Budi 45 tahun"
        if first > 1 and words[first - 1].text in ("(", ",") and after < len(words) and words[after].text in (")", ","):
            if person is not None and person[1] == words[first - 2].end:
                return person                          # "Budi (45)", "Budi, 45,"
        return None

    def _age_after(self, words: Sequence[Word], i: int) -> int | None:
        """The index after an age's tail ("- old", "old"), or None when none follows."""
        while i < len(words) and (words[i].text in ("-", "\u2013") or words[i].text.casefold() in self.age_after):
            matched = words[i].text.casefold() in self.age_after
            i += 1
            if matched:
                return i
        return None

    @staticmethod
    def _person_before(words: Sequence[Word], first: int, persons: Sequence[tuple[int, int]]):
        """The nearest PERSON mention that ends before the figure, or None."""
        if not words or first >= len(words):
            return None
        limit = words[first].start
        best = None
        for start, end in persons:
            if end <= limit and start >= words[0].start and (best is None or end > best[1]):
                best = (start, end)
        return best


def _speech_cues(lang: str) -> frozenset:
    """The cue words of reported speech (``quotes.json``: "lanjut", "mengatakan"): verbs, never a subject."""
    try:
        quotes = load_lang_data(lang, "quotes")
    except FileNotFoundError:
        return frozenset()
    return _words([*quotes.get("cues_after", []), *quotes.get("cues_verb", [])])


@lru_cache(maxsize=None)
def subject_rules(lang: str) -> SubjectRules | None:
    """The subject finder of ``lang``; None for a language without ``subjects.json``."""
    try:
        return SubjectRules(lang)
    except FileNotFoundError:
        return None
