"""The publication date (issue 17, item 3): dateparser over the strings sites and feeds write, the
dateline found by Warta's own date grammar, and the order of the sources."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from warta.batch.published import (UNPARSEABLE, Published, find_dateline, parse_publication_date,
                                   resolve_published)
from warta.lang import load_lang_data

TABLE = json.loads((Path(__file__).parent / "fixtures" / "published_dates.json").read_text(encoding="utf-8"))
CASES = TABLE["cases"]
CRAWL = "2024-10-14T05:00:00Z"      # 12:00 WIB


def crawl_time(case: dict):
    return datetime.fromisoformat(case["crawl"].replace("Z", "+00:00")) if "crawl" in case else None


def test_the_table_is_large_and_covers_both_languages_and_all_zones():
    parsed = [c for c in CASES if c["expected"] is not None]
    assert len(parsed) >= 60
    assert {c["lang"] for c in parsed} >= {"id", "en", None}
    offsets = {c["expected"][-6:] for c in parsed if "T" in c["expected"]}
    assert {"+07:00", "+08:00", "+09:00", "+00:00"} <= offsets
    assert any(isinstance(c["raw"], int) for c in CASES) and any("crawl" in c for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['name']}: {c['raw']!r}")
def test_publication_date_table(case):
    assert parse_publication_date(case["raw"], case["lang"], relative_to=crawl_time(case)) == case["expected"]


def test_indonesian_zones_come_from_the_language_data():
    assert load_lang_data("id", "published")["zones"] == {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}


def test_a_relative_phrase_never_reads_the_machine_clock():
    assert parse_publication_date("kemarin", "id") is None
    assert parse_publication_date("2 jam yang lalu", "id", relative_to=None) is None
    # the same phrase, two crawl times: two values
    first = parse_publication_date("kemarin", "id", relative_to=datetime(2024, 10, 14, 5, tzinfo=timezone.utc))
    second = parse_publication_date("kemarin", "id", relative_to=datetime(2023, 1, 2, 5, tzinfo=timezone.utc))
    assert (first, second) == ("2024-10-13", "2023-01-01")


def test_a_naive_crawl_time_is_utc():
    assert parse_publication_date("3 hours ago", "en", relative_to=datetime(2024, 10, 14, 5)) == \
        "2024-10-14T02:00:00+00:00"


def test_booleans_and_none_are_not_epochs():
    assert parse_publication_date(True) is None
    assert parse_publication_date(None) is None


# ------------------------------------------------------------------------------------- datelines

@pytest.mark.parametrize("lang, text", [
    ("id", "JAKARTA, KOMPAS.com — Senin (14/10/2024) Presiden mengumumkan kebijakan baru."),
    ("id", "JAKARTA (ANTARA) - Senin, 14 Oktober 2024 pemerintah menetapkan hari libur."),
    ("id", "Jakarta, 14 Oktober 2024 — Pemerintah menetapkan hari libur."),
    ("id", "JAKARTA - Pada Senin (14/10/2024), pemerintah menetapkan hari libur."),
    ("id", "Laporan wartawan Tribunnews.com, Budi\n\nJAKARTA - Senin (14/10/2024), pemerintah menetapkan."),
    ("en", "JAKARTA, Oct. 14, 2024 — The government announced a holiday."),
    ("en", "JAKARTA (The Jakarta Post) — On Monday, October 14, 2024, the government announced."),
])
def test_dateline(lang, text):
    assert find_dateline(text, lang) == "2024-10-14"


@pytest.mark.parametrize("lang, text", [
    # a date later in the first sentence is the body's, not the dateline's
    ("id", "TEMPO.CO, Jakarta - Pemerintah menetapkan 14 Oktober 2024 sebagai hari libur."),
    ("en", "JAKARTA — The government said on Oct. 14, 2024 that it would act."),
    # a date in a later sentence or paragraph
    ("id", "Jakarta - Harga beras naik. Pada 14 Oktober 2024 pemerintah bertindak."),
    ("id", "JAKARTA, KOMPAS.com - Pemerintah menetapkan hari libur.\nSenin, 14 Oktober 2024 - rapat digelar."),
    # no dateline at all; a dateline without a year (needs a publication date to resolve)
    ("id", "Pemerintah menetapkan 14 Oktober 2024 - hari libur nasional."),
    ("id", "Harga beras naik tajam pekan ini."),
    ("en", "LONDON, Oct 14 (Reuters) - Britain said on Monday."),
    ("en", ""),
])
def test_not_a_dateline(lang, text):
    assert find_dateline(text, lang) is None


def test_a_dateline_is_only_looked_for_at_the_start():
    opening = "JAKARTA - " + "Pemerintah menetapkan hari libur nasional baru. " * 8
    assert find_dateline(opening + "\nJakarta, 14 Oktober 2024 — Rapat digelar.", "id") is None


# ------------------------------------------------------------------------------ order of the sources

DATELINE = "JAKARTA, KOMPAS.com — Senin (14/10/2024) Presiden mengumumkan kebijakan baru."


def test_the_field_comes_first():
    found = resolve_published(field="15/10/2024", html="2024-10-16T10:00:00+07:00", text=DATELINE, warc=CRAWL,
                              lang="id")
    assert found == Published("2024-10-15", "field", None, None)


def test_then_the_page_metadata():
    found = resolve_published(field=None, html="2024-10-16T10:00:00+07:00", text=DATELINE, warc=CRAWL, lang="id")
    assert found == Published("2024-10-16T10:00:00+07:00", "html", None, None)


def test_then_the_dateline():
    assert resolve_published(field="", html=None, text=DATELINE, warc=CRAWL, lang="id") == \
        Published("2024-10-14", "dateline", None, None)


def test_then_the_crawl_time():
    assert resolve_published(text="Harga beras naik.", warc=CRAWL, lang="id") == \
        Published("2024-10-14T05:00:00+00:00", "warc", None, None)
    crawled = datetime(2024, 10, 14, 5, tzinfo=timezone.utc)
    assert resolve_published(warc=crawled, lang="en").value == "2024-10-14T05:00:00+00:00"


def test_nothing_at_all():
    assert resolve_published() == Published(None, "none", None, None)


def test_relative_phrases_in_the_field_count_from_the_crawl_time():
    assert resolve_published(field="2 jam yang lalu", warc=CRAWL, lang="id") == \
        Published("2024-10-14T10:00:00+07:00", "field", None, None)
    assert resolve_published(html="3 hours ago", warc=CRAWL, lang="en").value == "2024-10-14T02:00:00+00:00"


def test_an_unparseable_candidate_is_kept_raw_and_the_next_one_used():
    found = resolve_published(field="Kompas.com", html="Senin, 14 Oktober 2024 10:15 WIB", lang="id")
    assert found == Published("2024-10-14T10:15:00+07:00", "html", "Kompas.com", UNPARSEABLE)


def test_only_the_first_unparseable_candidate_is_kept():
    found = resolve_published(field="segera", html="minggu depan?", text=DATELINE, lang="id")
    assert found == Published("2024-10-14", "dateline", "segera", UNPARSEABLE)


def test_relative_without_a_crawl_time_is_unparseable():
    found = resolve_published(field="2 jam yang lalu", lang="id")
    assert found == Published(None, "none", "2 jam yang lalu", UNPARSEABLE)


def test_an_epoch_field_is_kept_raw_as_text_when_out_of_range():
    found = resolve_published(field=12345, warc=CRAWL)
    assert found == Published("2024-10-14T05:00:00+00:00", "warc", "12345", UNPARSEABLE)
    assert resolve_published(field=1728876900).value == "2024-10-14T03:35:00+00:00"


def test_without_a_language_both_are_tried_for_the_dateline():
    english = "JAKARTA, Oct. 14, 2024 — The government announced a holiday."
    assert resolve_published(text=english, lang=None) == Published("2024-10-14", "dateline", None, None)
    assert resolve_published(text=DATELINE, lang=None).value == "2024-10-14"


def test_the_call_the_engine_makes():
    """engine.py calls resolve_published with keyword arguments straight from an InputDoc."""
    found = resolve_published(field=None, html=None, text=DATELINE, warc=None, lang="id")
    assert (found.value, found.source, found.raw, found.warning) == ("2024-10-14", "dateline", None, None)


def test_values_do_not_depend_on_the_machine_time_zone():
    probe = ("from datetime import datetime, timezone; from warta.batch.published import parse_publication_date as p; "
             "c = datetime(2024, 10, 14, 5, tzinfo=timezone.utc); "
             "print([p(s, l, relative_to=c) for s, l in [('14/10/2024 10:15', 'id'), ('Oct 14, 2024 10:15 AM', 'en'), "
             "('Mon, 14 Oct 2024 10:15:00 +0700', None), (1728876900, None), ('2 jam yang lalu', 'id'), ('kemarin', 'id')]])")
    outputs = {subprocess.run([sys.executable, "-c", probe], env={**os.environ, "TZ": zone},
                              capture_output=True, text=True, check=True).stdout
               for zone in ("UTC", "America/New_York", "Asia/Jayapura")}
    assert outputs == {"['2024-10-14T10:15:00+07:00', '2024-10-14', '2024-10-14T10:15:00+07:00', "
                       "'2024-10-14T03:35:00+00:00', '2024-10-14T10:00:00+07:00', '2024-10-13']\n"}


def test_a_run_keeps_an_unreadable_date_raw_counts_a_warning_and_processes_the_document(tmp_path):
    import json as _json

    from warta.batch.runner import RunOptions, run

    archive = tmp_path / "a.jsonl"
    rows = [{"id": "a", "text": "Harga beras naik 5 persen pada 3 Oktober 2024.", "published": "kemarin sore"},
            {"id": "b", "text": "JAKARTA, KOMPAS.com - Senin (14/10/2024), harga cabai turun 2 persen.", "published": None},
            {"id": "c", "text": "Harga gula naik 2 persen kemarin.", "published": "Senin, 14 Oktober 2024 | 10:15 WIB"}]
    archive.write_text("".join(_json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    summary = run([str(archive)], tmp_path / "out", RunOptions(), progress=False)
    records = {r["doc_id"]: r for r in map(_json.loads, (tmp_path / "out" / "documents.jsonl").open())}
    assert summary["warnings"] == {"unparseable publication date": 1}
    assert records["a"]["status"] == "ok" and records["a"]["published_raw"] == "kemarin sore"
    assert records["a"]["published"] is None and records["a"]["published_source"] == "none"
    assert records["a"]["warnings"] == ["unparseable publication date"] and records["a"]["spans"]
    assert (records["b"]["published"], records["b"]["published_source"]) == ("2024-10-14", "dateline")
    assert (records["c"]["published"], records["c"]["published_source"]) == ("2024-10-14T10:15:00+07:00", "field")
    yesterday = [s for s in records["c"]["spans"] if s["label"] == "DATE"]
    assert [s["value"] for s in yesterday] == ["2024-10-13"]     # relative dates count from the publication date
