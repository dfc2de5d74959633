"""The publication date of a document: read with dateparser from its field or page metadata, found in
the article's dateline by Warta's own date grammar, or taken from the crawl (WARC-Date).

Values are ISO 8601: ``2024-10-14T10:15:00+07:00`` when a time is known (always with an offset: the
string's own zone, or the language's local zone from ``published.json``), ``2024-10-14`` when only a
date is. Relative phrases ("2 jam yang lalu", "yesterday") are resolved against the crawl time and
never against the machine's clock, so an output does not depend on when a run happens. Every fact of
a language (zone abbreviations, labels, dateline cues) is read from ``warta/lang/<lang>/published.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Optional, Union

from dateparser.date import DateDataParser

from warta.lang import SUPPORTED_LANGS, load_lang_data
from warta.rules.dates import DateMatch, date_rules

__all__ = ["Published", "UNPARSEABLE", "find_dateline", "parse_publication_date", "resolve_published"]

UNPARSEABLE = "unparseable publication date"
# how far into the text a dateline may reach
DATELINE_CHARS = 300
# epoch seconds have 9-11 digits (1973-5138), milliseconds 13
_EPOCH_SECONDS = re.compile(r"\d{9,11}(?:\.\d+)?")
_EPOCH_MILLIS = re.compile(r"\d{13}")
# separators that pages put between the parts of a date line: "Senin, 14/10/2024 | 10:15 WIB"
_SEPARATORS = re.compile(r"\s+[-–—|•·]+\s+|[|•·]|[()\[\]]")
# "GMT+7", "UTC+07:00", "GMT +7" and a trailing "+07" written as "+07:00"
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d\d))?\b", re.IGNORECASE)
_SHORT_OFFSET = re.compile(r"(\d:\d\d(?::\d\d(?:\.\d+)?)?)([+-]\d\d)$")
# an offset standing apart ("10:15 +07:00, 14 Oktober 2024"): dateparser reads one only at the end
_LOOSE_OFFSET = re.compile(r"(?<=\s)[+-]\d\d:\d\d(?=[\s,])")
_FIRST_DIGIT = re.compile(r"\d")
# ISO 8601 as page metadata and WARC-Date write it, read without dateparser (~200x faster, same value)
_ISO_8601 = re.compile(r"\d{4}-\d\d-\d\d(?P<time>[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
                       # the basic (compact) form some pages' <meta name="pubdate"> use: 20240219T063000+1000
                       r"|\d{8}(?P<basic_time>T\d{4}(?:\d\d)?(?:Z|[+-]\d\d:?\d\d)?)")
# the end of a sentence: a full stop (not inside "KOMPAS.com" or "Oct.") then a space and a capital
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘(]?[A-Z])")
# a dateline's dash: spaced hyphen, or an en/em dash
_DATELINE_DASH = re.compile(r"\s+-{1,2}\s+|\s*[–—]\s*")
_WORD = re.compile(r"\w[\w'.]*")
# periods of a dateparser result that name a day; week covers "seminggu yang lalu" (seven days)
_DAY_PERIODS = {"day", "time"}
_RELATIVE_PERIODS = {"day", "time", "week"}
# absolute dates only (epochs and relative phrases are handled apart); RETURN_AS_TIMEZONE_AWARE is left
# at its default, which returns an aware datetime exactly when the string names a zone
_ABSOLUTE_SETTINGS = {"PARSERS": ["absolute-time"], "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                      "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_TIME_AS_PERIOD": True}
_RELATIVE_SETTINGS = {"PARSERS": ["relative-time"], "RETURN_TIME_AS_PERIOD": True, "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class Published:
    """The publication date of one document, where it came from, and what could not be read."""

    value: Optional[str]    # ISO 8601 date or datetime with offset; None when none was found
    source: str             # "field" | "html" | "dateline" | "warc" | "none"
    raw: Optional[str]      # the first candidate that could not be parsed, else None
    warning: Optional[str]  # UNPARSEABLE when raw is set, else None


# ---------------------------------------------------------------------------------- language data


@dataclass(frozen=True)
class _Facts:
    """The publication-date facts of a list of languages, compiled once."""

    zones: Optional[re.Pattern]
    zone_offsets: dict
    labels: Optional[re.Pattern]
    relative_words: Optional[re.Pattern]
    relative_forms: dict
    weekday_prefix: Optional[re.Pattern]


def _alternation(words) -> Optional[re.Pattern]:
    """Case-insensitive whole-word alternation, longest first; None when there are no words."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _data(lang: str) -> dict:
    return load_lang_data(lang, "published")


