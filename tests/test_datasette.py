"""Datasette on a relations database: full-text search through its JSON API finds the FTS5
tables by itself (revision 0009), and the metadata of ``relations db metadata`` loads.

Needs the ``[datasette]`` extra. Without it the tests skip, unless RELATIONS_REQUIRE_DATASETTE
is set (as .ci/run sets it): then they fail, so CI cannot pass without running them.
"""

from __future__ import annotations

import asyncio
import os

import pytest
import sqlalchemy as sa

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, xinhua_facts
from relations import Database
from relations.datasette_metadata import metadata
from relations.inputs import Record

if os.environ.get("RELATIONS_REQUIRE_DATASETTE"):
    from datasette.app import Datasette
else:
    Datasette = pytest.importorskip("datasette.app", reason="pip install -e '.[datasette]'").Datasette

HIGHLAND = "Officials toured Highland Park on Monday. On Tuesday they discussed industrial policy."


@pytest.fixture
def db_file(sqlite_url, tmp_path):
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    fake.add(belta_facts())
    with Database(sqlite_url, extractor=fake) as database:
        list(database.ingest_records([Record(XINHUA, "x", title="Xi holds talks"), Record(BELTA, "b"),
                                      Record(HIGHLAND, "h")]))
        meta = metadata(database.engine)
    return tmp_path / "relations.db", meta


def get(ds, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def test_datasette_searches_articles_and_commitments_with_the_fts5_tables(db_file):
    path, _meta = db_file
    ds = Datasette([str(path)])
    articles = get(ds, "/relations/articles.json?_search=industrial+park&_shape=array&_col=id")
    assert sorted(r["id"] for r in articles) == [1, 3]  # every word, anywhere (Datasette's own escaping)
    phrase = get(ds, "/relations/articles.json?_search=%22industrial+park%22&_searchmode=raw&_shape=array&_col=id")
    assert [r["id"] for r in phrase] == [1]
    commitments = get(ds, "/relations/commitments.json?_search=interference&_shape=array&_col=text")
    assert [r["text"] for r in commitments] == ["all external interference"]
    everything = get(ds, "/relations/articles.json?_shape=array&_col=id")
    assert len(everything) == 3  # without _search, every row


def test_datasette_shows_the_metadata_descriptions(db_file):
    path, meta = db_file
    ds = Datasette([str(path)], metadata=meta)
    data = get(ds, "/-/metadata.json")
    assert data["databases"]["relations"]["tables"]["calls"]["columns"]["medium"] == "medium (phone, video, in_person)"
    page = asyncio.run(ds.client.get("/relations/calls"))
    assert page.status_code == 200 and "a phone call, video call or meeting" in page.text


def test_datasette_reads_the_timeline_view(db_file):
    path, _meta = db_file
    ds = Datasette([str(path)])
    rows = get(ds, "/relations/timeline.json?country=CHN&partner=BLR&_shape=array")
    with sa.create_engine(f"sqlite:///{path}").connect() as conn:
        expected = conn.execute(sa.text("SELECT count(*) FROM timeline WHERE country = 'CHN' AND partner = 'BLR'"))
        assert len(rows) == expected.scalar_one() > 0
