"""The stanza backend (pipeline/stanza_backend.py), exercised without downloading anything.

A session fixture trains tiny stanza models (tokenizer, POS tagger, English NER) from the fixture
sentences in tests/fixtures/stanza/ with stanza's own training code, then the tests load them
through ``load_stanza(model_paths=...)``, the same code path as the official models. The test with
stanza's official models runs where $STANZA_RESOURCES_DIR holds them and is skipped otherwise.
Everything that needs stanza is skipped where it is not installed (a clone without the extra);
``make test`` installs it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy

from warta.nlp import make_doc, model_versions, spans_from_doc
from warta.records import NAME_LABELS
from warta.backends import BackendUnavailableError
from warta.backends.stanza_backend import (ENTS_KEY, MODEL_PATHS_ENV, NO_RESOURCES, load_stanza,
                                     ner_label_map, stanza_to_doc)

FIXTURES = Path(__file__).parent / "fixtures" / "stanza"
REPO = Path(__file__).resolve().parent.parent
PROJECT_LABELS = {"PERSON", "ORG", "PLACE"}
INSTALL_HINT = "pip install 'warta[stanza]'"
NO_STANZA = "stanza is not installed (pip install 'warta[stanza]'; `make test` installs it)"


def _stanza():
    try:
        import stanza
        import torch  # noqa: F401
    except ImportError:
        pytest.skip(NO_STANZA)
    return stanza


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, dict]:
    """{lang: model_paths} of tiny models trained by stanza's training code (about 60 s)."""
    _stanza()
    import torch

    torch.set_num_threads(1)     # tiny models: threads only wait on each other (20x slower on a busy machine)
    out = tmp_path_factory.mktemp("stanza-tiny")
    result = subprocess.run([sys.executable, str(FIXTURES / "train_tiny.py"), str(out)],
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        pytest.fail(f"training the tiny stanza models failed:\n{result.stderr[-4000:]}")
    return {lang: json.loads((out / lang / "model_paths.json").read_text(encoding="utf-8")) for lang in ("en", "id")}


@pytest.fixture(scope="session")
def nlp_en(tiny_models):
    return load_stanza("en", model_paths=tiny_models["en"])


@pytest.fixture(scope="session")
def nlp_id(tiny_models):
    return load_stanza("id", model_paths=tiny_models["id"])


def _direct_pipeline(lang: str, paths: dict, processors: str):
    """stanza's own Pipeline on the same files, built here independently of the backend."""
    stanza = _stanza()
    return stanza.Pipeline(lang, processors=processors, download_method=None, resources_filepath=str(NO_RESOURCES),
                           allow_unknown_language=True, logging_level="ERROR", device="cpu", **paths)


EN_TEXT = ("President Joko Widodo visited Bandung on Monday.  The ministry spent Rp 4.500 billion on new roads.\n\n"
           "Google opened an office in Singapore last year. Maria Santos works for Reuters in London.")
ID_TEXT = ("Menteri Sri Mulyani tiba di Jakarta pada Minggu (13/10/2024). Kementerian itu menghabiskan "
           "Rp 4.500 miliar untuk jalan baru.\n\nJumlah perusahaan melebihi 4.500.")
AWKWARD = ["", " ", "\n\n", "  leading and trailing  ", "a\tb\u00a0c", "Kata\r\nbaris  dua   spasi.", "é—ü 10%!"]


# --------------------------------------------------------------------------------------------
# Without stanza or without models: a clear error that says how to install
# --------------------------------------------------------------------------------------------

def test_stanza_not_installed_gives_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "stanza", None)          # `import stanza` raises ImportError
    with pytest.raises(BackendUnavailableError) as info:
        load_stanza("en")
    message = str(info.value)
    assert INSTALL_HINT in message and "torch==2.13.0" in message and "warta models download" in message
    import warta
    with pytest.raises(BackendUnavailableError, match="warta\\[stanza\\]"):
        warta.load("en", backend="stanza")


