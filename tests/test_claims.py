"""Attribution (issue 20, item 3) and the claims table (item 4): texts written for these tests."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import warta
from warta.batch.tables import OUTPUT_NAMES, read_claims, read_tables, records_from_tables
from warta.paths import corpus_dir
from warta.rules.attribution import attribute

REPO = Path(__file__).resolve().parents[1]

DIRECT = '"Penjualan mobil naik 20 persen pada Januari 2024," kata Sri Mulyani di Jakarta.'
INDIRECT = "Sri Mulyani mengatakan bahwa ekonomi tumbuh 5 persen pada 2023."
SOURCE = "Jumlah penduduk miskin turun menjadi 25 juta orang menurut data BPS pada Maret 2024."
NO_SOURCE = "Harga beras naik 10 persen pada pekan ini."
ENGLISH = '"We sold 5 million cars in 2023," said John Smith, chief executive of Acme.'
BANK = ('Bank Indonesia mengatakan bahwa inflasi mencapai 3,2 persen pada Maret 2024. '
        'Harga cabai turun 7 persen.')


def spans_of(text: str, lang: str = "id") -> list[dict]:
    return warta.extract(text, lang=lang, published="2024-05-01")["spans"]


def figure(spans: list[dict], text: str) -> dict:
    return next(s for s in spans if s["label"] == "FIGURE" and s["text"] == text)


def test_a_figure_and_a_date_inside_a_direct_quote_get_its_speaker():
    spans = spans_of(DIRECT)
    fig = figure(spans, "20 persen")
    assert fig["attributed_to"] == "Sri Mulyani"
    assert DIRECT[fig["speaker"][0]:fig["speaker"][1]] == "Sri Mulyani"
    assert fig["cue_text"] == "kata" and DIRECT[fig["cue"][0]:fig["cue"][1]] == "kata"
    date = next(s for s in spans if s["label"] == "DATE")
    assert date["attributed_to"] == "Sri Mulyani"
    assert fig["claim_date"] == [date["start"], date["end"]]


def test_a_figure_inside_an_indirect_quote_gets_its_speaker():
    fig = figure(spans_of(INDIRECT), "5 persen")
    assert fig["attributed_to"] == "Sri Mulyani" and fig["cue_text"] == "mengatakan"


def test_a_source_phrase_outside_any_quote_attributes_the_figure():
    spans = spans_of(SOURCE)
    assert not [s for s in spans if s["label"] == "QUOTE" and s["start"] <= figure(spans, "25 juta")["start"] < s["end"]]
    fig = figure(spans, "25 juta")
    assert fig["attributed_to"] == "BPS" and fig["cue_text"] == "menurut"
    assert SOURCE[fig["speaker"][0]:fig["speaker"][1]] == "BPS"


def test_english_quote_gives_speaker_and_role_in_the_claims_row():
    fig = figure(spans_of(ENGLISH, "en"), "5 million")
    assert fig["attributed_to"] == "John Smith" and fig["cue_text"] == "said"


def test_a_figure_with_no_source_has_no_attribution_but_its_date():
    spans = spans_of(NO_SOURCE)
    fig = figure(spans, "10 persen")
    assert "attributed_to" not in fig and "speaker" not in fig and "cue" not in fig
    date = next(s for s in spans if s["label"] == "DATE")
    assert fig["claim_date"] == [date["start"], date["end"]] and "attributed_to" not in date


def test_rules_without_spacy_quote_without_speaker_and_date_in_another_sentence():
    text = "Naik 5 persen. Pada 2023 turun."
    spans = [{"start": 0, "end": 13, "label": "QUOTE", "text": text[:13]},
             {"start": 5, "end": 13, "label": "FIGURE", "text": "5 persen"},
             {"start": 20, "end": 24, "label": "DATE", "text": "2023", "value": "2023"}]
    attribute(text, spans, "id")
    assert "attributed_to" not in spans[1] and "claim_date" not in spans[1]
    # the speaker's text stands in when the quote's speaker has no canonical name
    spans[0]["speaker"] = [37, 43]
    attribute(text + " kata polisi", spans, "id")
    assert spans[1]["attributed_to"] == "polisi" and spans[1]["speaker"] == [37, 43]


def _spans_at(text: str, *items: tuple[str, str]) -> list[dict]:
    """Spans of the given (label, text) pairs at each text's first occurrence."""
    return [{"start": text.index(t), "end": text.index(t) + len(t), "label": label, "text": t}
            for label, t in items]


def test_a_body_reporting_its_own_data_is_the_source_of_its_figure_and_date():
    text = "BPS mencatat inflasi 3 persen pada Maret 2024. Harga cabai turun 7 persen."
    spans = _spans_at(text, ("ORG", "BPS"), ("FIGURE", "3 persen"), ("DATE", "Maret 2024"), ("FIGURE", "7 persen"))
    attribute(text, spans, "id")
    _, fig, date, other = spans
    assert fig["attributed_to"] == "BPS" and fig["cue_text"] == "mencatat" and fig["speaker"] == [0, 3]
    assert date["attributed_to"] == "BPS" and "speaker" not in date       # a DATE keeps attributed_to alone
    assert "attributed_to" not in other                                   # another sentence, no source


