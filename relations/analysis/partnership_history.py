"""Partnership history: each named level a pair's relationship was given, over time.

From the stored ``partnerships`` rows of one pair: one ``LevelRow`` per level, with the day it
was first and last stated, how often and where; and one ``UpgradeRow`` per statement that the
relationship was raised to a level ("elevated their ties to a comprehensive strategic
partnership", read by ``relations.extraction.partnerships``), with the level stated before
it. Undated statements count in ``statements`` but give no first or last day. The view
``partnership_history`` (migration 0010) holds the same per statement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..storage.lookups import Lookups
from ..storage.rows import Source, _to_dict


class LevelRow(NamedTuple):
    """One named level of a pair's relationship, from its first statement to its last."""

    countries: tuple[str, str]  # ISO3, alphabetical
    level: str
    first_stated: dt.date | None
    last_stated: dt.date | None
    statements: int
    upgraded_on: dt.date | None  # the first statement that ties were raised to it
    sources: tuple[Source, ...]  # oldest first

    event = "level"

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, **_to_dict(self)}


class UpgradeRow(NamedTuple):
    """A statement that the pair's relationship was raised to ``level``."""

    countries: tuple[str, str]
    date: dt.date | None
    level: str
    previous_level: str | None  # the pair's latest other level stated before that day
    source: Source

    event = "upgrade"

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, **_to_dict(self)}


class History(NamedTuple):
    levels: tuple[LevelRow, ...]  # by first statement
    upgrades: tuple[UpgradeRow, ...]  # by date

    def rows(self) -> list[LevelRow | UpgradeRow]:
        """Levels and upgrades in one list by date (an upgrade before the level it made)."""
        def key(r: LevelRow | UpgradeRow) -> tuple[bool, dt.date, int, str]:
            day = r.date if isinstance(r, UpgradeRow) else r.first_stated
            return (day is None, day or dt.date.min, 0 if isinstance(r, UpgradeRow) else 1, r.level)
        return sorted([*self.upgrades, *self.levels], key=key)


def history(conn: sa.Connection, lookups: Lookups, a: int, b: int) -> History:
    """The partnership levels of countries ``a`` and ``b`` (ids) and their upgrades."""
    iso = {cid: lookups.country_by_id(conn, cid).iso3 for cid in (a, b)}
    first, second = sorted((a, b), key=iso.__getitem__)
    pair = (iso[first], iso[second])
    found = conn.execute(sa.text(
        'SELECT p.id, p.stated_on, p.level, p.upgrade, p.article_id, ar.source, ar.title, ar.url, ar.published, '
        'p.sentence, p.start, p."end" FROM partnerships p JOIN articles ar ON ar.id = p.article_id '
        "WHERE p.country_a_id = :a AND p.country_b_id = :b "
        "ORDER BY CASE WHEN p.stated_on IS NULL THEN 1 ELSE 0 END, p.stated_on, p.id"),
        {"a": first, "b": second}).all()
    by_level: dict[str, list[Any]] = {}
    upgrades: list[UpgradeRow] = []
    for r in found:
        stated_on = _date(r.stated_on)
        source = Source(r.article_id, r.source, r.title, r.url, _date(r.published), r.sentence, r.start, r.end)
        by_level.setdefault(r.level, []).append((stated_on, bool(r.upgrade), source))
        if r.upgrade:
            before = [x for x in found if x.level != r.level and x.stated_on is not None and stated_on is not None
                      and _date(x.stated_on) < stated_on]
            upgrades.append(UpgradeRow(pair, stated_on, r.level, before[-1].level if before else None, source))
    levels = []
    for level, items in by_level.items():
        days = [d for d, _u, _s in items if d is not None]
        levels.append(LevelRow(pair, level, min(days, default=None), max(days, default=None), len(items),
                               min((d for d, u, _s in items if u and d), default=None),
                               tuple(s for _d, _u, s in items)))
    levels.sort(key=lambda r: (r.first_stated is None, r.first_stated or dt.date.min, r.level))
    return History(tuple(levels), tuple(upgrades))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
