"""Stable fact keys (revision 0007): derived from what a fact says, unique, printed and accepted
by the library and the CLI, and kept, with the row id, by ``relations reprocess`` for every fact
read again unchanged. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from click.testing import CliRunner

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, call, commitment, facts, xinhua_facts
from relations import Database, schema
from relations.cli import main
from relations.inputs import Record
from relations.storage import keys
from relations.storage.queries import NotFoundError

FACT_TABLES = ("articles", "calls", "commitments", "partnerships")


@pytest.fixture
def fake() -> FakeExtractor:
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    fake.add(belta_facts())
    return fake


@pytest.fixture
def db(db_url, fake):
    database = Database(db_url, extractor=fake)
    yield database
    database.close()


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def keyed(db: Database) -> dict[str, dict[str, int]]:
    """Every table's rows as key -> id."""
    return {t: dict(rows(db, f"SELECT key, id FROM {t}")) for t in FACT_TABLES}


def store(db: Database, *texts: str) -> None:
    results = list(db.ingest_records([Record(text=t, origin=f"in:{n}") for n, t in enumerate(texts)], batch=5))
    assert [r.status for r in results] == ["new"] * len(texts), results


def changed_xinhua():
    """The Xinhua facts read by a 'newer extractor': the opposition's action text differs."""
    f = xinhua_facts()
    t = XINHUA
    opposition = commitment(t, "Lukashenko said Belarus firmly opposes all external interference.",
                            "external interference", actor="BLR", kind="opposition", speaker="Alexander Lukashenko",
                            counterparts=("CHN",))
    return dataclasses.replace(f, commitments=(f.commitments[0], opposition), extractor_version="test-2")


@pytest.mark.parametrize("batch", [1, 5])
def test_reprocess_keeps_the_key_and_id_of_every_fact_read_again_unchanged(db, fake, batch):
    store(db, XINHUA, BELTA)
    before = keyed(db)
    assert all(before.values()) and len(before["commitments"]) == 3
    changed_key = next(k for k, _id in rows(db, "SELECT key, id FROM commitments WHERE kind = 'opposition'"))
    fake.add(changed_xinhua())

    results = list(db.reprocess(batch=batch))
    assert [r.status for r in results] == ["replaced", "replaced"]

    after = keyed(db)
    assert after["articles"] == before["articles"]
    assert after["calls"] == before["calls"]  # the call both report: joined again, never dropped
    assert after["partnerships"] == before["partnerships"]
    unchanged = {k: i for k, i in before["commitments"].items() if k != changed_key}
    assert {k: after["commitments"][k] for k in unchanged} == unchanged
    new = set(after["commitments"]) - set(before["commitments"])
    assert changed_key not in after["commitments"] and len(new) == 1  # the changed fact: a new key...
    assert after["commitments"][new.pop()] not in unchanged.values()  # ...and not another fact's id
    assert rows(db, "SELECT text FROM commitments WHERE kind = 'opposition'") == [("external interference",)]


def test_a_call_only_one_article_reports_keeps_its_key_and_id_when_read_again(db, fake):
    store(db, XINHUA)
    before = keyed(db)
    list(db.reprocess(batch=1))
    assert keyed(db) == before


def test_facts_that_disappear_are_removed_and_new_ones_inserted(db, fake):
    store(db, XINHUA)
    before = keyed(db)
    f = xinhua_facts()
    fake.add(dataclasses.replace(f, commitments=f.commitments[:1], partnerships=()))
    list(db.reprocess())
    after = keyed(db)
    assert after["partnerships"] == {}
    assert len(after["commitments"]) == 1 and set(after["commitments"].items()) < set(before["commitments"].items())


