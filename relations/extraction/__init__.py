"""Extraction: a pure function from an article's text to frozen, dated, sourced facts.

    >>> from relations import extract
    >>> facts = extract(text, published="2021-01-27", source="Xinhua")
    >>> facts.calls[0].countries
    ('BLR', 'CHN')

Nothing here touches a database or the network. Offsets point into ``facts.text``, the
normalised text. Two entry points, as usaddress has ``parse`` and ``tag``:

- ``extract`` never raises on odd text: if a reading step fails on some input, it returns the
  facts read before that step and names the failure in ``facts.warnings``;
- ``extract_strict`` raises ``ExtractionError`` instead, carrying the input's id and the
  partial facts.

A date that is no YYYY-MM-DD date (``published="yesterday"``, ``"2021-02-30"``, a ``date`` line
that is none) is ignored and named in ``facts.warnings``; ``extract`` also warns
(``warnings.warn`` with ``relations.errors.DateWarning``), ``extract_strict`` raises
``InvalidDateError``, and ``extract_quiet`` (what storage uses, which reports
``facts.warnings`` per article) only names it in ``facts.warnings``.
"""

from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import re
import warnings

from ..errors import DateWarning, ExtractionError, InvalidDateError
from ..facts import ArticleInfo, CountryMention, Facts, Person
from . import calls, commitments, dateline, partnerships, people, sentences, sources
from .context import ArticleContext
from .gazetteer import gazetteer
from .text import normalise, split_header

EXTRACTOR_VERSION = "1"
_CURRENCY = re.compile(r"\$|[ ]?dollars?\b")


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


_Doubt = tuple[str, object, str]  # (which date, the value given, the warning)


