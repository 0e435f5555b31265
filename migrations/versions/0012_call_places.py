"""where an in-person meeting took place: place, occasion and host of a call

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

- ``calls`` gets six nullable columns: ``place_city``, ``place_venue`` (a landmark: "Kremlin"),
  ``place_country_id`` (indexed), ``occasion`` ("G20 summit", "state visit"),
  ``host_country_id`` (the call's country the place is in) and ``place_key`` (city, venue and
  occasion folded, for ``relations calls --place``). Calls already stored keep every value
  and get no place (``relations reprocess`` reads their articles again). A call's key does not
  change: a place is no part of it.
- ``call_summary`` gets ``place`` (venue, city and country as one text), ``occasion`` and
  ``host``; ``pair_events`` and ``timeline`` get ``place`` (the place and occasion of a call,
  null for commitments and partnerships) after their columns of 0004. Downgrade makes the
  views of 0004 again and drops the columns. (Written beside 0011 and chained onto it when the
  two branches were merged.)

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VIEWS = ("call_summary", "pair_events", "timeline")  # in the order they are made


def _list(value: str, source: str, order: str, sep: str) -> str:
    """A scalar subquery joining ``value`` over the rows of ``source`` in ``order`` with ``sep`` (as 0004)."""
    if op.get_context().dialect.name == "postgresql":
        return f"(SELECT string_agg({value}, '{sep}' ORDER BY {order}) FROM {source})"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT {value} AS v FROM {source} ORDER BY {order}))"


def _definitions(with_place: bool) -> dict[str, str]:
    """The three views, as 0004 made them (``with_place`` false) or with the place columns."""
    participant = (
        "coalesce(l.name, p.name, 'unnamed') || ' (' || coalesce(pc.iso3, po.code, '?')"
        " || coalesce(', ' || p.title, '') || ')'"
    )
    participants_of = (
        "call_participants p LEFT JOIN leaders l ON l.id = p.leader_id"
        " LEFT JOIN countries pc ON pc.id = p.country_id"
        " LEFT JOIN organizations po ON po.id = p.organization_id WHERE p.call_id = c.id"
    )
    place = ("nullif(rtrim(coalesce(c.place_venue || ', ', '') || coalesce(c.place_city || ', ', '')"
             " || coalesce(plc.iso3, ''), ', '), '')")
    summary_place = (f",\n       {place} AS place, c.occasion, hst.iso3 AS host" if with_place else "")
    summary_joins = (" LEFT JOIN countries plc ON plc.id = c.place_country_id"
                     " LEFT JOIN countries hst ON hst.id = c.host_country_id" if with_place else "")
    call_place = ", coalesce(cs.place || coalesce('; ' || cs.occasion, ''), cs.occasion) AS place" if with_place else ""
    null_place = ", NULL" if with_place else ""
    e_place = ", e.place" if with_place else ""
    return {
        "call_summary": f"""
SELECT c.id AS call_id, c.date, c.date_precision, c.medium, c.status, ini.iso3 AS initiator,
       {_list("k.iso3", "call_countries cc JOIN countries k ON k.id = cc.country_id WHERE cc.call_id = c.id",
              "k.iso3", ", ")} AS countries,
       {_list(participant, participants_of, "pc.iso3, p.id", "; ")} AS participants,
       {_list("coalesce(a.source, 'article ' || a.id)",
              "call_sources s JOIN articles a ON a.id = s.article_id WHERE s.call_id = c.id", "a.id", "; ")}
           AS sources,
       (SELECT count(*) FROM call_sources s WHERE s.call_id = c.id) AS source_count{summary_place}
FROM calls c LEFT JOIN countries ini ON ini.id = c.initiator_id{summary_joins}""",
        "pair_events": f"""
SELECT cp.country_a_id, cp.country_b_id, cp.date, 'call' AS event, cs.call_id AS event_id,
       cs.medium || ' ' || cs.status AS detail, cs.initiator AS actor, cs.participants AS description,
       cs.sources{call_place}
FROM call_pairs cp JOIN call_summary cs ON cs.call_id = cp.call_id
UNION ALL
SELECT mp.country_a_id, mp.country_b_id, mp.date, 'commitment', ct.commitment_id, ct.kind, ct.actor, ct.text,
       ct.source{null_place}
FROM commitment_pairs mp JOIN commitment_timeline ct ON ct.commitment_id = mp.commitment_id
UNION ALL
SELECT p.country_a_id, p.country_b_id, p.stated_on, 'partnership', p.id, p.level, NULL, p.sentence,
       ar.source{null_place}
FROM partnerships p JOIN articles ar ON ar.id = p.article_id""",
        "timeline": f"""
SELECT x.iso3 AS country, y.iso3 AS partner, e.date, e.event, e.event_id, e.detail, e.actor,
       e.description, e.sources{e_place}
FROM pair_events e JOIN countries x ON x.id = e.country_a_id JOIN countries y ON y.id = e.country_b_id
UNION ALL
SELECT y.iso3, x.iso3, e.date, e.event, e.event_id, e.detail, e.actor, e.description, e.sources{e_place}
FROM pair_events e JOIN countries x ON x.id = e.country_a_id JOIN countries y ON y.id = e.country_b_id""",
    }


def _make_views(with_place: bool) -> None:
    for name in reversed(_VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    definitions = _definitions(with_place)
    for name in _VIEWS:
        op.execute(f"CREATE VIEW {name} AS {definitions[name].strip()}")


def upgrade() -> None:
    for name in reversed(_VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("place_city", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("place_venue", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("place_country_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("occasion", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("host_country_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("place_key", sa.String(length=300), nullable=True))
        batch.create_foreign_key("fk_calls_place_country_id_countries", "countries", ["place_country_id"], ["id"])
        batch.create_foreign_key("fk_calls_host_country_id_countries", "countries", ["host_country_id"], ["id"])
        batch.create_index("ix_calls_place_country_id", ["place_country_id"])
    _make_views(with_place=True)


def downgrade() -> None:
    for name in reversed(_VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("calls") as batch:
        batch.drop_index("ix_calls_place_country_id")
        batch.drop_constraint("fk_calls_host_country_id_countries", type_="foreignkey")
        batch.drop_constraint("fk_calls_place_country_id_countries", type_="foreignkey")
        batch.drop_column("place_key")
        batch.drop_column("host_country_id")
        batch.drop_column("occasion")
        batch.drop_column("place_country_id")
        batch.drop_column("place_venue")
        batch.drop_column("place_city")
    _make_views(with_place=False)
