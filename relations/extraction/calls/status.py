"""Held, planned, denied or background: what the context phrases around a trigger say, and who asked for the call."""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ArticleContext
from ..lexicon import reporting_verbs
from ..sentences import Sentence
from .parties import party_after
from .spans import Span, flags

INFINITIVE_BEFORE = re.compile(r"\bto[ ](?:\w+[ ])?\Z")  # "to meet", "to hold talks", "to host talks"


def blocked(m: Span, contexts: list[Span]) -> bool:
    if "on" in flags(m):
        return False  # "called on President Xi": decided by its object in reading._read_trigger
    for cm in contexts:
        if cm.row["role"] != "not_call":
            continue
        if cm.start <= m.start and m.start - cm.end < 80 and "after" not in flags(cm):
            return True
        if "after" in flags(cm) and m.end <= cm.start and cm.start - m.end < 120:
            return True  # "was received by the Cabinet Secretary at the Jomo Kenyatta International Airport"
    return False


# between "ahead of" / "preparations for" and the event noun: a few words, no clause break
_PREP_GAP = re.compile(r"(?:[ ][\w'()-]+){0,8}[ ]")
_ITS = re.compile(r"\bits\b", re.IGNORECASE)
# "meeting of the Supreme Interstate Council", "summit of ASEAN": a named body's
_BODY_AFTER = re.compile(r"[ ]of[ ](?:the[ ])?(?-i:[A-Z])", re.IGNORECASE)


def prepared_body_event(ctx: ArticleContext, m: Span, contexts: list[Span]) -> bool:
    """An organisation's or a body's meeting that the parties prepare for or meet ahead of
    ("ahead of its extraordinary ministerial meeting", "preparations for the next meeting of
    the Supreme Interstate Council", "ahead of the NATO summit"): what they talk about, not an
    engagement between them. A meeting of people ("ahead of their meeting", "preparations for
    the President's meeting with Prime Minister X") stays one."""
    if m.row["strength"] != "event":
        return False
    text = ctx.text
    for cm in contexts:
        if cm.row["role"] != "prepares" or cm.end > m.start or m.start - cm.end > 60:
            continue
        if not _PREP_GAP.fullmatch(text, cm.end, m.start):
            continue
        if ctx.mentions(cm.end, m.start) or ctx.bare_countries(cm.end, m.start):
            return False  # "ahead of President X's meeting", "preparations for the China-Arab summit"
        if _ITS.search(text, cm.end, m.start) or ctx.bare_orgs(cm.end, m.start):
            return True  # "ahead of its ministerial meeting", "ahead of the NATO summit"
        after = _BODY_AFTER.match(text, m.end)
        if after:
            pos = after.end() - 1
            if ctx.mentions(pos, pos + 1) or ctx.bare_countries(pos, pos + 1):
                return False  # "the meeting of President X and ...", "a summit of China and ..."
            return True
    return False


# between a discussion frame and the event noun it governs: a short noun phrase, no clause break
# (a preposition in between makes the noun an adjunct: "discussed Syria [in a telephone conversation]")
_FRAME_GAP = re.compile(
    r"(?:[ ](?:(?:and|or)[ ](?=(?:the|a|an|its|their|his|her)[ ]))?(?!(?:and|but|while|which|who|that|in|at|during|by|via"
    r"|over|through|after|before|since)\b)[\w'.()-]+){0,9}?[ ]",
    re.IGNORECASE)


# from the end of a discussed engagement's phrase to a second event noun coordinated with it
# ("the talks in Geneva [and a NATO-Russia Council] meeting"): the frame governs both
COORDINATED_NP = re.compile(r"(?:[ ][\w'.-]+){0,5}?[ ](?:and|or|as well as)[ ](?:[\w'.-]+[ ]){0,5}")


_WITH_OBJECT = re.compile(r"[ ](?:[\w'-]+[ ]){0,2}?with\b")


def temporal_frame(contexts: list[Span], frame: int) -> bool:
    """Whether the frame ending at ``frame`` only places the engagement in time ("following a
    video call between X and Y", "after the summit"): it happened, as news of the day, rather than
    being talked about ("informed him about the talks")."""
    return any(cm.end == frame and cm.row["role"] in ("after", "prepares") for cm in contexts)


