"""What is a commitment at all: one state's stated position or undertaking towards another state
or an international matter. Domestic policy told in a meeting with governors, small talk and
questions in a transcript, and fragments of conversational turns commit no state to anything,
however they are worded ("Pensions will be adjusted", "What do we do next?", "go on")."""

from __future__ import annotations

import re
from functools import lru_cache

from ...facts import Call, Commitment
from ..context import ArticleContext
from ..lexicon import alternation, rows
from ..sentences import Sentence

_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_COURTESY = re.compile(r"(?:(?:his|her|their|its|our|my|the|warm|warmest|deep|deepest|sincere|heartfelt|best|kind)\s+)*"
                       r"(?:condolences|congratulations|greetings|wishes|regards|gratitude|thanks|sympathy|sympathies)\b",
                       re.IGNORECASE)
# what follows an agreement or support cue that is no action: the one agreed with ("agree with
# you", "with my colleagues that ..."), or the agent of a passive ("supported by the G7")
_NO_ACTION = re.compile(r"(?:with|by)\b", re.IGNORECASE)
_AID = re.compile(r"\b(?:assistance|aid|relief|humanitarian)\b", re.IGNORECASE)
_SOLIDARITY = re.compile(r"\bsolidarity\b|\bst(?:and|ands|ood|anding)[ ](?:firmly[ ]|fully[ ])?(?:with|by)\b", re.IGNORECASE)
_GRIEF = re.compile(r"\b(?:grief|griev\w*|mourn\w*|condolences?|sympath\w*|bereaved|tragedy|tragic|hour[ ]of[ ]need"
                    r"|(?:difficult|trying|sad)[ ](?:time|times|moment|period)|loss[ ]of[ ](?:life|lives)|earthquakes?"
                    r"|floods?|flooding|wildfires?|cyclones?|hurricanes?|typhoons?|natural[ ]disasters?"
                    r"|painful[ ](?:event|incident|time|moment)|terrorist[ ]attacks?)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\"'\u201d\u2019)]*\s*\Z")
# a speaker's turn in a transcript: "Vladimir Putin: ...", "President of Russia Vladimir Putin: ..."
_TURN = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w.'-]*[ ]){1,6}?[A-Z][\w.'-]*:[ ]")
_CONVERSATIONAL = re.compile(r"\b(?:I|me|my|you|your|yours)\b")


def is_question(text: str, s: Sentence) -> bool:
    return bool(_QUESTION.search(text, s.start, s.end))


def commits_a_state(ctx: ArticleContext, c: Commitment, calls: list[Call], at_home: bool = False) -> bool:
    """Whether commitment ``c`` is one: its action holds a word, it is no turn of conversation
    in a transcript ("with the conclusions you made"), and it concerns another state or an
    international matter: it has counterparts, the article reports an engagement between
    states, or its own sentence names another country or an organisation."""
    if not _LONG_WORD.search(c.text):
        return False  # "go on"
    if _COURTESY.match(c.text):
        return False  # "asked that his deep condolences be conveyed to ...": a courtesy
    if _NO_ACTION.match(c.text):
        return False  # "I completely agree with you", "as endorsed by 14 countries": no undertaking
    if c.kind == "support" and _SOLIDARITY.search(c.evidence.text) and _GRIEF.search(c.evidence.text):
        return False  # "In this hour of grief, the nation stands in solidarity with the people of Turkiye": sympathy
    if _CONVERSATIONAL.search(c.text) and _in_transcript(ctx, max(c.evidence.start, c.text_start)):
        return False
    if not at_home and (c.counterparts or any(len(call.countries) + len(call.organizations) >= 2 for call in calls)):
        return True
    # after a domestic engagement ("Later, the President met the Council of Governors. He pledged
    # ..."), as in an item with none: only a sentence that names another country is about one
    # no engagement: a statement, a domestic meeting, a speech. Only a sentence that names
    # another country or an organisation is about one ("China firmly opposes the arms sales to
    # Taiwan by the United States"); "Pensions will be adjusted" is domestic policy, and "I will
    # gladly give you the floor" a turn of a meeting's conversation
    s, e = c.evidence.start, c.evidence.end
    if _CONVERSATIONAL.search(c.text):
        return False
    if any(code != c.actor for _h, code in ctx.bare_countries(s, e, capitals=True)):
        return True
    if _international_place().search(ctx.text, s, e):
        return True  # "peace and stability across the Taiwan Strait", "Latin America"
    if c.kind == "pledge" and _AID.search(c.text) and any(
            code != c.actor for _h, code in ctx.bare_countries(max(0, s - 500), e, capitals=True)):
        return True  # "Pakistan stands ready to extend all possible assistance" just after condolences to Morocco
    return any(m.country and m.country != c.actor for m in ctx.mentions(s, e)) or bool(ctx.bare_orgs(s, e))


@lru_cache(maxsize=1)
def _international_place() -> re.Pattern[str]:
    """A sea, strait or region of several states (lexicon/not_countries.tsv, international)."""
    return re.compile(rf"\b(?:{alternation(r['phrase'] for r in rows('not_countries', 'phrase', 'international') if r['international'] == 'yes')})\b")


def _in_transcript(ctx: ArticleContext, pos: int) -> bool:
    """Whether ``pos`` lies after a speaker's turn marker ("Vladimir Putin: ...")."""
    return bool(_TURN.search(ctx.text, 0, pos))


_TURN_AT = re.compile(r"[ \t]*(?:[A-Z][\w.'-]*[ ,]+){1,8}?[A-Z][\w.'-]*:[ ]")


def turn_label(text: str, s: Sentence) -> int | None:
    """Where a transcript speaker's label ends when sentence ``s`` opens a turn with one
    ("Ms. KAMIKAWA Yoko, Minister for Foreign Affairs: ..."), else None."""
    if s.start and text[s.start - 1] != "\n":
        return None
    m = _TURN_AT.match(text, s.start, s.end)
    return m.end() if m else None


@lru_cache(maxsize=1)
def _audience() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(r['phrase'] for r in rows('domestic_audiences', 'phrase'))})\b", re.IGNORECASE)


_MEETS = re.compile(r"\b(?:met|meets|meeting|received|receives|hosted|hosts|addressed|addresses|visited|toured)\b",
                    re.IGNORECASE)


def domestic_after(ctx: ArticleContext, s: Sentence, at_home: bool) -> bool:
    """Whether sentence ``s`` is told after a domestic engagement: it tells one itself (a meeting
    with governors, lawmakers, students: lexicon/domestic_audiences.tsv) or follows one, until a
    sentence names another country or a foreign person."""
    text = ctx.text
    if not at_home and not (_MEETS.search(text, s.start, s.end) and _audience().search(text, s.start, s.end)):
        return False  # most sentences: no domestic engagement told and none before
    foreign = ctx.bare_countries(s.start, s.end, capitals=True) or any(
        m.country and ctx.own_side and m.country != ctx.own_side for m in ctx.mentions(s.start, s.end))
    return not foreign
