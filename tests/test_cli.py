"""The command line as a shell user meets it."""
from __future__ import annotations

import subprocess
import sys

from warta.cli import build_parser


def test_every_command_is_named_in_the_help():
    help_text = build_parser().format_help()
    for command in ("extract", "evaluate", "show", "diff", "sample", "export", "import", "train", "evaluate-ner",
                    "lexicons", "models", "check-tokenizer", "train-langid", "evaluate-langid", "gazetteers"):
        assert command in help_text


def test_a_long_report_into_a_closed_pipe_ends_quietly(tmp_path):
    """`warta diff … | head`: the reader leaves while warta still prints; exit 141, no traceback."""
    runs = tmp_path / "run.jsonl"
    runs.write_text("".join(f'{{"doc_id": "d{i}", "status": "ok", "text_sha256": "x", "spans": []}}\n'
                            for i in range(3)), encoding="utf-8")
    code = ("import sys; from warta.cli import main\n"
            "import builtins\n"
            "real = builtins.print\n"
            "def closed(*a, **k):\n    raise BrokenPipeError(32, 'Broken pipe')\n"
            "builtins.print = closed\n"
            f"sys.exit(main(['-q', 'diff', {str(runs)!r}, {str(runs)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 141 and "Traceback" not in done.stderr
