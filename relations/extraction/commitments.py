"""Read commitments: what each side pledged, proposed, agreed, supported or opposed.

Cues come from ``lexicon/commitment_cues.tsv``. A sentence is read left to right as clauses:
a reporting verb ("said that", "stressed") opens a clause whose subject is the speaker; an
excluding word (thanks, hopes, "discussed") mutes the rest of its clause; a cue starts a
commitment whose text runs to the next clause or coordinated cue. The actor is the party named
right before the cue ("China supports", "Russia's support for", "his country is willing to"),
else the clause's speaker's country; "the two leaders" and "it was agreed" act for the
article's own side. Modal cues ("will", "should") count only with a party as their subject.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..facts import Call, Commitment, Evidence
from . import topics
from .context import ArticleContext
from .lexicon import alternation, column, reporting_verbs, rows, tagged
from .patterns import PhraseSet, compile_rows
from .sentences import Sentence
from .trie import compile_words


@lru_cache(maxsize=1)
def _cues() -> PhraseSet:
    return compile_rows("commitment_cues")


@lru_cache(maxsize=1)
def _welcome_markers() -> re.Pattern[str]:
    return compile_words([w.lower() for w in column("welcome_markers", "word")], re.IGNORECASE)


@lru_cache(maxsize=1)
def _party_words() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {r["phrase"].lower(): r["refers"] for r in rows("party_words", "phrase", "refers")}
    return compile_words(table, re.IGNORECASE), table


_COORDINATED = re.compile(
    r"(?:,|\band|\bbut|\bwhile|\bas well as)\s+(?:(?:is|are|was|were|remains?|stands?|has|have|also|\w+ly)\s+){0,3}"
    r"(?:(?:its|his|her|their|our)\s+(?:[\w-]+\s+)?)?\Z"
)


@lru_cache(maxsize=1)
def _hard_stop() -> re.Pattern[str]:
    """Where a commitment's text must stop: a semicolon, a dash, ", adding" (lexicon/reporting_verbs.tsv,
    use continues), a second "and that" clause, ", and witnessed": a new predicate."""
    return re.compile(
        rf";|,\s+(?:{reporting_verbs('continues')})\b|\s+--\s+|\s\u2014\s|\u2014"
        # "stated that Turkiye stands by X and that Turkiye condemns Y": a second complement clause
        r"|,?\s+and\s+that\s"
        # ", and witnessed the signing": a new predicate in the past tense ends the action
        r"|,\s+and\s+(?:also\s+)?(?:witnessed|signed|held|met|attended|visited|toured|inspected|laid|received|exchanged"
        r"|reviewed|discussed|saw|took|gave|sent|made|thanked|congratulated|praised|briefed|hosted)\b"
    )


@lru_cache(maxsize=1)
def _trailing_attribution() -> re.Pattern[str]:
    """", Xi added.", ", he told reporters.": who speaks the sentence (lexicon/reporting_verbs.tsv, use attribution)."""
    verbs = reporting_verbs("attribution", hearer=r" [\w ]{1,30}")
    return re.compile(rf",\s*(?:[\"']\s*)?(?P<who>[^,;\"]{{1,60}}?)\s+(?:{verbs})\s*[.!]?[\"']?\s*\Z")


@lru_cache(maxsize=1)
def _group_start() -> re.Pattern[str]:
    """"The two sides agreed", "Both leaders", "It was agreed": the parties acting together
    (lexicon/group_nouns.tsv, column commitments)."""
    the_two, both, the = (alternation(tagged("group_nouns", "noun", "commitments", w)) for w in ("the two", "both", "the"))
    return re.compile(
        rf"\A(?:(?:in|during|at)\s+[^,]{{1,60}},\s*)?(?:the\s+two\s+(?:{the_two})"
        rf"|both\s+(?:{both})|they|the\s+(?:{the})|the\s+two|together,\s+they"
        r"|it\s+was\s+agreed)\b",
        re.IGNORECASE,
    )


_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|n't)\s+\Z", re.IGNORECASE)
_NEGATED = re.compile(r"\s+(?:not|never|no longer)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\s+(?:\w+\s+)?be\s+\w+(?:ed|en|un|ne)\b")
_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
_LEADING_JUNK = re.compile(r"(?:\s|,|that\b|to\b|for\b|on\b|upon\b)+", re.IGNORECASE)
# what may stand between a party and its verb: "the Chinese side will", "Russia firmly opposes",
# "the U.S. and our Allies would"
_SUBJECT_GAP = re.compile(
    r"(?:'s?)?,?\s*(?:(?:side|sides|government|authorities|leadership|administration|team|teams|officials|people|"
    r"and|our|its|their|allies|partners|also|too|still|both|all|together|itself|themselves|is|are|was|were|"
    r"has|have|had|remain|remains|continues|continue|would|will|\w+ly)\s+)*",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(r"[\s,.;:\"')]+\Z")
_TO = re.compile(r"\bto\s+(?=\w)")


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    kind: str
    role: str
    text: str


def read(ctx: ArticleContext, calls: list[Call]) -> list[Commitment]:
    found = _cues().find(ctx.text, ctx.keywords)
    if not found:
        return []
    cues = [_Cue(s, e, row["kind"], row["role"], ctx.text[s:e]) for s, e, row in found]
    starts = [c.start for c in cues]
    out: list[Commitment] = []
    last_speaker: int | None = None
    for sent in ctx.sentences:
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        if lo == hi:
            ms = ctx.mentions(sent.start, sent.end)
            if ms:
                last_speaker = ms[0].person
            continue
        sc = cues[lo:hi]
        tail = _trailing(ctx.text, sent)
        speaker, group = _sentence_speaker(ctx, sent, sc[0].start, last_speaker, tail)
        quoted = _quote_speaker(ctx, sent)
        if quoted is not None:
            speaker, group = quoted, False
        out.extend(_read_sentence(ctx, sent, sc, speaker, group, calls, tail))
        if speaker is not None and not group:
            last_speaker = speaker
    return out


@lru_cache(maxsize=1)
def _report_tail() -> re.Pattern[str]:
    """A quick test for ``_trailing_attribution``: one of its verbs near the sentence's end."""
    return re.compile(reporting_verbs("attribution"), re.IGNORECASE)


