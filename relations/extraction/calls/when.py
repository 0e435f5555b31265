"""The day of a call: the date phrase nearest its trigger in the sentence, and dates that belong elsewhere."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import dates
from ..lexicon import alternation, month_names, reporting_verbs
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
             and not _SINCE.search(text, max(s.start, d.start - 40), d.start)]
    days = [d for d in found if d.kind != "month"]
    if days:
        found = days  # a day told beside a month alone ("met on June 17 ... in May") places it
    else:  # a month alone counts for the call when it is told in the same clause, near it
        found = [d for d in found if _month_near(text, t_end, d.start) or _month_near(text, d.end, t_start)]
    if not found:
        return None
    return min(found, key=lambda d: (d.start - t_end) if d.start >= t_end else (t_start - d.end))
