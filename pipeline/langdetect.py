"""Document language: Indonesian, English or other, by function-word evidence.

Function words are the most frequent and most language-specific tokens of a text; the lists
live in ``pipeline/lang/<code>/function_words.json``. A text whose best language covers too
small a share of its words is "other".
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lang import SUPPORTED_LANGS, load_lang_data

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_SHARE = 0.08     # share of words that must be function words of the winning language


@lru_cache(maxsize=None)
def _function_words(lang: str) -> frozenset[str]:
    return frozenset(load_lang_data(lang, "function_words")["words"])


def detect(text: str, max_words: int = 2000) -> str:
    words = [w.lower() for w in WORD.findall(text[:20000])][:max_words]
    if not words:
        return "other"
    hits = {lang: sum(w in _function_words(lang) for w in words) for lang in SUPPORTED_LANGS}
    best = max(hits, key=hits.get)
    return best if hits[best] / len(words) >= MIN_SHARE else "other"
