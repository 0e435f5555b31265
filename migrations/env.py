"""Alembic environment of relations.

Run from the library (``relations.schema``), which passes an open connection in
``config.attributes["connection"]``, or from a checkout with the ``alembic`` command:

    alembic -x db=sqlite:///relations.db upgrade head
    alembic -x db=sqlite:///relations.db revision --autogenerate -m "what changes"

``-x db=URL`` (or a plain SQLite file path) wins over ``sqlalchemy.url`` in alembic.ini.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from relations.dbobjects import include_object
from relations.engine import create_engine
from relations.models import Base
from relations.schema import migration_connection

config = context.config
target_metadata = Base.metadata

_OPTIONS = {
    "target_metadata": target_metadata,
    "render_as_batch": True,  # SQLite alters tables by re-creating them; harmless elsewhere
    "compare_type": True,
    "compare_server_default": True,
    # Views, FTS tables and text-search indexes are made by migrations in SQL, not by models.
    "include_object": include_object,
}

if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str | None:
    return context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade head --sql``)."""
    context.configure(url=_url(), literal_binds=True, **_OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    # SQLite batch migrations re-create a table: copy it, drop it, rename the copy. Since 3.26
    # the rename re-reads every view and fails on views that name the dropped table (0004
    # makes several); legacy_alter_table renames without that check.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        context.configure(connection=connection, **_OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)  # the caller owns the transaction and the lock
        return
    engine = create_engine(_url())
    try:
        with migration_connection(engine) as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
