"""Token-boundary precision, recall and F1 of a tokenizer against a CoNLL-U treebank (UD).

Surface tokens are compared: a multi-word token such as "menyetujuinya" counts as one, as it is
written.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from warta.evaluation.scores import prf


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


def character_offsets(text: str, tokens: list[str]) -> set[tuple[int, int]] | None:
    """(start, end) of each token found in order in ``text``; None when the tokens do not spell it."""
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
        gold = character_offsets(text, gold_tokens)
        if gold is None:          # the treebank's tokens do not spell the text; skip the sentence
            continue
        predicted = {(t.idx, t.idx + len(t.text)) for t in nlp.tokenizer(text) if not t.is_space}
        true_positive += len(gold & predicted)
        gold_total += len(gold)
        predicted_total += len(predicted)
    scores = prf(true_positive, predicted_total - true_positive, gold_total - true_positive)
    return {"precision": scores["p"], "recall": scores["r"], "f1": scores["f1"], "gold_tokens": gold_total}
