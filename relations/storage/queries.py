"""Read the timeline back as typed rows (``relations.storage.rows``).

Every function takes an open connection (in a transaction, so that the parts of a row agree)
and the ``Lookups`` cache; ``relations.Database`` manages both for callers. Listings are
generators that select ids with SQLAlchemy Core, a page at a time, and load each page's rows
with ``relations.storage.loaders``, so a listing of a million calls streams in constant
memory. A pair's timeline loads the events of the pair tables (``call_pairs``,
``commitment_pairs``), whose (pair, date, id) indexes make each part one range scan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from ..errors import NotFoundError, UnknownCountryError, UnknownNameError
from ..folding import fold
from ..models import (
    COMMITMENT_KINDS,
    Article,
    ArticleLeader,
    CallParticipant,
    CallSource,
    Commitment,
    CountryAlias,
    Leader,
    Organization,
    Partnership,
    Topic,
    call_countries,
    commitment_counterparts,
    commitment_topics,
)
from ..models import Call as CallTable
from . import loaders
from .lookups import Lookups
from .rows import ArticleRow, CallRow, CommitmentRow, LeaderRow, PartnershipRow, Source, TimelineEvent
from .sql import Cursor

PAGE = 500
_calls, _articles, _commitments = CallTable.__table__, Article.__table__, Commitment.__table__
_participants, _sources, _leaders = CallParticipant.__table__, CallSource.__table__, Leader.__table__
_partnerships, _orgs, _topics = Partnership.__table__, Organization.__table__, Topic.__table__
_mentions = ArticleLeader.__table__


def _source(r: Any, with_sentence: bool = True) -> Source:
    if with_sentence:
        return Source(r.article_id, r.source, r.title, r.url, r.published, r.sentence, r.start, r.end)
    return Source(r.article_id, r.source, r.title, r.url, r.published)


def _codes(conn: sa.Connection, lookups: Lookups) -> loaders.Codes:
    return loaders.Codes(*lookups.codes(conn))


# -- loading rows by id ---------------------------------------------------------------------


def load_calls(conn: sa.Connection, lookups: Lookups, ids: Sequence[int]) -> list[CallRow]:
    """The calls with these ids, in the order given."""
    found = loaders.load_calls(Cursor(conn), loaders.by_ids("calls", ids), _codes(conn, lookups))
    return [found[i] for i in ids if i in found]


def load_commitments(conn: sa.Connection, lookups: Lookups, ids: Sequence[int]) -> list[CommitmentRow]:
    """The commitments with these ids, in the order given."""
    found = loaders.load_commitments(Cursor(conn), loaders.by_ids("commitments", ids), _codes(conn, lookups))
    return [found[i] for i in ids if i in found]


def _partnership_rows(conn: sa.Connection, lookups: Lookups, where: Iterable[sa.ColumnElement[bool]],
                      ) -> list[PartnershipRow]:
    p, a = _partnerships.c, _articles.c
    query = (sa.select(p.id, p.stated_on, p.country_a_id, p.country_b_id, p.level, p.article_id, a.source, a.title,
                       a.url, a.published, p.sentence, p.start, p.end, p.key)
             .join_from(_partnerships, _articles, a.id == p.article_id).where(*where).order_by(p.stated_on, p.id))
    return [PartnershipRow(r.id, r.stated_on, (lookups.country_by_id(conn, r.country_a_id).iso3,
                                               lookups.country_by_id(conn, r.country_b_id).iso3), r.level, _source(r),
                           r.key)
            for r in conn.execute(query)]


# -- the timeline of a pair -----------------------------------------------------------------

_ORDER = {"call": 0, "commitment": 1, "partnership": 2}


def timeline(conn: sa.Connection, lookups: Lookups, a: int, b: int, since: dt.date | None = None,
             until: dt.date | None = None) -> list[TimelineEvent]:
    """Every dated call, commitment and partnership of countries ``a`` and ``b``, by date."""
    sql = Cursor(conn)
    lo, hi = min(a, b), max(a, b)
    codes = _codes(conn, lookups)
    events = [TimelineEvent(row.date, "call", row) for row in loaders.load_calls(
        sql, loaders.by_pair(sql, "call_pairs", "call_id", lo, hi, since, until), codes).values()]
    events += [TimelineEvent(row.date, "commitment", row) for row in loaders.load_commitments(
        sql, loaders.by_pair(sql, "commitment_pairs", "commitment_id", lo, hi, since, until), codes).values()]
    p = _partnerships.c
    first, second = sorted((a, b), key=lambda cid: lookups.country_by_id(conn, cid).iso3)
    where = [p.country_a_id == first, p.country_b_id == second, p.stated_on.is_not(None)]
    where += [p.stated_on >= since] if since else []
    where += [p.stated_on <= until] if until else []
    events += [TimelineEvent(row.date, "partnership", row) for row in _partnership_rows(conn, lookups, where)]
    events.sort(key=lambda e: (e.date, _ORDER[e.event], e.id))
    return events


def undated(conn: sa.Connection, a: int, b: int) -> tuple[int, int]:
    """How many calls and commitments of countries ``a`` and ``b`` have no date (the timeline
    leaves them out)."""
    lo, hi = min(a, b), max(a, b)
    counts = []
    for table, column in (("call_pairs", "call_id"), ("commitment_pairs", "commitment_id")):
        counts.append(conn.execute(sa.text(
            f"SELECT count(DISTINCT {column}) FROM {table} "
            "WHERE country_a_id = :a AND country_b_id = :b AND date IS NULL"), {"a": lo, "b": hi}).scalar_one())
    return counts[0], counts[1]


# -- listings -------------------------------------------------------------------------------


def _stream(conn: sa.Connection, query: sa.Select, load: Any, lookups: Lookups) -> Iterator[Any]:
    result = conn.execution_options(yield_per=PAGE).execute(query)
    for page in result.scalars().partitions(PAGE):
        yield from load(conn, lookups, page)


def _dated(column: sa.ColumnElement[Any]) -> list[sa.ColumnElement[Any]]:
    """Order by ``column`` with nulls last on every backend, then by the id."""
    return [column.is_(None), column]


def place_condition(conn: sa.Connection, lookups: Lookups, place: str) -> sa.ColumnElement[bool]:
    """Calls whose place matches ``place``: a part of the folded city, venue or occasion ("bali",
    "g20", "kremlin"), or a country (name, demonym, ISO2 or ISO3) the place is in. A capital
    matches as a city only: "Moscow" finds the meetings in Moscow, not those in Sochi."""
    c = _calls.c
    key = fold(place)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = [c.place_key.like(f"%{escaped}%", escape="\\")]
    try:
        country = lookups.resolve_country(conn, place)
    except UnknownCountryError:
        country = None
    a = CountryAlias.__table__.c
    capital = conn.execute(sa.select(a.kind).where(a.alias_key == key, a.kind == "capital").limit(1)).first()
    if country is not None and capital is None:
        found.append(c.place_country_id == country.id)
    return sa.or_(*found)


def calls(conn: sa.Connection, lookups: Lookups, countries: Sequence[int] = (), medium: str | None = None,
          status: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
          limit: int | None = None, place: str | None = None) -> Iterator[CallRow]:
    c = _calls.c
    query = sa.select(c.id).order_by(*_dated(c.date), c.id).limit(limit)
    if place is not None:
        query = query.where(place_condition(conn, lookups, place))
    for country_id in countries:
        query = query.where(sa.exists().where(call_countries.c.call_id == c.id,
                                              call_countries.c.country_id == country_id))
    query = query.where(*([c.medium == medium] if medium else []), *([c.status == status] if status else []),
                        *([c.date >= since] if since else []), *([c.date <= until] if until else []))
    return _stream(conn, query, load_calls, lookups)


def commitments(conn: sa.Connection, lookups: Lookups, country: int | None = None, topic: str | None = None,
                kind: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                limit: int | None = None) -> Iterator[CommitmentRow]:
    """Commitments by or about ``country`` (actor or counterpart), on ``topic``, of ``kind``."""
    m = _commitments.c
    query = sa.select(m.id).order_by(*_dated(m.date), m.id).limit(limit)
    if country is not None:
        about = sa.exists().where(commitment_counterparts.c.commitment_id == m.id,
                                  commitment_counterparts.c.country_id == country)
        query = query.where(sa.or_(m.actor_id == country, about))
    if topic is not None:
        topic_id = lookups.topic_id(conn, topic)
        if topic_id is None:
            raise UnknownNameError(f"unknown topic {topic!r}: `relations topics` lists them")
        query = query.where(sa.exists().where(commitment_topics.c.commitment_id == m.id,
                                              commitment_topics.c.topic_id == topic_id))
    if kind is not None:
        if kind not in COMMITMENT_KINDS:
            raise UnknownNameError(f"unknown commitment kind {kind!r}: one of {', '.join(COMMITMENT_KINDS)}")
        query = query.where(m.kind == kind)
    query = query.where(*([m.date >= since] if since else []), *([m.date <= until] if until else []))
    return _stream(conn, query, load_commitments, lookups)


def leaders(conn: sa.Connection, lookups: Lookups, country: int | None = None, include_all: bool = False,
            limit: int | None = None, organization: int | None = None) -> Iterator[LeaderRow]:
    """Leaders (of ``country``, or of ``organization``) with how many calls they took part in
    and how many articles mention them."""
    l, p, c = _leaders.c, _participants.c, _calls.c
    on_calls = (sa.select(p.leader_id, sa.func.count(sa.distinct(p.call_id)).label("n"),
                          sa.func.min(c.date).label("first"), sa.func.max(c.date).label("last"))
                .join_from(_participants, _calls, c.id == p.call_id).where(p.leader_id.is_not(None))
                .group_by(p.leader_id).subquery())
    mentioned = (sa.select(_mentions.c.leader_id, sa.func.count().label("n"))
                 .group_by(_mentions.c.leader_id).subquery())
    n_calls, n_articles = sa.func.coalesce(on_calls.c.n, 0), sa.func.coalesce(mentioned.c.n, 0)
    query = (sa.select(l.id, l.name, l.country_id, _orgs.c.code, n_calls.label("calls"),
                       n_articles.label("articles"), on_calls.c.first, on_calls.c.last)
             .select_from(_leaders.outerjoin(on_calls, on_calls.c.leader_id == l.id)
                          .outerjoin(mentioned, mentioned.c.leader_id == l.id)
                          .outerjoin(_orgs, _orgs.c.id == l.organization_id))
             .order_by(n_calls.desc(), n_articles.desc(), l.name, l.id).limit(limit))
    if country is not None:
        query = query.where(l.country_id == country)
    if organization is not None:
        query = query.where(l.organization_id == organization)
    if not include_all:
        query = query.where(sa.or_(on_calls.c.n.is_not(None), mentioned.c.n.is_not(None)))
    for r in conn.execution_options(yield_per=PAGE).execute(query):
        iso3 = lookups.country_by_id(conn, r.country_id).iso3 if r.country_id else None
        yield LeaderRow(r.id, r.name, iso3, r.code, r.calls, r.articles, r.first, r.last)


# -- one row and its evidence ---------------------------------------------------------------


_KEYED = {"article": "articles", "call": "calls", "commitment": "commitments", "partnership": "partnerships"}


def id_of_key(conn: sa.Connection, kind: str, key: str) -> int:
    """The id of the ``kind`` (article, call, commitment, partnership) with this stable key."""
    table = _KEYED[kind]
    if "\x00" in key:  # no key holds one, and PostgreSQL text cannot even be compared with one
        raise NotFoundError(kind, key)
    found = conn.execute(sa.text(f"SELECT id FROM {table} WHERE key = :k"), {"k": key}).scalar()
    if found is None:
        raise NotFoundError(kind, key)
    return found


def call(conn: sa.Connection, lookups: Lookups, call_id: int) -> CallRow:
    found = load_calls(conn, lookups, [call_id])
    if not found:
        raise NotFoundError("call", call_id)
    return found[0]


def commitment(conn: sa.Connection, lookups: Lookups, commitment_id: int) -> CommitmentRow:
    found = load_commitments(conn, lookups, [commitment_id])
    if not found:
        raise NotFoundError("commitment", commitment_id)
    return found[0]


def article(conn: sa.Connection, lookups: Lookups, article_id: int, with_text: bool = False) -> ArticleRow:
    a = _articles.c
    r = conn.execute(sa.select(_articles).where(a.id == article_id)).one_or_none()
    if r is None:
        raise NotFoundError("article", article_id)
    call_ids = conn.execute(sa.select(_sources.c.call_id).where(_sources.c.article_id == article_id).distinct()
                            .order_by(_sources.c.call_id)).scalars().all()
    calls_ = [_only_from(row, article_id) for row in load_calls(conn, lookups, call_ids)]
    m = _commitments.c
    ids = conn.execute(sa.select(m.id).where(m.article_id == article_id).order_by(m.start, m.id)).scalars().all()
    return ArticleRow(r.id, r.external_id, r.source, r.title, r.url, r.published, r.dateline, r.dateline_date,
                      r.extractor_version, r.ingested_at, tuple(calls_), tuple(load_commitments(conn, lookups, ids)),
                      tuple(_partnership_rows(conn, lookups, [_partnerships.c.article_id == article_id])),
                      r.text if with_text else None, r.key)


def _only_from(row: CallRow, article_id: int) -> CallRow:
    """The call with only this article's sources (the evidence the article gives)."""
    return row._replace(sources=tuple(s for s in row.sources if s.article_id == article_id))


