"""Scoring predictions against gold, both in the record schema.

Span scores come from nervaluate (maintained; the SemEval-2013 schemes): ``strict`` is its
"strict" scheme (same boundaries, same label) and ``lenient`` its "ent_type" scheme (overlap,
same label). Micro scores are nervaluate's overall counts; macro is the mean over the labels
present in the gold. Value accuracy (FIGURE value/unit/qualifier, DATE value/granularity, QUOTE speaker/cue offsets,
speaker_canonical and speaker_role) is measured over gold spans that a prediction of the same label overlaps; name accuracy (PERSON, ORG,
PLACE ``canonical`` and ``en``) likewise, but only over the gold spans that have the field (persons
have no English name; a gold set without the fields reports none).

Claim accuracy (``metrics["claims"]``, only for gold that annotates it, see ``claim_accuracy``):
FIGURE ``subject`` (head word and exact offsets) over the matched gold FIGUREs that carry the key;
``attributed_to`` over the matched gold FIGURE and DATE spans that carry it, counted where the gold
or the prediction names a source (a null/null agreement would inflate it), and as a plain share of
all of them.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nervaluate import Evaluator

from warta.lang import SUPPORTED_LANGS, load_lang_data
from warta.records import ALL_LABELS, GoldMismatchError

SCHEMES = {"strict": "strict", "lenient": "ent_type"}
# QUOTE spans run over the names, figures and dates they contain: they are scored only against gold
# records that list QUOTE in their "labels", never against gold written before quotes were annotated
DECLARED_ONLY_LABELS = ("QUOTE",)
UNDECLARED_LABELS = tuple(label for label in ALL_LABELS if label not in DECLARED_ONLY_LABELS)
VALUE_CHECKS = {"FIGURE": ("value", "unit", "qualifier"), "DATE": ("value", "granularity"),
                "PERSON": ("canonical", "en"), "ORG": ("canonical", "en"), "PLACE": ("canonical", "en"),
                # speaker and cue: [start, end] offsets, equal at both ends (a missing one: None)
                "QUOTE": ("speaker", "cue", "speaker_canonical", "speaker_role")}
# fields checked only where the gold span has them (a gold set may leave them out)
GOLD_ONLY_FIELDS = {"canonical", "en"}
# counts beside the value accuracies: spans matched, spans with the gold field, spans awaiting values
VALUE_COUNT_KEYS = ("matched", "checked", "to_review")
ATTRIBUTED_LABELS = ("FIGURE", "DATE")
# the claim scores that flatten_scores compares (the counts beside them are not scores)
CLAIM_SCORES = ("subject_head", "subject_exact", "attribution", "attribution_share")
HEAD_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
METRIC_FIELDS = ("precision", "recall", "f1")
COUNT_FIELDS = ("correct", "incorrect", "partial", "missed", "spurious", "possible", "actual")
log = logging.getLogger("warta")


class EvaluationError(ValueError):
    """Gold and predictions that cannot be scored together; the message is one line for the user."""


def check_record(record: dict) -> str | None:
    """What makes ``record`` unusable for scoring (no doc_id, spans that are not spans), or None."""
    if not isinstance(record.get("doc_id"), str) or not record["doc_id"]:
        return "no 'doc_id' (a non-empty string)"
    spans = record.get("spans", [])
    if not isinstance(spans, list):
        return f"{record['doc_id']}: 'spans' is not a list"
    for number, span in enumerate(spans, start=1):
        problem = _span_problem(span)
        if problem:
            return f"{record['doc_id']}: span {number} {problem}"
    return None


def _span_problem(span) -> str | None:
    if not isinstance(span, dict):
        return "is not an object"
    if not isinstance(span.get("label"), str) or not span["label"]:
        return "has no label"
    start, end = span.get("start"), span.get("end")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not 0 <= start < end:
        return f"({span['label']}) needs integer offsets 0 <= start < end, not start={start!r}, end={end!r}"
    if not isinstance(span.get("text"), str):
        return f"({span['label']}) has no text"
    return None


def _by_doc_id(records: list[dict], what: str) -> dict[str, dict]:
    """doc_id → record; a doc_id seen twice is an error (which of the two would be scored?)."""
    repeated = [doc_id for doc_id, n in Counter(r["doc_id"] for r in records).items() if n > 1]
    if repeated:
        raise EvaluationError(f"{len(repeated)} doc_ids appear more than once in the {what} "
                              f"(first: {repeated[0]!r}); each document must have one record")
    return {r["doc_id"]: r for r in records}


@dataclass
class Pairing:
    gold: list[list[dict]]
    pred: list[list[dict]]
    doc_ids: list[str]


def pair_documents(gold_records: list[dict], pred_records: list[dict],
                   labels: list[str] | None = None) -> Pairing:
    """Align predictions with gold by doc_id; a gold document with no prediction scores as all missed.

    Refused: a doc_id twice on either side (``EvaluationError``); a prediction made on another
    text than the gold's, or an ok prediction without ``text_sha256`` against a gold that has one
    (``GoldMismatchError``: it cannot be checked).
    """
    _by_doc_id(gold_records, "gold")
    pred_by_id = _by_doc_id(pred_records, "predictions")
    gold_spans, pred_spans, doc_ids = [], [], []
    for gold in gold_records:
        pred = pred_by_id.get(gold["doc_id"], {"spans": []})
        _check_same_text(gold, pred)
        # a gold set annotated for some labels only ("labels": ["FIGURE"]) is scored on those alone;
        # one that declares none is scored on every label but the declared-only ones (QUOTE)
        scored = set(gold.get("labels") or UNDECLARED_LABELS) & set(labels or ALL_LABELS)
        keep = lambda span: span["label"] in scored  # noqa: E731
        gold_spans.append(sorted(filter(keep, gold.get("spans", [])), key=_span_key))
        pred_spans.append(sorted(filter(keep, pred.get("spans", [])), key=_span_key))
        doc_ids.append(gold["doc_id"])
    return Pairing(gold_spans, pred_spans, doc_ids)


def check_coverage(gold_records: list[dict], pred_records: list[dict]) -> None:
    """Refuse gold and predictions with no document in common (the wrong file, other ids); warn
    when some gold documents have no prediction (they score as all missed)."""
    if not gold_records:
        raise EvaluationError("no gold documents to score")
    gold_ids = {r["doc_id"] for r in gold_records}
    unmatched = len(gold_ids - {r["doc_id"] for r in pred_records})
    if unmatched == len(gold_ids):
        raise EvaluationError(f"none of the {len(gold_ids)} gold documents has a prediction (gold doc_ids "
                              f"such as {gold_records[0]['doc_id']!r}; {len(pred_records)} predictions)")
    if unmatched:
        log.warning("%d of %d gold documents have no prediction: scored as all missed", unmatched, len(gold_ids))


def _check_same_text(gold: dict, pred: dict) -> None:
    gold_sha, pred_sha = gold.get("text_sha256"), pred.get("text_sha256")
    if gold_sha and pred_sha and pred_sha != gold_sha:
        raise GoldMismatchError(f"{gold['doc_id']}: the prediction was made on a different text than the "
                                f"gold (text_sha256 {pred_sha[:12]}… vs {gold_sha[:12]}…)")
    if gold_sha and not pred_sha and "doc_id" in pred and pred.get("status", "ok") == "ok":
        raise GoldMismatchError(f"{gold['doc_id']}: the prediction has no text_sha256, so nothing shows it was "
                                "made on the gold's text")


def _span_key(span: dict) -> tuple:
    return span["start"], span["end"], span["label"]


def _as_entities(docs: list[list[dict]]) -> list[list[dict]]:
    # nervaluate treats ``end`` as inclusive; our offsets are end-exclusive.
    return [[{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in doc] for doc in docs]


def evaluate(gold_records: list[dict], pred_records: list[dict], labels: list[str] | None = None) -> dict:
    pairing = pair_documents(gold_records, pred_records, labels)
    gold_labels = sorted({s["label"] for doc in pairing.gold for s in doc})
    tags = sorted(labels) if labels else sorted(set(gold_labels) | {s['label'] for doc in pairing.pred for s in doc})
    results = Evaluator(_as_entities(pairing.gold), _as_entities(pairing.pred), tags=tags, loader="dict").evaluate()
    metrics = {"documents": len(pairing.doc_ids), "gold_labels": gold_labels}
    for name, scheme in SCHEMES.items():
        metrics[name] = _scheme_scores(results, scheme, gold_labels)
    metrics["values"] = _value_accuracy(pairing)
    claims = claim_accuracy(pairing, _langs(gold_records, pred_records))
    if claims:
        metrics["claims"] = claims
    metrics["per_document"] = _per_document(pairing, results, _langs(gold_records, pred_records))
    return metrics


def _langs(gold_records: list[dict], pred_records: list[dict]) -> list[str | None]:
    """Each paired document's language: the gold's, else the prediction's (gold order)."""
    pred_lang = {r["doc_id"]: r.get("lang") for r in pred_records}
    return [r.get("lang") or pred_lang.get(r["doc_id"]) for r in gold_records]


