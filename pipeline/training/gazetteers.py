"""The shipped place gazetteers (``models/gazetteers/<lang>_places.json``), built from ``../shared``.

``warta gazetteers --data ../shared/data -o models/gazetteers`` reads

* ``gazetteers/id_regions.json`` (cahyadsn/wilayah, MIT, Copyright (c) 2017-2025 Cahya DSN):
  provinces, regencies and cities, districts;
* the country names of the ``pycountry`` package (ISO 3166-1, its Indonesian translations;
  LGPL-2.1; a build-time dependency of the ``train`` extra);
* the language facts of ``pipeline/lang/id/places.json`` (prefixes, direction words, English forms)
  and the alias table ``pipeline/lang/id/aliases.json`` (a country or province it knows takes the
  table's ``canonical`` and ``en``);
* the cased NER training files and ``raw/kumparan_postag_id.jsonl``, only to count how a name is
  written: a bare name whose every word is written in lower case at least ``common_ratio`` times as
  often as capitalised inside a sentence (sentences with no capital skipped; a kind may set its
  own ratio: districts 0, any word written in lower case twice) is a common word ("Baru", "Tengah", "Kota Baru"); one written inside PERSON spans
  at least ``min_person_share`` of the times it stands inside PERSON or PLACE spans is a person's
  name first. Both are flagged ``a`` (ambiguous): the rule never fills such a bare name.

Each table row is ``[form, canonical, en, kind, flags]``: ``flags`` ``p`` = a prefixed form ("Kab.
Bandung": a place wherever it stands), ``a`` = an ambiguous bare name, ``""`` = a bare name that is
a place in a place context. The Indonesian table holds the Indonesian forms (official names, the
prefixes news writes, bare names); the English table the English forms ("West Java", "Bandung
Regency", "South Jakarta", country names). No sentence of the sources is copied, only names.
"""
from __future__ import annotations

import gettext
import hashlib
import json
from collections import Counter
from pathlib import Path

from warta.evaluation.iob import iob_spans
from warta.evaluation.label_maps import corpus_label_map, load_label_map, map_spans
from warta.lang import load_lang_data
from warta.rules.names import alias_forms, alias_key, normalise
from warta.training.corpora import resolve_data_dir
from warta.training.lexicons import cased_training_files
from warta.training.recipes import label_map_path_for

REGIONS = Path("gazetteers") / "id_regions.json"
KUMPARAN = Path("raw") / "kumparan_postag_id.jsonl"
LICENCE = "MIT License, Copyright (c) 2017-2025 Cahya DSN (cahyadsn/wilayah)"
KIND_RANK = ("country", "province", "city", "regency", "district")     # a bare form shared by two kinds: the first
MAX_NGRAM = 4


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------------------ English forms

class RegionNames:
    """English forms of Indonesian region names from the language facts (``places.json``)."""

    def __init__(self, facts: dict):
        self.facts = facts
        self.directions = sorted(facts.get("directions", {}).items(), key=lambda kv: -len(kv[0].split()))
        self.leading = facts.get("leading_words", {})
        self.words_en = facts.get("words_en", {})

    def english(self, name: str) -> str:
        """"Aceh Selatan" → "South Aceh", "Kepulauan Riau" → "Riau Islands", "Jawa Barat" → "West Java"."""
        words = name.split()
        front = ""
        for direction, en in self.directions:
            n = len(direction.split())
            if len(words) > n and words[-n:] == direction.split():
                front, words = en, words[:-n]
                break
        template = "{N}"
        if len(words) > 1 and words[0] in self.leading:
            template, words = self.leading[words[0]], words[1:]
        core = " ".join(self.words_en.get(w, w) for w in words)
        return normalise(f"{front} {template.replace('{N}', core)}")


def clean_source_name(name: str, abbreviations: dict) -> str:
    return normalise(" ".join(abbreviations.get(w, w) for w in name.split()))


# ------------------------------------------------------------------------------ how names are written

