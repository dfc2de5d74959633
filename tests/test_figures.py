"""Tests of the FIGURE extractor as a spaCy component (pipeline/components/figures.py).

The worked examples (a text and the figures it holds, a text and the number it reads as) live beside
the language data, ``pipeline/lang/<lang>/examples/figures.json`` and ``numbers.json``;
tests/test_examples.py runs every one through the pure engine. Here a sample of them runs through
spaCy, which widens a figure to whole tokens and sets the span's label and attributes.
"""
from __future__ import annotations

import pytest
import spacy

import warta.components.extensions  # noqa: F401
import warta.components.figures  # noqa: F401  (registers warta_figures)
import warta.rules.figures
from warta.lang import SUPPORTED_LANGS
from worked_examples import examples, first_of_each_section


@pytest.fixture(scope="module")
def pipes():
    made = {}
    for lang in SUPPORTED_LANGS:
        nlp = spacy.blank(lang)
        nlp.add_pipe("warta_figures")
        made[lang] = nlp
    return made


def spacy_sample(lang: str) -> list[tuple[int, dict]]:
    """(index, example): the first figure example of each section, and every example whose figure
    spaCy widens to a whole token (its span has a ``token_text``)."""
    widened = [(index, example) for index, example in enumerate(examples(lang, "figures"))
               if any("token_text" in span for span in example["spans"])]
    return first_of_each_section(lang, "figures") + widened


SPACY_CASES = [pytest.param(lang, example, id=f"{lang}-figures-{index}")
               for lang in SUPPORTED_LANGS for index, example in spacy_sample(lang)]


@pytest.mark.parametrize("lang,example", SPACY_CASES)
def test_figures_through_spacy(pipes, lang, example):
    doc = pipes[lang](example["text"])
    got = [(s.text, s._.value, s._.value_max, s._.unit, s._.qualifier) for s in doc.spans["figures"]]
    assert got == [(span.get("token_text", span["text"]), span["value"], span["value_max"], span["unit"],
                    span["qualifier"]) for span in example["spans"]]
    for span in doc.spans["figures"]:
        assert span.label_ == "FIGURE"
        assert span._.source == "figures"
        assert type(span._.value) in (int, float)


def test_spacy_sample_is_varied():
    """The sample holds examples with figures, examples without, and one that spaCy widens."""
    for lang in SUPPORTED_LANGS:
        sample = [example for _, example in spacy_sample(lang)]
        assert any(example["spans"] for example in sample) and any(not example["spans"] for example in sample)
    assert any(len(spacy_sample(lang)) > len(first_of_each_section(lang, "figures")) for lang in SUPPORTED_LANGS)


def test_lang_config_overrides_nlp_lang():
    nlp = spacy.blank("xx")
    nlp.add_pipe("warta_figures", config={"lang": "id"})
    doc = nlp("Harga naik 4,5 persen.")
    assert [(s.text, s._.value) for s in doc.spans["figures"]] == [("4,5 persen", 4.5)]


def test_no_language_words_in_code():
    """All language facts live in the data files: no string literal of the module (docstrings and
    comments aside) holds a word of the lexicon."""
    import ast
    import re
    from pathlib import Path

    import warta.rules.figure_context
    import warta.rules.number_reading

    modules = (warta.rules.figures, warta.rules.figure_context, warta.rules.number_reading)
    for module in modules:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        literals = " ".join(node.value for node in ast.walk(tree)
                            if isinstance(node, ast.Constant) and isinstance(node.value, str)
                            and id(node) not in docstrings)
        for word in ("juta", "ribu", "persen", "million", "lebih", "sekitar", "about", "tahun",
                     "year", "Rp", "dolar", "dollar", "satu", "one", "ratusan", "antara", "between",
                     "puluhan", "kali", "twice", "setengah", "half", "negatif", "kemudian", "later", "seorang"):
            assert not re.search(rf"\b{word}\b", literals, re.IGNORECASE), (module.__name__, word)


def test_rule_modules_stay_small():
    """The figure rules are split along their seams (number reading, context, figure steps)."""
    from pathlib import Path

    import warta.rules.figure_context
    import warta.rules.number_reading

    for module in (warta.rules.figures, warta.rules.figure_context, warta.rules.number_reading):
        assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) <= 700, module.__name__
