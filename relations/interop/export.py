"""Stored facts as event records for the event datasets: the rows ``relations export`` writes in
ICEWS's CAMEO layout (``ICEWS_COLUMNS``, tab-separated) or as PLOVER JSON lines
(``PLOVER_FIELDS``, the PLOVER manual's JSON field names).

A record is one call, commitment or partnership upgrade that has interop codes (``codes``) and a
date; undated ones are counted in ``Export.undated`` and left out (both layouts need a date).
Who acts on whom follows each codebook: CAMEO codes a meeting, a call or an upgrade of relations
as reciprocal events, one row per ordered pair of its countries, and a commitment from its actor
to each counterpart; PLOVER lists every party of a consultation as a source with no recipient,
and a commitment's actor as source with its counterparts as recipients.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import sqlalchemy as sa

from .. import __version__
from ..storage import listings, queries
from ..storage.lookups import Lookups
from ..storage.rows import Source
from .codes import Codes, codes_of

# ICEWS coded event data (Harvard Dataverse, doi:10.7910/DVN/28075), the columns of its
# tab-separated event files, in order.
ICEWS_COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")

# The PLOVER manual (draft 0.7b1), chapter "JSON Data Fields": the record's fields; the first four
# are required. Records written here use these names only.
PLOVER_REQUIRED = ("id", "date", "source", "event")
PLOVER_FIELDS = ("id", "has_event", "date", "time", "enddate", "endtime", "source", "recipient", "event",
                 "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
                 "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment")
PLOVER_ACTOR_FIELDS = ("code", "sector", "actor_text", "identifier_id", "identifier_text", "actor_loc", "religion",
                       "ethnicity", "office", "gender", "age")
CODEBOOK = "PLOVER draft 0.7b1 and CAMEO 1.1b3, mapped by relations/lexicon/event_codes.tsv"


class Actor(NamedTuple):
    code: str  # ISO3
    country: str  # the country's name
    name: str | None = None  # the person acting for it, when known
    title: str | None = None


class EventRecord(NamedTuple):
    fact: str  # call | commitment | partnership
    fact_id: int
    key: str
    date: dt.date
    detail: str  # "phone held", "pledge", "upgrade"
    codes: Codes
    sources: tuple[Actor, ...]
    recipients: tuple[Actor, ...]  # empty for reciprocal events
    evidence: Source
    article_key: str | None
    link: str | None  # the key of the call a commitment was made in (a call: its own)

    @property
    def reciprocal(self) -> bool:
        return not self.recipients


@dataclass
class Export:
    """The records of one export; ``undated`` counts the coded facts left out for want of a date
    once the records have been read."""

    records: Iterator[EventRecord]
    undated: dict[str, int] = field(default_factory=dict)


def events(conn: sa.Connection, lookups: Lookups, country: int | None, since: dt.date | None,
           until: dt.date | None, undated: dict[str, int]) -> Iterator[EventRecord]:
    """The coded facts involving ``country`` (every one when None), by date, then calls,
    commitments, partnerships, then id."""
    names = {r.iso3: r.name for r in conn.execute(sa.text("SELECT iso3, name FROM countries"))}
    cache: dict[tuple[str, int], str | None] = {}

    def key_of(table: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        if (table, row_id) not in cache:
            cache[table, row_id] = conn.execute(sa.text(f"SELECT key FROM {table} WHERE id = :i"),
                                                {"i": row_id}).scalar()
        return cache[table, row_id]

    def actor(iso3: str, name: str | None = None, title: str | None = None) -> Actor:
        return Actor(iso3, names.get(iso3, iso3), name, title)

    def calls() -> Iterator[EventRecord]:
        for c in queries.calls(conn, lookups, [country] if country else [], since=since, until=until):
            codes = codes_of("call", c.medium, c.status)
            if codes is None or not c.sources:
                continue
            if c.date is None:
                undated["call"] = undated.get("call", 0) + 1
                continue
            people = {}
            for p in c.participants:
                if p.country and p.name and p.country not in people:
                    people[p.country] = p
            sources = tuple(actor(k, getattr(people.get(k), "name", None), getattr(people.get(k), "title", None))
                            for k in c.countries)
            yield EventRecord("call", c.id, c.key or "", c.date, f"{c.medium} {c.status}", codes, sources, (),
                              c.sources[0], key_of("articles", c.sources[0].article_id), c.key)

    def commitments() -> Iterator[EventRecord]:
        for m in queries.commitments(conn, lookups, country, since=since, until=until):
            codes = codes_of("commitment", m.kind, text=m.text)
            if codes is None or m.actor is None:
                continue
            if m.date is None:
                undated["commitment"] = undated.get("commitment", 0) + 1
                continue
            yield EventRecord("commitment", m.id, m.key or "", m.date, m.kind, codes, (actor(m.actor, m.speaker),),
                              tuple(actor(k) for k in m.counterparts), m.source,
                              key_of("articles", m.source.article_id), key_of("calls", m.call_id))

    def upgrades() -> Iterator[EventRecord]:
        raised = set(conn.execute(sa.text("SELECT id FROM partnerships WHERE upgrade")).scalars())
        for p in listings.partnerships(conn, lookups, country, since, until):
            codes = codes_of("partnership", "upgrade")
            if p.id not in raised or codes is None:
                continue
            if p.date is None:
                undated["partnership"] = undated.get("partnership", 0) + 1
                continue
            yield EventRecord("partnership", p.id, p.key or "", p.date, "upgrade", codes,
                              tuple(actor(k) for k in p.countries), (), p.source,
                              key_of("articles", p.source.article_id), None)

    order = {"call": 0, "commitment": 1, "partnership": 2}
    yield from heapq.merge(calls(), commitments(), upgrades(), key=lambda r: (r.date, order[r.fact], r.fact_id))


# -- the two layouts --------------------------------------------------------------------------------

def icews_rows(record: EventRecord) -> Iterator[tuple[Any, ...]]:
    """The record as rows of ``ICEWS_COLUMNS``: a reciprocal event once per ordered pair of its
    parties, a directed one once per recipient (or once with no target). Sentence number and place
    are not stored and stay empty."""
    if record.reciprocal:
        pairs = [(a, b) for a in record.sources for b in record.sources if a.code != b.code]
    else:
        pairs = [(a, b) for a in record.sources for b in (record.recipients or (None,))]
    ev = record.evidence
    for a, b in pairs:
        yield (f"{record.key}:{a.code}:{b.code if b else ''}", record.date.isoformat(), *_icews_actor(a),
               record.codes.cameo_name, record.codes.cameo, f"{record.codes.goldstein:.1f}", *_icews_actor(b),
               ev.article_id, "", ev.source or "", "", "", "", "", "", "")


def _icews_actor(a: Actor | None) -> tuple[str, str, str]:
    if a is None:
        return ("", "", "")
    return (a.name or a.country, "Government" if a.name else "", a.country)


def plover_record(record: EventRecord) -> dict[str, Any]:
    """The record as one PLOVER JSON object (field names of ``PLOVER_FIELDS``)."""
    ev, c = record.evidence, record.codes
    cite = {"citation": record.article_key, "url": ev.url, "title": ev.title, "publication": ev.source,
            "language": "en", "codebook": CODEBOOK}
    return {
        "id": record.key,
        "date": record.date.isoformat(),
        "source": [_plover_actor(a) for a in record.sources],
        "recipient": [_plover_actor(a) for a in record.recipients],
        "event": list(c.plover_event),
        "mode": list(c.plover_mode),
        "context": list(c.plover_context),
        "quad_code": c.plover_quad,
        "event_scale": c.plover_scale,
        "event_text": [ev.sentence] if ev.sentence else [],
        "text_info": {"start": ev.start, "end": ev.end},
        "cite_info": {k: v for k, v in cite.items() if v is not None},
        "link": record.link,
        "coder": f"relations {__version__}",
        "comment": f"{record.fact} {record.detail}; CAMEO {c.cameo} ({c.cameo_name})",
    }


def _plover_actor(a: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"code": a.code}
    if a.name:
        out.update(sector="GOV", actor_text=a.name)
    if a.title:
        out["office"] = a.title
    return out
