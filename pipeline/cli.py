"""The ``warta`` command: extract, evaluate, show, diff, sample, export, import, train, evaluate-ner,
lexicons, models, check-tokenizer, train-langid, evaluate-langid."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path

from warta.lang import SUPPORTED_LANGS
from warta.training.recipes import TIME_BUDGET_MINUTES

log = logging.getLogger("warta")
DEFAULT_DATA = Path("../shared/data")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="warta: %(levelname)s: %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:                      # `warta diff … | head`: the reader left, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error at interpreter exit
        return 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warta", description=__doc__)
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract records from files, directories and archives",
                                  description="Inputs: .txt, .json, .jsonl, .csv, .parquet (and .gz), directories of "
                                              "them, or a corpus directory with manifest.jsonl. An interrupted run "
                                              "restarted with the same output directory resumes where it stopped.")
    extract.add_argument("inputs", nargs="+", metavar="INPUT")
    extract.add_argument("-o", "--output", required=True, type=Path, help="output directory")
    extract.add_argument("--lang", choices=SUPPORTED_LANGS, help="language of every document (default: detect)")
    extract.add_argument("--published", help="publication date (YYYY-MM-DD) for every document")
    extract.add_argument("--strict", action="store_true", help="exit non-zero when any document failed")
    extract.add_argument("--workers", type=_at_least(1), default=1,
                         help="worker processes (default 1; never more than there are partitions)")
    extract.add_argument("--engine", choices=["local", "dask"], default="local")
    extract.add_argument("--scheduler", help="dask scheduler address (default: start a LocalCluster)")
    extract.add_argument("--chunk-size", type=_at_least(1), default=200, help="documents per partition")
    extract.add_argument("--time-limit", type=_at_least(0, float), default=60.0,
                         help="seconds one document may take (default 60; 0: no limit)")
    extract.add_argument("--max-memory", type=_at_least(0, float), default=None, metavar="MB",
                         help="resident memory one worker may reach; past it the document is an error record "
                              "and a worker that keeps the memory is replaced (default 3000; 0: no limit)")
    extract.add_argument("--limit", type=_at_least(0), help="only the first N documents (0: none)")
    extract.add_argument("--sample", type=_at_least(0), help="N documents drawn at random (fixed seed; 0: none)")
    extract.add_argument("--restart", action="store_true",
                         help="begin again instead of resuming the unfinished run in the output directory")
    extract.add_argument("--backend", choices=["spacy", "stanza"], default="spacy",
                         help="spacy: the shipped models (default); stanza: stanza's tokens, POS and English NER "
                              "(pip install 'warta[stanza]', then warta models download)")
    extract.add_argument("--aliases", action="append", type=Path, default=[], metavar="FILE",
                         help="an alias file of your own (format: docs/schema.md), read after the shipped "
                              "table; repeatable, later files win")
    extract.add_argument("--near-duplicates", action="store_true",
                         help="also mark documents nearly the same as an earlier one (MinHash, estimated Jaccard "
                              "similarity of word 5-grams >= 0.8; pip install 'warta[dedup]'); exact duplicates "
                              "are always marked")
    for name in ("text", "id", "published", "lang", "title"):
        extract.add_argument(f"--{name}-col", default=name, help=f"field/column holding the {name} (default '{name}')")
    extract.set_defaults(func=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score predictions against gold")
    evaluate.add_argument("--gold", required=True, type=Path, help="gold JSONL file or directory")
    evaluate.add_argument("--pred", required=True, type=Path, help="predicted documents.jsonl (or its directory)")
    evaluate.add_argument("--labels", help="comma-separated labels to score (default: all)")
    evaluate.add_argument("--json", type=Path, help="write the metrics to this file")
    evaluate.add_argument("--baseline", type=Path, help="metrics JSON to compare with")
    evaluate.add_argument("--max-drop", type=float, default=0.0, help="allowed drop below the baseline")
    evaluate.add_argument("--no-documents", action="store_true", help="print scores only, not the per-document misses")
    evaluate.add_argument("--html", type=Path, help="write a report page here: scores, label confusion, each "
                          "document's misses and false alarms marked in its text")
    evaluate.set_defaults(func=cmd_evaluate)

    show = commands.add_parser("show", help="render one document as HTML with displaCy")
    show.add_argument("input", type=Path, help="a .txt file or a web page (.html); of a longer input, its first document")
    show.add_argument("-o", "--output", required=True, type=Path)
    show.add_argument("--lang", choices=SUPPORTED_LANGS)
    show.add_argument("--published")
    show.set_defaults(func=cmd_show)

    add_diff_parser(commands)
    add_train_parser(commands)

    evaluate_ner = commands.add_parser("evaluate-ner", help="score the shipped NER model on an IOB file")
    evaluate_ner.add_argument("--data", required=True, type=Path, help="token<TAB>tag IOB2 file")
    evaluate_ner.add_argument("--label-map", type=Path, default=None,
                              help="JSON label map (default: the one configs/training_<lang>.json names)")
    evaluate_ner.add_argument("--lang", choices=SUPPORTED_LANGS, default="id")
    evaluate_ner.add_argument("--json", type=Path, help="also write the scores here")
    evaluate_ner.set_defaults(func=cmd_evaluate_ner)

    add_lexicons_parser(commands)
    gazetteers = commands.add_parser("gazetteers", help="build the shipped place gazetteers (models/gazetteers/)",
                                     description="Indonesian regions (../shared/data/gazetteers/id_regions.json) "
                                                 "and pycountry's country names, with the variants news writes, as "
                                                 "models/gazetteers/{id,en}_places.json (see its CARD.md).")
    gazetteers.add_argument("--data", type=Path, default=DEFAULT_DATA)
    gazetteers.add_argument("-o", "--output", type=Path, default=Path("models") / "gazetteers")
    gazetteers.set_defaults(func=cmd_gazetteers)
    add_annotation_parsers(commands)

    models = commands.add_parser("models", help="manage the optional backends' models")
    models_commands = models.add_subparsers(required=True, metavar="ACTION")
    download = models_commands.add_parser("download", help="fetch stanza's models (needs a network)")
    download.add_argument("--lang", nargs="+", choices=SUPPORTED_LANGS, default=sorted(SUPPORTED_LANGS))
    download.add_argument("--dir", type=Path, default=None,
                          help="stanza resources directory (default: $STANZA_RESOURCES_DIR, else stanza's default)")
    download.set_defaults(func=cmd_models_download)

    tokens = commands.add_parser("check-tokenizer", help="token-boundary F1 of the tokenizer against UD treebanks")
    tokens.add_argument("conllu", nargs="+", type=Path, help="CoNLL-U files (e.g. ../shared/data/ud/*.conllu)")
    tokens.add_argument("--lang", default="id")
    tokens.set_defaults(func=cmd_check_tokenizer)

    langid = commands.add_parser("train-langid", help="train the language identifier (models/langid) from ../shared/data")
    langid.add_argument("--data", type=Path, default=DEFAULT_DATA)
    langid.add_argument("--output", type=Path, default=None, help="default: models/langid/model.json.gz")
    langid.set_defaults(func=cmd_train_langid)

    langid_eval = commands.add_parser("evaluate-langid", help="accuracy of the language identifier on sentences of >= 8 words")
    langid_eval.add_argument("--data", type=Path, default=DEFAULT_DATA)
    langid_eval.add_argument("--model", type=Path, default=None, help="default: models/langid/model.json.gz")
    langid_eval.add_argument("--json", type=Path, help="also write the metrics here")
    langid_eval.set_defaults(func=cmd_evaluate_langid)
    return parser


def add_train_parser(commands) -> None:
    train = commands.add_parser("train", help="train (or re-score) a NER model from ../shared/data",
                                description="Train, evaluate and package the NER model of a language with its "
                                            "recipe (configs/training_<lang>.json); writes the model, metrics.json "
                                            "and MODEL_CARD.md to --output.")
    train.add_argument("--lang", choices=SUPPORTED_LANGS, default="id")
    train.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (holding ner/<lang>/)")
    train.add_argument("--output", type=Path, default=None, help="model folder (default: models/<lang>_ner)")
    train.add_argument("--max-minutes", type=float, default=TIME_BUDGET_MINUTES,
                       help=f"time budget (default {TIME_BUDGET_MINUTES}; the step budget normally ends training first)")
    train.add_argument("--max-steps", type=int, default=None,
                       help="step budget, e.g. a model's recorded best_step, to reproduce it independent of machine "
                            "speed (default: the recipe's max_steps; 0 = none)")
    train.add_argument("--upsample", action="append", type=upsample_entry, default=None, metavar="CORPUS=N",
                       help="repeat a corpus's training sentences N times (repeatable; replaces the recipe's upsample)")
    train.add_argument("--borrow", action="append", default=None, metavar="LANG:CORPUS",
                       help="also train on another language's corpus (training split only, its own label map), "
                            "e.g. en:wikiann (repeatable; replaces the recipe's borrow)")
    train.add_argument("--config", type=Path, default=None, help="spaCy training config (default: the recipe's)")
    train.add_argument("--scratch-dir", type=Path, default=None,
                       help="corpora, vectors and checkpoints (default: training/<lang>; one per concurrent training)")
    train.add_argument("--evaluate-only", action="store_true",
                       help="score the model in --output on every valid split and print JSON (no training)")
    train.add_argument("--iob", type=Path, default=None, help="with --evaluate-only: score on this IOB file only")
    train.set_defaults(func=cmd_train)


def upsample_entry(text: str) -> tuple[str, int]:
    """``CORPUS=N`` as (corpus, n)."""
    corpus, _, times = text.partition("=")
    if not corpus or not times.isdigit():
        raise argparse.ArgumentTypeError(f"expected CORPUS=N, got {text!r}")
    return corpus, int(times)


def add_lexicons_parser(commands) -> None:
    lexicons = commands.add_parser("lexicons", help="word lists derived from the NER training data",
                                   description="Organisation head/tail words and the words written in lower case, "
                                               "counted in the cased NER training files (pipeline/lang/<lang>/"
                                               "org_heads.json, common_words.json); prints JSON or writes it with -o.")
    kinds = lexicons.add_subparsers(required=True, dest="kind", metavar="LIST")
    heads = kinds.add_parser("org-heads", help="organisation head and tail words")
    heads.add_argument("--min-count", type=int, default=None,
                       help="ORG occurrences a word needs (default: the recipe's lexicons.org_heads_min_count)")
    heads.add_argument("--min-precision", type=float, default=None, help="share of its occurrences that are ORG (default 0.5)")
    common = kinds.add_parser("common-words", help="words written in lower case")
    common.add_argument("--min-count", type=int, default=None, help="occurrences a word needs (default 2)")
    for sub in (heads, common):
        sub.add_argument("--lang", choices=SUPPORTED_LANGS, default="id")
        sub.add_argument("--data", type=Path, default=DEFAULT_DATA)
        sub.add_argument("-o", "--output", type=Path, help="write the JSON here (default: standard output)")
    lexicons.set_defaults(func=cmd_lexicons)


def add_diff_parser(commands) -> None:
    diff = commands.add_parser("diff", help="what changed between two runs over the same documents",
                               description="Per label: spans added, removed, with changed boundaries or values; the "
                                           "documents that changed most; a sample of each kind of change. Documents "
                                           "in one run only, or whose text_sha256 differs, are reported, not compared.")
    diff.add_argument("old", type=Path, metavar="OLD", help="the old run's output directory or documents.jsonl")
    diff.add_argument("new", type=Path, metavar="NEW", help="the new run's output directory or documents.jsonl")
    diff.add_argument("--json", type=Path, help="write the report as JSON here")
    diff.add_argument("--html", type=Path, help="write the report as an HTML page here")
    diff.add_argument("--fail-on", action="append", default=[], metavar="LABEL:KIND>N%",
                      help="exit 1 when more than N%% of the old run's LABEL spans changed so (KIND: added, removed, "
                           "boundary, value, any; LABEL ALL: every label); repeatable")
    diff.add_argument("--top", type=_at_least(0), default=10, help="documents that changed most to list (default 10)")
    diff.add_argument("--samples", type=_at_least(0), default=5, help="sampled changes per kind (default 5)")
    diff.add_argument("--seed", type=int, default=0, help="seed of the samples (default 0)")
    diff.add_argument("--texts", nargs="+", default=[], metavar="INPUT",
                      help="the run's inputs, read for the sampled changes' context when the records carry no "
                           "text (matched by doc_id and text_sha256)")
    for name in ("text", "id"):
        diff.add_argument(f"--{name}-col", default=name, help=f"field/column of --texts holding the {name} "
                                                             f"(default '{name}')")
    diff.set_defaults(func=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    from warta.batch.io import Columns, InputError
    from warta.evaluation.diff import DiffError, add_contexts, breaches, diff_runs, format_text, parse_threshold
    from warta.evaluation.diff_html import render_html

    try:                                         # unreadable input or a bad threshold: one line, exit 2
        thresholds = [parse_threshold(text) for text in args.fail_on]
        report = diff_runs(args.old, args.new, top_n=args.top, sample_size=args.samples, seed=args.seed)
        if args.texts:
            add_contexts(report, args.texts, Columns(text=args.text_col, id=args.id_col))
        for path, content in ((args.json, lambda: json.dumps(report.as_dict(), indent=1, ensure_ascii=False) + "\n"),
                              (args.html, lambda: render_html(report))):
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content(), encoding="utf-8")
    except (InputError, DiffError) as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"warta: error: cannot write {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(format_text(report))
    failed = breaches(report, thresholds)
    for line in failed:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failed else 0


def _at_least(minimum: int, kind=int):
    """An argparse type: a number of ``kind`` no smaller than ``minimum``."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value >= minimum:                 # (also refuses NaN)
            raise argparse.ArgumentTypeError(f"{text} is less than {minimum}")
        return value
    return parse


