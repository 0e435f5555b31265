"""Calls being read: one draft a trigger, merged when a later sentence tells the same engagement again, then finished into ``Call``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import reference
from ...facts import Call, Evidence, Person
from .. import dates
from ..context import ArticleContext
from ..mentions import Mention
from ..sentences import Sentence


@dataclass(slots=True)
class Draft:
    medium: str
    explicit_medium: bool
    status: str
    date: dates.ResolvedDate | None
    parties: set[str]  # ISO3 codes
    orgs: set[str]
    participants: list[int]  # person indices
    initiator: str | None
    sentence: Sentence
    background: bool = False
    date_text: str | None = None
    extra: list[Mention] = field(default_factory=list)
    ref: object = None  # the article's reference date
    definite: bool = False  # "during the telephone conversation": a call already told
    discussed: bool = False  # "informed X about the talks between A and B": what is talked about
    trigger: tuple[int, int] = (0, 0)  # where its trigger stands in the text
    bare: bool = False  # read from a bare "conversation" / "discussions" (lexicon flag bare)
    round: tuple[str, list[str]] | None = None  # (side, counterparts): a round of bilateral calls to split
    bilateral: bool = False  # "a bilateral meeting": never the same engagement as one of more sides
    later: bool = False  # "later in the day", "afterwards": an engagement after the one told before


def merge(drafts: list[Draft], d: Draft, persons: list | None = None) -> None:
    if len(d.parties) + len(d.orgs) < 2 and not d.definite:
        return  # "I have also spoken with the Defence Minister": one side's own engagement
    dated = d.date and d.date.date
    for prev in drafts:
        # told again: the same parties (or some of them); more parties is another engagement
        if not d.parties or not d.parties <= prev.parties:
            continue
        if d.background and not (dated and prev.date and prev.date.date == d.date.date):
            continue  # a past engagement is told again only with the same day ("on a state visit from December 15")
        if d.status != prev.status:
            continue
        if d.bilateral and len(prev.parties) + len(prev.orgs) > 2:
            continue  # "Prior to the trilateral meeting, X held a bilateral meeting with Y"
        if dated and prev.date and prev.date.date and d.date.date != prev.date.date:
            continue
        if persons is not None and _other_people(persons, prev, d):
            continue  # "Yesterday, Deuba met the External Affairs Minister": not his meeting with Modi
        if d.later and d.participants and not set(d.participants) <= set(prev.participants):
            continue  # "Rao called on the Foreign Adviser later in the day": after the consultations
        if d.explicit_medium and prev.explicit_medium and d.medium != prev.medium:
            continue
        if d.status == "planned" and d.explicit_medium and d.medium != prev.medium and not d.definite:
            continue  # "a summit could be held in Budapest ... the ministers will speak by phone to prepare it"
        # the same engagement, told again: add what is new
        prev.parties |= d.parties
        prev.orgs |= d.orgs
        for p in d.participants:
            if p not in prev.participants:
                prev.participants.append(p)
        if not prev.explicit_medium and d.explicit_medium and d.medium != "in_person":
            prev.medium, prev.explicit_medium = d.medium, True  # "During the telephone conversation"
        prev.initiator = prev.initiator or d.initiator
        if (prev.date is None or prev.date.date is None) and dated:
            prev.date = d.date
        return
    if d.background and not (d.date and d.date.date and d.date.precision in ("day", "week")):
        return  # a past call mentioned in passing, with nothing to place it
    if d.status == "held" and d.date and d.date.date and d.ref and d.date.date > d.ref:
        if d.background:
            return  # "your recent meetings ... coming tomorrow": the date is not the call's
        d.date = None
    if len(d.parties) + len(d.orgs) < 2:
        return
    drafts.append(d)


def drop_home_territories(parties: set[str]) -> set[str]:
    """"Xi met Hong Kong's Chief Executive": with its own state present, a territory is domestic."""
    home = reference.territories()
    return {c for c in parties if home.get(c) not in parties}


def finish(ctx: ArticleContext, d: Draft) -> Call:
    date = d.date
    if date is None or date.date is None:
        if d.status == "held" and not drafts_is_background(d):
            date = dates.ResolvedDate(ctx.ref_date, "day" if ctx.ref_date else None, date.text if date else None)
    people = []
    for pid in d.participants:
        p = ctx.people.persons[pid]
        people.append(Person(p.name, p.country, p.title_text or p.title, p.org, p.leader is not None))
    initiator = d.initiator if d.initiator in d.parties else None
    ev = Evidence(d.sentence.text, d.sentence.start, d.sentence.end)
    return Call(
        medium=d.medium,
        status=d.status,
        date=date.date if date else None,
        date_text=date.text if date else None,
        countries=tuple(sorted(d.parties)),
        participants=tuple(people),
        initiator=initiator,
        evidence=ev,
        date_precision=date.precision if date and date.date else None,
        organizations=tuple(sorted(d.orgs)),
    )


def drafts_is_background(d: Draft) -> bool:
    return d.background


def _other_people(persons: list, a: Draft, b: Draft) -> bool:
    """Whether two drafts name different people for the same country: two engagements."""
    def by_country(d: Draft) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for p in d.participants:
            if persons[p].country and persons[p].name:
                out.setdefault(persons[p].country, set()).add(p)
        return out
    pa, pb = by_country(a), by_country(b)
    return any(c in pb and not (pa[c] & pb[c]) for c in pa)
