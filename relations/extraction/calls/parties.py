"""Who takes part in a call: the parties before a trigger (its subject) and after it (its object)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..context import ArticleContext
from ..lexicon import alternation, column, tagged
from ..mentions import Mention

# where the object of a call verb ends: a new clause always ends it ("and agreed", "who",
# "to discuss" is not one: "spoke to President X")...
_CLAUSE_STOP = re.compile(
    r"(?<![\w])(?:about|regarding|concerning|amid|after|following|where|which|who|whose|while|when|since|"
    r"and\s+(?:discussed|the\s+two|they|agreed|reaffirmed|expressed|exchanged|noted|welcomed|thanked|underscored|"
    r"emphasized|emphasised|congratulated|conveyed|reviewed|highlighted|condemned|stressed|said))(?![\w])|[;:(\"]|--|\u2014|\u2013",
)
# ...a preposition ends it only once a participant was named ("met today in Washington with X")
_STOP = re.compile(r"(?<![\w-])(?:to|on|in|at|during|ahead|before|as|for)(?![\w-])")


@lru_cache(maxsize=1)
def group_subject() -> re.Pattern[str]:
    """"the two leaders", "both sides", "they": the pair of a call already told (lexicon/group_nouns.tsv)."""
    nouns = alternation(tagged("group_nouns", "noun", "calls", "yes"))
    return re.compile(rf"(?:\b(?:the|both|two)\s+(?:two\s+)?(?:{nouns})\b|\bthey\b|\bthe two\b)", re.IGNORECASE)


POSSESSIVE_LEAD = re.compile(r"\A(?:in|during|at|following|after)\s+(?:his|her|their|the|a|this|today's)\b", re.IGNORECASE)
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)


def after_last_that(text: str, start: int, end: int) -> int:
    """Just after the last "that" / "claiming" / "saying" in text[start:end], else ``start``."""
    best = start
    for w in (" that ", " claiming ", " saying "):
        i = text.rfind(w, start, end)
        if i >= 0 and i + len(w) > best:
            best = i + len(w)
    return best


@cache
def call_verb(use: str) -> re.Pattern[str]:
    """A whole trigger that is one of the call verbs of ``use`` (lexicon/call_verbs.tsv): needs_object, passive."""
    return re.compile(rf"(?:{alternation(tagged('call_verbs', 'verb', 'uses', use))})\Z", re.IGNORECASE)


_NEXT_WORD = re.compile(r"[ ]+([\w-]+)")
PASSIVE_BY = re.compile(r"[ ]by\b")
TO_AFTER = re.compile(r",?[ ]to[ ]")


@lru_cache(maxsize=1)
def envoy_gap() -> re.Pattern[str]:
    """"received a special envoy of President Mahama": the envoy stands for the one named (lexicon/envoy_words.tsv)."""
    modifiers = alternation(tagged("envoy_words", "word", "kind", "modifier"))
    envoys = alternation(tagged("envoy_words", "word", "kind", "envoy"))
    return re.compile(
        rf"[ ]+(?:(?:a|an|the|his|her|their|{modifiers})[ ]+)*(?:{envoys})[ ]+(?:of|from|led by)[ ]+(?:the[ ]+)?",
        re.IGNORECASE,
    )


# "in Lima, Peru", "in Phnom Penh, Cambodia": a country named after a place is where, not who
_AFTER_PLACE = re.compile(r"\b[A-Z][\w'.-]+,[ ]\Z")


@lru_cache(maxsize=1)
def party_noun() -> re.Pattern[str]:
    """After a demonym, the words that make it a party: "the Kazakh side" (lexicon/party_nouns.tsv)."""
    return re.compile(rf"[ ](?:{alternation(column('party_nouns', 'word'))})\b", re.IGNORECASE)


# before a country's name, the words that make it a party: "with China", "the Presidents of Kazakhstan"
_NAME_AS_PARTY = re.compile(
    r"(?:\bwith|\bbetween|\band|,|\b(?:leaders|presidents|prime ministers|ministers|counterparts|officials|delegations?|"
    r"governments?|ambassadors|representatives|heads of state|heads of government|counterparts? from)\s+(?:of|from|in))\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _non_official() -> frozenset[str]:
    return frozenset(column("non_official_groups", "word"))


@lru_cache(maxsize=1)
def _topic_nouns() -> frozenset[str]:
    return frozenset(column("country_topics", "word"))


def names_a_topic(text: str, h) -> bool:
    """"the Ukraine conflict", "the Iran nuclear deal": a country's name as a topic's modifier
    (lexicon/country_topics.tsv)."""
    nxt = _NEXT_WORD.match(text, h.end)
    return bool(nxt) and nxt.group(1).lower() in _topic_nouns()


def country_is_party(ctx: ArticleContext, tm, h, e) -> bool:
    """Whether a country named after the trigger takes part ("with China") or is only a topic."""
    text = ctx.text
    nxt = _NEXT_WORD.match(text, h.end)
    if nxt and nxt.group(1) in _non_official():
        return False  # "a delegation of U.S. business leaders": not officials of the country
    if names_a_topic(text, h):
        return False
    if e.detail == "demonym":
        if party_noun().match(text, h.end):
            return True
        # "between the Russian and Ukrainian delegations": coordinated demonyms share the noun
        nxt_demonym = _AND_DEMONYM.match(text, h.end)
        return bool(nxt_demonym) and any(
            h2.start == nxt_demonym.end() and e2.detail == "demonym" and party_noun().match(text, h2.end)
            for h2, e2 in ctx.bare_country_entries(nxt_demonym.end(), min(len(text), nxt_demonym.end() + 40)))
    place = _AFTER_PLACE.search(text, max(tm.end, h.start - 30), h.start)
    if place and not any(c.end == place.end() - 2 for c, _k in ctx.bare_countries(max(tm.end, h.start - 40), h.start)):
        return False  # "in Lima, Peru"; not "with Germany, Italy and Greece"
    return bool(_NAME_AS_PARTY.search(text, max(tm.end, h.start - 40), h.start))


_AND_DEMONYM = re.compile(r",?[ ](?:and|or|&)[ ]|,[ ]")


# "the situation in Sudan and Libya and the negotiations": a country after a preposition is a
# place or a topic, not the subject of the engagement
NOT_SUBJECT_BEFORE = re.compile(
    r"(?:\bin|\bto|\babout|\bagainst|\bover|\bon|\binto|\bfrom|(?<!leaders[ ])(?<!leader[ ])(?<!presidents[ ])"
    r"(?<!ministers[ ])(?<!delegations[ ])(?<!governments[ ])(?<!heads[ ])\bof|\bfor|\bwith)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)  # ("the leaders of South Korea and Vietnam held ...": the people of a country are a subject)


THEIR = re.compile(r"\btheir\b", re.IGNORECASE)


def pair_named_before(ctx: ArticleContext, pos: int) -> list[Mention]:
    out: list[Mention] = []
    seen: set[str] = set()
    for m in ctx.mentions(0, pos):
        if m.country and m.country not in seen:
            out.append(m)
            seen.add(m.country)
        if len(out) == 2:
            return out
    return []


def capitals_as_actors(ctx: ArticleContext, start: int, end: int) -> list[str]:
    """"Beijing and Minsk agreed...", "Seoul and Canberra also agreed": capitals coordinated as a subject."""
    caps = [(h, e.key) for h, e in ctx.bare_country_entries(start, end, capitals=True) if e.detail == "capital"]
    for (h1, c1), (h2, c2) in zip(caps, caps[1:]):
        if ctx.text[h1.end:h2.start] == " and " and c1 != c2:
            return [c1, c2]
    return []


def object_end(ctx: ArticleContext, start: int, end: int) -> int:
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


def pair_before(ctx: ArticleContext, s_start: int, t_start: int) -> list[str]:
    """Countries of a "Russian-Chinese" / "U.S.-Japan" compound just before the trigger."""
    window = ctx.bare_countries(max(s_start, t_start - 60), t_start)
    out: list[str] = []
    for (h1, c1), (h2, c2) in zip(window, window[1:]):
        between = ctx.text[h1.end:h2.start]
        if between in ("-", "\u2013", "/") and len(ctx.text[h2.end:t_start].split()) <= 3:
            out = [c1, c2]
    return out


def party_after(ctx: ArticleContext, start: int, end: int) -> str | None:
    best = None
    ms = ctx.mentions(start, end)
    if ms:
        best = (ms[0].start, ms[0].country)
    bc = ctx.bare_countries(start, end)
    if bc and (best is None or bc[0][0].start < best[0]):
        best = (bc[0][0].start, bc[0][1])
    return best[1] if best else None


_TO_PLACE = re.compile(r"[ ](?:to[ ])?(?:the[ ])?")


def visited_place(ctx: ArticleContext, tm, end: int) -> list[tuple[int, str]]:
    """The country a visit goes to, named right after the trigger ("visited China", "a visit
    to Islamabad"): [(where it starts, ISO3)], or []."""
    gap = _TO_PLACE.match(ctx.text, tm.end)
    return country_at(ctx, gap.end(), end) if gap else []


def country_at(ctx: ArticleContext, pos: int, end: int) -> list[tuple[int, str]]:
    """The country named (not by a demonym) right at ``pos``: [(pos, ISO3)], or []."""
    for h, e in ctx.bare_country_entries(pos, end, capitals=True):
        if h.start == pos and e.detail != "demonym":
            return [(h.start, e.key)]
    return []


# between a visitor and the visit: a light verb and the visit's adjectives ("will pay an official
# [visit]", "began a three-day state [visit]", "is on a working [visit]"), or a possessive ("'s
# first [visit]"); the visitor is the last party named before it
_LIGHT_VERB = (r"pay|paid|pays|paying|make|made|makes|making|undertake|undertook|undertakes|undertaking|begin|began|begins"
               r"|beginning|start|started|starts|starting|on|conclude|concluded|concludes|concluding|end|ended|ends|ending"
               r"|wrap|wrapped|wraps|up|kick|kicked|off|arrived|arrives|arriving|for")
_VISITOR_GAP = re.compile(
    rf"(?:'s?|[ ](?:(?:will|would|is|was|are|were|to|has|have|had|also|currently|now|set|due|expected|scheduled"
    rf"|planning|be|been)[ ])*(?:{_LIGHT_VERB})(?:[ ](?:in[ ][A-Z][\w-]+(?:[ ][A-Z][\w-]+)?|to[ ]the))?)"
    r"(?:[ ](?:a|an|the|his|her|their|its))?(?:[ ][\w-]+){0,3}?[ ]\Z", re.IGNORECASE)


def visitor_from(text: str, start: int, pos: int) -> int:
    """Where the subject of the visit noun at ``pos`` may start: the phrase right before it when
    that ends in a light verb ("Prime Minister X will pay an official visit", "is on a state
    visit") or a possessive ("X's first visit"), else ``pos`` (the visit has no subject in its
    sentence)."""
    for m in re.finditer(r"[,;]", text[start:pos]):
        start = start + m.end()  # the visitor is in the visit's own clause
    m = _VISITOR_GAP.search(text, start, pos)
    return start if m and m.start() > start else pos
