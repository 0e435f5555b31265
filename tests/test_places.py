"""Where an in-person meeting took place (issue 11, part 4): ``extraction.calls.places`` on
sentences written for these tests in the house styles (Xinhua, the Kremlin, MOFA Japan, MEA
India, the Gulf agencies, the White House, wire copy), whole invented articles through
``relations.extract``, the facts JSON, storage (migration 0012), ``relations calls --place``,
the timeline and the chart, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from relations import Database, extract, schema
from relations.cli import main
from relations.engine import ENV_URL, create_engine
from relations.extraction.calls import places
from relations.extraction.calls.places import dateline_city, read_place
from relations.facts import Place, facts_from_dict
from relations.inputs import Record
from relations.reference import countries
from relations.storage import keys
from relations.storage.facts_input import parse_line

XINHUA = "BEIJING, March 1 (Xinhua) --"


def _read(sentence: str, trigger: str, dateline: str | None = None) -> Place | None:
    at = sentence.index(trigger)
    return read_place(sentence, at, at + len(trigger), dateline)


# -- one sentence ------------------------------------------------------------------------------

READ = [  # sentence, trigger, dateline, (city, country, venue, occasion)
    ("Vladimir Putin held talks in the Kremlin with President of the Republic of Zambia Hakainde Hichilema, "
     "who is in Russia on an official visit.", "talks", None, ("Moscow", "RUS", "Kremlin", "official visit")),
    ("The President of Russia received at the Novo-Ogaryovo residence Prime Minister of Mongolia Luvsannamsrain "
     "Oyun-Erdene.", "received", None, ("Moscow", "RUS", "Novo-Ogaryovo", None)),
    ("The Kremlin hosted talks between Vladimir Putin and President of the Socialist Republic of Vietnam Nguyen "
     "Xuan Phuc, who is in Russia on a working visit.", "hosted", None, ("Moscow", "RUS", "Kremlin", "working visit")),
    ("Vladimir Putin met with President of the Republic of Kazakhstan Kassym-Jomart Tokayev on the sidelines of the "
     "CSTO summit in Astana.", "met", None, ("Astana", "KAZ", None, "CSTO summit")),
    ("Chinese President Xi Jinping met with Russian President Vladimir Putin on Thursday on the sidelines of the 22nd "
     "meeting of the Council of Heads of State of the Shanghai Cooperation Organization in Samarkand.", "met",
     "SAMARKAND, Uzbekistan, Sept. 15 (Xinhua) --",
     ("Samarkand", "UZB", None,
      "22nd meeting of the Council of Heads of State of the Shanghai Cooperation Organization")),
    ("On the sidelines of the BRICS summit in Kazan, Xi held a meeting with Prime Minister Narendra Modi.",
     "meeting", None, ("Kazan", "RUS", None, "BRICS summit")),
    ("During his state visit to Hanoi, Chinese President Xi Jinping held talks with General Secretary To Lam.",
     "talks", None, ("Hanoi", "VNM", None, "state visit")),
    ("Chinese President Xi Jinping held talks with visiting Belarusian President Alexander Lukashenko here on "
     "Wednesday.", "talks", XINHUA, ("Beijing", "CHN", None, None)),
    ("Chinese Premier Li Qiang met with Prime Minister Anthony Albanese at the Great Hall of the People in Beijing.",
     "met", None, ("Beijing", "CHN", "Great Hall of the People", None)),
    ("Mr. KISHIDA Fumio, Prime Minister of Japan, who was visiting New York, held a Japan-Philippines Summit "
     "Meeting with President Ferdinand Marcos Jr.", "Summit Meeting", None, ("New York", "USA", None, None)),
    ("Prime Minister Kishida held a summit meeting with President Emmanuel Macron at the Akasaka Palace.",
     "summit meeting", None, ("Tokyo", "JPN", "Akasaka Palace", None)),
    ("Prime Minister Shri Narendra Modi met President Luiz Inacio Lula da Silva of Brazil on the sidelines of the "
     "G20 Summit in Rio de Janeiro today.", "met", None, ("Rio de Janeiro", "BRA", None, "G20 Summit")),
    ("President Droupadi Murmu received President Kassym-Jomart Tokayev at Rashtrapati Bhavan.", "received", None,
     ("New Delhi", "IND", "Rashtrapati Bhavan", None)),
    ("President His Highness Sheikh Mohamed bin Zayed Al Nahyan received President Shavkat Mirziyoyev at Qasr Al "
     "Watan in Abu Dhabi today.", "received", "ABU DHABI, 5th May, 2024 (WAM) --",
     ("Abu Dhabi", "ARE", "Qasr Al Watan", None)),
    ("The Crown Prince received at Al-Salam Palace in Jeddah today Prime Minister Shehbaz Sharif.", "received",
     None, ("Jeddah", "SAU", "Al Salam Palace", None)),
    ("President Biden welcomed Chancellor Olaf Scholz of Germany to the White House today to reaffirm the alliance.",
     "welcomed", None, ("Washington", "USA", "White House", None)),
    ("Vice President Harris met with President Samia Suluhu Hassan today in Dar es Salaam, Tanzania.", "met", None,
     ("Dar es Salaam", "TZA", None, None)),
    ("President Biden met Prime Minister Anthony Albanese of Australia today in Wilmington, Delaware.", "met", None,
     ("Wilmington", "USA", None, None)),
    ("The Vice President met with President Zelenskyy in Lucerne, Switzerland, on the margins of the Summit on "
     "Peace in Ukraine.", "met", None, ("Lucerne", "CHE", None, "Summit on Peace in Ukraine")),
    ("The two leaders met for three hours on Monday at a luxury hotel in Nusa Dua, Indonesia, on the eve of the "
     "Group of 20 summit.", "met", None, ("Nusa Dua", "IDN", None, None)),
    ("The three advisors met in Geneva for their second meeting since their leaders met at Camp David.", "met", None,
     ("Geneva", "CHE", None, None)),  # the place told first; "since" begins another meeting
    ("The President met with the Chancellor in Washington at the White House.", "met", None,
     ("Washington", "USA", "White House", None)),
    ("The leaders agreed to meet again at the upcoming G7 Summit in Italy.", "meet", None,
     (None, "ITA", None, "G7 Summit")),
    ("The President met with the Prime Minister on the margins of the United Nations General Assembly.", "met",
     None, (None, None, None, "United Nations General Assembly")),
]


@pytest.mark.parametrize("sentence, trigger, dateline, expected", READ, ids=[r[0][:40] for r in READ])
def test_a_place_is_read_from_the_triggers_clause(sentence, trigger, dateline, expected):
    place = _read(sentence, trigger, dateline)
    assert place is not None
    assert (place.city, place.country, place.venue, place.occasion) == expected
    assert place.host is None  # the host is the call's business (placed)


NO_PLACE = [  # sentence, trigger, dateline: nothing tells where the meeting was
    ("Chinese Foreign Minister Wang Yi met with Belarusian Foreign Minister Sergei Aleinik on Wednesday.", "met",
     XINHUA),  # a dateline alone is no place
    ("President Vladimir Putin met with President Erdogan to discuss the situation in Syria.", "met", None),
    ("The Prime Minister held talks with the President on the war in Ukraine and on trade.", "talks", None),
    ("President Biden met with Prime Minister Kishida during the bilateral meeting.", "met", None),
    ("After his visit to Paris, the minister met with his Indian counterpart.", "met", None),
    ("The minister met with his Indian counterpart ahead of his official visit to Paris.", "met", None),
    ("The Chinese Ambassador in Moscow met with Deputy Foreign Minister Andrei Rudenko.", "met", None),
    ("The President met with members of the team ahead of the opening of the Games.", "met", None),
    ("Putin held talks with Tokayev, who arrived for a working visit.", "talks", None),  # an occasion, no place
]


@pytest.mark.parametrize("sentence, trigger, dateline", NO_PLACE, ids=[r[0][:40] for r in NO_PLACE])
def test_no_place_where_the_sentence_tells_none(sentence, trigger, dateline):
    place = _read(sentence, trigger, dateline)
    assert place is None or (place.city, place.country, place.venue) == (None, None, None)


def test_an_occasion_without_a_name_is_none():
    assert _read("Putin held talks with Tokayev during the visit.", "talks") is None
    assert _read("Xi met Putin at the summit.", "met") is None
    place = _read("Putin held talks with Tokayev, who arrived for a working visit.", "talks")
    assert place == Place(occasion="working visit")


@pytest.mark.parametrize("dateline, expected", [
    ("MOSCOW, May 5 (Xinhua) --", ("Moscow", "RUS")), ("New Delhi, Jan 3 (PTI)", ("New Delhi", "IND")),
    ("SAMARKAND, Uzbekistan, Sept. 15 (Xinhua) --", ("Samarkand", "UZB")), ("ATLANTIS, May 1 --", None),
])
def test_the_datelines_city(dateline, expected):
    assert dateline_city(dateline) == expected


# -- the vocabulary ------------------------------------------------------------------------------


def test_every_place_file_names_known_countries():
    known = {c.iso3 for c in countries()}
    g = places.gazetteer()
    assert {iso3 for _city, iso3 in g.cities.values()} <= known
    assert {iso3 for _v, _city, iso3 in g.venues.values()} <= known
    assert set(g.regions.values()) <= known


def test_the_city_file_repeats_no_capital():
    from relations.extraction.lexicon import rows
    capitals = {alias for c in countries() for kind, alias in c.aliases if kind == "capital"}
    listed = {name for r in rows("meeting_cities", "city", "aliases") for name in (r["city"], *r["aliases"].split("|"))}
    assert listed & capitals == set()


@pytest.mark.parametrize("venue", sorted(places.gazetteer().venues))
def test_every_venue_is_read_after_at_the(venue):
    place = _read(f"The President met the Prime Minister at the {venue} on Monday.", "met")
    assert place is not None and place.venue == places.gazetteer().venues[venue][0]


# -- whole articles --------------------------------------------------------------------------------

ARTICLES = {  # name: (text, published, source, [(medium, countries, place as a dict or None)])
    "xinhua_visiting": (
        "BEIJING, March 1 (Xinhua) -- Chinese President Xi Jinping on Wednesday held talks with Belarusian "
        "President Alexander Lukashenko, who is on a state visit to China.\n\nThe two heads of state had an "
        "in-depth exchange of views on bilateral ties.", "2023-03-01", "Xinhua",
        [("in_person", ("BLR", "CHN"), {"city": "Beijing", "country": "CHN", "venue": None,
                                         "occasion": "state visit", "host": "CHN"})]),
    "xinhua_dateline_only": (
        "BEIJING, March 1 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Belarusian Foreign Minister "
        "Sergei Aleinik on Wednesday.\n\nWang said China values its ties with Belarus.", "2023-03-01", "Xinhua",
        [("in_person", ("BLR", "CHN"), None)]),
    "xinhua_phone": (
        "BEIJING, March 1 (Xinhua) -- Chinese President Xi Jinping held a phone call with Belarusian President "
        "Alexander Lukashenko here on Wednesday.\n\nXi said China is ready to deepen cooperation with Belarus.",
        "2023-03-01", "Xinhua", [("phone", ("BLR", "CHN"), None)]),
    "kremlin": (
        "Vladimir Putin held talks in the Kremlin with President of the Republic of Zambia Hakainde Hichilema, who "
        "is in Russia on an official visit.\n\nThe leaders discussed trade and investment.", "2024-05-20",
        "President of Russia",
        [("in_person", ("RUS", "ZMB"), {"city": "Moscow", "country": "RUS", "venue": "Kremlin",
                                         "occasion": "official visit", "host": "RUS"})]),
    "mea": (
        "Prime Minister Shri Narendra Modi met President Luiz Inacio Lula da Silva of Brazil on the sidelines of "
        "the G20 Summit in Rio de Janeiro today.\n\nThe leaders reviewed the progress in the India-Brazil "
        "Strategic Partnership.", "2024-11-19", "Ministry of External Affairs",
        [("in_person", ("BRA", "IND"), {"city": "Rio de Janeiro", "country": "BRA", "venue": None,
                                         "occasion": "G20 Summit", "host": "BRA"})]),
    "wire": (
        "NUSA DUA, Indonesia (AP) -- U.S. President Joe Biden and Chinese President Xi Jinping met for three hours "
        "on Monday at a luxury hotel in Nusa Dua, Indonesia, on the eve of the Group of 20 summit.\n\nBoth "
        "leaders said they wanted to manage their differences.", "2022-11-14", "AP",
        [("in_person", ("CHN", "USA"), {"city": "Nusa Dua", "country": "IDN", "venue": None, "occasion": None,
                                         "host": None})]),
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_an_articles_calls_carry_their_place(name):
    text, published, source, expected = ARTICLES[name]
    facts = extract(text, published=published, source=source)
    got = [(c.medium, c.countries, c.to_dict()["place"]) for c in facts.calls]
    assert got == expected


def test_the_host_never_becomes_the_initiator():
    text, published, source, _ = ARTICLES["kremlin"]
    call = extract(text, published=published, source=source).calls[0]
    assert call.place.host == "RUS" and call.initiator is None


def test_a_place_goes_through_the_facts_json_and_its_checks():
    text, published, source, _ = ARTICLES["kremlin"]
    facts = extract(text, published=published, source=source)
    d = facts.to_dict(include_text=True)
    assert facts_from_dict(json.loads(json.dumps(d))) == facts
    d["calls"][0]["place"]["city"] = 5
    error = parse_line(json.dumps(d), "f.jsonl:1")
    assert str(error) == "f.jsonl:1: not a facts record: calls[0].place.city must be a string or null, not a number"


# -- stored, queried, shown -------------------------------------------------------------------------


def _records() -> list[Record]:
    return [Record(text, name, name, published, source) for name, (text, published, source, _) in ARTICLES.items()]


@pytest.fixture
def placed_db(db_url) -> str:
    with Database(db_url) as db:
        list(db.ingest_records(_records()))
    return db_url


def test_a_stored_call_has_its_place_and_host(placed_db):
    with Database(placed_db) as db:
        call = next(iter(db.calls("Zambia")))
        assert (call.place.city, call.place.venue, call.place.country, call.place.occasion, call.place.host) == (
            "Moscow", "Kremlin", "RUS", "official visit", "RUS")
        assert call.visitors == ("ZMB",)
        assert str(call.place) == "Kremlin, Moscow, RUS (official visit)"
        assert call.to_dict()["place"]["host"] == "RUS"
        assert next(iter(db.calls("Belarus", medium="phone"))).place is None


@pytest.mark.parametrize("query, countries", [
    ("Rio de Janeiro", [("BRA", "IND")]), ("rio DE janeiro", [("BRA", "IND")]), ("g20", [("BRA", "IND")]),
    ("Kremlin", [("RUS", "ZMB")]), ("kremlín", [("RUS", "ZMB")]), ("Russia", [("RUS", "ZMB")]),
    ("RU", [("RUS", "ZMB")]), ("Moscow", [("RUS", "ZMB")]), ("Indonesia", [("CHN", "USA")]),
    ("nusa", [("CHN", "USA")]), ("state visit", [("BLR", "CHN")]), ("Atlantis", []), ("50%", []),
])
def test_calls_by_place(placed_db, query, countries):
    with Database(placed_db) as db:
        assert [c.countries for c in db.calls(place=query)] == countries


def test_a_capital_matches_as_a_city_not_as_its_country(placed_db):
    with Database(placed_db) as db:
        list(db.ingest_records([Record("Vladimir Putin met with President of Belarus Alexander Lukashenko in Sochi.\n\n"
                                  "They discussed integration.", "sochi", "sochi", "2024-05-21",
                                  "President of Russia")]))
        assert [c.place.city for c in db.calls(place="Moscow")] == ["Moscow"]
        assert sorted(c.place.city for c in db.calls(place="RUS")) == ["Moscow", "Sochi"]


def test_relations_calls_place_on_the_command_line(placed_db, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    result = CliRunner().invoke(main, ["calls", "--place", "Bali Nusa", "--db", placed_db])
    assert result.exit_code == 0 and result.stdout == ""
    result = CliRunner().invoke(main, ["calls", "--place", "G20", "--db", placed_db, "--format", "json"])
    rows = json.loads(result.stdout)
    assert [(r["countries"], r["place"]) for r in rows] == [(["BRA", "IND"], {
        "city": "Rio de Janeiro", "venue": None, "country": "BRA", "occasion": "G20 Summit", "host": "BRA"})]
    result = CliRunner().invoke(main, ["calls", "--place", "G20", "--db", placed_db, "--format", "csv"])
    assert result.stdout.splitlines()[1].endswith(',"Rio de Janeiro, BRA (G20 Summit)",BRA')
    result = CliRunner().invoke(main, ["calls", "--place", "  ", "--db", placed_db])
    assert result.exit_code != 0 and "empty place" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "relations calls --place" in CliRunner().invoke(main, ["calls", "--help"]).stdout


def test_the_timeline_show_and_chart_tell_the_place(placed_db, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    result = CliRunner().invoke(main, ["timeline", "Russia", "Zambia", "--db", placed_db, "--format", "csv"])
    assert "in person meeting (held): RUS-ZMB in Kremlin, Moscow, RUS (official visit)" in result.stdout
    with Database(placed_db) as db:
        call = next(iter(db.calls("Zambia")))
        html = db.chart("Russia", "Zambia")
    shown = CliRunner().invoke(main, ["show", "call", str(call.id), "--db", placed_db]).stdout
    assert "Kremlin, Moscow, RUS (official visit)" in shown and "RUS" in shown
    assert "Kremlin, Moscow, RUS (official visit); host RUS" in html
    engine = create_engine(placed_db)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT place FROM timeline WHERE country = 'ZMB' AND partner = 'RUS' "
                                    "AND event = 'call'")).scalars().all()
        summary = conn.execute(sa.text("SELECT place, occasion, host FROM call_summary WHERE place IS NOT NULL "
                                       "ORDER BY call_id")).all()
    engine.dispose()
    assert rows == ["Kremlin, Moscow, RUS; official visit"]
    assert ("Kremlin, Moscow, RUS", "official visit", "RUS") in [tuple(r) for r in summary]


def test_extract_then_load_stores_the_places_ingest_stores(db_url, another_db_url):
    from relations.storage.facts_input import FactsRecord

    other = another_db_url()
    with Database(db_url) as db:
        list(db.ingest_records(_records()))
    lines = [extract(r.text, id=r.id, published=r.published, source=r.source).to_dict(include_text=True)
             for r in _records()]
    with Database(other) as db:
        list(db.load_records([FactsRecord(f"f:{n}", facts_from_dict(d)) for n, d in enumerate(lines, 1)]))

    def stored(url: str) -> list[tuple]:
        with Database(url) as db:
            return sorted((c.key, c.place) for c in db.calls())

    assert stored(db_url) == stored(other) and any(place for _key, place in stored(other))


def test_a_place_is_no_part_of_a_calls_key(placed_db):
    with Database(placed_db) as db:
        call = next(iter(db.calls("Zambia")))
    assert call.key == keys.call_base(call.countries, call.medium, call.date, call.status, "")


# -- migration 0012 on a database full of data ----------------------------------------------------


def test_0012_keeps_every_row_and_its_downgrade_drops_only_the_place(engine):
    from test_migrations import INITIAL, add_later_rows, fill_initial_schema, snapshot

    schema.upgrade(engine, INITIAL)
    fill_initial_schema(engine)
    schema.upgrade(engine, "0011")
    add_later_rows(engine)
    before = snapshot(engine)
    schema.upgrade(engine, "0012")
    after = snapshot(engine)
    new = ("place_city", "place_venue", "place_country_id", "occasion", "host_country_id", "place_key")
    assert [{k: v for k, v in r.items() if k not in new} for r in after["calls"]] == before["calls"]
    assert all(r[k] is None for r in after["calls"] for k in new)
    assert {t: rows for t, rows in after.items() if t != "calls"} == {t: r for t, r in before.items() if t != "calls"}
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE calls SET place_city = 'Paris', place_country_id = 10, host_country_id = 10, "
                             "occasion = 'state visit', place_key = 'paris | state visit' WHERE id = 10"))
        place = conn.execute(sa.text("SELECT place FROM timeline WHERE country = 'FRA' AND event = 'call'")).scalar()
        summary = conn.execute(sa.text("SELECT place, occasion, host FROM call_summary WHERE call_id = 10")).one()
    assert place == "Paris, FRA; state visit" and tuple(summary) == ("Paris, FRA", "state visit", "FRA")
    schema.downgrade(engine, "0011")
    assert snapshot(engine) == before
    with engine.connect() as conn:
        columns = conn.execute(sa.text("SELECT * FROM timeline")).keys()
    assert "place" not in columns
