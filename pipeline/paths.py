"""Where Warta finds its files: shipped models, training configs, the corpus and ``../shared``.

An installed wheel carries the models and configs inside the package (``warta/models``,
``warta/configs``); a source checkout keeps them beside the package folder (``models/``,
``configs/`` at the repository root). ``WARTA_MODELS_DIR`` overrides the models' folder and
``WARTA_SHARED`` the folder holding ``data/`` (the third-party corpora, never shipped).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# the repository root of a source checkout; in an installed wheel this is site-packages, and the
# folders a checkout keeps beside the package (corpus/, training/, ../shared) are taken from the
# working directory instead
REPO_ROOT = PACKAGE_DIR.parent
IN_CHECKOUT = PACKAGE_DIR.name == "pipeline" and (REPO_ROOT / "pyproject.toml").is_file()
MODELS_ENV = "WARTA_MODELS_DIR"
SHARED_ENV = "WARTA_SHARED"


@lru_cache(maxsize=None)          # the installed layout does not change while a process runs
def _inside_or_beside(name: str) -> Path:
    """``warta/<name>`` when the package carries it (a wheel), else ``<repo>/<name>`` (a checkout)."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else REPO_ROOT / name


def models_dir() -> Path:
    """The folder holding ``<lang>_ner/`` and ``langid/``."""
    override = os.environ.get(MODELS_ENV)
    return Path(override) if override else _inside_or_beside("models")


def ner_model_dir(lang: str) -> Path:
    """The shipped NER model of ``lang`` (it may be absent: a blank pipeline is used then)."""
    return models_dir() / f"{lang}_ner"


def langid_model_path() -> Path:
    return models_dir() / "langid" / "model.json.gz"


def configs_dir() -> Path:
    """Training recipes, spaCy training configs and label maps (``configs/``)."""
    return _inside_or_beside("configs")


def shared_dir() -> Path:
    """``../shared`` beside the checkout (``WARTA_SHARED`` overrides): third-party data, referenced only."""
    override = os.environ.get(SHARED_ENV)
    if override:
        return Path(override)
    return (REPO_ROOT if IN_CHECKOUT else Path.cwd()).parent / "shared"


def shared_data_dir() -> Path:
    return shared_dir() / "data"


def corpus_dir() -> Path:
    """The project's own corpus (documents and gold are not in the wheel: ``./corpus`` there)."""
    return (REPO_ROOT if IN_CHECKOUT else Path.cwd()) / "corpus"


def training_scratch_dir() -> Path:
    """Scratch space for training corpora and checkpoints (git-ignored in a checkout; ``./training``
    for an installed package, never site-packages)."""
    return (REPO_ROOT if IN_CHECKOUT else Path.cwd()) / "training"
