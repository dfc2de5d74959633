"""The names rule engine: alias tables, organisation-name facts and English composition (no spaCy).

The spaCy component that applies these rules to ``doc.ents`` is
:class:`warta.components.names.NamesComponent` (factory ``warta_names``). Every fact comes from the
language's data files (no language word appears in this module):

``warta/lang/<lang>/org_heads.json``
    organisation head words ("Kementerian", "Universitas", "University") and tail words ("Tbk",
    "Inc", "University"), derived from the NER training data (``warta lexicons``);
``warta/lang/<lang>/org_names.json``
    the reviewed use of those lists (``dropped`` / ``added``), the connector words allowed inside a
    name, and for Indonesian the English templates, modifiers and glossary;
``warta/lang/<lang>/common_words.json``
    words seen in lower case in the training data: a capitalised word among them is a common word
    of the language, not a proper name;
``warta/lang/<lang>/aliases.json`` (+ the user's files)
    one entry per named thing: ``label``, ``canonical``, ``en``, ``aliases``;
``warta/lang/<lang>/common_abbreviations.json``
    abbreviations of common nouns ("PHK", "NPWP", "AI"), written from the language;
``warta/lang/<lang>/name_cues.json``
    titles before persons' names, events' heads, tails, words and cue words, makers and product
    nouns and cue words (products are no names), organisation nouns and the words that open a list
    of names after one, words of address to the reader, match words, heads of named facilities;
``models/gazetteers/<lang>_places.json`` and ``warta/lang/<lang>/places.json``
    the place gazetteer and its context facts (:mod:`warta.rules.places`): places' canonical and
    English names, and the English name of a place at the end of an organisation name.

Heads may be several words ("Suku Dinas", "Pemerintah Provinsi"); a head written short
("Pemprov", "Sudin", "Polda") is written out by ``expansions`` for ``canonical`` and ``en``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from warta.lang import lang_data_path, load_lang_data
from warta.rules.places import gazetteer

# the labels whose mentions get canonical and English names, and that an alias entry may carry
# (a record's name labels, warta.records.NAME_LABELS, also include EVENT, which is left as found)
RESOLVED_LABELS = ("PERSON", "ORG", "PLACE")
ALIAS_KEYS = ("label", "canonical", "aliases")          # required; "en" is optional in user files
ROMAN_NUMERAL = r"[IVXLC]+"
_ROMAN = re.compile(rf"^{ROMAN_NUMERAL}$")


def is_name_word(text: str) -> bool:
    """A word that can be part of a name: capitalised, with a letter, not a Roman numeral."""
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and not _ROMAN.match(text)


def bare(text: str) -> str:
    """A word without a final full stop ("Inc." → "Inc"), for matching heads and tails."""
    return text[:-1] if len(text) > 1 and text.endswith(".") else text


def normalise(text: str) -> str:
    """``text`` with every run of whitespace made one space, and none at either end."""
    return " ".join(text.split())


def alias_key(text: str) -> str:
    """The form under which the alias table files a name: spacing normalised, case folded."""
    return normalise(text).casefold()


# ---------------------------------------------------------------------------------------- aliases

class AliasError(ValueError):
    """An alias file that is not in the documented format."""


def read_alias_file(path: str | Path) -> list[dict]:
    """The entries of one alias file (``{"entries": [...]}`` or a bare list), checked."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except RecursionError as exc:              # JSON nested deeper than Python's parser recurses
        raise AliasError(f"{path}: cannot read the alias file: JSON nested too deeply") from exc
    except (OSError, ValueError) as exc:
        raise AliasError(f"{path}: cannot read the alias file: {exc}") from exc
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise AliasError(f"{path}: expected {{\"entries\": [...]}} or a list of entries")
    for number, entry in enumerate(entries, 1):
        check_alias_entry(entry, f"{path}: entry {number}")
    return entries


def check_alias_entry(entry, where: str) -> None:
    """Raise AliasError (naming ``where``) unless ``entry`` is a well-formed alias entry."""
    if not isinstance(entry, dict) or any(key not in entry for key in ALIAS_KEYS):
        raise AliasError(f"{where}: an entry needs the keys {', '.join(ALIAS_KEYS)} (and optionally en)")
    if entry["label"] not in RESOLVED_LABELS:
        raise AliasError(f"{where}: label {entry['label']!r} is not one of {', '.join(RESOLVED_LABELS)}")
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
        """File ``entry`` under each of its written forms (it takes over forms it shares)."""
        self.entries.append(entry)
        for form in alias_forms(entry):
            self.by_form[alias_key(form)] = entry

    def lookup(self, text: str, label: str) -> dict | None:
        """The entry for a mention ``text`` of ``label``: persons match only persons, and others only others."""
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
        check_alias_entry(entry, f"{lang_data_path(lang, 'aliases')}: entry {number}")
        table.add(entry)
    for path in extra:
        for entry in read_alias_file(path):
            table.add(entry)
    return table


