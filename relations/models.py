"""The database schema as typed SQLAlchemy models.

Reference data (countries, organizations, leaders and their terms, topics, all with their
aliases) is loaded by :mod:`relations.seeding`; articles and what was read from them (calls,
commitments, partnerships, the leaders an article mentions) by the storage layer. Deleting an
article deletes what was derived only from it. See ``docs/schema.md``.

Migrations (``migrations/versions``) are the only way a schema is made; a test checks that
they and these models never drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from .folding import fold

# Every constraint gets a stable name, so that SQLite batch migrations can drop it by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ALIAS_KINDS = ("name", "demonym", "capital", "abbreviation", "former")
ORGANIZATION_KINDS = ("union", "alliance", "un", "bloc", "group", "other")
TERM_SOURCES = ("seed", "article")
CALL_MEDIA = ("phone", "video", "in_person")
CALL_STATUSES = ("held", "planned", "denied")
DATE_PRECISIONS = ("day", "week", "month")
COMMITMENT_KINDS = ("pledge", "proposal", "agreement", "support", "opposition")
TOPIC_KINDS = ("field", "initiative")


def _folded(source: str) -> Any:
    """A column default computing the key of ``source`` (for Core and bulk inserts)."""

    def default(context: DefaultExecutionContext) -> str | None:
        value = context.get_current_parameters().get(source)
        return None if value is None else fold(value)

    return default


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A named CHECK that ``column`` holds one of ``values`` (portable stand-in for an enum)."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


def _span(start: str = "start", end: str = "end", name: str = "span") -> CheckConstraint:
    """A named CHECK that [start, end) is a valid span of offsets."""
    return CheckConstraint(f'"{start}" >= 0 AND "{end}" >= "{start}"', name=name)


def _at_most_one_party() -> CheckConstraint:
    return CheckConstraint("country_id IS NULL OR organization_id IS NULL", name="one_party")


# Reusable column types.
IntPK = Annotated[int, mapped_column(Integer, primary_key=True)]
Code = Annotated[str, mapped_column(String(16))]
Name = Annotated[str, mapped_column(String(300))]
LongText = Annotated[str, mapped_column(Text)]
Offset = Annotated[int, mapped_column(Integer)]
# A fact's stable key (revision 0007, ``relations.storage.keys``): unique, derived from its content.
FactKey = Annotated[str, mapped_column(String(80), unique=True)]


def _fk(target: str, *, ondelete: str | None = None, index: bool = False, nullable: bool = False) -> Any:
    return mapped_column(ForeignKey(target, ondelete=ondelete), index=index, nullable=nullable)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- association tables without data of their own -------------------------------------------

call_countries = Table(
    "call_countries",
    Base.metadata,
    Column("call_id", ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("country_id", ForeignKey("countries.id"), primary_key=True),
    Index("ix_call_countries_country_id_call_id", "country_id", "call_id"),
)

commitment_counterparts = Table(
    "commitment_counterparts",
    Base.metadata,
    Column("commitment_id", ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True),
    Column("country_id", ForeignKey("countries.id"), primary_key=True),
    Index("ix_commitment_counterparts_country_id_commitment_id", "country_id", "commitment_id"),
)

commitment_topics = Table(
    "commitment_topics",
    Base.metadata,
    Column("commitment_id", ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_commitment_topics_topic_id_commitment_id", "topic_id", "commitment_id"),
)

# Pair indexes for the timeline (revision 0003): one row per unordered pair of countries of a
# call, or of a commitment's actor and each counterpart, the smaller country id first, with
# the event's date copied in. The index (pair, date, event id) covers the query, so "every
# event of CHN and BLR since 2020" is one index range scan however many calls the database
# holds. The storage layer writes these rows with the event; they go with it (CASCADE).

call_pairs = Table(
    "call_pairs",
    Base.metadata,
    Column("call_id", ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("country_a_id", ForeignKey("countries.id"), primary_key=True),
    Column("country_b_id", ForeignKey("countries.id"), primary_key=True),
    Column("date", Date),
    Index("ix_call_pairs_pair_date", "country_a_id", "country_b_id", "date", "call_id"),
    CheckConstraint("country_a_id < country_b_id", name="ordered"),
)

commitment_pairs = Table(
    "commitment_pairs",
    Base.metadata,
    Column("commitment_id", ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True),
    Column("country_a_id", ForeignKey("countries.id"), primary_key=True),
    Column("country_b_id", ForeignKey("countries.id"), primary_key=True),
    Column("date", Date),
    Index("ix_commitment_pairs_pair_date", "country_a_id", "country_b_id", "date", "commitment_id"),
    CheckConstraint("country_a_id < country_b_id", name="ordered"),
)


# --- reference data ------------------------------------------------------------------------


class Country(Base):
    __tablename__ = "countries"

    id: Mapped[IntPK]
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[Name]
    official_name: Mapped[Name | None]

    aliases: Mapped[list[CountryAlias]] = relationship(
        back_populates="country", cascade="all, delete-orphan", passive_deletes=True
    )
    leaders: Mapped[list[Leader]] = relationship(back_populates="country")
    calls: Mapped[list[Call]] = relationship(secondary=call_countries, back_populates="countries")
    commitments: Mapped[list[Commitment]] = relationship(back_populates="actor")
    counterpart_in: Mapped[list[Commitment]] = relationship(
        secondary=commitment_counterparts, back_populates="counterparts"
    )

    def __repr__(self) -> str:
        return f"<Country {self.iso3}>"


class CountryAlias(Base):
    __tablename__ = "country_aliases"
    __table_args__ = (
        UniqueConstraint("country_id", "kind", "alias"),
        one_of("kind", ALIAS_KINDS),
    )

    id: Mapped[IntPK]
    country_id: Mapped[int] = _fk("countries.id", ondelete="CASCADE")
    alias: Mapped[Name]
    alias_key: Mapped[Name] = mapped_column(index=True, default=_folded("alias"))
    kind: Mapped[str] = mapped_column(String(16))

    country: Mapped[Country] = relationship(back_populates="aliases")

    @validates("alias")
    def _set_key(self, _key: str, alias: str) -> str:
        self.alias_key = fold(alias)
        return alias


class Organization(Base):
    """A non-state party: the EU, NATO, the UN, the African Union..."""

    __tablename__ = "organizations"
    __table_args__ = (one_of("kind", ORGANIZATION_KINDS),)

    id: Mapped[IntPK]
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    kind: Mapped[str] = mapped_column(String(16))

    aliases: Mapped[list[OrganizationAlias]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", passive_deletes=True
    )
    leaders: Mapped[list[Leader]] = relationship(back_populates="organization")

    def __repr__(self) -> str:
        return f"<Organization {self.code}>"


class OrganizationAlias(Base):
    __tablename__ = "organization_aliases"
    __table_args__ = (UniqueConstraint("organization_id", "alias"),)

    id: Mapped[IntPK]
    organization_id: Mapped[int] = _fk("organizations.id", ondelete="CASCADE")
    alias: Mapped[Name]
    alias_key: Mapped[Name] = mapped_column(index=True, default=_folded("alias"))

    organization: Mapped[Organization] = relationship(back_populates="aliases")

    @validates("alias")
    def _set_key(self, _key: str, alias: str) -> str:
        self.alias_key = fold(alias)
        return alias


class Leader(Base):
    """A person who speaks or acts for a country (or a non-state party)."""

    __tablename__ = "leaders"
    __table_args__ = (
        UniqueConstraint("name_key", "country_id"),
        UniqueConstraint("name_key", "organization_id"),
        _at_most_one_party(),
    )

    id: Mapped[IntPK]
    name: Mapped[Name]
    name_key: Mapped[Name] = mapped_column(default=_folded("name"))
    country_id: Mapped[int | None] = _fk("countries.id", index=True, nullable=True)
    organization_id: Mapped[int | None] = _fk("organizations.id", index=True, nullable=True)

    country: Mapped[Country | None] = relationship(back_populates="leaders")
    organization: Mapped[Organization | None] = relationship(back_populates="leaders")
    aliases: Mapped[list[LeaderAlias]] = relationship(
        back_populates="leader", cascade="all, delete-orphan", passive_deletes=True
    )
    terms: Mapped[list[Term]] = relationship(
        back_populates="leader", cascade="all, delete-orphan", passive_deletes=True, order_by="Term.start_date"
    )
    call_participations: Mapped[list[CallParticipant]] = relationship(back_populates="leader")
    commitments: Mapped[list[Commitment]] = relationship(back_populates="speaker")
    article_mentions: Mapped[list[ArticleLeader]] = relationship(
        back_populates="leader", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name")
    def _set_key(self, _key: str, name: str) -> str:
        self.name_key = fold(name)
        return name

    def __repr__(self) -> str:
        return f"<Leader {self.name!r}>"


class LeaderAlias(Base):
    __tablename__ = "leader_aliases"
    __table_args__ = (UniqueConstraint("leader_id", "alias"),)

    id: Mapped[IntPK]
    leader_id: Mapped[int] = _fk("leaders.id", ondelete="CASCADE")
    alias: Mapped[Name]
    alias_key: Mapped[Name] = mapped_column(index=True, default=_folded("alias"))

    leader: Mapped[Leader] = relationship(back_populates="aliases")

    @validates("alias")
    def _set_key(self, _key: str, alias: str) -> str:
        self.alias_key = fold(alias)
        return alias


class Term(Base):
    """One term of office: from the reference data (``seed``) or read in an article."""

    __tablename__ = "terms"
    __table_args__ = (
        Index("ix_terms_country_id_start_date", "country_id", "start_date"),
        one_of("source", TERM_SOURCES),
        _at_most_one_party(),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    id: Mapped[IntPK]
    leader_id: Mapped[int] = _fk("leaders.id", ondelete="CASCADE", index=True)
    country_id: Mapped[int | None] = _fk("countries.id", nullable=True)
    organization_id: Mapped[int | None] = _fk("organizations.id", index=True, nullable=True)
    office: Mapped[Name]
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16), default="seed", server_default="seed")

    leader: Mapped[Leader] = relationship(back_populates="terms")
    country: Mapped[Country | None] = relationship()
    organization: Mapped[Organization | None] = relationship()


class Topic(Base):
    """A field (trade, energy) or a named initiative (the Belt and Road Initiative)."""

    __tablename__ = "topics"
    __table_args__ = (one_of("kind", TOPIC_KINDS),)

    id: Mapped[IntPK]
    name: Mapped[Name] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16))

    aliases: Mapped[list[TopicAlias]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", passive_deletes=True
    )
    commitments: Mapped[list[Commitment]] = relationship(secondary=commitment_topics, back_populates="topics")


class TopicAlias(Base):
    __tablename__ = "topic_aliases"

    id: Mapped[IntPK]
    topic_id: Mapped[int] = _fk("topics.id", ondelete="CASCADE", index=True)
    alias: Mapped[Name] = mapped_column(unique=True)
    alias_key: Mapped[Name] = mapped_column(index=True, default=_folded("alias"))

    topic: Mapped[Topic] = relationship(back_populates="aliases")

    @validates("alias")
    def _set_key(self, _key: str, alias: str) -> str:
        self.alias_key = fold(alias)
        return alias


# --- articles and what was read from them --------------------------------------------------


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

    initiator: Mapped[Country | None] = relationship()
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
