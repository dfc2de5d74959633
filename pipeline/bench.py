"""Throughput benchmark: words per second of each stage, as ratios to the bare tokenizer.

Run with ``make bench`` (or ``python -m pipeline.bench``). The input is fixed: the first
sentences of ../shared/data/raw/bppt_panl_id_news.jsonl grouped into article-sized texts; where
../shared is absent, the corpus documents are repeated instead (and the report says so).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline.corpus import load_texts
from pipeline.io import SHARED_DIR

RAW_NEWS = SHARED_DIR / "data" / "raw" / "bppt_panl_id_news.jsonl"


def bench_texts(n_sentences: int = 6000, per_doc: int = 12) -> tuple[list[str], str]:
    if RAW_NEWS.exists():
        with RAW_NEWS.open(encoding="utf-8") as handle:
            sentences = [json.loads(line)["text"] for _, line in zip(range(n_sentences), handle)]
        texts = [" ".join(sentences[i:i + per_doc]) for i in range(0, len(sentences), per_doc)]
        return texts, f"{RAW_NEWS.name}: first {len(sentences)} sentences in {len(texts)} texts"
    corpus = list(load_texts().values())
    texts = (corpus * (2000 // max(1, len(corpus)) + 1))[:200]
    return texts, f"corpus documents repeated ({len(texts)} texts; ../shared absent)"


def _best_of(repeats: int, run) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def run_bench(lang: str = "id", repeats: int = 3, n_sentences: int = 6000) -> dict:
    from pipeline.nlp import load

    texts, described = bench_texts(n_sentences)
    words = sum(len(t.split()) for t in texts)
    nlp = load(lang)
    list(nlp.pipe(texts[:20]))                                   # warm-up
    seconds = {"tokenizer": _best_of(repeats, lambda: list(nlp.tokenizer.pipe(texts, batch_size=256)))}
    ner_only = [name for name in nlp.pipe_names if name.startswith("warta_")]
    with nlp.select_pipes(disable=ner_only):
        seconds["ner pipeline"] = _best_of(repeats, lambda: list(nlp.pipe(texts, batch_size=64)))
    seconds["full pipeline"] = _best_of(repeats, lambda: list(nlp.pipe(texts, batch_size=64)))
    docs = list(nlp.tokenizer.pipe(texts))
    component_seconds = {}
    for name, component in nlp.pipeline:      # each component alone over pre-tokenised docs
        started = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        component_seconds[name] = time.perf_counter() - started
    report = {
        "input": described, "texts": len(texts), "words": words, "lang": lang,
        "words_per_second": {stage: round(words / s) for stage, s in seconds.items()},
        "ratio_to_tokenizer": {stage: round(seconds["tokenizer"] / s, 3) for stage, s in seconds.items()},
        "component_share": {name: round(s / sum(component_seconds.values()), 3)
                            for name, s in component_seconds.items()},
        "figures_and_dates_overhead": round(seconds["full pipeline"] / seconds["ner pipeline"] - 1, 3),
    }
    return report


def format_report(report: dict) -> str:
    lines = [f"input: {report['input']} ({report['words']} words)", "",
             f"{'stage':<15} {'words/s':>10} {'× tokenizer':>12}"]
    for stage, wps in report["words_per_second"].items():
        lines.append(f"{stage:<15} {wps:>10,} {report['ratio_to_tokenizer'][stage]:>12.3f}")
    lines.append("")
    lines.append("share of pipeline time: " + ", ".join(f"{k} {v:.1%}" for k, v in report["component_share"].items()))
    lines.append(f"figures + dates add {report['figures_and_dates_overhead']:.1%} to the NER pipeline's time")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="id")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=6000)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    report = run_bench(args.lang, args.repeats, args.sentences)
    print(format_report(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