def _offset(text: Optional[str]) -> Optional[timezone]:
    """An offset "+07:00" as a timezone; None for None."""
    if text is None:
        return None
    return datetime.strptime(text, "%z").tzinfo


@lru_cache(maxsize=None)
def _facts(langs: tuple[str, ...]) -> _Facts:
    zones, labels, relative, weekdays = {}, [], {}, []
    for lang in langs:
        data = _data(lang)
        zones.update({k.lower(): v for k, v in data.get("zones", {}).items()})
        labels += data.get("labels", [])
        relative.update({k.lower(): v for k, v in data.get("relative_words", {}).items()})
        weekdays += list(load_lang_data(lang, "dates")["weekdays"])
    weekday = _alternation(weekdays)
    # a weekday leading a date carries nothing the date does not ("Jum'at, 1 Nov 2024"); one before
    # a word may be another word ("Minggu lalu": last week) and stays
    weekday_prefix = re.compile(rf"^\s*(?:{weekday.pattern})[\s,.]*(?=\d)", re.IGNORECASE) if weekday else None
    return _Facts(_alternation(zones), zones, _alternation(labels), _alternation(relative), relative, weekday_prefix)


def _languages(lang: Optional[str]) -> tuple[str, ...]:
    """The languages to read a string in: the document's first, then the other supported ones."""
    first = (lang,) if lang in SUPPORTED_LANGS else ()
    return first + tuple(code for code in SUPPORTED_LANGS if code not in first)


@lru_cache(maxsize=None)
def _local_offset(lang: Optional[str]) -> Optional[timezone]:
    """The offset of a time written without a zone in this language; None where it has none."""
    return _offset(_data(lang).get("local_offset")) if lang in SUPPORTED_LANGS else None


# ---------------------------------------------------------------------------------- parsing


@lru_cache(maxsize=None)
def _absolute_parser(langs: tuple[str, ...]) -> DateDataParser:
    """A dateparser reader of absolute dates in these languages (kept: building one is slow)."""
    return DateDataParser(languages=list(langs), settings=dict(_ABSOLUTE_SETTINGS))


@lru_cache(maxsize=64)
def _relative_parser(langs: tuple[str, ...], base: datetime) -> DateDataParser:
    """A dateparser reader of relative phrases counted from ``base`` (naive, in the local zone)."""
    return DateDataParser(languages=list(langs), settings={**_RELATIVE_SETTINGS, "RELATIVE_BASE": base})


def _from_epoch(text: str) -> Optional[str]:
    """Epoch seconds (9-11 digits) or milliseconds (13 digits) as a UTC datetime."""
    if _EPOCH_MILLIS.fullmatch(text):
        seconds = int(text) / 1000
    elif _EPOCH_SECONDS.fullmatch(text):
        seconds = float(text)
    else:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=0).isoformat()


