"""Reference data: countries, non-state parties, leaders and their terms, topics.

Read from ``seeds/`` (see ``seeds/README.md`` for each file's columns and sources) into small
frozen records. The extractor compiles these into its gazetteers; ``relations db seed`` loads
them into the database. Nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ReferenceDataError
from .resources import seeds_dir
from .tsv import read_rows, split_values

from .enumerations import ALIAS_KINDS


@dataclass(frozen=True, slots=True)
class CountryRecord:
    iso3: str
    iso2: str
    name: str
    official_name: str | None
    aliases: tuple[tuple[str, str], ...]  # (kind, alias), kind in ALIAS_KINDS


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TermRecord:
    country: str | None  # ISO3, or None for an office of a non-state party
    office: str
    start: dt.date | None
    end: dt.date | None  # None: still in office
    organization: str | None = None  # code from organizations.tsv (UN Secretary-General...)


@dataclass(frozen=True, slots=True)
class LeaderRecord:
    name: str
    country: str | None  # ISO3 of the country the leader acts for
    aliases: tuple[str, ...]
    terms: tuple[TermRecord, ...]
    organization: str | None = None  # for officials of a non-state party


@dataclass(frozen=True, slots=True)
class TopicRecord:
    name: str
    kind: str  # "field" or "initiative"
    aliases: tuple[str, ...]


def _date(path: Path, n: int, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(str(path), n, f"not a YYYY-MM-DD date: {value!r}") from None


@lru_cache(maxsize=1)
def countries() -> tuple[CountryRecord, ...]:
    """Every ISO 3166-1 country (from pycountry), and those of seeds/extra_countries.tsv (Kosovo),
    with the aliases in seeds/country_aliases.tsv."""
    import pycountry

    base = [(c.alpha_3, c.alpha_2, getattr(c, "common_name", None) or c.name, c.name, getattr(c, "official_name", None))
            for c in pycountry.countries]
    for _n, row in read_rows(seeds_dir() / "extra_countries.tsv", ("iso3", "iso2", "name", "official_name")):
        base.append((row["iso3"], row["iso2"], row["name"], row["name"], row["official_name"] or None))
    path = seeds_dir() / "country_aliases.tsv"
    extra: dict[str, list[tuple[str, str]]] = {}
    known = {b[0] for b in base}
    for n, row in read_rows(path, ("iso3", "kind", "alias")):
        iso3, kind, alias = row["iso3"], row["kind"], row["alias"]
        if iso3 not in known:
            raise ReferenceDataError(str(path), n, f"unknown ISO 3166-1 alpha-3 code {iso3!r}")
        if kind not in ALIAS_KINDS:
            raise ReferenceDataError(str(path), n, f"alias kind must be one of {ALIAS_KINDS}, not {kind!r}")
        if not alias:
            raise ReferenceDataError(str(path), n, "empty alias")
        extra.setdefault(iso3, []).append((kind, alias))
    out = []
    for iso3, iso2, name, iso_name, official in base:
        aliases: list[tuple[str, str]] = []
        for n in (name, iso_name, official):
            # pycountry's inverted and bracketed forms ("Korea, Republic of", "Holy See
            # (Vatican City State)") are never written in prose
            if n and "," not in n and "(" not in n and ("name", n) not in aliases:
                aliases.append(("name", n))
        for a in extra.get(iso3, ()):
            if a not in aliases:
                aliases.append(a)
        if "(" in name:  # "Holy See (Vatican City State)" is shown as "Holy See"
            name = next((a for k, a in aliases if k == "name"), name)
        out.append(CountryRecord(iso3, iso2, name, official, tuple(aliases)))
    return tuple(out)


@lru_cache(maxsize=1)
def territories() -> dict[str, str]:
    """Territory ISO3 -> the ISO3 of the state it belongs to (seeds/territories.tsv)."""
    path = seeds_dir() / "territories.tsv"
    known = {c.iso3 for c in countries()}
    out: dict[str, str] = {}
    for n, row in read_rows(path, ("iso3", "sovereign")):
        if row["iso3"] not in known or row["sovereign"] not in known:
            raise ReferenceDataError(str(path), n, f"unknown country code in {row['iso3']!r} -> {row['sovereign']!r}")
        out[row["iso3"]] = row["sovereign"]
    return out


@lru_cache(maxsize=1)
def organizations() -> tuple[OrganizationRecord, ...]:
    """Non-state parties (the EU, NATO, the UN...) from seeds/organizations.tsv."""
    path = seeds_dir() / "organizations.tsv"
    out = []
    for _n, row in read_rows(path, ("code", "name", "kind", "aliases")):
        out.append(OrganizationRecord(row["code"], row["name"], row["kind"], split_values(row["aliases"])))
    return tuple(out)


@lru_cache(maxsize=1)
def leaders() -> tuple[LeaderRecord, ...]:
    """Known leaders and their terms from seeds/leaders.tsv (one row per term of office).

    The ``country`` column holds an ISO3 code, or the code of a non-state party from
    organizations.tsv for its officials (the UN Secretary-General).
    """
    path = seeds_dir() / "leaders.tsv"
    iso3 = {c.iso3 for c in countries()}
    orgs = {o.code for o in organizations()}
    by_key: dict[tuple[str, str], tuple[list[str], list[TermRecord]]] = {}
    for n, row in read_rows(path, ("name", "country", "office", "start", "end", "aliases")):
        party = row["country"]
        if party not in iso3 and party not in orgs:
            raise ReferenceDataError(str(path), n, f"unknown country or organization code {party!r}")
        if not row["name"] or not row["office"]:
            raise ReferenceDataError(str(path), n, "name and office are required")
        country, org = (party, None) if party in iso3 else (None, party)
        term = TermRecord(country, row["office"], _date(path, n, row["start"]), _date(path, n, row["end"]), org)
        if term.start and term.end and term.end < term.start:
            raise ReferenceDataError(str(path), n, "term ends before it starts")
        aliases, terms = by_key.setdefault((row["name"], party), ([], []))
        aliases.extend(a for a in split_values(row["aliases"]) if a not in aliases)
        terms.append(term)
    out = []
    for (name, party), (aliases, terms) in by_key.items():
        country, org = (party, None) if party in iso3 else (None, party)
        terms.sort(key=lambda t: t.start or dt.date.min)
        out.append(LeaderRecord(name, country, tuple(aliases), tuple(terms), org))
    return tuple(out)


@lru_cache(maxsize=1)
def topics() -> tuple[TopicRecord, ...]:
    """Fields and named initiatives from seeds/topics.tsv."""
    path = seeds_dir() / "topics.tsv"
    out = []
    for n, row in read_rows(path, ("name", "kind", "aliases")):
        if row["kind"] not in ("field", "initiative"):
            raise ReferenceDataError(str(path), n, f"topic kind must be field or initiative, not {row['kind']!r}")
        out.append(TopicRecord(row["name"], row["kind"], split_values(row["aliases"])))
    return tuple(out)
