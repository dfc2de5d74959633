"""``warta evaluate`` on small hand-made gold/prediction pairs whose scores are worked out by hand."""
import json

import pytest

from warta.cli import main
from warta.evaluation.spans import evaluate, regressions
from warta.records import make_span, text_sha256

TEXT = "Ani Sari bekerja di Bank Rakyat. 5 orang datang ke Medan."
# offsets: Ani Sari 0-8, Bank Rakyat 20-31, "5" 33-34, Medan 51-56


def doc(spans, doc_id="d1"):
    return {"doc_id": doc_id, "text_sha256": None, "spans": spans}


GOLD = doc([make_span(0, 8, "PERSON", "Ani Sari"),
            make_span(20, 31, "ORG", "Bank Rakyat"),
            make_span(33, 34, "FIGURE", "5", value=5, unit="orang", qualifier="=")])
PRED = doc([make_span(0, 8, "PERSON", "Ani Sari"),                   # exact
            make_span(25, 31, "ORG", "Rakyat"),                      # overlap only: lenient yes, strict no
            make_span(33, 34, "FIGURE", "5", value=6, unit="orang"),  # right span, wrong value
            make_span(51, 56, "PLACE", "Medan")])                     # false alarm


@pytest.fixture(scope="module")
def metrics():
    return evaluate([GOLD], [PRED])


def test_strict_per_label(metrics):
    per = metrics["strict"]["per_label"]
    assert per["PERSON"]["f1"] == 1.0
    assert per["ORG"]["f1"] == 0.0 and per["ORG"]["incorrect"] == 1
    assert per["FIGURE"]["f1"] == 1.0
    assert per["PLACE"]["precision"] == 0.0 and per["PLACE"]["spurious"] == 1


def test_lenient_counts_overlap(metrics):
    assert metrics["lenient"]["per_label"]["ORG"]["f1"] == 1.0


def test_micro_strict_and_lenient(metrics):
    # strict: correct 2, incorrect 1, spurious 1 -> P = 2/4, R = 2/3
    assert metrics["strict"]["micro"]["precision"] == 0.5
    assert metrics["strict"]["micro"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["strict"]["micro"]["f1"] == pytest.approx(4 / 7, abs=1e-4)
    # lenient: correct 3, spurious 1 -> P = 3/4, R = 1
    assert metrics["lenient"]["micro"]["precision"] == 0.75
    assert metrics["lenient"]["micro"]["recall"] == 1.0


def test_macro_is_mean_over_gold_labels(metrics):
    # strict per-label F1 over PERSON, ORG, FIGURE = (1 + 0 + 1) / 3; PLACE is not in the gold
    assert metrics["strict"]["macro"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["lenient"]["macro"]["f1"] == 1.0


def test_figure_value_accuracy(metrics):
    values = metrics["values"]["FIGURE"]
    assert values == {"matched": 1, "value": 0.0, "unit": 1.0, "qualifier": 1.0}


def test_per_document_misses_and_false_alarms():
    gold = doc(GOLD["spans"] + [make_span(51, 56, "ORG", "Medan"), make_span(39, 45, "PLACE", "datang")])
    result = evaluate([gold], [PRED])
    detail = result["per_document"][0]
    assert detail["doc_id"] == "d1"
    assert [s["text"] for s in detail["missed"]] == ["datang"]
    assert [s["text"] for s in detail["wrong_label"]] == ["Medan"]
    assert detail["value_errors"][0]["value"] == {"gold": 5, "pred": 6}


def test_missing_prediction_counts_as_all_missed():
    result = evaluate([GOLD], [])
    assert result["strict"]["micro"]["recall"] == 0.0
    assert len(result["per_document"][0]["missed"]) == 3


def test_ranges_must_match_both_ends():
    gold = doc([make_span(0, 5, "FIGURE", "10-20", value=10, value_max=20, unit="%")])
    pred = doc([make_span(0, 5, "FIGURE", "10-20", value=10, value_max=25, unit="%")])
    assert evaluate([gold], [pred])["values"]["FIGURE"]["value"] == 0.0


def test_regressions_detect_a_drop(metrics):
    perfect = evaluate([GOLD], [GOLD])
    dropped = regressions(metrics, perfect, max_drop=0.05)
    assert any(line.startswith("strict.micro.f1") for line in dropped)
    assert regressions(perfect, perfect, max_drop=0.0) == []
    assert regressions(metrics, metrics, max_drop=0.0) == []


def test_cli_exit_code_and_json(tmp_path, capsys):
    gold, pred, perfect = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "perfect.json"
    gold.write_text(json.dumps(GOLD) + "\n")
    pred.write_text(json.dumps(PRED) + "\n")
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(gold), "--json", str(perfect)]) == 0
    assert json.loads(perfect.read_text())["strict"]["micro"]["f1"] == 1.0
    out = tmp_path / "m.json"
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "PERSON" in printed and "false_alarms" in printed and "Medan" in printed
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred),
                 "--baseline", str(perfect), "--max-drop", "0.1"]) == 1
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred),
                 "--baseline", str(out), "--max-drop", "0"]) == 0


