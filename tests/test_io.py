"""Records round-trip through every writer and reader; bad inputs become error records."""
import json

import pytest

from warta.cli import main
from warta.batch.io import InputError, iter_inputs, read_jsonl, resolve_source
from warta.batch.tables import RecordWriter, read_tables, records_from_tables
from warta.records import make_doc_record, make_span, error_record

TEXT = "Sekitar 2,5 juta warga Bandung datang pada 1 Mei 2024."


def sample_records():
    spans = [
        make_span(0, 16, "FIGURE", "Sekitar 2,5 juta", source="figures", value=2500000, unit="warga", qualifier="~"),
        make_span(23, 30, "PLACE", "Bandung", source="ner", canonical="Bandung", en="Bandung"),
        make_span(43, 53, "DATE", "1 Mei 2024", source="dates", value="2024-05-01", granularity="day", relative=False),
        make_span(0, 3, "FIGURE", "Sek", source="figures", value=10.5, value_max=20, unit="%"),
    ]
    ok = make_doc_record("a/1", TEXT, lang="id", published="2024-05-02", title="Judul, dengan \"kutip\"",
                         spans=spans, pipeline_version="0.1.0", models={"ner": "id_ner@0.1.0"})
    failed = error_record("b/2", "b.txt: invalid UTF-8 at byte 3", lang=None, pipeline_version="0.1.0")
    return [ok, failed]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_tables_round_trip(tmp_path, fmt):
    records = sample_records()
    with RecordWriter(tmp_path, batch_size=1) as writer:
        for record in records:
            writer.write(record)
    documents, mentions = read_tables(tmp_path, fmt)
    assert len(documents) == 2 and len(mentions) == 4
    by_id = lambda rs: sorted(rs, key=lambda r: r["doc_id"])  # noqa: E731  (datasets come back by partition)
    assert by_id(records_from_tables(documents, mentions)) == by_id(records)


def test_jsonl_round_trip(tmp_path):
    records = sample_records()
    with RecordWriter(tmp_path) as writer:
        for record in records:
            writer.write(record)
    assert read_jsonl(tmp_path / "documents.jsonl") == records


def test_parquet_schema_is_explicit(tmp_path):
    import pyarrow.parquet as pq
    with RecordWriter(tmp_path) as writer:
        for record in sample_records():
            writer.write(record)
    [part] = (tmp_path / "mentions" / "lang=id" / "month=2024-05").glob("*.parquet")   # hive partitions
    schema = pq.read_schema(part)
    assert str(schema.field("value").type) == "double" and str(schema.field("relative").type) == "bool"
    assert (tmp_path / "documents" / "lang=unknown" / "month=unknown").is_dir()      # the error record


def test_readers_accept_txt_jsonl_csv_and_directories(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one.txt").write_text("Teks satu.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "text": "Teks dua.", "published": "2024-01-02",
                                                  "lang": "id", "title": "T"}) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text,published\nc1,\"Teks, tiga.\",2024-02-03\n", encoding="utf-8")
    docs = list(iter_inputs([tmp_path / "d", tmp_path / "a.jsonl", tmp_path / "b.csv"]))
    assert [(d.doc_id, d.text, d.published) for d in docs] == [
        ("one", "Teks satu.", None), ("j1", "Teks dua.", "2024-01-02"), ("c1", "Teks, tiga.", "2024-02-03")]
    assert docs[1].lang == "id" and docs[1].title == "T"


def write_bad_inputs(root):
    root.mkdir()
    (root / "good.txt").write_text("Presiden datang ke Jakarta pada 1 Mei 2024.", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Caf\xe9 di Bandung".encode("latin-1"))
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    (root / "lines.jsonl").write_text('{"id": "ok1", "text": "Ada 5 orang."}\n{"id": broken\n'
                                      '{"id": "nt"}\n', encoding="utf-8")
    (root / "notext.csv").write_text("id,body\nx,hello\n", encoding="utf-8")


def test_bad_inputs_give_error_records_and_the_run_goes_on(tmp_path, caplog):
    write_bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "in"), "-o", str(out), "--lang", "id"]) == 0
    records = {r["doc_id"]: r for r in read_jsonl(out / "documents.jsonl")}
    errors = {doc_id: r["error"] for doc_id, r in records.items() if r["status"] == "error"}
    assert records["good"]["status"] == "ok" and records["ok1"]["status"] == "ok"
    assert "invalid UTF-8 at byte 3" in errors["latin1"] and "latin1.txt" in errors["latin1"]
    assert "empty text" in errors["empty"]
    assert any("lines.jsonl:2" in e and "malformed JSON" in e for e in errors.values())
    assert "missing or non-string 'text'" in errors["nt"] and "lines.jsonl:3" in errors["nt"]
    assert any("no 'text' column" in e and "notext.csv" in e for e in errors.values())
    assert len(records) == 7
    assert "invalid UTF-8" in caplog.text                      # one line per problem on the log
    documents, mentions = read_tables(out)
    assert sorted(documents["status"]) == ["error"] * 5 + ["ok"] * 2


def test_strict_exits_non_zero_on_errors(tmp_path):
    write_bad_inputs(tmp_path / "in")
    assert main(["-q", "extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict"]) == 1
    assert (tmp_path / "out" / "documents.jsonl").exists()


def test_too_long_text_is_an_error_record():
    from warta.batch.engine import extract_stream
    from warta.batch.io import InputDoc
    [record] = extract_stream([InputDoc("big", "kata " * 100, "big")], lang="id", max_chars=50)
    assert record["status"] == "error" and "too long" in record["error"]


def test_a_reference_to_a_token_list_reads_the_tokens_joined_by_spaces(tmp_path):
    from warta.batch.io import resolve_source
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pos.jsonl").write_text('{"n": 0, "tokens": ["Harga", "naik", "5", "persen", "."]}\n',
                                                  encoding="utf-8")
    text = resolve_source({"file": "data/pos.jsonl", "line": 1, "field": "tokens"}, shared_dir=tmp_path)
    assert text == "Harga naik 5 persen ."


def test_a_source_reference_may_name_a_passage_of_consecutive_lines(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "s.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in ["Satu.", "Dua.", "Tiga."]),
                                  encoding="utf-8")
    assert resolve_source({"file": "data/s.jsonl", "line": 2, "lines": 2}, shared_dir=tmp_path) == "Dua. Tiga."
    assert resolve_source({"file": "data/s.jsonl", "line": 3}, shared_dir=tmp_path) == "Tiga."
    with pytest.raises(InputError, match="no lines 2-4"):
        resolve_source({"file": "data/s.jsonl", "line": 2, "lines": 3}, shared_dir=tmp_path)
