"""The library's query API: relations.Database's timeline, calls, commitments, leaders, show, stats.

A database holding three hand-made articles (tests/factories.py): Xinhua's and BelTA's reports
of one China-Belarus call, and an undated US readout. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import relations
from factories import BELTA, DAY, XINHUA, FakeExtractor, belta_facts, call, commitment, facts, xinhua_facts
from relations import Database
from relations.database import UnknownCountryError
from relations.errors import RelationsError
from relations.facts import Person
from relations.inputs import Record
from relations.storage.queries import NotFoundError, UnknownNameError

US = ("President Biden spoke with President Xi Jinping by video. "
      "The United States will keep lines of communication open with China.")


def us_facts():
    biden = Person("Joe Biden", "USA", "President")
    f = facts(US, published=None, source="The White House", leaders=(biden, Person("Xi Jinping", "CHN", "President")))
    return dataclasses.replace(
        f, calls=(call(US, US.split(". ")[0] + ".", countries=("CHN", "USA"), medium="video", date=None,
                       participants=(biden, Person("Xi Jinping", "CHN", "President"))),),
        commitments=(commitment(US, "The United States will keep lines of communication open with China.",
                                "keep lines of communication open with China", actor="USA", kind="pledge",
                                speaker=None, counterparts=("CHN",)),))


@pytest.fixture
def db(db_url):
    fake = FakeExtractor()
    for f in (xinhua_facts(), belta_facts(), us_facts()):
        fake.add(f)
    database = Database(db_url, extractor=fake)
    list(database.ingest_records([Record(XINHUA, "x", url="https://xinhua.example/1"), Record(BELTA, "b"),
                                  Record(US, "w")]))
    yield database
    database.close()


def test_database_is_exported_lazily():
    assert relations.Database is Database


@pytest.mark.parametrize("a, b", [("China", "Belarus"), ("CHN", "BLR"), ("cn", "by"), ("Belarusian", "Chinese"),
                                  ("  china ", "the Republic of Belarus")])
def test_a_country_is_a_name_a_demonym_or_a_code(db, a, b):
    events = db.timeline(a, b)
    assert [(e.date, e.event) for e in events] == [
        (DAY, "call"), (DAY, "commitment"), (DAY, "commitment"), (DAY, "commitment"),
        (DAY + dt.timedelta(days=1), "partnership")]  # stated in Xinhua's article of the 27th


def test_the_timeline_holds_each_call_with_participants_and_all_its_sources(db):
    first = next(db.timeline("China", "Belarus"))
    assert first.event == "call"
    c = first.item
    assert (c.medium, c.status, c.countries) == ("phone", "held", ("BLR", "CHN"))
    assert [str(p) for p in c.participants] == ["Alexander Lukashenko (BLR, President)", "Xi Jinping (CHN, President)"]
    assert [(s.source, s.sentence) for s in c.sources] == [
        ("Xinhua", XINHUA.split(". ")[0] + "."), ("BelTA", BELTA.split(". ")[0] + ".")]
    commitments = [e.item for e in db.timeline("China", "Belarus") if e.event == "commitment"]
    assert [(m.actor, m.kind, m.source.source, m.call_id) for m in commitments] == [
        ("CHN", "proposal", "Xinhua", c.id), ("BLR", "opposition", "Xinhua", c.id), ("BLR", "pledge", "BelTA", c.id)]
    d = first.to_dict()
    assert d["date"] == "2021-01-26" and d["event"] == "call" and d["sources"][1]["source"] == "BelTA"


def test_the_timeline_keeps_to_since_and_until_and_leaves_undated_events_out(db):
    assert [e.event for e in db.timeline("China", "Belarus", since="2021-01-27")] == ["partnership"]
    assert len(list(db.timeline("China", "Belarus", until=DAY))) == 4
    assert list(db.timeline("China", "United States")) == []  # the US call and pledge have no date
    with pytest.raises(RelationsError, match="since must be a YYYY-MM-DD date, not 'last week'"):
        db.timeline("China", "Belarus", since="last week")


def test_unknown_ambiguous_or_same_countries_are_clear_errors(db):
    with pytest.raises(UnknownCountryError, match="unknown country 'Narnia'"):
        db.timeline("Narnia", "China")
    with pytest.raises(UnknownCountryError, match="'Congolese' is ambiguous: it may be COD, COG"):
        list(db.calls("Congolese"))
    with pytest.raises(RelationsError, match="two different countries"):
        db.timeline("China", "CHN")


def test_calls_filter_by_countries_medium_status_dates_and_limit(db):
    assert [(c.medium, c.date) for c in db.calls()] == [("phone", DAY), ("video", None)]  # undated last
    assert [c.countries for c in db.calls(["China", "USA"])] == [("CHN", "USA")]
    assert [c.medium for c in db.calls("China", medium="video")] == ["video"]
    assert list(db.calls(status="planned")) == []
    assert [c.date for c in db.calls(since="2021-01-01")] == [DAY]
    assert len(list(db.calls(limit=1))) == 1


def test_commitments_filter_by_country_topic_kind_and_dates(db):
    assert [(m.actor, m.kind) for m in db.commitments("Belarus")] == [
        ("CHN", "proposal"), ("BLR", "opposition"), ("BLR", "pledge")]
    assert [m.text for m in db.commitments(topic="industrial park")] == [
        "make solid progress in building the China-Belarus industrial park"]
    assert [m.actor for m in db.commitments(kind="pledge")] == ["BLR", "USA"]
    assert [m.date for m in db.commitments("USA")] == [None]
    assert list(db.commitments(since=DAY + dt.timedelta(days=1))) == []
    with pytest.raises(UnknownNameError, match="unknown topic 'astrology'"):
        db.commitments(topic="astrology")
    with pytest.raises(UnknownNameError, match="unknown commitment kind 'threat'"):
        db.commitments(kind="threat")


def test_leaders_are_counted_by_calls_and_articles(db):
    got = [(r.name, r.country, r.calls, r.articles) for r in db.leaders()]
    assert got[0] == ("Xi Jinping", "CHN", 2, 3)
    assert ("Joe Biden", "USA", 1, 1) in got
    assert [r.name for r in db.leaders("Belarus")] == ["Alexander Lukashenko"]
    assert len(list(db.leaders(include_all=True))) > 900  # the reference leaders too


def test_one_call_commitment_or_article_with_its_evidence(db):
    c = db.call(1)
    assert len(c.sources) == 2
    m = db.commitment(1)
    assert XINHUA[m.source.start:m.source.end] == m.source.sentence
    a = db.article(1, with_text=True)
    assert (a.source, a.url, a.text, len(a.calls), len(a.commitments), len(a.partnerships)) == (
        "Xinhua", "https://xinhua.example/1", XINHUA, 1, 2, 1)
    assert [s.source for s in a.calls[0].sources] == ["Xinhua"]  # the article's own evidence only
    assert db.article(1).text is None
    for lookup, kind in ((db.call, "call"), (db.commitment, "commitment"), (db.article, "article")):
        with pytest.raises(NotFoundError, match=f"no {kind} with id 99"):
            lookup(99)


def test_stats_count_what_is_stored(db):
    s = db.stats()
    assert (s["articles"], s["articles without a date"], s["calls"], s["calls reported by several articles"]) == (
        3, 1, 2, 1)
    assert (s["commitments"], s["commitments: pledge"], s["partnerships"]) == (4, 2, 1)
    assert (s["first call"], s["last call"]) == (DAY, DAY)


def test_every_listing_is_an_iterator_with_a_limit(db):
    from collections.abc import Iterator

    listings = {
        "timeline": lambda **kw: db.timeline("China", "Belarus", **kw), "calls": db.calls,
        "commitments": db.commitments, "leaders": db.leaders, "search": lambda **kw: db.search("park", **kw),
    }
    for name, listing in listings.items():
        rows = listing(limit=1)
        assert isinstance(rows, Iterator) and not isinstance(rows, list), name
        assert len(list(rows)) == 1, name
    assert [e.event for e in db.timeline("China", "Belarus", limit=2)] == ["call", "commitment"]


def test_rows_outlive_the_database(db_url, db):
    events = list(db.timeline("China", "Belarus"))
    db.close()
    assert events[0].item.participants[0].name == "Alexander Lukashenko"


def test_a_missing_or_outdated_database_is_refused_clearly(tmp_path, db_url):
    from relations import schema
    from relations.engine import DatabaseError, create_engine

    with pytest.raises(DatabaseError, match="no such database file"):
        Database(tmp_path / "missing.db", create=False)
    old = tmp_path / "old.db"
    engine = create_engine(old)
    schema.upgrade(engine, "0002")
    engine.dispose()
    with pytest.raises(schema.SchemaOutdatedError, match="run `relations db upgrade --db"):
        Database(old)
