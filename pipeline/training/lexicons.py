"""Word lists derived from the NER training data (facts about the language, not copies of the data).

Both commands (``warta lexicons org-heads|common-words``) read the training files of
``<data>/ner/<lang>/`` (the files ``warta train`` trains on: ``train.iob``, else ``all.iob``), map
the labels through the label map of the language's recipe (``configs/training_<lang>.json``), and
skip lower-cased corpora (NERP: a capital cannot be seen there). They print JSON (or write it with
``-o``) that records the command, the thresholds and the source files next to the words and their
counts.

``org-heads`` counts how often each capitalised word

* **heads** an organisation name: it starts an ORG span of two or more tokens, against how often it
  stands before a capitalised word at all — directly or across one or two of the language's
  connector words (``pipeline/lang/<lang>/org_names.json``: "University of Oxford");
* **ends** one (a *tail*): it closes an ORG span of two or more tokens (a span-final "." that the
  IOB files split off an abbreviation is skipped), against how often it stands after a capitalised
  word, or a comma after one, at all ("Apple Inc", "Acme, Inc", "Oxford University").

Words with at least ``--min-count`` such ORG occurrences and a precision of at least
``--min-precision`` are kept. Sentence-initial tokens are not counted (their capital says nothing).
The reviewed use of the list (what was dropped or added, and why) is in ``org_names.json``.

``common-words`` lists the words seen written in lower case in the same files: a capitalised word
whose lower-case form is among them is a common word of the language, not a proper name (used to
decide whether a name is made of proper names only, and where a name cannot start)::

    warta lexicons org-heads --lang id --data ../shared/data -o pipeline/lang/id/org_heads.json
    warta lexicons common-words --lang id --data ../shared/data -o pipeline/lang/id/common_words.json
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from warta import paths
from warta.evaluation.iob import iob_spans, is_lowercased, read_iob
from warta.evaluation.label_maps import corpus_label_map, load_label_map, map_spans
from warta.lang import load_lang_data
from warta.training.corpora import resolve_data_dir, train_files
from warta.training.recipes import data_recipe_for, label_map_path_for, lexicon_settings_for

REPO_ROOT = paths.REPO_ROOT
MIN_PRECISION = 0.5
MAX_CONNECTORS = 2     # connector words in a row inside a name ("Bank of the West")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def is_lowercase_word(word: str) -> bool:
    return word.isalpha() and word.islower()


def connectors(lang: str) -> frozenset[str]:
    return frozenset(load_lang_data(lang, "org_names")["connectors"])     # comment keys already dropped


def cased_training_files(lang: str, data_dir: Path | str) -> tuple[list[tuple[str, str, list]], list[str]]:
    """(corpus, relative path, sentences) of every cased training file, and the skipped ones."""
    ner_dir = resolve_data_dir(data_dir) / "ner" / lang
    threshold = data_recipe_for(lang)["lowercase_corpus_threshold"]
    found, skipped = [], []
    for corpus, path in train_files(ner_dir).items():
        sentences = read_iob(path)
        where = str(Path("ner") / lang / corpus / path.name)
        if is_lowercased(sentences, threshold):
            skipped.append(f"{where} (lower-cased)")
        else:
            found.append((corpus, where, sentences))
    return found, skipped


def _next_name_word(words: list[str], i: int, links: frozenset[str]) -> bool:
    """A capitalised word follows position ``i``, directly or after one or two connectors."""
    j = i + 1
    while j < len(words) and j - i <= MAX_CONNECTORS and words[j] in links:
        j += 1
    return j < len(words) and is_capitalised(words[j])


def count_org_words(lang: str, data_dir: Path | str) -> dict:
    """Per-word counts of ORG heads and tails over the cased training files of ``lang``."""
    label_map = load_label_map(label_map_path_for(lang))
    links = connectors(lang)
    counts = {key: Counter() for key in ("before_name", "head", "after_cap", "tail")}
    files, skipped = cased_training_files(lang, data_dir)
    for corpus, where, sentences in files:
        mapping = corpus_label_map(label_map, corpus)
        for words, tags in sentences:
            orgs = [(s, e) for s, e, label in map_spans(iob_spans(tags), mapping, where) if label == "ORG"]
            starts = {s for s, e in orgs if e - s >= 2}
            # the last word of the span; a final "." belongs to an abbreviation the IOB files split off
            # ("Caterpillar Inc ." — spaCy keeps "Inc." whole)
            ends = {e - 2 if words[e - 1] == "." else e - 1 for s, e in orgs if e - s >= 2}
            for i in range(1, len(words)):
                word = words[i]
                if not is_capitalised(word):
                    continue
                if _next_name_word(words, i, links):
                    counts["before_name"][word] += 1
                    counts["head"][word] += i in starts
                if i >= 2 and (is_capitalised(words[i - 1]) or words[i - 1] == "," and is_capitalised(words[i - 2])):
                    # after a capitalised word that is not sentence-initial ("Apple Inc", "Waste Management, Inc")
                    counts["after_cap"][word] += 1
                    counts["tail"][word] += i in ends
    return {"counts": counts, "sources": [where for _, where, _ in files], "skipped": skipped,
            "connectors": sorted(links)}


def select_words(counts: Counter, context: Counter, min_count: int, min_precision: float) -> dict:
    """Words with ``counts[w] >= min_count`` and ``counts[w] / context[w] >= min_precision``."""
    kept = {}
    for word, n in counts.items():
        if n >= min_count and n / context[word] >= min_precision:
            kept[word] = {"org": n, "all": context[word], "precision": round(n / context[word], 3)}
    return dict(sorted(kept.items(), key=lambda kv: (-kv[1]["org"], kv[0])))


def _provenance(command: str, lang: str, sources: list[str], skipped: list[str]) -> dict:
    return {"command": command, "sources": sources, "skipped": skipped,
            "label_map": str(label_map_path_for(lang).relative_to(REPO_ROOT))}


def org_heads(lang: str, data_dir: Path | str, min_count: int | None = None,
              min_precision: float = MIN_PRECISION) -> dict:
    """Head and tail words of organisation names (``--min-count`` default: the language's recipe)."""
    min_count = lexicon_settings_for(lang)["org_heads_min_count"] if min_count is None else min_count
    found = count_org_words(lang, data_dir)
    counts = found["counts"]
    command = (f"warta lexicons org-heads --lang {lang} --data {data_dir} "
               f"--min-count {min_count} --min-precision {min_precision}")
    return {
        **_provenance(command, lang, found["sources"], found["skipped"]),
        "connectors": found["connectors"],
        "thresholds": {"min_count": min_count, "min_precision": min_precision},
        "definition": "heads: org = starts a multi-token ORG span, all = stands before a capitalised word "
                      "(directly or across one or two connectors); tails: org = ends a multi-token ORG span, "
                      "all = stands after a capitalised word (or a comma after one: 'Acme, Inc'); a span-final '.' "
                      "is skipped; sentence-initial tokens are not counted",
        "heads": select_words(counts["head"], counts["before_name"], min_count, min_precision),
        "tails": select_words(counts["tail"], counts["after_cap"], min_count, min_precision),
    }


def common_words(lang: str, data_dir: Path | str, min_count: int = 2) -> dict:
    """Alphabetic words written in lower case in the cased training files (any label)."""
    files, skipped = cased_training_files(lang, data_dir)
    counts = Counter(word for _, _, sentences in files for words, _ in sentences
                     for word in words if is_lowercase_word(word))
    words = sorted(w for w, n in counts.items() if n >= min_count)
    command = f"warta lexicons common-words --lang {lang} --data {data_dir} --min-count {min_count}"
    return {**_provenance(command, lang, [where for _, where, _ in files], skipped),
            "definition": "alphabetic tokens written all in lower case, counted over every token of the files",
            "thresholds": {"min_count": min_count}, "n_words": len(words), "words": words}


def lexicon_json(kind: str, result: dict) -> str:
    """The JSON text of a derived list as it is kept in ``pipeline/lang/<lang>/``."""
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if kind == "common-words":      # one word a line would make a long file; keep the list compact
        text = text.replace(",\n  \"", ", \"")
    return text + "\n"
