"""analysis views: commitment threads, partnership history with upgrades

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

- ``commitment_threads``: one row per pair of countries and topic their commitments carry, in
  both orientations (``WHERE country = 'CHN' AND partner = 'BLR'``), with the first and last
  date, how many commitments and articles raised it, which side raised it first, the kinds
  seen, the first agreement's date and whether an agreement followed a proposal or pledge.
  ``relations.analysis.threads`` computes the same from the same rows.
- ``partnerships.upgrade``: a new column, true when the sentence says the relationship was
  raised to the level ("elevated their ties to a comprehensive strategic partnership"); false
  for the rows already stored (``relations reprocess`` reads them again).
- ``partnership_history`` is made again with 0004's columns first, then ``upgrade``, ``event``
  (``upgrade`` or ``stated``), ``previous_level`` (the pair's latest other level stated before),
  and the level's ``level_first_stated``, ``level_last_stated`` and ``level_statements`` for the
  pair. Downgrade restores 0004's definition.

Lists inside a cell are aggregated with ``group_concat`` on SQLite and ``string_agg`` on
PostgreSQL, in a fixed order. The views are not models: ``relations.dbobjects.include_object``
keeps them out of autogenerate comparison.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _distinct_list(value: str, source: str, sep: str) -> str:
    """A scalar subquery joining the distinct values of ``value`` over ``source``, sorted."""
    inner = f"SELECT DISTINCT {value} AS v FROM {source}"
    if op.get_context().dialect.name == "postgresql":
        return f"(SELECT string_agg(v, '{sep}' ORDER BY v) FROM ({inner}) AS d)"
    return f"(SELECT group_concat(v, '{sep}') FROM ({inner} ORDER BY v) AS d)"


def _id_list(source: str) -> str:
    """A scalar subquery joining the ids ``m2.id`` over ``source`` in numeric order."""
    inner = f"SELECT DISTINCT m2.id AS i FROM {source}"
    if op.get_context().dialect.name == "postgresql":
        return f"(SELECT string_agg(CAST(i AS TEXT), ', ' ORDER BY i) FROM ({inner}) AS d)"
    return f"(SELECT group_concat(CAST(i AS TEXT), ', ') FROM ({inner} ORDER BY i) AS d)"


# the commitments of one thread g (pair and topic), for the correlated subqueries below
_OF_THREAD = ("commitment_pairs mp2 JOIN commitment_topics ct2 ON ct2.commitment_id = mp2.commitment_id"
              " JOIN commitments m2 ON m2.id = mp2.commitment_id"
              " WHERE mp2.country_a_id = g.country_a_id AND mp2.country_b_id = g.country_b_id"
              " AND ct2.topic_id = g.topic_id")


def _threads() -> str:
    actors = _distinct_list("k2.iso3", _OF_THREAD.replace(" WHERE", " JOIN countries k2 ON k2.id = m2.actor_id WHERE"),
                            ", ")
    kinds = _distinct_list("m2.kind", _OF_THREAD, ", ")
    sources = _distinct_list("coalesce(a2.source, 'article ' || CAST(a2.id AS TEXT))",
                             _OF_THREAD.replace(" WHERE", " JOIN articles a2 ON a2.id = m2.article_id WHERE"), "; ")
    ids = _id_list(_OF_THREAD)
    return f"""
