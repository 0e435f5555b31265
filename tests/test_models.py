"""The models on a migrated database (SQLite and PostgreSQL), and how the engine opens SQLite."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from relations.engine import (
    DEFAULT_PATH,
    ENV_BUSY_TIMEOUT,
    ENV_URL,
    DatabaseError,
    DatabaseLockedError,
    create_engine,
    for_writing,
    resolve_url,
)
from relations.models import (
    Article,
    ArticleLeader,
    Call,
    CallParticipant,
    CallSource,
    Commitment,
    Country,
    CountryAlias,
    Leader,
    LeaderAlias,
    Partnership,
    Topic,
    TopicAlias,
    call_countries,
    commitment_counterparts,
    commitment_topics,
    fold,
)

TEXT = "Chinese President Xi Jinping held phone talks with Belarusian President Alexander Lukashenko on Tuesday."
DAY = dt.date(2021, 1, 26)


def count(session: Session, what) -> int:
    return session.scalar(select(func.count()).select_from(what))


@pytest.fixture
def world(migrated):
    """Two countries, two leaders, a topic, and one article with a call, a commitment and a partnership."""
    with Session(migrated) as session, session.begin():
        chn = Country(iso3="CHN", iso2="CN", name="China")
        blr = Country(iso3="BLR", iso2="BY", name="Belarus")
        xi = Leader(name="Xi Jinping", country=chn, aliases=[LeaderAlias(alias="Xi")])
        luka = Leader(name="Alexander Lukashenko", country=blr)
        bri = Topic(name="Belt and Road Initiative", kind="initiative", aliases=[TopicAlias(alias="BRI")])
        article = Article(key="0" * 64, content_hash="0" * 64, text=TEXT, extractor_version="test", published=DAY)
        call = Call(key="call-1", medium="phone", status="held", date=DAY, date_precision="day", countries=[chn, blr])
        call.participants = [
            CallParticipant(leader=xi, country=chn, name="Xi Jinping", title="President"),
            CallParticipant(leader=luka, country=blr, name="Alexander Lukashenko", title="President"),
        ]
        CallSource(call=call, article=article, sentence=TEXT, start=0, end=len(TEXT), date_text="on Tuesday")
        Commitment(
            key="commitment-1", article=article, call=call, actor=chn, speaker=xi, kind="proposal", text="boost cooperation",
            sentence=TEXT, start=0, end=len(TEXT), text_start=0, text_end=5, date=DAY,
            counterparts=[blr], topics=[bri],
        )
        article.partnerships.append(
            Partnership.between(chn, blr, key="partnership-1", level="comprehensive strategic partnership",
                                sentence=TEXT, start=0,
                                end=len(TEXT), stated_on=DAY)
        )
        article.leader_mentions = [ArticleLeader(leader=xi, title="President", name="Xi Jinping")]
        session.add(article)
    return migrated


def test_relationships_populate_both_sides(world):
    with Session(world) as session:
        call = session.scalars(select(Call)).one()
        assert [c.iso3 for c in call.countries] == ["BLR", "CHN"]
        assert [p.leader.name for p in call.participants] == ["Xi Jinping", "Alexander Lukashenko"]
        (source,) = call.sources
        assert source.article.call_sources == [source]
        assert source.article.text[source.start : source.end] == source.sentence
        commitment = session.scalars(select(Commitment)).one()
        assert commitment in commitment.actor.commitments and commitment in commitment.speaker.commitments
        assert [c.iso3 for c in commitment.counterparts] == ["BLR"]
        assert commitment.counterparts[0].counterpart_in == [commitment]
        assert commitment.topics[0].commitments == [commitment]
        assert call.commitments == [commitment]
        china = session.scalars(select(Country).where(Country.iso3 == "CHN")).one()
        assert china.calls == [call] and [x.name for x in china.leaders] == ["Xi Jinping"]


def test_partnership_pair_is_stored_smaller_iso3_first(world):
    with Session(world) as session:
        p = session.scalars(select(Partnership)).one()
        assert (p.country_a.iso3, p.country_b.iso3) == ("BLR", "CHN")


def test_article_timestamp_comes_from_the_database(world):
    with Session(world) as session:
        assert isinstance(session.scalars(select(Article.ingested_at)).one(), dt.datetime)


def test_deleting_an_article_through_the_orm_deletes_what_was_derived_from_it(world):
    with Session(world) as session, session.begin():
        session.delete(session.scalars(select(Article)).one())
    _assert_only_derived_rows_gone(world)


def test_deleting_an_article_in_sql_cascades_in_the_database(world):
    with world.begin() as conn:
        conn.execute(sa.delete(Article.__table__))
    _assert_only_derived_rows_gone(world)


def _assert_only_derived_rows_gone(engine: sa.Engine) -> None:
    with Session(engine) as session:
        for gone in (Article, CallSource, Commitment, Partnership, ArticleLeader, commitment_counterparts, commitment_topics):
            assert count(session, gone) == 0, gone
        # the call itself, who was on it, and the reference data stay
        assert (count(session, Call), count(session, CallParticipant), count(session, call_countries)) == (1, 2, 2)
        assert (count(session, Country), count(session, Leader), count(session, Topic)) == (2, 2, 1)


def test_deleting_a_call_keeps_its_commitments_unlinked(world):
    with Session(world) as session, session.begin():
        session.delete(session.scalars(select(Call)).one())
    with Session(world) as session:
        assert (count(session, CallParticipant), count(session, CallSource), count(session, call_countries)) == (0, 0, 0)
        assert session.scalars(select(Commitment.call_id)).one() is None


def test_foreign_keys_are_enforced(migrated):
    with pytest.raises(sa.exc.IntegrityError):
        with migrated.begin() as conn:
            conn.execute(sa.insert(CountryAlias.__table__).values(country_id=999, alias="Nowhere", kind="name"))


@pytest.mark.parametrize(
    "make",
    [
        lambda s: Call(key="c1", medium="carrier pigeon", status="held"),
        lambda s: Call(key="c2", medium="phone", status="maybe"),
        lambda s: Call(key="c3", medium="phone", status="held", date_precision="year"),
        lambda s: Topic(name="x", kind="vibe"),
        lambda s: Article(key="a1", content_hash="short", text="t", extractor_version="v"),
        lambda s: Leader(name="Nobody", country=s.get(Country, 1), organization_id=1),
    ],
    ids=["medium", "status", "date_precision", "topic kind", "content_hash", "one party"],
)
def test_check_constraints_reject_bad_values(migrated, make):
    with Session(migrated) as session:
        session.add(Country(id=1, iso3="CHN", iso2="CN", name="China"))
        session.commit()
        session.add(make(session))
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


@pytest.mark.parametrize("pair, level", [(("CHN", "CHN"), "alliance"), (("BLR", "CHN"), "Alliance")])
def test_partnership_needs_two_different_countries_and_a_lower_case_level(world, pair, level):
    with Session(world) as session:
        a, b = (session.scalars(select(Country).where(Country.iso3 == code)).one() for code in pair)
        article = session.scalars(select(Article)).one()
        session.add(Partnership(key="partnership-2", country_a=a, country_b=b, level=level, article=article,
                                sentence="", start=0, end=0))
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_leader_names_are_unique_by_their_folded_key(migrated):
    with Session(migrated) as session:
        chn = Country(iso3="CHN", iso2="CN", name="China")
        session.add_all([Leader(name="Xi Jinping", country=chn), Leader(name=" XI  jinping", country=chn)])
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_keys_are_computed_for_orm_and_core_inserts(migrated):
    with Session(migrated) as session, session.begin():
        chn = Country(iso3="CHN", iso2="CN", name="China")
        session.add(Leader(name="Wáng  Yì", country=chn))
        session.add(CountryAlias(country=chn, alias="Zhōngguó", kind="name"))
    with migrated.begin() as conn:
        conn.execute(sa.insert(Leader.__table__), [{"name": "Lǐ Qiáng"}])
        conn.execute(sa.insert(CountryAlias.__table__), [{"country_id": 1, "alias": "PRC", "kind": "abbreviation"}])
    with Session(migrated) as session:
        assert sorted(session.scalars(select(Leader.name_key))) == ["li qiang", "wang yi"]
        assert sorted(session.scalars(select(CountryAlias.alias_key))) == ["prc", "zhongguo"]


@pytest.mark.parametrize(
    "text, key",
    [(" Aleksandr  LUKAŠENKO ", "aleksandr lukasenko"), ("Côte d’Ivoire", "cote d’ivoire"), ("Straße", "strasse"),
     ("Ｘｉ", "xi"), ("", "")],
)
def test_fold(text, key):
    assert fold(text) == key


# --- opening a database ----------------------------------------------------------------------


def test_database_names(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_URL, raising=False)
    assert resolve_url(None).render_as_string() == f"sqlite:///{DEFAULT_PATH}"
    assert resolve_url("data/x.db").render_as_string() == "sqlite:///data/x.db"
    assert resolve_url(tmp_path / "y.db").database == str(tmp_path / "y.db")
    assert resolve_url("postgresql+psycopg://u@h/db").get_backend_name() == "postgresql"
    monkeypatch.setenv(ENV_URL, "postgresql+psycopg://u@h/fromenv")
    assert resolve_url(None).database == "fromenv"
    assert resolve_url("explicit.db").database == "explicit.db"
    with pytest.raises(DatabaseError, match="not a database URL"):
        resolve_url("postgresql+psycopg://u@h:notaport/db")


def test_sqlite_connections_enforce_foreign_keys_use_wal_and_wait(sqlite_url, monkeypatch):
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()
    monkeypatch.setenv(ENV_BUSY_TIMEOUT, "2.5")
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
    engine.dispose()


def test_pragmas_are_set_on_our_engines_only(sqlite_url):
    create_engine(sqlite_url).dispose()
    plain = sa.create_engine(sqlite_url)
    with plain.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    plain.dispose()


def test_in_memory_sqlite_works():
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_must_exist_does_not_create_a_file(tmp_path):
    with pytest.raises(DatabaseError, match="no such database file"):
        create_engine(tmp_path / "absent.db", must_exist=True)
    assert not (tmp_path / "absent.db").exists()


def test_savepoints_work_on_sqlite(migrated):
    with Session(migrated) as session, session.begin():
        session.add(Country(iso3="CHN", iso2="CN", name="China"))
        nested = session.begin_nested()
        session.add(Country(iso3="BLR", iso2="BY", name="Belarus"))
        nested.rollback()
    with Session(migrated) as session:
        assert session.scalars(select(Country.iso3)).all() == ["CHN"]


def _hold_write_lock(url: str, seconds: float, started: threading.Event) -> None:
    engine = create_engine(url)
    with for_writing(engine).begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (iso3, iso2, name) VALUES ('CHN', 'CN', 'China')")
        started.set()
        time.sleep(seconds)
    engine.dispose()


def test_a_writer_waits_for_another_writer(sqlite_url):
    setup = create_engine(sqlite_url)
    with setup.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE countries (iso3 TEXT, iso2 TEXT, name TEXT)")
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(sqlite_url, 0.5, started))
    holder.start()
    started.wait(5)
    began = time.monotonic()
    with for_writing(create_engine(sqlite_url, busy_timeout=10)).begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (iso3, iso2, name) VALUES ('BLR', 'BY', 'Belarus')")
    waited = time.monotonic() - began
    holder.join()
    assert waited >= 0.2
    with setup.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM countries").scalar() == 2
    setup.dispose()


def test_a_lock_held_past_the_timeout_is_a_clear_error(sqlite_url):
    setup = create_engine(sqlite_url)
    with setup.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE countries (iso3 TEXT, iso2 TEXT, name TEXT)")
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(sqlite_url, 2.0, started))
    holder.start()
    started.wait(5)
    impatient = create_engine(sqlite_url, busy_timeout=0.2)
    try:
        with pytest.raises(DatabaseLockedError, match=r"database is locked by another writer \(busy timeout 0.2 s"):
            with impatient.begin() as conn:
                conn.exec_driver_sql("INSERT INTO countries (iso3, iso2, name) VALUES ('BLR', 'BY', 'Belarus')")
    finally:
        holder.join()
        impatient.dispose()
        setup.dispose()


def test_read_then_write_needs_for_writing(sqlite_url):
    """With a deferred BEGIN, a transaction that read before another writer committed cannot
    write at all (its snapshot is stale: no busy timeout helps); BEGIN IMMEDIATE queues it."""
    engine = create_engine(sqlite_url, busy_timeout=10)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE counter (n INTEGER)")
        conn.exec_driver_sql("INSERT INTO counter VALUES (0)")

    stale = engine.connect()
    stale.begin()
    n = stale.exec_driver_sql("SELECT n FROM counter").scalar()
    with engine.begin() as other:
        other.exec_driver_sql("UPDATE counter SET n = n + 1")
    began = time.monotonic()
    with pytest.raises(DatabaseLockedError):
        stale.exec_driver_sql("UPDATE counter SET n = ?", (n + 1,))
    assert time.monotonic() - began < 5  # failed at once, not after the timeout
    stale.rollback()
    stale.close()

    def increment() -> None:
        with for_writing(engine).begin() as conn:
            value = conn.exec_driver_sql("SELECT n FROM counter").scalar()
            time.sleep(0.2)
            conn.exec_driver_sql("UPDATE counter SET n = ?", (value + 1,))

    threads = [threading.Thread(target=increment) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT n FROM counter").scalar() == 4  # no increment lost
    engine.dispose()


@pytest.mark.parametrize("model", [Article, Call, Commitment, Partnership])
def test_fact_keys_are_unique(world, model):
    with Session(world) as session:
        row = session.scalars(select(model)).one()
        data = {c.key: getattr(row, c.key) for c in model.__table__.columns if c.key != "id"}
        if model is Article:
            data["content_hash"] = "1" * 64
        session.add(model(**data))
        with pytest.raises(sa.exc.IntegrityError, match="(?i)unique|duplicate"):
            session.commit()
