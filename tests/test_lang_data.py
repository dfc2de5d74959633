"""The language-data loader: every shipped file has its declared shape, comments are gone, reads are cached."""
from __future__ import annotations

import json

import pytest

from warta.lang import (LANG_DIR, SUPPORTED_LANGS, LangDataError, load_lang_data, read_lang_file,
                        without_comments)
from warta.lang.schemas import SCHEMAS

DATA_FILES = sorted(LANG_DIR.glob("*/*.json"))


def test_every_supported_language_has_data():
    assert {path.parent.name for path in DATA_FILES} >= set(SUPPORTED_LANGS)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_validates_against_its_schema(path):
    assert path.stem in SCHEMAS
    assert read_lang_file(path)


def keys_at_every_depth(value) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in keys_at_every_depth(item))]
    if isinstance(value, list):
        return [key for item in value for key in keys_at_every_depth(item)]
    return []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_comment_keys_are_gone_at_every_depth(path):
    assert not [key for key in keys_at_every_depth(load_lang_data(path.parent.name, path.stem)) if key.startswith("_")]


def test_nested_comment_keys_exist_in_the_files_and_are_dropped():
    raw = json.loads((LANG_DIR / "id" / "numbers.json").read_text(encoding="utf-8"))
    assert "_comment_clitics" in raw["number_words"]
    loaded = load_lang_data("id", "numbers")
    assert "_comment_clitics" not in loaded["number_words"]
    assert loaded["number_words"]["clitics"] == raw["number_words"]["clitics"]


def test_only_keys_are_stripped_never_list_items_or_values():
    value = {"_note": "x", "words": ["_a", {"_b": 1, "c": "_d"}], "e": {"_f": {"g": 1}, "h": "_i"}}
    assert without_comments(value) == {"words": ["_a", {"c": "_d"}], "e": {"h": "_i"}}


def test_the_loader_returns_the_same_cached_object():
    assert load_lang_data("en", "dates") is load_lang_data("en", "dates")


def broken_copy(tmp_path, lang: str, name: str, change) -> object:
    data = json.loads((LANG_DIR / lang / f"{name}.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / lang / f"{name}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_value_of_the_wrong_type_names_the_file_and_the_key(tmp_path):
    path = broken_copy(tmp_path, "en", "numbers", lambda d: d["number_words"]["units"].update(zero="nil"))
    with pytest.raises(LangDataError) as error:
        read_lang_file(path)
    assert str(path) in str(error.value)
    assert '["number_words"]["units"]["zero"]' in str(error.value)


def test_an_unknown_key_is_an_error(tmp_path):
    path = broken_copy(tmp_path, "id", "dates", lambda d: d.update(monthz={}))
    with pytest.raises(LangDataError, match=r'\["monthz"\]: unknown key'):
        read_lang_file(path)


def test_a_missing_required_key_is_an_error(tmp_path):
    path = broken_copy(tmp_path, "id", "org_heads", lambda d: d.pop("heads"))
    with pytest.raises(LangDataError, match=r'org_heads.json: key \["heads"\]: missing key'):
        read_lang_file(path)


def test_an_error_inside_a_list_names_the_entry(tmp_path):
    path = broken_copy(tmp_path, "en", "aliases", lambda d: d["entries"][2].update(aliases="PRC"))
    with pytest.raises(LangDataError, match=r'\["entries"\]\[2\]\["aliases"\]'):
        read_lang_file(path)


def test_a_broken_file_fails_through_the_loader_too(tmp_path, monkeypatch):
    (tmp_path / "ms").mkdir()
    (tmp_path / "ms" / "markers.json").write_text('{"about": "x", "pairs": [["a"]]}', encoding="utf-8")
    monkeypatch.setattr("warta.lang.LANG_DIR", tmp_path)
    load_lang_data.cache_clear()
    try:
        with pytest.raises(LangDataError, match=r'markers.json: key \["code"\]: missing key') as error:
            load_lang_data("ms", "markers")
        assert '["pairs"][0]' in str(error.value)
    finally:
        load_lang_data.cache_clear()


def test_a_file_with_no_declared_schema_or_bad_json_is_an_error(tmp_path):
    undeclared = tmp_path / "colours.json"
    undeclared.write_text("{}", encoding="utf-8")
    with pytest.raises(LangDataError, match="no schema"):
        read_lang_file(undeclared)
    garbled = tmp_path / "numbers.json"
    garbled.write_text("{", encoding="utf-8")
    with pytest.raises(LangDataError, match="numbers.json: not valid JSON"):
        read_lang_file(garbled)


def test_a_missing_file_is_named():
    with pytest.raises(FileNotFoundError, match="colours"):
        load_lang_data("en", "colours")