def test_name_canonical_and_en_accuracy(tmp_path, capsys):
    # checked only where the gold span has the field: the person has no `en`, Medan has neither
    text_gold = doc([make_span(0, 8, "PERSON", "Ani Sari", canonical="Ani Sari"),
                     make_span(20, 31, "ORG", "Bank Rakyat", canonical="Bank Rakyat Indonesia", en="Bank Rakyat Indonesia"),
                     make_span(33, 34, "PLACE", "5", canonical="Lima", en="Five"),
                     make_span(51, 56, "PLACE", "Medan")])
    text_pred = doc([make_span(0, 8, "PERSON", "Ani Sari", canonical="ani sari"),     # case is ignored
                     make_span(20, 31, "ORG", "Bank Rakyat", canonical="Bank Rakyat"),  # wrong canonical, no en
                     make_span(33, 34, "PLACE", "5", canonical="Lima", en="Five"),
                     make_span(51, 56, "PLACE", "Medan", canonical="Medan", en="Medan")])
    result = evaluate([text_gold], [text_pred])
    values = result["values"]
    assert values["PERSON"] == {"matched": 1, "checked": {"canonical": 1}, "canonical": 1.0}
    assert values["ORG"] == {"matched": 1, "checked": {"canonical": 1, "en": 1}, "canonical": 0.0, "en": 0.0}
    assert values["PLACE"] == {"matched": 2, "checked": {"canonical": 1, "en": 1}, "canonical": 1.0, "en": 1.0}
    errors = result["per_document"][0]["value_errors"]
    assert errors == [{"text": "Bank Rakyat", "label": "ORG", "start": 20,
                       "canonical": {"gold": "Bank Rakyat Indonesia", "pred": "Bank Rakyat"},
                       "en": {"gold": "Bank Rakyat Indonesia", "pred": None}}]
    from warta.evaluation.spans import flatten_scores, format_report
    flat = flatten_scores(result)
    assert flat["values.ORG.canonical"] == 0.0 and flat["values.PLACE.en"] == 1.0
    assert "values.PERSON.en" not in flat                       # no gold person has an English name
    assert "ORG values over 1 matched spans: canonical 0.000 (1 with gold), en 0.000 (1 with gold)" \
        in format_report(result)
    # gold without the fields (the figure/date gold sets): no name accuracy at all
    assert "ORG" not in evaluate([GOLD], [PRED])["values"]
    # visible in `warta evaluate` and its --json
    gold, pred, out = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "m.json"
    gold.write_text(json.dumps(text_gold) + "\n")
    pred.write_text(json.dumps(text_pred) + "\n")
    assert main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred), "--json", str(out)]) == 0
    assert "PLACE values over 2 matched spans: canonical 1.000 (1 with gold), en 1.000 (1 with gold)" \
        in capsys.readouterr().out
    assert json.loads(out.read_text())["values"]["ORG"]["canonical"] == 0.0


# ---------------------------------------------------------------- unscorable input: one line, exit 2

GOLD_WITH_TEXT = {**GOLD, "text": TEXT, "text_sha256": text_sha256(TEXT)}
PRED_SAME_TEXT = {**PRED, "text_sha256": text_sha256(TEXT)}


def run_evaluate(tmp_path, capsys, gold_lines, pred_lines, *extra):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("".join(line + "\n" for line in gold_lines), encoding="utf-8")
    pred.write_text("".join(line + "\n" for line in pred_lines), encoding="utf-8")
    code = main(["-q", "evaluate", "--gold", str(gold), "--pred", str(pred), *extra])
    captured = capsys.readouterr()
    return code, captured.err, captured.out


def span_dict(**fields):
    return {"start": 0, "end": 8, "label": "PERSON", "text": "Ani Sari", **fields}


@pytest.mark.parametrize("pred_lines, message", [
    ([json.dumps(doc([], doc_id="other"))], "none of the 1 gold documents has a prediction"),
    ([], "none of the 1 gold documents has a prediction"),
    (["{not json"], "pred.jsonl:1: malformed JSON"),
    (["[1, 2]"], "pred.jsonl:1: not a JSON object"),
    ([json.dumps({"spans": []})], "pred.jsonl:1: no 'doc_id'"),
    ([json.dumps(doc([{"start": 0, "end": 8, "text": "Ani Sari"}]))], "pred.jsonl:1: d1: span 1 has no label"),
    ([json.dumps(doc([span_dict(start="0")]))], "pred.jsonl:1: d1: span 1 (PERSON) needs integer offsets"),
    ([json.dumps(doc([span_dict(end=0)]))], "span 1 (PERSON) needs integer offsets 0 <= start < end"),
    ([json.dumps(doc([span_dict(text=None)]))], "span 1 (PERSON) has no text"),
    ([json.dumps({**doc([]), "spans": "none"})], "pred.jsonl:1: d1: 'spans' is not a list"),
    ([json.dumps(PRED_SAME_TEXT), json.dumps(PRED_SAME_TEXT)],
     "1 doc_ids appear more than once in the predictions (first: 'd1')"),
])
def test_malformed_or_unmatched_predictions_are_one_line(tmp_path, capsys, pred_lines, message):
    code, err, out = run_evaluate(tmp_path, capsys, [json.dumps(GOLD_WITH_TEXT)], pred_lines)
    assert code == 2 and err.count("\n") == 1 and message in err, err
    assert out == ""


