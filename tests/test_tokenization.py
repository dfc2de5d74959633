"""Tokenisation of news text, and its agreement with the UD Indonesian treebanks."""
import pytest
import spacy

from warta.paths import shared_data_dir
from warta.evaluation.tokenizer import ud_token_scores
from warta.tokenization import customize_tokenizer

UD_DIR = shared_data_dir() / "ud"


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("id"))


@pytest.mark.parametrize("text, tokens", [
    ("Rp1,2 triliun", ["Rp", "1,2", "triliun"]),
    ("Minggu (13/10/2024).", ["Minggu", "(", "13", "/", "10", "/", "2024", ")", "."]),
    ("perusahaan 01.AI (AI)", ["perusahaan", "01.AI", "(", "AI", ")"]),
    ('kata "mesin" itu', ["kata", '"', "mesin", '"', "itu"]),
    ("lihat https://contoh.co.id/a?b=1 atau surel redaksi@contoh.co.id.",
     ["lihat", "https://contoh.co.id/a?b=1", "atau", "surel", "redaksi@contoh.co.id", "."]),
    ("perusahaan-perusahaan obligasi-obligasi", ["perusahaan-perusahaan", "obligasi-obligasi"]),
    ("non-migas ke-5 tahun 1960-an COVID-19 APBN-P", ["non-migas", "ke-5", "tahun", "1960-an", "COVID-19", "APBN-P"]),
    ("naik 10-20 persen", ["naik", "10", "-", "20", "persen"]),
    ("US$5 juta", ["US$", "5", "juta"]),
])
def test_news_tokens(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("name", ["id_gsd-ud-dev.conllu", "id_csui-ud-train.conllu"])
def test_token_f1_against_ud(name):
    path = UD_DIR / name
    if not path.exists():
        pytest.skip(f"{path} is absent here (../shared is only on developer machines and CI)")
    base = ud_token_scores(spacy.blank("id"), path)["f1"]
    ours = ud_token_scores(customize_tokenizer(spacy.blank("id")), path)["f1"]
    assert ours >= 0.993 and ours > base


@pytest.mark.parametrize("lang", ["id", "en"])
def test_loaded_pipeline_uses_the_news_tokenizer(lang):
    """warta.load builds the registered news tokenizer rather than loading and changing one: it
    must be the same tokenizer as spaCy's default with customize_tokenizer applied."""
    from warta.backends import cached_pipeline
    nlp = cached_pipeline(lang)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "warta.NewsTokenizer.v1"
    reference = customize_tokenizer(spacy.blank(lang)).tokenizer
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == reference.to_bytes(exclude=["vocab"])
    text = "Harga BBM naik 10-20 persen; perusahaan-perusahaan non-migas (ke-5) di https://contoh.co.id."
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in reference(text)]
