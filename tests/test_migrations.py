"""Migrations: one head, up and down cleanly, no drift from the models, data carried forward,
and ``ensure_current`` refusing databases it must not touch. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import importlib.util
import threading

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import given
from hypothesis import strategies as st

from dbdump import duplicates, integrity
from relations import Database, dbobjects, schema
from relations.engine import create_engine
from relations.models import Base, fold
from relations.resources import migrations_dir

INITIAL = "0001"
NEW_IN_0003 = {"call_pairs", "commitment_pairs"}
ALIAS_TABLES = ("country_aliases", "organization_aliases", "leader_aliases", "topic_aliases")


def snapshot(engine: sa.Engine) -> dict[str, list[dict]]:
    """Every row of every table (but alembic_version and the full-text index), in primary-key order."""
    meta = sa.MetaData()
    with engine.connect() as conn:
        meta.reflect(conn, only=lambda name, _meta: not dbobjects.is_fts_table(name))
        out = {}
        for table in meta.sorted_tables:
            if table.name == schema.VERSION_TABLE:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [dict(r._mapping) for r in conn.execute(sa.select(table).order_by(*order))]
    return out


# --- the revision graph --------------------------------------------------------------------


def test_single_head_and_linear_history():
    script = ScriptDirectory.from_config(schema.config())
    assert script.get_heads() == [schema.head()]
    assert schema.revisions()[0] == INITIAL
    for rev in script.walk_revisions():
        assert not rev.is_merge_point and not rev.is_branch_point, rev.revision


def test_every_migration_module_has_a_downgrade():
    script = ScriptDirectory.from_config(schema.config())
    for rev in script.walk_revisions():
        assert callable(getattr(rev.module, "downgrade", None)), rev.revision


# --- up, down, up ---------------------------------------------------------------------------


def test_upgrade_empty_to_head_then_base_then_head(engine):
    assert schema.upgrade(engine) == (None, schema.head())
    tables = {t for t in sa.inspect(engine).get_table_names() if not dbobjects.is_fts_table(t)}
    assert tables == set(Base.metadata.tables) | {schema.VERSION_TABLE}
    assert set(sa.inspect(engine).get_view_names()) == set(dbobjects.VIEWS)

    assert schema.downgrade(engine, "base") == (schema.head(), None)
    assert set(sa.inspect(engine).get_table_names()) <= {schema.VERSION_TABLE}
    assert sa.inspect(engine).get_view_names() == []
    assert schema.current(engine) is None

    assert schema.upgrade(engine) == (None, schema.head())
    assert schema.current(engine) == schema.head()


def test_each_revision_steps_down_and_up_again(engine):
    previous = "base"
    for rev in schema.revisions():
        schema.upgrade(engine, rev)
        assert schema.current(engine) == rev
        schema.downgrade(engine, previous)
        assert schema.current(engine) == (None if previous == "base" else previous)
        schema.upgrade(engine, rev)
        previous = rev
    assert schema.current(engine) == schema.head()


def test_models_and_migrations_do_not_drift(migrated):
    with migrated.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                         "include_object": dbobjects.include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_check_constraints_and_cascades_match_the_models(migrated):
    """compare_metadata ignores CHECK constraints and ON DELETE: compare those by hand."""
    inspector = sa.inspect(migrated)
    for table in Base.metadata.sorted_tables:
        expected_checks = {c.name for c in table.constraints if isinstance(c, sa.CheckConstraint)}
        found_checks = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert found_checks == expected_checks, table.name
        expected_fks = {
            (fk.name, (fk.ondelete or "NO ACTION").upper()) for fk in table.foreign_key_constraints
        }
        found_fks = {
            (fk["name"], (fk["options"].get("ondelete") or "NO ACTION").upper())
            for fk in inspector.get_foreign_keys(table.name)
        }
        assert found_fks == expected_fks, table.name


def test_check_constraint_is_enforced_after_the_tables_were_rebuilt(migrated):
    with migrated.begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (id, iso3, iso2, name) VALUES (1, 'BLR', 'BY', 'Belarus')")
    with pytest.raises(sa.exc.IntegrityError):
        with migrated.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO country_aliases (country_id, alias, alias_key, kind) VALUES (1, 'x', 'x', 'nickname')"
            )


# --- data carried through a migration ------------------------------------------------------

DAY = dt.date(2021, 1, 26)
SENTENCE = "Xi Jinping held phone talks with Alexander Lukashenko."


def fill_initial_schema(engine: sa.Engine) -> None:
    """A row (or two) in every table of revision 0001, through Core: the models are at head."""
    meta = sa.MetaData()
    meta.reflect(engine)
    rows = {
        "countries": [
            {"id": 1, "iso3": "BLR", "iso2": "BY", "name": "Belarus", "official_name": "Republic of Belarus"},
            {"id": 2, "iso3": "CHN", "iso2": "CN", "name": "China", "official_name": None},
            {"id": 3, "iso3": "CIV", "iso2": "CI", "name": "Côte d'Ivoire", "official_name": None},
        ],
        "country_aliases": [
            {"id": 1, "country_id": 1, "alias": "Belarusian", "kind": "demonym"},
            {"id": 2, "country_id": 3, "alias": "  CÔTE   d'Ivoire ", "kind": "name"},
            {"id": 3, "country_id": 2, "alias": "Beijing", "kind": "capital"},
        ],
        "organizations": [{"id": 1, "code": "EU", "name": "European Union", "kind": "union"}],
        "organization_aliases": [{"id": 1, "organization_id": 1, "alias": "Union Européenne"}],
        "leaders": [
            {"id": 1, "name": "Xi Jinping", "name_key": "xi jinping", "country_id": 2, "organization_id": None},
            {"id": 2, "name": "Alexander Lukashenko", "name_key": "alexander lukashenko", "country_id": 1,
             "organization_id": None},
            {"id": 3, "name": "Ursula von der Leyen", "name_key": "ursula von der leyen", "country_id": None,
             "organization_id": 1},
        ],
        "leader_aliases": [
            {"id": 1, "leader_id": 2, "alias": "Lukašenka"},
            {"id": 2, "leader_id": 1, "alias": "XI"},
        ],
        "terms": [
            {"id": 1, "leader_id": 1, "country_id": 2, "organization_id": None, "office": "President",
             "start_date": dt.date(2013, 3, 14), "end_date": None, "source": "seed"},
            {"id": 2, "leader_id": 3, "country_id": None, "organization_id": 1, "office": "President",
             "start_date": dt.date(2019, 12, 1), "end_date": None, "source": "article"},
        ],
        "topics": [
            {"id": 1, "name": "Belt and Road Initiative", "kind": "initiative"},
            {"id": 2, "name": "trade", "kind": "field"},
        ],
        "topic_aliases": [{"id": 1, "topic_id": 1, "alias": "Belt and Road"}, {"id": 2, "topic_id": 1, "alias": "BRI"}],
        "articles": [
            {"id": 1, "external_id": "c07793c686dc2a12", "content_hash": "a" * 64, "url": "https://example.org/1",
             "source": "Xinhua", "title": "Xi talks with Lukashenko", "published": DAY + dt.timedelta(days=1),
             "dateline": "BEIJING, Jan. 26", "dateline_date": DAY, "text": SENTENCE, "extractor_version": "0.1.0"},
        ],
        "article_leaders": [
            {"article_id": 1, "leader_id": 1, "name": "Xi Jinping", "title": "President"},
            {"article_id": 1, "leader_id": 2, "name": "Alexander Lukashenko", "title": "President"},
        ],
        "calls": [
            {"id": 1, "medium": "phone", "status": "held", "date": DAY, "date_precision": "day",
             "date_text": "Tuesday", "initiator_id": None},
        ],
        "call_countries": [{"call_id": 1, "country_id": 1}, {"call_id": 1, "country_id": 2}],
        "call_participants": [
            {"id": 1, "call_id": 1, "leader_id": 1, "country_id": 2, "organization_id": None,
             "name": "Xi Jinping", "title": "President"},
            {"id": 2, "call_id": 1, "leader_id": 2, "country_id": 1, "organization_id": None,
             "name": "Alexander Lukashenko", "title": "President"},
        ],
        "call_sources": [
            {"id": 1, "call_id": 1, "article_id": 1, "sentence": SENTENCE, "start": 0, "end": len(SENTENCE),
             "date_text": "Tuesday"},
        ],
        "commitments": [
            {"id": 1, "article_id": 1, "call_id": 1, "actor_id": 2, "speaker_id": 1, "speaker_name": "Xi Jinping",
             "kind": "proposal", "text": "boost Belt and Road cooperation", "date": DAY, "sentence": SENTENCE,
             "start": 0, "end": len(SENTENCE), "text_start": 5, "text_end": 20},
        ],
        "commitment_counterparts": [{"commitment_id": 1, "country_id": 1}],
        "commitment_topics": [{"commitment_id": 1, "topic_id": 1}, {"commitment_id": 1, "topic_id": 2}],
        "partnerships": [
            {"id": 1, "country_a_id": 1, "country_b_id": 2, "level": "comprehensive strategic partnership",
             "stated_on": DAY, "article_id": 1, "sentence": SENTENCE, "start": 0, "end": len(SENTENCE)},
        ],
    }
    tables = {t.name for t in meta.sorted_tables} - {schema.VERSION_TABLE}
    assert tables == set(rows), "fill every table of the initial revision"
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name in rows:
                conn.execute(table.insert(), rows[table.name])
    if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
        with engine.begin() as conn:
            for table in meta.sorted_tables:
                if "id" in table.c and table.name in rows:
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), 100)"))


def test_full_database_upgrades_with_every_row_intact_and_downgrades_back(engine):
    schema.upgrade(engine, INITIAL)
    fill_initial_schema(engine)
    before = snapshot(engine)
    assert all(before.values())

    schema.upgrade(engine)
    after = snapshot(engine)
    assert set(after) == set(before) | NEW_IN_0003
    for table, rows in before.items():
        assert [{k: r[k] for k in rows[0]} for r in after[table]] == rows, table
    for table in ALIAS_TABLES:
        for row in after[table]:
            assert row["alias_key"] == fold(row["alias"])
    keys = {r["alias"]: r["alias_key"] for r in after["country_aliases"] + after["leader_aliases"]}
    assert keys["  CÔTE   d'Ivoire "] == "cote d'ivoire"
    assert keys["Lukašenka"] == "lukasenka"
    assert next(r for r in after["organization_aliases"])["alias_key"] == "union europeenne"
    # 0003: the pair tables are filled from what is stored; no raw text for old articles.
    assert after["call_pairs"] == [{"call_id": 1, "country_a_id": 1, "country_b_id": 2, "date": DAY}]
    assert after["commitment_pairs"] == [{"commitment_id": 1, "country_a_id": 1, "country_b_id": 2, "date": DAY}]
    assert [(r["raw_text"], r["raw_hash"]) for r in after["articles"]] == [(None, None)]

    schema.downgrade(engine, INITIAL)
    assert snapshot(engine) == before


def test_views_and_search_work_on_a_full_database_upgraded(engine):
    """0004's views read the rows already there; 0005 indexes them for search (FTS5 rebuilt
    from the stored rows on SQLite, GIN expression indexes on PostgreSQL)."""
    from relations.storage.search import search

    schema.upgrade(engine, INITIAL)
    fill_initial_schema(engine)
    schema.upgrade(engine)
    with engine.connect() as conn:
        events = conn.execute(sa.text(
            "SELECT country, partner, event, event_id, detail FROM timeline "
            "WHERE country = 'CHN' AND partner = 'BLR' ORDER BY event, event_id")).all()
        summary = conn.execute(sa.text("SELECT countries, participants, sources FROM call_summary")).one()
        hits = [(h.kind, h.id) for h in search(conn, "phone TALKS")]
        commitment_hits = [(h.kind, h.id) for h in search(conn, "Belt Road")]
    assert [tuple(e) for e in events] == [
        ("CHN", "BLR", "call", 1, "phone held"),
        ("CHN", "BLR", "commitment", 1, "proposal"),
        ("CHN", "BLR", "partnership", 1, "comprehensive strategic partnership"),
    ]
    assert tuple(summary) == ("BLR, CHN", "Alexander Lukashenko (BLR, President); Xi Jinping (CHN, President)",
                              "Xinhua")
    assert hits == [("article", 1)]
    assert commitment_hits == [("commitment", 1)]


# --- a database from every older revision, with rows in it --------------------------------

LATER = DAY + dt.timedelta(days=30)
LATER_SENTENCE = "Emmanuel Macron held a video call with Xi Jinping on zeppelin cooperation."


def later_rows() -> dict[str, list[dict]]:
    """A second generation of rows (ids 10), written at a later revision with every column it
    has (``add_later_rows`` leaves out those it lacks, and the tables it lacks), so that each
    revision's own columns and tables hold data too: alias keys from 0002, the raw text and
    the pair tables from 0003; from 0005 on, the full-text triggers index the new rows."""
    rows: dict[str, list[dict]] = {
        "countries": [{"id": 10, "iso3": "FRA", "iso2": "FR", "name": "France", "official_name": "French Republic"}],
        "country_aliases": [{"id": 10, "country_id": 10, "alias": "Française", "kind": "demonym"}],
        "organizations": [{"id": 10, "code": "NATO", "name": "North Atlantic Treaty Organization", "kind": "alliance"}],
        "organization_aliases": [{"id": 10, "organization_id": 10, "alias": "OTAN"}],
        "leaders": [{"id": 10, "name": "Emmanuel Macron", "name_key": "emmanuel macron", "country_id": 10,
                     "organization_id": None}],
        "leader_aliases": [{"id": 10, "leader_id": 10, "alias": "Macron"}],
        "terms": [{"id": 10, "leader_id": 10, "country_id": 10, "organization_id": None, "office": "President",
                   "start_date": dt.date(2017, 5, 14), "end_date": None, "source": "seed"}],
        "topics": [{"id": 10, "name": "zeppelins", "kind": "field"}],
        "topic_aliases": [{"id": 10, "topic_id": 10, "alias": "Zeppelin"}],
        "articles": [{"id": 10, "key": "b" * 64, "external_id": "later", "content_hash": "b" * 64, "url": "https://example.org/10",
                      "source": "Elysee", "title": "Macron and Xi", "published": LATER, "dateline": None,
                      "dateline_date": None, "text": LATER_SENTENCE, "extractor_version": "0.2.0",
                      "raw_text": "  " + LATER_SENTENCE + "\n", "raw_hash": "c" * 64}],
        "article_leaders": [{"article_id": 10, "leader_id": 10, "name": "Emmanuel Macron", "title": "President"},
                            {"article_id": 10, "leader_id": 1, "name": "Xi Jinping", "title": None}],
        "calls": [{"id": 10, "key": "c" + "0" * 19 + "a", "medium": "video", "status": "held", "date": LATER, "date_precision": "day",
                   "date_text": None, "initiator_id": 10}],
        "call_countries": [{"call_id": 10, "country_id": 2}, {"call_id": 10, "country_id": 10}],
        "call_participants": [{"id": 10, "call_id": 10, "leader_id": 10, "country_id": 10, "organization_id": None,
                               "name": "Emmanuel Macron", "title": None}],
        "call_sources": [{"id": 10, "call_id": 10, "article_id": 10, "sentence": LATER_SENTENCE, "start": 0,
                          "end": len(LATER_SENTENCE), "date_text": None}],
        "commitments": [{"id": 10, "key": "m" + "0" * 19 + "a", "article_id": 10, "call_id": 10, "actor_id": 10, "speaker_id": 10,
                         "speaker_name": "Emmanuel Macron", "kind": "pledge", "text": "zeppelin cooperation",
                         "date": LATER, "sentence": LATER_SENTENCE, "start": 0, "end": len(LATER_SENTENCE),
                         "text_start": 53, "text_end": 73}],
        "commitment_counterparts": [{"commitment_id": 10, "country_id": 2}],
        "commitment_topics": [{"commitment_id": 10, "topic_id": 10}],
        "partnerships": [{"id": 10, "key": "p" + "0" * 19 + "a", "country_a_id": 2, "country_b_id": 10, "level": "strategic partnership",
                          "stated_on": LATER, "article_id": 10, "sentence": LATER_SENTENCE, "start": 0,
                          "end": len(LATER_SENTENCE)}],
        "call_pairs": [{"call_id": 10, "country_a_id": 2, "country_b_id": 10, "date": LATER}],
        "commitment_pairs": [{"commitment_id": 10, "country_a_id": 2, "country_b_id": 10, "date": LATER}],
    }
    for table in ALIAS_TABLES:
        for row in rows[table]:
            row["alias_key"] = fold(row["alias"])
    return rows


def add_later_rows(engine: sa.Engine) -> set[str]:
    """``later_rows`` in the tables the database has, with the columns they have; the tables filled."""
    meta = sa.MetaData()
    meta.reflect(engine, only=lambda name, _meta: not dbobjects.is_fts_table(name))
    rows = later_rows()
    filled = set()
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name in rows:
                conn.execute(table.insert(), [{k: v for k, v in r.items() if k in table.c} for r in rows[table.name]])
                filled.add(table.name)
    assert set(meta.tables) - filled <= {schema.VERSION_TABLE}, "rows for every table of the revision"
    return filled


@pytest.mark.parametrize("revision", schema.revisions()[:-1])
def test_a_database_from_each_older_revision_upgrades_with_its_rows_intact(engine, revision):
    """Built at 0001 and filled, brought to ``revision`` and filled again in what that revision
    has: upgraded to head, every row is there with the values it had (in the columns it had),
    the derived tables and indexes are filled and consistent, and the library reads it; taken
    back down to ``revision``, the database is what it was."""
    from relations.storage.search import search

    schema.upgrade(engine, INITIAL)
    fill_initial_schema(engine)
    schema.upgrade(engine, revision)
    add_later_rows(engine)
    before = snapshot(engine)
    assert all(before.values()), [t for t, rows in before.items() if not rows]

    assert schema.upgrade(engine) == (revision, schema.head())
    after = snapshot(engine)
    assert set(after) == set(before) | NEW_IN_0003
    for table, rows in before.items():
        assert [{k: r[k] for k in rows[0]} for r in after[table]] == rows, table
    for table in ALIAS_TABLES:
        assert [row["alias_key"] for row in after[table]] == [fold(row["alias"]) for row in after[table]], table
    assert [(r["call_id"], r["country_a_id"], r["country_b_id"]) for r in after["call_pairs"]] == [(1, 1, 2),
                                                                                                  (10, 2, 10)]
    assert [r["commitment_id"] for r in after["commitment_pairs"]] == [1, 10]
    assert integrity(engine) == [] and duplicates(engine) == {}
    with engine.connect() as conn:
        assert {(h.kind, h.id) for h in search(conn, "zeppelin")} == {("article", 10), ("commitment", 10)}
        assert [(h.kind, h.id) for h in search(conn, "phone talks")] == [("article", 1)]
    with Database(engine.url.render_as_string(hide_password=False), create=False) as db:
        events = [(e.date, e.event, e.item.id) for e in db.timeline("France", "China")]
        assert events == [(LATER, "call", 10), (LATER, "commitment", 10), (LATER, "partnership", 10)]
        assert [(e.event, e.item.id) for e in db.timeline("Belarusian", "CHN")] == [
            ("call", 1), ("commitment", 1), ("partnership", 1)]
        assert [c.id for c in db.commitments(topic="Zeppelin")] == [10]

    assert schema.downgrade(engine, revision) == (schema.head(), revision)
    assert snapshot(engine) == before


def test_search_objects_exist_at_head_and_go_on_downgrade(migrated):
    inspector = sa.inspect(migrated)
    if migrated.dialect.name == "sqlite":
        assert set(dbobjects.FTS_TABLES) <= set(inspector.get_table_names())
        with migrated.connect() as conn:
            triggers = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
        assert triggers == {f"{t}_{e}" for t in dbobjects.FTS_TABLES for e in ("insert", "delete", "update")}
    else:
        indexes = {ix["name"] for t in ("articles", "commitments") for ix in inspector.get_indexes(t)}
        assert set(dbobjects.SEARCH_INDEXES) <= indexes
    schema.downgrade(migrated, "0004")
    inspector = sa.inspect(migrated)
    assert not any(dbobjects.is_fts_table(t) for t in inspector.get_table_names())
    indexes = {ix["name"] for t in ("articles", "commitments") for ix in inspector.get_indexes(t)}
    assert not indexes & set(dbobjects.SEARCH_INDEXES)


@pytest.mark.parametrize("alias_table", ALIAS_TABLES)
def test_alias_key_is_not_null_and_indexed_at_head(migrated, alias_table):
    inspector = sa.inspect(migrated)
    column = next(c for c in inspector.get_columns(alias_table) if c["name"] == "alias_key")
    assert column["nullable"] is False
    assert any(ix["column_names"] == ["alias_key"] for ix in inspector.get_indexes(alias_table))


def _migration_module(revision: str):
    script = ScriptDirectory.from_config(schema.config())
    path = script.get_revision(revision).path
    spec = importlib.util.spec_from_file_location(f"_migration_{revision}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@given(st.text())
def test_the_migrations_copy_of_fold_agrees_with_the_library(text):
    assert _migration_module_0002._fold(text) == fold(text)


_migration_module_0002 = _migration_module("0002")


def test_rebuilding_a_parent_table_in_a_migration_keeps_child_rows(sqlite_url):
    """SQLite batch mode drops and re-creates a table; with foreign keys on, the DROP would
    cascade into country_aliases. migration_connection switches them off for the duration."""
    engine = create_engine(sqlite_url)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (id, iso3, iso2, name) VALUES (1, 'BLR', 'BY', 'Belarus')")
        conn.exec_driver_sql(
            "INSERT INTO country_aliases (country_id, alias, alias_key, kind) VALUES (1, 'Minsk', 'minsk', 'capital')"
        )
    with schema.migration_connection(engine) as conn:
        conn.exec_driver_sql("PRAGMA legacy_alter_table = ON")  # as env.py runs migrations: views name countries
        with Operations(MigrationContext.configure(conn)).batch_alter_table("countries", recreate="always") as b:
            b.alter_column("name", existing_type=sa.String(300), type_=sa.String(400))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM country_aliases").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # switched back on
    engine.dispose()


def test_migration_connection_rolls_back_when_foreign_keys_would_break(sqlite_url):
    engine = create_engine(sqlite_url)
    schema.upgrade(engine)
    with pytest.raises(schema.MigrationError, match="broken foreign key"):
        with schema.migration_connection(engine) as conn:
            conn.exec_driver_sql(
                "INSERT INTO country_aliases (country_id, alias, alias_key, kind) VALUES (99, 'x', 'x', 'name')"
            )
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM country_aliases").scalar() == 0
    engine.dispose()


# --- ensure_current: what a database in each state gets -------------------------------------


def test_ensure_current_creates_an_empty_database(engine):
    assert schema.ensure_current(engine) == schema.head()
    assert schema.current(engine) == schema.head()
    assert schema.ensure_current(engine) == schema.head()  # and leaves a current one alone


def test_ensure_current_without_create_leaves_an_empty_database_empty(engine):
    with pytest.raises(schema.SchemaMissingError, match="relations db upgrade --db"):
        schema.ensure_current(engine, create=False)
    assert sa.inspect(engine).get_table_names() == []


def test_outdated_database_is_refused_with_the_upgrade_command(engine):
    schema.upgrade(engine, INITIAL)
    with pytest.raises(schema.SchemaOutdatedError) as raised:
        schema.ensure_current(engine)
    message = str(raised.value)
    assert "relations db upgrade --db" in message and engine.url.database in message
    assert raised.value.revision == INITIAL
    assert schema.current(engine) == INITIAL
    with pytest.raises(schema.SchemaOutdatedError):
        schema.check(engine)


def _make_newer(engine: sa.Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (id, iso3, iso2, name) VALUES (1, 'BLR', 'BY', 'Belarus')")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dfeed0099'")


def test_newer_database_is_refused_and_never_touched(engine):
    _make_newer(engine)
    before = snapshot(engine)
    tables = sorted(sa.inspect(engine).get_table_names())
    for attempt in (schema.ensure_current, schema.check, schema.upgrade, lambda e: schema.downgrade(e, INITIAL)):
        with pytest.raises(schema.SchemaTooNewError, match="f00dfeed0099.*newer release"):
            attempt(engine)
    assert snapshot(engine) == before
    assert sorted(sa.inspect(engine).get_table_names()) == tables
    assert schema.current(engine) == "f00dfeed0099"


def test_foreign_database_is_refused_and_never_touched(engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
        conn.exec_driver_sql("INSERT INTO invoices VALUES (1, 100)")
    for attempt in (schema.ensure_current, schema.upgrade):
        with pytest.raises(schema.NotARelationsDatabaseError, match="invoices.*not a relations database"):
            attempt(engine)
    assert sa.inspect(engine).get_table_names() == ["invoices"]
    assert snapshot(engine) == {"invoices": [{"id": 1, "total": 100}]}


def test_two_processes_creating_the_same_database_queue_up(db_url):
    engines = [create_engine(db_url), create_engine(db_url)]
    barrier = threading.Barrier(2)
    results: list[object] = []

    def create(engine: sa.Engine) -> None:
        barrier.wait()
        try:
            results.append(schema.ensure_current(engine))
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            results.append(e)

    threads = [threading.Thread(target=create, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [schema.head(), schema.head()]
    for e in engines:
        e.dispose()


def test_unknown_target_revision_is_a_schema_error(engine):
    with pytest.raises(schema.SchemaError, match="cannot upgrade to 'nonesuch'"):
        schema.upgrade(engine, "nonesuch")
    assert sa.inspect(engine).get_table_names() == []


def test_migrations_ship_from_the_package_resources():
    assert (migrations_dir() / "env.py").is_file()
    assert schema.config().get_main_option("script_location") == str(migrations_dir())
