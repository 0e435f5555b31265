"""docs/queries.md: every SQL example runs, on SQLite and PostgreSQL, against the seed article;
so does its pandas one-liner, where pandas is installed (RELATIONS_REQUIRE_PANDAS: it must be).

A block fenced as ```sql runs on both databases, ```sql sqlite or ```sql postgresql on that one
only. A block returns rows unless it says ``-- may return no rows``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relations import Database

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "queries.md"
BLOCK = re.compile(r"^```sql(?: (sqlite|postgresql))?\n(.*?)^```", re.M | re.S)


def blocks() -> list[tuple[str | None, str]]:
    return [(m.group(1), m.group(2).strip()) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_document_has_a_dozen_queries_and_points_to_the_schema():
    text = DOC.read_text(encoding="utf-8")
    assert "(schema.md)" in text
    assert len([b for b in blocks() if b[0] is None]) >= 12


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def seed_db(request, tmp_path_factory):  # parametrised here, or indirectly by test_each_example_runs
    """A database holding the seed article, one per backend for the whole module."""
    import os
    import uuid

    from conftest import PG_SKIP, _admin, _pg_server

    name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('docs') / 'relations.db'}"
    else:
        server = _pg_server()
        if server is None:
            pytest.skip(PG_SKIP)
        name = f"relations_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        admin = _admin(server)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = server.set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    assert db.ingest_path(str(ROOT / "seeds" / "articles")).new == 1
    yield db
    db.close()
    if name:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _examples() -> list:
    """(backend, sql) for each example on each backend it is written for (no skips)."""
    out = []
    for dialect, sql in blocks():
        for backend in ([dialect] if dialect else ["sqlite", "postgresql"]):
            marks = [pytest.mark.postgresql] if backend == "postgresql" else []
            out.append(pytest.param(backend, sql, marks=marks, id=f"{backend}-{sql.splitlines()[0][:50]}"))
    return out


@pytest.mark.parametrize("seed_db, sql", _examples(), indirect=["seed_db"])
def test_each_example_runs(seed_db, sql):
    with seed_db.engine.connect() as conn:
        rows = conn.exec_driver_sql(sql.replace("%", "%%") if seed_db.engine.dialect.name == "postgresql"
                                    else sql).all()
    if "-- may return no rows" not in sql:
        assert rows, sql


def test_the_timeline_example_gives_the_seed_call_and_its_commitments(seed_db):
    sql = blocks()[0][1]
    with seed_db.engine.connect() as conn:
        rows = conn.exec_driver_sql(sql).all()
    assert [(str(r.date), r.event) for r in rows][:1] == [("2021-01-26", "call")]
    assert [r.event for r in rows].count("commitment") == 9
    assert rows[0].description == "Alexander Lukashenko (BLR, President); Xi Jinping (CHN, President)"
    assert {r.sources for r in rows} == {"Xinhua"}


PYTHON = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def test_the_pandas_one_liner_gives_typed_dates(seed_db):
    import os

    if os.environ.get("RELATIONS_REQUIRE_PANDAS"):
        import pandas
    else:
        pandas = pytest.importorskip("pandas", reason="pip install -e '.[pandas]'")
    (code,) = PYTHON.findall(DOC.read_text(encoding="utf-8"))
    scope = {"pandas": pandas, "engine": seed_db.engine}
    exec(code, scope)  # the documented line, as written
    timeline = scope["timeline"]
    assert len(timeline) > 0 and set(timeline["country"]) == {"CHN"}
    assert pandas.api.types.is_datetime64_any_dtype(timeline["date"])
    assert timeline["date"].dropna().min().year >= 2000
