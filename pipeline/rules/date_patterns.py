"""The patterns of the DATE and TIME rules: the regular expressions of one language built from its
``dates.json`` (read with :func:`warta.lang.load_lang_data`), and the small helpers that build them.

:class:`DatePatterns` holds the construction steps: lookup tables from words to values, the regex
fragments the rules share, the rules themselves (rank, pattern, resolver, trigger) and the context
patterns the resolvers look at. The resolvers and the matching live in :mod:`warta.rules.dates`
(:class:`~warta.rules.dates.DateRules` subclasses this class and supplies the resolver methods the
rules name). No language words here: only the grammar that combines them.
"""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Callable, Iterable

from warta.lang import load_lang_data

# Calendar-independent building blocks (digits only, no words).
_Y4 = r"(?:19|20)\d\d"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"


# ----------------------------------------------------------------------------------------------
# pattern helpers


def norm(s: str) -> str:
    return " ".join(s.lower().split())


def _phrase(word: str) -> str:
    """Regex for a (possibly multi-word) phrase; inner spaces match any whitespace."""
    return r"\s+".join(re.escape(part) for part in word.split())


def _alt_ci(words: Iterable[str]) -> str:
    """Case-insensitive alternation of phrases, longest first, with word boundaries."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return r"(?!x)x"  # never matches
    body = "|".join(_phrase(w) for w in words)
    return rf"(?<!\w)(?i:{body})(?!\w)"


def _alt_names(words: Iterable[str], dotted: bool = False, lower: bool = False,
               not_lower: frozenset = frozenset()) -> str:
    """Case-sensitive alternation of names in Title and UPPER case (and lower case if asked, but
    for the names in ``not_lower``)."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
        if lower and w not in not_lower:
            forms.add(w.lower())
    forms = sorted(forms, key=len, reverse=True)
    dot = r"\.?" if dotted else ""
    return r"(?<!\w)(?:" + "|".join(re.escape(f) + dot for f in forms) + r")(?!\w)"


WORD = re.compile(r"\w+")

# the keys of dates.json whose phrases are also matched in their informal spellings
SPELLED_KEYS = ("relative_before", "relative_after", "count_after", "relative_days", "period_units", "count_units",
                "anchored_after", "anchored_units", "day_words", "weekday_words", "month_words", "year_words",
                "day_parts_after_date", "day_part_markers", "year_event_words")


def _spellings(phrase: str, informal: dict) -> list[str]:
    """The phrase and every form of it with informal spellings of its words, the phrase first."""
    forms = [[]]
    for word in phrase.split():
        forms = [form + [alt] for form in forms for alt in [word, *informal.get(word.lower(), [])]]
    return [" ".join(form) for form in forms]


def _respelled(table, informal: dict):
    """A word list or word map with the informal forms of its phrases added (a written form wins
    over an informal form that happens to spell another phrase)."""
    if isinstance(table, dict):
        out = {form: value for key, value in table.items() for form in _spellings(key, informal)[1:]}
        out.update(table)
        return out
    return list(dict.fromkeys(form for phrase in table for form in _spellings(phrase, informal)))


def with_informal_spellings(data: dict) -> dict:
    """``dates.json`` with the informal spellings of its words added to its phrase lists ("kmrn" for
    "kemarin", "minggu dpn" for "minggu depan", "tmrw" for "tomorrow")."""
    informal = {norm(k): [norm(v) for v in vs] for k, vs in data.get("informal_spellings", {}).items()}
    if not informal:
        return data
    out = dict(data)
    for key in SPELLED_KEYS:
        if key in out:
            out[key] = _respelled(out[key], informal)
    out["context_before"] = {k: _respelled(v, informal) for k, v in data.get("context_before", {}).items()}
    if "count_before" in data:
        out["count_before"] = {**data["count_before"], "markers": _respelled(data["count_before"].get("markers", {}),
                                                                             informal)}
    if "decades" in data:
        out["decades"] = {**data["decades"], "context_words": _respelled(data["decades"].get("context_words", []),
                                                                         informal)}
    return out


def _first_words(phrases: Iterable[str]) -> frozenset:
    """The first word of each phrase, lower case: one of them occurs in any text a phrase occurs in."""
    return frozenset(words[0] for words in (WORD.findall(p.lower()) for p in phrases) if words)


