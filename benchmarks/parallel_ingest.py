"""Benchmark: ``relations ingest --workers N`` beside one process, wall time end to end.

    python benchmarks/parallel_ingest.py [CORPUS.jsonl] [--articles N] [--workers N] [--batch N] [--repeat N]

The records are those of benchmarks/ingest_speed.py (the corpus, default ../shared/eval/dev.jsonl,
repeated with altered copies until it holds ``--articles`` records), written once to a .jsonl
file. Then, alternating, ``--repeat`` times each, it runs the installed CLI in a child process
on a new SQLite database:

    relations ingest FILE --db NEW.db --batch 500 --no-progress                 (one process)
    relations ingest FILE --db NEW.db --batch 500 --no-progress --workers 2     (workers)

and times each run from start to exit (wall time: process start-up, creating and seeding the
database and starting the workers included). It reports the best run of each, the rates and
their ratio. The target on this project's 2-core machine: the ratio at least 1.7.

Run it on purpose; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_speed import DEFAULT, copies, load  # noqa: E402 - the same records as that benchmark


def run(corpus: Path, db: Path, batch: int, workers: int) -> tuple[float, str]:
    cmd = [sys.executable, "-c", "from relations.cli import main; main()", "ingest", str(corpus), "--db", str(db),
           "--batch", str(batch), "--no-progress"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"relations ingest failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--articles", type=int, default=6000, help="records to ingest (default 6000)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the parallel runs (default 2)")
    ap.add_argument("--batch", type=int, default=500, help="articles per transaction, both runs (default 500)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each, the best counts (default 3)")
    a = ap.parse_args()
    from corpus_arg import corpus_or_exit  # beside this script

    corpus_or_exit(a.corpus, DEFAULT, "parallel_ingest.py")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for rec in copies(load(a.corpus), a.articles):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n = a.articles
        print(f"{n:,} articles, --batch {a.batch}, {os.cpu_count()} processors; "
              f"one process against --workers {a.workers}, best of {a.repeat}", flush=True)
        best = {1: float("inf"), a.workers: float("inf")}
        for run_no in range(a.repeat):
            for workers in best:
                db = Path(tmp) / f"run{run_no}_w{workers}.db"
                elapsed, summary = run(corpus, db, a.batch, workers)
                best[workers] = min(best[workers], elapsed)
                print(f"run {run_no + 1}, workers {workers}: {elapsed:6.2f} s  {n / elapsed:7,.0f} articles/s  "
                      f"({summary})", flush=True)
                db.unlink()
        single, parallel = best[1], best[a.workers]
        print(f"\none process      : {n / single:7,.0f} articles/s  ({single:.2f} s)")
        print(f"--workers {a.workers:<6} : {n / parallel:7,.0f} articles/s  ({parallel:.2f} s)")
        print(f"speed-up: {single / parallel:.2f}x")


if __name__ == "__main__":
    main()
