"""Read the commitments of an article sentence by sentence, clause by clause."""

from __future__ import annotations

import bisect
import re

from ...facts import Call, Commitment
from ..context import ArticleContext
from ..sentences import Sentence
from .actors import coordinated_modal, subject_party
from .building import read_cue
from .cues import Cue, cue_phrases, is_coordinated
from .extent import clause_begin
from .gate import commits_a_state, domestic_after, is_question, turn_label
from .speakers import quote_speaker, sentence_speaker, subject_of, trailing

_ADVERBS_ONLY = re.compile(r"(?:[ ](?:also|continue to|fully|firmly|strongly|always|further|not))*[ ]")
_FIRST_PERSON = re.compile(r"\s*(?:[\"']\s*)?(?:I|We|we|Our|our|My)\b")


def read(ctx: ArticleContext, calls: list[Call]) -> list[Commitment]:
    found = cue_phrases().find(ctx.text, ctx.keywords)
    if not found:
        return []
    cues = [Cue(s, e, row["kind"], row["role"], ctx.text[s:e]) for s, e, row in found]
    starts = [c.start for c in cues]
    out: list[Commitment] = []
    last_speaker: int | None = None
    turn_speaker: int | None = None  # in a transcript, who speaks the current turn ("Vladimir Putin: ...")
    domestic: list[tuple[int, int]] = []  # spans of sentences told after a domestic engagement
    at_home = False
    for sent in ctx.sentences:
        at_home = domestic_after(ctx, sent, at_home)
        if at_home:
            domestic.append((sent.start, sent.end))
        turn = turn_label(ctx.text, sent)
        if turn is not None:
            ms = ctx.mentions(sent.start, turn)
            turn_speaker = ms[-1].person if ms else None
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        if lo == hi:
            ms = ctx.mentions(sent.start, sent.end)
            if ms:
                last_speaker = ms[0].person
            continue
        sc = cues[lo:hi]
        tail = trailing(ctx.text, sent)
        speaker, group = sentence_speaker(ctx, sent, sc[0].start, last_speaker, tail)
        quoted = quote_speaker(ctx, sent)
        if quoted is not None:
            speaker, group = quoted, False
        elif turn_speaker is not None and _FIRST_PERSON.match(ctx.text, turn if turn is not None else sent.start):
            speaker, group = turn_speaker, False  # "We concurred on ...": the turn's speaker and side
        if not is_question(ctx.text, sent):  # "What do we do next?" commits no one
            out.extend(_read_sentence(ctx, sent, sc, speaker, group, calls, tail))
        if speaker is not None and not group:
            last_speaker = speaker
    # a headline restates a commitment the text below tells ("Merz and Tusk agree on joint border patrols")
    body = [c for c in out if c.evidence.start >= ctx.headline_end] if ctx.headline_end else out
    return [c for c in (body or out) if commits_a_state(ctx, c, calls, _inside(domestic, c.evidence.start))]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _read_sentence(ctx: ArticleContext, s: Sentence, sc: list[Cue], speaker: int | None, group: bool,
                   calls: list[Call], tail: re.Match[str] | None) -> list[Commitment]:
    text = ctx.text
    out: list[Commitment] = []
    clause_start = s.start
    clause_speaker, clause_group = speaker, group
    muted = False
    carried = None  # the party of a muted "hopes to ..." verb, for a following "and will"
    covered_until = -1  # end of the last commitment's text
    for i, c in enumerate(sc):
        coordinated = is_coordinated(text, max(s.start, c.start - 20), c.start)
        if c.role == "report":
            clause_start = c.end
            who, is_group = subject_of(ctx, max(s.start, clause_begin(text, s.start, c.start)), c.start)
            if who is not None or is_group:
                clause_speaker, clause_group = who, is_group
            muted = False
            carried = None
            covered_until = -1
            continue
        if c.role == "none":
            continue  # "will be held in Ankara", "will pay a visit": an itinerary item
        if c.role == "modal" and i + 1 < len(sc) and sc[i + 1].kind in ("support", "opposition") and (
                _ADVERBS_ONLY.fullmatch(text, c.end, sc[i + 1].start)):
            continue  # "Malaysia would support Bangladesh's bid": support, told by its own cue
        if c.role == "exclude":
            muted = True
            carried = _hope_to_subject(ctx, s, c, clause_start)
            continue
        if coordinated and c.role in ("lead", "object_to", "welcome"):
            muted = False
        subject = None
        if muted and carried is not None and c.role == "modal" and _shares_hope_subject(text, carried[0], c.start):
            subject = carried[1]  # "Viet Nam hopes to receive ... and will improve ...": Viet Nam's pledge
        elif muted or c.start < covered_until:
            if not (c.role == "modal" and coordinated_modal(ctx, s, c)):
                continue
        commitment = read_cue(ctx, s, sc, i, c, clause_start, clause_speaker, clause_group, calls, tail,
                          out[-1].actor if out else None, subject)
        if commitment is None:
            continue
        out.extend(commitment)
        covered_until = max(covered_until, commitment[-1].text_end)
    return out


_HOPE_TO = re.compile(r"(?:hopes|hoped|hope|hoping|wishes|wished|wish|wishing)\s+to\s", re.IGNORECASE)
_NEW_SUBJECT = re.compile(r"\b(?:that|who|which|whom|whose)\b|[;:\"\u201c\u201d]", re.IGNORECASE)


def _hope_to_subject(ctx: ArticleContext, s: Sentence, c: Cue, clause_start: int) -> tuple[int, tuple[str, object]] | None:
    """"Viet Nam hopes to receive ...": (end of the cue, the party that hopes) when a party is the
    subject of a hope with an infinitive; a hope with a "that" clause ("hopes that Japan will")
    carries nothing, since what follows has a subject of its own."""
    if not _HOPE_TO.match(ctx.text, c.start, min(s.end, c.end + 4)):
        return None
    party = subject_party(ctx, s, c.start, clause_start)
    if party is None or party == ("org", None):
        return None
    return c.end, party


def _shares_hope_subject(text: str, after: int, pos: int) -> bool:
    """A modal right after "and" with no subject of its own, in the same run as the hope (no
    "that", relative pronoun or quote between them): it shares the subject of the hope."""
    window = text[after:pos]
    if len(window) > 200 or _NEW_SUBJECT.search(window):
        return False
    words = window.split()
    if words and (words[-1].lower() == "also" or words[-1].lower().endswith("ly")):
        words.pop()  # "and also will", "and further will"
    return len(words) >= 2 and words[-1].lower() in ("and", ",and")
