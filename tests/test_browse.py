"""Browsing what a database holds: articles, partnerships, topics and countries (library and
CLI), an article shown by its own id, and an organization's leaders. Runs on both backends."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, facts, xinhua_facts
from relations import Database
from relations.cli import main
from relations.engine import ENV_URL
from relations.facts import Person
from relations.inputs import Record
from relations.storage.listings import AmbiguousArticleError
from relations.storage.queries import NotFoundError

UN = "Secretary-General António Guterres welcomed the talks."
GUTERRES = Person("António Guterres", None, "Secretary-General", organization="UN")


@pytest.fixture
def db_url_with_facts(db_url) -> str:
    fake = FakeExtractor()
    for f in (xinhua_facts(), belta_facts(), facts(UN, published=None, source="UN News", leaders=(GUTERRES,))):
        fake.add(f)
    with Database(db_url, extractor=fake) as db:
        list(db.ingest_records([Record(XINHUA, "x", id="xinhua/2021-01-26"), Record(BELTA, "b", id="4711"),
                                Record(UN, "u", id="un/1")]))
    return db_url


@pytest.fixture
def db(db_url_with_facts):
    with Database(db_url_with_facts, read_only=True) as database:
        yield database


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


def test_articles_are_listed_by_date_undated_last_with_their_counts(db):
    rows = list(db.articles())
    assert [(r.external_id, r.source, r.calls) for r in rows] == [
        ("xinhua/2021-01-26", "Xinhua", 1), ("4711", "BelTA", 1), ("un/1", "UN News", 0)]
    assert rows[0].commitments == 2
    assert [r.external_id for r in db.articles(source="belta")] == ["4711"]
    assert [r.external_id for r in db.articles(limit=1)] == ["xinhua/2021-01-26"]
    assert list(db.articles(until="2020-12-31")) == []


def test_an_article_is_found_by_its_own_id(db):
    by_number = db.article(1)
    assert db.article("xinhua/2021-01-26") == by_number
    with pytest.raises(NotFoundError, match="no article with id 'kremlin/68409'"):
        db.article("kremlin/68409")


def test_an_own_id_given_to_two_articles_is_named_as_such(db_url_with_facts):
    with Database(db_url_with_facts) as db:
        db.ingest_text("Another article.", id="un/1", published="2021-02-01")
        with pytest.raises(AmbiguousArticleError, match="article id 'un/1' is shared by stored articles 3, 4"):
            db.article("un/1")


def test_partnerships_topics_and_countries(db):
    assert [(p.countries, p.level) for p in db.partnerships()] == [
        (("BLR", "CHN"), "comprehensive strategic partnership")]
    assert list(db.partnerships("United States")) == []
    topics = {t.name: t for t in db.topics()}
    assert {name: t.commitments for name, t in topics.items() if t.commitments} == {
        "China-Belarus Industrial Park": 1, "trade": 1}
    assert "Belt and Road" in topics["Belt and Road Initiative"].aliases
    countries = list(db.countries())
    assert sorted(c.iso3 for c in countries) == ["BLR", "CHN"]
    assert all(c.calls == 1 and c.partnerships == 1 for c in countries)
    assert len(list(db.countries(include_all=True))) > 190


def test_an_organizations_leaders_are_listed_by_its_name_or_code(db):
    for name in ("UN", "United Nations"):
        assert [(r.name, r.organization) for r in db.leaders(name)] == [("António Guterres", "UN")]


def test_show_article_takes_its_own_id_even_when_it_is_a_number(runner, db_url_with_facts):
    shown = runner.invoke(main, ["show", "article", "xinhua/2021-01-26", "--db", db_url_with_facts])
    assert shown.exit_code == 0, shown.output
    lines = [line.split() for line in shown.stdout.splitlines()]
    assert lines[0] == ["article", "1"] and ["id", "xinhua/2021-01-26"] in lines[:4]
    by_own_number = runner.invoke(main, ["show", "article", "4711", "--db", db_url_with_facts])
    assert by_own_number.exit_code == 0
    lines = [line.split() for line in by_own_number.stdout.splitlines()]
    assert lines[0] == ["article", "2"] and ["id", "4711"] in lines[:4]
    missing = runner.invoke(main, ["show", "article", "kremlin/68409", "--db", db_url_with_facts])
    assert (missing.exit_code, missing.stderr) == (1, "Error: no article with id 'kremlin/68409'\n")
    bad = runner.invoke(main, ["show", "call", "x", "--db", db_url_with_facts])
    assert (bad.exit_code, bad.stderr) == (1, "Error: no call with key 'x'\n")  # a string is a fact's key


@pytest.mark.parametrize("args, header", [
    (["articles"], "id,article_id,published,source,calls,commitments,title"),
    (["partnerships"], "id,date,countries,level,source"),
    (["topics"], "name,kind,commitments,aliases"),
    (["countries"], "iso3,iso2,name,calls,commitments,partnerships"),
])
def test_every_browse_listing_writes_each_format(runner, db_url_with_facts, args, header):
    out = {fmt: runner.invoke(main, [*args, "--format", fmt, "--db", db_url_with_facts])
           for fmt in ("table", "json", "jsonl", "csv")}
    assert all(r.exit_code == 0 for r in out.values()), {k: r.output for k, r in out.items()}
    rows = json.loads(out["json"].stdout)
    assert rows and [json.loads(line) for line in out["jsonl"].stdout.splitlines()] == rows
    table = list(csv.reader(io.StringIO(out["csv"].stdout)))
    assert ",".join(table[0]) == header and len(table) == len(rows) + 1
    assert out["table"].stdout.split()[0] == header.split(",")[0]


def test_leaders_of_an_organization_and_the_topic_error_through_the_cli(runner, db_url_with_facts):
    un = runner.invoke(main, ["leaders", "--country", "UN", "--format", "csv", "--db", db_url_with_facts])
    assert un.exit_code == 0, un.output
    assert [r[1:4] for r in csv.reader(io.StringIO(un.stdout))][1:] == [["António Guterres", "", "UN"]]
    bad = runner.invoke(main, ["commitments", "--topic", "zzz", "--db", db_url_with_facts])
    assert bad.stderr == "Error: unknown topic 'zzz': `relations topics` lists them\n"


def test_timeline_limit(runner, db_url_with_facts):
    done = runner.invoke(main, ["timeline", "China", "Belarus", "--limit", "2", "--format", "jsonl",
                                "--db", db_url_with_facts])
    assert done.exit_code == 0
    assert [json.loads(line)["event"] for line in done.stdout.splitlines()] == ["call", "commitment"]
