"""Which stored call a new report of a call is another report of (the merge rule).

Two reports are one engagement when they have

- the same medium;
- the same parties: the same set of countries and the same set of organisations (those of
  the participants who speak for one, the UN Secretary-General for the UN), one party or
  more, with at least one country (a call of organisations only is never merged). A call of
  one party alone (one country, no organisation: the other side unknown) merges only with
  a call of the same participants (``people``: the same leaders, or the same names or titles
  where no leader is known), since one country holds many meetings a day;
- compatible statuses: the same, or one planned and the other held (the call is then held);
- compatible dates, each report's date being a span of days (a day; a week, Monday to Sunday;
  a month, its first to its last day):
  - two days at most one day apart (two different meetings of one pair on consecutive days
    merge: a known limit);
  - a week or a month and another dated report: the coarser span contains the finer one ("this
    week" and "on Thursday" of that week; "in May" and a day or a week inside May; the same
    week; the same month). The call then takes the finer date (``refined``);
  - two undated reports (a call "soon", "in the coming days"): their articles' dates (the
    dateline's date, else the publication date) are at most ``UNDATED_WINDOW`` days apart from
    the date of every article that reports the call already. An undated report never merges
    with a dated one (a held call does not absorb an announced one: "will speak soon" may
    announce another call than the next one held), nor when its article has no date.

When several stored calls qualify, the new report joins the nearest: the smallest gap between
the spans (for undated reports: between the article dates), then the narrowest span, then the
nearest first day, then the oldest call. The rule depends on the order of arrival the way the
day's tolerance always did (reports of days 1, 2 and 3 make one call or two), and an undated
call's articles span at most ``UNDATED_WINDOW`` days whatever the order; a week's or a month's
call takes the day a report tells of it whichever report comes first (two days a day apart
keep the first report's).

The lookup reads the stored rows and, on SQLite, the rows held back until the commit
(``relations.storage.pending``). The decision is serialised by the caller (see
``relations.storage.writer``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..folding import fold
from .pending import PendingRows
from .sql import Cursor

UNDATED_WINDOW = 7  # days between the articles of one undated call
ONE_DAY = dt.timedelta(days=1)
_DAY = (None, "day")  # a date with no precision (facts made by hand, older loads) is a day
_WIDTH = {"day": 0, None: 0, "week": 1, "month": 2}
_LOOKBACK = dt.timedelta(days=31)  # a month's first day is at most 30 days before a day in it

_BY_PAIR = """SELECT c.id, c.date, c.status, c.date_precision,
       (SELECT count(*) FROM call_countries k WHERE k.call_id = c.id)
FROM call_pairs p JOIN calls c ON c.id = p.call_id
WHERE p.country_a_id = :a AND p.country_b_id = :b AND {when} AND c.medium = :medium"""
_BY_COUNTRY = """SELECT c.id, c.date, c.status, c.date_precision, 1
FROM call_countries k JOIN calls c ON c.id = k.call_id
WHERE k.country_id = :a AND {when} AND c.medium = :medium
AND NOT EXISTS (SELECT 1 FROM call_countries o WHERE o.call_id = c.id AND o.country_id <> :a)"""
_DATED = {"pair": "p.date >= :lo AND p.date <= :hi", "country": "c.date >= :lo AND c.date <= :hi"}
_UNDATED = {"pair": "p.date IS NULL", "country": "c.date IS NULL"}


@dataclass(frozen=True, slots=True)
class Report:
    """What the rule needs to know of one report of a call."""

    medium: str
    status: str
    date: dt.date | None
    precision: str | None
    countries: frozenset[int]
    organizations: frozenset[int]
    told_on: dt.date | None  # the date of the article that reports it
    people: frozenset[Any] = frozenset()  # who took part (``identity``), compared for a call of one party

    def can_merge(self) -> bool:
        return bool(self.countries) and (self.date is not None or self.told_on is not None)


def identity(leader_id: int | None, name: str | None, title: str | None) -> Any:
    """Who a participant is, to compare the participants of two calls of one party."""
    return leader_id if leader_id is not None else fold(name or title or "")


def span(date: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a date of this precision may mean."""
    if precision == "week":
        return date, _plus(date, 6)
    if precision == "month":
        return date, date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date, date


def _plus(date: dt.date, days: int) -> dt.date:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:  # 0001-01-01 and 9999-12-31 are valid dates
        return dt.date.max if days > 0 else dt.date.min


