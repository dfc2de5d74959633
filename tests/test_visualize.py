"""`warta show`: the quote view (quotes, speakers, cues and attributed figures drawn in the text)."""
from __future__ import annotations

import re

from warta.records import make_doc_record, make_span
from warta.visualize import claim_spans, render_html

TEXT = '"Harga naik 5 persen," kata Budi <b>. "Kami siap," katanya. Ani pulang.'


def quote_record(speaker_name: str = "Budi Santoso") -> dict:
    spans = [make_span(1, 21, "QUOTE", TEXT[1:21], speaker=[28, 32], speaker_canonical=speaker_name,
                       cue=[23, 27]),
             make_span(39, 49, "QUOTE", TEXT[39:49], speaker=[28, 32], speaker_canonical=speaker_name,
                       cue=[51, 58]),
             make_span(12, 20, "FIGURE", "5 persen", value=5, unit="%", qualifier="=",
                       attributed_to=speaker_name),
             make_span(61, 64, "PERSON", "Ani")]
    return make_doc_record("q", TEXT, lang="id", spans=spans)


def labels_drawn(page: str) -> list[str]:
    """The labels of the quote view's spans, in the order displaCy writes them."""
    view = page.split("Quotes and speakers", 1)[1]
    return [label.strip() for label in re.findall(r"font-size: 0\.6em[^>]*>([^<]*)<", view)]


def test_the_quote_view_draws_numbered_quotes_speakers_cues_and_attributed_figures():
    page = render_html(TEXT, quote_record())
    drawn = labels_drawn(page)
    assert drawn.count("QUOTE 1") == 1 and drawn.count("QUOTE 2") == 1
    # one speaker for a quote split by its cue: one span naming both quotes; each quote its own cue
    assert "SPEAKER 1, 2" in drawn and "CUE 1" in drawn and "CUE 2" in drawn
    assert "FIGURE \u2192 Budi Santoso" in drawn
    assert "PERSON" not in drawn                      # names stay in the entity view above
    assert page.index("FIGURE 5 %") < page.index("Quotes and speakers") < page.index("<h3")


def test_quote_view_spans_cover_the_right_words():
    record = quote_record()
    quotes = [s for s in record["spans"] if s["label"] == "QUOTE"]
    by_label = {s["label"]: TEXT[s["start"]:s["end"]] for s in claim_spans(TEXT, quotes, record["spans"])}
    assert by_label == {"QUOTE 1": "Harga naik 5 persen,", "QUOTE 2": "Kami siap,", "SPEAKER 1, 2": "Budi",
                        "CUE 1": "kata", "CUE 2": "katanya", "FIGURE \u2192 Budi Santoso": "5 persen"}


def test_labels_from_the_input_are_escaped_in_the_quote_view():
    page = render_html(TEXT, quote_record(speaker_name="<img src=x onerror=alert(1)>"))
    assert "<img" not in page and "FIGURE \u2192 &lt;img src=x onerror=alert(1)&gt;" in page
    view = page[page.index("Quotes and speakers"):page.index("<h3")]
    assert "<b>" not in view and "&lt;b&gt;" in view      # the text itself, as displaCy escapes it


def test_a_record_without_quotes_renders_as_the_entity_view_alone():
    record = quote_record()
    plain = make_doc_record("q", TEXT, lang="id", spans=[s for s in record["spans"] if s["label"] != "QUOTE"])
    page, with_quotes = render_html(TEXT, plain), render_html(TEXT, record)
    assert "Quotes and speakers" not in page and "QUOTE" not in page
    # the entity view is the same page; the quote view and the list come after it
    assert with_quotes.startswith(page[:page.index("</body>")])


def test_warta_show_draws_the_quote_view_of_a_text_file(tmp_path):
    from warta.cli import main
    source = tmp_path / "news.txt"
    source.write_text('"We will not raise rates this year," Finance Minister Anna Berg told reporters on Tuesday.\n',
                      encoding="utf-8")
    out = tmp_path / "news.html"
    assert main(["show", str(source), "-o", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    drawn = labels_drawn(page)
    assert "QUOTE 1" in drawn and "CUE 1" in drawn and "SPEAKER 1" in drawn
    assert page.index("Quotes and speakers") < page.index("<h3")       # the list stays under the view
