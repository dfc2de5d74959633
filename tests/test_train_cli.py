"""`warta train` and `warta lexicons`: options reach the training run, the recipes, the corpora it
builds and the model cards it writes (nothing is trained here)."""
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import warta.training.ner as ner
from warta import paths
from warta.cli import main
from warta.evaluation.label_maps import load_label_map
from warta.evaluation.scores import prf
from warta.lang import SUPPORTED_LANGS
from warta.training import cards, recipes
from warta.training.corpora import build_corpora


class Stop(Exception):
    """Raised by a stand-in to end run_training before any corpus is built."""


@pytest.fixture
def corpora_seen(monkeypatch):
    """run_training stops where it would build the corpora; what it passed is kept."""
    seen = {}

    def stand_in(lang, data_dir, scratch, label_map, recipe):
        seen.update(lang=lang, data_dir=data_dir, scratch=scratch, label_map=label_map, recipe=recipe)
        raise Stop

    monkeypatch.setattr(ner, "build_corpora", stand_in)
    return seen


def test_scratch_dir_holds_the_corpora(corpora_seen, tmp_path):
    with pytest.raises(Stop):
        ner.run_training("id", scratch_dir=tmp_path / "run-a")
    assert corpora_seen["scratch"] == tmp_path / "run-a" / "corpus"
    with pytest.raises(Stop):
        ner.run_training("id")
    assert corpora_seen["scratch"] == paths.training_scratch_dir() / "id" / "corpus"


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_run_training_reads_the_language_recipe(corpora_seen, lang):
    with pytest.raises(Stop):
        ner.run_training(lang)
    assert corpora_seen["recipe"] == recipes.data_recipe_for(lang)
    assert corpora_seen["label_map"] == load_label_map(recipes.label_map_path_for(lang))


def test_upsample_and_borrow_replace_the_recipe_s(corpora_seen):
    with pytest.raises(Stop):
        ner.run_training("en", upsample={"wnut17": 3}, borrow=[])
    assert corpora_seen["recipe"]["upsample"] == {"wnut17": 3} and corpora_seen["recipe"]["borrow"] == []
    assert recipes.data_recipe_for("en")["upsample"] == {"wikiann": 2}       # the recipe itself is untouched


@pytest.fixture
def training_seen(monkeypatch):
    seen = {}

    def run_training(**kwargs):
        seen.update(kwargs)
        return {"valid": {}, "speed": {}, "size_mb": 0.0, "training": {}}

    monkeypatch.setattr(ner, "run_training", run_training)
    return seen


def test_every_train_option_reaches_run_training(training_seen, tmp_path, capsys):
    assert main(["train", "--lang", "en", "--data", str(tmp_path / "d"), "--output", str(tmp_path / "m"),
                 "--max-minutes", "5", "--max-steps", "100", "--upsample", "nerp=3", "--upsample", "wikiann=1",
                 "--borrow", "id:nerui", "--config", str(tmp_path / "c.cfg"), "--scratch-dir", str(tmp_path / "s")]) == 0
    assert training_seen == {"lang": "en", "data_dir": tmp_path / "d", "output_dir": tmp_path / "m", "max_minutes": 5.0,
                             "max_steps": 100, "upsample": {"nerp": 3, "wikiann": 1}, "borrow": ["id:nerui"],
                             "config_path": tmp_path / "c.cfg", "scratch_dir": tmp_path / "s"}
    assert '"valid"' in capsys.readouterr().out


def test_train_defaults_are_the_recipe_s(training_seen):
    assert main(["train"]) == 0
    assert training_seen["lang"] == "id" and training_seen["data_dir"] == Path("../shared/data")
    assert training_seen["max_minutes"] == recipes.TIME_BUDGET_MINUTES
    assert all(training_seen[k] is None for k in ("output_dir", "max_steps", "upsample", "borrow", "config_path",
                                                  "scratch_dir"))


def test_a_malformed_upsample_is_refused(training_seen):
    with pytest.raises(SystemExit) as stopped:
        main(["train", "--upsample", "nerp"])
    assert stopped.value.code == 2 and not training_seen


def test_evaluate_only_scores_the_model_without_training(monkeypatch, training_seen, tmp_path, capsys):
    seen = {}
    monkeypatch.setattr(ner, "evaluate_model", lambda output, lang, data_dir: seen.update(
        output=output, lang=lang, data_dir=data_dir) or {"valid": {"wikiann": {"micro_f1": 0.5}}})
    assert main(["train", "--lang", "en", "--evaluate-only", "--data", str(tmp_path)]) == 0
    assert seen == {"output": Path("models") / "en_ner", "lang": "en", "data_dir": tmp_path}
    assert json.loads(capsys.readouterr().out) == {"valid": {"wikiann": {"micro_f1": 0.5}}}
    assert not training_seen
    assert main(["train", "--iob", str(tmp_path / "x.iob")]) == 2       # --iob only with --evaluate-only


# ------------------------------------------------------------------------------- recipes

