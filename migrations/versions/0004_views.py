"""views: the joins a user would otherwise write by hand

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Plain-named views over the tables (see docs/queries.md for examples):

- ``call_summary``: one row per call, with its countries, participants and sources as text;
- ``call_participants_named``: one row per participant, with the leader's name and country;
- ``commitment_timeline``: one row per commitment, with actor, speaker, counterparts, topics
  and the article it came from;
- ``partnership_history``: one row per partnership stated, with the two ISO3 codes;
- ``pair_events``: calls, commitments and partnerships of each unordered pair of countries;
- ``timeline``: the same in both orientations, so ``WHERE country = 'CHN' AND partner = 'BLR'``
  finds a pair's events whichever way round it is asked.

Lists inside a cell (countries, participants...) are aggregated with ``group_concat`` on
SQLite and ``string_agg`` on PostgreSQL, always in a fixed order. The views are not models:
``relations.dbobjects.include_object`` keeps them out of autogenerate comparison.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models,
and copy any library function a data migration needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Dropped in reverse order of creation (later views read earlier ones).
VIEWS = ("call_summary", "call_participants_named", "commitment_timeline", "partnership_history",
         "pair_events", "timeline")


def _list(value: str, source: str, order: str, sep: str) -> str:
    """A scalar subquery joining ``value`` over the rows of ``source`` in ``order`` with ``sep``."""
    if op.get_context().dialect.name == "postgresql":
        return f"(SELECT string_agg({value}, '{sep}' ORDER BY {order}) FROM {source})"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT {value} AS v FROM {source} ORDER BY {order}))"


def _definitions() -> dict[str, str]:
    participant = (
        "coalesce(l.name, p.name, 'unnamed') || ' (' || coalesce(pc.iso3, po.code, '?')"
        " || coalesce(', ' || p.title, '') || ')'"
    )
    participants_of = (
        "call_participants p LEFT JOIN leaders l ON l.id = p.leader_id"
        " LEFT JOIN countries pc ON pc.id = p.country_id"
        " LEFT JOIN organizations po ON po.id = p.organization_id WHERE p.call_id = c.id"
    )
    return {
        "call_summary": f"""
SELECT c.id AS call_id, c.date, c.date_precision, c.medium, c.status, ini.iso3 AS initiator,
       {_list("k.iso3", "call_countries cc JOIN countries k ON k.id = cc.country_id WHERE cc.call_id = c.id",
              "k.iso3", ", ")} AS countries,
       {_list(participant, participants_of, "pc.iso3, p.id", "; ")} AS participants,
       {_list("coalesce(a.source, 'article ' || a.id)",
              "call_sources s JOIN articles a ON a.id = s.article_id WHERE s.call_id = c.id", "a.id", "; ")}
           AS sources,
       (SELECT count(*) FROM call_sources s WHERE s.call_id = c.id) AS source_count
FROM calls c LEFT JOIN countries ini ON ini.id = c.initiator_id""",
        "call_participants_named": """
SELECT p.call_id, c.date, c.medium, c.status, p.id AS participant_id,
       coalesce(l.name, p.name) AS name, p.name AS name_as_reported, p.title,
       k.iso3 AS country, k.name AS country_name, o.code AS organization, p.leader_id
FROM call_participants p
JOIN calls c ON c.id = p.call_id
LEFT JOIN leaders l ON l.id = p.leader_id
LEFT JOIN countries k ON k.id = p.country_id
LEFT JOIN organizations o ON o.id = p.organization_id""",
        "commitment_timeline": f"""
SELECT m.id AS commitment_id, m.date, a.iso3 AS actor, a.name AS actor_name, m.kind, m.text,
       coalesce(l.name, m.speaker_name) AS speaker,
       {_list("k.iso3", "commitment_counterparts cc JOIN countries k ON k.id = cc.country_id"
              " WHERE cc.commitment_id = m.id", "k.iso3", ", ")} AS counterparts,
       {_list("t.name", "commitment_topics ct JOIN topics t ON t.id = ct.topic_id WHERE ct.commitment_id = m.id",
              "t.name", "; ")} AS topics,
       m.call_id, m.article_id, ar.source, ar.title, ar.url, m.sentence
FROM commitments m
JOIN articles ar ON ar.id = m.article_id
LEFT JOIN countries a ON a.id = m.actor_id
LEFT JOIN leaders l ON l.id = m.speaker_id""",
        "partnership_history": """
SELECT p.id AS partnership_id, p.stated_on, a.iso3 AS country_a, b.iso3 AS country_b, p.level,
       p.article_id, ar.source, p.sentence
FROM partnerships p
JOIN countries a ON a.id = p.country_a_id
JOIN countries b ON b.id = p.country_b_id
JOIN articles ar ON ar.id = p.article_id""",
        "pair_events": """
SELECT cp.country_a_id, cp.country_b_id, cp.date, 'call' AS event, cs.call_id AS event_id,
       cs.medium || ' ' || cs.status AS detail, cs.initiator AS actor, cs.participants AS description,
       cs.sources
FROM call_pairs cp JOIN call_summary cs ON cs.call_id = cp.call_id
UNION ALL
SELECT mp.country_a_id, mp.country_b_id, mp.date, 'commitment', ct.commitment_id, ct.kind, ct.actor, ct.text,
       ct.source
FROM commitment_pairs mp JOIN commitment_timeline ct ON ct.commitment_id = mp.commitment_id
UNION ALL
SELECT p.country_a_id, p.country_b_id, p.stated_on, 'partnership', p.id, p.level, NULL, p.sentence, ar.source
FROM partnerships p JOIN articles ar ON ar.id = p.article_id""",
        "timeline": """
SELECT x.iso3 AS country, y.iso3 AS partner, e.date, e.event, e.event_id, e.detail, e.actor,
       e.description, e.sources
FROM pair_events e JOIN countries x ON x.id = e.country_a_id JOIN countries y ON y.id = e.country_b_id
UNION ALL
SELECT y.iso3, x.iso3, e.date, e.event, e.event_id, e.detail, e.actor, e.description, e.sources
FROM pair_events e JOIN countries x ON x.id = e.country_a_id JOIN countries y ON y.id = e.country_b_id""",
    }


def upgrade() -> None:
    definitions = _definitions()
    for name in VIEWS:
        op.execute(f"CREATE VIEW {name} AS {definitions[name].strip()}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
