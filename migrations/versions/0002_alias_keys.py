"""alias_key on every alias table, backfilled from alias

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

The extractor matches names by a folded key (accents stripped, casefolded, whitespace
collapsed). Existing rows get their key computed here, in Python, from ``alias``; then the
column becomes NOT NULL and is indexed. Downgrade drops the column and its index.

Migrations are frozen: ``_fold`` is a copy of ``relations.models.fold`` as of this revision
(tests/test_migrations.py checks that the two agree), and the tables are Core stubs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("country_aliases", "organization_aliases", "leader_aliases", "topic_aliases")
_BATCH = 1000
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()


def _backfill(conn: sa.Connection, name: str) -> None:
    table = sa.table(name, sa.column("id", sa.Integer), sa.column("alias", sa.String), sa.column("alias_key", sa.String))
    update = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(alias_key=sa.bindparam("key"))
        .execution_options(synchronize_session=False)
    )
    rows = conn.execute(sa.select(table.c.id, table.c.alias).order_by(table.c.id)).all()
    for i in range(0, len(rows), _BATCH):
        conn.execute(update, [{"row_id": r.id, "key": _fold(r.alias)} for r in rows[i : i + _BATCH]])


def upgrade() -> None:
    if op.get_context().as_sql:
        raise NotImplementedError("0002 computes alias_key in Python: run it on a database, not with --sql")
    conn = op.get_bind()
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("alias_key", sa.String(length=300), nullable=True))
        _backfill(conn, name)
        with op.batch_alter_table(name) as batch:
            batch.alter_column("alias_key", existing_type=sa.String(length=300), nullable=False)
            batch.create_index(batch.f(f"ix_{name}_alias_key"), ["alias_key"])


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_index(batch.f(f"ix_{name}_alias_key"))
            batch.drop_column("alias_key")
