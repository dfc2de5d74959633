"""Robustness benchmark: memory stays flat over an archive, a pathological document stays bounded.

Run with ``make bench`` (or ``python -m warta.benchmarks.robustness``). Two measurements, each a
fresh ``warta extract`` process (so its peak RSS is its own):

* **flat memory**: archives of 3,000 and 30,000 short documents in which every document brings new
  tokens (names, numbers); spaCy's string store would keep each of them, but the engine extracts
  each batch in a memory zone. Target: the larger run's peak RSS within 10 % of the smaller's.
* **pathological document**: 120,000 characters of capitalised words (a head word such as "Bank"
  now and then, as in a garbled page). Target: done within its time limit plus 5 s, under 1.5 GB.

The texts are generated from a fixed seed; nothing is read from ../shared.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import string
import subprocess
import sys
import time
from pathlib import Path

FLAT_SIZES = (3_000, 30_000)
FLAT_TOLERANCE = 0.10
PATHOLOGICAL_CHARS = 120_000
TIME_LIMIT = 60.0
TIME_MARGIN = 5.0
MEMORY_TARGET_MB = 1536
NAME_WORD = re.compile(r"(?<=\s)[A-Z][a-z]+")      # a capitalised word after the first
NUMBER = re.compile(r"\d+")


def _word(rng: random.Random, low: int = 4, high: int = 9) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(low, high))).capitalize()


def seed_sentences(min_words: int = 6) -> list[str]:
    """The sentences of the corpus documents (corpus/docs), the templates of the generated texts."""
    from warta.evaluation.gold import load_texts

    text = " ".join(load_texts().values())
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= min_words]


def unique_token_text(rng: random.Random, sentences: list[str]) -> str:
    """A corpus sentence whose capitalised words and numbers are replaced by random ones: names and
    numbers (almost surely) new to the string store."""
    sentence = NAME_WORD.sub(lambda _: _word(rng), rng.choice(sentences))
    return NUMBER.sub(lambda match: str(rng.randint(1, 10 ** len(match.group()))), sentence)


def pathological_text(n_chars: int = PATHOLOGICAL_CHARS, seed: int = 0) -> str:
    """Capitalised words, one in fifty a word that opens organisation names: one unbroken run of
    would-be name words."""
    from warta.rules.names import name_rules

    heads = sorted(name_rules("id").heads)[:20]
    rng, words, total = random.Random(seed), [], 0
    while total < n_chars:
        word = rng.choice(heads) if rng.random() < 0.02 else _word(rng, 3, 9)
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:n_chars]


def write_archive(path: Path, texts) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for count, text in enumerate(texts, start=1):
            handle.write(json.dumps({"id": f"r{count:06d}", "text": text, "lang": "id"}) + "\n")
    return count


def extract(archive: Path, out: Path, *options: str) -> dict:
    """One ``warta extract`` process; its summary, and its wall time as ``process_seconds``."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "warta.cli", "-q", "extract", str(archive), "-o", str(out), *options],
                   check=True)
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    summary["process_seconds"] = round(time.perf_counter() - started, 1)
    return summary


def flat_memory(scratch: Path, sizes=FLAT_SIZES) -> dict:
    rng, sentences = random.Random(0), seed_sentences()
    archive = scratch / "unique-tokens.jsonl"
    write_archive(archive, (unique_token_text(rng, sentences) for _ in range(max(sizes))))
    runs = {}
    for size in sizes:
        summary = extract(archive, scratch / f"flat-{size}", "--limit", str(size))
        runs[size] = {"documents": summary["documents"], "errors": summary["error"],
                      "peak_rss_mb": summary["peak_rss_mb_per_worker"], "seconds": summary["seconds"]}
    small, large = runs[min(sizes)]["peak_rss_mb"], runs[max(sizes)]["peak_rss_mb"]
    growth = (large - small) / small
    return {"runs": runs, "growth": round(growth, 3), "target": f"within {FLAT_TOLERANCE:.0%}",
            "met": growth <= FLAT_TOLERANCE}


def pathological(scratch: Path, time_limit: float = TIME_LIMIT) -> dict:
    archive = scratch / "pathological.jsonl"
    write_archive(archive, [pathological_text()])
    summary = extract(archive, scratch / "pathological", "--time-limit", str(time_limit))
    record = json.loads((scratch / "pathological" / "documents.jsonl").read_text(encoding="utf-8"))
    seconds, peak = summary["seconds"], summary["peak_rss_mb_per_worker"]
    return {"characters": PATHOLOGICAL_CHARS, "status": record["status"], "spans": len(record.get("spans", [])),
            "seconds": seconds, "peak_rss_mb": peak, "time_limit": time_limit,
            "target": f"<= {time_limit + TIME_MARGIN:.0f} s and < {MEMORY_TARGET_MB} MB",
            "met": seconds <= time_limit + TIME_MARGIN and peak < MEMORY_TARGET_MB}


def format_report(report: dict) -> str:
    flat, path = report["flat_memory"], report["pathological"]
    lines = [f"{'unique-token documents':<24} {'peak RSS':>10} {'seconds':>8} {'errors':>7}"]
    for size, run in flat["runs"].items():
        lines.append(f"{size:<24,} {run['peak_rss_mb']:>7.0f} MB {run['seconds']:>8} {run['errors']:>7}")
    lines.append(f"growth {flat['growth']:+.1%} (target {flat['target']}): {'met' if flat['met'] else 'NOT MET'}")
    lines.append(f"\npathological {path['characters']:,}-character document: {path['status']}, {path['spans']} spans, "
                 f"{path['seconds']} s (model load included), peak RSS {path['peak_rss_mb']:.0f} MB "
                 f"(target {path['target']}): {'met' if path['met'] else 'NOT MET'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scratch", type=Path, default=Path("out/bench-robustness"))
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    args.scratch.mkdir(parents=True, exist_ok=True)
    report = {"flat_memory": flat_memory(args.scratch), "pathological": pathological(args.scratch)}
    print(format_report(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if report["flat_memory"]["met"] and report["pathological"]["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
