"""Commitment threads (relations.analysis.threads, `relations threads`, the view
commitment_threads): the seed article and three invented China-Belarus readouts of 2022-2024
(tests/fixtures/china_belarus), through the real extractor, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from relations import Database
from relations.analysis.threads import _thread
from relations.cli import main
from relations.engine import ENV_URL
from relations.storage.queries import UnknownNameError
from relations.storage.rows import CommitmentRow, Source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "china_belarus"
PARK = "China-Belarus Industrial Park"


@pytest.fixture
def four_years(db_url) -> str:
    with Database(db_url) as db:
        assert db.ingest_path(str(SEEDS), str(FIXTURES)).new == 4
    return db_url


def test_the_seed_pledge_on_the_industrial_park_is_in_a_thread(db_url):
    with Database(db_url) as db:
        db.ingest_path(str(SEEDS))
        (thread,) = db.threads("China", "Belarus", topic="industrial park")
    assert thread.topic == PARK and thread.countries == ("BLR", "CHN")
    assert thread.first_date == thread.last_date == dt.date(2021, 1, 26)
    texts = [c.text for c in thread.items]
    assert "make solid progress in the construction of China-Belarus industrial park" in texts
    assert thread.raised_by == "CHN" and thread.articles == 1 and not thread.moved_to_agreement


def test_the_industrial_park_recurs_over_four_years_and_moves_to_an_agreement(four_years):
    with Database(four_years, create=False) as db:
        (thread,) = db.threads("Belarus", "China", topic="China-Belarus industrial park")
    assert (thread.first_date, thread.last_date) == (dt.date(2021, 1, 26), dt.date(2024, 7, 4))
    assert thread.years == (2021, 2022, 2023, 2024)
    assert thread.articles == 4 and thread.commitments == 6
    assert thread.raised_by == "CHN" and thread.actors == ("BLR", "CHN")
    assert thread.progression == ("proposal", "pledge", "agreement")
    assert thread.agreed_on == dt.date(2023, 3, 1) and thread.moved_to_agreement
    assert [c.date for c in thread.items] == sorted(c.date for c in thread.items)
    assert {s.published for s in thread.sources} == {dt.date(2021, 1, 27), dt.date(2022, 9, 16),
                                                      dt.date(2023, 3, 2), dt.date(2024, 7, 5)}


def test_threads_are_ordered_by_recurrence_and_a_thread_without_agreement_did_not_move(four_years):
    with Database(four_years, create=False) as db:
        found = db.threads("China", "Belarus")
    assert [t.articles for t in found] == sorted((t.articles for t in found), reverse=True)
    bri = next(t for t in found if t.topic == "Belt and Road Initiative")
    assert bri.agreed_on is None and not bri.moved_to_agreement and bri.years == (2021, 2022)


def test_unknown_topic_and_one_country_twice_are_named_errors(four_years):
    with Database(four_years, create=False) as db:
        with pytest.raises(UnknownNameError, match="unknown topic 'zeppelins'"):
            db.threads("China", "Belarus", topic="zeppelins")
        with pytest.raises(Exception, match="two different countries"):
            db.threads("China", "CHN")
        assert db.threads("China", "France") == []


def test_the_view_agrees_with_the_library_in_both_orientations(four_years):
    with Database(four_years, create=False) as db:
        threads = {t.topic: t for t in db.threads("China", "Belarus")}
        with db.engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT country, partner, topic, first_date, last_date, commitments, articles, raised_by, actors, "
                "agreed_on, moved_to_agreement, commitment_ids FROM commitment_threads "
                "WHERE partner IN ('CHN', 'BLR') ORDER BY topic, country")).mappings().all()
    assert len(rows) == 2 * len(threads)
    for r in rows:
        t = threads[r["topic"]]
        assert {r["country"], r["partner"]} == {"BLR", "CHN"}
        assert str(r["first_date"])[:10] == t.first_date.isoformat()
        assert str(r["last_date"])[:10] == t.last_date.isoformat()
        assert (r["commitments"], r["articles"], r["raised_by"]) == (t.commitments, t.articles, t.raised_by)
        assert r["actors"] == ", ".join(t.actors)
        assert (str(r["agreed_on"])[:10] if r["agreed_on"] else None) == (t.agreed_on and t.agreed_on.isoformat())
        assert bool(r["moved_to_agreement"]) is t.moved_to_agreement
        assert sorted(int(i) for i in r["commitment_ids"].split(", ")) == sorted(c.id for c in t.items)


def _row(ident: int, day: int | None, kind: str, actor: str = "CHN") -> CommitmentRow:
    date = dt.date(2022, 1, day) if day else None
    return CommitmentRow(ident, date, kind, actor, None, "text", ("BLR",), ("trade",), None,
                         Source(ident, "X", None, None, date), 0, 4)


def test_an_agreement_before_any_proposal_is_not_a_move_and_undated_rows_come_last():
    t = _thread(("BLR", "CHN"), "trade", [_row(3, None, "proposal"), _row(2, 9, "proposal", "BLR"),
                                         _row(1, 5, "agreement")])
    assert [c.id for c in t.items] == [1, 2, 3]
    assert t.raised_by == "CHN" and t.first_date == dt.date(2022, 1, 5) and t.last_date == dt.date(2022, 1, 9)
    assert t.progression == ("agreement", "proposal") and t.agreed_on == dt.date(2022, 1, 5)
    assert not t.moved_to_agreement
    later = _thread(("BLR", "CHN"), "trade", [_row(1, 5, "pledge"), _row(2, 5, "agreement")])
    assert later.moved_to_agreement


def test_cli_threads_lists_the_thread_as_json_with_each_sentence(four_years, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    runner = CliRunner()
    result = runner.invoke(main, ["threads", "CHN", "BLR", "--topic", "industrial park", "--format", "json",
                                  "--db", four_years], catch_exceptions=False)
    assert result.exit_code == 0
    (thread,) = json.loads(result.stdout)
    assert thread["topic"] == PARK and thread["articles"] == 4 and thread["moved_to_agreement"] is True
    assert any("make solid progress" in c["source"]["sentence"] for c in thread["items"])
    csv_out = runner.invoke(main, ["threads", "CHN", "BLR", "--format", "csv", "--db", four_years]).stdout
    assert csv_out.splitlines()[0] == ("topic,first,last,articles,commitments,raised_by,kinds,agreed_on,"
                                       "moved_to_agreement,commitment_ids,sources")
    assert csv_out.splitlines()[1].startswith(f"{PARK},2021-01-26,2024-07-04,4,6,CHN,proposal > pledge > agreement")
    empty = runner.invoke(main, ["threads", "CHN", "FRA", "--format", "json", "--db", four_years])
    assert empty.exit_code == 0 and empty.stdout == "[]\n"
    bad = runner.invoke(main, ["threads", "CHN", "BLR", "--topic", "zeppelins", "--db", four_years])
    assert bad.exit_code == 1 and bad.stderr.strip() == "Error: unknown topic 'zeppelins': see the topics table (relations stats lists them)"
