"""Tokenisation for news text, and its check against the UD Indonesian treebanks.

spaCy's Indonesian tokenizer is the base. ``customize_tokenizer`` adds what news text needs (the
registered tokenizer ``warta.NewsTokenizer.v1`` is the same, built in one go for ``warta.load``)
and ``ud_token_scores`` measures token-boundary F1 against a CoNLL-U file (surface tokens:
a multi-word token such as "menyetujuinya" counts as one, as it is written).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

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
    """Keep hyphenated words whole (measured against UD: see ``ud_token_scores``)."""
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


def conllu_texts(path: str | Path) -> Iterator[str]:
    """The ``# text = `` line of each sentence of a CoNLL-U file."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# text = "):
                yield line[len("# text = "):].strip()


def read_conllu_surface(path: str | Path) -> list[tuple[str, list[str]]]:
    """(sentence text, surface tokens) for each sentence of a CoNLL-U file."""
    sentences, text, tokens, skip_until = [], None, [], 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line.strip():
            if text is not None and tokens:
                sentences.append((text, tokens))
            text, tokens, skip_until = None, [], 0
        elif not line.startswith("#"):
            token_id, form = line.split("\t")[:2]
            if "-" in token_id:                       # a multi-word token: keep its surface form
                skip_until = int(token_id.split("-")[1])
                tokens.append(form)
            elif "." not in token_id and int(token_id) > skip_until:
                tokens.append(form)
    return sentences


def _offsets(text: str, tokens: list[str]) -> set[tuple[int, int]] | None:
    spans, position = set(), 0
    for token in tokens:
        start = text.find(token, position)
        if start < 0:
            return None
        spans.add((start, start + len(token)))
        position = start + len(token)
    return spans


def ud_token_scores(nlp: Language, conllu_path: str | Path) -> dict:
    """Token-boundary precision, recall and F1 of ``nlp.tokenizer`` against a treebank."""
    true_positive = gold_total = predicted_total = 0
    for text, gold_tokens in read_conllu_surface(conllu_path):
        gold = _offsets(text, gold_tokens)
        if gold is None:          # the treebank's tokens do not spell the text; skip the sentence
            continue
        predicted = {(t.idx, t.idx + len(t.text)) for t in nlp.tokenizer(text) if not t.is_space}
        true_positive += len(gold & predicted)
        gold_total += len(gold)
        predicted_total += len(predicted)
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = true_positive / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold_tokens": gold_total}