def _trailing(text: str, s: Sentence) -> re.Match[str] | None:
    """", Xi added." at the end of the sentence."""
    comma = text.rfind(",", max(s.start, s.end - 90), s.end)
    if comma < 0 or not _report_tail().search(text, max(comma, s.end - 30), s.end):
        return None
    return _trailing_attribution().match(text, comma, s.end)


_QUOTE_OPEN = re.compile(r"[\"\u201c]")
_QUOTE_CLOSE = re.compile(r"[,.!?]?[\"\u201d]\s*")


def _quote_speaker(ctx: ArticleContext, s: Sentence) -> int | None:
    """'"We will continue...," Marcos told a news conference': the person after the quote."""
    text = ctx.text
    if not _QUOTE_OPEN.match(text, s.start):
        return None
    close = _QUOTE_CLOSE.search(text, s.start + 1, s.end)
    if not close:
        return None
    ms = ctx.mentions(close.end(), min(s.end, close.end() + 60))
    if ms and ms[0].start - close.end() < 25:
        return ms[0].person
    return None


def _sentence_speaker(ctx: ArticleContext, s: Sentence, first_cue: int, last: int | None,
                      tail: re.Match[str] | None) -> tuple[int | None, bool]:
    """(person index, is a group) who speaks in sentence ``s``."""
    if tail:
        ms = ctx.mentions(tail.start("who"), tail.end("who"))
        if ms:
            return ms[0].person, False
        if _PRONOUN.search(tail.group("who")):
            return last, False
    who, group = _subject_of(ctx, s.start, first_cue)
    if who is None and not group:
        return last, False
    return who, group