def discussion_frame(ctx: ArticleContext, tm: Span, contexts: list[Span], start: int) -> int | None:
    """Where the discussion frame governing event noun ``tm`` ends ("informed X about the course
    of [the talks]", "exchanged views on [the negotiations]", "as agreed during [the meeting]"),
    or None: such an engagement is what the sentence talks about, and has only the parties its
    own noun phrase names ("the talks between Russian and Ukrainian delegations")."""
    if tm.row["strength"] != "event":
        return None
    best = None
    for cm in contexts:
        role = cm.row["role"]
        if role not in ("discussed", "after", "prepares") or cm.start < start or cm.end > tm.start or tm.start - cm.end > 70:
            continue
        if role == "after" and _WITH_OBJECT.match(ctx.text, tm.end) and not (
                ctx.mentions(cm.end, tm.start) or ctx.bare_countries(cm.end, tm.start)):
            continue  # "said after talks with X": the subject's own ("following Biden's talks with X" is not)
        gap = ctx.text[cm.end:tm.start]
        if gap in ("", " ") or ("," not in gap and _FRAME_GAP.fullmatch(gap)):
            best = cm.end
    return best


_DURING_BEFORE = re.compile(r"\bduring[ ](?:a|an|the|their|his|her|its)[ ](?:[\w-]+[ ]){0,2}\Z", re.IGNORECASE)
SUBJECT = "<subject>"  # an initiator that is the trigger's subject side
OBJECT = "<object>"  # ...that is each party of its object ("received calls from A and B")


def read_status(ctx: ArticleContext, tm: Span, contexts: list[Span], s: Sentence) -> tuple[str, bool, str | None]:
    """(status, background, initiator) of trigger ``tm`` from the context phrases of its sentence
    (lexicon/call_context.tsv: each row's role, and its flags for where it reaches)."""
    status, background, initiator = "held", False, None
    pluperfect = False
    text = ctx.text
    planned_by: list[Span] = []
    for cm in contexts:
        role, marks = cm.row["role"], flags(cm)
        before = cm.end <= tm.start
        # after the trigger, in its clause: "the meeting scheduled for May", "the visit was postponed"
        after = "after" in marks and cm.start >= tm.end and not _STOP_BETWEEN.search(text, tm.end, cm.start)
        if role == "planned":
            gap = tm.start - cm.end
            near_before = before and (gap <= 30 or (gap <= 70 and "," not in text[cm.end:tm.start]))
            # after an engagement noun, through its phrase: "A meeting between X and Y of Ghana could take place"
            near = after and (cm.start - tm.end <= 25 or (
                tm.row["strength"] == "event" and cm.start - tm.end <= 100 and not _CLAUSE_BREAK.search(text, tm.end, cm.start)))
            if near_before and _DURING_BEFORE.search(text, max(cm.end, tm.start - 30), tm.start):
                continue  # "agreed to start preparations during a phone call": the call is when they agreed
            if (near_before and not _STOP_BETWEEN.search(text, cm.end, tm.start)) or near:
                status = "planned"
                planned_by.append(cm)
        elif role == "wish" and before and tm.start - cm.end <= 60 and not _STOP_BETWEEN.search(text, cm.end, tm.start):
            status = "wished"
        elif role == "denied" and ((before and (tm.start - cm.end <= 40 or "sentence" in marks)) or after
                                   or cm.start <= tm.start < cm.end):  # "No such conversation took place"
            status = "denied"
        elif role == "background" and ((before and tm.start - cm.end <= 25) or (after and cm.start - tm.end <= 25)):
            if "pluperfect" in marks:
                # "Takaichi had spoken with Albanese by phone shortly after her election": a call
                # before the one reported; not in reported speech ("the Kremlin said Putin had
                # spoken with..."), where the past perfect is only the reporting tense
                pluperfect = not _reporting_before().search(text, s.start, cm.start)
            else:
                background = True
        elif role == "initiator" and "subject" in marks:
            initiator = SUBJECT  # "X made a phone call to Y": the trigger's subject, once known
        elif role == "initiator" and "refers_before" in marks:
            # "at the Finnish side's initiative", "at Kazakhstan's request": the party right before
            named = [(m.end, m.country) for m in ctx.mentions(max(s.start, cm.start - 60), cm.start) if m.country]
            named += [(h.end, c) for h, c in ctx.bare_countries(max(s.start, cm.start - 60), cm.start)]
            if named:
                initiator = max(named)[1]
        elif role == "initiator" and ("refers_last" in marks or "refers_first" in marks):
            # "at the latter's request": the last (or first) party named before
            named = [m for m in ctx.mentions(s.start, cm.start) if m.country]
            if named:
                initiator = (named[-1] if "refers_last" in marks else named[0]).country
        elif role == "initiator":
            who = party_after(ctx, cm.end, min(s.end, cm.end + 80))
            if "object" in marks:
                initiator = OBJECT  # "received calls from A and B"; a bare "at request": the other side's
            elif who:
                initiator = who
    if status == "planned" and any(
            cm.row["role"] == "denied" and "after" in flags(cm) and cm.end <= tm.start and tm.start - cm.end < 120
            and _WHERE_PLANNED.search(text, cm.end, tm.start) for cm in contexts):
        # "cancelled a visit to Germany, where he was scheduled to meet Chancellor Merz": the
        # meeting planned within the cancelled visit is called off with it
        status = "denied"
    invited = any("invitation" in flags(cm) and cm.start < tm.start for cm in contexts)
    if status == "planned" and (invited or any("invitation" in flags(cm) for cm in planned_by)) and not any(
            "firm" in flags(cm) for cm in planned_by):
        status = "invited"  # an invitation is not yet a planned engagement
    if status == "wished":
        status = "invited"  # a wish is no engagement either
    if pluperfect and status == "held":
        background = True
    return status, background, initiator


