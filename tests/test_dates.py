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


def test_no_language_words_in_code():
    """All language facts live in the data files: none of these words may appear in the code."""
    import inspect
    import warta.rules.date_patterns
    import warta.rules.dates
    for mod in (warta.rules.dates, warta.rules.date_patterns):
        source = inspect.getsource(mod).lower()
        code = "\n".join(line.split("#")[0] for line in source.splitlines())
        code = code.split('"""', 2)[-1]  # skip the module docstring (it quotes examples)
        for word in ("oktober", "januari", "senin", "minggu", "kemarin", "lalu", "depan", "tahun",
                     "pukul", "yesterday", "monday", "october", "ago", "last week", "kmrn", "tmrw",
                     "pagi", "morning", "-an", "esok"):
            assert f'"{word}' not in code and f"'{word}" not in code, (mod.__name__, word)
