"""The people of one article: each mention in the text and the person it names."""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Hit


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str | None
    title: str | None
    country: str | None
    org: str | None = None
    leader: int | None = None
    kind: str = "named"  # named | title | style ("His Highness" alone: refers back)
    person: int = -1
    title_text: str | None = None  # the title as written ("Minister of Transport")
    styles: tuple[str, ...] = ()  # honorific styles it was given ("His Highness"), lower case
    qualified: bool = False  # its country is written before its title ("Indonesian Foreign Minister")


@dataclass(slots=True)
class Person:
    name: str | None
    title: str | None  # canonical ("Foreign Minister"), for matching
    country: str | None
    org: str | None
    leader: int | None
    tokens: set[str] = field(default_factory=set)
    first: int = 0
    title_text: str | None = None  # as the article first gives it


@dataclass(slots=True)
class People:
    mentions: list[Mention]
    persons: list[Person]
    consumed: set[int]  # indices of hits that are part of a person mention
    hits: list[Hit] = field(default_factory=list)  # the hits read (blocker phrases removed)

