"""Plain SQL on the driver's own cursor, for the statements ingest runs per article.

Ingest runs a dozen small statements per article; through SQLAlchemy's execution machinery
each costs 10-50 µs, on the driver's cursor 2-3 µs (measured on SQLite), which is the
difference between storage costing less or more than extraction. So the writer speaks SQL to
the DBAPI cursor of a SQLAlchemy connection, inside the transaction and savepoints that
SQLAlchemy opened on it (``BEGIN IMMEDIATE`` on SQLite comes from there, and with it the
translation of a lock timeout into ``DatabaseLockedError``: inside that transaction SQLite
cannot be busy). Statements are written with ``:name`` parameters (sqlite3's named style) and
rewritten once for psycopg (``%(name)s``). Dates go in as ISO strings on SQLite, the format
SQLAlchemy's ``Date`` type stores, and come back through ``to_date``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

_NAMED = re.compile(r"(?<![:\w]):(\w+)")
ROWS_PER_INSERT = (256, 64, 16, 4, 1)


@functools.lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


class Cursor:
    """Runs SQL on the DBAPI connection under ``conn`` (which must stay open meanwhile)."""

    def __init__(self, conn: sa.Connection):
        self.conn = conn
        self.postgresql = conn.dialect.name == "postgresql"
        self._dbapi = conn.dialect.dbapi
        self._cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

    @property
    def Error(self) -> type[Exception]:  # noqa: N802 - the DBAPI's name for it
        return self._dbapi.Error  # type: ignore[union-attr,no-any-return]

    @property
    def IntegrityError(self) -> type[Exception]:  # noqa: N802
        return self._dbapi.IntegrityError  # type: ignore[union-attr,no-any-return]

    def _sql(self, sql: str) -> str:
        return _pyformat(sql) if self.postgresql else sql

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._cursor.execute(self._sql(sql), params or {})

    def script(self, sql: str) -> None:
        """Statements without parameters, separated by ``;``, in one round trip (PostgreSQL only:
        psycopg sends a query without parameters as one simple query)."""
        self._cursor.execute(sql)

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> tuple | None:
        self._cursor.execute(self._sql(sql), params or {})
        return self._cursor.fetchone()

    def value(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
        self._cursor.execute(self._sql(sql), params or {})
        return self._cursor.fetchall()

    def many(self, sql: str, rows: Sequence[Mapping[str, Any]] | Iterable[Mapping[str, Any]]) -> None:
        rows = list(rows)
        if rows:
            self._cursor.executemany(self._sql(sql), rows)

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows`` with a few multi-row statements.

        Few statements, not one per row, matter where a trigger writes to an FTS5 table: each
        statement runs in a savepoint, and FTS5 writes its pending index data to disk at every
        savepoint, which costs more than indexing the row. The statements hold 256, 64, 16, 4
        or 1 rows, so that the driver's cache of prepared statements (sqlite3 keeps 128) holds
        a handful of them, parsed once, not one of every size (each megabytes of memory).
        """
        mark = "%s" if self.postgresql else "?"
        i = 0
        for size in ROWS_PER_INSERT:
            while len(rows) - i >= size:  # positional parameters: SQLite looks named ones up in a list
                chunk = rows[i:i + size]
                self._cursor.execute(_multi_insert(table, columns, size, mark),
                                     [row[c] for row in chunk for c in columns])
                i += size

    def insert_returning(self, table: str, columns: tuple[str, ...], rows: Sequence[Mapping[str, Any]],
                         tail: str) -> list[tuple]:
        """Insert ``rows`` (a handful) with one statement ending in ``tail`` (``ON CONFLICT ...
        RETURNING ...``), in their order; the rows returned."""
        if not rows:
            return []
        mark = "%s" if self.postgresql else "?"
        self._cursor.execute(f"{_multi_insert(table, columns, len(rows), mark)} {tail}",
                             [row[c] for row in rows for c in columns])
        return self._cursor.fetchall()

    def date(self, value: dt.date | None) -> Any:
        """A date as a parameter: ISO text on SQLite, a date on PostgreSQL."""
        if value is None or self.postgresql:
            return value
        return value.isoformat()

    @staticmethod
    def to_date(value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(value)

    def close(self) -> None:
        self._cursor.close()


def quoted(columns: Sequence[str]) -> str:
    """``"a", "b"``: column names quoted (``end`` is a keyword)."""
    return ", ".join(f'"{c}"' for c in columns)


def placeholders(columns: Sequence[str]) -> str:
    """``:a, :b``: one named parameter per column."""
    return ", ".join(f":{c}" for c in columns)


@functools.lru_cache(maxsize=64)
def _multi_insert(table: str, columns: tuple[str, ...], n: int, mark: str) -> str:
    row = "(" + ", ".join(mark for _ in columns) + ")"
    return f"INSERT INTO {table} ({quoted(columns)}) VALUES {', '.join(row for _ in range(n))}"
