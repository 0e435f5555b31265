"""Write one article's facts into the database, merging them with what is already there.

``FactsWriter.write`` runs inside the caller's transaction (one per article) and never commits:

- countries resolve to the reference rows by ISO3; a fact naming a country the reference data
  lacks is skipped with a warning, and the rest is stored;
- people resolve to known leaders by name key, alias or unique surname within their country
  (or organization); a new leader is inserted with ``ON CONFLICT DO NOTHING`` and read back, so
  two writers never create the same person twice;
- a call that another article already reported (same countries, same medium, dates within a
  day, compatible status) is the same call: this article becomes one more of its sources;
- commitments and partnerships keep their sentence and offsets, and link to their call.

Rows are written with one executemany per table, not one statement per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..facts import Call, Facts, Person
from ..models import (
    ArticleLeader,
    CallParticipant,
    CallSource,
    Commitment,
    Leader,
    Partnership,
    call_countries,
    call_pairs,
    commitment_counterparts,
    commitment_pairs,
    commitment_topics,
    fold,
)
from ..models import Call as CallRow
from .lookups import Lookups, Party

ONE_DAY = dt.timedelta(days=1)
_NAME_MAX = 300
_CALL_LOCK = 0x63616C6C  # "call": advisory lock namespace for matching calls on PostgreSQL

_calls = CallRow.__table__
_participants = CallParticipant.__table__
_sources = CallSource.__table__
_commitments = Commitment.__table__
_partnerships = Partnership.__table__
_article_leaders = ArticleLeader.__table__
_leaders = Leader.__table__


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


def pairs(ids: list[int] | tuple[int, ...]) -> list[tuple[int, int]]:
    """Every unordered pair of distinct ids, the smaller first."""
    s = sorted(set(ids))
    return [(s[i], s[j]) for i in range(len(s)) for j in range(i + 1, len(s))]


class FactsWriter:
    def __init__(self, conn: sa.Connection, lookups: Lookups):
        self.conn = conn
        self.lookups = lookups
        self.dialect = conn.dialect.name

    # -- resolving ----------------------------------------------------------------------------

    def _country(self, iso3: str | None, what: str, report: WriteReport) -> int | None | bool:
        """The country id, None for no country, or False (with a warning) for an unknown one."""
        if iso3 is None:
            return None
        country_id = self.lookups.country_id(self.conn, iso3)
        if country_id is None:
            report.warnings.append(f"country {iso3!r} is not in the reference data: {what} skipped")
            return False
        return country_id

    def _party(self, person: Person, report: WriteReport) -> tuple[int | None, int | None]:
        """(country_id, organization_id) of a person; at most one is set."""
        if person.country:
            country_id = self.lookups.country_id(self.conn, person.country)
            if country_id is not None:
                return country_id, None
            report.warnings.append(f"country {person.country!r} of {person.name or person.title or 'a person'} "
                                   "is not in the reference data: stored without it")
        if person.organization:
            return None, self.lookups.organization_id(self.conn, person.organization)
        return None, None

    def _leader(self, person: Person, country_id: int | None, org_id: int | None, report: WriteReport) -> int | None:
        """The leader a named person is, found or created; None for an unnamed or partyless one."""
        name = (person.name or "").strip()
        if not name or len(name) > _NAME_MAX or (country_id is None and org_id is None):
            return None
        party: Party = ("c", country_id) if country_id is not None else ("o", org_id)  # type: ignore[assignment]
        found = self.lookups.find_leader(self.conn, party, name)
        if found is not None:
            return found
        row = {"name": name, "country_id": country_id, "organization_id": org_id}
        insert = (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(_leaders)
        new_id = self.conn.execute(insert.on_conflict_do_nothing().returning(_leaders.c.id), row).scalar()
        if new_id is None:  # another writer created it meanwhile
            party_col = _leaders.c.country_id if country_id is not None else _leaders.c.organization_id
            new_id = self.conn.execute(
                sa.select(_leaders.c.id).where(_leaders.c.name_key == fold(name), party_col == party[1])
            ).scalar_one()
        else:
            report.leaders_new += 1
        self.lookups.add_leader(party, name, new_id)
        return new_id

    # -- writing ------------------------------------------------------------------------------

    def write(self, article_id: int, facts: Facts) -> WriteReport:
        report = WriteReport()
        when = article_date(facts)
        people: dict[tuple[str | None, str], int] = {}  # (ISO3, name) -> leader id, for speakers
        mentions: dict[int, dict[str, Any]] = {}
        for person in facts.leaders:
            country_id, org_id = self._party(person, report)
            leader_id = self._leader(person, country_id, org_id, report)
            if leader_id is not None:
                people[(person.country, person.name or "")] = leader_id
                mentions.setdefault(leader_id, {"article_id": article_id, "leader_id": leader_id,
                                                "name": _clip(person.name), "title": _clip(person.title)})
        if mentions:
            self.conn.execute(sa.insert(_article_leaders), list(mentions.values()))

        call_ids = [self._call(article_id, call, people, report) for call in facts.calls]
        self._commitments(article_id, facts, call_ids, people, when, report)
        self._partnerships(article_id, facts, when, report)
        return report

    def _call(self, article_id: int, call: Call, people: dict, report: WriteReport) -> int | None:
        what = f"call of {call.date or 'unknown date'}"
        ids = []
        for iso3 in call.countries:
            country_id = self._country(iso3, what, report)
            if country_id is False:
                return None
            ids.append(country_id)
        ids = sorted(set(ids))
        initiator = self._country(call.initiator, f"initiator of the {what}", report) if call.initiator else None
        initiator = initiator or None
        call_id = self._matching_call(call, ids)
        participants = []
        for person in call.participants:
            country_id, org_id = self._party(person, report)
            leader_id = people.get((person.country, person.name or "")) or self._leader(person, country_id, org_id, report)
            participants.append({"leader_id": leader_id, "country_id": country_id, "organization_id": org_id,
                                 "name": _clip(person.name), "title": _clip(person.title)})
        if call_id is None:
            call_id = self.conn.execute(
                sa.insert(_calls).returning(_calls.c.id),
                {"medium": call.medium, "status": call.status, "date": call.date,
                 "date_precision": call.date_precision if call.date else None,
                 "date_text": _clip(call.date_text), "initiator_id": initiator},
            ).scalar_one()
            report.calls_new += 1
            if ids:
                self.conn.execute(sa.insert(call_countries), [{"call_id": call_id, "country_id": c} for c in ids])
            if len(ids) > 1:
                self.conn.execute(sa.insert(call_pairs), [
                    {"call_id": call_id, "country_a_id": a, "country_b_id": b, "date": call.date} for a, b in pairs(ids)
                ])
            new = participants
        else:
            report.calls_merged += 1
            new = self._join_call(call_id, call, initiator, participants)
        if new:
            self.conn.execute(sa.insert(_participants), [{"call_id": call_id, **p} for p in new])
        ev = call.evidence
        self.conn.execute(sa.insert(_sources), {"call_id": call_id, "article_id": article_id, "sentence": ev.text,
                                                "start": ev.start, "end": ev.end, "date_text": _clip(call.date_text)})
        return call_id

    def _matching_call(self, call: Call, ids: list[int]) -> int | None:
        """The stored call this one is another report of, if any (see the module docstring)."""
        if call.date is None or len(ids) < 2:
            return None
        a, b = ids[0], ids[1]
        if self.dialect == "postgresql":  # serialise writers matching calls of the same pair
            self.conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_CALL_LOCK, a * 65536 + b)))
        c = _calls.c
        rows = self.conn.execute(
            sa.select(c.id, c.date, c.status, c.date_precision,
                      sa.select(sa.func.count()).select_from(call_countries)
                      .where(call_countries.c.call_id == c.id).scalar_subquery().label("n"))
            .join_from(call_pairs, _calls, call_pairs.c.call_id == c.id)
            .where(call_pairs.c.country_a_id == a, call_pairs.c.country_b_id == b,
                   call_pairs.c.date.between(call.date - ONE_DAY, call.date + ONE_DAY), c.medium == call.medium)
            .order_by(c.id)
        ).all()
        candidates = []
        for r in rows:
            if r.n != len(ids) or not _same_status(r.status, call.status):
                continue
            if not (r.date_precision in (None, "day") and call.date_precision in (None, "day")) and (
                    r.date != call.date or r.date_precision != call.date_precision):
                continue
            candidates.append(r)
        if len(ids) > 2 and candidates:
            sets: dict[int, set[int]] = {}
            for call_id, country_id in self.conn.execute(
                    sa.select(call_countries.c.call_id, call_countries.c.country_id)
                    .where(call_countries.c.call_id.in_([r.id for r in candidates]))):
                sets.setdefault(call_id, set()).add(country_id)
            candidates = [r for r in candidates if sets.get(r.id) == set(ids)]
        if not candidates:
            return None
        best = min(candidates, key=lambda r: (abs((r.date - call.date).days), r.id))
        return best.id

    def _join_call(self, call_id: int, call: Call, initiator: int | None, participants: list[dict]) -> list[dict]:
        """Make this article's report part of the stored call; return the participants it adds."""
        c = _calls.c
        row = self.conn.execute(sa.select(c.status, c.initiator_id).where(c.id == call_id)).one()
        changes: dict[str, Any] = {}
        if row.status == "planned" and call.status == "held":
            changes["status"] = "held"
        if row.initiator_id is None and initiator is not None:
            changes["initiator_id"] = initiator
        if changes:
            self.conn.execute(sa.update(_calls).where(c.id == call_id).values(**changes))
        p = _participants.c
        known = self.conn.execute(sa.select(p.leader_id, p.name, p.country_id).where(p.call_id == call_id)).all()
        leaders = {r.leader_id for r in known if r.leader_id is not None}
        names = {(r.name, r.country_id) for r in known}
        new = []
        for part in participants:
            if part["leader_id"] in leaders or (part["leader_id"] is None and (part["name"], part["country_id"]) in names):
                continue
            leaders.add(part["leader_id"])
            names.add((part["name"], part["country_id"]))
            new.append(part)
        return new

    def _commitments(self, article_id: int, facts: Facts, call_ids: list[int | None], people: dict,
                     when: dt.date | None, report: WriteReport) -> None:
        rows, links = [], []
        for cm in facts.commitments:
            what = f"{cm.kind} {cm.text[:40]!r}"
            actor = self._country(cm.actor, what, report)
            others = [self._country(c, what, report) for c in cm.counterparts]
            if actor is False or False in others:
                continue
            topics = []
            for name in cm.topics:
                topic_id = self.lookups.topic_id(self.conn, name)
                if topic_id is None:
                    report.warnings.append(f"topic {name!r} is not in the reference data: left off {what}")
                elif topic_id not in topics:
                    topics.append(topic_id)
            call_id = call_ids[cm.call] if cm.call is not None and 0 <= cm.call < len(call_ids) else None
            call = facts.calls[cm.call] if call_id is not None else None
            date = call.date if call is not None and call.date else when
            ev = cm.evidence
            rows.append({"article_id": article_id, "call_id": call_id, "actor_id": actor,
                         "speaker_id": people.get((cm.actor, cm.speaker or "")) if cm.speaker else None,
                         "speaker_name": _clip(cm.speaker), "kind": cm.kind, "text": cm.text, "date": date,
                         "sentence": ev.text, "start": ev.start, "end": ev.end,
                         "text_start": cm.text_start, "text_end": max(cm.text_end, cm.text_start)})
            links.append((actor, sorted({c for c in others if c is not None and c != actor}), topics, date))
        if not rows:
            return
        ids = self.conn.execute(
            sa.insert(_commitments).returning(_commitments.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        report.commitments += len(ids)
        counterparts, topic_rows, pair_rows = [], [], []
        for commitment_id, (actor, others, topics, date) in zip(ids, links):
            counterparts += [{"commitment_id": commitment_id, "country_id": c} for c in others]
            topic_rows += [{"commitment_id": commitment_id, "topic_id": t} for t in topics]
            if actor is not None:
                pair_rows += [{"commitment_id": commitment_id, "country_a_id": min(actor, c),
                               "country_b_id": max(actor, c), "date": date} for c in others]
        for table, batch in ((commitment_counterparts, counterparts), (commitment_topics, topic_rows),
                             (commitment_pairs, pair_rows)):
            if batch:
                self.conn.execute(sa.insert(table), batch)

    def _partnerships(self, article_id: int, facts: Facts, when: dt.date | None, report: WriteReport) -> None:
        rows: dict[tuple[int, int, str], dict[str, Any]] = {}
        for p in facts.partnerships:
            level = p.level.strip().lower()
            what = f"partnership {level!r}"
            ends = [self._country(c, what, report) for c in p.countries]
            if False in ends or None in ends or ends[0] == ends[1] or not level or len(level) > _NAME_MAX:
                continue
            first, second = sorted(ends, key=lambda cid: self.lookups.country_by_id(self.conn, cid).iso3)
            ev = p.evidence
            rows.setdefault((first, second, level), {
                "article_id": article_id, "country_a_id": first, "country_b_id": second, "level": level,
                "stated_on": when, "sentence": ev.text, "start": ev.start, "end": ev.end})
        if rows:
            self.conn.execute(sa.insert(_partnerships), list(rows.values()))
            report.partnerships += len(rows)


def _same_status(stored: str, new: str) -> bool:
    """Whether two reports' statuses can be of one call (a planned call may since have been held)."""
    return stored == new or {stored, new} == {"planned", "held"}


def _clip(value: str | None) -> str | None:
    """A short text column's value: None, or at most 300 characters."""
    return None if value is None else value[:_NAME_MAX]
