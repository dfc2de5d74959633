"""``warta evaluate --html``: the report page on a small hand-made gold/prediction pair."""
import json
from collections import Counter
from html.parser import HTMLParser

import pytest

from warta.cli import main
from warta.evaluation.report import Mark, confusion_counts, document_texts, highlight, render_report
from warta.evaluation.spans import evaluate, pair_documents
from warta.records import make_span, text_sha256

TEXT = "Ani Sari bekerja di Bank Rakyat. 5 orang datang ke Medan."
# offsets: Ani Sari 0-8, Bank Rakyat 20-31, "5" 33-34, datang 41-47, Medan 51-56


def record(spans, doc_id="d1", text=TEXT):
    return {"doc_id": doc_id, "text": text, "text_sha256": text_sha256(text), "spans": spans}


GOLD = record([make_span(0, 8, "PERSON", "Ani Sari"),
               make_span(20, 31, "ORG", "Bank Rakyat"),
               make_span(33, 34, "FIGURE", "5", value=5, unit="orang", qualifier="="),
               make_span(51, 56, "PLACE", "Medan")])
PRED = record([make_span(0, 8, "PERSON", "Ani Sari"),                     # matched
               make_span(20, 31, "PLACE", "Bank Rakyat"),                 # wrong label: ORG read as PLACE
               make_span(33, 34, "FIGURE", "5", value=6, unit="orang"),    # matched, value differs
               make_span(41, 47, "ORG", "datang")])                       # false alarm; Medan is missed


class Tables(HTMLParser):
    """The page's tables as {class: [[cell text, ...] per row]}."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self.current, self.cell = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = self.tables.setdefault(dict(attrs).get("class"), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.current[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


@pytest.fixture(scope="module")
def page():
    return render_report(evaluate([GOLD], [PRED]), [GOLD], [PRED])


def test_each_label_has_its_scores_row(page):
    rows = {row[0]: row for row in Tables(page).tables["scores"][1:]}
    assert set(rows) == {"PERSON", "ORG", "FIGURE", "PLACE", "micro", "macro"}
    # PLACE: 1 gold (Medan), 1 prediction (the wrong-label Bank Rakyat), none right
    assert rows["PLACE"][1:4] == ["0.000", "0.000", "0.000"] and rows["PLACE"][7:] == ["1", "1"]
    assert rows["PERSON"][1:4] == ["1.000", "1.000", "1.000"]


def test_value_accuracy_row(page):
    rows = {row[0]: row for row in Tables(page).tables["values"][1:]}
    assert rows["FIGURE"][1] == "1" and "value 0.000" in rows["FIGURE"][2] and "unit 1.000" in rows["FIGURE"][2]


def test_confusion_counts_equal_the_hand_count():
    expected = Counter({("PERSON", "PERSON"): 1, ("FIGURE", "FIGURE"): 1, ("ORG", "PLACE"): 1,
                        ("PLACE", "missed"): 1, ("spurious", "ORG"): 1})
    assert confusion_counts(pair_documents([GOLD], [PRED])) == expected


def test_confusion_table_on_the_page(page):
    header, *rows = Tables(page).tables["confusion"]
    assert header == ["gold \\ predicted", "FIGURE", "ORG", "PERSON", "PLACE", "missed"]
    table = {row[0]: dict(zip(header[1:], row[1:])) for row in rows}
    assert table["ORG"] == {"FIGURE": "0", "ORG": "0", "PERSON": "0", "PLACE": "1", "missed": "0"}
    assert table["PLACE"]["missed"] == "1" and table["spurious"]["ORG"] == "1" and table["spurious"]["missed"] == ""
    assert table["PERSON"]["PERSON"] == "1" and table["FIGURE"]["FIGURE"] == "1"


def test_missed_false_alarm_and_matched_are_marked(page):
    assert '<mark class="missed" title="missed PLACE &#x27;Medan&#x27;">Medan</mark>' in page
    assert '<mark class="false-alarm" title="false alarm ORG &#x27;datang&#x27;">datang</mark>' in page
    assert '<mark class="matched" title="PERSON gold &#x27;Ani Sari&#x27;">Ani Sari</mark>' in page
    # the wrong-label span is both a missed ORG and a false-alarm PLACE over the same stretch
    assert '<mark class="false-alarm missed"' in page
    assert '<mark class="matched values-differ" title="FIGURE gold &#x27;5&#x27;; value gold=5 pred=6">5</mark>' in page


def test_overlapping_marks_are_cut_at_each_boundary():
    marks = [Mark(0, 5, "matched", "ORG", "a"), Mark(3, 8, "false-alarm", "PLACE", "b")]
    html = highlight("abcdefgh!", marks)
    assert html == ('<mark class="matched" title="a">abc</mark>'
                    '<mark class="false-alarm matched" title="a | b">de</mark><sup class="tag matched">ORG</sup>'
                    '<mark class="false-alarm" title="b">fgh</mark><sup class="tag false-alarm">PLACE</sup>!')


def test_text_and_doc_id_are_escaped():
    text = "<script>alert(1)</script> Ani"
    hostile = {**record([make_span(26, 29, "PERSON", "Ani")], doc_id='<img src=x onerror="y">', text=text)}
    html = render_report(evaluate([hostile], [hostile]), [hostile], [hostile])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x" in html


def test_a_text_that_changed_is_not_highlighted(tmp_path):
    changed = {**GOLD, "text": TEXT + " more", "text_sha256": text_sha256(TEXT)}
    assert document_texts([changed]) == {"d1": None}
    assert document_texts([GOLD]) == {"d1": TEXT}
    html = render_report(evaluate([GOLD], [PRED]), [GOLD], [PRED], texts={"d1": None})
    assert "The text is not available" in html and "Medan" in html


def test_cli_writes_the_page_even_for_a_document_without_spans(tmp_path, capsys):
    empty = record([], doc_id="d2", text="Tidak ada apa-apa.")
    gold, pred, html = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "out" / "report.html"
    gold.write_text(json.dumps(GOLD) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(PRED) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred), "--html", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "<b>d2</b>" in page and "No gold or predicted spans." in page and "Tidak ada apa-apa." in page
    # the document with errors comes first and is open; the one without spans is folded
    assert page.index("<b>d1</b>") < page.index("<b>d2</b>") and "<details open><summary><b>d1</b>" in page


def test_cli_only_empty_documents(tmp_path):
    empty = record([], doc_id="d2", text="Tidak ada apa-apa.")
    gold, html = tmp_path / "gold.jsonl", tmp_path / "report.html"
    gold.write_text(json.dumps(empty) + "\n", encoding="utf-8")
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(gold), "--html", str(html)]) == 0
    assert "No gold or predicted spans." in html.read_text(encoding="utf-8")


def test_cli_unwritable_page_is_one_error_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    code = main(["-q", "evaluate", "--gold", str(gold), "--pred", str(gold), "--html", str(tmp_path / "file" / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("warta: error: cannot write")
