"""The benchmarks' corpus defaults to a file outside the project: without it, each says in one
line what to pass instead of ending in a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", ["ingest_speed.py", "extract_speed.py", "parallel_ingest.py"])
def test_a_missing_corpus_is_one_line_saying_what_to_pass(tmp_path, script):
    missing = tmp_path / "nothing.jsonl"
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), str(missing)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{script}: no corpus file {missing}: pass a JSON Lines corpus (one {{\"text\": ...}} record a line), "
        f"e.g. python benchmarks/{script} CORPUS.jsonl"]


def test_the_missing_default_says_it_lies_outside_the_project(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from corpus_arg import corpus_or_exit
    finally:
        sys.path.remove(str(BENCHMARKS))
    default = tmp_path / "shared" / "eval" / "dev.jsonl"
    with pytest.raises(SystemExit, match=r"the default corpus .* is not there \(it lies outside the project\)"):
        corpus_or_exit(default, default, "ingest_speed.py")
    default.parent.mkdir(parents=True)
    default.write_text('{"text": "x"}\n', encoding="utf-8")
    assert corpus_or_exit(default, default, "ingest_speed.py") == default
