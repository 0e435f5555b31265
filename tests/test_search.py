"""Full-text search: relations search and Database.search on SQLite (FTS5) and PostgreSQL (tsvector).

The index follows the tables however they change (triggers on SQLite, an expression index on
PostgreSQL), and a user's words are taken literally, whatever punctuation or operators they hold.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, xinhua_facts
from relations import Database
from relations.cli import main
from relations.inputs import Record
from relations.storage.search import SNIPPET_WIDTH, SearchError, clip, fts5_expression, tsquery_expression


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


@pytest.mark.parametrize("query, fts5, tsquery", [
    ("industrial park", '"industrial" "park"', "'industrial' & 'park'"),
    ('"industrial park" trade', '"industrial park" "trade"', "'industrial' <-> 'park' & 'trade'"),
    ("industr* park", '"industr"* "park"', "'industr':* & 'park'"),
    ('"industrial par"*', '"industrial par"*', "'industrial' <-> 'par':*"),
    ('say "hello', '"say" "hello"', "'say' & 'hello'"),  # an unclosed quote: its phrase runs to the end
    ('"" "  " x', '"x"', "'x'"),
    ("trade OR NEAR(x y) *", '"trade" "OR" "NEAR" "x" "y"', "'trade' & 'OR' & 'NEAR' & 'x' & 'y'"),
    ("  text:park  ^start -no ", '"text" "park" "start" "no"', "'text' & 'park' & 'start' & 'no'"),
    ("China-Belarus Côte_d'Ivoire", '"China" "Belarus" "Côte" "d" "Ivoire"',
     "'China' & 'Belarus' & 'Côte' & 'd' & 'Ivoire'"),
])
def test_user_terms_are_quoted_for_fts5_and_postgresql(query, fts5, tsquery):
    assert fts5_expression(query) == fts5
    assert tsquery_expression(query) == tsquery


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


# -- phrases, prefixes and hostile input: the same on both engines ----------------------------------

FAR_APART = ("Officials toured Highland Park on Monday and met the mayor of the city. "
             "On Tuesday they discussed industrial policy with the regional government.")


@pytest.fixture
def db3(db):
    list(db.ingest_records([Record(FAR_APART, "far")]))
    return db


def test_a_quoted_phrase_needs_its_words_in_a_row(db3):
    assert sorted(hits(db3, "industrial park")) == [("article", 1), ("article", 3), ("commitment", 1)]
    assert sorted(hits(db3, '"industrial park"')) == [("article", 1), ("commitment", 1)]
    assert hits(db3, '"park industrial"') == []
    assert hits(db3, '"Highland Park" "regional government"') == [("article", 3)]
    assert hits(db3, '"industrial parks"') != []  # the words of a phrase are stemmed too


def test_a_star_after_a_word_makes_it_a_prefix(db3):
    assert sorted(hits(db3, "industr*")) == [("article", 1), ("article", 3), ("commitment", 1)]
    assert hits(db3, "industr") == []  # without the star a word is a whole word
    assert hits(db3, "Highl* mayo*") == [("article", 3)]
    assert sorted(hits(db3, '"industrial pa"*')) == [("article", 1), ("commitment", 1)]
    assert hits(db3, "industr *") == []  # a star on its own is dropped


HOSTILE = ['"', '""', '"""', "*", "**", "-", "- -x", "NEAR", "NEAR(a b, 2)", "a OR b", "NOT x", "(", ")", "()",
           "((x)", "x)", "^x", "title:x", "{title text}:x", "x:*", "'x'", "x' & 'y", "x <-> y", "!x", "x | y",
           "x & !y", "\\", "\\'", "'", "\x00x", "x\u200by", "éè", "日本 中国", "\U0001f600 park", "½", "x²",
           "ǅ", "İstanbul", "ß*", "\ufeffx", '"x*"', '"x" *', "x**", "*x", "+x", "x:", "AND", "OR OR",
           "" , " ", "\t\n"]


def test_hostile_queries_are_never_a_syntax_error(db3):
    refused = []
    for query in HOSTILE:
        try:
            found = hits(db3, query)
        except SearchError as e:
            assert "nothing to search for" in str(e)
            refused.append(query)
        else:
            assert all(kind in ("article", "commitment") for kind, _id in found), query
    assert refused == ['"', '""', '"""', "*", "**", "-", "(", ")", "()", "\\", "\\'", "'", "", " ", "\t\n"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_is_a_query_or_a_clear_error(db, query):
    try:
        list(db.search(query))
    except SearchError as e:
        assert "nothing to search for" in str(e)


LONG = ("The delegation arrived in the capital on Monday morning and was welcomed by the deputy foreign "
        "minister at the airport, where the two sides spoke briefly to the press about the weather, the "
        "harvest and the coming festival season before they drove to the city centre for lunch. After lunch "
        "the ministers agreed to build a zeppelin hangar near the border with funds from both budgets, a "
        "project first proposed many years ago by engineers from both countries and later shelved twice.")


def test_a_snippet_holds_its_highlighted_match_and_fits_a_table_cell(db):
    list(db.ingest_records([Record(LONG, "long", title="A long day")]))
    (hit,) = db.search("zeppelin")
    assert "[zeppelin]" in hit.snippet and len(hit.snippet) <= SNIPPET_WIDTH
    assert not hit.snippet.startswith("The delegation")  # the match is far into the text
    (hit,) = db.search('"A long day"')  # a match in the title is shown from the title
    assert "long" in hit.snippet and "day]" in hit.snippet


@pytest.mark.parametrize("at", [0, 5, 30, 58])
def test_clip_keeps_the_first_match_whole_in_whole_words(at):
    words = [f"w{i}" for i in range(60)]
    words[at] = "\x02first\x03"
    words[at + 1] = "\x02second\x03"
    clipped = clip(" ".join(words), 40)
    assert "[first] [second]" in clipped and len(clipped) <= 40
    assert all(w.strip(".") in {"[first]", "[second]"} | set(words) for w in clipped.split())
    assert clip("\x02" + "x" * 100 + "\x03", 40) == "[" + "x" * 100 + "]"  # a match longer than the room
    assert clip("a  b\n c [d]", 40) == "a b c [d]"
