"""Side by side: the spaCy and the stanza backend on the English WikiANN valid set, in one run.

    python -m warta.benchmarks.backends --out out/bench_backends.json      # make bench-backends

For the first ``--n`` sentences of ``../shared/data/ner/en/wikiann/valid.iob`` (labels mapped by
``configs/ner_label_map_en.json``), each backend gets

- entity precision / recall / F1 (micro and per label over PERSON, ORG, PLACE), exact match of
  character offsets on the detokenised sentence: stanza re-tokenises the text, so token indices
  cannot be compared; the spaCy backend is scored both on the gold tokens (as ``warta
  evaluate-ner`` does) and on the raw text with its own tokenizer;
- words per second of the full pipeline on the raw text (tokenizer, NER, figures and dates; gold
  words counted; one process; after a warm-up).

Where stanza or its models are missing the report says ``{"stanza": {"available": false,
"reason": ...}}`` and still holds the spaCy numbers. ``--stanza-model-paths`` loads explicit stanza
model files instead of the official ones (the tests run the harness with tiny models that way).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from warta import paths
from warta.evaluation.iob import guess_spaces, iob_spans, read_iob
from warta.evaluation.label_maps import corpus_label_map, load_label_map, map_spans, project_labels
from warta.evaluation.scores import prf
from warta.training.recipes import label_map_path_for

DEFAULT_DATA = paths.shared_data_dir() / "ner" / "en" / "wikiann" / "valid.iob"
LANG = "en"


def gold_examples(path: Path, n: int | None, label_map: dict) -> list[dict]:
    """The first ``n`` sentences: detokenised text, words with their spaces, gold character spans."""
    mapping = corpus_label_map(label_map, path.parent.name)
    examples = []
    for words, tags in read_iob(path)[:n]:
        spaces = guess_spaces(words)
        starts, offset = [], 0
        for word, space in zip(words, spaces):
            starts.append(offset)
            offset += len(word) + space
        text = "".join(word + (" " if space else "") for word, space in zip(words, spaces))
        gold = {(starts[s], starts[e - 1] + len(words[e - 1]), label)
                for s, e, label in map_spans(iob_spans(tags), mapping, f"in {path}")}
        examples.append({"text": text, "words": words, "spaces": spaces, "gold": gold})
    return examples


def score(examples: list[dict], predictions: list[set], labels: list[str]) -> dict:
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for example, predicted in zip(examples, predictions):
        gold = example["gold"]
        for span in gold:
            (tp if span in predicted else fn)[span[2]] += 1
        for span in predicted - gold:
            fp[span[2]] += 1
    per_label = {label: {**prf(tp[label], fp[label], fn[label]), "support": tp[label] + fn[label]}
                 for label in labels}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"micro_p": micro["p"], "micro_r": micro["r"], "micro_f1": micro["f1"],
            "predicted_entities": sum(tp.values()) + sum(fp.values()), "per_label": per_label}


def _char_spans(doc, labels: list[str]) -> set:
    return {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in labels}


def run_raw_text(nlp, examples: list[dict], labels: list[str], batch_size: int = 64) -> dict:
    """The full pipeline on the detokenised sentences: scores and words/s (gold words counted)."""
    texts = [example["text"] for example in examples]
    list(nlp.pipe(nlp.tokenizer.pipe(texts[:20]), batch_size=batch_size))         # warm-up
    started = time.perf_counter()
    docs = list(nlp.pipe(nlp.tokenizer.pipe(texts), batch_size=batch_size))
    seconds = time.perf_counter() - started
    assert all(doc.text == text for doc, text in zip(docs, texts)), "a backend changed the text"
    words = sum(len(example["words"]) for example in examples)
    return {**score(examples, [_char_spans(doc, labels) for doc in docs], labels),
            "seconds": round(seconds, 2), "words_per_second": round(words / seconds) if seconds else None,
            "tokens": sum(len(doc) for doc in docs)}


def run_gold_tokens(nlp, examples: list[dict], labels: list[str]) -> dict:
    """The pipeline on Docs of the gold words (no tokenizer): scores only."""
    docs = (Doc(nlp.vocab, words=example["words"], spaces=example["spaces"]) for example in examples)
    predictions = [_char_spans(doc, labels) for doc in nlp.pipe(docs, batch_size=256)]
    return score(examples, predictions, labels)


def _set_torch_threads(threads: int) -> None:
    """One thread by default: spaCy runs on one, and on a shared machine torch's threads wait on
    each other (measured here: per-text stanza calls 20x slower with 2 threads than with 1)."""
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(threads)


def _describe(nlp) -> dict:
    from warta.nlp import model_versions
    return {"pipeline": nlp.pipe_names, "models": model_versions(nlp)}


def load_stanza_for_bench(model_paths: str | None, resources_dir: str | None):
    """(nlp, None) or (None, reason)."""
    from warta.backends import BackendUnavailableError
    from warta.backends.stanza_backend import load_stanza

    paths = None
    if model_paths:
        paths = json.loads(Path(model_paths).read_text(encoding="utf-8")) if Path(model_paths).is_file() \
            else json.loads(model_paths)
        paths = paths.get(LANG, paths)       # {lang: {...}} or the English paths themselves
    try:
        return load_stanza(LANG, model_paths=paths, resources_dir=resources_dir), None
    except BackendUnavailableError as exc:
        return None, str(exc)


def run(data: Path = DEFAULT_DATA, n: int | None = 2000, stanza_model_paths: str | None = None,
        stanza_dir: str | None = None, threads: int | None = 1) -> dict:
    import warta

    if threads:
        _set_torch_threads(threads)

    data = Path(data)
    if not data.exists():
        raise SystemExit(f"warta: error: {data} not found (the English valid set lives in ../shared/data)")
    label_map = load_label_map(label_map_path_for(LANG))
    labels = project_labels(label_map)
    examples = gold_examples(data, n, label_map)
    report = {
        "data": str(data), "sentences": len(examples), "words": sum(len(e["words"]) for e in examples),
        "gold_entities": sum(len(e["gold"]) for e in examples), "labels": labels,
        "scoring": "exact match of character offsets on the detokenised sentences; micro over the labels",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "processes": 1,
                    "torch_threads": threads or "torch default"},
    }
    started = time.perf_counter()
    nlp = warta.load(LANG)
    report["spacy"] = {"available": True, **_describe(nlp), "load_seconds": round(time.perf_counter() - started, 2),
                       "raw_text": run_raw_text(nlp, examples, labels),
                       "gold_tokens": run_gold_tokens(nlp, examples, labels)}
    started = time.perf_counter()
    snlp, reason = load_stanza_for_bench(stanza_model_paths, stanza_dir)
    if snlp is None:
        report["stanza"] = {"available": False, "reason": reason}
    else:
        import stanza
        import torch

        report["stanza"] = {"available": True, **_describe(snlp), "load_seconds": round(time.perf_counter() - started, 2),
                            "stanza_version": stanza.__version__, "torch_version": torch.__version__,
                            "torch_threads": torch.get_num_threads(), "device": str(snlp.tokenizer.stanza.device),
                            "source": snlp.meta.get("warta_stanza", {}),
                            "raw_text": run_raw_text(snlp, examples, labels)}
    return report


def format_report(report: dict) -> str:
    lines = [f"{report['data']}: {report['sentences']} sentences, {report['words']} words, "
             f"{report['gold_entities']} entities", "",
             f"{'backend':<22} {'micro P':>8} {'R':>6} {'F1':>6}  " + " ".join(f"{lab:>7}" for lab in report["labels"])
             + f" {'words/s':>9}"]

    def row(name: str, scores: dict) -> str:
        per = " ".join(f"{scores['per_label'][lab]['f1']:>7.3f}" for lab in report["labels"])
        wps = f"{scores['words_per_second']:>9,}" if scores.get("words_per_second") else f"{'':>9}"
        return f"{name:<22} {scores['micro_p']:>8.3f} {scores['micro_r']:>6.3f} {scores['micro_f1']:>6.3f}  {per} {wps}"

    lines.append(row("spacy (raw text)", report["spacy"]["raw_text"]))
    lines.append(row("spacy (gold tokens)", report["spacy"]["gold_tokens"]))
    if report["stanza"]["available"]:
        lines.append(row("stanza (raw text)", report["stanza"]["raw_text"]))
    else:
        lines.append(f"stanza: not available: {report['stanza']['reason']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.benchmarks.backends", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="an English IOB file (default: WikiANN valid)")
    parser.add_argument("--n", type=int, default=2000, help="first N sentences (default 2000; 0 = all)")
    parser.add_argument("--stanza-model-paths", help="JSON (or a JSON file) of explicit stanza model paths")
    parser.add_argument("--stanza-dir", help="stanza resources directory (default: $STANZA_RESOURCES_DIR)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads for stanza (default 1; 0 = torch's default)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    args = parser.parse_args(argv)
    report = run(args.data, args.n or None, args.stanza_model_paths, args.stanza_dir, args.threads)
    print(format_report(report))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
