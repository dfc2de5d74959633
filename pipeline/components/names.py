"""Names: organisation patterns, the alias table, and comparable ``canonical`` / ``en`` names.

Registered as the spaCy factory ``warta_names``; ``warta.nlp.load`` adds it right after the NER
model. It works on ``doc.ents`` (PERSON / ORG / PLACE) and reads every fact from the language's
data files (no language word appears in this module):

``pipeline/lang/<lang>/org_heads.json``
    organisation head words ("Kementerian", "Universitas", "University") and tail words ("Tbk",
    "Inc", "University"), derived from the NER training data (``python -m warta.training.lexicons``);
``pipeline/lang/<lang>/org_names.json``
    the reviewed use of those lists (``dropped`` / ``added``), the connector words allowed inside a
    name, and for Indonesian the English templates, modifiers and glossary;
``pipeline/lang/<lang>/common_words.json``
    words seen in lower case in the training data: a capitalised word among them is a common word
    of the language, not a proper name;
``pipeline/lang/<lang>/aliases.json`` (+ the user's files)
    one entry per named thing: ``label``, ``canonical``, ``en``, ``aliases``;
``pipeline/lang/<lang>/common_abbreviations.json``
    abbreviations of common nouns ("PHK", "NPWP", "AI"), written from the language.

What the component does, in order:

0. **Common-noun abbreviations**: a model entity made only of such abbreviations (and lower-case
   or connector words: "AI generatif") is dropped — an unseen all-capitals word looks like an
   acronym of an organisation to the model. One at the start of a longer entity is cut off with the
   lower-case words after it ("NPL gross BRI" → "BRI"); the rest keeps the model's label unless the
   alias table knows it ("AI Tiongkok"/ORG → "Tiongkok"/PLACE: the model's label was for the longer
   span).
1. **Organisation patterns** (spaCy ``Matcher``): a head followed by capitalised words
   ("Kementerian Energi dan Sumber Daya Mineral", "University of Oxford"), or capitalised
   words followed by a tail ("Apple Inc", "Oxford University"). Connector words may stand (one
   or two in a row) only between capitalised words; a Roman numeral is not a name word ("Komisi
   III DPR" is no match). A match is cut before a model PERSON or ORG that starts inside it after
   at least one name word ("Partai Golkar Akbar Tandjung" → "Partai Golkar") and before a model
   entity that runs past its end; right after the head a model entity is part of the name
   ("Universitas Airlangga", the model having tagged "Airlangga" as a person). A sentence-initial
   common word is cut off the front of a tail match ("Kemarin Sony Pictures").
   A name does not go on across a coordinator ("dan", "and") that a head word, a model entity or
   a name of the alias table follows ("Bank Indonesia dan OJK" is two names); the same cut splits
   a model ORG/PLACE entity ("The Ministry of Finance and the World Bank"). Matches then compete
   with the model's entities through ``spacy.util.filter_spans``: the longer span wins, and on
   equal extent the pattern wins — so a pattern replaces overlapping model entities when it is
   longer ("Kementerian Energi" → the full name) or the model gave a different label
   ("Universitas Airlangga"/PLACE → ORG), and a longer model entity stays.
2. **Alias fill** (``fill_from_aliases``, on by default): a name of the alias table written exactly
   as in the table (``PhraseMatcher`` on the text) becomes an entity of the entry's label where the
   model found nothing — when it stands alone (no capitalised word right before or after it,
   except a sentence-initial one) and is not a sentence-initial common word.
3. **canonical and en** for every PERSON / ORG / PLACE entity:

   * an alias-table match (case and spacing ignored) gives the entry's ``canonical`` and ``en``.
     ORG and PLACE mentions match ORG and PLACE entries whatever the model's label (a country
     tagged ORG as a sports team is still the country; the label is not changed); PERSON mentions
     match only PERSON entries (users may add them), so a surname is never read as a country;
   * a PERSON mention whose words are a contiguous part of a longer PERSON mention of the same
     document gets that full name ("Budi" → "Budi Santoso"); when several full names fit, the nearest
     one before the mention, else the nearest after it. Persons get no ``en``;
   * any other name has ``canonical`` = its own text (whitespace normalised, without a leading
     connector word: "The New York Times" → "New York Times");
   * ``en`` of an ORG that starts with a head that has a template is composed from the glossary
     (see :meth:`NameData.compose`), and never from a half translation: a name with a word that is
     neither in the glossary nor a proper name gets no ``en``;
   * ``proper_names_unchanged``: an ORG or PLACE made only of proper words keeps its form in
     English ("Channel News Asia", "Jakarta"); in English documents (``"english": true``) every ORG
     and PLACE has ``en`` = ``canonical``.

Entities made by the patterns or the alias fill carry ``span._.source = "names"``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from warta.components import extensions  # noqa: F401  (registers the span attributes)
from warta.lang import load_lang_data

SOURCE = "names"
NAME_LABELS = ("PERSON", "ORG", "PLACE")
ALIAS_KEYS = ("label", "canonical", "aliases")          # required; "en" is optional in user files
MAX_GROUPS = 4          # connector-separated groups of capitalised words after a head / before a tail
MAX_CONNECTORS = 2      # connector words in a row ("Bank of the West")
_ROMAN = re.compile(r"^[IVXLC]+$")
_NOT_ROMAN = r"^(?![IVXLC]+$)"
_SENTENCE_END = {".", "!", "?", ":", ";", "\"", "“", "”"}


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and not _ROMAN.match(text)


def _bare(text: str) -> str:
    """A word without a final full stop ("Inc." → "Inc"), for matching heads and tails."""
    return text[:-1] if len(text) > 1 and text.endswith(".") else text


if not Token.has_extension("warta_name_word"):
    Token.set_extension("warta_name_word", getter=lambda token: _is_name_word(token.text))
if not Token.has_extension("warta_bare"):
    Token.set_extension("warta_bare", getter=lambda token: _bare(token.text))


def normalise(text: str) -> str:
    return " ".join(text.split())


def alias_key(text: str) -> str:
    return normalise(text).casefold()


def _entries(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


# ---------------------------------------------------------------------------------------- aliases

class AliasError(ValueError):
    """An alias file that is not in the documented format."""


def read_alias_file(path: str | Path) -> list[dict]:
    """The entries of one alias file (``{"entries": [...]}`` or a bare list), checked."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AliasError(f"{path}: cannot read the alias file: {exc}") from exc
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise AliasError(f"{path}: expected {{\"entries\": [...]}} or a list of entries")
    for number, entry in enumerate(entries, 1):
        check_alias_entry(entry, f"{path}: entry {number}")
    return entries