# ---------------------------------------------------------------- claims: subjects and attribution

def head_word(subject_text: str | None, lang: str | None) -> str | None:
    """The head of a subject: its first word (Indonesian) or last (English), per ``subjects.json``'s
    ``head`` of ``lang`` (first when the language has none), case-folded; None for no subject."""
    words = HEAD_WORD.findall(subject_text or "")
    if not words:
        return None
    last = lang in SUPPORTED_LANGS and load_lang_data(lang, "subjects")["head"] == "last"
    return (words[-1] if last else words[0]).casefold()


def subject_correct(gold: dict, pred: dict, lang: str | None) -> tuple[bool, bool]:
    """(head word right, offsets exact) of a predicted FIGURE's subject against a gold one that
    carries ``subject`` (None where there is none: None against None is right on both)."""
    gold_subject, pred_subject = gold.get("subject"), pred.get("subject")
    exact = (list(gold_subject) if gold_subject else None) == (list(pred_subject) if pred_subject else None)
    if not gold_subject or not pred_subject:
        return exact, exact
    if exact:
        return True, True
    gold_text, pred_text = gold.get("subject_text"), pred.get("subject_text")
    if gold_text is None or pred_text is None:      # no text to read the heads from: only offsets count
        return False, False
    return head_word(gold_text, lang) == head_word(pred_text, lang), False


