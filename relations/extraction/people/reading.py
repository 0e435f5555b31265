"""Read an article's people from its gazetteer hits, left to right, and link the mentions to persons."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..coref import later_names, link
from ..gazetteer import Gazetteer, Hit
from ..known import pick_leader
from ..lexicon import alternation, column
from ..mentions import Mention, People
from ..names import NAME, after_name, clean_name
from ..patterns import lower_for_literals
from .around import SPACE, leader_of, of_country, styles_ending, title_of
from .titled import THE_BEFORE, VISITING_BEFORE, read_titled

# a style that names its bearer on its own: "His Highness said", "met Her Majesty"
_STYLE = re.compile(r"(?:His|Her)[ ]")


# after a lower-case title, what makes it name someone: "president of France", "spokesperson He Yadong"
_LOWER_TITLE_CONTEXT = re.compile(r"[ ](?:of[ ]|for[ ]|to[ ]|[A-Z])")


def _title_in_alias(written: str, leader) -> str | None:
    """"King Mohammed VI", "King Felipe": an alias that begins with one of the leader's own
    offices gives that title, as the article writes it."""
    for term in leader.terms:
        if written.startswith(term.office + " "):
            return term.office
    return None


def read(text: str, hits: list[Hit], gaz: Gazetteer, own_side: str | None, date: dt.date | None,
         skip_until: int = 0) -> People:
    """The people of ``text``. ``skip_until``: where a title-case headline ends: its capitalised
    words are names only when the text below names them again ("Jokowi, Micronesian Leader Plant
    Tree at Bogor Palace" names no "Plant Tree"; "Spokesperson Lin Jian's Regular Press
    Conference" over "Lin Jian: ..." names Lin Jian)."""
    hits = [h for h in hits if not h.info.blocker]
    mentions: list[Mention] = []
    consumed: set[int] = set()
    n = len(hits)
    i = 0
    while i < n:
        h = hits[i]
        title = title_of(h)
        leader = leader_of(h)
        if title is not None:
            if h.text[0].islower() and not _LOWER_TITLE_CONTEXT.match(text, h.end) and not text.endswith(", ", 0, h.start) and not (
                    THE_BEFORE.search(text, max(0, h.start - 8), h.start) or VISITING_BEFORE.search(text, max(0, h.start - 14), h.start)
                    or (i and hits[i - 1].end + 1 == h.start and (hits[i - 1].info.country or hits[i - 1].info.org))):
                i += 1  # "a president", "as minister": a common noun, not someone
                continue
            i = read_titled(text, hits, i, gaz, mentions, consumed, date)
            continue
        if leader is not None and not (h.info.country or h.info.capital_of):
            li = pick_leader(gaz, h, None, date, None, None, after_name(text, h.start))
            if li is not None:
                m = Mention(h.start, h.end, gaz.leaders[li].name, None, gaz.leaders[li].country,
                            gaz.leaders[li].organization, li)
                m.title = _title_in_alias(h.text, gaz.leaders[li])
                m.title_text = m.title
                of_country(text, hits, i + 1, m, consumed)
                mentions.append(m)
                consumed.add(i)
        elif h.info.honorific:
            p = h.end + len(SPACE.match(text, h.end).group())
            nm = NAME.match(text, p)
            if nm and not (i + 1 < n and hits[i + 1].start == p):
                name = clean_name(nm.group(), gaz)
                if name:
                    at = text.find(name, p)
                    mentions.append(Mention(h.start, (at if at >= 0 else p) + len(name), name, None, None,
                                            styles=styles_ending(text, hits, i)))
                    consumed.add(i)
            elif (not nm and _STYLE.match(h.text) and not text.startswith("'", h.end)  # "Her Majesty's Government"
                  and not (i and hits[i - 1].info.honorific and hits[i - 1].end + 1 >= h.start)):
                # "His Highness stressed...": the person the article gave that style (coref.link)
                mentions.append(Mention(h.start, h.end, None, None, None, kind="style", styles=(h.text.lower(),)))
                consumed.add(i)
        i += 1
    if skip_until:
        mentions = [m for m in mentions if m.start >= skip_until or _named_below(text, m, skip_until)]
    _list_countries(text, mentions)
    _delegation_countries(text, mentions)
    persons = link(mentions, gaz, own_side, date, text)
    later_names(text, mentions, persons)
    return People(mentions, persons, consumed, hits)


_LIST_GAP = frozenset({", ", " and ", ", and ", " & "})
_BETWEEN_BEFORE = re.compile(r"\b(?:between|both)[ ]")


def _list_countries(text: str, mentions: list[Mention]) -> None:
    """In a list of titled people, one with no country of its own acts for the country written
    before the list's first title: "hosted Indonesian Foreign Minister Sugiono and Defence
    Minister Sjafrie Sjamsoeddin", "US Treasury Secretary Janet Yellen, Secretary of State ...".
    Not between two sides ("between Chinese President Xi and President Y")."""
    for prev, m in zip(mentions, mentions[1:]):
        if (prev.qualified and prev.country and m.country is None and m.org is None and m.leader is None
                and m.kind in ("named", "title") and m.title and m.name
                and text[prev.end:m.start] in _LIST_GAP
                and not _BETWEEN_BEFORE.search(text, max(0, prev.start - 12), prev.start)):
            m.country, m.qualified = prev.country, True


def _named_below(text: str, m: Mention, below: int) -> bool:
    return bool(m.name) and any(len(w) > 2 and w in text[below:] for w in m.name.split())


@lru_cache(maxsize=1)
def _delegation_phrase() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(column('delegation_phrases', 'phrase'))})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _delegation_literals() -> tuple[str, ...] | None:
    """The delegation phrases lower-cased, to skip the pass over a text that holds none (None
    if a phrase is not ASCII, where ``lower_for_literals`` promises nothing)."""
    phrases = column("delegation_phrases", "phrase")
    return tuple(p.lower() for p in phrases) if all(p.isascii() for p in phrases) else None


_LIST_END = re.compile(r"[.;:]|\b(?:during|for|at|in|on|to|who|which|when|while)\b")


def _list_end(text: str, start: int, mentions: list[Mention]) -> int:
    """Where a delegation list from ``start`` ends: the first stop word that is not inside a
    mention ("Coordinating Minister for Economic Affairs X" goes on past its "for")."""
    pos = start
    while True:
        stop = _LIST_END.search(text, pos)
        if not stop:
            return len(text)
        inside = next((m for m in mentions if m.start <= stop.start() < m.end), None)
        if inside is None or stop.group() in ".;:":
            return stop.start()
        pos = inside.end


def _delegation_countries(text: str, mentions: list[Mention]) -> None:
    """Those listed after "accompanied by" with no country of their own act for the country of
    the one they accompany (lexicon/delegation_phrases.tsv)."""
    literals = _delegation_literals()
    low = lower_for_literals(text) if literals is not None else None
    if low is not None and not any(p in low for p in literals):
        return  # no phrase in the text: the case-insensitive pass below would find none
    for ph in _delegation_phrase().finditer(text):
        lead = [m for m in mentions if m.end <= ph.start() and ph.start() - m.end < 120 and m.country]
        if not lead or text.rfind(".", lead[-1].end, ph.start()) >= 0:
            continue
        country = lead[0].country if lead[0].end > text.rfind("\n", 0, ph.start()) else lead[-1].country
        end = _list_end(text, ph.end(), mentions)
        for m in mentions:
            if ph.end() <= m.start < end and m.country is None and m.org is None and m.leader is None:
                m.country = country
