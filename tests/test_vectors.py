"""Static word vectors built for the NER model (warta.training.vectors), on toy data of our own."""
import json
from pathlib import Path

import numpy
import pytest
import spacy

pytest.importorskip("gensim", reason="gensim (the 'train' extra) is not installed; make test installs it")

from warta.lang import SUPPORTED_LANGS  # noqa: E402
from warta.training.recipes import data_recipe_for  # noqa: E402
from warta.tokenization import customize_tokenizer  # noqa: E402
from warta.training.vectors import (build_vectors, excluded_gold_lines, gold_lines, read_sources,  # noqa: E402
                                    tag_context_pairs, unlabelled_sentences)

TOY = Path(__file__).parent / "fixtures" / "vectors"
SETTINGS = {"sources": ["ner/id/*/train.iob", "raw/*.jsonl", "ud/*.conllu"],
            "dim": 8, "window": 3, "min_count": 2, "negative": 3, "epochs": 2}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    first, second = tmp_path_factory.mktemp("v1"), tmp_path_factory.mktemp("v2")
    info = build_vectors(TOY, first, SETTINGS)
    build_vectors(TOY, second, SETTINGS)
    return info, spacy.load(first), spacy.load(second)


def test_every_written_form_of_a_word_shares_its_row(built):
    _, nlp, _ = built
    doc = nlp("Surabaya SURABAYA surabaya Presiden presiden")
    assert all(token.has_vector for token in doc)
    assert numpy.array_equal(doc[0].vector, doc[1].vector) and numpy.array_equal(doc[0].vector, doc[2].vector)
    assert numpy.array_equal(doc[3].vector, doc[4].vector)
    assert not numpy.array_equal(doc[0].vector, doc[3].vector)


def test_the_vectors_are_the_same_on_every_build(built):
    _, first, second = built
    assert first.vocab.vectors.shape == second.vocab.vectors.shape
    assert numpy.array_equal(first.vocab.vectors.data, second.vocab.vectors.data)


def test_only_the_named_sources_are_read_never_a_valid_split(built):
    info, nlp, _ = built
    assert not nlp.vocab.has_vector("Zanzibarwordvalid") and not nlp.vocab.has_vector("zanzibarwordvalid")
    # 15 IOB sentences, 6 raw texts, 6 treebank sentences, repeats kept without "dedup"
    assert info["sentences"] == 27 and info["duplicates_dropped"] == 0
    assert info["rows"] == nlp.vocab.vectors.shape[0] and info["dim"] == 8
    assert nlp.vocab.has_vector("meresmikan")              # only in the raw news file
    assert nlp.vocab.has_vector("melanda")                 # only in the treebank


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no file matches"):
        build_vectors(TOY, tmp_path, dict(SETTINGS, sources=["raw/absent-*.jsonl"]))


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_no_recipe_reads_a_valid_or_test_split_for_its_vectors(lang):
    sources = data_recipe_for(lang)["vectors"]["sources"]
    assert sources and not any("valid" in s or "test" in s for s in sources)


# --- sources: tagged-corpus tokens, one copy of each sentence, no line a gold set refers to ---

def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def shared(tmp_path):
    """A shared/ folder with running text and a tagged corpus, and a corpus/gold/ that refers into them."""
    data = tmp_path / "shared" / "data"
    _write_jsonl(data / "raw" / "news.jsonl", [
        {"text": "Gubernur meresmikan jembatan baru."},        # line 1
        {"text": "Kalimatgoldsatu ada di baris dua."},         # line 2, a gold line
        {"text": "Kalimatgolddua ada di baris tiga."},         # line 3, a gold line (lines: 2)
        {"text": "Banjir   melanda  Kota Lama."},               # line 4
    ])
    _write_jsonl(data / "raw" / "tagged.jsonl", [
        {"tokens": ["Banjir", "melanda", "kota", "lama", "."], "pos": ["NN", "VB", "NN", "NN", "SYM"]},
        {"tokens": ["Ada", "nya", "warga", "Kalimattagged"], "pos": ["VB", "DT", "NN", "NNP"]},
        {"tokens": ["Kalimatgoldtiga", "dirujuk", "gold"], "pos": ["NNP", "VB", "NN"]},
    ])
    gold = tmp_path / "corpus" / "gold"
    _write_jsonl(gold / "dev.jsonl", [
        {"doc_id": "a", "source": {"file": "data/raw/news.jsonl", "line": 2, "lines": 2, "field": "text"}},
        {"doc_id": "b", "source": {"file": "data/raw/tagged.jsonl", "line": 3, "field": "tokens"}},
        {"doc_id": "c", "text": "written for the gold, in no source file"},
    ])
    return data, tmp_path / "corpus"