def written_counts(data_dir: Path, lang: str) -> dict:
    """Lower-case and capitalised (not sentence-initial) counts of each word, and the n-grams written
    inside PERSON and PLACE spans, over the cased training files (and the kumparan file)."""
    lower, upper = Counter(), Counter()
    inside = {"PERSON": Counter(), "PLACE": Counter()}
    label_map = load_label_map(label_map_path_for(lang))
    files, _ = cased_training_files(lang, data_dir)
    sources = []
    for corpus, where, sentences in files:
        sources.append(where)
        mapping = corpus_label_map(label_map, corpus)
        for words, tags in sentences:
            _count_case(words, lower, upper)
            for start, end, label in map_spans(iob_spans(tags), mapping, where):
                if label in inside:
                    span = words[start:end]
                    for n in range(1, min(MAX_NGRAM, len(span)) + 1):
                        for k in range(len(span) - n + 1):
                            inside[label][" ".join(span[k:k + n])] += 1
    kumparan = data_dir / KUMPARAN
    if kumparan.exists() and lang == "id":
        sources.append(str(KUMPARAN))
        with open(kumparan, encoding="utf-8") as handle:
            for line in handle:
                _count_case(json.loads(line)["tokens"], lower, upper)
    return {"lower": lower, "upper": upper, "inside": inside, "sources": sources}


def _count_case(words: list[str], lower: Counter, upper: Counter) -> None:
    if not any(word[:1].isupper() for word in words):
        return                                # a sentence written all in lower case says nothing
    for i, word in enumerate(words):
        if not word.isalpha():
            continue
        if word.islower():
            lower[word] += 1
        elif i and word[:1].isupper() and words[i - 1] not in (".", "!", "?", '"', ":"):
            upper[word.lower()] += 1


def is_ambiguous(form: str, counts: dict, min_person_share: float, common_ratio: float) -> bool:
    """A bare name that is a common word of the language or a person's name first."""
    words = [w for w in form.replace("-", " ").split() if w.isalpha()]
    common = bool(words) and all(counts["lower"][w.lower()] >= 2 and
                                 counts["lower"][w.lower()] >= common_ratio * counts["upper"][w.lower()]
                                 for w in words)
    person, place = counts["inside"]["PERSON"][form], counts["inside"]["PLACE"][form]
    return common or (person >= 2 and person >= min_person_share * (person + place))


# ------------------------------------------------------------------------------ the tables

def country_names() -> tuple[list[tuple[str, str]], str]:
    """(Indonesian name, English name) of each ISO 3166-1 country, and the package's version."""
    import pycountry
    try:
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    except OSError:
        translate = lambda text: text      # noqa: E731  (no Indonesian catalogue: English names only)
    pairs = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        indonesian = translate(country.name)
        if indonesian == country.name and english != country.name:
            indonesian = translate(english)
        pairs.append((indonesian, english))
    return pairs, getattr(pycountry, "__version__", "unknown")


