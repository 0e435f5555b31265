"""analysis views: commitment threads

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-01

- ``commitment_threads``: one row per pair of countries and topic their commitments carry, in
  both orientations (``WHERE country = 'CHN' AND partner = 'BLR'``), with the first and last
  date, how many commitments and articles raised it, which side raised it first, the kinds
  seen, the first agreement's date and whether an agreement followed a proposal or pledge.
  ``relations.analysis.threads`` computes the same from the same rows.

Lists inside a cell are aggregated with ``group_concat`` on SQLite and ``string_agg`` on
PostgreSQL, in a fixed order. The views are not models: ``relations.dbobjects.include_object``
keeps them out of autogenerate comparison.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0006"
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


def upgrade() -> None:
    op.execute(f"CREATE VIEW commitment_threads AS {_threads().strip()}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS commitment_threads")
