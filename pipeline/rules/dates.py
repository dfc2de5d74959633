"""DATE and TIME rules: date and time expressions found and resolved in plain text, without spaCy
(the spaCy component is :mod:`warta.components.dates`).

Date expressions are found with regular expressions over the character text. Every language fact
(month and weekday names, relative words and their offsets, number words, context prepositions,
period words, time zones...) comes from the language data ``warta/lang/<lang>/dates.json`` (read
with :func:`warta.lang.load_lang_data`); this module holds only the grammar that combines them and
the calendar arithmetic. The patterns are compiled once per language (:func:`date_rules`).

Each :class:`DateMatch` carries:

* ``value`` -- ISO 8601 at the granularity of the text: ``2024-10-13`` (day), ``2024-W41``
  (ISO week), ``2024-10`` (month), ``2024`` (year), ``197`` (decade), ``10:30`` (TIME); None when
  unresolvable.
* ``granularity`` -- ``day`` / ``week`` / ``month`` / ``year`` / ``decade``, or ``time`` for TIME spans.
* ``relative`` -- True when the value depends on the publication date: relative words
  ("kemarin", "last week"), weekdays, and day/month expressions without a year. Without a
  publication date such expressions get value None. Today's date is never used.

Ranges ("1-3 Oktober 2024", "2019-2024") are one span whose value is the start.

Resolution conventions (see corpus/gold/README.md, "DATE gold"):

* a day and month, or a month, without a year is the most recent one not after the publication date
  (ANNOTATION.md, settled cases); a marker after it ("lalu", "mendatang") or a future marker earlier
  in its clause ("akan", "will") picks the past/next one; a weekday beside it pins the year;
* a part of the day after a day is inside its span ("Senin pagi", "kemarin sore"); a decade
  ("1970-an", "the 1970s") has granularity ``decade`` and the value of its first three digits;
* an offset from an event of the story ("dua hari sebelumnya", "a year earlier") is a duration (a
  FIGURE), not a date; only the bare form ("hari sebelumnya") is one;
* a bare weekday is the most recent such day on or before publication, or the next one on or after
  it when a future marker stands earlier in its clause (the tense marker nearest the date wins:
  "yang akan pensiun itu sudah tiba Senin" is past);
* a part of a year or month ("kuartal pertama 2007", "the first half of 2024") has the value of the
  year or month it names (there is no quarter granularity);
* an expression anchored to another date ("hari sebelumnya", "the year before") is resolved from
  the nearest date before it in the text, or from publication when there is none;
* a date followed by a bracketed date ("tadi malam (Rabu malam)") is one span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from warta.rules.calendar_math import (format_date, parse_published, period_start, safe_date, shift_date,
                                       weekday_date)
from warta.rules.date_patterns import WORD, DatePatterns, norm, sentence_initial

__all__ = ["DateMatch", "DateRules", "date_rules", "find_dates", "resolve"]

_GRAN_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
# a bare "YYYY-YYYY" is a span of years when the years are at most this far apart
MAX_YEAR_RANGE = 50


@dataclass(frozen=True)
class DateMatch:
    """One expression found in a text: character offsets (end exclusive) and its resolution."""

    start: int
    end: int
    label: str          # "DATE" or "TIME"
    value: Optional[str]
    granularity: str    # day / week / month / year / time
    relative: bool
    # (unit, offset) for expressions anchored to an earlier date of the text ("two days before"):
    # resolved in DateRules.find from that date
    anchor: Optional[tuple[str, int]] = None




def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``word`` in ``text`` as a whole word (str.find is far
    cheaper than a regex scan for the one or two anchor words a text holds)."""
    spans, at = [], text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            spans.append((at, end))
        at = text.find(word, end)
    return spans


