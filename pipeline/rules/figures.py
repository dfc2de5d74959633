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
from decimal import Decimal
from functools import lru_cache

from warta.lang import load_lang_data
from warta.rules.figure_context import OPENERS, WINDOW, FigureContext
from warta.rules.number_reading import (Back, Core, Lexicon, alternation, connector_re, norm, rev_alternation,
                                        to_number)

_SENTENCE_BREAK = re.compile(r"[!?;\n]|[.:](?!\d)")  # "2.1%" and "10:30" do not end a sentence
_LIST_COMMA = re.compile(r"\s?,\s+")
_UNIT_GLUE = " \t-"
_SHARED_UNITS = ("noun", "percent", "measure")  # what a coordinated number shares: "8 dan 17 persen", "5 dan 10 km"  # between a number and a measure or points word left outside the span


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


@dataclass(slots=True)
class _Reading:
    """The figure being read around one core: what ``_figure_at``'s steps find and pass on."""

    core: Core
    back: Back                     # the left context, for matches that end at an offset
    start: int                      # span start (moves left over currency, sign, opener, qualifier)
    end: int                        # span end (moves right over scale, range, post word, qualifier)
    value: Decimal
    has_scale: bool
    currency: str | None = None     # ISO code of a currency sign or word before the number
    sign: int = 1
    scale: Decimal | None = None    # the scale word after digits ("600 juta")
    value_max: Decimal | None = None
    post: tuple[str, str] | None = None  # (kind, unit) of a percent/points/currency/measure word after
    post_at: tuple[int, int] | None = None  # where that word stands
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
    hyphen_unit: str | None = None  # a time unit glued with a hyphen ("19-year-old")

    @property
    def approx(self) -> bool:
        return self.core.kind == "approx" or self.suffixed

    @property
    def bare(self) -> bool:
        """No currency, no percent/points/measure word and no scale: a plain number."""
        return self.currency is None and self.post is None and not self.has_scale