def _clean(text: str, facts: _Facts) -> str:
    """The string as dateparser reads it: separators gone, zones and relative words rewritten."""
    text = _SEPARATORS.sub(" ", text)
    if facts.weekday_prefix:
        text = facts.weekday_prefix.sub("", text)
    if facts.zones:
        text = facts.zones.sub(lambda m: " " + facts.zone_offsets[m.group(0).lower()], text)
    if facts.relative_words:
        text = facts.relative_words.sub(lambda m: facts.relative_forms[m.group(0).lower()], text)
    text = _GMT_OFFSET.sub(lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", text)
    loose = _LOOSE_OFFSET.search(text)
    if loose:
        text = text[:loose.start()] + text[loose.end():] + " " + loose.group(0)
    text = " ".join(text.split()).strip(" ,;:")
    return _SHORT_OFFSET.sub(r"\1\2:00", text)


def _pieces(text: str, facts: _Facts) -> list[str]:
    """The parts of a line cut at its labels ("Dipublikasikan ... Diperbarui ..."), in order."""
    parts = facts.labels.split(text) if facts.labels else [text]
    return [p for p in (part.strip(" :,;|-–—") for part in parts) if p]


def _iso(moment: datetime, period: str, local: Optional[timezone]) -> Optional[str]:
    """ISO 8601 of a dateparser result: the date alone, or the datetime with an offset."""
    if period not in _DAY_PERIODS:
        return None
    if period == "day":
        return moment.date().isoformat()
    if moment.tzinfo is None:
        if local is None:
            return moment.date().isoformat()   # a time in an unknown zone: only its date is sure
        moment = moment.replace(tzinfo=local)
    offset = moment.utcoffset()
    return moment.replace(tzinfo=timezone(offset), microsecond=0).isoformat()


def _read_iso(text: str, lang: Optional[str]) -> Optional[str]:
    """A string in ISO 8601 read directly; None when it is not one (or names no real date)."""
    match = _ISO_8601.fullmatch(text)
    if match is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    has_time = match.group("time") or match.group("basic_time")
    return _iso(moment, "time" if has_time else "day", _local_offset(lang))


def _read_absolute(text: str, langs: tuple[str, ...], lang: Optional[str]) -> Optional[str]:
    data = _absolute_parser(langs).get_date_data(text)
    if data.date_obj is None:
        return None
    found = lang or (data.locale or "").split("-")[0]
    return _iso(data.date_obj, data.period, _local_offset(found))


def _read_relative(text: str, langs: tuple[str, ...], lang: Optional[str], relative_to: datetime) -> Optional[str]:
    if relative_to.tzinfo is None:
        relative_to = relative_to.replace(tzinfo=timezone.utc)
    # counted in the page's local zone where its language has one: "kemarin" is the reader's yesterday
    zone = _local_offset(lang) or relative_to.tzinfo
    base = relative_to.astimezone(zone).replace(tzinfo=None, microsecond=0)
    data = _relative_parser(langs, base).get_date_data(text)
    if data.date_obj is None or data.period not in _RELATIVE_PERIODS:
        return None
    if data.period == "time":
        return data.date_obj.replace(tzinfo=zone).isoformat()
    return data.date_obj.date().isoformat()


def parse_publication_date(raw: Union[str, int, float], lang: Optional[str] = None, *,
                           relative_to: Optional[datetime] = None) -> Optional[str]:
    """A publication date as sites and feeds write it, as ISO 8601; None when it is not one.

    Reads Indonesian and English in any order ("Senin, 14 Oktober 2024 | 10:15 WIB", "Oct 14, 2024
    10:15 AM", RFC 2822, ISO 8601), epoch seconds or milliseconds, and relative phrases ("2 jam yang
    lalu", "yesterday") counted from ``relative_to`` (without it a relative phrase is unparseable).
    Slash dates are day first. A date without a time gives the date alone; a time gives a datetime
    with the string's offset, or the language's local one (a time without a zone in a language with
    none gives the date alone). A date without a day ("Oktober 2024") is not a publication date.
    """
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return _from_epoch(str(int(raw)) if float(raw).is_integer() else repr(float(raw)))
    text = str(raw).strip()
    direct = _from_epoch(text) or _read_iso(text, lang)
    if direct or not text:
        return direct
    langs = _languages(lang)
    facts = _facts(langs)
    for piece in _pieces(text, facts):
        cleaned = _clean(piece, facts)
        if not cleaned:
            continue
        found = _read_absolute(cleaned, langs, lang)
        if found is None and (start := _FIRST_DIGIT.search(cleaned)) and start.start() > 0:
            # an outlet or a place before the date: "Kompas.com - 14/10/2024, 10:15 WIB"
            found = _read_absolute(cleaned[start.start():], langs, lang)
        if found is None and relative_to is not None:
            found = _read_relative(cleaned, langs, lang, relative_to)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------- the dateline


@lru_cache(maxsize=None)
def _gap_words(lang: str) -> frozenset:
    """The words that may stand between a dateline's dash and its date: cues and weekday names."""
    cues = {w.lower() for w in _data(lang).get("dateline_cues", [])}
    return frozenset(cues | {w.lower() for w in load_lang_data(lang, "dates")["weekdays"]})


def _is_day(match: DateMatch) -> bool:
    return match.label == "DATE" and match.granularity == "day" and not match.relative and match.value is not None


def _head_is_dateline(head: str) -> bool:
    """A dateline's head is a place and an outlet: every word starts with a capital or a digit."""
    words = _WORD.findall(head)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _only_cues(gap: str, lang: str) -> bool:
    allowed = _gap_words(lang)
    return all(w.lower() in allowed for w in _WORD.findall(gap))


def find_dateline(text: str, lang: str) -> Optional[str]:
    """The ISO date of the article's dateline, or None.

    A dateline opens a paragraph near the start of the text (within ``DATELINE_CHARS``): a place in
    capitals, an optional outlet, a dash, and a date, the date standing before the dash ("Jakarta,
    14 Oktober 2024 —") or right after it, with only weekday names and the language's cues between
    ("JAKARTA, KOMPAS.com — Senin (14/10/2024)"). Dates are found by Warta's own grammar. Only the
    first paragraph with a dateline head is read: a date later in its sentence, or in a later
    paragraph, is not a dateline.
    """
    if not text or lang not in SUPPORTED_LANGS:
        return None
    for line in text[:DATELINE_CHARS].split("\n"):
        found = _dateline_of(line, lang)
        if found is not None:
            return found or None
    return None


def _dateline_of(line: str, lang: str) -> Optional[str]:
    """The dateline date of one paragraph; "" when it has a dateline head but no date in it; None
    when it has no dateline head (a title, a byline: the next paragraph may hold the dateline)."""
    sentence_end = _SENTENCE_END.search(line)
    line = line[:sentence_end.start() if sentence_end else len(line)]
    dash = _DATELINE_DASH.search(line)
    if dash is None:
        return None
    dates = [m for m in date_rules(lang).find(line) if _is_day(m)]
    in_head = [m for m in dates if m.end <= dash.start()]
    head = "".join(ch for i, ch in enumerate(line[:dash.start()]) if not any(m.start <= i < m.end for m in in_head))
    if not _head_is_dateline(head):
        return None
    if in_head:
        return in_head[0].value
    after = [m for m in dates if m.start >= dash.end()]
    if after and _only_cues(line[dash.end():after[0].start], lang):
        return after[0].value
    return ""


# ---------------------------------------------------------------------------------- the order of sources


def _present(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _crawl_time(warc) -> Optional[datetime]:
    """The crawl time as an aware datetime (a naive one is UTC), or None."""
    if isinstance(warc, datetime):
        return warc if warc.tzinfo else warc.replace(tzinfo=timezone.utc)
    if not _present(warc):
        return None
    value = parse_publication_date(warc)
    if value is None or "T" not in value:
        return None
    return datetime.fromisoformat(value)


def resolve_published(*, field=None, html=None, text: Optional[str] = None, warc=None,
                      lang: Optional[str] = None) -> Published:
    """The publication date from, in order: the input's own field, the page's metadata, the
    article's dateline, the crawl time (WARC-Date). The first that parses wins; relative phrases in
    the field or metadata are counted from the crawl time. The first candidate present but
    unparseable is kept as ``raw`` with a warning; the next candidates are still tried.
    """
    crawl = _crawl_time(warc)
    raw = None

    def attempt(candidate) -> Optional[str]:
        nonlocal raw
        if not _present(candidate):
            return None
        value = parse_publication_date(candidate, lang, relative_to=crawl)
        if value is None and raw is None:
            raw = str(candidate)
        return value

    for source, candidate in (("field", field), ("html", html)):
        if (value := attempt(candidate)) is not None:
            return _published(value, source, raw)
    if text:
        for code in _languages(lang) if lang is None else (lang,):
            if (value := find_dateline(text, code)) is not None:
                return _published(value, "dateline", raw)
    if isinstance(warc, datetime):
        return _published(crawl.isoformat(timespec="seconds"), "warc", raw)
    if (value := attempt(warc)) is not None:
        return _published(value, "warc", raw)
    return _published(None, "none", raw)


def _published(value: Optional[str], source: str, raw: Optional[str]) -> Published:
    return Published(value, source, raw, UNPARSEABLE if raw is not None else None)
