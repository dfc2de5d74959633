"""Duplicates in batch runs (issue 17, item 5): the same article captured twice reuses the first
one's extraction, across partitions and workers and through a resume; ``--near-duplicates`` marks
nearly the same articles with a MinHash estimate. The articles are written for these tests.
"""
import json
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from warta.batch.dedup import NEAR_THRESHOLD, PENDING, DuplicateFinder, Extractions, normalise
from warta.batch.engine import extract_stream
from warta.batch.io import InputDoc, read_jsonl
from warta.batch.runner import RunOptions, run
from warta.batch.tables import read_tables
from warta.cli import build_parser, main
from warta.records import text_sha256

from test_runs import SENTENCES, rerun, start, wait_for_parts

FLOOD = ("Banjir setinggi 80 sentimeter merendam 412 rumah di Kabupaten Bekasi pada 14 Oktober 2024. "
         "Badan Penanggulangan Bencana Daerah mencatat 1.250 warga mengungsi ke balai desa.")
RATES = ("Bank Indonesia mempertahankan suku bunga acuan 6 persen kemarin. "
         "Rupiah menguat 0,3 persen menjadi Rp 15.650 per dolar AS.")
HARVEST = "Produksi padi Jawa Tengah naik 4 persen menjadi 9,8 juta ton pada 2023, kata Gubernur Ganjar Pranowo."
FLOOD_RECASED = "  " + FLOOD.upper().replace(". ", ".\n\n")           # same body after normalising, other bytes

# Two news stories written for these tests, about 180 words each, and a second newsroom's article
# on the first story (same event, figures and names, other words).
STORY_A = (
    "Banjir Rendam Ratusan Rumah di Kabupaten Bekasi\n"
    "Oleh Rina Wulandari\n"
    "BEKASI — Banjir setinggi 80 sentimeter merendam 412 rumah di tiga desa di Kabupaten Bekasi sejak "
    "Selasa malam setelah hujan deras mengguyur kawasan itu selama enam jam. Badan Penanggulangan Bencana "
    "Daerah mencatat 1.250 warga mengungsi ke balai desa dan masjid terdekat. Kepala pelaksana BPBD Bekasi, "
    "Hadi Santoso, mengatakan air mulai surut pada Rabu siang, tetapi petugas masih berjaga karena hujan "
    "diperkirakan turun lagi pada malam hari. Sungai Cikarang meluap setelah tanggul sepanjang 15 meter "
    "jebol di dekat jembatan desa. Petugas menyalurkan 300 paket makanan siap saji, selimut, dan air bersih "
    "ke posko pengungsian. Dinas Kesehatan membuka dua pos layanan untuk warga yang mengeluh demam dan gatal. "
    "Seorang warga, Siti Aminah, mengatakan air masuk ke rumahnya dalam waktu kurang dari satu jam sehingga "
    "ia hanya sempat menyelamatkan dokumen keluarga. Pemerintah kabupaten berjanji memperbaiki tanggul yang "
    "jebol dalam dua pekan dan menyiapkan anggaran darurat sebesar Rp 1,5 miliar. Menurut BMKG, curah hujan "
    "tinggi masih berpotensi terjadi hingga akhir pekan di sebagian besar wilayah Jawa Barat.\n"
    "Editor: Budi Prasetyo\n"
    "Hak cipta dilindungi undang-undang."
)
STORY_A_OTHER_DESK = (
    "Tanggul Jebol, Tiga Desa di Bekasi Terendam\n"
    "BEKASI, Rabu — Ribuan warga Kabupaten Bekasi terpaksa meninggalkan rumah mereka setelah tanggul Sungai "
    "Cikarang jebol pada Selasa malam. Data BPBD menyebutkan sedikitnya 412 rumah terendam dengan ketinggian "
    "air mencapai 80 sentimeter. Hujan lebat yang turun sejak sore membuat debit sungai naik dengan cepat. "
    "Warga Desa Sukamaju bergotong royong memindahkan barang-barang ke lantai dua rumah tetangga. Menurut "
    "Hadi Santoso dari BPBD, sebanyak 1.250 pengungsi kini tinggal di balai desa dan masjid, dan bantuan "
    "logistik terus berdatangan dari pemerintah provinsi. Relawan dari sejumlah organisasi membuka dapur umum "
    "yang setiap hari memasak untuk para pengungsi. Anak-anak sekolah diliburkan karena gedung sekolah dipakai "
    "untuk menampung warga. Bupati Bekasi meninjau lokasi pada Rabu pagi dan meminta dinas pekerjaan umum "
    "segera menutup tanggul dengan karung pasir. Ia juga menyebut dana darurat Rp 1,5 miliar telah disiapkan "
    "untuk perbaikan. BMKG mengingatkan warga agar tetap waspada karena hujan dengan intensitas tinggi masih "
    "akan turun beberapa hari ke depan."
)
STORY_B = (
    "Central bank holds rates as inflation cools\n"
    "By Mark Ellison, Economics Correspondent\n"
    "JAKARTA — Bank Indonesia kept its benchmark interest rate at 6 percent on Wednesday, saying inflation had "
    "eased to 2.1 percent in September and the rupiah had steadied after weeks of pressure. Governor Perry "
    "Warjiyo told reporters that the board saw room to support growth later in the year but wanted more "
    "evidence that price pressures would stay low. Economists polled before the meeting had been split, with "
    "eleven of twenty expecting no change. The rupiah traded at 15,650 per dollar after the announcement, up "
    "0.3 percent on the day. The bank also said it expected economic growth of between 4.7 and 5.5 percent "
    "this year, driven by household spending and investment in mining and manufacturing. Exporters have "
    "struggled with weaker demand from China, the country's largest trading partner, and lower prices for "
    "coal and palm oil. Analysts said a first cut could come in the final quarter if the Federal Reserve "
    "lowers its own rates, easing pressure on emerging market currencies.\n"
    "Editing by Sarah Kim\n"
    "Copyright 2024 Example News. All rights reserved."
)
NEW_HEADLINE = {STORY_A: "Update: Ratusan Rumah di Bekasi Terendam Banjir (foto)",
                STORY_B: "UPDATE 1-Bank Indonesia holds rate at 6%, says inflation has cooled"}


