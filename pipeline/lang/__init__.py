"""Per-language facts (number words, months, qualifiers, ...) kept as data files.

Each language has a folder ``warta/lang/<code>/`` holding JSON files, one per concern
(``numbers.json`` for figures, ``dates.json`` for dates, ...). Code never branches on the
language: it reads the facts from here, through :func:`load_lang_data`, which drops the files'
comment keys and checks each file against its declared shape (:mod:`warta.lang.schemas`).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from warta.lang.schemas import SCHEMAS

LANG_DIR = Path(__file__).parent
SUPPORTED_LANGS = ("id", "en")


class LangDataError(ValueError):
    """A language-data file that is not valid JSON or does not have its declared shape."""


def lang_data_path(lang: str, name: str) -> Path:
    """Where ``warta/lang/<lang>/<name>.json`` is (whether or not it exists)."""
    return LANG_DIR / lang / f"{name}.json"


@lru_cache(maxsize=None)
def load_lang_data(lang: str, name: str) -> dict:
    """The facts of ``warta/lang/<lang>/<name>.json``: comment keys dropped, shape checked.

    Read once per process: every call returns the same object, so callers must not change it.
    Raises FileNotFoundError when the file is missing, LangDataError when it is invalid.
    """
    path = lang_data_path(lang, name)
    if not path.exists():
        raise FileNotFoundError(f"no language data '{name}' for language '{lang}' (expected {path})")
    return read_lang_file(path)


def read_lang_file(path: Path) -> dict:
    """One language-data file, comment keys dropped, checked against the schema of its name.

    The file's name (without ``.json``) chooses the schema, wherever the file lies.
    """
    schema = SCHEMAS.get(path.stem)
    if schema is None:
        raise LangDataError(f"{path}: no schema is declared for '{path.stem}' (warta.lang.schemas.SCHEMAS)")
    try:
        data = without_comments(json.loads(path.read_text(encoding="utf-8")))
    except ValueError as exc:
        raise LangDataError(f"{path}: not valid JSON: {exc}") from exc
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        raise LangDataError(f"{path}: {describe_errors(exc)}") from None
    return data


def without_comments(value):
    """``value`` without the dictionary keys that start with ``_`` (comments), at every depth.

    Only keys are dropped: a list item or a value starting with ``_`` stays.
    """
    if isinstance(value, dict):
        return {key: without_comments(item) for key, item in value.items() if not key.startswith("_")}
    if isinstance(value, list):
        return [without_comments(item) for item in value]
    return value


_PROBLEMS = {"extra_forbidden": "unknown key", "missing": "missing key"}


def describe_errors(error: ValidationError) -> str:
    """The offending keys of a validation error and what is wrong with each, one per line."""
    lines = []
    for problem in error.errors():
        where = "".join(f"[{json.dumps(part, ensure_ascii=False)}]" for part in problem["loc"])
        lines.append(f"key {where}: {_PROBLEMS.get(problem['type'], problem['msg'])}")
    return "\n  ".join(lines)
