"""Reading the worked examples kept beside the language data: ``pipeline/lang/<lang>/examples/<kind>.json``.

Each file is a list of groups ``{"section": ..., "examples": [...]}``; a section keeps related examples
together so that the file reads like the rules it exercises. The files are plain JSON read here with
``json``, not through ``warta.lang.load_lang_data`` (they are test data, not language facts).
"""
from __future__ import annotations

import json
from pathlib import Path

from warta.lang import LANG_DIR

# figures: find_figures; dates: find_dates; numbers: parse_number
KINDS = ("figures", "dates", "numbers")


def examples_dir(lang: str) -> Path:
    """The folder of a language's example files."""
    return LANG_DIR / lang / "examples"


def example_files(lang: str) -> dict[str, Path]:
    """kind -> path of every example file the language has."""
    folder = examples_dir(lang)
    return {path.stem: path for path in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def load_groups(lang: str, kind: str) -> list:
    """The parsed groups of one example file; an empty list when the language has none."""
    path = example_files(lang).get(kind)
    if path is None:
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def examples(lang: str, kind: str) -> list[dict]:
    """The examples of one file in file order (the sections flattened)."""
    return [example for group in load_groups(lang, kind) if isinstance(group, dict)
            for example in group.get("examples", [])]


def first_of_each_section(lang: str, kind: str) -> list[tuple[int, dict]]:
    """(index in ``examples``, example) of the first example of every group: a small sample for
    tests that run the examples through a whole spaCy pipeline."""
    chosen, index = [], 0
    for group in load_groups(lang, kind):
        chosen.append((index, group["examples"][0]))
        index += len(group["examples"])
    return chosen