def with_line(story: str, index: int, line: str) -> str:
    lines = story.split("\n")
    lines[index] = line
    return "\n".join(lines)


def rewritten_lead(story: str) -> str:
    """The story with its first body sentence replaced by a wholly different one (another desk's edit)."""
    head, body = story.split(" — ", 1)
    return head + " — Pada hari yang sama, redaksi lain menulis pembuka berita ini dengan kalimat yang sama sekali " \
                  "berbeda dari versi pertama yang terbit lebih awal." + body[body.index(". ") + 1:]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


ROWS = [
    {"id": "a", "text": FLOOD, "lang": "id", "title": "Banjir Bekasi"},
    {"id": "b", "text": RATES, "lang": "id", "published": "2024-10-17"},
    {"id": "c", "text": HARVEST, "lang": "id"},
    {"id": "d", "text": FLOOD, "lang": "id", "title": "Banjir di Bekasi (salinan)"},
    {"id": "e", "text": FLOOD_RECASED, "lang": "id"},
    '{"id": "broken", "text": ',                                     # unreadable line: an error document
    {"id": "a", "text": FLOOD, "lang": "id"},                        # a repeated id: an error document
    {"id": "g", "text": RATES, "lang": "id", "published": "2024-10-21"},   # same text, other "kemarin"
    {"id": "h", "text": FLOOD, "lang": "id"},
]


def records_by_id(out: Path) -> dict[str, dict]:
    return {record["doc_id"]: record for record in read_jsonl(out / "documents.jsonl")}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("dups") / "news.jsonl", ROWS)


