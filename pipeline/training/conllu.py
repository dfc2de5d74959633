"""Sentence texts of CoNLL-U treebanks, as unlabelled training text."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

TEXT_PREFIX = "# text = "


def conllu_texts(path: str | Path) -> Iterator[str]:
    """The ``# text = `` line of each sentence of a CoNLL-U file."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(TEXT_PREFIX):
                yield line[len(TEXT_PREFIX):].strip()