def extract(
    text: str,
    *,
    id: str | None = None,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Facts:
    """Read one article. ``published`` wins over a ``date YYYY-MM-DD`` header line; a date that
    is none is ignored with a ``DateWarning``."""
    facts, doubts = _extract(text, id, published, source, title, url)
    warn_dates(id, doubts, stacklevel=3)
    return facts


def warn_dates(id: str | None, doubts: tuple[_Doubt, ...], stacklevel: int) -> None:
    for _field, _value, message in doubts:
        warnings.warn(DateWarning(f"{id or '<article>'}: {message}"), stacklevel=stacklevel)


def extract_quiet(
    text: str,
    *,
    id: str | None = None,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Facts:
    """Like ``extract``, an ignored date named in ``facts.warnings`` only (no Python warning)."""
    return _extract(text, id, published, source, title, url)[0]


def extract_strict(
    text: str,
    *,
    id: str | None = None,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Facts:
    """Like ``extract``, but a failure of any reading step raises ``ExtractionError``, and a date
    that is no date raises ``InvalidDateError``."""
    facts, doubts = _extract(text, id, published, source, title, url, strict=True)
    if doubts:
        field, value, message = doubts[0]
        raise InvalidDateError(id, field, value, facts, message)
    return facts


def _extract(text: str, id: str | None, published: dt.date | str | None, source: str | None, title: str | None,
             url: str | None, *, strict: bool = False) -> tuple[Facts, tuple[_Doubt, ...]]:
    """The facts, and the dates given that are no dates (named in the facts' warnings too)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    header_date, body = split_header(text)
    pub = _as_date(published) or header_date
    norm = normalise(body)
    info = ArticleInfo(pub, None, None, source, title, url)
    doubts = _published_doubts(published) + _date_doubts(text, body, header_date)
    notes = tuple(message for _f, _v, message in doubts)
    try:
        facts = _read(norm, id, pub, source, title, url)
    except Exception as exc:  # any bug in a reading step becomes a named error
        partial = Facts(id=id, article=info, text=norm, extractor_version=EXTRACTOR_VERSION,
                        warnings=(f"extraction failed: {type(exc).__name__}: {exc}",) + notes)
        if strict:
            raise ExtractionError(id, partial, exc) from exc
        return partial, doubts
    return (dataclasses.replace(facts, warnings=facts.warnings + notes) if notes else facts), doubts


def _published_doubts(published: dt.date | str | None) -> tuple[_Doubt, ...]:
    """A warning for a ``published`` value that is not a date (it is ignored)."""
    if published is None or isinstance(published, dt.date) or not str(published).strip():
        return ()
    if _as_date(published) is None:
        return (("published", published, f"\"published\" {published!r} is not a YYYY-MM-DD date: ignored"),)
    return ()


def _date_doubts(text: str, body: str, header_date: dt.date | None) -> tuple[_Doubt, ...]:
    """A warning for a ``date`` header line that is not a valid date (it is dropped)."""
    if header_date is None and len(body) != len(text):
        line = text[: len(text) - len(body)].strip()
        return (("date line", line, f"the date line {line[:40]!r} is not a valid YYYY-MM-DD date: ignored"),)
    return ()


def _read(norm: str, id: str | None, pub: dt.date | None, source: str | None, title: str | None,
          url: str | None) -> Facts:
    dl = dateline.parse(norm, pub)
    gaz = gazetteer()
    own = sources.own_side(source, dl.agency if dl else None, sources.url_host(url), gaz=gaz)
    if own is None and dl is not None:
        own = sources.dateline_side(dl.place, gaz)  # a wire's or an unknown publisher's: where it was written
    if own is None and not source:
        own = sources.seat_side(norm)  # "a Downing Street spokesperson said: The Prime Minister spoke to ..."
    ref = (dl.date if dl and dl.date else None) or pub
    hits, keywords, topic_mentions = gaz.scan(norm)
    if "$" in norm or "dollar" in norm:  # the only texts where the test below can drop a hit
        hits = [h for h in hits if not _CURRENCY.match(norm, h.end)]  # "US$38.5 billion", "A$50 million": money, no party
    hits = _shared_names(hits, gaz)
    hits = _listed_states(norm, hits)
    ppl = people.read(norm, hits, gaz, own, ref, skip_until=dateline.title_case_headline_end(norm))
    ctx = ArticleContext(norm, sentences.split(norm), ppl.hits, ppl, gaz, own, pub, ref, keywords=keywords,
                         topics=topic_mentions, body_start=dl.end if dl else 0,
                         headline_end=dateline.headline_end(norm))
    found_calls = calls.read(ctx)
    found_commitments = commitments.read(ctx, found_calls)
    if own is None and not found_calls:
        _place_people(ctx, _sole_country(hits, gaz))
    return Facts(
        id=id,
        article=ArticleInfo(pub, dl.place if dl else None, dl.date if dl else None,
                            source or (dl.agency if dl else None), title, url),
        text=norm,
        countries=_countries(ctx),
        organizations=_organizations(ctx),
        leaders=_leaders(ctx),
        calls=tuple(found_calls),
        commitments=tuple(found_commitments),
        partnerships=tuple(partnerships.read(ctx, found_calls)),
        extractor_version=EXTRACTOR_VERSION,
    )


@functools.cache
def _state_list() -> tuple[frozenset[str], re.Pattern[str]]:
    from .lexicon import alternation, column
    names = frozenset(column("us_states", "name"))
    return names, re.compile(rf"(?:{alternation(names)})(?=,|[ ]and[ ]|[ ]or[ ])|(?<=, )(?:{alternation(names)})\b|(?<= and )(?:{alternation(names)})\b")


def _listed_states(text: str, hits: list) -> list:
    """"Alabama, Florida, Georgia and Mississippi": a country's name listed among US states is
    the state (lexicon/us_states.tsv)."""
    names, listed = _state_list()
    if not any(h.text in names and h.info.country for h in hits):
        return hits
    out = []
    for h in hits:
        if h.text in names and h.info.country:
            around = text[max(0, h.start - 40):h.end + 40]
            others = [m.group() for m in listed.finditer(around) if m.group() != h.text]
            if others:
                continue  # a state among states
        out.append(h)
    return out


def _shared_names(hits: list, gaz) -> list:
    """"Congo" is the Democratic Republic where the article names it so too
    (lexicon/shared_names.tsv): its hits are read as that country's."""
    table = _shared_name_table()
    if not any(h.text in table for h in hits):
        return hits
    named = {h.info.country for h in hits if h.text not in table and h.info.country}
    out = []
    for h in hits:
        row = table.get(h.text)
        if row is not None and row[1] in named and h.info.country != row[0]:
            surface = gaz.country_surface(row[0])
            if surface is not None:
                h = h._replace(entries=surface.entries, info=surface)
        out.append(h)
    return out


@functools.cache
def _shared_name_table() -> dict[str, tuple[str, str]]:
    from .lexicon import rows
    return {r["name"]: (r["country"], r["named"]) for r in rows("shared_names", "name", "country", "named")}


def _place_people(ctx: ArticleContext, country: str | None) -> None:
    """With no publisher's side known and no engagement read, the people of no written country
    of an article that names one country only act for it ("UP Governor Anandiben Patel" in a
    report on Modi opening a canal). Not where an engagement is told at all ("Minister for
    Trade Tan met Foreign Minister Sugiono of Indonesia": the unnamed side is the publisher's,
    not the one named); and after calls and commitments, so only the leaders read change."""
    if country is None:
        return
    persons = ctx.people.persons
    unsure: set[int] = set()
    for s in calls.engagement_sentences(ctx):
        ms = ctx.mentions(s.start, s.end)
        if any(persons[m.person].country == country for m in ms if m.person >= 0):
            unsure |= {m.person for m in ms}
    for n, p in enumerate(persons):
        if p.country is None and p.org is None and n not in unsure:
            p.country = country


def _sole_country(hits: list, gaz) -> str | None:
    """The one country the article names (by name, demonym or capital, or by a known leader of
    that country only), or None."""
    found: set[str] = set()
    for h in hits:
        if h.info.country or h.info.capital_of:
            found.add(h.info.country or h.info.capital_of)
        elif h.info.leaders:
            of = {gaz.leaders[i].country for i in h.info.leaders}
            if len(of) == 1 and None not in of:
                found |= of
        if len(found) > 1:
            return None
    return found.pop() if found else None


def clear_memos() -> None:
    """Forget what earlier articles taught the memo caches (folded names, cleaned names, terms
    in office), keeping the compiled gazetteer: the state of a process that has read nothing yet."""
    from .gazetteer import fold
    from .names import clean_name, name_tokens

    fold.cache_clear()
    name_tokens.cache_clear()
    clean_name.cache_clear()
    gazetteer()._in_office.clear()


def _countries(ctx: ArticleContext) -> tuple[CountryMention, ...]:
    seen: dict[str, None] = {}
    for m in ctx.people.mentions:
        if m.country:
            seen.setdefault(m.country)
    for _h, c in ctx.bare_countries(0, len(ctx.text), capitals=True):
        seen.setdefault(c)
    return tuple(CountryMention(c, ctx.gaz.country_name(c)) for c in seen)


def _organizations(ctx: ArticleContext) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for _h, o in ctx.bare_orgs(0, len(ctx.text)):
        seen.setdefault(o)
    for p in ctx.people.persons:
        if p.org:
            seen.setdefault(p.org)
    return tuple(seen)


def _leaders(ctx: ArticleContext) -> tuple[Person, ...]:
    # a title with no name ("the UN chief", "his counterpart", "the Head of State") is kept as a
    # call's participant, where it says who took part, but is no leader of the leaders table
    out = []
    for p in ctx.people.persons:
        if p.name:
            out.append(Person(p.name, p.country, p.title_text or p.title, p.org, p.leader is not None))
    return tuple(out)
