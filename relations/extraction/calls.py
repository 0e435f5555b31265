"""Read the calls an article reports: phone, video and in-person engagements between parties.

A sentence with a trigger (``lexicon/call_triggers.tsv``) reports a call when parties of two
or more sides stand around it: the subject before the trigger ("President Biden spoke...",
"China and Belarus held talks") and its object after ("...with Prime Minister Starmer of the
United Kingdom"), or a pair before an event noun ("Russian-Chinese talks"). Context phrases
(``lexicon/call_context.tsv``) make it planned, denied, background or not a call at all, and
name the initiator. Later sentences about the same engagement merge into the first call.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import reference
from ..facts import Call, Evidence, Person
from . import dates
from .context import ArticleContext
from .lexicon import alternation, column, month_names, reporting_verbs, tagged
from .mentions import Mention
from .patterns import PhraseSet, compile_rows
from .sentences import Sentence

# where the object of a call verb ends: a new clause always ends it ("and agreed", "who",
# "to discuss" is not one: "spoke to President X")...
_CLAUSE_STOP = re.compile(
    r"(?<![\w])(?:about|regarding|concerning|amid|after|following|where|which|who|whose|while|when|since|"
    r"and\s+(?:discussed|the\s+two|they|agreed|reaffirmed|expressed|exchanged|noted|welcomed|thanked|underscored|"
    r"emphasized|emphasised|congratulated|conveyed|reviewed|highlighted|condemned|stressed|said))(?![\w])|[;:(\"]|--|\u2014|\u2013",
)
# ...a preposition ends it only once a participant was named ("met today in Washington with X")
_STOP = re.compile(r"(?<![\w])(?:to|on|in|at|during|ahead|before|as|for)(?![\w])")


@lru_cache(maxsize=1)
def _group_subject() -> re.Pattern[str]:
    """"the two leaders", "both sides", "they": the pair of a call already told (lexicon/group_nouns.tsv)."""
    nouns = alternation(tagged("group_nouns", "noun", "calls", "yes"))
    return re.compile(rf"(?:\b(?:the|both|two)\s+(?:two\s+)?(?:{nouns})\b|\bthey\b|\bthe two\b)", re.IGNORECASE)


_POSSESSIVE_LEAD = re.compile(r"\A(?:in|during|at|following|after)\s+(?:his|her|their|the|a|this|today's)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)


def _after_last_that(text: str, start: int, end: int) -> int:
    """Just after the last "that" / "claiming" / "saying" in text[start:end], else ``start``."""
    best = start
    for w in (" that ", " claiming ", " saying "):
        i = text.rfind(w, start, end)
        if i >= 0 and i + len(w) > best:
            best = i + len(w)
    return best


@cache
def _call_verb(use: str) -> re.Pattern[str]:
    """A whole trigger that is one of the call verbs of ``use`` (lexicon/call_verbs.tsv): needs_object, passive."""
    return re.compile(rf"(?:{alternation(tagged('call_verbs', 'verb', 'uses', use))})\Z", re.IGNORECASE)


_NEXT_WORD = re.compile(r"[ ]+([\w-]+)")
_PASSIVE_BY = re.compile(r"[ ]by\b")
_TO_AFTER = re.compile(r",?[ ]to[ ]")


@lru_cache(maxsize=1)
def _envoy_gap() -> re.Pattern[str]:
    """"received a special envoy of President Mahama": the envoy stands for the one named (lexicon/envoy_words.tsv)."""
    modifiers = alternation(tagged("envoy_words", "word", "kind", "modifier"))
    envoys = alternation(tagged("envoy_words", "word", "kind", "envoy"))
    return re.compile(
        rf"[ ]+(?:(?:a|an|the|his|her|their|{modifiers})[ ]+)*(?:{envoys})[ ]+(?:of|from|led by)[ ]+(?:the[ ]+)?",
        re.IGNORECASE,
    )


_INFINITIVE_BEFORE = re.compile(r"\bto[ ](?:\w+[ ])?\Z")  # "to meet", "to hold talks", "to host talks"
# "in Lima, Peru", "in Phnom Penh, Cambodia": a country named after a place is where, not who
_AFTER_PLACE = re.compile(r"\b[A-Z][\w'.-]+,[ ]\Z")


@lru_cache(maxsize=1)
def _month_year() -> re.Pattern[str]:
    """"in October 2018", "the May 2023 meeting": a month (full name, lexicon/dates.tsv) or a year."""
    return re.compile(
        rf"\b(?:in |since |from |the |last )?(?:early |mid-|late )?(?P<month>{alternation(month_names())})"
        r"(?:,)? (?P<year>(?:19|20)\d\d)\b|\b(?:in|since) (?P<y2>(?:19|20)\d\d)\b"
    )


@lru_cache(maxsize=1)
def _party_noun() -> re.Pattern[str]:
    """After a demonym, the words that make it a party: "the Kazakh side" (lexicon/party_nouns.tsv)."""
    return re.compile(rf"[ ](?:{alternation(column('party_nouns', 'word'))})\b", re.IGNORECASE)


# before a country's name, the words that make it a party: "with China", "the Presidents of Kazakhstan"
_NAME_AS_PARTY = re.compile(
    r"(?:\bwith|\bbetween|\band|,|\b(?:leaders|presidents|prime ministers|ministers|counterparts|officials|delegations?|"
    r"governments?|ambassadors|representatives|heads of state|heads of government|counterparts? from)\s+(?:of|from))\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _non_official() -> frozenset[str]:
    return frozenset(column("non_official_groups", "word"))


def _country_is_party(text: str, tm, h, e) -> bool:
    """Whether a country named after the trigger takes part ("with China") or is only a topic."""
    nxt = _NEXT_WORD.match(text, h.end)
    if nxt and nxt.group(1) in _non_official():
        return False  # "a delegation of U.S. business leaders": not officials of the country
    if e.detail == "demonym":
        return bool(_party_noun().match(text, h.end))
    if _AFTER_PLACE.search(text, max(tm.end, h.start - 30), h.start):
        return False
    return bool(_NAME_AS_PARTY.search(text, max(tm.end, h.start - 40), h.start))


# "the situation in Sudan and Libya and the negotiations": a country after a preposition is a
# place or a topic, not the subject of the engagement
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:\bin|\bto|\babout|\bagainst|\bover|\bon|\binto|\bfrom|\bof|\bfor|\bwith)\s+(?:the\s+)?\Z", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _triggers() -> PhraseSet:
    return compile_rows("call_triggers")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    row: dict[str, str]
    text: str


@lru_cache(maxsize=1)
def _contexts() -> PhraseSet:
    return compile_rows("call_context")


@dataclass(slots=True)
class _Draft:
    medium: str
    explicit_medium: bool
    status: str
    date: dates.ResolvedDate | None
    parties: set[str]  # ISO3 codes
    orgs: set[str]
    participants: list[int]  # person indices
    initiator: str | None
    sentence: Sentence
    background: bool = False
    date_text: str | None = None
    extra: list[Mention] = field(default_factory=list)
    ref: object = None  # the article's reference date
    definite: bool = False  # "during the telephone conversation": a call already told


def read(ctx: ArticleContext) -> list[Call]:
    drafts: list[_Draft] = []
    # the article's main actor, until a call names its first participant
    protagonist: int | None = ctx.people.mentions[0].person if ctx.people.mentions else None
    triggers = _spans(ctx, _triggers())
    if not triggers:
        return []
    contexts = _spans(ctx, _contexts())
    t_starts = [t.start for t in triggers]
    told_before: str | None = None  # "a series of telephone conversations ... In a conversation with X"
    c_starts = [c.start for c in contexts]
    for s in ctx.sentences:
        lo, hi = bisect.bisect_left(t_starts, s.start), bisect.bisect_left(t_starts, s.end)
        if lo == hi:
            continue
        found = triggers[lo:hi]
        ctxs = contexts[bisect.bisect_left(c_starts, s.start):bisect.bisect_left(c_starts, s.end)]
        d = _read_sentence(ctx, s, found, ctxs, drafts, protagonist, told_before)
        if d is None:
            continue
        if not drafts and d.participants:
            protagonist = d.participants[0]
        if d.explicit_medium and d.medium != "in_person":
            told_before = d.medium
        _merge(drafts, d)
    for d in drafts:
        d.parties = _drop_home_territories(d.parties)
    drafts = [d for d in drafts if len(d.parties) + len(d.orgs) >= 2 and d.parties]
    if drafts and (drafts[0].date is None or drafts[0].date.date is None) and ctx.sentences:
        # the main call's day is often told once, in the lede: "Xi Jinping on Tuesday called on..."
        lede = ctx.sentences[0]
        found = [m for m in dates.find(ctx.text, max(lede.start, ctx.body_start), lede.end) if m.kind != "month"]
        if found and drafts[0].status == "held":
            drafts[0].date = dates.resolve(found[0], ctx.ref_date)
    if drafts and ctx.ref_date and drafts[0].date and drafts[0].date.date and drafts[0].status == "held":
        # the article's main engagement is recent news: a date years away belongs to something else
        if abs((drafts[0].date.date - ctx.ref_date).days) > 31:
            drafts[0].date = None
    return [_finish(ctx, d) for d in drafts]


def _spans(ctx: ArticleContext, phrases: PhraseSet) -> list[_Span]:
    return [_Span(s, e, row, ctx.text[s:e]) for s, e, row in phrases.find(ctx.text, ctx.keywords)]


def _read_sentence(ctx: ArticleContext, s: Sentence, found: list[_Span], contexts: list[_Span],
                   drafts: list[_Draft], protagonist: int | None, told_before: str | None) -> _Draft | None:
    told: str | None = None  # a medium the sentence states outright ("by phone", "via video link")
    in_person_cue = False
    found = [m for m in found if not _prepared_body_event(ctx, m, contexts)]
    if not found:
        return None
    for m in found:
        row = m.row
        if row["strength"] == "cue" or (row["strength"] == "event" and row["medium"] != "in_person"):
            if row["medium"] == "in_person":
                in_person_cue = True
            elif told is None:
                told = row["medium"]
    first = None
    # a phone or video cue stands for the verb when the sentence has no other trigger:
    # "Putin and Erdogan discussed Ukraine by phone", "confirmed by phone Friday that..."
    only_cues = all(m.row["strength"] == "cue" for m in found)
    for m in found:
        if only_cues and m.row["medium"] != "in_person" and not _blocked(m, contexts):
            d = _read_trigger(ctx, s, m, found, contexts, drafts, protagonist, told, in_person_cue)
            if d is not None and len(d.parties) + len(d.orgs) >= 2:
                return d
            continue
        if m.row["strength"] != "cue" and not _blocked(m, contexts):
            told_here = told
            if told_here is None and not in_person_cue and m.text.lower() == "conversation":
                told_here = told_before
            d = _read_trigger(ctx, s, m, found, contexts, drafts, protagonist, told_here, in_person_cue)
            if d is not None and len(d.parties) + len(d.orgs) >= 2:
                return d  # "A meeting chaired by the Prime Minister reviewed ... the telephone conversation between ..."
            first = first or d
    return first


def _read_trigger(ctx: ArticleContext, s: Sentence, tm: _Span, found: list[_Span], contexts: list[_Span],
                  drafts: list[_Draft], protagonist: int | None, told: str | None, in_person_cue: bool) -> _Draft | None:
    text = ctx.text
    low_t = tm.text.lower()
    if not told and ("video" in low_t or "virtual" in low_t):
        told = "video"  # "held a secure video call"
    elif not told and "phone" in low_t:
        told = "phone"
    if told:
        medium, explicit = told, True
    elif in_person_cue:
        medium, explicit = "in_person", True
    else:
        # "met", "hosted", "received": people in one room; a noun ("meeting", "talks") may be virtual
        medium, explicit = tm.row["medium"], tm.row["medium"] == "in_person" and tm.row["strength"] == "verb"

    # the subject: parties before the trigger ("denied reports that X and Y had spoken": after "that")
    s_start = max(s.start, ctx.body_start)
    subj_from = max(s_start, _after_last_that(text, s_start, tm.start))
    subj_persons = [m for m in ctx.mentions(subj_from, tm.start)]
    subj_countries = [c for h, c in ctx.bare_countries(subj_from, tm.start)
                      if not _NOT_SUBJECT_BEFORE.search(text, max(subj_from, h.start - 14), h.start)] if not subj_persons else []
    if not subj_persons and not subj_countries:
        subj_countries = _capitals_as_actors(ctx, subj_from, tm.start)
    lead = text[s_start:tm.start]
    group = bool(_group_subject().search(lead)) and not subj_persons
    # the object: parties after the trigger, up to the end of its phrase
    obj_end = _object_end(ctx, tm.end, s.end)
    obj_persons = [m for m in ctx.mentions(tm.end, obj_end)]
    obj_countries = [e.key for h, e in ctx.bare_country_entries(tm.end, obj_end) if _country_is_party(text, tm, h, e)]
    obj_orgs = [o for h, o in ctx.bare_orgs(tm.end, obj_end)]
    if not obj_persons and _group_subject().search(text, tm.end, obj_end):
        group = True  # "a telephone conversation between the two Presidents"
    if tm.text.lower().endswith(" on"):
        # "called on President Xi in Beijing" is a courtesy call; "called on China and Belarus to
        # boost...", "called on Prime Minister X to resign" are appeals
        if not obj_persons or len(text[tm.end:obj_persons[0].start].split()) > 1 or _TO_AFTER.match(text, obj_persons[0].end):
            return None
    if _call_verb("passive").match(tm.text) and _PASSIVE_BY.match(text, tm.end):
        return None  # "a summit hosted by Prime Minister Ardern": the subject only took part
    lead_text = text[max(s.start, ctx.body_start):tm.start]
    # "The two leaders agreed to meet in person on 12 February": the pair already named
    group_meets = tm.text.lower() in ("meet", "met") and (
        (bool(drafts) and not ctx.mentions(s.start, tm.start) and bool(_group_subject().search(lead_text)))
        or len({m.country for m in subj_persons if m.country}) >= 2)  # "Biden and Trudeau will meet"
    if _call_verb("needs_object").match(tm.text) and not group_meets:
        firsts = [m.start for m in obj_persons]
        firsts += [h.start for h, e in ctx.bare_country_entries(tm.end, obj_end)
                   if e.detail == "demonym" and _party_noun().match(text, h.end)]
        if not firsts or (len(text[tm.end:min(firsts)].split()) > 3 and not _envoy_gap().fullmatch(text, tm.end, min(firsts))):
            return None  # "welcomed the decision", "meets the interests": no one was met
        if obj_persons and obj_persons[0].start == min(firsts) and text.startswith("'s", obj_persons[0].end):
            return None  # "welcomed President Zelenskyy's openness": something of his, not him
    pair = _pair_before(ctx, s.start, tm.start)
    if (not subj_persons and not subj_countries and _THEIR.search(lead) and not drafts
            and len({m.country for m in obj_persons}) < 2):
        # "During their talks in Manila": the two named before, one from each side
        subj_persons = _pair_named_before(ctx, s.start)
    # "In his telephone conversation with X, Xi ...": the subject is the main clause's
    if not subj_persons and not subj_countries and _POSSESSIVE_LEAD.match(lead.strip()):
        after = ctx.mentions(obj_end, s.end)
        if after:
            subj_persons = [after[0]]
    pron_person = None
    if not subj_persons and not subj_countries and protagonist is not None:
        if _PRONOUN_SUBJECT.search(lead) or _POSSESSIVE_LEAD.match(lead.strip()):
            pron_person = protagonist  # "He also spoke with...", "In a conversation with X, ..."

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
    if group and drafts:
        prev = drafts[-1]
        parties |= prev.parties
        for pid in prev.participants:
            if pid not in participants:
                participants.append(pid)
    if not parties and not orgs:
        return None
    if len(parties) + len(orgs) < 2 and not drafts:
        # one side only and nothing to add it to: it names the protagonist, no more
        return _Draft(medium, explicit, "held", None, parties, orgs, participants, None, s)

    status, background, initiator = _status(ctx, tm, contexts, s)
    if status == "invited":
        return None
    if status == "held" and _INFINITIVE_BEFORE.search(text, max(s.start, tm.start - 12), tm.start):
        status = "planned"  # "expressed their commitment to meet at the summit"
    if tm.text.lower().endswith(("meetings", "conversations", "calls", "contacts")):
        background = True  # a series of engagements, not one
    if not background and ctx.ref_date and _other_month(text, s, ctx.ref_date):
        background = True  # "when we met in October 2018"
    date_m = _nearest_date(text, s, tm.start, tm.end, ctx.body_start)
    if date_m is not None and date_m.kind == "month":
        # "spoke by phone in June": a month and no day places no call. A past one is background
        # (left out unless told again with its day); a planned one's day is not known yet.
        if status == "held":
            background = True
        date_m = None
    resolved = dates.resolve(date_m, ctx.ref_date, future=status == "planned") if date_m else None
    d = _Draft(medium, explicit, status, resolved, parties, orgs, participants, initiator, s, background)
    d.ref = ctx.ref_date
    d.definite = tm.row["strength"] == "event" and bool(_DEFINITE.search(text, max(s.start, tm.start - 20), tm.start))
    return d


def _other_month(text: str, s: Sentence, ref) -> bool:
    for m in _month_year().finditer(text, s.start, s.end):
        year = int(m.group("year") or m.group("y2"))
        if year != ref.year:
            return True
        if m.group("month") and m.group("month") != ref.strftime("%B"):
            return True
    return False


def _blocked(m: _Span, contexts: list[_Span]) -> bool:
    if m.row["strength"] == "verb" and m.text.lower().endswith(" on"):
        return False  # "called on President Xi": decided by its object in _read_trigger
    for cm in contexts:
        if cm.row["role"] == "not_call" and cm.start <= m.start and m.start - cm.end < 80:
            return True
    return False


# between "ahead of" / "preparations for" and the event noun: a few words, no clause break
_PREP_GAP = re.compile(r"(?:[ ][\w'-]+){0,5}[ ]")
_ITS = re.compile(r"\bits\b", re.IGNORECASE)
# "meeting of the Supreme Interstate Council", "summit of ASEAN": a named body's
_BODY_AFTER = re.compile(r"[ ]of[ ](?:the[ ])?(?-i:[A-Z])", re.IGNORECASE)


def _prepared_body_event(ctx: ArticleContext, m: _Span, contexts: list[_Span]) -> bool:
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


_THEIR = re.compile(r"\btheir\b", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|their|that)\s+(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE)


def _pair_named_before(ctx: ArticleContext, pos: int) -> list[Mention]:
    out: list[Mention] = []
    seen: set[str] = set()
    for m in ctx.mentions(0, pos):
        if m.country and m.country not in seen:
            out.append(m)
            seen.add(m.country)
        if len(out) == 2:
            return out
    return []


def _capitals_as_actors(ctx: ArticleContext, start: int, end: int) -> list[str]:
    """"Beijing and Minsk agreed...", "Seoul and Canberra also agreed": capitals coordinated as a subject."""
    caps = [(h, e.key) for h, e in ctx.bare_country_entries(start, end, capitals=True) if e.detail == "capital"]
    for (h1, c1), (h2, c2) in zip(caps, caps[1:]):
        if ctx.text[h1.end:h2.start] == " and " and c1 != c2:
            return [c1, c2]
    return []


def _object_end(ctx: ArticleContext, start: int, end: int) -> int:
    clause = _CLAUSE_STOP.search(ctx.text, start, end)
    if clause:
        end = clause.start()
    first = None
    ms = ctx.mentions(start, end)
    if ms:
        first = ms[0].end
    bc = ctx.bare_countries(start, end)
    if bc and (first is None or bc[0][0].end < first):
        first = bc[0][0].end
    if first is None:
        first = start
    m = _STOP.search(ctx.text, first, end)
    return m.start() if m else end


def _pair_before(ctx: ArticleContext, s_start: int, t_start: int) -> list[str]:
    """Countries of a "Russian-Chinese" / "U.S.-Japan" compound just before the trigger."""
    window = ctx.bare_countries(max(s_start, t_start - 60), t_start)
    out: list[str] = []
    for (h1, c1), (h2, c2) in zip(window, window[1:]):
        between = ctx.text[h1.end:h2.start]
        if between in ("-", "\u2013", "/") and len(ctx.text[h2.end:t_start].split()) <= 3:
            out = [c1, c2]
    return out


def _status(ctx: ArticleContext, tm: _Span, contexts: list[_Span], s: Sentence) -> tuple[str, bool, str | None]:
    status, background, initiator = "held", False, None
    pluperfect = False
    text = ctx.text
    planned_by: list[str] = []
    for cm in contexts:
        role = cm.row["role"]
        if role == "planned":
            gap = tm.start - cm.end
            near_before = cm.end <= tm.start and (gap <= 30 or (gap <= 70 and "," not in text[cm.end:tm.start]))
            near_after = cm.start >= tm.end and cm.start - tm.end <= 25 and cm.text.lower() in (
                "to be held", "scheduled", "planned", "next", "upcoming", "is planned")
            if near_before or near_after:
                if not _STOP_BETWEEN.search(text, cm.end, tm.start) or near_after:
                    status = "planned"
                    planned_by.append(cm.text.lower())
        elif role == "denied" and cm.end <= tm.start and (tm.start - cm.end <= 40 or cm.text.lower().startswith(_DENIAL_VERBS)):
            status = "denied"
        elif role == "denied" and cm.start > tm.end and cm.text.lower().startswith("no "):
            status = "denied"
        elif role == "denied" and cm.start <= tm.start < cm.end:
            status = "denied"  # "No such conversation took place"
        elif (role == "denied" and cm.start >= tm.end and cm.text.lower().startswith(("postpon", "cancel", "called off", "put off", "suspend"))
              and not _STOP_BETWEEN.search(text, tm.end, cm.start)):
            status = "denied"  # "The meeting ... has been postponed"
        elif role == "background" and cm.end <= tm.start and tm.start - cm.end <= 25:
            if cm.text.lower() == "had":
                # "Takaichi had spoken with Albanese by phone shortly after her election": a call
                # before the one reported; not in reported speech ("the Kremlin said Putin had
                # spoken with..."), where the past perfect is only the reporting tense
                pluperfect = not _reporting_before().search(text, s.start, cm.start)
            else:
                background = True
        elif role == "initiator" and cm.text.lower().startswith(("latter", "former")):
            # "at the latter's request": the last (or first) party named before
            before = [m for m in ctx.mentions(s.start, cm.start) if m.country]
            if before:
                initiator = (before[-1] if cm.text.lower().startswith("latter") else before[0]).country
        elif role == "initiator":
            who = _party_after(ctx, cm.end, min(s.end, cm.end + 80))
            if who:
                initiator = who
    invited = any(cm.text.lower().startswith("invit") and cm.start < tm.start for cm in contexts)
    if status == "planned" and (invited or any(w.startswith("invit") for w in planned_by)) and not any(
            w.startswith(("agreed", "will", "schedul", "set", "plan", "to be")) for w in planned_by):
        status = "invited"  # an invitation is not yet a planned engagement
    if pluperfect and status == "held":
        background = True
    return status, background, initiator


# "denied / rejected media reports that X and Y had spoken": a denial however far from the call
_DENIAL_VERBS = ("den", "reject", "dismiss", "refut")
_STOP_BETWEEN = re.compile(r"[.;]|\bbut\b")


@lru_cache(maxsize=1)
def _reporting_before() -> re.Pattern[str]:
    """"the Kremlin said Putin had spoken": reported speech (lexicon/reporting_verbs.tsv, use reported_speech)."""
    return re.compile(rf"\b(?:{reporting_verbs('reported_speech')})\b", re.IGNORECASE)


def _party_after(ctx: ArticleContext, start: int, end: int) -> str | None:
    best = None
    ms = ctx.mentions(start, end)
    if ms:
        best = (ms[0].start, ms[0].country)
    bc = ctx.bare_countries(start, end)
    if bc and (best is None or bc[0][0].start < best[0]):
        best = (bc[0][0].start, bc[0][1])
    return best[1] if best else None


_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")  # on the same line, and not after the sentence's full stop
_SINCE = re.compile(r"\bsince\b[^,;]*\Z")


@lru_cache(maxsize=1)
def _reported_on() -> re.Pattern[str]:
    """"the presidential office said Saturday": the day of the report, not of the call
    (lexicon/reporting_verbs.tsv, use report_date)."""
    verbs = reporting_verbs("report_date", hearer=r" [\w ]{1,20}")
    return re.compile(rf"\b(?:{verbs})\s+\Z")


# between a call and a month alone that dates it: no clause break ("President Ruto, who took
# office in September, met...", "...met Ruto, whose term began in September" and "met Ruto to
# congratulate him on his inauguration in September" are not dated so)
_MONTH_NEAR = re.compile(r"[^,;:.()\u2013\u2014]{0,100}")
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where|when|since|until|before)\b|\bto[ ](?!the\b|his\b|her\b|their\b|its\b)[a-z]",
                       re.IGNORECASE)


def _month_near(text: str, start: int, end: int) -> bool:
    return start <= end and bool(_MONTH_NEAR.fullmatch(text, start, end)) and not _RELATIVE.search(text, start, end)


def _nearest_date(text: str, s: Sentence, t_start: int, t_end: int, body_start: int = 0) -> dates.DateMention | None:
    # "the October 7 Crimes", "the June 4 Movement": a date that is part of a name
    found = [d for d in dates.find(text, max(s.start, body_start), s.end)
             if (d.kind != "explicit" or d.year or d.text.endswith(".") or not _NAME_AFTER.match(text, d.end))
             and not _reported_on().search(text, max(s.start, d.start - 30), d.start)
             and not _SINCE.search(text, max(s.start, d.start - 40), d.start)]
    days = [d for d in found if d.kind != "month"]
    if days:
        found = days  # a day told beside a month alone ("met on June 17 ... in May") places it
    else:  # a month alone counts for the call when it is told in the same clause, near it
        found = [d for d in found if _month_near(text, t_end, d.start) or _month_near(text, d.end, t_start)]
    if not found:
        return None
    return min(found, key=lambda d: (d.start - t_end) if d.start >= t_end else (t_start - d.end))


def _merge(drafts: list[_Draft], d: _Draft) -> None:
    if len(d.parties) + len(d.orgs) < 2 and not d.definite:
        return  # "I have also spoken with the Defence Minister": one side's own engagement
    for prev in drafts:
        # told again: the same parties (or some of them); more parties is another engagement
        if not d.parties or not d.parties <= prev.parties or d.background:
            continue
        if d.status != prev.status:
            continue
        dated = d.date and d.date.date
        if dated and prev.date and prev.date.date and d.date.date != prev.date.date:
            continue
        if d.explicit_medium and prev.explicit_medium and d.medium != prev.medium:
            continue
        # the same engagement, told again: add what is new
        prev.parties |= d.parties
        prev.orgs |= d.orgs
        for p in d.participants:
            if p not in prev.participants:
                prev.participants.append(p)
        if not prev.explicit_medium and d.explicit_medium and d.medium != "in_person":
            prev.medium, prev.explicit_medium = d.medium, True  # "During the telephone conversation"
        prev.initiator = prev.initiator or d.initiator
        if (prev.date is None or prev.date.date is None) and dated:
            prev.date = d.date
        return
    if d.background and not (d.date and d.date.date and d.date.precision in ("day", "week")):
        return  # a past call mentioned in passing, with nothing to place it
    if d.status == "held" and d.date and d.date.date and d.ref and d.date.date > d.ref:
        if d.background:
            return  # "your recent meetings ... coming tomorrow": the date is not the call's
        d.date = None
    if len(d.parties) + len(d.orgs) < 2:
        return
    drafts.append(d)


def _drop_home_territories(parties: set[str]) -> set[str]:
    """"Xi met Hong Kong's Chief Executive": with its own state present, a territory is domestic."""
    home = reference.territories()
    return {c for c in parties if home.get(c) not in parties}


def _finish(ctx: ArticleContext, d: _Draft) -> Call:
    date = d.date
    if date is None or date.date is None:
        if d.status == "held" and not drafts_is_background(d):
            date = dates.ResolvedDate(ctx.ref_date, "day" if ctx.ref_date else None, date.text if date else None)
    people = []
    for pid in d.participants:
        p = ctx.people.persons[pid]
        people.append(Person(p.name, p.country, p.title_text or p.title, p.org, p.leader is not None))
    initiator = d.initiator if d.initiator in d.parties else None
    ev = Evidence(d.sentence.text, d.sentence.start, d.sentence.end)
    return Call(
        medium=d.medium,
        status=d.status,
        date=date.date if date else None,
        date_text=date.text if date else None,
        countries=tuple(sorted(d.parties)),
        participants=tuple(people),
        initiator=initiator,
        evidence=ev,
        date_precision=date.precision if date and date.date else None,
        organizations=tuple(sorted(d.orgs)),
    )


def drafts_is_background(d: _Draft) -> bool:
    return d.background
