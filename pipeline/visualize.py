"""displaCy rendering of one extracted document: names, figures and dates highlighted,
with the figure's value and the date's ISO value in the label; page furniture (the record's
``boilerplate`` ranges, where no span may lie) greyed with its kind. Quotes contain other spans,
which the entity view cannot nest: a second view (displaCy's ``span`` style, which stacks
overlapping spans) draws each quote, its speaker mention and its cue labelled with the quote's
number ("QUOTE 1", "SPEAKER 1", "CUE 1"), and each attributed figure or date with "→ <speaker>";
the quotes are also listed under the text with their speaker, role and cue."""
from __future__ import annotations

import re
from bisect import bisect_left
from html import escape

from spacy import displacy

LABEL_COLOURS = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "PLACE": "#feca74", "EVENT": "#ffeb80",
                 "FIGURE": "#e4e7d2", "DATE": "#bfe1d9", "TIME": "#bfe1d9"}
FURNITURE_COLOUR = "#e6e6e6"
QUOTE = "QUOTE"
QUOTE_COLOUR = "#fde2e4"
QUOTE_STYLE = "font-family: -apple-system, sans-serif; max-width: 60em; margin: 1em 2em"
# the colours of the quote view, by the label's first word
CLAIM_COLOURS = {"QUOTE": "#f4a6b0", "SPEAKER": "#aa9cfc", "CUE": "#f7c948", "FIGURE": "#9cc08c", "DATE": "#7fc4b4"}
ATTRIBUTED = ("FIGURE", "DATE")
WORD = re.compile(r"\S+")


def span_label(span: dict) -> str:
    """The label shown above a span: label plus its normalised value."""
    label = span["label"]
    if label == "FIGURE" and span.get("value") is not None:
        value = f"{span['value']:,}" + (f"–{span['value_max']:,}" if span.get("value_max") is not None else "")
        qualifier = span.get("qualifier", "=")
        unit = f" {span['unit']}" if span.get("unit") else ""
        return f"FIGURE {'' if qualifier == '=' else qualifier}{value}{unit}"
    if label in ("DATE", "TIME"):
        return f"{label} {span.get('value') or '?'}"
    return label


def _non_overlapping(spans: list[dict]) -> list[dict]:
    # displaCy's entity view cannot nest spans: keep the longest of overlapping ones.
    chosen: list[dict] = []
    for span in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if not chosen or span["start"] >= chosen[-1]["end"]:
            chosen.append(span)
    return chosen


def render_html(text: str, record: dict) -> str:
    """A page showing ``text`` with the record's spans. displaCy escapes the text but puts labels
    and the title into the page as they are: those come from the input (a title, a unit, a
    name), so they are escaped here."""
    furniture = [{"start": start, "end": end, "label": f"furniture: {kind}"}
                 for start, end, kind in record.get("boilerplate") or ()]
    spans = _non_overlapping([s for s in record.get("spans", []) if s["label"] != QUOTE] + furniture)
    ents = [{"start": s["start"], "end": s["end"], "label": escape(span_label(s))} for s in spans]
    colours = {escape(span_label(s)): LABEL_COLOURS.get(s["label"], FURNITURE_COLOUR) for s in spans}
    title = record.get("title") or record["doc_id"]
    published = f", {record['published']}" if record.get("published") else ""
    data = {"text": text, "ents": ents, "title": escape(f"{title} ({record.get('lang')}{published})")}
    page = displacy.render(data, style="ent", manual=True, page=True, minify=False, options={"colors": colours})
    quotes = sorted((s for s in record.get("spans", []) if s["label"] == QUOTE), key=lambda s: (s["start"], s["end"]))
    if not quotes:
        return page
    items = "".join(f"<li>{_quote_line(text, q)}</li>" for q in quotes)
    listing = f'<h3 style="{QUOTE_STYLE}">Quotes</h3><ol style="{QUOTE_STYLE}">{items}</ol>'
    return page.replace("</body>", _quote_view(text, quotes, record.get("spans", [])) + listing + "</body>", 1)


