"""Per-language facts (number words, months, qualifiers, ...) kept as data files.

Each language has a folder ``pipeline/lang/<code>/`` holding JSON files, one per concern
(``numbers.json`` for figures, ``dates.json`` for dates, ...). Code never branches on the
language: it reads the facts from here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).parent
SUPPORTED_LANGS = ("id", "en")


@lru_cache(maxsize=None)
def load_lang_data(lang: str, name: str) -> dict:
    """Return the parsed ``pipeline/lang/<lang>/<name>.json``; a clear error if it is missing."""
    path = LANG_DIR / lang / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"no language data '{name}' for language '{lang}' (expected {path})")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