def _tokenizer():
    return customize_tokenizer(spacy.blank("id")).tokenizer


def test_gold_lines_cover_each_records_line_and_the_lines_after_it(shared):
    data, corpus = shared
    refs = gold_lines(sorted((corpus / "gold").glob("*.jsonl")), data.parent)
    assert refs == {(data / "raw" / "news.jsonl").resolve(): {2, 3}, (data / "raw" / "tagged.jsonl").resolve(): {3}}


def test_gold_lines_are_left_out_and_counted(shared):
    data, corpus = shared
    excluded = excluded_gold_lines({"exclude_gold": "gold/*.jsonl"}, data, corpus)
    sentences, counts = unlabelled_sentences(data, ["raw/news.jsonl", "raw/tagged.jsonl"], _tokenizer(), excluded)
    words = {w for s in sentences for w in s}
    assert not {"Kalimatgoldsatu", "Kalimatgolddua", "Kalimatgoldtiga"} & words
    assert "Gubernur" in words and "Kalimattagged" in words
    assert counts["raw/news.jsonl"]["gold_lines_dropped"] == 2
    assert counts["raw/tagged.jsonl"]["gold_lines_dropped"] == 1


def test_a_sentence_is_kept_once_across_sources_whatever_its_case_and_spacing(shared):
    data, _ = shared
    sentences, counts = unlabelled_sentences(data, ["raw/news.jsonl", "raw/tagged.jsonl"], _tokenizer())
    flood = [s for s in sentences if s[0].lower() == "banjir"]
    assert flood == [["Banjir", "melanda", "Kota", "Lama", "."]]          # the first source's copy
    assert counts["raw/news.jsonl"]["duplicates_dropped"] == 0
    assert counts["raw/tagged.jsonl"]["duplicates_dropped"] == 1
    assert counts["raw/tagged.jsonl"]["sentences"] == 2 and counts["raw/news.jsonl"]["sentences"] == 4
    assert sum(c["tokens"] for c in counts.values()) == sum(map(len, sentences))


def test_a_tagged_corpus_is_read_as_it_splits_its_tokens(shared):
    data, _ = shared
    sentences, _ = unlabelled_sentences(data, ["raw/tagged.jsonl"], _tokenizer())
    assert ["Ada", "nya", "warga", "Kalimattagged"] in sentences


def test_a_record_without_text_or_tokens_is_a_clear_error(tmp_path):
    _write_jsonl(tmp_path / "raw" / "odd.jsonl", [{"words": ["tanpa", "teks"]}])
    with pytest.raises(ValueError, match="odd.jsonl:1: a record needs"):
        unlabelled_sentences(tmp_path, ["raw/odd.jsonl"], _tokenizer())


def test_gold_referring_to_a_file_read_by_sentence_blocks_is_an_error(tmp_path):
    iob = next(TOY.glob("ner/id/*/train.iob"))
    with pytest.raises(ValueError, match="not one a line"):
        list(read_sources(TOY, [str(iob.relative_to(TOY))], {iob.resolve(): {1}}))


def test_built_vectors_never_saw_a_gold_line_and_record_the_counts(shared, tmp_path):
    data, corpus = shared
    settings = dict(SETTINGS, sources=["raw/news.jsonl", "raw/tagged.jsonl"], min_count=1, exclude_gold="gold/*.jsonl",
                    dedup=True)
    info = build_vectors(data, tmp_path / "v", settings, corpus_root=corpus)
    nlp = spacy.load(tmp_path / "v")
    assert nlp.vocab.has_vector("kalimattagged") and not nlp.vocab.has_vector("kalimatgoldtiga")
    assert (info["gold_lines_dropped"], info["duplicates_dropped"], info["sentences"]) == (3, 1, 3)
    assert "exclude_gold" not in info["settings"] and info["exclude_gold"] == "gold/*.jsonl"


def test_the_toy_files_repeated_sentences_are_read_once_with_dedup(tmp_path):
    info = build_vectors(TOY, tmp_path, dict(SETTINGS, dedup=True))
    assert info["sentences"] == 9 and info["duplicates_dropped"] == 18    # 27 read, 9 distinct


def test_tagged_tokens_give_one_shared_context_pair_each_gold_lines_excepted(shared):
    data, corpus = shared
    excluded = excluded_gold_lines({"exclude_gold": "gold/*.jsonl"}, data, corpus)
    pairs = tag_context_pairs(data, ["raw/news.jsonl", "raw/tagged.jsonl"],
                              {"field": "pos", "tags": ["NNP"], "context": "<nnp>"}, excluded)
    assert pairs == [["Kalimattagged", "<nnp>"]]          # "Kalimatgoldtiga" is on a gold line