def _subject_of(ctx: ArticleContext, start: int, end: int) -> tuple[int | None, bool]:
    """Who is the subject of the clause text[start:end]: (first person, whether a group)."""
    text = ctx.text
    if _group_start().match(text[start:end + 12].lstrip("\"' ")):  # "It was agreed": the cue too
        return None, True
    ms = ctx.mentions(start, end)
    if len(ms) >= 2 and text[ms[0].end:ms[1].start].strip() in ("and", "&"):
        return ms[0].person, True
    if ms:
        return ms[0].person, False
    return None, False


def _read_sentence(ctx: ArticleContext, s: Sentence, sc: list[_Cue], speaker: int | None, group: bool,
                   calls: list[Call], tail: re.Match[str] | None) -> list[Commitment]:
    text = ctx.text
    out: list[Commitment] = []
    clause_start = s.start
    clause_speaker, clause_group = speaker, group
    muted = False
    carried = None  # the party of a muted "hopes to ..." verb, for a following "and will"
    covered_until = -1  # end of the last commitment's text
    for i, c in enumerate(sc):
        coordinated = _coordinated(text, max(s.start, c.start - 20), c.start)
        if c.role == "report":
            clause_start = c.end
            who, is_group = _subject_of(ctx, max(s.start, _clause_begin(text, s.start, c.start)), c.start)
            if who is not None or is_group:
                clause_speaker, clause_group = who, is_group
            muted = False
            carried = None
            covered_until = -1
            continue
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
        commitment = _one(ctx, s, sc, i, c, clause_start, clause_speaker, clause_group, calls, tail,
                          out[-1].actor if out else None, subject)
        if commitment is None:
            continue
        out.extend(commitment)
        covered_until = max(covered_until, commitment[-1].text_end)
    return out


_HOPE_TO = re.compile(r"(?:hopes|hoped|hope|hoping|wishes|wished|wish|wishing)\s+to\s", re.IGNORECASE)
_NEW_SUBJECT = re.compile(r"\b(?:that|who|which|whom|whose)\b|[;:\"\u201c\u201d]", re.IGNORECASE)


def _hope_to_subject(ctx: ArticleContext, s: Sentence, c: _Cue, clause_start: int) -> tuple[int, tuple[str, object]] | None:
    """"Viet Nam hopes to receive ...": (end of the cue, the party that hopes) when a party is the
    subject of a hope with an infinitive; a hope with a "that" clause ("hopes that Japan will")
    carries nothing, since what follows has a subject of its own."""
    if not _HOPE_TO.match(ctx.text, c.start, min(s.end, c.end + 4)):
        return None
    party = _subject_party(ctx, s, c.start, clause_start)
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


def _coordinated(text: str, a: int, b: int) -> bool:
    window = text[a:b]
    if "," not in window and "and" not in window and "but" not in window and "while" not in window:
        return False
    return bool(_COORDINATED.search(window))


def coordinated_modal(ctx: ArticleContext, s: Sentence, c: _Cue) -> bool:
    """", and the U.S. will ...": a modal whose party subject follows a coordinating conjunction."""
    start = _subject_start(ctx, s, c.start)
    if start >= c.start or _subject_party(ctx, s, c.start, start, modal=True) is None:
        return False
    # the subject must begin with the party ("and the U.S. will"), not "and hopes that Kazakhstan will"
    head = ctx.text[start:c.start]
    return not re.match(r"(?:the\s+)?[a-z]", head) or head.lower().startswith(("the ", "we ", "our ", "his ", "her ", "their "))


@lru_cache(maxsize=1)
def _body_before() -> re.Pattern[str]:
    """"the Treasury Department would": a government body right before (lexicon/government_bodies.tsv)."""
    return re.compile(rf"\b(?:{alternation(column('government_bodies', 'word'))})\s+\Z")


def _subject_phrase_start(text: str, start: int, pos: int) -> int:
    """Start of the noun phrase that ends right before ``pos`` (after "that", a comma, a verb)."""
    m = None
    for m in re.finditer(r"\b(?:that|which)\s+|[,;:]\s*", text[start:pos]):
        pass
    return start + m.end() if m else start


def _clause_begin(text: str, start: int, pos: int) -> int:
    """Where the clause that ends at ``pos`` begins (after the last comma-and or semicolon)."""
    m = None
    for m in re.finditer(r";|,\s+and\b|,\s+but\b", text[start:pos]):
        pass
    return start + m.end() if m else start


