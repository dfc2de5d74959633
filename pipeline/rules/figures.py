"""FIGURE rules: numbers that state a quantity (counts, money, percentages, measurements), found in
plain text without spaCy (the spaCy component is :mod:`warta.components.figures`).

Every word, separator and sign comes from the language data ``warta/lang/<lang>/numbers.json``
(read with :func:`warta.lang.load_lang_data`); the regular expressions are built from it once per
language (:func:`figure_rules`). No language word appears in this module.

Span boundaries follow docs/ANNOTATION.md: a figure covers an adjacent left qualifier ("lebih dari",
"more than", ...), a currency sign or word, the number, its scale word ("juta", "million"), a
percent sign or word, a points word or a measurement unit; the counted noun ("pengguna") stays
outside the span and goes into ``unit``.

How one figure is read (``FigureRules.find``, step by step in ``FigureRules._figure_at``):

1. a *core* is found: digits in the locale's format, a run of number words or an approximate
   plural ("ratusan", "thousands of");
2. it is extended to the right: scale word, range (``10-20``, ``5 hingga 10 juta``) or tolerance
   (``6 plus minus 1``), percent / points / currency / measure word, a right-hand qualifier
   ("or more");
3. and to the left: currency sign, range opener ("antara", "between"), qualifier (with an
   optional filler word such as "angka");
4. it is rejected when it is a date, time, year, ordinal, identifier, phone number, list number or
   a score (see ``_rejected_before_unit``, ``_rejected``, ``_read_unit`` and
   ``_rejected_after_unit``). A bare four-digit number from 1900 to 2099 is taken for a year unless
   a comparative qualifier or a count marker ("sebanyak") stands before it and a counted noun after
   it;
5. the unit is the currency code, "%", the points or measure symbol, or else the counted noun
   after the figure (or before it: "jumlah perusahaan melebihi 4.500"), skipping classifiers
   ("dua buah kapal") and modifiers ("40 new schools"), keeping fixed compounds ("pengunjuk rasa")
   and dropping a possessive clitic ("tentaranya"); a count whose noun is elided takes it from
   the same sentence (``_fill_elided``: "10 atau 15 tahun", "35 pengunjuk rasa ... dan 20 lagi").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from warta.lang import load_lang_data

# Characters that open a sentence or a quotation before its first word, and that end a sentence.
_OPENERS = "\"'“‘([«"
_SENTENCE_END = ".!?:;\n"
_SENTENCE_BREAK = re.compile(r"[!?;\n]|[.:](?!\d)")  # "2.1%" and "10:30" do not end a sentence
_LIST_COMMA = re.compile(r",\s+")
_CAPITALISED = re.compile(r"[A-Z][^\W\d_]+$")
_RATE_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+)?")  # between a figure and a rate word: space, at most one word
_WINDOW = 80  # characters of left context looked at (qualifiers, currency, count heads)
# a counted noun: a lower-case word (reduplication allowed) or an acronym of capitals ("7 WNI")
_NOUN = r"(?:[^\W\d_A-Z][^\W\d_]*(?:-[^\W\d_]+)*|[A-Z]{2,6}(?![a-z]))"
_NOUN_REV = r"(?:[^\W\d_]+-)*[^\W\d_]*[^\W\d_A-Z]"  # the same, written backwards


def _form_pattern(form: str, left_boundary: bool = True, digits_may_follow: bool = False) -> str:
    """Regex for one written form: any whitespace between words, word boundaries at word edges;
    all-lower-case forms of two letters or more match any case, other forms (codes, symbols,
    one-letter abbreviations such as M or T) exactly."""
    body = r"\s+".join(re.escape(part) for part in form.split())
    if form == form.lower() and sum(ch.isalpha() for ch in form) > 1:
        body = f"(?i:{body})"
    if left_boundary and (form[0].isalnum()):
        body = r"(?<![\w])" + body
    if form[-1].isalnum():
        body += r"(?![^\W\d_])" if digits_may_follow else r"(?!\w)"
    return body


def _alternation(forms, left_boundary: bool = True, digits_may_follow: bool = False) -> str:
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    if not forms:
        return r"(?!x)x"  # matches nothing
    return "(?:" + "|".join(_form_pattern(f, left_boundary, digits_may_follow) for f in forms) + ")"


def _rev_alternation(forms) -> str:
    """Like :func:`_alternation`, for matching the text *before* an offset: each form is written
    backwards, to be matched on the reversed left context (see :class:`_Back`)."""
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    if not forms:
        return r"(?!x)x"
    parts = []
    for form in forms:
        body = r"\s+".join(re.escape(word[::-1]) for word in reversed(form.split()))
        if form == form.lower() and sum(ch.isalpha() for ch in form) > 1:
            body = f"(?i:{body})"
        if form[0].isalnum():
            body += r"(?!\w)"  # the word boundary in front of the form
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


def _case_variants(words) -> list[str]:
    """lower, Capitalised and UPPER forms: a case-sensitive alternation of literals lets the regex
    engine skip quickly to candidate positions, which (?i) would prevent."""
    out = set()
    for word in words:
        out.update((word, word.lower(), word.capitalize(), word.upper()))
    return sorted(out, key=len, reverse=True)


class _Back:
    """Matching that must end at a given offset. ``re.search`` with ``$`` tries every start
    position of the window and is slow; instead the left context is reversed once and patterns
    built by :func:`_rev_alternation` are matched forward from its start."""

    __slots__ = ("lo", "end", "rev")

    def __init__(self, text: str, lo: int, end: int):
        self.lo, self.end = lo, end
        self.rev = text[lo:end][::-1]

    def match(self, pattern: re.Pattern, at: int):
        """(start offset, match) of ``pattern`` ending at text offset ``at``, or (None, None)."""
        if not self.lo <= at <= self.end:
            return None, None
        m = pattern.match(self.rev, self.end - at)
        if not m:
            return None, None
        return self.end - m.end(), m


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Lexicon:
    """Written form -> payload, looked up exactly first, then case-insensitively."""

    def __init__(self, mapping: dict):
        self.exact = {_norm(k): v for k, v in mapping.items()}
        self.folded = {_norm(k).lower(): v for k, v in mapping.items()
                       if k == k.lower() and sum(ch.isalpha() for ch in k) > 1}

    def get(self, text: str):
        key = _norm(text)
        if key in self.exact:
            return self.exact[key]
        return self.folded.get(key.lower())

    def forms(self):
        return list(self.exact)


def _to_number(value: Decimal):
    """int when integral, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass
class Figure:
    """One figure of a text: character offsets (end exclusive), value (the low end of a range),
    high end of a range, unit (counted noun, ISO 4217 code, "%", points or measure symbol) and
    qualifier (one of = > >= < <= ~)."""

    start: int
    end: int
    value: int | float
    value_max: int | float | None
    unit: str | None
    qualifier: str
    # how the unit was found: "noun" (a counted noun), "points", "currency", "percent", "measure",
    # or None; and whether the figure has no noun of its own (an elided noun, "20 lagi")
    unit_kind: str | None = field(default=None, repr=False, compare=False)
    elided: bool = field(default=False, repr=False, compare=False)


@dataclass
class _Core:
    start: int
    end: int
    value: Decimal
    kind: str            # "digits", "words" or "approx"
    raw: str             # the core's text
    has_scale: bool = False
    single_word: str | None = None  # for a one-word number-word core: the word (lower case)
    fraction: bool = False          # ends in a fraction word ("dua pertiga", "two thirds")
    unit: str | None = None         # a unit word's own unit ("setahun": tahun)




