"""Issue 18, dates on text nobody here had read: lower-case and informal writing, chat spellings,
counts from the time of writing, datelines, bare years, decades, parts of the day, durations.

The cases live in the worked-example tables (``pipeline/lang/<lang>/examples/dates.json``, sections
named below); tests/test_examples.py runs every example. Here the informal table is checked as a
whole (every case right, in both languages), and the data-driven pieces are tested on their own.
PUB is a Wednesday in ISO week 42.
"""
import pytest

from warta.lang import SUPPORTED_LANGS, load_lang_data
from warta.rules.date_patterns import with_informal_spellings
from warta.rules.dates import find_dates
from worked_examples import load_groups

PUB = "2024-10-16"
INFORMAL_SECTION = "informal and lower-case"


def _section(lang: str, name: str) -> list[dict]:
    return [example for group in load_groups(lang, "dates") if group["section"] == name
            for example in group["examples"]]


def _found(text: str, lang: str, published=PUB) -> list[tuple]:
    return [(text[m.start:m.end], m.label, m.value, m.granularity, m.relative)
            for m in find_dates(text, lang, published)]


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_informal_table_every_case_right(lang):
    """The informal/lower-case table of each language: every case gives exactly its spans."""
    cases = _section(lang, INFORMAL_SECTION)
    assert len(cases) >= 15, f"{lang}: the informal table is too small"
    wrong = []
    for example in cases:
        expected = [(s["text"], s["label"], s["value"], s["granularity"], s["relative"]) for s in example["spans"]]
        got = _found(example["text"], lang, example["published"])
        if got != expected:
            wrong.append((example["text"], expected, got))
    assert not wrong


@pytest.mark.parametrize("lang,text,span", [
    ("id", "kmrn aku sakit.", "kmrn"),
    ("id", "KEMARIN aku sakit.", "KEMARIN"),
    ("id", "Kemaren aku sakit.", "Kemaren"),
    ("en", "YDAY I was ill.", "YDAY"),
    ("en", "Yesterday I was ill.", "Yesterday"),
])
def test_yesterday_in_any_case_and_spelling(lang, text, span):
    assert _found(text, lang) == [(span, "DATE", "2024-10-15", "day", True)]


def test_informal_spellings_expand_phrases_word_by_word():
    data = {"informal_spellings": {"depan": ["dpn"], "minggu": ["mgg"]},
            "relative_after": {"depan": 1}, "period_units": {"minggu depan": "week"}}
    out = with_informal_spellings(data)
    assert out["relative_after"] == {"dpn": 1, "depan": 1}
    assert set(out["period_units"]) == {"minggu depan", "minggu dpn", "mgg depan", "mgg dpn"}
    assert data["relative_after"] == {"depan": 1}  # the loaded data is not changed


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_informal_spellings_are_language_data(lang):
    """Every informal spelling is lower case and differs from the word it stands for."""
    spellings = load_lang_data(lang, "dates").get("informal_spellings", {})
    assert spellings
    for word, forms in spellings.items():
        assert forms and all(form == form.lower() and form != word for form in forms), word


@pytest.mark.parametrize("lang,text", [
    ("id", "Hujan turun selama 3 hari."),
    ("id", "Ia dirawat selama dua minggu."),
    ("id", "Proyek itu berjalan 6 bulan."),
    ("id", "Kasus naik dalam 3 hari terakhir."),
    ("en", "It rained for two weeks."),
    ("en", "The works lasted 3 months."),
    ("en", "Sales rose in the last 3 days."),
])
def test_durations_are_not_dates(lang, text):
    assert _found(text, lang) == []


def test_lower_case_week_word_is_a_week_not_sunday():
    assert _found("minggu lalu harga naik.", "id") == [("minggu lalu", "DATE", "2024-W41", "week", True)]
    assert _found("Minggu (13/10) harga naik.", "id")[0][2] == "2024-10-13"


def test_short_weekday_names_only_in_front_of_a_date():
    assert _found("Sen, 14 Okt 2024 rapat.", "id")[0][0] == "Sen, 14 Okt 2024"
    assert _found("Sen itu mata uang.", "id") == []
    assert _found("Sun shines on Wed.", "en") == []


def test_counts_from_now_without_publication_date_have_no_value():
    assert _found("Selesai dalam 3 hari.", "id", None) == [("dalam 3 hari", "DATE", None, "day", True)]
    assert _found("Back in 2 weeks.", "en", None) == [("in 2 weeks", "DATE", None, "week", True)]


def test_month_and_day_without_year_are_the_most_recent_not_after_publication():
    assert _found("Harga turun pada Desember.", "id")[0][2] == "2023-12"
    assert _found("Harga turun pada Desember mendatang.", "id")[0][2] == "2024-12"
    assert _found("Pasar dibuka 20 Oktober.", "id")[0][2] == "2023-10-20"
    assert _found("Pasar dibuka 15 Oktober.", "id")[0][2] == "2024-10-15"


def test_bare_year_after_a_name_or_a_count_word_is_no_date():
    assert _found("Timnas tampil di Piala Dunia 2018.", "id") == []
    assert _found("Sebanyak 2000 warga mengungsi.", "id") == []
    assert _found("Ia lahir 1945.", "id") == [("1945", "DATE", "1945", "year", False)]


def test_decade_value_and_granularity():
    assert _found("Era 1970-an berbeda.", "id") == [("1970-an", "DATE", "197", "decade", False)]
    assert _found("Usia 30-an.", "id") == []


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_windows_find_what_a_whole_text_scan_finds(lang):
    """find() runs each rule only near its anchors: on long texts made of every worked example
    (figures and dates), the same spans and values as a scan of the whole text."""
    from warta.rules.dates import DateRules
    from worked_examples import examples
    sentences = [example["text"] for kind in ("dates", "figures") for example in examples(lang, kind)]
    texts = [" ".join(sentences[i:i + 25]) for i in range(0, len(sentences), 25)]
    windowed, whole = DateRules(lang), DateRules(lang)
    whole.WINDOW_BEFORE = whole.WINDOW_AFTER = 10 ** 9
    found = 0
    for text in texts:
        got = windowed.find(text, PUB)
        assert got == whole.find(text, PUB)
        found += len(got)
    assert found > len(texts)  # the texts do hold dates