class DateRules(DatePatterns):
    """The date and time rules of one language: the patterns (:class:`DatePatterns`, built once from its
    ``dates.json``), the matching of a text and the resolvers that turn a match into a value."""

    # ------------------------------------------------------------------ public

    # A rule is run only in windows of the text around the words or digits it cannot match
    # without (its anchors): a date reaches at most this far before and after its anchor. Most
    # of a news text is far from any month, year or weekday, and the alternations cost the most
    # where they are tried at every word. Windows that touch are merged; the results are those
    # of a scan of the whole text (tests/test_dates_informal.py checks it on long texts).
    WINDOW_BEFORE = 60
    WINDOW_AFTER = 60

    def find(self, text: str, published=None) -> list[DateMatch]:
        """All non-overlapping date/time expressions in ``text``, in text order."""
        pub = parse_published(published)
        cands: list[tuple[DateMatch, int]] = []
        lower = text.lower()
        words = frozenset(WORD.findall(lower))
        # a blocker ("©") is looked for before each date only when the text has one
        blockable = self._blocker_anywhere.search(text) is not None
        for rank, rx, fn, trigger, anchor in self._rules:
            if isinstance(trigger, frozenset):
                if words.isdisjoint(trigger):
                    continue
            elif isinstance(trigger, re.Pattern) and trigger is not anchor and trigger.search(text) is None:
                continue  # (a pattern or a pair that is its own anchor is searched once, for the windows)
            for lo, hi in self._windows(anchor, words, text, lower):
                for m in rx.finditer(text, lo, hi):
                    found = fn(m, pub, text)
                    if found is None or found.end <= found.start:
                        continue
                    if blockable and self._blocker.search(text, max(0, found.start - 40), found.start):
                        continue
                    cands.append((self._with_day_part(found, text), rank))
        cands.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
        taken = bytearray(len(text))
        out = []
        for found, _ in cands:
            if any(taken[found.start:found.end]):
                continue
            taken[found.start:found.end] = b"\x01" * (found.end - found.start)
            out.append(found)
        out.sort(key=lambda f: f.start)
        return self._resolve_anchors(self._merge_brackets(text, out), pub)

    def _windows(self, anchor, words: frozenset, text: str, lower: str) -> list[tuple[int, int]]:
        """The merged (start, end) windows around a rule's anchors: words (a set, found in the
        lower-cased text) or a pattern."""
        spans = sorted(self._anchor_spans(anchor, words, text, lower))
        windows: list[tuple[int, int]] = []
        for start, end in spans:
            lo, hi = max(0, start - self.WINDOW_BEFORE), min(len(text), end + self.WINDOW_AFTER)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
        return windows

    def _anchor_spans(self, anchor, words: frozenset, text: str, lower: str) -> list[tuple[int, int]]:
        """(start, end) of a rule's anchors: words (a set), a pattern, or a pair of both."""
        if isinstance(anchor, tuple):
            return [span for part in anchor for span in self._anchor_spans(part, words, text, lower)]
        if isinstance(anchor, frozenset):
            if len(lower) != len(text):  # lower-casing moved the offsets (rare letters): scan it all
                return [(0, len(text))]
            return [span for word in words & anchor for span in _word_spans(lower, word)]
        return [m.span() for m in anchor.finditer(text)]

    def _merge_brackets(self, text: str, found: list[DateMatch]) -> list[DateMatch]:
        """A date followed by a bracketed date is one span: "tadi malam (Rabu malam)". The value is
        the finer of the two (the first on a tie)."""
        out: list[DateMatch] = []
        for f in found:
            prev = out[-1] if out else None
            if (prev is not None and prev.label == f.label == "DATE" and prev.anchor is None
                    and f.anchor is None and self._bracket_open.fullmatch(text, prev.end, f.start)):
                close = self._bracket_close.match(text, f.end)
                if close is not None:
                    pick = prev
                    if prev.value is None or (f.value is not None and _GRAN_ORDER.get(f.granularity, 9)
                                              < _GRAN_ORDER.get(prev.granularity, 9)):
                        pick = f
                    out[-1] = replace(pick, start=prev.start, end=close.end())
                    continue
            out.append(f)
        return out

    @staticmethod
    def _resolve_anchors(found: list[DateMatch], pub: Optional[date]) -> list[DateMatch]:
        """Values of anchored expressions ("dua hari sebelumnya", "a year earlier"): shifted from
        the nearest date before them, or from publication when the text has none before them.
        An anchor coarser than the shifted unit gives no value."""
        out, last = [], None
        for f in found:
            if f.anchor is not None:
                unit, off = f.anchor
                base = pub
                if last is not None:
                    base = None
                    if last.value is not None and _GRAN_ORDER[last.granularity] <= _GRAN_ORDER[unit]:
                        base = period_start(last.value)
                f = replace(f, value=format_date(shift_date(base, unit, off), unit) if base else None)
            elif f.label == "DATE" and f.granularity in _GRAN_ORDER:
                last = f
            out.append(f)
        return out

    # ------------------------------------------------------------------ helpers

    def _month_num(self, token: str) -> tuple[int, bool]:
        """(month number, weak) -- weak for abbreviations and lower-case names, which are only
        accepted next to a day or a year."""
        key = token.rstrip(".").lower()
        if key in self.months:
            return self.months[key], token.islower()
        return self.month_abbr[key], True

    @staticmethod
    def _start(m: re.Match, *groups: str) -> int:
        starts = [m.start(g) for g in groups if m.group(g) is not None]
        return min(starts) if starts else m.start()

    def _rel_offset(self, m: re.Match) -> tuple[Optional[int], Optional[int]]:
        """(offset of a year-unit phrase after the date, offset of a bare relative marker)."""
        groups = m.groupdict()
        yoff = None
        if groups.get("yrel") is not None:
            if groups.get("yra") is not None:
                yoff = self.rel_after[norm(groups["yra"])]
            else:
                yoff = self.rel_before[norm(groups["yrb"])]
        rel = groups.get("rel")
        return yoff, (self.rel_after[norm(rel)] if rel is not None else None)

    def _marked_offset(self, m: re.Match, text: str) -> tuple[Optional[int], Optional[int]]:
        """_rel_offset, with a future marker earlier in the clause standing for "the next one"."""
        yoff, rel = self._rel_offset(m)
        if yoff is None and rel is None and self._future_before(text, m.start()):
            rel = 1
        return yoff, rel

    def _prefix(self, m: re.Match, text: str, *groups: str) -> tuple[int, bool, bool, bool]:
        """(span start, has a period or sub-period word, has only an article before it, has a
        sub-period word) for a match starting at its first group among ``per`` and ``groups``.
        A sub-period ("kuartal pertama", "the first half of") or period word before the match
        extends it; an article ("the") extends it only before a period word."""
        start = self._start(m, "per", *groups)
        p = self._prefix_rx.search(text, max(0, start - 80), start) if self._may_have_prefix(text, start) else None
        if p is None or p.start() == start:
            return start, m.group("per") is not None, False, False
        art_only = p.group("per") is None and p.group("sub") is None
        if m.group("per") is not None:  # only an article may stand before a period word
            return (p.start() if art_only else start), True, False, False
        if not art_only:
            return p.start(), True, False, p.group("sub") is not None
        return start, False, True, False

    def _may_have_prefix(self, text: str, start: int) -> bool:
        """Whether the word before ``start`` (across spaces or a hyphen) may end a prefix."""
        end = start
        while end > 0 and text[end - 1] in " \t\n\r-":
            end -= 1
        begin = end
        while begin > 0 and _is_word_char(text[begin - 1]):
            begin -= 1
        return text[begin:end].lower() in self._prefix_last_words

    def _infer_year(self, pub: Optional[date], month: int, day: Optional[int],
                    yoff: Optional[int], rel: Optional[int], weekday: Optional[int]) -> Optional[int]:
        """Year of a day/month written without one, from the publication date."""
        if pub is None:
            return None
        if yoff is not None:
            return pub.year + yoff
        y = pub.year
        if weekday is not None and day is not None:  # the weekday pins the year
            order = (y, y - 1, y + 1) if not rel or rel < 0 else (y, y + 1, y - 1)
            for cand_year in order:
                cand = safe_date(cand_year, month, day)
                if cand is None or cand.weekday() != weekday:
                    continue
                if (rel and rel < 0 and cand > pub) or (rel and rel > 0 and cand < pub):
                    continue  # "Rabu (29/10) lalu" is never after publication
                return cand_year
        if rel is None:  # no marker: the most recent such day or month not after publication
            if day is None:
                return y - 1 if month > pub.month else y
            cand = safe_date(y, month, day)
            return y - 1 if cand is not None and cand > pub else y
        if rel:
            if day is None:
                later, earlier = month > pub.month, month < pub.month
            else:
                cand = safe_date(y, month, day)
                if cand is None:
                    return y
                later, earlier = cand > pub, cand < pub
            if rel < 0 and later:
                return y - 1
            if rel > 0 and earlier:
                return y + 1
            return y
        return y

    def _future_before(self, text: str, start: int) -> bool:
        """The tense marker nearest before ``start`` in its clause is a future one ("akan", "will")."""
        return self._tense_before(text, start) == "fut"

    def _tense_before(self, text: str, start: int) -> Optional[str]:
        """"fut" or "past": the kind of the tense marker nearest before ``start`` in its clause."""
        lo = max(0, start - 150)
        for brk in self._clause_break.finditer(text, lo, start):
            lo = brk.end()
        last = None
        for last in self._tense.finditer(text, lo, start):
            pass
        return None if last is None else last.lastgroup

    def _weekday_of(self, m: re.Match) -> Optional[int]:
        wd = m.groupdict().get("wd")
        return self._weekday_num(wd) if wd is not None else None

    def _weekday_num(self, token: str) -> int:
        """0 (Monday) to 6 of a weekday name or its short form ("Sen.", "Thurs")."""
        key = norm(token.rstrip("."))
        return self.weekdays[key] if key in self.weekdays else self.weekday_abbr[key]

    def _plain_lower_name(self, token: str) -> bool:
        """A full month name in lower case that is no ordinary word (not the verb "may")."""
        key = token.lower()
        return token.islower() and key in self.months and key not in self.lower_needs_date

    def _follower_ok(self, text: str, end: int) -> bool:
        nxt = self._next_word.match(text, end)
        if nxt is None:
            return True
        word = nxt.group(1)
        return not word[:1].islower() or word.lower() in self.year_followers

    def _dates_an_event(self, text: str, start: int, end: int) -> bool:
        """A bare year that dates an event: after an event word ("didirikan 1985", "anggaran 2019"),
        or after a lower-case word that is no count word when the clause ends or a name or a year
        follower comes next ("kesepakatan nuklir 2005 yang ..."); not after a name ("Piala Dunia
        2018", "APBN 2024")."""
        lo = max(0, start - 40)
        if self._year_event_before.search(text, lo, start):
            return True
        prev = self._lower_word_before.search(text, lo, start)
        if prev is None or not prev.group(1).islower():
            return False
        word = prev.group(1)
        if word in self.year_quantity_words or word in self.count_like or word in self.articles:
            return False
        return self._year_end_after.match(text, end) is not None

    def _month_between_words(self, text: str, m: re.Match, start: int) -> bool:
        """A month name alone after a lower-case word and before no name ("laju inflasi Juni masih
        tinggi"), unless the month is also a person's name ("Mei", "April")."""
        if m.start("m") != start or m.end("m") != m.end() or norm(m.group("m")) in self.months_also_names:
            return False
        prev = self._lower_word_before.search(text, max(0, start - 30), start)
        if prev is None or not prev.group(1).islower() or prev.group(1) in self.articles:
            return False
        return self._title_word_after.match(text, m.end()) is None

    def _with_day_part(self, found: DateMatch, text: str) -> DateMatch:
        """A day with the part of the day after it inside its span: "Senin pagi", "kemarin sore",
        "Kamis (3/2) dinihari tadi", "Monday morning"."""
        if found.label != "DATE" or found.granularity != "day" or found.anchor is not None:
            return found
        part = self._day_part_after.match(text, found.end)
        return found if part is None else replace(found, end=part.end())

    def _day_match(self, m, y, mo, d, relative) -> Optional[DateMatch]:
        if y is None:
            return DateMatch(m.start(), m.end(), "DATE", None, "day", True)
        dt = safe_date(y, mo, d)
        if dt is None:
            return None
        return DateMatch(m.start(), m.end(), "DATE", dt.isoformat(), "day", relative)

    # ------------------------------------------------------------------ rule handlers

    def _ymd_order(self, a: int, b: int) -> tuple[int, int]:
        """(month, day) from two numbers in the language's numeric order, swapping if invalid."""
        d, mo = (a, b) if self.numeric_order.startswith("d") else (b, a)
        if not 1 <= mo <= 12 and 1 <= d <= 12:
            d, mo = mo, d
        return mo, d

    def _numeric_full(self, m, pub, text):
        ys = m.group("y")
        if len(ys) == 2:
            if m.group("sep") != "/":
                return None
            y = int(ys) + (2000 if int(ys) < 70 else 1900)
        else:
            y = int(ys)
            if not 1900 <= y <= 2099:
                return None
        mo, d = self._ymd_order(int(m.group("a")), int(m.group("b")))
        if not 1 <= mo <= 12:
            return None
        return self._day_match(m, y, mo, d, False)

    def _iso(self, m, pub, text):
        return self._day_match(m, int(m.group("Y")), int(m.group("M")), int(m.group("D")), False)

    def _numeric_dm(self, m, pub, text):
        mo, d = self._ymd_order(int(m.group("a")), int(m.group("b")))
        if not 1 <= mo <= 12 or safe_date(2000, mo, d) is None:  # 2000: leap year, accepts 29/2
            return None
        yoff, rel = self._marked_offset(m, text)
        y = self._infer_year(pub, mo, d, yoff, rel, self._weekday_of(m))
        return self._day_match(m, y, mo, d, True)

    def _dateline_dm(self, m, pub, text):
        """A bare day/month where a dateline puts it ("JAKARTA, 14/10 (ANTARA) -", "Bandung (14/10) -")
        or in brackets after a name ("di Jakarta (14/10)"); its year from the publication date."""
        start, end = m.start(), m.end()
        in_dateline = (self._dateline_before.search(text, max(0, start - 60), start) is not None
                       and self._dateline_after.match(text, end) is not None)
        bracketed = (self._bracket_close_after.match(text, end) is not None
                     and self._name_bracket_before.search(text, max(0, start - 40), start) is not None)
        if not (in_dateline or bracketed):
            return None
        mo, d = self._ymd_order(int(m.group("a")), int(m.group("b")))
        if not 1 <= mo <= 12 or safe_date(2000, mo, d) is None:
            return None
        y = self._infer_year(pub, mo, d, None, None, None)
        return self._day_match(m, y, mo, d, True)

    def _textual(self, m, pub, text):
        g = m.groupdict()
        mo, weak = self._month_num(g["m"])
        if weak and g["m"].islower() and g.get("y") is None and (
                m.start("m") < m.start("d1") or g["m"].lower() in self.lower_needs_date):
            return None  # a lower-case month before the day, or one that is a word ("5 may"), needs a year
        d = int(re.match(r"\d+", g["d1"]).group())
        if g.get("d2") is not None and int(re.match(r"\d+", g["d2"]).group()) <= d and g.get("m0") is None:
            return None  # "5-3 Mei" is not a range
        if g.get("m0") is not None:  # cross-month range: the value is the start
            mo0, _ = self._month_num(g["m0"])
            d0 = int(re.match(r"\d+", g["d0"]).group())
            y_text = g.get("y0") or g.get("y")
        else:
            mo0, d0, y_text = mo, d, g.get("y")
        if y_text is not None:
            return self._day_match(m, int(y_text), mo0, d0, False)
        if safe_date(2000, mo0, d0) is None:
            return None
        yoff, rel = self._marked_offset(m, text)
        y = self._infer_year(pub, mo0, d0, yoff, rel, self._weekday_of(m))
        return self._day_match(m, y, mo0, d0, True)

    def _month(self, m, pub, text):
        g = m.groupdict()
        mo, abbr = self._month_num(g["m"])
        has_year = g["y"] is not None or g["y0"] is not None
        yoff, rel = self._rel_offset(m)
        relb = self.rel_before[norm(g["relb"])] if g["relb"] is not None else None
        partner = None
        start, marked, _, _ = self._prefix(m, text, "relb", "mw", "m0", "m")
        if not has_year and not (g["yrel"] or g["rel"]):
            # coordinated with a following month ("Januari hingga Oktober 2007"): shares its year
            partner = self._month_partner.match(text, m.end())
            if partner is None and g["m0"] is None and g["ctx"] is None:
                # second of two coordinated months ("November dan Desember")
                partner = self._month_partner_before.search(text, max(0, m.start() - 40), m.start())
        if not has_year:
            if abbr and not self._plain_lower_name(g["m"]):
                return None  # abbreviations and lower-case "may" alone are too ambiguous
            if not (g["ctx"] or marked or g["relb"] or g["mw"] or g["m0"] or g["yrel"]
                    or g["rel"] or partner or self._month_between_words(text, m, start)):
                return None  # a bare month name may be a person ("Mei", "May")
        if g["m0"] is not None:
            mo, _ = self._month_num(g["m0"])
            y_text = g["y0"] or g["y"]
        else:
            y_text = g["y"]
        if y_text is None and partner is not None and "y" in partner.groupdict():
            y_text = partner.group("y")
        if y_text is not None:
            return DateMatch(start, m.end(), "DATE", f"{int(y_text):04d}-{mo:02d}", "month", False)
        if rel is None and relb is not None:
            rel = relb
        if rel is None and yoff is None and self._future_before(text, start):
            rel = 1
        y = self._infer_year(pub, mo, None, yoff, rel, None)
        value = f"{y:04d}-{mo:02d}" if y is not None else None
        return DateMatch(start, m.end(), "DATE", value, "month", True)

    def _year(self, m, pub, text):
        g = m.groupdict()
        y = int(g["y"])
        if g["y2"] is not None:
            y2 = int(g["y2"])
            if y2 <= y or (g["slash"] is not None and y2 != y + 1):
                return None
        if g["yw"] and self._identifier_before is not None and self._identifier_before.search(
                text, max(0, m.start("yw") - 40), m.start("yw")):
            return None  # "nomor 14 tahun 2007": part of an identifier
        start, marked, art, _ = self._prefix(m, text, "yw", "y")
        if not (g["cs"] or g["cw"] or marked) and (g["yw"] is None or " " not in norm(g["yw"])) \
                and self._year_name_before.search(text, max(0, start - 30), start):
            return None  # "APBN tahun 2008", "Pemilu 2019": a year in a name ("tahun anggaran" dates it)
        # "the 2008 financial crisis": a year between an article and a noun is attributive
        after = self._lower_word_after.match(text, m.end()) if art else None
        attributive = after is not None and after.group()[-1].islower()  # not "the 2018 World Cup": a name
        if not (g["yw"] or marked or g["cs"] or attributive):
            close_range = g["y2"] is not None and int(g["y2"]) - y <= MAX_YEAR_RANGE
            if not (g["cw"] or close_range):
                if not self._dates_an_event(text, m.start("y"), m.end()):
                    return None
            elif not close_range and not self._follower_ok(text, m.end()):
                return None  # weak context: "hingga 2000 <noun>" is a count, not a year
        return DateMatch(start, m.end(), "DATE", f"{y:04d}", "year", False)

    def _counted(self, m, pub, text):
        g = m.groupdict()
        if g["su"] is not None:
            unit, n = self.units_with_count[norm(g["su"])]
        else:
            unit = self.count_units[norm(g["u"])]
            n = int(g["n"]) if g["n"].isdigit() else self.number_words[norm(g["n"])]
        off = self.count_after[norm(g["rel"])]
        value = format_date(shift_date(pub, unit, n * off), unit) if pub else None
        return DateMatch(m.start(), m.end(), "DATE", value, unit, True)

    def _counted_before(self, m, pub, text):
        """A count from the time of writing opened before it: "dalam 3 hari", "in two weeks"."""
        g = m.groupdict()
        n_word = norm(g["n"])
        if n_word in self.count_before_excluded:
            return None  # "in a day": a rate or a span, not a date
        if g["rel"] is None:
            if self._count_before_blocker.match(text, m.end()):
                return None  # "dalam 3 hari terakhir": a span of time
            tense = self._tense_before(text, m.start())
            if tense == "past" or (tense is None and not self._clause_end_after.match(text, m.end())):
                # "telah rampung dalam 3 hari", "naik dalam dua tahun berkat ...": how long it
                # took, a duration; a date when a future marker comes before it or the clause ends
                return None
        off = self.count_before[norm(g["cb"])]
        if g["rel"] is not None and self.count_after[norm(g["rel"])] != off:
            return None
        unit = self.count_units[norm(g["u"])]
        n = int(g["n"]) if g["n"].isdigit() else self.number_words[n_word]
        value = format_date(shift_date(pub, unit, n * off), unit) if pub else None
        return DateMatch(m.start(), m.end(), "DATE", value, unit, True)

    def _decade(self, m, pub, text):
        """A decade: "1970-an", "tahun 1990-an", "the 1970s" -> "197"; "tahun 90-an" -> "199"."""
        g = m.groupdict()
        if g["y"] is not None:
            value = g["y"]
        else:
            if not (g["ctx"] or g["yw"]):
                return None  # "30-an" alone is an approximate count
            digit = int(g["yy"])
            value = f"{19 if digit >= 2 else 20}{digit}"
        start, _, _, _ = self._prefix(m, text, "yw", "y", "ap", "yy")
        return DateMatch(start, m.end(), "DATE", value, "decade", False)

    def _period_rel(self, m, pub, text):
        g = m.groupdict()
        start, marked, _, sub = self._prefix(m, text, "relb", "u2", "dart")
        if g["relb"] is not None:
            unit, off = self.period_units[norm(g["u1"])], self.rel_before[norm(g["relb"])]
        elif g["rel"] is not None:
            unit, off = self.period_units[norm(g["u2"])], self.rel_after[norm(g["rel"])]
        else:  # "the end of the year": the current one, only after a period word
            if not marked:
                return None
            unit, off = self.period_units[norm(g["u3"])], 0
        if sub and unit in ("day", "week"):
            return None  # "the first days of the week": not a calendar period we can name
        if not marked:
            prev = self._prev_word.search(text, max(0, m.start() - 30), m.start())
            if prev is not None:
                word = prev.group(1).lower()
                if word.isdigit() or word in self.count_like:
                    return None  # "dua pekan depan", "beberapa bulan lalu": counted/vague
        value = format_date(shift_date(pub, unit, off), unit) if pub else None
        return DateMatch(start, m.end(), "DATE", value, unit, True)

    def _anchored(self, m, pub, text):
        g = m.groupdict()
        marker, bare = norm(g["anc"]), g["bu"] is not None
        if (bare and marker in self.anchored_counted_only) or (not bare and marker in self.anchored_bare_only):
            return None  # "hari kemudian": "the day, then"; "dua tahun berikutnya": a duration
        if not bare:
            # "dua hari sebelumnya", "a year earlier": an offset from an event of the story is a
            # duration (a FIGURE, ANNOTATION.md settled cases); matched only so that no shorter
            # date is found inside it
            return None
        prev = self._prev_word.search(text, max(0, m.start() - 30), m.start())
        if prev is not None:
            word = prev.group(1).lower()
            if word.isdigit() or word in self.count_like:
                return None  # "beberapa hari sebelumnya": vague
        unit = self.anchored_units[norm(g["bu"])]
        off = self.anchored[norm(g["anc"])]
        return DateMatch(m.start(), m.end(), "DATE", None, unit, True, anchor=(unit, off))

    def _rel_day(self, m, pub, text):
        off = self.rel_days[norm(m.group("w"))]
        value = (pub + timedelta(days=off)).isoformat() if pub else None
        return DateMatch(m.start(), m.end(), "DATE", value, "day", True)

    def _weekday(self, m, pub, text):
        g = m.groupdict()
        wd_word = norm(g["wd"])
        weekday = self.weekdays[wd_word]
        if (g["rel"] is not None or g["wk"] is not None) and wd_word in self.period_units \
                and sentence_initial(text, m.start()):
            return None  # sentence-initial "Minggu lalu" is "last week", not "last Sunday"
        if g["relb"] is None and self._title_word_after.match(text, m.end()):
            prev = self._prev_word.search(text, max(0, m.start() - 30), m.start())
            if prev is not None and prev.group(1).lower() in self.articles:
                return None  # "The Sunday Times": part of a name
        if pub is None:
            return DateMatch(m.start(), m.end(), "DATE", None, "day", True)
        if g["wk"] is not None:
            week_off = self.rel_after[norm(g["wkrel"])]
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=week_off)
            d = monday + timedelta(days=weekday)
        else:
            off = None
            if g["relb"] is not None:
                off = self.rel_before[norm(g["relb"])]
            elif g["rel"] is not None:
                off = self.rel_after[norm(g["rel"])]
            if off is None and self._future_before(text, m.start()):
                d = pub + timedelta(days=(weekday - pub.weekday()) % 7)  # the next one, on or after
            else:
                d = weekday_date(pub, weekday, off)
        return DateMatch(m.start(), m.end(), "DATE", d.isoformat(), "day", True)

    def _time(self, m, pub, text):
        g = m.groupdict()
        if not (g["tw"] or g["mer"] or (g["tz"] and g["mi"]) or (g["tc"] and g["sep"] == ":")):
            return None
        if self._duration_after.match(text, m.end()):
            return None  # "jam 21 menit": an hour count followed by minutes, a duration
        if g["tw"] is not None:
            prev = self._prev_word.search(text, max(0, m.start() - 30), m.start())
            if prev is not None and (prev.group(1).isdigit() or prev.group(1).lower() in self.count_like):
                return None  # "satu jam 15": the prefix is a counted unit here
        h = int(g["h"])
        mi = int(g["mi"]) if g["mi"] else 0
        if h == 24 and mi:
            return None
        if g["mer"] is not None:
            if h > 12 or h == 0:
                return None
            h = h % 12 + self.meridiem[norm(g["mer"])]
        elif g["dp"] is not None:
            lo, hi = self.day_parts[norm(g["dp"])]
            if not lo <= h <= hi and lo <= h + 12 <= hi:
                h += 12
        h %= 24
        start = m.start("tw") if g["tw"] else m.start("h")
        return DateMatch(start, m.end(), "TIME", f"{h:02d}:{mi:02d}", "time", False)


@lru_cache(maxsize=None)
def date_rules(lang: str) -> DateRules:
    """The date rules of ``lang``, built once per process (patterns compiled on first use)."""
    return DateRules(lang)


def find_dates(text: str, lang: str, published=None) -> list[DateMatch]:
    """All date/time expressions in ``text`` resolved against ``published`` (ISO string or None)."""
    return date_rules(lang).find(text, published)


def resolve(text: str, lang: str, published=None) -> Optional[tuple[Optional[str], str, bool]]:
    """(value, granularity, relative) of the longest date/time expression in ``text``; None if none.

    A day/month/year found in the text without relative words has ``relative`` False.
    """
    found = find_dates(text, lang, published)
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return best.value, best.granularity, best.relative
