"""A round of calls: one side's engagements with several countries told in one sentence.

"The Prime Minister spoke by telephone with the leaders of Germany, Italy and Greece" is three
bilateral calls; "held a secure video call with President Macron, Chancellor Scholz and Prime
Minister Johnson" and "met with Prime Minister Andersson of Sweden and President Niinistö of
Finland" are one engagement with all of them. The words that decide are in
``lexicon/round_words.tsv``; without them, a phone verb or a plural noun ("phone conversations")
is a round, a singular noun or an in-person verb is one engagement.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from .. import dates
from ..context import ArticleContext
from ..lexicon import alternation, rows
from ..sentences import Sentence
from .drafts import Draft
from .parties import call_verb
from .spans import Span
from .status import OBJECT


@lru_cache(maxsize=4)
def _words(kind: str) -> re.Pattern[str]:
    words = [r["word"] for r in rows("round_words", "word", "kind") if r["kind"] == kind]
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE)


def is_plural(tm: Span) -> bool:
    """"phone conversations", "meetings": a series of engagements (round_words.tsv, kind plural)."""
    return bool(_words("plural").search(tm.text))


def is_separate(ctx: ArticleContext, s: Sentence) -> bool:
    """Whether sentence ``s`` says its engagements were held apart ("separate", "respectively")."""
    return bool(_words("separate").search(ctx.text, s.start, s.end))


_SEVERAL_GUESTS = re.compile(r"\b(?:delegations|ambassadors|envoys|counterparts)\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_WITH_AGAIN = re.compile(r"\band[ ](?:[a-z]+[ ]){0,2}with\b", re.IGNORECASE)  # "and with", "and later with"


def is_round(ctx: ArticleContext, s: Sentence, tm: Span, found: list[Span], obj_end: int, named: int) -> bool:
    """Whether trigger ``tm``, with one side as subject and several countries as object, reports
    a round of bilateral engagements rather than one with all of them. ``named``: how many of
    the counterparts the object names by name ("spoke with President Macron of France, Chancellor
    Scholz of Germany and ..." is a White House conference call; "spoke with the leaders of
    Germany, Italy and Greece", "with his counterparts of Fiji and Samoa and with the President of
    Palau" are rounds)."""
    text = ctx.text
    if _words("separate").search(text, s.start, s.end) or _WITH_AGAIN.search(text, tm.end, obj_end):
        return True
    if _words("joint").search(text, s.start, s.end):
        return False
    if is_plural(tm):
        return True
    if call_verb("hosts_several").match(tm.text) and _SEVERAL_GUESTS.search(text, tm.end, obj_end):
        return True  # "received three delegations from Saudi Arabia, Angola and China"
    if named == 0 and tm.row["strength"] == "verb" and _ONE_OF_THEM.match(text, s.end):
        return True  # "met with counterparts from Ghana, Sudan and Togo. In his meeting with the Sudanese ..."
    if tm.row["strength"] == "verb" and tm.row["medium"] == "phone":
        # "spoke by telephone with A, B and C", unless the sentence names one event ("a call with")
        # or the next one takes them all as its subject ("spoke today with President Macron of
        # France, Chancellor Scholz of Germany and ... The leaders discussed ...")
        if any(m.row["strength"] == "event" and not is_plural(m) for m in found):
            return False
        return not (named >= 2 and _ALL_OF_THEM.match(text, s.end))
    return False


# the next sentence tells one of the engagements alone: they were several
_ONE_OF_THEM = re.compile(r"\s*(?:In|During|At)[ ](?:his|her|the)[ ](?:[\w-]+[ ])?(?:meeting|talks|conversation|call|discussion)s?[ ]with\b")
_ALL_OF_THEM = re.compile(r"\s*(?:The|All|All the|All of the)[ ](?:(?:three|four|five|six|seven|eight)[ ])?"
                          r"(?:leaders|presidents|prime ministers|heads of state|heads of government|ministers)\b|\s*They\b",
                          re.IGNORECASE)


def split(ctx: ArticleContext, d: Draft, side: str, others: list[str]) -> list[Draft]:
    """One draft per counterpart country: the side's participants and that country's."""
    persons = ctx.people.persons
    out = []
    # "with Trump and Ishiba on Friday and Monday, respectively": one day each, in order
    days = None
    s = d.sentence
    resp = _RESPECTIVELY.search(ctx.text, s.start, s.end)
    if resp:
        found = [m for m in dates.find(ctx.text, d.trigger[1], resp.start()) if m.kind not in ("month", "week")]
        if len(found) == len(others):
            days = [dates.resolve(m, ctx.ref_date, future=d.status == "planned") for m in found]
    for n, c in enumerate(others):
        one = copy.copy(d)
        if days is not None:
            one.date = days[n]
        one.parties = {side, c}
        one.orgs = set()
        one.participants = [p for p in d.participants if persons[p].country in (side, c)]
        one.initiator = c if d.initiator == OBJECT else d.initiator if d.initiator in (side, c) else None
        one.extra = []
        out.append(one)
    return out