def test_a_source_states_what_its_cue_reports_not_its_own_description():
    # "..., kata X" states what comes before it; a figure in X's apposition after it is the reporter's
    text = "Harga naik 4 persen, kata Budi, ketua kelompok 14 partai."
    spans = _spans_at(text, ("FIGURE", "4 persen"), ("PERSON", "Budi"), ("FIGURE", "14"))
    attribute(text, spans, "id")
    assert spans[0]["attributed_to"] == "Budi" and "attributed_to" not in spans[2]
    # a source cue states the whole sentence; an acronym in apposition gives way to the full name
    text = "Dilansir The Bump, ada 10 gejala. PT Bank Rakyat Indonesia Tbk (BRI) mencatat laba Rp 5 triliun."
    spans = _spans_at(text, ("ORG", "The Bump"), ("FIGURE", "10"), ("ORG", "PT Bank Rakyat Indonesia Tbk"),
                      ("ORG", "BRI"), ("FIGURE", "Rp 5 triliun"))
    attribute(text, spans, "id")
    assert spans[1]["attributed_to"] == "The Bump" and spans[4]["attributed_to"] == "PT Bank Rakyat Indonesia Tbk"


def test_a_cue_before_its_speaker_names_the_source_and_a_name_over_the_span_does_not():
    text = "Ekspor naik 4 persen, kata Budi Santoso."
    spans = _spans_at(text, ("FIGURE", "4 persen"), ("PERSON", "Budi Santoso"))
    attribute(text, spans, "id")
    assert spans[0]["attributed_to"] == "Budi Santoso" and spans[0]["cue_text"] == "kata"
    text = "Departemen Luar Negeri AS Rabu mengatakan hal itu."
    spans = _spans_at(text, ("ORG", "Departemen Luar Negeri AS Rabu"), ("DATE", "Rabu"))
    attribute(text, spans, "id")
    assert "attributed_to" not in spans[1]


def test_an_unnamed_source_is_attributed_as_written_also_when_it_closes_the_sentence():
    text = "Sedikitnya 21 orang tewas di tiga provinsi, polisi setempat melaporkan Senin. Harga naik 5 persen."
    spans = _spans_at(text, ("FIGURE", "Sedikitnya 21"), ("FIGURE", "tiga"), ("FIGURE", "5 persen"))
    attribute(text, spans, "id")
    assert [s.get("attributed_to") for s in spans] == ["polisi setempat", "polisi setempat", None]
    text = "Pemerintah melaporkan realisasi belanja Rp 288 triliun, lalu harga naik 3 persen dan stok 5 ton kata pedagang itu."
    spans = _spans_at(text, ("FIGURE", "Rp 288 triliun"))
    attribute(text, spans, "id")
    assert spans[0]["attributed_to"] == "Pemerintah" and spans[0]["cue_text"] == "melaporkan"