WITH g AS (
    SELECT mp.country_a_id, mp.country_b_id, ct.topic_id, t.name AS topic, t.kind AS topic_kind,
           min(m.date) AS first_date, max(m.date) AS last_date, count(*) AS commitments,
           count(DISTINCT m.article_id) AS articles,
           min(CASE WHEN m.kind = 'agreement' THEN m.date END) AS agreed_on
    FROM commitment_pairs mp
    JOIN commitment_topics ct ON ct.commitment_id = mp.commitment_id
    JOIN commitments m ON m.id = mp.commitment_id
    JOIN topics t ON t.id = ct.topic_id
    GROUP BY mp.country_a_id, mp.country_b_id, ct.topic_id, t.name, t.kind
), threads AS (
    SELECT g.*,
           (SELECT k2.iso3 FROM {_OF_THREAD.replace(" WHERE", " LEFT JOIN countries k2 ON k2.id = m2.actor_id WHERE")}
            ORDER BY m2.date IS NULL, m2.date, m2.id LIMIT 1) AS raised_by,
           {actors} AS actors,
           {kinds} AS kinds,
           CASE WHEN EXISTS (SELECT 1 FROM {_OF_THREAD} AND m2.kind = 'agreement' AND EXISTS (
               SELECT 1 FROM commitment_pairs mp3 JOIN commitment_topics ct3 ON ct3.commitment_id = mp3.commitment_id
               JOIN commitments m3 ON m3.id = mp3.commitment_id
               WHERE mp3.country_a_id = g.country_a_id AND mp3.country_b_id = g.country_b_id
               AND ct3.topic_id = g.topic_id AND m3.kind IN ('proposal', 'pledge') AND m3.date <= m2.date))
           THEN 1 ELSE 0 END AS moved_to_agreement,
           {sources} AS sources,
           {ids} AS commitment_ids
    FROM g
)
SELECT x.iso3 AS country, y.iso3 AS partner, th.topic, th.topic_kind, th.first_date, th.last_date,
       th.commitments, th.articles, th.raised_by, th.actors, th.kinds, th.agreed_on, th.moved_to_agreement,
       th.sources, th.commitment_ids
FROM threads th JOIN countries x ON x.id = th.country_a_id JOIN countries y ON y.id = th.country_b_id
UNION ALL
SELECT y.iso3, x.iso3, th.topic, th.topic_kind, th.first_date, th.last_date,
       th.commitments, th.articles, th.raised_by, th.actors, th.kinds, th.agreed_on, th.moved_to_agreement,
       th.sources, th.commitment_ids
FROM threads th JOIN countries x ON x.id = th.country_a_id JOIN countries y ON y.id = th.country_b_id"""


# 0004's partnership_history, restored on downgrade
_HISTORY_0004 = """
SELECT p.id AS partnership_id, p.stated_on, a.iso3 AS country_a, b.iso3 AS country_b, p.level,
       p.article_id, ar.source, p.sentence
FROM partnerships p
JOIN countries a ON a.id = p.country_a_id
JOIN countries b ON b.id = p.country_b_id
JOIN articles ar ON ar.id = p.article_id"""

_SAME_LEVEL = ("FROM partnerships p2 WHERE p2.country_a_id = p.country_a_id AND p2.country_b_id = p.country_b_id"
               " AND p2.level = p.level")

_HISTORY = f"""
SELECT p.id AS partnership_id, p.stated_on, a.iso3 AS country_a, b.iso3 AS country_b, p.level,
       p.article_id, ar.source, p.sentence,
       CASE WHEN p.upgrade THEN 1 ELSE 0 END AS upgrade,
       CASE WHEN p.upgrade THEN 'upgrade' ELSE 'stated' END AS event,
       (SELECT p3.level FROM partnerships p3
        WHERE p3.country_a_id = p.country_a_id AND p3.country_b_id = p.country_b_id AND p3.level <> p.level
        AND p3.stated_on < p.stated_on ORDER BY p3.stated_on DESC, p3.id DESC LIMIT 1) AS previous_level,
       (SELECT min(p2.stated_on) {_SAME_LEVEL}) AS level_first_stated,
       (SELECT max(p2.stated_on) {_SAME_LEVEL}) AS level_last_stated,
       (SELECT count(*) {_SAME_LEVEL}) AS level_statements
FROM partnerships p
JOIN countries a ON a.id = p.country_a_id
JOIN countries b ON b.id = p.country_b_id
JOIN articles ar ON ar.id = p.article_id"""


def upgrade() -> None:
    with op.batch_alter_table("partnerships") as batch:
        batch.add_column(sa.Column("upgrade", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("DROP VIEW IF EXISTS partnership_history")
    op.execute(f"CREATE VIEW partnership_history AS {_HISTORY.strip()}")
    op.execute(f"CREATE VIEW commitment_threads AS {_threads().strip()}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS commitment_threads")
    op.execute("DROP VIEW IF EXISTS partnership_history")
    op.execute(f"CREATE VIEW partnership_history AS {_HISTORY_0004.strip()}")
    with op.batch_alter_table("partnerships") as batch:
        batch.drop_column("upgrade")