def claim_spans(text: str, quotes: list[dict], spans: list[dict]) -> list[dict]:
    """The spans of the quote view, as ``{"start", "end", "label"}`` character spans (labels not
    yet escaped): per quote (numbered from 1 in text order) the quote, its speaker mention and its
    cue; a speaker or cue shared by several quotes (a quote split by its cue) is one span naming
    them all; each FIGURE or DATE with ``attributed_to`` is drawn with "→ <speaker>"."""
    shared: dict[tuple[str, int, int], list[str]] = {}
    drawn = []
    for number, quote in enumerate(quotes, 1):
        drawn.append({"start": quote["start"], "end": quote["end"], "label": f"{QUOTE} {number}"})
        for kind, field in (("SPEAKER", "speaker"), ("CUE", "cue")):
            if quote.get(field):
                start, end = quote[field]
                shared.setdefault((kind, start, end), []).append(str(number))
    drawn += [{"start": start, "end": end, "label": f"{kind} {', '.join(numbers)}"}
              for (kind, start, end), numbers in shared.items()]
    drawn += [{"start": s["start"], "end": s["end"], "label": f"{s['label']} \u2192 {s['attributed_to']}"}
              for s in spans if s["label"] in ATTRIBUTED and s.get("attributed_to")]
    return [s for s in drawn if 0 <= s["start"] < s["end"] <= len(text) and text[s["start"]:s["end"]].strip()]


def _quote_view(text: str, quotes: list[dict], spans: list[dict]) -> str:
    """displaCy's span view of the quotes: the text cut into words at every span boundary, so
    that each span covers whole tokens."""
    drawn = claim_spans(text, quotes, spans)
    tokens, starts = _tokens_at(text, {offset for s in drawn for offset in (s["start"], s["end"])})
    view_spans, colours = [], {}
    for span in drawn:
        label = escape(span["label"])
        colours[label] = CLAIM_COLOURS[span["label"].split(" ", 1)[0]]
        view_spans.append({"start_token": bisect_left(starts, span["start"]),
                           "end_token": bisect_left(starts, span["end"]), "label": label})
    data = {"text": text, "tokens": tokens, "spans": view_spans, "title": "Quotes and speakers"}
    return displacy.render(data, style="span", manual=True, page=False, minify=False, options={"colors": colours})


def _tokens_at(text: str, boundaries: set[int]) -> tuple[list[str], list[int]]:
    """The words of ``text``, also cut at each offset of ``boundaries``, and their start offsets."""
    tokens, starts = [], []
    cuts = sorted(boundaries)
    for match in WORD.finditer(text):
        start = match.start()
        first = bisect_left(cuts, match.start() + 1)
        for cut in cuts[first:bisect_left(cuts, match.end())]:
            tokens.append(text[start:cut])
            starts.append(start)
            start = cut
        tokens.append(text[start:match.end()])
        starts.append(start)
    return tokens, starts


def _quote_line(text: str, quote: dict) -> str:
    """One quote as a list item: the quote, then who said it (speaker, canonical name, role) and the cue."""
    def written(field):
        offsets = quote.get(field)
        return text[offsets[0]:offsets[1]] if offsets else None
    speaker = written("speaker")
    who = escape(speaker) if speaker else "<i>no speaker</i>"
    if quote.get("speaker_canonical") and quote["speaker_canonical"] != speaker:
        who += f" ({escape(quote['speaker_canonical'])})"
    if quote.get("speaker_role"):
        who += f", {escape(quote['speaker_role'])}"
    cue = written("cue")
    said = f" &middot; cue <b>{escape(cue)}</b>" if cue else ""
    return (f'<mark style="background:{QUOTE_COLOUR}">\u201c{escape(text[quote["start"]:quote["end"]])}\u201d</mark>'
            f" &mdash; {who}{said}")