@dataclass(slots=True)
class _Reading:
    """The figure being read around one core: what ``_figure_at``'s steps find and pass on."""

    core: _Core
    back: _Back                     # the left context, for matches that end at an offset
    start: int                      # span start (moves left over currency, sign, opener, qualifier)
    end: int                        # span end (moves right over scale, range, post word, qualifier)
    value: Decimal
    has_scale: bool
    currency: str | None = None     # ISO code of a currency sign or word before the number
    sign: int = 1
    scale: Decimal | None = None    # the scale word after digits ("600 juta")
    value_max: Decimal | None = None
    post: tuple[str, str] | None = None  # (kind, unit) of a percent/points/currency/measure word after
    short_decimal: bool = False     # "9.4" read as a decimal in a comma-decimal language
    opener_start: int | None = None  # a range opener before ("antara", "between")
    opener_match: re.Match | None = None
    connectors: list | None = None  # range connectors to try, the opener's first
    tolerance: Decimal | None = None
    used_opener: bool = False
    symbol_range: bool = False      # a range written with a symbol ("2-0"), not a word
    qualifier: str | None = None
    qual_word: str | None = None    # the qualifier written before the figure (lower case)
    unqualified_start: int = 0
    unit: str | None = None
    unit_kind: str | None = None
    noun: str | None = None
    elided: bool = False
    suffixed: bool = False          # digits with an approximate suffix ("30-an")
    slash_fraction: bool = False    # digits written as a fraction ("3/4")
    linked: bool = False            # a fraction's noun after a link word ("setengah dari anggaran")

    @property
    def approx(self) -> bool:
        return self.core.kind == "approx" or self.suffixed

    @property
    def bare(self) -> bool:
        """No currency, no percent/points/measure word and no scale: a plain number."""
        return self.currency is None and self.post is None and not self.has_scale


def _connector_re(forms) -> re.Pattern | None:
    """Range or tolerance connectors: symbols with optional spaces, words between spaces."""
    sym = [f for f in forms if not f[0].isalpha()]
    word = [f for f in forms if f[0].isalpha()]
    parts = []
    if sym:
        parts.append(rf"\s*{_alternation(sym)}\s*")
    if word:
        parts.append(rf"\s+{_alternation(word)}\s+")
    return re.compile("(?:" + "|".join(parts) + ")") if parts else None


