"""Throughput benchmark: words per second of each stage, as ratios to the bare tokenizer.

Run with ``make bench`` (or ``python -m warta.benchmarks.speed``). The input is fixed: the first
sentences of ../shared/data/raw/bppt_panl_id_news.jsonl grouped into article-sized texts; where
../shared is absent, the corpus documents are repeated instead (and the report says so).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from warta.evaluation.gold import load_texts
from warta import paths

RAW_NEWS = paths.shared_data_dir() / "raw" / "bppt_panl_id_news.jsonl"


def bench_texts(n_sentences: int = 6000, per_doc: int = 12) -> tuple[list[str], str]:
    if RAW_NEWS.exists():
        with RAW_NEWS.open(encoding="utf-8") as handle:
            sentences = [json.loads(line)["text"] for _, line in zip(range(n_sentences), handle)]
        texts = [" ".join(sentences[i:i + per_doc]) for i in range(0, len(sentences), per_doc)]
        return texts, f"{RAW_NEWS.name}: first {len(sentences)} sentences in {len(texts)} texts"
    corpus = list(load_texts().values())
    texts = (corpus * (2000 // max(1, len(corpus)) + 1))[:200]
    return texts, f"corpus documents repeated ({len(texts)} texts; ../shared absent)"


def best_of(repeats: int, run) -> float:
    """The shortest of ``repeats`` timed calls of ``run``, in seconds (the least disturbed by a shared machine)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def run_bench(lang: str = "id", repeats: int = 3, n_sentences: int = 6000) -> dict:
    from warta.backends.spacy_backend import load_spacy as load

    texts, described = bench_texts(n_sentences)
    words = sum(len(t.split()) for t in texts)
    nlp = load(lang)
    list(nlp.pipe(texts[:20]))                                   # warm-up
    seconds = {"tokenizer": best_of(repeats, lambda: list(nlp.tokenizer.pipe(texts, batch_size=256)))}
    ner_only = [name for name in nlp.pipe_names if name.startswith("warta_")]
    with nlp.select_pipes(disable=ner_only):
        seconds["ner pipeline"] = best_of(repeats, lambda: list(nlp.pipe(texts, batch_size=64)))
    seconds["full pipeline"] = best_of(repeats, lambda: list(nlp.pipe(texts, batch_size=64)))
    from warta.langdetect import detect
    detect(texts[0])                                             # loads the model
    seconds["language detection"] = best_of(repeats, lambda: [detect(t) for t in texts])
    docs = list(nlp.tokenizer.pipe(texts))
    component_seconds = {}
    for name, component in nlp.pipeline:      # each component alone over pre-tokenised docs
        started = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        component_seconds[name] = time.perf_counter() - started
    claims = claim_layer_seconds(nlp, docs, repeats)
    report = {
        "input": described, "texts": len(texts), "words": words, "lang": lang,
        "words_per_second": {stage: round(words / s) for stage, s in seconds.items()},
        "ratio_to_tokenizer": {stage: round(seconds["tokenizer"] / s, 3) for stage, s in seconds.items()},
        "component_share": {name: round(s / sum(component_seconds.values()), 3)
                            for name, s in component_seconds.items()},
        "components_overhead": round(seconds["full pipeline"] / seconds["ner pipeline"] - 1, 3),
        # each Warta component's time as a share of the NER pipeline's (tokenizer + tok2vec + ner)
        "added_to_ner_pipeline": {name: round(component_seconds[name] / (
            seconds["tokenizer"] + sum(v for k, v in component_seconds.items() if not k.startswith("warta_"))), 3)
            for name in component_seconds if name.startswith("warta_")},
        "claim_layer_seconds": {step: round(v, 4) for step, v in claims.items()},
        # the claim layer over the full pipeline without it (its time less the parts of it that run inside)
        "claim_layer_added": round(sum(claims.values()) / (
            seconds["full pipeline"] - claims[QUOTES_COMPONENT] - claims.get("figure subjects", 0.0)), 3),
    }
    return report


QUOTES_COMPONENT = "warta_quotes"
FIGURES_COMPONENT = "warta_figures"


def claim_layer_seconds(nlp, docs: list, repeats: int) -> dict[str, float]:
    """Seconds of the claim layer over processed ``docs`` (best of ``repeats``): the quote component
    again (it only replaces ``doc.spans["quotes"]``), the figure subjects the FIGURE component adds,
    and the attribution of spans_from_doc (FIGURE and DATE speakers, a figure's claim date), timed
    as a function over each document's spans."""
    from unittest import mock

    import warta.nlp
    from warta.components.extensions import doc_text
    from warta.rules.attribution import attribute

    quotes = nlp.get_pipe(QUOTES_COMPONENT)
    seconds = {QUOTES_COMPONENT: best_of(repeats, lambda: [quotes(doc) for doc in docs])}
    figures = nlp.get_pipe(FIGURES_COMPONENT) if FIGURES_COMPONENT in nlp.pipe_names else None
    if getattr(figures, "subjects", None) is not None:
        # the figure subjects, which the FIGURE component finds after its figures: the component
        # without them, then with them (last, so that the docs keep their subjects)
        subjects = figures.subjects
        figures.subjects = None
        try:
            without = best_of(repeats, lambda: [figures(doc) for doc in docs])
        finally:
            figures.subjects = subjects
        seconds["figure subjects"] = max(0.0, best_of(repeats, lambda: [figures(doc) for doc in docs]) - without)
    # the spans as spans_from_doc hands them to attribute(), built once outside the timer
    with mock.patch.object(warta.nlp, "attribute", lambda text, spans, lang: spans):
        inputs = [(doc_text(doc), warta.nlp.spans_from_doc(doc), doc.lang_) for doc in docs]

    def attribute_all():
        for text, spans, lang in inputs:
            attribute(text, [dict(span) for span in spans], lang)
    seconds["attribution"] = best_of(repeats, attribute_all)
    return seconds