def test_the_seed_gives_zhao_zhiguos_three_figures_to_him():
    text = (corpus_dir() / "docs" / "ai-tiongkok-600-juta-pengguna.txt").read_text(encoding="utf-8")
    spans = warta.extract(text, lang="id", published="2024-10-14")["spans"]
    his = [s["text"] for s in spans if s["label"] == "FIGURE" and s.get("attributed_to") == "Zhao Zhiguo"]
    assert len(his) == 3, his


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    from warta.cli import main
    root = tmp_path_factory.mktemp("claims")
    rows = [{"id": "d1", "text": DIRECT, "lang": "id", "published": "2024-05-01"},
            {"id": "d2", "text": SOURCE, "lang": "id", "published": "2024-06-03"},
            {"id": "d3", "text": ENGLISH, "lang": "en", "published": "2024-06-10"},
            {"id": "d4", "text": BANK, "lang": "id", "published": "2024-04-02"},
            {"id": "d5", "text": NO_SOURCE, "lang": "id"}]
    source = root / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = root / "out"
    assert main(["-q", "extract", str(source), "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_the_claims_table_after_extract(extracted, fmt):
    assert "claims" in OUTPUT_NAMES and "claims.csv" in OUTPUT_NAMES
    assert (extracted / "claims" / "lang=id" / "month=2024-05").is_dir()
    claims = read_claims(extracted, fmt)
    _, mentions = read_tables(extracted, fmt)
    assert len(claims) == int((mentions["label"] == "FIGURE").sum()) == 6
    row = claims[claims["doc_id"] == "d1"].iloc[0]
    assert row["figure_text"] == "20 persen" and row["value"] == 20 and row["unit"] == "%"
    assert row["attributed_to"] == "Sri Mulyani" and row["cue_text"] == "kata" and row["month"] == "2024-05"
    assert (int(row["quote_start"]), int(row["quote_end"])) == (1, DIRECT.index(",\" kata") + 1)
    assert row["date_text"] == "Januari 2024" and row["date_value"] == "2024-01"
    assert DIRECT[int(row["speaker_start"]):int(row["speaker_end"])] == "Sri Mulyani"
    assert row["subject_text"] == "Penjualan mobil"
    assert DIRECT[int(row["subject_start"]):int(row["subject_end"])] == "Penjualan mobil"
    english = claims[claims["doc_id"] == "d3"].iloc[0]
    assert english["speaker_role"] == "chief executive of Acme" and english["date_value"] == "2023"
    bps = claims[claims["doc_id"] == "d2"].iloc[0]
    assert bps["attributed_to"] == "BPS" and pd.isna(bps["quote_start"])            # no quote
    bare = claims[claims["doc_id"] == "d5"].iloc[0]
    assert pd.isna(bare["attributed_to"]) and pd.isna(bare["month"]) and bare["date_text"] == "pekan ini"
    bank = claims[claims["doc_id"] == "d4"].sort_values("figure_start")
    assert bank["attributed_to"].iloc[0] == "Bank Indonesia" and pd.isna(bank["attributed_to"].iloc[1])


def test_mentions_round_trip_keeps_the_attribution(extracted):
    documents, mentions = read_tables(extracted)
    records = {r["doc_id"]: r for r in records_from_tables(documents, mentions)}
    with (extracted / "documents.jsonl").open(encoding="utf-8") as handle:
        originals = {r["doc_id"]: r for r in map(json.loads, handle)}
    assert any("claim_date" in s for r in originals.values() for s in r["spans"])
    for doc_id, record in originals.items():
        assert records[doc_id]["spans"] == record["spans"], doc_id


def test_the_readme_duckdb_query_runs_on_the_claims_table(extracted):
    duckdb = pytest.importorskip("duckdb")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?Bank Indonesia.*?)```", readme, re.S)
    assert block, "the README shows the claims query"
    query = block.group(1).replace("out/claims", str(extracted / "claims"))
    result = duckdb.sql(query).fetchall()
    assert result == [("2024-04", "3,2 persen", 3.2, "%")], result


def test_the_place_and_day_of_the_speaking_may_stand_between_a_source_and_its_cue_verb():
    text = "PT Timah Tbk di Jakarta, Selasa, menyatakan laba naik menjadi Rp 314 miliar."
    spans = _spans_at(text, ("ORG", "PT Timah Tbk"), ("PLACE", "Jakarta"), ("DATE", "Selasa"),
                      ("FIGURE", "Rp 314 miliar"))
    attribute(text, spans, "id")
    assert spans[3]["attributed_to"] == "PT Timah Tbk" and spans[3]["cue_text"] == "menyatakan"
    assert "attributed_to" not in spans[2]                 # the day of the speaking is the reporter's framing
    # other words between them are no framing: no source
    text = "PT Timah Tbk membeli kapal dan menyatakan laba naik menjadi Rp 314 miliar."
    spans = _spans_at(text, ("ORG", "PT Timah Tbk"), ("FIGURE", "Rp 314 miliar"))
    attribute(text, spans, "id")
    assert "attributed_to" not in spans[1]


def test_a_cue_verb_after_a_comma_written_apart_and_in_the_corpus_bare_form():
    # tokenised text writes "Nama , katai ..." (the kumparan sentences' form of "mengatakan")
    text = "Direktur ADM , Elvina Afny , sebuti penjualan mobil mencapai 847.164 unit ."
    spans = _spans_at(text, ("ORG", "ADM"), ("PERSON", "Elvina Afny"), ("FIGURE", "847.164"))
    attribute(text, spans, "id")
    assert spans[2]["attributed_to"] == "Elvina Afny" and spans[2]["cue_text"] == "sebuti"


def test_an_unnamed_source_keeps_its_determiner_as_written():
    text = "The spokesman reported that exports rose 5 percent."
    spans = _spans_at(text, ("FIGURE", "5 percent"))
    attribute(text, spans, "en")
    assert spans[0]["attributed_to"] == "The spokesman"
    text = "Seorang pejabat mengatakan 40 orang tewas."
    spans = _spans_at(text, ("FIGURE", "40"))
    attribute(text, spans, "id")
    assert spans[0]["attributed_to"] == "Seorang pejabat"


def test_berdasarkan_data_before_a_body_states_the_whole_sentence():
    text = "Berdasarkan data Kementerian Kesehatan , jumlah kasus mencapai 1.000 orang ."
    spans = _spans_at(text, ("ORG", "Kementerian Kesehatan"), ("FIGURE", "1.000"))
    attribute(text, spans, "id")
    assert spans[1]["attributed_to"] == "Kementerian Kesehatan" and spans[1]["cue_text"] == "Berdasarkan data"
