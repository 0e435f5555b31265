"""Where a commitment's text begins and ends: hard stops, coordinated cues, trimmed edges."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..context import ArticleContext
from ..lexicon import reporting_verbs, rows
from ..sentences import Sentence
from .actors import coordinated_modal, subject_start
from .cues import Cue, is_coordinated


@lru_cache(maxsize=1)
def hard_stop() -> re.Pattern[str]:
    """Where a commitment's text must stop: a semicolon, a dash, ", adding" (lexicon/reporting_verbs.tsv,
    use continues), a second "and that" clause, ", but", ", and witnessed": a new predicate."""
    return re.compile(
        # (the look-ahead: the characters every alternative starts with, so most positions are
        # passed over at one test)
        rf"(?=[;,\s\u2014])(?:;|,\s+(?:{reporting_verbs('continues')})\b|\s+--\s+|\s\u2014\s|\u2014"
        # "stated that Turkiye stands by X and that Turkiye condemns Y": a second complement clause
        r"|,?\s+and\s+that\s"
        # ", but the initiative was left unanswered": a contrasting clause is not the action
        r"|,\s+but\s(?!also\b)"
        # ", and witnessed the signing": a new predicate in the past tense ends the action
        r"|,\s+and\s+(?:also\s+)?(?:witnessed|signed|held|met|attended|visited|toured|inspected|laid|received|exchanged"
        r"|reviewed|discussed|saw|took|gave|sent|made|thanked|congratulated|praised|briefed|hosted)\b)"
    )


_LEADING_JUNK = re.compile(r"(?:\s|,|that\b|to\b|for\b|on\b|upon\b)+", re.IGNORECASE)


_QUOTED_TO_END = re.compile(r"[^\"\u201c\u201d]*(?:[\"\u201d][\s,.;:')]*)?")
_TRAILING_JUNK = re.compile(r"[\s,.;:\"')]+\Z")


def subject_phrase_start(text: str, start: int, pos: int) -> int:
    """Start of the noun phrase that ends right before ``pos`` (after "that", a comma, a verb)."""
    m = None
    for m in re.finditer(r"\b(?:that|which)\s+|[,;:]\s*", text[start:pos]):
        pass
    return start + m.end() if m else start


def clause_begin(text: str, start: int, pos: int) -> int:
    """Where the clause that ends at ``pos`` begins (after the last comma-and or semicolon)."""
    m = None
    for m in re.finditer(r";|,\s+and\b|,\s+but\b", text[start:pos]):
        pass
    return start + m.end() if m else start


def split_actions(text: str, a: int, b: int, c: Cue) -> list[tuple[int, int]]:
    """"committed to continue X and to work together on Y": two actions under one verb."""
    if c.role not in ("lead", "object_to") or c.kind not in ("pledge", "agreement", "proposal"):
        return [(a, b)]
    out = []
    pos = a
    # ("be conveyed to the family and to the Greek people": "to" before a determiner is a preposition)
    for m in re.finditer(r",?\s+and\s+to\s+(?!(?:the|a|an|his|her|its|their|our|all|each|every|both)\b)(?=\w)",
                         text[a:b]):
        out.append((pos, a + m.start()))
        pos = a + m.end()
    out.append((pos, b))
    return out


@lru_cache(maxsize=8)
def _hard_stops(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where a commitment's text must stop within a sentence, found once per sentence (a
    sentence can hold hundreds of cues)."""
    return tuple(m.start() for m in hard_stop().finditer(text, start, end))


def text_end(ctx: ArticleContext, s: Sentence, sc: list[Cue], i: int, t_start: int,
              tail: re.Match[str] | None) -> int:
    text = ctx.text
    end = s.end
    stops = _hard_stops(text, s.start, s.end)
    k = bisect.bisect_left(stops, t_start)
    if k < len(stops):
        end = stops[k]
    if tail and t_start <= tail.start() < end:
        end = tail.start()
    for c in sc[i + 1:]:
        if c.start >= end:
            break
        if c.start < t_start:
            continue
        coordinated = is_coordinated(text, max(t_start, c.start - 20), c.start)
        if c.role in ("report", "exclude") and coordinated:
            return _cut_conjunction(text, t_start, c.start)
        if c.role in ("lead", "object_to", "welcome", "post") and coordinated and c.start - t_start > 2:
            return _cut_conjunction(text, t_start, c.start)
        if c.role == "modal" and coordinated_modal(ctx, s, c):
            j = subject_start(ctx, s, c.start)
            return _cut_conjunction(text, t_start, j)
    return end


def _cut_conjunction(text: str, a: int, b: int) -> int:
    m = re.search(r"(?:,\s*)?(?:\band|\bbut|\bwhile|\bas well as)?\s*(?:\w+ly\s+)?(?:also\s+)?\Z", text[a:b])
    return a + m.start() if m else b


@lru_cache(maxsize=1)
def _leading_date() -> re.Pattern[str]:
    days = "|".join(r["phrase"] for r in rows("dates", "phrase", "kind") if r["kind"] in ("weekday", "day", "same_day"))
    return re.compile(rf"(?:(?:on|late|early)\s+)?(?:{days})(?:\s+(?:morning|afternoon|evening|night))?\b[\s,]*", re.IGNORECASE)


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    m = _LEADING_JUNK.match(text, a, b)
    if m:
        a = m.end()
    m = _leading_date().match(text, a, b)  # "agreed on Tuesday to start negotiations"
    if m:
        a = m.end()
        m = _LEADING_JUNK.match(text, a, b)
        if m:
            a = m.end()
    if a < b and text[a] in "\"\u201c" and _QUOTED_TO_END.fullmatch(text, a + 1, b):
        a += 1  # 'agreed to "keep in touch"': the quotation is the whole action
    q = text.find('"', a, b)
    if q > a and text.count('"', a, q) == 0 and text.rfind('"', 0, a) > text.rfind("\n", 0, a):
        b = q  # the quoted words end at the closing quote
    seg = text[a:b]
    t = _TRAILING_JUNK.search(seg)
    if t:
        b = a + t.start()
    return a, b
