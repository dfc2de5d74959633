"""Where Warta looks for its files, in a checkout and as an installed package."""
from __future__ import annotations

from pathlib import Path

from warta import paths


def test_a_checkout_finds_models_and_configs_beside_the_package():
    assert paths.IN_CHECKOUT
    assert paths.models_dir() == paths.REPO_ROOT / "models"
    assert (paths.ner_model_dir("id") / "meta.json").is_file()
    assert paths.langid_model_path().is_file()
    assert (paths.configs_dir() / "training_id.json").is_file()
    assert paths.training_scratch_dir() == paths.REPO_ROOT / "training"


def test_the_models_folder_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.MODELS_ENV, str(tmp_path))
    assert paths.ner_model_dir("en") == tmp_path / "en_ner"
    assert paths.langid_model_path() == tmp_path / "langid" / "model.json.gz"


def test_an_installed_package_never_writes_into_site_packages(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "IN_CHECKOUT", False)
    monkeypatch.delenv(paths.SHARED_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.training_scratch_dir() == Path.cwd() / "training"
    assert paths.corpus_dir() == Path.cwd() / "corpus"
    assert paths.shared_dir() == Path.cwd().parent / "shared"
