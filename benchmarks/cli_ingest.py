"""Benchmark: the README's commands as whole processes on one corpus, side by side.

    python benchmarks/cli_ingest.py [CORPUS.jsonl] [--repeat 3] [--postgresql URL]

Alternating, ``--repeat`` times each, in child processes (default corpus ../shared/eval/dev.jsonl):

    relations extract CORPUS > /dev/null
    relations ingest CORPUS --db NEW.db --no-progress              (the defaults: --batch 500)
    relations ingest CORPUS --db NEW.db --no-progress --batch 1    (a durable commit per article)
    relations ingest CORPUS --db NEW.db --no-progress --workers 2
    relations ingest CORPUS --db NEW --no-progress [--batch 1]     (with --postgresql: a new database there)

and reports for each the least wall time, the least CPU time (user + system) of that run's process
(with --workers, of the parent only: the workers are not its children), and the ratios to
``extract``. On a shared machine the CPU times are the steadier figures (wall
times grow with the load of other processes; the load average is printed). Run it on purpose;
it is not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"
CLI = [sys.executable, "-c", "from relations.cli import main; main()"]


def run(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``relations ARGS``, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"relations {' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--postgresql", metavar="URL", help="also ingest into a new database on this server")
    a = ap.parse_args()
    if not a.corpus.is_file():
        sys.exit(f"no corpus at {a.corpus}: give a JSON-lines file of articles")
    n = sum(1 for line in a.corpus.open(encoding="utf-8") if line.strip())
    corpus = str(a.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        def new_sqlite() -> str:
            return str(Path(tmp) / f"{uuid.uuid4().hex[:8]}.db")

        cases: dict[str, object] = {
            "extract": lambda: ["extract", corpus],
            "ingest (defaults)": lambda: ["ingest", corpus, "--db", new_sqlite(), "--no-progress"],
            "ingest --batch 1": lambda: ["ingest", corpus, "--db", new_sqlite(), "--no-progress", "--batch", "1"],
            "ingest --workers 2": lambda: ["ingest", corpus, "--db", new_sqlite(), "--no-progress", "--workers", "2"],
        }
        made: list[str] = []
        admin = None
        if a.postgresql:
            import sqlalchemy as sa

            server = sa.make_url(a.postgresql)
            admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

            def new_pg() -> str:
                name = f"relations_bench_{uuid.uuid4().hex[:10]}"
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                made.append(name)
                return server.set(database=name).render_as_string(hide_password=False)

            cases["ingest PostgreSQL (defaults)"] = lambda: ["ingest", corpus, "--db", new_pg(), "--no-progress"]
            cases["ingest PostgreSQL --batch 1"] = lambda: ["ingest", corpus, "--db", new_pg(), "--no-progress",
                                                            "--batch", "1"]
        best = {k: (float("inf"), float("inf")) for k in cases}  # the least wall time, the least CPU time
        try:
            print(f"{n:,} articles of {a.corpus.name}, {os.cpu_count()} processors, best of {a.repeat}", flush=True)
            for r in range(a.repeat):
                for name, args in cases.items():
                    wall, cpu = run(args())  # type: ignore[operator]
                    print(f"run {r + 1} {name:30s} wall {wall:6.2f} s  CPU {cpu:6.2f} s  "
                          f"(load average {os.getloadavg()[0]:.1f})", flush=True)
                    best[name] = (min(wall, best[name][0]), min(cpu, best[name][1]))
        finally:
            if admin is not None:
                with admin.connect() as conn:
                    for name in made:
                        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.dispose()
        ew, ec = best["extract"]
        print()
        for name, (wall, cpu) in best.items():
            print(f"{name:30s} {n / wall:6,.0f} articles/s wall ({wall:6.2f} s, {wall / ew:4.2f}x extract); "
                  f"CPU {cpu:6.2f} s ({cpu / ec:4.2f}x extract)")


if __name__ == "__main__":
    main()
