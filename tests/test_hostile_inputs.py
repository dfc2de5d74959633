"""Hostile inputs (issue 16, part A): no record, field or file breaks a run or is lost.

One extraction runs over a folder of hostile inputs built here; each test then checks one case:
every input ends as exactly one record (ok, or an error naming file and line), the run finishes,
nothing is written outside the output folder, and the summary counts what was skipped by reason.
"""
import gzip
import json
import os
from pathlib import Path

import pytest

from warta.batch.io import OUTPUT_MARKER, ReadReport, iter_inputs, read_jsonl

from warta.batch.tables import RecordWriter, partition_of
from warta.cli import main
from warta.lang.codes import UNKNOWN_LANG, normalize_lang
from warta.records import SURROGATE_WARNING, make_doc_record, make_span, text_sha256

ID_TEXT = "Presiden Joko Widodo meresmikan bendungan di Jawa Tengah pada hari Senin bersama para menteri."
DEEP = 100_000


def jsonl_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def build_hostile_folder(root: Path) -> None:
    """The hostile inputs; the expected records are listed in EXPECTED_RECORDS."""
    inputs = root / "in"
    inputs.mkdir(parents=True)
    # lone surrogates, written as JSON escapes (the only way they reach a UTF-8 file)
    (inputs / "surrogates.jsonl").write_text(
        '{"id": "s1", "text": "Harga naik \\ud800 5 persen di Jakarta."}\n'
        '{"id": "s\\ud800", "text": "Gubernur Jawa Barat datang ke Bandung."}\n'
        '{"id": "s3", "text": "Menteri Keuangan berbicara di Jakarta.", "title": "judul \\udc00"}\n',
        encoding="utf-8")
    with open(os.fsencode(inputs) + b"/bad\xff.txt", "wb") as handle:     # a name that is not UTF-8
        handle.write(ID_TEXT.encode("utf-8"))
    (inputs / "deep.jsonl").write_text("[" * DEEP + "]" * DEEP + "\n"
                                       + '{"id": "d2", "text": "x", "extra": ' + "[" * DEEP + "]" * DEEP + "}\n")
    (inputs / "deep.json").write_text('{"a": ' * DEEP + "1" + "}" * DEEP)
    (inputs / "bignum.jsonl").write_text('{"id": "n1", "text": "Jakarta.", "published": ' + "9" * 5000 + "}\n"
                                         '{"id": ' + "7" * 5000 + ', "text": "Jakarta."}\n')
    absurd = [{"id": "a1", "text": ID_TEXT, "published": 1e308},
              {"id": "a2", "text": ID_TEXT, "title": {"a": [1, 2]}},
              {"id": 12345, "text": ID_TEXT},
              {"id": "lang-path", "text": ID_TEXT, "lang": "../../../x"},
              {"id": "lang-ID", "text": ID_TEXT, "lang": "ID"},
              {"id": "lang-id-ID", "text": ID_TEXT, "lang": "id-ID"},
              {"id": "lang-ind", "text": ID_TEXT, "lang": "ind"},
              {"id": "lang-indonesian", "text": ID_TEXT, "lang": "indonesian"},
              {"id": "lang-klingon", "text": ID_TEXT, "lang": "klingon"}]
    (inputs / "absurd.jsonl").write_text("".join(jsonl_line(**fields) for fields in absurd), encoding="utf-8")
    (inputs / "UPPER.TXT").write_text(ID_TEXT, encoding="utf-8")
    (inputs / "LOUD.JSONL").write_text(jsonl_line(id="loud", text=ID_TEXT), encoding="utf-8")
    (inputs / "empty.jsonl.gz").write_bytes(b"")
    (inputs / "notes.md").write_text("not an input", encoding="utf-8")
    (inputs / "rows.csv").write_bytes(b"id,text\nc2,Harga naik di Medan.\nc3,Caf\xe9 di Bandung.\n"
                                      b"c4,Banjir di Semarang.\nc5,satu,dua,tiga\nc6,Gempa di Palu.\n")
    (inputs / "dups.jsonl").write_text(
        jsonl_line(id="d1", text=ID_TEXT) + jsonl_line(id="d1") + jsonl_line(id="d2", text=5)
        + jsonl_line(id="d2", text=ID_TEXT), encoding="utf-8")
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(ID_TEXT, encoding="utf-8")
    (inputs / "link-to-folder").symlink_to(elsewhere, target_is_directory=True)
    (inputs / "loop").symlink_to(inputs, target_is_directory=True)
    (inputs / "broken.txt").symlink_to(root / "nowhere.txt")
    corpus = root / "corpus"                     # a manifest beside files it does not list
    corpus.mkdir()
    (corpus / "manifest.jsonl").write_text(jsonl_line(doc_id="listed", path="a.txt", lang="id"), encoding="utf-8")
    (corpus / "a.txt").write_text(ID_TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(ID_TEXT, encoding="utf-8")
    (corpus / "notes.md").write_text("not listed", encoding="utf-8")


# doc_id → "ok", or the text the error must contain (file and line included)
EXPECTED_RECORDS = {
    "s1": "ok", "s\ufffd": "ok", "s3": "ok",
    "bad\\xff": "ok",
    "in/deep.jsonl:1": "deep.jsonl:1: malformed JSON (nested too deeply)",
    "in/deep.jsonl:2": "deep.jsonl:2: malformed JSON (nested too deeply)",
    "in/deep.json": "deep.json: cannot read JSON: malformed JSON (nested too deeply)",
    "in/bignum.jsonl:1": "bignum.jsonl:1: malformed JSON (a number too long to read)",
    "in/bignum.jsonl:2": "bignum.jsonl:2: malformed JSON (a number too long to read)",
    "a1": "absurd.jsonl:1: 'published' is a float, not a date",
    "a2": "absurd.jsonl:2: 'title' is an object, not a string",
    "12345": "ok", "lang-path": "ok", "lang-ID": "ok", "lang-id-ID": "ok", "lang-ind": "ok",
    "lang-indonesian": "ok", "lang-klingon": "ok",
    "UPPER": "ok", "loud": "ok",
    "in/empty.jsonl.gz": "empty.jsonl.gz: no documents in the file",
    "c2": "ok", "in/rows.csv:3": "rows.csv:3: invalid UTF-8", "c4": "ok",
    "in/rows.csv:5": "rows.csv:5: malformed CSV row", "c6": "ok",
    "d1": "ok", "d1@in/dups.jsonl:2": "dups.jsonl:2: missing or non-string 'text'",
    "d2": "dups.jsonl:3: missing or non-string 'text'", "d2@in/dups.jsonl:4": "dups.jsonl:4: duplicate id 'd2'",
    "link-to-folder/linked": "ok",
    "listed": "ok",
}


def tree(root: Path, skip: Path) -> dict[str, tuple]:
    """Every path under ``root`` (``skip`` left out) with its type, size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            continue
        for name in dirs + files:
            path = Path(folder) / name
            if path == skip:
                continue
            info = path.lstat()
            found[str(path)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    build_hostile_folder(root)
    old = root / "in" / "old-run"                 # an earlier run's output folder inside the input folder
    (root / "seed").mkdir()
    (root / "seed" / "one.txt").write_text(ID_TEXT, encoding="utf-8")
    assert main(["-q", "extract", str(root / "seed"), "-o", str(old)]) == 0
    before = tree(root, skip=root / "out")
    cwd = os.getcwd()
    os.chdir(root)                                # relative inputs: ids and origins are predictable
    try:
        code = main(["-q", "extract", "in", "corpus", "-o", "out"])
    finally:
        os.chdir(cwd)
    records = read_jsonl(root / "out" / "documents.jsonl")
    summary = json.loads((root / "out" / "_summary.json").read_text(encoding="utf-8"))
    return {"root": root, "code": code, "records": records, "summary": summary,
            "before": before, "after": tree(root, skip=root / "out")}


def test_the_run_finishes_with_one_record_per_input(hostile_run):
    assert hostile_run["code"] == 0
    ids = [record["doc_id"] for record in hostile_run["records"]]
    assert len(ids) == len(set(ids)), "doc_ids must be distinct"
    assert sorted(ids) == sorted(EXPECTED_RECORDS)
    assert hostile_run["summary"]["documents"] == len(EXPECTED_RECORDS)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_RECORDS))
def test_each_input_is_ok_or_an_error_naming_file_and_line(hostile_run, doc_id):
    record = {r["doc_id"]: r for r in hostile_run["records"]}[doc_id]
    if EXPECTED_RECORDS[doc_id] == "ok":
        assert record["status"] == "ok", record["error"]
    else:
        assert record["status"] == "error" and EXPECTED_RECORDS[doc_id] in record["error"]


def test_lone_surrogates_are_replaced_and_counted(hostile_run):
    records = {r["doc_id"]: r for r in hostile_run["records"]}
    assert records["s3"]["title"] == "judul \ufffd"
    assert records["s1"]["text_sha256"] == text_sha256("Harga naik \ufffd 5 persen di Jakarta.")
    raw = (hostile_run["root"] / "out" / "documents.jsonl").read_bytes()
    raw.decode("utf-8")                                          # valid UTF-8 throughout
    assert hostile_run["summary"]["warnings"][SURROGATE_WARNING] == 3


def test_a_record_with_lone_surrogates_is_still_written(tmp_path):
    """The Python API and a user's alias file bypass the readers: the record itself is made valid."""
    span = make_span(0, 5, "PERSON", "Budi\udc00", canonical="Budi\udc00")
    record = make_doc_record("x\ud800", "Budi\udc00 datang.", title="t\ud800", spans=[span])
    assert record["doc_id"] == "x\ufffd" and record["title"] == "t\ufffd"
    assert record["spans"][0]["canonical"] == "Budi\ufffd" and record["warnings"] == [SURROGATE_WARNING]
    assert record["text_sha256"] == text_sha256("Budi\ufffd datang.")
    raw = {"doc_id": "y", "title": "\udfff", "spans": []}         # a record built by hand
    with RecordWriter(tmp_path) as writer:
        writer.write(raw)
    [written] = read_jsonl(tmp_path / "documents.jsonl")
    assert written["title"] == "\ufffd" and written["warnings"] == [SURROGATE_WARNING]


def test_lang_is_normalised_and_an_unknown_one_detected(hostile_run):
    records = {r["doc_id"]: r for r in hostile_run["records"]}
    for doc_id in ("lang-ID", "lang-id-ID", "lang-ind", "lang-indonesian", "lang-klingon", "lang-path"):
        assert records[doc_id]["lang"] == "id" and records[doc_id]["spans"]
    assert hostile_run["summary"]["warnings"][UNKNOWN_LANG] == 2


def test_nothing_is_written_outside_the_output_folder(hostile_run):
    assert hostile_run["after"] == hostile_run["before"]
    out = hostile_run["root"] / "out"
    for table in ("documents", "mentions"):
        langs = {path.name for path in (out / table).iterdir()}
        assert langs <= {"lang=id", "lang=en", "lang=other", "lang=unknown"}


def test_skipped_inputs_are_counted_by_reason(hostile_run):
    assert hostile_run["summary"]["skipped"] == {
        "Warta output folder": 1, "broken symbolic link": 1, "folder already read (symbolic link)": 1,
        "not listed in manifest.jsonl": 2, "unsupported file type": 1}


def test_warta_outputs_are_never_read_as_inputs(hostile_run):
    origins = " ".join(r["error"] or "" for r in hostile_run["records"])
    assert "old-run" not in origins and not any("old-run" in r["doc_id"] for r in hostile_run["records"])


def test_an_unreadable_folder_is_skipped_and_counted(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "secret.txt").write_text(ID_TEXT, encoding="utf-8")
    (tmp_path / "open.txt").write_text(ID_TEXT, encoding="utf-8")
    # Tests run as root, who can read a chmod 000 folder: refuse it the way the kernel would.
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = ReadReport()
    docs = list(iter_inputs([tmp_path], report=report))
    assert [doc.doc_id for doc in docs] == ["open"]
    assert report.skipped == {"unreadable directory": 1}


def test_a_chmod_000_folder_is_skipped(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 folder; test_an_unreadable_folder_is_skipped_and_counted covers it")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "secret.txt").write_text(ID_TEXT, encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        report = ReadReport()
        assert list(iter_inputs([tmp_path], report=report)) == []
        assert report.skipped == {"unreadable directory": 1}
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_missing_input_path_exits_non_zero_with_one_line(tmp_path, capsys):
    (tmp_path / "here.txt").write_text(ID_TEXT, encoding="utf-8")
    try:
        code = main(["-q", "extract", str(tmp_path / "here.txt"), str(tmp_path / "gone"), "-o", str(tmp_path / "out")])
        message = capsys.readouterr().err
    except SystemExit as stop:                   # the message is the one line Python prints
        code, message = 1, str(stop.code)
    assert code != 0 and "no such input" in message and "gone" in message and "Traceback" not in message


def test_the_output_marker_name_is_shared_with_the_run():
    assert OUTPUT_MARKER == "_warta_output.json"


@pytest.mark.parametrize("value, code", [("ID", "id"), ("id-ID", "id"), ("ind", "id"), ("Indonesian", "id"),
                                         ("en_US", "en"), (" English ", "en"), ("ms", "other"),
                                         ("klingon", None), ("../../../x", None), (12, None), ("", None)])
def test_normalize_lang(value, code):
    assert normalize_lang(value) == code


@pytest.mark.parametrize("record, partition", [
    ({"lang": "id", "published": "2024-05-02"}, ("id", "2024-05")),
    ({"lang": None, "published": None}, ("unknown", "unknown")),
    ({"lang": "../../../x", "published": "../../x/y"}, ("other", "unknown")),
    ({"lang": "en", "published": "2024-13-01"}, ("en", "unknown")),
    ({"lang": "other", "published": 1e308}, ("other", "unknown"))])
def test_partition_values_come_from_a_fixed_set(record, partition):
    assert partition_of(record) == partition


def test_csv_rows_after_a_bad_row_stay_readable(tmp_path):
    (tmp_path / "rows.csv").write_bytes(b"id,text,title\nr2,Satu.,\nr3,\"Dua\"x,\nr4,\"Tiga,\nempat\",T\nr5,Lima.\n")
    docs = list(iter_inputs([tmp_path / "rows.csv"]))
    assert [(d.doc_id, d.text, d.title) for d in docs if not d.error] == [
        ("r2", "Satu.", None), ("r4", "Tiga,\nempat", "T"), ("r5", "Lima.", None)]
    [bad] = [d for d in docs if d.error]
    assert "rows.csv:3: malformed CSV row" in bad.error


def test_a_gz_holding_an_empty_text_and_a_zero_byte_jsonl(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "b.jsonl").write_bytes(b"")
    docs = list(iter_inputs([tmp_path]))
    assert [(d.doc_id, d.text) for d in docs] == [("a", ""), (str(tmp_path / "b.jsonl"), None)]
    assert "no documents in the file" in docs[1].error


# ---------------------------------------------------------------- warta show

def test_show_on_an_empty_folder_or_file_is_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    for target, message in ((tmp_path / "empty", "no document to show"),
                            (tmp_path / "empty.jsonl", "no documents in the file")):
        assert main(["-q", "show", str(target), "-o", str(tmp_path / "page.html")]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "page.html").exists()


def test_show_escapes_what_it_puts_into_the_page(tmp_path):
    (tmp_path / "a<b>&c.txt").write_text(ID_TEXT + " <script>run()</script>", encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["-q", "show", str(tmp_path / "a<b>&c.txt"), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "a&lt;b&gt;&amp;c (id)" in html and "<b>&c" not in html
    assert "&lt;script&gt;run()&lt;/script&gt;" in html and "<script>" not in html


def test_render_html_escapes_title_and_labels():
    from warta.visualize import render_html

    text = "Harga naik 5 persen."
    span = make_span(11, 19, "FIGURE", "5 persen", value=5, unit="<img src=x onerror=alert(1)>", qualifier="=")
    record = make_doc_record("d", text, lang="id", title="<script>alert('t')</script>", spans=[span])
    html = render_html(text, record)
    assert "<script>alert('t')" not in html and "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; (id)" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
