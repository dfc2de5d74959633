"""Entity-level scores of a spaCy NER pipeline against gold Docs or an IOB2 file.

Exact match of (start token, end token, label) on the gold tokenisation: micro P/R/F1 over all
entities, macro-F1 over the project labels present in the gold (IndoNLU's metric), and per label.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from warta.evaluation.iob import iob_spans, read_iob, tagged_doc
from warta.evaluation.label_maps import LabelMap, corpus_label_map, load_label_map, map_spans, project_labels
from warta.evaluation.scores import prf


def score_docs(nlp, gold_docs: list[Doc], labels: list[str] | None = None) -> dict:
    """Entity-level exact-match scores of ``nlp`` on gold Docs (the gold tokenisation is kept)."""
    inputs = (Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in gold_docs)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    support: Counter = Counter()
    n_pred = 0
    for gold, pred in zip(gold_docs, nlp.pipe(inputs, batch_size=256)):
        g = {(e.start, e.end, e.label_) for e in gold.ents}
        p = {(e.start, e.end, e.label_) for e in pred.ents}
        n_pred += len(p)
        for span in g:
            support[span[2]] += 1
            (tp if span in p else fn)[span[2]] += 1
        for span in p - g:
            fp[span[2]] += 1
    seen = sorted(set(support) | set(fp))
    per_label = {lab: {**prf(tp[lab], fp[lab], fn[lab]), "support": support[lab]} for lab in seen}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    macro_labels = [lab for lab in (labels or seen) if support[lab] > 0]
    macro = round(sum(per_label[lab]["f1"] for lab in macro_labels) / len(macro_labels), 4) if macro_labels else 0.0
    return {
        "sentences": len(gold_docs),
        "tokens": sum(len(d) for d in gold_docs),
        "gold_entities": sum(support.values()),
        "predicted_entities": n_pred,
        "micro_p": micro["p"], "micro_r": micro["r"], "micro_f1": micro["f1"],
        "macro_f1": macro, "macro_labels": macro_labels,
        "per_label": per_label,
    }


def gold_docs_of_iob(vocab, iob_path: Path | str, mapping: dict) -> list[Doc]:
    """The sentences of an IOB2 file as Docs whose entities are the gold spans under project labels."""
    return [tagged_doc(vocab, words, map_spans(iob_spans(tags), mapping, f"in {iob_path}"))
            for words, tags in read_iob(iob_path)]


def evaluate_iob(nlp, iob_path: Path | str, label_map: LabelMap) -> dict:
    """Micro/macro-F1 and per-label P/R/F1 of a loaded spaCy pipeline on an IOB2 file.

    ``label_map``: the label-map file (path or dict with ``corpora``; the corpus is the IOB file's
    folder name) or a flat ``{corpus_label: project_label or None}`` dict. Entity-level exact match
    on the file's own tokens; macro-F1 averages the project labels that occur in the gold (those
    of the file's ``project_labels`` when a full label-map file is given).
    """
    iob_path = Path(iob_path)
    full = load_label_map(label_map)
    mapping = corpus_label_map(full, iob_path.parent.name)
    labels = project_labels(full) if "corpora" in full else None
    return score_docs(nlp, gold_docs_of_iob(nlp.vocab, iob_path, mapping), labels)
