"""Where an in-person meeting took place, and on what occasion: read from the sentence that reports it.

``read_place(sentence, start, end, dateline)`` is a pure function of one sentence, the offsets
of the meeting's trigger in it and the article's dateline. It looks for, in this order of
trust, inside the trigger's own clause (from the trigger to the first word that begins its
topic: "to discuss", "the situation in", "cooperation"; or a leading adjunct before it: "On
the sidelines of the SCO summit in Samarkand, Xi met ..."):

- an occasion: a lead ("on the sidelines of", "at", "during", "for") and a named event whose
  head noun is an event word ("the G20 summit", "the United Nations General Assembly", "an
  informal summit of the CIS heads of state"), optionally "in City[, Country]";
- a visit: "during his state visit to Hanoi", "who is on an official visit to Russia", "who is
  in Russia on a working visit" (the occasion is the kind of visit, the place where it goes);
- a venue: "at the Kremlin", "in the Great Hall of the People", "welcomed X to the White House";
- a city: "in Samarkand", "in Munich, Germany", "in Nusa Dua, Indonesia" (a city neither
  gazetteer knows is taken only with its country after it);
- "here" or "in this city", which point at the dateline's city.

The dateline by itself is never the place: a Xinhua article datelined BEIJING may report a
meeting in Samarkand. ``placed`` adds one more reading that needs the call's countries: when a
host met a *visiting* guest ("met with visiting ...", "who is on a state visit") and the
dateline's city is in one of the call's countries, the meeting was there.

Vocabulary: ``lexicon/meeting_places.tsv`` (phrases), ``lexicon/meeting_venues.tsv`` (landmarks),
``lexicon/meeting_cities.tsv`` (non-capital cities) and the capitals and country names of
``seeds/country_aliases.tsv``. The host is the call's country the place is in; the other
countries are its visitors. The host is never taken for the initiator: who asked for the
meeting is read from the text alone (``status.read_status``).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ... import reference
from ...facts import Call, Place
from ...folding import fold
from ..lexicon import alternation, rows

if TYPE_CHECKING:
    from ..context import ArticleContext
    from .drafts import Draft

_NAME = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f'’.-]*"  # a capitalised word
_DET = (r"(?:(?:the|an?|this|last|next|this[ ]year's|last[ ]year's|their|his|her)[ ])?"
        r"(?:(?:upcoming|forthcoming|coming|recent|ongoing|current)[ ])?")


@dataclasses.dataclass(frozen=True, slots=True)
class _Gazetteer:
    cities: dict[str, tuple[str, str]]  # name as written -> (city shown, ISO3)
    folded_cities: dict[str, tuple[str, str]]  # fold(name) -> (city, ISO3), for datelines
    countries: dict[str, str]  # country name as written -> ISO3
    regions: dict[str, str]  # a state or province written after a city ("Delaware") -> ISO3
    venues: dict[str, tuple[str, str | None, str]]  # name as written -> (venue shown, city, ISO3)
    phrases: dict[str, tuple[str, ...]]  # kind -> phrases (meeting_places.tsv)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The places compiled from the data files (capitals first: a city file never overrides one)."""
    cities: dict[str, tuple[str, str]] = {}
    countries: dict[str, str] = {}
    for c in reference.countries():
        for kind, alias in c.aliases:
            if kind == "capital":
                shown = "Washington" if alias.startswith("Washington") else alias
                cities.setdefault(alias, (shown, c.iso3))
            elif kind == "name":
                countries.setdefault(alias.removeprefix("the "), c.iso3)
    for row in rows("meeting_cities", "city", "iso3", "aliases"):
        for name in (row["city"], *filter(None, row["aliases"].split("|"))):
            cities.setdefault(name.strip(), (row["city"], row["iso3"]))
    venues: dict[str, tuple[str, str | None, str]] = {}
    for row in rows("meeting_venues", "venue", "city", "iso3", "aliases"):
        for name in (row["venue"], *filter(None, row["aliases"].split("|"))):
            venues.setdefault(name.strip(), (row["venue"], row["city"] or None, row["iso3"]))
    regions = {row["region"]: row["iso3"] for row in rows("meeting_regions", "region", "iso3")}
    phrases: dict[str, list[str]] = {}
    for row in rows("meeting_places", "kind", "phrase"):
        phrases.setdefault(row["kind"], []).append(row["phrase"])
    return _Gazetteer(cities, {fold(k): v for k, v in cities.items()}, countries, regions, venues,
                      {k: tuple(v) for k, v in phrases.items()})


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    g = gazetteer()
    p = g.phrases
    city = alternation(g.cities)
    country = alternation(g.countries)
    country_or_region = alternation({**g.regions, **g.countries})
    events = alternation(p["event"])
    visit_kind = alternation(p["visit_kind"])
    # a named occasion: a few words ending in an event noun, then its tail of capitalised words
    # ("the Summit of the Americas", "the Conference of the Parties to the UN Framework
    # Convention on Climate Change", "the Summit on Peace in Ukraine")
    word, cap = r"[\w\u00c0-\u024f'’.&/()+-]+", r"[A-Z0-9][\w\u00c0-\u024f'’.&/()+-]*"
    joint = r"(?:of|on|to|for|and|the)"
    occasion = (rf"(?P<occ>(?:{word}[ ]){{0,8}}?(?:{events})\b"
                rf"(?:[ ]{joint}[ ](?:the[ ])?{cap}(?:[ ](?:{joint}[ ])*{cap})*(?:[ ]in[ ](?:the[ ])?(?:{country})\b(?!,))?)?)")
    # "in Munich, Germany", "in Nusa Dua, Indonesia": a city, its country after a comma
    where_city = (rf"(?P<city>{city})\b(?:,?[ ](?:the[ ])?(?P<country>{country_or_region})\b)?"
                  rf"|(?P<ucity>{_NAME}(?:[ ](?:(?:es|el|de|da|do|al|la|le|du)[ ])?{_NAME}){{0,3}}),[ ](?:the[ ])?"
                  rf"(?P<ucountry>{country_or_region})\b")
    where = rf"(?:{where_city}|(?P<only>{country})\b)"
    return {
        "occasion": re.compile(rf"\b(?i:{alternation(p['lead'])})[ ]{_DET}{occasion}"
                               rf"(?:,?[ ](?:in|at)[ ](?:the[ ])?{where})?"),
        "visit": re.compile(rf"\b(?P<kinds>(?:(?:{visit_kind})[ ])+)?(?:{alternation(p['visit'])})\b"
                            rf"(?:[ ](?:to|in)[ ](?:the[ ])?{where})?"),
        "visitor_in": re.compile(rf"\bwho[ ](?:is|was|has[ ]come|arrived|came)[ ](?:(?:here|currently)[ ])?(?:in|to)[ ]"
                                 rf"(?:the[ ])?{where}[ ](?:on|for)[ ](?:a|an|his|her)[ ]"
                                 rf"(?P<kinds>(?:(?:{visit_kind})[ ])+)(?:{alternation(p['visit'])})\b"),
        "visiting_city": re.compile(rf"\bwho[ ](?:is|was)[ ](?:currently[ ])?visiting[ ](?:the[ ])?(?:{where_city})"),
        "venue": re.compile(rf"\b(?:{alternation(p['at'] + p['venue_at'])})[ ](?:the[ ])?(?P<venue>{alternation(g.venues)})\b"
                            rf"(?:(?:[ ]residence)?[ ](?:in|at)[ ](?P<vcity>{city})\b)?"),
        "venue_host": re.compile(rf"^(?:the[ ])?(?P<venue>{alternation(g.venues)})[ ](?:hosted|was[ ]the[ ]venue)\b",
                                 re.IGNORECASE),
        "city": re.compile(rf"\b(?:{alternation(p['at'])})[ ](?:the[ ]city[ ]of[ ])?(?:{where_city})"),
        "here": re.compile(rf"\b(?:{alternation(p['here'])})\b"),
        "topic": re.compile(rf"\b(?:{alternation(p['topic'])})\b|;|(?<!\d):(?!\d)|[ ]to[ ](?!(?:the|a|an|his|her|their|its|this)\b)[a-z]"
                            r"|,[ ](?:where|during[ ]which|which|after|before)\b|[ ]where\b"),
        "visiting": re.compile(r"\bvisiting\b|\bwho[ ](?:is|was)[ ](?:here[ ])?(?:on|paying)[ ](?:a|an|his|her)[ ]"
                               rf"(?:(?:{visit_kind})[ ])*(?:{alternation(p['visit'])})\b"),
    }


