"""displaCy rendering of one extracted document: names, figures and dates highlighted,
with the figure's value and the date's ISO value in the label; page furniture (the record's
``boilerplate`` ranges, where no span may lie) greyed with its kind. Quotes contain other spans,
which displaCy cannot nest: they are listed under the text with their speaker, role and cue."""
from __future__ import annotations

from html import escape

from spacy import displacy

LABEL_COLOURS = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "PLACE": "#feca74", "EVENT": "#ffeb80",
                 "FIGURE": "#e4e7d2", "DATE": "#bfe1d9", "TIME": "#bfe1d9"}
FURNITURE_COLOUR = "#e6e6e6"
QUOTE = "QUOTE"
QUOTE_COLOUR = "#fde2e4"
QUOTE_STYLE = "font-family: -apple-system, sans-serif; max-width: 60em; margin: 1em 2em"


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
    quotes = [s for s in record.get("spans", []) if s["label"] == QUOTE]
    if not quotes:
        return page
    items = "".join(f"<li>{_quote_line(text, q)}</li>" for q in quotes)
    listing = f'<h3 style="{QUOTE_STYLE}">Quotes</h3><ol style="{QUOTE_STYLE}">{items}</ol>'
    return page.replace("</body>", listing + "</body>", 1)


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
