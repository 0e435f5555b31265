"""Typed rows that queries return: small frozen values, each with ``to_dict()`` for output.

They are read-only snapshots, detached from any session: a caller can keep them after the
database is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


class _Row:
    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Participant(_Row):
    name: str | None
    title: str | None
    country: str | None  # ISO3
    organization: str | None  # code of a non-state party
    leader_id: int | None

    def __str__(self) -> str:
        party = ", ".join(x for x in (self.country or self.organization, self.title) if x)
        return f"{self.name or 'unnamed'} ({party})" if party else (self.name or "unnamed")


@dataclass(frozen=True, slots=True)
class Source(_Row):
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


@dataclass(frozen=True, slots=True)
class CallRow(_Row):
    id: int
    date: dt.date | None
    date_precision: str | None
    medium: str
    status: str
    countries: tuple[str, ...]
    initiator: str | None
    participants: tuple[Participant, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class CommitmentRow(_Row):
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


@dataclass(frozen=True, slots=True)
class PartnershipRow(_Row):
    id: int
    date: dt.date | None  # the day it was stated
    countries: tuple[str, str]
    level: str
    source: Source


@dataclass(frozen=True, slots=True)
class TimelineEvent(_Row):
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


@dataclass(frozen=True, slots=True)
class LeaderRow(_Row):
    id: int
    name: str
    country: str | None
    organization: str | None
    calls: int  # calls taken part in
    articles: int  # articles mentioning the leader
    first_seen: dt.date | None
    last_seen: dt.date | None


@dataclass(frozen=True, slots=True)
class ArticleRow(_Row):
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


@dataclass(frozen=True, slots=True)
class SearchHit(_Row):
    kind: str  # article | commitment
    id: int
    date: dt.date | None
    title: str | None  # the article's title or source; the commitment's actor and kind
    snippet: str
    article_id: int
