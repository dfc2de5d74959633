"""Every spaCy factory of Warta, registered in one place (as spaCy keeps its own in
``spacy/pipeline/factories.py``). Importing :mod:`warta.components` imports this module.

Factory names and default configs are part of the public API: saved pipelines refer to them.
"""
from __future__ import annotations

from spacy.language import Language

from warta.components.dates import DatesComponent
from warta.components.figures import FigureExtractor


@Language.factory("warta_figures", default_config={"lang": None})
def make_figures(nlp: Language, name: str, lang: str | None) -> FigureExtractor:
    """FIGURE spans in ``doc.spans["figures"]``; ``lang`` defaults to the pipeline's language."""
    return FigureExtractor(nlp, name, lang)


@Language.factory("warta_dates", default_config={"lang": None})
def make_dates(nlp: Language, name: str, lang: str | None) -> DatesComponent:
    """DATE and TIME spans in ``doc.spans["dates"]``; ``lang`` defaults to the pipeline's language."""
    return DatesComponent(lang or nlp.lang)
