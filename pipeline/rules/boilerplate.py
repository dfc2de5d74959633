"""Page furniture: the lines and segments of a news page's text that are not the article.

Copyright lines, related-article links ("Read also: ..."), credits (editor, reporter, source),
photo credits and share or subscribe prompts are found in plain text, without spaCy (the spaCy
component is :mod:`warta.components.boilerplate`, which drops every span inside them). The words
come from the language data ``warta/lang/<lang>/boilerplate.json``; this module holds only where
they must stand. Each rule has a ``kind`` (what its ranges are recorded as) and a ``form``:

* ``label`` -- at the start of a line, followed by a separator (``:``, ``|``, a dash, ``>``), or
  alone on its line, or, with ``bare_upper``, written in upper case and followed by text;
* ``opener`` -- at the start of a line, followed by anything;
* ``notice`` -- at the start of a line, followed by the copyright sign, ``(c)`` or a year;
* ``phrase`` -- anywhere in a line;
  (these four cover the whole line, which has at most ``max_words`` words)
* ``bracketed`` -- opening a bracketed segment, "(Photo: ...)": the segment;
* ``mark`` -- an agency's credit, bracketed, or running from the start of a line or the end of a
  sentence to the end of the line and reading as names: the credit.

``names_only`` (label, opener) asks that what follows read as names -- mostly capitalised words
and no question -- so that an interview's "Reporter: What happened?" stays article text.
``headline`` (label) reads a line longer than ``max_words`` as a related article's headline run into
the article's next sentence, as text taken from a page without its line breaks is: the range
ends with the headline's capitalised words, before the word that opens that sentence. A line may
start with whitespace, a bullet or an opening bracket. The rules are compiled once per language
(:func:`boilerplate_rules`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warta.lang import load_lang_data

__all__ = ["BoilerplateRules", "boilerplate_rules", "find_boilerplate"]

Range = tuple[int, int, str]       # (start, end exclusive, kind)

LINE_FORMS = ("label", "opener", "notice")      # matched at a line's start; the others anywhere

# what may stand before a line's first word: indentation, a bullet, an opening bracket
_LEAD = r"[ \t]*[-–—•*>»(\[]*[ \t]*"
_LEAD_CHARS = " \t-–—•*>»(["
# after a label: a colon or bar, or a dash or arrow followed by a space ("Editor-in-chief" is no label)
_SEPARATOR = re.compile(r"[ \t]*(?::|\||[-–—>»]+(?=\s|$))")
_CLOSERS = " \t\r)]"      # what may end a line after its last word
# the copyright sign, "(c)" or a year after a copyright word
_NOTICE_TAIL = r"[ \t]*(?:©|\([cC]\)|(?:19|20)\d\d)"
# a bracketed segment's content: one line, no nested brackets
_BRACKET_BODY = r"[^()\n]{0,200}\)"
_BRACKET_CLOSE = re.compile(_BRACKET_BODY)
# what ends the sentence before a credit at the end of a caption line
_SENTENCE_ENDS = ".!?\"”’)]"
# the share of capitalised words that makes a credit read as names ("Reporting by A in B; Editing by C")
NAMES_SHARE = 0.6
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Rule:
    index: int                 # file order: an earlier rule wins a line
    kind: str
    form: str
    pattern: re.Pattern        # line forms: matched at the line's start
    triggers: tuple[str, ...]  # anywhere forms: a text holds one of them wherever the rule matches
    case_sensitive: bool
    names_only: bool
    bare_upper: bool
    headline: bool
    max_words: int


def _phrase(word: str) -> str:
    """Regex for one word or phrase: inner spaces match spaces or tabs, word edges are bounded."""
    body = r"[ \t]+".join(re.escape(part) for part in word.split())
    if re.match(r"\w", word):
        # the left edge is checked after the first character: a pattern that opens with a
        # look-behind cannot be scanned for by its first characters, which made it ten times slower
        first = re.escape(word[0])
        body = first + r"(?<!\w.)" + body[len(first):]
    after = r"(?!\w)" if re.search(r"\w$", word) else ""
    return body + after


def _alternation(words, case_sensitive: bool) -> str:
    """The words, longest first; case-sensitive ones as written and in upper case."""
    forms = {form for word in words for form in ((word, word.upper()) if case_sensitive else (word,))}
    body = "|".join(_phrase(form) for form in sorted(forms, key=len, reverse=True))
    return f"(?:{body})" if case_sensitive else f"(?i:{body})"


def _triggers(words, case_sensitive: bool) -> tuple[str, ...]:
    """The first word of each phrase, as the text must hold it (lower case: in the lowered text)."""
    firsts = {_first_word(word) for word in words}
    if case_sensitive:
        return tuple(sorted({variant for word in firsts for variant in (word, word.upper())}))
    return tuple(sorted({word.lower() for word in firsts}))


def reads_as_names(text: str) -> bool:
    """True when ``text`` has words, most of them capitalised, and asks nothing ("A Budi | Editor: C")."""
    if "?" in text:
        return False
    initials = [initial for initial in map(_first_letter, _WORD.findall(text)) if initial]
    if not initials:
        return False
    return sum(ch.isupper() for ch in initials) >= NAMES_SHARE * len(initials)


def _first_word(phrase: str) -> str:
    return phrase.split()[0]


def _first_letter(word: str) -> str:
    """The first letter of a word ("(BPS)," -> "B"); empty when it has none ("|", "2024")."""
    return next((ch for ch in word if ch.isalpha()), "")


def _word_count(text: str) -> int:
    return len(text.split())


class BoilerplateRules:
    """The furniture rules of one language, compiled; :meth:`find` runs them on a text."""

    def __init__(self, lang: str):
        self.lang = lang
        data = load_lang_data(lang, "boilerplate")
        self.line_rules: list[_Rule] = []
        self.anywhere_rules: list[_Rule] = []
        first_words = set()
        for index, spec in enumerate(data["rules"]):
            words, form = spec["words"], spec["form"]
            case_sensitive = spec.get("case_sensitive", False)
            alternation = _alternation(words, case_sensitive)
            if form in LINE_FORMS:
                pattern = re.compile(_LEAD + alternation + (_NOTICE_TAIL if form == "notice" else ""))
                first_words |= {_first_word(word).lower() for word in words}
            elif form == "bracketed":
                pattern = re.compile(r"\(" + alternation + _BRACKET_BODY)
            else:  # phrase, mark: the words themselves; where they stand is checked in find
                pattern = re.compile(alternation)
            rule = _Rule(index, spec["kind"], form, pattern, _triggers(words, case_sensitive), case_sensitive,
                         spec.get("names_only", False), spec.get("bare_upper", False), spec.get("headline", False),
                         spec.get("max_words", 40))
            (self.line_rules if form in LINE_FORMS else self.anywhere_rules).append(rule)
        # a line whose first word may open a label, opener or notice: the only lines those rules try
        starts = _LEAD + "(?i:" + "|".join(_phrase(word) for word in sorted(first_words, key=len, reverse=True)) + ")"
        self.first_line = re.compile(starts)
        self.next_lines = re.compile(r"\n" + starts)     # a literal first character: a fast scan

    def find(self, text: str) -> list[Range]:
        """(start, end, kind) of every furniture line and segment of ``text``: sorted, not overlapping."""
        lines: dict[int, tuple[int, Range]] = {}      # line start -> (rule index, range)
        segments: list[Range] = []
        for start in self._candidate_lines(text):
            end = text.find("\n", start)
            found = self._line_rule(text[start:] if end < 0 else text[start:end])
            if found is not None:
                rule, length = found
                lines[start] = (rule.index, _trimmed(text, start, start + length, rule.kind))
        lowered = None
        for rule in self.anywhere_rules:
            if rule.case_sensitive:
                haystack = text
            else:
                haystack = lowered = text.lower() if lowered is None else lowered
            if not any(trigger in haystack for trigger in rule.triggers):
                continue                                # most texts hold none: no regex scan
            for match in rule.pattern.finditer(text):
                if rule.form == "phrase":
                    self._add_line(text, match.start(), rule, lines)
                    continue
                found = (self._segment(text, match.start(), match.end(), rule) if rule.form == "bracketed"
                         else self._mark(text, match.start(), rule))
                if found is not None:
                    segments.append(found)
        return _without_overlaps([found for _, found in lines.values()] + segments)

    def _candidate_lines(self, text: str) -> list[int]:
        """The start of every line whose first word may open a line rule."""
        starts = [0] if self.first_line.match(text) else []
        return starts + [match.start() + 1 for match in self.next_lines.finditer(text)]

    def _line_rule(self, line: str) -> tuple[_Rule, int] | None:
        """The first label, opener or notice rule that the line satisfies, and how much of the line it
        covers (all of it but for a headline run into the article's text)."""
        for rule in self.line_rules:
            match = rule.pattern.match(line)
            if match is None:
                continue
            too_long = _word_count(line) > rule.max_words
            if too_long and not rule.headline:
                continue
            rest = line[match.end():]
            if rule.form == "label":
                rest = _label_rest(rest, match.group().strip(_LEAD_CHARS), rule.bare_upper)
                if rest is None:
                    continue
                if not rest.strip(_CLOSERS):      # the label alone on its line
                    return rule, len(line)
            if rule.names_only and not reads_as_names(rest):
                continue
            if too_long:
                return rule, len(line) - len(rest) + headline_length(rest, rule.max_words)
            return rule, len(line)
        return None

    def _add_line(self, text: str, position: int, rule: _Rule, lines: dict) -> None:
        """Records the line holding ``position`` under ``rule`` unless an earlier rule has it."""
        start, end = _line_bounds(text, position)
        if _word_count(text[start:end]) > rule.max_words:
            return
        if start not in lines or lines[start][0] > rule.index:
            lines[start] = (rule.index, _trimmed(text, start, end, rule.kind))

    def _mark(self, text: str, start: int, rule: _Rule) -> Range | None:
        """An agency's credit at ``start``: the bracketed segment it opens, or the rest of its line
        when it opens the line or follows a sentence's end and reads as names."""
        if start > 0 and text[start - 1] == "(":
            close = _BRACKET_CLOSE.match(text, start)
            return None if close is None else self._segment(text, start - 1, close.end(), rule)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if before.strip() and not (before[-1:].isspace() and before.rstrip()[-1] in _SENTENCE_ENDS):
            return None
        end = text.find("\n", start)
        found = self._segment(text, start, len(text) if end < 0 else end, rule)
        if found is None or not reads_as_names(text[found[0]:found[1]]):
            return None    # "Reuters/Ipsos polling showed ...": a sentence, not a credit
        return found

    @staticmethod
    def _segment(text: str, start: int, end: int, rule: _Rule) -> Range | None:
        """``text[start:end]`` without trailing spaces, if it has at most ``rule.max_words`` words."""
        end = start + len(text[start:end].rstrip())
        if _word_count(text[start:end]) > rule.max_words:
            return None
        return (start, end, rule.kind)


def headline_length(text: str, max_words: int) -> int:
    """How much of ``text`` is a headline in title case before the article's next sentence.

    The headline runs until the first long lower-case word ("... Palombo April 2014 lalu"); the
    capitalised word nearest before it opens the sentence ("April") and is left out, with what
    follows. Short lower-case words ("di", "of") and words without letters stay in the run.
    At most ``max_words`` words; 0 when no headline can be told apart.
    """
    words = list(_WORD.finditer(text))[:max_words]
    stop = next((i for i, word in enumerate(words) if _is_sentence_word(word.group())), None)
    if stop is None:
        return words[-1].end() if words else 0
    opener = next((i for i in range(stop - 1, -1, -1) if _first_letter(words[i].group()).isupper()), None)
    return words[opener - 1].end() if opener else 0


def _is_sentence_word(word: str) -> bool:
    """A lower-case word of more than three letters: prose, not a headline's connector."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 3 and letters[0].islower()


def _label_rest(rest: str, label: str, bare_upper: bool) -> str | None:
    """What follows a label once its separator is gone; None when the label is not followed
    by a separator, the end of its line or (upper-case label, ``bare_upper``) a space."""
    separator = _SEPARATOR.match(rest)
    if separator is not None:
        return rest[separator.end():]
    if not rest.strip(_CLOSERS):
        return rest
    if bare_upper and label.isupper() and rest[:1].isspace():
        return rest
    return None


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end < 0 else end)


def _trimmed(text: str, start: int, end: int, kind: str) -> Range:
    """The line without the whitespace around it."""
    line = text[start:end]
    return (start + len(line) - len(line.lstrip()), start + len(line.rstrip()), kind)


def _without_overlaps(ranges: list[Range]) -> list[Range]:
    """Sorted by start (the longer first); a range overlapping an earlier kept one is dropped."""
    kept: list[Range] = []
    for found in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if not kept or found[0] >= kept[-1][1]:
            kept.append(found)
    return kept


@lru_cache(maxsize=None)
def boilerplate_rules(lang: str) -> BoilerplateRules:
    """The compiled furniture rules of ``lang``, built once per process."""
    return BoilerplateRules(lang)


def find_boilerplate(text: str, lang: str) -> list[Range]:
    """(start, end, kind) of the page furniture in ``text``: sorted, not overlapping. Kinds:
    ``copyright``, ``related``, ``credit``, ``photo``, ``share``."""
    return boilerplate_rules(lang).find(text)
