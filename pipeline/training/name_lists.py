"""Given names derived from the NER training data: the words that start person names and little else.

A capitalised word is a *given name* when it is the first word of at least ``min_count`` PERSON spans
and, of all its capitalised uses that are not sentence-initial (a sentence's first capital says
nothing), at least ``min_precision`` start a PERSON span. The counts run over the cased training
files of every language given (``ner/<lang>/<corpus>/train.iob``, labels mapped through each
language's label map; lower-cased corpora skipped, as for ``warta lexicons``): given names cross
languages ("Jennifer" heads persons in English and Indonesian news alike). The names rules use the
list to read a model ORG or PLACE that starts with one as a PERSON ("Janet Jackson").

Rebuild the shipped list with::

    python -m warta.training.name_lists --langs id en --data ../shared/data -o pipeline/lang/id/given_names.json
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from warta.evaluation.iob import iob_spans
from warta.evaluation.label_maps import corpus_label_map, load_label_map, map_spans
from warta.training.lexicons import REPO_ROOT, cased_training_files, is_capitalised
from warta.training.recipes import label_map_path_for

MIN_COUNT = 5
MIN_PRECISION = 0.95


def count_person_starts(langs: list[str], data_dir: Path | str) -> dict:
    """Per-word counts of PERSON starts and of capitalised non-initial uses over the cased training files."""
    starts, uses = Counter(), Counter()
    sources, skipped, label_maps = [], [], []
    for lang in langs:
        label_map = load_label_map(label_map_path_for(lang))
        label_maps.append(str(label_map_path_for(lang).relative_to(REPO_ROOT)))
        files, left_out = cased_training_files(lang, data_dir)
        skipped += left_out
        for corpus, where, sentences in files:
            sources.append(where)
            mapping = corpus_label_map(label_map, corpus)
            for words, tags in sentences:
                firsts = {s for s, _, label in map_spans(iob_spans(tags), mapping, where) if label == "PERSON"}
                for i in range(1, len(words)):
                    if is_capitalised(words[i]):
                        uses[words[i]] += 1
                        starts[words[i]] += i in firsts
    return {"starts": starts, "uses": uses, "sources": sources, "skipped": skipped,
            "label_maps": sorted(set(label_maps))}


def given_names(langs: list[str], data_dir: Path | str, min_count: int = MIN_COUNT,
                min_precision: float = MIN_PRECISION) -> dict:
    """The list as it is shipped: the words, their counts and how they were made."""
    found = count_person_starts(langs, data_dir)
    starts, uses = found["starts"], found["uses"]
    words = {w: {"person": n, "all": uses[w], "precision": round(n / uses[w], 3)}
             for w, n in starts.items() if n >= min_count and n / uses[w] >= min_precision}
    command = (f"python -m warta.training.name_lists --langs {' '.join(langs)} --data {data_dir} "
               f"--min-count {min_count} --min-precision {min_precision}")
    return {"command": command, "sources": found["sources"], "skipped": found["skipped"],
            "label_map": ", ".join(found["label_maps"]),
            "definition": "person = starts a PERSON span, all = capitalised and not sentence-initial",
            "thresholds": {"min_count": min_count, "min_precision": min_precision},
            "words": dict(sorted(words.items(), key=lambda kv: (-kv[1]["person"], kv[0])))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", nargs="+", default=["id", "en"])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    parser.add_argument("-o", "--output")
    args = parser.parse_args(argv)
    result = given_names(args.langs, args.data, args.min_count, args.min_precision)
    result = {"_comment": "Derived, do not edit: rebuild with the command below (see "
                          "pipeline/training/name_lists.py).", **result}
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