# before the trigger, a visit told with these words is another engagement: "After his visit to
# Paris, X met Y"
_EARLIER = re.compile(r"\b(?:after|following|before|prior[ ]to|since|upon|returning|return|ahead[ ]of)\b",
                      re.IGNORECASE)


# after the trigger, only a visit told so ends its clause: "met X in Rome before his visit to Paris"
_EARLIER_VISIT = re.compile(_EARLIER.pattern + r"[ ](?:(?:his|her|their|the|a|an)[ ])?(?:[\w-]+[ ]){0,3}?(?:visit|trip|tour)\b",
                            re.IGNORECASE)


def _clause(sentence: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The stretches of the sentence a place of the trigger [start, end) may stand in, and
    whether a bare city or venue counts there: the clause after the trigger up to its topic
    (yes); a leading adjunct ending in a comma (yes: "In Samarkand, Xi met ..."); the rest
    of the subject (only visits and occasions: "Mr. KISHIDA, who was visiting New York, held a
    Summit Meeting", not "the Ambassador in Moscow")."""
    pats = _patterns()
    stops = [m.start() for m in (pats["topic"].search(sentence, end), _EARLIER_VISIT.search(sentence, end)) if m]
    out = [(start, min(stops, default=len(sentence)), True)]  # "met X in Rome before his visit to Paris"
    if _EARLIER.search(sentence, 0, start):
        return out
    comma = sentence.find(",", 0, start)
    if comma > 0 and not pats["topic"].search(sentence, 0, comma):
        out.append((0, comma, True))
    if not pats["topic"].search(sentence, 0, start):
        out.append((0, start, False))
    return out


def _where(m: re.Match[str]) -> tuple[str | None, str | None]:
    """(city, ISO3 country) of a match of the ``where`` group."""
    g = gazetteer()
    groups = m.groupdict()
    if groups.get("city"):
        city, iso3 = g.cities[groups["city"]]
        named = groups.get("country")
        if named and g.countries.get(named, g.regions.get(named)) != iso3:
            return None, None  # "in Georgetown, Malaysia": not the capital it names
        return city, iso3
    if groups.get("ucity"):
        return groups["ucity"], g.countries.get(groups["ucountry"], g.regions.get(groups["ucountry"]))
    if groups.get("only"):
        return None, g.countries[groups["only"]]
    return None, None


def read_place(sentence: str, start: int, end: int, dateline: str | None = None) -> Place | None:
    """The place and occasion of the meeting whose trigger is ``sentence[start:end]``, or None.

    ``dateline`` is the article's dateline as written ("MOSCOW, May 5 (Xinhua) --"); it is used
    only when the sentence points at it ("met here"). The host is left to ``placed``.
    """
    pats = _patterns()
    g = gazetteer()
    city = country = venue = occasion = None
    for lo, hi, bare in _clause(sentence, start, end):
        m = pats["occasion"].search(sentence, lo, hi)
        if m and occasion is None and _named_occasion(m.group("occ")):
            occasion = m.group("occ").strip().rstrip(".,;")
            if city is None and country is None:
                city, country = _where(m)
        for m in pats["visitor_in"].finditer(sentence, lo, hi):
            if occasion is None:
                occasion = f"{m.group('kinds')}visit".strip()
            if country is None:
                city, country = _where(m)
        for m in pats["visit"].finditer(sentence, lo, hi):
            if m.group("kinds") and occasion is None:
                occasion = f"{m.group('kinds')}{m.group(0)[len(m.group('kinds')):].split()[0]}"
            if country is None and (m.group("city") or m.group("ucity") or m.group("only")):
                city, country = _where(m)
        m = pats["visiting_city"].search(sentence, lo, hi)
        if m and city is None:  # "Prime Minister Kishida, who was visiting New York, held a summit meeting"
            city, country = _where(m)
        if not bare:
            continue
        m = pats["venue"].search(sentence, lo, hi)
        if m is None and lo == start:  # "The Kremlin hosted talks between ..."
            m = pats["venue_host"].match(sentence)
            m = m if m and m.end("venue") <= start else None
        in_city = pats["city"].search(sentence, lo, hi)
        if m and in_city and in_city.start() < m.start() and g.venues[m.group("venue")][1] != _where(in_city)[0]:
            m = None  # "met in Washington, D.C., for ... since their leaders met at Camp David": the first told
        if m and venue is None:
            venue, v_city, v_country = g.venues[m.group("venue")]
            if country is None or country == v_country:
                city, country = (v_city or city), v_country
        if city is None:
            m = pats["city"].search(sentence, lo, hi)
            if m:
                found_city, found_country = _where(m)
                if found_city and (country is None or country == found_country):
                    city, country = found_city, found_country
        if city is None and country is None and dateline and pats["here"].search(sentence, start, hi):
            city, country = dateline_city(dateline) or (None, None)
    if city is None and country is None and venue is None and occasion is None:
        return None
    return Place(city=city, country=country, venue=venue, occasion=occasion)


def _named_occasion(text: str) -> bool:
    """An occasion is named: a word but its event noun is capitalised or a number ("the G20
    summit", "the 15th BRICS Summit"), not "the bilateral meeting" or "the opening of the Games"."""
    events = set(gazetteer().phrases["event"])
    words = text.split()
    return any((w[0].isupper() or w[0].isdigit()) and w not in events and w.lower() != "the" for w in words)


_DATELINE_PLACE = re.compile(r"\s*([A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'-]*?)\s*(?:,|\(|--|—|-\s)")


def dateline_city(dateline: str) -> tuple[str, str] | None:
    """(city, ISO3) of a dateline's place ("MOSCOW, May 5 (Xinhua) --"), when a gazetteer knows it."""
    m = _DATELINE_PLACE.match(dateline)
    if not m:
        return None
    return gazetteer().folded_cities.get(fold(m.group(1)))


def host_of(place: Place, countries: tuple[str, ...]) -> str | None:
    """The call's country the place is in (the others visited it), or None."""
    return place.country if place.country in countries else None


def placed(ctx: ArticleContext, d: Draft, call: Call) -> Call:
    """``call`` with the place and host of its meeting, read from its draft's sentence. A phone
    or video call, and a meeting denied, have none."""
    if call.medium != "in_person" or call.status == "denied":
        return call
    s = d.sentence
    start, end = d.trigger
    if not s.start <= start <= end <= s.end:
        return call
    dateline = ctx.text[:ctx.body_start] if ctx.body_start else None
    place = read_place(s.text, start - s.start, end - s.start, dateline)
    if place is None or place.city is None:
        # "X met with visiting Y", "Y, who is on a state visit to China": in an article datelined
        # in the host's city, the meeting was there
        at = dateline_city(dateline) if dateline else None
        if (at and at[1] in call.countries and (place is None or place.country in (None, at[1]))
                and _patterns()["visiting"].search(s.text)):
            place = dataclasses.replace(place or Place(), city=at[0], country=at[1])
    if place is None:
        return call
    return dataclasses.replace(call, place=dataclasses.replace(place, host=host_of(place, call.countries)))
