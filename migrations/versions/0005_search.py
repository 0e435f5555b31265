"""full-text search over articles and commitments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

SQLite: two FTS5 external-content tables, ``articles_fts`` (title, text) over ``articles`` and
``commitments_fts`` (text) over ``commitments``, kept in sync by triggers, and filled here from
the rows already stored (``'rebuild'``). The tokenizer stems English words (porter) and ignores
accents, as PostgreSQL's ``english`` configuration does.

PostgreSQL: GIN indexes over ``to_tsvector('english', ...)`` of the same columns; queries must
use exactly these expressions (``relations.storage.search``) for the index to serve them.

The index keeps which column a word is in but not its position (``detail=column``), and the
commitments' index keeps no document sizes (``columnsize=0``: bm25 recounts the few matched
commitments): both make inserts cheaper. Searches for every word of a query work; phrase and
NEAR queries do not (``relations search`` makes neither).

FTS5 merges its index segments in the background of inserts; with ``automerge`` at 8 (the
default is 4) it merges eight segments at a time, which costs inserts a tenth less (measured
with benchmarks/ingest_speed.py) for a little more work per query.

Beware, on SQLite: a later batch migration that re-creates ``articles`` or ``commitments``
drops their triggers; such a revision must create them again (copy them from here).

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models,
and copy any library function a data migration needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (FTS table, content table, indexed columns, options)
_FTS = (
    ("articles_fts", "articles", ("title", "text"), "detail=column"),
    ("commitments_fts", "commitments", ("text",), "detail=column, columnsize=0"),
)
_TOKENIZE = "porter unicode61 remove_diacritics 2"

# PostgreSQL expression indexes: name, table, document expression.
_PG = (
    ("ix_articles_search", "articles", "to_tsvector('english', coalesce(title, '') || ' ' || text)"),
    ("ix_commitments_search", "commitments", "to_tsvector('english', text)"),
)


def _sqlite_upgrade() -> None:
    for fts, table, columns, options in _FTS:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
            f"tokenize='{_TOKENIZE}', {options})"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END"
        )
        # Merge index segments in eights, not fours: ingest writes them often (see the docstring).
        op.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 8)")
        op.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def _sqlite_downgrade() -> None:
    for fts, _table, _columns, _options in reversed(_FTS):
        for event in ("update", "delete", "insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        for name, table, document in _PG:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({document})")


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        _sqlite_downgrade()
    elif dialect == "postgresql":
        for name, _table, _document in reversed(_PG):
            op.execute(f"DROP INDEX IF EXISTS {name}")
