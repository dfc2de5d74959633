"""Web inputs (issue 17): HTML pages, WARC files and RSS/Atom feeds read to documents.

The pages in tests/fixtures/web/ are written for these tests in the shape of Indonesian and English
news sites (menu, byline, dateline, "Baca juga" block, related links, comments, copyright footer);
``truth.json`` lists each page's article paragraphs and its furniture. WARC files are built here
with warcio (``warta.benchmarks.web.write_warc``); nothing is downloaded.
"""
import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from warta.batch.io import MALFORMED_FEED_WARNING, Columns, ReadReport, iter_inputs
from warta.batch.warc import WarcBreak, WarcPage, is_warc, iter_warc
from warta.batch.web import MAX_HTML_BYTES, decode_html, page_from_html
from warta.benchmarks.web import WarcEntry, write_warc

FIXTURES = Path(__file__).parent / "fixtures" / "web"
TRUTH = {name: entry for name, entry in json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8")).items()
         if not name.startswith("_")}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
CRAWLED = "2024-10-14T05:00:00Z"


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(*paths, report: ReadReport | None = None) -> list:
    return list(iter_inputs([str(p) for p in paths], Columns(), report))


def page_entries() -> list[WarcEntry]:
    """The four article pages and the empty one, as a crawler fetched them."""
    return [WarcEntry(f"https://news.example/{Path(name).stem}", raw(name), date=CRAWLED)
            for name in [*TRUTH, "empty-section.html"]]


# ---------------------------------------------------------------- HTML pages

@pytest.mark.parametrize("name", sorted(TRUTH))
def test_the_body_keeps_the_article_and_leaves_the_furniture_out(name):
    page = page_from_html(raw(name), name)
    lines = page.text.split("\n")
    for paragraph in TRUTH[name]["paragraphs"]:                  # every paragraph, each on its own line
        assert any(line.startswith(paragraph) for line in lines), paragraph
    leaked = [furniture for furniture in TRUTH[name]["furniture"] if furniture in page.text]
    assert not leaked
    assert lines[0].startswith(TRUTH[name]["paragraphs"][0])     # no headline, byline or menu before it
    assert page.error is None and page.status is None


def test_metadata_is_read_from_the_markup_raw():
    page = page_from_html(raw("id-ekonomi.html"), "id-ekonomi.html")
    assert page.title == "Harga Beras Premium Naik 3,5 Persen dalam Sebulan"
    assert page.url == "https://www.nusakini.example/ekonomi/2024/10/14/harga-beras-premium-naik"
    assert (page.site_name, page.authors, page.lang_hint) == ("NusaKini.com", ["Dewi Lestari Hapsari"], "id")
    assert page.meta_published == "2024-10-14T10:15:00+07:00"            # article:published_time, unparsed


def test_the_publication_date_falls_back_to_json_ld_then_time_element():
    english = page_from_html(raw("en-business.html"), "en-business.html", url="https://harbourledger.example/x")
    assert english.meta_published == "2024-03-05T14:30:00Z"              # JSON-LD datePublished (in a list)
    assert english.authors == ["Oliver Brennan"] and english.lang_hint == "en"
    assert english.url == "https://harbourledger.example/business/2024/03/05/port-operator-record-quarter"
    regional = page_from_html(raw("id-daerah.html"), "id-daerah.html")
    assert regional.meta_published == "2024-10-11T16:05:00+07:00"        # <time datetime>
    assert regional.lang_hint == "id" and regional.url is None           # og:locale id_ID; no URL on the page
    wire = page_from_html(raw("en-world.html"), "en-world.html")
    assert wire.meta_published == "20240219T063000+1000"                 # <meta name=pubdate>, as written
    assert wire.authors == ["Hannah Clarke", "Tom Ngata"]


def test_a_relative_canonical_link_without_a_base_is_no_url():
    assert page_from_html(raw("en-business.html"), "en-business.html").url is None


