"""Number reading for the FIGURE rules: digits in a language's format, number words ("tiga puluh
lima", "two-thirds"), approximate plurals ("ratusan"), one-word units and multipliers ("setahun",
"twice"), scale words and abbreviations ("juta", "jt", "100K"), and the regex helpers the figure rules
are built with. No spaCy, and no language word: everything comes from ``warta/lang/<lang>/numbers.json``.

:class:`NumberReader` is the base of :class:`warta.rules.figures.FigureRules`; ``parse_number``
(a number as written, alone) lives here, finding figures in running text in :mod:`warta.rules.figures`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


def form_pattern(form: str, left_boundary: bool = True, digits_may_follow: bool = False) -> str:
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


def alternation(forms, left_boundary: bool = True, digits_may_follow: bool = False) -> str:
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    if not forms:
        return r"(?!x)x"  # matches nothing
    return "(?:" + "|".join(form_pattern(f, left_boundary, digits_may_follow) for f in forms) + ")"


def rev_alternation(forms) -> str:
    """Like :func:`alternation`, for matching the text *before* an offset: each form is written
    backwards, to be matched on the reversed left context (see :class:`Back`)."""
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


def case_variants(words) -> list[str]:
    """lower, Capitalised and UPPER forms: a case-sensitive alternation of literals lets the regex
    engine skip quickly to candidate positions, which (?i) would prevent."""
    out = set()
    for word in words:
        out.update((word, word.lower(), word.capitalize(), word.upper()))
    return sorted(out, key=len, reverse=True)


class Back:
    """Matching that must end at a given offset. ``re.search`` with ``$`` tries every start
    position of the window and is slow; instead the left context is reversed once and patterns
    built by :func:`rev_alternation` are matched forward from its start."""

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


def norm(text: str) -> str:
    return " ".join(text.split())


class Lexicon:
    """Written form -> payload, looked up exactly first, then case-insensitively."""

    def __init__(self, mapping: dict):
        self.exact = {norm(k): v for k, v in mapping.items()}
        self.folded = {norm(k).lower(): v for k, v in mapping.items()
                       if k == k.lower() and sum(ch.isalpha() for ch in k) > 1}

    def get(self, text: str):
        key = norm(text)
        if key in self.exact:
            return self.exact[key]
        return self.folded.get(key.lower())

    def forms(self):
        return list(self.exact)


def to_number(value: Decimal):
    """int when integral, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass
class Core:
    start: int
    end: int
    value: Decimal
    kind: str            # "digits", "words" or "approx"
    raw: str             # the core's text
    has_scale: bool = False
    single_word: str | None = None  # for a one-word number-word core: the word (lower case)
    fraction: bool = False          # ends in a fraction word ("dua pertiga", "two thirds")
    unit: str | None = None         # a unit word's own unit ("setahun": tahun)


def connector_re(forms) -> re.Pattern | None:
    """Range or tolerance connectors: symbols with optional spaces, words between spaces."""
    sym = [f for f in forms if not f[0].isalpha()]
    word = [f for f in forms if f[0].isalpha()]
    parts = []
    if sym:
        parts.append(rf"\s*{alternation(sym)}\s*")
    if word:
        parts.append(rf"\s+{alternation(word)}\s+")
    return re.compile("(?:" + "|".join(parts) + ")") if parts else None


