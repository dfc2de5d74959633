"""Each language's NER training recipe, read from ``configs/training_<lang>.json``.

The file holds what makes a model reproducible and what its card says about it: the data recipe
(``data``: lower-case copies, upsampling, borrowed corpora, word vectors; recorded in
metrics.json), the step budget, the model version, the targets, the corpora's sources and
licences, the spaCy config and label-map files, and the card's language-specific text. Keys
starting with ``_`` are notes for readers. Code never branches on the language: it reads these.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from warta import paths

# wall-clock budget of a training run; the step budget normally ends it first (about 20 minutes)
TIME_BUDGET_MINUTES = 60
SEED = 0


def recipe_path(lang: str) -> Path:
    return paths.configs_dir() / f"training_{lang}.json"


@lru_cache(maxsize=None)
def _load(lang: str) -> dict:
    path = recipe_path(lang)
    if not path.exists():
        raise FileNotFoundError(f"no training recipe for language {lang!r} (expected {path})")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def training_recipe(lang: str) -> dict:
    """The whole ``configs/training_<lang>.json`` (a fresh copy: callers may change it)."""
    return json.loads(json.dumps(_load(lang)))


def data_recipe_for(lang: str) -> dict:
    """The data recipe (``data``) of ``lang``: what goes into the training corpora."""
    return training_recipe(lang)["data"]


def max_steps_for(lang: str) -> int:
    """The default step budget of ``warta train --lang <lang>``."""
    return int(_load(lang)["max_steps"])


def model_version_for(lang: str) -> str:
    return _load(lang)["model_version"]


def label_map_path_for(lang: str) -> Path:
    """The label-map file the recipe names (in ``configs/``)."""
    return paths.configs_dir() / _load(lang)["label_map"]


def spacy_config_path_for(lang: str) -> Path:
    """The spaCy training config the recipe names (in ``configs/``)."""
    return paths.configs_dir() / _load(lang)["spacy_config"]


def targets_for(lang: str) -> dict[str, tuple[str, float]]:
    """``{corpus: (metric, target)}`` on the valid splits."""
    return {corpus: (t["metric"], t["target"]) for corpus, t in _load(lang)["targets"].items()}


def card_text_for(lang: str) -> dict:
    """The model card's language-specific text (``card``)."""
    return training_recipe(lang)["card"]


def lexicon_settings_for(lang: str) -> dict:
    """Thresholds of ``warta lexicons`` for ``lang`` (``lexicons``)."""
    return dict(_load(lang)["lexicons"])


def langid_held_out_for(lang: str) -> tuple[str, ...]:
    """Train-only corpora of which the language identifier keeps a share aside for evaluation."""
    return tuple(_load(lang)["langid_held_out"])


def language_name_for(lang: str) -> str:
    return _load(lang)["language_name"]


def source_of(lang: str, name: str, corpus_stats: dict, unknown: str = "see data README") -> str:
    """Provenance line of a training corpus of ``lang``'s model. A borrowed corpus ("nergrit-id")
    is found through its ``source_corpus`` ("id/nergrit") in its own language's recipe."""
    source_lang, _, folder = corpus_stats.get("source_corpus", f"{lang}/{name}").partition("/")
    sources = _load(source_lang)["sources"] if recipe_path(source_lang).exists() else {}
    return sources.get(name) or sources.get(folder, unknown)


def is_borrowed(lang: str, corpus_stats: dict) -> bool:
    """The corpus came from another language's data (``--borrow``)."""
    source_lang = corpus_stats.get("source_corpus", lang).partition("/")[0]
    return source_lang != lang
