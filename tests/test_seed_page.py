"""The seed article as a web page (issue 17, item 6): ``corpus/`` holds it twice, as the plain text
and as a page written around it (header, menu, byline, "Baca juga" block, related links, comments,
footer). Both are extracted by ``make run``; the page's spans are the plain text's, minus the footer,
whose copyright line is page furniture."""
import json

import pytest

from warta.batch.runner import RunOptions, run
from warta.paths import corpus_dir

SEED_ID = "ai-tiongkok-600-juta-pengguna"
PAGE_ID = "ai-tiongkok-600-juta-pengguna-web"


def comparable(span: dict) -> tuple:
    """A span without its offsets: the page's body starts elsewhere in its own text."""
    return tuple(sorted((key, json.dumps(value)) for key, value in span.items() if key not in ("start", "end")))


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("corpus-run")
    summary = run([str(corpus_dir())], out, RunOptions(), progress=False)
    assert summary["documents"] == 2 and summary["ok"] == 2, summary
    with (out / "documents.jsonl").open(encoding="utf-8") as handle:
        return {record["doc_id"]: record for record in map(json.loads, handle)}


def test_the_corpus_holds_the_seed_as_text_and_as_a_page(records):
    assert {SEED_ID, PAGE_ID} <= set(records)
    assert records[SEED_ID]["status"] == records[PAGE_ID]["status"] == "ok"


def test_the_pages_spans_are_the_plain_texts_minus_the_footer(records):
    plain, page = records[SEED_ID], records[PAGE_ID]
    footer_start = max(start for start, _, kind in plain["boilerplate"] if kind == "copyright")
    assert all(span["end"] <= footer_start for span in plain["spans"]), "no span from the footer"
    assert [comparable(s) for s in page["spans"]] == [comparable(s) for s in plain["spans"]]
    assert len(page["spans"]) >= 20


def test_the_footer_is_furniture_in_the_plain_text_and_gives_no_organisation(records):
    plain = records[SEED_ID]
    text = (corpus_dir() / "docs" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    footer = text.rstrip("\n").rsplit("\n", 1)[1]
    kinds = {kind for start, end, kind in plain["boilerplate"] if text[start:end].strip() == footer}
    assert kinds == {"copyright"}
    assert not [s for s in plain["spans"] if s["label"] == "ORG" and s["start"] >= text.rindex(footer)]


def test_the_page_gives_its_metadata(records):
    page = records[PAGE_ID]
    assert page["published"] == "2024-10-14T10:15:00+07:00" and page["published_source"] == "html"
    assert page["url"].endswith("/ai-tiongkok-600-juta-pengguna") and page["site_name"]
    assert page["title"] and "600 Juta" in page["title"]


def test_warta_show_renders_the_page_with_its_date_and_the_plain_text_with_its_furniture(tmp_path):
    from warta.cli import main

    assert main(["-q", "show", str(corpus_dir() / "docs" / f"{SEED_ID}.html"), "-o", str(tmp_path / "page.html")]) == 0
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "2024-10-14T10:15:00+07:00" in page and "FIGURE" in page and "Baca juga" not in page
    assert main(["-q", "show", str(corpus_dir() / "docs" / f"{SEED_ID}.txt"), "-o", str(tmp_path / "text.html")]) == 0
    assert "furniture: copyright" in (tmp_path / "text.html").read_text(encoding="utf-8")
