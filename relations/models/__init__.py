"""The database schema as typed SQLAlchemy models.

Reference data (countries, organizations, leaders and their terms, topics, all with their
aliases) is loaded by :mod:`relations.seeding`; articles and what was read from them (calls,
commitments, partnerships, the leaders an article mentions) by the storage layer. Deleting an
article deletes what was derived only from it. See ``docs/schema.md``.

Migrations (``migrations/versions``) are the only way a schema is made; a test checks that
they and these models never drift apart.

The models live in a package by subject: ``base`` (the declarative base, naming convention,
shared column types), ``links`` (association and pair tables), ``reference`` and ``articles``;
the vocabularies of their CHECK constraints in ``relations.enumerations``. Import them from here.
"""

from __future__ import annotations

from ..enumerations import (
    ALIAS_KINDS,
    CALL_MEDIA,
    CALL_STATUSES,
    COMMITMENT_KINDS,
    DATE_PRECISIONS,
    ORGANIZATION_KINDS,
    TERM_SOURCES,
    TOPIC_KINDS,
)
from ..folding import fold
from .articles import Article, ArticleLeader, Call, CallParticipant, CallSource, Commitment, Partnership
from .base import NAMING_CONVENTION, Base, Code, FactKey, IntPK, LongText, Name, Offset, one_of
from .links import call_countries, call_pairs, commitment_counterparts, commitment_pairs, commitment_topics
from .reference import Country, CountryAlias, Leader, LeaderAlias, Organization, OrganizationAlias, Term, Topic, TopicAlias

__all__ = [
    "ALIAS_KINDS", "CALL_MEDIA", "CALL_STATUSES", "COMMITMENT_KINDS", "DATE_PRECISIONS", "NAMING_CONVENTION",
    "ORGANIZATION_KINDS", "TERM_SOURCES", "TOPIC_KINDS", "Article", "ArticleLeader", "Base", "Call", "CallParticipant",
    "CallSource", "Code", "Commitment", "Country", "CountryAlias", "FactKey", "IntPK", "Leader", "LeaderAlias",
    "LongText", "Name", "Offset", "Organization", "OrganizationAlias", "Partnership", "Term", "Topic", "TopicAlias",
    "call_countries", "call_pairs", "commitment_counterparts", "commitment_pairs", "commitment_topics", "fold",
    "one_of",
]
