"""Ingest: articles stored with their facts, merged with what is there, one article atomically.

Exact facts come from ``tests/factories.py`` (a fake extractor), so that these tests do not
move with the extractor; the seed article goes through the real extractor end to end. Every
test runs on SQLite and, with RELATIONS_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from factories import BELTA, DAY, XINHUA, FakeExtractor, belta_facts, call, facts, xinhua_facts
from relations import Database, IngestSummary
from relations.facts import Person
from relations.inputs import Record

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


@pytest.fixture
def fake() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture
def db(db_url, fake):
    database = Database(db_url, extractor=fake)
    yield database
    database.close()


def rows(db: Database, sql: str, **params) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def count(db: Database, table: str) -> int:
    return rows(db, f"SELECT count(*) FROM {table}")[0][0]


def record(text: str, origin: str = "in", **fields) -> Record:
    return Record(text=text, origin=origin, **fields)


def ingest(db: Database, *records: Record, force: bool = False, batch: int = 200):
    return list(db.ingest_records(records, force=force, batch=batch))


# --- the seed article, end to end ---------------------------------------------------------


def test_seed_article_is_stored_with_its_call_commitments_and_partnership(db_url):
    with Database(db_url) as db:
        summary = db.ingest_path(str(SEEDS))
        assert (summary.new, summary.skipped, summary.failed) == (1, 0, 0)
        (call_id, medium, status, date), = rows(db, "SELECT id, medium, status, date FROM calls")
        assert (medium, status, str(date)) == ("phone", "held", "2021-01-26")
        assert rows(db, "SELECT k.iso3 FROM call_countries c JOIN countries k ON k.id = c.country_id "
                        "ORDER BY k.iso3") == [("BLR",), ("CHN",)]
        people = rows(db, "SELECT l.name FROM call_participants p JOIN leaders l ON l.id = p.leader_id "
                          "ORDER BY l.name")
        assert people == [("Alexander Lukashenko",), ("Xi Jinping",)]
        assert count(db, "commitments") == 9
        assert rows(db, "SELECT DISTINCT call_id FROM commitments") == [(call_id,)]
        assert rows(db, "SELECT level FROM partnerships") == [("comprehensive strategic partnership",)]
        text, raw = rows(db, "SELECT text, raw_text FROM articles")[0]
        assert raw == (SEEDS / "000_c07793c686dc2a12.txt").read_text(encoding="utf-8")
        for sentence, start, end in rows(db, "SELECT sentence, start, \"end\" FROM commitments") + rows(
                db, "SELECT sentence, start, \"end\" FROM call_sources"):
            assert text[start:end] == sentence
        for action, start, end in rows(db, "SELECT text, text_start, text_end FROM commitments"):
            assert text[start:end] == action


def test_ingesting_the_same_article_again_is_skipped_and_force_replaces(db, fake):
    fake.add(xinhua_facts())
    first, = ingest(db, record(XINHUA, url="https://example.org/a"))
    assert first.status == "new" and (first.calls_new, first.commitments, first.partnerships) == (1, 2, 1)
    again, = ingest(db, record(XINHUA))
    assert (again.status, again.article_id, again.reason) == ("skipped", first.article_id,
                                                              f"already stored as article {first.article_id} (same text)")
    by_url, = ingest(db, record(XINHUA + " Updated.", url="https://example.org/a"))
    assert (by_url.status, by_url.reason) == ("skipped", f"already stored as article {first.article_id} (same url)")
    assert fake.calls == 1  # skipped before extraction
    before = rows(db, "SELECT id, key FROM commitments ORDER BY id")

    forced, = ingest(db, record(XINHUA), force=True)
    assert (forced.status, forced.article_id) == ("replaced", first.article_id)
    assert count(db, "articles") == 1 and count(db, "calls") == 1 and count(db, "commitments") == 2
    assert rows(db, "SELECT id, key FROM commitments ORDER BY id") == before  # the same facts, under their ids
    assert count(db, "call_sources") == 1 and count(db, "partnerships") == 1


def test_an_article_whose_normalised_text_is_stored_is_skipped_after_extraction(db, fake):
    fake.add(xinhua_facts())
    ingest(db, record(XINHUA))
    spaced = XINHUA.replace(". ", ".  ")  # another raw text, the same normalised text (say)
    fake.by_text[spaced] = fake.by_text[XINHUA]
    result, = ingest(db, record(spaced))
    assert result.status == "skipped" and "same text" in result.reason
    assert count(db, "articles") == 1


# --- merging ---------------------------------------------------------------------------------


def test_one_call_reported_by_two_articles_is_one_call_with_two_sources(db, fake):
    fake.add(xinhua_facts())
    fake.add(belta_facts())
    results = ingest(db, record(XINHUA, "xinhua"), record(BELTA, "belta"))
    assert [(r.calls_new, r.calls_merged) for r in results] == [(1, 0), (0, 1)]
    assert count(db, "calls") == 1
    assert rows(db, "SELECT a.source FROM call_sources s JOIN articles a ON a.id = s.article_id ORDER BY a.id") == [
        ("Xinhua",), ("BelTA",)]
    assert count(db, "call_participants") == 2  # the same two people, not four
    assert rows(db, "SELECT DISTINCT call_id FROM commitments") == rows(db, "SELECT id FROM calls")


@pytest.mark.parametrize("change", [{"medium": "video"}, {"date": DAY + dt.timedelta(days=2)}])
def test_calls_of_another_medium_or_two_days_apart_are_other_calls(db, fake, change):
    fake.add(xinhua_facts())
    fake.add(belta_facts(**change))
    ingest(db, record(XINHUA), record(BELTA))
    assert count(db, "calls") == 2


def test_a_planned_call_later_reported_held_becomes_held(db, fake):
    planned = facts("The leaders will talk by phone on Tuesday.", published=DAY - dt.timedelta(days=3))
    planned = dataclasses.replace(planned, calls=(call(planned.text, planned.text, status="planned"),))
    fake.add(planned)
    fake.add(xinhua_facts())
    ingest(db, record(planned.text), record(XINHUA))
    assert rows(db, "SELECT status FROM calls") == [("held",)]


def test_people_resolve_to_known_leaders_and_a_new_one_is_created_once(db, fake):
    new_person = Person("Wang Xiaoming", "CHN", "Vice Minister")
    texts = [f"Article {i}: Xi Jinping, XI  JINPING and Wang Xiaoming." for i in range(3)]
    for t in texts:
        fake.add(facts(t, leaders=(Person("XI  JINPING", "CHN", "President"), new_person,
                                   Person("Lukashenka", "BLR", None))))
    ingest(db, *(record(t, str(i)) for i, t in enumerate(texts)))
    known = rows(db, "SELECT id FROM leaders WHERE name = 'Xi Jinping'")[0][0]
    lukashenko = rows(db, "SELECT id FROM leaders WHERE name = 'Alexander Lukashenko'")[0][0]
    wang = rows(db, "SELECT id FROM leaders WHERE name_key = 'wang xiaoming'")
    assert len(wang) == 1
    mentioned = rows(db, "SELECT DISTINCT leader_id FROM article_leaders ORDER BY leader_id")
    assert mentioned == sorted([(known,), (lukashenko,), (wang[0][0],)])
    assert count(db, "article_leaders") == 9


def test_two_writers_create_a_new_person_once(db_url):
    person = Person("Zhang Wuji", "CHN", "Envoy")
    texts = [f"Writer {i} names Zhang Wuji." for i in range(2)]
    fakes = []
    for t in texts:
        fake = FakeExtractor()
        fake.add(facts(t, leaders=(person,)))
        fakes.append(fake)
    Database(db_url).close()  # create and seed first
    barrier = threading.Barrier(2)
    results: list[object] = []

    def write(i: int) -> None:
        with Database(db_url, extractor=fakes[i]) as database:
            barrier.wait()
            try:
                results.extend(r.status for r in database.ingest_records([record(texts[i], str(i))], batch=1))
            except Exception as e:  # noqa: BLE001 - reported by the assertion
                results.append(e)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == ["new", "new"]
    with Database(db_url) as database:
        assert rows(database, "SELECT count(*) FROM leaders WHERE name_key = 'zhang wuji'") == [(1,)]
        assert count(database, "article_leaders") == 2


# --- what is kept with each fact -------------------------------------------------------------


def test_commitments_and_partnerships_keep_their_article_sentence_and_call(db, fake):
    fake.add(xinhua_facts())
    ingest(db, record(XINHUA))
    call_id = rows(db, "SELECT id FROM calls")[0][0]
    got = rows(db, "SELECT m.kind, k.iso3, m.call_id, m.date, m.sentence, m.start, m.\"end\" FROM commitments m "
                   "JOIN countries k ON k.id = m.actor_id ORDER BY m.id")
    assert [(kind, actor, c, str(d)) for kind, actor, c, d, *_ in got] == [
        ("proposal", "CHN", call_id, "2021-01-26"), ("opposition", "BLR", call_id, "2021-01-26")]
    for *_, sentence, start, end in got:
        assert XINHUA[start:end] == sentence
    assert rows(db, "SELECT t.name FROM commitment_topics ct JOIN topics t ON t.id = ct.topic_id") == [
        ("China-Belarus Industrial Park",)]
    assert rows(db, "SELECT level, stated_on, sentence FROM partnerships")[0][0] == "comprehensive strategic partnership"
    assert count(db, "commitment_pairs") == 2 and count(db, "call_pairs") == 1


def test_a_country_the_reference_data_lacks_skips_that_fact_with_a_warning(db, fake):
    f = xinhua_facts()
    f = dataclasses.replace(f, calls=(dataclasses.replace(f.calls[0], countries=("CHN", "ZZZ")),),
                            commitments=f.commitments[:1] + (dataclasses.replace(f.commitments[1], actor="ZZZ"),))
    fake.add(f)
    result, = ingest(db, record(XINHUA, "in.jsonl:3"))
    assert result.status == "new"
    assert any("'ZZZ' is not in the reference data: call of 2021-01-26 skipped" in w for w in result.warnings)
    assert any("'ZZZ' is not in the reference data: opposition" in w for w in result.warnings)
    assert count(db, "calls") == 0 and count(db, "commitments") == 1 and count(db, "partnerships") == 1
    assert rows(db, "SELECT call_id FROM commitments") == [(None,)]


def test_an_article_with_no_date_anywhere_is_stored_with_published_null_and_a_warning(db, fake):
    result, = ingest(db, record("A readout with no date at all."))
    assert result.status == "new"
    assert result.warnings == ("no date anywhere (no \"published\", no date line, no dated dateline): "
                               "stored with its date unknown",)
    assert rows(db, "SELECT published, dateline_date FROM articles") == [(None, None)]


# --- atomicity -------------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [1, 5])
def test_an_article_the_database_refuses_is_rolled_back_whole_and_the_others_stored(db, fake, batch):
    fake.add(xinhua_facts())
    bad = belta_facts(leaders=(Person("Ghost Person", "BLR", "Envoy"),))
    bad = dataclasses.replace(bad, commitments=(dataclasses.replace(bad.commitments[0], kind="threat"),))
    fake.add(bad)
    good = facts("A third article names Ghost Person.", leaders=(Person("Ghost Person", "BLR", "Envoy"),))
    fake.add(good)
    results = ingest(db, record(XINHUA, "a"), record(BELTA, "b"), record(good.text, "c"), batch=batch)
    assert [r.status for r in results] == ["new", "failed", "new"]
    assert results[1].origin == "b" and results[1].reason.startswith("database refused it:")
    assert count(db, "articles") == 2
    assert rows(db, "SELECT count(*) FROM articles WHERE source = 'BelTA'") == [(0,)]
    assert count(db, "call_sources") == 1  # nothing of the refused article
    assert count(db, "commitments") == 2
    # the leader it created was rolled back with it, and made again for the third article
    assert rows(db, "SELECT count(*) FROM leaders WHERE name_key = 'ghost person'") == [(1,)]
    assert count(db, "article_leaders") == 2 + 1


def test_results_come_in_input_order_with_input_errors_in_place(db, fake):
    from relations.errors import InputError

    fake.add(xinhua_facts())
    results = list(db.ingest_records([InputError("x.jsonl:2", "not valid JSON: Expecting value"),
                                      record(XINHUA, "x.jsonl:3")], batch=10))
    assert [(r.origin, r.status) for r in results] == [("x.jsonl:2", "failed"), ("x.jsonl:3", "new")]
    assert results[0].reason == "not valid JSON: Expecting value"


# --- reprocess -------------------------------------------------------------------------------


def test_reprocess_outdated_reads_only_articles_of_another_extractor_version(db_url, fake):
    from relations.extraction import EXTRACTOR_VERSION

    fake.add(xinhua_facts(version="old"))
    fake.add(belta_facts(version=EXTRACTOR_VERSION))
    with Database(db_url, extractor=fake) as db:
        ingest(db, record(XINHUA), record(BELTA))
    fake.by_text[XINHUA] = xinhua_facts(version=EXTRACTOR_VERSION)
    with Database(db_url, extractor=fake) as db:
        before = fake.calls
        done = list(db.reprocess(outdated=True))
        assert [(r.status, r.article_id) for r in done] == [("replaced", 1)]
        assert fake.calls - before == 1
        assert rows(db, "SELECT DISTINCT extractor_version FROM articles") == [(EXTRACTOR_VERSION,)]
        assert list(db.reprocess(outdated=True)) == []
        assert count(db, "calls") == 1 and count(db, "call_sources") == 2 and count(db, "commitments") == 3
        again = list(db.reprocess(batch=1))
        assert [r.status for r in again] == ["replaced", "replaced"]
        assert count(db, "calls") == 1 and count(db, "call_sources") == 2 and count(db, "commitments") == 3


def test_reprocess_reads_the_raw_text_as_it_was_given(db, fake):
    raw = "date 2021-01-27\n" + XINHUA.replace(". ", ".\n")
    fake.add(dataclasses.replace(xinhua_facts(), text=XINHUA))
    fake.by_text[raw] = fake.by_text.pop(XINHUA)
    ingest(db, record(raw))
    seen = []
    original = fake.__call__

    def spy(text, **kw):
        seen.append(text)
        return original(text, **kw)

    db._extractor = spy
    list(db.reprocess())
    assert seen == [raw]


# --- the development corpus, twice -----------------------------------------------------------


@pytest.mark.skipif(not DEV.exists(), reason="the development corpus (../shared/eval/dev.jsonl) is not here")
def test_ingesting_the_development_corpus_twice_skips_everything_the_second_time(sqlite_url):
    with Database(sqlite_url) as db:
        first = db.ingest_path(str(DEV))
        assert first.failed == 0 and first.new > 1500
        second = db.ingest_path(str(DEV))
        assert (second.new, second.failed, second.skipped) == (0, 0, first.new + first.skipped)


@pytest.mark.skipif(not DEV.exists(), reason="the development corpus (../shared/eval/dev.jsonl) is not here")
def test_batching_does_not_change_what_is_stored(tmp_path):
    """Articles one per transaction, or many per transaction with rows held back to the commit:
    the same calls (merged the same way), leaders, mentions and commitments."""
    lines = DEV.read_text(encoding="utf-8").splitlines()[:400]
    corpus = tmp_path / "part.jsonl"
    corpus.write_text("\n".join(lines + lines[:50]), encoding="utf-8")  # and some again
    dumps = []
    for batch in (1, 37):
        with Database(tmp_path / f"batch{batch}.db") as db:
            summary = db.ingest_path(str(corpus), batch=batch)
            dumps.append((str(summary), {q: sorted(map(repr, rows(db, q))) for q in (
                "SELECT c.medium, c.status, c.date, c.initiator_id, (SELECT count(*) FROM call_participants p "
                "WHERE p.call_id = c.id), (SELECT count(*) FROM call_sources s WHERE s.call_id = c.id) FROM calls c",
                "SELECT name, country_id, organization_id FROM leaders",
                "SELECT a.external_id, l.name FROM article_leaders x JOIN articles a ON a.id = x.article_id "
                "JOIN leaders l ON l.id = x.leader_id",
                "SELECT a.external_id, m.kind, m.text, m.date, m.call_id IS NULL FROM commitments m "
                "JOIN articles a ON a.id = m.article_id",
                "SELECT count(*) FROM call_pairs", "SELECT count(*) FROM commitment_pairs",
            )}))
    assert dumps[0] == dumps[1]
    assert "skipped" in dumps[0][0]


# --- what a run stopped between a commit and its report has stored ------------------------------


def test_a_run_stopped_before_its_committed_results_are_all_reported_still_counts_them(db):
    """The results of a transaction are counted into ``committed`` when it commits, before the
    first of them is yielded: a caller stopped (Ctrl-C) after reading one knows of all five."""
    committed = IngestSummary()
    records = [record(f"{XINHUA} Part {n}.", f"in:{n}") for n in range(12)]
    results = db.ingest_records(records, batch=5, committed=committed)
    first = next(results)
    results.close()  # as a KeyboardInterrupt in the caller's loop leaves it
    assert first.status == "new"
    assert (committed.new, committed.skipped, committed.failed) == (5, 0, 0)
    assert count(db, "articles") == 5


@pytest.mark.parametrize(("batch", "synchronous"), [(1, 2), (500, 1)], ids=["a commit per article", "batches"])
def test_a_commit_per_article_is_synced_and_batches_are_not(sqlite_url, batch, synchronous):
    """SQLite in WAL mode: ``--batch 1`` writes with synchronous=FULL (2), so every article
    reported stored is on disk; batches (the default) with NORMAL (1), and the connection gets
    its own setting back afterwards."""
    from relations.pipeline import Ingester

    with Database(sqlite_url) as db:
        with Ingester(db.engine, db.lookups, batch=batch) as ingester:
            raw = ingester._writer.connection.driver_connection
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == synchronous
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # SQLite's default, restored
