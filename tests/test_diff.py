"""``warta diff``: planted changes of each kind are reported once, a run against itself is empty."""
import json

import pytest

from warta.cli import main
from warta.evaluation.diff import DiffError, add_contexts, diff_runs, diff_spans, parse_threshold
from warta.records import make_span, text_sha256

TEXT = "Ani Sari bekerja di Bank Rakyat sejak 2020. Ada 5 orang datang ke Medan <b>."
# offsets: Ani Sari 0-8, Bank Rakyat 20-31, 2020 38-42, "5 orang" 48-55, Medan 66-71


def record(doc_id, spans, text=TEXT, inline=False, **extra):
    """A document record; ``inline`` also carries the text (for the context of samples)."""
    return {"doc_id": doc_id, "lang": "id", "published": "2024-01-02", "text_sha256": text_sha256(text),
            "status": "ok", "spans": spans, **({"text": text} if inline else {}), **extra}


def base_spans():
    return [make_span(0, 8, "PERSON", "Ani Sari", canonical="Ani Sari"),
            make_span(20, 31, "ORG", "Bank Rakyat", canonical="Bank Rakyat", en="Bank Rakyat"),
            make_span(38, 42, "DATE", "2020", value="2020", granularity="year"),
            make_span(48, 55, "FIGURE", "5 orang", value=5, unit="orang", qualifier="=")]


def write_run(folder, records):
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "documents.jsonl").open("w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return folder


def run_cli(*argv):
    return main(["-q", "diff", *map(str, argv)])


def test_run_against_itself_is_empty(tmp_path, capsys):
    old = write_run(tmp_path / "old", [record(f"d{i}", base_spans()) for i in range(3)])
    report = diff_runs(old, old / "documents.jsonl")
    assert report.is_empty() and report.documents["compared"] == 3
    assert run_cli(old, old, "--fail-on", "ALL:any>0%") == 0
    assert "no differences" in capsys.readouterr().out


def planted_changes():
    """The new spans of one document: one change of each kind against base_spans()."""
    spans = base_spans()
    spans[0] = make_span(0, 3, "PERSON", "Ani", canonical="Ani")                        # boundary
    spans[2] = make_span(38, 42, "DATE", "2020", value="2021", granularity="year")      # value
    del spans[1]                                                                        # removed ORG
    spans.append(make_span(66, 71, "PLACE", "Medan", canonical="Medan", en="Medan"))    # added
    return spans


def test_each_planted_change_is_reported_once(tmp_path):
    old = write_run(tmp_path / "old", [record("d1", base_spans()), record("d2", base_spans())])
    new = write_run(tmp_path / "new", [record("d1", base_spans()), record("d2", planted_changes())])
    report = diff_runs(old, new)
    assert dict(report.changes) == {("PERSON", "boundary"): 1, ("DATE", "value"): 1,
                                    ("ORG", "removed"): 1, ("PLACE", "added"): 1}
    assert report.per_label()["DATE"]["value_fields"] == {"value": 1}
    assert report.documents["changed"] == 1
    assert [entry["doc_id"] for entry in report.top_documents()] == ["d2"]
    samples = report.samples()
    assert {kind: len(entries) for kind, entries in samples.items()} == dict.fromkeys(samples, 1)
    assert samples["boundary"][0]["old"]["text"] == "Ani Sari" and samples["boundary"][0]["new"]["text"] == "Ani"


def test_figure_and_name_value_fields():
    old = base_spans()
    new = base_spans()
    new[3] = make_span(48, 55, "FIGURE", "5 orang", value=5, unit="jiwa", qualifier="~")
    new[1] = make_span(20, 31, "ORG", "Bank Rakyat", canonical="Bank Rakyat", en="People's Bank")
    changes = diff_spans(old, new)
    assert sorted((c.label, c.kind, c.fields) for c in changes) == [
        ("FIGURE", "value", ("unit", "qualifier")), ("ORG", "value", ("en",))]


def test_claims_compared_where_present(tmp_path):
    claim = {"speaker": "Ani Sari", "figure": 0}
    old = write_run(tmp_path / "old", [record("d1", base_spans(), claims=[claim])])
    new = write_run(tmp_path / "new", [record("d1", base_spans(), claims=[])])
    report = diff_runs(old, new)
    assert dict(report.changes) == {("CLAIM", "removed"): 1}
    plain = write_run(tmp_path / "plain", [record("d1", base_spans())])
    assert "CLAIM" not in diff_runs(plain, plain).per_label()


def test_documents_in_one_run_and_changed_text_are_not_compared(tmp_path, capsys):
    old = write_run(tmp_path / "old", [record("a", base_spans()), record("b", base_spans()),
                                       record("c", base_spans()), record("e", base_spans())])
    new = write_run(tmp_path / "new", [record("c", []), record("b", [], text=TEXT + " lagi"),
                                       record("z", base_spans()), {**record("e", []), "status": "error"}])
    report = diff_runs(old, new)
    assert report.findings["only_old"] == ["a"] and report.findings["only_new"] == ["z"]
    assert report.findings["text_changed"] == ["b"] and report.findings["status_changed"] == ["e"]
    assert report.documents["compared"] == 1                    # c, out of order, still paired
    assert report.changes[("PERSON", "removed")] == 1
    assert run_cli(old, new) == 0
    out = capsys.readouterr().out
    assert "only old: a" in out and "only new: z" in out and "text changed: b" in out and "status changed: e" in out


def test_text_report_lists_a_few_ids_and_counts_the_rest(tmp_path, capsys):
    old = write_run(tmp_path / "old", [record(f"d{i:02d}", []) for i in range(25)])
    new = write_run(tmp_path / "new", [])
    assert run_cli(old, new) == 0
    out = capsys.readouterr().out
    assert "only old: d00, d01, d02, d03, d04, d05, d06, d07, d08, d09 (+15 more)" in out
    assert len(diff_runs(old, new).as_dict()["document_ids"]["only_old"]) == 25


def test_fail_on_thresholds(tmp_path, capsys):
    old = write_run(tmp_path / "old", [record("d1", base_spans()), record("d2", base_spans())])
    new = write_run(tmp_path / "new", [record("d1", base_spans()), record("d2", planted_changes())])
    # ORG: 1 of 2 old spans removed = 50 %
    assert run_cli(old, new, "--fail-on", "ORG:removed>50%") == 0
    assert run_cli(old, new, "--fail-on", "ORG:removed>49%", "--fail-on", "FIGURE:any>0%") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["FAIL ORG:removed>49%: 1 of 2 ORG spans (50.00%) removed"]
    # every label: 4 changes of the old run's 8 spans = 50 %
    assert run_cli(old, new, "--fail-on", "ALL:any>50%") == 0
    assert run_cli(old, new, "--fail-on", "ALL:any>49.5%") == 1


@pytest.mark.parametrize("text", ["ORG:removed", "ORG:gone>1%", "NOPE:any>1%", "ORG:any>x%"])
def test_bad_threshold_is_one_line(tmp_path, capsys, text):
    old = write_run(tmp_path / "old", [record("d1", base_spans())])
    with pytest.raises(DiffError):
        parse_threshold(text)
    assert run_cli(old, old, "--fail-on", text) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("warta: error: --fail-on")


@pytest.mark.parametrize("line, problem", [
    ("{not json", "malformed JSON"),
    ('["a list"]', "not a JSON object"),
    ('{"spans": []}', "no 'doc_id'"),
    ('{"doc_id": "d9", "spans": [{"start": 5, "end": 2, "label": "ORG", "text": "x"}]}', "integer offsets"),
])
def test_malformed_file_is_one_line(tmp_path, capsys, line, problem):
    old = write_run(tmp_path / "old", [record("d1", base_spans())])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record("d1", base_spans())) + "\n" + line + "\n", encoding="utf-8")
    assert run_cli(old, bad) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.jsonl:2" in err and problem in err


