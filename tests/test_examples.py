"""Every language's worked examples, run through the pure rule engines (no spaCy).

The examples live beside the language data, ``pipeline/lang/<lang>/examples/<kind>.json``, in the
manner of Duckling's per-language corpus files next to its rules: each is a text with what the engine
must find in it. ``figures`` and ``dates`` give the spans of a text in text order (an empty list: the
text holds none), ``numbers`` the value ``parse_number`` reads from a text (null: not a number).
Every sentence was written for these examples. A span's ``token_text``, where present, is its text
once spaCy has widened it to whole tokens (tests/test_figures.py checks that through spaCy).
"""
from __future__ import annotations

from datetime import date

import pytest

from warta.lang import SUPPORTED_LANGS
from warta.rules.dates import find_dates
from warta.rules.figures import find_figures, parse_number
from worked_examples import KINDS, example_files, examples, load_groups

FIGURE_FIELDS = ("text", "value", "value_max", "unit", "qualifier")
DATE_FIELDS = ("text", "label", "value", "granularity", "relative")

# kind -> (required example fields, required span fields); "note" (why an example is there) and a
# span's "token_text" are optional
REQUIRED = {
    "figures": ({"text", "spans"}, set(FIGURE_FIELDS)),
    "dates": ({"text", "published", "spans"}, set(DATE_FIELDS)),
    "numbers": ({"text", "value"}, set()),
}
OPTIONAL_EXAMPLE_FIELDS = {"note"}
OPTIONAL_SPAN_FIELDS = {"token_text"}


def cases(kind: str) -> list:
    """One pytest parameter per example of every language, with ids like ``id-figures-12``."""
    return [pytest.param(lang, example, id=f"{lang}-{kind}-{index}")
            for lang in SUPPORTED_LANGS for index, example in enumerate(examples(lang, kind))]


@pytest.mark.parametrize("lang,example", cases("figures"))
def test_figure_example(lang, example):
    text = example["text"]
    found = find_figures(text, lang)
    got = [(text[fig.start:fig.end], fig.value, fig.value_max, fig.unit, fig.qualifier) for fig in found]
    assert got == [tuple(span[field] for field in FIGURE_FIELDS) for span in example["spans"]]
    assert all(type(fig.value) in (int, float) for fig in found)


@pytest.mark.parametrize("lang,example", cases("dates"))
def test_date_example(lang, example):
    text = example["text"]
    found = find_dates(text, lang, example["published"])
    got = [(text[match.start:match.end], match.label, match.value, match.granularity, match.relative)
           for match in found]
    assert got == [tuple(span[field] for field in DATE_FIELDS) for span in example["spans"]]


@pytest.mark.parametrize("lang,example", cases("numbers"))
def test_number_example(lang, example):
    got = parse_number(example["text"], lang)
    assert got == example["value"]
    if example["value"] is not None:
        assert type(got) is type(example["value"])  # 4500, not 4500.0


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_every_language_has_every_kind_of_example(lang):
    assert sorted(example_files(lang)) == sorted(KINDS)  # an unknown file would never run
    for kind in KINDS:
        assert examples(lang, kind), f"{lang}: no {kind} examples"


def test_date_examples_count():
    assert sum(len(examples(lang, "dates")) for lang in SUPPORTED_LANGS) >= 100


def _span_problems(where: str, text: str, spans, kind: str) -> list[str]:
    """What is wrong with the spans of one example: fields, and each span's text found in the
    example's text after the previous span."""
    if not isinstance(spans, list):
        return [f"{where}: spans is not a list"]
    problems, position = [], 0
    required = REQUIRED[kind][1]
    for number, span in enumerate(spans):
        here = f"{where} span {number}"
        if not isinstance(span, dict):
            problems.append(f"{here}: not an object")
            continue
        if missing := required - span.keys():
            problems.append(f"{here}: missing {sorted(missing)}")
        if unknown := span.keys() - required - OPTIONAL_SPAN_FIELDS:
            problems.append(f"{here}: unknown {sorted(unknown)}")
        found = text.find(span.get("text") or "\0", position)
        if found < 0:
            problems.append(f"{here}: {span.get('text')!r} not in the text (after the previous span)")
        else:
            position = found + len(span["text"])
        token_text = span.get("token_text")
        if token_text is not None and (span.get("text", "\0") not in token_text or token_text not in text):
            problems.append(f"{here}: token_text {token_text!r} must hold the span text and occur in the text")
    return problems


def _value_problems(where: str, example: dict, kind: str) -> list[str]:
    """Types of the values an example expects."""
    number = (int, float)
    problems = []
    if kind == "numbers" and not (example.get("value") is None or type(example.get("value")) in number):
        problems.append(f"{where}: value is not a number or null")
    if kind == "dates" and example.get("published") is not None:
        try:
            date.fromisoformat(example["published"])
        except (TypeError, ValueError):
            problems.append(f"{where}: published {example['published']!r} is not an ISO date")
    for span in example.get("spans") or []:
        if not isinstance(span, dict):
            continue
        if kind == "figures" and (type(span.get("value")) not in number
                                  or not (span.get("value_max") is None or type(span["value_max"]) in number)):
            problems.append(f"{where}: {span.get('text')!r}: value and value_max must be numbers")
        if kind == "dates" and (span.get("label") not in ("DATE", "TIME") or type(span.get("relative")) is not bool):
            problems.append(f"{where}: {span.get('text')!r}: label DATE or TIME, relative true or false")
    return problems


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_example_file_is_well_formed(lang, kind):
    groups = load_groups(lang, kind)
    assert isinstance(groups, list) and groups, f"{lang}/{kind}: a non-empty list of sections"
    required_fields = REQUIRED[kind][0]
    problems = []
    index = 0
    for group in groups:
        if not (isinstance(group, dict) and group.keys() == {"section", "examples"}
                and isinstance(group["section"], str) and group["section"]
                and isinstance(group["examples"], list) and group["examples"]):
            problems.append(f"{lang}/{kind}: every group is {{'section': name, 'examples': [...]}}: {group!r:.80}")
            continue
        for example in group["examples"]:
            where = f"{lang}-{kind}-{index}"
            index += 1
            if not isinstance(example, dict) or not isinstance(example.get("text"), str):
                problems.append(f"{where}: an object with a text")
                continue
            if missing := required_fields - example.keys():
                problems.append(f"{where}: missing {sorted(missing)}")
            if unknown := example.keys() - required_fields - OPTIONAL_EXAMPLE_FIELDS:
                problems.append(f"{where}: unknown {sorted(unknown)}")
            if "spans" in required_fields:
                problems += _span_problems(where, example["text"], example.get("spans"), kind)
            problems += _value_problems(where, example, kind)
    assert not problems, "\n".join(problems)