@pytest.fixture(scope="module")
def one_worker(archive, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("one") / "out"
    summary = run([str(archive)], out, RunOptions(chunk_size=2), progress=False)
    return out, summary


# ---------------------------------------------------------------- exact duplicates

def test_normalising_folds_compatibility_forms_case_and_whitespace_but_keeps_punctuation():
    assert normalise("  Harga\u00a0BERAS\tnaik\n\n ﬁnal  ") == "harga beras naik final"
    assert normalise("Rp１５.０００") == "rp15.000"                     # full-width digits (NFKC)
    assert normalise("naik, 4 persen") != normalise("naik 4 persen")


def test_an_identical_copy_in_a_later_partition_reuses_the_first_extraction(one_worker):
    out, _ = one_worker
    records = records_by_id(out)
    first, copy = records["a"], records["d"]
    assert first["spans"] and first.get("duplicate_of") is None
    assert copy["duplicate_of"] == "a" and copy["duplicate_similarity"] == 1.0
    for name in ("spans", "lang", "models", "boilerplate", "status", "error", "n_words"):
        assert copy[name] == first[name], name
    assert copy["doc_id"] == "d" and copy["title"] == "Banjir di Bekasi (salinan)"
    assert copy["text_sha256"] == text_sha256(FLOOD)
    assert records["h"]["duplicate_of"] == "a" and records["h"]["spans"] == first["spans"]   # a third copy


def test_a_copy_differing_in_case_and_spacing_is_marked_but_extracted_on_its_own(one_worker):
    out, _ = one_worker
    record = records_by_id(out)["e"]
    assert record["duplicate_of"] == "a" and record["duplicate_similarity"] == 1.0
    assert record["text_sha256"] == text_sha256(FLOOD_RECASED) != text_sha256(FLOOD)
    assert record["spans"], "extracted on its own"
    for span in record["spans"]:                                         # offsets hold in its own text
        assert FLOOD_RECASED[span["start"]:span["end"]] == span["text"]


def test_the_same_text_with_another_publication_date_resolves_its_relative_dates_itself(one_worker):
    out, _ = one_worker
    records = records_by_id(out)
    dates = {doc_id: [s["value"] for s in records[doc_id]["spans"] if s["label"] == "DATE"] for doc_id in "bg"}
    assert records["g"]["duplicate_of"] == "b"
    assert dates["b"] == ["2024-10-16"] and dates["g"] == ["2024-10-20"]   # "kemarin" of each


def test_error_documents_are_never_duplicates(one_worker):
    out, _ = one_worker
    errors = [r for r in read_jsonl(out / "documents.jsonl") if r["status"] == "error"]
    assert len(errors) == 2 and all("duplicate_of" not in r for r in errors)
    assert any("duplicate id 'a'" in r["error"] for r in errors)


def test_the_summary_counts_the_duplicates_and_no_record_stays_pending(one_worker):
    out, summary = one_worker
    assert summary["duplicates"] == 4                                   # d, e, g, h
    assert json.loads((out / "_summary.json").read_text())["duplicates"] == 4
    assert PENDING not in (out / "documents.jsonl").read_text(encoding="utf-8")
    assert summary["ok"] == 7 and summary["error"] == 2
    documents, _ = read_tables(out)
    marked = documents.dropna(subset=["duplicate_of"]).set_index("doc_id")
    assert marked["duplicate_of"].to_dict() == {"d": "a", "e": "a", "g": "b", "h": "a"}


def test_two_workers_give_the_same_bytes_as_one(one_worker, archive, tmp_path):
    out, _ = one_worker
    two = tmp_path / "two"
    summary = run([str(archive)], two, RunOptions(chunk_size=2, workers=2), progress=False)
    assert summary["workers"] == 2
    assert (two / "documents.jsonl").read_bytes() == (out / "documents.jsonl").read_bytes()


def test_a_resumed_run_gives_the_same_bytes_as_an_uninterrupted_one(one_worker, archive, tmp_path):
    out, _ = one_worker
    resumed = tmp_path / "resumed"
    shutil.copytree(out, resumed)
    # as a killed run leaves it: no summary, and neither the first copy's partition nor the last written
    (resumed / "_summary.json").unlink()
    for part in ("part-000000.jsonl", "part-000004.jsonl"):
        (resumed / "_parts" / part).unlink()
    summary = run([str(archive)], resumed, RunOptions(chunk_size=2), progress=False)
    assert summary["partitions_run"] == 2 and summary["duplicates"] == 4
    assert (resumed / "documents.jsonl").read_bytes() == (out / "documents.jsonl").read_bytes()


def test_a_run_killed_with_sigkill_and_resumed_writes_the_same_bytes(tmp_path):
    archive = tmp_path / "a.jsonl"
    texts = [f"{SENTENCES[i % 3]} {SENTENCES[(i + 1) % 3]} Laporan nomor {i}." for i in range(60)]
    # every other document repeats one of the ten before it, so copies and first ones share partitions
    write_jsonl(archive, [{"id": f"doc-{i:04d}", "text": texts[i // 2 - (i % 20) // 4] if i % 2 else texts[i // 2],
                           "lang": "id"} for i in range(120)])
    whole = tmp_path / "whole"
    assert rerun([archive], whole).returncode == 0
    killed = tmp_path / "killed"
    process = start([archive], killed, "--workers", "2")
    wait_for_parts(process, killed, 5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (killed / "_summary.json").exists(), "killed before the end"
    done = rerun([archive], killed, "--workers", "2")
    assert done.returncode == 0, done.stderr
    summary = json.loads((killed / "_summary.json").read_text())
    assert summary["duplicates"] == 60 and 0 < summary["partitions_run"] < 120
    assert (killed / "documents.jsonl").read_bytes() == (whole / "documents.jsonl").read_bytes()


def test_two_captures_of_a_page_share_an_extraction_unless_their_crawl_times_date_them():
    """A page captured twice differs in its WARC-Date: its copy reuses the first capture's extraction
    when the page's metadata dates it, and is extracted on its own when the crawl time does."""
    undated = RATES.replace("Rupiah", "Kurs rupiah")
    captures = [InputDoc(doc_id, text, f"crawl.warc.gz:{i}", lang="id", crawl_time=crawled, meta_published=page_date,
                         source_format="warc")
                for i, (doc_id, text, crawled, page_date) in enumerate([
                    ("dated-1", RATES, "2024-10-17T03:00:00Z", "2024-10-17T08:00:00+07:00"),
                    ("dated-2", RATES, "2024-10-19T03:00:00Z", "2024-10-17T08:00:00+07:00"),
                    ("undated-1", undated, "2024-10-17T03:00:00Z", None),
                    ("undated-2", undated, "2024-10-19T03:00:00Z", None)])]
    finder = DuplicateFinder()
    marked = [finder.mark(doc) for doc in captures]
    assert [doc.duplicate_of for doc in marked] == [None, "dated-1", None, "undated-1"] and finder.reused == 2
    records = list(extract_stream(marked))
    assert [r["status"] for r in records] == ["ok", PENDING, "ok", "ok"]
    extractions = Extractions({"dated-1"})
    first, copy = extractions.complete(records[0]), extractions.complete(records[1])
    assert copy["spans"] == first["spans"] and copy["status"] == "ok" and copy["text"] == RATES
    assert copy["published"] == first["published"] and copy["duplicate_of"] == "dated-1"
    kemarin = [[s["value"] for s in r["spans"] if s["text"] == "kemarin"] for r in records[2:]]
    assert records[3]["duplicate_of"] == "undated-1" and kemarin == [["2024-10-16"], ["2024-10-18"]]


def test_the_finder_keeps_little_per_document():
    finder = DuplicateFinder()
    docs = [InputDoc(f"doc-{i}", f"Berita nomor {i} tentang harga beras.", "x") for i in range(50)]
    marked = [finder.mark(doc) for doc in docs + docs[:5]]
    assert len(finder.first) == 50 and finder.exact == finder.reused == 5
    assert all(len(key) == 16 for key in finder.first)
    assert [doc.duplicate_of for doc in marked[50:]] == [f"doc-{i}" for i in range(5)]


# ---------------------------------------------------------------- near duplicates

def near_match(first: str, later: str) -> tuple[str, float] | None:
    finder = DuplicateFinder(NEAR_THRESHOLD)
    finder.mark(InputDoc("first", first, "x"))
    doc = finder.mark(InputDoc("later", later, "x"))
    return (doc.duplicate_of, doc.duplicate_similarity) if doc.duplicate_of else None


@pytest.mark.parametrize("story", [STORY_A, STORY_B], ids=["id", "en"])
@pytest.mark.parametrize("change", ["headline", "byline", "footer"])
def test_the_same_article_with_a_changed_headline_byline_or_footer_is_a_near_duplicate(story, change):
    lines = story.split("\n")
    index, line = {"headline": (0, NEW_HEADLINE[story]), "byline": (1, "Reporter: Dimas Aryo, Jakarta"),
                   "footer": (-1, "Ikuti berita terkini kami di WhatsApp Channel dan Google News.")}[change]
    match = near_match(story, with_line(story, index if index >= 0 else len(lines) - 1, line))
    assert match is not None and match[0] == "first"
    assert NEAR_THRESHOLD <= match[1] < 1.0 and match[1] == round(match[1], 3)


@pytest.mark.parametrize("later", [lambda: rewritten_lead(STORY_A), lambda: STORY_A_OTHER_DESK, lambda: STORY_B],
                         ids=["lead-rewritten", "other-desk-same-story", "other-story"])
def test_a_rewritten_article_or_another_article_is_not_a_near_duplicate(later):
    assert near_match(STORY_A, later()) is None


def test_the_most_similar_earlier_document_is_named():
    finder = DuplicateFinder(NEAR_THRESHOLD)
    footer = with_line(STORY_A, len(STORY_A.split("\n")) - 1, "Ikuti berita terkini kami di Google News.")
    finder.mark(InputDoc("footer-changed", footer, "x"))
    finder.mark(InputDoc("unrelated", STORY_B, "x"))
    finder.mark(InputDoc("original", STORY_A, "x"))                 # near footer-changed itself
    doc = finder.mark(InputDoc("headline-changed", with_line(STORY_A, 0, NEW_HEADLINE[STORY_A]), "x"))
    assert doc.duplicate_of == "original" and doc.duplicate_similarity < 1.0


def test_near_duplicates_in_a_run(tmp_path):
    archive = write_jsonl(tmp_path / "stories.jsonl", [
        {"id": "first", "text": STORY_A}, {"id": "other", "text": STORY_B},
        {"id": "recaptured", "text": with_line(STORY_A, 0, NEW_HEADLINE[STORY_A])},
        {"id": "copy", "text": STORY_A}])
    out = tmp_path / "out"
    assert main(["-q", "extract", str(archive), "-o", str(out), "--chunk-size", "2", "--near-duplicates"]) == 0
    records = records_by_id(out)
    assert "duplicate_of" not in records["other"]
    assert records["recaptured"]["duplicate_of"] == "first" and records["recaptured"]["duplicate_similarity"] < 1.0
    assert records["recaptured"]["spans"] and records["recaptured"]["text_sha256"] != records["first"]["text_sha256"]
    assert records["copy"]["duplicate_of"] == "first" and records["copy"]["spans"] == records["first"]["spans"]
    assert json.loads((out / "_summary.json").read_text())["duplicates"] == 2
    identity = json.loads((out / "_run.json").read_text())["identity"]
    assert identity["near_duplicates"] == NEAR_THRESHOLD                # a resume keeps the setting


def test_near_duplicates_is_off_by_default_and_needs_datasketch(tmp_path, capsys, monkeypatch):
    assert build_parser().parse_args(["extract", "x", "-o", "y"]).near_duplicates is False
    monkeypatch.setitem(sys.modules, "datasketch", None)                # as if not installed
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": FLOOD}])
    with pytest.raises(SystemExit) as stop:
        main(["-q", "extract", str(archive), "-o", str(tmp_path / "out"), "--near-duplicates"])
    assert "pip install 'warta[dedup]'" in str(stop.value) and "\n" not in str(stop.value)
    assert not (tmp_path / "out").exists()                              # stopped before the run began
