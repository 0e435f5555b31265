"""What every reading step shares about one article: its text, sentences, hits and people."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer, Hit
from .mentions import Mention, People
from .patterns import lower
from .sentences import Sentence


@dataclass(slots=True)
class ArticleContext:
    text: str
    sentences: list[Sentence]
    hits: list[Hit]
    people: People
    gaz: Gazetteer
    own_side: str | None
    published: dt.date | None
    ref_date: dt.date | None  # the dateline's date, else the publication date
    body_start: int = 0  # where the text starts after the dateline
    headline_end: int = 0  # where a first line that is a headline ends (no closing full stop, text after it)
    _low: str | None = None
    keywords: dict[str, list[int]] = field(default_factory=dict)  # where the lexicons' keywords occur
    topics: list | None = None  # topic mentions, scanned on first need
    parties: frozenset[str] | None = None  # countries taking part (persons' and calls'), once known
    _hit_starts: list[int] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._hit_starts = [h.start for h in self.hits]
        self._mention_starts = [m.start for m in self.people.mentions]

    @property
    def low(self) -> str:
        """The text in lower case, same offsets (computed on first use)."""
        if self._low is None:
            self._low = lower(self.text)
        return self._low

    def hit_range(self, start: int, end: int) -> range:
        """Indices of the hits inside [start, end)."""
        lo = bisect.bisect_left(self._hit_starts, start)
        hi = bisect.bisect_left(self._hit_starts, end)
        return range(lo, hi)

    def mentions(self, start: int, end: int) -> list[Mention]:
        """Person mentions that start inside [start, end)."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return self.people.mentions[lo:hi]

    def bare_countries(self, start: int, end: int, capitals: bool = False) -> list[tuple[Hit, str]]:
        """Country hits in [start, end) that are not part of a person mention."""
        return [(h, e.key) for h, e in self.bare_country_entries(start, end, capitals)]

    def bare_country_entries(self, start: int, end: int, capitals: bool = False) -> list[tuple[Hit, Entry]]:
        """Like ``bare_countries``, with the gazetteer entry (its ``detail`` says demonym, name...)."""
        out = []
        consumed = self.people.consumed
        hits = self.hits
        for i in self.hit_range(start, end):
            h = hits[i]
            info = h.info
            if (info.country or (capitals and info.capital_of)) and i not in consumed:
                for e in h.entries:
                    if e.kind == "country" and (capitals or e.detail != "capital"):
                        out.append((h, e))
                        break
        return out

    def bare_orgs(self, start: int, end: int) -> list[tuple[Hit, str]]:
        out = []
        for i in self.hit_range(start, end):
            h = self.hits[i]
            info = h.info
            if info.org and not (info.country or info.capital_of) and i not in self.people.consumed:
                out.append((h, info.org))
        return out