def stats(conn: sa.Connection) -> dict[str, Any]:
    """Counts of what the database holds."""
    def count(table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()

    a, c, m = _articles.c, _calls.c, _commitments.c
    first, last = conn.execute(sa.select(sa.func.min(c.date), sa.func.max(c.date))).one()
    out: dict[str, Any] = {
        "articles": count(_articles),
        "articles without a date": count(_articles, a.published.is_(None), a.dateline_date.is_(None)),
        "calls": count(_calls),
        "calls reported by several articles": conn.execute(
            sa.select(sa.func.count()).select_from(
                sa.select(_sources.c.call_id).group_by(_sources.c.call_id)
                .having(sa.func.count(sa.distinct(_sources.c.article_id)) > 1).subquery())).scalar_one(),
        "first call": first, "last call": last,
        "commitments": count(_commitments),
    }
    for kind, n in conn.execute(sa.select(m.kind, sa.func.count()).group_by(m.kind).order_by(m.kind)):
        out[f"commitments: {kind}"] = n
    out["partnerships"] = count(_partnerships)
    out["leaders"] = count(_leaders)
    out["leaders mentioned"] = conn.execute(sa.select(sa.func.count(sa.distinct(_mentions.c.leader_id)))).scalar_one()
    out["countries in calls"] = conn.execute(
        sa.select(sa.func.count(sa.distinct(call_countries.c.country_id)))).scalar_one()
    for version, n in conn.execute(sa.select(a.extractor_version, sa.func.count()).group_by(a.extractor_version)
                                   .order_by(a.extractor_version)):
        out[f"articles read by extractor {version}"] = n
    return out