@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_every_language_has_a_complete_recipe(lang):
    recipe = recipes.training_recipe(lang)
    assert recipes.spacy_config_path_for(lang).is_file() and recipes.label_map_path_for(lang).is_file()
    assert recipes.max_steps_for(lang) > 0 and recipes.model_version_for(lang)
    assert set(recipes.targets_for(lang)) <= set(recipe["sources"])
    assert {"lowercase_copy_fraction", "keep_lowercase_original", "upsample", "lowercase_corpus_threshold"} <= set(recipe["data"])
    assert recipes.lexicon_settings_for(lang)["org_heads_min_count"] > 0


def test_an_unknown_language_has_no_recipe():
    with pytest.raises(FileNotFoundError, match="no training recipe"):
        recipes.data_recipe_for("xx")


def test_prf_counts():
    assert prf(3, 1, 2) == {"p": 0.75, "r": 0.6, "f1": 0.6667}
    assert prf(0, 0, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}


# ------------------------------------------------------------------------------- corpora

def _write_iob(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in sentences) + "\n", encoding="utf-8")


def _mini_data(root: Path) -> Path:
    """An Indonesian corpus (NER UI's labels) and an English one (WikiANN's), each with a valid split."""
    _write_iob(root / "ner/id/nerui/train.iob", [[("Budi", "B-PERSON"), ("ke", "O"), ("Medan", "B-LOCATION")]])
    _write_iob(root / "ner/id/nerui/valid.iob", [[("Ani", "B-PERSON"), ("pulang", "O")]])
    _write_iob(root / "ner/en/wikiann/train.iob", [[("Mary", "B-PER"), ("visited", "O"), ("Oslo", "B-LOC")]])
    _write_iob(root / "ner/en/wikiann/valid.iob", [[("Held", "O"), ("out", "O")]])
    return root


def _id_label_map() -> dict:
    return load_label_map(recipes.label_map_path_for("id"))


def test_borrowed_corpus_trains_under_its_own_label_map_and_keeps_out_of_dev(tmp_path):
    data = _mini_data(tmp_path / "data")
    recipe = dict(recipes.data_recipe_for("id"), upsample={}, lowercase_copy_fraction=0.0, borrow=["en:wikiann"])
    stats = build_corpora("id", data, tmp_path / "corpus", _id_label_map(), recipe=recipe)
    assert list(stats["corpora"]) == ["nerui", "wikiann-en"]
    assert stats["corpora"]["wikiann-en"]["source_corpus"] == "en/wikiann"
    assert stats["corpora"]["wikiann-en"]["valid_sentences"] == 0
    assert stats["dev_docs"] == 1                      # NER UI's valid sentence only, not WikiANN's
    nlp = spacy.blank("id")
    train_docs = list(DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(nlp.vocab))
    ents = {d.text: [(e.text, e.label_) for e in d.ents] for d in train_docs}
    assert ents == {"Budi ke Medan": [("Budi", "PERSON"), ("Medan", "PLACE")],
                    "Mary visited Oslo": [("Mary", "PERSON"), ("Oslo", "PLACE")]}
    assert recipes.source_of("id", "wikiann-en", stats["corpora"]["wikiann-en"]).startswith("WikiANN English")


def test_borrowing_a_missing_corpus_names_it(tmp_path):
    data = _mini_data(tmp_path / "data")
    recipe = dict(recipes.data_recipe_for("id"), borrow=["en:nosuch"])
    with pytest.raises(FileNotFoundError, match="en:nosuch"):
        build_corpora("id", data, tmp_path / "corpus", _id_label_map(), recipe=recipe)


def test_lexicons_command_records_itself(tmp_path):
    data = _mini_data(tmp_path / "data")
    out = tmp_path / "heads.json"
    assert main(["lexicons", "org-heads", "--lang", "id", "--data", str(data), "--min-count", "1", "-o", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["command"] == f"warta lexicons org-heads --lang id --data {data} --min-count 1 --min-precision 0.5"
    assert written["sources"] == ["ner/id/nerui/train.iob"]


# ------------------------------------------------------------------------------- model cards

@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_shipped_card_is_what_the_renderer_makes_of_its_metrics(lang):
    model_dir = paths.ner_model_dir(lang)
    metrics = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))
    label_map = load_label_map(recipes.label_map_path_for(lang))
    card = cards.model_card(metrics, label_map, model_dir)
    assert card == (model_dir / "MODEL_CARD.md").read_text(encoding="utf-8")
    # the card names today's command and files, not the entry points that went with the split of train.py
    assert f"warta train --lang {lang}" in card and f"configs/training_{lang}.json" in card
    assert "pipeline/train.py" not in card and "python -m warta.training" not in card


def test_model_card_lists_a_borrowed_corpus_with_its_own_label_map():
    corpora = {"wikiann": {"source_corpus": "en/wikiann"}, "nergrit-id": {"source_corpus": "id/nergrit"}}
    label_map = {"corpora": {"wikiann": {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "MISC": None}}}
    rows = cards.label_map_lines("en", label_map, corpora, ["PERSON", "ORG", "PLACE"])
    assert rows[2:] == ["| wikiann | PER | ORG | LOC | MISC |", "| nergrit-id | PERSON | ORGANISATION | PLACE | – |"]
    text = "\n".join(cards.borrowed_lines("en", corpora))
    assert "`id/nergrit`" in text and "en/wikiann" not in text
    assert cards.borrowed_lines("en", {"wikiann": {"source_corpus": "en/wikiann"}}) == []