def test_cli_reports_a_missing_backend_without_traceback(monkeypatch, tmp_path, capsys):
    from warta.cli import main
    from warta.backends import cached_pipeline

    monkeypatch.setitem(sys.modules, "stanza", None)
    cached_pipeline.cache_clear()
    (tmp_path / "a.txt").write_text("President Joko Widodo visited Bandung on Monday.", encoding="utf-8")
    assert main(["-q", "extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--lang", "en",
                 "--backend", "stanza"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("warta: error:") and INSTALL_HINT in err and "Traceback" not in err
    cached_pipeline.cache_clear()


def test_unknown_backend():
    import warta
    with pytest.raises(ValueError, match="unknown backend"):
        warta.load("en", backend="nltk")


def test_missing_model_file_raises_with_hint(tmp_path):
    _stanza()
    with pytest.raises(BackendUnavailableError) as info:
        load_stanza("en", model_paths={"tokenize_model_path": tmp_path / "nope.pt", "ner_model_path": tmp_path / "x.pt"})
    assert "nope.pt" in str(info.value) and "warta models download" in str(info.value)
    assert "STANZA_RESOURCES_DIR" in str(info.value) and INSTALL_HINT in str(info.value)


def test_empty_resources_dir_raises_with_hint(tmp_path):
    _stanza()
    with pytest.raises(BackendUnavailableError, match="warta models download --lang en"):
        load_stanza("en", resources_dir=tmp_path)


def test_english_without_ner_model_is_refused(tiny_models):
    paths = {k: v for k, v in tiny_models["en"].items() if not k.startswith("ner_")}
    with pytest.raises(BackendUnavailableError, match="ner_model_path"):
        load_stanza("en", model_paths=paths)


def test_broken_model_file_raises_clear_error(tmp_path, tiny_models):
    broken = tmp_path / "tokenize.pt"
    broken.write_bytes(b"not a model")
    with pytest.raises(BackendUnavailableError, match="could not load the stanza models"):
        load_stanza("en", model_paths={**tiny_models["en"], "tokenize_model_path": broken})


def test_models_download_without_network_is_one_clear_line(monkeypatch, tmp_path, capsys):
    stanza = _stanza()
    from warta.cli import main

    calls = []

    def offline(lang, **kwargs):
        calls.append((lang, kwargs))
        raise ConnectionError("Failed to resolve 'raw.githubusercontent.com'")

    monkeypatch.setattr(stanza, "download", offline)
    assert main(["models", "download", "--lang", "en", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("warta: error: could not download stanza's 'en' models") and "Traceback" not in err
    assert "STANZA_RESOURCES_DIR" in err
    assert calls == [("en", {"model_dir": str(tmp_path), "processors": "tokenize,ner,pos", "logging_level": "WARN"})]


def test_models_download_fetches_every_language_into_dir(monkeypatch, tmp_path, capsys):
    stanza = _stanza()
    from warta.cli import main

    calls = []
    monkeypatch.setattr(stanza, "download", lambda lang, **kwargs: calls.append((lang, kwargs["model_dir"],
                                                                                 kwargs["processors"])))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert main(["models", "download"]) == 0
    assert calls == [("en", str(tmp_path), "tokenize,ner,pos"), ("id", str(tmp_path), "tokenize,pos")]
    assert str(tmp_path) in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# stanza's output -> spaCy Doc (no stanza needed: stanza-shaped objects)
# --------------------------------------------------------------------------------------------

def _fake_token(text, start, end, *words):
    words = words or ((text, "X"),)
    return SimpleNamespace(start_char=start, end_char=end,
                           words=[SimpleNamespace(text=w, upos=upos) for w, upos in words])


def test_doc_from_stanza_tokens_keeps_text_splits_spelled_mwts():
    text = "  Bukunya  hilang\tdi-rumah. "
    sdoc = SimpleNamespace(sentences=[SimpleNamespace(tokens=[
        _fake_token("Bukunya", 2, 9, ("Buku", "NOUN"), ("nya", "PRON")),     # spelled out: split
        _fake_token("hilang", 11, 17, ("hilang", "VERB")),
        _fake_token("di-rumah", 18, 26, ("di", "ADP"), ("rumah", "NOUN"), ("x", "X")),  # not spelled: one token
        _fake_token(".", 26, 27, (".", "PUNCT")),
    ])], ents=[SimpleNamespace(start_char=18, end_char=26, type="LOC")])
    doc = stanza_to_doc(spacy.blank("id").vocab, text, sdoc)
    assert doc.text == text
    assert [(t.text, t.pos_) for t in doc if not t.is_space] == [
        ("Buku", "NOUN"), ("nya", "PRON"), ("hilang", "VERB"), ("di-rumah", "ADP"), (".", "PUNCT")]
    assert doc.user_data[ENTS_KEY] == [(18, 26, "LOC")]


def test_doc_from_stanza_keeps_characters_stanza_left_out():
    text = "ab \u200b cd"
    sdoc = SimpleNamespace(sentences=[SimpleNamespace(tokens=[_fake_token("ab", 0, 2), _fake_token("cd", 5, 7),
                                                              _fake_token("bad", 3, 2)])])
    doc = stanza_to_doc(spacy.blank("en").vocab, text, sdoc)
    assert doc.text == text and [t.text for t in doc if not t.is_space] == ["ab", "\u200b", "cd"]


def test_entity_types_map_to_project_labels():
    labels = ner_label_map("en")
    assert {labels[k] for k in ("GPE", "LOC", "FAC")} == {"PLACE"}
    assert labels["PERSON"] == labels["PER"] == "PERSON" and labels["ORG"] == "ORG"
    assert all(labels[k] is None for k in ("DATE", "MONEY", "CARDINAL", "NORP", "MISC"))
    nlp = spacy.blank("en")
    nlp.add_pipe("warta_stanza_ner", name="ner", config={"labels": labels})
    doc = nlp.make_doc("Jakarta on Monday Siti at Tanjung Priok")
    doc.user_data[ENTS_KEY] = [(0, 7, "GPE"), (11, 17, "DATE"), (18, 22, "PER"), (26, 39, "FAC"), (0, 3, "ORG")]
    doc = nlp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Jakarta", "PLACE"), ("Siti", "PERSON"), ("Tanjung Priok", "PLACE")]
    assert ENTS_KEY not in doc.user_data


# --------------------------------------------------------------------------------------------
# Tiny models trained by stanza, loaded through the production code path
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [EN_TEXT, *AWKWARD])
def test_english_text_round_trips(nlp_en, text):
    assert nlp_en(text).text == text


@pytest.mark.parametrize("text", [ID_TEXT, *AWKWARD])
def test_indonesian_text_round_trips(nlp_id, text):
    assert nlp_id(text).text == text


@pytest.mark.parametrize("lang, text", [("en", EN_TEXT), ("id", ID_TEXT)])
def test_tokens_and_pos_are_stanzas(tiny_models, nlp_en, nlp_id, lang, text):
    nlp = {"en": nlp_en, "id": nlp_id}[lang]
    paths = {k: v for k, v in tiny_models[lang].items() if not k.startswith("ner_")}
    direct = _direct_pipeline(lang, paths, "tokenize,pos")(text)
    expected = [(tok.text, tok.words[0].upos) for sentence in direct.sentences for tok in sentence.tokens]
    doc = nlp(text)
    assert [(t.text, t.pos_) for t in doc if not t.is_space] == expected
    assert len(expected) > 20 and {pos for _, pos in expected} >= {"PROPN", "VERB", "PUNCT"}
    assert {t.text for t in doc if not t.is_space} != set(text.split())     # stanza split the punctuation off


def test_english_entities_are_stanzas_mapped_to_project_labels(tiny_models, nlp_en):
    direct = _direct_pipeline("en", tiny_models["en"], "tokenize,pos,ner")(EN_TEXT)
    mapping = ner_label_map("en")
    expected = {(e.start_char, e.end_char, mapping[e.type]) for e in direct.ents if mapping.get(e.type)}
    with nlp_en.select_pipes(enable=["ner"]):        # stanza's entities alone, before Warta's name rules
        doc = nlp_en(EN_TEXT)
    got = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    assert got == expected and got, "the tiny model finds names in its own training sentences"
    assert {e.label_ for e in doc.ents} <= PROJECT_LABELS
    assert {e.label_ for e in nlp_en(EN_TEXT).ents} <= set(NAME_LABELS)
    assert {e.type for e in direct.ents if not mapping.get(e.type)}, "stanza also found types that are dropped"


def _warta_components() -> list[str]:
    """The components every backend shares (names, figures, dates, ...), from the spaCy backend."""
    from warta.nlp import add_components
    return add_components(spacy.blank("en"), "en").pipe_names


def test_english_pipeline_and_versions(nlp_en):
    import stanza
    assert nlp_en.pipe_names == ["ner", *_warta_components()]
    assert {"warta_figures", "warta_dates"} <= set(nlp_en.pipe_names)
    assert model_versions(nlp_en) == {"ner": f"stanza-ner@{stanza.__version__}",
                                      "tokenizer": f"stanza-tokenize@{stanza.__version__}"}
    assert nlp_en.meta["warta_stanza"]["processors"] == ["tokenize", "pos", "ner"]


def test_indonesian_runs_the_shipped_spacy_ner_over_stanza_tokens(nlp_id):
    import stanza
    from warta.paths import ner_model_dir as model_path

    if not (model_path("id") / "meta.json").exists():
        pytest.skip("models/id_ner is absent")
    assert nlp_id.pipe_names == ["tok2vec", "ner", *_warta_components()]
    versions = model_versions(nlp_id)
    assert versions["ner"].startswith("id_ner@") and versions["tokenizer"] == f"stanza-tokenize@{stanza.__version__}"
    doc = nlp_id(ID_TEXT)
    assert {e.label_ for e in doc.ents} <= PROJECT_LABELS
    assert any(e.text in ("Sri Mulyani", "Jakarta") for e in doc.ents)


@pytest.mark.parametrize("lang, text, figure, date", [
    ("en", "The ministry spent Rp 4.500 billion on new roads on 13 October 2024.", 4_500_000_000, "2024-10-13"),
    ("id", ID_TEXT, 4_500_000_000_000, "2024-10-13"),         # "4.500 miliar": 4,500 thousand million
])
def test_figures_and_dates_still_work(nlp_en, nlp_id, lang, text, figure, date):
    nlp = {"en": nlp_en, "id": nlp_id}[lang]
    spans = spans_from_doc(nlp(make_doc(nlp, text, "2024-10-16")))
    figures = [s for s in spans if s["label"] == "FIGURE"]
    dates = [s for s in spans if s["label"] == "DATE"]
    assert figure in [s["value"] for s in figures] and any(s["text"].startswith("Rp 4.500") for s in figures)
    assert date in [s["value"] for s in dates]


def test_tokenizer_pipe_matches_single_calls(nlp_en):
    texts = [EN_TEXT, "Apple sold 20 million phones in China.", " "]
    for piped, text in zip(nlp_en.tokenizer.pipe(texts, batch_size=2), texts):
        single = nlp_en.tokenizer(text)
        assert [t.text for t in piped] == [t.text for t in single] and piped.user_data == single.user_data


def test_extract_cli_with_backend_stanza(tiny_models, tmp_path, monkeypatch):
    """`warta extract --backend stanza` end to end, the models named by $WARTA_STANZA_MODEL_PATHS."""
    from warta.cli import main
    from warta.backends import cached_pipeline

    paths_file = tmp_path / "models.json"
    paths_file.write_text(json.dumps(tiny_models), encoding="utf-8")
    monkeypatch.setenv(MODEL_PATHS_ENV, str(paths_file))
    cached_pipeline.cache_clear()
    docs = tmp_path / "in.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": EN_TEXT, "lang": "en", "published": "2024-10-16"}) + "\n"
                    + json.dumps({"id": "b", "text": ID_TEXT, "lang": "id"}) + "\n", encoding="utf-8")
    try:
        assert main(["-q", "extract", str(docs), "-o", str(tmp_path / "out"), "--backend", "stanza", "--strict"]) == 0
    finally:
        cached_pipeline.cache_clear()
    records = {r["doc_id"]: r for r in map(json.loads, (tmp_path / "out" / "documents.jsonl").read_text().splitlines())}
    assert records["a"]["models"]["ner"].startswith("stanza-ner@")
    assert records["b"]["models"]["tokenizer"].startswith("stanza-tokenize@")
    assert {s["label"] for s in records["a"]["spans"]} >= {"FIGURE"} and any(
        s["source"] == "ner" for s in records["a"]["spans"])
    assert any(s["label"] == "DATE" and s["value"] == "2024-10-13" for s in records["b"]["spans"])


