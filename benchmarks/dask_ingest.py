"""Benchmark: the Dask recipe (relations.contrib.dask) with N workers beside one `relations ingest`,
both into new PostgreSQL databases, wall time end to end.

    python benchmarks/dask_ingest.py [CORPUS.jsonl] [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                                     [--workers 2] [--blocksize 200kB] [--batch 1] [--repeat 3]

Alternating, ``--repeat`` times each, in child processes (default corpus ../shared/eval/dev.jsonl):

    relations ingest CORPUS --db NEW --no-progress                    (one process, the defaults)
    python -c '...LocalCluster(n_workers=N); relations.contrib.dask.ingest(CORPUS, NEW)'

timed from start to exit (the Dask run's time includes starting the cluster; its child also
reports the time of ``ingest()`` alone, the cluster already up, and the CPU seconds each worker
spent in it). The CPU time of ``relations ingest`` (its child's user + system time) beside the
busiest worker's tells the speed-up free processors would give, where a shared machine's load
average (printed) makes wall times unsteady. It reports the best run of each
and the speed-up, then checks that the two databases hold the same rows (tests/dbdump.py).
Each database is created on the server named by ``--url`` and dropped after. Needs the dask
extra (pip install -e '.[dask]'). Run it on purpose; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEFAULT = ROOT.parent / "shared" / "eval" / "dev.jsonl"

DASK_RUN = """
import sys, time, logging, resource
from distributed import Client, LocalCluster
from relations.contrib.dask import ingest
corpus, url, workers, blocksize, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
if __name__ == "__main__":
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        cpu = lambda: (lambda r: r.ru_utime + r.ru_stime)(resource.getrusage(resource.RUSAGE_SELF))
        before = client.run(cpu)
        start = time.perf_counter()
        summary = ingest(corpus, url, blocksize=blocksize, batch=batch)
        elapsed = time.perf_counter() - start
        used = sorted(after - before[w] for w, after in client.run(cpu).items())
        print(f"ingest() {elapsed:.2f} s, CPU s per worker {' '.join(f'{u:.2f}' for u in used)}: {summary}")
"""


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child, its last line of output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])}... failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return elapsed, cpu, done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
                    help="a PostgreSQL server (any database on it) where new databases can be created")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--blocksize", default="200kB", help="bytes of JSON lines a partition (default 200kB)")
    ap.add_argument("--batch", type=int, default=1, help="articles per transaction in a Dask worker (default 1, as ingest)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if not a.corpus.is_file():
        sys.exit(f"no corpus at {a.corpus}: give a JSON-lines file of articles")
    from dbdump import dump

    server = sa.make_url(a.url)
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    made: list[str] = []

    def new_db() -> str:
        name = f"relations_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    n = sum(1 for line in a.corpus.open(encoding="utf-8") if line.strip())
    cli = [sys.executable, "-c", "from relations.cli import main; main()"]
    best = {"ingest": float("inf"), "dask": float("inf")}
    urls = {}
    try:
        print(f"{n:,} articles of {a.corpus.name} into PostgreSQL; one `relations ingest` against Dask with "
              f"{a.workers} workers (blocksize {a.blocksize}, --batch {a.batch}), best of {a.repeat}", flush=True)
        for run in range(a.repeat):
            for what in best:
                url = new_db()
                cmd = ([*cli, "ingest", str(a.corpus), "--db", url, "--no-progress"] if what == "ingest" else
                       [sys.executable, "-c", DASK_RUN, str(a.corpus), url, str(a.workers), a.blocksize, str(a.batch)])
                elapsed, cpu, line = timed(cmd)
                print(f"run {run + 1}, {what:6}: {elapsed:6.2f} s  {n / elapsed:6,.0f} articles/s, CPU {cpu:.2f} s "
                      f"(load average {os.getloadavg()[0]:.1f}; {line})", flush=True)
                if elapsed < best[what]:
                    best[what] = elapsed
                urls[what] = url
        one, many = best["ingest"], best["dask"]
        print(f"\nrelations ingest      : {n / one:6,.0f} articles/s  ({one:.2f} s)")
        print(f"Dask, {a.workers} workers      : {n / many:6,.0f} articles/s  ({many:.2f} s, cluster start included)")
        print(f"speed-up: {one / many:.2f}x")
        same = [dump(sa.create_engine(urls[w], poolclass=sa.pool.NullPool)) for w in ("ingest", "dask")]
        print("databases hold the same rows" if same[0] == same[1] else
              "DATABASES DIFFER: " + ", ".join(k for k in same[0] if same[0][k] != same[1][k]))
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
