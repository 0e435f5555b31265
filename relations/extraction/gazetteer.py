"""The gazetteer: every name the extractor recognises, compiled into one trie regex.

Countries (names, demonyms, capitals, abbreviations from ``seeds/``), non-state parties,
known leaders and their aliases, titles and honorifics (``relations/lexicon``). ``scan``
returns the hits of one text in a single pass; what a hit means in context (a capital as an
actor, "Jordan" as a country or a name) is decided by the modules that read the hits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import reference
from .lexicon import rows
from .patterns import all_keywords
from .trie import compile_words


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country | org | leader | title | honorific | blocker
    key: str  # ISO3 | organization code | leader index | canonical title | ""
    detail: str = ""  # alias kind for countries, title kind for titles


class Hit(NamedTuple):
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]


def fold(s: str) -> str:
    """Case- and accent-insensitive key: "Erdoğan" and "erdogan" fold alike."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


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
        self.country_by_iso2 = {c.iso2: c.iso3 for c in reference.countries()}
        for c in reference.countries():
            for kind, alias in c.aliases:
                add(alias, Entry("country", c.iso3, kind))
                if alias.startswith("the ") and len(alias) > 4:
                    add(alias[4:], Entry("country", c.iso3, kind))
        self.organizations = {o.code: o for o in reference.organizations()}
        for o in reference.organizations():
            add(o.name, Entry("org", o.code, "name"))
            add(o.code, Entry("org", o.code, "abbreviation"))
            for a in o.aliases:
                add(a, Entry("org", o.code, "alias"))
        self.leaders = reference.leaders()
        for i, leader in enumerate(self.leaders):
            for name in (leader.name, *leader.aliases):
                add(name, Entry("leader", str(i), "name" if name == leader.name else "alias"))
        self.titles: dict[str, str] = {}
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
        # the lexicons' keywords (lower case and sentence-initial), found in the same single pass
        self.keywords: dict[str, str] = {}
        for kw in all_keywords():
            for surface in (kw, kw[0].upper() + kw[1:]):
                self.keywords.setdefault(surface, kw)
        self.pattern: re.Pattern[str] = compile_words(set(self.entries) | set(self.keywords))
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
        self.country_alias_fold: dict[str, str] = {}
        for c in reference.countries():
            for _kind, alias in c.aliases:
                self.country_alias_fold.setdefault(fold(alias), c.iso3)

    def scan(self, text: str) -> tuple[list[Hit], dict[str, list[int]]]:
        """Every gazetteer phrase in ``text``, left to right, longest at each position, and
        where each lexicon keyword occurs (lower-cased keyword -> offsets)."""
        entries, keywords = self.entries, self.keywords
        hits: list[Hit] = []
        where: dict[str, list[int]] = {}
        for m in self.pattern.finditer(text):
            g = m.group()
            e = entries.get(g)
            if e is not None:
                hits.append(Hit(m.start(), m.end(), g, e))
            kw = keywords.get(g)
            if kw is not None:
                lst = where.get(kw)
                if lst is None:
                    where[kw] = [m.start()]
                else:
                    lst.append(m.start())
        return hits, where

    def country_name(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c.name if c else iso3


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about half a second)."""
    return Gazetteer()
