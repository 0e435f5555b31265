"""Articles and what was read from them: calls, their participants and sources, commitments,
partnerships, and the leaders an article mentions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enumerations import CALL_MEDIA, CALL_STATUSES, COMMITMENT_KINDS, DATE_PRECISIONS
from .base import Base, FactKey, IntPK, LongText, Name, Offset, _at_most_one_party, _fk, _span, one_of
from .links import call_countries, commitment_counterparts, commitment_topics

if TYPE_CHECKING:
    from .reference import Country, Leader, Organization, Topic


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (CheckConstraint("length(content_hash) = 64", name="content_hash"),)

    id: Mapped[IntPK]
    key: Mapped[FactKey]  # content_hash when first stored; kept when the article is read again
    external_id: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of ``text``
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    source: Mapped[Name | None]
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    dateline: Mapped[Name | None]
    dateline_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[LongText]  # the normalised text: every offset points into it
    # The text as it was given (revision 0003), so that ``relations reprocess`` can read it
    # again with a newer extractor; null for articles stored before 0003 (``text`` is used).
    raw_text: Mapped[str | None] = mapped_column(Text)
    raw_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # sha256 hex of raw_text
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    extractor_version: Mapped[str] = mapped_column(String(64))

    call_sources: Mapped[list[CallSource]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    partnerships: Mapped[list[Partnership]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    leader_mentions: Mapped[list[ArticleLeader]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class ArticleLeader(Base):
    """A leader the article mentions, with the name and title as the article gives them."""

    __tablename__ = "article_leaders"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leaders.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    name: Mapped[Name | None]
    title: Mapped[Name | None]

    article: Mapped[Article] = relationship(back_populates="leader_mentions")
    leader: Mapped[Leader] = relationship(back_populates="article_mentions")


class Call(Base):
    """A phone call, video call or meeting between officials of two or more countries."""

    __tablename__ = "calls"
    __table_args__ = (
        one_of("medium", CALL_MEDIA),
        one_of("status", CALL_STATUSES),
        one_of("date_precision", DATE_PRECISIONS),
    )

    id: Mapped[IntPK]
    key: Mapped[FactKey]  # countries, medium, day, status (see relations.storage.keys)
    medium: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[Name | None]
    initiator_id: Mapped[int | None] = _fk("countries.id", index=True, nullable=True)
    # where an in-person meeting took place and on what occasion (migration 0012)
    place_city: Mapped[Name | None]
    place_venue: Mapped[Name | None]
    place_country_id: Mapped[int | None] = _fk("countries.id", index=True, nullable=True)
    occasion: Mapped[Name | None]
    host_country_id: Mapped[int | None] = _fk("countries.id", nullable=True)
    place_key: Mapped[Name | None]  # city, venue and occasion folded, for ``calls --place``

    initiator: Mapped[Country | None] = relationship(foreign_keys=[initiator_id])
    place_country: Mapped[Country | None] = relationship(foreign_keys=[place_country_id])
    host_country: Mapped[Country | None] = relationship(foreign_keys=[host_country_id])
    countries: Mapped[list[Country]] = relationship(
        secondary=call_countries, back_populates="calls", order_by="Country.iso3"
    )
    participants: Mapped[list[CallParticipant]] = relationship(
        back_populates="call", cascade="all, delete-orphan", passive_deletes=True
    )
    sources: Mapped[list[CallSource]] = relationship(
        back_populates="call", cascade="all, delete-orphan", passive_deletes=True
    )
    commitments: Mapped[list[Commitment]] = relationship(back_populates="call")


class CallParticipant(Base):
    """A person on a call, with name and title as reported, and who they are if known."""

    __tablename__ = "call_participants"
    __table_args__ = (_at_most_one_party(),)

    id: Mapped[IntPK]
    call_id: Mapped[int] = _fk("calls.id", ondelete="CASCADE", index=True)
    leader_id: Mapped[int | None] = _fk("leaders.id", ondelete="SET NULL", index=True, nullable=True)
    country_id: Mapped[int | None] = _fk("countries.id", nullable=True)
    organization_id: Mapped[int | None] = _fk("organizations.id", nullable=True)
    name: Mapped[Name | None]
    title: Mapped[Name | None]

    call: Mapped[Call] = relationship(back_populates="participants")
    leader: Mapped[Leader | None] = relationship(back_populates="call_participations")
    country: Mapped[Country | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class CallSource(Base):
    """An article reporting a call, and the sentence [start, end) of its text that does."""

    __tablename__ = "call_sources"
    __table_args__ = (UniqueConstraint("call_id", "article_id", "start"), _span())

    id: Mapped[IntPK]
    call_id: Mapped[int] = _fk("calls.id", ondelete="CASCADE")
    article_id: Mapped[int] = _fk("articles.id", ondelete="CASCADE", index=True)
    sentence: Mapped[LongText]
    start: Mapped[Offset]
    end: Mapped[Offset]
    date_text: Mapped[Name | None]

    call: Mapped[Call] = relationship(back_populates="sources")
    article: Mapped[Article] = relationship(back_populates="call_sources")


class Commitment(Base):
    """A statement about the future course of a country, as one article reports it."""

    __tablename__ = "commitments"
    __table_args__ = (
        Index("ix_commitments_actor_id_date", "actor_id", "date"),
        Index("ix_commitments_kind_date", "kind", "date"),
        one_of("kind", COMMITMENT_KINDS),
        _span(),
        _span("text_start", "text_end", name="text_span"),
    )

    id: Mapped[IntPK]
    key: Mapped[FactKey]  # article, kind, actor, folded text, repeat (see relations.storage.keys)
    article_id: Mapped[int] = _fk("articles.id", ondelete="CASCADE", index=True)
    call_id: Mapped[int | None] = _fk("calls.id", ondelete="SET NULL", index=True, nullable=True)
    actor_id: Mapped[int | None] = _fk("countries.id", nullable=True)
    speaker_id: Mapped[int | None] = _fk("leaders.id", ondelete="SET NULL", index=True, nullable=True)
    speaker_name: Mapped[Name | None]
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[LongText]
    date: Mapped[dt.date | None] = mapped_column(Date)
    sentence: Mapped[LongText]
    start: Mapped[Offset]
    end: Mapped[Offset]
    text_start: Mapped[Offset]
    text_end: Mapped[Offset]

    article: Mapped[Article] = relationship(back_populates="commitments")
    call: Mapped[Call | None] = relationship(back_populates="commitments")
    actor: Mapped[Country | None] = relationship(back_populates="commitments")
    speaker: Mapped[Leader | None] = relationship(back_populates="commitments")
    counterparts: Mapped[list[Country]] = relationship(
        secondary=commitment_counterparts, back_populates="counterpart_in", order_by="Country.iso3"
    )
    topics: Mapped[list[Topic]] = relationship(
        secondary=commitment_topics, back_populates="commitments", order_by="Topic.name"
    )


class Partnership(Base):
    """A named level of relationship between two countries, stated in an article.

    The pair is stored in a fixed order, the smaller ISO3 code first: build one with
    :meth:`Partnership.between`.
    """

    __tablename__ = "partnerships"
    __table_args__ = (
        UniqueConstraint("article_id", "country_a_id", "country_b_id", "level"),
        Index("ix_partnerships_country_a_id_country_b_id_stated_on", "country_a_id", "country_b_id", "stated_on"),
        CheckConstraint("country_a_id <> country_b_id", name="two_countries"),
        CheckConstraint("level = lower(level)", name="level_lower_case"),
        _span(),
    )

    id: Mapped[IntPK]
    key: Mapped[FactKey]  # article, pair, level (see relations.storage.keys)
    country_a_id: Mapped[int] = _fk("countries.id")
    country_b_id: Mapped[int] = _fk("countries.id", index=True)
    level: Mapped[Name]
    stated_on: Mapped[dt.date | None] = mapped_column(Date)
    # the sentence says ties were raised to this level ("elevated to ..."): migration 0010
    upgrade: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    article_id: Mapped[int] = _fk("articles.id", ondelete="CASCADE")
    sentence: Mapped[LongText]
    start: Mapped[Offset]
    end: Mapped[Offset]

    country_a: Mapped[Country] = relationship(foreign_keys=[country_a_id])
    country_b: Mapped[Country] = relationship(foreign_keys=[country_b_id])
    article: Mapped[Article] = relationship(back_populates="partnerships")

    @classmethod
    def between(cls, one: Country, other: Country, **fields: Any) -> Partnership:
        """A partnership of ``one`` and ``other`` stored in the canonical order (smaller ISO3 first)."""
        a, b = sorted((one, other), key=lambda c: c.iso3)
        return cls(country_a=a, country_b=b, **fields)

