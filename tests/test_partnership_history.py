"""Partnership history: upgrade wording read by the extractor, stored in partnerships.upgrade,
and the levels over time (relations.analysis.partnership_history, `relations partnership`,
the view partnership_history), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from relations import Database, extract
from relations.cli import main
from relations.engine import ENV_URL
from relations.extraction import lexicon
from relations.extraction.partnerships import _level_pattern, is_upgrade
from relations.facts import facts_from_dict
from relations.storage.facts_input import to_facts

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "china_belarus"
CSP, AW = "comprehensive strategic partnership", "all-weather comprehensive strategic partnership"


@pytest.mark.parametrize("row", lexicon.rows("partnership_upgrades", "word", "example"), ids=lambda r: r["word"])
def test_every_upgrade_word_is_read_in_its_example(row):
    text = row["example"]
    assert row["word"] in text.lower().split()
    m = _level_pattern()[0].search(text)
    assert m is not None and is_upgrade(text, 0, m.start())


@pytest.mark.parametrize("text", [
    "Xi said the China-Belarus comprehensive strategic partnership will surely achieve greater development.",
    "The two sides agreed to raise the comprehensive strategic partnership to a new high.",
    "They will upgrade the industrial park and deepen the comprehensive strategic partnership.",
    "Japan and the Philippines elevated cooperation. They reaffirmed the strategic partnership.",
])
def test_a_level_merely_stated_is_no_upgrade(text):
    for m in _level_pattern()[0].finditer(text):
        start = text.rfind(". ", 0, m.start()) + 2 if ". " in text[: m.start()] else 0
        assert not is_upgrade(text, start, m.start())


def test_the_facts_say_upgrade_only_when_it_is_one_and_read_back():
    facts = extract("Vietnam and the United States upgraded ties to a comprehensive strategic partnership. "
                    "Vietnam and the United States praised their comprehensive strategic partnership.")
    (p,) = facts.partnerships  # one level per pair and article: the first statement
    assert p.upgrade and p.to_dict()["upgrade"] is True
    again = facts_from_dict(facts.to_dict(include_text=True))
    assert again.partnerships == facts.partnerships
    plain = extract("Vietnam and the United States praised their comprehensive strategic partnership.")
    assert "upgrade" not in plain.partnerships[0].to_dict()
    record = facts.to_dict(include_text=True)
    assert to_facts(record).partnerships[0].upgrade
    record["partnerships"][0]["upgrade"] = "yes"
    with pytest.raises(ValueError, match=r"partnerships\[0\]\.upgrade must be a boolean"):
        to_facts(record)


@pytest.fixture
def four_years(db_url) -> str:
    with Database(db_url) as db:
        assert db.ingest_path(str(SEEDS), str(FIXTURES)).new == 4
    return db_url


def test_the_pair_went_from_comprehensive_to_all_weather_in_2022(four_years):
    with Database(four_years, create=False) as db:
        history = db.partnership_history("Belarus", "China")
    csp, aw = history.levels
    assert (csp.level, csp.first_stated, csp.last_stated, csp.statements, csp.upgraded_on) == (
        CSP, dt.date(2021, 1, 26), dt.date(2021, 1, 26), 1, None)
    assert (aw.level, aw.first_stated, aw.last_stated, aw.statements, aw.upgraded_on) == (
        AW, dt.date(2022, 9, 15), dt.date(2023, 3, 1), 2, dt.date(2022, 9, 15))
    (up,) = history.upgrades
    assert (up.date, up.level, up.previous_level, up.countries) == (dt.date(2022, 9, 15), AW, CSP, ("BLR", "CHN"))
    assert "elevation of their relations" in up.source.sentence
    assert [(r.event, r.level) for r in history.rows()] == [("level", CSP), ("upgrade", AW), ("level", AW)]


def test_the_view_gives_each_statement_with_its_upgrade_and_level_span(four_years):
    with Database(four_years, create=False) as db, db.engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT stated_on, country_a, country_b, level, upgrade, event, previous_level, level_first_stated, "
            "level_last_stated, level_statements FROM partnership_history ORDER BY stated_on")).all()
    got = [tuple(str(v)[:10] if isinstance(v, (dt.date, str)) and k in (0, 7, 8) else v for k, v in enumerate(r))
           for r in rows]
    assert got == [
        ("2021-01-26", "BLR", "CHN", CSP, 0, "stated", None, "2021-01-26", "2021-01-26", 1),
        ("2022-09-15", "BLR", "CHN", AW, 1, "upgrade", CSP, "2022-09-15", "2023-03-01", 2),
        ("2023-03-01", "BLR", "CHN", AW, 0, "stated", CSP, "2022-09-15", "2023-03-01", 2),
    ]


def test_cli_partnership_lists_levels_and_upgrades(four_years, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["partnership", "China", "Belarus", "--format", "csv", "--db", four_years])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "date,event,level,first_stated,last_stated,statements,previous_level,sources,sentence"
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["2021-01-26", "level", CSP], ["2022-09-15", "upgrade", AW], ["2022-09-15", "level", AW]]
    as_json = json.loads(runner.invoke(main, ["partnership", "CHN", "BLR", "--format", "json", "--db", four_years]).stdout)
    assert [r["event"] for r in as_json] == ["level", "upgrade", "level"]
    assert as_json[1]["previous_level"] == CSP and as_json[1]["source"]["published"] == "2022-09-16"
    assert runner.invoke(main, ["partnership", "CHN", "FRA", "--format", "json", "--db", four_years]).stdout == "[]\n"
    bad = runner.invoke(main, ["partnership", "China", "China", "--db", four_years])
    assert bad.exit_code == 1 and "two different countries" in bad.stderr
