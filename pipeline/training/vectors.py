"""Static word vectors for the NER tok2vec, trained by the project on unlabelled text.

spaCy has no Indonesian vectors and nothing may be downloaded, so ``warta.training.ner`` builds them
from ``../shared/data`` before NER training (the language's recipe key ``"vectors"`` names the
sources): word2vec (gensim, skip-gram) over, for Indonesian, the NER *training* sentences, the raw
news sentences (running text, tokenised by Warta's own tokenizer, or a tagged corpus's ``tokens``
as it splits them) and the UD treebank text, for English the NER training sentences alone (there is
no English raw text), lower-cased: "Jakarta", "JAKARTA" and NERP's "jakarta" share one row. Recipe
keys: ``dedup`` reads each sentence once across all sources; ``exclude_gold`` leaves out the source
lines that gold sets refer to, so that held-out gold is not seen even as unlabelled text;
``tag_contexts`` turns a tagged corpus's tags into weak supervision.
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

from warta import paths
from warta.evaluation.iob import read_iob
from warta.tokenization import customize_tokenizer
from warta.training.conllu import conllu_texts


# the recipe keys that choose the text, not word2vec's parameters (those are the card's "settings")
TEXT_SETTINGS = ("sources", "dedup", "exclude_gold", "tag_contexts")


def _stable_hash(text: str) -> int:
    # gensim seeds each word's initial vector with hashfxn(word + seed); Python's hash() changes per
    # process (PYTHONHASHSEED), crc32 does not, so the vectors are the same on every run
    return zlib.crc32(text.encode("utf-8"))


def gold_lines(gold_paths: Iterable[Path], shared_root: Path) -> dict[Path, set[int]]:
    """Source file (resolved) -> the 1-based lines a gold record refers to: ``line`` and, with ``lines``
    = N, the N - 1 after it. ``file`` is relative to ``shared_root`` (``data/raw/...``)."""
    refs: dict[Path, set[int]] = {}
    for gold in gold_paths:
        with Path(gold).open(encoding="utf-8") as handle:
            for record in (json.loads(line) for line in handle if line.strip()):
                source = record.get("source")
                if not source:
                    continue                    # text written for the gold, in no source file
                first = int(source["line"])
                lines = range(first, first + int(source.get("lines", 1)))
                refs.setdefault((Path(shared_root) / source["file"]).resolve(), set()).update(lines)
    return refs


def _jsonl_item(record: dict, where: str) -> tuple[str, object]:
    # raw news has running text; a tagged corpus has its own tokenisation, kept as it is
    if isinstance(record.get("text"), str):
        return "text", record["text"]
    if isinstance(record.get("tokens"), list):
        return "tokens", record["tokens"]
    raise ValueError(f"{where}: a record needs a 'text' string or a 'tokens' list")


def _file_items(path: Path) -> Iterator[tuple[int | None, str, object]]:
    """(1-based line or None where a record spans lines, kind, item) of one source file."""
    if path.suffix == ".iob":
        yield from ((None, "tokens", words) for words, _ in read_iob(path))
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield (number, *_jsonl_item(json.loads(line), f"{path}:{number}"))
    elif path.suffix == ".conllu":
        yield from ((None, "text", text) for text in conllu_texts(path))
    else:
        raise ValueError(f"{path}: no reader for {path.suffix} files")


def read_sources(root: Path, sources: Iterable[str],
                 excluded: dict[Path, set[int]] | None = None) -> Iterator[tuple[str, str, object]]:
    """(source pattern, kind, item): ("tokens", [words]) for IOB sentences and JSONL ``tokens`` lists,
    ("text", str) for JSONL ``text`` fields and CoNLL-U ``# text``; lines in ``excluded`` yield
    (pattern, "excluded", None) instead, so that the caller can count them."""
    excluded = excluded or {}
    for pattern in sources:
        paths = sorted(root.glob(pattern))
        if not paths:
            raise FileNotFoundError(f"no file matches {pattern!r} under {root}")
        for path in paths:
            skip = excluded.get(path.resolve(), set())
            if skip and path.suffix != ".jsonl":
                raise ValueError(f"gold refers to lines of {path}, whose records are not one a line")
            for number, kind, item in _file_items(path):
                yield (pattern, "excluded", None) if number in skip else (pattern, kind, item)


def _source_counts() -> dict:
    return {"sentences": 0, "tokens": 0, "duplicates_dropped": 0, "gold_lines_dropped": 0}


def unlabelled_sentences(root: Path, sources: Iterable[str], tokenizer, excluded: dict[Path, set[int]] | None = None,
                         dedup: bool = True) -> tuple[list[list[str]], dict]:
    """Token lists as written (raw text through ``tokenizer``, Warta's, as at run time), gold lines
    left out, with ``dedup`` each sentence once across all sources (the first source keeps it).
    Returns the sentences and, per source pattern, what was kept and dropped."""
    counts: dict[str, dict] = {}
    read: list[tuple[str, str, object]] = []
    for pattern, kind, item in read_sources(root, sources, excluded):
        tally = counts.setdefault(pattern, _source_counts())
        if kind == "excluded":
            tally["gold_lines_dropped"] += 1
        else:
            read.append((pattern, kind, item))
    docs = iter(tokenizer.pipe((item for _, kind, item in read if kind == "text"), batch_size=1000))
    seen: set[str] = set()
    sentences: list[list[str]] = []
    for pattern, kind, item in read:
        words = [w for w in item if w.strip()] if kind == "tokens" else [t.text for t in next(docs) if not t.is_space]
        # compared as tokens, lower-cased, so that running text and a corpus's token list can match
        key = " ".join(w for word in words for w in word.split()).lower()
        if dedup and key in seen:
            counts[pattern]["duplicates_dropped"] += 1
            continue
        seen.add(key)
        sentences.append(words)
        counts[pattern]["sentences"] += 1
        counts[pattern]["tokens"] += len(words)
    return sentences, counts


def tag_context_pairs(root: Path, sources: Iterable[str], tag_contexts: dict,
                      excluded: dict[Path, set[int]] | None = None) -> list[list[str]]:
    """Weak supervision from a tagged corpus: ``[word, context]`` for each token of a JSONL ``tokens``
    record whose tag (``tag_contexts["field"]``) is one of ``tag_contexts["tags"]``, so that every
    word so tagged shares one extra context (``tag_contexts["context"]``) and their vectors move
    towards a common direction; gold lines are left out here too."""
    excluded = excluded or {}
    field, tags, context = tag_contexts["field"], set(tag_contexts["tags"]), tag_contexts["context"]
    pairs: list[list[str]] = []
    for pattern in sources:
        for path in sorted(root.glob(pattern)):
            if path.suffix != ".jsonl":
                continue
            skip = excluded.get(path.resolve(), set())
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    record = json.loads(line) if line.strip() and number not in skip else {}
                    pairs += [[word, context] for word, tag in zip(record.get("tokens", []), record.get(field, []))
                              if tag in tags and word.strip()]
    return pairs


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


def excluded_gold_lines(settings: dict, data_dir: Path, corpus_root: Path | None) -> dict[Path, set[int]]:
    """The lines of the sources that the gold sets named by ``exclude_gold`` (a glob under the
    project's ``corpus/``) refer to; none when the recipe names no gold."""
    pattern = settings.get("exclude_gold")
    if not pattern:
        return {}
    root = Path(corpus_root or paths.corpus_dir())
    gold_paths = sorted(root.glob(pattern))
    if not gold_paths:
        raise FileNotFoundError(f"no gold file matches {pattern!r} under {root}")
    return gold_lines(gold_paths, Path(data_dir).parent)


def build_vectors(data_dir: Path, output_dir: Path, settings: dict, lang: str = "id", seed: int = 0,
                  corpus_root: Path | None = None) -> dict:
    """Train the vectors and save a blank ``lang`` pipeline holding them (for ``[initialize] vectors``);
    returns what went in (for metrics.json and the model card). ``corpus_root`` (default the
    project's ``corpus/``) is where ``exclude_gold`` is looked up."""
    started = time.monotonic()
    nlp = customize_tokenizer(spacy.blank(lang))
    excluded = excluded_gold_lines(settings, data_dir, corpus_root)
    sentences, per_source = unlabelled_sentences(Path(data_dir), settings["sources"], nlp.tokenizer, excluded,
                                                 dedup=bool(settings.get("dedup")))
    tagged = settings.get("tag_contexts")
    pairs = tag_context_pairs(Path(data_dir), settings["sources"], tagged, excluded) if tagged else []
    keyed = train_vectors([[_vector_key(t) for t in s] for s in sentences + pairs], settings, seed=seed)
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
            "dim": int(settings["dim"]), "sources": list(settings["sources"]), "per_source": per_source,
            "duplicates_dropped": sum(c["duplicates_dropped"] for c in per_source.values()),
            "gold_lines_dropped": sum(c["gold_lines_dropped"] for c in per_source.values()),
            "settings": {k: v for k, v in settings.items() if k not in TEXT_SETTINGS},
            **{k: settings.get(k) for k in TEXT_SETTINGS if k != "sources"}, "tag_context_pairs": len(pairs),
            "wall_minutes": round((time.monotonic() - started) / 60, 1)}
