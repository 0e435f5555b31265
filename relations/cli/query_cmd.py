"""The commands that read the timeline: timeline, calls, commitments, leaders, show, stats, search.

Each opens the database (it must exist), calls one ``relations.Database`` method and writes
the rows it returns in the ``--format`` asked for (``relations.cli.output``).
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from ..enumerations import CALL_MEDIA, CALL_STATUSES, COMMITMENT_KINDS
from ..storage.rows import (
    ArticleRow,
    CallRow,
    CommitmentRow,
    LeaderRow,
    PartnershipRow,
    SearchHit,
    Source,
    TimelineEvent,
)
from . import main
from .common import db_option, handle_errors
from .output import cell, listing, warn

if TYPE_CHECKING:
    from ..database import Database

SEARCH_KINDS = ("article", "commitment")  # relations.storage.search.KINDS, not imported: it loads SQLAlchemy
_SINCE = click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this day.")
_UNTIL = click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this day.")
_LIMIT = click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")


def _open(db: str | None) -> Database:
    from ..database import Database  # here: listing the commands must not load SQLAlchemy

    return Database(db, read_only=True)


def _streamed(db: str | None, query: str, *args: Any, **kwargs: Any) -> Iterator[Any]:
    """Rows of a Database listing, the database open while they are written.

    The listing is asked for now, so that a bad argument (an unknown country, a malformed
    date) is an error before any output; the rows are read as they are written.
    """
    database = _open(db)
    try:
        rows = getattr(database, query)(*args, **kwargs)
    except BaseException:
        database.close()
        raise

    def read() -> Iterator[Any]:
        try:
            yield from rows
        finally:
            database.close()

    return read()


def _sources(sources: tuple[Source, ...]) -> list[str]:
    return sorted({str(s) for s in sources})


def _what(item: CallRow | CommitmentRow | PartnershipRow) -> str:
    if isinstance(item, CallRow):
        where = f" in {item.place}" if item.place else ""
        return f"{item.medium.replace('_', ' ')} {'call' if item.medium != 'in_person' else 'meeting'} " \
               f"({item.status}): {'-'.join(item.countries)}{where}"
    if isinstance(item, CommitmentRow):
        return f"{item.actor or '?'} {item.kind}: {item.text}"
    return f"{'-'.join(item.countries)} {item.level}"


def _timeline_flat(e: TimelineEvent) -> list[Any]:
    item = e.item
    if isinstance(item, CallRow):
        who: Any = [str(p) for p in item.participants]
        sources = _sources(item.sources)
    elif isinstance(item, CommitmentRow):
        who, sources = item.speaker, [str(item.source)]
    else:
        who, sources = None, [str(item.source)]
    return [e.date, e.event, item.id, _what(item), who, sources]


@main.command("timeline")
@click.argument("country_a")
@click.argument("country_b")
@_SINCE
@_UNTIL
@_LIMIT
@db_option
@handle_errors
@listing(("date", "event", "id", "what", "who", "sources"), _timeline_flat)
def timeline(country_a: str, country_b: str, since: str | None, until: str | None, limit: int | None,
             db: str | None) -> list[TimelineEvent]:
    """The calls, commitments and partnerships of two countries, one line per dated event.

    A country is a name, a demonym, or an ISO2 or ISO3 code. Undated events are left out
    (`relations calls` and `relations commitments` list them). `relations show call ID`
    gives an event's evidence.

    \b
    Example:
        relations timeline China Belarus --since 2021-01-01
    """
    with _open(db) as database:
        events = list(database.timeline(country_a, country_b, since=since, until=until, limit=limit))
        calls, commitments = database.undated(country_a, country_b)
    if calls or commitments:
        a, b = (shlex.quote(c) for c in (country_a, country_b))
        warn(f"not shown, their date unknown: {_count(calls, 'call')} (relations calls --country {a} --country {b}) "
             f"and {_count(commitments, 'commitment')} (relations commitments --country {a})")
    return events


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _call_flat(c: CallRow) -> list[Any]:
    return [c.id, c.key, c.date, c.date_precision, c.medium, c.status, c.initiator, c.countries,
            [str(p) for p in c.participants], _sources(c.sources), str(c.place) if c.place else None,
            c.place.host if c.place else None]


@main.command("calls")
@click.option("--country", "countries", multiple=True,
              help="Only calls this country took part in (repeatable: calls with all of them).")
@click.option("--medium", type=click.Choice(CALL_MEDIA), help="Only calls of this kind.")
@click.option("--status", type=click.Choice(CALL_STATUSES), help="Only calls with this status.")
@click.option("--place", metavar="TEXT",
              help="Only meetings whose city, venue or occasion contains TEXT (case and accents aside), "
                   "or held in the country TEXT names.")
@_SINCE
@_UNTIL
@_LIMIT
@db_option
@handle_errors
@listing(("id", "key", "date", "date_precision", "medium", "status", "initiator", "countries", "participants",
          "sources", "place", "host"), _call_flat)
def calls(countries: tuple[str, ...], medium: str | None, status: str | None, place: str | None,
          since: str | None, until: str | None, limit: int | None, db: str | None) -> Iterator[CallRow]:
    """Calls and meetings, by date (undated last), with participants and sources.

    An in-person meeting whose articles tell where it took place has a place (venue, city,
    country and occasion: "Kremlin, Moscow, RUS (working visit)") and, when the place is in one
    of its countries, a host (the others are its visitors). `--place` matches a part of the
    city, venue or occasion ("bali", "G20", "kremlin"), or a country the place is in
    ("Indonesia", "IDN"); a capital matches as a city only.

    `relations calls --country Belarus --country China --format csv` gives a pair's calls as CSV.

    \b
    Example:
        relations calls --place Bali --country "United States"
    """
    return _streamed(db, "calls", countries, medium=medium, status=status, since=since, until=until, limit=limit,
                     place=place)


def _commitment_flat(c: CommitmentRow) -> list[Any]:
    return [c.id, c.key, c.date, c.actor, c.kind, c.text, c.counterparts, c.topics, str(c.source), c.speaker,
            c.call_id]


@main.command("commitments")
@click.option("--country", help="Only commitments this country made or that were made to it.")
@click.option("--topic", help="Only commitments on this topic (a topic's name or alias: trade, Belt and Road...).")
@click.option("--kind", type=click.Choice(COMMITMENT_KINDS),
              help="Only commitments of this kind.")
@_SINCE
@_UNTIL
@_LIMIT
@db_option
@handle_errors
@listing(("id", "key", "date", "actor", "kind", "text", "counterparts", "topics", "source", "speaker", "call_id"),
         _commitment_flat)
def commitments(country: str | None, topic: str | None, kind: str | None, since: str | None, until: str | None,
                limit: int | None, db: str | None) -> Iterator[CommitmentRow]:
    """Commitments (pledges, proposals, agreements, support, opposition), by date.

    \b
    Example:
        relations commitments --country BLR --topic "industrial park" --kind pledge
    """
    return _streamed(db, "commitments", country, topic=topic, kind=kind, since=since, until=until, limit=limit)


def _leader_flat(r: LeaderRow) -> list[Any]:
    return [r.id, r.name, r.country, r.organization, r.calls, r.articles, r.first_seen, r.last_seen]


@main.command("leaders")
@click.option("--country", help="Only leaders of this country, or of this organization (UN, European Union...).")
@click.option("--all", "include_all", is_flag=True, help="Also known leaders no stored article mentions.")
@_LIMIT
@db_option
@handle_errors
@listing(("id", "name", "country", "organization", "calls", "articles", "first_seen", "last_seen"), _leader_flat)
def leaders(country: str | None, include_all: bool, limit: int | None, db: str | None) -> Iterator[LeaderRow]:
    """Leaders seen in calls or articles, the busiest first.

    \b
    Example:
        relations leaders --country Belarus
    """
    return _streamed(db, "leaders", country, include_all=include_all, limit=limit)


def _stat_flat(item: tuple[str, Any]) -> list[Any]:
    return list(item)


class _Stat(NamedTuple):
    what: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "value": self.value.isoformat() if hasattr(self.value, "isoformat") else self.value}


@main.command("stats")
@db_option
@handle_errors
@listing(("what", "value"), _stat_flat)
def stats(db: str | None) -> list[_Stat]:
    """What the database holds: articles, calls, commitments by kind, leaders, date range.

    \b
    Example:
        relations stats --format json
    """
    with _open(db) as database:
        return [_Stat(*item) for item in database.stats().items()]


def _hit_flat(h: SearchHit) -> list[Any]:
    return [h.kind, h.id, h.date, h.title, h.snippet]


@main.command("search")
@click.argument("query")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(SEARCH_KINDS),
              help="Only articles or only commitments (repeatable)  [default: both]")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@db_option
@handle_errors
@listing(("kind", "id", "date", "title", "snippet"), _hit_flat)
def search(query: str, kinds: tuple[str, ...], limit: int, db: str | None) -> list[SearchHit]:
    """Articles and commitments holding every word, "quoted phrase" and prefix* of QUERY,
    best match first.

    Words are matched as words, stemmed ("parks" finds "park"); words in double quotes must
    come in a row; a word with a star right after it is a prefix (industr* finds
    "industrial", "industries"). Other punctuation and search operators (OR, NEAR, -, ^) in
    QUERY are taken literally. The snippet shows the first match [like this].

    \b
    Example:
        relations search '"industrial park" invest*' --kind commitment
    """
    with _open(db) as database:
        return list(database.search(query, kinds=kinds or SEARCH_KINDS, limit=limit))


# -- show -------------------------------------------------------------------------------------


def _evidence(out: list[tuple[str, str]], label: str, source: Source) -> None:
    where = ", ".join(x for x in (str(source), source.published.isoformat() if source.published else None) if x)
    out.append((label, f"[article {source.article_id}: {where}] {source.sentence or ''}"
                f" (characters {source.start}-{source.end})"))


def _show_lines(item: CallRow | CommitmentRow | ArticleRow) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(item, CallRow):
        out += [("call", str(item.id)), ("key", cell(item.key)), ("date", cell(item.date) + (f" ({item.date_precision})" if item.date else "")),
                ("medium", item.medium), ("status", item.status), ("countries", cell(item.countries)),
                ("initiator", cell(item.initiator))]
        if item.place:
            out += [("place", str(item.place)), ("host", cell(item.place.host))]
        out += [("participant", str(p)) for p in item.participants]
        for s in item.sources:
            _evidence(out, "evidence", s)
    elif isinstance(item, CommitmentRow):
        out += [("commitment", str(item.id)), ("key", cell(item.key)), ("date", cell(item.date)), ("actor", cell(item.actor)),
                ("kind", item.kind), ("speaker", cell(item.speaker)), ("text", item.text),
                ("counterparts", cell(item.counterparts)), ("topics", cell(item.topics)),
                ("call", cell(item.call_id))]
        _evidence(out, "evidence", item.source)
    else:
        out += [("article", str(item.id)), ("key", cell(item.key)), ("id", cell(item.external_id)), ("source", cell(item.source)),
                ("title", cell(item.title)), ("url", cell(item.url)), ("published", cell(item.published)),
                ("dateline", " ".join(cell(x) for x in (item.dateline, item.dateline_date) if x)),
                ("extractor", item.extractor_version), ("ingested", cell(item.ingested_at))]
        for c in item.calls:
            out.append(("call", f"{c.id}: {_what(c)} on {cell(c.date) or 'unknown date'}"))
            out += [("  evidence", f"{s.sentence} ({s.start}-{s.end})") for s in c.sources]
        for m in item.commitments:
            out.append(("commitment", f"{m.id}: {_what(m)}"))
            out.append(("  evidence", f"{m.source.sentence} ({m.source.start}-{m.source.end})"))
        for p in item.partnerships:
            out.append(("partnership", f"{p.id}: {_what(p)}"))
            out.append(("  evidence", f"{p.source.sentence} ({p.source.start}-{p.source.end})"))
        if item.text is not None:
            out.append(("text", item.text))
    return out


@main.command("show")
@click.argument("kind", type=click.Choice(["call", "commitment", "article"]))
@click.argument("ident", metavar="ID_OR_KEY")
@click.option("--text", "with_text", is_flag=True, help="With an article, also print its (normalised) text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: one field a line; json: one object.")
@db_option
@handle_errors
def show(kind: str, ident: str, with_text: bool, fmt: str, db: str | None) -> None:
    """One call, commitment or article, with the sentences it was read from.

    ID_OR_KEY is the number listings show, or the fact's key (printed by `show` and the JSON
    output, e.g. `relations show commitment m3f2a9c01d4e5b6a7c8d9`: `relations reprocess` keeps
    a fact's key, and its id, as long as the fact is read again unchanged); an article may also
    be named by its own id (the "id" it was given, e.g. kremlin/68409; `relations articles`
    lists both).

    \b
    Example:
        relations show call 1
    """
    from ..storage.queries import NotFoundError

    number = int(ident) if ident.strip().lstrip("-").isdigit() else None
    with _open(db) as database:
        if kind == "call":
            item: Any = database.call(ident if number is None else number)
        elif kind == "commitment":
            item = database.commitment(ident if number is None else number)
        elif number is None:
            item = database.article(ident, with_text=with_text)
        else:
            try:
                item = database.article(number, with_text=with_text)
            except NotFoundError:  # an article's own id may be a number too
                try:
                    item = database.article(ident, with_text=with_text)
                except NotFoundError:
                    raise NotFoundError("article", number) from None
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(item.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    lines = _show_lines(item)
    width = max(len(k) for k, _ in lines)
    for k, v in lines:
        out.write(f"{k.ljust(width)}  {v}\n")