class NumberReader:
    """The number-reading part of one language's figure rules: number words, cores, scales."""

    def __init__(self, data: dict):
        self.dec, self.thou = data["decimal_separator"], data["thousands_separator"]
        self._compile_number_words(data)
        self._compile_cores(data)
        self._compile_scales(data)
        self._compile_negatives(data)

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

    def _number_words_pattern(self, nw: dict, fraction_links=(), time_units=()) -> str:
        """Regex of a run of number words: it starts with a unit word (or a leading "one" before a
        multiplier, or before a fraction and its link: "a third of"), goes on with any number word,
        and may end where a clitic starts."""
        unit_words = list(nw.get("units", {}))
        multipliers = list(nw.get("hundreds", {})) + list(self.scale_words)
        leading = nw.get("leading_one", [])
        # leading words ("a") may follow a fraction-like unit ("half a million")
        words_any = alternation([w for w in self.word_class if self.word_class[w][0] != "connector"]
                                 + case_variants(leading))
        word_start = alternation(unit_words)
        if leading:
            fraction_ahead = (rf"|\s+{alternation(nw.get('fractions', {}))}\s+{alternation(fraction_links)}\s"
                              if fraction_links and nw.get("fractions") else "")
            word_start = (f"(?:{word_start}|{alternation(case_variants(leading))}"
                          f"(?=\\s+{alternation(multipliers)}{fraction_ahead}))")
        joiner = r"(?:\s+|-)" if nw.get("hyphen_joins") else r"\s+"
        connectors = nw.get("connectors", [])
        link = joiner if not connectors else rf"(?:{joiner}|\s+{alternation(connectors)}\s+)"
        clitics = nw.get("clitics", [])
        clitic = ""
        if clitics:  # a word may end where a clitic starts ("setengahnya")
            clitic_re = alternation(clitics, False)
            clitic = rf"|(?={clitic_re})"
            word_end = r"(?!\w)"
            word_start = word_start.replace(word_end, rf"(?!(?!{clitic_re})\w)")
            words_any = words_any.replace(word_end, rf"(?!(?!{clitic_re})\w)")
        # a hyphen ends the run only before a time unit ("a two-hour meeting", "a five-year-old")
        hyphen_unit = rf"(?!{alternation(time_units)}(?:-|(?!\w)))" if time_units else ""
        return rf"(?<![\w-]){word_start}(?:{link}{words_any})*(?:(?![\w]|-{hyphen_unit}\w){clitic})"

    def _compile_cores(self, data: dict) -> None:
        """``core_re``, the four kinds of core (digits, approximate plurals, number words, a unit
        word such as "setahun"), and the fast scans for the positions where one may start."""
        nw = data["number_words"]
        t, d = re.escape(self.thou), re.escape(self.dec)
        digits_re = rf"(?<!\d)(?:\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?)"
        self.approx = {norm(k).lower(): Decimal(str(v)) for k, v in data["approximate_words"].items()}
        self.approx_links = data.get("approximate_links", [])
        self.approx_needs_link = bool(data.get("approximate_needs_link"))
        approx_re = rf"(?<![\w-]){alternation(self.approx)}(?!-\w)"
        # the number one with its unit ("setahun"), an article that counts only after a qualifier
        # ("sedikitnya seorang"), a multiplier word with its value ("twice")
        self.unit_words = Lexicon(data.get("unit_words", {}))
        self.article_words = Lexicon(data.get("article_unit_words", {}))
        self.multiplier_words = Lexicon(data.get("multiplier_words", {}))
        self.multiplier_unit = data.get("multiplier_unit")
        uw_forms = self.unit_words.forms() + self.article_words.forms() + self.multiplier_words.forms()
        unit_word_re = rf"(?<![\w-]){alternation(uw_forms)}(?!-\w)"
        self.unit_word_marker_rev = re.compile(rf"\s+{rev_alternation(data.get('unit_word_markers', []))}")
        words_re = self._number_words_pattern(nw, data.get("fraction_links", []), data.get("time_units", []))
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
        self.glued_lex = Lexicon(glued)
        self.glued_re = re.compile(rf"(?P<s>{alternation(glued, False)})") if glued else None
        self.scale_lex = Lexicon({**self.scale_words, **abbr})
        self.need_cur_lex = Lexicon(need_cur)
        self.scale_re = re.compile(rf"\s*(?P<s>{alternation(list(self.scale_words) + list(abbr), False)})")
        self.need_cur_re = re.compile(rf"\s*(?P<s>{alternation(need_cur, False)})")
        self.approx_scale_re = re.compile(
            rf"\s+(?:{alternation(self.approx_links)}\s+)?"
            rf"(?P<s>{alternation(list(self.scale_words) + list(self.approx))})")
        self.approx_link_re = re.compile(rf"\s+{alternation(self.approx_links)}(?=\s)")
        # "38, 9 juta", tokenised "Rp 5 , 2 miliar": a decimal only where a scale or percent word follows
        scale_or_percent = alternation(list(data["scales"]["words"]) + list(data["percent"]), False)
        self.spaced_decimal_re = (re.compile(rf" ?{re.escape(self.dec)} (\d{{1,2}})(?=\s*{scale_or_percent})")
                                  if data.get("spaced_decimal") else None)

    def _compile_negatives(self, data: dict) -> None:
        """Negative words before a number ("minus") and signs glued to it ("-1,5%")."""
        self.negative_signs = "".join(data.get("negative_signs", []))
        negative = data.get("negative_words", [])
        self.negative_rev = re.compile(rf"\s+{rev_alternation(negative)}")
        self.negative_fwd_re = re.compile(rf"{alternation(negative)}\s+")

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

    def _read_core(self, text: str, m: re.Match) -> Core | None:
        if m.group("dig") is not None:
            value = self.parse_digits(m.group("dig"))
            if value is None:
                return None
            return Core(m.start(), m.end(), value, "digits", m.group("dig"))
        if m.group("approx") is not None:
            return Core(m.start(), m.end(), self.approx[norm(m.group("approx")).lower()], "approx",
                         m.group("approx"))
        if m.group("uw") is not None:
            word = m.group("uw")
            times = self.multiplier_words.get(word)
            if times is not None:  # "twice", "threefold"
                return Core(m.start(), m.end(), Decimal(str(times)), "multiplier", word, unit=self.multiplier_unit)
            unit = self.unit_words.get(word)
            if unit is None:  # "seorang": a count only after a qualifier
                return Core(m.start(), m.end(), Decimal(1), "article", word, unit=self.article_words.get(word))
            return Core(m.start(), m.end(), Decimal(1), "unitword", word, unit=unit)
        parsed = self.parse_words(m.group("words"), m.start())
        if parsed is None:
            return None
        value, end, has_scale, words = parsed
        raw = text[m.start():end]
        single = words[0] if len(words) == 1 and raw.lower() == words[0] else None
        fraction = self.word_class[words[-1]][0] == "fractions"
        return Core(m.start(), end, value, "words", raw, has_scale, single, fraction)

    def _read_spaced_decimal(self, text: str, r) -> None:
        """Digits, a decimal separator with a space after it and one or two digits before a scale or
        percent word: one decimal number ("38, 9 juta" = 38.9 million, "Rp 5 , 2 miliar")."""
        if self.spaced_decimal_re is None or self.dec in r.core.raw:
            return
        sm = self.spaced_decimal_re.match(text, r.end)
        if sm:
            r.value = self.parse_digits(r.core.raw) + Decimal(f"0.{sm.group(1)}")
            r.core = Core(r.core.start, sm.end(), r.value, "digits", text[r.core.start:sm.end()])
            r.end = sm.end()

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
            # one digit alone ("4K", "8K") is a screen resolution or a race, unless money ("$5k")
            if m and (currency or (pos >= 2 and not text[pos - 2].isspace())):
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
        elif text[:1] and text[0] in self.negative_signs:  # "-1,5"
            sign, text = -1, text[1:]
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
        return to_number(value * sign)