def cmd_extract(args: argparse.Namespace) -> int:
    from warta.batch.io import Columns
    from warta.batch.outdir import PARTS_DIR, OutputFolderError
    from warta.batch.processes import RunInterrupted
    from warta.batch.dedup import NEAR_THRESHOLD
    from warta.batch.runner import MAX_MEMORY_MB, RunOptions, RunStateError, run
    from warta.backends import BackendUnavailableError
    from warta.langdetect import ModelMissingError

    from warta.rules.names import AliasError, read_alias_file

    try:
        for path in args.aliases:                # a bad alias file stops the run before it starts
            read_alias_file(path)
    except AliasError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    options = RunOptions(lang=args.lang, published=args.published, chunk_size=args.chunk_size, backend=args.backend,
                         aliases=tuple(str(p) for p in args.aliases),
                         workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                         seconds_per_doc=args.time_limit, limit=args.limit, sample=args.sample, restart=args.restart,
                         max_memory_mb=MAX_MEMORY_MB if args.max_memory is None else args.max_memory or None,
                         near_duplicates=NEAR_THRESHOLD if args.near_duplicates else None,
                         columns=Columns(text=args.text_col, id=args.id_col, published=args.published_col,
                                         lang=args.lang_col, title=args.title_col))
    try:
        summary = run(args.inputs, args.output, options)
    except (BackendUnavailableError, OutputFolderError, RunStateError, ModelMissingError) as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except RunInterrupted as stop:
        parts = len(list((args.output / PARTS_DIR).glob("part-*.jsonl")))
        print(f"warta: stopped by {stop}: {parts} partitions are written in {args.output}; "
              "the same command resumes the run", file=sys.stderr)
        return 128 + stop.signum
    except OSError as exc:                       # a full or read-only disk, a vanished folder
        where = f" {exc.filename}" if exc.filename else ""
        print(f"warta: error: cannot write{where}: {exc.strerror or exc}; the same command resumes the run",
              file=sys.stderr)
        return 1
    log.info("%d documents: %d ok, %d failed; %d words in %.1fs (%s docs/s, %s words/s) → %s",
             summary["documents"], summary["ok"], summary["error"], summary["words"], summary["seconds"],
             summary["docs_per_second"], summary["words_per_second"], args.output)
    # what is no surprise (a WARC's request records, files beside a manifest) is told, not warned about
    expected = Counter(summary.get("skipped_expected") or {})
    surprising = Counter(summary.get("skipped") or {}) - expected
    if expected:
        log.info("passed over (not documents): %s", ", ".join(f"{n} {reason}" for reason, n in expected.items()))
    if surprising:
        log.warning("skipped inputs (not read): %s", ", ".join(f"{n} {reason}" for reason, n in surprising.items()))
    missing = [str(path) for path in args.inputs if not Path(path).exists()]
    if missing:                                  # read as error records; the exit status tells a script
        print(f"warta: error: no such input: {', '.join(missing)} (an error record each)", file=sys.stderr)
        return 1
    return 1 if args.strict and summary["error"] else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from warta.batch.io import InputError, read_jsonl
    from warta.evaluation.gold import load_gold
    from warta.evaluation.spans import (EvaluationError, check_coverage, check_labels, check_record, evaluate,
                                        format_report, load_baseline, regressions)
    from warta.records import GoldMismatchError

    pred_path = args.pred / "documents.jsonl" if args.pred.is_dir() else args.pred
    try:                                         # anything unscorable is one line, exit 2
        labels = check_labels(args.labels.split(",")) if args.labels else None
        baseline = load_baseline(args.baseline) if args.baseline else None
        gold, predictions = load_gold(args.gold), read_jsonl(pred_path, check=check_record)
        check_coverage(gold, predictions)
        metrics = evaluate(gold, predictions, labels=labels)
    except (InputError, EvaluationError, GoldMismatchError) as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    print(format_report(metrics, show_documents=not args.no_documents))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.html and not write_html_report(args.html, metrics, gold, predictions, labels):
        return 2
    if baseline is not None:
        dropped = regressions(metrics, baseline, args.max_drop)
        for line in dropped:
            print(f"REGRESSION {line}", file=sys.stderr)
        return 1 if dropped else 0
    return 0


