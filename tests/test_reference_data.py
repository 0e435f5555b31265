"""Properties of the reference data in seeds/, read through relations.reference.

These check the data, not the reader: every country that prose names with a capital also has a
demonym, aliases point at one country (except the documented exceptions), organization codes
cannot be mistaken for ISO codes, the G20 members and Belarus have a head of state and of
government on every day of 2010-2025, offices are not held twice at once, topic aliases are
unambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

import pycountry
import pytest

from relations import reference
from relations.enumerations import ORGANIZATION_KINDS, TOPIC_KINDS
from relations.folding import fold
from relations.resources import seeds_dir
from relations.tsv import read_rows, source_of

D = dt.date.fromisoformat
COVERAGE_FROM, COVERAGE_TO = D("2010-01-01"), D("2026-01-01")

# -- countries ---------------------------------------------------------------------------------

# Aliases that name two countries on purpose (country_aliases.tsv explains each in a comment).
SHARED_COUNTRY_ALIASES = {
    "congolese": {"COD", "COG"},
    "dominican": {"DOM", "DMA"},
}
# No capital: uninhabited territories, city-states whose capital is the state itself, Tokelau
# (the seat rotates) and Norfolk Island (its capital Kingston is left to Jamaica).
NO_CAPITAL = {"ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "UMI", "GIB", "HKG", "MAC", "MCO", "SGP", "TKL", "NFK"}
# No demonym: uninhabited territories, and Svalbard and Jan Mayen (none in use).
NO_DEMONYM = {"ATF", "BVT", "HMD", "SGS", "UMI", "SJM"}


def _key(alias: str, accents: bool = False) -> str:
    """How aliases are compared: case-folded (and accent-folded unless ``accents``), without the
    article that the gazetteer also drops. Accented and plain spellings ("Türkiye", "Turkiye") are
    distinct aliases of one country, since the extractor matches surfaces as written."""
    k = alias.casefold() if accents else fold(alias)
    return k[4:] if k.startswith("the ") else k


def _countries() -> dict[str, reference.CountryRecord]:
    return {c.iso3: c for c in reference.countries()}


def _kinds(c: reference.CountryRecord, kind: str) -> list[str]:
    return [a for k, a in c.aliases if k == kind]


def test_every_file_names_its_source():
    for name in ("country_aliases.tsv", "organizations.tsv", "leaders.tsv", "topics.tsv"):
        assert "Source:" in source_of(seeds_dir() / name), name


def test_every_pycountry_country_is_loaded():
    extra = {row["iso3"] for _n, row in read_rows(seeds_dir() / "extra_countries.tsv")}
    assert set(_countries()) == {c.alpha_3 for c in pycountry.countries} | extra
    assert "XKX" in extra  # Kosovo: readouts treat it as a country, ISO 3166-1 does not list it


def test_every_country_with_a_capital_has_a_demonym():
    missing = [c.iso3 for c in reference.countries() if _kinds(c, "capital") and not _kinds(c, "demonym")]
    assert set(missing) <= NO_DEMONYM, missing


def test_every_inhabited_country_has_a_capital_and_a_demonym():
    cs = _countries()
    assert sorted(i for i, c in cs.items() if not _kinds(c, "capital")) == sorted(NO_CAPITAL)
    assert sorted(i for i, c in cs.items() if not _kinds(c, "demonym")) == sorted(NO_DEMONYM)


def test_no_alias_is_listed_twice_for_one_country():
    for c in reference.countries():
        keys = [_key(a, accents=True) for _k, a in c.aliases]
        assert len(keys) == len(set(keys)), (c.iso3, sorted(k for k in keys if keys.count(k) > 1))


def test_the_file_repeats_neither_itself_nor_pycountry():
    from_pycountry = {
        c.alpha_3: {
            _key(n, accents=True)
            for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
            if n and "," not in n  # the reader skips pycountry's inverted forms ("Korea, Republic of")
        }
        for c in pycountry.countries
    }
    seen: set[tuple[str, str]] = set()
    for n, row in read_rows(seeds_dir() / "country_aliases.tsv"):
        iso3, alias = row["iso3"], row["alias"]
        assert alias == alias.strip() and "|" not in alias, n
        key = (iso3, _key(alias, accents=True))
        assert key not in seen, f"line {n}: {alias!r} listed twice for {iso3}"
        assert key[1] not in from_pycountry.get(iso3, ()), f"line {n}: {alias!r} is pycountry's own name for {iso3}"
        seen.add(key)


def test_aliases_name_one_country_except_the_documented_ones():
    owners: dict[str, set[str]] = defaultdict(set)
    for c in reference.countries():
        for _k, a in c.aliases:
            owners[_key(a)].add(c.iso3)
    shared = {a: s for a, s in owners.items() if len(s) > 1}
    assert shared == SHARED_COUNTRY_ALIASES


@pytest.mark.parametrize(
    ("iso3", "kind", "alias"),
    [
        ("RUS", "name", "Russia"), ("USA", "name", "United States"), ("USA", "name", "United States of America"),
        ("USA", "name", "America"), ("USA", "abbreviation", "U.S."), ("USA", "abbreviation", "US"),
        ("USA", "abbreviation", "USA"), ("GBR", "abbreviation", "UK"), ("GBR", "abbreviation", "U.K."),
        ("GBR", "name", "Britain"), ("GBR", "name", "Great Britain"), ("KOR", "name", "South Korea"),
        ("KOR", "name", "Republic of Korea"), ("KOR", "abbreviation", "ROK"), ("PRK", "name", "North Korea"),
        ("PRK", "abbreviation", "DPRK"), ("CHN", "abbreviation", "PRC"), ("TUR", "name", "Türkiye"),
        ("TUR", "name", "Turkiye"), ("TUR", "name", "Turkey"), ("CIV", "name", "Côte d'Ivoire"),
        ("CIV", "name", "Ivory Coast"), ("CZE", "name", "Czechia"), ("CZE", "name", "Czech Republic"),
        ("VNM", "name", "Vietnam"), ("VNM", "name", "Viet Nam"), ("LAO", "name", "Laos"), ("IRN", "name", "Iran"),
        ("SYR", "name", "Syria"), ("MDA", "name", "Moldova"), ("TZA", "name", "Tanzania"), ("BOL", "name", "Bolivia"),
        ("VEN", "name", "Venezuela"), ("TWN", "name", "Taiwan"), ("PSE", "name", "Palestine"),
        ("ARE", "abbreviation", "UAE"), ("COD", "abbreviation", "DRC"),
        ("COD", "name", "Democratic Republic of the Congo"), ("COG", "name", "Republic of the Congo"),
        ("SWZ", "name", "Eswatini"), ("CPV", "name", "Cabo Verde"), ("CPV", "name", "Cape Verde"),
        ("TLS", "name", "Timor-Leste"), ("TLS", "name", "East Timor"), ("VAT", "name", "Holy See"),
        ("VAT", "demonym", "Vatican"), ("MMR", "name", "Myanmar"), ("MMR", "former", "Burma"),
        ("UKR", "capital", "Kyiv"), ("UKR", "capital", "Kiev"), ("KAZ", "capital", "Astana"),
        ("KAZ", "capital", "Nur-Sultan"), ("KAZ", "demonym", "Kazakh"), ("KAZ", "demonym", "Kazakhstani"),
        ("BLR", "demonym", "Belarusian"), ("ARE", "demonym", "Emirati"), ("SAU", "demonym", "Saudi"),
        ("PHL", "demonym", "Filipino"), ("PHL", "demonym", "Philippine"), ("KOR", "demonym", "South Korean"),
        ("PRK", "demonym", "North Korean"), ("UZB", "demonym", "Uzbek"), ("KGZ", "demonym", "Kyrgyz"),
        ("TJK", "demonym", "Tajik"), ("TKM", "demonym", "Turkmen"), ("AZE", "demonym", "Azerbaijani"),
        ("NLD", "name", "Netherlands"), ("PHL", "name", "Philippines"), ("GMB", "name", "Gambia"),
        ("STP", "capital", "São Tomé"), ("STP", "capital", "Sao Tome"), ("USA", "capital", "Washington"),
        ("SYC", "capital", "Victoria"), ("CHN", "capital", "Beijing"), ("BLR", "capital", "Minsk"),
    ],
)
def test_news_forms_are_known(iso3, kind, alias):
    assert (kind, alias) in _countries()[iso3].aliases


# -- organizations -----------------------------------------------------------------------------


def test_organization_codes_are_short_upper_case_and_not_iso_codes():
    iso3 = {c.alpha_3 for c in pycountry.countries}
    codes = [o.code for o in reference.organizations()]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,11}", code), code
        assert code not in iso3, code


def test_organization_kinds_and_aliases():
    owners: dict[str, set[str]] = defaultdict(set)
    for o in reference.organizations():
        assert o.kind in ORGANIZATION_KINDS, o
        for a in (o.code, o.name, *o.aliases):
            owners[fold(a)].add(o.code)
    assert {a: s for a, s in owners.items() if len(s) > 1} == {}
    country_keys = {_key(a) for c in reference.countries() for _k, a in c.aliases}
    assert sorted(a for a in owners if a in country_keys) == []


def test_the_parties_readouts_name_are_there():
    codes = {o.code: o for o in reference.organizations()}
    wanted = ("EU NATO UN UNSC UNGA AU ASEAN SCO BRICS G7 G20 CSTO EAEU CIS OSCE WHO IMF WB WTO OPEC OPECPLUS LAS "
              "GCC ECOWAS SADC EAC IAEA QUAD AUKUS OAS CARICOM MERCOSUR COE ICC ICJ CELAC APEC INTERPOL OIC IGAD "
              "HAMAS HEZBOLLAH HOUTHIS TALIBAN ISIS").split()
    assert [c for c in wanted if c not in codes] == []
    assert all(codes[c].kind == "group" for c in ("HAMAS", "HEZBOLLAH", "HOUTHIS", "TALIBAN", "ISIS"))


# -- leaders -----------------------------------------------------------------------------------

Span = tuple[set[str], dt.date, dt.date]  # offices that count, over a period


def _whole(*offices: str) -> list[Span]:
    return [(set(offices), COVERAGE_FROM, COVERAGE_TO)]


PRESIDENT = _whole("President", "Acting President")
# Head of state, then head of government, over 2010-01-01..2026-01-01. Where one office is both
# (the United States) it is checked twice; for Canada and Australia (the British monarch,
# represented by a Governor-General) only the head of government is checked.
COVERAGE: dict[str, tuple[list[Span] | None, list[Span]]] = {
    "USA": (PRESIDENT, PRESIDENT),
    "IDN": (PRESIDENT, PRESIDENT),
    "MEX": (PRESIDENT, PRESIDENT),
    "BRA": (PRESIDENT, PRESIDENT),
    "ARG": (PRESIDENT, PRESIDENT),
    "ZAF": (PRESIDENT, PRESIDENT),
    "KOR": (PRESIDENT, PRESIDENT),
    "RUS": (PRESIDENT, _whole("Prime Minister")),
    "CHN": (PRESIDENT, _whole("Premier")),
    "IND": (PRESIDENT, _whole("Prime Minister")),
    "FRA": (PRESIDENT, _whole("Prime Minister")),
    "ITA": (PRESIDENT, _whole("Prime Minister")),
    "DEU": (PRESIDENT, _whole("Chancellor")),
    "BLR": (PRESIDENT, _whole("Prime Minister")),
    "TUR": (PRESIDENT, [({"Prime Minister"}, COVERAGE_FROM, D("2018-07-09")),
                        ({"President"}, D("2018-07-09"), COVERAGE_TO)]),
    "GBR": (_whole("Queen", "King"), _whole("Prime Minister")),
    "JPN": (_whole("Emperor"), _whole("Prime Minister")),
    "SAU": (_whole("King"), _whole("Prime Minister")),
    "CAN": (None, _whole("Prime Minister")),
    "AUS": (None, _whole("Prime Minister")),
    "EU": (_whole("President of the European Council"), _whole("President of the European Commission")),
    "UN": (_whole("Secretary-General"), _whole("Secretary-General")),
    "NATO": (_whole("Secretary-General"), _whole("Secretary-General")),
}
# Offices that several people hold at once.
SHARED_OFFICES = {"State Councilor", "Presidential Aide", "Special Envoy", "Special Presidential Envoy"}


def _terms() -> Iterable[tuple[reference.LeaderRecord, reference.TermRecord]]:
    for leader in reference.leaders():
        for term in leader.terms:
            yield leader, term


def _party(t: reference.TermRecord) -> str:
    return t.country or t.organization or ""


def _gaps(spans: list[Span], party: str) -> list[str]:
    terms = [t for _l, t in _terms() if _party(t) == party]
    gaps = []
    for offices, start, end in spans:
        held = sorted((t.start, t.end or dt.date.max) for t in terms if t.office in offices)
        day = start
        for a, b in held:
            if a > day:
                break
            day = max(day, b + dt.timedelta(days=1) if b < dt.date.max else b)
        if day <= end:
            gaps.append(f"{party} {sorted(offices)}: nobody on {day}")
    return gaps


@pytest.mark.parametrize("party", sorted(COVERAGE))
def test_g20_and_belarus_always_have_a_head_of_state_and_of_government(party):
    head_of_state, head_of_government = COVERAGE[party]
    assert _gaps(head_of_state or [], party) + _gaps(head_of_government, party) == []


def test_one_office_is_not_held_twice_at_once():
    by_office = defaultdict(list)
    for leader, t in _terms():
        if t.office not in SHARED_OFFICES:
            by_office[(_party(t), t.office)].append((t.start, t.end or dt.date.max, leader.name))
    overlaps = []
    for key, spans in by_office.items():
        for i, (s1, e1, n1) in enumerate(spans):
            for s2, e2, n2 in spans[i + 1 :]:
                # a handover day counted for both, or a few days' uncertainty, is not an overlap
                if min(e1, e2) - max(s1, s2) > dt.timedelta(days=3):
                    overlaps.append((key, n1, n2))
    assert overlaps == []


def test_terms_are_dated_and_plausible():
    for leader, t in _terms():
        assert t.start is not None, leader.name
        assert 1900 <= t.start.year <= 2027 and (t.end is None or t.end.year <= 2027), (leader.name, t)
        assert t.office and t.office == t.office.strip(), leader.name


def test_no_term_is_listed_twice():
    rows = [(r["name"], r["country"], r["office"], r["start"]) for _n, r in read_rows(seeds_dir() / "leaders.tsv")]
    assert sorted(r for r in set(rows) if rows.count(r) > 1) == []


def test_one_record_per_person_and_party():
    keys = [(fold(leader.name), leader.country or leader.organization) for leader in reference.leaders()]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_aliases_point_to_one_leader_at_a_time():
    """An alias two people share must not be in use for both at once ("Aoun", "Sharif")."""
    holders = defaultdict(list)
    for leader in reference.leaders():
        # exact strings: the gazetteer matches case as written ("MOTEGI Toshimitsu" is a real form)
        own = list(leader.aliases)
        assert leader.name not in own and len(own) == len(set(own)), leader.name
        for a in {fold(a) for a in leader.aliases}:
            holders[a].append(leader)
    clashes = []
    for alias, people in holders.items():
        names = {fold(p.name) for p in people}  # one person acting for two parties is fine
        if len(names) < 2:
            continue
        spans = [(t.start, t.end or dt.date.max, fold(p.name)) for p in people for t in p.terms]
        for s1, e1, n1 in spans:
            for s2, e2, n2 in spans:
                if n1 < n2 and min(e1, e2) - max(s1, s2) > dt.timedelta(days=3):
                    clashes.append((alias, n1, n2))
    assert sorted(set(clashes)) == []


def test_ambiguous_short_family_names_are_never_aliases():
    aliases = {fold(a) for leader in reference.leaders() for a in leader.aliases}
    assert sorted(aliases & {"li", "wang", "kim", "lee", "park", "han", "zhang", "chen", "liu"}) == []


def _holders(party: str, office: str, day: dt.date) -> list[str]:
    return sorted(
        leader.name
        for leader, t in _terms()
        if _party(t) == party and t.office == office and t.start <= day and (t.end is None or day <= t.end)
    )


@pytest.mark.parametrize(
    ("party", "office", "day", "name"),
    [
        ("CHN", "President", "2021-01-26", "Xi Jinping"),
        ("BLR", "President", "2021-01-26", "Alexander Lukashenko"),
        ("RUS", "President", "2021-12-30", "Vladimir Putin"),
        ("RUS", "Foreign Minister", "2022-03-01", "Sergey Lavrov"),
        ("RUS", "Press Secretary", "2021-12-30", "Dmitry Peskov"),
        ("CHN", "Foreign Minister", "2024-01-01", "Wang Yi"),
        ("USA", "President", "2022-06-01", "Joe Biden"),
        ("USA", "Vice President", "2025-06-01", "JD Vance"),
        ("GBR", "Prime Minister", "2025-01-26", "Keir Starmer"),
        ("UN", "Secretary-General", "2020-01-01", "António Guterres"),
        ("NATO", "Secretary-General", "2020-01-01", "Jens Stoltenberg"),
        ("JOR", "King", "2025-01-25", "Abdullah II"),
        ("QAT", "Emir", "2024-01-01", "Tamim bin Hamad Al Thani"),
        ("KAZ", "President", "2022-01-06", "Kassym-Jomart Tokayev"),
    ],
)
def test_known_office_holders(party, office, day, name):
    assert _holders(party, office, D(day)) == [name]


def test_every_leader_is_reachable_by_a_usual_short_form():
    by_alias = {fold(a): leader.name for leader in reference.leaders() for a in leader.aliases}
    for short, name in [("Putin", "Vladimir Putin"), ("Lukashenka", "Alexander Lukashenko"), ("Xi", "Xi Jinping"),
                        ("Erdogan", "Recep Tayyip Erdoğan"), ("Zelenskyy", "Volodymyr Zelensky"),
                        ("Tokaev", "Kassym-Jomart Tokayev"), ("Mirziyoev", "Shavkat Mirziyoyev"),
                        ("Joseph R. Biden, Jr.", "Joe Biden"), ("Donald J. Trump", "Donald Trump"),
                        ("el-Sisi", "Abdel Fattah el-Sisi"), ("MBS", "Mohammed bin Salman"),
                        ("Lula", "Luiz Inácio Lula da Silva"), ("AMLO", "Andrés Manuel López Obrador")]:
        assert by_alias.get(fold(short)) == name, short


# -- topics ------------------------------------------------------------------------------------


def _topic_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in reference.topics():
        for a in (t.name, *t.aliases):
            assert out.setdefault(fold(a), t.name) == t.name, f"{a!r} names {out[fold(a)]!r} and {t.name!r}"
    return out


def test_topic_names_and_aliases_are_unique_across_topics():
    names = [t.name for t in reference.topics()]
    assert len(names) == len(set(names))
    assert all(t.kind in TOPIC_KINDS for t in reference.topics())
    _topic_of()


@pytest.mark.parametrize(
    ("phrase", "topic"),
    [
        ("China-Belarus industrial park", "China-Belarus Industrial Park"),
        ("Belarus-China industrial park", "China-Belarus Industrial Park"),
        ("Great Stone", "China-Belarus Industrial Park"), ("Belt and Road", "Belt and Road Initiative"),
        ("BRI", "Belt and Road Initiative"), ("anti-epidemic", "COVID-19"), ("pandemic", "COVID-19"),
        ("JCPOA", "Joint Comprehensive Plan of Action"), ("Minsk agreements", "Minsk agreements"),
        ("local exchanges", "people-to-people exchanges"), ("AI", "artificial intelligence"),
    ],
)
def test_topic_phrases_resolve(phrase, topic):
    assert _topic_of()[fold(phrase)] == topic