def same_status(stored: str, new: str) -> bool:
    """Whether two reports' statuses can be of one call (a planned call may since have been held)."""
    return stored == new or {stored, new} == {"planned", "held"}


def dates_match(stored: dt.date, stored_precision: str | None, date: dt.date, precision: str | None) -> bool:
    """Whether two dated reports can be of one call (see the module docstring)."""
    if stored_precision in _DAY and precision in _DAY:
        return abs((stored - date).days) <= 1
    (a, b), (c, d) = span(stored, stored_precision), span(date, precision)
    return (a <= c and d <= b) or (c <= a and b <= d)


def told_match(told: list[dt.date], told_on: dt.date) -> bool:
    """Whether an undated report of ``told_on`` can join an undated call its articles of
    ``told`` report (see the module docstring)."""
    return bool(told) and _plus(max(told), -UNDATED_WINDOW) <= told_on <= _plus(min(told), UNDATED_WINDOW)


def refined(stored: dt.date | None, stored_precision: str | None, date: dt.date | None,
            precision: str | None) -> bool:
    """Whether a joining report's date is finer than the stored call's (the call takes it)."""
    if stored is None or date is None:
        return False
    return _WIDTH.get(precision, 0) < _WIDTH.get(stored_precision, 0)


class CallMatcher:
    """Finds the stored (or held-back) call a report joins."""

    def __init__(self, cursor: Cursor, pending: PendingRows):
        self.sql = cursor
        self.pending = pending

    def find(self, report: Report) -> tuple[int, dt.date | None, str | None] | None:
        """(id, date, date precision) of the call ``report`` is another report of, or None."""
        if not report.can_merge():
            return None
        ids = sorted(report.countries)
        kind, params = ("pair", {"a": ids[0], "b": ids[1]}) if len(ids) > 1 else ("country", {"a": ids[0]})
        params["medium"] = report.medium
        if report.date is not None:
            first, last = span(report.date, report.precision)
            lo = first - _LOOKBACK if first > dt.date.min + _LOOKBACK else dt.date.min
            hi = last + ONE_DAY if last < dt.date.max else last
            params.update(lo=self.sql.date(lo), hi=self.sql.date(hi))
            when = _DATED[kind]
        else:
            when = _UNDATED[kind]
        found: dict[int, tuple[dt.date | None, str, str | None]] = {}
        query = (_BY_PAIR if kind == "pair" else _BY_COUNTRY).format(when=when)
        for call_id, date, status, precision, n in self.sql.all(query, params):
            if n == len(ids):
                found[call_id] = (Cursor.to_date(date), status, precision)
        stored = set(found)
        held_countries: dict[int, frozenset[int]] = {}
        for row, countries in self.pending.call_candidates(ids[0], ids[1] if len(ids) > 1 else 0):
            if (row["medium"] == report.medium and (row["date"] is None) == (report.date is None)
                    and countries == report.countries):
                found[row["id"]] = (Cursor.to_date(row["date"]), row["status"], row["precision"])
                held_countries[row["id"]] = countries
        found = {i: f for i, f in found.items() if same_status(f[1], report.status) and (
            report.date is None or dates_match(f[0], f[2], report.date, report.precision))}  # type: ignore[arg-type]
        if not found:
            return None
        countries = self._countries([i for i in found if i not in held_countries and len(ids) > 2])
        parties_ok = [i for i in found if i in held_countries or len(ids) <= 2 or
                      countries.get(i) == report.countries]
        orgs = self._organizations(parties_ok, stored)
        candidates = [i for i in parties_ok if orgs.get(i, frozenset()) == report.organizations]
        if len(ids) == 1 and not report.organizations:
            people = self._people(candidates, stored)
            candidates = [i for i in candidates if people.get(i, frozenset()) == report.people]
        if report.date is None:
            told = self._told(candidates, stored)
            ranked = [((abs((min(told[i]) - report.told_on).days), i), i) for i in candidates  # type: ignore[operator]
                      if told_match(told.get(i, []), report.told_on)]  # type: ignore[arg-type]
        else:
            first, last = span(report.date, report.precision)
            ranked = []
            for i in candidates:
                a, b = span(found[i][0], found[i][2])  # type: ignore[arg-type]
                gap = max((first - b).days, (a - last).days, 0)
                ranked.append(((gap, (b - a).days, abs((a - first).days), i), i))
        if not ranked:
            return None
        best = min(ranked)[1]
        return best, found[best][0], found[best][2]

    def _countries(self, call_ids: list[int]) -> dict[int, frozenset[int]]:
        out: dict[int, set[int]] = {}
        for chunk in _chunks(call_ids):
            names = {f"c{n}": c for n, c in enumerate(chunk)}
            for call_id, country_id in self.sql.all(
                    f"SELECT call_id, country_id FROM call_countries WHERE call_id IN ({_marks(names)})", names):
                out.setdefault(call_id, set()).add(country_id)
        return {k: frozenset(v) for k, v in out.items()}

    def _organizations(self, call_ids: list[int], stored: set[int]) -> dict[int, frozenset[int]]:
        """The organisations of the calls' participants, stored and held back."""
        out: dict[int, set[int]] = {}
        for chunk in _chunks([i for i in call_ids if i in stored]):
            names = {f"c{n}": c for n, c in enumerate(chunk)}
            for call_id, org_id in self.sql.all(
                    "SELECT DISTINCT call_id, organization_id FROM call_participants "
                    f"WHERE organization_id IS NOT NULL AND call_id IN ({_marks(names)})", names):
                out.setdefault(call_id, set()).add(org_id)
        for call_id in call_ids:
            for row in self.pending.participants_of(call_id):
                if row["organization_id"] is not None:
                    out.setdefault(call_id, set()).add(row["organization_id"])
        return {k: frozenset(v) for k, v in out.items()}

    def _people(self, call_ids: list[int], stored: set[int]) -> dict[int, frozenset[Any]]:
        """Who took part in each call (``identity``), stored and held back."""
        out: dict[int, set[Any]] = {}
        for chunk in _chunks([i for i in call_ids if i in stored]):
            names = {f"c{n}": c for n, c in enumerate(chunk)}
            for call_id, leader_id, name, title in self.sql.all(
                    f"SELECT call_id, leader_id, name, title FROM call_participants WHERE call_id IN ({_marks(names)})",
                    names):
                out.setdefault(call_id, set()).add(identity(leader_id, name, title))
        for call_id in call_ids:
            for row in self.pending.participants_of(call_id):
                out.setdefault(call_id, set()).add(identity(row["leader_id"], row["name"], row["title"]))
        return {k: frozenset(v) for k, v in out.items()}

    def _told(self, call_ids: list[int], stored: set[int]) -> dict[int, list[dt.date]]:
        """The dates of the articles that report each call (stored and held back; undated ones left out)."""
        out: dict[int, list[dt.date]] = {}
        for chunk in _chunks([i for i in call_ids if i in stored]):
            names = {f"c{n}": c for n, c in enumerate(chunk)}
            for call_id, told in self.sql.all(
                    "SELECT s.call_id, coalesce(a.dateline_date, a.published) FROM call_sources s "
                    f"JOIN articles a ON a.id = s.article_id WHERE s.call_id IN ({_marks(names)})", names):
                if told is not None:
                    out.setdefault(call_id, []).append(Cursor.to_date(told))  # type: ignore[arg-type]
        if self.pending.enabled and call_ids:
            wanted = set(call_ids)
            sources = [r for r in self.pending.links["call_sources"] if r["call"] in wanted]
            if sources:
                articles = {r["id"]: r for r in self.pending.articles}
                for r in sources:
                    article = articles.get(r["article"])
                    told = _article_told(article) if article is not None else self._stored_told(r["article"])
                    if told is not None:
                        out.setdefault(r["call"], []).append(told)
        return out

    def _stored_told(self, article_id: int) -> dt.date | None:
        row = self.sql.one("SELECT coalesce(dateline_date, published) FROM articles WHERE id = :a", {"a": article_id})
        return None if row is None else Cursor.to_date(row[0])

    def redate(self, call_id: int, date: dt.date, precision: str | None, date_text: str | None) -> None:
        """Give a call a finer date (a joining report's), with its pairs."""
        held = self.pending.held_call(call_id)
        value = self.sql.date(date)
        if held is not None:
            held.update(date=value, precision=precision, date_text=date_text)
            for row in self.pending.links["call_pairs"]:
                if row["call"] == call_id:
                    row["date"] = value
            return
        self.sql.run("UPDATE calls SET date = :d, date_precision = :p, date_text = :t WHERE id = :c",
                     {"d": value, "p": precision, "t": date_text, "c": call_id})
        self.sql.run("UPDATE call_pairs SET date = :d WHERE call_id = :c", {"d": value, "c": call_id})


def _article_told(row: dict[str, Any]) -> dt.date | None:
    return Cursor.to_date(row.get("dateline_date") or row.get("published"))


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _marks(names: dict[str, int]) -> str:
    return ", ".join(":" + n for n in names)