def test_a_declared_charset_is_trusted_only_when_it_decodes():
    cp1252 = raw("id-daerah.html")                              # declares windows-1252 in a <meta>
    assert "Pemilik Café Kalimas" in page_from_html(cp1252, "p").text
    lying = cp1252.replace(b"charset=windows-1252", b"charset=utf-8")   # é is not UTF-8: detected instead
    assert "Pemilik Café Kalimas" in page_from_html(lying, "p").text
    header = cp1252.replace(b"charset=windows-1252", b"")
    assert "Pemilik Café Kalimas" in page_from_html(header, "p", charset="windows-1252").text
    assert decode_html(b"\xef\xbb\xbf<html><p>Caf\xc3\xa9</p></html>") == "<html><p>Café</p></html>"
    assert decode_html("<p>Café</p>".encode("utf-16")) == "<p>Café</p>"          # a BOM, NUL bytes and all
    assert decode_html(b"<meta charset='latin-1'><p>\x93kutip\x94</p>").endswith("\u201ckutip\u201d</p>")


@pytest.mark.parametrize("payload, reason", [
    (PNG, "binary content served as HTML (PNG image)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content served as HTML (PDF document)"),
    (b"<html><body>\x00\x01\x02</body></html>", "binary content served as HTML (NUL bytes)"),
    (b"<html><body><p>" + bytes(range(128, 256)) * 12 + b"</p></body></html>", "undecodable bytes"),
])
def test_bytes_that_are_no_page_are_an_error_naming_the_file(payload, reason):
    page = page_from_html(payload, "crawl/page.html")
    assert page.text is None and page.error.startswith(f"crawl/page.html: {reason}")


def test_a_page_without_an_article_is_empty_with_its_reason():
    page = page_from_html(raw("empty-section.html"), "index.html")
    assert page.status == "empty" and page.text is None
    assert page.error.startswith("index.html: no article body found (") and page.title == "Indeks Berita Ekonomi"


# ---------------------------------------------------------------- files, folders, manifests

def test_a_page_file_is_one_document_with_its_metadata(tmp_path):
    shutil.copy(FIXTURES / "id-ekonomi.html", tmp_path / "beras.html")
    [doc] = read(tmp_path / "beras.html")
    assert (doc.doc_id, doc.source_format, doc.origin) == ("beras", "html", str(tmp_path / "beras.html"))
    assert doc.text.startswith("JAKARTA, NUSAKINI.com — Harga beras premium")
    assert (doc.url, doc.meta_published, doc.lang_hint) == (
        "https://www.nusakini.example/ekonomi/2024/10/14/harga-beras-premium-naik", "2024-10-14T10:15:00+07:00", "id")
    assert doc.published is None and doc.crawl_time is None and doc.lang is None


