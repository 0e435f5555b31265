"""Read a news dateline: ``BEIJING, Jan. 26 (Xinhua) --``, ``MOSCOW, March 3. /TASS/.``,
``ANKARA (AA) -``, ``Nairobi, Kenya, April 4 (Reuters) -``, ``ASTANA. KAZINFORM -``,
``Tashkent, 14.03.2024 (UzA)``, ``ABU DHABI, 14th March, 2024 (WAM) --``,
``Baku, March 14, AZERTAC.``, ``NUR-SULTAN, March 14. KAZINFORM -``.

The dateline gives the place, the agency and a month and day; the year comes from the
publication date (the dateline day is on or shortly before it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import dates
from .lexicon import _vocab_months


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    date: dt.date | None
    date_text: str | None
    end: int  # offset of the first character after the dateline


_WORD = r"[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f.'-]*"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    mon = "|".join(sorted(_vocab_months(), key=len, reverse=True))
    day = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    md = (rf"(?:(?:{mon})\.?\s+{day}|{day}\s+(?:{mon})\.?)(?:,?\s+(?:19|20)\d\d)?"
          rf"|{_DOTTED_DMY}")
    return re.compile(
        rf"""\s*
        (?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}})
        (?:,\s*(?P<region>{_WORD}(?:[ ]{_WORD}){{0,2}}))??
        (?:\s*[,.]\s*(?P<date>{md}))?
        \s*\.?\s*
        (?:(?:\((?P<agency>[A-Za-z][\w .&'-]{{0,40}}?)\)|/(?P<agency2>[A-Za-z][\w .&'-]{{0,40}}?)/)\.?
          |(?:,\s*)?(?P<agency3>[A-Z]{{3,}}(?:-[A-Z]{{2,}})?)(?=\.\s|\s+(?:--|\u2014|\u2013|-)\s)\.?)?
        \s*(?P<sep>--|\u2014|\u2013|-|:)?\s+""",
        re.VERBOSE,
    )


_DOTTED_DMY = r"(?:[12][0-9]|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:19|20)\d\d"
_DMY_PARTS = re.compile(r"(\d+)\.(\d+)\.(\d{4})")

_PLACE_DOT_AGENCY = re.compile(r"\s*(?P<place>[A-Z][A-Z' -]{1,30}[A-Z])\.\s+(?P<agency>[A-Z]{2,}(?: [A-Z]{2,})?)\s+(?:--|\u2014|\u2013|-)\s+")


_HEADLINE = re.compile(r"[^\n]{1,200}?(?<![.!?:\"\u201d])[ \t]*\n\s*")


_PREAMBLE_LINES = 6  # headline, standfirst, byline, "Published ..." lines a page may put first


def parse(text: str, published: dt.date | None) -> Dateline | None:
    """The dateline at the start of ``text`` (normalised), or just after the first lines that
    are a headline, a byline or a date stamp (lines with no closing full stop), or None."""
    pos = 0
    for _ in range(_PREAMBLE_LINES + 1):
        found = _parse_at(text, pos, published)
        if found is not None:
            return found
        head = _HEADLINE.match(text, pos)
        if not head or head.end() > 1500:
            return None
        pos = head.end()
    return None


@lru_cache(maxsize=1)
def _repost() -> re.Pattern[str]:
    """A repost's dateline: the place, then in brackets the sites that carried it and the agency,
    a dash and the day: "ABU DHABI, (UrduPoint / Pakistan Point News / WAM - 12th Oct, 2020)"."""
    mon = "|".join(sorted(_vocab_months(), key=len, reverse=True))
    day = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    md = rf"(?:(?:{mon})\.?\s+{day}|{day}\s+(?:{mon})\.?)(?:,?\s+(?:19|20)\d\d)?"
    return re.compile(rf"\s*(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}(?:/{_WORD}(?:[ ]{_WORD}){{0,3}})*)\s*,?\s*"
                      rf"\((?P<sources>[A-Za-z][^()\n]{{0,80}}?)\s+(?:--|\u2014|\u2013|-)\s+(?P<date>{md})\)\s*")


def _parse_at(text: str, pos: int, published: dt.date | None) -> Dateline | None:
    m = _PLACE_DOT_AGENCY.match(text, pos, min(len(text), pos + 200))
    if m:
        return Dateline(m.group("place"), m.group("agency"), None, None, m.end())
    m = _repost().match(text, pos, min(len(text), pos + 200))
    if m:
        agency = m.group("sources").split("/")[-1].strip() or None
        date_text = m.group("date")
        return Dateline(m.group("place"), agency, _day(date_text, published), date_text, m.end())
    m = _pattern().match(text, pos, min(len(text), pos + 200))
    if not m:
        return None
    place = m.group("place")
    agency = m.group("agency") or m.group("agency2")
    has_date = bool(m.group("date"))
    if not agency and has_date and m.group("agency3"):
        agency = m.group("agency3")  # bare only after a date: "Baku, March 14, AZERTAC."
    elif not agency and m.group("agency3"):
        return None
    if not (has_date or agency or (m.group("sep") and place.isupper() and len(place) > 2)):
        return None
    if not has_date and not m.group("sep") and text[m.end():m.end() + 1].islower() and "\n" not in text[m.start():m.end()]:
        return None  # "Prime Minister Kristen Michal (Reform) said ...": a party in brackets, not an agency
    date = date_text = None
    if has_date:
        date_text = m.group("date")
        dmy = _DMY_PARTS.fullmatch(date_text)
        if dmy:  # numeric dates in datelines are day.month.year
            day, month, year = (int(g) for g in dmy.groups())
            try:
                date = dt.date(year, month, day)
            except ValueError:  # 31.02.2024
                date = None
            return Dateline(place.rstrip(".,"), agency.strip() if agency else None, date, date_text, m.end())
        date = _day(date_text, published)
    return Dateline(place.rstrip(".,"), agency.strip() if agency else None, date, date_text, m.end())


def _day(date_text: str, published: dt.date | None) -> dt.date | None:
    """The day a dateline's month and day name: with its own year, or the publication's (the day
    on or shortly before the publication)."""
    found = dates.find(date_text)
    if not found:
        return None
    mention = found[0]
    if mention.year:
        return dates.resolve(mention, None).date
    if published:
        d = dates.resolve(mention, published).date
        return d if d is None or d <= published + dt.timedelta(days=2) else d.replace(year=d.year - 1)
    return None


def headline_end(text: str) -> int:
    """Where the article's first line ends when it is a headline (no closing full stop, more
    text after it), else 0."""
    head = _HEADLINE.match(text)
    return head.end() if head and head.end() < len(text) else 0


_LONG = re.compile(r"[^\W\d_][\w'-]{3,}")


def title_case_headline_end(text: str) -> int:
    """Where the first line ends when it is a headline written in title case (most of its longer
    words capitalised: "HM the King Receives Phone Call from French President"), else 0."""
    end = headline_end(text)
    if not end:
        return 0
    words = _LONG.findall(text, 0, end)
    return end if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words) else 0
