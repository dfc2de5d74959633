"""Every spaCy factory of Warta, registered in one place (as spaCy keeps its own in
``spacy/pipeline/factories.py``). Importing :mod:`warta.components` imports this module.

Factory names and default configs are part of the public API: saved pipelines refer to them.
"""
from __future__ import annotations

from spacy.language import Language

from warta.components.boilerplate import BoilerplateComponent
from warta.components.dates import DatesComponent
from warta.components.figures import FiguresComponent
from warta.components.names import NamesComponent
from warta.components.quotes import QuotesComponent


@Language.factory("warta_figures", default_config={"lang": None})
def make_figures(nlp: Language, name: str, lang: str | None) -> FiguresComponent:
    """FIGURE spans in ``doc.spans["figures"]``; ``lang`` defaults to the pipeline's language."""
    return FiguresComponent(nlp, name, lang)


@Language.factory("warta_dates", default_config={"lang": None})
def make_dates(nlp: Language, name: str, lang: str | None) -> DatesComponent:
    """DATE and TIME spans in ``doc.spans["dates"]``; ``lang`` defaults to the pipeline's language."""
    return DatesComponent(nlp, name, lang)


@Language.factory("warta_quotes", default_config={"lang": None})
def make_quotes(nlp: Language, name: str, lang: str | None) -> QuotesComponent:
    """QUOTE spans (speaker, cue, role) in ``doc.spans["quotes"]``, after the names; ``lang``
    defaults to the pipeline's language."""
    return QuotesComponent(nlp, name, lang)


@Language.factory("warta_boilerplate", default_config={"lang": None, "span_groups": None})
def make_boilerplate(nlp: Language, name: str, lang: str | None,
                     span_groups: list[str] | None) -> BoilerplateComponent:
    """Page-furniture ranges in ``doc._.boilerplate``, and no entity or span inside them; ``lang``
    defaults to the pipeline's language, ``span_groups`` (None: every group) are the groups cleared."""
    return BoilerplateComponent(nlp, name, lang=lang, span_groups=span_groups)


@Language.factory("warta_names", default_config={"lang": None, "aliases": [], "fill_from_aliases": True})
def make_names(nlp: Language, name: str, lang: str | None, aliases: list[str],
               fill_from_aliases: bool) -> NamesComponent:
    """Organisation patterns, alias fill and ``canonical`` / ``en`` names on ``doc.ents``; ``lang``
    defaults to the pipeline's language, ``aliases`` are the user's alias files (later ones win)."""
    return NamesComponent(nlp, name, lang=lang, aliases=aliases, fill_from_aliases=fill_from_aliases)