def test_commitments_alike_in_one_article_are_numbered_and_calls_of_two_undated_reports_differ(db, fake):
    t = XINHUA
    sentence = "Xi called on the two sides to make solid progress in building the China-Belarus industrial park."
    twice = commitment(t, sentence, "make solid progress")
    again = dataclasses.replace(commitment(t, sentence, "make solid progress in building"),
                                text="Make  SOLID progress")  # the same, told with other offsets, spelt differently
    fake.add(facts(t, calls=(call(t, t.split(". ")[0] + ".", date=None),), commitments=(twice, again)))
    fake.add(facts(BELTA, calls=(call(BELTA, BELTA.split(". ")[0] + ".", date=None),),
                   published=dt.date(2021, 3, 1)))  # over a week later: another undated call
    store(db, XINHUA, BELTA)
    commitment_keys = sorted(k for k, in rows(db, "SELECT key FROM commitments"))
    base = commitment_keys[0]
    assert commitment_keys == [base, f"{base}-2"]  # the same action text, folded: one base, a counter
    call_keys = [k for k, in rows(db, "SELECT key FROM calls")]
    assert len(call_keys) == 2 and len(set(call_keys)) == 2  # undated calls: keys of their article


def test_keys_are_printed_and_accepted_by_the_library(db):
    store(db, XINHUA)
    for kind, table in (("call", "calls"), ("commitment", "commitments"), ("article", "articles")):
        (ident, key), *_ = rows(db, f"SELECT id, key FROM {table} ORDER BY id")
        by_id, by_key = getattr(db, kind)(ident), getattr(db, kind)(key)
        assert by_id == by_key and by_id.key == key
        assert list(by_id.to_dict())[:2] == ["id", "key"]
    article = db.article(1)
    assert article.partnerships[0].key == rows(db, "SELECT key FROM partnerships")[0][0]
    assert [e.to_dict()["key"] for e in db.timeline("CHN", "BLR")] == [
        e.item.key for e in db.timeline("CHN", "BLR")] and all(e.item.key for e in db.timeline("CHN", "BLR"))
    with pytest.raises(NotFoundError, match="^no commitment with key 'm0000'$"):
        db.commitment("m0000")
    with pytest.raises(NotFoundError, match="^no call with key 'c\\\\x00'$"):
        db.call("c\x00")  # not looked up: PostgreSQL text cannot hold a NUL


def test_show_accepts_a_key_and_prints_it(db, db_url):
    store(db, XINHUA)
    key, ident = rows(db, "SELECT key, id FROM commitments ORDER BY id")[0]
    runner = CliRunner()
    shown = runner.invoke(main, ["show", "commitment", key, "--db", db_url, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert (json.loads(shown.stdout)["id"], json.loads(shown.stdout)["key"]) == (ident, key)
    table = runner.invoke(main, ["show", "commitment", str(ident), "--db", db_url])
    assert f"\nkey           {key}\n" in table.stdout
    missing = runner.invoke(main, ["show", "call", "cffff", "--db", db_url])
    assert (missing.exit_code, missing.stderr) == (1, "Error: no call with key 'cffff'\n")
    assert len(missing.stderr.strip().splitlines()) == 1


# --- the migration's copy of the key functions ----------------------------------------------


def _revision_0007():
    script = ScriptDirectory.from_config(schema.config())
    spec = importlib.util.spec_from_file_location("migration_0007", script.get_revision("0007").path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_migration_computes_the_keys_the_library_gave(db):
    """Revision 0007 fills keys for rows stored before it; they are the keys the library gives, so
    reprocessing an upgraded database keeps ids too."""
    store(db, XINHUA, BELTA)
    with db.engine.connect() as conn:
        computed = _revision_0007()._keys(conn)
    assert {t: {k: i for i, k in computed[t].items()} for t in FACT_TABLES} == keyed(db)


@pytest.mark.parametrize("text", ["Лукашенко", "Straße", "  Aleksandr  LUKAŠENKO ", "Côte d'Ivoire"])
def test_the_migrations_copy_of_the_key_functions_agrees_with_the_library(text):
    migration = _revision_0007()
    assert migration.fold(text) == keys.fold(text)
    assert migration.commitment_base("a" * 64, "pledge", "BLR", text) == keys.commitment_base("a" * 64, "pledge",
                                                                                               "BLR", text)
    assert migration.partnership_key("a", "CHN", "BLR", text) == keys.partnership_key("a", "BLR", "CHN", text)
