"""What a chart shows, computed from stored rows: lanes (rows of the picture) and marks.

A pair's chart (``pair_chart``) has a lane per call medium, a lane per commitment kind and a
lane of partnership levels drawn as bands (from a level's first statement to the next
level's, or to the end), each upgrade a mark of its own. A country's chart
(``country_chart``) has a lane per partner, busiest first, and one mark a year sized by the
number of calls. Each mark carries the text shown when it is hovered or clicked: the
sentence, the source, the title and the date, as plain strings (``page`` escapes them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..analysis.partnership_history import history
from ..models import CALL_MEDIA, COMMITMENT_KINDS
from ..storage import queries
from ..storage.lookups import Lookups
from ..storage.rows import CallRow, CommitmentRow, Source

MEDIUM_COLOURS = {"phone": "#1f77b4", "video": "#9467bd", "in_person": "#2ca02c"}
KIND_COLOURS = {"pledge": "#ff7f0e", "proposal": "#bcbd22", "agreement": "#2ca02c", "support": "#17becf",
                "opposition": "#d62728"}
BAND_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5")
UPGRADE_COLOUR = "#08306b"
MAX_PARTNERS = 30  # lanes of a country's chart; the rest are counted in its subtitle


class Mark(NamedTuple):
    lane: int
    start: dt.date
    end: dt.date | None  # a band's end; None for a point
    colour: str
    shape: str  # dot | hollow (planned) | cross (denied) | band | diamond (upgrade)
    label: str  # one line: what it is
    details: tuple[tuple[str, str], ...]  # (field, text) pairs shown on hover or click
    size: float = 1.0  # a point's area, relative

    def to_dict(self) -> dict[str, Any]:
        return {"lane": self.lane, "start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None,
                "colour": self.colour, "shape": self.shape, "label": self.label, "details": [list(d) for d in self.details],
                "size": self.size}


class Chart(NamedTuple):
    title: str
    subtitle: str
    lanes: tuple[str, ...]
    start: dt.date
    end: dt.date
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, str, str], ...]  # (colour, shape, what)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "subtitle": self.subtitle, "lanes": list(self.lanes),
                "start": self.start.isoformat(), "end": self.end.isoformat(),
                "marks": [m.to_dict() for m in self.marks], "legend": [list(x) for x in self.legend]}


def _evidence(source: Source) -> list[tuple[str, str]]:
    out = [("sentence", source.sentence or "")]
    out.append(("source", ", ".join(x for x in (source.source, source.published and source.published.isoformat()) if x)
                or f"article {source.article_id}"))
    if source.title:
        out.append(("title", source.title))
    if source.url:
        out.append(("url", source.url))
    out.append(("article", str(source.article_id)))
    return out


def _call_mark(lane: int, c: CallRow) -> Mark:
    shape = {"planned": "hollow", "denied": "cross"}.get(c.status, "dot")
    what = f"{c.medium.replace('_', ' ')} {'meeting' if c.medium == 'in_person' else 'call'} ({c.status})"
    details = [("date", c.date.isoformat() if c.date else ""), ("call", f"{c.id}: {what}"),
               ("participants", "; ".join(str(p) for p in c.participants))]
    if c.place:
        details.append(("place", str(c.place) + (f"; host {c.place.host}" if c.place.host else "")))
        what += f" in {c.place}"
    for s in c.sources:
        details += _evidence(s)
    return Mark(lane, c.date, None, MEDIUM_COLOURS[c.medium], shape, f"{c.date}: {what}", tuple(details))  # type: ignore[arg-type]


def _commitment_mark(lane: int, m: CommitmentRow) -> Mark:
    details = [("date", m.date.isoformat() if m.date else ""), ("commitment", f"{m.id}: {m.actor or '?'} {m.kind}"),
               ("text", m.text), ("topics", "; ".join(m.topics)), *_evidence(m.source)]
    return Mark(lane, m.date, None, KIND_COLOURS[m.kind], "dot", f"{m.date}: {m.actor or '?'} {m.kind}: {m.text}",  # type: ignore[arg-type]
                tuple(details))


def _span(days: list[dt.date], since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date]:
    lo = since or min(days, default=dt.date.today())
    hi = until or max(days, default=lo)
    if hi <= lo:
        lo, hi = lo - dt.timedelta(days=15), hi + dt.timedelta(days=15)
    return lo, hi


def pair_chart(conn: sa.Connection, lookups: Lookups, a: int, b: int, since: dt.date | None = None,
               until: dt.date | None = None) -> Chart:
    """The dated calls, commitments and partnership levels of countries ``a`` and ``b`` (ids)."""
    events = queries.timeline(conn, lookups, a, b, since, until)
    mediums = [f"calls: {m.replace('_', ' ')}" for m in CALL_MEDIA]
    kinds = [f"commitments: {k}" for k in COMMITMENT_KINDS]
    lanes = (*mediums, *kinds, "partnership")
    marks: list[Mark] = []
    for e in events:
        if isinstance(e.item, CallRow):
            marks.append(_call_mark(CALL_MEDIA.index(e.item.medium), e.item))
        elif isinstance(e.item, CommitmentRow):
            marks.append(_commitment_mark(len(mediums) + COMMITMENT_KINDS.index(e.item.kind), e.item))
    days = [e.date for e in events]
    start, end = _span(days, since, until)
    hist = history(conn, lookups, a, b)
    band_lane = len(lanes) - 1
    levels = [lv for lv in hist.levels if lv.first_stated is not None]
    for i, lv in enumerate(levels):
        lo = max(lv.first_stated, start)  # type: ignore[type-var]
        hi = min(levels[i + 1].first_stated, end) if i + 1 < len(levels) else end  # type: ignore[type-var]
        if lv.first_stated > end or hi < lo:  # type: ignore[operator]
            continue
        details = [("level", lv.level), ("first stated", str(lv.first_stated)), ("last stated", str(lv.last_stated)),
                   ("statements", str(lv.statements)), *_evidence(lv.sources[0])]
        marks.append(Mark(band_lane, lo, hi, BAND_COLOURS[i % len(BAND_COLOURS)], "band",
                          f"{lv.first_stated}: {lv.level}", tuple(details)))
    for up in hist.upgrades:
        if up.date is not None and start <= up.date <= end:
            details = [("date", up.date.isoformat()), ("upgrade", f"to {up.level}"),
                       ("previous level", up.previous_level or ""), *_evidence(up.source)]
            marks.append(Mark(band_lane, up.date, None, UPGRADE_COLOUR, "diamond", f"{up.date}: upgraded to {up.level}",
                              tuple(details)))
    x, y = (lookups.country_by_id(conn, c) for c in (a, b))
    legend = tuple((colour, "dot", f"{m.replace('_', ' ')} call") for m, colour in MEDIUM_COLOURS.items())
    legend += (("#555", "hollow", "planned"), ("#555", "cross", "denied"))
    legend += tuple((colour, "dot", kind) for kind, colour in KIND_COLOURS.items())
    legend += ((BAND_COLOURS[0], "band", "partnership level"), (UPGRADE_COLOUR, "diamond", "upgrade"))
    n_calls = sum(isinstance(e.item, CallRow) for e in events)
    n_commitments = sum(isinstance(e.item, CommitmentRow) for e in events)
    subtitle = f"{n_calls} calls, {n_commitments} commitments, {len(levels)} partnership levels, {start} to {end}"
    return Chart(f"{x.name} and {y.name}", subtitle, lanes, start, end, tuple(marks), legend)


def country_chart(conn: sa.Connection, lookups: Lookups, a: int, since: dt.date | None = None,
                  until: dt.date | None = None) -> Chart:
    """Who country ``a`` (id) had calls with, by year: a lane per partner, the busiest first."""
    me = lookups.country_by_id(conn, a)
    per: dict[tuple[str, int], list[CallRow]] = defaultdict(list)
    totals: Counter[str] = Counter()
    days: list[dt.date] = []
    for c in queries.calls(conn, lookups, [a], since=since, until=until):
        if c.date is None:
            continue
        days.append(c.date)
        for partner in c.countries:
            if partner != me.iso3:
                per[(partner, c.date.year)].append(c)
                totals[partner] += 1
    partners = [p for p, _n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown, hidden = partners[:MAX_PARTNERS], partners[MAX_PARTNERS:]
    lo, hi = _span(days, since, until)
    start, end = min(lo, dt.date(lo.year, 1, 1)), max(hi, dt.date(hi.year, 12, 31))
    biggest = max((len(v) for v in per.values()), default=1)
    marks = []
    for lane, partner in enumerate(shown):
        for year in range(start.year, end.year + 1):
            calls = per.get((partner, year))
            if not calls:
                continue
            media = Counter(c.medium.replace("_", " ") for c in calls)
            details = [("partner", partner), ("year", str(year)), ("calls", str(len(calls))),
                       ("by medium", ", ".join(f"{n} {m}" for m, n in sorted(media.items())))]
            for c in calls:
                details.append(("call", f"{c.date}: {c.medium.replace('_', ' ')} ({c.status})"))
                details += _evidence(c.sources[0]) if c.sources else []
            marks.append(Mark(lane, dt.date(year, 7, 1), None, MEDIUM_COLOURS[media.most_common(1)[0][0].replace(" ", "_")], "dot",
                              f"{partner} {year}: {len(calls)} call{'s' if len(calls) != 1 else ''}",
                              tuple(details), size=len(calls) / biggest))
    subtitle = f"calls by partner and year, {sum(totals.values())} in all, {start.year} to {end.year}"
    if hidden:
        subtitle += f"; {len(hidden)} more partners not shown"
    legend = tuple((colour, "dot", f"mostly {m.replace('_', ' ')}") for m, colour in MEDIUM_COLOURS.items())
    return Chart(f"{me.name} and its partners", subtitle, tuple(shown), start, end, tuple(marks), legend)
