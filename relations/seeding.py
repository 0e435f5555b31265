"""Load the reference data (countries, organizations, leaders and terms, topics) into the database.

``seed(engine)`` brings the reference tables in line with :mod:`relations.reference`: rows that
are missing are inserted, reference fields that changed are updated, nothing is deleted (rows
that articles added, such as terms with source ``article``, are left alone). Running it twice
changes nothing the second time. Everything happens in one transaction, with a fixed number of
statements whatever the size of the data (bulk inserts and updates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from . import reference
from .engine import for_writing
from .errors import ReferenceDataError
from .models import (
    Country,
    CountryAlias,
    Leader,
    LeaderAlias,
    Organization,
    OrganizationAlias,
    Term,
    Topic,
    TopicAlias,
    fold,
)
from .reference import CountryRecord, LeaderRecord, OrganizationRecord, TopicRecord


@dataclass(frozen=True)
class ReferenceData:
    countries: tuple[CountryRecord, ...]
    organizations: tuple[OrganizationRecord, ...]
    leaders: tuple[LeaderRecord, ...]
    topics: tuple[TopicRecord, ...]

    @classmethod
    def load(cls) -> ReferenceData:
        """The reference data shipped with relations (``seeds/``)."""
        return cls(reference.countries(), reference.organizations(), reference.leaders(), reference.topics())


@dataclass
class SeedReport:
    """How many rows of each table one run inserted and updated."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.inserted.values()) or any(self.updated.values())

    def __str__(self) -> str:
        parts = []
        for table in self.inserted:
            n, u = self.inserted[table], self.updated.get(table, 0)
            if n or u:
                parts.append(f"{table} +{n}" + (f" ~{u}" if u else ""))
        return ", ".join(parts) if parts else "nothing to change"


def seed(bind: Engine | sa.Connection | Session, data: ReferenceData | None = None) -> SeedReport:
    """Load ``data`` (default: the shipped reference data) into the database at ``bind``.

    Given an engine, commits. Given a connection or session already in a transaction, works
    inside it and leaves the commit to the caller; otherwise begins and commits its own.
    The schema must be at head (``relations.schema.ensure_current``).
    """
    data = data or ReferenceData.load()
    if isinstance(bind, Engine):
        with for_writing(bind).begin() as conn:
            return _Seeder(conn).run(data)
    if isinstance(bind, Session):
        if bind.in_transaction():
            return _Seeder(bind.connection()).run(data)
        with bind.begin():
            return _Seeder(bind.connection()).run(data)
    if bind.in_transaction():
        return _Seeder(bind).run(data)
    with bind.begin():
        return _Seeder(bind).run(data)


