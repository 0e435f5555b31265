"""Seeding the reference data: complete, idempotent, in one transaction, in bulk."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from relations import reference
from relations.errors import ReferenceDataError
from relations.models import (
    Country,
    CountryAlias,
    Leader,
    LeaderAlias,
    Organization,
    OrganizationAlias,
    Term,
    Topic,
    TopicAlias,
    fold,
)
from relations.reference import CountryRecord, LeaderRecord, OrganizationRecord, TermRecord, TopicRecord
from relations.seeding import ReferenceData, seed

SEEDED = (Country, CountryAlias, Organization, OrganizationAlias, Leader, LeaderAlias, Term, Topic, TopicAlias)

BLR = CountryRecord("BLR", "BY", "Belarus", "Republic of Belarus", (("name", "Belarus"), ("demonym", "Belarusian")))
CHN = CountryRecord("CHN", "CN", "China", "People's Republic of China", (("name", "China"), ("capital", "Beijing")))
UN = OrganizationRecord("UN", "United Nations", "un", ("UN", "U.N."))
XI = LeaderRecord(
    "Xi Jinping", "CHN", ("Xi",), (TermRecord("CHN", "President", dt.date(2013, 3, 14), None),)
)
LUKASHENKO = LeaderRecord(
    "Alexander Lukashenko", "BLR", ("Lukashenka",), (TermRecord("BLR", "President", dt.date(1994, 7, 20), None),)
)
GUTERRES = LeaderRecord(
    "António Guterres",
    None,
    ("Guterres",),
    (TermRecord(None, "Secretary-General", dt.date(2017, 1, 1), None, organization="UN"),),
    organization="UN",
)
BRI = TopicRecord("Belt and Road Initiative", "initiative", ("Belt and Road", "BRI"))
TRADE = TopicRecord("trade", "field", ("commerce",))

SMALL = ReferenceData((BLR, CHN), (UN,), (XI, LUKASHENKO, GUTERRES), (BRI, TRADE))


def counts(engine: sa.Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in SEEDED}


def dump(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            m.__tablename__: [tuple(r) for r in conn.execute(select(m.__table__).order_by(m.__table__.c.id))]
            for m in SEEDED
        }


def test_seed_loads_every_record(migrated):
    report = seed(migrated, SMALL)
    assert counts(migrated) == {
        "countries": 2,
        "country_aliases": 4,
        "organizations": 1,
        "organization_aliases": 3,  # the name and the two aliases
        "leaders": 3,
        "leader_aliases": 3,
        "terms": 3,
        "topics": 2,
        "topic_aliases": 3,
    }
    assert report.inserted == counts(migrated)
    with Session(migrated) as session:
        guterres = session.scalars(select(Leader).where(Leader.name_key == "antonio guterres")).one()
        assert (guterres.country, guterres.organization.code) == (None, "UN")
        assert [(t.office, t.organization.code, t.source) for t in guterres.terms] == [("Secretary-General", "UN", "seed")]
        xi = session.scalars(select(Leader).where(Leader.name == "Xi Jinping")).one()
        assert xi.country.iso3 == "CHN" and [a.alias for a in xi.aliases] == ["Xi"]
        assert xi.terms[0].start_date == dt.date(2013, 3, 14) and xi.terms[0].end_date is None
        bri = session.scalars(select(Topic).where(Topic.name == "Belt and Road Initiative")).one()
        assert sorted(a.alias for a in bri.aliases) == ["BRI", "Belt and Road"]
        assert {a.alias_key for a in bri.aliases} == {"bri", "belt and road"}


def test_seed_twice_changes_nothing(migrated):
    first = seed(migrated, SMALL)
    before = dump(migrated)
    second = seed(migrated, SMALL)
    assert first.changed and not second.changed
    assert str(second) == "nothing to change"
    assert dump(migrated) == before


def test_shipped_reference_data_seeds_idempotently(migrated):
    data = ReferenceData.load()
    seed(migrated)
    after_first = counts(migrated)
    assert after_first["countries"] == len(reference.countries())
    assert after_first["country_aliases"] == sum(len(c.aliases) for c in data.countries)
    assert after_first["terms"] == sum(len(leader.terms) for leader in data.leaders)
    assert after_first["topics"] == len(data.topics)
    before = dump(migrated)
    assert not seed(migrated).changed
    assert dump(migrated) == before


def test_changed_reference_data_updates_rows_in_place(migrated):
    seed(migrated, SMALL)
    with migrated.connect() as conn:
        belarus_id = conn.scalar(select(Country.id).where(Country.iso3 == "BLR"))
    ended = dataclasses.replace(
        LUKASHENKO, terms=(dataclasses.replace(LUKASHENKO.terms[0], end=dt.date(2030, 1, 1)),), aliases=("Lukashenka", "Lukašenka")
    )
    renamed = dataclasses.replace(BLR, name="Belarus (renamed)")
    report = seed(migrated, ReferenceData((renamed, CHN), (UN,), (XI, ended, GUTERRES), (BRI, TRADE)))
    assert report.updated["countries"] == 1 and report.updated["terms"] == 1
    assert report.inserted["leader_aliases"] == 1 and report.inserted["countries"] == 0
    with Session(migrated) as session:
        belarus = session.scalars(select(Country).where(Country.iso3 == "BLR")).one()
        assert (belarus.id, belarus.name) == (belarus_id, "Belarus (renamed)")
        leader = session.scalars(select(Leader).where(Leader.name_key == "alexander lukashenko")).one()
        assert [t.end_date for t in leader.terms] == [dt.date(2030, 1, 1)]
        assert sorted(a.alias_key for a in leader.aliases) == ["lukasenka", "lukashenka"]


def test_terms_read_from_articles_are_left_alone(migrated):
    seed(migrated, SMALL)
    with Session(migrated) as session, session.begin():
        xi = session.scalars(select(Leader).where(Leader.name == "Xi Jinping")).one()
        session.add(Term(leader=xi, office="General Secretary", source="article"))
    assert not seed(migrated, SMALL).changed
    assert counts(migrated)["terms"] == 4


def test_names_that_fold_alike_are_one_leader(migrated):
    shouting = LeaderRecord("XI  JINPING", "CHN", ("Xi Jin-ping",), (TermRecord("CHN", "Chairman", None, None),))
    seed(migrated, dataclasses.replace(SMALL, leaders=(XI, shouting)))
    with Session(migrated) as session:
        (leader,) = session.scalars(select(Leader)).all()
        assert leader.name == "Xi Jinping"
        assert sorted(a.alias for a in leader.aliases) == ["Xi", "Xi Jin-ping"]
        assert sorted(t.office for t in leader.terms) == ["Chairman", "President"]


def test_a_topic_alias_claimed_twice_is_an_error_and_nothing_is_written(migrated):
    clash = TopicRecord("Silk Road", "initiative", ("BRI",))
    with pytest.raises(ReferenceDataError, match="'BRI' of topic 'Silk Road' already names 'Belt and Road Initiative'"):
        seed(migrated, dataclasses.replace(SMALL, topics=(BRI, TRADE, clash)))
    assert set(counts(migrated).values()) == {0}


def test_seed_in_a_callers_session_leaves_the_commit_to_it(migrated):
    with Session(migrated) as session:
        session.begin()
        report = seed(session, SMALL)
        assert report.inserted["countries"] == 2
        assert session.scalar(select(func.count()).select_from(Country)) == 2
        session.rollback()
    assert counts(migrated)["countries"] == 0
    with Session(migrated) as session:
        seed(session, SMALL)  # not in a transaction: seed begins and commits its own
    assert counts(migrated)["countries"] == 2


def _big_data(n_aliases: int, n_leaders: int) -> ReferenceData:
    countries = reference.countries()
    per_country = n_aliases // len(countries) + 1
    big_countries = tuple(
        dataclasses.replace(c, aliases=tuple(("name", f"{c.name} variant {i}") for i in range(per_country)))
        for c in countries
    )
    leaders = tuple(
        LeaderRecord(
            f"Leader Number {i}",
            countries[i % len(countries)].iso3,
            (f"L{i}", f"Number {i}"),
            (TermRecord(countries[i % len(countries)].iso3, "Minister", dt.date(2000 + i % 20, 1, 1), None),),
        )
        for i in range(n_leaders)
    )
    topics = tuple(TopicRecord(f"topic {i}", "field", (f"alias {i}",)) for i in range(50))
    return ReferenceData(big_countries, SMALL.organizations, leaders, topics)


def _statements(engine: sa.Engine, data: ReferenceData) -> int:
    executed = []

    def count(*_args) -> None:
        executed.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        seed(engine, data)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(executed)


def test_statement_count_does_not_grow_with_the_data(migrated):
    """Bulk inserts: a few thousand aliases and leaders take as many statements as a handful."""
    big = _big_data(n_aliases=3000, n_leaders=3000)
    assert _statements(migrated, big) <= 40
    assert counts(migrated)["leaders"] == 3000 and counts(migrated)["country_aliases"] >= 3000
    assert _statements(migrated, big) <= 20  # the second run only reads
    with Session(migrated) as session:
        keys = session.scalars(select(CountryAlias.alias_key).where(CountryAlias.alias == "Belarus variant 3")).all()
        assert keys == [fold("Belarus variant 3")]
