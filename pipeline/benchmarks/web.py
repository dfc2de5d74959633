"""Web inputs measured: which library extracts article text, and which reads WARC files.

``python -m warta.benchmarks.web`` (``--json out/bench_web.json``) prints two tables:

* **extractors** on the hand-written pages of ``tests/fixtures/web/`` (their ``truth.json`` lists
  each page's article paragraphs, its furniture — menus, related links, comments, footers — and the
  furniture inside the article, "Baca juga" lines and photo credits, which is left to the boilerplate
  rules): body recall, furniture leaked, ms/page;
* **WARC readers** (warcio, Warta's reader on top of it, FastWARC when installed) over a WARC of
  ``--pages`` pages built by :func:`write_warc` from those pages grown to a real page's weight
  (:func:`weighted`): records/s and MB/s, beside the cost of extracting one such page, which is what
  a WARC run spends its time on;
* **end to end** (:func:`run_end_to_end`, issue 17's target): ``--articles`` distinct news articles
  made of the raw news sentences of ``../shared/data``, once as a WARC of web pages (menu, byline,
  related links, footer, a real page's weight) and once as JSONL of their article texts, each run
  by ``warta extract`` (one worker) in this process, one after the other: words/s of both, their
  ratio, and the share of the WARC run spent reading the pages (WARC, charset, trafilatura).

:func:`write_warc` is also how the tests build their WARC files.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta import paths
from warta.batch.warc import WarcPage, iter_warc
from warta.batch.web import MAX_HTML_BYTES, decode_html, page_from_html
from warta.benchmarks.speed import RAW_NEWS, best_of

FIXTURES = paths.REPO_ROOT / "tests" / "fixtures" / "web"
# jusText's stop-word lists are named by language; the pages' lang hints are Warta's codes
JUSTEXT_STOPLISTS = {"id": "Indonesian", "en": "English"}


@dataclass
class WarcEntry:
    """One response record to write: ``payload`` served as ``content_type`` with HTTP ``status``."""
    uri: str
    payload: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str | None = None          # WARC-Date; warcio's clock when None


def write_warc(path: str | Path, pages: Iterable[WarcEntry | tuple[str, bytes]], compress: bool = True,
               requests: bool = True) -> Path:
    """A WARC file as a crawler writes it: a warcinfo record, then for each page a request record
    (``requests``) and its response. Each gzip member holds one record, as the format asks."""
    path = Path(path)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warta.benchmarks.web"}))
        for page in pages:
            entry = page if isinstance(page, WarcEntry) else WarcEntry(*page)
            headers = {"WARC-Date": entry.date} if entry.date else None
            if requests:
                request = StatusAndHeaders(f"GET {entry.uri} HTTP/1.1", [("Host", "archive.invalid")], is_http_request=True)
                writer.write_record(writer.create_warc_record(entry.uri, "request", http_headers=request,
                                                              warc_headers_dict=headers))
            http = StatusAndHeaders(entry.status, [("Content-Type", entry.content_type),
                                                   ("Content-Length", str(len(entry.payload)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(entry.uri, "response", payload=io.BytesIO(entry.payload),
                                                          length=len(entry.payload), http_headers=http,
                                                          warc_headers_dict=headers))
    return path


def fixture_pages(folder: Path = FIXTURES) -> dict[str, dict]:
    """The fixture pages that have a truth entry: name → {"raw", "paragraphs", "furniture", "inline"}."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return {name: {**entry, "raw": (folder / name).read_bytes()} for name, entry in truth.items()
            if not name.startswith("_")}


def _norm(text: str) -> str:
    return " ".join(text.split())


def score_text(text: str, page: dict) -> dict:
    """Body recall and furniture kept, by whitespace-normalised substring match."""
    text = _norm(text or "")
    found = sum(_norm(p) in text for p in page["paragraphs"])
    leaked = sum(_norm(f) in text for f in page["furniture"])
    inline = sum(_norm(f) in text for f in page.get("inline", []))
    return {"paragraphs": len(page["paragraphs"]), "found": found, "furniture": len(page["furniture"]),
            "leaked": leaked, "inline": len(page.get("inline", [])), "inline_kept": inline}