def attribution_correct(gold: dict, pred: dict) -> bool:
    return values_equal("attributed_to", gold.get("attributed_to"), pred.get("attributed_to"))


def claim_accuracy(pairing: Pairing, langs: list[str | None]) -> dict:
    """Subject and attribution accuracy over the matched gold spans that carry the keys (see the
    module's docstring); empty when no gold span carries either."""
    subjects, sources = [], []
    for gold, pred, lang in zip(pairing.gold, pairing.pred, langs):
        for label in ATTRIBUTED_LABELS:
            pairs = match_by_overlap([s for s in gold if s["label"] == label and not s.get("review")],
                                     [s for s in pred if s["label"] == label])
            subjects += [subject_correct(g, p, lang) for g, p in pairs if label == "FIGURE" and "subject" in g]
            sources += [(attribution_correct(g, p), g.get("attributed_to") is None and p.get("attributed_to") is None)
                        for g, p in pairs if "attributed_to" in g]
    scores = {}
    if subjects:
        scores.update(subject_checked=len(subjects),
                      subject_head=round(sum(head for head, _ in subjects) / len(subjects), 4),
                      subject_exact=round(sum(exact for _, exact in subjects) / len(subjects), 4))
    if sources:
        with_source = [ok for ok, both_null in sources if not both_null]
        scores.update(attribution_checked=len(with_source),
                      attribution=round(sum(with_source) / len(with_source), 4) if with_source else 0.0,
                      attribution_spans=len(sources),
                      attribution_share=round(sum(ok for ok, _ in sources) / len(sources), 4))
    return scores


