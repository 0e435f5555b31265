"""The merge rule (relations.storage.merging): the same engagement told again is one call.

Facts come from a fake extractor (tests/factories.py), so the rule is tested apart from what
the extractor reads. Every database test runs on SQLite and, with RELATIONS_TEST_DATABASE_URL,
on PostgreSQL, one article per transaction and in batches (rows held back on SQLite).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa

from factories import FakeExtractor, evidence, facts
from relations import Database
from relations.facts import Call, Person
from relations.inputs import Record
from relations.storage import merging

MAY = dt.date(2024, 5, 1)
BIDEN = Person("Joe Biden", "USA", "President", known=True)
MACRON = Person("Emmanuel Macron", "FRA", "President", known=True)
RAMAPHOSA = Person("Cyril Ramaphosa", "ZAF", "President", known=True)
GUTERRES = Person("Antonio Guterres", None, "Secretary-General", "UN")
RUTTE = Person("Mark Rutte", None, "Secretary General", "NATO")
AIDE = Person("Jan Kowalski", "USA", "Deputy Adviser")


@pytest.fixture
def fake() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture
def db(db_url, fake):
    database = Database(db_url, extractor=fake)
    yield database
    database.close()


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def calls(db: Database) -> int:
    return rows(db, "SELECT count(*) FROM calls")[0][0]


def report(fake: FakeExtractor, text: str, *, published: dt.date, medium: str = "phone", status: str = "held",
           date: dt.date | None = None, precision: str | None = None, countries: tuple[str, ...] = ("FRA", "USA"),
           participants: tuple[Person, ...] = (BIDEN, MACRON)) -> Record:
    """An article telling one call (its first sentence), registered with the fake extractor."""
    sentence = text.split(". ")[0] + "."
    c = Call(medium, status, date, "in May" if date else None, countries, participants, None,
             evidence(text, sentence), (precision or "day") if date else None)
    fake.add(facts(text, published=published, leaders=(), calls=(c,)))
    return Record(text=text, origin=text[:20])


def copies(fake: FakeExtractor, n: int, text: str, **kw) -> list[Record]:
    """``n`` copies of one article, each with another last line."""
    return [report(fake, f"{text} Copy {i} of the desk.", **kw) for i in range(n)]


def ingest(db: Database, records: list[Record], batch: int) -> list:
    return list(db.ingest_records(records, batch=batch))


ENGAGEMENTS = {  # five engagements, told five times each
    "undated planned": dict(text="Biden and Macron will speak by phone soon. They will discuss Ukraine.",
                            published=MAY, status="planned"),
    "one country and the UN": dict(text="Ramaphosa met the UN Secretary-General in New York. They discussed Sudan.",
                                   published=MAY, medium="in_person", date=MAY, countries=("ZAF",),
                                   participants=(RAMAPHOSA, GUTERRES)),
    "a month": dict(text="Biden and Macron spoke by phone in May. They discussed trade.", published=dt.date(2024, 6, 2),
                    date=MAY, precision="month"),
    "a week": dict(text="Biden and Macron met this week. They discussed energy.", published=dt.date(2024, 5, 17),
                   medium="in_person", date=dt.date(2024, 5, 13), precision="week"),
    "one country alone": dict(text="Biden met his aide by video on Friday. They discussed the budget.",
                              published=MAY, medium="video", date=MAY, countries=("USA",),
                              participants=(BIDEN, AIDE)),
}


@pytest.mark.parametrize("batch", [1, 50])
def test_copies_of_one_article_are_one_call_whatever_its_date_precision_or_parties(db, fake, batch):
    records = [r for kw in ENGAGEMENTS.values() for r in copies(fake, 5, **kw)]
    results = ingest(db, records, batch)
    assert [(r.calls_new, r.calls_merged) for r in results] == [(1, 0), (0, 1), (0, 1), (0, 1), (0, 1)] * 5
    assert calls(db) == 5
    assert rows(db, "SELECT call_id, count(*) FROM call_sources GROUP BY call_id ORDER BY call_id") == [
        (i, 5) for i, in rows(db, "SELECT id FROM calls ORDER BY id")]  # every article that told it
    assert sorted(rows(db, "SELECT count(*) FROM call_participants GROUP BY call_id")) == [(2,)] * 5


@pytest.mark.parametrize("batch", [1, 50])
@pytest.mark.parametrize("other", [
    dict(countries=("GBR", "USA")),  # other parties
    dict(published=dt.date(2024, 5, 9)),  # eight days later: another announcement
    dict(published=dt.date(2023, 3, 1)),  # a year earlier
    dict(status="held", date=dt.date(2024, 5, 3)),  # an announcement does not absorb a held call
    dict(medium="video"),
], ids=["parties", "8 days", "a year", "held", "medium"])
def test_an_undated_announcement_is_not_merged_with_another_engagement(db, fake, batch, other):
    records = copies(fake, 2, **ENGAGEMENTS["undated planned"])
    kw = {**ENGAGEMENTS["undated planned"], **other}
    records += copies(fake, 2, **{**kw, "text": "The leaders talked. " + kw["text"]})
    ingest(db, records, batch)
    assert calls(db) == 2


@pytest.mark.parametrize("batch", [1, 50])
@pytest.mark.parametrize("other", [
    dict(participants=(RAMAPHOSA, RUTTE)),  # NATO, not the UN
    dict(participants=(RAMAPHOSA,)),  # South Africa alone
    dict(countries=("KEN",), participants=(Person("William Ruto", "KEN", "President"), GUTERRES)),
    dict(date=MAY + dt.timedelta(days=2)),
], ids=["other organisation", "no organisation", "other country", "2 days"])
def test_a_meeting_with_an_organisation_is_not_merged_with_another(db, fake, batch, other):
    kw = ENGAGEMENTS["one country and the UN"]
    ingest(db, copies(fake, 2, **kw) + copies(fake, 2, **{**kw, **other, "text": "Later. " + kw["text"]}), batch)
    assert calls(db) == 2


def test_a_call_of_one_country_with_other_participants_is_another_call(db, fake):
    kw = ENGAGEMENTS["one country alone"]
    other = Person("Anna Nowak", "USA", "Adviser")
    ingest(db, copies(fake, 2, **kw) + copies(fake, 2, **{**kw, "participants": (BIDEN, other), "text": "Also. "
                                                          + kw["text"]}), 1)
    assert calls(db) == 2


@pytest.mark.parametrize("first, second, merged", [
    (("day", dt.date(2024, 5, 3)), ("day", dt.date(2024, 5, 9)), False),  # held on 3 May, held on 9 May
    (("day", dt.date(2024, 5, 3)), ("day", dt.date(2024, 5, 4)), True),  # a day's tolerance, as before
    (("week", dt.date(2024, 5, 6)), ("day", dt.date(2024, 5, 9)), True),
    (("week", dt.date(2024, 5, 6)), ("day", dt.date(2024, 5, 13)), False),
    (("month", MAY), ("day", dt.date(2024, 5, 31)), True),
    (("month", MAY), ("day", dt.date(2024, 6, 1)), False),
    (("month", MAY), ("week", dt.date(2024, 5, 27)), False),  # the week ends in June
    (("month", MAY), ("month", dt.date(2024, 6, 1)), False),
], ids=["6 days", "1 day", "day in week", "next week", "day in month", "next month", "straddling week",
        "next month's"])
@pytest.mark.parametrize("order", ["coarse first", "fine first"])
def test_dated_reports_merge_when_one_span_holds_the_other_and_the_call_takes_the_finer_date(
        db, fake, first, second, merged, order):
    a = report(fake, "The leaders spoke. One.", published=dt.date(2024, 6, 3), date=first[1], precision=first[0])
    b = report(fake, "The leaders spoke. Two.", published=dt.date(2024, 6, 3), date=second[1], precision=second[0])
    ingest(db, [a, b] if order == "coarse first" else [b, a], 1)
    assert calls(db) == (1 if merged else 2)
    if merged and first[0] != second[0]:  # two days a day apart: the first report's date stays
        assert rows(db, "SELECT date_precision FROM calls") == [(second[0],)]
        assert [merging.Cursor.to_date(d) for d, in rows(db, "SELECT date FROM call_pairs")] == [second[1]]


def test_reading_again_changes_nothing_and_keeps_keys(db, fake):
    records = [r for kw in ENGAGEMENTS.values() for r in copies(fake, 3, **kw)]
    ingest(db, records, 1)
    before = rows(db, "SELECT id, key, status, date, date_precision FROM calls ORDER BY id")
    sources = rows(db, "SELECT call_id, article_id FROM call_sources ORDER BY call_id, article_id")
    assert [r.status for r in ingest(db, records, 1)] == ["skipped"] * len(records)
    assert rows(db, "SELECT id, key, status, date, date_precision FROM calls ORDER BY id") == before
    list(db.reprocess())
    assert rows(db, "SELECT id, key, status, date, date_precision FROM calls ORDER BY id") == before
    assert rows(db, "SELECT call_id, article_id FROM call_sources ORDER BY call_id, article_id") == sources


def test_the_rule_as_functions():
    assert merging.span(dt.date(2024, 2, 1), "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert merging.span(dt.date(2024, 5, 6), "week") == (dt.date(2024, 5, 6), dt.date(2024, 5, 12))
    assert merging.dates_match(dt.date(2024, 5, 3), None, dt.date(2024, 5, 4), "day")
    assert not merging.dates_match(dt.date(2024, 5, 6), "week", dt.date(2024, 5, 5), "day")
    day = dt.date(2024, 3, 10)
    assert merging.told_match([day, day + dt.timedelta(days=7)], day + dt.timedelta(days=3))
    assert not merging.told_match([day, day + dt.timedelta(days=7)], day + dt.timedelta(days=8))
    assert not merging.told_match([], day)
    assert merging.refined(MAY, "month", MAY, "week") and not merging.refined(MAY, "day", MAY, "day")
    assert not merging.same_status("denied", "held") and merging.same_status("planned", "held")
    assert not dataclasses.replace(merging.Report("phone", "held", None, None, frozenset({1}), frozenset(), None)
                                   ).can_merge()
