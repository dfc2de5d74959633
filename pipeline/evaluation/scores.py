"""Precision, recall and F1 from counts: the one helper every scorer of the project uses."""
from __future__ import annotations

DIGITS = 4


def prf(true_positives: int, false_positives: int, false_negatives: int) -> dict[str, float]:
    """``{"p", "r", "f1"}`` rounded to four places; 0.0 where a denominator is zero."""
    predicted = true_positives + false_positives
    gold = true_positives + false_negatives
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, DIGITS), "r": round(recall, DIGITS), "f1": round(f1, DIGITS)}
