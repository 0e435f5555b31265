"""Which side an article speaks for, from its publisher (``lexicon/sources.tsv``), or else
from a country the publisher's name carries ("Ministry of Foreign Affairs of Kazakhstan")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import alternation, rows
from .trie import compile_words

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str | None]]:
    table: dict[str, str | None] = {}
    for r in rows("sources", "name", "country"):
        table[r["name"].lower()] = r["country"] or None
    return compile_words(table, re.IGNORECASE), table


def own_side(*names: str | None, gaz: Gazetteer | None = None) -> str | None:
    """The country the first recognised publisher name speaks for (None for wire services).

    A name not in the table speaks for the one country it names by name or demonym, when
    ``gaz`` is given: "Prime Minister's Office of Pakistan", "Turkish Foreign Ministry". A name
    naming no country or several (a capital alone does not count: "Washington Post") speaks
    for none."""
    pattern, table = _table()
    for name in names:
        if not name:
            continue
        m = pattern.search(name)
        if m:
            return table[m.group().lower()]
    if gaz is None:
        return None
    for name in names:
        if not name:
            continue
        named = {h.info.country for h in gaz.scan(name)[0] if h.info.country and h.info.country_kind != "capital"}
        if len(named) == 1:
            return named.pop()
    return None


def url_host(url: str | None) -> str | None:
    """The host an article's address names ("www.straitstimes.com"), for publishers that the
    table knows by their domain."""
    if not url:
        return None
    try:
        return urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None


def dateline_side(place: str | None, gaz: Gazetteer) -> str | None:
    """The country whose capital (or whose name) a dateline's place names ("ISLAMABAD",
    "Nairobi, Kenya"): the side an article from a wire or an unknown publisher is most likely
    written from, so that "Prime Minister Khan" or "the Foreign Office" there is Pakistan's."""
    if not place:
        return None
    found = set()
    if place.isupper():
        place = place.title()  # "ISLAMABAD", "NEW DELHI"
    for h in gaz.scan(place)[0]:
        if h.info.country:
            found.add(h.info.country)
        elif h.info.capital_of:
            found.add(h.info.capital_of)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _seats() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {r["phrase"]: r["country"] for r in rows("seats_of_government", "phrase", "country") if r["country"]}
    return re.compile(rf"\b(?:{alternation(table)})\b"), table


def seat_side(text: str, end: int = 400) -> str | None:
    """The country of the one seat of government named in the first ``end`` characters ("a
    Downing Street spokesperson said", "Department Press Briefing"), or None
    (lexicon/seats_of_government.tsv)."""
    pattern, table = _seats()
    found = {table[m.group()] for m in pattern.finditer(text, 0, min(end, len(text)))}
    return found.pop() if len(found) == 1 else None
