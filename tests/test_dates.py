"""Tests of the warta_dates component (DATE / TIME spans and their values) beyond the worked examples.

The worked examples (a text, its publication date and the dates it holds) live beside the language
data, ``pipeline/lang/<lang>/examples/dates.json``; tests/test_examples.py runs every one through the
pure engine. Here a sample of them runs through spaCy, and the resolver's edge cases are tested.
PUB is a Wednesday in ISO week 42.
"""
import pytest
import spacy

import warta.components.extensions  # noqa: F401
import warta.components.dates  # noqa: F401
from warta.rules.dates import find_dates, resolve
from warta.lang import SUPPORTED_LANGS
from worked_examples import first_of_each_section

PUB = "2024-10-16"


@pytest.fixture(scope="module")
def nlps():
    out = {}
    for lang in SUPPORTED_LANGS:
        nlp = spacy.blank(lang)
        nlp.add_pipe("warta_dates")
        out[lang] = nlp
    return out


def _run(nlp, text, pub):
    doc = nlp.make_doc(text)
    doc._.published = pub
    return nlp(doc)


SPACY_CASES = [pytest.param(lang, example, id=f"{lang}-dates-{index}")
               for lang in SUPPORTED_LANGS for index, example in first_of_each_section(lang, "dates")]


@pytest.mark.parametrize("lang,example", SPACY_CASES)
def test_dates_through_spacy(nlps, lang, example):
    """The first date example of each section, through spaCy: the same spans, source "dates"."""
    doc = _run(nlps[lang], example["text"], example["published"])
    got = [(s.text, s.label_, s._.value, s._.granularity, s._.relative) for s in doc.spans["dates"]]
    assert got == [(span["text"], span["label"], span["value"], span["granularity"], span["relative"])
                   for span in example["spans"]]
    assert all(s._.source == "dates" for s in doc.spans["dates"])


def test_resolve_pure_function():
    assert resolve("Minggu (13/10/2024)", "id", None) == ("2024-10-13", "day", False)
    assert resolve("pekan lalu", "id", PUB) == ("2024-W41", "week", True)
    assert resolve("pekan lalu", "id", None) == (None, "week", True)
    assert resolve("pada 2019", "id", PUB) == ("2019", "year", False)
    assert resolve("last Tuesday", "en", PUB) == ("2024-10-15", "day", True)
    assert resolve("tidak ada tanggal", "id", PUB) is None


def test_published_as_date_object_and_bad_string():
    from datetime import date
    assert resolve("kemarin", "id", date(2024, 10, 16)) == ("2024-10-15", "day", True)
    assert resolve("kemarin", "id", "not a date") == (None, "day", True)


def test_character_offsets_match_text():
    text = "Pada Minggu (13/10/2024) dan Rabu 10/1, lalu tahun 2023."
    for found in find_dates(text, "id", PUB):
        assert 0 <= found.start < found.end <= len(text)
    assert [text[f.start:f.end] for f in find_dates(text, "id", PUB)] == [
        "Minggu (13/10/2024)", "Rabu 10/1", "tahun 2023"]


def test_lang_config_override():
    nlp = spacy.blank("xx")
    nlp.add_pipe("warta_dates", config={"lang": "id"})
    doc = _run(nlp, "Laba naik tahun lalu.", PUB)
    assert [s._.value for s in doc.spans["dates"]] == ["2023"]


def _code_strings(source: str) -> list[str]:
    """Every string literal of a module's source, its docstrings left out (they quote examples)."""
    import ast
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_language_words_in_code():
    """All language facts live in the data files: no word of a language in the code's strings."""
    import inspect
    import re
    import warta.rules.date_patterns
    import warta.rules.dates
    words = ("oktober", "januari", "senin", "minggu", "kemarin", "lalu", "depan", "tahun", "pukul",
             "yesterday", "monday", "october", "ago", "last week", "kmrn", "tmrw", "pagi", "morning",
             "esok", "dalam", "didirikan", "founded", "era")
    banned = re.compile(r"(?<![a-z])(?:" + "|".join(words) + r")(?![a-z])", re.IGNORECASE)
    for module in (warta.rules.dates, warta.rules.date_patterns):
        strings = _code_strings(inspect.getsource(module))
        assert strings, module.__name__  # the check sees the code
        found = [s for s in strings if banned.search(s)]
        assert not found, (module.__name__, found)


def test_code_strings_skip_docstrings_only():
    source = 'def f():\n    """Kemarin, in a docstring."""\n    return "kemarin" + f"{1}lalu"\n'
    assert sorted(_code_strings(source)) == ["kemarin", "lalu"]