def test_missing_run_and_duplicate_ids(tmp_path, capsys):
    old = write_run(tmp_path / "old", [record("d1", base_spans()), record("d2", base_spans())])
    assert run_cli(old, tmp_path / "nowhere") == 2
    assert "nowhere" in capsys.readouterr().err
    twice = write_run(tmp_path / "twice", [record("x", []), record("x", []), record("y", [])])
    assert run_cli(old, twice) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "appears twice" in err


def test_json_and_html_outputs_escape_and_mark(tmp_path):
    spans = [make_span(66, 71, "PLACE", "Medan"), make_span(72, 75, "ORG", "<b>")]
    old = write_run(tmp_path / "old", [record("<d&1>", [], inline=True)])
    new = write_run(tmp_path / "new", [record("<d&1>", spans, inline=True)])
    assert run_cli(old, new, "--json", tmp_path / "r.json", "--html", tmp_path / "r.html") == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["labels"]["ORG"]["added"] == 1 and report["labels"]["PLACE"]["added"] == 1
    context = next(s for s in report["samples"]["added"] if s["label"] == "PLACE")["new_context"]
    assert context == {"before": TEXT[26:66], "span": "Medan", "after": " <b>."}
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<b>" not in page and "&lt;d&amp;1&gt;" in page
    assert '<mark class="new">Medan</mark> &lt;b&gt;.' in page


