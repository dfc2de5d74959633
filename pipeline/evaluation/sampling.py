"""``warta sample``: documents of a run picked for annotation, stratified and reproducible.

A document's stratum is its publication month and its label profile: which kinds of span it has
(``FIGURE``, ``DATE/TIME``, ``names`` for PERSON/ORG/PLACE/EVENT: the value labels apart, since
their values are what annotators check) and how many spans (``0``, ``1-9``, ``10-29``, ``30+``),
e.g. ``2024-10 | DATE/TIME+FIGURE+names | 10-29``. (Every label set apart would split a
10,000-document archive into some 700 strata, too many to represent in a sample.) Every
stratum gets one document when N is at least the number of strata, and the rest of N goes to the
strata in proportion to their size (largest remainder; ties broken by the seeded generator); with
fewer than one document per stratum, N is shared in proportion alone. The run is read twice, never
held in memory, so a run of any size can be sampled.
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

from warta.batch.io import InputError, display_path, iter_jsonl

from warta.batch.tables import partition_of
from warta.evaluation.spans import check_record
from warta.records import NAME_LABELS

SIZE_BUCKETS = ((30, "30+"), (10, "10-29"), (1, "1-9"), (0, "0"))
LABEL_GROUPS = {"FIGURE": "FIGURE", "DATE": "DATE/TIME", "TIME": "DATE/TIME", **dict.fromkeys(NAME_LABELS, "names")}
SUMMARY_NAME = "sample.json"
DOCUMENTS_NAME = "documents.jsonl"


def documents_path(run: str | Path) -> Path:
    """The ``documents.jsonl`` of a run: the file itself, or the one in an output folder."""
    run = Path(run)
    path = run / DOCUMENTS_NAME if run.is_dir() else run
    if not path.is_file():
        raise InputError(f"{display_path(path)}: no such file (give an output folder or its documents.jsonl)")
    return path


def iter_records(path: str | Path) -> Iterator[dict]:
    """The records of a ``documents.jsonl``, streamed; a malformed line is an ``InputError`` naming it."""
    return iter_jsonl(path, check_record)


def is_annotatable(record: dict) -> bool:
    """A document whose text was read (error records have no text to annotate)."""
    return record.get("status", "ok") == "ok" and bool(record.get("text_sha256"))


def stratum_of(record: dict) -> str:
    """``month | labels | size`` of a record (see the module's docstring)."""
    spans = record.get("spans", [])
    labels = "+".join(sorted({LABEL_GROUPS.get(span["label"], span["label"]) for span in spans})) or "none"
    size = next(name for lowest, name in SIZE_BUCKETS if len(spans) >= lowest)
    return f"{partition_of(record)[1]} | {labels} | {size}"


def allocate(sizes: dict[str, int], n: int, rng: random.Random) -> dict[str, int]:
    """Documents to draw per stratum: one each when ``n`` allows, the rest in proportion to size."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    base = 1 if n >= len(sizes) else 0
    remaining = n - base * len(sizes)
    weights = {key: size - base for key, size in sizes.items()}
    weight_total = sum(weights.values())
    shares = {key: remaining * weight / weight_total for key, weight in weights.items()}
    quotas = {key: base + int(share) for key, share in shares.items()}
    # largest remainder; a random key breaks ties so that no stratum is favoured by its name
    order = sorted(shares, key=lambda key: (-(shares[key] - int(shares[key])), rng.random()))
    for key in order[: n - sum(quotas.values())]:
        quotas[key] += 1
    return quotas


def choose(path: str | Path, n: int, seed: int = 0) -> tuple[set[int], dict[str, dict]]:
    """Line positions (0-based, among records) of the chosen documents, and per stratum its size and
    the number chosen. Only annotatable documents are candidates."""
    members: dict[str, list[int]] = {}
    for position, record in enumerate(iter_records(path)):
        if is_annotatable(record):
            members.setdefault(stratum_of(record), []).append(position)
    rng = random.Random(seed)
    keys = sorted(members)
    quotas = allocate({key: len(members[key]) for key in keys}, n, rng)
    chosen: set[int] = set()
    for key in keys:
        chosen.update(rng.sample(members[key], quotas[key]))
    strata = {key: {"documents": len(members[key]), "chosen": quotas[key]} for key in keys}
    return chosen, strata


def iter_chosen(path: str | Path, chosen: set[int]) -> Iterator[dict]:
    """The chosen records, in the run's order."""
    return (record for position, record in enumerate(iter_records(path)) if position in chosen)


def write_sample(run: str | Path, out_dir: str | Path, n: int, seed: int = 0) -> dict:
    """Write the chosen records to ``out_dir/documents.jsonl`` and the strata to ``out_dir/sample.json``;
    return that summary."""
    path = documents_path(run)
    chosen, strata = choose(path, n, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / DOCUMENTS_NAME).open("w", encoding="utf-8") as handle:
        for record in iter_chosen(path, chosen):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary = {"run": display_path(path), "requested": n, "seed": seed, "chosen": len(chosen),
               "candidates": sum(s["documents"] for s in strata.values()), "strata": strata}
    (out_dir / SUMMARY_NAME).write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def format_summary(summary: dict) -> str:
    """The strata as a table: documents in the run and chosen, per stratum."""
    width = max([len("stratum (month | labels | spans)"), *map(len, summary["strata"])])
    lines = [f"{'stratum (month | labels | spans)':<{width}} {'documents':>9} {'chosen':>6}"]
    lines += [f"{key:<{width}} {s['documents']:>9} {s['chosen']:>6}" for key, s in summary["strata"].items()]
    lines.append(f"{'total':<{width}} {summary['candidates']:>9} {summary['chosen']:>6}")
    return "\n".join(lines)

