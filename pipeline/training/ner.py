"""Train, evaluate and package Warta's NER models (PERSON/ORG/PLACE), one per language.

Reproducibly (fixed seed, the language's recipe in ``configs/training_<lang>.json``):

1. builds the corpora (``warta.training.corpora``) and the static word vectors
   (``warta.training.vectors``) under a git-ignored scratch folder (``training/<lang>/``);
2. trains with ``spacy.cli.train.train`` and the recipe's spaCy config (seed 0) under a step budget
   and a wall-clock budget;
3. copies model-best (no corpora inside) to the output folder, scores it on every valid split
   (``warta.evaluation.ner``), measures words/s and size, and writes ``metrics.json`` and
   ``MODEL_CARD.md`` (``warta.training.cards``) next to it.

``warta train --lang <lang>`` runs it; ``warta train --evaluate-only`` re-scores a shipped model.
"""
from __future__ import annotations

import hashlib
import platform
import shutil
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import spacy
import srsly
from thinc.api import Config

from warta import paths
from warta.evaluation.iob import iob_spans, is_lowercased, read_iob, tagged_doc
from warta.evaluation.label_maps import corpus_label_map, load_label_map, map_spans, project_labels
from warta.evaluation.ner import evaluate_iob, score_docs
from warta.training.callbacks import TrainingTimeBudgetExceeded
from warta.training.cards import model_card
from warta.training.corpora import CaseRestorer, build_corpora, list_corpora, resolve_data_dir
from warta.training.recipes import (SEED, TIME_BUDGET_MINUTES, data_recipe_for, label_map_path_for, max_steps_for,
                                    model_version_for, source_of, spacy_config_path_for, targets_for)

DEFAULT_DATA_DIR = Path("../shared/data")
# never below this many seconds of training, however long the corpora took to build
MIN_TRAIN_SECONDS = 60.0


def progress(message: str) -> None:
    """A progress line on standard error (standard output carries the JSON results)."""
    print(f"[warta] {message}", file=sys.stderr, flush=True)


def default_output_dir(lang: str) -> Path:
    return Path("models") / f"{lang}_ner"


def measure_speed(nlp, texts: list[str], repeats: int = 3, min_words: int = 60000) -> dict:
    """Words/s of ``nlp.pipe`` on raw text (tokenizer included), one process; best of ``repeats``."""
    n_words = sum(len(t.split()) for t in texts)
    factor = max(1, -(-min_words // max(1, n_words)))
    batch = texts * factor
    list(nlp.pipe(texts[:200]))  # warm-up
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        n_tokens = sum(len(doc) for doc in nlp.pipe(batch, batch_size=256))
        rates.append(n_tokens / (time.perf_counter() - start))
    return {"words_per_second": round(max(rates)), "words_per_second_median": round(statistics.median(rates)),
            "tokens_per_run": n_tokens, "runs": repeats, "n_process": 1, "batch_size": 256,
            "note": "spaCy tokens/s on detokenised valid sentences, tokenizer included, best of runs; "
                    "measured on a shared machine"}


def model_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()
                     and f.name not in ("metrics.json", "MODEL_CARD.md")) / 1e6, 2)


