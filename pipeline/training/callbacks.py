"""spaCy training callbacks of ``warta train``: a wall-clock budget and a logger that records every evaluation."""
from __future__ import annotations

import sys
import time

import srsly
from spacy.util import registry


class TrainingTimeBudgetExceeded(Exception):
    """Raised inside spaCy's training loop once the wall-clock budget is spent."""


@registry.callbacks("warta.time_budget.v1")
def make_time_budget(max_seconds: float):
    """A ``before_update`` callback that stops training after ``max_seconds``."""
    start = time.monotonic()

    def before_update(nlp, args):
        if time.monotonic() - start > max_seconds:
            raise TrainingTimeBudgetExceeded(f"{max_seconds:.0f}s spent at step {args['step']}, epoch {args['epoch']}")

    return before_update


@registry.loggers("warta.recording_logger.v1")
def make_recording_logger(path: str, progress_bar: bool = False):
    """spaCy's console logger that also records every evaluation (step, epoch, score) to ``path``."""
    console = registry.resolve({"logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": progress_bar}})["logger"]

    def setup(nlp, stdout=sys.stdout, stderr=sys.stderr):
        log_step, finalize = console(nlp, stdout, stderr)
        evaluations: list[dict] = []

        def step(info):
            log_step(info)
            if info is not None:
                evaluations.append({"step": info["step"], "epoch": info["epoch"],
                                    "score": round(float(info["score"]), 4), "seconds": info["seconds"]})
                srsly.write_json(path, evaluations)

        return step, finalize

    return setup
