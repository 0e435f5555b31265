"""Find date expressions in a sentence and resolve them against the article's date.

"on Tuesday" in a piece datelined Tuesday 26 January 2021 is 2021-01-26 (python-dateutil's
``TU(-1)`` keeps the same day when it already is a Tuesday); "last Tuesday" is the Tuesday
strictly before; "on Jan. 25" takes the year that puts it nearest the article's date, before
it for things that happened and after it for things planned; a range of days ("May 10-11") is
its last day for what happened and its first for what is planned. "last week" resolves to that
week's Monday with precision ``week``; "in June" is that month (the nearest one before the
article's date, or after it for things planned) with precision ``month``. The words come from
``lexicon/dates.tsv``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import MO, relativedelta, weekday

from .lexicon import rows
from .trie import trie_pattern


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # explicit | weekday | day | week | months | month ("in June": a month named, no day)
    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: int = 0  # for day/week/month phrases; for weekdays: -1 last, +1 next, 0 plain
    last_day: int | None = None  # the end of a range of days ("Jan. 3-4"): a held event is dated by it


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: dt.date | None
    precision: str | None  # day | week | month
    text: str


@lru_cache(maxsize=1)
def _vocab() -> tuple[dict[str, int], dict[str, int], dict[str, tuple[str, int]]]:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, tuple[str, int]] = {}
    for r in rows("dates", "phrase", "kind", "value"):
        if r["kind"] == "month":
            months[r["phrase"].lower()] = int(r["value"])
        elif r["kind"] == "weekday":
            weekdays[r["phrase"].lower()] = int(r["value"])
        else:
            relative[r["phrase"].lower()] = (r["kind"], int(r["value"]))
    return months, weekdays, relative


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# the words a date expression may start with besides a month, a weekday and a relative phrase
# (each alternative of ``_pattern`` below starts with a digit or one of these)
_LEADING_WORDS = ("on", "the", "in", "during", "last", "since", "this", "next", "past", "coming")


@lru_cache(maxsize=2)
def _pattern(gated: bool = True) -> re.Pattern[str]:
    """The date expressions. ``gated``: with a look-ahead first that lets a position through
    only when a digit or a word a date can start with follows (a trie, a few character tests),
    so that most positions skip the long alternation; the same matches (tests check both)."""
    months, weekdays, relative = _vocab()
    mon, wd, rel = _alt(months), _alt(weekdays), _alt(relative)
    day = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d\d"
    gate = rf"(?=\d|{trie_pattern({*_LEADING_WORDS, *months, *weekdays, *relative})})" if gated else ""
    return re.compile(
        rf"""(?<![\w-]){gate}(?:
          (?P<iso>(?P<iy>{year})-(?P<im>[01]\d)-(?P<id>[0-3]\d))
        | (?:(?:on\s+)?(?P<wd1>{wd}),?\s+)?
          (?:on\s+)?(?:(?P<m1>{mon})\.?\s+(?P<d1>{day})(?:\s?[-\u2013]\s?(?P<e1>{day}))?(?!\d)
            |(?:the\s+)?(?P<d2>{day})(?:\s?[-\u2013]\s?(?P<e2>{day}))?\s+(?:of\s+)?(?P<m2>{mon})\b\.?)
          (?:,?\s+(?P<y>{year}))?
        | (?:in|during|last|since|the)\s+(?:(?:early|mid|late)[\s-]+)?(?P<m3>{mon})\b\.?(?:,?\s+(?P<y3>{year}))?
          (?!\s+\d)
        | (?P<rel>{rel})
        | (?:(?P<wmod>on|last|this|next|this\s+past|past|coming|this\s+coming)\s+)?(?P<wd2>{wd})
          (?:\s+(?:morning|afternoon|evening|night))?
        )(?![\w-])""",
        re.IGNORECASE | re.VERBOSE,
    )


@lru_cache(maxsize=1)
def _maybe_date() -> re.Pattern[str]:
    """What any date expression holds: a digit, a day word, or a month's name ("in June")."""
    mon = _alt(_vocab()[0])
    return re.compile(rf"\d|day|night|week|month|morning|afternoon|evening|tomorrow|(?-i:\b(?:{mon.title()})\b)",
                      re.IGNORECASE)


