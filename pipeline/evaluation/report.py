"""``warta evaluate --html``: the scores as one self-contained page a person reads.

The page holds the per-label scores (as ``format_report`` prints them), the value accuracies, a
label confusion table, and each document's text with its matched gold spans, missed gold spans and
false alarms marked in three colours. Everything taken from the input (texts, labels, values,
doc_ids) is HTML-escaped; the page needs no JavaScript (``<details>`` folds the documents).
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from warta.batch.io import InputError
from warta.evaluation.gold import gold_text, load_texts
from warta.evaluation.spans import VALUE_COUNT_KEYS, Pairing, match_by_overlap, pair_documents
from warta.records import text_sha256

MISSED, SPURIOUS = "missed", "spurious"
# a mark's kind (its CSS class) → its name and what it means, for the legend
KINDS = {"matched": ("matched", "a gold span that a prediction of its label overlaps"),
         "missed": ("missed", "a gold span that no prediction of its label overlaps"),
         "false-alarm": ("false alarm", "a prediction that no gold span of its label overlaps")}


def confusion_counts(pairing: Pairing) -> Counter:
    """(gold label, predicted label) → count over overlapping span pairs of all documents.

    Same-label pairs are taken first (``match_by_overlap``, as the lenient scores do); the spans
    left over are then paired across labels by overlap. A gold span left unpaired counts as
    ``(label, "missed")``, a prediction left unpaired as ``("spurious", label)``.
    """
    counts: Counter = Counter()
    for gold, pred in zip(pairing.gold, pairing.pred):
        same_label = match_by_overlap(gold, pred)
        gold_left = _unpaired(gold, [g for g, _ in same_label])
        pred_left = _unpaired(pred, [p for _, p in same_label])
        cross_label = _match_across_labels(gold_left, pred_left)
        counts.update((g["label"], p["label"]) for g, p in same_label + cross_label)
        counts.update((g["label"], MISSED) for g in _unpaired(gold_left, [g for g, _ in cross_label]))
        counts.update((SPURIOUS, p["label"]) for p in _unpaired(pred_left, [p for _, p in cross_label]))
    return counts


def _unpaired(spans: list[dict], paired: list[dict]) -> list[dict]:
    paired_ids = {id(span) for span in paired}
    return [span for span in spans if id(span) not in paired_ids]


def _match_across_labels(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    # match_by_overlap pairs same-label spans only: give every span one label, then map back
    originals = {}
    def blind(span: dict) -> dict:
        copy = {**span, "label": ""}
        originals[id(copy)] = span
        return copy
    pairs = match_by_overlap([blind(g) for g in gold], [blind(p) for p in pred])
    return [(originals[id(g)], originals[id(p)]) for g, p in pairs]


@dataclass
class Mark:
    """A stretch of text to highlight: its kind (a ``KINDS`` key), label, hover note, and whether
    a matched span's values (figure, date, name) differ from the gold's."""
    start: int
    end: int
    kind: str
    label: str
    note: str
    values_differ: bool = False


def document_marks(gold: list[dict], pred: list[dict], value_errors: list[dict] = ()) -> list[Mark]:
    """The matched gold spans, the missed gold spans and the false alarms of one document.

    ``value_errors`` are the document's entries of ``evaluate``'s ``per_document`` value errors
    (``{"label", "start", field: {"gold", "pred"}}``): the matched marks they name are flagged.
    """
    wrong = {(e["label"], e["start"]): e for e in value_errors}
    pairs = match_by_overlap(gold, pred)
    marks = [Mark(g["start"], g["end"], "matched", g["label"], _pair_note(g, p, wrong.get((g["label"], g["start"]))),
                  values_differ=(g["label"], g["start"]) in wrong) for g, p in pairs]
    marks += [Mark(g["start"], g["end"], "missed", g["label"], f"missed {g['label']} {g['text']!r}")
              for g in _unpaired(gold, [g for g, _ in pairs])]
    marks += [Mark(p["start"], p["end"], "false-alarm", p["label"], f"false alarm {p['label']} {p['text']!r}")
              for p in _unpaired(pred, [p for _, p in pairs])]
    return sorted(marks, key=lambda m: (m.start, -m.end))


def _pair_note(gold: dict, pred: dict, value_error: dict | None) -> str:
    note = f"{gold['label']} gold {gold['text']!r}"
    if (gold["start"], gold["end"]) != (pred["start"], pred["end"]):
        note += f", predicted {pred['text']!r}"
    differing = [f"{field} gold={v['gold']!r} pred={v['pred']!r}"
                 for field, v in (value_error or {}).items() if isinstance(v, dict)]
    return note + ("; " + "; ".join(differing) if differing else "")


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` as HTML with each mark wrapped in ``<mark class=KIND>`` and its label after it.

    Marks may overlap (a wrong-label prediction over a missed gold span): the text is cut at every
    mark boundary and each piece carries the classes of all the marks over it.
    """
    cuts = sorted({0, len(text)} | {min(max(x, 0), len(text)) for m in marks for x in (m.start, m.end)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        over = [m for m in marks if m.start <= a and m.end >= b]
        if not over:
            pieces.append(escape(text[a:b]))
            continue
        classes = " ".join(sorted({m.kind for m in over} | ({"values-differ"} if any(m.values_differ for m in over)
                                                             else set())))
        title = escape(" | ".join(m.note for m in over))
        pieces.append(f'<mark class="{classes}" title="{title}">{escape(text[a:b])}</mark>')
        pieces += [f'<sup class="tag {m.kind}">{escape(m.label)}</sup>' for m in over if m.end == b]
    return "".join(pieces)


def document_texts(gold_records: list[dict], corpus_dir: str | Path | None = None) -> dict[str, str | None]:
    """doc_id → the gold's text (inline, the corpus's, or the referenced one), or None where it is
    not available or is not the text the gold was written for (its ``text_sha256`` differs)."""
    needs_corpus = any(not isinstance(r.get("text"), str) and not isinstance(r.get("source"), dict)
                       for r in gold_records)
    corpus_texts = _corpus_texts(corpus_dir) if needs_corpus else {}
    texts = {}
    for record in gold_records:
        try:
            text = gold_text(record, corpus_texts)
        except (InputError, OSError, ValueError, KeyError):
            text = None             # the page says the text is not available; the scores stand
        if text is not None and record.get("text_sha256") and text_sha256(text) != record["text_sha256"]:
            text = None
        texts[record["doc_id"]] = text
    return texts


def _corpus_texts(corpus_dir: str | Path | None) -> dict[str, str]:
    # reading the corpus logs each file beside its manifest (the gold files) at INFO: not news here
    logger = logging.getLogger("warta")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        return load_texts(corpus_dir)
    except (InputError, OSError):
        return {}
    finally:
        logger.setLevel(level)


# ---------------------------------------------------------------- the page

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ddd; padding: .2em .6em; text-align: right; font-variant-numeric: tabular-nums; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f3f3f3; } tr.average td { font-style: italic; background: #fafafa; }
table.values td:last-child, table.values th:last-child { text-align: left; }
td.diagonal { background: #dcf5dc; } td.off { background: #fde2c8; } td.zero { color: #bbb; }
mark { padding: 0 1px; border-radius: 2px; }
mark.matched { background: #b8e6b8; } mark.missed { background: #f7a8a8; } mark.false-alarm { background: #ffd27a; }
mark.false-alarm.missed { background: linear-gradient(#f7a8a8 50%, #ffd27a 50%); }
mark.values-differ { text-decoration: underline wavy #b22; text-underline-offset: 3px; }
mark.matched.missed, mark.false-alarm.matched, mark.false-alarm.matched.missed {
  background: linear-gradient(#b8e6b8 50%, #ffd27a 50%); }
sup.tag { font-size: .65em; font-weight: 600; margin: 0 .2em 0 1px; }
sup.matched { color: #2a7a2a; } sup.missed { color: #b22; } sup.false-alarm { color: #a66b00; }
.legend mark { margin-right: .4em; } .legend span { margin-right: 1.5em; display: inline-block; }
.text { white-space: pre-wrap; border-left: 3px solid #ddd; padding-left: .8em; }
details { margin: .6em 0; } summary { cursor: pointer; } .counts { color: #666; font-size: .9em; }
.none { color: #888; font-style: italic; }
"""


def render_report(metrics: dict, gold_records: list[dict], pred_records: list[dict],
                  texts: dict[str, str | None] | None = None, labels: list[str] | None = None,
                  title: str = "Warta evaluation") -> str:
    """The HTML page for ``metrics`` (from ``evaluate`` on the same gold, predictions and labels).

    ``texts`` maps doc_id to the gold's text (default: ``document_texts(gold_records)``).
    """
    pairing = pair_documents(gold_records, pred_records, labels)
    texts = document_texts(gold_records) if texts is None else texts
    body = [f"<h1>{escape(title)}</h1>",
            f"<p>Documents scored: {metrics['documents']}. Strict: same boundaries and label; "
            "lenient: overlapping, same label.</p>",
            "<h2>Scores per label</h2>", _scores_table(metrics),
            "<h2>Values of matched spans</h2>", _values_table(metrics.get("values", {})),
            "<h2>Label confusion</h2>", _confusion_table(confusion_counts(pairing)),
            "<h2>Documents</h2>", _legend(),
            *_documents(pairing, texts, metrics.get("per_document", []))]
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def write_report(path: str | Path, metrics: dict, gold_records: list[dict], pred_records: list[dict],
                 labels: list[str] | None = None, title: str = "Warta evaluation") -> None:
    """Render the page and write it to ``path`` (its folder is created)."""
    path = Path(path)
    html = render_report(metrics, gold_records, pred_records, labels=labels, title=title)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _row(cells: list[str], css: str = "", header: bool = False) -> str:
    cell = "th" if header else "td"
    attr = f' class="{css}"' if css else ""
    return f"<tr{attr}>" + "".join(f"<{cell}>{c}</{cell}>" for c in cells) + "</tr>"


def _scores_table(metrics: dict) -> str:
    strict, lenient = metrics["strict"], metrics["lenient"]
    head = _row(["label", "strict P", "R", "F1", "lenient P", "R", "F1", "gold", "pred"], header=True)
    rows = []
    for label in sorted(set(strict["per_label"]) | set(lenient["per_label"])):
        s, l = strict["per_label"].get(label, {}), lenient["per_label"].get(label, {})
        rows.append(_row([escape(label)] + [f"{scores.get(f, 0):.3f}" for scores in (s, l)
                                            for f in ("precision", "recall", "f1")]
                         + [str(s.get("possible", 0)), str(s.get("actual", 0))]))
    for average in ("micro", "macro"):
        rows.append(_row([average] + [f"{scores[average][f]:.3f}" for scores in (strict, lenient)
                                      for f in ("precision", "recall", "f1")] + ["", ""], css="average"))
    return f"<table class=\"scores\"><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _values_table(values: dict) -> str:
    if not values:
        return '<p class="none">No gold span has values to check.</p>'
    rows = []
    for label, scores in values.items():
        checked = scores.get("checked", {})
        fields = ", ".join(f"{escape(field)} {value:.3f}" + (f" ({checked[field]} with gold)" if field in checked else "")
                           for field, value in scores.items() if field not in VALUE_COUNT_KEYS)
        rows.append(_row([escape(label), str(scores["matched"]), fields]))
    head = _row(["label", "matched spans", "accuracy"], header=True)
    return f"<table class=\"values\"><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _confusion_table(counts: Counter) -> str:
    gold_labels = sorted({g for g, _ in counts if g != SPURIOUS})
    pred_labels = sorted({p for _, p in counts if p != MISSED})
    head = _row(["gold \\ predicted"] + [escape(p) for p in pred_labels] + [MISSED], header=True)
    rows = []
    for gold in gold_labels + [SPURIOUS]:
        cells = []
        for pred in pred_labels + [MISSED]:
            n = counts.get((gold, pred), 0)
            css = "zero" if not n else "diagonal" if gold == pred else "off"
            # spurious × missed is no pair of spans: left blank
            cells.append(f'<td class="{css}">{"" if (gold, pred) == (SPURIOUS, MISSED) else n}</td>')
        rows.append(f"<tr><th>{escape(gold)}</th>{''.join(cells)}</tr>")
    note = ("<p class=\"counts\">Rows: gold label; columns: predicted label, over overlapping span pairs "
            "(same-label pairs first). <em>missed</em>: a gold span that no prediction overlaps; "
            "<em>spurious</em>: a prediction that no gold span overlaps.</p>")
    return f"<table class=\"confusion\"><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>{note}"


def _legend() -> str:
    return ('<p class="legend">' + "".join(f'<span><mark class="{kind}">{name}</mark> {meaning}</span>'
                                           for kind, (name, meaning) in KINDS.items())
            + '<span><mark class="matched values-differ">wavy underline</mark> matched, but a value differs</span>'
            + "</p><p class=\"counts\">Hover a mark for its label, text and differing values.</p>")


def _documents(pairing: Pairing, texts: dict[str, str | None], per_document: list[dict]) -> list[str]:
    """One folded section per document; those with misses, false alarms or wrong values first, open."""
    value_errors = {doc["doc_id"]: doc["value_errors"] for doc in per_document}
    sections = []
    for doc_id, gold, pred in zip(pairing.doc_ids, pairing.gold, pairing.pred):
        marks = document_marks(gold, pred, value_errors.get(doc_id, []))
        kinds = Counter(m.kind for m in marks)
        kinds["values-differ"] = sum(m.values_differ for m in marks)
        sections.append((kinds["missed"] + kinds["false-alarm"] + kinds["values-differ"], doc_id, marks, kinds))
    sections.sort(key=lambda s: -s[0])                 # stable: gold order within equal error counts
    return [_document(doc_id, marks, kinds, texts.get(doc_id), errors > 0)
            for errors, doc_id, marks, kinds in sections]


def _document(doc_id: str, marks: list[Mark], kinds: Counter, text: str | None, is_open: bool) -> str:
    counts = ", ".join([f"{kinds[kind]} {name}" for kind, (name, _) in KINDS.items()]
                       + [f"{kinds['values-differ']} with a value differing"] * bool(kinds["values-differ"]))
    summary = f'<summary><b>{escape(doc_id)}</b> <span class="counts">{counts}</span></summary>'
    if text is None:
        body = ('<p class="none">The text is not available (not inline in the gold, not in the corpus, '
                'or changed since the gold was written); the marks:</p><ul>'
                + "".join(f'<li><mark class="{m.kind}">{KINDS[m.kind][0]}</mark> {escape(m.label)} '
                          f'{m.start}–{m.end}: {escape(m.note)}</li>' for m in marks) + "</ul>")
    elif not marks:
        body = f'<p class="none">No gold or predicted spans.</p><div class="text">{escape(text)}</div>'
    else:
        body = f'<div class="text">{highlight(text, marks)}</div>'
    return f"<details{' open' if is_open else ''}>{summary}{body}</details>"
