"""Document language: Indonesian (``id``), English (``en``) or ``other``.

Chosen by measurement (``warta evaluate-langid``; numbers in ``models/langid/MODEL_CARD.md``):
a multinomial naive Bayes over character n-grams of the words, trained by the project
(``warta train-langid``) on the NER training splits and shipped in ``models/langid/``. Character
n-grams, unlike function words alone, also recognise the name-heavy fragments of headlines and
Wikipedia. Two checks turn a decision into ``other``:

- Malay, which shares most of its words with Indonesian: spellings that only Malay uses
  ("kerana", "peratus", "iaitu"; ``pipeline/lang/ms/markers.json``) outnumber their Indonesian
  counterparts;
- a text that neither language explains: few function words of the winning language and few
  words that its model knows among the lower-case ones (thresholds in the model file).
"""
from __future__ import annotations

import gzip
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from warta import paths
from warta.lang import SUPPORTED_LANGS, load_lang_data

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
NGRAM_SIZES = (1, 2, 3, 4)
MAX_WORDS = 100          # the first 100 words are enough evidence (evaluate-langid) and keep long documents cheap
WORD_CACHE_SIZE = 200_000   # words whose per-language scores are kept (news repeats its words: most lookups hit)
OTHER = "other"


class ModelMissingError(FileNotFoundError):
    """The language-identification model file is absent (a missing file, not a failing disk)."""


def raw_words_of(text: str, max_words: int = MAX_WORDS) -> list[str]:
    """The first ``max_words`` words as written (cased)."""
    return WORD.findall(text[:20 * max_words])[:max_words]


def words_of(text: str, max_words: int = MAX_WORDS) -> list[str]:
    return [w.lower() for w in raw_words_of(text, max_words)]


def word_features(word: str) -> Iterator[str]:
    """Character n-grams of a word padded with spaces, and the word itself."""
    padded = f" {word} "
    for n in NGRAM_SIZES:
        for i in range(len(padded) - n + 1):
            yield padded[i:i + n]
    yield f"w:{word}"


def text_features(words: Iterable[str]) -> Iterator[str]:
    for word in words:
        yield from word_features(word)


class LanguageIdentifier:
    """Naive Bayes scores per language from a trained model file (see warta/training/langid.py)."""

    def __init__(self, model: dict):
        self.langs: list[str] = model["langs"]
        self.log_prob: dict[str, dict[str, float]] = model["log_prob"]
        self.unseen: dict[str, float] = model["unseen_log_prob"]
        self.log_prior: dict[str, float] = model["log_prior"]
        self.other = model.get("other", {})
        self._tables = [(self.log_prob[lang], self.unseen[lang]) for lang in self.langs]
        # per-word sums for scores(); the model must not change once scored (training uses scores_of_features)
        self._word_cache: dict[str, tuple[int, tuple[float, ...]]] = {}

    @classmethod
    def from_path(cls, path: Path | str) -> "LanguageIdentifier":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def scores(self, words: list[str]) -> dict[str, float]:
        """Mean log-likelihood per feature for each language (comparable across text lengths).

        The same sums as ``scores_of_features`` over all the text's features, added up word by
        word from a cache of each word's sums (several times faster on news text)."""
        count, totals = 0, [0.0] * len(self.langs)
        for word in words:
            n, sums = self._word_scores(word)
            count += n
            totals = [total + part for total, part in zip(totals, sums)]
        count = max(count, 1)
        return {lang: (total + self.log_prior[lang]) / count for lang, total in zip(self.langs, totals)}

    def _word_scores(self, word: str) -> tuple[int, tuple[float, ...]]:
        cached = self._word_cache.get(word)
        if cached is None:
            features = list(word_features(word))
            cached = (len(features), tuple(sum(table.get(f, unseen) for f in features) for table, unseen in self._tables))
            if len(self._word_cache) < WORD_CACHE_SIZE:
                self._word_cache[word] = cached
        return cached

    def scores_of_features(self, features: list[str]) -> dict[str, float]:
        count = max(len(features), 1)
        return {lang: (sum(self.log_prob[lang].get(f, self.unseen[lang]) for f in features)
                       + self.log_prior[lang]) / count for lang in self.langs}

    def classify(self, words: list[str]) -> tuple[str, dict[str, float]]:
        scores = self.scores(words)
        best = max(scores, key=scores.get)
        return best, scores


@lru_cache(maxsize=None)
def _identifier(path: str) -> LanguageIdentifier:
    if not Path(path).exists():
        raise ModelMissingError(f"no language-identification model at {path}; rebuild it with `warta train-langid` "
                                f"or set WARTA_MODELS_DIR to a folder holding langid/model.json.gz")
    return LanguageIdentifier.from_path(path)


@lru_cache(maxsize=None)
def _function_words(lang: str) -> frozenset[str]:
    return frozenset(load_lang_data(lang, "function_words")["words"])


@lru_cache(maxsize=None)
def _confusable() -> tuple[str, str, frozenset[str], frozenset[str], int]:
    """A language that resembles a supported one: (code, resembles, its marker spellings, the
    supported language's counterparts, markers needed)."""
    info = load_lang_data("ms", "markers")
    return (info["code"], info["resembles"], frozenset(m for m, _ in info["pairs"]),
            frozenset(c for _, c in info["pairs"]), info["min_markers"])


def confusable_language(lang: str, words: list[str]) -> str | None:
    """The look-alike language (Malay for Indonesian) when its marker spellings win."""
    code, resembles, markers, counterparts, min_markers = _confusable()
    if lang != resembles:
        return None
    n_markers = sum(w in markers for w in words)
    if n_markers >= min_markers and n_markers > sum(w in counterparts for w in words):
        return code
    return None


def foreign(identifier: "LanguageIdentifier", lang: str, raw_words: list[str], words: list[str]) -> bool:
    """True when the winning language explains too little of the text: few of its function words and
    few known words among the lower-case ones (capitalised words are mostly names, known or not)."""
    rule = identifier.other
    lowercase = [w for w in raw_words if w.islower() and len(w) > 1]
    if not rule or len(lowercase) < rule["min_lowercase_words"]:
        return False
    known = sum(f"w:{w}" in identifier.log_prob[lang] for w in lowercase) / len(lowercase)
    return known < rule["min_known_share"] and function_word_share(lang, words) < rule["max_function_word_share"]


def function_word_share(lang: str, words: list[str]) -> float:
    return sum(w in _function_words(lang) for w in words) / len(words) if words else 0.0


def detect_details(text: str, model_path: Path | str | None = None) -> dict:
    """The decision and the evidence behind it (for debugging and the evaluation report)."""
    raw_words = raw_words_of(text)            # tokenised once: cased for the 'other' rule, lower-cased for the rest
    words = [w.lower() for w in raw_words]
    if not words:
        return {"lang": OTHER, "reason": "no words"}
    identifier = _identifier(str(model_path or paths.langid_model_path()))
    best, scores = identifier.classify(words)
    details = {"lang": best, "scores": {k: round(v, 4) for k, v in scores.items()}}
    look_alike = confusable_language(best, words)
    if look_alike:
        return {**details, "lang": OTHER, "reason": f"looks like {look_alike}", "resembles": look_alike}
    if foreign(identifier, best, raw_words, words):
        return {**details, "lang": OTHER, "reason": "neither language fits"}
    return details


def detect(text: str) -> str:
    """``id``, ``en`` or ``other`` for a document's text."""
    lang = detect_details(text)["lang"]
    return lang if lang in SUPPORTED_LANGS or lang == OTHER else OTHER
