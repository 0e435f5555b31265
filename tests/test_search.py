"""Full-text search: relations search and Database.search on SQLite (FTS5) and PostgreSQL (tsvector).

The index follows the tables however they change (triggers on SQLite, an expression index on
PostgreSQL), and a user's words are taken literally, whatever punctuation or operators they hold.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, xinhua_facts
from relations import Database
from relations.cli import main
from relations.inputs import Record
from relations.storage.search import SearchError, escape_fts


@pytest.fixture
def db(db_url):
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    fake.add(belta_facts())
    database = Database(db_url, extractor=fake)
    list(database.ingest_records([Record(XINHUA, "x", title="Xi holds talks"), Record(BELTA, "b")]))
    yield database
    database.close()


def hits(db: Database, query: str, **kw) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in db.search(query, **kw)]


@pytest.mark.parametrize("query, expected", [
    ("industrial park", '"industrial" "park"'),
    ('say "hello"', '"say" "hello"'),
    ("trade OR NEAR(x y) *", '"trade" "OR" "NEAR" "x" "y"'),
    ("  text:park  ^start ", '"text" "park" "start"'),
    ("China-Belarus Côte_d'Ivoire", '"China" "Belarus" "Côte" "d" "Ivoire"'),
])
def test_user_words_are_each_quoted_for_fts5(query, expected):
    assert escape_fts(query) == expected


def test_every_word_must_match_in_an_article_or_a_commitment(db):
    assert sorted(hits(db, "industrial park")) == [("article", 1), ("commitment", 1)]
    assert hits(db, "industrial park", kinds=("article",)) == [("article", 1)]
    assert hits(db, "expand trade", kinds=("commitment",)) == [("commitment", 3)]
    assert hits(db, "industrial telephone") == []  # no one text has both


def test_words_are_stemmed_and_accents_and_case_ignored(db):
    assert ("article", 1) in hits(db, "PARKS")
    assert ("article", 2) in hits(db, "telephones")
    assert ("article", 1) in hits(db, "Lukashenko")


def test_operators_and_punctuation_are_taken_literally(db):
    for query in ('"industrial', "park OR trade", "NEAR(park)", "park*", "title:park", "-park", "a AND"):
        list(db.search(query))  # never a syntax error
    assert hits(db, "park OR zzzz") == []  # OR is a word here, and no text has "zzzz"
    assert sorted(hits(db, "China-Belarus")) == [("article", 1), ("article", 2), ("commitment", 1)]  # both words
    with pytest.raises(SearchError, match="nothing to search for"):
        db.search("( * )")


def test_titles_are_searched_and_snippets_mark_the_words(db):
    assert hits(db, "holds", kinds=("article",)) == [("article", 1)]
    (hit,) = [h for h in db.search("interference") if h.kind == "commitment"]
    assert hit.snippet == "all external [interference]"
    assert (hit.title, hit.article_id) == ("BLR opposition", 1)


def test_an_empty_query_or_an_unknown_kind_is_a_clear_error(db):
    with pytest.raises(SearchError, match="nothing to search for"):
        db.search("   ")
    with pytest.raises(SearchError, match="unknown kind 'calls'"):
        list(db.search("park", kinds=("calls",)))


def test_the_index_follows_updates_and_deletes(db):
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET text = 'A text about wheat exports.' WHERE id = 2"))
        conn.execute(sa.text("DELETE FROM commitments WHERE id = 1"))
    assert hits(db, "wheat") == [("article", 2)]
    assert hits(db, "telephone") == []
    assert hits(db, "industrial park", kinds=("commitment",)) == []
    with db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = 2"))
    assert hits(db, "wheat") == []


def test_reading_an_article_again_keeps_the_index_right(db):
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    db._extractor = fake
    list(db.reprocess(batch=5))
    assert sorted(hits(db, "industrial park")) == [("article", 1), ("commitment", 1)]  # read again, same id
    assert len(hits(db, "interference", kinds=("commitment",))) == 1


def test_relations_search_prints_hits_in_every_format(db_url, db, monkeypatch):
    monkeypatch.delenv("RELATIONS_DATABASE_URL", raising=False)
    runner = CliRunner()
    table = runner.invoke(main, ["search", "external interference", "--db", db_url], catch_exceptions=False)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["kind", "id", "date", "title", "snippet"]
    (commitment,) = [line for line in lines if line.startswith("commitment")]
    assert commitment.split()[:3] == ["commitment", "2", "2021-01-26"]
    assert "[external] [interference]" in commitment
    assert len(lines) == 2 + 2  # header, rule, the commitment and its article
    empty = runner.invoke(main, ["search", "zzzz", "--db", db_url, "--format", "json"], catch_exceptions=False)
    assert (empty.exit_code, empty.stdout) == (0, "[]\n")
    blank = runner.invoke(main, ["search", " ", "--db", db_url], catch_exceptions=False)
    assert (blank.exit_code, blank.stderr) == (1, "Error: nothing to search for in ' ': give one or more words\n")
