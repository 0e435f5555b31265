"""Reference rows by the names facts and users give them, cached for the life of a Database.

Countries, organizations and topics are loaded once (a few thousand rows) and never change
while relations runs; leaders are loaded once too, and the leaders an article creates are
kept apart until its savepoint is released (``release``) and its transaction committed
(``commit``), so that a rolled-back article never leaves an id in the cache that the database
does not have.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sqlalchemy as sa

from ..errors import UnknownCountryError
from ..models import Country, CountryAlias, Leader, LeaderAlias, Organization, OrganizationAlias, Topic, TopicAlias
from ..models import fold as _fold

# Names repeat from article to article; folding one costs tens of microseconds.
fold = functools.lru_cache(maxsize=1 << 16)(_fold)


@dataclass(frozen=True, slots=True)
class CountryRef:
    id: int
    iso3: str
    name: str


# A leader's party: ("c", country_id) or ("o", organization_id).
Party = tuple[str, int]


class Lookups:
    def __init__(self) -> None:
        self._countries: dict[str, CountryRef] | None = None  # by ISO3
        self._by_id: dict[int, CountryRef] = {}
        self._country_keys: dict[str, set[str]] = {}  # folded name or alias -> ISO3 codes
        self._organizations: dict[str, int] | None = None
        self._codes: tuple[dict[int, str], dict[int, str]] | None = None
        self._topics: dict[str, int] | None = None  # folded name or alias -> topic id
        self._leaders: dict[tuple[Party, str], int] | None = None  # (party, name key) -> id
        self._surnames: dict[tuple[Party, str], set[int]] = {}  # (party, last word) -> ids
        self._pending: dict[tuple[Party, str], int] = {}  # created in the open transaction
        self._article: dict[tuple[Party, str], int] = {}  # created by the article being written

    # -- countries ----------------------------------------------------------------------------

    def _load_countries(self, conn: sa.Connection) -> dict[str, CountryRef]:
        if self._countries is None:
            t = Country.__table__
            rows = conn.execute(sa.select(t.c.id, t.c.iso3, t.c.iso2, t.c.name, t.c.official_name)).all()
            countries = {r.iso3: CountryRef(r.id, r.iso3, r.name) for r in rows}
            keys: dict[str, set[str]] = {}
            for r in rows:
                for name in (r.name, r.official_name):
                    if name:
                        keys.setdefault(fold(name), set()).add(r.iso3)
            iso3_of = {r.id: r.iso3 for r in rows}
            a = CountryAlias.__table__
            for key, country_id in conn.execute(sa.select(a.c.alias_key, a.c.country_id)):
                keys.setdefault(key, set()).add(iso3_of[country_id])
            self._iso2 = {r.iso2: r.iso3 for r in rows}
            self._country_keys = keys
            self._by_id = {c.id: c for c in countries.values()}
            self._countries = countries
        return self._countries

    def country_id(self, conn: sa.Connection, iso3: str) -> int | None:
        """The id of the country with this ISO3 code, or None if the reference data lacks it."""
        ref = self._load_countries(conn).get(iso3)
        return ref.id if ref else None

    def country_by_id(self, conn: sa.Connection, country_id: int) -> CountryRef:
        self._load_countries(conn)
        return self._by_id[country_id]

    def has_countries(self, conn: sa.Connection) -> bool:
        return bool(self._load_countries(conn))

    def resolve_country(self, conn: sa.Connection, name: str) -> CountryRef:
        """The country a user means by ``name``: an ISO3 or ISO2 code, a name, a demonym, an alias."""
        countries = self._load_countries(conn)
        given = name.strip()
        code = given.upper()
        if len(code) == 3 and code in countries:
            return countries[code]
        if len(code) == 2 and code in self._iso2:
            return countries[self._iso2[code]]
        key = fold(given)
        found = self._country_keys.get(key) or self._country_keys.get(key.removeprefix("the "), set())
        if len(found) == 1:
            return countries[next(iter(found))]
        raise UnknownCountryError(name, tuple(sorted(found)), None if found else self._organization_named(conn, given))

    def _organization_named(self, conn: sa.Connection, name: str) -> str | None:
        """The name of the organization ``name`` is the code, name or alias of, if any."""
        if "\x00" in name:  # no stored name has one (PostgreSQL text cannot hold it)
            return None
        o, a = Organization.__table__.c, OrganizationAlias.__table__.c
        key = fold(name)
        query = (sa.select(o.name).select_from(Organization.__table__.outerjoin(
            OrganizationAlias.__table__, a.organization_id == o.id))
            .where(sa.or_(o.code == name.upper(), sa.func.lower(o.name) == name.lower(), a.alias_key == key))
            .order_by(o.id).limit(1))
        return conn.execute(query).scalar()

    # -- organizations and topics -------------------------------------------------------------

    def organization_id(self, conn: sa.Connection, code: str) -> int | None:
        return self._load_organizations(conn).get(code)

    def _load_organizations(self, conn: sa.Connection) -> dict[str, int]:
        if self._organizations is None:
            t = Organization.__table__
            self._organizations = {r.code: r.id for r in conn.execute(sa.select(t.c.code, t.c.id))}
        return self._organizations

    def codes(self, conn: sa.Connection) -> tuple[dict[int, str], dict[int, str]]:
        """ISO3 code by country id, and code by organization id (for loading rows fast)."""
        if not self._by_id:
            self._load_countries(conn)
        if self._codes is None:
            self._codes = ({i: c.iso3 for i, c in self._by_id.items()},
                           {i: code for code, i in self._load_organizations(conn).items()})
        return self._codes

    def topic_id(self, conn: sa.Connection, name: str) -> int | None:
        """The topic named ``name`` (its name or one of its aliases, folded)."""
        if self._topics is None:
            t, a = Topic.__table__, TopicAlias.__table__
            topics = {fold(r.name): r.id for r in conn.execute(sa.select(t.c.name, t.c.id))}
            for key, topic_id in conn.execute(sa.select(a.c.alias_key, a.c.topic_id)):
                topics.setdefault(key, topic_id)
            self._topics = topics
        return self._topics.get(fold(name))

    # -- leaders ------------------------------------------------------------------------------

    def _load_leaders(self, conn: sa.Connection) -> dict[tuple[Party, str], int]:
        if self._leaders is None:
            t, a = Leader.__table__, LeaderAlias.__table__
            leaders: dict[tuple[Party, str], int] = {}
            parties: dict[int, Party] = {}
            for r in conn.execute(sa.select(t.c.id, t.c.name_key, t.c.country_id, t.c.organization_id)):
                party: Party | None = ("c", r.country_id) if r.country_id else (
                    ("o", r.organization_id) if r.organization_id else None)
                if party is None:
                    continue
                parties[r.id] = party
                leaders[(party, r.name_key)] = r.id
                self._add_surname(party, r.name_key, r.id)
            aliased: dict[tuple[Party, str], set[int]] = {}
            for r in conn.execute(sa.select(a.c.leader_id, a.c.alias_key)):
                if r.leader_id in parties:
                    aliased.setdefault((parties[r.leader_id], r.alias_key), set()).add(r.leader_id)
            for k, ids in aliased.items():
                if len(ids) == 1:  # an alias two leaders share names neither
                    leaders.setdefault(k, next(iter(ids)))
            self._leaders = leaders
        return self._leaders

    def _add_surname(self, party: Party, key: str, leader_id: int) -> None:
        words = key.split()
        if len(words) > 1:
            self._surnames.setdefault((party, words[-1]), set()).add(leader_id)

    def find_leader(self, conn: sa.Connection, party: Party, name: str) -> int | None:
        """A known leader of ``party`` called ``name`` (full name, alias, or a unique surname)."""
        key = fold(name)
        leaders = self._load_leaders(conn)
        found = self._article.get((party, key)) or self._pending.get((party, key)) or leaders.get((party, key))
        if found is None and " " not in key:
            ids = set(self._surnames.get((party, key), ()))
            for (p, full), leader_id in (*self._pending.items(), *self._article.items()):  # not committed yet
                if p == party and full.rsplit(" ", 1)[-1] == key and " " in full:
                    ids.add(leader_id)
            found = next(iter(ids)) if len(ids) == 1 else None
        return found

    def add_leader(self, party: Party, name: str, leader_id: int) -> None:
        """Remember a leader created (or found) by the article being written."""
        self._article[(party, fold(name))] = leader_id

    def release(self) -> None:
        """The article's savepoint was released: its leaders stand as long as the transaction."""
        self._pending.update(self._article)
        self._article.clear()

    def discard(self) -> None:
        """The article was rolled back (to its savepoint): forget the leaders it created."""
        self._article.clear()

    def commit(self) -> None:
        """The transaction committed: the leaders created in it are now known for good."""
        self.release()
        if self._pending and self._leaders is not None:
            for (party, key), leader_id in self._pending.items():
                self._leaders[(party, key)] = leader_id
                self._add_surname(party, key, leader_id)
        self._pending.clear()

    def rollback(self) -> None:
        """The transaction was rolled back: forget every leader created in it."""
        self._article.clear()
        self._pending.clear()
