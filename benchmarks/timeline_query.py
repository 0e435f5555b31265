"""Benchmark: the timeline of one pair of countries on a database of a million calls.

    python benchmarks/timeline_query.py [--calls 1000000] [--db PATH] [--repeat 30]

Builds (unless ``--db`` names a database it built before) a SQLite database at the head revision
with the reference data and ``--calls`` calls between pairs of countries, written with bulk SQL
inserts (not the extractor): each call with its two countries and pair row, two participants
and a source article (one article per five calls), and one commitment with its counterpart and
pair row. Countries are drawn with weights that fall with their rank (a few countries take part
in many calls, most in a few), dates over 2000-2025. Then it times ``Database.timeline`` for
China and Belarus, for the pair of median activity, for the pair at the 99th percentile and
for the busiest pair, ``--repeat`` times each after a warm-up, and reports the best, median and
worst time with the number of events returned (the time grows with the events, not with the
size of the database).

Run it on purpose; it is not a test. Target: under 20 ms for one pair.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from relations import Database

START = dt.date(2000, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days
CHUNK = 50_000
SENTENCE = "The two leaders held talks by phone and agreed to deepen cooperation."
ARTICLE = "{}. " + SENTENCE + " They pledged to expand trade."


def build(path: Path, n_calls: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = Database(path)  # schema at head, reference data
    with db.engine.connect() as conn:
        countries = [r[0] for r in conn.exec_driver_sql("SELECT id FROM countries ORDER BY id")]
        chn, blr = (conn.exec_driver_sql(f"SELECT id FROM countries WHERE iso3 = '{c}'").scalar() for c in ("CHN", "BLR"))
    db.close()
    order = countries[:]
    rng.shuffle(order)
    order.remove(chn)
    order.insert(0, chn)  # China among the busiest, Belarus in the middle of the field
    order.remove(blr)
    order.insert(40, blr)
    weights = [1 / (rank + 8) for rank in range(len(order))]

    import sqlite3

    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = OFF")  # rows are made consistent here; checked below
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute("BEGIN")
    made = 0
    while made < n_calls:
        n = min(CHUNK, n_calls - made)
        firsts = rng.choices(order, weights, k=n)
        seconds = rng.choices(order, weights, k=n)
        calls, countries_, pairs, people, sources, articles, commitments, counterparts, commitment_pairs = (
            [], [], [], [], [], [], [], [], [])
        for i in range(n):
            call_id = made + i + 1
            a, b = firsts[i], seconds[i]
            if a == b:
                b = order[(order.index(a) + 1) % len(order)]
            a, b = min(a, b), max(a, b)
            date = (START + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
            article_id = (call_id - 1) // 5 + 1
            if (call_id - 1) % 5 == 0:
                text = ARTICLE.format(f"Readout {article_id}")
                articles.append((article_id, f"{article_id:064x}", text, date, "bench", "Benchmark"))
            calls.append((call_id, rng.choice(("phone", "video", "in_person")), "held", date, "day"))
            countries_ += [(call_id, a), (call_id, b)]
            pairs.append((call_id, a, b, date))
            people += [(call_id, a, f"Leader of {a}", "President"), (call_id, b, f"Leader of {b}", "Prime Minister")]
            start = len(f"Readout {article_id}. ")
            sources.append((call_id, article_id, SENTENCE, start, start + len(SENTENCE)))
            commitments.append((call_id, article_id, call_id, a, "pledge", "expand trade", date, SENTENCE, start,
                                start + len(SENTENCE), start + 40, start + 52))
            counterparts.append((call_id, b))
            commitment_pairs.append((call_id, a, b, date))
        # keys (revision 0007): unique stand-ins made from the ids; the benchmark reads none
        raw.executemany("INSERT INTO articles (id, key, content_hash, text, published, extractor_version, source) "
                        "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", articles)
        raw.executemany("INSERT INTO calls (id, key, medium, status, date, date_precision) "
                        "VALUES (?1, 'c' || ?1, ?2, ?3, ?4, ?5)", calls)
        raw.executemany("INSERT INTO call_countries (call_id, country_id) VALUES (?, ?)", countries_)
        raw.executemany("INSERT INTO call_pairs (call_id, country_a_id, country_b_id, date) VALUES (?, ?, ?, ?)", pairs)
        raw.executemany("INSERT INTO call_participants (call_id, country_id, name, title) VALUES (?, ?, ?, ?)", people)
        raw.executemany('INSERT INTO call_sources (call_id, article_id, sentence, start, "end") VALUES (?, ?, ?, ?, ?)',
                        sources)
        raw.executemany('INSERT INTO commitments (id, key, article_id, call_id, actor_id, kind, text, date, sentence, '
                        'start, "end", text_start, text_end) '
                        "VALUES (?1, 'm' || ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", commitments)
        raw.executemany("INSERT INTO commitment_counterparts (commitment_id, country_id) VALUES (?, ?)", counterparts)
        raw.executemany("INSERT INTO commitment_pairs (commitment_id, country_a_id, country_b_id, date) "
                        "VALUES (?, ?, ?, ?)", commitment_pairs)
        made += n
        print(f"\r  {made:,} calls", end="", flush=True)
    raw.execute("COMMIT")
    broken = raw.execute("PRAGMA foreign_key_check").fetchall()
    assert not broken, broken[:5]
    raw.execute("ANALYZE")
    raw.close()
    print()


def timed(db: Database, a: str, b: str, repeat: int) -> tuple[float, float, float, int]:
    events = list(db.timeline(a, b))  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        events = list(db.timeline(a, b))
        times.append(time.perf_counter() - start)
    return min(times) * 1e3, statistics.median(times) * 1e3, max(times) * 1e3, len(events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="build here (kept), or reuse what an earlier run built here")
    ap.add_argument("--repeat", type=int, default=30)
    a = ap.parse_args()
    tmp = None
    path = a.db
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "timeline.db"
    if not path.exists():
        print(f"building {path} with {a.calls:,} calls")
        start = time.perf_counter()
        build(path, a.calls)
        print(f"built in {time.perf_counter() - start:,.0f} s, {os.path.getsize(path) / 1e6:,.0f} MB")
    with Database(path, create=False) as db, db.engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM calls").scalar()
        per_pair = Counter(dict(conn.exec_driver_sql(
            "SELECT k.iso3 || '-' || l.iso3, count(*) FROM call_pairs p JOIN countries k ON k.id = p.country_a_id "
            "JOIN countries l ON l.id = p.country_b_id GROUP BY p.country_a_id, p.country_b_id").all()))
        ranked = [pair for pair, _n in per_pair.most_common()]
        busiest, p99, median = ranked[0], ranked[len(ranked) // 100], ranked[len(ranked) // 2]
        print(f"{total:,} calls over {len(per_pair):,} pairs; calls per pair: busiest {per_pair[busiest]:,}, "
              f"99th percentile {per_pair[p99]:,}, median {per_pair[median]:,}, China-Belarus {per_pair['BLR-CHN']:,}")
        for label, pair in (("China-Belarus", ("CHN", "BLR")), (f"median pair {median}", median.split("-")),
                            (f"99th percentile {p99}", p99.split("-")), (f"busiest pair {busiest}", busiest.split("-"))):
            best, med, worst, n = timed(db, *pair, a.repeat)
            print(f"timeline {label:28s}: {n:6,} events, best {best:6.1f} ms, median {med:6.1f} ms, "
                  f"worst {worst:6.1f} ms  ({med / max(n, 1) * 1e3:.0f} us/event)")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