def _scheme_scores(results: dict, scheme: str, gold_labels: list[str]) -> dict:
    per_label = {}
    for label, by_scheme in sorted(results["entities"].items()):
        result = by_scheme[scheme]
        per_label[label] = {f: round(getattr(result, f), 4) for f in METRIC_FIELDS}
        per_label[label].update({f: getattr(result, f) for f in COUNT_FIELDS})
    overall = results["overall"].get(scheme)
    micro = {f: round(getattr(overall, f), 4) if overall else 0.0 for f in METRIC_FIELDS}
    macro_labels = [label for label in gold_labels if label in per_label]
    macro = {f: round(sum(per_label[l][f] for l in macro_labels) / len(macro_labels), 4) if macro_labels else 0.0
             for f in METRIC_FIELDS}
    return {"per_label": per_label, "micro": micro, "macro": macro}


def match_by_overlap(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of gold and predicted spans of the same label, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0 and g["label"] == p["label"]:
                candidates.append((overlap, -gi, -pi))
    used_gold, used_pred, pairs = set(), set(), []
    for overlap, neg_gi, neg_pi in sorted(candidates, reverse=True):
        gi, pi = -neg_gi, -neg_pi
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi), used_pred.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def values_equal(field: str, gold_value, pred_value) -> bool:
    if field == "qualifier":
        return (gold_value or "=") == (pred_value or "=")
    if isinstance(gold_value, (int, float)) and isinstance(pred_value, (int, float)):
        return abs(gold_value - pred_value) <= 1e-9 * max(1.0, abs(gold_value))
    if isinstance(gold_value, str) and isinstance(pred_value, str):
        return gold_value.casefold() == pred_value.casefold()
    return gold_value == pred_value


def _fields_to_check(label: str) -> tuple[str, ...]:
    return VALUE_CHECKS[label] + (("value_max",) if label == "FIGURE" else ())


def _value_errors(gold: dict, pred: dict, lang: str | None = None) -> list[str]:
    if gold.get("review"):                   # values not written yet (warta import): nothing to compare
        return []
    wrong = [f for f in _fields_to_check(gold["label"]) if (f not in GOLD_ONLY_FIELDS or f in gold)
             and not values_equal(f, gold.get(f), pred.get(f))]
    if gold["label"] == "FIGURE" and "subject" in gold and not all(subject_correct(gold, pred, lang)):
        wrong.append("subject_text")
    if gold["label"] in ATTRIBUTED_LABELS and "attributed_to" in gold and not attribution_correct(gold, pred):
        wrong.append("attributed_to")
    return wrong


def _value_accuracy(pairing: Pairing) -> dict:
    accuracy = {}
    for label, fields in VALUE_CHECKS.items():
        pairs = [(g, p) for gold, pred in zip(pairing.gold, pairing.pred)
                 for g, p in match_by_overlap([s for s in gold if s["label"] == label],
                                              [s for s in pred if s["label"] == label])]
        if not any(s["label"] == label for doc in pairing.gold for s in doc):
            continue
        scores = {"matched": len(pairs)}
        if any(g.get("review") for g, _ in pairs):     # spans still awaiting their values count for spans only
            scores["to_review"] = sum(bool(g.get("review")) for g, _ in pairs)
            pairs = [(g, p) for g, p in pairs if not g.get("review")]
        for field in fields:
            if field in GOLD_ONLY_FIELDS:
                checked = [values_equal(field, g[field], p.get(field)) for g, p in pairs if field in g]
                if not checked:              # no gold span has the field: nothing to report
                    continue
                scores.setdefault("checked", {})[field] = len(checked)
                scores[field] = round(sum(checked) / len(checked), 4)
                continue
            checked = [values_equal(field, g.get(field), p.get(field)) for g, p in pairs]
            if field == "value" and label == "FIGURE":   # a range must match at both ends
                checked = [ok and values_equal("value_max", g.get("value_max"), p.get("value_max"))
                           for ok, (g, p) in zip(checked, pairs)]
            scores[field] = round(sum(checked) / len(checked), 4) if checked else 0.0
        if any(field in scores for field in fields):
            accuracy[label] = scores
    return accuracy


