"""The NER training corpora: every corpus folder of ``<data>/ner/<lang>/`` mapped to the project
labels, de-duplicated against the valid splits, lower-cased corpora case-restored, written as spaCy
DocBins (``train.spacy``, ``dev.spacy``).

1. each corpus folder holds ``train.iob`` (else ``all.iob``) and, when it is scored, ``valid.iob``;
   its labels are mapped through the language's label map (a label mapped to null becomes O);
   a recipe's ``borrow`` adds another language's training split under that language's label map;
2. every training sentence that occurs (after lower-casing) in any valid split is dropped, and so
   are the lower-cased corpus's copies of sentences that a cased corpus already has;
3. a lower-cased corpus (NERP) goes in twice: as-is and case-restored (``CaseRestorer``); a
   share of the cased sentences is added lower-cased too, so the model does not rely on capitals.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import spacy
from spacy.tokens import Doc, DocBin

from warta import paths
from warta.evaluation.iob import iob_spans, is_lowercased, read_iob, tagged_doc
from warta.evaluation.label_maps import corpus_label_map, map_spans
from warta.training.recipes import SEED, label_map_path_for

# training files of a corpus folder, in order of preference; valid.iob (when present) is the valid split
TRAIN_FILES = ("train.iob", "all.iob")
# case restoration outside entities: a capitalised form seen at least this often and this share of the time
MIN_CASED_COUNT = 2
MIN_CASED_SHARE = 0.6


def resolve_data_dir(data_dir: Path | str) -> Path:
    """``data_dir`` as given, or under the repository root when it is relative and only exists there."""
    data_dir = Path(data_dir)
    if not data_dir.is_absolute() and not data_dir.exists() and (paths.REPO_ROOT / data_dir).exists():
        data_dir = paths.REPO_ROOT / data_dir
    return data_dir


def list_corpora(ner_dir: Path) -> list[str]:
    """Corpus folders with a training file and a ``valid.iob`` (the ones that are scored)."""
    return sorted(p.name for p in ner_dir.iterdir() if (p / "train.iob").exists() and (p / "valid.iob").exists())


def train_files(ner_dir: Path) -> dict[str, Path]:
    """Training file of every corpus folder (``train.iob``, else ``all.iob``), by folder name, sorted."""
    found = {}
    for p in sorted(ner_dir.iterdir(), key=lambda q: q.name):
        for fname in TRAIN_FILES:
            if (p / fname).exists():
                found[p.name] = p / fname
                break
    return found


def borrowed_corpora(data_dir: Path, borrow: Iterable[str]) -> dict[str, tuple[Path, dict]]:
    """Training files of other languages' corpora (``"en:wikiann"`` -> ``"wikiann-en"``), each with its
    own language's label mapping, for a recipe's ``borrow`` list."""
    found = {}
    for spec in borrow:
        other_lang, _, corpus = spec.partition(":")
        folder = data_dir / "ner" / other_lang / corpus
        path = next((folder / f for f in TRAIN_FILES if (folder / f).exists()), None)
        if not corpus or path is None:
            raise FileNotFoundError(f"borrow {spec!r}: no {' or '.join(TRAIN_FILES)} in {folder}")
        found[f"{corpus}-{other_lang}"] = (path, corpus_label_map(label_map_path_for(other_lang), corpus))
    return found


def sentence_key(words: list[str]) -> str:
    return " ".join(words).lower()


def capitalise(word: str) -> str:
    """The word with its first letter in upper case."""
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word


class CaseRestorer:
    """Restores capitals in a lower-cased sentence using its (gold) entity spans and the casing
    statistics of cased corpora. Only used to build training data: at evaluation time the valid
    splits are scored as distributed (NERP stays lower-case)."""

    def __init__(self, cased_sentences: Iterable[tuple[list[str], list[str]]]):
        self.in_entity: dict[str, Counter] = defaultdict(Counter)
        self.outside: dict[str, Counter] = defaultdict(Counter)
        for words, tags in cased_sentences:
            for i, (word, tag) in enumerate(zip(words, tags)):
                if i == 0:  # sentence-initial capitals say nothing about the word
                    continue
                table = self.outside if tag == "O" else self.in_entity
                table[word.lower()][word] += 1

    def restore(self, words: list[str], tags: list[str]) -> list[str]:
        """Inside a span: the word's usual capitalised form (else title case); outside: a
        capitalised form only where the cased corpora almost always write it so."""
        restored = []
        for i, (word, tag) in enumerate(zip(words, tags)):
            key = word.lower()
            new = word
            if tag != "O":
                forms = self.in_entity.get(key) or self.outside.get(key)
                new = forms.most_common(1)[0][0] if forms else capitalise(word)
            else:
                forms = self.outside.get(key)
                if forms:
                    best, count = forms.most_common(1)[0]
                    if (best != best.lower() and count >= MIN_CASED_COUNT
                            and count / sum(forms.values()) >= MIN_CASED_SHARE):
                        new = best
            if i == 0:
                new = capitalise(new)
            restored.append(new)
        return restored


def build_corpora(lang: str, data_dir: Path, scratch: Path, label_map: dict, recipe: dict, seed: int = SEED) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` to ``scratch``; return statistics of what went in
    (and, under ``"restorer"``, the CaseRestorer built from the cased corpora)."""
    data_dir = resolve_data_dir(data_dir)
    ner_dir = data_dir / "ner" / lang
    if not ner_dir.is_dir():
        raise FileNotFoundError(f"no NER data for '{lang}' at {ner_dir}")
    nlp = spacy.blank(lang)
    files = train_files(ner_dir)
    maps = {name: corpus_label_map(label_map, name) for name in files}
    borrowed = borrowed_corpora(data_dir, recipe.get("borrow", ()))
    for name, (path, mapping) in borrowed.items():
        files[name], maps[name] = path, mapping
    names = sorted(files)
    train = {name: read_iob(files[name]) for name in names}
    # a borrowed corpus trains only: its valid split stays with its own language
    valid = {name: read_iob(ner_dir / name / "valid.iob") for name in names
             if name not in borrowed and (ner_dir / name / "valid.iob").exists()}
    lowered = {name: is_lowercased(train[name], recipe["lowercase_corpus_threshold"]) for name in names}

    valid_keys = {sentence_key(words) for name in valid for words, _ in valid[name]}
    cased_train_keys = {sentence_key(words) for name in names if not lowered[name] for words, _ in train[name]}
    restorer = CaseRestorer(s for name in names if not lowered[name] for s in train[name])

    rng = random.Random(seed)
    train_docs: list[Doc] = []
    stats: dict = {"corpora": {}, "recipe": dict(recipe), "seed": seed}
    for name in names:
        st = {"lowercased_corpus": lowered[name], "train_sentences": len(train[name]),
              "source_corpus": str(files[name].parent.relative_to(files[name].parents[2])),
              "valid_sentences": len(valid.get(name, [])), "dropped_in_valid": 0,
              "dropped_in_cased_train": 0, "train_docs": 0}
        repeat = int(recipe.get("upsample", {}).get(name, 1))
        for words, tags in train[name]:
            key = sentence_key(words)
            if key in valid_keys:
                st["dropped_in_valid"] += 1
                continue
            if lowered[name] and key in cased_train_keys:
                st["dropped_in_cased_train"] += 1
                continue
            spans = map_spans(iob_spans(tags), maps[name], f"in {name}/train.iob")
            variants: list[list[str]] = []
            if lowered[name]:
                variants.append(restorer.restore(words, tags))
                if recipe["keep_lowercase_original"]:
                    variants.append(words)
            else:
                variants.append(words)
                if rng.random() < recipe["lowercase_copy_fraction"]:
                    variants.append([w.lower() for w in words])
            for _ in range(repeat):
                for v in variants:
                    train_docs.append(tagged_doc(nlp.vocab, v, spans))
                    st["train_docs"] += 1
        stats["corpora"][name] = st

    dev_docs = [tagged_doc(nlp.vocab, words, map_spans(iob_spans(tags), maps[name], f"in {name}/valid.iob"))
                for name in valid for words, tags in valid[name]]
    scratch.mkdir(parents=True, exist_ok=True)
    DocBin(docs=train_docs, store_user_data=False).to_disk(scratch / "train.spacy")
    DocBin(docs=dev_docs, store_user_data=False).to_disk(scratch / "dev.spacy")
    stats["train_docs"] = len(train_docs)
    stats["train_words"] = sum(len(d) for d in train_docs)
    stats["dev_docs"] = len(dev_docs)
    stats["dev_words"] = sum(len(d) for d in dev_docs)
    stats["restorer"] = restorer
    return stats
