"""Listings for browsing what a database holds: articles, partnerships, topics, countries, and
looking an article up by its own id or an organization by its name.

Like ``relations.storage.queries``, each function takes an open connection and the
``Lookups`` cache and yields typed, frozen rows with ``to_dict()``; ``relations.Database``
manages both for callers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..errors import RelationsError
from ..models import (
    Article,
    Commitment,
    Country,
    Organization,
    OrganizationAlias,
    Partnership,
    Topic,
    TopicAlias,
    call_countries,
    commitment_topics,
)
from .lookups import Lookups, fold
from .queries import _sources as call_sources  # which articles report a call
from .queries import PAGE, NotFoundError, _source
from .rows import PartnershipRow, _to_dict

_articles, _commitments = Article.__table__, Commitment.__table__
_partnerships, _topics, _countries = Partnership.__table__, Topic.__table__, Country.__table__


class ArticleSummary(NamedTuple):
    """One stored article, as a listing shows it (``relations show article ID`` gives the rest)."""

    id: int
    external_id: str | None  # the article's own id, as given when it was stored
    published: dt.date | None
    source: str | None
    title: str | None
    url: str | None
    calls: int  # calls it reports
    commitments: int  # commitments read from it

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class TopicRow(NamedTuple):
    name: str
    kind: str
    aliases: tuple[str, ...]  # other names ``--topic`` accepts
    commitments: int

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class CountryRow(NamedTuple):
    iso3: str
    iso2: str
    name: str
    calls: int  # calls it took part in
    commitments: int  # commitments it made
    partnerships: int  # partnerships stated with it

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class AmbiguousArticleError(RelationsError):
    """Several stored articles were given the same id of their own."""

    def __init__(self, external_id: str, ids: list[int]):
        self.external_id, self.ids = external_id, ids
        super().__init__(f"article id {external_id!r} is shared by stored articles {', '.join(map(str, ids))}: "
                         "show one by its number")


def _dated(column: sa.ColumnElement[Any]) -> list[sa.ColumnElement[Any]]:
    return [column.is_(None), column]


def article_id(conn: sa.Connection, external_id: str) -> int:
    """The stored id of the article given ``external_id`` (its own id, e.g. ``kremlin/68409``)."""
    a = _articles.c
    if "\x00" in external_id and conn.dialect.name == "postgresql":
        raise NotFoundError("article", external_id, by="id")  # PostgreSQL text cannot hold one: none is stored
    ids = conn.execute(sa.select(a.id).where(a.external_id == external_id).order_by(a.id).limit(10)).scalars().all()
    if not ids:
        raise NotFoundError("article", external_id, by="id")
    if len(ids) > 1:
        raise AmbiguousArticleError(external_id, list(ids))
    return ids[0]


def organization_id(conn: sa.Connection, name: str) -> int | None:
    """The organization whose code, name or alias ``name`` is, if any."""
    if "\x00" in name:
        return None
    o, al = Organization.__table__.c, OrganizationAlias.__table__.c
    query = (sa.select(o.id).select_from(Organization.__table__.outerjoin(
        OrganizationAlias.__table__, al.organization_id == o.id))
        .where(sa.or_(o.code == name.strip().upper(), sa.func.lower(o.name) == name.strip().lower(),
                      al.alias_key == fold(name.strip())))
        .order_by(o.id).limit(1))
    return conn.execute(query).scalar()


def articles(conn: sa.Connection, lookups: Lookups, source: str | None = None, since: dt.date | None = None,
             until: dt.date | None = None, limit: int | None = None) -> Iterator[ArticleSummary]:
    """Stored articles by publication date (undated last), with how many calls and commitments
    each gave; ``source`` matches the source name case-insensitively."""
    a, m = _articles.c, _commitments.c
    n_calls = (sa.select(sa.func.count(sa.distinct(call_sources.c.call_id)))
               .where(call_sources.c.article_id == a.id).scalar_subquery())
    n_commitments = sa.select(sa.func.count()).where(m.article_id == a.id).scalar_subquery()
    query = (sa.select(a.id, a.external_id, a.published, a.source, a.title, a.url, n_calls.label("calls"),
                       n_commitments.label("commitments"))
             .order_by(*_dated(a.published), a.id).limit(limit))
    if source is not None:
        query = query.where(sa.func.lower(a.source) == source.strip().lower())
    query = query.where(*([a.published >= since] if since else []), *([a.published <= until] if until else []))
    for r in conn.execution_options(yield_per=PAGE).execute(query):
        yield ArticleSummary(r.id, r.external_id, r.published, r.source, r.title, r.url, r.calls, r.commitments)


def partnerships(conn: sa.Connection, lookups: Lookups, country: int | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, limit: int | None = None) -> Iterator[PartnershipRow]:
    """Partnerships stated, by the day they were stated (undated last), with their sentence."""
    p, a = _partnerships.c, _articles.c
    query = (sa.select(p.id, p.stated_on, p.country_a_id, p.country_b_id, p.level, p.article_id, a.source, a.title,
                       a.url, a.published, p.sentence, p.start, p.end)
             .join_from(_partnerships, _articles, a.id == p.article_id)
             .order_by(*_dated(p.stated_on), p.id).limit(limit))
    if country is not None:
        query = query.where(sa.or_(p.country_a_id == country, p.country_b_id == country))
    query = query.where(*([p.stated_on >= since] if since else []), *([p.stated_on <= until] if until else []))
    for r in conn.execution_options(yield_per=PAGE).execute(query):
        pair = (lookups.country_by_id(conn, r.country_a_id).iso3, lookups.country_by_id(conn, r.country_b_id).iso3)
        yield PartnershipRow(r.id, r.stated_on, pair, r.level, _source(r))


def topics(conn: sa.Connection) -> Iterator[TopicRow]:
    """Every known topic with its aliases and how many commitments are on it, by name."""
    t, al, ct = _topics.c, TopicAlias.__table__.c, commitment_topics.c
    aliases: dict[int, list[str]] = {}
    for topic_id, alias in conn.execute(sa.select(al.topic_id, al.alias).order_by(al.alias)):
        aliases.setdefault(topic_id, []).append(alias)
    n = sa.select(sa.func.count()).where(ct.topic_id == t.id).scalar_subquery()
    for r in conn.execute(sa.select(t.id, t.name, t.kind, n.label("n")).order_by(t.name)):
        yield TopicRow(r.name, r.kind, tuple(aliases.get(r.id, ())), r.n)


def countries(conn: sa.Connection, include_all: bool = False) -> Iterator[CountryRow]:
    """Countries with how many calls, commitments and partnerships they have, the busiest first;
    only those with any unless ``include_all``."""
    c, cc, m, p = _countries.c, call_countries.c, _commitments.c, _partnerships.c
    n_calls = sa.select(sa.func.count()).where(cc.country_id == c.id).scalar_subquery()
    n_made = sa.select(sa.func.count()).where(m.actor_id == c.id).scalar_subquery()
    n_partner = (sa.select(sa.func.count()).where(sa.or_(p.country_a_id == c.id, p.country_b_id == c.id))
                 .scalar_subquery())
    inner = sa.select(c.iso3, c.iso2, c.name, n_calls.label("calls"), n_made.label("commitments"),
                      n_partner.label("partnerships")).subquery()
    query = sa.select(inner).order_by(inner.c.calls.desc(), inner.c.commitments.desc(),
                                      inner.c.partnerships.desc(), inner.c.iso3)
    if not include_all:
        query = query.where((inner.c.calls + inner.c.commitments + inner.c.partnerships) > 0)
    for r in conn.execute(query):
        yield CountryRow(r.iso3, r.iso2, r.name, r.calls, r.commitments, r.partnerships)

