"""Database objects that the migrations make but the models do not describe.

Views (``timeline``, ``commitment_timeline``...) and the full-text search machinery (FTS5
tables and their triggers on SQLite, text-search GIN indexes on PostgreSQL) are created by
revisions 0004 and 0005 in SQL. Autogenerate comparison must not mistake them for drift:
``include_object`` (used by ``migrations/env.py`` and the migration tests) leaves them out.
"""

from __future__ import annotations

from typing import Any

VIEWS = (
    "call_summary", "call_participants_named", "commitment_timeline", "partnership_history", "pair_events", "timeline",
    "commitment_threads",  # 0010, relations.analysis
    "event_codes",  # 0011, relations.interop
)

# SQLite: FTS5 external-content tables over articles and commitments; each makes shadow tables.
FTS_TABLES = ("articles_fts", "commitments_fts")
_FTS_SHADOWS = ("data", "idx", "docsize", "config", "content")

# PostgreSQL: expression indexes over to_tsvector(...) for ``relations search``.
SEARCH_INDEXES = ("ix_articles_search", "ix_commitments_search")


def is_fts_table(name: str) -> bool:
    """Whether ``name`` is one of our FTS5 tables or one of their shadow tables."""
    return name in FTS_TABLES or any(name == f"{t}_{s}" for t in FTS_TABLES for s in _FTS_SHADOWS)


def is_model_free(name: str | None) -> bool:
    """Whether ``name`` is an object the migrations make outside the models."""
    return bool(name) and (name in VIEWS or name in SEARCH_INDEXES or is_fts_table(name))  # type: ignore[arg-type]


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object`` hook: compare everything but the objects above."""
    return not (reflected and is_model_free(name))
