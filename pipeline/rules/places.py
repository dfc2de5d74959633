"""The place gazetteer of a language and its context facts (no spaCy).

The table is the shipped ``models/gazetteers/<lang>_places.json`` (built by ``warta gazetteers``,
:mod:`warta.training.gazetteers`): rows ``[form, canonical, en, kind, flags]``, ``flags`` ``p`` for a
prefixed form ("Kab. Bandung": a place wherever it stands), ``a`` for an ambiguous bare name (a
common word or a person's name first: never filled), ``""`` for a bare name (a place in a place
context). Major world cities (``world_cities`` of ``places.json``) are added as bare names. The context facts (words after which a name is a place, the links of a list of places)
are ``warta/lang/<lang>/places.json``. A language without a table gets an empty gazetteer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from warta import paths
from warta.lang import lang_data_path, load_lang_data


def normalise(text: str) -> str:
    """``text`` with every run of whitespace made one space, and none at either end."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Place:
    form: str
    canonical: str
    en: str
    kind: str
    prefixed: bool          # a place wherever it stands
    ambiguous: bool         # a common word or a person's name first: never filled


def gazetteer_path(lang: str):
    return paths.models_dir() / "gazetteers" / f"{lang}_places.json"


class Gazetteer:
    """Written form (spacing normalised, case kept) → :class:`Place`, with the context facts."""

    def __init__(self, lang: str, rows=None):
        rows_given = rows
        if rows is None:
            path = gazetteer_path(lang)
            rows = json.loads(path.read_text(encoding="utf-8"))["places"] if path.exists() else []
        self.places: dict[str, Place] = {}
        for form, canonical, en, kind, flags in rows:
            self.places[normalise(form)] = Place(form, canonical, en, kind, "p" in flags, "a" in flags)
        facts = load_lang_data(lang, "places") if lang_data_path(lang, "places").exists() else {}
        if rows_given is None:
            for form, en in facts.get("world_cities", {}).items():     # bare names, after the table's own
                self.places.setdefault(normalise(form), Place(form, form, en, "world_city", False, False))
        self.max_words = max((len(form.split()) for form in self.places), default=0)
        self.first_words = frozenset(form.split()[0] for form in self.places)
        self.contexts = frozenset(w.casefold() for w in facts.get("contexts", {}).get("words", ()))
        self.list_links = frozenset(facts.get("list_links", ()))
        self.feature_words = frozenset(facts.get("feature_words", ()))

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, text: str) -> Place | None:
        """The place written ``text`` (spacing ignored, case kept: "Baru" is not "baru")."""
        place = self.places.get(text)
        return place if place is not None or " " not in text and "\n" not in text and "\t" not in text \
            else self.places.get(normalise(text))

    def is_context(self, word: str) -> bool:
        """A word after which a gazetteer name is a place ("di", "ke", "dari")."""
        return word.casefold() in self.contexts


@lru_cache(maxsize=None)
def gazetteer(lang: str) -> Gazetteer:
    """The shipped gazetteer of ``lang``, read once per process."""
    return Gazetteer(lang)
