"""The ``warta diff`` report as one self-contained HTML page; changed spans are marked in their context.

Every piece of record content (ids, span texts, values, context) is HTML-escaped: the page shows
archive text, which may hold anything.
"""
from __future__ import annotations

from html import escape

from warta.evaluation.diff import KINDS, DiffReport, describe

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.context { font-family: ui-monospace, monospace; white-space: pre-wrap; margin: 0.2em 0 0.8em 1em; }
mark.old { background: #f8c9c9; text-decoration: line-through; }
mark.new { background: #c9f0c9; }
.side { color: #777; display: inline-block; width: 2.5em; }
"""


def render_html(report: DiffReport) -> str:
    """The whole page: summary, per-label counts, most changed documents, sampled changes."""
    parts = [f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>warta diff</title>"
             f"<style>{STYLE}</style></head><body>",
             f"<h1>warta diff</h1><p>{escape(report.old_path)} &rarr; {escape(report.new_path)}</p>",
             _documents_section(report)]
    if report.is_empty():
        parts.append("<p>No differences.</p>")
    else:
        parts += [_labels_table(report), _top_table(report), _samples_section(report)]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _documents_section(report: DiffReport) -> str:
    d = report.documents
    rows = "".join(f"<tr><td>{escape(name)}</td><td>{d[key]}</td></tr>" for key, name in (
        ("old", "in old run"), ("new", "in new run"), ("compared", "compared span by span"),
        ("changed", "with span changes"), ("only_old", "only in old run"), ("only_new", "only in new run"),
        ("text_changed", "text changed (not compared)"), ("status_changed", "status changed (not compared)")))
    lists = "".join(f"<p>{escape(kind.replace('_', ' '))}: {escape(', '.join(ids))}</p>"
                    for kind, ids in report.findings.items() if ids)
    return f"<h2>Documents</h2><table>{rows}</table>{lists}"


def _labels_table(report: DiffReport) -> str:
    head = "<tr><th>label</th><th>old</th><th>new</th>" + "".join(f"<th>{k}</th>" for k in KINDS) + \
           "<th>value fields</th></tr>"
    rows = []
    for label, row in report.per_label().items():
        fields = ", ".join(f"{f} {n}" for f, n in row["value_fields"].items())
        rows.append(f"<tr><td>{escape(label)}</td><td>{row['old_spans']}</td><td>{row['new_spans']}</td>"
                    + "".join(f"<td>{row[k]}</td>" for k in KINDS) + f"<td>{escape(fields)}</td></tr>")
    return f"<h2>Changes per label</h2><table>{head}{''.join(rows)}</table>"


def _top_table(report: DiffReport) -> str:
    rows = "".join(f"<tr><td>{escape(e['doc_id'])}</td><td>{e['changes']}</td>"
                   + "".join(f"<td>{e[k]}</td>" for k in KINDS) + "</tr>" for e in report.top_documents())
    head = "<tr><th>document</th><th>changes</th>" + "".join(f"<th>{k}</th>" for k in KINDS) + "</tr>"
    return f"<h2>Documents that changed most</h2><table>{head}{rows}</table>"


def _samples_section(report: DiffReport) -> str:
    parts = ["<h2>Sample of each kind of change</h2>"]
    for kind, entries in report.samples().items():
        if not entries:
            continue
        parts.append(f"<h3>{escape(kind)}</h3>")
        for sample in entries:
            parts.append(f"<div><strong>{escape(sample['doc_id'])}</strong> {escape(sample['label'])}: "
                         f"{escape(describe(sample))}</div>")
            parts += [_context_line(side, sample[f"{side}_context"], sample[side])
                      for side in ("old", "new") if sample[side] is not None]
    return "\n".join(parts)


def _context_line(side: str, around: dict | None, span: dict) -> str:
    """The span marked inside its context, or the span text alone when the run carries no text."""
    marked = f"<mark class=\"{side}\">{escape(str((around or span).get('span' if around else 'text', '')))}</mark>"
    if around:
        marked = f"{escape(around['before'])}{marked}{escape(around['after'])}"
    return f"<div class=\"context\"><span class=\"side\">{side}</span>{marked}</div>"
