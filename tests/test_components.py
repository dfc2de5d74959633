"""The spaCy side of Warta: every factory registered from one module, thin components over the rule
engines, the engines importable without spaCy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import warta.components  # noqa: F401  (registers the factories)
from warta.components import dates, figures, quotes
from warta.nlp import SPAN_GROUPS
from warta.rules.dates import find_dates
from warta.rules.figures import find_figures

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pipeline"
DEFAULT_CONFIGS = {
    "warta_figures": {"lang": None},
    "warta_dates": {"lang": None},
    "warta_names": {"lang": None, "aliases": [], "fill_from_aliases": True},
}


def test_rule_engines_load_without_spacy():
    """Importing the engines (and what they import at run time) leaves spaCy unloaded."""
    code = ("import sys, warta.rules.figures, warta.rules.dates; "
            "sys.exit('spacy' in sys.modules or 'thinc' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("factory", sorted(DEFAULT_CONFIGS))
def test_factories_keep_their_names_and_default_configs(factory):
    assert Language.get_factory_meta(factory).default_config == DEFAULT_CONFIGS[factory]


def test_every_component_factory_is_registered_in_factories_module():
    declaring = sorted(path.name for path in (PACKAGE_DIR / "components").glob("*.py")
                       if "@Language.factory(" in path.read_text(encoding="utf-8"))
    assert declaring == ["factories.py"]


def test_span_groups_are_the_components_span_keys():
    assert SPAN_GROUPS == (figures.SPAN_KEY, dates.SPAN_KEY, quotes.SPAN_KEY) == ("figures", "dates", "quotes")


def test_components_store_what_the_engines_find():
    text = "Pada 13 Oktober 2024 harga naik lebih dari 4,5 persen, kata pejabat itu kemarin."
    nlp = spacy.blank("id")
    nlp.add_pipe("warta_figures")
    nlp.add_pipe("warta_dates")
    doc = nlp.make_doc(text)
    doc._.published = "2024-10-16"
    doc = nlp(doc)
    got_figures = [(s.start_char, s.end_char, s._.value, s._.unit, s._.qualifier) for s in doc.spans["figures"]]
    got_dates = [(s.start_char, s.end_char, s.label_, s._.value) for s in doc.spans["dates"]]
    assert got_figures == [(f.start, f.end, f.value, f.unit, f.qualifier) for f in find_figures(text, "id")]
    assert got_dates == [(d.start, d.end, d.label, d.value) for d in find_dates(text, "id", "2024-10-16")]
    assert len(got_figures) == 1 and len(got_dates) == 2