def _per_document(pairing: Pairing, results: dict, langs: list[str | None] | None = None) -> list[dict]:
    """What each document missed, falsely found, labelled wrongly, or valued wrongly (lenient scheme)."""
    indices = results["overall_indices"].get("ent_type")
    details = {i: {"doc_id": d, "missed": [], "false_alarms": [], "wrong_label": [], "value_errors": []}
               for i, d in enumerate(pairing.doc_ids)}
    if indices is not None:
        for doc_index, gold_index in indices.missed_indices:
            details[doc_index]["missed"].append(_brief(pairing.gold[doc_index][gold_index]))
        for doc_index, pred_index in indices.spurious_indices:
            details[doc_index]["false_alarms"].append(_brief(pairing.pred[doc_index][pred_index]))
        for doc_index, pred_index in indices.incorrect_indices:
            details[doc_index]["wrong_label"].append(_brief(pairing.pred[doc_index][pred_index]))
    for doc_index, (gold, pred) in enumerate(zip(pairing.gold, pairing.pred)):
        for g, p in match_by_overlap([s for s in gold if s["label"] in VALUE_CHECKS],
                                     [s for s in pred if s["label"] in VALUE_CHECKS]):
            wrong = _value_errors(g, p, langs[doc_index] if langs else None)
            if wrong:
                details[doc_index]["value_errors"].append(
                    {"text": g["text"], "label": g["label"], "start": g["start"],
                     **{f: {"gold": g.get(f), "pred": p.get(f)} for f in wrong}})
    return [d for d in details.values() if any(d[k] for k in ("missed", "false_alarms", "wrong_label", "value_errors"))]


def _brief(span: dict) -> dict:
    return {"label": span["label"], "text": span["text"], "start": span["start"], "end": span["end"]}


# ---------------------------------------------------------------- regression gate

def flatten_scores(metrics: dict) -> dict[str, float]:
    """The comparable numbers of a metrics dict, as dotted keys (strict.micro.f1, values.FIGURE.unit, ...)."""
    flat = {}
    for scheme in SCHEMES:
        for avg in ("micro", "macro"):
            flat[f"{scheme}.{avg}.f1"] = metrics[scheme][avg]["f1"]
        for label, scores in metrics[scheme]["per_label"].items():
            flat[f"{scheme}.{label}.f1"] = scores["f1"]
    for label, scores in metrics.get("values", {}).items():
        for field, value in scores.items():
            if field not in VALUE_COUNT_KEYS:
                flat[f"values.{label}.{field}"] = value
    for name in CLAIM_SCORES:
        if name in metrics.get("claims", {}):
            flat[f"claims.{name}"] = metrics["claims"][name]
    return flat


def check_labels(labels: list[str]) -> list[str]:
    """``--labels``, checked: each one a label of the record schema."""
    unknown = [label for label in labels if label not in ALL_LABELS]
    if unknown:
        raise EvaluationError(f"unknown label {unknown[0]!r} (labels: {', '.join(ALL_LABELS)})")
    return labels


