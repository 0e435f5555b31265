"""Several writers at once on one database: every article stored once, nothing duplicated.

Three real ``relations`` processes (two ``ingest``, one ``load``) start together on an empty
database with overlapping inputs: the seed article and generated readouts whose calls are told
by up to three articles each (tests/corpus.py), and officials several articles name. On
PostgreSQL they write side by side (unique keys with ON CONFLICT, advisory locks on the pairs of
countries whose calls may merge, deadlock victims retried); on SQLite they take turns on the
write lock. Either way the database ends holding exactly what one process ingesting the union
of the inputs stores, and the SQL that looks for duplicates finds none.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest
import sqlalchemy as sa

import corpus
import procs
from dbdump import dump, duplicates, integrity
from factories import belta_facts, xinhua_facts
from relations import Database
from relations.storage.facts_input import FactsRecord


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [corpus.seed_record(), *corpus.records(90)]


@pytest.fixture(scope="module")
def reference(rows) -> dict:
    """What one process stores ingesting every row once."""
    return corpus.reference(len(rows) - 1)


def test_three_writers_on_overlapping_inputs_store_every_article_once(db_url, rows, reference, tmp_path):
    first, second, third = rows[:60], rows[30:], rows[::2] + rows[1:10]  # overlapping, and repeats
    a = corpus.write_jsonl(tmp_path / "a.jsonl", first)
    b = procs.write_facts(tmp_path / "b.facts.jsonl", second)
    c = corpus.write_jsonl(tmp_path / "c.jsonl", third)
    started = [
        procs.start("ingest", str(a), "--db", db_url, "--batch", "5", "--no-progress"),
        procs.start("load", str(b), "--db", db_url, "--batch", "7", "--no-progress"),
        procs.start("ingest", str(c), "--db", db_url, "--no-progress"),
    ]
    done = [(p.wait(120), *p.communicate()) for p in started]
    for code, out, err in done:
        assert (code, err) == (0, ""), out
    counts = [procs.summary(out) for _code, out, _err in done]
    assert sum(c["new"] for c in counts) == len(rows)  # each article stored by exactly one writer
    assert [c["new"] + c["skipped"] for c in counts] == [len(first), len(second), len(third)]
    engine = sa.create_engine(db_url)
    try:
        assert duplicates(engine) == {}
        assert integrity(engine) == []
        assert dump(engine) == reference
    finally:
        engine.dispose()


@pytest.mark.postgresql
def test_a_writer_that_loses_a_deadlock_writes_its_articles_again(pg_url):
    """Two batches insert the same two articles in opposite orders: each waits for the other's
    uncommitted row, PostgreSQL cancels one, and that one writes its articles again on their own,
    finding them stored (skipped) or, when its insert comes before the other's retried one,
    storing one itself (the other then skips it). Nothing fails, nothing is stored twice."""
    Database(pg_url).close()
    barrier = threading.Barrier(2, timeout=10)
    # no calls: a call's pair lock would make the second writer wait before the barrier
    x = FactsRecord("x", dataclasses.replace(xinhua_facts(), calls=(), commitments=()))
    y = FactsRecord("y", dataclasses.replace(belta_facts(), calls=(), commitments=()))
    results: dict[int, object] = {}

    def items(order):
        yield order[0]
        barrier.wait()  # both have written their first article, uncommitted (batch of 2)
        yield order[1]

    def write(i, order):
        try:
            with Database(pg_url) as db:
                results[i] = [(r.origin, r.status) for r in db.load_records(items(order), batch=2)]
        except Exception as e:  # noqa: BLE001 - reported by the assertion
            results[i] = e

    threads = [threading.Thread(target=write, args=(0, (x, y))), threading.Thread(target=write, args=(1, (y, x)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    statuses = sorted(sorted(r) for r in results.values())  # type: ignore[arg-type]
    assert all(isinstance(r, list) and len(r) == 2 for r in results.values()), results
    for name in ("x", "y"):  # each article stored by one writer and skipped by the other
        assert sorted(status for r in statuses for origin, status in r if origin == name) == ["new", "skipped"]
    with Database(pg_url) as db, db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one() == 2
        assert duplicates(db.engine) == {}
