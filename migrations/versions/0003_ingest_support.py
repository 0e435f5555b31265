"""ingest support: the raw text of articles, pair tables for the timeline

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

- ``articles.raw_text`` and ``articles.raw_hash``: the text as it was given and its SHA-256, so
  that ``relations reprocess`` can read an article again with a newer extractor, and so that
  re-ingesting the same input is recognised before it is extracted. Articles stored before
  this revision keep null here (reprocessing falls back to the normalised ``text``).
- ``call_pairs`` and ``commitment_pairs``: one row per unordered pair of countries of a call
  (or of a commitment's actor and a counterpart), the smaller country id first, with the
  event's date, indexed by (pair, date, event id): the timeline of one pair is one index range
  scan. Filled here from the calls and commitments already stored.

Downgrade drops the pair tables (they are derived) and the two columns (the raw texts in them
are lost: the normalised text stays).

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models,
and copy any library function a data migration needs. SQLite alters tables inside
op.batch_alter_table (env.py sets render_as_batch). Test it with tests/test_migrations.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PAIR_TABLES = (("call_pairs", "call_id", "calls"), ("commitment_pairs", "commitment_id", "commitments"))

_FILL_CALL_PAIRS = """
INSERT INTO call_pairs (call_id, country_a_id, country_b_id, date)
SELECT x.call_id, x.country_id, y.country_id, c.date
FROM call_countries x
JOIN call_countries y ON y.call_id = x.call_id AND x.country_id < y.country_id
JOIN calls c ON c.id = x.call_id
"""

_FILL_COMMITMENT_PAIRS = """
INSERT INTO commitment_pairs (commitment_id, country_a_id, country_b_id, date)
SELECT m.id,
       CASE WHEN m.actor_id < k.country_id THEN m.actor_id ELSE k.country_id END,
       CASE WHEN m.actor_id < k.country_id THEN k.country_id ELSE m.actor_id END,
       m.date
FROM commitments m
JOIN commitment_counterparts k ON k.commitment_id = m.id
WHERE m.actor_id IS NOT NULL AND m.actor_id <> k.country_id
"""


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("raw_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("raw_hash", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_articles_raw_hash"), ["raw_hash"])
    for table, event_id, events in _PAIR_TABLES:
        op.create_table(
            table,
            sa.Column(event_id, sa.Integer(), nullable=False),
            sa.Column("country_a_id", sa.Integer(), nullable=False),
            sa.Column("country_b_id", sa.Integer(), nullable=False),
            sa.Column("date", sa.Date(), nullable=True),
            sa.CheckConstraint("country_a_id < country_b_id", name=op.f(f"ck_{table}_ordered")),
            sa.ForeignKeyConstraint(
                [event_id], [f"{events}.id"], name=op.f(f"fk_{table}_{event_id}_{events}"), ondelete="CASCADE"
            ),
            sa.ForeignKeyConstraint(
                ["country_a_id"], ["countries.id"], name=op.f(f"fk_{table}_country_a_id_countries")
            ),
            sa.ForeignKeyConstraint(
                ["country_b_id"], ["countries.id"], name=op.f(f"fk_{table}_country_b_id_countries")
            ),
            sa.PrimaryKeyConstraint(event_id, "country_a_id", "country_b_id", name=op.f(f"pk_{table}")),
        )
        op.create_index(f"ix_{table}_pair_date", table, ["country_a_id", "country_b_id", "date", event_id])
    op.execute(_FILL_CALL_PAIRS)
    op.execute(_FILL_COMMITMENT_PAIRS)


def downgrade() -> None:
    for table, _event_id, _events in reversed(_PAIR_TABLES):
        op.drop_index(f"ix_{table}_pair_date", table_name=table)
        op.drop_table(table)
    with op.batch_alter_table("articles") as batch:
        batch.drop_index(batch.f("ix_articles_raw_hash"))
        batch.drop_column("raw_hash")
        batch.drop_column("raw_text")
