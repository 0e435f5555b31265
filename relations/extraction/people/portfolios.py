"""A minister's portfolio after the title: "for Planning, Development and Special Initiatives" (lexicon/portfolio_words.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Gazetteer, Hit
from ..lexicon import column, rows

_PORTFOLIO = re.compile(r"([ ](?:for|of)[ ](?:the[ ])?)(?:[A-Z][\w'-]*)(?:[ ](?:[A-Z][\w'-]*|and|of|for|the)){0,10}")
_TOKENS = re.compile(r"[\w'-]+")
# one more portfolio of a comma list: ", Regional Integration", ", and Special Initiatives"
_LIST_ITEM = re.compile(r"(,[ ](?:and[ ])?|[ ]and[ ])([A-Z][\w'-]*(?:[ ](?:(?:of|the)[ ]){0,2}[A-Z][\w'-]*){0,7})")


@lru_cache(maxsize=1)
def portfolio_words() -> frozenset[str]:
    return frozenset(column("portfolio_words", "word"))


@lru_cache(maxsize=4)
def _portfolio_kind(kind: str) -> frozenset[str]:
    """Portfolio words of one kind: nationals ("Togolese Abroad", "Overseas Pakistanis") or
    modifier ("Special Initiatives": a portfolio word only before another)."""
    return frozenset(r["word"] for r in rows("portfolio_words", "word", "kind") if r["kind"] == kind)


def _nationals_words() -> frozenset[str]:
    return _portfolio_kind("nationals")


def portfolio_end(text: str, pos: int) -> int:
    """End of a portfolio after a title ("for Maritime Affairs and Investment"), or ``pos``."""
    m = _PORTFOLIO.match(text, pos)
    if not m:
        return pos
    end = _portfolio_run(text, m.start() + len(m.group(1)), m.end())
    return end if end > m.start() + len(m.group(1)) else pos


def _portfolio_run(text: str, start: int, stop: int) -> int:
    """End of the portfolio words from ``start`` (capitalised words of portfolio_words, lower-case
    joining words between them, a demonym beside a nationals word), or ``start``."""
    words, nationals, modifiers = portfolio_words(), _nationals_words(), _portfolio_kind("modifier")
    found = list(_TOKENS.finditer(text, start, stop))
    toks = [t.group() for t in found]
    ends = [t.end() for t in found]
    end = start
    for n, w in enumerate(toks):
        nxt = toks[n + 1] if n + 1 < len(toks) else ""
        if w[0].isupper() and w not in words and not (nxt in nationals or (n and toks[n - 1] in nationals)):
            break
        if w in modifiers and nxt not in words:
            break
        if w[0].isupper():
            end = ends[n]
    return end


def portfolio_list_end(text: str, pos: int, hits: list[Hit], k: int) -> int:
    """"Minister of Foreign Affairs[, Regional Integration and Togolese Abroad]": after a portfolio
    ending at ``pos``, a comma list of more portfolios closed by "and"; its end, or ``pos``.
    Every item before the "and" is portfolio words only (so "Minister of Finance, Kwame Mensah
    and ..." is no list); the last one ends where its portfolio words do, before a name. An item
    holding a title is another person's ("..., and Foreign Minister Wang Yi"): no list."""
    cur = pos
    for n in range(8):
        m = _LIST_ITEM.match(text, cur)
        if not m or (n == 0 and m.group(1)[0] != ","):
            return pos
        while k < len(hits) and hits[k].start < m.start(2):
            k += 1
        j = k
        while j < len(hits) and hits[j].start < m.end(2):
            if hits[j].info.title:
                return pos
            j += 1
        end = _portfolio_run(text, m.start(2), m.end(2))
        if "and" in m.group(1):
            return end if end > m.start(2) else pos
        if end != m.end(2):
            return pos
        cur = end
    return pos


def nationals_country(text: str, start: int, end: int, gaz: Gazetteer) -> str | None:
    """The country of a demonym beside a nationals word in a portfolio ("and Togolese Abroad",
    "Overseas Pakistanis": a plural demonym is read as its singular)."""
    nationals = _nationals_words()
    toks = [t.group() for t in _TOKENS.finditer(text, start, end)]
    for n, w in enumerate(toks):
        if w[0].isupper() and w not in nationals and (
                (n + 1 < len(toks) and toks[n + 1] in nationals) or (n and toks[n - 1] in nationals)):
            for form in (w, w[:-1] if w.endswith("s") else None):
                info = gaz.surfaces.get(form) if form else None
                if info is not None and info.country and info.country_kind == "demonym":
                    return info.country
    return None
