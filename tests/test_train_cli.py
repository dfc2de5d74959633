"""The training command's options reach the training run, and the corpora it builds (nothing is trained here)."""
from pathlib import Path

import pytest

import warta.training.ner as train


class Stop(Exception):
    """Raised by a stand-in to end run_training before any corpus is built."""


def test_scratch_dir_holds_the_corpora(monkeypatch, tmp_path):
    def build_corpora(lang, data_dir, scratch, label_map, recipe=None):
        raise Stop(scratch)

    monkeypatch.setattr(train, "build_corpora", build_corpora)
    with pytest.raises(Stop) as stopped:
        train.run_training("id", scratch_dir=tmp_path / "run-a")
    assert stopped.value.args[0] == tmp_path / "run-a" / "corpus"
    with pytest.raises(Stop) as stopped:
        train.run_training("id")
    assert stopped.value.args[0] == train.SCRATCH_DIR / "id" / "corpus"


def test_command_line_options_reach_run_training(monkeypatch, tmp_path, capsys):
    seen = {}

    def run_training(*args, **kwargs):
        seen.update(kwargs, args=args)
        return {"valid": {}, "speed": {}, "size_mb": 0.0, "training": {}}

    monkeypatch.setattr(train, "run_training", run_training)
    assert train.main(["--lang", "id", "--scratch-dir", str(tmp_path / "s"), "--upsample", "nerp=3",
                       "--borrow", "en:wikiann"]) == 0
    assert seen["scratch_dir"] == Path(tmp_path / "s")
    assert seen["upsample"] == {"nerp": 3}
    assert seen["borrow"] == ["en:wikiann"]
    assert seen["args"][0] == "id"
    assert train.main(["--lang", "en"]) == 0
    assert seen["scratch_dir"] is None and seen["upsample"] is None and seen["borrow"] is None
    assert '"valid"' in capsys.readouterr().out


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


def test_borrowed_corpus_trains_under_its_own_label_map_and_keeps_out_of_dev(tmp_path):
    data = _mini_data(tmp_path / "data")
    recipe = dict(train.DATA_RECIPE, upsample={}, lowercase_copy_fraction=0.0, borrow=["en:wikiann"])
    stats = train.build_corpora("id", data, tmp_path / "corpus", train.load_label_map(), recipe=recipe)
    assert list(stats["corpora"]) == ["nerui", "wikiann-en"]
    assert stats["corpora"]["wikiann-en"]["source_corpus"] == "en/wikiann"
    assert stats["corpora"]["wikiann-en"]["valid_sentences"] == 0
    assert stats["dev_docs"] == 1                      # NER UI's valid sentence only, not WikiANN's
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    train_docs = list(DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(nlp.vocab))
    ents = {d.text: [(e.text, e.label_) for e in d.ents] for d in train_docs}
    assert ents == {"Budi ke Medan": [("Budi", "PERSON"), ("Medan", "PLACE")],
                    "Mary visited Oslo": [("Mary", "PERSON"), ("Oslo", "PLACE")]}
    assert train.source_of("wikiann-en", stats["corpora"]["wikiann-en"]).startswith("WikiANN English")


def test_borrowing_a_missing_corpus_names_it(tmp_path):
    data = _mini_data(tmp_path / "data")
    recipe = dict(train.DATA_RECIPE, borrow=["en:nosuch"])
    with pytest.raises(FileNotFoundError, match="en:nosuch"):
        train.build_corpora("id", data, tmp_path / "corpus", train.load_label_map(), recipe=recipe)


def test_model_card_lists_a_borrowed_corpus_with_its_own_label_map():
    corpora = {"wikiann": {"source_corpus": "en/wikiann"}, "nergrit-id": {"source_corpus": "id/nergrit"}}
    rows = train._borrowed_label_map_lines(corpora, ["PERSON", "ORG", "PLACE"])
    assert rows == ["| nergrit-id | PERSON | ORGANISATION | PLACE | – |"]
    text = "\n".join(train._borrowed_lines(corpora))
    assert "`id/nergrit`" in text and "en/wikiann" not in text
    assert train._borrowed_lines({"wikiann": {"source_corpus": "en/wikiann"}}) == []