def load_baseline(path: str | Path) -> dict[str, float]:
    """The scores of a ``--baseline`` file (metrics JSON or a flat threshold table), flattened."""
    try:
        baseline = json.loads(Path(path).read_text(encoding="utf-8"))
        flat = flatten_scores(baseline) if isinstance(baseline, dict) and "strict" in baseline else baseline
        if not isinstance(flat, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                 for v in flat.values()):
            raise ValueError("expected warta evaluate --json metrics or {\"score.name\": number, ...}")
    except (OSError, ValueError, RecursionError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError(f"{path}: not a usable baseline ({getattr(exc, 'strerror', None) or exc})") from None
    return flat


def regressions(current: dict, baseline: dict, max_drop: float) -> list[str]:
    """Each score that fell more than ``max_drop`` below the baseline (a missing score counts as 0).

    ``baseline`` is a metrics dict (``warta evaluate --json``) or an already flat
    ``{"strict.micro.f1": 0.9, ...}`` table of thresholds.
    """
    now = flatten_scores(current)
    before = flatten_scores(baseline) if "strict" in baseline else baseline
    return [f"{key}: {now.get(key, 0.0):.4f} < baseline {value:.4f} - {max_drop}"
            for key, value in sorted(before.items()) if now.get(key, 0.0) < value - max_drop - 1e-9]


# ---------------------------------------------------------------- report

def format_report(metrics: dict, show_documents: bool = True) -> str:
    lines = [f"documents: {metrics['documents']}", "",
             f"{'label':<8} {'strict P':>9} {'R':>6} {'F1':>6}   {'lenient P':>9} {'R':>6} {'F1':>6}   {'gold':>5} {'pred':>5}"]
    strict, lenient = metrics["strict"], metrics["lenient"]
    for label in sorted(set(strict["per_label"]) | set(lenient["per_label"])):
        s, l = strict["per_label"].get(label, {}), lenient["per_label"].get(label, {})
        lines.append(f"{label:<8} {s.get('precision', 0):>9.3f} {s.get('recall', 0):>6.3f} {s.get('f1', 0):>6.3f}   "
                     f"{l.get('precision', 0):>9.3f} {l.get('recall', 0):>6.3f} {l.get('f1', 0):>6.3f}   "
                     f"{s.get('possible', 0):>5} {s.get('actual', 0):>5}")
    for avg in ("micro", "macro"):
        s, l = strict[avg], lenient[avg]
        lines.append(f"{avg:<8} {s['precision']:>9.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}   "
                     f"{l['precision']:>9.3f} {l['recall']:>6.3f} {l['f1']:>6.3f}")
    for label, scores in metrics.get("values", {}).items():
        checked = scores.get("checked", {})
        parts = ", ".join(f"{field} {value:.3f}" + (f" ({checked[field]} with gold)" if field in checked else "")
                          for field, value in scores.items() if field not in VALUE_COUNT_KEYS)
        lines.append(f"{label} values over {scores['matched']} matched spans: {parts}")
    lines += format_claims(metrics.get("claims", {}))
    if show_documents and metrics.get("per_document"):
        lines.append("")
        for doc in metrics["per_document"]:
            lines.append(f"[{doc['doc_id']}]")
            for kind in ("missed", "false_alarms", "wrong_label"):
                for span in doc[kind]:
                    lines.append(f"  {kind:<12} {span['label']:<7} {span['text']!r} @{span['start']}")
            for error in doc["value_errors"]:
                fields = "; ".join(f"{f} gold={v['gold']!r} pred={v['pred']!r}" for f, v in error.items()
                                   if isinstance(v, dict))
                lines.append(f"  {'value_error':<12} {error['label']:<7} {error['text']!r} @{error['start']}: {fields}")
    return "\n".join(lines)


def format_claims(claims: dict) -> list[str]:
    """The report's lines for the claim scores (none when the gold annotates no claims)."""
    lines = []
    if "subject_checked" in claims:
        lines.append(f"FIGURE subject over {claims['subject_checked']} matched gold figures with the key: "
                     f"head word {claims['subject_head']:.3f}, exact {claims['subject_exact']:.3f}")
    if "attribution_spans" in claims:
        lines.append(f"attribution (FIGURE, DATE) over {claims['attribution_checked']} matched spans with a source "
                     f"in the gold or the prediction: {claims['attribution']:.3f}; plain share over all "
                     f"{claims['attribution_spans']} with the key: {claims['attribution_share']:.3f}")
    return lines
