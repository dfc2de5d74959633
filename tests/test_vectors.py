"""Static word vectors built for the NER model (warta.training.vectors), on toy data of our own."""
from pathlib import Path

import numpy
import pytest
import spacy

pytest.importorskip("gensim", reason="gensim (the 'train' extra) is not installed; make test installs it")

from warta.lang import SUPPORTED_LANGS  # noqa: E402
from warta.training.recipes import data_recipe_for  # noqa: E402
from warta.training.vectors import build_vectors  # noqa: E402

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
    # 15 IOB sentences, 6 raw texts, 6 treebank sentences
    assert info["sentences"] == 27
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
