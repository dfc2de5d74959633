"""Tokenisation for news text.

spaCy's Indonesian tokenizer is the base. ``customize_tokenizer`` adds what news text needs (the
registered tokenizer ``warta.NewsTokenizer.v1`` is the same, built in one go for ``warta.load``);
``warta.evaluation.tokenizer.ud_token_scores`` measures it against the UD treebanks.
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# A hyphen between letters or between letters and digits joins one word in Indonesian news:
# reduplication (obligasi-obligasi), prefixes (non-migas), ordinals (ke-5), decades (1960-an),
# names (COVID-19, APBN-P). spaCy splits these; the UD treebanks keep them whole.
_SPLITS_TO_DROP = {
    rf"(?<=[{ALPHA}])-(?=[0-9])",
    rf"(?<=[0-9])-(?=[{ALPHA}])",
}
_SPLITS_TO_REPLACE = {
    rf"(?<=[{ALPHA}])(?:{HYPHENS})(?=[{ALPHA}])": rf"(?<=[{ALPHA}])(?:{HYPHENS.replace('-|', '', 1)})(?=[{ALPHA}])",
}


def news_infixes(infixes) -> list[str]:
    """spaCy's infix patterns for a language, without the splits that break hyphenated words."""
    kept = []
    for pattern in infixes:
        if pattern in _SPLITS_TO_DROP:
            continue
        pattern = _SPLITS_TO_REPLACE.get(pattern, pattern)
        if pattern.startswith(rf"(?<=[{ALPHA}])[\/-](?="):      # letter-hyphen-currency/letter
            pattern = pattern.replace(r"[\/-]", r"[\/]", 1)
        kept.append(pattern)
    return kept


def customize_tokenizer(nlp: Language) -> Language:
    """Keep hyphenated words whole (measured against UD: ``warta.evaluation.tokenizer``)."""
    nlp.tokenizer.infix_finditer = compile_infix_regex(news_infixes(nlp.Defaults.infixes)).finditer
    return nlp


@registry.tokenizers("warta.NewsTokenizer.v1")
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer for the language (``spacy.Tokenizer.v1``) with the news infixes, built in
    one go: every change of a built tokenizer's settings re-tokenises all its special cases (16k
    for Indonesian, about 2 s each time), so ``warta.load`` asks for this one instead of
    loading the model's (identical, default) tokenizer and customising it."""
    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(nlp.vocab, rules=defaults.tokenizer_exceptions,
                         prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
                         suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
                         infix_finditer=compile_infix_regex(news_infixes(defaults.infixes)).finditer,
                         token_match=defaults.token_match, url_match=defaults.url_match)
    return make


# spacy.load / spacy.blank overrides for the pipeline with this tokenizer
NEWS_TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "warta.NewsTokenizer.v1"}}}
