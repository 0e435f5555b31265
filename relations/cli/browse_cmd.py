"""The commands that list what a database holds: articles, partnerships, topics, countries.

Each opens the database read-only, calls one ``relations.Database`` listing and writes its
rows in the ``--format`` asked for (``relations.cli.output``), like the other listing commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from . import main
from .common import db_option, handle_errors
from .output import listing
from .query_cmd import _LIMIT, _SINCE, _UNTIL, _streamed


def _article_flat(r: Any) -> list[Any]:
    return [r.id, r.external_id, r.published, r.source, r.calls, r.commitments, r.title]


@main.command("articles")
@click.option("--source", help="Only articles from this source (its name, any case: Xinhua, BelTA...).")
@_SINCE
@_UNTIL
@_LIMIT
@db_option
@handle_errors
@listing(("id", "article_id", "published", "source", "calls", "commitments", "title"), _article_flat)
def articles(source: str | None, since: str | None, until: str | None, limit: int | None,
             db: str | None) -> Iterator[Any]:
    """Stored articles by publication date (undated last), with how many calls and commitments
    each gave. `relations show article ID` shows one (ID: the number, or the article's own id).

    \b
    Example:
        relations articles --source Xinhua --since 2021-01-01 --limit 20
    """
    return _streamed(db, "articles", source=source, since=since, until=until, limit=limit)


def _partnership_flat(r: Any) -> list[Any]:
    return [r.id, r.date, r.countries, r.level, str(r.source)]


@main.command("partnerships")
@click.option("--country", help="Only partnerships of this country.")
@_SINCE
@_UNTIL
@_LIMIT
@db_option
@handle_errors
@listing(("id", "date", "countries", "level", "source"), _partnership_flat)
def partnerships(country: str | None, since: str | None, until: str | None, limit: int | None,
                 db: str | None) -> Iterator[Any]:
    """Partnerships stated in articles ("comprehensive strategic partners"), by the day stated.

    \b
    Example:
        relations partnerships --country China --format csv
    """
    return _streamed(db, "partnerships", country, since=since, until=until, limit=limit)


def _topic_flat(r: Any) -> list[Any]:
    return [r.name, r.kind, r.commitments, r.aliases]


@main.command("topics")
@db_option
@handle_errors
@listing(("name", "kind", "commitments", "aliases"), _topic_flat)
def topics(db: str | None) -> Iterator[Any]:
    """Every topic `relations commitments --topic` accepts (its name or an alias), by name.

    \b
    Example:
        relations topics --format json
    """
    return _streamed(db, "topics")


def _country_flat(r: Any) -> list[Any]:
    return [r.iso3, r.iso2, r.name, r.calls, r.commitments, r.partnerships]


@main.command("countries")
@click.option("--all", "include_all", is_flag=True, help="Also countries with no call, commitment or partnership.")
@db_option
@handle_errors
@listing(("iso3", "iso2", "name", "calls", "commitments", "partnerships"), _country_flat)
def countries(include_all: bool, db: str | None) -> Iterator[Any]:
    """Countries with calls, commitments or partnerships, the busiest first (codes any command takes).

    \b
    Example:
        relations countries --all --format csv
    """
    return _streamed(db, "countries", include_all=include_all)