class FigureRules(FigureContext):
    """The figure rules of one language: regexes and lexicons built once from its ``numbers.json``
    (number reading in :class:`~warta.rules.number_reading.NumberReader`, counted nouns and
    rejections in :class:`~warta.rules.figure_context.FigureContext`)."""

    def __init__(self, lang: str):
        self.lang = lang
        data = load_lang_data(lang, "numbers")
        super().__init__(data)
        self._compile_figure_words(data)
        self._compile_post_words(data)
        self._compile_ranges(data)
        self._compile_qualifiers(data)

    # ------------------------------------------------------------------ construction steps
    def _compile_figure_words(self, data: dict) -> None:
        """Approximate upper bounds and suffixes, rate words, fractions (slash and link words), idioms,
        hyphenated time units and the words that make "X to Y" no range."""
        self.scale_plurals = {k.lower(): Decimal(str(v)) for k, v in data.get("approximate_scale_plurals", {}).items()}
        self.scale_plural_re = (re.compile(rf"\s+(?P<s>{alternation(self.scale_plurals)})(?![\w-])")
                                if self.scale_plurals else None)
        self.hyphen_time_re = re.compile(rf"-(?P<u>{alternation(data.get('time_units', []))})(?:-|(?!\w))")
        self.range_blockers = {w.lower() for w in data.get("word_range_blockers", [])}
        self.approx_upper = {norm(k).lower(): Decimal(str(v)) for k, v in data.get("approximate_upper", {}).items()}
        suffixes = data.get("approximate_suffixes", [])
        self.approx_suffix_re = re.compile(rf"(?:{'|'.join(map(re.escape, suffixes))})(?![\w-])") if suffixes else None
        self.rate_before = {w.lower() for w in data.get("rate_words_before", [])}
        rate_after = data.get("rate_words_after", [])
        self.rate_after_re = re.compile(rf"\s+{alternation(rate_after)}") if rate_after else None
        self.fraction_denominators = set(data.get("slash_fraction_denominators", []))
        self.slash_fraction_re = re.compile(r"/(\d{1,2})(?![\d/.,:-]|\w)")
        fraction_links = data.get("fraction_links", [])
        self.fraction_link_re = (re.compile(rf"\s+{alternation(fraction_links)}(?=\s)")
                                 if fraction_links else None)
        idioms = data.get("idioms", [])
        self.idiom_re = re.compile(alternation(idioms)) if idioms else None

    def _compile_post_words(self, data: dict) -> None:
        """Currency signs and words before the number, and the words after it that give its unit:
        measures, points, currencies written after, percent."""
        cur = data["currencies"]
        before = {f: v[0] for f, v in cur.items() if v[1] in ("before", "both")}
        after = {f: v[0] for f, v in cur.items() if v[1] in ("after", "both")}
        self.cur_before_lex = Lexicon(before)
        self.cur_before_rev = re.compile(rf"\s*(?P<c>{rev_alternation(before)})")
        self.cur_before_fwd_re = re.compile(rf"(?P<c>{alternation(before, True, True)})\s*")
        post = {}
        post.update({f: ("measure", u) for f, u in data["measures"].items()})
        post.update({f: ("points", u) for f, u in data["points"].items()})
        post.update({f: ("currency", c) for f, c in after.items()})
        post.update({f: ("percent", "%") for f in data["percent"]})
        glued = {f: ("measure", u) for f, u in data.get("glued_measures", {}).items()}
        self.post_lex = Lexicon({**post, **glued})
        self.post_re = re.compile(rf"\s*(?P<p>{alternation(post, False)})"
                                  + (rf"|(?<=\d)(?P<g>{'|'.join(map(re.escape, glued))})(?![\w°])" if glued else ""))

    def _compile_ranges(self, data: dict) -> None:
        """Range, tolerance and currency-range connectors, and the range openers before a number
        ("antara", "between") with the connectors each one allows."""
        self.range_re = connector_re(data["range_connectors"])
        self.tolerance_re = connector_re(data.get("tolerance_connectors", []))
        self.cur_range_re = connector_re(data.get("currency_range_connectors", []))
        openers = data.get("range_openers", {})
        self.opener_lex = Lexicon({k: connector_re(v) for k, v in openers.items()})
        self.opener_rev = re.compile(rf"\s+(?P<o>{rev_alternation(openers)})")

    def _compile_qualifiers(self, data: dict) -> None:
        """Qualifiers before the number (with an optional filler word) and after it."""
        quals = data["qualifiers"]
        self.qual_lex = Lexicon(quals)
        fillers = data.get("qualifier_fillers", [])
        filler = rf"(?:{rev_alternation(fillers)}\s+)?" if fillers else ""
        self.qual_rev = re.compile(rf"\s+{filler}(?P<q>{rev_alternation(quals)})")
        q_after = data.get("qualifiers_after", {})
        q_end = data.get("qualifiers_after_at_end", {})
        self.qual_after_lex = Lexicon({**q_after, **q_end})
        alts = []
        if q_after:
            blockers = data.get("qualifiers_after_not_before", [])
            block = rf"(?!\s+{alternation(blockers)})" if blockers else ""
            alts.append(rf"\s+(?P<qa>{alternation(q_after)}){block}")
        if q_end:
            alts.append(rf"\s+(?P<qe>{alternation(q_end)})(?=\s*(?:[^\w\s]|$))")
        self.qual_after_re = re.compile("|".join(alts)) if alts else None
        self.qual_not_time = {norm(w).lower() for w in data.get("qualifiers_not_before_time_units", [])}

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
                pos = self._spelled_repeat_end(text, pos, Decimal(str(abs(fig.value)))) or pos
        self._fill_elided(text, figures)
        return figures

    def _fill_elided(self, text: str, figures: list[Figure]) -> None:
        """A count whose noun is elided takes it from the same sentence: from the number it is
        coordinated with ("10 atau 15 tahun", also a percent or measure: "8 dan 17 persen"), else from the nearest earlier count of the sentence
        ("40 juta pengguna ..., baru 500 ribu yang ...", "gained 150 points ... to close at 7,300")."""
        forwarded = set()  # "tiga, lima, dan tujuh tahun": right to left, a list shares its noun
        for i in range(len(figures) - 2, -1, -1):
            fig, nxt = figures[i], figures[i + 1]
            if not fig.elided or fig.unit is not None or nxt.unit_kind not in _SHARED_UNITS or self.elision_forward_re is None:
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
                if fig.start - prev.end > WINDOW or _SENTENCE_BREAK.search(text, prev.end, fig.start):
                    break
                if prev.unit_kind in ("noun", "points") and prev.unit is not None:
                    fig.unit, fig.unit_kind = prev.unit, prev.unit_kind
                    break
                if prev.unit_kind != "percent":  # "150 points, or 2.1%, to close at 7,300"
                    break

    def _figure_at(self, text: str, m: re.Match, last_end: int, n: int) -> Figure | None:
        """The figure around the core matched by ``m``, or None when it is not one. The steps run in
        this order; each may extend the span or reject the candidate."""
        core = self._read_core(text, m)
        if core is None or self._in_idiom(text, core):
            return None
        if self.age_unit and self._bracketed_age(text, core):  # "Budi (45)"
            return Figure(core.start, core.end, to_number(core.value), None, self.age_unit, "=", "noun")
        r = _Reading(core, Back(text, max(last_end, core.start - WINDOW), core.start),
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
        if self._rejected_after_unit(text, r, last_end):
            return None
        if r.qual_word in self.qual_not_time and r.unit is not None and r.unit.lower() in self.time_units:
            r.start, r.qualifier = r.unqualified_start, None  # "over five years": a period
        if r.unit_kind in ("measure", "points") and r.post_at is not None and r.post_at[1] == r.end:
            r.end = len(text[:r.post_at[0]].rstrip(_UNIT_GLUE))  # "2,5 km", "6,500-ton": the unit stays outside
        return Figure(r.start, r.end, to_number(r.value * r.sign),
                      None if r.value_max is None else to_number(r.value_max * r.sign),
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

    def _read_negative_before(self, text: str, r: _Reading) -> None:
        """A negative word before the figure (and its currency), or a minus sign glued to it
        ("-1,5%") with a space, an opener or the start of the text before the sign."""
        s = r.start
        if s > 0 and text[s - 1] in self.negative_signs and (s == 1 or text[s - 2].isspace() or text[s - 2] in OPENERS):
            r.sign, r.start = -1, s - 1
            return
        at, nm = r.back.match(self.negative_rev, r.start)
        if nm:
            r.sign, r.start = -1, at

    def _read_scale(self, text: str, r: _Reading, n: int) -> bool:
        """The scale after the core: a scale word after digits, the scales chained after an
        approximate plural. False for digits that go on as another number (10.30, 13/10, 10:30)."""
        if r.core.kind in ("digits", "words") and self._read_scale_plural(text, r):
            return True
        if r.core.kind == "digits":
            if self._read_approx_suffix(text, r):
                return True
            self._read_spaced_decimal(text, r)
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

    def _read_scale_plural(self, text: str, r: _Reading) -> bool:
        """A whole number before the plural of a scale word: "5 ribuan" = 5000..5999, "dua ratusan"
        = 200..299, approximate."""
        if self.scale_plural_re is None or r.value != r.value.to_integral_value() or not 1 <= r.value < 1000 \
                or r.core.has_scale:
            return False  # not "pada 2019 ribuan warga": a year before a plural
        sm = self.scale_plural_re.match(text, r.end)
        if not sm:
            return False
        step = self.scale_plurals[sm.group("s").lower()]
        r.value, r.value_max = r.value * step, (r.value + 1) * step - 1
        r.end, r.suffixed, r.has_scale = sm.end(), True, True
        return True

    def _read_approx_suffix(self, text: str, r: _Reading) -> bool:
        """Round digits with an approximate suffix ("30-an" = 30..39, "100-an" = 100..199, "2.000-an"
        = 2000..2999; a year "1980-an" is a decade, no figure)."""
        raw = r.core.raw.replace(self.thou, "")
        if self.approx_suffix_re is None or not raw.isdigit() or not raw.endswith("0") \
                or not (2 <= len(raw) <= 3 or self.thou in r.core.raw):
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
        r.core = Core(core.start, fm.end(), r.value, "digits", text[core.start:fm.end()])
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
                r.core = Core(core.start, sg.end(), r.value, "digits", text[core.start:sg.end()])
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
        upper = self.approx_upper.get(norm(r.core.raw).lower())
        if upper is not None:  # "puluhan" 10..99, "belasan ribu" 11000..19999
            r.value_max = upper * multiplier - 1
        r.value *= multiplier
        chained, r.end = scaled_end > r.end, scaled_end
        r.has_scale = True
        lm = self.approx_link_re.match(text, r.end)
        if lm:  # "millions of dollars": the currency or measure joins the span
            pm = self.post_re.match(text, lm.end())
            if pm:
                r.post = self.post_lex.get(pm.group(pm.lastgroup))
                r.post_at = (pm.start(pm.lastgroup), pm.end())
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
            if pm and pm.lastgroup == "g" and self._prev_token(text, r.start)[0].lower() in self.not_before:
                return False  # "kelas 3C": an identifier, not 3 °C
            if pm:
                r.post = self.post_lex.get(pm.group(pm.lastgroup))
                r.post_at = (pm.start(pm.lastgroup), pm.end())
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
                if not pm or self.post_lex.get(pm.group(pm.lastgroup)) != post_needed:
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
        if word_connector and self._prev_token(text, r.start)[0].lower() in self.range_blockers:
            return "not_a_range"  # "grew by $2.3 billion to $45 billion": a change and a level
        if word_connector and post2 is None and (r.currency is not None or r.post is not None):
            pm = self.post_re.match(text, e2)
            if pm and self.post_lex.get(pm.group(pm.lastgroup)) != (r.post or ("currency", r.currency)):
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
                    r.post = self.post_lex.get(pm.group(pm.lastgroup))
                    r.post_at = (pm.start(pm.lastgroup), pm.end())
                    r.end = pm.end()
            return "range"
        if word_connector:
            return "not_a_range"  # "6 persen hingga 2010"
        return "reject"  # 6-1, 2006-2007: scores and year ranges

    def _read_hyphenated_post(self, text: str, r: _Reading, n: int) -> bool:
        """Bare digits right before a hyphen and a post word ("a 6,500-ton freighter", "a 5-percent
        rise"); False for digits glued to anything else (3D, 1980-an, 2-1 with no valid range, 5/7)."""
        core, end = r.core, r.end
        if core.kind == "words" and core.end == end and text[end:end + 1] == "-":
            hm = self.hyphen_time_re.match(text, end)  # "a two-hour meeting"
            if hm:
                r.hyphen_unit = hm.group("u")
            return True
        if not (core.kind == "digits" and core.end == end and end < n):
            return True
        nxt = text[end]
        pm = self.post_re.match(text, end + 1) if nxt == "-" and r.post is None and end + 1 < n \
            and text[end + 1].isalpha() else None
        if pm:
            r.post = self.post_lex.get(pm.group(pm.lastgroup))
            r.post_at = (pm.start(pm.lastgroup), pm.end())
            r.end = pm.end()
            return True
        hm = self.hyphen_time_re.match(text, end) if nxt == "-" else None
        if hm:  # "a 19-year-old", "a 5-year plan": the time unit is the unit, outside the span
            r.hyphen_unit = hm.group("u")
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
            r.qual_word = norm(qm.group("q")[::-1]).lower()
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
                (r.qualifier is None and self._is_rate(text, r.start, r.end, last_end))
                or (core.kind == "unitword" and self.rel_after_word_re is not None
                    and self.rel_after_word_re.match(text, r.end))):
            return True  # "dua kali setahun", "twice a week": a rate; "setahun lalu": a DATE
        if bare and core.kind == "digits" and self._in_phone_number(text, core.start, core.end):
            return True
        return self._rejected(text, r.back, core, r.start, r.end, bare, r.currency is None and r.post is None,
                              last_end)

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
            if ub and self._time_unit_after(text, r.end):
                ub = None  # "bayi berusia 6 bulan": the time unit written after wins over "usia" (tahun)
            if ub:  # "magnitude 6.2", "par 72", "bermagnitudo 5,8" (unit magnitudo)
                word = ub.group("u")[::-1]
                r.unit, r.unit_kind = self.unit_before_variants.get(word.lower(), word), "noun"
        if r.unit is None:  # "40 ( empat puluh ) meter", "5 (lima) persen"
            r.unit, r.unit_kind = self._post_after_repeat(text, r.end, r.value)
        if r.unit is None and r.hyphen_unit is not None:
            r.unit, r.unit_kind = r.hyphen_unit, "noun"
        if r.unit is None:
            self._read_counted_noun(text, r)
        if r.unit is None and r.noun is not None:
            if core.kind == "digits" and bare and self._yearlike(core) and r.qualifier in (None, "=", "<=") \
                    and not r.back.match(self.count_marker_rev, r.start)[1]:
                return False  # "pada 2019 perusahaan itu ...": a year
            r.unit, r.unit_kind = r.noun, "noun"
        elif bare and core.kind == "digits" and self._yearlike(core):
            return False
        if r.qualifier is None and r.unit_kind in (None, "noun"):
            r.qualifier = self._qualifier_after_noun(text, r.end, r.noun)  # "17 tahun ke atas"
        return True

    def _read_counted_noun(self, text: str, r: _Reading) -> None:
        """The counted noun after the figure, else before it after a count head, else a person's
        age in apposition; with none, whether the noun is elided ("20 lagi")."""
        core, start, end = r.core, r.start, r.end
        r.noun = self._noun_after(text, self._spelled_repeat_end(text, end, r.value) or end, r.approx or core.fraction)
        if r.noun is None and r.value < 1 and self.fraction_link_re is not None:
            lm = self.fraction_link_re.match(text, end)  # "setengah dari anggaran", "half of the budget"
            if lm:
                r.noun = self._noun_after(text, lm.end(), False)
                r.linked = True
        if r.noun is not None:
            return
        wide = Back(text, max(0, start - WINDOW), start)
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

    def _rejected_after_unit(self, text: str, r: _Reading, last_end: int) -> bool:
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
                and not r.linked and r.hyphen_unit is None
                and not (r.noun is not None and r.noun.lower() in self.alone_ok_before)
                and not self._counts_with_next(text, r.end)
                and not r.back.match(self.unit_word_marker_rev, r.start)[1]  # "hanya satu hal", "selama satu malam"
                and not (r.noun is not None and self._coordinated_with_count(text, r.start, last_end)))


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
