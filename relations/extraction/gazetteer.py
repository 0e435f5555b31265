"""The gazetteer: every name the extractor recognises, compiled into one trie regex.

Countries (names, demonyms, capitals, abbreviations from ``seeds/``), non-state parties,
known leaders and their aliases, titles and honorifics (``relations/lexicon``). ``scan``
returns the hits of one text in a single pass; what a hit means in context (a capital as an
actor, "Jordan" as a country or a name) is decided by the modules that read the hits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import folding, reference
from .lexicon import rows
from .patterns import all_keywords
from .topics import surfaces as topic_surfaces
from .trie import compile_words


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country | org | leader | title | honorific | blocker
    key: str  # ISO3 | organization code | leader index | canonical title | ""
    detail: str = ""  # alias kind for countries, title kind for titles


@dataclass(frozen=True, slots=True)
class Surface:
    """What one written form means, worked out once: the first entry of each kind."""

    entries: tuple[Entry, ...]
    title: str | None = None  # canonical title
    leaders: tuple[int, ...] = ()  # leader indices
    country: str | None = None  # ISO3 named by a name, demonym or abbreviation
    capital_of: str | None = None  # ISO3 of which it is the capital
    country_kind: str | None = None  # the alias kind of ``country`` (demonym, name...)
    org: str | None = None
    honorific: bool = False
    blocker: bool = False

    @classmethod
    def of(cls, entries: tuple[Entry, ...]) -> Surface:
        first = {}
        for e in entries:
            key = "capital" if e.kind == "country" and e.detail == "capital" else e.kind
            first.setdefault(key, e)
        c = first.get("country")
        return cls(
            entries=entries,
            title=first["title"].key if "title" in first else None,
            leaders=tuple(int(e.key) for e in entries if e.kind == "leader"),
            country=c.key if c else None,
            capital_of=first["capital"].key if "capital" in first else None,
            country_kind=c.detail if c else None,
            org=first["org"].key if "org" in first else None,
            honorific="honorific" in first,
            blocker="blocker" in first,
        )


class Hit(NamedTuple):
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    info: Surface


@lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Case- and accent-insensitive key: "Erdoğan" and "erdogan" fold alike (the one fold of
    ``relations.folding``, memoised for extraction)."""
    return folding.fold(s)