class FigureRules:
    """The figure rules of one language: regexes and lexicons built once from its ``numbers.json``."""

    def __init__(self, lang: str):
        self.lang = lang
        data = load_lang_data(lang, "numbers")
        self.dec, self.thou = data["decimal_separator"], data["thousands_separator"]
        self._compile_number_words(data)
        self._compile_cores(data)
        self._compile_scales(data)
        self._compile_post_words(data)
        self._compile_ranges(data)
        self._compile_qualifiers(data)
        self._compile_counted_nouns(data)
        self._compile_elision(data)
        self._compile_rejections(data)

    # ------------------------------------------------------------------ construction steps
    def _compile_number_words(self, data: dict) -> None:
        """Each number word's class and value (units, tens, teens, hundreds, fractions, connectors,
        the decimal point, a leading "one", scale words), and which words may not stand alone."""
        nw = data["number_words"]
        self.word_class: dict[str, tuple[str, Decimal]] = {}
        for cls in ("units", "tens", "teens", "hundreds", "fractions"):
            for word, val in nw.get(cls, {}).items():
                self.word_class[word.lower()] = (cls, Decimal(str(val)))
        for word in nw.get("connectors", []):
            self.word_class[word.lower()] = ("connector", Decimal(0))
        for word in nw.get("decimal_point", []):
            self.word_class[word.lower()] = ("point", Decimal(0))
        for word in nw.get("leading_one", []):
            self.word_class[word.lower()] = ("leading", Decimal(1))
        self.scale_words = {k.lower(): Decimal(str(v)) for k, v in data["scales"]["words"].items()}
        for word, val in self.scale_words.items():
            self.word_class[word] = ("scale", val)
        self.not_alone = {w.lower() for w in nw.get("not_alone", [])}
        self.alone_ok_before = {w.lower() for w in nw.get("not_alone_counts_before", [])}
        self.short_group_re = None
        if nw.get("short_group_is_decimal") and self.thou != self.dec:
            self.short_group_re = re.compile(
                rf"{re.escape(self.thou)}(\d{{1,2}})(?!\d|[{re.escape(self.thou + self.dec)}]\d)")
        self.word_token_re = re.compile(r"[^\W\d_]+")

    def _number_words_pattern(self, nw: dict) -> str:
        """Regex of a run of number words: it starts with a unit word (or a leading "one" before a
        multiplier), goes on with any number word, and may end where a clitic starts."""
        unit_words = list(nw.get("units", {}))
        multipliers = list(nw.get("hundreds", {})) + list(self.scale_words)
        leading = nw.get("leading_one", [])
        # leading words ("a") may follow a fraction-like unit ("half a million")
        words_any = _alternation([w for w in self.word_class if self.word_class[w][0] != "connector"]
                                 + _case_variants(leading))
        word_start = _alternation(unit_words)
        if leading:
            word_start = (f"(?:{word_start}|{_alternation(_case_variants(leading))}"
                          f"(?=\\s+{_alternation(multipliers)}))")
        joiner = r"(?:\s+|-)" if nw.get("hyphen_joins") else r"\s+"
        connectors = nw.get("connectors", [])
        link = joiner if not connectors else rf"(?:{joiner}|\s+{_alternation(connectors)}\s+)"
        clitics = nw.get("clitics", [])
        clitic = ""
        if clitics:  # a word may end where a clitic starts ("setengahnya")
            clitic_re = _alternation(clitics, False)
            clitic = rf"|(?={clitic_re})"
            word_end = r"(?!\w)"
            word_start = word_start.replace(word_end, rf"(?!(?!{clitic_re})\w)")
            words_any = words_any.replace(word_end, rf"(?!(?!{clitic_re})\w)")
        return rf"(?<![\w-]){word_start}(?:{link}{words_any})*(?:(?![\w]|-\w){clitic})"

    def _compile_cores(self, data: dict) -> None:
        """``core_re``, the four kinds of core (digits, approximate plurals, number words, a unit
        word such as "setahun"), and the fast scans for the positions where one may start."""
        nw = data["number_words"]
        t, d = re.escape(self.thou), re.escape(self.dec)
        digits_re = rf"(?<!\d)(?:\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?)"
        self.approx = {_norm(k).lower(): Decimal(str(v)) for k, v in data["approximate_words"].items()}
        self.approx_links = data.get("approximate_links", [])
        self.approx_needs_link = bool(data.get("approximate_needs_link"))
        approx_re = rf"(?<![\w-]){_alternation(self.approx)}(?!-\w)"
        self.approx_upper = {_norm(k).lower(): Decimal(str(v)) for k, v in data.get("approximate_upper", {}).items()}
        suffixes = data.get("approximate_suffixes", [])
        self.approx_suffix_re = re.compile(rf"(?:{'|'.join(map(re.escape, suffixes))})(?![\w-])") if suffixes else None
        # the number one with its unit ("setahun"), an article that counts only after a qualifier
        # ("sedikitnya seorang"), a multiplier word with its value ("twice")
        self.unit_words = _Lexicon(data.get("unit_words", {}))
        self.article_words = _Lexicon(data.get("article_unit_words", {}))
        self.multiplier_words = _Lexicon(data.get("multiplier_words", {}))
        self.multiplier_unit = data.get("multiplier_unit")
        uw_forms = self.unit_words.forms() + self.article_words.forms() + self.multiplier_words.forms()
        unit_word_re = rf"(?<![\w-]){_alternation(uw_forms)}(?!-\w)"
        self.unit_word_marker_rev = re.compile(rf"\s+{_rev_alternation(data.get('unit_word_markers', []))}")
        self.rate_before = {w.lower() for w in data.get("rate_words_before", [])}
        rate_after = data.get("rate_words_after", [])
        self.rate_after_re = re.compile(rf"\s+{_alternation(rate_after)}") if rate_after else None
        self.fraction_denominators = set(data.get("slash_fraction_denominators", []))
        self.slash_fraction_re = re.compile(r"/(\d{1,2})(?![\d/.,:-]|\w)")
        fraction_links = data.get("fraction_links", [])
        self.fraction_link_re = (re.compile(rf"\s+{_alternation(fraction_links)}(?=\s)")
                                 if fraction_links else None)
        idioms = data.get("idioms", [])
        self.idiom_re = re.compile(_alternation(idioms)) if idioms else None
        words_re = self._number_words_pattern(nw)
        self.core_re = re.compile(rf"(?P<dig>{digits_re})|(?P<approx>{approx_re})|(?P<words>{words_re})"
                                  rf"|(?P<uw>{unit_word_re})")
        # fast scans for candidate positions; core_re is then matched at each candidate
        self.digit_scan = re.compile(r"\d+")
        starters = (list(nw.get("units", {})) + list(nw.get("leading_one", [])) + list(self.approx)
                    + uw_forms)
        # a core starts at a word: each word of the text is looked up (lower-cased) among the first
        # words of the forms, about three times faster than scanning for every form with one regex
        self.word_scan = re.compile(r"[^\W\d_]+")
        self.starters = {self.word_scan.match(w.lower()).group() for w in starters if self.word_scan.match(w)}
        self.starters |= {w + clitic.lower() for w in self.starters for clitic in nw.get("clitics", [])}  # "setengahnya"

    def _compile_scales(self, data: dict) -> None:
        """Scale words and abbreviations after a number ("juta", "M"), those that need a currency,
        and the scales chained after an approximate plural ("puluhan juta")."""
        scales = data["scales"]
        abbr = {k: Decimal(str(v)) for k, v in scales.get("abbreviations", {}).items()}
        need_cur = {k: Decimal(str(v)) for k, v in scales.get("needs_currency", {}).items()}
        glued = {k: Decimal(str(v)) for k, v in scales.get("glued_abbreviations", {}).items()}
        self.glued_lex = _Lexicon(glued)
        self.glued_re = re.compile(rf"(?P<s>{_alternation(glued, False)})") if glued else None
        self.scale_lex = _Lexicon({**self.scale_words, **abbr})
        self.need_cur_lex = _Lexicon(need_cur)
        self.scale_re = re.compile(rf"\s*(?P<s>{_alternation(list(self.scale_words) + list(abbr), False)})")
        self.need_cur_re = re.compile(rf"\s*(?P<s>{_alternation(need_cur, False)})")
        self.approx_scale_re = re.compile(
            rf"\s+(?:{_alternation(self.approx_links)}\s+)?"
            rf"(?P<s>{_alternation(list(self.scale_words) + list(self.approx))})")
        self.approx_link_re = re.compile(rf"\s+{_alternation(self.approx_links)}(?=\s)")

    def _compile_post_words(self, data: dict) -> None:
        """Currency signs and words before the number, and the words after it that give its unit:
        measures, points, currencies written after, percent."""
        cur = data["currencies"]
        before = {f: v[0] for f, v in cur.items() if v[1] in ("before", "both")}
        after = {f: v[0] for f, v in cur.items() if v[1] in ("after", "both")}
        self.cur_before_lex = _Lexicon(before)
        self.cur_before_rev = re.compile(rf"\s*(?P<c>{_rev_alternation(before)})")
        self.cur_before_fwd_re = re.compile(rf"(?P<c>{_alternation(before, True, True)})\s*")
        post = {}
        post.update({f: ("measure", u) for f, u in data["measures"].items()})
        post.update({f: ("points", u) for f, u in data["points"].items()})
        post.update({f: ("currency", c) for f, c in after.items()})
        post.update({f: ("percent", "%") for f in data["percent"]})
        self.post_lex = _Lexicon(post)
        self.post_re = re.compile(rf"\s*(?P<p>{_alternation(post, False)})")

    def _compile_ranges(self, data: dict) -> None:
        """Range, tolerance and currency-range connectors, and the range openers before a number
        ("antara", "between") with the connectors each one allows."""
        self.range_re = _connector_re(data["range_connectors"])
        self.tolerance_re = _connector_re(data.get("tolerance_connectors", []))
        self.cur_range_re = _connector_re(data.get("currency_range_connectors", []))
        openers = data.get("range_openers", {})
        self.opener_lex = _Lexicon({k: _connector_re(v) for k, v in openers.items()})
        self.opener_rev = re.compile(rf"\s+(?P<o>{_rev_alternation(openers)})")

    def _compile_qualifiers(self, data: dict) -> None:
        """Qualifiers before the number (with an optional filler word) and after it, and the
        negative words."""
        quals = data["qualifiers"]
        self.qual_lex = _Lexicon(quals)
        fillers = data.get("qualifier_fillers", [])
        filler = rf"(?:{_rev_alternation(fillers)}\s+)?" if fillers else ""
        self.qual_rev = re.compile(rf"\s+{filler}(?P<q>{_rev_alternation(quals)})")
        q_after = data.get("qualifiers_after", {})
        q_end = data.get("qualifiers_after_at_end", {})
        self.qual_after_lex = _Lexicon({**q_after, **q_end})
        alts = []
        if q_after:
            blockers = data.get("qualifiers_after_not_before", [])
            block = rf"(?!\s+{_alternation(blockers)})" if blockers else ""
            alts.append(rf"\s+(?P<qa>{_alternation(q_after)}){block}")
        if q_end:
            alts.append(rf"\s+(?P<qe>{_alternation(q_end)})(?=\s*(?:[^\w\s]|$))")
        self.qual_after_re = re.compile("|".join(alts)) if alts else None
        self.qual_not_time = {_norm(w).lower() for w in data.get("qualifiers_not_before_time_units", [])}
        self.negative_signs = "".join(data.get("negative_signs", []))
        negative = data.get("negative_words", [])
        self.negative_rev = re.compile(rf"\s+{_rev_alternation(negative)}")
        self.negative_fwd_re = re.compile(rf"{_alternation(negative)}\s+")

    def _compile_counted_nouns(self, data: dict) -> None:
        """The counted noun: after the number (skipping classifiers and modifiers, keeping compounds,
        dropping a clitic), before it after a count head ("jumlah"), or a unit word before it."""
        self.stop = {w.lower() for w in data["unit_stop_words"]}
        self.count_marker_rev = re.compile(rf"\s+{_rev_alternation(data.get('count_markers', []))}")
        self.noun_after_re = re.compile(rf"[ \t]+(?P<n>{_NOUN})(?![\w-])")
        heads = data.get("count_heads", {})
        head_links = heads.get("links", [])
        link_opt = rf"(?:{_rev_alternation(head_links)}\s+)?" if head_links else ""
        head_rev = _rev_alternation(heads.get('heads', []))
        self.noun_before_rev = re.compile(rf"\s+{link_opt}(?P<n>{_NOUN_REV})\s+{head_rev}")
        # "jumlah prajurit AS yang tewas di Irak menjadi 3.282": with a link word before the
        # number, the head may stand a few words back in the same clause
        self.noun_before_far_rev = re.compile(
            rf"\s+{_rev_alternation(head_links)}(?:\s+[^\s,.;:!?()\"]+){{1,10}}?\s+(?P<n>{_NOUN_REV})\s+{head_rev}"
        ) if head_links else None
        self.age_unit = data.get("age_unit")
        self.classifiers = {w.lower() for w in data.get("classifiers", [])}
        self.modifiers = {w.lower() for w in data.get("unit_modifiers", [])}
        compounds = data.get("compound_nouns", [])
        self.compound_re = re.compile(_alternation(compounds)) if compounds else None
        clitics = data.get("noun_clitics", [])
        self.noun_clitic_re = re.compile(rf"(?i:{'|'.join(map(re.escape, clitics))})$") if clitics else None
        self.noun_clitic_min = int(data.get("noun_clitic_min_stem", 3))
        self.proper_modifiers = bool(data.get("proper_modifiers_before_noun"))
        self.proper_plural = data.get("proper_modifier_plural_ending") or None
        # a capitalised word (or several) followed by a lower-case noun
        self.proper_then_noun_re = re.compile(r"[ \t]+(?P<p>[A-Z][^\W\d_]*(?:[ \t]+[A-Z][^\W\d_]*)?)(?=[ \t]+[^\W\d_A-Z])")
        self.unit_before_rev = re.compile(rf"\s+(?P<u>{_rev_alternation(data.get('units_before', []))})")

    def _compile_elision(self, data: dict) -> None:
        """Signs that a count's noun was left out ("20 lagi", "10 atau 15 tahun")."""
        forward = data.get("elision_forward_links", [])
        self.elision_forward_re = re.compile(rf"\s*,?\s+{_alternation(forward)}\s+") if forward else None
        followers = data.get("elision_followers", [])
        self.elision_follower_re = re.compile(
            rf"\s*(?:[^\w\s]|$)|\s+{_alternation(followers)}" if followers else r"\s*(?:[^\w\s]|$)")

    def _compile_rejections(self, data: dict) -> None:
        """What makes a number not a figure: scores, coordinated identifiers, relative dates and
        durations, words before or after it (times, months, identifiers), phone numbers."""
        self.coordinators = {w.lower() for w in data.get("coordinators", [])}
        scores = data.get("score_connectors", [])
        self.score_after_re = re.compile(rf"\s+{_alternation(scores)}\s+\d") if scores else None
        self.score_before_rev = re.compile(rf"\s+{_rev_alternation(scores)}\s+\d") if scores else None
        self.duration_rev = re.compile(rf"\s+{_rev_alternation(data.get('duration_markers', []))}")
        self.time_units = {w.lower() for w in data.get("time_units", [])}
        time_units = _alternation(data.get("relative_time_units", data.get("time_units", [])))
        rel_after = data.get("relative_time_after", [])
        rel_before = data.get("relative_time_before", [])
        self.rel_after_re = (re.compile(rf"\s+{time_units}\s+{_alternation(rel_after)}")
                             if rel_after else None)
        self.rel_after_word_re = re.compile(rf"\s+{_alternation(rel_after)}") if rel_after else None
        self.time_unit_re = re.compile(rf"\s+{time_units}")
        self.rel_before_rev = re.compile(rf"\s+{_rev_alternation(rel_before)}") if rel_before else None
        self.not_before = {w.lower() for w in data.get("not_figure_before", [])}
        self.not_after_re = re.compile(rf"\s*{_alternation(data.get('not_figure_after', []), False)}")
        months = data.get("months", [])
        self.month_after_re = re.compile(rf"\s+\.?{_alternation(months)}")
        self.month_before_rev = re.compile(rf"\s+,?\.?{_rev_alternation(months)}")
        self.phone_re = self._phone_pattern(data.get("phone_markers", []))

    @staticmethod
    def _phone_pattern(phone_markers) -> re.Pattern:
        """Phone numbers in their usual written forms, or after a marker word ("telp")."""
        # every alternative starts with a literal (word boundaries are checked behind it), so the
        # regex engine can skip through a text quickly
        markers = "|".join(f"{re.escape(m)}(?<!\\w{re.escape(m)})"
                           for m in _case_variants(phone_markers))
        return re.compile(
            r"\+\d[\d ().-]{6,}\d"                       # +62 21 555 1234
            r"|\(0\d{1,4}\)[ .-]*\d[\d .-]{4,}\d"         # (021) 555-1234
            r"|0(?<![\w.,]0)\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})*(?!\w)"  # 0812-3456-7890
            rf"|(?:{markers})\.?\s*:?\s*\+?\(?\d[\d ().-]{{4,}}\d")     # telp 555 1234

    # ------------------------------------------------------------------ number parsing
    def parse_digits(self, raw: str) -> Decimal | None:
        """Value of digits in the language's format ("4.500,5"), or None."""
        text = raw.replace(self.thou, "").replace(self.dec, ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def parse_words(self, text: str, base: int = 0):
        """Read a run of number words. Returns (value, end offset, has_scale, value words)
        for the longest valid prefix, or None."""
        total = Decimal(0)
        group = Decimal(0)
        pending: Decimal | None = None
        prev: tuple[str, Decimal] | None = None
        decimals = ""
        in_decimals = False
        best = None
        has_scale = False
        words = []
        for tok in self.word_token_re.finditer(text):
            word = tok.group().lower()
            cls, val = self.word_class.get(word, (None, None))
            if cls is None:
                break
            pcls, pval = prev if prev else (None, None)
            if in_decimals:
                if cls == "units" and val < 10 and val == val.to_integral_value():
                    decimals += str(int(val))
                elif cls == "scale" and decimals:
                    frac = Decimal("0." + decimals)
                    total += (group + (pending or 0) + frac) * val
                    group, pending, decimals, has_scale = Decimal(0), None, "", True
                    words.append(word)
                    best = (total, base + tok.end(), has_scale, words[:])
                    break
                else:
                    break
                words.append(word)
                frac = Decimal("0." + decimals)
                best = (total + group + (pending or 0) + frac, base + tok.end(), has_scale, words[:])
                prev = (cls, val)
                continue
            if cls == "leading":
                if prev is not None:
                    if pcls == "units" and pval < 1 and pending is not None:
                        continue  # "half a million": the article adds nothing
                    break
                pending = Decimal(1)
            elif cls == "units":
                ok = (prev is None or pcls in ("tens", "teens", "hundreds", "scale")
                      or val < 1
                      or (pcls == "units" and (pval >= 100 or (pval % 10 == 0 and 20 <= pval <= 90 and val < 10))))
                if not ok:
                    break
                if val >= 1000:   # a unit that is itself a scale ("sejuta"): closes the group
                    total += group + (pending or 0) + val
                    group, pending = Decimal(0), None
                else:
                    group += pending or 0
                    pending = val
            elif cls in ("tens", "teens", "hundreds", "fractions"):
                if pcls not in ("units", "leading") or pending is None or pending >= 10 or pending < 1:
                    break
                if cls == "teens":
                    pending += val
                elif cls == "fractions":
                    pending /= val
                else:
                    pending *= val
            elif cls == "scale":
                if prev is None or pcls in ("scale", "connector", "point"):
                    break
                total += (group + (pending or 0)) * val
                group, pending, has_scale = Decimal(0), None, True
            elif cls == "connector":
                if pcls not in ("hundreds", "scale"):
                    break
                continue  # "one hundred and five": the next word follows the hundred
            elif cls == "point":
                if prev is None or pcls in ("connector", "leading"):
                    break
                in_decimals = True
                prev = (cls, val)
                continue
            prev = (cls, val)
            if cls != "leading":
                words.append(word)
                best = (total + group + (pending or 0), base + tok.end(), has_scale, words[:])
        return best

    def _read_core(self, text: str, m: re.Match) -> _Core | None:
        if m.group("dig") is not None:
            value = self.parse_digits(m.group("dig"))
            if value is None:
                return None
            return _Core(m.start(), m.end(), value, "digits", m.group("dig"))
        if m.group("approx") is not None:
            return _Core(m.start(), m.end(), self.approx[_norm(m.group("approx")).lower()], "approx",
                         m.group("approx"))
        if m.group("uw") is not None:
            word = m.group("uw")
            times = self.multiplier_words.get(word)
            if times is not None:  # "twice", "threefold"
                return _Core(m.start(), m.end(), Decimal(str(times)), "multiplier", word, unit=self.multiplier_unit)
            unit = self.unit_words.get(word)
            if unit is None:  # "seorang": a count only after a qualifier
                return _Core(m.start(), m.end(), Decimal(1), "article", word, unit=self.article_words.get(word))
            return _Core(m.start(), m.end(), Decimal(1), "unitword", word, unit=unit)
        parsed = self.parse_words(m.group("words"), m.start())
        if parsed is None:
            return None
        value, end, has_scale, words = parsed
        raw = text[m.start():end]
        single = words[0] if len(words) == 1 and raw.lower() == words[0] else None
        fraction = self.word_class[words[-1]][0] == "fractions"
        return _Core(m.start(), end, value, "words", raw, has_scale, single, fraction)

    def _approx_scales(self, text: str, pos: int) -> tuple[int, int]:
        """Scale words chained after an approximate plural ("puluhan juta"): their product and end."""
        multiplier = 1
        while sm := self.approx_scale_re.match(text, pos):
            key = sm.group("s").lower()
            multiplier *= self.scale_words.get(key) or self.approx[key]
            pos = sm.end()
        return multiplier, pos

    def _scale_at(self, text: str, pos: int, currency: bool):
        """A scale word right after ``pos``: (multiplier, end) or (None, pos)."""
        if self.glued_re is not None:  # "100K": only glued to the digits
            m = self.glued_re.match(text, pos)
            if m:
                return self.glued_lex.get(m.group("s")), m.end()
        m = self.scale_re.match(text, pos)
        if m:
            return self.scale_lex.get(m.group("s")), m.end()
        if currency:
            m = self.need_cur_re.match(text, pos)
            if m:
                return self.need_cur_lex.get(m.group("s")), m.end()
        return None, pos

    def _number_at(self, text: str, pos: int, currency: bool):
        """A digits or number-words core (plus scale) starting exactly at ``pos``."""
        m = self.core_re.match(text, pos)
        if not m or m.group("approx") is not None or m.group("uw") is not None:
            return None
        core = self._read_core(text, m)
        if core is None:
            return None
        scale, end = (None, core.end)
        if core.kind == "digits":
            if end < len(text) and text[end] in (self.thou + self.dec + ":/") \
                    and end + 1 < len(text) and text[end + 1].isdigit():
                return None
            scale, end = self._scale_at(text, core.end, currency)
        return core, scale, end

    def parse_number(self, text: str):
        """Value of a bare number with an optional scale word ("600 juta", "4.500", "dua belas")."""
        text = text.strip()
        sign = 1
        neg = self.negative_fwd_re.match(text)
        if neg:
            sign, text = -1, text[neg.end():]
        m = self.core_re.match(text)
        if not m:
            return None
        core = self._read_core(text, m)
        if core is None:
            return None
        value, end = core.value, core.end
        if core.kind == "digits":
            scale, end = self._scale_at(text, core.end, True)
            if scale is not None:
                value *= scale
        elif core.kind == "approx":
            multiplier, end = self._approx_scales(text, end)
            value *= multiplier
        if text[end:].strip():
            return None
        return _to_number(value * sign)

    # ------------------------------------------------------------------ context helpers
    @staticmethod
    def _sentence_initial(text: str, i: int) -> bool:
        j = i - 1
        while j >= 0 and (text[j].isspace() or text[j] in _OPENERS):
            if text[j] == "\n":
                return True
            j -= 1
        return j < 0 or text[j] in _SENTENCE_END

    @staticmethod
    def _line_start(text: str, i: int) -> bool:
        j = i - 1
        while j >= 0 and text[j] in " \t(":
            j -= 1
        return j < 0 or text[j] == "\n"

    @staticmethod
    def _prev_token(text: str, i: int):
        """The whitespace-delimited token before offset ``i`` (quotes and brackets glued to the
        number skipped) and its start."""
        while i > 0 and text[i - 1] in _OPENERS:
            i -= 1
        while i > 0 and text[i - 1].isspace():
            i -= 1
        start = i
        while start > 0 and not text[start - 1].isspace() and i - start < 40:
            start -= 1
        while start < i and text[start] in _OPENERS:
            start += 1
        return text[start:i], start

    # ------------------------------------------------------------------ extraction
    def find(self, text: str) -> list[Figure]:
        """All figures of ``text`` in text order, without overlaps."""
        figures: list[Figure] = []
        starters = self.starters
        candidates = sorted([m.start() for m in self.digit_scan.finditer(text)]
                            + [m.start() for m in self.word_scan.finditer(text) if m.group().lower() in starters])
        pos = 0
        last_end = 0
        n = len(text)
        for at in candidates:
            if at < pos:
                continue
            m = self.core_re.match(text, at)
            if not m:
                continue
            pos = m.end()
            fig = self._figure_at(text, m, last_end, n)
            if fig is not None:
                figures.append(fig)
                last_end = pos = fig.end
        self._fill_elided(text, figures)
        return figures

    def _fill_elided(self, text: str, figures: list[Figure]) -> None:
        """A count whose noun is elided takes it from the same sentence: from the number it is
        coordinated with ("10 atau 15 tahun"), else from the nearest earlier count of the sentence
        ("40 juta pengguna ..., baru 500 ribu yang ...", "gained 150 points ... to close at 7,300")."""
        forwarded = set()  # "tiga, lima, dan tujuh tahun": right to left, a list shares its noun
        for i in range(len(figures) - 2, -1, -1):
            fig, nxt = figures[i], figures[i + 1]
            if not fig.elided or fig.unit is not None or nxt.unit_kind != "noun" or self.elision_forward_re is None:
                continue
            cm = self.elision_forward_re.match(text, fig.end)
            if not (cm and cm.end() == nxt.start) and i + 1 in forwarded:
                cm = _LIST_COMMA.match(text, fig.end)
            if cm and cm.end() == nxt.start:
                fig.unit, fig.unit_kind = nxt.unit, nxt.unit_kind
                forwarded.add(i)
        for i, fig in enumerate(figures):
            if not fig.elided or fig.unit is not None:
                continue
            if self.elision_follower_re.match(text, fig.end) is None:
                continue  # "enam di bawah par": no sign that a noun was left out
            for prev in reversed(figures[:i]):
                if fig.start - prev.end > _WINDOW or _SENTENCE_BREAK.search(text, prev.end, fig.start):
                    break
                if prev.unit_kind in ("noun", "points") and prev.unit is not None:
                    fig.unit, fig.unit_kind = prev.unit, prev.unit_kind
                    break
                if prev.unit_kind != "percent":  # "150 points, or 2.1%, to close at 7,300"
                    break

    # ------------------------------------------------------------------ reading one figure
    def _figure_at(self, text: str, m: re.Match, last_end: int, n: int) -> Figure | None:
        """The figure around the core matched by ``m``, or None when it is not one. The steps run in
        this order; each may extend the span or reject the candidate."""
        core = self._read_core(text, m)
        if core is None or self._in_idiom(text, core):
            return None
        if self.age_unit and self._bracketed_age(text, core):  # "Budi (45)"
            return Figure(core.start, core.end, _to_number(core.value), None, self.age_unit, "=", "noun")
        r = _Reading(core, _Back(text, max(last_end, core.start - _WINDOW), core.start),
                     core.start, core.end, core.value, core.has_scale)
        if not self._read_currency_before(text, r) or self._has_leading_zero(core):
            return None
        self._read_negative_before(text, r)
        if not self._read_scale(text, r, n):
            return None
        self._find_range_opener(r)
        self._read_tolerance(text, r)
        if not self._read_range_and_post(text, r, n):
            return None
        self._read_qualifiers(text, r)
        if self._rejected_before_unit(text, r, last_end, n):
            return None
        if not self._read_unit(text, r):
            return None
        if self._rejected_after_unit(text, r):
            return None
        if r.qual_word in self.qual_not_time and r.unit is not None and r.unit.lower() in self.time_units:
            r.start, r.qualifier = r.unqualified_start, None  # "over five years": a period
        return Figure(r.start, r.end, _to_number(r.value * r.sign),
                      None if r.value_max is None else _to_number(r.value_max * r.sign),
                      r.unit, r.qualifier or "=", r.unit_kind, r.elided and r.unit is None)

    def _read_currency_before(self, text: str, r: _Reading) -> bool:
        """A currency sign or word right before the number; False when the number is glued to a
        word or another number instead (G20, COVID-19, 10/1, 01.AI, ke-3)."""
        s = r.core.start
        at, cm = r.back.match(self.cur_before_rev, s)
        if cm:
            r.currency = self.cur_before_lex.get(cm.group("c")[::-1])
            r.start = at
            return True
        return not (s > 0 and (text[s - 1].isalnum() or (text[s - 1] in "-/.,:" and s > 1 and text[s - 2].isalnum())))

    def _in_idiom(self, text: str, core: _Core) -> bool:
        """A number word inside a fixed phrase that counts nothing ("empat mata", "kaki lima")."""
        if self.idiom_re is None or core.kind == "digits":
            return False
        for im in self.idiom_re.finditer(text, max(0, core.start - 30), min(len(text), core.end + 30)):
            if im.start() < core.end and core.start < im.end():
                return True
        return False

    @staticmethod
    def _bracketed_age(text: str, core: _Core) -> bool:
        """``Name (45)``: a whole number from 1 to 110 alone in brackets right after a capitalised word."""
        s, e = core.start, core.end
        if core.kind != "digits" or not core.raw.isdigit() or not 1 <= int(core.raw) <= 110:
            return False
        if text[s - 1:s] != "(" or text[e:e + 1] != ")" or s < 3 or not text[s - 2].isspace():
            return False
        words = text[max(0, s - 40):s - 2].split()
        return bool(words) and bool(_CAPITALISED.match(words[-1]))

    @staticmethod
    def _has_leading_zero(core: _Core) -> bool:
        """Digits with a leading zero: codes, phone numbers."""
        return core.kind == "digits" and len(core.raw) > 1 and core.raw[0] == "0" and core.raw[1].isdigit()

    def _read_negative_before(self, text: str, r: _Reading) -> None:
        """A negative word before the figure (and its currency), or a minus sign glued to it
        ("-1,5%") with a space, an opener or the start of the text before the sign."""
        s = r.start
        if s > 0 and text[s - 1] in self.negative_signs and (s == 1 or text[s - 2].isspace() or text[s - 2] in _OPENERS):
            r.sign, r.start = -1, s - 1
            return
        at, nm = r.back.match(self.negative_rev, r.start)
        if nm:
            r.sign, r.start = -1, at

    def _read_scale(self, text: str, r: _Reading, n: int) -> bool:
        """The scale after the core: a scale word after digits, the scales chained after an
        approximate plural. False for digits that go on as another number (10.30, 13/10, 10:30)."""
        if r.core.kind == "digits":
            if self._read_approx_suffix(text, r):
                return True
            if not self._read_short_decimal(text, r, n):
                return False
            r.scale, r.end = self._scale_at(text, r.end, r.currency is not None)
        elif r.approx:
            if not self._read_approx_scales(text, r):
                return False
        if r.scale is not None:
            r.value *= r.scale
            r.has_scale = True
        return True

    def _read_approx_suffix(self, text: str, r: _Reading) -> bool:
        """Round digits with an approximate suffix ("30-an" = 30..39, "100-an" = 100..199)."""
        raw = r.core.raw
        if self.approx_suffix_re is None or not raw.isdigit() or not 2 <= len(raw) <= 3 or not raw.endswith("0"):
            return False
        sm = self.approx_suffix_re.match(text, r.end)
        if not sm:
            return False
        step = 10 ** (len(raw) - len(raw.rstrip("0")))
        r.value_max, r.end, r.suffixed = r.value + step - 1, sm.end(), True
        return True

    def _read_slash_fraction(self, text: str, r: _Reading) -> bool:
        """A fraction written with a slash ("3/4"): a whole numerator below a denominator of the
        language's list; kept only after a qualifier or before a link word (else it may be a date)."""
        core = r.core
        fm = self.slash_fraction_re.match(text, r.end) if self.fraction_denominators else None
        if not fm or not core.raw.isdigit() or text[core.start - 1:core.start] == "(":
            return False
        den = int(fm.group(1))
        if den not in self.fraction_denominators or not 0 < int(core.raw) < den:
            return False
        r.value = Decimal(core.raw) / den
        r.core = _Core(core.start, fm.end(), r.value, "digits", text[core.start:fm.end()])
        r.end, r.slash_fraction = fm.end(), True
        return True

    def _read_short_decimal(self, text: str, r: _Reading, n: int) -> bool:
        """Digits followed by a separator and more digits that ``core_re`` did not take: a short
        group read as a decimal ("Rp 9.4 trilyun", checked once the figure is known not bare), a
        currency range ("Rp9.310/9.315"), or else not a figure."""
        end, core = r.end, r.core
        nxt = text[end] if end < n else ""
        if nxt and nxt in (self.thou + self.dec + ":/") and end + 1 < n and text[end + 1].isdigit():
            sg = (self.short_group_re.match(text, end) if self.short_group_re is not None
                  and self.thou not in core.raw and self.dec not in core.raw else None)
            if sg:
                r.value = Decimal(f"{core.raw}.{sg.group(1)}")
                r.core = _Core(core.start, sg.end(), r.value, "digits", text[core.start:sg.end()])
                r.end, r.short_decimal = sg.end(), True
            elif not (r.currency and self.cur_range_re and self.cur_range_re.match(text, end)) \
                    and not (nxt == "/" and self._read_slash_fraction(text, r)):
                return False  # 10.30, 13/10, 1.5 in a comma-decimal language, 10:30
        return True

    def _read_approx_scales(self, text: str, r: _Reading) -> bool:
        """Scales after an approximate plural ("puluhan juta") and a currency or measure after its
        link word ("millions of dollars"); False for a plural that needs its link word alone
        ("scores" is a verb, not "scores of")."""
        multiplier, scaled_end = self._approx_scales(text, r.end)
        upper = self.approx_upper.get(_norm(r.core.raw).lower())
        if upper is not None:  # "puluhan" 10..99, "belasan ribu" 11000..19999
            r.value_max = upper * multiplier - 1
        r.value *= multiplier
        chained, r.end = scaled_end > r.end, scaled_end
        r.has_scale = True
        lm = self.approx_link_re.match(text, r.end)
        if lm:  # "millions of dollars": the currency or measure joins the span
            pm = self.post_re.match(text, lm.end())
            if pm:
                r.post = self.post_lex.get(pm.group("p"))
                r.end = pm.end()
        elif self.approx_needs_link and not chained:
            return False
        return True

    def _find_range_opener(self, r: _Reading) -> None:
        """A range opener on the left ("antara", "between") widens the range connectors; a currency
        allows its own ("Rp9.310/9.315")."""
        r.connectors = [self.range_re]
        opener_at, om = r.back.match(self.opener_rev, r.start)
        if om:
            r.opener_start, r.opener_match = opener_at, om
            r.connectors.insert(0, self.opener_lex.get(om.group("o")[::-1]))
        if r.currency is not None and self.cur_range_re is not None:
            r.connectors.append(self.cur_range_re)

    def _read_tolerance(self, text: str, r: _Reading) -> None:
        """A tolerance after the number: "6 plus minus 1 persen" is the range 5..7."""
        if self.tolerance_re is None or r.approx or r.post is not None:
            return
        tm = self.tolerance_re.match(text, r.end)
        got = self._number_at(text, tm.end(), r.currency is not None) if tm else None
        if got is not None:
            core2, scale2, r.end = got
            r.tolerance = core2.value * (scale2 if scale2 is not None else (r.scale or 1))

    def _read_range_and_post(self, text: str, r: _Reading, n: int) -> bool:
        """The second number of a range and the percent/points/currency/measure word after the
        figure (a range may share it: "5-10 persen", or repeat it: "5 persen hingga 10 persen").
        False for scores and year ranges (6-1, 2006-2007) and for digits glued to what follows."""
        rng = self._range_after(text, r.end, r, None) if r.post is None and r.tolerance is None else None
        if rng is None and r.post is None:
            pm = self.post_re.match(text, r.end)
            if pm:
                r.post = self.post_lex.get(pm.group("p"))
                r.end = pm.end()
                if r.tolerance is None:
                    rng = self._range_after(text, r.end, r, r.post)
        if rng is not None:
            outcome = self._apply_range(text, r, rng)
            if outcome == "reject":
                return False
            if outcome == "not_a_range":
                rng = None
        if rng is None and not self._read_hyphenated_post(text, r, n):
            return False
        if r.tolerance is not None:
            r.value, r.value_max = r.value - r.tolerance, r.value + r.tolerance
        if not r.used_opener:
            r.opener_start = None
        return True

    def _range_after(self, text: str, at: int, r: _Reading, post_needed):
        """The second number of a range starting at ``at`` (after one of ``r.connectors``), with the
        same post word as the first when ``post_needed``: (core, scale, end, post, used the
        opener's connector, the connector is a word, it is a currency connector) or None."""
        if r.approx:
            return None
        currency = r.currency is not None
        for conn in r.connectors:
            if conn is None:
                continue
            cm2 = conn.match(text, at)
            if not cm2:
                continue
            p = cm2.end()
            cur2 = self.cur_before_fwd_re.match(text, p)
            if cur2 and currency:
                p = cur2.end()
            got = self._number_at(text, p, currency)
            if got is None:
                continue
            core2, scale2, e2 = got
            post2 = None
            if post_needed is not None:
                pm = self.post_re.match(text, e2)
                if not pm or self.post_lex.get(pm.group("p")) != post_needed:
                    continue
                post2, e2 = post_needed, pm.end()
            return (core2, scale2, e2, post2, conn is r.connectors[0] and r.opener_match is not None,
                    cm2.group().strip()[:1].isalpha(), conn is self.cur_range_re)
        return None

    def _apply_range(self, text: str, r: _Reading, rng) -> str:
        """Makes ``rng`` the figure's range when it is plausible ("range"); "not_a_range" when a
        word connector turns out to join something else ("6 persen hingga 2010"); "reject" when
        the figure is a score or a range of years."""
        core2, scale2, e2, post2, used_opener, word_connector, quote = rng
        if word_connector and post2 is None and (r.currency is not None or r.post is not None):
            pm = self.post_re.match(text, e2)
            if pm and self.post_lex.get(pm.group("p")) != (r.post or ("currency", r.currency)):
                return "not_a_range"  # "Rp 5 juta atau 10 persen": two figures
        high = core2.value
        if scale2 is not None:
            high *= scale2
            if r.scale is None:
                r.value *= scale2
                r.has_scale = True
        elif r.scale is not None:
            high *= r.scale
        # not "1,3308-3313"; a bid/offer quote may have equal ends ("Rp9.310/9.310")
        plausible = (high > r.value or (quote and high == r.value)) and not (r.value >= 1 and high > 100 * r.value)
        if plausible and not self._yearlike(core2) and not self._yearlike(r.core):
            r.value_max = high
            r.end = e2
            r.used_opener = used_opener
            r.symbol_range = not word_connector
            if post2 is None and r.post is None:
                pm = self.post_re.match(text, r.end)
                if pm:
                    r.post = self.post_lex.get(pm.group("p"))
                    r.end = pm.end()
            return "range"
        if word_connector:
            return "not_a_range"  # "6 persen hingga 2010"
        return "reject"  # 6-1, 2006-2007: scores and year ranges

    def _read_hyphenated_post(self, text: str, r: _Reading, n: int) -> bool:
        """Bare digits right before a hyphen and a post word ("a 6,500-ton freighter", "a 5-percent
        rise"); False for digits glued to anything else (3D, 1980-an, 2-1 with no valid range, 5/7)."""
        core, end = r.core, r.end
        if not (core.kind == "digits" and core.end == end and end < n):
            return True
        nxt = text[end]
        pm = self.post_re.match(text, end + 1) if nxt == "-" and r.post is None and end + 1 < n \
            and text[end + 1].isalpha() else None
        if pm:
            r.post = self.post_lex.get(pm.group("p"))
            r.end = pm.end()
            return True
        return not (nxt.isalnum() or (nxt in "-/" and end + 1 < n and text[end + 1].isalnum()))

    def _read_qualifiers(self, text: str, r: _Reading) -> None:
        """A qualifier after the figure ("600 juta lebih.", "5 or more"), else one before it (before
        the range opener if there is one, with an optional filler word); "~" for an approximate
        plural without one."""
        if self.qual_after_re is not None:
            qm = self.qual_after_re.match(text, r.end)
            if qm:
                r.qualifier = self.qual_after_lex.get(qm.group(qm.lastgroup))
                r.end = qm.end()
        if r.opener_start is not None:
            r.start = r.opener_start
        r.unqualified_start = r.start
        at, qm = r.back.match(self.qual_rev, r.start) if r.opener_start is None else (None, None)
        if qm and r.qualifier is None:
            r.qual_word = _norm(qm.group("q")[::-1]).lower()
            r.qualifier = self.qual_lex.get(r.qual_word)
            r.start = at
        if r.approx and r.qualifier is None:
            r.qualifier = "~"

    def _rejected_before_unit(self, text: str, r: _Reading, last_end: int, n: int) -> bool:
        """Numbers that are not figures whatever their unit: a bare short decimal, a number word
        with a clitic, a unit word used as a rate, a phone number, and the cases of ``_rejected``."""
        core, bare = r.core, r.bare
        if r.short_decimal and bare:
            return True
        if core.kind == "words" and core.end < n and text[core.end].isalpha() and r.qualifier is None:
            return True  # a clitic on a number word: "roda tiganya"; but "kurang dari setengahnya"
        if core.kind == "article" and r.qualifier is None \
                and not r.back.match(self.unit_word_marker_rev, r.start)[1]:
            return True  # "seorang pejabat": an article, not a count
        if core.kind in ("unitword", "multiplier") and (
                (r.qualifier is None and self._is_rate(text, r, last_end))
                or (core.kind == "unitword" and self.rel_after_word_re is not None
                    and self.rel_after_word_re.match(text, r.end))):
            return True  # "dua kali setahun", "twice a week": a rate; "setahun lalu": a DATE
        if bare and core.kind == "digits" and self._in_phone_number(text, core.start, core.end):
            return True
        return self._rejected(text, r.back, core, r.start, r.end, bare, r.currency is None and r.post is None,
                              last_end)

    def _is_rate(self, text: str, r: _Reading, last_end: int) -> bool:
        """A unit or multiplier word used as a rate: after a rate word ("tiga kali sehari"), right
        after a figure and at most one word ("Rp 50 ribu sehari", "8 jam sehari") or before a rate
        word ("sebulan sekali", "twice a week")."""
        tok, _ = self._prev_token(text, r.start)
        if tok.lower() in self.rate_before:
            return True
        if 0 < last_end <= r.start and _RATE_GAP.fullmatch(text, last_end, r.start):
            return True
        return self.rate_after_re is not None and self.rate_after_re.match(text, r.end) is not None

    def _read_unit(self, text: str, r: _Reading) -> bool:
        """The unit: the currency, the post word's unit, a unit word's own unit, a unit word before
        the number ("magnitude 6.2"), else the counted noun (``_read_counted_noun``). False for a
        bare year ("pada 2019 perusahaan itu ...")."""
        core, bare = r.core, r.bare
        if r.currency is not None:
            r.unit, r.unit_kind = r.currency, "currency"
        elif r.post is not None:
            r.unit, r.unit_kind = r.post[1], r.post[0]
        elif core.unit is not None:
            r.unit, r.unit_kind = core.unit, "noun"
        if r.unit is None:
            _, ub = r.back.match(self.unit_before_rev, r.start)
            if ub:  # "magnitude 6.2", "par 72"
                r.unit, r.unit_kind = ub.group("u")[::-1], "noun"
        if r.unit is None:
            self._read_counted_noun(text, r)
        if r.unit is None and r.noun is not None:
            if core.kind == "digits" and bare and self._yearlike(core) and r.qualifier in (None, "=", "<=") \
                    and not r.back.match(self.count_marker_rev, r.start)[1]:
                return False  # "pada 2019 perusahaan itu ...": a year
            r.unit, r.unit_kind = r.noun, "noun"
        elif bare and core.kind == "digits" and self._yearlike(core):
            return False
        return True

    def _read_counted_noun(self, text: str, r: _Reading) -> None:
        """The counted noun after the figure, else before it after a count head, else a person's
        age in apposition; with none, whether the noun is elided ("20 lagi")."""
        core, start, end = r.core, r.start, r.end
        r.noun = self._noun_after(text, end, r.approx or core.fraction)
        if r.noun is None and r.value < 1 and self.fraction_link_re is not None:
            lm = self.fraction_link_re.match(text, end)  # "setengah dari anggaran", "half of the budget"
            if lm:
                r.noun = self._noun_after(text, lm.end(), False)
                r.linked = True
        if r.noun is not None:
            return
        wide = _Back(text, max(0, start - _WINDOW), start)
        _, nb = wide.match(self.noun_before_rev, start)
        if not (nb and nb.group("n")[::-1].lower() not in self.stop) and self.noun_before_far_rev is not None:
            _, nb = wide.match(self.noun_before_far_rev, start)
        if nb and nb.group("n")[::-1].lower() not in self.stop:
            r.noun = nb.group("n")[::-1]
        elif r.bare and self.age_unit and core.kind == "digits" and self._age_apposition(text, start, end, r.value):
            r.noun = self.age_unit  # "Borowski, 27, adalah ...", "Smith, 34, said"
        else:  # "20 lagi", "500 ribu yang", "6 dari 19 tembakan", "to close at 7,300."
            r.elided = not core.fraction and r.value >= 1 and (
                self.elision_follower_re.match(text, end) is not None
                or (self.elision_forward_re is not None and self.elision_forward_re.match(text, end) is not None))

    def _rejected_after_unit(self, text: str, r: _Reading) -> bool:
        """Bare numbers rejected once their unit is known: a score, a number coordinated with an
        identifier, a word that may not stand alone."""
        if r.slash_fraction and r.qualifier is None and not r.linked:
            return True  # "3/4" alone may be a date; "sekitar 3/4 penduduk", "3/4 dari" count
        if not r.bare:
            return False
        if r.symbol_range and r.unit is None:
            return True  # 2-0 with nothing counted: a score
        if self._coordinated_identifier(text, r.start, r.core, r.unit is None):
            return True  # "kuartal 3 dan 4" (but "tahun 2008 dan 3 BUMN" counts)
        # "satu kelompok", "one of them" stand for no count; but "satu menit", "nearly half"
        return (r.core.single_word in self.not_alone and r.qualifier is None and r.value_max is None
                and not r.linked and not (r.noun is not None and r.noun.lower() in self.alone_ok_before))


    def _coordinated_identifier(self, text: str, start: int, core: _Core, no_unit: bool) -> bool:
        """"kuartal 3 dan 4", "Articles 5 and 6": a number coordinated with an identifier number
        (of the same length, or with no noun of its own: "tahun 2008 dan 3 BUMN" is a count)."""
        tok, tok_start = self._prev_token(text, start)
        if not tok or tok.lower() not in self.coordinators:
            return False
        tok2, tok2_start = self._prev_token(text, tok_start)
        if not tok2.isdigit() or not (no_unit or len(tok2) == len(core.raw)):
            return False
        tok3, _ = self._prev_token(text, tok2_start)
        return bool(tok3) and (tok3.lower() in self.not_before or tok3.lower().rstrip(".:") in self.not_before)

    @staticmethod
    def _age_apposition(text: str, start: int, end: int, value) -> bool:
        """``Name, NN,``: a person's age between commas right after a capitalised word."""
        if not (10 <= value <= 110 and value == value.to_integral_value()):
            return False
        if text[end:end + 1] != "," or text[max(0, start - 2):start] != ", ":
            return False
        j = start - 2
        return j > 0 and text[j - 1].isalpha() and bool(_CAPITALISED.match(text[max(0, j - 30):j].split()[-1]))

    def _in_phone_number(self, text: str, start: int, end: int) -> bool:
        for pm in self.phone_re.finditer(text, max(0, start - 30), min(len(text), end + 30)):
            if pm.start() < end and start < pm.end():
                return True
        return False

    def _noun_after(self, text: str, end: int, linked: bool):
        """The counted noun right after the figure ("600 juta pengguna"); with ``linked`` also
        after a link word ("thousands of people", "two thirds of voters")."""
        at = end
        if linked and self.approx_links:
            lm = self.approx_link_re.match(text, at)
            if lm:
                at = lm.end()
        classifier = None
        for _ in range(4):  # classifiers and modifiers skipped: "dua buah kapal", "1,500 new teachers"
            nm = self.noun_after_re.match(text, at)
            if not nm:
                if self.proper_modifiers:  # "300 Chinese tourists", "40 local Red Cross branches"
                    pm = self.proper_then_noun_re.match(text, at)
                    word = pm.group("p") if pm else ""
                    if pm and not (self.proper_plural and word.endswith(self.proper_plural) and len(word.split()) == 1):
                        at = pm.end()
                        continue
                return classifier
            noun = nm.group("n")
            low = noun.lower()
            if low in self.modifiers or (low in self.classifiers and classifier is None):
                if low in self.classifiers:
                    classifier = noun
                at = nm.end()
                continue
            if low in self.stop or low in self.word_class or low in self.approx or self.unit_words.get(low):
                return classifier  # "1,2 jt sebulan": a rate word is no counted noun
            if self.compound_re is not None:
                cm = self.compound_re.match(text, nm.start("n"))
                if cm:  # "pengunjuk rasa", "anggota parlemen"
                    return " ".join(cm.group().split())
            if self.noun_clitic_re is not None and noun == low:
                cl = self.noun_clitic_re.search(noun)
                if cl and cl.start() >= self.noun_clitic_min:
                    return noun[:cl.start()]  # "tentaranya" -> tentara
            return noun
        return classifier

    @staticmethod
    def _yearlike(core: _Core) -> bool:
        return core.kind == "digits" and len(core.raw) == 4 and core.raw.isdigit() and 1900 <= int(core.raw) <= 2099

    def _rejected(self, text: str, back: _Back, core: _Core, start: int, end: int, bare: bool,
                  plain: bool = True, last_end: int = 0) -> bool:
        """Dates, times, identifiers and other numbers that are not figures. ``plain``: no currency
        and no percent/points/measure word, so that a time unit may follow the number itself."""
        if self.not_after_re.match(text, end):
            return True  # 10 WIB, 5 pm
        # number + time unit + "lalu"/"ago", or "past" + number + time unit: a relative DATE
        # (not "for two years after the crash", a duration; not "5 persen tahun lalu")
        if plain and not _Back(text, max(0, start - 30), start).match(self.duration_rev, start)[1]:
            if self.rel_after_re is not None and self.rel_after_re.match(text, end):
                return True
            if self.rel_before_rev is not None and self.time_unit_re.match(text, end) \
                    and _Back(text, max(0, start - 30), start).match(self.rel_before_rev, start)[1]:
                return True
        if core.kind == "words" and core.raw[:1].isupper() and not self._sentence_initial(text, core.start) \
                and start == core.start:
            return True  # Tiga Serangkai, Big Three: a name
        if not bare:
            return False
        if self.month_after_re.match(text, end) \
                or _Back(text, max(0, start - 20), start).match(self.month_before_rev, start)[1]:
            return True  # 13 Oktober, Oktober 2024
        if self.score_after_re is not None and (
                self.score_after_re.match(text, end)
                or _Back(text, max(0, start - 30), start).match(self.score_before_rev, start)[1]):
            return True  # 54 berbanding 28, 3 vs 1: a tally
        tok, tok_start = self._prev_token(text, start)
        if tok:
            low = tok.lower()
            # "tahun 2023", "pukul 10", "Pasal 5", "No. 5", "© 2024"; not "Selama 24 tahun, 9.477"
            if not low.endswith(",") and (low in self.not_before or low.rstrip(".:") in self.not_before):
                return True
            if core.kind == "digits" and start == core.start and tok != tok.lower() \
                    and tok[-1].isalnum() and not self._sentence_initial(text, tok_start) \
                    and tok_start >= last_end:
                return True  # iPhone 15, Euro 2024, APBN 2007: part of a name (not "... dolar AS 37 proyek")
        if core.kind == "digits" and self._line_start(text, core.start) and end == core.end \
                and end < len(text) and text[end] in ".)" and (end + 1 == len(text) or text[end + 1].isspace()):
            return True  # list numbering "1." / "2)"
        return False



@lru_cache(maxsize=None)
def figure_rules(lang: str) -> FigureRules:
    """The figure rules of ``lang``, built once per process."""
    return FigureRules(lang)


def parse_number(text: str, lang: str):
    """Value of a number as written in ``lang``: ``parse_number("4.500", "id") == 4500``,
    ``parse_number("600 juta", "id") == 600000000``, ``parse_number("tiga puluh lima", "id") == 35``.
    Returns an int when integral, else a float; None when the text is not a number."""
    return figure_rules(lang).parse_number(text)


def find_figures(text: str, lang: str) -> list[Figure]:
    """Figures of a plain text (character offsets), without spaCy."""
    return figure_rules(lang).find(text)
