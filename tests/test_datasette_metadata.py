"""relations db metadata: Datasette metadata written from docs/schema.md and docs/queries.md."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from relations import Database
from relations.cli import main
from relations.datasette_metadata import UNDESCRIBED, metadata


@pytest.fixture
def tables(db_url):
    with Database(db_url) as db:
        return metadata(db.engine)["databases"]["relations"]["tables"]


def test_every_table_and_view_has_its_documented_description(tables):
    assert {"articles", "calls", "commitments", "countries", "leaders", "terms", "timeline", "call_summary"} <= set(tables)
    assert not any(name.endswith("_fts") or name == "alembic_version" for name in tables)
    assert tables["calls"]["description"].startswith("a phone call, video call or meeting between officials")
    assert tables["timeline"]["description"].startswith("every dated or undated call, commitment and partnership")
    assert all(t["description"] and "`" not in t["description"] for t in tables.values())


def test_a_column_is_the_clause_of_the_paragraph_that_names_it(tables):
    calls = tables["calls"]["columns"]
    assert calls["medium"] == "medium (phone, video, in_person)"
    assert calls["date_text"] == "date_text (the phrase it was resolved from)"
    assert calls["initiator_id"] == "initiator_id (the country that asked for it, if stated) (refers to countries.id)"
    assert calls["id"] == "the row's integer id"
    assert tables["leaders"]["columns"]["name_key"].startswith("the name folded for matching")


def test_every_column_is_described(tables):
    assert [(t, c) for t, d in tables.items() for c, v in d["columns"].items() if v == UNDESCRIBED] == []


def test_every_table_and_view_but_bookkeeping_is_described(tables, db_url):
    import sqlalchemy as sa

    from relations import dbobjects

    with Database(db_url) as db:
        inspector = sa.inspect(db.engine)
        names = {t for t in inspector.get_table_names() if not dbobjects.is_fts_table(t)} | set(inspector.get_view_names())
    assert names - set(tables) == {"alembic_version"}


def test_relations_db_metadata_prints_json_datasette_reads(db_url, monkeypatch):
    monkeypatch.delenv("RELATIONS_DATABASE_URL", raising=False)
    Database(db_url).close()
    result = CliRunner().invoke(main, ["db", "metadata", "--db", db_url, "--name", "timeline"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] and "pycountry" in data["license"] and "seeds/" in data["source"]
    assert set(data["databases"]) == {"timeline"}


def test_relations_db_metadata_of_a_missing_file_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("RELATIONS_DATABASE_URL", raising=False)
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(main, ["db", "metadata", "--db", str(missing)])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "no such database file" in result.stderr
    assert not missing.exists()