class Gazetteer:
    def __init__(self) -> None:
        entries: dict[str, list[Entry]] = {}

        def add(surface: str, entry: Entry) -> None:
            surface = surface.strip()
            if not surface:
                return
            lst = entries.setdefault(surface, [])
            if entry not in lst:
                lst.append(entry)

        self.countries = {c.iso3: c for c in reference.countries()}
        for c in reference.countries():
            for kind, alias in c.aliases:
                add(alias, Entry("country", c.iso3, kind))
                if alias.startswith("the ") and len(alias) > 4:
                    add(alias[4:], Entry("country", c.iso3, kind))
        self.organizations = {o.code: o for o in reference.organizations()}
        for o in reference.organizations():
            add(o.name, Entry("org", o.code, "name"))
            # "the Commonwealth of Independent States": with its article, so that a shorter
            # alias starting at "the" ("the Commonwealth") cannot win the leftmost match
            if not o.name.lower().startswith("the "):
                add("the " + o.name, Entry("org", o.code, "name"))
            add(o.code, Entry("org", o.code, "abbreviation"))
            for a in o.aliases:
                add(a, Entry("org", o.code, "alias"))
        self.leaders = reference.leaders()
        for i, leader in enumerate(self.leaders):
            for name in (leader.name, *leader.aliases):
                add(name, Entry("leader", str(i), "name" if name == leader.name else "alias"))
        self.title_kind: dict[str, str] = {}
        for r in rows("titles", "phrase", "title", "kind"):
            entry = Entry("title", r["title"], r["kind"])
            self.title_kind[r["title"]] = r["kind"]
            for variant in {r["phrase"], r["phrase"].lower(), r["phrase"][0].upper() + r["phrase"][1:].lower()}:
                add(variant, entry)
        for r in rows("honorifics", "phrase"):
            add(r["phrase"], Entry("honorific", "", ""))
        for r in rows("not_countries", "phrase"):
            add(r["phrase"], Entry("blocker", "", ""))
        self.entries: dict[str, tuple[Entry, ...]] = {k: tuple(v) for k, v in entries.items()}
        self.surfaces: dict[str, Surface] = {k: Surface.of(v) for k, v in self.entries.items()}
        # the lexicons' keywords (lower case and sentence-initial), found in the same single pass
        self.keywords: dict[str, str] = {}
        for kw in all_keywords():
            for surface in (kw, kw[0].upper() + kw[1:]):
                self.keywords.setdefault(surface, kw)
        # topics join the single pass unless they hold a name or keyword of their own
        # ("China-Belarus industrial park" would hide "China"): those are found per commitment
        inner = compile_words(set(self.entries) | set(self.keywords))
        self.topics: dict[str, str] = {}
        self.compound_topics: dict[str, str] = {}
        for surface, name in topic_surfaces().items():
            found = inner.search(surface)
            (self.compound_topics if found and found.group() != surface else self.topics)[surface] = name
        self.compound_topic_pattern: re.Pattern[str] = compile_words(self.compound_topics)
        self.pattern: re.Pattern[str] = compile_words(set(self.entries) | set(self.keywords) | set(self.topics))
        # one look-up per match: (what it names, the keyword it is, the topic it names)
        self._lookup: dict[str, tuple[Surface | None, str | None, str | None]] = {
            k: (self.surfaces.get(k), self.keywords.get(k), self.topics.get(k))
            for k in set(self.entries) | set(self.keywords) | set(self.topics)
        }
        # leaders by folded name token, to resolve later mentions ("Erdogan", "Xi")
        self.leader_by_alias: dict[str, list[int]] = {}
        for i, leader in enumerate(self.leaders):
            for name in (leader.name, *leader.aliases):
                self.leader_by_alias.setdefault(fold(name), []).append(i)
        # (country, folded office) -> [(leader index, term)], for "the President" of the own side
        self.offices: dict[tuple[str, str], list] = {}
        for i, leader in enumerate(self.leaders):
            for t in leader.terms:
                if t.country:
                    self.offices.setdefault((t.country, fold(t.office)), []).append((i, t))
        self._in_office: dict[tuple[int, dt.date], bool] = {}
        self.country_alias_fold: dict[str, str] = {}
        for c in reference.countries():
            for _kind, alias in c.aliases:
                self.country_alias_fold.setdefault(fold(alias), c.iso3)

    def scan(self, text: str) -> tuple[list[Hit], dict[str, list[int]], list[tuple[int, int, str]]]:
        """Every gazetteer phrase in ``text``, left to right, longest at each position; where
        each lexicon keyword occurs (lower-cased keyword -> offsets); the topic mentions."""
        lookup = self._lookup
        hits: list[Hit] = []
        where: dict[str, list[int]] = {}
        topics: list[tuple[int, int, str]] = []
        for m in self.pattern.finditer(text):
            g = m.group()
            info, kw, t = lookup[g]
            if info is not None:
                hits.append(Hit(m.start(), m.end(), g, info.entries, info))
            if kw is not None:
                lst = where.get(kw)
                if lst is None:
                    where[kw] = [m.start()]
                else:
                    lst.append(m.start())
            if t is not None:
                topics.append((m.start(), m.end(), t))
        return hits, where, topics

    def in_office(self, leader: int, date: dt.date, margin_days: int = 365) -> bool:
        """Whether a known leader held any office within ``margin_days`` of ``date``."""
        key = (leader, date)
        found = self._in_office.get(key)
        if found is None:
            margin = dt.timedelta(days=margin_days)
            found = any(
                (t.start is None or t.start - margin <= date) and (t.end is None or date <= t.end + margin)
                for t in self.leaders[leader].terms
            )
            if len(self._in_office) > 100_000:
                self._in_office.clear()
            self._in_office[key] = found
        return found

    def country_surface(self, iso3: str) -> Surface | None:
        """What a plain mention of country ``iso3`` by a name of it means."""
        return Surface.of((Entry("country", iso3, "name"),)) if iso3 in self.countries else None

    def country_name(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c.name if c else iso3


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about half a second)."""
    return Gazetteer()
