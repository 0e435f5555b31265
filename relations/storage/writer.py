"""Write one article's facts into the database, merging them with what is already there.

``FactsWriter.write`` runs inside the caller's transaction (or savepoint) and never commits:

- countries resolve to the reference rows by ISO3; a fact naming a country the reference data
  lacks is skipped with a warning, and the rest is stored;
- people resolve to known leaders by name key, alias or unique surname within their country
  (or organization), decided in the article's order; the new leaders are then inserted sorted
  by (party, name key), in one statement, with ``ON CONFLICT DO NOTHING`` and read back, so two writers never
  create the same person twice, and two writers creating the same people wait for each other
  in the same order (PostgreSQL: no deadlock);
- a call that another article already reported (same medium, same countries and
  organisations, compatible status and dates: the rule is ``relations.storage.merging``) is
  the same call: this article becomes one more of its sources, and a finer date it tells
  becomes the call's. A fuzzy match cannot be a unique constraint, so on PostgreSQL the
  decision is serialised: a transaction-scoped advisory lock on the first pair of countries
  (or the one country) of each call the article reports, taken before the first call is
  looked up, in a fixed order (sorted keys), after the leaders. Writers matching calls of the
  same countries take turns; writers of others do not wait. SQLite writers are serialised
  anyway by ``BEGIN IMMEDIATE``;
- commitments and partnerships keep their sentence and offsets, and link to their call;
- every call, commitment and partnership gets its stable key (``relations.storage.keys``).
  When an article is read again, the caller passes ``reuse``, the ids its dropped facts had by
  key: a fact read again with the same key is inserted under the id it had, so an unchanged
  fact keeps its key and its id (a call other articles report too was never dropped: the new
  report joins it, as any other would).

Link rows are written with one executemany per table, not one statement per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..facts import Call, Facts, Person
from . import keys
from .lookups import Lookups, Party, fold
from .merging import CallMatcher, Report, identity, refined
from .pending import COMMITMENT_COLUMNS, INSERT_LINKS, PendingRows
from .sql import Cursor, placeholders, quoted

_NAME_MAX = 300
_CALL_LOCK = 0x63616C6C  # "call": advisory lock namespace for matching calls on PostgreSQL
_UNKNOWN = object()  # a country the reference data lacks

_LEADER_COLUMNS = ("name", "name_key", "country_id", "organization_id")
_SELECT_LEADER = {
    "c": "SELECT id FROM leaders WHERE name_key = :key AND country_id = :party",
    "o": "SELECT id FROM leaders WHERE name_key = :key AND organization_id = :party",
}
_INSERT_CALL = """INSERT INTO calls (key, medium, status, date, date_precision, date_text, initiator_id, place_city,
    place_venue, place_country_id, occasion, host_country_id, place_key)
VALUES (:key, :medium, :status, :date, :precision, :date_text, :initiator, :place_city, :place_venue, :place_country,
    :occasion, :host, :place_key) RETURNING id"""
_PLACE_COLUMNS = ("place_city", "place_venue", "place_country", "occasion", "host", "place_key")
_SET_PLACE = """UPDATE calls SET place_city = :place_city, place_venue = :place_venue, place_country_id = :place_country,
    occasion = :occasion, host_country_id = :host, place_key = :place_key WHERE id = :c"""
_INSERT_CALL_WITH_ID = INSERT_LINKS["calls"] + " RETURNING id"
_PROBE = 4  # call keys looked up at a time when choosing a new call's key
_PROBE_NAMES = tuple(f"k{n}" for n in range(_PROBE))
_CALL_KEYS = f"SELECT key FROM calls WHERE key IN ({', '.join(':' + n for n in _PROBE_NAMES)})"
_INSERT_COMMITMENT = (f"INSERT INTO commitments ({quoted(COMMITMENT_COLUMNS[1:])}) "
                      f"VALUES ({placeholders(COMMITMENT_COLUMNS[1:])}) RETURNING id")
_INSERT_COMMITMENT_WITH_ID = (f"INSERT INTO commitments ({quoted(COMMITMENT_COLUMNS)}) "
                              f"VALUES ({placeholders(COMMITMENT_COLUMNS)}) RETURNING id")
_INSERT_PARTNERSHIP = """INSERT INTO partnerships (key, article_id, country_a_id, country_b_id, level, stated_on,
    upgrade, sentence, start, "end")
