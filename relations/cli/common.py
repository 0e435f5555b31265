"""What every command that opens the database shares: the ``--db`` option, and library and
database errors turned into one line on stderr with exit status 1.

Kept free of heavy imports (SQLAlchemy, Alembic): ``relations extract`` and the start of
``relations ingest --workers`` should not wait for them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import RelationsError

F = TypeVar("F", bound=Callable[..., Any])
ENV_URL = "RELATIONS_DATABASE_URL"  # relations.engine.ENV_URL, named here so as not to import SQLAlchemy


def db_option(f: F) -> F:
    """The ``--db URL`` option shared by every command that opens the database."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        envvar=ENV_URL,
        show_envvar=True,
        help="Database URL (postgresql+psycopg://...) or SQLite file path  [default: ./relations.db]",
    )(f)


def handle_errors(f: F) -> F:
    """Turn library and database errors into one line on stderr and exit status 1."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except RelationsError as e:
            raise click.ClickException(str(e)) from None
        except Exception as e:
            exc = sys.modules.get("sqlalchemy.exc")  # loaded if it can have raised
            if exc is None or not isinstance(e, exc.DBAPIError):
                raise
            detail = str(e.orig).strip().splitlines()[0] if str(e.orig).strip() else type(e.orig).__name__
            raise click.ClickException(f"database error: {detail}") from None

    return wrapper  # type: ignore[return-value]


def encoding_option(f: F) -> F:
    """``--encoding NAME``: the inputs' text encoding (default UTF-8, or UTF-16 with a BOM)."""

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        import codecs

        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise click.BadParameter(f"unknown encoding {value!r} (e.g. utf-8, latin-1, cp1252)") from None
        return value

    return click.option("--encoding", metavar="NAME", callback=check,
                        help="Text encoding of the inputs (latin-1, cp1252...)  [default: UTF-8, or UTF-16 with a BOM]",
                        )(f)


def report_skipped(directory: str, others: list[str], hidden: list[str]) -> None:
    """One warning line naming the files of a directory that are not read."""
    from .output import warn

    parts = []
    if others:
        parts.append(f"{_count(len(others), 'file')} that {'is' if len(others) == 1 else 'are'} not .txt, .json or "
                     f".jsonl ({_names(others)})")
    if hidden:
        parts.append(f"{_count(len(hidden), 'hidden file')} ({_names(hidden)})")
    warn(f"warning: {directory}: skipped {' and '.join(parts)}")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _names(names: list[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")