def sentence_initial(text: str, start: int) -> bool:
    prefix = text[:start]
    stripped = prefix.rstrip()
    if not stripped or "\n" in prefix[len(stripped):]:
        return True
    return stripped[-1] in ".!?\"'“‘("




class DatePatterns:
    """The compiled patterns of one language's date and time rules (built once, see ``date_rules``).

    A subclass supplies the resolver methods the rules name (``_numeric_full``, ``_textual``, ...)."""

    def __init__(self, lang: str):
        self.lang = lang
        data = with_informal_spellings(load_lang_data(lang, "dates"))
        self._compile_lookups(data)
        frag = self._fragments(data)
        self._compile_sub_period_prefix(data, frag)
        rules = (self._numeric_rules(frag) + self._textual_rules(data, frag) + self._month_and_year_rules(data, frag)
                 + self._relative_rules(data, frag) + self._time_rules(data, frag))
        # Every date starts at the start of a word: saying so first lets the engine skip the
        # mid-word positions before trying the long alternations (2x faster, same matches).
        # Each rule is run only near its anchors (see DateRules.find): its trigger, or the count
        # units where the trigger is a common word ("yang" of "yang lalu", "dalam", "in").
        units = _first_words([*self.count_units, *self.units_with_count])
        anchors = {self._counted: units, self._counted_before: units}
        self._rules = [(rank, re.compile(rf"(?<!\w)(?=\w)(?:{rx})"), fn, trigger, anchors.get(fn, trigger))
                       for rank, rx, fn, trigger in rules]
        self._compile_context(data, frag)

    # ------------------------------------------------------------------ construction steps

    def _compile_lookups(self, data: dict) -> None:
        """Lookup tables from words to values (lower-case keys, whitespace-normalised)."""
        self.months = {norm(k): v for k, v in data["months"].items()}
        self.month_abbr = {norm(k): v for k, v in data.get("month_abbreviations", {}).items()}
        self.weekdays = {norm(k): v for k, v in data["weekdays"].items()}
        self.weekday_abbr = {norm(k): v for k, v in data.get("weekday_abbreviations", {}).items()}
        self.lowercase_weekdays = bool(data.get("lowercase_weekday_names", False))
        # names whose lower-case form is an ordinary word ("minggu" week, "may"): only beside a date
        self.lower_needs_date = frozenset(norm(w) for w in data.get("lowercase_needs_date", []))
        cb = data.get("count_before", {})
        self.count_before = {norm(k): v for k, v in cb.get("markers", {}).items()}
        self.count_before_excluded = {norm(w) for w in cb.get("excluded_counts", [])}
        self.year_quantity_words = {norm(w) for w in data.get("year_quantity_words", [])}
        self.months_also_names = {norm(w) for w in data.get("months_also_names", [])}
        self.rel_before = {norm(k): v for k, v in data.get("relative_before", {}).items()}
        self.rel_after = {norm(k): v for k, v in data.get("relative_after", {}).items()}
        self.count_after = {norm(k): v for k, v in data.get("count_after", {}).items()}
        self.rel_days = {norm(k): v for k, v in data.get("relative_days", {}).items()}
        self.period_units = {norm(k): v for k, v in data.get("period_units", {}).items()}
        self.count_units = {norm(k): v for k, v in data.get("count_units", {}).items()}
        self.units_with_count = {norm(k): tuple(v) for k, v in data.get("units_with_count", {}).items()}
        self.number_words = {norm(k): v for k, v in data.get("number_words", {}).items()}
        self.numeric_order = data.get("numeric_order", "dmy")
        self.year_followers = {norm(w) for w in data.get("year_followers", [])}
        # words that, right before "<unit> <marker>", make it a counted/vague phrase, not a date
        self.count_like = {norm(w).split()[-1] for w in self.number_words}
        self.count_like |= {norm(w) for w in data.get("quantifiers", [])}
        time = data.get("time", {})
        self.meridiem = {norm(k): v for k, v in time.get("meridiem", {}).items()}
        self.day_parts = {norm(k): tuple(v) for k, v in time.get("day_parts", {}).items()}
        # full month names also in lower case where the language allows it; a lower-case month
        # then needs a day or a year next to it (see _month_num)
        self.lowercase_months = bool(data.get("lowercase_month_names", False))
        # articles ("the") open a span only before a period or sub-period word ("the end of 2024")
        self.articles = {norm(a) for a in data.get("articles", [])}
        # expressions anchored to another date: dua hari sebelumnya, hari sebelumnya, a year earlier
        self.anchored = {norm(k): v for k, v in data.get("anchored_after", {}).items()}
        self.anchored_units = {norm(k): v for k, v in data.get("anchored_units", {}).items()}
        self.anchored_counted_only = {norm(w) for w in data.get("anchored_counted_only", [])}
        self.anchored_bare_only = {norm(w) for w in data.get("anchored_bare_only", [])}

    def _fragments(self, data: dict) -> SimpleNamespace:
        """The regex fragments the rules share: month, weekday, day, year, range connector,
        relative words, units, period and article words, and what may stand before and after a
        date (a weekday in front, a bracket, a relative year unit after it)."""
        f = SimpleNamespace()
        mon_names = _alt_names(self.months, lower=self.lowercase_months)
        f.mon = mon_names if not self.month_abbr else (
            "(?:" + mon_names + "|" + _alt_names(self.month_abbr, dotted=True, lower=self.lowercase_months) + ")")
        # a weekday in front of a date may be short or lower case ("Sen, 14 Okt", "minggu (13/10)");
        # alone, its lower-case form must not be an ordinary word ("minggu lalu" is last week)
        f.wd_name = _alt_names(self.weekdays)
        f.wd = _alt_names(self.weekdays, lower=self.lowercase_weekdays)
        if self.weekday_abbr:
            f.wd = "(?:" + f.wd + "|" + _alt_names(self.weekday_abbr, dotted=True) + ")"
        f.wd_alone = _alt_names(self.weekdays, lower=self.lowercase_weekdays, not_lower=self.lower_needs_date)
        ords = data.get("ordinal_suffixes", [])
        day = _DAY + ("(?:" + "|".join(map(re.escape, ords)) + ")?" if ords else "")
        f.day = rf"(?<![\d.,/:])(?:{day})(?![\d])"
        f.y4 = rf"(?<![\w.,]){_Y4}(?![\w]|[.,]\d|-[^\W\d])"  # not "2000-an" (a decade)
        f.rng_core = "(?:" + "|".join(re.escape(r) for r in data.get("range_connectors", ["-"])) + ")"
        f.rng = rf"\s*{f.rng_core}\s*"
        joiners = data.get("day_month_joiners", [])
        f.join = (r"(?:" + _alt_ci(joiners) + r"\s+)?") if joiners else ""
        f.rel_after = _alt_ci(self.rel_after)
        f.rel_before = _alt_ci(self.rel_before)
        f.yunit = _alt_ci([u for u, g in self.period_units.items() if g == "year"])
        f.wunit = _alt_ci([u for u, g in self.period_units.items() if g == "week"])
        f.period = _alt_ci(data.get("periods", {}))
        f.numwords = _alt_ci(self.number_words)
        f.art = _alt_ci(self.articles)
        f.cunit = _alt_ci(self.count_units)
        f.punit = _alt_ci(self.period_units)
        f.sunits = _alt_ci(self.units_with_count)
        f.cafter = _alt_ci(self.count_after)
        dws = data.get("day_words", [])
        f.dw = _alt_ci(dws) if dws else r"(?!x)x"
        f.mw = _alt_ci(data.get("month_words", [])) if data.get("month_words") else r"(?!x)x"
        f.yw = _alt_ci(data.get("year_words", [])) if data.get("year_words") else r"(?!x)x"
        f.dayparts = _alt_ci(data.get("time", {}).get("day_parts", {}))
        f.month_words = _first_words([*self.months, *self.month_abbr])  # the textual rules' trigger
        self._date_edges(data, f)
        return f

    def _date_edges(self, data: dict, f: SimpleNamespace) -> None:
        """What may stand before a date (a weekday: Minggu (13/10/2024); Senin, 14 Oktober; Senin
        kemarin 25/8; a relative day word or a day word for yearless numeric dates) and after it
        (its closing bracket; a year unit with a relative marker: tahun lalu, last year; a relative
        marker)."""
        wdw = data.get("weekday_words", [])
        f.wdp = (rf"(?:{_alt_ci(wdw)}\s+)?" if wdw else "") + rf"(?P<wd>{f.wd})"
        f.wdp_alone = (rf"(?:{_alt_ci(wdw)}\s+)?" if wdw else "") + rf"(?P<wd>{f.wd_alone})"
        wd_mod = rf"(?:\s+(?:{f.rel_after}|{f.dayparts}))?"
        f.wdpre_opt = rf"(?:{f.wdp}{wd_mod}\s*,?\s*(?P<br>\()?\s*)?"
        f.wdpre_req = (rf"(?:(?:{f.wdp}|{_alt_ci(self.rel_days)}){wd_mod}\s*,?\s*(?P<br>\()?\s*"
                       rf"|(?P<dw>{f.dw})\s+)")
        f.close = r"(?(br)\s*\))"
        yrel = rf"(?P<yrel>{f.yunit}\s+(?P<yra>{f.rel_after})|(?P<yrb>{f.rel_before})\s+{f.yunit})"
        f.tail = rf"(?:\s+(?:{yrel}|(?P<rel>{f.rel_after})))?"

    def _compile_sub_period_prefix(self, data: dict, f: SimpleNamespace) -> None:
        """``_prefix_rx``: a part of a year or month ("kuartal pertama 2007", "the first half of
        2024"), a period word or an article, checked only right before a found month/year/relative
        period (cheaper than a prefix in every pattern): "akhir kuartal pertama | 2007",
        "the | end of 2024", "the | 2008 crisis"."""
        sp = data.get("sub_periods", {})
        count = rf"(?:(?:\d{{1,2}}|{f.numwords})\s+)?"
        sub_join = (r"\s+" + _alt_ci(sp["joiners"])) if sp.get("joiners") else ""
        sub_units, sub_ords = _alt_ci(sp.get("units", [])), _alt_ci(sp.get("ordinals", []))
        if sp.get("order") == "ordinal_count_unit":
            sub = rf"(?:{f.art}\s+)?{sub_ords}\s+{count}{sub_units}{sub_join}\s+"
        else:
            sub = rf"{count}{sub_units}\s+{sub_ords}{sub_join}\s+"
        # the last word of any prefix: checked first, the regex runs only after one of them
        self._prefix_last_words = frozenset(
            word for phrase in [*self.articles, *data.get("periods", {}), *sp.get("units", []),
                                *sp.get("ordinals", []), *sp.get("joiners", [])] for word in norm(phrase).split())
        self._prefix_rx = re.compile(
            rf"(?:(?P<art>{f.art})\s+)?(?:(?P<per>{f.period})(?:\s+|-)(?:{f.art}\s+)?)?(?P<sub>{sub})?$")

    # Each rule: (rank, pattern, resolver, trigger). The trigger is what the rule cannot match
    # without, tested once per text before the rule's full scan: a regex, or a set of words (the
    # first word of each phrase, lower case) of which one must occur. Most texts lack most of
    # them, and a word-set lookup or a short digit pattern costs far less than the alternations.
    # The order of the rules is kept: it breaks ties between candidates of equal length and rank.

    def _numeric_rules(self, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rules 1-3: numeric dates with a year (13/10/2024, 13-10-2024, 13.10.2024, 10/1/07), ISO
        dates (2024-10-13), and a numeric day/month without a year, only after a weekday or a day
        word (Rabu 10/1)."""
        return [
            (1, f.wdpre_opt
             + r"(?<![\d.,/:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
             + r"(?![\d]|[.,/:-]\d)" + f.close, self._numeric_full, re.compile(r"\d[/.-]\d")),
            (1, f.wdpre_opt
             + rf"(?<![\d.,/:-])(?P<Y>{_Y4})-(?P<M>0[1-9]|1[0-2])-(?P<D>0[1-9]|[12]\d|3[01])"
             + r"(?![\d]|[.,/:-]\d)" + f.close, self._iso, re.compile(r"\d-\d")),
            (2, f.wdpre_req
             + r"(?<![\d.,/:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d]|[.,/:-]\d|/)" + f.close + f.tail,
             self._numeric_dm, re.compile(r"\d/\d")),
            (2, r"(?<![\d.,/:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d]|[.,/:-]\d|/)",
             self._dateline_dm, re.compile(r"\d/\d")),
        ]

    def _textual_rules(self, data: dict, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rules 4-5, in the orders the language writes: day-month (13 Oktober 2024, 1-3 Oktober
        2024, 30 September - 2 Oktober 2024) and month-day (May 5, 2024, Oct. 1-3, 2024)."""
        orders = data.get("textual_orders", ["dm"])
        rules = []
        if "dm" in orders:
            rules.append((3, f.wdpre_opt + rf"(?:(?P<dw>{f.dw})\s+)?"
                          + rf"(?:(?P<d0>{f.day})\s+{f.join}(?P<m0>{f.mon})(?:,?\s+(?P<y0>{f.y4}))?{f.rng})?"
                          + rf"(?P<d1>{f.day})(?:{f.rng}(?P<d2>{f.day}))?\s+{f.join}(?P<m>{f.mon})"
                          + rf"(?:,?\s+(?P<y>{f.y4}))?" + f.tail + f.close, self._textual, f.month_words))
        if "md" in orders:
            rules.append((3, f.wdpre_opt
                          + rf"(?:(?P<m0>{f.mon})\s+(?P<d0>{f.day}){f.rng})?"
                          + rf"(?P<m>{f.mon})\s+(?P<d1>{f.day})(?:{f.rng}(?P<d2>{f.day}))?"
                          + rf"(?:,?\s+(?P<y>{f.y4}))?" + f.tail + f.close, self._textual, f.month_words))
        return rules

    def _month_and_year_rules(self, data: dict, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rules 6-7: months (Oktober 2024, Januari - Mei 2007, pada Mei, Oktober lalu, last May,
        awal Mei) and years (tahun 2023, pada 2019, awal 2024, 2019-2024, 2019/2020)."""
        ctx = data.get("context_before", {})
        return [
            (4, rf"(?:(?P<ctx>{_alt_ci(ctx.get('month', []))})\s+)?"
             + rf"(?:(?P<per>{f.period})(?:\s+|-))?(?:(?P<relb>{f.rel_before})\s+)?(?:(?P<mw>{f.mw})\s+)?"
             + rf"(?:(?P<m0>{f.mon})(?:,?\s+(?P<y0>{f.y4}))?{f.rng})?(?P<m>{f.mon})"
             + rf"(?:,?\s+(?P<y>{f.y4}))?" + f.tail, self._month, f.month_words),
            (5, rf"(?:(?:(?P<cs>{_alt_ci(ctx.get('year', []))})|(?P<cw>{_alt_ci(ctx.get('year_weak', []))}))\s+)?"
             + rf"(?:(?P<per>{f.period})(?:\s+|-))?(?:(?P<yw>{f.yw})\s+)?"
             + rf"(?P<y>{f.y4})(?:(?:{f.rng}|\s*(?P<slash>/)\s*)(?P<y2>{f.y4}))?(?!\s*[-/]\s*\d)"
             + rf"(?:\s+(?P<rel>{f.rel_after}))?", self._year, re.compile(_Y4)),
        ] + self._decade_rules(data, f)

    def _decade_rules(self, data: dict, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rule 7b: decades, a year ending in 0 with the language's suffix ("1970-an", "tahun 1990-an",
        "the 1970s", "awal 1990-an"); two digits only after a context word ("tahun 90-an", "the '70s")."""
        dec = data.get("decades", {})
        if not dec.get("suffixes"):
            return []
        suffix = "(?:" + "|".join(map(re.escape, sorted(dec["suffixes"], key=len, reverse=True))) + r")(?!\w)"
        ctx = _alt_ci(dec.get("context_words", []))
        return [
            (5, rf"(?:(?P<per>{f.period})(?:\s+|-))?(?:(?P<ctx>{ctx})\s+)?(?:(?P<yw>{f.yw})\s+)?"
             + rf"(?<![\w.,])(?:(?P<y>(?:19|20)\d)0|(?P<ap>['\u2019])?(?P<yy>\d)0){suffix}",
             self._decade, re.compile(r"\d0" + suffix)),
        ]

    def _relative_rules(self, data: dict, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rules 8-11: counted relative (dua hari lalu, 3 minggu yang lalu, sepekan lalu, 2 days
        ago), anchored to another date (dua hari sebelumnya, a year earlier), relative periods
        (pekan depan, akhir bulan ini, earlier this year, kuartal pertama tahun ini, the end of the
        year), relative days (kemarin, hari ini, yesterday) and weekdays (Senin, Senin lalu, last
        Tuesday, Senin pekan lalu)."""
        comp = data.get("comparatives", [])
        not_comp = rf"(?!\s+{_alt_ci(comp)})" if comp else ""
        return [
            (6, rf"(?:(?<![\w.,])(?P<n>\d{{1,3}}|{f.numwords})\s+(?P<u>{f.cunit})|(?P<su>{f.sunits}))"
             + rf"\s+(?P<rel>{f.cafter})", self._counted, _first_words(self.count_after)),
            (6, rf"(?P<cb>{_alt_ci(self.count_before)})\s+(?<![\w.,])(?P<n>\d{{1,3}}|{f.numwords})\s+(?P<u>{f.cunit})"
             + rf"(?:\s+(?P<rel>{f.cafter}))?", self._counted_before, _first_words(self.count_before)),
            (6, rf"(?:(?<![\w.,])(?P<n>\d{{1,3}}|{f.numwords})\s+(?P<u>{f.cunit})|(?P<su>{f.sunits})"
             + rf"|(?<!-)(?P<bu>{_alt_ci(self.anchored_units)}))\s+(?P<anc>{_alt_ci(self.anchored)}){not_comp}",
             self._anchored, _first_words(self.anchored)),
            (8, rf"(?:(?P<per>{f.period})(?:\s+|-))?"
             + rf"(?:(?P<relb>{f.rel_before})\s+(?P<u1>{f.punit})|(?P<u2>{f.punit})\s+(?P<rel>{f.rel_after})"
             + rf"|(?P<dart>{f.art})\s+(?P<u3>{f.punit}))",
             self._period_rel, _first_words(self.period_units)),
            (7, rf"(?P<w>{_alt_ci(self.rel_days)})", self._rel_day, _first_words(self.rel_days)),
            (7, rf"(?:(?P<relb>{f.rel_before})\s+)?{f.wdp_alone}"
             + rf"(?:\s+(?:(?P<wk>{f.wunit})\s+(?P<wkrel>{f.rel_after})|(?P<rel>{f.rel_after})))?",
             self._weekday, _first_words(self.weekdays)),
        ]

    def _time_rules(self, data: dict, f: SimpleNamespace) -> list[tuple[int, str, Callable, object]]:
        """Rule 12: clock times (pukul 10.30 WIB, 10:30 a.m.), with a meridiem, a part of the day
        and a time zone ("WIB", "waktu setempat", "local time", "waktu Paris", "Paris time")."""
        tdata = data.get("time", {})
        zones = sorted(tdata.get("zones", []), key=len, reverse=True)  # exact, case-sensitive
        tz = (r"(?<!\w)(?:" + "|".join(map(re.escape, zones)) + r")(?!\w)") if zones else r"(?!x)x"
        place = rf"(?!{f.wd_name})[A-Z][\w'-]*(?:\s+(?!{f.wd_name})[A-Z][\w'-]*)?"
        tz = "|".join([tz, _alt_ci(tdata.get("local_zones", [])),
                       rf"{_alt_ci(tdata.get('zone_name_before', []))}\s+{place}",
                       rf"{place}\s+{_alt_ci(tdata.get('zone_name_after', []))}"])
        mer = _alt_ci(self.meridiem) if self.meridiem else r"(?!x)x"
        if self.meridiem:  # "a.m." ends with a dot: no word-boundary needed after it
            mer = r"(?i:" + "|".join(_phrase(w) for w in sorted(self.meridiem, key=len, reverse=True)) + r")(?![a-z])"
        hh = r"(?:[01]?\d|2[0-4])"
        # a clock time has a prefix word, a meridiem or minutes (see DateRules._time)
        time_trigger = (_first_words(tdata.get("prefixes", [])), re.compile(rf"\d[.:][0-5]\d|\d\s*{mer}"))
        return [
            (0, rf"(?:(?P<tw>{_alt_ci(tdata.get('prefixes', []))})\s+|(?P<tc>{_alt_ci(tdata.get('context_before', []))})\s+)?"
             + rf"(?<![\w.,:/])(?P<h>{hh})(?:(?P<sep>[.:])(?P<mi>[0-5]\d))?(?![\d]|[.,:]\d)"
             + rf"(?:{f.rng}(?P<h2>{hh})(?:[.:][0-5]\d)?(?![\d]|[.,:]\d))?"
             + rf"(?:\s*(?P<mer>{mer}))?(?:\s+(?P<dp>{_alt_ci(self.day_parts)}))?(?:\s+(?P<tz>{tz}))?",
             self._time, time_trigger),
        ]

    def _compile_context(self, data: dict, f: SimpleNamespace) -> None:
        """The patterns the resolvers look at around a match: coordinated months, blockers, the
        words before and after, identifiers, tense markers, clause breaks, bracketed dates."""
        coord = _alt_ci(data.get("month_coordinators", [])) if data.get("month_coordinators") else r"(?!x)x"
        self._month_partner = re.compile(rf"\s*(?:{coord}|{f.rng_core})\s*(?:{f.mon})(?:,?\s+(?P<y>{f.y4}))?")
        self._month_partner_before = re.compile(rf"(?:{f.mon})\s*(?:{coord}|{f.rng_core})\s*$")
        self._blocker = re.compile("(?:" + _alt_ci(data.get("blockers_before", [])) + r"\s*)+$")
        self._blocker_anywhere = re.compile(_alt_ci(data.get("blockers_before", [])))
        self._next_word = re.compile(r"\s+([^\W\d_]+)")
        self._duration_after = re.compile(r"\s+" + _alt_ci(data.get("time", {}).get("duration_units", [])))
        self._prev_word = re.compile(r"(\S+)\s+$")
        # a part of the day after a day, with its marker: "Senin pagi", "kemarin sore", "dinihari tadi"
        self._day_part_after = re.compile(rf"\s+{_alt_ci(data.get('day_parts_after_date', []))}"
                                          rf"(?:\s+{_alt_ci(data.get('day_part_markers', []))})?")
        # a bare year dates an event after these words ("didirikan 1985"), or after a lower-case
        # word when a clause end, a capitalised word or a year follower comes next ("kesepakatan 2005 yang")
        cb = data.get("count_before", {})
        self._count_before_blocker = re.compile(rf"\s+{_alt_ci(cb.get('not_followed_by', []))}")
        self._year_name_before = re.compile(rf"{_alt_ci(data.get('year_name_words', []))}\s+$")
        self._clause_end_after = re.compile(r"\s*(?:[.,;:!?)\]\"\u201d]|$)")
        self._year_event_before = re.compile(rf"{_alt_ci(data.get('year_event_words', []))}\s+$")
        self._lower_word_before = re.compile(r"(?<![\w.,/-])([^\W\d_]+)\s+$")
        self._year_end_after = re.compile(
            rf"\s*(?:[.,;:!?)\]\"\u201d]|$)|\s+(?:[A-Z]|{_alt_ci(self.year_followers)})")
        # a bare day/month in a dateline ("JAKARTA, 14/10 (ANTARA) -", "Bandung (14/10) -") or in
        # brackets after a name ("di Jakarta (14/10)")
        self._dateline_before = re.compile(r"(?:\A|\n)[ \t]*(?:[A-Z][\w.'-]*[ \t]+){0,3}[A-Z][\w.'-]*[ \t]*,?[ \t]*\(?[ \t]*$")
        self._dateline_after = re.compile(r"[ \t]*\)?[ \t]*(?:[-\u2013\u2014(]|\n|\Z)")
        self._name_bracket_before = re.compile(r"[A-Z][\w.'-]*[ \t]*,?[ \t]*\([ \t]*$")
        self._bracket_close_after = re.compile(r"[ \t]*\)")
        # a year after "nomor 14" is part of an identifier ("Perpres nomor 14 tahun 2007")
        idw = sorted(data.get("identifier_words", []), key=len, reverse=True)
        self._identifier_before = re.compile(
            r"(?<!\w)(?i:" + "|".join(_phrase(w) for w in idw) + r")(?![^\W\d_])\s*\d[\w./-]*\s+$"
        ) if idw else None
        # tense markers earlier in the clause, the nearest wins: "akan bertemu ... Sabtu",
        # "will reopen on Saturday" (future); "telah ... sejak" (past)
        self._tense = re.compile(rf"(?P<fut>{_alt_ci(data.get('future_markers', []))})"
                                 rf"|(?P<past>{_alt_ci(data.get('past_markers', []))})")
        self._clause_break = re.compile(r"[;!?()\[\]\"\u201c\u201d]|[,:](?=\s)|\.\s+(?=[A-Z])")
        self._lower_word_after = re.compile(r"\s+[^\W\d_]")
        self._title_word_after = re.compile(r"\s+[A-Z]")
        # a date followed by a bracketed date: "tadi malam (Rabu malam)"
        self._bracket_open = re.compile(r"\s*\(\s*$")
        self._bracket_close = re.compile(rf"(?:\s+(?:{f.dayparts}|{f.rel_after}))*\s*\)")