def check_alias_entry(entry, where: str) -> None:
    if not isinstance(entry, dict) or any(key not in entry for key in ALIAS_KEYS):
        raise AliasError(f"{where}: an entry needs the keys {', '.join(ALIAS_KEYS)} (and optionally en)")
    if entry["label"] not in NAME_LABELS:
        raise AliasError(f"{where}: label {entry['label']!r} is not one of {', '.join(NAME_LABELS)}")
    if not isinstance(entry["aliases"], list) or not all(isinstance(a, str) for a in entry["aliases"]):
        raise AliasError(f"{where}: 'aliases' must be a list of strings")


def alias_forms(entry: dict) -> list[str]:
    """Every written form of an entry: canonical, English name, aliases."""
    forms = [entry["canonical"], *(entry["aliases"])]
    if entry.get("en"):
        forms.insert(1, entry["en"])
    return list(dict.fromkeys(f for f in forms if f and f.strip()))


class AliasTable:
    """Written form (case and spacing ignored) → entry; a later entry wins a form it shares."""

    def __init__(self, entries: Iterable[dict] = ()):
        self.by_form: dict[str, dict] = {}
        self.entries: list[dict] = []
        for entry in entries:
            self.add(entry)

    def add(self, entry: dict) -> None:
        self.entries.append(entry)
        for form in alias_forms(entry):
            self.by_form[alias_key(form)] = entry

    def lookup(self, text: str, label: str) -> dict | None:
        entry = self.by_form.get(alias_key(text))
        if entry is None or (entry["label"] == "PERSON") != (label == "PERSON"):
            return None
        return entry

    def active_forms(self) -> dict[str, dict]:
        """Each written form whose entry is still the one the table answers for it."""
        return {form: entry for entry in self.entries for form in alias_forms(entry)
                if self.by_form.get(alias_key(form)) is entry}


def load_alias_table(lang: str, extra: Sequence[str | Path] = ()) -> AliasTable:
    """The shipped ``aliases.json`` of ``lang`` followed by the user's files (later files win)."""
    table = AliasTable()
    for number, entry in enumerate(load_lang_data(lang, "aliases")["entries"], 1):
        check_alias_entry(entry, f"pipeline/lang/{lang}/aliases.json: entry {number}")
        table.add(entry)
    for path in extra:
        for entry in read_alias_file(path):
            table.add(entry)
    return table


