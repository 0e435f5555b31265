"""The day of a call: the date phrase nearest its trigger in the sentence, and dates that belong elsewhere."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import dates
from ..lexicon import alternation, month_names, reporting_verbs, rows
from ..sentences import Sentence


@lru_cache(maxsize=1)
def _month_year() -> re.Pattern[str]:
    """"in October 2018", "the May 2023 meeting": a month (full name, lexicon/dates.tsv) or a year."""
    return re.compile(
        rf"\b(?:in |since |from |the |last )?(?:early |mid-|late )?(?P<month>{alternation(month_names())})"
        r"(?:,)? (?P<year>(?:19|20)\d\d)\b|\b(?:in|since) (?P<y2>(?:19|20)\d\d)\b"
    )


def other_month(text: str, s: Sentence, ref) -> bool:
    for m in _month_year().finditer(text, s.start, s.end):
        year = int(m.group("year") or m.group("y2"))
        if year != ref.year:
            return True
        if m.group("month") and m.group("month") != ref.strftime("%B"):
            return True
    return False


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


def nearest_date(text: str, s: Sentence, t_start: int, t_end: int, body_start: int = 0) -> dates.DateMention | None:
    # "the October 7 Crimes", "the June 4 Movement": a date that is part of a name
    found = [d for d in dates.find(text, max(s.start, body_start), s.end)
             if (d.kind != "explicit" or d.year or d.text.endswith(".") or not _NAME_AFTER.match(text, d.end))
             and not _reported_on().search(text, max(s.start, d.start - 30), d.start)
             and not _SINCE.search(text, max(s.start, d.start - 40), d.start)
             and not attached_elsewhere(text, max(s.start, body_start), d, t_start, t_end)]
    days = [d for d in found if d.kind != "month"]
    if days:
        found = days  # a day told beside a month alone ("met on June 17 ... in May") places it
    else:  # a month alone counts for the call when it is told in the same clause, near it
        found = [d for d in found if _month_near(text, t_end, d.start) or _month_near(text, d.end, t_start)]
    if not found:
        return None
    return min(found, key=lambda d: (d.start - t_end) if d.start >= t_end else (t_start - d.end))


@lru_cache(maxsize=3)
def _attachments(kind: str) -> str:
    return alternation(r["word"] for r in rows("date_attachments", "word", "kind") if r["kind"] == kind)


@lru_cache(maxsize=1)
def _participle_before() -> re.Pattern[str]:
    """"... marked on", "... held in Moscow on", "... completed her term of office on": a participle
    and at most a short phrase (no clause break) right before a date (lexicon/date_attachments.tsv)."""
    return re.compile(rf"\b(?:{_attachments('participle')})\b(?P<gap>[^,;.:]{{0,45}}?)[ ]?(?:on[ ]|in[ ])?\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def _relative_before() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_attachments('relative')})\b[^,;.:]{{0,80}}\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prenominal_before() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_attachments('prenominal')})[ ]\Z", re.IGNORECASE)


# in the gap between a trigger and a participle: a temporal preposition brings in another event
# ("our meeting after the CIS events held yesterday": the events were held yesterday)
_OTHER_EVENT = re.compile(r"\b(?:after|before|following|since|ahead|until|during|amid|prior)\b", re.IGNORECASE)
_SCHEDULED_BEFORE = re.compile(r"\b(?:scheduled|set|due|planned|expected)[ ]to[ ]be[ ]\Z")
_LIST_COMMA = re.compile(r",(?=[ ][A-Z][\w'-]+(?:[ ][A-Z][\w'-]+)?(?:,|[ ]and[ ]))")
_NOUN_AFTER = re.compile(r"[ ]?(?:[\w-]+[ ]){0,2}?[\w-]+")


def attached_elsewhere(text: str, s_start: int, d: dates.DateMention, t_start: int, t_end: int) -> bool:
    """Whether date ``d`` belongs to another noun of the sentence than the trigger at
    [t_start, t_end): "ahead of the Friendship Day, marked on June 12", "the May 3 meeting of the
    ministers", "talks with X, who completed her term on December 8"."""
    lo = max(s_start, d.start - 90)
    part = _participle_before().search(text, lo, d.start)
    if part and not (part.start() < t_end and t_start < d.start):
        # the participle's noun is the trigger itself ("talks held in Moscow on Tuesday"); a
        # "held" before the trigger is its verb ("held phone talks Thursday evening")
        # the participle's noun is the trigger's phrase ("the meeting between X and Y took place
        # on November 2") unless a comma parts them ("ahead of the Friendship Day, marked on")
        host_end = part.start()
        if t_end <= host_end and _SCHEDULED_BEFORE.search(text, max(t_end, host_end - 30), host_end):
            return False  # "A meeting between X and Y, scheduled to be held in Dhaka on Monday, ...": the meeting's day
        gap = _LIST_COMMA.sub("", text[t_end:host_end])  # "of Kyrgyzstan, Uzbekistan and Kazakhstan held on"
        return not (t_end <= host_end and "," not in gap and not _OTHER_EVENT.search(gap))
    rel = _relative_before().search(text, lo, d.start)
    if rel and t_end <= rel.start():
        return True  # "with President X, who took office on January 20"
    if d.start > t_end and _prenominal_before().search(text, max(s_start, d.start - 6), d.start):
        after = _NOUN_AFTER.match(text, d.end)
        if after and after.end() <= t_start:
            return False  # "the May 3 [meeting]" where the meeting is the trigger
        return bool(after) and not text.startswith(",", d.end)
    return False
