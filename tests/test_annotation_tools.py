"""warta export / warta import: predictions out to Label Studio and doccano, corrected annotations back as gold.

The fixtures in tests/fixtures/annotation/ are exports in the tools' documented shapes, written by hand:
a Label Studio JSON export (tasks with predictions and a user's annotations, one of them cancelled)
and a doccano JSONL export (one line with ``label`` pairs, one from the relation export with ``entities``).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.cli import main
from warta.evaluation.annotation_tools import doccano_line, import_annotations, label_studio_task, latest_annotation
from warta.records import make_doc_record, make_span, text_sha256

FIXTURES = Path(__file__).parent / "fixtures" / "annotation"
TEXTS = {
    "a": "Rina Wijaya dari Bank Indonesia menyebut inflasi 2,5 persen pada Oktober 2024 di Bandung.",
    "b": "Sales rose by more than 40 percent to $3 million in 2023, Acme Corp said in Boston.",
    "c": "Tidak ada angka di sini.",
}


def span_at(text: str, words: str, label: str, **values) -> dict:
    start = text.index(words)
    return make_span(start, start + len(words), label, words, source="ner", **values)


def predictions() -> list[dict]:
    a, b = TEXTS["a"], TEXTS["b"]
    spans = {
        "a": [span_at(a, "Rina Wijaya", "PERSON", canonical="Rina Wijaya"),
              span_at(a, "Bank Indonesia", "ORG", canonical="Bank Indonesia", en="Bank Indonesia"),
              span_at(a, "2,5 persen", "FIGURE", value=2.5, unit="%", qualifier="="),
              span_at(a, "Oktober 2024", "DATE", value="2024-10", granularity="month", relative=False),
              span_at(a, "Bandung", "PLACE", canonical="Bandung", en="Bandung")],
        "b": [span_at(b, "more than 40 percent", "FIGURE", value=40, unit="%", qualifier=">"),
              span_at(b, "$3 million", "FIGURE", value=3000000, unit="USD", qualifier="="),
              span_at(b, "2023", "DATE", value="2023", granularity="year", relative=False),
              span_at(b, "Acme Corp", "ORG", canonical="Acme Corp", en="Acme Corp")],
        "c": [],
    }
    published = {"a": "2024-11-01", "b": "2024-02-10", "c": None}
    lang = {"a": "id", "b": "en", "c": "id"}
    records = [make_doc_record(doc_id, TEXTS[doc_id], lang=lang[doc_id], published=published[doc_id],
                               spans=spans[doc_id], pipeline_version="0.1.0", models={"ner": "id_ner@0.3.0"})
               for doc_id in TEXTS]
    records.append(make_doc_record("broken", None, status="error", error="broken.txt: invalid UTF-8 at byte 3"))
    return records


@pytest.fixture
def run(tmp_path) -> tuple[Path, Path]:
    """A run folder (documents.jsonl) and its inputs (a JSONL file of id and text)."""
    out = tmp_path / "run"
    out.mkdir()
    (out / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in predictions()), encoding="utf-8")
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TEXTS.items()), encoding="utf-8")
    return out, inputs


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warta: error: ") and "Traceback" not in err[0]
    return err[0]


@pytest.mark.parametrize("fmt", ["label-studio", "doccano"])
def test_export_then_import_without_edits_is_lossless(run, tmp_path, fmt):
    out, inputs = run
    exported, gold = tmp_path / "tasks", tmp_path / "gold.jsonl"
    assert main(["-q", "export", str(out), "--format", fmt, "-o", str(exported), "--texts", str(inputs)]) == 0
    assert main(["-q", "import", str(exported), "--format", fmt, "-o", str(gold)]) == 0
    expected = [r for r in predictions() if r["status"] == "ok"]       # an error record has no text to annotate
    imported = read_lines(gold)
    assert [r["doc_id"] for r in imported] == [r["doc_id"] for r in expected]
    for got, want in zip(imported, expected):
        assert {k: got[k] for k in ("lang", "published", "text_sha256")} == \
               {k: want[k] for k in ("lang", "published", "text_sha256")}
        assert got["spans"] == [{k: v for k, v in span.items() if k != "source"} for span in want["spans"]]


def test_label_studio_task_shape():
    record = predictions()[0]
    task = label_studio_task(record, TEXTS["a"])
    assert task["data"] == {"text": TEXTS["a"], "doc_id": "a", "text_sha256": record["text_sha256"],
                            "lang": "id", "published": "2024-11-01"}
    (prediction,) = task["predictions"]
    figure = prediction["result"][2]
    assert figure["from_name"] == "label" and figure["to_name"] == "text" and figure["type"] == "labels"
    assert figure["value"] == {"start": 49, "end": 59, "text": "2,5 persen", "labels": ["FIGURE"]}
    assert figure["meta"] == {"value": 2.5, "unit": "%", "qualifier": "="}
    assert len({region["id"] for region in prediction["result"]}) == 5
    assert "id_ner@0.3.0" in prediction["model_version"]


def test_doccano_line_shape():
    record = predictions()[1]
    line = doccano_line(record, TEXTS["b"])
    assert line["text"] == TEXTS["b"] and line["doc_id"] == "b"
    assert line["label"][0] == [14, 34, "FIGURE"]
    assert line["warta"]["14:34:FIGURE"] == {"value": 40, "unit": "%", "qualifier": ">"}
    assert line["warta"]["58:67:ORG"] == {"canonical": "Acme Corp", "en": "Acme Corp"}


def test_label_studio_export_latest_annotation_wins_and_changes_are_marked():
    doc1, doc2 = import_annotations(FIXTURES / "label_studio_export.json", "label-studio")
    assert doc1["doc_id"] == "doc-1" and doc1["published"] == "2024-11-01"
    spans = {(s["start"], s["end"], s["label"]): s for s in doc1["spans"]}
    # annotation 12: the latest not cancelled (13 is later but cancelled, 11 is older)
    assert set(spans) == {(0, 12, "PERSON"), (18, 38, "ORG"), (50, 56, "EVENT"), (57, 71, "FIGURE"), (77, 87, "DATE")}
    assert spans[(18, 38, "ORG")]["en"] == "Ministry of Finance" and "review" not in spans[(18, 38, "ORG")]
    assert spans[(77, 87, "DATE")]["value"] == "2024-03" and spans[(77, 87, "DATE")]["granularity"] == "month"
    assert spans[(57, 71, "FIGURE")] == {"start": 57, "end": 71, "label": "FIGURE", "text": "naik 12 persen",
                                         "review": True}
    assert spans[(50, 56, "EVENT")]["review"] is True
    # task 2's only annotation was cancelled: the predictions stand, with their values
    assert [(s["label"], s.get("value"), s.get("review")) for s in doc2["spans"]] == \
           [("FIGURE", 15000, None), ("PLACE", None, None), ("DATE", "2025-01-03", None)]


def test_latest_annotation_skips_cancelled_ones():
    annotations = [{"id": 1, "updated_at": "2024-01-02T00:00:00Z", "was_cancelled": False},
                   {"id": 2, "updated_at": "2024-01-03T00:00:00Z", "was_cancelled": True},
                   {"id": 3, "updated_at": "2024-01-01T00:00:00Z", "was_cancelled": False}]
    assert latest_annotation(annotations)["id"] == 1
    assert latest_annotation(annotations[1:2]) is None


def test_doccano_export_label_pairs_and_entities():
    doc1, doc2 = import_annotations(FIXTURES / "doccano_export.jsonl", "doccano")
    assert [(s["label"], s["text"], s.get("review")) for s in doc1["spans"]] == \
           [("PERSON", "Budi Santoso", None), ("ORG", "Kementerian Keuangan", None), ("FIGURE", "naik 12 persen", True)]
    assert doc2["doc_id"] == "doc-2" and doc2["lang"] == "id"          # metadata under "meta"
    assert [(s["label"], s.get("review")) for s in doc2["spans"]] == \
           [("EVENT", True), ("FIGURE", None), ("PLACE", None), ("DATE", None)]
    assert doc2["spans"][1]["unit"] == "IDR"


def test_import_cli_writes_gold_that_loads(tmp_path):
    from warta.evaluation.gold import load_gold

    gold = tmp_path / "gold.jsonl"
    assert main(["-q", "import", str(FIXTURES / "doccano_export.jsonl"), "--format", "doccano", "-o", str(gold)]) == 0
    records = load_gold(gold)
    assert [r["doc_id"] for r in records] == ["doc-1", "doc-2"] and all(len(r["text_sha256"]) == 64 for r in records)


def edited_label_studio(tmp_path, edit) -> Path:
    tasks = json.loads((FIXTURES / "label_studio_export.json").read_text(encoding="utf-8"))
    edit(tasks)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


@pytest.mark.parametrize("fixture, fmt, hint", [
    ("doccano_export.jsonl", "label-studio", "a doccano export? use --format doccano"),
    ("label_studio_export.json", "doccano", "a Label Studio export? use --format label-studio"),
])
def test_the_wrong_format_says_which_one(tmp_path, capsys, fixture, fmt, hint):
    assert main(["-q", "import", str(FIXTURES / fixture), "--format", fmt, "-o", str(tmp_path / "g.jsonl")]) == 2
    assert hint in one_error_line(capsys)


def test_a_text_changed_since_export_is_refused_with_the_document_named(tmp_path, capsys):
    def change_text(tasks):
        tasks[1]["data"]["text"] = tasks[1]["data"]["text"].replace("beras", "gula")
    path = edited_label_studio(tmp_path, change_text)
    assert main(["-q", "import", str(path), "--format", "label-studio", "-o", str(tmp_path / "g.jsonl")]) == 2
    line = one_error_line(capsys)
    assert "'doc-2'" in line and "changed since it was exported" in line


@pytest.mark.parametrize("value, problem", [
    ({"start": 80, "end": 95, "text": "x", "labels": ["DATE"]}, "offsets 0 <= start < end <= 88"),
    ({"start": 5, "end": 5, "labels": ["DATE"]}, "offsets 0 <= start < end"),
    ({"start": 0, "end": 4, "text": "Budi Santoso", "labels": ["PERSON"]}, "the text there is 'Budi'"),
    ({"start": 0, "end": 4, "labels": ["PER"]}, "label 'PER' is not one of Warta's"),
])
def test_bad_offsets_and_labels_are_one_line(tmp_path, capsys, value, problem):
    def add_region(tasks):
        tasks[0]["annotations"][1]["result"].append({"id": "bad", "from_name": "label", "to_name": "text",
                                                     "type": "labels", "value": value})
    path = edited_label_studio(tmp_path, add_region)
    assert main(["-q", "import", str(path), "--format", "label-studio", "-o", str(tmp_path / "g.jsonl")]) == 2
    line = one_error_line(capsys)
    assert problem in line and "'doc-1'" in line


@pytest.mark.parametrize("fmt, content, problem", [
    ("label-studio", "{not json", "malformed JSON"),
    ("label-studio", '{"data": {}}', "expected a list of tasks"),
    ("label-studio", '[{"id": 4, "predictions": []}]', "task 4: not a Label Studio task"),
    ("label-studio", '[{"id": 4, "data": {"text": "abc"}, "annotations": {"result": []}}]', "'annotations' is not a list"),
    ("label-studio", '[{"id": 4, "data": {"text": "abc"}}]', "no doc_id"),
    ("doccano", '{"text": "abc", "label": [[0, 1]], "doc_id": "x"}\n', ":1: 'label' is not a list of [start, end, label]"),
    ("doccano", '{"text": "abc", "doc_id": "x"}\n[1]\n', ":2: not a doccano line"),
    ("doccano", '{"text": "abc", "doc_id": "x"}\n{"text": "abc", "doc_id": "x"}\n', "'x' appears twice"),
])
def test_malformed_files_are_one_line(tmp_path, capsys, fmt, content, problem):
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    assert main(["-q", "import", str(path), "--format", fmt, "-o", str(tmp_path / "g.jsonl")]) == 2
    assert problem in one_error_line(capsys)


def test_export_refuses_an_input_whose_text_changed(run, tmp_path, capsys):
    out, inputs = run
    inputs.write_text(inputs.read_text(encoding="utf-8").replace("Boston", "Denver"), encoding="utf-8")
    assert main(["-q", "export", str(out), "--format", "doccano", "-o", str(tmp_path / "d.jsonl"),
                 "--texts", str(inputs)]) == 2
    line = one_error_line(capsys)
    assert "'b'" in line and "text_sha256" in line


def test_export_without_texts_names_the_missing_document(run, tmp_path, capsys):
    out, _ = run
    assert main(["-q", "export", str(out), "--format", "label-studio", "-o", str(tmp_path / "t.json")]) == 2
    assert "no text for document 'a' and 2 more: give the run's inputs with --texts" in one_error_line(capsys)


def test_export_takes_an_inline_text_field(tmp_path):
    record = {**predictions()[2], "text": TEXTS["c"]}
    run_file = tmp_path / "documents.jsonl"
    run_file.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["-q", "export", str(run_file), "--format", "doccano", "-o", str(tmp_path / "d.jsonl")]) == 0
    assert read_lines(tmp_path / "d.jsonl")[0]["text"] == TEXTS["c"]


def test_export_sample_is_a_stratified_subset(run, tmp_path):
    out, inputs = run
    tasks = tmp_path / "tasks.json"
    assert main(["-q", "export", str(out), "--format", "label-studio", "-o", str(tasks), "--texts", str(inputs),
                 "--sample", "2", "--seed", "3"]) == 0
    doc_ids = [task["data"]["doc_id"] for task in json.loads(tasks.read_text(encoding="utf-8"))]
    assert len(doc_ids) == 2 and set(doc_ids) <= {"a", "b", "c"}



def test_utf16_offsets_after_an_emoji_are_converted_to_code_points(tmp_path):
    text = "\U0001F4C8 Ekspor naik di Jakarta."
    start = text.index("Jakarta")
    task = {"id": 1, "data": {"text": text, "doc_id": "emoji", "text_sha256": text_sha256(text)},
            "annotations": [{"id": 5, "was_cancelled": False, "result": [
                {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": start + 1, "end": start + 8, "text": "Jakarta", "labels": ["PLACE"]}}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    (record,) = import_annotations(path, "label-studio")
    assert record["spans"] == [{"start": start, "end": start + 7, "label": "PLACE", "text": "Jakarta", "review": True}]


def test_export_names_an_unreadable_texts_input(run, tmp_path, capsys):
    out, _ = run
    assert main(["-q", "export", str(out), "--format", "doccano", "-o", str(tmp_path / "d.jsonl"),
                 "--texts", str(tmp_path / "nowhere.jsonl")]) == 2
    assert "nowhere.jsonl: no such file or directory" in one_error_line(capsys)