# ------------------------------------------------------------------------------ language data

@dataclass
class _Unit:
    kind: str          # C connector, G glossary noun, M modifier, P proper word
    text: str          # as written
    en: str            # English form (P: as written)


class NameData:
    """The organisation-name facts of one language (``org_names``, ``org_heads``, ``common_words``)."""

    def __init__(self, lang: str, aliases: AliasTable):
        names = load_lang_data(lang, "org_names")
        derived = load_lang_data(lang, "org_heads")
        dropped, added = names.get("dropped", {}), names.get("added", {})
        self.heads = self._reviewed(derived["heads"], dropped.get("heads", {}), added.get("heads", {}))
        self.tails = self._reviewed(derived["tails"], dropped.get("tails", {}), added.get("tails", {}))
        self.connectors = _entries(names.get("connectors", {}))
        self.coordinators = frozenset(names.get("coordinators", ()))
        self.templates = _entries(names.get("templates", {}))
        self.modifiers = {k.casefold(): v for k, v in _entries(names.get("modifiers", {})).items()}
        self.glossary = {tuple(k.casefold().split()): v for k, v in _entries(names.get("glossary", {})).items()}
        self.longest_gloss = max((len(k) for k in self.glossary), default=1)
        self.common = frozenset(load_lang_data(lang, "common_words")["words"])
        self.common_abbreviations = frozenset(_entries(load_lang_data(lang, "common_abbreviations")["words"]))
        self.proper_unchanged = bool(names.get("proper_names_unchanged"))
        self.english = bool(names.get("english"))
        self.aliases = aliases
        self.known_names = {alias_key(form) for form, entry in aliases.active_forms().items()
                            if entry["label"] in ("PLACE", "ORG") and len(form.split()) == 1}

    @staticmethod
    def _reviewed(derived: dict, dropped: dict, added: dict) -> list[str]:
        words = [w for w in derived if w not in dropped and not w.startswith("_")]
        return words + [w for w in added if not w.startswith("_") and w not in words]

    # -- words

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common

    def is_proper(self, word: str) -> bool:
        """A capitalised word that is not a known common word of the language (or is a known name)."""
        if not _is_name_word(word):
            return False
        key = word.casefold()
        if key in self.known_names:
            return True
        return not ((key,) in self.glossary or key in self.modifiers or self.is_common(word))

    def all_proper(self, words: Sequence[str]) -> bool:
        return bool(words) and all(self.is_proper(w) for w in words)

    # -- composition

    def _units(self, words: Sequence[str]) -> list[_Unit] | None:
        units, i = [], 0
        while i < len(words):
            for n in range(min(self.longest_gloss, len(words) - i), 0, -1):
                key = tuple(w.casefold() for w in words[i:i + n])
                if key in self.glossary:
                    units.append(_Unit("G", " ".join(words[i:i + n]), self.glossary[key]))
                    i += n
                    break
            else:
                word = words[i]
                if word in self.connectors:
                    units.append(_Unit("C", word, self.connectors[word]))
                elif word.casefold() in self.modifiers:
                    units.append(_Unit("M", word, self.modifiers[word.casefold()]))
                elif self.is_proper(word):
                    units.append(_Unit("P", word, word))
                else:
                    return None          # a common word the glossary does not cover
                i += 1
        return units

    def compose(self, words: Sequence[str]) -> str | None:
        """English name of an organisation name ``words`` (head first) from its head's template.

        The words after the head are read as: modifiers right after the head (M: they go before
        the English head word), then glossary words with their own modifiers (G: each group
        between connectors is reversed, Indonesian putting the modifier after the noun), then a
        proper name (P: in front in English). Anything else, or a part the template has no
        placeholder for, gives None.
        """
        if not words or words[0] not in self.templates:
            return None
        rule = self.templates[words[0]]
        if rule.get("keep"):
            return normalise(" ".join(words))
        units = self._units(words[1:])
        if not units:
            return None
        i = 0
        modifiers: list[_Unit] = []
        while i < len(units) and units[i].kind == "M":
            modifiers.append(units[i])
            i += 1
        groups: list[list[_Unit]] = [[]]
        links: list[_Unit] = []
        while i < len(units) and units[i].kind != "P":
            if units[i].kind == "C":
                if not groups[-1]:
                    return None
                links.append(units[i])
                groups.append([])
            else:
                groups[-1].append(units[i])
            i += 1
        if links and not groups[-1]:
            return None
        proper = units[i:]
        if any(u.kind not in ("P", "C") for u in proper) or (proper and proper[-1].kind == "C"):
            return None
        if any(group and group[0].kind == "M" for group in groups[1:]):
            return None                  # a modifier with no noun before it, after a connector
        glossed = ""
        for n, group in enumerate(groups):
            if n:
                glossed += f" {links[n - 1].en} "
            glossed += " ".join(u.en for u in reversed(group))
        parts = {"P": " ".join(u.en for u in proper), "M": " ".join(u.en for u in reversed(modifiers)),
                 "G": glossed.strip()}
        return fill_template(rule["template"], parts)


