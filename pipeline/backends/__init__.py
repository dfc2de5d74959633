"""Backends: what turns text into tokens and named entities under Warta's own components.

A small registry maps a backend's name to the dotted path of its loader, imported only when that
backend is asked for, so the core never imports an optional library (stanza, torch). Each loader
returns an ordinary spaCy ``Language`` ending in ``warta_names``, ``warta_figures`` and
``warta_dates`` (:func:`warta.nlp.add_components`).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Callable

from spacy.language import Language

# name -> "module:function"; the function takes (lang, **options) and returns a Language
_LOADERS: dict[str, str] = {
    "spacy": "warta.backends.spacy_backend:load_spacy",
    "stanza": "warta.backends.stanza_backend:load_stanza",
}


class BackendUnavailableError(RuntimeError):
    """A backend's library or models are not installed; the message says how to install them."""


def register_backend(name: str, loader: str) -> None:
    """Make ``name`` a backend; ``loader`` is ``"module:function"`` (imported when first used)."""
    _LOADERS[name] = loader


def backend_names() -> tuple[str, ...]:
    return tuple(_LOADERS)


def _loader(name: str) -> Callable[..., Language]:
    if name not in _LOADERS:
        raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(_LOADERS)}")
    module, function = _LOADERS[name].split(":")
    return getattr(import_module(module), function)


def load_backend(lang: str = "id", backend: str = "spacy", **options) -> Language:
    """The pipeline of ``backend`` for ``lang``; ``options`` go to the backend's loader."""
    return _loader(backend)(lang, **options)


@lru_cache(maxsize=None)
def cached_pipeline(lang: str, backend: str = "spacy", aliases: tuple[str, ...] = ()) -> Language:
    """One pipeline per language, backend, alias files and process (models load once)."""
    return load_backend(lang, backend, **({"aliases": aliases} if aliases else {}))
