"""``warta diff`` benchmark: two 10,000-document runs diffed, documents/s and peak RSS.

Run with ``make bench`` (or ``python -m warta.benchmarks.diff``). The two runs are synthetic
``documents.jsonl`` files generated from a fixed seed in a temporary folder (records shaped like
``warta extract`` output: about 14 spans of every label, with values); the new run has planted
changes of each kind in 5 % of the documents, a few documents in one run only and a few changed
texts. The diff runs in a fresh process so that its peak RSS is its own; the benchmark also checks
that the diff found exactly the planted changes. Targets: >= 20,000 documents/s, <= 300 MB.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DOCUMENTS = 10_000
CHANGED_SHARE = 0.05
TARGET_DOCS_PER_S = 20_000
TARGET_PEAK_MB = 300
SEED = 21
WORDS = ("Jakarta", "Bank", "Rakyat", "Menteri", "Sari", "Budi", "Medan", "Kementerian", "Agung", "Surabaya")


def synthetic_span(rng: random.Random, start: int) -> dict:
    """One span of a random label with the value fields ``warta extract`` gives it."""
    label = rng.choice(("PERSON", "ORG", "PLACE", "FIGURE", "DATE", "EVENT"))
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    span = {"start": start, "end": start + len(text), "label": label, "text": text}
    if label == "FIGURE":
        span.update(value=rng.randint(1, 10_000), unit=rng.choice(("orang", "%", "IDR")), qualifier="=",
                    source="figures")
    elif label == "DATE":
        span.update(value=f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}", granularity="month", relative=False,
                    source="dates")
    else:
        span.update(canonical=text, en=text, source="ner")
    return span


def synthetic_record(rng: random.Random, number: int) -> dict:
    start, spans = 0, []
    for _ in range(rng.randint(6, 22)):
        start += rng.randint(5, 120)
        spans.append(synthetic_span(rng, start))
        start = spans[-1]["end"]
    doc_id = f"synthetic-{number:06d}"
    return {"doc_id": doc_id, "lang": "id", "published": f"2024-{number % 12 + 1:02d}-01", "title": None,
            "text_sha256": hashlib.sha256(doc_id.encode()).hexdigest(), "status": "ok", "error": None,
            "pipeline_version": "0.1.0", "models": {"ner": "id_ner@0.3.0"}, "n_words": start // 6, "spans": spans}


def plant_change(record: dict, kind: str) -> dict:
    """A copy of ``record`` with one change of ``kind`` (in its first span)."""
    changed = json.loads(json.dumps(record))
    span = changed["spans"][0]
    if kind == "added":
        changed["spans"].append({**span, "start": span["start"] + 10_000, "end": span["end"] + 10_000})
    elif kind == "removed":
        del changed["spans"][0]
    elif kind == "boundary":
        span["end"] += 1
    elif kind == "value":
        field = {"FIGURE": "value", "DATE": "granularity"}.get(span["label"], "canonical")
        span[field] = f"{span.get(field)}!"
    return changed


def write_runs(folder: Path, documents: int) -> dict:
    """Both runs' documents.jsonl in ``folder``; returns what was planted."""
    rng = random.Random(SEED)
    planted = Counter()
    kinds = ("added", "removed", "boundary", "value")
    with (folder / "old.jsonl").open("w", encoding="utf-8") as old, \
            (folder / "new.jsonl").open("w", encoding="utf-8") as new:
        for number in range(documents):
            record = synthetic_record(rng, number)
            old.write(json.dumps(record, ensure_ascii=False) + "\n")
            if number % 1000 == 999:                 # in the old run only
                planted["only_old"] += 1
                continue
            if number % 1000 == 998:                 # same id, another text
                record = {**record, "text_sha256": "0" * 64}
                planted["text_changed"] += 1
            elif rng.random() < CHANGED_SHARE:
                kind = rng.choice(kinds)
                record = plant_change(record, kind)
                planted[kind] += 1
            new.write(json.dumps(record, ensure_ascii=False) + "\n")
    return dict(planted)


def measure(old: Path, new: Path) -> dict:
    """(In the child process.) Time one diff of the two runs; peak RSS of this process."""
    from warta.evaluation.diff import KINDS, diff_runs

    started = time.perf_counter()
    report = diff_runs(old, new)
    seconds = time.perf_counter() - started
    found = {kind: sum(n for (_, k), n in report.changes.items() if k == kind) for kind in KINDS}
    found.update(only_old=report.documents["only_old"], text_changed=report.documents["text_changed"])
    return {"documents": report.documents["old"], "seconds": round(seconds, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "found": {k: v for k, v in found.items() if v}}


def run(documents: int = DOCUMENTS) -> dict:
    with tempfile.TemporaryDirectory(prefix="warta-diff-bench-") as tmp:
        folder = Path(tmp)
        planted = write_runs(folder, documents)
        child = subprocess.run([sys.executable, "-m", "warta.benchmarks.diff", "--child",
                                str(folder / "old.jsonl"), str(folder / "new.jsonl")],
                               capture_output=True, text=True, check=True)
    result = json.loads(child.stdout)
    docs_per_s = result["documents"] / result["seconds"] if result["seconds"] else float("inf")
    return {**result, "planted": planted, "documents_per_s": round(docs_per_s),
            "target_documents_per_s": TARGET_DOCS_PER_S, "target_peak_rss_mb": TARGET_PEAK_MB,
            "changes_as_planted": result["found"] == planted,
            "met": docs_per_s >= TARGET_DOCS_PER_S and result["peak_rss_mb"] <= TARGET_PEAK_MB
                   and result["found"] == planted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=2, type=Path, metavar=("OLD", "NEW"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(*args.child)))
        return 0
    result = run(args.documents)
    print(f"warta diff: {result['documents']:,} documents in {result['seconds']:.2f} s = "
          f"{result['documents_per_s']:,} documents/s (target >= {TARGET_DOCS_PER_S:,}); peak RSS "
          f"{result['peak_rss_mb']:.0f} MB (target <= {TARGET_PEAK_MB}); changes found as planted: "
          f"{result['changes_as_planted']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
