"""The hand-annotated FIGURE and DATE gold sets keep their scores (thresholds in tests/baselines).

The Indonesian sets refer to sentences of ../shared/data by file, line and text_sha256; where
../shared is absent (a user's clone) those tests skip and say why. The English sets carry their own
text (written by this project) and always run.
"""
import json
from pathlib import Path

import pytest

from warta.cli import main
from warta.paths import corpus_dir
from warta.evaluation.gold import load_gold
from warta.evaluation.spans import evaluate, format_report, regressions
from warta.batch.io import read_jsonl
from warta.paths import shared_dir

BASELINES = Path(__file__).parent / "baselines"
GOLD_SETS = ["figures_id", "figures_en", "dates_id", "dates_en"]


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