def fill_template(template: str, parts: dict[str, str]) -> str | None:
    """``"{P} {M} University[ of {G}]"`` with the parts; None when a non-empty part has no place."""
    for name, value in parts.items():
        if value and "{" + name + "}" not in template:
            return None
    if not any(parts.values()):
        return None
    text = re.sub(r"\[([^\]]*)\]",
                  lambda m: m.group(1) if all(parts.get(p) for p in re.findall(r"\{(\w)\}", m.group(1))) else "",
                  template)
    return normalise(re.sub(r"\{(\w)\}", lambda m: parts.get(m.group(1), ""), text))


# ---------------------------------------------------------------------------------- component

def _part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is a contiguous, strictly shorter run of the words of ``long``."""
    n = len(short)
    return n < len(long) and any(long[k:k + n] == short for k in range(len(long) - n + 1))


def _sentence_initial(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a sentence (or the text): only punctuation or line breaks before it."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in "\"'“‘(["):
        if "\n" in doc[j].text or "\n" in doc[j].whitespace_:
            return True
        j -= 1
    return j < 0 or doc[j].text in _SENTENCE_END or "\n" in doc[j].whitespace_


class NameComponent:
    def __init__(self, nlp: Language, name: str, lang: str | None = None,
                 aliases: Sequence[str] = (), fill_from_aliases: bool = True):
        self.name = name
        self.lang = lang or nlp.lang
        self.aliases = load_alias_table(self.lang, aliases)
        self.data = NameData(self.lang, self.aliases)
        self.fill_from_aliases = fill_from_aliases
        self.matcher = Matcher(nlp.vocab)
        self._add_patterns()
        self.alias_matcher = PhraseMatcher(nlp.vocab)
        forms = self.aliases.active_forms()
        self.alias_entry = {form: entry for form, entry in forms.items() if entry["label"] != "PERSON"}
        forms = list(self.alias_entry)
        pipe = getattr(nlp.tokenizer, "pipe", None)   # tokenised as the text will be (any backend)
        for form, form_doc in zip(forms, pipe(forms) if pipe else map(nlp.make_doc, forms)):
            self.alias_matcher.add(form, [form_doc])

    def _add_patterns(self) -> None:
        data = self.data
        # built-in attributes, not the Token extensions: same test (_is_name_word), about 3x faster matching
        word = {"SHAPE": {"REGEX": "^X"}, "TEXT": {"REGEX": _NOT_ROMAN}, "OP": "+"}
        link = {"ORTH": {"IN": list(data.connectors)}, "OP": f"{{1,{MAX_CONNECTORS}}}"}
        # a tail match does not cross a coordinator: "Apple and Microsoft Corporation" is two names
        inner = [c for c in data.connectors if c not in data.coordinators]
        tail_link = {"ORTH": {"IN": inner}, "OP": f"{{1,{MAX_CONNECTORS}}}"}
        head = {"ORTH": {"IN": data.heads}}
        tail = {"ORTH": {"IN": [*data.tails, *(t + "." for t in data.tails)]}}    # = _bare(text) in tails
        head_patterns, tail_patterns = [], []
        for groups in range(1, MAX_GROUPS + 1):
            body, tail_body = [word], [word]
            for _ in range(groups - 1):
                body += [link, word]
                tail_body += [tail_link, word]
            head_patterns.append([head, *body])
            if data.connectors:
                head_patterns.append([head, link, *body])
            if groups == 1 or inner:
                tail_patterns.append([*tail_body, tail])
                tail_patterns.append([*tail_body, {"ORTH": ","}, tail])
        if data.heads:
            self.matcher.add("HEAD", head_patterns)
        if data.tails:
            self.matcher.add("TAIL", tail_patterns)
        # every word a match can hold: a head or tail (the anchors), a connector, a comma, a name word
        anchors = [*head["ORTH"]["IN"], *tail["ORTH"]["IN"]]
        self._anchor_ids = numpy.array(sorted({self.matcher.vocab.strings.add(w) for w in anchors}), dtype="uint64")
        self._link_words = frozenset([*data.connectors, ",", *anchors])

    def _may_be_in_match(self, token: Token) -> bool:
        return token.text in self._link_words or _is_name_word(token.text)

    def candidate_regions(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches of the document that can hold a pattern match: the maximal runs of words a
        match can be made of around each head or tail. The Matcher runs on these alone — a match
        never reaches past such a run — instead of trying its patterns at every token."""
        if not len(self._anchor_ids):
            return []
        orths = doc.to_array(ORTH)
        at = numpy.searchsorted(self._anchor_ids, orths)     # ~10x faster than numpy.isin on short arrays
        at[at == len(self._anchor_ids)] = 0
        anchors = numpy.flatnonzero(self._anchor_ids[at] == orths)
        regions: list[tuple[int, int]] = []
        for anchor in anchors.tolist():
            if regions and anchor < regions[-1][1]:
                continue                       # inside the run of the previous anchor
            start, end = anchor, anchor + 1
            while start > 0 and self._may_be_in_match(doc[start - 1]):
                start -= 1
            while end < len(doc) and self._may_be_in_match(doc[end]):
                end += 1
            regions.append((start, end))
        return regions

    # -- 0. common-noun abbreviations

    def without_common_abbreviations(self, doc: Doc, ents: Sequence[Span]) -> list[Span]:
        abbreviations = self.data.common_abbreviations
        out = []
        for ent in ents:
            start = ent.start
            while start < ent.end and doc[start].text in abbreviations:
                start += 1
            if start == ent.start:
                out.append(ent)
                continue
            while start < ent.end and not _is_name_word(doc[start].text):
                start += 1                            # "NPL gross BRI" → "BRI"
            if start == ent.end:
                continue                              # "AI", "AI generatif": no name left
            rest = doc[start:ent.end]
            entry = self.aliases.lookup(rest.text, ent.label_)
            out.append(Span(doc, start, ent.end, label=entry["label"] if entry else ent.label_))
        return out

    # -- 1. patterns

    def pattern_spans(self, doc: Doc, ents: Sequence[Span], alias_starts: set[int]) -> list[Span]:
        starts = {ent.start for ent in ents} | alias_starts
        heads = set(self.data.heads)
        connectors = self.data.connectors
        longest: dict[tuple[str, int], int] = {}      # the longest match from each start, per kind
        for region_start, region_end in self.candidate_regions(doc):
            for match in self.matcher(doc[region_start:region_end], as_spans=True):
                key = (match.label_, match.start)
                longest[key] = max(match.end, longest.get(key, match.end))
        spans = []
        for (kind, start), end in longest.items():
            if kind == "TAIL" and end - start > 2 and _sentence_initial(doc, start) \
                    and self.data.is_common(doc[start].text):
                start += 1               # "Kemarin Sony Pictures": a common word opens the sentence
            while start < end and doc[start].text in connectors:
                start += 1
            for i in range(start + 1, end):
                # "Bank Indonesia dan OJK", "Partai Golkar dan Partai Demokrat": two names
                if doc[i].text in self.data.coordinators:
                    j = i
                    while j < end and doc[j].text in connectors:
                        j += 1
                    if j < end and (doc[j].text in heads or j in starts):
                        end = i
                        break
            for ent in ents:
                # a person or another organisation after the name ("Partai Golkar Akbar Tandjung"),
                # or a longer entity, begins inside; right after the head it is the name itself
                # ("Universitas Airlangga" with the model's PERSON "Airlangga")
                if start < ent.start < end and (ent.label_ in ("PERSON", "ORG") or ent.end > end) \
                        and any(doc[k]._.warta_name_word for k in range(start + 1, ent.start)):
                    end = ent.start
            while end > start and doc[end - 1].text in connectors:
                end -= 1
            if end - start >= 2:
                spans.append(Span(doc, start, end, label="ORG"))
        return filter_spans(spans)

    def split_coordinated(self, doc: Doc, ents: Sequence[Span], alias_starts: set[int]) -> list[Span]:
        """The model's entities, each cut in two at a coordinator that a head word or a name of the
        alias table follows ("The Ministry of Finance and the World Bank" → two organisations)."""
        heads = set(self.data.heads)
        connectors = self.data.connectors
        out = []
        for ent in ents:
            start = ent.start
            if ent.label_ in ("ORG", "PLACE"):
                for i in range(ent.start + 1, ent.end - 1):
                    if doc[i].text not in self.data.coordinators or i <= start:
                        continue
                    j = i
                    while j < ent.end and doc[j].text in connectors:
                        j += 1
                    if j < ent.end and (doc[j].text in heads or j in alias_starts):
                        out.append(Span(doc, start, i, label=ent.label_))
                        start = j
            out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_))
        return out

    # -- 2. alias fill

    def alias_spans(self, doc: Doc, matches, taken: list[Span]) -> list[Span]:
        used = set()
        for span in taken:
            used.update(range(span.start, span.end))
        found = []
        for match_id, start, end in matches:
            if used.intersection(range(start, end)):
                continue
            before_ok = start == 0 or not doc[start - 1]._.warta_name_word or _sentence_initial(doc, start - 1)
            after_ok = end == len(doc) or not doc[end]._.warta_name_word
            if not (before_ok and after_ok):
                continue
            if end - start == 1 and _sentence_initial(doc, start) and self.data.is_common(doc[start].text):
                continue
            entry = self.alias_entry[self.alias_matcher.vocab.strings[match_id]]
            found.append(Span(doc, start, end, label=entry["label"]))
        return filter_spans(found)

    # -- 3. canonical and en

    def english_name(self, span: Span, label: str, canonical: str) -> str | None:
        if label == "PERSON":
            return None
        if self.data.english:
            return canonical
        words = [t.text for t in span]
        composed = self.data.compose(words) if label == "ORG" else None
        if composed:
            return composed
        if self.data.proper_unchanged and self.data.all_proper(words):
            return canonical
        return None

    def set_names(self, ents: Sequence[Span]) -> None:
        persons = []
        for ent in ents:
            if ent.label_ not in NAME_LABELS:
                continue
            entry = self.aliases.lookup(ent.text, ent.label_)
            if entry is None and len(ent) > 1 and ent[0].lower_ in self.data.connectors:
                entry = self.aliases.lookup(ent[1:].text, ent.label_)     # "The US"
            if entry is not None:
                ent._.canonical = entry["canonical"]
                ent._.en = entry.get("en") or (entry["canonical"] if self.data.english and
                                               ent.label_ != "PERSON" else None)
                continue
            words = ent
            while len(words) > 1 and words[0].lower_ in self.data.connectors:
                words = words[1:]         # "The New York Times" → "New York Times"
            ent._.canonical = normalise(words.text)
            ent._.en = self.english_name(words, ent.label_, ent._.canonical)
            if ent.label_ == "PERSON":
                persons.append(ent)
        self._person_full_names(persons)

    @staticmethod
    def _person_full_names(persons: list[Span]) -> None:
        words = [tuple(t.text.casefold() for t in p) for p in persons]
        for i, person in enumerate(persons):
            fits = [j for j, other in enumerate(words) if _part_of(words[i], other)]
            # the fullest names: those not themselves part of another candidate
            fullest = [j for j in fits if not any(_part_of(words[j], words[k]) for k in fits)]
            if not fullest:
                continue
            before = [j for j in fullest if persons[j].start < person.start]
            chosen = max(before, key=lambda j: persons[j].start) if before else \
                min(fullest, key=lambda j: persons[j].start)
            person._.canonical = normalise(persons[chosen].text)

    def __call__(self, doc: Doc) -> Doc:
        model_ents = list(doc.ents)        # each doc.ents read builds new Spans: read it once
        model = {(e.start, e.end, e.label_) for e in model_ents}
        model_ents = self.without_common_abbreviations(doc, model_ents)
        alias_matches = self.alias_matcher(doc)
        alias_starts = {start for _, start, _ in alias_matches}
        patterns = self.pattern_spans(doc, model_ents, alias_starts)
        ents = filter_spans(patterns + self.split_coordinated(doc, model_ents, alias_starts))   # patterns win ties
        if self.fill_from_aliases:
            ents = ents + self.alias_spans(doc, alias_matches, ents)
        ents.sort(key=lambda s: s.start)
        doc.ents = ents
        for ent in ents:
            if (ent.start, ent.end, ent.label_) not in model:
                ent._.source = SOURCE
        self.set_names(ents)
        return doc


@Language.factory("warta_names", default_config={"lang": None, "aliases": [], "fill_from_aliases": True})
def make_names(nlp: Language, name: str, lang: str | None, aliases: list[str], fill_from_aliases: bool):
    return NameComponent(nlp, name, lang=lang, aliases=aliases, fill_from_aliases=fill_from_aliases)