def format_report(report: dict) -> str:
    lines = [f"input: {report['input']} ({report['words']} words)", "",
             f"{'stage':<18} {'words/s':>10} {'× tokenizer':>12}"]
    for stage, wps in report["words_per_second"].items():
        lines.append(f"{stage:<18} {wps:>10,} {report['ratio_to_tokenizer'][stage]:>12.3f}")
    lines.append("")
    lines.append("share of pipeline time: " + ", ".join(f"{k} {v:.1%}" for k, v in report["component_share"].items()))
    lines.append(f"Warta's components add {report['components_overhead']:.1%} to the NER pipeline's time; "
                 + ", ".join(f"{name} alone {share:.1%}" for name, share in report["added_to_ner_pipeline"].items()))
    claims = report["claim_layer_seconds"]
    lines.append(f"claim layer, % added to the full pipeline: {report['claim_layer_added']:.1%} ("
                 + ", ".join(f"{step} {s:.3f} s" for step, s in claims.items()) + ")")
    return "\n".join(lines)


def write_synthetic_archive(path: Path, n_docs: int, sentences_per_doc: int = 6) -> int:
    """A deterministic JSONL archive of ``n_docs`` articles built from the raw news sentences."""
    with RAW_NEWS.open(encoding="utf-8") as handle:
        sentences = [json.loads(line)["text"] for line in handle]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            start = (i * 7919 * sentences_per_doc) % len(sentences)     # a fixed stride through the corpus
            text = " ".join(sentences[(start + k) % len(sentences)] for k in range(sentences_per_doc))
            words += len(text.split())
            out.write(json.dumps({"id": f"synthetic-{i:06d}", "text": text,
                                  "published": f"2007-{1 + i % 12:02d}-{1 + i % 28:02d}"}) + "\n")
    return words


def run_batch_bench(n_docs: int = 10_000, small: int = 1_000, scratch: Path = Path("out/bench")) -> dict:
    """Documents/s, words/s and peak RSS per worker of the whole batch engine, 1 and 2 workers.

    Each run is a fresh ``warta extract`` process, so its peak RSS is its own (not this process's).
    """
    if not RAW_NEWS.exists():
        raise SystemExit(f"the batch benchmark builds its archive from {RAW_NEWS}, which is absent")
    scratch.mkdir(parents=True, exist_ok=True)
    archive = scratch / f"synthetic-{n_docs}.jsonl"
    total_words = write_synthetic_archive(archive, n_docs)
    runs = {}
    for label, docs, workers in ((f"{small} docs, 1 worker", small, 1), (f"{n_docs} docs, 1 worker", n_docs, 1),
                                 (f"{n_docs} docs, 2 workers", n_docs, 2)):
        out = scratch / f"run-{docs}-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "warta.cli", "-q", "extract", str(archive), "-o", str(out),
                        "--workers", str(workers), "--limit", str(docs)], check=True)
        summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
        runs[label] = {key: summary[key] for key in ("documents", "ok", "error", "words", "seconds",
                                                     "docs_per_second", "words_per_second", "peak_rss_mb_per_worker")}
    one, two = runs[f"{n_docs} docs, 1 worker"], runs[f"{n_docs} docs, 2 workers"]
    return {"archive": f"{archive.name}: {n_docs} documents, {total_words} words (from {RAW_NEWS.name})",
            "runs": runs, "speedup_2_workers": round(one["seconds"] / two["seconds"], 2)}


def format_batch_report(report: dict) -> str:
    lines = [f"archive: {report['archive']}", "",
             f"{'run':<24} {'docs/s':>8} {'words/s':>9} {'peak RSS/worker':>16} {'errors':>7}"]
    for label, r in report["runs"].items():
        lines.append(f"{label:<24} {r['docs_per_second']:>8} {r['words_per_second']:>9,} "
                     f"{r['peak_rss_mb_per_worker']:>13.0f} MB {r['error']:>7}")
    lines.append(f"\nspeed-up from 1 to 2 workers: {report['speedup_2_workers']}×")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="id")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=6000)
    parser.add_argument("--batch", type=int, metavar="N_DOCS", help="also benchmark the batch engine on N documents")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    report = run_bench(args.lang, args.repeats, args.sentences)
    print(format_report(report))
    if args.batch:
        report["batch"] = run_batch_bench(args.batch)
        print("\n" + format_batch_report(report["batch"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