_STOP_BETWEEN = re.compile(r"[.;]|\bbut\b")
_WHERE_PLANNED = re.compile(r",[ ](?:where|at[ ]which|during[ ]which|in[ ]which)[ ]")
_CLAUSE_BREAK = re.compile(r"[,.;:]|\b(?:to|which|who|that)\b")


@lru_cache(maxsize=1)
def _reporting_before() -> re.Pattern[str]:
    """"the Kremlin said Putin had spoken": reported speech (lexicon/reporting_verbs.tsv, use reported_speech)."""
    return re.compile(rf"\b(?:{reporting_verbs('reported_speech')})\b", re.IGNORECASE)


_TOLD_AGAIN = re.compile(r"\b(?:the|this|that)[ ](?:(?:phone|telephone|video)[ ])?(?:call|conversation|talks|meeting|discussion|exchange)\b", re.IGNORECASE)


def later_initiator(ctx: ArticleContext, s: Sentence, contexts: list[Span], draft) -> None:
    """"The call was initiated by the Romanian side.", "The discussion was held on Finland's
    initiative.": a sentence without a trigger that names who asked for the engagement told
    before gives it its initiator."""
    if draft.initiator is not None or not _TOLD_AGAIN.search(ctx.text, s.start, s.end):
        return
    for cm in contexts:
        if cm.row["role"] != "initiator":
            continue
        marks = flags(cm)
        if "refers_before" in marks:
            named = [(m.end, m.country) for m in ctx.mentions(max(s.start, cm.start - 60), cm.start) if m.country]
            named += [(h.end, c) for h, c in ctx.bare_countries(max(s.start, cm.start - 60), cm.start)]
            who = max(named)[1] if named else None
        elif marks:
            continue  # latter/former, subject, object: the trigger's own sentence tells them
        else:
            who = party_after(ctx, cm.end, min(s.end, cm.end + 80))
        if who in draft.parties:
            draft.initiator = who
            return


def later_denial(ctx: ArticleContext, s: Sentence, contexts: list[Span], drafts: list) -> None:
    """"Kerry called Lavrov on Tuesday. However, Kerry did not reach Lavrov": a sentence without
    a trigger saying a side never got through denies the last held call of the sides it names."""
    if not any(cm.row["role"] == "denied" and "unreached" in flags(cm) for cm in contexts):
        return
    named = {m.country for m in ctx.mentions(s.start, s.end) if m.country}
    if not named:
        return
    for d in reversed(drafts):
        if d.status == "held" and named <= d.parties:
            d.status = "denied"
            return
