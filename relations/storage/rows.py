"""Typed rows that queries return: small immutable values, each with ``to_dict()`` for output.

They are read-only snapshots, detached from any session: a caller can keep them after the
database is closed. They are named tuples rather than frozen dataclasses because a timeline
builds thousands of them and a frozen dataclass costs several times more to build.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _to_dict(row: Any) -> dict[str, Any]:
    out = {name: _plain(value) for name, value in zip(row._fields, row)}
    if "key" in out:  # a fact's key goes beside its id (it is the last field, for those who build rows)
        out = {"id": out.pop("id"), "key": out.pop("key"), **out}
    return out


class Participant(NamedTuple):
    name: str | None
    title: str | None
    country: str | None  # ISO3
    organization: str | None  # code of a non-state party
    leader_id: int | None

    def __str__(self) -> str:
        party = ", ".join(x for x in (self.country or self.organization, self.title) if x)
        return f"{self.name or 'unnamed'} ({party})" if party else (self.name or "unnamed")

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class Source(NamedTuple):
    """An article, and the sentence [start, end) of its text that supports a fact."""

    article_id: int
    source: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None

    def __str__(self) -> str:
        return self.source or self.title or f"article {self.article_id}"

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class Place(NamedTuple):
    """Where an in-person meeting took place, and on what occasion (migration 0012)."""

    city: str | None
    venue: str | None  # a landmark: "Kremlin"
    country: str | None  # ISO3
    occasion: str | None  # "G20 summit", "state visit"
    host: str | None  # ISO3 of the call's country the place is in; the others visited it

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.venue, self.city, self.country) if x)
        if self.occasion:
            return f"{where} ({self.occasion})" if where else self.occasion
        return where

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class CallRow(NamedTuple):
    id: int
    date: dt.date | None
    date_precision: str | None
    medium: str
    status: str
    countries: tuple[str, ...]
    initiator: str | None
    participants: tuple[Participant, ...]
    sources: tuple[Source, ...]
    key: str | None = None  # stable across ``relations reprocess`` (relations.storage.keys)
    place: Place | None = None  # in-person meetings whose place the articles tell

    @property
    def visitors(self) -> tuple[str, ...]:
        """The call's countries other than its host (none when no host is known)."""
        host = self.place.host if self.place else None
        return tuple(c for c in self.countries if c != host) if host else ()

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class CommitmentRow(NamedTuple):
    id: int
    date: dt.date | None
    kind: str
    actor: str | None
    speaker: str | None
    text: str
    counterparts: tuple[str, ...]
    topics: tuple[str, ...]
    call_id: int | None
    source: Source
    text_start: int
    text_end: int
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class PartnershipRow(NamedTuple):
    id: int
    date: dt.date | None  # the day it was stated
    countries: tuple[str, str]
    level: str
    source: Source
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class TimelineEvent(NamedTuple):
    """One dated event of a pair: a call, a commitment, or a partnership stated."""

    date: dt.date
    event: str  # call | commitment | partnership
    item: CallRow | CommitmentRow | PartnershipRow

    @property
    def id(self) -> int:
        return self.item.id

    def to_dict(self) -> dict[str, Any]:
        d = self.item.to_dict()
        d.pop("date", None)
        return {"date": self.date.isoformat(), "event": self.event, **d}


class LeaderRow(NamedTuple):
    id: int
    name: str
    country: str | None
    organization: str | None
    calls: int  # calls taken part in
    articles: int  # articles mentioning the leader
    first_seen: dt.date | None
    last_seen: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class ArticleRow(NamedTuple):
    id: int
    external_id: str | None
    source: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    dateline: str | None
    dateline_date: dt.date | None
    extractor_version: str
    ingested_at: dt.datetime | None
    calls: tuple[CallRow, ...]
    commitments: tuple[CommitmentRow, ...]
    partnerships: tuple[PartnershipRow, ...]
    text: str | None = None
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


class SearchHit(NamedTuple):
    kind: str  # article | commitment
    id: int
    date: dt.date | None
    title: str | None  # the article's title or source; the commitment's actor and kind
    snippet: str
    article_id: int

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)