def extractors() -> dict[str, Callable[[bytes], str]]:
    """The candidates, each from raw page bytes to text."""
    import justext
    import trafilatura

    def warta(raw: bytes) -> str:
        return page_from_html(raw, "bench").text or ""

    def trafilatura_default(raw: bytes) -> str:
        return trafilatura.extract(decode_html(raw), include_comments=False, include_tables=False) or ""

    def jus_text(raw: bytes) -> str:
        lang = page_from_html(raw, "bench").lang_hint or "en"
        paragraphs = justext.justext(decode_html(raw), justext.get_stoplist(JUSTEXT_STOPLISTS.get(lang, "English")))
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    def html2txt(raw: bytes) -> str:
        return trafilatura.html2txt(decode_html(raw)) or ""

    return {"trafilatura, Warta's settings (favor_precision)": warta,
            "trafilatura, default settings": trafilatura_default,
            "jusText 3 (language's stop list)": jus_text,
            "all visible text (trafilatura.html2txt)": html2txt}


def compare_extractors(folder: Path = FIXTURES, repeats: int = 5) -> list[dict]:
    """One row per extractor: recall, furniture leaked, inline furniture kept, ms/page."""
    pages = fixture_pages(folder)
    rows = []
    for name, extract in extractors().items():
        totals: dict[str, int] = {}
        for page in pages.values():
            for key, value in score_text(extract(page["raw"]), page).items():
                totals[key] = totals.get(key, 0) + value
        seconds = best_of(repeats, lambda: [extract(page["raw"]) for page in pages.values()])
        rows.append({"extractor": name, "body_recall": totals["found"] / totals["paragraphs"],
                     "furniture_leaked": f"{totals['leaked']}/{totals['furniture']}",
                     "inline_kept": f"{totals['inline_kept']}/{totals['inline']}",
                     "ms_per_page": 1000 * seconds / len(pages)})
    return rows


