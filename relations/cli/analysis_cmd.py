"""The commands that analyse a pair's stored timeline: threads, partnership, chart.

Each opens the database (it must exist), calls one ``relations.Database`` method
(``relations.analysis`` computes the answer) and writes what it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from . import main
from .common import db_option, handle_errors
from .output import listing

if TYPE_CHECKING:  # SQLAlchemy is imported when a command runs, not to list the commands
    from ..database import Database


def _open(db: str | None) -> Database:
    from ..database import Database

    return Database(db, create=False)


def _thread_flat(t: Any) -> list[Any]:
    return [t.topic, t.first_date, t.last_date, t.articles, t.commitments, t.raised_by, " > ".join(t.progression),
            t.agreed_on, "yes" if t.moved_to_agreement else "no", [f"{c.id}" for c in t.items],
            sorted({str(s) for s in t.sources})]


@main.command("threads")
@click.argument("country_a")
@click.argument("country_b")
@click.option("--topic", help="Only this topic's thread (a topic's name or alias: trade, industrial park...).")
@db_option
@handle_errors
@listing(("topic", "first", "last", "articles", "commitments", "raised_by", "kinds", "agreed_on", "moved_to_agreement",
          "commitment_ids", "sources"), _thread_flat)
def threads(country_a: str, country_b: str, topic: str | None, db: str | None) -> list[Any]:
    """The two countries' commitments grouped by topic across articles and years, the most
    often raised first.

    A thread is a topic (a field or a named initiative) that the pair's commitments carry: its
    first and last date, how many articles raised it, which side raised it first, the kinds in
    the order they appeared (proposal > pledge > agreement), the first agreement's date and
    whether an agreement followed a proposal or pledge. `--format json` gives every
    commitment with its sentence and source; `relations show commitment ID` gives one.

    \b
    Example:
        relations threads China Belarus --topic "industrial park"
    """
    with _open(db) as database:
        return database.threads(country_a, country_b, topic=topic)


def _history_flat(r: Any) -> list[Any]:
    if r.event == "upgrade":
        return [r.date, "upgrade", r.level, None, None, None, r.previous_level, [str(r.source)], r.source.sentence]
    return [r.first_stated, "level", r.level, r.first_stated, r.last_stated, r.statements, None,
            sorted({str(s) for s in r.sources}), r.sources[0].sentence if r.sources else None]


@main.command("partnership")
@click.argument("country_a")
@click.argument("country_b")
@db_option
@handle_errors
@listing(("date", "event", "level", "first_stated", "last_stated", "statements", "previous_level", "sources",
          "sentence"), _history_flat)
def partnership(country_a: str, country_b: str, db: str | None) -> list[Any]:
    """Each named level of the two countries' relationship over time, and its upgrades.

    A `level` line is one level ("comprehensive strategic partnership"): the day it was first
    and last stated and how many times. An `upgrade` line is a statement that the relationship
    was raised to a level ("elevated their ties to ..."), with the level stated before it.
    Lines are by date, an upgrade before the level it made.

    \b
    Example:
        relations partnership China Belarus --format json
    """
    with _open(db) as database:
        return database.partnership_history(country_a, country_b).rows()


@main.command("chart")
@click.argument("country_a")
@click.argument("country_b", required=False)
@click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The HTML file to write ('-' for standard output).")
@db_option
@handle_errors
def chart(country_a: str, country_b: str | None, since: str | None, until: str | None, output: str,
          db: str | None) -> None:
    """Write one self-contained HTML page picturing a timeline (no network needed to open it).

    With two countries: their calls by medium and status, commitments by kind and partnership
    levels as bands (upgrades marked) on a time axis. With one: its calls with each partner,
    busiest first, one mark a year sized by the number of calls (`relations chart China -o
    china.html`). Hover over a mark to see its sentence and source; click to keep it shown.

    \b
    Example:
        relations chart China Belarus --since 2021-01-01 -o china-belarus.html
    """
    with _open(db) as database:
        page = database.chart(country_a, country_b, since=since, until=until)
    with click.open_file(output, "w", encoding="utf-8") as f:
        f.write(page)