def build(data_dir: Path | str) -> dict[str, dict]:
    """The Indonesian and English place tables: ``{"id": table, "en": table}``."""
    data_dir = resolve_data_dir(data_dir)
    facts = load_lang_data("id", "places")
    names = RegionNames(facts)
    kinds = facts["kinds"]
    abbreviations = facts.get("source_abbreviations", {})
    regions_path = data_dir / REGIONS
    regions = json.loads(regions_path.read_text(encoding="utf-8"))
    counts = written_counts(data_dir, "id")
    aliases = {alias_key(form): entry for entry in load_lang_data("id", "aliases")["entries"]
               if entry["label"] == "PLACE" for form in alias_forms(entry)}
    share, ratio = facts.get("min_person_share", 0.5), facts.get("common_ratio", 1.0)
    rows = {"id": {}, "en": {}}

    def add(lang: str, form: str, canonical: str, en: str, kind: str, flags: str) -> None:
        form = normalise(form)
        old = rows[lang].get(form)
        if old is not None:
            if "p" in old[4] or KIND_RANK.index(old[3]) <= KIND_RANK.index(kind):
                return
        rows[lang][form] = [form, canonical, en, kind, flags]

    def bare(lang: str, form: str, canonical: str, en: str, kind: str) -> None:
        own = kinds.get(kind, {}).get("common_ratio")
        add(lang, form, canonical, en, kind, "a" if is_ambiguous(form, counts, share, ratio if own is None else own)
            else "")

    # provinces: the alias table's canonical and en where it knows them (the official name otherwise)
    for province in regions["provinces"]:
        name = clean_source_name(province["name"], abbreviations)
        entry = aliases.get(alias_key(name))
        canonical, en = (entry["canonical"], entry["en"]) if entry else (name, names.english(name))
        spec = kinds["province"]
        for prefix in spec["prefixes"]:
            add("id", f"{prefix} {name}", canonical, en, "province", "p")
            if entry and canonical != name:
                add("id", f"{prefix} {canonical}", canonical, en, "province", "p")
        for form in ([name, *alias_forms(entry)] if entry else [name]):
            if form != en or form == canonical:
                bare("id", form, canonical, en, "province")
        bare("en", en, en, en, "province")
    # regencies and cities
    prefixes = sorted(facts.get("source_prefixes", {}).items(), key=lambda kv: -len(kv[0]))
    for regency in regions["regencies"]:
        full = clean_source_name(regency["name"], abbreviations)
        kind, name = next(((kind, full[len(p) + 1:]) for p, kind in prefixes if full.startswith(p + " ")),
                          ("regency", full))
        spec = kinds[kind]
        canonical = f"{spec['official']} {name}"
        bare_en = names.english(name)
        en = spec["en"].replace("{N}", bare_en)
        for prefix in spec["prefixes"]:
            add("id", f"{prefix} {name}", canonical, en, kind, "p")
        if full != canonical:
            add("id", full, canonical, en, kind, "p")
        if spec.get("bare", True):
            bare("id", name, name, bare_en, kind)
            bare("en", bare_en, bare_en, bare_en, kind)
        add("en", en, en, en, kind, "p")
    # districts: prefixed forms only unless the language facts file their bare names
    spec = kinds["district"]
    for district in regions["districts"]:
        name = clean_source_name(district["name"], abbreviations)
        en = spec["en"].replace("{N}", names.english(name))
        for prefix in spec["prefixes"]:
            add("id", f"{prefix} {name}", f"{spec['official']} {name}", en, "district", "p")
        if spec.get("bare", False):
            bare("id", name, name, names.english(name), "district")
    # countries
    pairs, version = country_names()
    for indonesian, english in pairs:
        entry = aliases.get(alias_key(indonesian)) or aliases.get(alias_key(english))
        canonical, en = (entry["canonical"], entry["en"]) if entry else (indonesian, english)
        for form in {indonesian, english, canonical}:
            if "," not in form and "(" not in form:
                bare("id", form, canonical, en, "country")
        if "," not in en:
            bare("en", en, en, en, "country")
    provenance = {
        "command": f"warta gazetteers --data {data_dir} -o models/gazetteers",
        "source": {"file": f"data/{REGIONS.as_posix()}", "sha256": sha256_of(regions_path), "licence": LICENCE},
        "countries": f"pycountry {version} (ISO 3166-1 and its Indonesian translations; LGPL-2.1)",
        "facts": "pipeline/lang/id/places.json, pipeline/lang/id/aliases.json",
        "counted_in": counts["sources"],
        "row": ["form", "canonical", "en", "kind", "flags: p prefixed (a place anywhere), a ambiguous bare name "
                "(a common word or a person's name: never filled), '' bare (a place in a place context)"],
    }
    return {lang: {**provenance, "lang": lang, "places": sorted(table.values())} for lang, table in rows.items()}


def write(tables: dict[str, dict], output: Path | str) -> list[Path]:
    """Write ``<lang>_places.json`` of each table into ``output``; one row a line."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, table in tables.items():
        head = {k: v for k, v in table.items() if k != "places"}
        lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in table["places"])
        text = json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "places": [\n' + lines + "\n ]\n}\n"
        json.loads(text)                      # the hand-made layout is still one JSON document
        path = output / f"{lang}_places.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