VALUES (:key, :article_id, :a, :b, :level, :stated_on, :upgrade, :sentence, :start, :end)"""
_INSERT_PARTNERSHIP_WITH_ID = """INSERT INTO partnerships (id, key, article_id, country_a_id, country_b_id, level,
    stated_on, upgrade, sentence, start, "end")
VALUES (:id, :key, :article_id, :a, :b, :level, :stated_on, :upgrade, :sentence, :start, :end)"""


@dataclass
class WriteReport:
    """What one article added: new calls, calls it joined as a source, and the rest."""

    calls_new: int = 0
    calls_merged: int = 0
    commitments: int = 0
    partnerships: int = 0
    leaders_new: int = 0
    warnings: list[str] = field(default_factory=list)


def article_date(facts: Facts) -> dt.date | None:
    """The day an article reports on: its dateline's date, else its publication date."""
    return facts.article.dateline_date or facts.article.published


def pairs(ids: list[int]) -> list[tuple[int, int]]:
    """Every unordered pair of distinct ids, the smaller first."""
    s = sorted(set(ids))
    return [(s[i], s[j]) for i in range(len(s)) for j in range(i + 1, len(s))]


def _clip(value: str | None) -> str | None:
    return None if value is None else value[:_NAME_MAX]


class FactsWriter:
    def __init__(self, cursor: Cursor, lookups: Lookups, pending: PendingRows):
        self.sql = cursor
        self.conn = cursor.conn
        self.lookups = lookups
        self.pending = pending
        self._sourced: set[int] = set()  # calls the article being written gave a source already
        self._article_key = ""
        self._reuse: dict[tuple[str, str], int] = {}
        self._told_on: dt.date | None = None
        self._matcher = CallMatcher(cursor, pending)

    # -- resolving ----------------------------------------------------------------------------

    def _country(self, iso3: str | None, what: str, report: WriteReport) -> Any:
        """The country id, None for no country, or _UNKNOWN (with a warning)."""
        if iso3 is None:
            return None
        country_id = self.lookups.country_id(self.conn, iso3)
        if country_id is None:
            report.warnings.append(f"country {iso3!r} is not in the reference data: {what} skipped")
            return _UNKNOWN
        return country_id

    def _party(self, person: Person, report: WriteReport | None) -> tuple[int | None, int | None]:
        """(country_id, organization_id) of a person; at most one is set. ``report``: where to
        warn about a country the reference data lacks (None: say nothing)."""
        if person.country:
            country_id = self.lookups.country_id(self.conn, person.country)
            if country_id is not None:
                return country_id, None
            if report is not None:
                who = person.name or person.title or "a person"
                report.warnings.append(f"country {person.country!r} of {who} is not in the reference data: "
                                       "stored without it")
        if person.organization:
            return None, self.lookups.organization_id(self.conn, person.organization)
        return None, None

    @staticmethod
    def _named(person: Person, country_id: int | None, org_id: int | None) -> tuple[Party, str] | None:
        """(party, name) of a person who can be a leader; None for an unnamed or partyless one."""
        name = (person.name or "").strip()
        if not name or len(name) > _NAME_MAX or (country_id is None and org_id is None):
            return None
        return (("c", country_id) if country_id is not None else ("o", org_id)), name  # type: ignore[return-value]

    def _leader(self, person: Person, country_id: int | None, org_id: int | None) -> int | None:
        """The leader a named person is (decided by ``_resolve_people``); None for an unnamed or
        partyless one."""
        named = self._named(person, country_id, org_id)
        return None if named is None else self._people.get(named)

    def _resolve_people(self, facts: Facts, report: WriteReport) -> None:
        """Decide who every named person of the article is, then insert the new leaders.

        Decisions are made in the article's order with new people standing in under provisional
        (negative) ids, so that a surname matches a leader the article named earlier; the
        inserts are made sorted by (party, name key), see the module docstring.
        """
        self._people: dict[tuple[Party, str], int] = {}
        new: dict[int, tuple[Party, str, str, int | None, int | None]] = {}
        for person in (*facts.leaders, *(p for call in facts.calls for p in call.participants)):
            country_id, org_id = self._party(person, None)
            named = self._named(person, country_id, org_id)
            if named is None or named in self._people:
                continue
            party, name = named
            found = self.lookups.find_leader(self.conn, party, name)
            if found is None:
                found = -1 - len(new)
                new[found] = (party, name, fold(name), country_id, org_id)
                self.lookups.add_leader(party, name, found)
            self._people[named] = found
        real: dict[int, int] = {}
        ordered = sorted(new.items(), key=_party_and_key)
        # One statement for the article's new leaders (a round trip each would cost more than the rows).
        returned = self.sql.insert_returning(
            "leaders", _LEADER_COLUMNS,
            [{"name": name, "name_key": key, "country_id": country_id, "organization_id": org_id}
             for _provisional, (_party, name, key, country_id, org_id) in ordered],
            "ON CONFLICT DO NOTHING RETURNING id, name_key, country_id, organization_id")
        inserted = {(key, country_id, org_id): leader_id for leader_id, key, country_id, org_id in returned}
        for provisional, (party, name, key, country_id, org_id) in ordered:
            leader_id = inserted.get((key, country_id, org_id))
            if leader_id is None:  # another writer created it meanwhile
                leader_id = self.sql.value(_SELECT_LEADER[party[0]], {"key": key, "party": party[1]})
            else:
                report.leaders_new += 1
            real[provisional] = leader_id
            self.lookups.add_leader(party, name, leader_id)
        if real:
            self._people = {k: real.get(v, v) for k, v in self._people.items()}

    def _lock_pairs(self, facts: Facts) -> None:
        """PostgreSQL: take the advisory lock of the first pair of countries (or the one country)
        of every call this article may join, smallest key first (see the module docstring)."""
        if not self.sql.postgresql:
            return
        keys = set()
        for call in facts.calls:
            ids = {self.lookups.country_id(self.conn, iso3) for iso3 in call.countries}
            if ids and None not in ids:
                first = sorted(ids)[:2]  # type: ignore[type-var]
                keys.add(_pair_key(first[0], first[1] if len(first) > 1 else 0))  # type: ignore[arg-type]
        for key in sorted(keys):
            self.sql.run("SELECT pg_advisory_xact_lock(:ns, :key)", {"ns": _CALL_LOCK, "key": key})

    # -- writing ------------------------------------------------------------------------------

    def write(self, article_id: int, facts: Facts, article_key: str,
              reuse: dict[tuple[str, str], int] | None = None) -> WriteReport:
        """Write the facts of the article ``article_id`` (whose key is ``article_key``).

        ``reuse``: ids by (table, key) of the facts the article had before it was read again.
        """
        report = WriteReport()
        self._sourced = set()
        self._article_key, self._reuse = article_key, reuse or {}
        self._told_on = article_date(facts)
        self._resolve_people(facts, report)
        people: dict[tuple[str | None, str], int] = {}  # (ISO3, name) -> leader id, for speakers
        mentions: dict[int, dict[str, Any]] = {}
        for person in facts.leaders:
            country_id, org_id = self._party(person, report)
            leader_id = self._leader(person, country_id, org_id)
            if leader_id is not None:
                people[(person.country, person.name or "")] = leader_id
                mentions.setdefault(leader_id, {"a": article_id, "l": leader_id, "name": _clip(person.name),
                                                "title": _clip(person.title)})
        self._links("article_leaders", list(mentions.values()))
        self._lock_pairs(facts)
        calls = [self._call(article_id, call, people, report) for call in facts.calls]
        self._commitments(article_id, facts, calls, people, report)
        self._partnerships(article_id, facts, report)
        return report

    def _call(self, article_id: int, call: Call, people: dict, report: WriteReport,
              ) -> tuple[int, dt.date | None] | None:
        """Store or join the call; (its id, its stored date), or None when it was skipped."""
        what = f"call of {call.date or 'unknown date'}"
        ids = [self._country(iso3, what, report) for iso3 in call.countries]
        if _UNKNOWN in ids:
            return None
        ids = sorted(set(ids))
        initiator = self._country(call.initiator, f"initiator of the {what}", report)
        initiator = None if initiator is _UNKNOWN else initiator
        participants = []
        for person in call.participants:
            country_id, org_id = self._party(person, report)
            leader_id = people.get((person.country, person.name or "")) or self._leader(person, country_id, org_id)
            participants.append({"leader_id": leader_id, "country_id": country_id, "organization_id": org_id,
                                 "name": _clip(person.name), "title": _clip(person.title)})
        date = self.sql.date(call.date)
        place = self._place(call, what, report)
        organizations = frozenset(p["organization_id"] for p in participants if p["organization_id"] is not None)
        precision = call.date_precision if call.date else None
        who = frozenset(identity(p["leader_id"], p["name"], p["title"]) for p in participants)
        found = self._matcher.find(Report(call.medium, call.status, call.date, precision, frozenset(ids),
                                          organizations, self._told_on, who))
        call_id, stored_date = (None, call.date) if found is None else found[:2]
        if found is not None and refined(found[1], found[2], call.date, precision):
            self._matcher.redate(found[0], call.date, precision, _clip(call.date_text))  # type: ignore[arg-type]
            stored_date = call.date
        if call_id is None:
            key = self._call_key(call, ids)
            row = {"key": key, "medium": call.medium, "status": call.status, "date": date,
                   "precision": precision, "date_text": _clip(call.date_text),
                   "initiator": initiator, **place}
            reused = self._reuse.get(("calls", key))
            if reused is not None:
                row = {"id": reused, **row}
            report.calls_new += 1
            if self.pending.enabled:
                call_id = self.pending.add_call(row, ids, pairs(ids))
            else:
                call_id = self.sql.value(_INSERT_CALL if reused is None else _INSERT_CALL_WITH_ID, row)
                self.sql.many(INSERT_LINKS["call_countries"], [{"call": call_id, "country": c} for c in ids])
                self.sql.many(INSERT_LINKS["call_pairs"],
                              [{"call": call_id, "a": a, "b": b, "date": date} for a, b in pairs(ids)])
            new = participants
        else:
            report.calls_merged += 1
            new = self._join_call(call_id, call, initiator, participants, place)
        self._links("call_participants", [{"call": call_id, **p} for p in new])
        if call_id not in self._sourced:  # an article that tells of a call twice is one source of it
            self._sourced.add(call_id)
            ev = call.evidence
            self._links("call_sources", [{"call": call_id, "article": article_id, "sentence": ev.text,
                                          "start": ev.start, "end": ev.end, "date_text": _clip(call.date_text)}])
        return call_id, stored_date

    def _call_key(self, call: Call, ids: list[int]) -> str:
        """The key of a new call: the first of its base key, base-2... no stored or held call has
        (on PostgreSQL, a call that could match others is looked up under its pair's lock)."""
        codes = [self.lookups.country_by_id(self.conn, c).iso3 for c in ids]
        base = keys.call_base(codes, call.medium, call.date, call.status, self._article_key)
        held = self.pending.call_keys(base)
        first = 1
        while True:  # probe keys a few at a time, by equality (the unique index serves that everywhere)
            probe = [keys.numbered(base, n) for n in range(first, first + _PROBE)]
            taken = held | {r[0] for r in self.sql.all(_CALL_KEYS, dict(zip(_PROBE_NAMES, probe)))}
            free = [k for k in probe if k not in taken]
            if free:
                return free[0]
            first += _PROBE

    def _place(self, call: Call, what: str, report: WriteReport) -> dict[str, Any]:
        """The place columns of a call's row (all None when it has no place)."""
        p = call.place
        if p is None or not (p.city or p.venue or p.country or p.occasion):
            return dict.fromkeys(_PLACE_COLUMNS)
        country = self._country(p.country, f"place of the {what}", report)
        host = self._country(p.host, f"host of the {what}", report)
        folded = fold(" | ".join(x for x in (p.city, p.venue, p.occasion) if x))
        return {"place_city": _clip(p.city), "place_venue": _clip(p.venue),
                "place_country": None if country is _UNKNOWN else country, "occasion": _clip(p.occasion),
                "host": None if host is _UNKNOWN else host, "place_key": _clip(folded) or None}

    def _join_call(self, call_id: int, call: Call, initiator: int | None, participants: list[dict],
                   place: dict[str, Any]) -> list[dict]:
        """Make this article's report part of the stored call; return the participants it adds.
        A place is added to a call that has none (the first report that tells it wins)."""
        told = any(v is not None for v in place.values())
        held = self.pending.held_call(call_id)
        if held is not None:  # reported earlier in this transaction: its rows are held back
            if held["status"] == "planned" and call.status == "held":
                held["status"] = "held"
            if held["initiator"] is None:
                held["initiator"] = initiator
            if told and held["place_key"] is None and held["place_country"] is None:
                held.update(place)
            known: list[tuple[Any, ...]] = []
        else:
            status, initiator_id, place_key, place_country = self.sql.one(
                "SELECT status, initiator_id, place_key, place_country_id FROM calls WHERE id = :c", {"c": call_id})
            if status == "planned" and call.status == "held":
                self.sql.run("UPDATE calls SET status = 'held' WHERE id = :c", {"c": call_id})
            if initiator_id is None and initiator is not None:
                self.sql.run("UPDATE calls SET initiator_id = :i WHERE id = :c", {"i": initiator, "c": call_id})
            if told and place_key is None and place_country is None:
                self.sql.run(_SET_PLACE, {**place, "c": call_id})
            known = [tuple(r) for r in self.sql.all(
                "SELECT leader_id, name, country_id FROM call_participants WHERE call_id = :c", {"c": call_id})]
        known += [(r["leader_id"], r["name"], r["country_id"]) for r in self.pending.participants_of(call_id)]
        leaders = {r[0] for r in known if r[0] is not None}
        names = {(r[1], r[2]) for r in known}
        new = []
        for part in participants:
            leader = part["leader_id"]
            if leader in leaders or (leader is None and (part["name"], part["country_id"]) in names):
                continue
            leaders.add(part["leader_id"])
            names.add((part["name"], part["country_id"]))
            new.append(part)
        return new

    def _commitments(self, article_id: int, facts: Facts, calls: list[tuple[int, dt.date | None] | None],
                     people: dict, report: WriteReport) -> None:
        """Commitments, dated by their call (the stored call's date, when another article reported
        it first), else by the article."""
        when = article_date(facts)
        rows: list[dict[str, Any]] = []
        links: list[tuple[Any, list[int], list[int], Any]] = []  # actor, partners, topics, date
        counterparts, topic_rows, pair_rows = [], [], []
        seen: set[tuple[Any, ...]] = set()
        repeats: dict[str, int] = {}  # base key -> commitments of the article with it so far
        for cm in facts.commitments:
            what = f"{cm.kind} {cm.text[:40]!r}"
            actor = self._country(cm.actor, what, report)
            others = [self._country(c, what, report) for c in cm.counterparts]
            if actor is _UNKNOWN or _UNKNOWN in others:
                continue
            topics: list[int] = []
            for name in cm.topics:
                topic_id = self.lookups.topic_id(self.conn, name)
                if topic_id is None:
                    report.warnings.append(f"topic {name!r} is not in the reference data: left off {what}")
                elif topic_id not in topics:
                    topics.append(topic_id)
            stored = calls[cm.call] if cm.call is not None and 0 <= cm.call < len(calls) else None
            call_id, call_date = stored or (None, None)
            date = self.sql.date(call_date or when)
            ev = cm.evidence
            key = (cm.actor, cm.kind, ev.start, ev.end, cm.text_start, max(cm.text_end, cm.text_start))
            if key in seen:  # the same commitment twice (facts made by hand): stored once
                continue
            seen.add(key)
            actor_code = None if actor is None else self.lookups.country_by_id(self.conn, actor).iso3
            base = keys.commitment_base(self._article_key, cm.kind, actor_code, cm.text)
            repeats[base] = repeats.get(base, 0) + 1
            fact_key = keys.numbered(base, repeats[base])
            reused = self._reuse.get(("commitments", fact_key))
            rows.append({
                **({} if reused is None else {"id": reused}), "key": fact_key, "article_id": article_id, "call_id": call_id, "actor_id": actor,
                "speaker_id": people.get((cm.actor, cm.speaker)) if cm.speaker else None,
                "speaker_name": _clip(cm.speaker), "kind": cm.kind, "text": cm.text, "date": date,
                "sentence": ev.text, "start": ev.start, "end": ev.end, "text_start": cm.text_start,
                "text_end": max(cm.text_end, cm.text_start)})
            links.append((actor, sorted({c for c in others if c is not None and c != actor}), topics, date))
        for commitment_id, (actor, partners, topics, date) in zip(self._insert_commitments(rows), links):
            counterparts += [{"m": commitment_id, "c": c} for c in partners]
            topic_rows += [{"m": commitment_id, "t": t} for t in topics]
            if actor is not None:
                pair_rows += [{"m": commitment_id, "a": min(actor, c), "b": max(actor, c), "date": date}
                              for c in partners]
        report.commitments += len(rows)
        self._links("commitment_counterparts", counterparts)
        self._links("commitment_topics", topic_rows)
        self._links("commitment_pairs", pair_rows)

    def _links(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows of a link table nothing reads back during ingest (held back on SQLite)."""
        if rows and not self.pending.add_links(table, rows):
            self.sql.many(INSERT_LINKS[table], rows)

    def _insert_commitments(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert commitment rows (on SQLite: hold them back to the commit); return their ids."""
        if self.pending.enabled:
            return self.pending.add_commitments(rows)
        return [self.sql.value(_INSERT_COMMITMENT_WITH_ID if "id" in row else _INSERT_COMMITMENT, row)
                for row in rows]

    def _partnerships(self, article_id: int, facts: Facts, report: WriteReport) -> None:
        when = self.sql.date(article_date(facts))
        rows: dict[tuple[int, int, str], dict[str, Any]] = {}
        for p in facts.partnerships:
            level = " ".join(p.level.split()).lower()
            ends = [self._country(c, f"partnership {level!r}", report) for c in p.countries]
            if _UNKNOWN in ends or None in ends or len(set(ends)) != 2 or not level or len(level) > _NAME_MAX:
                continue
            first, second = sorted(ends, key=lambda cid: self.lookups.country_by_id(self.conn, cid).iso3)
            if (first, second, level) in rows:
                rows[(first, second, level)]["upgrade"] = rows[(first, second, level)]["upgrade"] or bool(p.upgrade)
                continue
            ev = p.evidence
            key = keys.partnership_key(self._article_key, self.lookups.country_by_id(self.conn, first).iso3,
                                       self.lookups.country_by_id(self.conn, second).iso3, level)
            reused = self._reuse.get(("partnerships", key))
            rows[(first, second, level)] = {
                **({} if reused is None else {"id": reused}), "key": key, "article_id": article_id, "a": first,
                "b": second, "level": level, "stated_on": when, "upgrade": bool(p.upgrade), "sentence": ev.text,
                "start": ev.start, "end": ev.end}
        self.sql.many(_INSERT_PARTNERSHIP, [r for r in rows.values() if "id" not in r])
        self.sql.many(_INSERT_PARTNERSHIP_WITH_ID, [r for r in rows.values() if "id" in r])
        report.partnerships += len(rows)


def _party_and_key(item: tuple[int, tuple[Party, str, str, Any, Any]]) -> tuple[Party, str]:
    return item[1][0], item[1][2]


def _pair_key(a: int, b: int) -> int:
    """The advisory lock key of a pair of country ids (a < b); two pairs may share one."""
    return (a * 65536 + b) % 2**31

