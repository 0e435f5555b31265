"""``relations db``: create, upgrade, check and seed the database.

Each command opens the database named by ``--db`` (or ``$RELATIONS_DATABASE_URL``, else
``./relations.db``), calls one library function and prints one line. Library errors become
one line on stderr and exit status 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from . import main
from .common import db_option, handle_errors

if TYPE_CHECKING:  # SQLAlchemy and Alembic are imported when a command runs, not to list the commands
    import sqlalchemy as sa

@contextmanager
def open_engine(db: str | None, *, must_exist: bool = False, read_only: bool = False) -> Iterator[sa.Engine]:
    from ..engine import create_engine

    engine = create_engine(db, must_exist=must_exist, read_only=read_only)
    try:
        yield engine
    finally:
        engine.dispose()


@main.group("db")
def db() -> None:
    """Create, upgrade, check and seed the database.

    \b
    Example:
        relations db upgrade --db postgresql+psycopg://postgres@localhost/relations
    """


@db.command("upgrade")
@click.argument("revision", default="head")
@db_option
@handle_errors
def upgrade(revision: str, db: str | None) -> None:
    """Create the schema, or bring it up to REVISION (default: the newest).

    \b
    Example:
        relations db upgrade --db relations.db
    """
    from .. import schema
    from ..engine import display_url

    with open_engine(db) as engine:
        before, after = schema.upgrade(engine, revision)
        where = display_url(engine.url)
    if before == after:
        click.echo(f"{where}: already at {after}")
    else:
        click.echo(f"{where}: upgraded from {before or 'empty'} to {after}")


@db.command("downgrade")
@click.argument("revision")
@db_option
@click.confirmation_option(prompt="Downgrading drops columns or tables and the data in them. Go on?")
@handle_errors
def downgrade(revision: str, db: str | None) -> None:
    """Take the schema back to REVISION (base: drop every table).

    \b
    Example:
        relations db downgrade 0001 --db relations.db --yes
    """
    from .. import schema
    from ..engine import display_url

    with open_engine(db, must_exist=True) as engine:
        before, after = schema.downgrade(engine, revision)
        where = display_url(engine.url)
    click.echo(f"{where}: downgraded from {before or 'empty'} to {after or 'base'}")


@db.command("current")
@db_option
@handle_errors
def current(db: str | None) -> None:
    """Print the database's revision and whether it is the newest.

    \b
    Example:
        relations db current --db relations.db
    """
    from .. import schema

    with open_engine(db, read_only=True) as engine:
        st = schema.status(engine)
    head = schema.head()
    notes = {
        schema.CURRENT: "(head)",
        schema.OUTDATED: f"(outdated: head is {head})",
        schema.TOO_NEW: f"(unknown: newer than this release, whose head is {head})",
        schema.EMPTY: "(empty database)",
        schema.FOREIGN: "(not a relations database)",
    }
    click.echo(f"{st.revision or 'none'} {notes[st.state]}")


@db.command("check")
@db_option
@handle_errors
def check(db: str | None) -> None:
    """Exit 0 if the database is at the newest revision, else 1 with the reason.

    \b
    Example:
        relations db check --db relations.db || relations db upgrade --db relations.db
    """
    from .. import schema
    from ..engine import display_url

    with open_engine(db, read_only=True) as engine:
        revision = schema.check(engine)
        where = display_url(engine.url)
    click.echo(f"{where}: at head {revision}")


@db.command("seed")
@db_option
@handle_errors
def seed(db: str | None) -> None:
    """Load the reference data (countries, organizations, leaders, topics).

    Creates the schema in an empty database first. Loading twice changes nothing.

    \b
    Example:
        relations db seed --db relations.db
    """
    from .. import schema, seeding
    from ..engine import display_url

    with open_engine(db) as engine:
        schema.ensure_current(engine)
        report = seeding.seed(engine)
        where = display_url(engine.url)
    click.echo(f"{where}: seeded: {report}")


@db.command("metadata")
@click.option("--name", default="relations", show_default=True,
              help="The database's name in Datasette: the file's name without its extension.")
@db_option
@handle_errors
def metadata(name: str, db: str | None) -> None:
    """Print Datasette metadata (JSON, which is YAML too) for the database: a title, the
    source and licence of the reference data, a description of every table, view and column
    from docs/schema.md and docs/queries.md.

    \b
    Example:
        relations db metadata > metadata.yml && datasette relations.db -m metadata.yml
    """
    from .. import datasette_metadata, schema

    with open_engine(db, must_exist=True, read_only=True) as engine:
        schema.check(engine)
        text = datasette_metadata.to_json(datasette_metadata.metadata(engine, name))
    click.echo(text, nl=False)
