"""Calls and commitments with everything shown about them, loaded for a chosen set of ids.

The set is a SQL query yielding ids (``Chosen``): the ids of a page of a listing, or the ids of
one pair's events read from a pair table. Each loader runs one query per part (the rows, their
countries, participants, sources...), each joined to that set, so a pair's whole timeline
takes a handful of index range scans and no long ``IN`` lists. Plain SQL on the driver's
cursor (``relations.storage.sql``): building SQLAlchemy statements for every page cost more
than the queries. Callers run the loaders inside one transaction, so the parts agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from .rows import CallRow, CommitmentRow, Participant, Place, Source
from .sql import Cursor

_to_date = Cursor.to_date


class Chosen(NamedTuple):
    """A query that selects one column of ids, and its parameters."""

    sql: str
    params: dict[str, Any]


def by_ids(table: str, ids: Sequence[int]) -> Chosen:
    names = [f"i{n}" for n in range(len(ids))]
    return Chosen(f"SELECT id FROM {table} WHERE id IN ({', '.join(':' + n for n in names) or 'NULL'})",
                  dict(zip(names, ids)))


def by_pair(sql: Cursor, table: str, event_id: str, a: int, b: int, since: dt.date | None,
            until: dt.date | None) -> Chosen:
    """The dated events of one pair (``a`` < ``b``) in a pair table, within [since, until]."""
    where = ["country_a_id = :a", "country_b_id = :b", "date IS NOT NULL"]
    where += ["date >= :since"] if since else []
    where += ["date <= :until"] if until else []
    return Chosen(f"SELECT {event_id} FROM {table} WHERE {' AND '.join(where)}",
                  {"a": a, "b": b, "since": sql.date(since), "until": sql.date(until)})


def _with(chosen: Chosen, query: str) -> str:
    return f"WITH chosen(id) AS ({chosen.sql}) {query}"


def _source(row: Sequence[Any]) -> Source:
    article_id, source, title, url, published, sentence, start, end = row
    return Source(article_id, source, title, url, _to_date(published), sentence, start, end)


_ARTICLE = "a.id, a.source, a.title, a.url, a.published"


class Codes(NamedTuple):
    """ISO3 codes by country id and codes by organization id (``Lookups.codes``): looked up
    here rather than joined in SQL, which saves a B-tree search per row."""

    countries: dict[int, str]
    organizations: dict[int, str]


# The parts are not sorted in SQL: rows are grouped by event here, and each event's few
# participants or sources are put in order in Python.


def load_calls(sql: Cursor, chosen: Chosen, codes: Codes) -> dict[int, CallRow]:
    """The chosen calls by id, with countries, participants and sources."""
    p, iso3, org = chosen.params, codes.countries, codes.organizations
    countries: dict[int, list[str]] = {}
    for call_id, country_id in sql.all(_with(chosen, "SELECT cc.call_id, cc.country_id FROM chosen "
                                                     "JOIN call_countries cc ON cc.call_id = chosen.id"), p):
        countries.setdefault(call_id, []).append(iso3[country_id])
    people: dict[int, list[Participant]] = {}
    for call_id, name, title, country_id, org_id, leader_id in sql.all(_with(chosen, (
            "SELECT pp.call_id, coalesce(l.name, pp.name), pp.title, pp.country_id, pp.organization_id, pp.leader_id "
            "FROM chosen JOIN call_participants pp ON pp.call_id = chosen.id "
            "LEFT JOIN leaders l ON l.id = pp.leader_id")), p):
        people.setdefault(call_id, []).append(Participant(name, title, iso3.get(country_id), org.get(org_id),
                                                          leader_id))
    sources: dict[int, list[Source]] = {}
    for call_id, *source in sql.all(_with(chosen, (
            f'SELECT s.call_id, {_ARTICLE}, s.sentence, s.start, s."end" FROM chosen '
            "JOIN call_sources s ON s.call_id = chosen.id JOIN articles a ON a.id = s.article_id")), p):
        sources.setdefault(call_id, []).append(_source(source))
    out = {}
    for call_id, date, precision, medium, status, initiator, key, city, venue, country, occasion, host in sql.all(
            _with(chosen, ("SELECT c.id, c.date, c.date_precision, c.medium, c.status, c.initiator_id, c.key, "
                           "c.place_city, c.place_venue, c.place_country_id, c.occasion, c.host_country_id FROM chosen "
                           "JOIN calls c ON c.id = chosen.id")), p):
        place = (Place(city, venue, iso3.get(country), occasion, iso3.get(host))
                 if city or venue or country or occasion else None)
        out[call_id] = CallRow(call_id, _to_date(date), precision, medium, status,
                               tuple(sorted(countries.get(call_id, ()))), iso3.get(initiator),
                               _in_order(people.get(call_id), _by_party), _in_order(sources.get(call_id), _by_place),
                               key, place)
    return out


def _by_party(p: Participant) -> tuple[str, str]:
    return (p.country or p.organization or "", p.name or "")


def _by_place(s: Source) -> tuple[int, int]:
    return (s.article_id, s.start or 0)


def _in_order(items: list[Any] | None, key: Any) -> tuple[Any, ...]:
    if not items:
        return ()
    return tuple(items) if len(items) == 1 else tuple(sorted(items, key=key))


def load_commitments(sql: Cursor, chosen: Chosen, codes: Codes) -> dict[int, CommitmentRow]:
    """The chosen commitments by id, with counterparts, topics and their source."""
    p, iso3 = chosen.params, codes.countries
    counterparts: dict[int, list[str]] = {}
    for commitment_id, country_id in sql.all(_with(chosen, (
            "SELECT cc.commitment_id, cc.country_id FROM chosen "
            "JOIN commitment_counterparts cc ON cc.commitment_id = chosen.id")), p):
        counterparts.setdefault(commitment_id, []).append(iso3[country_id])
    topics: dict[int, list[str]] = {}
    for commitment_id, name in sql.all(_with(chosen, (
            "SELECT ct.commitment_id, t.name FROM chosen JOIN commitment_topics ct ON ct.commitment_id = chosen.id "
            "JOIN topics t ON t.id = ct.topic_id")), p):
        topics.setdefault(commitment_id, []).append(name)
    out = {}
    for row in sql.all(_with(chosen, (
            "SELECT m.id, m.date, m.kind, m.actor_id, coalesce(l.name, m.speaker_name), m.text, m.call_id, "
            f'm.text_start, m.text_end, m.key, {_ARTICLE}, m.sentence, m.start, m."end" FROM chosen '
            "JOIN commitments m ON m.id = chosen.id JOIN articles a ON a.id = m.article_id "
            "LEFT JOIN leaders l ON l.id = m.speaker_id")), p):
        commitment_id, date, kind, actor, speaker, text, call_id, text_start, text_end, key = row[:10]
        out[commitment_id] = CommitmentRow(commitment_id, _to_date(date), kind, iso3.get(actor), speaker, text,
                                           tuple(sorted(counterparts.get(commitment_id, ()))),
                                           tuple(sorted(topics.get(commitment_id, ()))), call_id, _source(row[10:]),
                                           text_start, text_end, key)
    return out
