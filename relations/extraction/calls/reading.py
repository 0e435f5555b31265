"""Read the calls of an article sentence by sentence: triggers, their parties, status and date, merged into drafts."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from ...facts import Call
from .. import dates
from ..context import ArticleContext
from ..sentences import Sentence
from .drafts import Draft, drop_home_territories, finish, merge
from .parties import (
    NOT_SUBJECT_BEFORE,
    PASSIVE_BY,
    POSSESSIVE_LEAD,
    PRONOUN_SUBJECT,
    THEIR,
    TO_AFTER,
    after_last_that,
    call_verb,
    capitals_as_actors,
    country_at,
    country_is_party,
    envoy_gap,
    group_subject,
    names_a_topic,
    object_end,
    pair_before,
    pair_named_before,
    party_noun,
    visited_place,
    visitor_from,
)
from .mechanisms import planned_sitting
from .places import placed
from .rounds import is_plural, is_round, is_separate, split
from .spans import Span, as_cues, context_phrases, flags, spans, trigger_phrases
from .status import (
    COORDINATED_NP,
    INFINITIVE_BEFORE,
    OBJECT,
    SUBJECT,
    blocked,
    discussion_frame,
    later_denial,
    later_initiator,
    prepared_body_event,
    read_status,
    temporal_frame,
)
from .when import attached_elsewhere, nearest_date, other_month, reported_day


def read(ctx: ArticleContext) -> list[Call]:
    """The calls of an article. A first line that reads as a headline ("HM the King Receives
    Phone Call from French President") restates the lede, with title-case words that are no
    names and a tense that is no status: it is read only when the text below it reports none
    (the first line may also be a lede that lost its full stop)."""
    found = as_cues(ctx, spans(ctx, trigger_phrases()))
    below = [t for t in found if t.start >= max(ctx.body_start, ctx.headline_end)]
    calls = _read(ctx, below) if below else []
    if not calls and len(below) < len(found):
        calls = _read(ctx, [t for t in found if t.start >= ctx.body_start])
    return calls


_LATER = re.compile(r"\b(?:[Ll]ater[ ](?:in[ ]the[ ](?:day|evening|afternoon)|that[ ]day|on)|[Aa]fterwards|[Ss]ubsequently)\b")


def engagement_sentences(ctx: ArticleContext) -> list[Sentence]:
    """The sentences below the dateline that hold an engagement word ("met", "talks", "call"),
    whether or not a call was read from them."""
    starts = sorted(t.start for t in spans(ctx, trigger_phrases()) if t.start >= ctx.body_start)
    return [s for s in ctx.sentences if bisect.bisect_left(starts, s.start) < bisect.bisect_left(starts, s.end)]


def _read(ctx: ArticleContext, triggers: list[Span]) -> list[Call]:
    if not triggers:
        return []
    drafts: list[Draft] = []
    # the article's main actor, until a call names its first participant
    protagonist: int | None = ctx.people.mentions[0].person if ctx.people.mentions else None
    contexts = spans(ctx, context_phrases())
    t_starts = [t.start for t in triggers]
    told_before: str | None = None  # "a series of telephone conversations ... In a conversation with X"
    told_day = None  # the day of that series of calls, for the engagements it holds
    c_starts = [c.start for c in contexts]
    rounds: list[tuple[str, frozenset[str]]] = []  # (side, counterparts) of the rounds read so far
    for n, s in enumerate(ctx.sentences):
        lo, hi = bisect.bisect_left(t_starts, s.start), bisect.bisect_left(t_starts, s.end)
        ctxs = contexts[bisect.bisect_left(c_starts, s.start):bisect.bisect_left(c_starts, s.end)]
        if lo == hi:
            if drafts and ctxs:
                later_initiator(ctx, s, ctxs, drafts[-1])  # "The call was initiated by the Romanian side."
                later_denial(ctx, s, ctxs, drafts)  # "However, Kerry did not reach Lavrov."
            if drafts and _LED.search(ctx.text, s.start, s.end):
                _delegation_heads(ctx, s, drafts[-1])
            sitting = planned_sitting(ctx, s, drafts[0] if drafts else None)
            if sitting is not None:
                merge(drafts, sitting, ctx.people.persons)
            continue
        found = triggers[lo:hi]
        series = [m for m in found if "names_medium" in flags(m) and is_plural(m)]
        if series:  # "during a round of telephone calls on Sunday 18 February": what later "discussions" were
            told_before = series[0].row["medium"]
            when = nearest_date(ctx.text, s, series[0].start, series[0].end, ctx.body_start)
            told_day = dates.resolve(when, ctx.ref_date) if when is not None and when.kind != "month" else told_day
        read = _read_sentence(ctx, s, found, ctxs, drafts, _pronoun_refers(ctx, s, ctx.sentences[n - 1] if n else None) or protagonist, told_before)
        if not read and drafts and ctxs:
            later_initiator(ctx, s, ctxs, drafts[-1])  # "the talks were held at Russia's initiative"
        for d in read:
            # "held separate bilateral meetings with the leaders of A, B and C. He met X, Y and Z":
            # the same round told again, with its people (or some of it: "with A, ... while his
            # meeting with B")
            if d.round is None and len(d.parties) >= 3 and not d.orgs:
                d.round = next(((side, sorted(d.parties - {side})) for side, others in rounds
                                if side in d.parties and d.parties <= {side, *others}), None)
            if d.round:
                rounds.append((d.round[0], frozenset(d.round[1])))
        read = [one for d in read for one in (split(ctx, d, *d.round) if d.round else [d])]
        if not any(len(d.parties) + len(d.orgs) >= 2 for d in read):
            sitting = planned_sitting(ctx, s, drafts[0] if drafts else None)
            read += [sitting] if sitting is not None else []
        later = _LATER.search(ctx.text, s.start, s.end) is not None
        for d in read:
            d.later = later and not d.discussed
            if d.bare and told_day is not None and (d.date is None or d.date.date is None) and d.status == "held":
                d.date = told_day
            if d.discussed:
                merge(drafts, d, ctx.people.persons)
                continue
            if not drafts and d.participants:
                protagonist = d.participants[0]
            if d.explicit_medium and d.medium != "in_person":
                told_before = d.medium
            merge(drafts, d, ctx.people.persons)
    for d in drafts:
        d.parties = drop_home_territories(d.parties)
        if d.round or (not d.participants and d.status == "held"):
            _name_counterparts(ctx, d)  # (also "The leaders of South Korea and Vietnam held ...")
    drafts = [d for d in drafts if len(d.parties) + len(d.orgs) >= 2 and d.parties]
    if drafts and (drafts[0].date is None or drafts[0].date.date is None) and ctx.sentences:
        # the main call's day is often told once, in the lede: "Xi Jinping on Tuesday called on..."
        lede = ctx.sentences[0]
        t_start, t_end = drafts[0].trigger if drafts[0].sentence is lede else (lede.end, lede.end)
        found = [m for m in dates.find(ctx.text, max(lede.start, ctx.body_start), lede.end) if m.kind != "month"
                 and not attached_elsewhere(ctx.text, max(lede.start, ctx.body_start), m, t_start, t_end)
                 and not reported_day(ctx.text, max(lede.start, ctx.body_start), m)]
        if found and drafts[0].status == "held":
            drafts[0].date = dates.resolve(found[0], ctx.ref_date)
    if drafts and ctx.ref_date and drafts[0].date and drafts[0].date.date and drafts[0].status == "held":
        # the article's main engagement is recent news: a date years away belongs to something else
        if abs((drafts[0].date.date - ctx.ref_date).days) > 31:
            drafts[0].date = None
    main = drafts[0] if drafts else None
    if main is not None and main.status in ("planned", "denied"):
        # "Trump is today scheduled to speak to Ramaphosa ... His first African engagement was a
        # call with Sisi": with the article's news ahead, an undated "was a call" is a past one
        drafts = [main] + [d for d in drafts[1:] if not (d.status == "held" and (d.date is None or d.date.date is None)
                                                          and _COPULA_EVENT.search(ctx.text, max(0, d.trigger[0] - 40),
                                                                                   d.trigger[0]))]
    if main is not None and main.status == "held" and main.date and main.date.date and main.date.precision == "day":
        # "Kagame received the minister on Wednesday ... The visiting minister also held talks
        # with ...": an undated engagement of the same visit is of the main one's day
        for d in drafts[1:]:
            if d.status == "held" and not d.background and (d.date is None or d.date.date is None) and (
                    d.parties & main.parties):
                d.date = main.date
    return [placed(ctx, d, finish(ctx, d)) for d in drafts]


_DURING_VISIT = re.compile(r"[ ](?:held[ ])?(?:during|in[ ]the[ ]course[ ]of)[ ](?:the[ ]|his[ ]|her[ ]|[^,.;]{0,70}?['\u2019]s[ ])?"
                           r"(?:[\w-]+[ ]){0,3}?visit[ ]to[ ](?:the[ ])?")


def _visit_during(ctx: ArticleContext, tm: Span, s: Sentence) -> list[tuple[int, str]]:
    """"Talks held during Afghan Foreign Minister X's visit to Pakistan": the country visited is a
    side of the talks told with the visit."""
    m = _DURING_VISIT.match(ctx.text, tm.end, s.end)
    return country_at(ctx, m.end(), min(s.end, m.end() + 40)) if m else []


_QUESTION_LINE = re.compile(r"[ \t]*(?:Q|Question|QUESTION)[ ]?[:.][ ]")
_COPULA_EVENT = re.compile(r"\b(?:was|were)[ ](?:a|an|the|his|her|their)[ ](?:[\w-]+[ ]){0,2}\Z")
_DISCUSSED_DURING = re.compile(r"\b(?:was|were|had[ ]been|have[ ]been|has[ ]been)[ ](?:also[ ])?(?:discussed|reviewed|raised|addressed"
                               r"|touched[ ]upon|covered|considered)[ ](?:during|in|at)[ ](?:the|this|that)[ ]\Z")
_TWO_LEADERS = re.compile(r"\bbetween[ ](?:the|both)[ ](?:two[ ])?(?:leaders|presidents|prime[ ]ministers|heads[ ]of[ ]state)\b",
                          re.IGNORECASE)
_SCHEDULED = re.compile(r"\b(?:scheduled|set|due|planned|expected)[ ]to[ ]be\b|\bwas[ ]to[ ]have\b")
_HE_SHE = re.compile(r"(?:He|She)\b")


def _pronoun_refers(ctx: ArticleContext, s: Sentence, prev: Sentence | None) -> int | None:
    """"The Secretary (East) is on a visit to Nepal. He is scheduled to call on ...": a sentence
    that opens with "He" or "She" speaks of the person the sentence before opened with."""
    if prev is None or not _HE_SHE.match(ctx.text, s.start):
        return None
    ms = ctx.mentions(prev.start, prev.end)
    if not ms or ms[0].person < 0 or ms[0].start - prev.start > 4:
        return None
    return ms[0].person


_LED = re.compile(r"\b(?:led|headed)[ ](?:the|his|her|their|its)\b|\b(?:led|headed)[ ]by\b")


def _delegation_heads(ctx: ArticleContext, s: Sentence, d: Draft) -> None:
    """"Foreign Secretary X led the Bangladesh side while the Indian delegation was led by Y": the
    heads of the sides of the engagement told before are its participants, for a side that has
    none yet."""
    persons = ctx.people.persons
    have = {persons[p].country for p in d.participants}
    for m in ctx.mentions(s.start, s.end):
        if m.person >= 0 and m.name and persons[m.person].country in d.parties - have:
            d.participants.append(m.person)
            have.add(persons[m.person].country)


def _name_counterparts(ctx: ArticleContext, d: Draft) -> None:
    """"spoke by telephone with the leaders of Germany, Greece and Poland ... With Chancellor
    Scholz, she also discussed ...": a call of a round whose counterpart is named only later
    gets the one person the article names for that country."""
    persons = ctx.people.persons
    have = {persons[p].country for p in d.participants}
    for c in sorted(d.parties - have):
        named = [i for i, p in enumerate(persons) if p.country == c and p.name]
        if len(named) == 1:
            d.participants.append(named[0])


def _read_sentence(ctx: ArticleContext, s: Sentence, found: list[Span], contexts: list[Span],
                   drafts: list[Draft], protagonist: int | None, told_before: str | None) -> list[Draft]:
    """The engagements sentence ``s`` reports: its main one (the first trigger that names two
    parties), after any engagement it only talks about ("After an audience with the Pope, the
    President met ...")."""
    told: str | None = None  # a medium the sentence states outright ("by phone", "via video link")
    found = [m for m in found if not prepared_body_event(ctx, m, contexts)]
    if not found or _QUESTION_LINE.match(ctx.text, ctx.text.rfind("\n", 0, s.start) + 1):
        return []  # ("Q: Japanese media reported that X had met ...": a briefing question states nothing)
    in_person_at: list[Span] = []
    for m in found:
        row = m.row
        if row["strength"] == "cue" or (row["strength"] == "event" and row["medium"] != "in_person"):
            if row["medium"] == "in_person":
                in_person_at.append(m)
            elif told is None and not (row["strength"] == "event" and discussion_frame(
                    ctx, m, contexts, max(s.start, ctx.body_start)) is not None):
                # ("held talks ..., following a telephone conversation between X and Y": the
                # conversation talked about lends the talks no medium)
                told = row["medium"]
    engagements = [m for m in found if m.row["strength"] != "cue"]

    def in_person_for(m: Span) -> bool:
        """An in-person cue counts for the trigger it stands beside: "prepare for a meeting at the
        G20" tells where the meeting is, not the medium of the call the sentence reports."""
        return any(not any(min(m.start, c.start) < e.start < max(m.start, c.start) for e in engagements if e is not m)
                   for c in in_person_at)
    first = None
    discussed: list[Draft] = []
    talked_about: int | None = None  # where the phrase of the last discussed engagement ends
    visits: list[Draft] = []
    # a phone or video cue stands for the verb when the sentence has no other trigger:
    # "Putin and Erdogan discussed Ukraine by phone", "confirmed by phone Friday that..."
    # ("had discussed the possibility of holding a meeting by telephone": the meeting is what is
    # talked about, so the cue still stands for the verb)
    only_cues = all(m.row["strength"] == "cue" or (m.row["strength"] == "event" and discussion_frame(
        ctx, m, contexts, max(s.start, ctx.body_start)) is not None) for m in found) and any(
        m.row["strength"] == "cue" for m in found)
    for m in found:
        if only_cues and m.row["medium"] != "in_person" and not blocked(m, contexts):
            d = _read_trigger(ctx, s, m, found, contexts, drafts, protagonist, told, in_person_for(m))
            if d is not None and len(d.parties) + len(d.orgs) >= 2:
                return discussed + [d]
            continue
        if m.row["strength"] != "cue" and not blocked(m, contexts):
            told_here = told
            if told_here is None and not in_person_for(m) and "bare" in flags(m):
                told_here = told_before
            frame = discussion_frame(ctx, m, contexts, max(s.start, ctx.body_start))
            if frame is None and talked_about is not None and m.row["strength"] == "event":
                if m.start < talked_about:
                    frame = m.start  # inside the phrase of a discussed engagement
                elif COORDINATED_NP.fullmatch(ctx.text, talked_about, m.start):
                    frame = talked_about  # "in the wake of the talks in Geneva and [a Council meeting]"
            d = _read_trigger(ctx, s, m, found, contexts, drafts, protagonist, told_here, in_person_for(m),
                              frame, talked_about)
            if frame is not None:
                # what a discussed engagement's own phrase names is no subject of a later trigger
                talked_about = max(talked_about or 0, discussed_end(ctx, m, s))
                if d is not None:
                    discussed.append(d)
                continue
            if d is not None and d.background and call_verb("visit").match(m.text):
                visits.append(d)  # "X, who is visiting India, held a meeting with Y": the meeting is the news
                continue
            if d is not None and len(d.parties) + len(d.orgs) >= 2:
                # "A meeting chaired by the Prime Minister reviewed ... the telephone conversation between ..."
                return discussed + [d] + _discussed_after(ctx, s, found, m, contexts, drafts, protagonist)
            first = first or d
    return discussed + ([first] if first else visits[:1])


# between a verb and the one it met, time and place only: "received on Monday at Carthage Palace
# the Ambassador of Italy", "received at the Palace of the Revolution the Vietnamese Deputy PM"
_ADJUNCTS = re.compile(r"(?:,?[ ](?:on|at|in|earlier|later|today|yesterday)(?:[ ](?!(?:and|who|which|that)\b)[\w'.-]+){0,6}?)+,?[ ](?:the[ ]|his[ ]|her[ ])?"
                       r"|[ ](?:by|over|via)[ ](?:the[ ])?(?:tele)?phone[ ](?:with|to)[ ](?:the[ ]|his[ ]|her[ ])?")  # "speak by phone with the"
POSSESSIVE = re.compile(r"\b(?:his|her)\b", re.IGNORECASE)


def _discussed_after(ctx: ArticleContext, s: Sentence, found: list[Span], main: Span, contexts: list[Span],
                     drafts: list[Draft], protagonist: int | None) -> list[Draft]:
    """Engagements that sentence ``s`` talks about after its main one, with their own sides and
    day: "held phone talks with Lavrov to review the outcomes of [the talks held in Moscow on
    May 10 between To Lam and Putin]". Only one that names its day or week is kept (a background)."""
    out = []
    for m in found:
        if m.start <= main.end or m.row["strength"] != "event" or blocked(m, contexts):
            continue
        frame = discussion_frame(ctx, m, contexts, main.end)
        if frame is None:
            continue
        d = _read_trigger(ctx, s, m, found, contexts, drafts, protagonist, None, False, frame, None)
        if d is not None and len(d.parties) >= 2 and d.date and d.date.date and d.date.precision in ("day", "week"):
            if d.status == "held" and ctx.ref_date and d.date.date > ctx.ref_date:
                d.status, d.background = "planned", False  # "to prepare for the President's meeting on January 21"
            out.append(d)
    return out


def discussed_end(ctx: ArticleContext, tm: Span, s: Sentence) -> int:
    """Where the phrase of a discussed engagement ends: its object, never past a comma ("After
    an audience with the Pope, the President met ...")."""
    end = object_end(ctx, tm.end, s.end)
    comma = ctx.text.find(",", tm.end, end)
    while comma >= 0:
        # "the meeting of the energy ministers of Kyrgyzstan, Uzbekistan and Kazakhstan": a list of
        # countries goes on past its commas
        after = ctx.bare_countries(comma + 1, min(end, comma + 40))
        if not after or after[0][0].start != comma + 2:
            return comma
        comma = ctx.text.find(",", comma + 1, end)
    return end


def _read_trigger(ctx: ArticleContext, s: Sentence, tm: Span, found: list[Span], contexts: list[Span],
                  drafts: list[Draft], protagonist: int | None, told: str | None, in_person_cue: bool,
                  frame: int | None = None, talked_about: int | None = None) -> Draft | None:
    """The engagement trigger ``tm`` reports. ``frame``: where the discussion frame that governs
    it ends ("informed X about [the talks ...]"); ``talked_about``: where the phrase of an
    engagement the sentence discussed before ends (its parties are not this one's subject)."""
    text = ctx.text
    if "names_medium" in flags(tm):
        told = tm.row["medium"]  # "held a secure video call": the trigger's own word wins over the sentence's
    if told:
        medium, explicit = told, True
    elif in_person_cue:
        medium, explicit = "in_person", True
    else:
        # "met", "hosted", "received": people in one room; a noun ("meeting", "talks") may be virtual
        medium, explicit = tm.row["medium"], tm.row["medium"] == "in_person" and tm.row["strength"] == "verb"

    # the subject: parties before the trigger ("denied reports that X and Y had spoken": after "that")
    s_start = max(s.start, ctx.body_start)
    if frame is not None:
        s_start = frame  # "informed X about [the talks between A and B]": only A and B take part
    elif talked_about is not None and talked_about < tm.start:
        s_start = max(s_start, talked_about)
    subj_from = max(s_start, after_last_that(text, s_start, tm.start))
    visit = bool(call_verb("visit").match(tm.text)) and tm.row["strength"] == "event"
    if visit:
        # a visit is its visitor's: "X's visit to Y", "X will pay a state visit to Y"; no one
        # else in the sentence is its subject ("discussed ... through Z's trip to Poland")
        visitor_at = visitor_from(text, subj_from, tm.start)
        subj_from = max(subj_from, visitor_at)
    subj_persons = [m for m in ctx.mentions(subj_from, tm.start)]
    subj_countries = [c for h, c in ctx.bare_countries(subj_from, tm.start)
                      if not NOT_SUBJECT_BEFORE.search(text, max(subj_from, h.start - 14), h.start)
                      and not names_a_topic(text, h)] if not subj_persons else []
    topics_told = bool(drafts) and _DISCUSSED_DURING.search(text, max(s_start, tm.start - 40), tm.start) is not None
    if topics_told:
        # "the war between Russia and Ukraine ... were discussed during the phone conversation":
        # what was discussed, not who took part; the engagement is the one told before
        subj_persons, subj_countries = [], []
    if not subj_persons and not subj_countries and not topics_told:
        subj_countries = capitals_as_actors(ctx, subj_from, tm.start)
    lead = text[s_start:tm.start]
    group = (bool(group_subject().search(lead)) and not subj_persons) or topics_told
    # the object: parties after the trigger, up to the end of its phrase
    obj_end = object_end(ctx, tm.end, s.end) if frame is None else discussed_end(ctx, tm, s)
    obj_persons = [m for m in ctx.mentions(tm.end, obj_end)]
    obj_countries = [e.key for h, e in ctx.bare_country_entries(tm.end, obj_end) if country_is_party(ctx, tm, h, e)]
    obj_orgs = [o for h, o in ctx.bare_orgs(tm.end, obj_end)]
    place = visited_place(ctx, tm, obj_end) if call_verb("visit").match(tm.text) else []
    if not place and tm.row["strength"] == "event":
        place = _visit_during(ctx, tm, s)  # "Talks held during X's visit to Pakistan"
    if visit:
        obj_countries = [c for _at, c in place]  # "a trip to Poland and Germany" meets neither with the other
    else:
        obj_countries += [c for _at, c in place if c not in obj_countries]
    if not obj_persons and not obj_countries and group_subject().search(text, tm.end, obj_end):
        group = True  # "a telephone conversation between the two Presidents"
    if group and frame is not None and not drafts and _TWO_LEADERS.search(text, tm.end, obj_end):
        # "the White House said following Wednesday's phone talks between the two leaders", with
        # no engagement read before: the two the article named first
        obj_persons = pair_named_before(ctx, s.start) or pair_named_before(ctx, tm.start)
        group = False
    if group and frame is not None:
        return None  # "as agreed during the meeting of the ministers": no parties of its own
    if "on" in flags(tm):
        # "called on President Xi in Beijing" is a courtesy call; "called on China and Belarus to
        # boost...", "called on Prime Minister X to resign" are appeals
        if not obj_persons or len(text[tm.end:obj_persons[0].start].split()) > 1 or TO_AFTER.match(text, obj_persons[0].end):
            return None
    if call_verb("passive").match(tm.text) and PASSIVE_BY.match(text, tm.end) and not _BE_BEFORE.search(
            text, max(s.start, tm.start - 30), tm.start):
        return None  # "a summit hosted by Prime Minister Ardern": the subject only took part
        # ("X was also received by Prime Minister Y" is their meeting)
    lead_text = text[max(s.start, ctx.body_start):tm.start]
    # "The two leaders agreed to meet in person on 12 February": the pair already named
    group_meets = "meet" in flags(tm) and (
        (bool(drafts) and not ctx.mentions(s.start, tm.start) and bool(group_subject().search(lead_text)))
        or len({m.country for m in subj_persons if m.country}) >= 2)  # "Biden and Trudeau will meet"
    if call_verb("needs_object").match(tm.text) and not group_meets:
        firsts = [m.start for m in obj_persons] + [at for at, _c in place]
        firsts += [h.start for h, e in ctx.bare_country_entries(tm.end, obj_end)
                   if e.detail == "demonym" and party_noun().match(text, h.end)]
        guests_at = _GUESTS_FROM.match(text, tm.end)
        guests = [h.start for h, _e in ctx.bare_country_entries(tm.end, obj_end)
                  if guests_at and h.start == guests_at.end()]
        if guests and (not firsts or guests[0] < min(firsts)):
            firsts = [guests[0]]  # "received three senior delegations from [Saudi Arabia]": met, whatever the gap
        elif not firsts or (len(text[tm.end:min(firsts)].split()) > 3 and not envoy_gap().fullmatch(text, tm.end, min(firsts))
                          and not _ADJUNCTS.fullmatch(text, tm.end, min(firsts))):
            return None  # "welcomed the decision", "meets the interests": no one was met
        if obj_persons and obj_persons[0].start == min(firsts) and text.startswith("'s", obj_persons[0].end):
            return None  # "welcomed President Zelenskyy's openness": something of his, not him
    pair = pair_before(ctx, s_start, tm.start)
    if (not subj_persons and not subj_countries and THEIR.search(lead) and not drafts and frame is None
            and len({m.country for m in obj_persons}) < 2):
        # "During their talks in Manila": the two named before, one from each side
        subj_persons = pair_named_before(ctx, s.start)
    # "In his telephone conversation with X, Xi ...": the subject is the main clause's
    if not subj_persons and not subj_countries and POSSESSIVE_LEAD.match(lead.strip()):
        after = ctx.mentions(obj_end, s.end)
        if after:
            subj_persons = [after[0]]
    pron_person = None
    if frame is not None and not subj_persons and not subj_countries and POSSESSIVE.search(lead):
        # "told X about the results of his talks with Y": his are the clause subject's
        before = ctx.mentions(max(s.start, ctx.body_start), frame)
        pron_person = before[0].person if before else protagonist
    elif not subj_persons and not subj_countries and protagonist is not None:
        if PRONOUN_SUBJECT.search(lead) or POSSESSIVE_LEAD.match(lead.strip()):
            pron_person = protagonist  # "He also spoke with...", "In a conversation with X, ..."
    if (pron_person is None and not subj_persons and not subj_countries and frame is None
            and tm.row["strength"] == "event" and _EVENT_WITH.match(text, tm.end) and subj_from > s_start
            and _A_OR_THE.search(text, max(subj_from, tm.start - 25), tm.start)):
        # "Prime Minister Michal said on Friday that a bilateral meeting with Orbán ... was not
        # possible": the speaker's own meeting
        said = _SAID_THAT.search(text, s_start, subj_from)
        speakers = ctx.mentions(s_start, said.start()) if said else []
        if speakers and ctx.people.persons[speakers[0].person].country:
            pron_person = speakers[0].person

    participants: list[int] = []
    for m in subj_persons + obj_persons:
        if m.person not in participants:
            participants.append(m.person)
    if pron_person is not None and pron_person not in participants:
        participants.insert(0, pron_person)
    parties: set[str] = set(subj_countries) | set(obj_countries) | set(pair)
    orgs: set[str] = set(obj_orgs)
    for pid in participants:
        p = ctx.people.persons[pid]
        if p.country:
            parties.add(p.country)
        elif p.org:
            orgs.add(p.org)
    main_pair = False
    if frame is not None and drafts and THEIR.search(text, frame, tm.start):
        group = main_pair = True  # "discussed preparations for their meeting": the pair of the article's call
    if group and drafts:
        prev = drafts[0] if main_pair else drafts[-1]
        parties |= prev.parties
        for pid in prev.participants:
            if pid not in participants:
                participants.append(pid)
    if not parties and not orgs:
        return None
    if len(parties) + len(orgs) < 2 and not drafts:
        # one side only and nothing to add it to: it names the protagonist, no more
        return Draft(medium, explicit, "held", None, parties, orgs, participants, None, s)

    status, background, initiator = read_status(ctx, tm, contexts, s)
    if call_verb("visit").match(tm.text) and status == "held":
        return None  # a visit is told with the talks held in it ("is visiting India", "left Harare for a visit")
    if frame is not None and not temporal_frame(contexts, frame):
        background = True
    if status == "invited":
        return None
    if status == "held" and INFINITIVE_BEFORE.search(text, max(s.start, tm.start - 12), tm.start):
        status = "planned"  # "expressed their commitment to meet at the summit"
    side = {c for c in subj_countries} | set(pair)
    side |= {ctx.people.persons[m.person].country for m in subj_persons if ctx.people.persons[m.person].country}
    if pron_person is not None and ctx.people.persons[pron_person].country:
        side.add(ctx.people.persons[pron_person].country)
    others = list(dict.fromkeys(
        [c for c in [ctx.people.persons[m.person].country for m in obj_persons] + obj_countries if c and c not in side]))
    if initiator == SUBJECT or (initiator is None and "initiates" in flags(tm)):
        initiator = next(iter(side)) if len(side) == 1 else None  # "X telephoned Y", "X made a call to Y"
    elif initiator == OBJECT:
        initiator = others[0] if len(others) == 1 else OBJECT if others else None  # "received a call from X"
    if not side and subj_persons and len(others) >= 2 and frame is None and not group and is_round(
            ctx, s, tm, found, obj_end, sum(1 for m in obj_persons if ctx.people.persons[m.person].name)):
        return None  # "Prime Minister Khan received calls from A and B": A and B did not talk to each other
    round_of = (len(side) == 1 and len(others) >= 2 and frame is None and not group
                and is_round(ctx, s, tm, found, obj_end,
                             sum(1 for m in obj_persons if ctx.people.persons[m.person].name)))
    if not side and len(others) >= 3 and frame is None and _BETWEEN_AFTER.match(text, tm.end) and is_separate(ctx, s):
        side, others = {others[0]}, others[1:]  # "the separate meetings between the Angolan President and his counterparts from Namibia and Mali"
        round_of = True
    if is_plural(tm) and not round_of and not (len(others) == 1 and any(ctx.people.persons[m.person].name for m in obj_persons)):
        background = True  # a series of engagements, not one ("conducted discussions with President X" is one)
    if not background and ctx.ref_date and other_month(text, s, ctx.ref_date):
        background = True  # "when we met in October 2018"
    date_m = nearest_date(text, s, tm.start, tm.end, ctx.body_start)
    if frame is not None and date_m is not None and not (frame <= date_m.start and date_m.end <= discussed_end(ctx, tm, s) + 40):
        date_m = None  # a discussed engagement is dated only inside its own phrase ("the talks held on May 3")
    if date_m is not None and date_m.kind in ("month", "months"):  # "in June", "last month"
        # "spoke by phone in June": a month and no day places no call. A past one is background
        # (left out unless told again with its day); a planned one's day is not known yet.
        if status == "held" and not _AHEAD.search(date_m.text):
            background = True  # ("later this month", "next month" tell of something else ahead: no past call's)
        date_m = None
    told_day = next((p.date.date for p in reversed(drafts) if p.date and p.date.date and p.date.precision == "day"), None)
    # "A meeting ..., scheduled to be held on Monday, has been called off": a cancelled day is ahead
    ahead = status == "planned" or (status == "denied" and date_m is not None and _SCHEDULED.search(
        text, max(s.start, date_m.start - 60), date_m.start) is not None)
    resolved = dates.resolve(date_m, ctx.ref_date, future=ahead, anchor=told_day) if date_m else None
    if resolved is not None and resolved.date and resolved.precision == "day" and date_m.end <= tm.start:
        # "said this on Wednesday, a day after President X received ...": the day before
        shift = _DAYS_APART.search(text, date_m.end, tm.start)
        if shift and not _CLAUSE_BREAK.search(text, date_m.end, shift.start()):
            n = _COUNT.get(shift.group("n").lower(), 1)
            delta = dt.timedelta(days=-n if shift.group("dir").lower() == "after" else n)
            resolved = dataclasses.replace(resolved, date=resolved.date + delta)
    d = Draft(medium, explicit, status, resolved, parties, orgs, participants, initiator, s, background)
    d.trigger = (tm.start, tm.end)
    d.ref = ctx.ref_date
    d.discussed = frame is not None
    d.bare = "bare" in flags(tm)
    d.definite = tm.row["strength"] == "event" and bool(_DEFINITE.search(text, max(s.start, tm.start - 20), tm.start))
    d.bilateral = bool(_BILATERAL.search(text, max(s.start, tm.start - 12), tm.end))
    if round_of:
        d.round = (next(iter(side)), others)
    return d


# "received three senior delegations from the Kingdom of Saudi Arabia": a country's people, met
_GUESTS_FROM = re.compile(
    r"[ ](?:(?:a|an|the|his|her|two|three|four|five|six|several|senior|high-level|high-ranking|official|visiting|separate"
    r"|business|parliamentary|government|military|ministerial)[ ]){0,3}(?:delegations?|ambassadors?|envoys?|representatives?"
    r"|counterparts?)[ ](?:from|of)[ ](?:the[ ])?", re.IGNORECASE)
_DAYS_APART = re.compile(r"\b(?P<n>a|one|two|three|the)[ ]days?[ ](?P<dir>after|before)\b", re.IGNORECASE)
_COUNT = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3}
_CLAUSE_BREAK = re.compile(r"[.;:]")
_AHEAD = re.compile(r"\b(?:later|next|coming|upcoming|following)\b", re.IGNORECASE)
_EVENT_WITH = re.compile(r"[ ]with\b")
_A_OR_THE = re.compile(r"\b(?:a|an|the|his|her)[ ](?:[\w-]+[ ])?\Z", re.IGNORECASE)  # not "no meeting with"
_SAID_THAT = re.compile(r"\b(?:said|says|told|announced|stated|noted|explained)\b[^.;]{0,40}?\bthat[ ]\Z", re.IGNORECASE)
_BETWEEN_AFTER = re.compile(r"[ ]between\b")
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being)[ ](?:(?:also|later|then|warmly|cordially|officially|first|separately)[ ])*\Z",
                        re.IGNORECASE)
_BILATERAL = re.compile(r"\bbilateral\b", re.IGNORECASE)  # "held a bilateral meeting with": two sides, whatever else met
_DEFINITE = re.compile(r"\b(?:the|this|their|that)\s+(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE)
