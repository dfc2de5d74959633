"""Static word vectors for the NER tok2vec, trained by the project on unlabelled text.

spaCy has no Indonesian vectors and nothing may be downloaded, so ``warta.training.ner`` builds them
from ``../shared/data`` before NER training (the language's recipe key ``"vectors"`` names the
sources): word2vec (gensim, skip-gram) over, for Indonesian, the NER *training* sentences, the raw
news sentences and the UD treebank text, for English the NER training sentences alone (there is no
English raw text), tokenised by Warta's own tokenizer and lower-cased: "Jakarta", "JAKARTA" and
NERP's "jakarta" share one row.
The table is keyed on the written form (ORTH) — spaCy 3.8 does not save a default-mode table's
``attr`` (``vectors.cfg`` holds only the mode), so a LOWER-keyed table silently becomes ORTH-keyed
once saved — and every form seen in the text, plus the capitalised and upper-case forms, points
to the row of its lower-case word. The valid and test splits are never read. Only the
vectors and their word list ship (inside the model's ``vocab/``), never the text.

gensim is needed only here, at training time (``pip install -e '.[train]'``).
"""
from __future__ import annotations

import json
import logging
import time
import zlib
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.vectors import Vectors

from warta.evaluation.iob import read_iob
from warta.tokenization import customize_tokenizer
from warta.training.conllu import conllu_texts


def _stable_hash(text: str) -> int:
    # gensim seeds each word's initial vector with hashfxn(word + seed); Python's hash() changes per
    # process (PYTHONHASHSEED), crc32 does not, so the vectors are the same on every run
    return zlib.crc32(text.encode("utf-8"))


def read_sources(root: Path, sources: Iterable[str]) -> Iterator[tuple[str, object]]:
    """("tokens", [words]) for IOB sentences; ("text", str) for JSONL ``text`` fields and CoNLL-U ``# text``."""
    for pattern in sources:
        paths = sorted(root.glob(pattern))
        if not paths:
            raise FileNotFoundError(f"no file matches {pattern!r} under {root}")
        for path in paths:
            if path.suffix == ".iob":
                yield from (("tokens", words) for words, _ in read_iob(path))
            elif path.suffix == ".jsonl":
                with path.open(encoding="utf-8") as handle:
                    yield from (("text", json.loads(line)["text"]) for line in handle if line.strip())
            elif path.suffix == ".conllu":
                yield from (("text", text) for text in conllu_texts(path))
            else:
                raise ValueError(f"{path}: no reader for {path.suffix} files")


def unlabelled_sentences(root: Path, sources: Iterable[str], tokenizer) -> list[list[str]]:
    """Token lists as written; raw text goes through ``tokenizer`` (Warta's, as at run time)."""
    sentences: list[list[str]] = []
    texts: list[str] = []
    for kind, item in read_sources(root, sources):
        if kind == "tokens":
            sentences.append([w for w in item if w.strip()])
        else:
            texts.append(item)
    for doc in tokenizer.pipe(texts, batch_size=1000):
        sentences.append([t.text for t in doc if not t.is_space])
    return sentences


def _vector_key(word: str) -> str:
    return word.lower().replace(" ", "_")      # a few corpus tokens hold a space


def surface_forms(sentences: list[list[str]], words: Iterable[str]) -> dict[str, set[str]]:
    """Lower-case word → the forms that share its row: as seen in the text, capitalised, upper case."""
    forms = {word: {word, word.capitalize(), word.upper()} for word in words}
    for sentence in sentences:
        for token in sentence:
            key = _vector_key(token)
            if key in forms and " " not in token:
                forms[key].add(token)
    return forms


def train_vectors(sentences: list[list[str]], settings: dict, seed: int = 0):
    """gensim KeyedVectors; one worker, a fixed seed and a stable hash make it reproducible."""
    from gensim.models import Word2Vec

    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    gensim_log.setLevel(logging.WARNING)        # its per-epoch progress lines would flood `warta train`
    try:
        model = Word2Vec(sentences=sentences, vector_size=int(settings["dim"]), window=int(settings["window"]),
                         min_count=int(settings["min_count"]), sg=1, negative=int(settings["negative"]),
                         epochs=int(settings["epochs"]), workers=1, seed=seed, hashfxn=_stable_hash)
    finally:
        gensim_log.setLevel(level)
    return model.wv


def build_vectors(data_dir: Path, output_dir: Path, settings: dict, lang: str = "id", seed: int = 0) -> dict:
    """Train the vectors and save a blank ``lang`` pipeline holding them (for ``[initialize] vectors``);
    returns what went in (for metrics.json and the model card)."""
    started = time.monotonic()
    nlp = customize_tokenizer(spacy.blank(lang))
    sentences = unlabelled_sentences(Path(data_dir), settings["sources"], nlp.tokenizer)
    keyed = train_vectors([[_vector_key(t) for t in s] for s in sentences], settings, seed=seed)
    table = Vectors(strings=nlp.vocab.strings, data=keyed.vectors, name=f"warta_{lang}_word2vec")
    forms = surface_forms(sentences, keyed.index_to_key)
    n_keys = 0
    for row, word in enumerate(keyed.index_to_key):
        for form in sorted(forms[word]):
            table.add(form, row=row)
            n_keys += 1
    nlp.vocab.vectors = table
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return {"sentences": len(sentences), "tokens": sum(map(len, sentences)), "rows": len(keyed.index_to_key),
            "keys": n_keys,
            "dim": int(settings["dim"]), "sources": list(settings["sources"]),
            "settings": {k: v for k, v in settings.items() if k != "sources"},
            "wall_minutes": round((time.monotonic() - started) / 60, 1)}