class _Seeder:
    def __init__(self, conn: sa.Connection):
        self.conn = conn
        self.report = SeedReport()

    def run(self, data: ReferenceData) -> SeedReport:
        countries = self._countries(data.countries)
        organizations = self._organizations(data.organizations)
        self._leaders(data.leaders, countries, organizations)
        self._topics(data.topics)
        return self.report

    # -- generic helpers ----------------------------------------------------------------------

    def _insert(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        self.report.inserted[table.name] = self.report.inserted.get(table.name, 0) + len(rows)
        if rows:
            self.conn.execute(table.insert(), rows)

    def _update(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Update rows by id; each dict has ``row_id`` and the same changed columns."""
        self.report.updated[table.name] = self.report.updated.get(table.name, 0) + len(rows)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows:
            by_columns.setdefault(tuple(sorted(k for k in row if k != "row_id")), []).append(row)
        for columns, group in by_columns.items():
            stmt = (
                table.update()
                .where(table.c.id == sa.bindparam("row_id"))
                .values({c: sa.bindparam(f"new_{c}") for c in columns})
            )
            self.conn.execute(stmt, [{"row_id": r["row_id"], **{f"new_{c}": r[c] for c in columns}} for r in group])

    def _sync(
        self,
        table: sa.Table,
        key: Callable[[Any], Any],
        wanted: Iterable[dict[str, Any]],
        fields: tuple[str, ...],
        key_columns: tuple[str, ...],
    ) -> dict[Any, int]:
        """Insert the ``wanted`` rows missing (by ``key``), update changed ``fields``; return key -> id."""
        cols = [table.c.id, *(table.c[c] for c in key_columns + fields)]
        existing = {key(r._mapping): r._mapping for r in self.conn.execute(sa.select(*cols))}
        inserts, updates, seen = [], [], set()
        for row in wanted:
            k = key(row)
            if k in seen:
                continue
            seen.add(k)
            old = existing.get(k)
            if old is None:
                inserts.append(row)
            else:
                changed = {f: row[f] for f in fields if row[f] != old[f]}
                if changed:
                    updates.append({"row_id": old["id"], **changed})
        self._insert(table, inserts)
        self._update(table, updates)
        if not inserts:
            return {k: r["id"] for k, r in existing.items()}
        return {key(r._mapping): r.id for r in self.conn.execute(sa.select(*cols))}

    def _add_missing(self, table: sa.Table, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
        """Insert the rows whose ``columns`` values are not there yet (for alias tables)."""
        existing = {tuple(r) for r in self.conn.execute(sa.select(*(table.c[c] for c in columns)))}
        new = []
        for row in rows:
            k = tuple(row[c] for c in columns)
            if k not in existing:
                existing.add(k)
                new.append(row)
        self._insert(table, new)

    # -- each kind of reference data ----------------------------------------------------------

    def _countries(self, records: tuple[CountryRecord, ...]) -> dict[str, int]:
        table = Country.__table__
        ids = self._sync(
            table,
            key=lambda r: r["iso3"],
            wanted=({"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "official_name": c.official_name} for c in records),
            fields=("iso2", "name", "official_name"),
            key_columns=("iso3",),
        )
        self._add_missing(
            CountryAlias.__table__,
            ("country_id", "kind", "alias"),
            (
                {"country_id": ids[c.iso3], "kind": kind, "alias": alias, "alias_key": fold(alias)}
                for c in records
                for kind, alias in c.aliases
            ),
        )
        return ids

    def _organizations(self, records: tuple[OrganizationRecord, ...]) -> dict[str, int]:
        ids = self._sync(
            Organization.__table__,
            key=lambda r: r["code"],
            wanted=({"code": o.code, "name": o.name, "kind": o.kind} for o in records),
            fields=("name", "kind"),
            key_columns=("code",),
        )
        self._add_missing(
            OrganizationAlias.__table__,
            ("organization_id", "alias"),
            (
                {"organization_id": ids[o.code], "alias": alias, "alias_key": fold(alias)}
                for o in records
                for alias in (o.name, *o.aliases)
            ),
        )
        return ids

    def _leaders(
        self, records: tuple[LeaderRecord, ...], countries: dict[str, int], organizations: dict[str, int]
    ) -> None:
        def party(code: str | None, ids: dict[str, int], what: str, leader: str) -> int | None:
            if code is None:
                return None
            if code not in ids:
                raise ReferenceDataError("leaders.tsv", None, f"{leader}: unknown {what} {code!r}")
            return ids[code]

        wanted = []
        for rec in records:
            wanted.append(
                {
                    "name": rec.name,
                    "name_key": fold(rec.name),
                    "country_id": party(rec.country, countries, "country", rec.name),
                    "organization_id": party(rec.organization, organizations, "organization", rec.name),
                }
            )
        ids = self._sync(
            Leader.__table__,
            key=lambda r: (r["name_key"], r["country_id"], r["organization_id"]),
            wanted=wanted,
            fields=("name",),
            key_columns=("name_key", "country_id", "organization_id"),
        )
        leader_ids = [ids[(w["name_key"], w["country_id"], w["organization_id"])] for w in wanted]
        self._add_missing(
            LeaderAlias.__table__,
            ("leader_id", "alias"),
            (
                {"leader_id": lid, "alias": alias, "alias_key": fold(alias)}
                for lid, rec in zip(leader_ids, records)
                for alias in rec.aliases
            ),
        )
        terms = Term.__table__
        term_rows = (
            {
                "leader_id": lid,
                "office": t.office,
                "start_date": t.start,
                "end_date": t.end,
                "country_id": party(t.country, countries, "country", rec.name),
                "organization_id": party(t.organization, organizations, "organization", rec.name),
                "source": "seed",
            }
            for lid, rec in zip(leader_ids, records)
            for t in rec.terms
        )
        seed_terms = terms.c.source == "seed"
        cols = [terms.c.id, terms.c.leader_id, terms.c.office, terms.c.start_date, terms.c.end_date,
                terms.c.country_id, terms.c.organization_id]
        existing = {
            (r.leader_id, r.office, r.start_date): r for r in self.conn.execute(sa.select(*cols).where(seed_terms))
        }
        inserts, updates, seen = [], [], set()
        for row in term_rows:
            k: tuple[int, str, dt.date | None] = (row["leader_id"], row["office"], row["start_date"])
            if k in seen:
                continue
            seen.add(k)
            old = existing.get(k)
            if old is None:
                inserts.append(row)
                continue
            changed = {
                f: row[f] for f in ("end_date", "country_id", "organization_id") if row[f] != getattr(old, f)
            }
            if changed:
                updates.append({"row_id": old.id, **changed})
        self._insert(terms, inserts)
        self._update(terms, updates)

    def _topics(self, records: tuple[TopicRecord, ...]) -> None:
        ids = self._sync(
            Topic.__table__,
            key=lambda r: r["name"],
            wanted=({"name": t.name, "kind": t.kind} for t in records),
            fields=("kind",),
            key_columns=("name",),
        )
        aliases = TopicAlias.__table__
        owner = {r.alias: r.topic_id for r in self.conn.execute(sa.select(aliases.c.alias, aliases.c.topic_id))}
        name_of = {v: k for k, v in ids.items()}
        new = []
        for rec in records:
            topic_id = ids[rec.name]
            for alias in rec.aliases:
                other = owner.get(alias)
                if other is None:
                    owner[alias] = topic_id
                    new.append({"topic_id": topic_id, "alias": alias, "alias_key": fold(alias)})
                elif other != topic_id:
                    raise ReferenceDataError(
                        "topics.tsv", None, f"alias {alias!r} of topic {rec.name!r} already names {name_of[other]!r}"
                    )
        self._insert(aliases, new)