def find(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    if not _maybe_date().search(text, start, end):
        return []
    months, weekdays, relative = _vocab()
    out: list[DateMention] = []
    for m in _pattern().finditer(text, start, end):
        g = m.group
        if g("iso"):
            out.append(DateMention(m.start(), m.end(), g(0), "explicit", int(g("im")), int(g("id")), int(g("iy"))))
        elif g("m1") or g("m2"):
            mon = months[(g("m1") or g("m2")).lower()]
            day = int(re.match(r"\d+", g("d1") or g("d2")).group())
            if not (g("m1") or g("m2"))[0].isupper():
                continue  # "may" the verb, "march" the noun
            year = int(g("y")) if g("y") else None
            last = g("e1") or g("e2")
            last_day = int(re.match(r"\d+", last).group()) if last else None
            out.append(DateMention(m.start(), m.end(), g(0), "explicit", mon, day, year,
                                   last_day=last_day if last_day and last_day > day else None))
        elif g("m3"):
            if not g("m3")[0].isupper():
                continue
            year = int(g("y3")) if g("y3") else None
            out.append(DateMention(m.start(), m.end(), g(0), "month", months[g("m3").lower()], None, year))
        elif g("rel"):
            kind, value = relative[re.sub(r"\s+", " ", g("rel").lower())]
            out.append(DateMention(m.start(), m.end(), g(0), kind, offset=value))
        elif g("wd2"):
            mod = (g("wmod") or "").lower()
            off = -1 if mod in ("last", "this past", "past") else 1 if mod in ("next", "coming", "this coming") else 0
            if not mod and not g("wd2")[0].isupper():
                continue
            out.append(DateMention(m.start(), m.end(), g(0), "weekday", weekday=weekdays[g("wd2").lower()], offset=off))
    return out


def resolve(mention: DateMention, ref: dt.date | None, future: bool = False,
            anchor: dt.date | None = None) -> ResolvedDate:
    """The date ``mention`` denotes, read from an article dated ``ref``.

    ``future``: the event is planned (so "on Jan. 25" and "on Tuesday" look forward).
    ``anchor``: the day of the event the text told last, for "earlier in the day".
    """
    text = mention.text
    if mention.kind == "same_day":
        base = anchor or ref
        return ResolvedDate(base, "day" if base else None, text)
    try:
        if mention.kind == "explicit":
            # a range of days ("on May 10-11"): a held event is dated by the day it ended, a
            # planned one by the day it begins
            day = mention.last_day if mention.last_day and not future else mention.day
            if mention.year:
                return ResolvedDate(dt.date(mention.year, mention.month, day), "day", text)
            if ref is None:
                return ResolvedDate(None, None, text)
            d = dt.date(ref.year, mention.month, day)
            if not future and d > ref + dt.timedelta(days=7):
                d = _replace_year(d, ref.year - 1)
            elif future and d < ref - dt.timedelta(days=7):
                d = _replace_year(d, ref.year + 1)
            return ResolvedDate(d, "day", text)
        if mention.kind == "month":  # "in June", "in early June 2024": the month, no day
            year = mention.year or (ref.year if ref else None)
            if year is None:
                return ResolvedDate(None, None, text)
            d = dt.date(year, mention.month, 1)
            if not mention.year and not future and mention.month > ref.month:
                d = d.replace(year=year - 1)
            elif not mention.year and future and mention.month < ref.month:
                d = d.replace(year=year + 1)
            return ResolvedDate(d, "month", text)
        if ref is None:
            return ResolvedDate(None, None, text)
        if mention.kind == "day":
            return ResolvedDate(ref + dt.timedelta(days=mention.offset), "day", text)
        if mention.kind == "weekday":
            wd = weekday(mention.weekday)
            if mention.offset < 0:  # last Tuesday: strictly before
                d = ref + relativedelta(days=-1, weekday=wd(-1))
            elif mention.offset > 0:  # next Tuesday: strictly after
                d = ref + relativedelta(days=+1, weekday=wd(+1))
            elif future:
                d = ref + relativedelta(weekday=wd(+1))
            else:  # on Tuesday: the same day when the article is dated a Tuesday
                d = ref + relativedelta(weekday=wd(-1))
            return ResolvedDate(d, "day", text)
        if mention.kind == "week":
            monday = ref + relativedelta(weekday=MO(-1))
            return ResolvedDate(monday + dt.timedelta(weeks=mention.offset), "week", text)
        if mention.kind == "months":
            first = ref.replace(day=1) + relativedelta(months=mention.offset)
            return ResolvedDate(first, "month", text)
    except (ValueError, OverflowError):
        pass
    return ResolvedDate(None, None, text)


def _replace_year(d: dt.date, year: int) -> dt.date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)
