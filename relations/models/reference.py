"""Reference data: countries, organizations, leaders and their terms, topics, each with aliases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..enumerations import ALIAS_KINDS, ORGANIZATION_KINDS, TERM_SOURCES, TOPIC_KINDS
from ..folding import fold
from .base import Base, Code, IntPK, Name, _at_most_one_party, _fk, _folded, one_of
from .links import call_countries, commitment_counterparts, commitment_topics

if TYPE_CHECKING:
    from .articles import ArticleLeader, Call, CallParticipant, Commitment


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