def weighted(raw: bytes, target_kb: int = 120) -> bytes:
    """A fixture page grown to the weight of a real news page (``target_kb``, most pages weigh
    80-300 KB): an inline script and stylesheet in the head, a mega-menu of section links in the
    body. The article and its furniture are unchanged."""
    rng = random.Random(len(raw))           # fixed: the same page always weighs the same
    menu = b"".join(b'<li><a href="/kanal/%d">Kanal %d</a></li>' % (i, i) for i in range(300))
    filler = max(0, target_kb * 1024 - len(raw) - len(menu))
    # random identifiers compress about as well as real minified scripts (3-4x), unlike a repeated string
    state = b",".join(b'{"id":"%08x","v":%d}' % (rng.getrandbits(32), rng.randrange(10**6))
                      for _ in range(filler // 2 // 24))
    script = b"<script>window.__STATE__=[" + state + b"];</script>"
    style = b"<style>" + b"".join(b".c%x{margin:%dpx}" % (rng.getrandbits(24), rng.randrange(40))
                                  for _ in range(filler // 2 // 20)) + b"</style>"
    return (raw.replace(b"</head>", script + style + b"</head>", 1)
            .replace(b"<body>", b'<body><nav class="mega"><ul>' + menu + b"</ul></nav>", 1))


def bench_entries(n_pages: int, folder: Path = FIXTURES) -> list[WarcEntry]:
    """``n_pages`` responses cycling through the fixture pages at a real page's weight, each at its own URI."""
    raws = [weighted(page["raw"]) for page in fixture_pages(folder).values()]
    return [WarcEntry(f"https://archive.invalid/page/{i}", raws[i % len(raws)], "text/html") for i in range(n_pages)]


def _read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator
    count = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                record.content_stream().read()
                count += 1
    return count


def _read_warta(path: Path) -> int:
    return sum(isinstance(item, WarcPage) for item in iter_warc(path, MAX_HTML_BYTES))


def _read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    count = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True):
            record.reader.read()
            count += 1
    return count


def compare_warc_readers(n_pages: int = 2000, repeats: int = 3) -> dict:
    """records/s and MB/s of each reader over a .warc.gz and a .warc of ``n_pages`` pages, and the
    extraction cost per page for scale."""
    readers = {"warcio 1.x (ArchiveIterator)": _read_warcio, "Warta's reader (warcio + truncation checks)": _read_warta}
    try:
        import fastwarc  # noqa: F401
        readers["FastWARC"] = _read_fastwarc
    except ImportError:
        print("FastWARC is not installed (pip install FastWARC, or the dev extra): its rows are skipped", file=sys.stderr)
    entries = bench_entries(n_pages)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for compress in (True, False):
            path = write_warc(Path(scratch) / ("bench.warc.gz" if compress else "bench.warc"), entries, compress)
            megabytes = path.stat().st_size / 1e6
            records = 2 * n_pages + 1
            for name, read in readers.items():
                assert read(path) == n_pages, name            # every reader sees every page
                seconds = best_of(repeats, lambda: read(path))
                rows.append({"reader": name, "file": path.name, "megabytes": round(megabytes, 1),
                             "records_per_s": records / seconds, "pages_per_s": n_pages / seconds,
                             "mb_per_s": megabytes / seconds, "ms_per_page": 1000 * seconds / n_pages})
    raws = [entry.payload for entry in entries[:len(fixture_pages())]]
    assert all(page_from_html(raw, "bench").text for raw in raws)     # the weight hides no article
    extraction = best_of(repeats, lambda: [page_from_html(raw, "bench") for raw in raws]) / len(raws)
    return {"pages": n_pages, "page_kb": sum(map(len, raws)) / len(raws) / 1024, "rows": rows,
            "extraction_ms_per_page": 1000 * extraction}


ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Kabar Bench"><meta property="article:published_time" content="{published}">
</head><body>
<header><a href="/">Kabar Bench</a><nav><ul><li><a href="/nasional">Nasional</a></li><li><a href="/ekonomi">Ekonomi</a></li>
<li><a href="/tekno">Tekno</a></li></ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">Penulis: Redaksi Kabar Bench</div>
<div class="body">{paragraphs}</div></article>
<section class="related"><h2>Berita Terkait</h2><ul><li><a href="/a">Harga Cabai Naik Lagi</a></li>
<li><a href="/b">Jalan Tol Baru Dibuka</a></li></ul></section></main>
<footer><p>&copy; 2024 Kabar Bench. Hak cipta dilindungi undang-undang.</p></footer></body></html>"""


def bench_articles(n_articles: int, sentences_per_article: int = 18) -> list[dict]:
    """``n_articles`` distinct articles of consecutive raw news sentences (about 400 words each, a
    news article's usual length), paragraphs of three sentences: uri, published, text, page."""
    from html import escape

    if not RAW_NEWS.exists():
        raise SystemExit(f"the end-to-end benchmark builds its articles from {RAW_NEWS}, which is absent")
    with RAW_NEWS.open(encoding="utf-8") as handle:
        sentences = [json.loads(line)["text"].strip() for line in handle]
    articles = []
    for i in range(n_articles):
        chosen = [sentences[(i * sentences_per_article + k) % len(sentences)] for k in range(sentences_per_article)]
        paragraphs = [" ".join(chosen[k:k + 3]) for k in range(0, len(chosen), 3)]
        published = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00+07:00"
        page = ARTICLE_PAGE.format(title=f"Berita {i}", published=published,
                                   paragraphs="".join(f"<p>{escape(p)}</p>" for p in paragraphs))
        articles.append({"uri": f"https://kabar-bench.invalid/berita/{i}", "published": published,
                         "text": "\n".join(paragraphs), "page": weighted(page.encode("utf-8"))})
    return articles


def run_end_to_end(n_articles: int = 400, scratch: Path | None = None) -> dict:
    """words/s of ``warta extract`` over the same articles as a WARC of pages and as JSONL, one worker each."""
    from warta.batch.io import iter_inputs
    from warta.batch.runner import RunOptions, run

    articles = bench_articles(n_articles)
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        folder = Path(folder)
        warc = write_warc(folder / "articles.warc.gz", [WarcEntry(a["uri"], a["page"]) for a in articles])
        jsonl = folder / "articles.jsonl"
        jsonl.write_text("".join(json.dumps({"id": a["uri"], "text": a["text"], "published": a["published"]},
                                            ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        bodies = {doc.doc_id: doc.text for doc in iter_inputs([warc])}
        # HTML collapses runs of spaces, so a page's body equals its article up to white space
        same_text = sum(_norm(bodies.get(a["uri"]) or "") == _norm(a["text"]) for a in articles)
        # the models load, and the first documents warm the tokenizer's cache, before either run is timed
        run([str(jsonl)], folder / "out-warm-up", RunOptions(workers=1, limit=50), progress=False)
        runs = {}
        for name, source in (("jsonl", jsonl), ("warc", warc)):
            summary = run([str(source)], folder / f"out-{name}", RunOptions(workers=1), progress=False)
            runs[name] = {key: summary[key] for key in ("documents", "ok", "words", "seconds", "words_per_second")}
        reading = best_of(1, lambda: sum(1 for _ in iter_inputs([warc])))
        warc_mb = round(warc.stat().st_size / 1e6, 1)
    return {"articles": n_articles, "page_kb": round(sum(len(a["page"]) for a in articles) / n_articles / 1024),
            "words_per_article": round(runs["jsonl"]["words"] / n_articles), "warc_mb": warc_mb,
            "body_equals_article_text": f"{same_text}/{n_articles}", "runs": runs,
            "warc_to_jsonl_words_per_s": round(runs["warc"]["words_per_second"] / runs["jsonl"]["words_per_second"], 3),
            "reading_share_of_warc_run": round(reading / runs["warc"]["seconds"], 3)}


def check_targets(scratch: Path | None = None) -> dict:
    """Issue 17's two correctness targets, counted: the publication-date table
    (``tests/fixtures/published_dates.json``) read right, and spans inside a boilerplate range in the
    records of every web fixture (pages, feeds, a WARC of the pages) and of ``corpus/``."""
    from datetime import datetime

    from warta.batch.published import parse_publication_date
    from warta.batch.runner import RunOptions, run

    cases = json.loads((FIXTURES.parent / "published_dates.json").read_text(encoding="utf-8"))["cases"]
    wrong = [case["raw"] for case in cases
             if parse_publication_date(case["raw"], case["lang"], relative_to=datetime.fromisoformat(
                 case["crawl"].replace("Z", "+00:00")) if case.get("crawl") else None) != case["expected"]]
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        folder = Path(folder)
        warc = write_warc(folder / "fixtures.warc.gz", [(f"https://fixture.invalid/{name}", page["raw"])
                                                        for name, page in fixture_pages().items()])
        inputs = [str(path) for path in sorted(FIXTURES.iterdir()) if path.name != "truth.json"]
        run([*inputs, str(warc), str(paths.corpus_dir())], folder / "out", RunOptions(), progress=False)
        with (folder / "out" / "documents.jsonl").open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
    inside = [(r["doc_id"], s["text"]) for r in records for s in r["spans"]
              if any(start < s["end"] and s["start"] < end for start, end, _ in r["boilerplate"])]
    return {"publication_dates": {"cases": len(cases), "right": len(cases) - len(wrong), "wrong": wrong},
            "boilerplate": {"documents": len(records), "ranges": sum(len(r["boilerplate"]) for r in records),
                            "spans_inside": inside}}


def format_targets(report: dict) -> str:
    dates, furniture = report["publication_dates"], report["boilerplate"]
    return (f"publication-date table: {dates['right']}/{dates['cases']} right"
            + (f" (wrong: {dates['wrong']})" if dates["wrong"] else "")
            + f"\nweb fixtures and corpus: {furniture['documents']} documents, {furniture['ranges']} boilerplate "
            f"ranges, {len(furniture['spans_inside'])} spans inside one")


def format_end_to_end(report: dict) -> str:
    jsonl, warc = report["runs"]["jsonl"], report["runs"]["warc"]
    return "\n".join([
        f"end to end, one worker: {report['articles']} articles of about {report['words_per_article']} words, "
        f"pages of {report['page_kb']} KB ({report['warc_mb']} MB of .warc.gz); page body = article text "
        f"(up to white space) in "
        f"{report['body_equals_article_text']}",
        f"  JSONL of the article texts: {jsonl['words_per_second']:,} words/s ({jsonl['seconds']} s)",
        f"  WARC of the pages:          {warc['words_per_second']:,} words/s ({warc['seconds']} s)",
        f"  WARC / JSONL: {report['warc_to_jsonl_words_per_s']:.2f}x (target >= 0.7x); reading the pages "
        f"(WARC, charset, trafilatura) is {report['reading_share_of_warc_run']:.0%} of the WARC run"])


def _markdown(rows: list[dict]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        lines.append("| " + " | ".join(f"{v:,.2f}" if isinstance(v, float) and v < 10 else f"{v:,.0f}"
                                       if isinstance(v, float) else str(v) for v in row.values()) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.benchmarks.web", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the benchmark WARC (default 2000)")
    parser.add_argument("--articles", type=int, default=400,
                        help="distinct articles in the end-to-end run, WARC against JSONL (default 400; 0: skip it)")
    parser.add_argument("--json", help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    results = {"targets": check_targets(), "extractors": compare_extractors(), "warc": compare_warc_readers(args.pages)}
    print(format_targets(results["targets"]), end="\n\n")
    if args.articles:
        results["end_to_end"] = run_end_to_end(args.articles)
    print(_markdown(results["extractors"]), end="\n\n")
    print(_markdown(results["warc"]["rows"]))
    print(f"\nextracting one {results['warc']['page_kb']:.0f} KB page (Warta's settings): "
          f"{results['warc']['extraction_ms_per_page']:.2f} ms")
    if "end_to_end" in results:
        print("\n" + format_end_to_end(results["end_to_end"]))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