def test_a_page_over_the_size_limit_is_an_error_naming_its_size(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>kata</p>" * (MAX_HTML_BYTES // 11 + 1) + b"</body></html>")
    [doc] = read(big)
    assert doc.text is None and f"page of {big.stat().st_size:,} bytes is over the" in doc.error
    assert doc.error.startswith(f"{big}: ")


def test_empty_binary_and_undecodable_pages_are_records_of_their_own(tmp_path):
    shutil.copy(FIXTURES / "empty-section.html", tmp_path / "a-index.html")
    (tmp_path / "b-logo.html").write_bytes(PNG)
    (tmp_path / "c-noise.htm").write_bytes(b"<html><body><p>" + bytes(range(128, 256)) * 12 + b"</p></body></html>")
    (tmp_path / "d-ok.html.gz").write_bytes(gzip.compress(raw("en-world.html")))
    docs = read(tmp_path)
    assert [d.doc_id for d in docs] == ["a-index", "b-logo", "c-noise", "d-ok"]
    assert docs[0].status == "empty" and "no article body found" in docs[0].error
    assert "binary content served as HTML" in docs[1].error and "undecodable bytes" in docs[2].error
    assert docs[3].error is None and docs[3].text.startswith("CAIRNS, Australia")


def test_a_manifest_may_list_web_pages(tmp_path):
    shutil.copy(FIXTURES / "id-daerah.html", tmp_path / "kalimas.html")
    (tmp_path / "plain.txt").write_text("Teks biasa.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"doc_id": "web", "path": "kalimas.html", "lang": "id", "published": "2024-10-11 16:05 WIB"}) + "\n"
        + json.dumps({"doc_id": "txt", "path": "plain.txt", "title": "Judul"}) + "\n", encoding="utf-8")
    web, txt = read(tmp_path)
    assert (web.doc_id, web.source_format, web.lang) == ("web", "html", "id")
    assert web.title == "Kafe Tepi Sungai Kalimas Jadi Tujuan Wisata Baru"      # the page's, the manifest has none
    assert (web.published, web.published_field) == ("2024-10-11", "2024-10-11 16:05 WIB")
    assert web.text.startswith("SURABAYA, KABARJATIM.id")
    assert (txt.doc_id, txt.text, txt.title, txt.source_format) == ("txt", "Teks biasa.", "Judul", "text")


def test_the_published_field_is_also_kept_whole(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j", "text": "Teks.", "published": " Senin, 14/10/2024 10:15 WIB "})
                                      + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text,published\nc,Teks.,2024-10-14T10:15:00+07:00\n", encoding="utf-8")
    j, c = read(tmp_path)
    assert (j.published, j.published_field, j.source_format) == (" Senin, 14", "Senin, 14/10/2024 10:15 WIB", "jsonl")
    assert (c.published, c.published_field, c.source_format) == ("2024-10-14", "2024-10-14T10:15:00+07:00", "csv")


# ---------------------------------------------------------------- WARC

def build_warc(path: Path, compress: bool = True) -> Path:
    """The pages with a request before each response, a warcinfo record, an image and a 404."""
    entries = page_entries()
    entries.insert(2, WarcEntry("https://news.example/logo.png", PNG, "image/png", date=CRAWLED))
    entries.insert(3, WarcEntry("https://news.example/hilang", raw("empty-section.html"), status="404 Not Found"))
    entries.append(WarcEntry("https://news.example/id-ekonomi", raw("id-ekonomi.html"), date="2024-10-15T05:00:00Z"))
    return write_warc(path, entries, compress=compress)


@pytest.mark.parametrize("compress", [True, False])
def test_each_html_response_of_a_warc_is_a_document_and_the_rest_is_counted(tmp_path, compress):
    path = build_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress)
    report = ReadReport()
    docs = read(path, report=report)
    stems = [Path(name).stem for name in TRUTH]
    assert [d.doc_id for d in docs[:5]] == [f"https://news.example/{stem}" for stem in [*stems, "empty-section"]]
    assert docs[5].doc_id == f"https://news.example/id-ekonomi@{docs[5].offset}"   # the same URI crawled again
    assert len(docs) == 6
    assert report.skipped == Counter({"WARC record not HTML (request)": 8, "WARC record not HTML (warcinfo)": 1,
                                      "WARC record not HTML (image/png)": 1, "WARC response not 2xx (HTTP 404)": 1})
    first = docs[0]
    assert (first.source_format, first.crawl_time, first.url) == ("warc", CRAWLED, "https://news.example/id-ekonomi")
    assert first.meta_published == "2024-10-14T10:15:00+07:00" and first.site_name == "NusaKini.com"
    assert first.origin == f"{path}:{first.offset}" and first.offset > 0
    for doc, name in zip(docs, TRUTH):
        assert doc.error is None and doc.text == page_from_html(raw(name), name).text
    assert docs[4].status == "empty" and docs[4].error.startswith(f"{path}:{docs[4].offset}: no article body found")
    assert docs[5].crawl_time == "2024-10-15T05:00:00Z"
    offsets = [d.offset for d in docs]
    assert offsets == sorted(offsets) and len(set(offsets)) == 6


def test_a_warc_payload_is_decoded_with_the_charset_of_its_http_headers(tmp_path):
    page = raw("id-daerah.html").replace(b"charset=windows-1252", b"")
    path = write_warc(tmp_path / "c.warc.gz", [WarcEntry("https://kabarjatim.example/k", page,
                                                         "text/html; charset=windows-1252")])
    [doc] = read(path)
    assert "Pemilik Café Kalimas" in doc.text


def test_a_truncated_warc_keeps_the_records_before_the_break_then_one_error(tmp_path):
    whole = build_warc(tmp_path / "whole.warc.gz")
    complete = read(whole)
    cut_at = complete[3].offset + 200                          # inside the fourth page's gzip member
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(whole.read_bytes()[:cut_at])
    docs = read(broken)
    assert [d.doc_id for d in docs[:3]] == [d.doc_id for d in complete[:3]] and all(d.text for d in docs[:3])
    assert len(docs) == 4
    assert docs[3].error == f"{broken}: truncated WARC at byte {complete[3].offset} (records before it were read)"
    assert docs[3].doc_id == f"broken#{complete[3].offset}"


def test_a_warc_cut_inside_record_headers_is_truncated_too(tmp_path):
    whole = build_warc(tmp_path / "whole.warc", compress=False)
    complete = read(whole)
    broken = tmp_path / "broken.warc"
    broken.write_bytes(whole.read_bytes()[:complete[1].offset + 40])     # within the WARC header lines
    docs = read(broken)
    assert [d.doc_id for d in docs[:1]] == [complete[0].doc_id]
    assert docs[-1].error == f"{broken}: truncated WARC at byte {complete[1].offset} (records before it were read)"


def test_a_page_over_the_size_limit_inside_a_warc_is_an_error_and_reading_goes_on(tmp_path):
    big = b"<html><body>" + b"<p>kata</p>" * (MAX_HTML_BYTES // 11 + 1) + b"</body></html>"
    path = write_warc(tmp_path / "big.warc.gz", [("https://a.example/big", big),
                                                 ("https://a.example/ok", raw("en-world.html"))])
    big_doc, ok = read(path)
    assert big_doc.text is None and f"page of {len(big):,} bytes is over the" in big_doc.error
    assert ok.error is None and ok.text.startswith("CAIRNS")


def test_a_warc_that_holds_no_page_is_one_error_record(tmp_path):
    path = write_warc(tmp_path / "images.warc.gz", [WarcEntry("https://a.example/x.png", PNG, "image/png")])
    report = ReadReport()
    [doc] = read(path, report=report)
    assert doc.error == f"{path}: no documents in the file (empty)"
    assert report.skipped["WARC record not HTML (image/png)"] == 1


# ---------------------------------------------------------------- feeds

def test_rss_items_are_documents_with_full_content():
    docs = read(FIXTURES / "nusakini-ekonomi.rss")
    assert [d.doc_id for d in docs] == ["nusakini-ekonomi-20241014-0001", "nusakini-ekonomi-20241013-0042",
                                        "https://www.nusakini.example/ekonomi/2024/10/12/rupiah-menguat"]
    first, second, third = docs
    assert first.text.split("\n")[1].startswith("Rata-rata harga beras premium") and not first.partial
    assert (first.meta_published, first.authors, first.lang_hint) == ("Mon, 14 Oct 2024 10:15:00 +0700",
                                                                      ["Dewi Lestari Hapsari"], "id")
    assert first.url == "https://www.nusakini.example/ekonomi/2024/10/14/harga-beras-premium-naik"
    assert (first.source_format, first.offset, first.origin) == ("feed", 0, f"{FIXTURES / 'nusakini-ekonomi.rss'}:0")
    assert "Lamhot Sitorus" in second.text and not second.partial
    assert third.partial and third.text.startswith("Nilai tukar rupiah ditutup menguat 0,4 persen")   # summary only


def test_atom_entries_with_a_summary_only_are_partial():
    first, second = read(FIXTURES / "harbour-ledger-business.atom")
    assert first.partial and second.partial
    assert first.text == ("Eastgate Ports reported a record fourth-quarter profit of £212 million on Tuesday, "
                          "up 18% from a year earlier.")
    assert (first.meta_published, second.meta_published) == ("2024-03-05T14:30:00Z", "2024-03-04T09:10:00Z")
    assert first.doc_id == "tag:harbourledger.example,2024-03-05:/business/port-operator-record-quarter"
    assert second.authors == ["Amira Shah"] and first.site_name == "The Harbour Ledger - Business"


def test_a_malformed_feed_is_one_error_and_a_damaged_one_is_read_with_a_warning(tmp_path):
    (tmp_path / "broken.rss").write_bytes(b"<?xml version='1.0'?>\n<rss version='2.0'><<channel>")
    damaged = raw("nusakini-ekonomi.rss").replace(b"</channel>\n</rss>", b"")         # cut before its end
    (tmp_path / "damaged.xml").write_bytes(damaged)
    report = ReadReport()
    broken, *items = read(tmp_path / "broken.rss", tmp_path / "damaged.xml", report=report)
    assert broken.doc_id == "broken" and broken.error.startswith(f"{tmp_path / 'broken.rss'}: malformed feed (")
    assert len(items) == 3 and all(item.text for item in items)
    assert report.warnings[MALFORMED_FEED_WARNING] == 1


# ---------------------------------------------------------------- recognised by content

def test_files_without_a_telling_extension_are_recognised_by_their_first_bytes(tmp_path):
    build_warc(tmp_path / "a-crawl")                                   # gzip whose first member is a WARC record
    shutil.copy(FIXTURES / "harbour-ledger-business.atom", tmp_path / "b-feed")
    shutil.copy(FIXTURES / "en-world.html", tmp_path / "c-page.dat")
    (tmp_path / "d-notes").write_text("not an input", encoding="utf-8")
    report = ReadReport()
    docs = read(tmp_path, report=report)
    assert Counter(d.source_format for d in docs) == Counter({"warc": 6, "feed": 2, "html": 1})
    assert docs[-1].doc_id == "c-page" and docs[-1].text.startswith("CAIRNS")
    assert report.skipped["unsupported file type"] == 1
    named = read(tmp_path / "b-feed")                                # a file named on the command line too
    assert [d.source_format for d in named] == ["feed", "feed"] and named[0].partial
    assert is_warc(gzip.compress(b"WARC/1.1\r\n")) and not is_warc(gzip.compress(b"<html>"))


def test_a_folder_of_every_web_input_reads_in_a_stable_order(tmp_path):
    for name in [*TRUTH, "empty-section.html", "nusakini-ekonomi.rss", "harbour-ledger-business.atom"]:
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "crawl").mkdir()
    build_warc(tmp_path / "crawl" / "2024-10-14.warc.gz")
    ids = [d.doc_id for d in read(tmp_path)]
    assert ids == [
        "https://news.example/id-ekonomi", "https://news.example/id-daerah", "https://news.example/en-business",
        "https://news.example/en-world", "https://news.example/empty-section", ids[5],
        "empty-section", "en-business", "en-world",
        "tag:harbourledger.example,2024-03-05:/business/port-operator-record-quarter",
        "tag:harbourledger.example,2024-03-04:/business/budget-airline-routes",
        "id-daerah", "id-ekonomi",
        "nusakini-ekonomi-20241014-0001", "nusakini-ekonomi-20241013-0042",
        "https://www.nusakini.example/ekonomi/2024/10/12/rupiah-menguat"]
    assert ids[5].startswith("https://news.example/id-ekonomi@")
    assert [d.doc_id for d in read(tmp_path)] == ids


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_cut_at_any_byte_loses_no_record_silently(tmp_path, compress):
    """Every cut that loses a page ends in a break at the cut record's first byte; pages before it
    are whole. Undetectable: a cut exactly between two records. A cut in the last bytes of a gzip
    member, where the record's content is already whole, is a break too: what followed is lost."""
    whole = write_warc(tmp_path / "w", [(f"https://a.example/{i}", raw("en-world.html")) for i in range(2)],
                       compress=compress, requests=False)
    items = list(iter_warc(whole, MAX_HTML_BYTES))
    starts = [item.offset for item in items]
    ends = starts[1:] + [whole.stat().st_size]
    data = whole.read_bytes()
    cut_path = tmp_path / "cut"
    for cut in range(1, len(data), 7):
        cut_path.write_bytes(data[:cut])
        found = list(iter_warc(cut_path, MAX_HTML_BYTES))
        pages = [item for item in found if isinstance(item, WarcPage)]
        breaks = [item for item in found if isinstance(item, WarcBreak)]
        assert all(page.payload == raw("en-world.html") for page in pages), cut
        assert len(breaks) <= 1 and all(b.offset in starts for b in breaks), cut
        if len(pages) < 2 and not breaks:
            assert cut in ends, cut
