"""Where the database is and how to open it.

A database is named by a SQLAlchemy URL (``postgresql+psycopg://user@host/db``) or by a plain
file path, which means a SQLite file. With no name given, ``$RELATIONS_DATABASE_URL`` is used,
else ``./relations.db``.

SQLite connections made by :func:`create_engine` enforce foreign keys, use the WAL journal (so
readers never wait for a writer) and wait up to a busy timeout for a lock instead of failing
at once; a lock still held after the timeout raises :class:`DatabaseLockedError`. SQLAlchemy
emits ``BEGIN`` itself so that transactions, savepoints and DDL behave as on PostgreSQL;
``for_writing(engine)`` makes it ``BEGIN IMMEDIATE``, which takes the write lock at the start
of the transaction, so two writers queue up instead of one failing with a stale snapshot.

``read_only=True`` (the reading commands) opens a SQLite file read-only (``mode=ro``), so a file
or directory the user cannot write is still readable; when the directory is not writable and
no ``-wal`` file exists, the file is opened ``immutable`` (SQLite could not create the shared
memory file a WAL database needs). The file stays in WAL mode after a write: tools other than
``relations`` reading a copy on a read-only medium open it as ``file:relations.db?immutable=1``.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import time
import urllib.parse
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.engine.interfaces import ExceptionContext

from .errors import ENV_BUSY_TIMEOUT, DatabaseError, DatabaseLockedError, RelationsError
from .storage.faults import FATAL, classify

ENV_URL = "RELATIONS_DATABASE_URL"
DEFAULT_PATH = "relations.db"
DEFAULT_BUSY_TIMEOUT = 30.0  # seconds

# Execution option read by our "begin" listener: which BEGIN to emit on SQLite.
_BEGIN_OPTION = "relations_sqlite_begin"
# Execution option of a connection whose errors are not translated (its user classifies them).
RAW_ERRORS = "relations_raw_errors"


def resolve_url(name: str | os.PathLike[str] | None = None) -> URL:
    """The URL of the database called ``name``: a URL, a SQLite file path, or None for the default."""
    if name is None or name == "":
        name = os.environ.get(ENV_URL) or DEFAULT_PATH
    name = os.fspath(name)
    if "://" not in name:
        return URL.create("sqlite", database=name)
    scheme, rest = name.split("://", 1)
    if scheme == "postgres" or scheme.startswith("postgres+"):
        # Heroku's and libpq's spelling, which SQLAlchemy does not know ("Can't load plugin").
        fixed = f"postgresql+psycopg://{rest}"
        shown = display_url(fixed) if _parses(fixed) else "postgresql+psycopg://..."
        raise DatabaseError(shown, f"{scheme}:// is not a URL SQLAlchemy reads: use {shown}")
    try:
        return sa.make_url(name)
    except (sa.exc.ArgumentError, ValueError) as e:
        raise DatabaseError(name, f"not a database URL or file path ({e})") from None


def _parses(name: str) -> bool:
    try:
        sa.make_url(name)
        return True
    except (sa.exc.ArgumentError, ValueError):
        return False


def display_url(url: URL | str) -> str:
    """The URL as it can be shown and pasted into ``--db``: its password hidden."""
    if isinstance(url, str):
        url = resolve_url(url)
    return url.render_as_string(hide_password=True)


def command_hint(command: str, url: URL | str) -> str:
    """A shell command line naming the database, e.g. ``relations db upgrade --db URL``."""
    return f"{command} --db {shlex.quote(display_url(url))}"


def is_sqlite(bind: Engine | sa.Connection) -> bool:
    return bind.dialect.name == "sqlite"


def _sqlite_file(url: URL) -> str | None:
    """The file path of a SQLite URL, or None for an in-memory database."""
    db = url.database
    if not db or db == ":memory:" or db.startswith("file::memory:") or url.query.get("mode") == "memory":
        return None
    return db.removeprefix("file:") if url.query.get("uri") else db


def busy_timeout_from_env() -> float:
    raw = os.environ.get(ENV_BUSY_TIMEOUT)
    if not raw:
        return DEFAULT_BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise RelationsError(f"${ENV_BUSY_TIMEOUT} must be a number of seconds, not {raw!r}") from None
    if value < 0:
        raise RelationsError(f"${ENV_BUSY_TIMEOUT} must not be negative, not {raw!r}")
    return value


def create_engine(
    name: str | os.PathLike[str] | URL | None = None,
    *,
    busy_timeout: float | None = None,
    must_exist: bool = False,
    read_only: bool = False,
    **kwargs: Any,
) -> Engine:
    """An engine for the database called ``name`` (see :func:`resolve_url`).

    ``busy_timeout`` (seconds; default ``$RELATIONS_BUSY_TIMEOUT`` or 30) is how long a SQLite
    connection waits for another writer. ``must_exist`` refuses to create a missing SQLite
    file (for commands that only read). ``read_only`` opens a SQLite file read-only (see the
    module's docstring); it implies ``must_exist``. Other keyword arguments go to SQLAlchemy.
    """
    url = name if isinstance(name, URL) else resolve_url(name)
    shown = display_url(url)
    timeout = busy_timeout_from_env() if busy_timeout is None else busy_timeout
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        path = _sqlite_file(url)
        if path:
            _check_sqlite_path(shown, Path(path), must_exist=must_exist or read_only, read_only=read_only)
        kwargs.setdefault("connect_args", {}).setdefault("timeout", timeout)
        if path and read_only:
            uri = _read_only_uri(Path(path))
            kwargs["creator"] = lambda: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    try:
        engine = sa.create_engine(url, **kwargs)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError) as e:
        hint = ""
        if url.get_backend_name() == "postgresql":
            hint = (" (pip install 'relations[postgresql]')" if url.get_driver_name() == "psycopg"
                    else f" (use {display_url(url.set(drivername='postgresql+psycopg'))})")
        raise DatabaseError(shown, f"no driver for this URL: {e}{hint}") from None
    except sa.exc.ArgumentError as e:
        raise DatabaseError(shown, str(e)) from None
    if sqlite:
        _configure_sqlite(engine, wal=_sqlite_file(url) is not None and not read_only, timeout=timeout)
    _translate_errors(engine, shown, timeout if sqlite else None)
    return engine


def _check_sqlite_path(shown: str, path: Path, *, must_exist: bool, read_only: bool) -> None:
    """Refuse, naming the cause, a SQLite path that SQLite would answer "unable to open" for."""
    parent = path.parent
    if path.is_dir():
        raise DatabaseError(shown, f"{str(path)!r} is a directory, not a database file "
                                   f"(name a file in it, e.g. {str(path / DEFAULT_PATH)!r})")
    if not parent.exists():
        raise DatabaseError(shown, f"directory {str(parent)!r} does not exist")
    if not path.exists():
        if must_exist:
            raise DatabaseError(shown, "no such database file")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise DatabaseError(shown, f"directory {str(parent)!r} is not writable: cannot create the database in it")
        return
    if not os.access(path, os.R_OK):
        raise DatabaseError(shown, "the database file is not readable (permission denied)")
    if read_only:
        return
    # A read-only file is opened all the same: a run that only skips what is stored needs no
    # write, and the first write fails naming the cause (relations.storage.faults).
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DatabaseError(shown, f"directory {str(parent)!r} is not writable, and SQLite writes its journal "
                                   "beside the database: commands that only read work; storing needs it writable")


def _read_only_uri(path: Path) -> str:
    """The ``file:`` URI that opens ``path`` read-only; immutable when SQLite could not create
    the WAL index in its directory and there is no write-ahead log to read."""
    path = path.absolute()
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK | os.X_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


def for_writing(engine: Engine) -> Engine:
    """The same engine (same pool) whose SQLite transactions take the write lock at BEGIN.

    Use it for read-then-write transactions (ingesting an article): with a deferred BEGIN,
    a second writer whose snapshot went stale fails at once with "database is locked"
    whatever the busy timeout; with BEGIN IMMEDIATE it waits its turn. No effect elsewhere.
    """
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


def _configure_sqlite(engine: Engine, *, wal: bool, timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module: it would otherwise emit
        # BEGIN late (and not at all before DDL), breaking savepoints and transactional DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            if wal:
                _wal(cursor, timeout)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        options = conn.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        mode = options.get(_BEGIN_OPTION)
        conn.exec_driver_sql(f"BEGIN {mode}" if mode else "BEGIN")


def _wal(cursor: Any, timeout: float) -> None:
    """Put the database in WAL mode (a no-op once it is). Switching needs the database to
    itself, and SQLite answers "locked" at once instead of calling the busy handler when another
    connection is creating it: wait for it here, as the busy timeout would."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as e:  # sqlite3.OperationalError; the driver module is not imported here
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _translate_errors(engine: Engine, shown: str, timeout: float | None) -> None:
    """Turn a lock timeout and a failed connection into DatabaseError, naming the database."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        orig = context.original_exception
        text = str(orig)
        if context.connection is not None and context.connection.get_execution_options().get(RAW_ERRORS):
            return None  # the caller classifies them itself (relations.storage.transactions)
        if timeout is not None and ("database is locked" in text or "database table is locked" in text):
            return DatabaseLockedError(shown, timeout)
        first = text.strip().splitlines()[0] if text.strip() else type(orig).__name__
        if context.connection is None and isinstance(context.sqlalchemy_exception, sa.exc.OperationalError):
            return DatabaseError(shown, f"cannot connect: {first}")
        kind, what = classify(orig)
        if kind == FATAL:  # a full disk, a read-only file, a lost connection...: say so, naming the database
            return DatabaseError(shown, f"{what} ({first})")
        return None