# ----------------------------------------------------------------------- organisation-name facts

@dataclass
class _Unit:
    kind: str          # C connector, G glossary noun, M modifier, P proper word
    text: str          # as written
    en: str            # English form (P: as written)


class NameRules:
    """The name facts of one language (``org_names``, ``org_heads``, ``common_words``,
    ``common_abbreviations``) and the English composition of organisation names."""

    def __init__(self, lang: str, aliases: AliasTable):
        names = load_lang_data(lang, "org_names")
        derived = load_lang_data(lang, "org_heads")
        dropped, added = names.get("dropped", {}), names.get("added", {})
        self.heads = self._reviewed(derived["heads"], dropped.get("heads", {}), added.get("heads", {}))
        self.tails = self._reviewed(derived["tails"], dropped.get("tails", {}), added.get("tails", {}))
        self.connectors = names.get("connectors", {})
        self.coordinators = frozenset(names.get("coordinators", ()))
        self.templates = names.get("templates", {})
        self.modifiers = {k.casefold(): v for k, v in names.get("modifiers", {}).items()}
        self.glossary = {tuple(k.casefold().split()): v for k, v in names.get("glossary", {}).items()}
        self.longest_gloss = max((len(k) for k in self.glossary), default=1)
        self.common = frozenset(load_lang_data(lang, "common_words")["words"])
        self.common_abbreviations = frozenset(load_lang_data(lang, "common_abbreviations")["words"])
        self.proper_unchanged = bool(names.get("proper_names_unchanged"))
        self.english = bool(names.get("english"))
        self.aliases = aliases
        self.known_names = {alias_key(form) for form, entry in aliases.active_forms().items()
                            if entry["label"] in ("PLACE", "ORG") and len(form.split()) == 1}
        self.expansions = names.get("expansions", {})
        self.products = frozenset(word.casefold() for word in names.get("products", ()))
        self.template_heads: dict[str, list[tuple[str, ...]]] = {}      # first word -> heads, longest first
        for head in sorted((tuple(head.split()) for head in self.templates), key=len, reverse=True):
            self.template_heads.setdefault(head[0], []).append(head)
        self.places = gazetteer(lang)
        cues = load_lang_data(lang, "name_cues") if lang_data_path(lang, "name_cues").exists() else {}
        self.titles = frozenset(cues.get("titles", ()))
        # derived (warta.training.name_lists); a language without the file has no given-name rule
        given = lang_data_path(lang, "given_names")
        self.given_names = frozenset(load_lang_data(lang, "given_names")["words"]) if given.exists() else frozenset()
        self.event_heads = frozenset(cues.get("event_heads", ()))
        self.event_tails = frozenset(cues.get("event_tails", ()))
        self.event_words = frozenset(cues.get("event_words", ()))
        self.event_cues = frozenset(w.casefold() for w in cues.get("event_cues", ()))
        self.brands = frozenset(cues.get("brands", ()))
        self.brand_org_words = frozenset(cues.get("brand_org_words", ()))
        self.product_nouns = frozenset(cues.get("product_nouns", ()))
        self.product_cues = frozenset(w.casefold() for w in cues.get("product_cues", ()))
        self.address_words = frozenset(cues.get("address_words", ()))
        self.match_words = frozenset(w.casefold() for w in cues.get("match_words", ()))
        self.place_heads = frozenset(cues.get("place_heads", ()))
        self.speech_verbs = frozenset(w.casefold() for w in cues.get("speech_verbs", ()))
        self.degrees = frozenset(cues.get("degrees", ()))
        self.lower_case_names = bool(cues.get("lower_case_names", False))
        # word sequences, longest first: "perusahaan rintisan" before "perusahaan"
        self.org_nouns = sorted((tuple(w.casefold().split()) for w in cues.get("org_nouns", ())), key=len, reverse=True)
        self.list_cues = sorted((tuple(w.casefold().split()) for w in cues.get("list_cues", ())), key=len, reverse=True)

    @staticmethod
    def _reviewed(derived: dict, dropped: dict, added: dict) -> list[str]:
        """The derived words minus the dropped ones, then the added ones (in file order)."""
        words = [w for w in derived if w not in dropped]
        return words + [w for w in added if w not in words]

    # -- words

    def is_common(self, word: str) -> bool:
        """``word`` is seen in lower case in the language's training text."""
        return word.lower() in self.common

    def is_proper(self, word: str) -> bool:
        """A capitalised word that is not a known common word of the language (or is a known name)."""
        if not is_name_word(word):
            return False
        key = word.casefold()
        if key in self.known_names:
            return True
        return not ((key,) in self.glossary or key in self.modifiers or self.is_common(word))

    def all_proper(self, words: Sequence[str]) -> bool:
        """``words`` is not empty and each of them is a proper word."""
        return bool(words) and all(self.is_proper(w) for w in words)

    # -- places and written-out heads

    def place(self, text: str) -> tuple[str, str | None] | None:
        """(canonical, en) of a place name: the alias table's PLACE entry, else the gazetteer's."""
        entry = self.aliases.lookup(text, "PLACE")
        if entry is not None and entry["label"] == "PLACE":
            return entry["canonical"], entry.get("en")
        place = self.places.lookup(text)
        return (place.canonical, place.en) if place is not None else None

    def is_product(self, word: str) -> bool:
        """``word`` names a product, not an organisation ("iPhone", "PlayStation")."""
        return word.casefold() in self.products

    def expand(self, words: Sequence[str]) -> list[str] | None:
        """An organisation name whose head is written short, written out ("Pemprov Jabar" →
        "Pemerintah Provinsi Jawa Barat": the head from ``expansions``, a one-word place short form
        from the alias table); None when the head is not a short form."""
        if not words or words[0] not in self.expansions:
            return None
        rest = list(words[1:])
        if len(rest) == 1:
            entry = self.aliases.lookup(rest[0], "PLACE")
            if entry is not None and entry["label"] == "PLACE":
                rest = entry["canonical"].split()
        return [*self.expansions[words[0]].split(), *rest]

    def head_of(self, words: Sequence[str]) -> int:
        """How many words of ``words`` make the head that has a template (0: none)."""
        for head in self.template_heads.get(words[0], ()) if words else ():
            if tuple(words[:len(head)]) == head:
                return len(head)
        return 0

    # -- composition

    def _units(self, words: Sequence[str]) -> list[_Unit] | None:
        """``words`` read as units (longest glossary entry first); None if a common word is not covered."""
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

        The head is the longest head of ``templates`` the words start with ("Suku Dinas"); a place
        at the end of the name (alias table or gazetteer) is a proper part with its English name.

        The words after the head are read as: modifiers right after the head (M: they go before
        the English head word), then glossary words with their own modifiers (G: each group
        between connectors is reversed, Indonesian putting the modifier after the noun), then a
        proper name (P: in front in English). Anything else, or a part the template has no
        placeholder for, gives None.
        """
        size = self.head_of(words)
        if not size:
            return None
        rule = self.templates[" ".join(words[:size])]
        if rule.get("keep"):
            return normalise(" ".join(words))
        rest, place = list(words[size:]), None
        for k in range(len(rest)):          # a place at the end: its English name ("Jawa Barat" → "West Java")
            found = self.place(" ".join(rest[k:]))
            if found is not None and found[1]:
                rest, place = rest[:k], _Unit("P", " ".join(rest[k:]), found[1])
                break
        units = self._units(rest) if rest else []
        if units is None or not (units or place):
            return None
        if place is not None:
            units.append(place)
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


@lru_cache(maxsize=None)
def name_rules(lang: str) -> NameRules:
    """The name rules of ``lang`` with its shipped alias table only, built once per process."""
    return NameRules(lang, load_alias_table(lang))


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



# ------------------------------------------------------------------------------------ persons

def is_part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is a contiguous, strictly shorter run of the words of ``long``."""
    n = len(short)
    return n < len(long) and any(long[k:k + n] == short for k in range(len(long) - n + 1))


def full_name_index(mention: int, names: Sequence[tuple[str, ...]], starts: Sequence[int]) -> int | None:
    """Which person name of a document the name ``names[mention]`` is a short form of ("Budi" of
    "Budi Santoso"), or None. ``names`` are the person mentions' case-folded words, ``starts`` their
    positions. Of the fullest names that contain it (those not part of another such name) the
    nearest one before the mention wins, else the nearest one after it."""
    fits = [j for j, other in enumerate(names) if is_part_of(names[mention], other)]
    fullest = [j for j in fits if not any(is_part_of(names[j], names[k]) for k in fits)]
    if not fullest:
        return None
    before = [j for j in fullest if starts[j] < starts[mention]]
    return max(before, key=lambda j: starts[j]) if before else min(fullest, key=lambda j: starts[j])
