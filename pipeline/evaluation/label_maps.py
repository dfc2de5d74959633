"""Label maps: each NER corpus's own entity labels mapped to the project labels (``configs/ner_label_map*.json``).

A label-map file holds ``project_labels``, ``corpora`` (``{corpus folder: {corpus label: project
label or null}}``) and optional ``aliases``; a label mapped to null is dropped (its tokens become O).
Which file a language uses is part of its training recipe (``warta.training.recipes``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping

LabelMap = Mapping | Path | str


def load_label_map(label_map: LabelMap) -> dict:
    """A label-map file (path) as a dict; a dict is returned as a copy."""
    if isinstance(label_map, (str, Path)):
        with Path(label_map).open(encoding="utf-8") as handle:
            return json.load(handle)
    return dict(label_map)


def corpus_label_map(label_map: LabelMap, corpus: str) -> dict[str, str | None]:
    """Mapping corpus label -> project label (or None) for one corpus folder name.

    ``label_map`` is the full label-map file (path or dict with a ``corpora`` key) or already a
    flat ``{corpus_label: project_label}`` dict.
    """
    full = load_label_map(label_map)
    if "corpora" not in full:
        return full
    name = full.get("aliases", {}).get(corpus, corpus)
    if name not in full["corpora"]:
        raise KeyError(f"corpus {corpus!r} has no entry in the label map (known: {sorted(full['corpora'])})")
    return full["corpora"][name]


def project_labels(label_map: LabelMap) -> list[str]:
    """The labels a model predicts: the file's ``project_labels``, else every label mapped to."""
    full = load_label_map(label_map)
    if "project_labels" in full:
        return list(full["project_labels"])
    return sorted({v for v in full.values() if v})


def map_spans(spans: Iterable[tuple[int, int, str]], mapping: Mapping[str, str | None],
              where: str = "") -> list[tuple[int, int, str]]:
    """The spans under their project labels; spans of a dropped label are left out."""
    out = []
    for start, end, label in spans:
        if label not in mapping:
            raise KeyError(f"label {label!r} {where} is not in the label map {dict(mapping)}")
        if mapping[label]:
            out.append((start, end, mapping[label]))
    return out