def _one(ctx: ArticleContext, s: Sentence, sc: list[_Cue], i: int, c: _Cue, clause_start: int,
         speaker: int | None, group: bool, calls: list[Call], tail: re.Match[str] | None,
         last_actor: str | None = None, subject: tuple[str, object] | None = None) -> list[Commitment] | None:
    text = ctx.text
    kind = c.kind
    actor_party = None
    if c.role == "modal":
        party = subject or _subject_party(ctx, s, c.start, clause_start, modal=True)
        passive = bool(_PASSIVE.match(text, c.end))
        if kind == "pledge" and _NEGATED.match(text, c.end):
            return None  # "will not meet": a refusal is no pledge
        if kind == "pledge" and party is None and not passive:
            if not _body_before().search(text, max(clause_start, c.start - 60), c.start):
                return None  # "the partnership will achieve...": an assessment, not a pledge
            party = ("speaker", None)  # "the Treasury Department would take action"
        if kind == "pledge" and party == ("org", None):
            return None  # a non-state party's pledge is not a country's
        if kind == "pledge" and party not in (None, ("org", None)):
            actor_party = party
        if kind == "pledge" and group and party == ("pair", None):
            kind = "agreement"  # "The two leaders confirmed that they would ...": a joint course
        t_start = c.end
        if passive:  # "the necessary instructions would be given": what would be done is the subject
            t_start = max(clause_start, _subject_phrase_start(ctx.text, clause_start, c.start))
    elif c.role == "post":
        t_start = clause_start
    else:
        if _NOT_BEFORE.search(text, max(s.start, c.start - 12), c.start):
            return None  # "India is not willing to compromise": a refusal, not a commitment
        party = _subject_party(ctx, s, c.start, clause_start)
        if party == ("org", None) and kind != "proposal":
            return None  # "UNRWA has pledged...": a non-state party's commitment is not a country's
        if party not in (None, ("org", None)):
            actor_party = party
        if kind == "agreement":
            first = _first_party(ctx, clause_start, c.start)
            if first is not None:
                actor_party = first  # "Indonesia and Australia agreed": the one named first
        t_start = c.end
        if c.role == "object_to":
            m = _TO.search(text, c.end, min(s.end, c.end + 90))
            if m and not _hard_stop().search(text, c.end, m.start()):
                t_start = m.end()
            elif c.text.lower().startswith("call"):
                return None  # "called on President Xi in Beijing": a courtesy call, not an appeal
    t_end = _text_end(ctx, s, sc, i, t_start, tail)
    if c.role == "post":
        t_start, t_end = clause_start, c.start
    if c.role == "welcome":
        if not _welcome_markers().search(ctx.text, t_start, t_end):
            return None  # welcoming something past ("welcomed the signing")
    pieces = _split_actions(text, t_start, t_end, c)
    actor, speaker_name = _actor(ctx, actor_party, speaker, group, calls, last_actor)
    if actor is None:
        return None
    out = []
    for a, b in pieces:
        a, b = _trim(text, a, b)
        if b - a < 3:
            continue
        out.append(_make(ctx, s, kind, actor, speaker_name, a, b, calls))
    return out or None


def _split_actions(text: str, a: int, b: int, c: _Cue) -> list[tuple[int, int]]:
    """"committed to continue X and to work together on Y": two actions under one verb."""
    if c.role not in ("lead", "object_to") or c.kind not in ("pledge", "agreement", "proposal"):
        return [(a, b)]
    out = []
    pos = a
    for m in re.finditer(r",?\s+and\s+to\s+(?=\w)", text[a:b]):
        out.append((pos, a + m.start()))
        pos = a + m.end()
    out.append((pos, b))
    return out


