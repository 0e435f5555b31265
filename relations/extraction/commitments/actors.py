"""The party that makes a commitment: named right before its cue, else the speaker's country or the article's own side."""

from __future__ import annotations

import re
from functools import lru_cache

from ...facts import Call
from ..context import ArticleContext
from ..lexicon import alternation, column, rows
from ..sentences import Sentence
from ..trie import compile_words
from .cues import Cue


@lru_cache(maxsize=1)
def _party_words() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {r["phrase"].lower(): r["refers"] for r in rows("party_words", "phrase", "refers")}
    return compile_words(table, re.IGNORECASE), table


# what may stand between a party and its verb: "the Chinese side will", "Russia firmly opposes",
# "the U.S. and our Allies would"
_SUBJECT_GAP = re.compile(
    r"(?:'s?)?,?\s*(?:(?:side|sides|government|authorities|leadership|administration|team|teams|officials|people|"
    r"and|our|its|their|allies|partners|also|too|still|both|all|together|itself|themselves|is|are|was|were|"
    r"has|have|had|remain|remains|continues|continue|would|will|\w+ly)\s+)*",
    re.IGNORECASE,
)


def coordinated_modal(ctx: ArticleContext, s: Sentence, c: Cue) -> bool:
    """", and the U.S. will ...": a modal whose party subject follows a coordinating conjunction."""
    start = subject_start(ctx, s, c.start)
    if start >= c.start or subject_party(ctx, s, c.start, start, modal=True) is None:
        return False
    # the subject must begin with the party ("and the U.S. will"), not "and hopes that Kazakhstan will"
    head = ctx.text[start:c.start]
    return not re.match(r"(?:the\s+)?[a-z]", head) or head.lower().startswith(("the ", "we ", "our ", "his ", "her ", "their "))


@lru_cache(maxsize=1)
def body_before() -> re.Pattern[str]:
    """"the Treasury Department would": a government body right before (lexicon/government_bodies.tsv)."""
    return re.compile(rf"\b(?:{alternation(column('government_bodies', 'word'))})\s+\Z")


_CONJ_SUBJECT = re.compile(r"(?:,\s*and|,\s*but|;|\band)\s+((?:the\s+)?[\w.'-]+(?:\s+[\w.'-]+){0,2})\s*\Z")


def subject_start(ctx: ArticleContext, s: Sentence, pos: int) -> int:
    """Start of the subject after a conjunction right before ``pos`` (``pos`` when there is none)."""
    lo = max(s.start, pos - 60)
    m = _CONJ_SUBJECT.search(ctx.text, lo, pos)
    if m and not ctx.text[m.start():m.start() + 1] in ",;" and (
            ctx.bare_countries(max(s.start, m.start() - 40), m.start()) or ctx.mentions(max(s.start, m.start() - 40), m.start())):
        before = [h.end for h, _c in ctx.bare_countries(max(s.start, m.start() - 40), m.start())]
        before += [x.end for x in ctx.mentions(max(s.start, m.start() - 40), m.start())]
        if max(before) >= m.start() - 1:
            return pos  # "the ties between Italy and Algeria will": one subject, no second clause
    return m.start(1) if m else pos


def first_party(ctx: ArticleContext, start: int, end: int) -> tuple[str, object] | None:
    """The first of two coordinated parties before ``end`` ("X and Y agreed"), else None."""
    found: list[tuple[int, int, tuple[str, object]]] = [(m.start, m.end, ("person", m.person)) for m in ctx.mentions(start, end)]
    found += [(h.start, h.end, ("country", c)) for h, c in ctx.bare_countries(start, end, capitals=True)]
    if len(found) < 2:
        return None
    found.sort(key=lambda x: x[0])
    (_a0, a1, first), (b0, _b1, _second) = found[0], found[1]
    # "X and Y agreed", "President Putin and Party General Secretary and President To Lam agreed"
    return first if _AND_BETWEEN.fullmatch(ctx.text, a1, b0) else None


_AND_BETWEEN = re.compile(r"\s*(?:and|&)(?:\s+[A-Z][\w'-]*){0,4}\s*")


def subject_party(ctx: ArticleContext, s: Sentence, pos: int, clause_start: int,
                   modal: bool = False) -> tuple[str, object] | None:
    """The party named right before ``pos`` in its clause: ("country", ISO3), ("person", idx),
    ("speaker", None), ("pair", None), ("org", None) or None."""
    text = ctx.text
    lo = max(clause_start, s.start, pos - 70)
    # the subject is the last noun phrase before the cue: look at the last few words only
    best: tuple[int, tuple[str, object]] | None = None
    for m in ctx.mentions(lo, pos):
        if m.end <= pos:
            best = (m.end, ("person", m.person))
    for h, code in ctx.bare_countries(lo, pos, capitals=True):  # "Ankara will continue to support Baku"
        if best is None or h.end > best[0]:
            best = (h.end, ("country", code))
    for h, _code in ctx.bare_orgs(lo, pos):
        if best is None or h.end > best[0]:
            best = (h.end, ("org", None))
    pw, table = _party_words()
    for m in pw.finditer(text, lo, pos):
        if best is None or m.end() > best[0]:
            best = (m.end(), (table[m.group().lower()], None))
    if best is None:
        return None
    # "China's efforts ... will provide", "the China-Belarus partnership will": not the subject
    if _SUBJECT_GAP.fullmatch(text, best[0], pos) is None:
        return None
    if not modal and re.search(r"\band\b", text[best[0]:pos]):
        return None  # "the integrity of Azerbaijan and called on": the object of the clause before
    return best[1]


def actor_of(ctx: ArticleContext, party, speaker: int | None, group: bool, calls: list[Call],
           last_actor: str | None = None) -> tuple[str | None, str | None]:
    persons = ctx.people.persons
    speaker_name = persons[speaker].name if speaker is not None else None
    speaker_country = persons[speaker].country if speaker is not None else None
    if party is not None:
        kind, value = party
        if kind == "country":
            return value, speaker_name
        if kind == "person":
            p = persons[value]
            return p.country, p.name
        if kind == "speaker":
            return speaker_country or own_party(ctx, calls), speaker_name
        if kind == "clause":
            return last_actor or speaker_country or own_party(ctx, calls), speaker_name
        if kind == "pair":
            if group or speaker is None:
                return own_party(ctx, calls), speaker_name
            return speaker_country or own_party(ctx, calls), speaker_name
    if group:
        return own_party(ctx, calls), speaker_name
    return speaker_country or own_party(ctx, calls), speaker_name


def own_party(ctx: ArticleContext, calls: list[Call]) -> str | None:
    if ctx.own_side:
        return ctx.own_side
    if calls and calls[0].participants:
        return calls[0].participants[0].country
    for p in ctx.people.persons:
        if p.country:
            return p.country
    return None
