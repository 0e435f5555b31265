"""Make and evolve the database schema with Alembic, from code (no ini file needed).

The migrations in ``migrations/versions`` are the only way a schema is made. A database is in
one of five states: empty, current (at this release's head revision), outdated (at an older
revision: ``relations db upgrade`` brings it to head), too new (at a revision this release
does not know: made by a newer release, and never touched here), or foreign (tables but no
``alembic_version``: not a relations database, never touched).

Every migration runs in one transaction holding the database's write lock (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so two processes creating the same
database queue up and a failed migration leaves nothing half-done. On SQLite, foreign keys are
switched off while tables are rebuilt (batch migrations drop and re-create tables, which
would otherwise cascade deletes into child tables) and checked before commit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine

from . import __version__
from .engine import command_hint, display_url, for_writing, is_sqlite
from .errors import (
    MigrationError,
    NotARelationsDatabaseError,
    RelationsError,
    SchemaError,
    SchemaMissingError,
    SchemaOutdatedError,
    SchemaTooNewError,
)
from .resources import migrations_dir

VERSION_TABLE = "alembic_version"
_PG_LOCK_KEY = 0x72656C6174696F6E  # "relation": one advisory lock for all schema changes


def config(connection: sa.Connection | None = None) -> Config:
    """The Alembic configuration, built in code; ``connection`` is handed to ``env.py``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The revision this release's schema is at (migrations have a single head)."""
    heads = _script().get_heads()
    if len(heads) != 1:
        raise RelationsError(f"the migrations have {len(heads)} heads ({', '.join(heads)}); expected one")
    return heads[0]


def revisions() -> list[str]:
    """Every revision this release knows, oldest first."""
    return [s.revision for s in reversed(list(_script().walk_revisions()))]


EMPTY, CURRENT, OUTDATED, TOO_NEW, FOREIGN = "empty", "current", "outdated", "too new", "foreign"


@dataclass(frozen=True)
class Status:
    """Where a database stands: its revision and one of the states above."""

    revision: str | None
    state: str
    tables: tuple[str, ...]  # other than alembic_version


def _status(conn: sa.Connection) -> Status:
    names = sa.inspect(conn).get_table_names()
    tables = tuple(sorted(n for n in names if n != VERSION_TABLE))
    revision = MigrationContext.configure(conn).get_current_revision() if VERSION_TABLE in names else None
    if revision is None:
        state = FOREIGN if tables else EMPTY
    elif revision not in revisions():
        state = TOO_NEW
    else:
        state = CURRENT if revision == head() else OUTDATED
    return Status(revision, state, tables)


def status(engine: Engine) -> Status:
    """The database's revision and state, read without changing anything."""
    with engine.connect() as conn:
        return _status(conn)


def _refuse_untouchable(st: Status, url: str) -> None:
    """Raise for a database that must not be changed: too new, or not ours."""
    if st.state == FOREIGN:
        shown = ", ".join(st.tables[:5]) + (", ..." if len(st.tables) > 5 else "")
        raise NotARelationsDatabaseError(
            url, f"has tables ({shown}) but no {VERSION_TABLE}: it is not a relations database; not touching it"
        )
    if st.state == TOO_NEW:
        raise SchemaTooNewError(
            url,
            f"is at revision {st.revision}, unknown to relations {__version__} (whose head is {head()}): "
            "it was made by a newer release (or another program); upgrade relations to use it (nothing was changed)",
            st.revision,
        )


@contextmanager
def migration_connection(engine: Engine) -> Iterator[sa.Connection]:
    """A connection in one transaction holding the schema lock, for running migrations.

    On SQLite, foreign keys are off inside it (they cannot be switched inside a transaction,
    so it is done before BEGIN) and ``PRAGMA foreign_key_check`` must pass before commit.
    """
    sqlite = is_sqlite(engine)
    with for_writing(engine).connect() as conn:
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        tables = sorted({row[0] for row in broken})
                        raise MigrationError(
                            display_url(engine.url),
                            f"would have {len(broken)} broken foreign key(s) in {', '.join(tables)}; rolled back",
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None when it has none (empty or not ours)."""
    return status(engine).revision


def _migrate(engine: Engine, revision: str, *, up: bool) -> tuple[str | None, str | None]:
    url = display_url(engine.url)
    with migration_connection(engine) as conn:
        before = _status(conn)
        _refuse_untouchable(before, url)
        try:
            if up:
                command.upgrade(config(conn), revision)
            else:
                command.downgrade(config(conn), revision)
        except CommandError as e:
            raise SchemaError(url, f"cannot {'upgrade' if up else 'downgrade'} to {revision!r}: {e}") from None
        after = _status(conn).revision
    return before.revision, after


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the database to ``revision`` (creating the schema if empty): (before, after)."""
    return _migrate(engine, revision, up=True)


def downgrade(engine: Engine, revision: str) -> tuple[str | None, str | None]:
    """Take the database back to ``revision`` (``base`` drops every table): (before, after)."""
    return _migrate(engine, revision, up=False)


def check(engine: Engine) -> str:
    """Return the head revision if the database is at it; raise a SchemaError otherwise."""
    return ensure_current(engine, create=False)


def ensure_current(engine: Engine, create: bool = True) -> str:
    """Make sure the database is at head before it is used; return the head revision.

    An empty database is created (upgraded to head) when ``create``; every other state that is
    not head raises: outdated (:class:`SchemaOutdatedError`, naming the upgrade command), too
    new (:class:`SchemaTooNewError`), not ours (:class:`NotARelationsDatabaseError`). Only an
    empty database is ever written to.
    """
    url = display_url(engine.url)
    st = status(engine)
    _refuse_untouchable(st, url)
    if st.state == EMPTY:
        if not create:
            raise SchemaMissingError(url, f"has no schema: run `{command_hint('relations db upgrade', engine.url)}`")
        with migration_connection(engine) as conn:
            # Another process may have created it meanwhile: decide again under the lock.
            st = _status(conn)
            _refuse_untouchable(st, url)
            if st.state == EMPTY:
                command.upgrade(config(conn), "head")
                st = _status(conn)
    if st.state == OUTDATED:
        raise SchemaOutdatedError(
            url,
            f"is at revision {st.revision}, older than this release's {head()}: "
            f"run `{command_hint('relations db upgrade', engine.url)}` (back it up first)",
            st.revision,
        )
    return head()
