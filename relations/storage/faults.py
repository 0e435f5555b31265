"""What a database error means for a run that is storing articles.

Storage meets four kinds of error, and each calls for something different:

- ``ARTICLE``: the database refused this article's rows (a constraint, a value it cannot
  hold: a NUL character on PostgreSQL, a number out of range). The article is rolled back to
  its savepoint and reported as failed; the run goes on.
- ``RETRY``: PostgreSQL chose this transaction as the victim of a deadlock, or could not
  serialise it (SQLSTATE 40P01, 40001). Nothing is wrong with the articles: the transaction
  is rolled back and its articles are written again, each in a transaction of its own.
- ``LOCKED``: another writer held a lock for longer than the busy timeout
  (``DatabaseLockedError``).
- ``FATAL``: the database cannot go on taking writes: the disk is full, the file is read-only,
  the connection was lost, an I/O error, a damaged file. The open transaction is rolled back
  (if the connection still allows it) and the run stops with :class:`StorageError`, one line
  naming the database. What was committed before stays; running the same command again skips
  it and stores the rest.

SQLite errors are told apart by their result code (``sqlite_errorcode``, Python 3.11+),
PostgreSQL errors by their SQLSTATE, and a psycopg connection that the server closed by its
``broken``/``closed`` flags.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..errors import StorageError  # noqa: F401 - re-exported: imported from here by transactions

ARTICLE, RETRY, LOCKED, FATAL = "article", "retry", "locked", "fatal"

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE = {
    3: "permission denied",  # SQLITE_PERM
    5: None,  # SQLITE_BUSY: LOCKED
    6: None,  # SQLITE_LOCKED: LOCKED
    7: "out of memory",  # SQLITE_NOMEM
    8: "the database is read-only",  # SQLITE_READONLY
    10: "disk I/O error",  # SQLITE_IOERR
    11: "the database file is damaged",  # SQLITE_CORRUPT
    13: "the disk is full (or the database reached its size limit)",  # SQLITE_FULL
    14: "the database file cannot be opened",  # SQLITE_CANTOPEN
    26: "not a database file",  # SQLITE_NOTADB
}

# PostgreSQL SQLSTATEs that stop a run, by exact code or by class (first two characters).
_PG_FATAL = {
    "25006": "the database is read-only",  # read_only_sql_transaction
    "42501": "no permission to write",  # insufficient_privilege
    "53100": "the disk is full",  # disk_full
    "53200": "the server is out of memory",  # out_of_memory
    "57014": "the statement was cancelled",  # query_canceled
    "57P01": "the connection to the database was lost (the server ended it)",  # admin_shutdown
    "57P02": "the connection to the database was lost (the server crashed)",  # crash_shutdown
    "57P03": "the database is not accepting connections",  # cannot_connect_now
    "XX001": "the database's data is damaged",  # data_corrupted
}
_PG_FATAL_CLASSES = {
    "08": "the connection to the database was lost",  # connection_exception
    "53": "the server ran out of resources",  # insufficient_resources
    "58": "the server had a system error",  # system_error (I/O)
}
_PG_RETRY = {"40P01", "40001"}  # deadlock_detected, serialization_failure
_PG_LOCKED = {"55P03"}  # lock_not_available (lock_timeout)


def driver_error(e: BaseException) -> BaseException:
    """The DBAPI error under a SQLAlchemy one."""
    return getattr(e, "orig", None) or e


def first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def classify(e: BaseException, connection: Any = None) -> tuple[str, str]:
    """(kind, what) of a database error: kind one of ARTICLE, RETRY, LOCKED, FATAL; ``what`` says
    what happened in words, for FATAL. ``connection``: the DBAPI connection it came from, if known."""
    orig = driver_error(e)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        if primary in (5, 6):
            return LOCKED, "database is locked"
        if primary in _SQLITE:
            return FATAL, _SQLITE[primary]  # type: ignore[return-value]
        return ARTICLE, ""
    text = str(orig)
    if "database is locked" in text or "database table is locked" in text:  # a driver without codes
        return LOCKED, "database is locked"
    state = getattr(orig, "sqlstate", None)
    if state in _PG_RETRY:
        return RETRY, "deadlock" if state == "40P01" else "serialization failure"
    if state in _PG_LOCKED:
        return LOCKED, "lock timeout"
    if state in _PG_FATAL:
        return FATAL, _PG_FATAL[state]
    if state and state[:2] in _PG_FATAL_CLASSES:
        return FATAL, _PG_FATAL_CLASSES[state[:2]]
    if _connection_lost(orig, connection) or (isinstance(e, sa.exc.DBAPIError) and e.connection_invalidated):
        return FATAL, "the connection to the database was lost"
    if state is None and type(orig).__name__ in ("OperationalError", "InterfaceError") and \
            type(orig).__module__.startswith("psycopg"):
        return FATAL, "the database connection failed"
    return ARTICLE, ""


def _connection_lost(orig: BaseException, connection: Any) -> bool:
    if connection is None:
        return False
    return bool(getattr(connection, "broken", False) or getattr(connection, "closed", False))
