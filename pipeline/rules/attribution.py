"""Attribution: who a FIGURE or DATE comes from, and the DATE a figure goes with (pure Python, no spaCy).

Spans in (record span dicts: FIGURE, DATE, QUOTE, PERSON, ORG), attributions out; ``attribute``
adds fields to the FIGURE and DATE dicts in place:

- ``attributed_to``: a span inside a QUOTE takes the quote's ``speaker_canonical`` (the speaker's
  text where the canonical name is unknown; nothing when the quote has no speaker). A FIGURE or DATE
  outside every quote whose sentence names its source takes that mention's canonical name (else its
  text): a source cue (``cues_source`` of ``quotes.json``: "menurut", "according to"), optionally
  over ``source_nouns`` ("data", "laporan", "figures from"), followed by a PERSON or ORG mention;
  else a cue written before its speaker (``cues_after``: "..., kata X", for what comes before it) or
  before a source (``source_cues`` of ``subjects.json``: "dilansir X"); else a mention followed by a
  cue verb (``cues_verb``: "X mengatakan") or by a verb of a body reporting its own data
  (``source_verbs`` of ``subjects.json``: "X mencatat"), over at most one ``subject_adverbs`` word
  and the place and day of the speaking ("X di Jakarta, Senin, mengatakan": PLACE / DATE mentions
  after ``source_framing`` words), for what comes after it (or before it, where the two close the
  sentence: "..., X melaporkan Senin"); else, likewise, an unnamed source (``speaker_nouns`` of
  ``quotes.json``: "polisi setempat melaporkan"), as written, with a determiner before it ("The
  spokesman", "Seorang pejabat").
- on a FIGURE with an attribution, ``speaker`` and ``cue`` (``[start, end]`` of the source mention
  and the cue word) and ``cue_text``; and on every FIGURE, ``claim_date``: ``[start, end]`` of the
  nearest DATE in the same sentence (sentences end at ". ! ?" followed by white space, or at a line
  break), when there is one.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from warta.lang import SUPPORTED_LANGS, load_lang_data

SENTENCE_END = re.compile(r"[.!?\u2026](?=\s)|\n")
WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
MAX_TAIL_WORDS = 2            # words after a closing "X melaporkan" (a day: "Senin", "pada Senin")
MAX_SOURCE_NOUNS = 3          # words between a source cue and the source's name ("menurut data resmi BPS")
SOURCE_LABELS = ("PERSON", "ORG")
FRAME_LABELS = ("PLACE", "DATE")   # the place and day of the speaking, between a source and its cue verb
MAX_FRAMES = 3
MAX_SENTENCE = 2000           # characters looked at each side of a figure (a text without sentence ends stays linear)
FIELDS = ("attributed_to", "speaker", "cue", "cue_text", "claim_date")   # set here, on FIGURE / DATE spans


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted({w.casefold() for w in words}, key=len, reverse=True))


@lru_cache(maxsize=None)
def _speech_words(lang: str) -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None, re.Pattern | None]:
    """Patterns for a source named around a cue, each anchored next to a mention: a speech cue
    before its speaker ("kata ", ``cues_after``), which states what comes before it; a cue before a
    source ("dilansir ", ``source_cues`` of ``subjects.json``), which states the whole sentence; a
    verb after its speaker (" mencatat", " juga mengatakan": ``cues_verb``, ``source_verbs``), which
    states what comes after it; and the last as the cue after an unnamed speaker ("polisi setempat
    melaporkan": ``speaker_nouns`` of ``quotes.json`` and at most one lower-case word after it)."""
    if lang not in SUPPORTED_LANGS:
        return None, None, None, None
    quotes = load_lang_data(lang, "quotes")
    try:
        subjects = load_lang_data(lang, "subjects")
    except FileNotFoundError:
        subjects = {}

    def before(words):
        return re.compile(r"\b(?:" + _alternation(words) + r")\s+$", re.IGNORECASE) if words else None
    after = [*quotes.get("cues_verb", []), *subjects.get("source_verbs", [])]
    adverbs = quotes.get("subject_adverbs", [])
    adverb = r"(?:(?:" + _alternation(adverbs) + r")\s+)?" if adverbs else ""
    # "X, mengatakan", "X ( BPS ) mencatat", and as tokenised text writes it, "X , katai"
    after_re = re.compile(r"\s*\)?\s*,?\s+" + adverb + r"(?:" + _alternation(after) + r")\b",
                          re.IGNORECASE) if after else None
    nouns = quotes.get("speaker_nouns", [])
    unnamed_re = re.compile(r"(?<!\w)(?P<source>(?:" + _alternation(nouns) + r")(?:\s+[a-z][\w-]*)??)\s+" + adverb
                            + r"(?:" + _alternation(after) + r")\b", re.IGNORECASE) if after and nouns else None
    return before(quotes.get("cues_after", [])), before(subjects.get("source_cues", [])), after_re, unnamed_re


@lru_cache(maxsize=None)
def _source_words(lang: str) -> tuple[re.Pattern | None, frozenset]:
    """The source cues of ``lang`` as one pattern (longest first), and the nouns allowed after them."""
    if lang not in SUPPORTED_LANGS:
        return None, frozenset()
    data = load_lang_data(lang, "quotes")
    cues = sorted((c.casefold() for c in data.get("cues_source", [])), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE) if cues else None
    nouns = frozenset(w.casefold() for phrase in data.get("source_nouns", []) for w in WORD.findall(phrase))
    return pattern, nouns


@lru_cache(maxsize=None)
def _determiner_before(lang: str) -> re.Pattern | None:
    """A determiner right before an unnamed source, which is part of it as written ("The spokesman
    reported", "Seorang pejabat mengatakan"): ``determiners`` of ``subjects.json``, matched at a
    window's end (looked for only where an unnamed source was found, so the sentence scan stays one pattern)."""
    try:
        words = load_lang_data(lang, "subjects").get("determiners", []) if lang in SUPPORTED_LANGS else []
    except FileNotFoundError:
        words = []
    return re.compile(r"(?<!\w)(?:" + _alternation(words) + r")\s+$", re.IGNORECASE) if words else None


@lru_cache(maxsize=None)
def _framing_gap(lang: str) -> re.Pattern:
    """What stands before a place or day of the speaking between a source and its cue verb
    (commas, white space, ``source_framing`` of ``subjects.json``: "X di Jakarta, Senin, mengatakan")."""
    try:
        words = load_lang_data(lang, "subjects").get("source_framing", []) if lang in SUPPORTED_LANGS else []
    except FileNotFoundError:
        words = []
    word = r"(?:(?:" + _alternation(words) + r")\s+)?" if words else ""
    return re.compile(r"[\s,]*" + word, re.IGNORECASE)


def _past_framing(text: str, pos: int, end: int, gap: re.Pattern, frames: list[dict], frame_starts: list[int]) -> int:
    """Where the cue verb may start after a source that ends at ``pos``: past the places and days
    of the speaking (PLACE / DATE mentions, at most ``MAX_FRAMES``) written between them; ``pos`` when none."""
    for _ in range(MAX_FRAMES):
        gap_end = gap.match(text, pos, end).end()
        k = bisect_left(frame_starts, gap_end)
        if k >= len(frames) or frames[k]["start"] != gap_end or frames[k]["end"] > end:
            break
        pos = frames[k]["end"]
    return pos


class _Sentences:
    """Sentence bounds of one text, found once: the ends (". ! ?" before white space, a line
    break) in one scan, then each span's sentence by bisection, the same as a scan around each span would."""

    def __init__(self, text: str):
        self.length = len(text)
        matches = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
        self.starts = [start for start, _ in matches]
        self.ends = [end for _, end in matches]

    def around(self, start: int, end: int) -> tuple[int, int]:
        begin = max(0, start - MAX_SENTENCE)
        k = bisect_right(self.ends, start) - 1          # the last sentence end before the span
        if k >= 0 and self.starts[k] >= begin:
            begin = self.ends[k]
        k = bisect_left(self.starts, end)               # the first one after it
        if k < len(self.starts) and self.starts[k] < end + MAX_SENTENCE:
            return begin, self.starts[k]
        return begin, min(self.length, end + MAX_SENTENCE)


def _name(span: dict, text: str) -> str:
    return span.get("canonical") or span["text"]


def attribute(text: str, spans: list[dict], lang: str) -> list[dict]:
    """Add ``attributed_to`` (and for a FIGURE ``speaker``, ``cue``, ``cue_text``, ``claim_date``)
    to the FIGURE and DATE spans of ``spans`` (changed in place; returned)."""
    quotes = sorted((s for s in spans if s["label"] == "QUOTE"), key=lambda s: s["start"])
    quote_starts = [q["start"] for q in quotes]
    dates = sorted((s for s in spans if s["label"] == "DATE"), key=lambda s: s["start"])
    date_starts = [d["start"] for d in dates]
    sources = sorted((s for s in spans if s["label"] in SOURCE_LABELS), key=lambda s: s["start"])
    source_starts = [s["start"] for s in sources]
    frames = sorted((s for s in spans if s["label"] in FRAME_LABELS), key=lambda s: s["start"])
    frame_starts = [f["start"] for f in frames]
    cue_pattern, source_nouns = _source_words(lang)
    sentences = _Sentences(text)
    cues_of = {}                                 # per sentence: its sources' cue matches (they don't depend on the span)
    for span in spans:
        if span["label"] not in ("FIGURE", "DATE"):
            continue
        i = bisect_right(quote_starts, span["start"]) - 1
        quote = quotes[i] if i >= 0 and span["end"] <= quotes[i]["end"] else None
        sentence = None
        if quote is not None:
            speaker = quote.get("speaker")
            name = quote.get("speaker_canonical") or (text[speaker[0]:speaker[1]] if speaker else None)
            full = _named_before(text, speaker, sources, source_starts) if speaker else None
            if full is not None:
                name, speaker = _name(full, text), [full["start"], full["end"]]
            if name:
                span["attributed_to"] = name
                if span["label"] == "FIGURE":
                    span["speaker"] = list(speaker)
                    if quote.get("cue"):
                        span["cue"] = list(quote["cue"])
                        span["cue_text"] = text[quote["cue"][0]:quote["cue"][1]]
        else:
            sentence = sentences.around(span["start"], span["end"])
            found = None
            if cue_pattern is not None:
                found = _source_in(text, sentence, cue_pattern, source_nouns, sources, source_starts)
            if found is None:
                if sentence not in cues_of:
                    cues_of[sentence] = _cues_in(text, sentence, lang, sources, source_starts, frames, frame_starts)
                found = _speaker_in(text, sentence, cues_of[sentence], sources, source_starts, span, lang)
            if found is not None and found[1]["start"] < span["end"] and span["start"] < found[1]["end"]:
                found = None                     # a name that runs over the span itself is no source of it
            if found is not None:
                cue, source = found
                span["attributed_to"] = _name(source, text)
                if span["label"] == "FIGURE":
                    span["speaker"] = [source["start"], source["end"]]
                    span["cue"] = list(cue)
                    span["cue_text"] = text[cue[0]:cue[1]]
        if span["label"] == "FIGURE":
            sentence = sentence or sentences.around(span["start"], span["end"])
            date = _nearest_date(span, sentence, dates, date_starts)
            if date is not None:
                span["claim_date"] = [date["start"], date["end"]]
    return spans


def _source_in(text: str, sentence: tuple[int, int], cue_pattern: re.Pattern, source_nouns: frozenset,
               sources: list[dict], source_starts: list[int]):
    """The first source cue of the sentence followed by a PERSON / ORG mention (over at most
    ``MAX_SOURCE_NOUNS`` source nouns): ``(cue match, mention)``, or None."""
    begin, end = sentence
    for cue in cue_pattern.finditer(text, begin, end):
        i = bisect_left(source_starts, cue.end())
        if i < len(sources):
            source = sources[i]
            if source["start"] >= end:
                break
            between = text[cue.end():source["start"]]
            words = WORD.findall(between)
            if (len(words) <= MAX_SOURCE_NOUNS and all(w.casefold() in source_nouns for w in words)
                    and not re.search(r"[^\w\s]", between)):
                return cue.span(), source    # only the first name after the cue counts
    return None


def _named_before(text: str, speaker: list[int], sources: list[dict], source_starts: list[int]) -> dict | None:
    """The ORG mention just before an acronym ORG at ``speaker`` ("PT Bakrieland Development Tbk
    (ELTY)"): the full name the acronym stands beside, or None."""
    k = bisect_left(source_starts, speaker[0])
    if k == 0 or k >= len(sources) or sources[k]["start"] != speaker[0] or sources[k]["label"] != "ORG":
        return None
    acronym, before = sources[k], sources[k - 1]
    if not acronym["text"].isupper() or before["label"] != "ORG":
        return None
    return before if re.fullmatch(r"[\s(]*", text[before["end"]:acronym["start"]]) else None


def _cues_in(text: str, sentence: tuple[int, int], lang: str, sources: list[dict], source_starts: list[int],
             frames: list[dict] = (), frame_starts: list[int] = ()):
    """For each PERSON / ORG mention of the sentence, in order: ``(mention, speech cue before it,
    source cue before it, cue verb after it)`` (matches or None; the verb may follow the place and
    day of the speaking, ``frames``); then the unnamed sources' matches."""
    speech_re, source_re, after_re, unnamed_re = _speech_words(lang)
    gap = _framing_gap(lang)
    begin, end = sentence
    named = []
    for k in range(bisect_left(source_starts, begin), bisect_left(source_starts, end)):
        source = sources[k]
        if source["end"] > end:
            break
        window = max(begin, source["start"] - 40)
        after = None
        if after_re is not None:
            after = after_re.match(text, source["end"], end)
            if after is None and frames:
                framed = _past_framing(text, source["end"], end, gap, frames, frame_starts)
                after = after_re.match(text, framed, end) if framed > source["end"] else None
        named.append((source,
                      speech_re.search(text, window, source["start"]) if speech_re is not None else None,
                      source_re.search(text, window, source["start"]) if source_re is not None else None,
                      after))
    unnamed = list(unnamed_re.finditer(text, begin, end)) if unnamed_re is not None else []
    return named, unnamed


def _speaker_in(text: str, sentence: tuple[int, int], cues, sources: list[dict], source_starts: list[int],
                span: dict, lang: str):
    """The first PERSON / ORG mention of the sentence that is ``span``'s source: after a speech cue
    that follows the span ("..., kata X"), after a source cue ("dilansir X"), or before a cue or
    reporting verb that precedes the span ("X mengatakan ...", "X mencatat ..."); a name in
    apposition ("PT Bank Rakyat Indonesia Tbk BRI mencatat") gives the first of the two.
    ``cues``: the sentence's ``_cues_in``. ``((cue start, cue end), mention)``, or None."""
    end = sentence[1]
    named, unnamed = cues
    for source, speech, source_cue, after in named:
        if speech is not None and span["end"] <= speech.start():
            return (speech.start(), speech.start() + len(speech.group(0).rstrip())), source
        if source_cue is not None:
            return (source_cue.start(), source_cue.start() + len(source_cue.group(0).rstrip())), source
        if after is not None and _reports(text, span, source["start"], after.end(), end):
            source = _named_before(text, [source["start"], source["end"]], sources, source_starts) or source
            return (after.end() - len(after.group(0).split()[-1]), after.end()), source
    for found in unnamed:
        if _reports(text, span, found.start(), found.end(), end):
            start = found.start("source")
            det = _determiner_before(lang)
            before = det.search(text, max(sentence[0], start - 20), start) if det is not None else None
            start = before.start() if before is not None else start
            source = {"start": start, "end": found.end("source"), "text": text[start:found.end("source")]}
            return (found.end() - len(found.group(0).split()[-1]), found.end()), source
    return None


def _reports(text: str, span: dict, source_start: int, cue_end: int, sentence_end: int) -> bool:
    """Whether a source followed by its cue verb states ``span``: the span comes after the verb, or
    the source and verb close the sentence ("..., polisi setempat melaporkan Senin.") after the span."""
    if cue_end <= span["start"]:
        return True
    return span["end"] <= source_start and len(WORD.findall(text, cue_end, sentence_end)) <= MAX_TAIL_WORDS


def _nearest_date(figure: dict, sentence: tuple[int, int], dates: list[dict],
                  date_starts: list[int]) -> dict | None:
    """The DATE of the sentence nearest to the figure (the earlier one on a tie)."""
    begin, end = sentence
    best, best_gap = None, None
    for date in dates[bisect_left(date_starts, begin):bisect_left(date_starts, end)]:
        if date["end"] > end:
            continue
        if date["start"] < figure["end"] and figure["start"] < date["end"]:
            continue                              # overlapping: not a separate date
        gap = figure["start"] - date["end"] if date["end"] <= figure["start"] else date["start"] - figure["end"]
        if best_gap is None or gap < best_gap:
            best, best_gap = date, gap
    return best