def test_bench_harness_reports_both_backends(tiny_models, tmp_path):
    from warta.benchmarks.backends import main

    data = tmp_path / "wikiann" / "valid.iob"          # the folder name picks the label map's corpus
    data.parent.mkdir()
    lines = []
    for line in (FIXTURES / "en.tsv").read_text(encoding="utf-8").splitlines()[3:15]:
        for token in line.split(" "):
            form, _, tag = token.split("|")
            kind = tag[2:]
            mapped = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}.get(kind)
            lines.append(f"{form}\t{tag[:2] + mapped if mapped else 'O'}")
        lines.append("")
    data.write_text("\n".join(lines), encoding="utf-8")
    paths = tmp_path / "paths.json"
    paths.write_text(json.dumps(tiny_models), encoding="utf-8")
    out = tmp_path / "bench.json"
    assert main(["--data", str(data), "--n", "10", "--stanza-model-paths", str(paths), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["sentences"] == 10 and report["labels"] == ["PERSON", "ORG", "PLACE"]
    for backend, runs in (("spacy", ("raw_text", "gold_tokens")), ("stanza", ("raw_text",))):
        assert report[backend]["available"] is True
        for run in runs:
            scores = report[backend][run]
            assert 0 <= scores["micro_f1"] <= 1 and set(scores["per_label"]) == {"PERSON", "ORG", "PLACE"}
        assert report[backend]["raw_text"]["words_per_second"] > 0
    assert report["stanza"]["models"]["ner"].startswith("stanza-ner@")

    unavailable = tmp_path / "none.json"
    assert main(["--data", str(data), "--n", "3", "--stanza-dir", str(tmp_path / "empty"), "--out", str(unavailable)]) == 0
    report = json.loads(unavailable.read_text(encoding="utf-8"))
    assert report["stanza"]["available"] is False and "warta models download" in report["stanza"]["reason"]
    assert report["spacy"]["raw_text"]["words_per_second"] > 0


# --------------------------------------------------------------------------------------------
# stanza's official models, where they are installed
# --------------------------------------------------------------------------------------------

def _official_dir() -> Path | None:
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env and (Path(env) / "resources.json").exists() and any((Path(env) / "en" / "ner").glob("*.pt")):
        return Path(env)
    return None


def test_official_english_models():
    _stanza()
    where = _official_dir()
    if where is None:
        pytest.skip("stanza's official English models are not installed: set STANZA_RESOURCES_DIR to a "
                    "directory holding them (`warta models download --lang en`, needs a network); "
                    f"STANZA_RESOURCES_DIR={os.environ.get('STANZA_RESOURCES_DIR')!r}")
    nlp = load_stanza("en", resources_dir=where)
    text = "Barack Obama met executives of Microsoft in Jakarta on Monday, the ministry said."
    doc = nlp(make_doc(nlp, text, "2024-10-16"))
    assert doc.text == text
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Barack Obama", "PERSON"), ("Microsoft", "ORG"), ("Jakarta", "PLACE")} <= found
    assert {e.label_ for e in doc.ents} <= PROJECT_LABELS
    assert [t.pos_ for t in doc][:2] == ["PROPN", "PROPN"]
