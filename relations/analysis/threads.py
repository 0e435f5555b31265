"""Commitment threads: a pair's commitments on one topic, followed across articles and years.

A thread is one topic (a field such as trade, or a named initiative such as the China-Belarus
Industrial Park) and the commitments of one pair of countries that carry it, as stored: the
topics the extractor gave each commitment, its actor, kind and date. A commitment with several
topics is in several threads; one with no topic is in none (``relations commitments`` lists
it). The view ``commitment_threads`` (migration 0010) computes the same figures in SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..storage import loaders
from ..storage.lookups import Lookups
from ..storage.queries import UnknownNameError
from ..storage.rows import CommitmentRow, Source, _to_dict
from ..storage.sql import Cursor

# kinds that put a matter forward; an agreement after one of them is the thread moving on
_PUT_FORWARD = frozenset({"proposal", "pledge"})


class ThreadRow(NamedTuple):
    """One topic of a pair's commitments, from its first statement to its last."""

    countries: tuple[str, str]  # ISO3, in alphabetical order
    topic: str
    first_date: dt.date | None  # of its dated commitments
    last_date: dt.date | None
    raised_by: str | None  # the actor (ISO3) of its earliest commitment
    actors: tuple[str, ...]  # every actor, alphabetical
    commitments: int
    articles: int  # how many articles raised it: how often it recurred
    years: tuple[int, ...]  # the years it was raised in
    progression: tuple[str, ...]  # kinds in the order they first appear ("proposal", "agreement")
    agreed_on: dt.date | None  # the first agreement's date
    moved_to_agreement: bool  # an agreement came on or after a proposal or pledge of the thread
    items: tuple[CommitmentRow, ...]  # oldest first, undated last

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(c.source for c in self.items)

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


def _order(c: CommitmentRow) -> tuple[bool, dt.date, int]:
    return (c.date is None, c.date or dt.date.min, c.id)


def _thread(countries: tuple[str, str], topic: str, items: list[CommitmentRow]) -> ThreadRow:
    items.sort(key=_order)
    dates = [c.date for c in items if c.date is not None]
    progression: list[str] = []
    for c in items:
        if c.kind not in progression:
            progression.append(c.kind)
    agreements = [c for c in items if c.kind == "agreement"]
    agreed_on = min((c.date for c in agreements if c.date), default=None)
    moved = any(p.kind in _PUT_FORWARD and a.date and p.date and p.date <= a.date
                for a in agreements for p in items)
    return ThreadRow(countries, topic, min(dates, default=None), max(dates, default=None), items[0].actor,
                     tuple(sorted({c.actor for c in items if c.actor})), len(items),
                     len({c.source.article_id for c in items}), tuple(sorted({d.year for d in dates})),
                     tuple(progression), agreed_on, moved, tuple(items))


def threads(conn: sa.Connection, lookups: Lookups, a: int, b: int, topic: str | None = None) -> list[ThreadRow]:
    """The threads of countries ``a`` and ``b`` (ids), the most often raised first; with
    ``topic`` (a topic's name or alias), that topic's thread only. UnknownNameError for a
    topic the database does not know."""
    wanted = None
    if topic is not None:
        topic_id = lookups.topic_id(conn, topic)
        if topic_id is None:
            raise UnknownNameError(f"unknown topic {topic!r}: see the topics table (relations stats lists them)")
        wanted = conn.execute(sa.text("SELECT name FROM topics WHERE id = :id"), {"id": topic_id}).scalar_one()
    sql = Cursor(conn)
    chosen = loaders.Chosen("SELECT commitment_id FROM commitment_pairs WHERE country_a_id = :a AND country_b_id = :b",
                            {"a": min(a, b), "b": max(a, b)})
    codes = loaders.Codes(*lookups.codes(conn))
    rows = loaders.load_commitments(sql, chosen, codes)
    pair = tuple(sorted((lookups.country_by_id(conn, a).iso3, lookups.country_by_id(conn, b).iso3)))
    by_topic: dict[str, list[CommitmentRow]] = {}
    for row in rows.values():
        for name in row.topics:
            if wanted is None or name == wanted:
                by_topic.setdefault(name, []).append(row)
    found = [_thread(pair, name, items) for name, items in by_topic.items()]  # type: ignore[arg-type]
    found.sort(key=lambda t: (-t.articles, -t.commitments, t.first_date or dt.date.max, t.topic))
    return found
