"""The hand-annotated FIGURE, DATE and QUOTE development gold sets keep their scores (thresholds in tests/baselines).

The Indonesian sets refer to sentences of ../shared/data by file, line and text_sha256; where
../shared is absent (a user's clone) those tests skip and say why. The English sets carry their own
text (written by this project) and always run.
"""
import json
import re
from pathlib import Path

import pytest

from warta.cli import main
from warta.paths import corpus_dir
from warta.evaluation.gold import load_gold
from warta.lang import load_lang_data
from warta.evaluation.spans import evaluate, format_report, regressions
from warta.batch.io import read_jsonl
from warta.paths import shared_dir

BASELINES = Path(__file__).parent / "baselines"
GOLD_SETS = ["figures_id", "figures_en", "figures_dev2_id", "dates_id", "dates_en", "quotes_dev_id", "quotes_dev_en"]


def needs_shared(name: str) -> bool:
    return any("source" in record for record in read_jsonl(corpus_dir() / "gold" / f"{name}.jsonl"))


@pytest.mark.parametrize("name", GOLD_SETS)
def test_gold_set_keeps_its_scores(name, tmp_path):
    if needs_shared(name) and not (shared_dir() / "data").exists():
        pytest.skip(f"{name} refers to texts in {shared_dir()}/data, which is absent here (a user's clone)")
    gold_path = corpus_dir() / "gold" / f"{name}.jsonl"
    gold = load_gold(gold_path)                         # also checks every text_sha256 and offset
    assert main(["-q", "extract", str(gold_path), "-o", str(tmp_path)]) == 0
    predictions = read_jsonl(tmp_path / "documents.jsonl")
    assert len(predictions) == len(gold) and all(p["status"] == "ok" for p in predictions)
    metrics = evaluate(gold, predictions)
    thresholds = json.loads((BASELINES / f"{name}.json").read_text(encoding="utf-8"))
    dropped = regressions(metrics, thresholds, max_drop=0.0)
    assert not dropped, "\n".join(dropped) + "\n\n" + format_report(metrics, show_documents=False)


FIGURE_SETS = ["figures_id", "figures_en", "figures_dev2_id"]


def figure_spans(name: str):
    for record in read_jsonl(corpus_dir() / "gold" / f"{name}.jsonl"):
        for span in record["spans"]:
            if span["label"] == "FIGURE":
                yield record["lang"], record["doc_id"], span


@pytest.mark.parametrize("name", FIGURE_SETS)
def test_gold_measurement_units_are_symbols(name):
    """Settled case: a measurement's unit is its symbol ("meter" -> m, "hektare" -> ha), the one the
    language data's measures table gives, so gold and extractor write the same unit."""
    long_forms = []
    for lang, doc_id, span in figure_spans(name):
        measures = load_lang_data(lang, "numbers")["measures"]
        symbol = measures.get(str(span.get("unit", "")).lower())
        if symbol is not None and symbol != span["unit"]:
            long_forms.append(f"{doc_id} {span['text']!r}: unit {span['unit']!r}, the symbol is {symbol!r}")
    assert not long_forms, "\n".join(long_forms)


@pytest.mark.parametrize("name", FIGURE_SETS)
def test_gold_approximate_plurals_are_ranges(name):
    """Settled case: an approximate plural ("ratusan", "thousands") is value = low end, value_max = high
    end, qualifier '~'."""
    wrong = []
    for lang, doc_id, span in figure_spans(name):
        words = load_lang_data(lang, "numbers")["approximate_words"]
        if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", span["text"], re.IGNORECASE) for word in words):
            if not (span.get("value_max", 0) > span["value"] and span["qualifier"] == "~"):
                wrong.append(f"{doc_id} {span['text']!r}: value {span['value']}, value_max "
                             f"{span.get('value_max')}, qualifier {span['qualifier']!r}")
    assert not wrong, "\n".join(wrong)