def file_record(path: Path) -> dict:
    """Path (relative to the repository when inside it) and sha256 of a file the model was made from."""
    path = Path(path)
    shown = path.relative_to(paths.REPO_ROOT) if path.is_relative_to(paths.REPO_ROOT) else path
    return {"path": str(shown), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def package_model(model_best: Path, output_dir: Path, lang: str, stats: dict) -> None:
    """Copy model-best to ``output_dir`` with the scratch paths and callbacks removed from its config."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    shutil.copytree(model_best, output_dir)
    cfg_path = output_dir / "config.cfg"
    cfg = Config().from_disk(cfg_path, interpolate=False)
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg["paths"]["vectors"] = None        # the vectors ship inside vocab/; the scratch path is not needed to load
    cfg["training"]["before_update"] = None
    cfg["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    cfg.to_disk(cfg_path)
    meta_path = output_dir / "meta.json"
    meta = srsly.read_json(meta_path)
    meta.update({
        "name": f"{lang}_ner",
        "version": model_version_for(lang),
        "description": f"Warta {lang} NER (PERSON, ORG, PLACE): CNN tok2vec + transition-based NER, "
                       f"trained by warta train --lang {lang} (warta/training/ner.py). See MODEL_CARD.md.",
        "author": "Warta",
        "license": "Apache-2.0 (model); training data: see MODEL_CARD.md",
        "sources": [{"name": name, "license": source_of(lang, name, st, "see ../shared/data/README.md")}
                    for name, st in stats["corpora"].items()],
    })
    srsly.write_json(meta_path, meta)


def run_training(lang: str = "id", data_dir: Path = DEFAULT_DATA_DIR, output_dir: Path | None = None,
                 max_minutes: float | None = None, config_path: Path | None = None,
                 label_map_path: Path | None = None, max_steps: int | None = None,
                 upsample: dict[str, int] | None = None, scratch_dir: Path | None = None,
                 borrow: list[str] | None = None) -> dict:
    """Build corpora, train with the recipe's spaCy config (seed 0), package model-best to ``output_dir``
    and write ``metrics.json`` + ``MODEL_CARD.md`` there. Returns the metrics dict.

    Training stops at max_epochs/patience from the config, at ``max_steps`` (default: the recipe's;
    0 = no step budget; the recorded ``best_step`` reproduces a model independent of machine speed),
    or when ``max_minutes`` of wall time are spent (default ``TIME_BUDGET_MINUTES``; model-best is
    then the best evaluation so far). ``upsample`` ({corpus: n}) and ``borrow`` (["en:wikiann", ...])
    override the recipe's. ``scratch_dir`` (default training/<lang>) holds the corpora, vectors and
    checkpoints: two trainings of one language at once need two. Other defaults come from
    ``configs/training_<lang>.json``: output models/<lang>_ner, the spaCy config and the label map."""
    from spacy.cli.train import train as spacy_train

    config_path = Path(config_path or spacy_config_path_for(lang))
    label_map_path = Path(label_map_path or label_map_path_for(lang))
    output_dir = Path(output_dir or default_output_dir(lang))
    max_minutes = TIME_BUDGET_MINUTES if max_minutes is None else max_minutes
    max_steps = max_steps_for(lang) if max_steps is None else max_steps
    label_map = load_label_map(label_map_path)
    scratch = Path(scratch_dir or paths.training_scratch_dir() / lang)
    t0 = time.monotonic()
    recipe = data_recipe_for(lang)
    if upsample is not None:
        recipe["upsample"] = dict(upsample)
    if borrow is not None:
        recipe["borrow"] = list(borrow)
    stats = build_corpora(lang, data_dir, scratch / "corpus", label_map, recipe=recipe)
    progress(f"corpora: {stats['train_docs']} train docs ({stats['train_words']} words), "
             f"{stats['dev_docs']} dev docs")
    vectors = None
    if recipe.get("vectors"):
        from warta.training.vectors import build_vectors

        progress("training word vectors")
        vectors = build_vectors(resolve_data_dir(data_dir), scratch / "vectors", recipe["vectors"], lang=lang)
        progress(f"vectors: {vectors['rows']} words x {vectors['dim']} from {vectors['tokens']} tokens "
                 f"({vectors['wall_minutes']} min)")
    build_seconds = time.monotonic() - t0

    evals_path = scratch / "evaluations.json"
    overrides = {
        "paths.train": str(scratch / "corpus" / "train.spacy"),
        "paths.dev": str(scratch / "corpus" / "dev.spacy"),
        "training.before_update": {"@callbacks": "warta.time_budget.v1",
                                   "max_seconds": max(MIN_TRAIN_SECONDS, max_minutes * 60 - build_seconds)},
        "training.logger": {"@loggers": "warta.recording_logger.v1", "path": str(evals_path), "progress_bar": False},
    }
    if max_steps:
        overrides["training.max_steps"] = int(max_steps)
    if vectors:
        overrides["paths.vectors"] = str(scratch / "vectors")
    train_out = scratch / "output"
    t1 = time.monotonic()
    stopped_by = "max_steps/patience/max_epochs"
    try:
        spacy_train(config_path, train_out, use_gpu=-1, overrides=overrides)
    except TrainingTimeBudgetExceeded as err:
        stopped_by = f"time budget ({err})"
        progress(f"stopped by the time budget: {err}")
    train_seconds = time.monotonic() - t1
    model_best = train_out / "model-best"
    if not model_best.exists():
        raise RuntimeError(f"training produced no {model_best}")
    package_model(model_best, output_dir, lang, stats)
    evaluations = srsly.read_json(evals_path) if evals_path.exists() else []
    best = max(evaluations, key=lambda e: (e["score"], -e["step"])) if evaluations else {}
    metrics = evaluate_model(output_dir, lang=lang, data_dir=data_dir, label_map_path=label_map_path,
                             restorer=stats["restorer"])
    stats.pop("restorer")
    metrics["training"] = {
        "wall_seconds": round(train_seconds),
        "wall_minutes": round(train_seconds / 60, 1),
        "corpus_build_seconds": round(build_seconds, 1),
        "max_minutes": max_minutes,
        "stopped_by": stopped_by,
        "max_steps": max_steps,
        "best_step": best.get("step"),
        "best_epoch": best.get("epoch"),
        "evaluations": evaluations,
        "best_checkpoint_dev": srsly.read_json(model_best / "meta.json").get("performance", {}),
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, CPU only, 1 process",
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    metrics["data"] = stats
    metrics["vectors"] = vectors
    metrics["config"] = file_record(config_path)
    metrics["label_map"] = file_record(label_map_path)
    write_reports(output_dir, metrics, label_map)
    return metrics


def case_restored_scores(nlp, sentences: list, mapping: dict, restorer: CaseRestorer, labels: list[str]) -> dict:
    """Scores on a lower-cased valid split after case restoration (optimistic; for information)."""
    gold = [tagged_doc(nlp.vocab, restorer.restore(w, t), map_spans(iob_spans(t), mapping)) for w, t in sentences]
    return score_docs(nlp, gold, labels)


def evaluate_model(model_dir: Path, lang: str = "id", data_dir: Path = DEFAULT_DATA_DIR,
                   label_map_path: Path | None = None, restorer: CaseRestorer | None = None) -> dict:
    """Scores, speed and size of the packaged model on every valid split."""
    model_dir = Path(model_dir)
    label_map = load_label_map(label_map_path or label_map_path_for(lang))
    labels = project_labels(label_map)
    threshold = data_recipe_for(lang)["lowercase_corpus_threshold"]
    nlp = spacy.load(model_dir)
    ner_dir = resolve_data_dir(data_dir) / "ner" / lang
    valid: dict = {}
    extra: dict = {}
    texts: list[str] = []
    for name in list_corpora(ner_dir):
        path = ner_dir / name / "valid.iob"
        valid[name] = evaluate_iob(nlp, path, label_map)
        progress(f"{name:14s} micro-F1 {valid[name]['micro_f1']:.4f}  macro-F1 {valid[name]['macro_f1']:.4f}")
        sents = read_iob(path)
        texts.extend(tagged_doc(nlp.vocab, words).text for words, _ in sents)
        if restorer is not None and is_lowercased(sents, threshold):
            mapping = corpus_label_map(label_map, name)
            extra[f"{name} (case-restored)"] = case_restored_scores(nlp, sents, mapping, restorer, labels)
    speed = measure_speed(nlp, texts)
    progress(f"speed {speed['words_per_second']} words/s")
    return {
        "model": model_dir.name,
        "lang": lang,
        "labels": list(nlp.get_pipe("ner").labels),
        "project_labels": labels,
        "spacy_version": spacy.__version__,
        "seed": SEED,
        "valid": valid,
        "valid_case_restored_info": extra,
        "targets": {k: {"metric": m, "target": t, "score": valid.get(k, {}).get(m), "met": (valid.get(k, {}).get(m) or 0) >= t}
                    for k, (m, t) in targets_for(lang).items() if k in valid},
        "speed": speed,
        "size_mb": model_size_mb(model_dir),
    }


def write_reports(output_dir: Path, metrics: dict, label_map: dict) -> None:
    """``metrics.json`` and ``MODEL_CARD.md`` in ``output_dir``."""
    output_dir = Path(output_dir)
    srsly.write_json(output_dir / "metrics.json", metrics)
    (output_dir / "MODEL_CARD.md").write_text(model_card(metrics, label_map, output_dir), encoding="utf-8")
