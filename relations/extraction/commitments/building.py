"""One commitment from one cue: its kind, actor, text, counterparts, topics and call."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ...facts import Call, Commitment, Evidence
from .. import topics
from ..context import ArticleContext
from ..lexicon import column
from ..sentences import Sentence
from ..trie import compile_words
from .actors import actor_of, body_before, first_party, subject_party
from .cues import Cue
from .extent import hard_stop, split_actions, subject_phrase_start, text_end, trim


@lru_cache(maxsize=1)
def _welcome_markers() -> re.Pattern[str]:
    return compile_words([w.lower() for w in column("welcome_markers", "word")], re.IGNORECASE)


_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|n't)\s+\Z", re.IGNORECASE)
_NOT_MEAN = re.compile(r"\b(?:not|never)\s+(?:mean|means|imply|implies)\s+(?:that\s+)?[\w' ]{0,30}\Z", re.IGNORECASE)
_NEGATED = re.compile(r"\s+(?:not|never|no longer)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\s+(?:\w+\s+)?be\s+\w+(?:ed|en|un|ne)\b")


_TO = re.compile(r"(?<!according )(?<!due )(?<!owing )\bto\s+(?=\w)")
# "would support Bangladesh's bid to become ...": backing another's bid or proposal is support
_SUPPORT_VERB = re.compile(r"\s*(?:(?:also|fully|firmly|strongly|continue\s+to)\s+)*(?:support|back|endorse)\s+"
                           r"(?:[^,;.]{0,40}?\s)?(?:bid|bids|candidacy|candidature|application|accession|membership"
                           r"|proposal|proposals|initiative|initiatives|resolution|request)\b", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:will|would|shall|should|must|can|could|needs? to)\s+(?:(?:also|further|jointly|continue to)\s+)?", re.IGNORECASE)


def read_cue(ctx: ArticleContext, s: Sentence, sc: list[Cue], i: int, c: Cue, clause_start: int,
         speaker: int | None, group: bool, calls: list[Call], tail: re.Match[str] | None,
         last_actor: str | None = None, subject: tuple[str, object] | None = None) -> list[Commitment] | None:
    text = ctx.text
    kind = c.kind
    actor_party = None
    if c.role == "modal":
        party = subject or subject_party(ctx, s, c.start, clause_start, modal=True)
        passive = bool(_PASSIVE.match(text, c.end))
        if kind == "pledge" and _NEGATED.match(text, c.end):
            return None  # "will not meet": a refusal is no pledge
        if _NOT_MEAN.search(text, max(s.start, c.start - 60), c.start):
            return None  # "does not mean that we will compromise our national security"
        if kind == "pledge" and party is None and not passive:
            if not body_before().search(text, max(clause_start, c.start - 60), c.start):
                return None  # "the partnership will achieve...": an assessment, not a pledge
            party = ("speaker", None)  # "the Treasury Department would take action"
        if kind == "pledge" and party == ("org", None):
            return None  # a non-state party's pledge is not a country's
        if kind == "pledge" and party not in (None, ("org", None)):
            actor_party = party
        if kind == "pledge" and group and party == ("pair", None):
            kind = "agreement"  # "The two leaders confirmed that they would ...": a joint course
        elif kind == "pledge" and party not in (None, ("org", None)) and _SUPPORT_VERB.match(text, c.end):
            kind = "support"  # "Malaysia would support Bangladesh's bid": a statement of support
        t_start = c.end
        if passive:  # "the necessary instructions would be given": what would be done is the subject
            t_start = max(clause_start, subject_phrase_start(ctx.text, clause_start, c.start))
    elif c.role == "post":
        t_start = clause_start
    else:
        if _NOT_BEFORE.search(text, max(s.start, c.start - 12), c.start):
            return None  # "India is not willing to compromise": a refusal, not a commitment
        party = subject_party(ctx, s, c.start, clause_start)
        if party == ("org", None) and kind != "proposal":
            return None  # "UNRWA has pledged...": a non-state party's commitment is not a country's
        if party not in (None, ("org", None)):
            actor_party = party
        if kind == "agreement" or c.role == "welcome" or kind == "support":
            first = first_party(ctx, clause_start, c.start)
            if first is not None:
                actor_party = first  # "Indonesia and Australia agreed", "Minister A and Minister B welcomed": the one named first
        t_start = c.end
        if c.role == "object_to":
            m = _TO.search(text, c.end, min(s.end, c.end + 90))
            if m and not hard_stop().search(text, c.end, m.start()):
                t_start = m.end()
            elif c.text.lower().startswith("call"):
                return None  # "called on President Xi in Beijing": a courtesy call, not an appeal
    t_end = text_end(ctx, s, sc, i, t_start, tail)
    if kind == "agreement" and c.text.lower().endswith("that"):
        # "agreed that the Commission should meet in Berlin" is a course; "agreed that stability
        # is contingent on ..." is a shared view, no commitment
        if _MODAL.search(text, t_start, min(s.end, t_end + 40)) is None:
            return None
    if c.role == "post":
        t_start, t_end = clause_start, c.start
    if c.role == "welcome":
        if not _welcome_markers().search(ctx.text, t_start, t_end):
            return None  # welcoming something past ("welcomed the signing")
    pieces = split_actions(text, t_start, t_end, c)
    actor, speaker_name = actor_of(ctx, actor_party, speaker, group, calls, last_actor)
    if actor is None:
        return None
    out = []
    for a, b in pieces:
        a, b = trim(text, a, b)
        if b - a < 3:
            continue
        if any(o.role in ("exclude", "none") and a <= o.start <= a + 2 for o in sc):
            continue  # "asked him to [convey his greetings to King Salman]": a courtesy, an itinerary item
        out.append(_make(ctx, s, kind, actor, speaker_name, a, b, calls))
    return out or None


def _article_parties(ctx: ArticleContext, calls: list[Call]) -> frozenset[str]:
    if ctx.parties is None:
        found = {p.country for p in ctx.people.persons if p.country}
        for c in calls:
            found.update(c.countries)
        ctx.parties = frozenset(found)
    return ctx.parties


def _topics(ctx: ArticleContext, a: int, b: int) -> tuple[str, ...]:
    gaz = ctx.gaz
    found = [(m.start(), m.end(), gaz.compound_topics[m.group()])
             for m in gaz.compound_topic_pattern.finditer(ctx.text, a, b)]
    mentioned = ctx.topics or []
    lo = bisect.bisect_left(mentioned, (a,))
    hi = bisect.bisect_left(mentioned, (b,))
    found += [t for t in mentioned[lo:hi] if t[1] <= b]
    found.sort()
    return topics.within(found, a, b)


def _make(ctx: ArticleContext, s: Sentence, kind: str, actor: str, speaker: str | None, a: int, b: int,
          calls: list[Call]) -> Commitment:
    # the countries the action names, when they take part in the article (a person of theirs
    # speaks, or a call includes them): "core interests such as Hong Kong, Taiwan" names none
    parties = _article_parties(ctx, calls)
    counterparts: dict[str, None] = {}
    for m in ctx.mentions(a, b):
        if m.country and m.country != actor:
            counterparts.setdefault(m.country)
    for _h, code in ctx.bare_countries(a, b):
        if code != actor and code in parties:
            counterparts.setdefault(code)
    # the article's first call with the actor: readouts report their main engagement first,
    # and later sentences recalling other calls are background (measured on the dev corpus:
    # "nearest preceding call" and "call with a named counterpart" both linked worse)
    call_index = None
    for k, call in enumerate(calls):
        if actor in call.countries:
            call_index = k
            break
    if not counterparts and call_index is not None:
        for code in calls[call_index].countries:
            if code != actor:
                counterparts.setdefault(code)
    return Commitment(
        actor=actor,
        speaker=speaker,
        kind=kind,
        text=ctx.text[a:b],
        counterparts=tuple(counterparts),
        topics=_topics(ctx, a, b),
        call=call_index,
        evidence=Evidence(s.text, s.start, s.end),
        text_start=a,
        text_end=b,
    )