@lru_cache(maxsize=8)
def _hard_stops(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where a commitment's text must stop within a sentence, found once per sentence (a
    sentence can hold hundreds of cues)."""
    return tuple(m.start() for m in _hard_stop().finditer(text, start, end))


def _text_end(ctx: ArticleContext, s: Sentence, sc: list[_Cue], i: int, t_start: int,
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
        coordinated = _coordinated(text, max(t_start, c.start - 20), c.start)
        if c.role in ("report", "exclude") and coordinated:
            return _cut_conjunction(text, t_start, c.start)
        if c.role in ("lead", "object_to", "welcome", "post") and coordinated and c.start - t_start > 2:
            return _cut_conjunction(text, t_start, c.start)
        if c.role == "modal" and coordinated_modal(ctx, s, c):
            j = _subject_start(ctx, s, c.start)
            return _cut_conjunction(text, t_start, j)
    return end


def _cut_conjunction(text: str, a: int, b: int) -> int:
    m = re.search(r"(?:,\s*)?(?:\band|\bbut|\bwhile|\bas well as)?\s*(?:\w+ly\s+)?(?:also\s+)?\Z", text[a:b])
    return a + m.start() if m else b


_CONJ_SUBJECT = re.compile(r"(?:,\s*and|,\s*but|;|\band)\s+((?:the\s+)?[\w.'-]+(?:\s+[\w.'-]+){0,2})\s*\Z")


def _subject_start(ctx: ArticleContext, s: Sentence, pos: int) -> int:
    """Start of the subject after a conjunction right before ``pos`` (``pos`` when there is none)."""
    lo = max(s.start, pos - 60)
    m = _CONJ_SUBJECT.search(ctx.text, lo, pos)
    return m.start(1) if m else pos


def _first_party(ctx: ArticleContext, start: int, end: int) -> tuple[str, object] | None:
    """The first of two coordinated parties before ``end`` ("X and Y agreed"), else None."""
    found: list[tuple[int, int, tuple[str, object]]] = [(m.start, m.end, ("person", m.person)) for m in ctx.mentions(start, end)]
    found += [(h.start, h.end, ("country", c)) for h, c in ctx.bare_countries(start, end)]
    if len(found) < 2:
        return None
    found.sort(key=lambda x: x[0])
    (_a0, a1, first), (b0, _b1, _second) = found[0], found[1]
    return first if ctx.text[a1:b0].strip() in ("and", "&") else None


def _subject_party(ctx: ArticleContext, s: Sentence, pos: int, clause_start: int,
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


def _actor(ctx: ArticleContext, party, speaker: int | None, group: bool, calls: list[Call],
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
            return speaker_country or _own(ctx, calls), speaker_name
        if kind == "clause":
            return last_actor or speaker_country or _own(ctx, calls), speaker_name
        if kind == "pair":
            if group or speaker is None:
                return _own(ctx, calls), speaker_name
            return speaker_country or _own(ctx, calls), speaker_name
    if group:
        return _own(ctx, calls), speaker_name
    return speaker_country or _own(ctx, calls), speaker_name


def _own(ctx: ArticleContext, calls: list[Call]) -> str | None:
    if ctx.own_side:
        return ctx.own_side
    if calls and calls[0].participants:
        return calls[0].participants[0].country
    for p in ctx.people.persons:
        if p.country:
            return p.country
    return None


@lru_cache(maxsize=1)
def _leading_date() -> re.Pattern[str]:
    days = "|".join(r["phrase"] for r in rows("dates", "phrase", "kind") if r["kind"] in ("weekday", "day"))
    return re.compile(rf"(?:(?:on|late|early)\s+)?(?:{days})(?:\s+(?:morning|afternoon|evening|night))?\b[\s,]*", re.IGNORECASE)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    m = _LEADING_JUNK.match(text, a, b)
    if m:
        a = m.end()
    m = _leading_date().match(text, a, b)  # "agreed on Tuesday to start negotiations"
    if m:
        a = m.end()
        m = _LEADING_JUNK.match(text, a, b)
        if m:
            a = m.end()
    q = text.find('"', a, b)
    if q > a and text.count('"', a, q) == 0 and text.rfind('"', 0, a) > text.rfind("\n", 0, a):
        b = q  # the quoted words end at the closing quote
    seg = text[a:b]
    t = _TRAILING_JUNK.search(seg)
    if t:
        b = a + t.start()
    return a, b


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