def test_changed_text_is_refused_naming_the_document(tmp_path, capsys):
    gold = {**GOLD_WITH_TEXT, "doc_id": "berita-7"}
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps(gold)],
                                [json.dumps({**PRED, "doc_id": "berita-7", "text_sha256": "b" * 64})])
    assert code == 2 and "berita-7: the prediction was made on a different text" in err
    # an ok prediction without text_sha256 cannot be checked: refused too, never scored silently
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps(gold)], [json.dumps({**PRED, "doc_id": "berita-7"})])
    assert code == 2 and "berita-7: the prediction has no text_sha256" in err
    # an error record (no text) is scored as all missed
    failed = {**PRED, "doc_id": "berita-7", "status": "error", "spans": []}
    code, _, out = run_evaluate(tmp_path, capsys, [json.dumps(gold)], [json.dumps(failed)])
    assert code == 0 and "missed" in out


def test_gold_problems_are_one_line(tmp_path, capsys):
    pred = [json.dumps(PRED_SAME_TEXT)]
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps({**GOLD_WITH_TEXT, "text": TEXT + "!"})], pred)
    assert code == 2 and "d1: text_sha256" in err and "the text changed after the annotation" in err
    moved = {**GOLD, "text": "Lain sama sekali.", "text_sha256": text_sha256("Lain sama sekali.")}
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps(moved)], pred)
    assert code == 2 and "d1: span PERSON [0:8] says 'Ani Sari'" in err
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps(GOLD_WITH_TEXT), json.dumps(GOLD_WITH_TEXT)], pred)
    assert code == 2 and "appear more than once in the gold" in err
    code, err, _ = run_evaluate(tmp_path, capsys, [json.dumps(doc([{"start": 0, "end": 8, "text": "x"}]))], pred)
    assert code == 2 and "gold.jsonl:1: d1: span 1 has no label" in err
    code, err, _ = run_evaluate(tmp_path, capsys, [], pred)
    assert code == 2 and "no gold documents" in err


def test_missing_files_labels_and_baselines_are_one_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD_WITH_TEXT) + "\n", encoding="utf-8")
    cases = [(["--pred", str(tmp_path / "nowhere.jsonl")], "nowhere.jsonl: cannot read"),
             (["--pred", str(gold), "--labels", "PERSON,PEOPLE"], "unknown label 'PEOPLE'"),
             (["--pred", str(gold), "--baseline", str(tmp_path / "none.json")], "none.json: not a usable baseline")]
    (tmp_path / "bad.json").write_text('{"strict": {"micro": 1}}', encoding="utf-8")
    cases.append((["--pred", str(gold), "--baseline", str(tmp_path / "bad.json")], "bad.json: not a usable baseline"))
    for extra, message in cases:
        code = main(["-q", "evaluate", "--gold", str(gold), *extra])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and message in err, (extra, err)


def test_some_gold_without_prediction_is_scored_as_missed_with_a_warning(tmp_path, capsys, caplog):
    second = {**GOLD_WITH_TEXT, "doc_id": "d2"}
    code, _, out = run_evaluate(tmp_path, capsys, [json.dumps(GOLD_WITH_TEXT), json.dumps(second)],
                                [json.dumps(PRED_SAME_TEXT)])
    assert code == 0 and "documents: 2" in out
    assert "1 of 2 gold documents have no prediction" in caplog.text


def test_spans_awaiting_review_count_for_spans_not_values():
    """A span `warta import` marked for review has no values yet: it is matched, not a value error."""
    text = "Harga naik 4 persen dan 5 persen."
    gold = [{"doc_id": "d", "text": text, "spans": [
        make_span(11, 19, "FIGURE", "4 persen", value=4, unit="%", qualifier="="),
        {**make_span(24, 32, "FIGURE", "5 persen"), "review": True}]}]
    pred = [{"doc_id": "d", "status": "ok", "spans": [
        make_span(11, 19, "FIGURE", "4 persen", value=4, unit="%", qualifier="="),
        make_span(24, 32, "FIGURE", "5 persen", value=5, unit="%", qualifier="=")]}]
    values = evaluate(gold, pred)["values"]["FIGURE"]
    assert values["matched"] == 2 and values["to_review"] == 1 and values["value"] == 1.0
