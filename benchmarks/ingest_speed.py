"""Benchmark: end-to-end ingest into SQLite beside extraction alone, and peak memory.

    python benchmarks/ingest_speed.py [CORPUS.jsonl] [--articles N] [--batch N] [--repeat N]
    python benchmarks/ingest_speed.py --memory 1000000 [--every 100000] [--batch N]

Speed: the corpus (default ../shared/eval/dev.jsonl) is repeated until it holds ``--articles``
records, each copy with its own id, a changed last line (so that its text is new) and its date
moved by whole years of weeks (so that most of its calls are new; the rest merge with the
calls of earlier copies, as real reports of one call do). Then, in one process on one core, it
times (a) ``relations.extract`` on every record and (b) ``Database.ingest_records`` of the same
records into a new SQLite file (extraction included: end to end), alternating, ``--repeat``
times, and reports the best run of each, the ingest rate and the ratio ingest/extraction (the
storage share is the ratio minus one). The database is created and seeded before timing, and
what is loaded by then is frozen out of the garbage collector's way for both (``gc.freeze``,
as ``relations ingest`` does).

Memory: ``--memory N`` writes N synthetic readouts (benchmarks/synthetic_articles.py: calls
between countries drawn as benchmarks/timeline_query.py draws them, a pool of named ministers,
two commitments each; no corpus needed) to a temporary .jsonl file and runs ``relations ingest
FILE --batch B`` on it in a child process. Every ``--every`` articles (default N/10) it prints
the child's resident set (/proc), its peak so far, and the rate since the line before (articles
counted in the database, read beside the writer); at the end the peak resident set
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) and the last interval's rate against the
first's.

Run it on purpose; it is not a test. Targets: ingest >= 500 articles/s, ratio <= 1.5; a million
articles under 200 MB, flat after the first 100,000, the last rate at least 80 % of the first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"
WEEKS_A_YEAR = dt.timedelta(weeks=52)  # keeps the weekday, so "on Tuesday" still reads the same


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def copies(base: list[dict], n: int) -> Iterator[dict]:
    """``n`` records: the corpus, then altered copies of it."""
    for i in range(n):
        k, rec = divmod(i, len(base))
        rec = base[rec]
        if k == 0:
            yield rec
            continue
        out = dict(rec, id=f"{rec.get('id')}#{k}", text=rec["text"] + f"\n\n(Copy {k} of this readout.)")
        if rec.get("published"):
            try:
                out["published"] = (dt.date.fromisoformat(rec["published"][:10]) + k * WEEKS_A_YEAR).isoformat()
            except ValueError:
                pass
        yield out


def speed(args: argparse.Namespace) -> None:
    from relations import Database
    from relations.extraction import EXTRACTOR_VERSION, extract
    from relations.inputs import Record

    base = load(args.corpus)
    records = [Record(text=r["text"], origin=str(i), id=r.get("id"), published=r.get("published"),
                      source=r.get("source"), title=r.get("title"), url=r.get("url"))
               for i, r in enumerate(copies(base, args.articles))]
    n = len(records)
    extract("warm-up", published="2021-01-01")
    Database(os.path.join(tempfile.mkdtemp(), "warm-up.db")).close()
    gc.freeze()  # as relations ingest does once its reference data and vocabularies are loaded

    def extraction() -> float:
        start = time.perf_counter()
        for r in records:
            extract(r.text, id=r.id, published=r.published, source=r.source, title=r.title, url=r.url)
        return time.perf_counter() - start

    def ingest(tmp: str, run: int) -> tuple[float, dict[str, int]]:
        db = Database(os.path.join(tmp, f"run{run}.db"))
        counts: dict[str, int] = {}
        start = time.perf_counter()
        for result in db.ingest_records(records, batch=args.batch):
            counts[result.status] = counts.get(result.status, 0) + 1
        elapsed = time.perf_counter() - start
        db.close()
        return elapsed, counts

    best_e = best_i = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            best_e = min(best_e, extraction())
            elapsed, counts = ingest(tmp, run)
            best_i = min(best_i, elapsed)
            print(f"run {run + 1}: extraction {n / best_e:,.0f}/s, ingest {n / elapsed:,.0f}/s {counts}", flush=True)
    print(f"\n{n:,} articles, extractor {EXTRACTOR_VERSION}, SQLite, --batch {args.batch}, best of {args.repeat}")
    print(f"extraction only : {n / best_e:8,.0f} articles/s  ({best_e / n * 1e6:,.0f} us/article)")
    print(f"ingest (e2e)    : {n / best_i:8,.0f} articles/s  ({best_i / n * 1e6:,.0f} us/article)")
    print(f"ratio ingest/extraction: {best_i / best_e:.2f}  (storage adds {best_i / best_e - 1:.0%})")


def _status(pid: int) -> tuple[float, float]:
    """(resident, peak resident) of process ``pid`` in MB (Linux /proc)."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _stored(db: Path) -> int:
    """Articles committed so far (0 before the schema is there), read beside the writer (WAL)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def memory(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic_articles

    n, every = args.memory, args.every or max(1, args.memory // 10)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        names = synthetic_articles.countries(str(Path(tmp) / "names.db"))
        with corpus.open("w", encoding="utf-8") as f:
            for rec in synthetic_articles.articles(n, names):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        size = corpus.stat().st_size
        db = Path(tmp) / "memory.db"
        cmd = [sys.executable, "-c", "from relations.cli import main; main()",
               "ingest", str(corpus), "--db", str(db), "--no-progress"]
        cmd[-1:-1] = ["--batch", str(args.batch)]
        print(f"{n:,} synthetic articles ({size / 1e6:,.0f} MB of JSON lines): relations {' '.join(cmd[3:])}",
              flush=True)
        print(f"{'articles':>10} {'seconds':>8} {'RSS MB':>7} {'peak MB':>8} {'articles/s':>11}  (since the last line)")
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        curve: list[tuple[int, float, float, float]] = []
        mark, last = every, (0, start)
        while child.poll() is None:
            time.sleep(0.5)
            try:
                rss, peak = _status(child.pid)
            except (FileNotFoundError, KeyError):
                break
            done = _stored(db)
            if done >= mark:
                now = time.perf_counter()
                rate = (done - last[0]) / (now - last[1])
                curve.append((done, rss, peak, rate))
                print(f"{done:>10,} {now - start:>8,.0f} {rss:>7,.0f} {peak:>8,.0f} {rate:>11,.0f}", flush=True)
                last, mark = (done, now), (done // every + 1) * every
        out, err = child.communicate()
        elapsed = time.perf_counter() - start
        if child.returncode not in (0, 1):  # 1: some records failed, which the summary line says
            sys.exit(f"relations ingest failed ({child.returncode}): {err.strip()[-2000:]}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
        print(out.strip().splitlines()[-1] if out.strip() else err.strip()[-500:])
        print(f"{elapsed:,.0f} s ({n / elapsed:,.0f} articles/s), database {db.stat().st_size / 1e6:,.0f} MB")
        print(f"peak resident set of the ingest process: {peak:,.0f} MB")
        if len(curve) >= 2:
            after = [c[1] for c in curve if c[0] >= every]
            print(f"resident set after the first {every:,}: {min(after):,.0f}-{max(after):,.0f} MB; "
                  f"throughput, last interval / first: {curve[-1][3] / curve[0][3]:.0%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--articles", type=int, default=6000, help="records to ingest (default 6000)")
    ap.add_argument("--batch", type=int, default=500, help="articles per transaction (default 500, as relations ingest)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", type=int, metavar="N", help="measure memory ingesting N synthetic articles instead")
    ap.add_argument("--every", type=int, metavar="K", help="with --memory: a line every K articles (default N/10)")
    a = ap.parse_args()
    from corpus_arg import corpus_or_exit  # beside this script

    corpus_or_exit(a.corpus, DEFAULT, "ingest_speed.py")
    memory(a) if a.memory else speed(a)


if __name__ == "__main__":
    main()
