"""The Dask recipe (relations.contrib.dask): several worker processes extract and store at once,
and the database holds what one ``relations ingest`` of the same input stores.

The comparison with one ingest runs on PostgreSQL (RELATIONS_TEST_DATABASE_URL), where the
workers write side by side. Skipped where dask is not installed, unless RELATIONS_TEST_REQUIRE_DASK
is set: CI sets it on its PostgreSQL run, so that a missing extra or server fails instead of skipping.
"""

from __future__ import annotations

import json
import logging
import os

import pytest
import sqlalchemy as sa

import corpus
from dbdump import dump, duplicates, integrity

REQUIRE = "RELATIONS_TEST_REQUIRE_DASK"

try:
    import distributed

    from relations.contrib import dask as relations_dask
except ImportError as e:
    if os.environ.get(REQUIRE):
        raise ImportError(f"{REQUIRE} is set but the dask extra is missing: pip install -e '.[test,dask]'") from e
    pytest.skip("dask not installed: pip install -e '.[test,dask]'", allow_module_level=True)


@pytest.fixture(scope="module", autouse=True)
def _postgresql_when_required():
    if os.environ.get(REQUIRE) and not os.environ.get("RELATIONS_TEST_DATABASE_URL"):
        pytest.fail(f"{REQUIRE} is set: the Dask tests need RELATIONS_TEST_DATABASE_URL too")


@pytest.fixture(scope="module")
def cluster():
    """Three worker processes, one thread each."""
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as c, distributed.Client(c) as client:
        yield client


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [corpus.seed_record(), *corpus.records(90)]


def test_workers_store_what_one_ingest_stores(pg_url, cluster, rows, tmp_path):
    db_url = pg_url
    # two files, split in small partitions: reports of one call land in different partitions
    half = len(rows) // 2
    paths = [corpus.write_jsonl(tmp_path / "a.jsonl", rows[:half]), corpus.write_jsonl(tmp_path / "b.jsonl", rows[half:])]
    summary = relations_dask.ingest([str(p) for p in paths], db_url, blocksize=2000, batch=7)
    assert (summary.new, summary.skipped, summary.failed) == (len(rows), 0, 0)
    tasks = cluster.run(lambda: sorted(relations_dask._databases))  # every worker stored some
    assert len(tasks) == 3 and all(db_url in urls for urls in tasks.values())
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    try:
        assert duplicates(engine) == {}
        assert integrity(engine) == []
        assert dump(engine) == corpus.reference(len(rows) - 1)
        again = relations_dask.ingest([str(p) for p in paths], db_url, blocksize=2000)  # a rerun stores nothing twice
        assert (again.new, again.skipped, again.failed) == (0, len(rows), 0)
        assert dump(engine) == corpus.reference(len(rows) - 1)
    finally:
        engine.dispose()


def test_a_bad_line_is_one_failure_naming_its_file_and_the_rest_is_stored(db_url, cluster, rows, tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(r) for r in rows[1:4]] + ["{not json", json.dumps({"id": "empty", "text": "  "})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = relations_dask.ingest(str(path), db_url)
    assert (summary.new, summary.failed) == (3, 2)
    assert sorted((r.origin, r.reason) for r in summary.failures) == [
        (str(path), "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
        (f"{path}:empty", "record's text is empty"),
    ]


def test_the_bag_of_facts_prints_what_extract_text_prints(rows, tmp_path):
    from relations import extract

    path = corpus.write_jsonl(tmp_path / "a.jsonl", rows[1:6])
    lines = relations_dask.facts_bag(str(path), blocksize=500).map(relations_dask.to_json).compute(scheduler="sync")
    assert lines == [json.dumps(extract(r["text"], id=r["id"], published=r["published"], source=r["source"],
                                        url=r["url"]).to_dict(include_text=True), ensure_ascii=False)
                     for r in rows[1:6]]
