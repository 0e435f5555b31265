"""Association tables without data of their own, and the pair tables of the timeline."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Index, Table

from .base import Base

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

