"""Known leaders (``seeds/leaders.tsv``): which one a name or title means in an article."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .gazetteer import Gazetteer, Hit, fold
from .lexicon import column, rows


def known(gaz: Gazetteer, name: str, title: str | None, date: dt.date | None,
           country: str | None, org: str | None) -> int | None:
    key = fold(name)
    idx = gaz.leader_by_alias.get(key)
    if not idx and key.count(" ") == 1:
        a, b = key.split(" ")
        idx = gaz.leader_by_alias.get(f"{b} {a}")  # "KISHIDA Fumio": family name first
    if not idx:
        return None
    return _choose(gaz, idx, title, date, country, org, single=" " not in name.strip())


@lru_cache(maxsize=1)
def _generic_titles() -> frozenset[str]:
    """Titles that rule out no leader's office (lexicon/generic_titles.tsv)."""
    return frozenset(column("generic_titles", "title"))


@lru_cache(maxsize=1)
def _office_groups() -> dict[str, str]:
    """One office under several names (lexicon/office_synonyms.tsv)."""
    return {fold(r["office"]): r["group"] for r in rows("office_synonyms", "office", "group")}


def _office_fits(office: str, title: str) -> bool:
    a, b = fold(office).replace("-", " "), fold(title).replace("-", " ")
    if a == b or a in b or b in a:
        return True
    group = _office_groups().get(a)
    return group is not None and group == _office_groups().get(b)


def pick_leader(gaz: Gazetteer, hit: Hit, title: str | None, date: dt.date | None,
                 country: str | None, org: str | None, after_name: bool) -> int | None:
    """The known leader a gazetteer hit names here, or None when none fits the context."""
    cands = hit.info.leaders
    single = " " not in hit.text
    if single and after_name:
        return None  # "Julie Chavez Rodriguez" is not Hugo Chavez
    return _choose(gaz, cands, title, date, country, org, single)


def _choose(gaz: Gazetteer, cands: list[int], title: str | None, date: dt.date | None,
            country: str | None, org: str | None, single: bool) -> int | None:
    best, best_score = None, -1
    for li in cands:
        rec = gaz.leaders[li]
        if country and rec.country != country:
            continue
        if org and rec.organization != org:
            continue
        office = title is None or title in _generic_titles() or any(_office_fits(t.office, title) for t in rec.terms)
        if not office:
            continue  # "Speaker Johnson" is not Prime Minister Johnson
        in_office = date is None or gaz.in_office(li, date)
        if single and not in_office and title is None:
            continue  # a surname alone names the one who held office then
        score = 2 * in_office + (title is not None and any(_office_fits(t.office, title) for t in rec.terms))
        if score > best_score:
            best, best_score = li, score
    return best


def holder(gaz: Gazetteer, country: str, title: str | None, date: dt.date | None) -> int | None:
    """The known leader who held ``title`` for ``country`` on ``date``."""
    if not title or date is None:
        return None
    for i, t in gaz.offices.get((country, fold(title)), ()):
        if (t.start is None or t.start <= date) and (t.end is None or date <= t.end):
            return i
    return None