def test_samples_reproducible_with_seed(tmp_path):
    many = [record(f"d{i}", base_spans()) for i in range(40)]
    changed = [record(f"d{i}", planted_changes()) for i in range(40)]
    old, new = write_run(tmp_path / "old", many), write_run(tmp_path / "new", changed)
    first, again = diff_runs(old, new, seed=3), diff_runs(old, new, seed=3)
    assert first.samples() == again.samples()
    assert len(first.samples()["added"]) == 5
    assert first.changes[("PLACE", "added")] == 40


def test_real_extract_runs(tmp_path, capsys):
    corpus_old, corpus_new = tmp_path / "c_old", tmp_path / "c_new"
    texts = {"a": "Presiden Joko Widodo tiba di Jakarta pada 12 Januari 2024 bersama 300 orang.",
             "b": "Bank Indonesia menaikkan suku bunga menjadi 6 persen pada Rabu."}
    for folder, changed in ((corpus_old, {}), (corpus_new, {"b": texts["b"].replace("6 persen", "7 persen")})):
        folder.mkdir()
        for name, text in {**texts, **changed}.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    for corpus, out in ((corpus_old, tmp_path / "out_old"), (corpus_new, tmp_path / "out_new")):
        assert main(["-q", "extract", str(corpus), "-o", str(out), "--lang", "id",
                     "--published", "2024-01-10"]) == 0
    capsys.readouterr()
    assert run_cli(tmp_path / "out_old", tmp_path / "out_old") == 0
    assert "no differences" in capsys.readouterr().out
    report = diff_runs(tmp_path / "out_old", tmp_path / "out_new")
    assert report.documents["compared"] == 1 and report.findings["text_changed"] == ["b"]


def test_benchmark_finds_what_it_planted():
    from warta.benchmarks.diff import run

    result = run(documents=400)
    assert result["changes_as_planted"] and sum(result["planted"].values()) > 0
    assert result["documents"] == 400 and result["peak_rss_mb"] > 0


def test_context_from_the_runs_inputs(tmp_path, capsys):
    """Records without text get their samples' context from --texts (only a text of the same hash)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "d2.txt").write_text(TEXT + " lagi", encoding="utf-8")       # not the run's text
    old = write_run(tmp_path / "old", [record("d1", base_spans()), record("d2", base_spans())])
    new = write_run(tmp_path / "new", [record("d1", planted_changes()), record("d2", planted_changes())])
    report = diff_runs(old, new)
    assert add_contexts(report, [corpus]) == 4                               # d1's four changes only
    value = next(s for s in report.samples()["value"] if s["doc_id"] == "d1")
    assert value["new_context"] == {"before": TEXT[:38], "span": "2020", "after": TEXT[42:82]}
    assert all(s["old_context"] is None for s in report.samples()["removed"] if s["doc_id"] == "d2")
    assert run_cli(old, new, "--texts", corpus) == 0
    assert "new: ...Ani Sari bekerja di Bank Rakyat sejak [[2020]]. Ada 5 orang" in capsys.readouterr().out


def test_unreadable_texts_are_warned_about(tmp_path, caplog):
    old = write_run(tmp_path / "old", [record("d1", base_spans())])
    new = write_run(tmp_path / "new", [record("d1", planted_changes())])
    assert add_contexts(diff_runs(old, new), [tmp_path / "nowhere"]) == 0
    assert any("--texts: 1 inputs unreadable" in r.message and r.levelname == "WARNING" for r in caplog.records)


def test_real_runs_differing_by_an_alias_file(tmp_path, capsys):
    """Two real ``warta extract`` runs over one text, the second with an alias file of its own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Wali Kota Eri Cahyadi tiba di Surabaya pada 12 Januari 2024 bersama 300 orang.",
                                  encoding="utf-8")
    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({"entries": [{"label": "PLACE", "canonical": "Kota Surabaya", "en": "Surabaya City",
                                                "aliases": ["Surabaya"]}]}), encoding="utf-8")
    common = ["-q", "extract", str(corpus), "--lang", "id", "--published", "2024-01-10"]
    assert main([*common, "-o", str(tmp_path / "old")]) == 0
    assert main([*common, "-o", str(tmp_path / "new"), "--aliases", str(aliases)]) == 0
    capsys.readouterr()
    assert run_cli(tmp_path / "old", tmp_path / "new", "--texts", corpus, "--fail-on", "PLACE:value>0%") == 1
    out, err = capsys.readouterr()
    assert "canonical 'Surabaya' -> 'Kota Surabaya'" in out and "[[Surabaya]]" in out
    assert err.strip() == "FAIL PLACE:value>0%: 1 of 1 PLACE spans (100.00%) value"