def write_html_report(path: Path, metrics: dict, gold: list[dict], predictions: list[dict],
                      labels: list[str] | None) -> bool:
    """``warta evaluate --html``: the report page written, or one error line and False."""
    from warta.evaluation.report import write_report

    try:
        write_report(path, metrics, gold, predictions, labels=labels)
    except OSError as exc:
        print(f"warta: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    log.info("report → %s", path)
    return True


def cmd_show(args: argparse.Namespace) -> int:
    from warta.batch.engine import extract_stream
    from warta.batch.io import iter_inputs
    from warta.visualize import render_html

    doc = next(iter_inputs([args.input]), None)
    if doc is None:
        print(f"warta: error: {args.input}: no document to show (an empty folder or file)", file=sys.stderr)
        return 1
    if doc.error:
        print(f"warta: error: {doc.error}", file=sys.stderr)
        return 1
    # the whole input document (a web page's metadata and dates too), as `warta extract` reads it
    record = next(extract_stream([doc], lang=args.lang, published=args.published))
    if record["status"] != "ok":
        print(f"warta: error: {record['error']}", file=sys.stderr)
        return 1
    try:
        args.output.write_text(render_html(doc.text, record), encoding="utf-8")
    except OSError as exc:
        print(f"warta: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    log.info("%d spans → %s", len(record["spans"]), args.output)
    return 0


def add_annotation_parsers(commands) -> None:
    export = commands.add_parser("export", help="a run's predictions as pre-annotations for Label Studio or doccano",
                                 description="Writes the predictions (or a stratified sample) with their texts: "
                                             "a Label Studio JSON task list or a doccano JSONL file "
                                             "(docs/annotation-tools.md).")
    export.add_argument("run", type=Path, metavar="RUN", help="output directory or documents.jsonl")
    export.add_argument("--format", required=True, choices=["label-studio", "doccano"])
    export.add_argument("-o", "--output", required=True, type=Path)
    export.add_argument("--texts", nargs="+", default=[], metavar="INPUT",
                        help="the run's inputs, read again for the texts (matched by doc_id, checked by text_sha256)")
    export.add_argument("--sample", type=_at_least(0), help="only N documents, stratified as warta sample picks them")
    export.add_argument("--seed", type=int, default=0, help="seed of --sample (default 0)")
    for name in ("text", "id"):
        export.add_argument(f"--{name}-col", default=name, help=f"field/column of --texts holding the {name} "
                                                               f"(default '{name}')")
    export.set_defaults(func=cmd_export)

    gold = commands.add_parser("import", help="corrected annotations from Label Studio or doccano as Warta gold",
                               description="Reads a Label Studio JSON export or a doccano JSONL export of tasks "
                                           "written by warta export; writes gold JSONL. Spans changed or added by "
                                           "the annotators have no values and are marked \"review\": true.")
    gold.add_argument("file", type=Path, metavar="FILE")
    gold.add_argument("--format", required=True, choices=["label-studio", "doccano"])
    gold.add_argument("-o", "--output", required=True, type=Path, help="gold JSONL to write")
    gold.set_defaults(func=cmd_import)

    sample = commands.add_parser("sample", help="pick documents of a run for annotation",
                                 description="Stratified by publication month and label profile (labels present, "
                                             "span count), reproducible with --seed; writes OUT/documents.jsonl "
                                             "and OUT/sample.json (the strata).")
    sample.add_argument("run", type=Path, metavar="RUN", help="output directory or documents.jsonl")
    sample.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="folder to write")
    sample.add_argument("-n", type=_at_least(1), required=True, help="documents to pick")
    sample.add_argument("--seed", type=int, default=0, help="default 0")
    sample.set_defaults(func=cmd_sample)


def cmd_export(args: argparse.Namespace) -> int:
    from warta.batch.io import Columns, InputError
    from warta.evaluation.annotation_tools import export_run

    try:
        written = export_run(args.run, args.format, args.output, texts=args.texts, sample=args.sample,
                             seed=args.seed, columns=Columns(text=args.text_col, id=args.id_col))
    except InputError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"warta: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    log.info("%d documents → %s", written, args.output)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from warta.batch.io import InputError
    from warta.batch.tables import write_jsonl
    from warta.evaluation.annotation_tools import import_annotations

    try:
        records = import_annotations(args.file, args.format)
        write_jsonl(records, args.output)
    except InputError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"warta: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    review = sum(1 for record in records for span in record["spans"] if span.get("review"))
    log.info("%d documents, %d spans (%d to review: new or changed) → %s", len(records),
             sum(len(record["spans"]) for record in records), review, args.output)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from warta.batch.io import InputError
    from warta.evaluation.sampling import format_summary, write_sample

    try:
        summary = write_sample(args.run, args.output, args.n, seed=args.seed)
    except InputError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"warta: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(format_summary(summary))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from warta.training.ner import run_training

    if args.iob and not args.evaluate_only:
        print("warta: error: --iob needs --evaluate-only", file=sys.stderr)
        return 2
    if args.evaluate_only:
        return evaluate_ner_model(args)
    metrics = run_training(lang=args.lang, data_dir=args.data, output_dir=args.output, max_minutes=args.max_minutes,
                           config_path=args.config, max_steps=args.max_steps,
                           upsample=dict(args.upsample) if args.upsample else None,
                           scratch_dir=args.scratch_dir, borrow=args.borrow)
    print(json.dumps({k: metrics[k] for k in ("valid", "speed", "size_mb", "training")}, indent=2, ensure_ascii=False))
    return 0


def evaluate_ner_model(args: argparse.Namespace) -> int:
    """``warta train --evaluate-only``: the model in --output scored on the valid splits (or on --iob)."""
    import spacy

    from warta.evaluation.label_maps import load_label_map
    from warta.evaluation.ner import evaluate_iob
    from warta.training.ner import default_output_dir, evaluate_model
    from warta.training.recipes import label_map_path_for

    output = args.output or default_output_dir(args.lang)
    if args.iob:
        result = evaluate_iob(spacy.load(output), args.iob, load_label_map(label_map_path_for(args.lang)))
    else:
        result = evaluate_model(output, lang=args.lang, data_dir=args.data)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def cmd_lexicons(args: argparse.Namespace) -> int:
    from warta.training.lexicons import common_words, lexicon_json, org_heads

    thresholds = {"min_count": args.min_count}
    if args.kind == "org-heads":
        thresholds["min_precision"] = args.min_precision
    make = org_heads if args.kind == "org-heads" else common_words
    result = make(args.lang, args.data, **{k: v for k, v in thresholds.items() if v is not None})
    text = lexicon_json(args.kind, result)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def cmd_gazetteers(args: argparse.Namespace) -> int:
    from warta.training.gazetteers import build, write

    for path in write(build(args.data), args.output):
        print(path)
    return 0


def cmd_evaluate_ner(args: argparse.Namespace) -> int:
    from warta.backends.spacy_backend import load_spacy as load
    from warta.evaluation.label_maps import load_label_map
    from warta.evaluation.ner import evaluate_iob
    from warta.training.recipes import label_map_path_for

    label_map = load_label_map(args.label_map or label_map_path_for(args.lang))
    if "corpora" in label_map and args.data.parent.name not in label_map["corpora"]:
        # a file from elsewhere: accept every corpus's label names (they do not clash)
        label_map = {k: v for mapping in label_map["corpora"].values() for k, v in mapping.items()}
    nlp = load(args.lang)
    scores = evaluate_iob(nlp, args.data, label_map)
    print(f"{args.data}: {scores['sentences']} sentences, {scores['gold_entities']} entities\n")
    print(f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, s in sorted(scores["per_label"].items()):
        print(f"{label:<8} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['support']:>8}")
    print(f"{'micro':<8} {scores['micro_p']:>6.3f} {scores['micro_r']:>6.3f} {scores['micro_f1']:>6.3f}")
    print(f"{'macro':<8} {'':>6} {'':>6} {scores['macro_f1']:>6.3f}   (over {', '.join(scores['macro_labels'])})")
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    return 0


def cmd_check_tokenizer(args: argparse.Namespace) -> int:
    import spacy

    from warta.evaluation.tokenizer import ud_token_scores
    from warta.tokenization import customize_tokenizer

    print(f"{'file':<32} {'tokenizer':<10} {'P':>7} {'R':>7} {'F1':>7} {'tokens':>7}")
    for path in args.conllu:
        for name, nlp in (("spacy", spacy.blank(args.lang)), ("warta", customize_tokenizer(spacy.blank(args.lang)))):
            s = ud_token_scores(nlp, path)
            print(f"{path.name:<32} {name:<10} {s['precision']:>7.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} {s['gold_tokens']:>7}")
    return 0


def cmd_models_download(args: argparse.Namespace) -> int:
    from warta.backends import BackendUnavailableError
    from warta.backends.stanza_backend import download_models

    try:
        for line in download_models(args.lang, args.dir):
            print(line)
    except BackendUnavailableError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_train_langid(args: argparse.Namespace) -> int:
    from warta import paths
    from warta.training.langid import evaluate, train, write_reports

    output = args.output or paths.langid_model_path()
    model = train(args.data, output)
    metrics = evaluate(args.data, output)
    write_reports(output.parent, metrics, model)
    print(json.dumps(metrics["by_lang"]))
    return 0


def cmd_evaluate_langid(args: argparse.Namespace) -> int:
    from warta.training.langid import evaluate

    metrics = evaluate(args.data, args.model)
    for name, result in metrics["sets"].items():
        print(f"{name:32} {result['lang']}  n={result['n']:6,}  accuracy={result['accuracy']:.4f}  {result['predicted']}")
    for lang, result in metrics["by_lang"].items():
        print(f"{'all ' + lang:32} {lang}  n={result['n']:6,}  accuracy={result['accuracy']:.4f}  (target {metrics['target']})")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
