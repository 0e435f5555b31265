"""The corpus argument the benchmarks share: its default lies outside the project (the eval set
beside this repository's development checkout), so a missing corpus is one line saying what to
pass, not a traceback."""

from __future__ import annotations

import sys
from pathlib import Path


def corpus_or_exit(path: Path, default: Path, script: str) -> Path:
    """``path`` if it is a file; else exit 1 with one line naming it and what to pass instead."""
    if path.is_file():
        return path
    what = (f"the default corpus {default} is not there (it lies outside the project)" if path == default
            else f"no corpus file {path}")
    sys.exit(f"{script}: {what}: pass a JSON Lines corpus (one {{\"text\": ...}} record a line), e.g. "
             f"python benchmarks/{script} CORPUS.jsonl")
