"""The training command's options reach the training run (nothing is trained here)."""
from pathlib import Path

import pytest

import pipeline.train as train


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
    assert train.main(["--lang", "id", "--scratch-dir", str(tmp_path / "s"), "--upsample", "nerp=3"]) == 0
    assert seen["scratch_dir"] == Path(tmp_path / "s")
    assert seen["upsample"] == {"nerp": 3}
    assert seen["args"][0] == "id"
    assert train.main(["--lang", "en"]) == 0
    assert seen["scratch_dir"] is None and seen["upsample"] is None
    assert '"valid"' in capsys.readouterr().out
