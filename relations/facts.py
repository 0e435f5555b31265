"""The extractor's output: small frozen value objects with offsets into the normalised text.

``Facts.to_dict()`` gives the JSON of ``facts.schema.json`` (the shape ``relations extract``
prints). Only the storage layer maps these onto ORM rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the normalised text and its character offsets [start, end)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None
    country: str | None  # ISO3, or None for a non-state party's official
    title: str | None
    organization: str | None = None  # code of a non-state party (UN, EU...) the person acts for
    known: bool = False  # matched to a leader of the reference data

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "country": self.country, "title": self.title}
        if self.organization:
            d["organization"] = self.organization
        if self.known:
            d["known"] = True  # matched to a leader of the reference data
        return d


@dataclass(frozen=True, slots=True)
class Place:
    """Where an in-person meeting took place and on what occasion (``extraction.calls.places``)."""

    city: str | None = None  # as shown: "Samarkand", "Moscow"
    country: str | None = None  # ISO3 of the country the city or venue is in
    venue: str | None = None  # a landmark: "Kremlin", "White House"
    occasion: str | None = None  # "G20 summit", "state visit"
    host: str | None = None  # ISO3: the call's country the place is in; the others visited it

    def to_dict(self) -> dict[str, Any]:
        return {"city": self.city, "country": self.country, "venue": self.venue, "occasion": self.occasion,
                "host": self.host}


@dataclass(frozen=True, slots=True)
class Call:
    medium: str  # phone | video | in_person
    status: str  # held | planned | denied
    date: dt.date | None
    date_text: str | None
    countries: tuple[str, ...]
    participants: tuple[Person, ...]
    initiator: str | None
    evidence: Evidence
    date_precision: str | None = None  # day | week | month, None when date is None
    organizations: tuple[str, ...] = ()
    place: Place | None = None  # in-person meetings only

    def to_dict(self) -> dict[str, Any]:
        return {
            "medium": self.medium,
            "status": self.status,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "countries": list(self.countries),
            "organizations": list(self.organizations),
            "participants": [p.to_dict() for p in self.participants],
            "initiator": self.initiator,
            "place": self.place.to_dict() if self.place else None,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Commitment:
    actor: str | None
    speaker: str | None
    kind: str  # pledge | proposal | agreement | support | opposition
    text: str
    counterparts: tuple[str, ...]
    topics: tuple[str, ...]
    call: int | None
    evidence: Evidence
    text_start: int = 0  # offsets of ``text`` in the normalised text
    text_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "speaker": self.speaker,
            "kind": self.kind,
            "text": self.text,
            "text_start": self.text_start,
            "text_end": self.text_end,
            "counterparts": list(self.counterparts),
            "topics": list(self.topics),
            "call": self.call,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Partnership:
    countries: tuple[str, str]
    level: str
    evidence: Evidence
    upgrade: bool = False  # the sentence says the relationship was raised to this level

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"countries": list(self.countries), "level": self.level}
        if self.upgrade:
            d["upgrade"] = True  # "elevated their ties to ...": shown only when true
        d["evidence"] = self.evidence.to_dict()
        return d


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    published: dt.date | None
    dateline: str | None = None
    dateline_date: dt.date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat() if self.published else None,
            "dateline": self.dateline,
            "dateline_date": self.dateline_date.isoformat() if self.dateline_date else None,
            "source": self.source,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class CountryMention:
    code: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class Facts:
    id: str | None
    article: ArticleInfo
    text: str  # the normalised text every offset points into
    countries: tuple[CountryMention, ...] = ()
    organizations: tuple[str, ...] = ()
    leaders: tuple[Person, ...] = ()
    calls: tuple[Call, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    extractor_version: str = field(default="")
    warnings: tuple[str, ...] = ()  # what could not be read, e.g. a failed reading step

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "article": self.article.to_dict(),
            "countries": [c.to_dict() for c in self.countries],
            "organizations": list(self.organizations),
            "leaders": [p.to_dict() for p in self.leaders],
            "calls": [c.to_dict() for c in self.calls],
            "commitments": [c.to_dict() for c in self.commitments],
            "partnerships": [p.to_dict() for p in self.partnerships],
            "extractor_version": self.extractor_version,
        }
        if self.warnings:
            d["warnings"] = list(self.warnings)
        if include_text:
            d["text"] = self.text
        return d


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"a date must be a YYYY-MM-DD string, not {type(value).__name__}")
    return dt.date.fromisoformat(value[:10])


def _evidence(d: Any) -> Evidence:
    if not isinstance(d, dict):
        raise ValueError("evidence must be an object")
    return Evidence(str(d.get("text") or ""), int(d.get("start") or 0), int(d.get("end") or 0))


def _person(d: Any) -> Person:
    if not isinstance(d, dict):
        raise ValueError("a person must be an object")
    return Person(d.get("name"), d.get("country"), d.get("title"), d.get("organization"), bool(d.get("known", False)))


def _place(d: Any) -> Place | None:
    if d is None:
        return None
    if not isinstance(d, dict):
        raise ValueError("a place must be an object or null")
    return Place(d.get("city"), d.get("country"), d.get("venue"), d.get("occasion"), d.get("host"))


def facts_from_dict(d: dict[str, Any]) -> Facts:
    """Rebuild ``Facts`` from ``Facts.to_dict(include_text=True)`` (what ``relations extract
    --text`` prints, and ``relations load`` reads). Raises ValueError naming what is wrong."""
    if not isinstance(d, dict):
        raise ValueError("a facts record must be a JSON object")
    if not isinstance(d.get("text"), str):
        raise ValueError('a facts record needs the normalised "text" (extract it with --text)')
    a = d.get("article") or {}
    try:
        article = ArticleInfo(_date(a.get("published")), a.get("dateline"), _date(a.get("dateline_date")),
                              a.get("source"), a.get("title"), a.get("url"))
        calls = tuple(
            Call(
                medium=c["medium"], status=c["status"], date=_date(c.get("date")), date_text=c.get("date_text"),
                countries=tuple(c.get("countries") or ()), participants=tuple(_person(p) for p in c.get("participants") or ()),
                initiator=c.get("initiator"), evidence=_evidence(c.get("evidence")), date_precision=c.get("date_precision"),
                organizations=tuple(c.get("organizations") or ()), place=_place(c.get("place")),
            )
            for c in d.get("calls") or ()
        )
        commitments = tuple(
            Commitment(
                actor=m.get("actor"), speaker=m.get("speaker"), kind=m["kind"], text=m.get("text") or "",
                counterparts=tuple(m.get("counterparts") or ()), topics=tuple(m.get("topics") or ()), call=m.get("call"),
                evidence=_evidence(m.get("evidence")), text_start=int(m.get("text_start") or 0),
                text_end=int(m.get("text_end") or 0),
            )
            for m in d.get("commitments") or ()
        )
        partnerships = tuple(
            Partnership(tuple(p["countries"])[:2], p["level"], _evidence(p.get("evidence") or {"text": "", "start": 0, "end": 0}),
                        bool(p.get("upgrade", False)))
            for p in d.get("partnerships") or ()
        )
        return Facts(
            id=d.get("id"), article=article, text=d["text"],
            countries=tuple(CountryMention(c["code"], c.get("name") or c["code"]) for c in d.get("countries") or ()),
            organizations=tuple(d.get("organizations") or ()),
            leaders=tuple(_person(p) for p in d.get("leaders") or ()),
            calls=calls, commitments=commitments, partnerships=partnerships,
            extractor_version=str(d.get("extractor_version") or ""),
            warnings=tuple(d.get("warnings") or ()),
        )
    except (KeyError, TypeError) as e:
        raise ValueError(f"malformed facts record: {type(e).__name__}: {e}") from None
