"""Fixtures shared by the storage tests: a fresh database on each backend.

``db_url`` (and ``engine``, built from it) is parametrised: a new SQLite file in tmp_path, and,
when ``RELATIONS_TEST_DATABASE_URL`` names a PostgreSQL server, a new database created on that
server for the one test and dropped after it (unique names, so parallel runs never collide).
Without the variable the PostgreSQL cases are skipped, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from relations.engine import create_engine

PG_ENV = "RELATIONS_TEST_DATABASE_URL"
PG_SKIP = f"PostgreSQL: set {PG_ENV}"


def _pg_server() -> sa.URL | None:
    raw = os.environ.get(PG_ENV)
    return sa.make_url(raw) if raw else None


def _admin(server: sa.URL) -> Engine:
    return sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


@contextmanager
def _pg_database(server: sa.URL) -> Iterator[str]:
    name = f"relations_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin = _admin(server)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as e:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {server.render_as_string()} is unusable: {e.orig}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    server = _pg_server()
    if server is None:
        pytest.skip(PG_SKIP)
    with _pg_database(server) as url:
        yield url


@pytest.fixture
def another_db_url(db_url, tmp_path) -> Iterator[Callable[[], str]]:
    """A factory of further new, empty databases on the backend of ``db_url`` (to compare two)."""
    with ExitStack() as stack:

        def make() -> str:
            if db_url.startswith("sqlite"):
                return f"sqlite:///{tmp_path / f'another_{uuid.uuid4().hex[:8]}.db'}"
            return stack.enter_context(_pg_database(_pg_server()))  # type: ignore[arg-type]

        yield make


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'relations.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_url(request) -> str:
    """A new, empty database on each backend."""
    return request.getfixturevalue("pg_url" if request.param == "postgresql" else "sqlite_url")


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    """An engine (relations.engine.create_engine) on a new, empty database."""
    eng = create_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def migrated(engine) -> Engine:
    """The engine with its database upgraded to head by the migrations."""
    from relations import schema

    schema.upgrade(engine)
    return engine


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    """Tables fit $COLUMNS when it is set (relations.cli.output); exact-output tests want none."""
    monkeypatch.delenv("COLUMNS", raising=False)
