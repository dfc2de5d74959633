"""An input's ``lang`` field, normalised: ``ID``, ``id-ID``, ``ind``, ``indonesian`` → ``id``.

The names and codes live in ``pipeline/lang/lang_codes.json``; a value not listed there is not
trusted (it may be anything, even a path) and the language is detected from the text instead.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

CODES_PATH = Path(__file__).parent / "lang_codes.json"
UNKNOWN_LANG = "unknown lang (detected from the text)"
REGION_SEPARATOR = re.compile(r"[-_]")


@lru_cache(maxsize=1)
def lang_codes() -> dict[str, str]:
    with CODES_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)["codes"]


def normalize_lang(value) -> str | None:
    """Warta's code (``id``, ``en`` or ``other``) for a lang field; None when it is missing or
    not a known language name or code (a region tag is looked up by its primary subtag)."""
    if not isinstance(value, str):
        return None
    key = " ".join(value.split()).lower()
    codes = lang_codes()
    return codes.get(key) or codes.get(REGION_SEPARATOR.split(key, maxsplit=1)[0])
