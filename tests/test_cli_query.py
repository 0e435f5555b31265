"""The query commands through click's CliRunner: exact output, every --format, one-line errors.

The end-to-end case (the seed article through the real extractor) runs on SQLite and
PostgreSQL; the exact tables use hand-made facts (tests/factories.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factories import BELTA, XINHUA, FakeExtractor, belta_facts, xinhua_facts
from relations import Database
from relations.cli import main
from relations.engine import ENV_URL
from relations.inputs import Record

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"
LISTINGS = {  # command line -> the columns of its csv header
    ("timeline", "China", "Belarus"): "date,event,id,what,who,sources",
    ("calls",): "id,key,date,date_precision,medium,status,initiator,countries,participants,sources,place,host",
    ("commitments",): "id,key,date,actor,kind,text,counterparts,topics,source,speaker,call_id",
    ("leaders",): "id,name,country,organization,calls,articles,first_seen,last_seen",
    ("stats",): "what,value",
    ("search", "park"): "kind,id,date,title,snippet",
}


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db_with_facts(db_url) -> str:
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    fake.add(belta_facts())
    with Database(db_url, extractor=fake) as db:
        list(db.ingest_records([Record(XINHUA, "x"), Record(BELTA, "b")]))
    return db_url


def test_ingest_then_timeline_shows_the_seed_call_and_its_commitments_with_sources(runner, db_url):
    ingested = run(runner, "ingest", str(SEEDS), "--db", db_url)
    assert ingested.exit_code == 0 and ingested.stdout.endswith(": 1 new, 0 skipped, 0 failed\n")
    result = run(runner, "timeline", "China", "Belarus", "--db", db_url)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "event", "id", "what", "who", "sources"]
    call = lines[2]
    assert call.startswith("2021-01-26  call ")
    assert "phone call (held): BLR-CHN" in call
    assert "Alexander Lukashenko (BLR, President); Xi Jinping (CHN, President)" in call
    commitments = [line for line in lines if line[12:].startswith("commitment")]
    assert len(commitments) == 9
    assert all(line.startswith("2021-01-26") and line.endswith("Xinhua") for line in commitments)
    assert any("CHN proposal: boost high-quality development of bilateral Belt and Road" in line for line in commitments)
    assert "comprehensive strategic partnership" in lines[-1]


def test_the_timeline_table_exactly(runner, db_with_facts):
    result = run(runner, "timeline", "BY", "cn", "--db", db_with_facts)
    assert result.stdout.splitlines() == [
        'date        event        id  what                                                                             who                                                                 sources',
        '----------  -----------  --  -------------------------------------------------------------------------------  ------------------------------------------------------------------  -------------',
        '2021-01-26  call         1   phone call (held): BLR-CHN                                                       Alexander Lukashenko (BLR, President); Xi Jinping (CHN, President)  BelTA; Xinhua',
        '2021-01-26  commitment   1   CHN proposal: make solid progress in building the China-Belarus industrial park  Xi Jinping                                                          Xinhua',
        '2021-01-26  commitment   2   BLR opposition: all external interference                                        Alexander Lukashenko                                                Xinhua',
        '2021-01-26  commitment   3   BLR pledge: expand trade with China                                              Alexander Lukashenko                                                BelTA',
        '2021-01-27  partnership  1   BLR-CHN comprehensive strategic partnership                                                                                                          Xinhua',
    ]


@pytest.mark.parametrize("args", list(LISTINGS), ids=lambda a: a[0])
def test_every_listing_writes_json_jsonl_and_csv(runner, db_with_facts, args):
    as_json = run(runner, *args, "--db", db_with_facts, "--format", "json")
    rows = json.loads(as_json.stdout)
    assert as_json.exit_code == 0 and isinstance(rows, list) and rows
    as_jsonl = run(runner, *args, "--db", db_with_facts, "--format", "jsonl")
    assert [json.loads(line) for line in as_jsonl.stdout.splitlines()] == rows
    as_csv = run(runner, *args, "--db", db_with_facts, "--format", "csv")
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert ",".join(table[0]) == LISTINGS[args]
    assert len(table) == len(rows) + 1


def test_an_empty_result_is_still_valid_output(runner, db_with_facts):
    def out(fmt: str) -> str:
        result = run(runner, "timeline", "China", "France", "--db", db_with_facts, "--format", fmt)
        assert result.exit_code == 0
        return result.stdout

    assert out("json") == "[]\n"
    assert json.loads(out("json")) == []
    assert out("jsonl") == ""
    assert out("csv") == "date,event,id,what,who,sources\n"
    assert out("table") == ""


def test_calls_commitments_and_leaders_filter(runner, db_with_facts):
    calls = run(runner, "calls", "--country", "Belarus", "--country", "CHN", "--medium", "phone", "--db",
                db_with_facts, "--format", "json")
    assert [c["sources"][1]["source"] for c in json.loads(calls.stdout)] == ["BelTA"]
    assert json.loads(run(runner, "calls", "--status", "planned", "--db", db_with_facts, "--format", "json").stdout) == []
    pledges = run(runner, "commitments", "--country", "BLR", "--kind", "pledge", "--topic", "trade", "--since",
                  "2021-01-01", "--until", "2021-12-31", "--db", db_with_facts, "--format", "csv")
    first = pledges.stdout.splitlines()[1].split(",")
    assert first[1].startswith("m")  # its key
    assert first[:1] + first[2:] == ["3", "2021-01-26", "BLR", "pledge", "expand trade with China", "CHN", "trade",
                                     "BelTA", "Alexander Lukashenko", "1"]
    leaders = run(runner, "leaders", "--country", "Belarusian", "--db", db_with_facts, "--format", "csv")
    assert leaders.stdout.splitlines()[1].split(",")[1:] == [
        "Alexander Lukashenko", "BLR", "", "1", "2", "2021-01-26", "2021-01-26"]


@pytest.mark.parametrize("args", [("calls",), ("leaders",), ("commitments",)], ids=lambda a: a[0])
def test_csv_has_every_plain_field_json_has(runner, db_with_facts, args):
    rows = json.loads(run(runner, *args, "--db", db_with_facts, "--format", "json").stdout)
    header = run(runner, *args, "--db", db_with_facts, "--format", "csv").stdout.splitlines()[0].split(",")
    plain = {k for row in rows for k, v in row.items() if not isinstance(v, (dict, list))}
    assert plain - set(header) - {"text_start", "text_end"} == set()  # offsets into the sentence: JSON only


def test_show_gives_the_evidence(runner, db_with_facts):
    call = run(runner, "show", "call", "1", "--db", db_with_facts)
    assert call.exit_code == 0
    evidence = [line for line in call.stdout.splitlines() if line.startswith("evidence")]
    first, second = XINHUA.split(". ")[0] + ".", BELTA.split(". ")[0] + "."
    assert evidence == [
        f"evidence     [article 1: Xinhua, 2021-01-27] {first} (characters 0-{len(first)})",
        f"evidence     [article 2: BelTA, 2021-01-27] {second} (characters 0-{len(second)})",
    ]
    commitment = json.loads(run(runner, "show", "commitment", "2", "--db", db_with_facts, "--format", "json").stdout)
    assert commitment["source"]["sentence"] == "Lukashenko said Belarus firmly opposes all external interference."
    article = run(runner, "show", "article", "2", "--text", "--db", db_with_facts)
    assert article.stdout.splitlines()[-1] == f"{'text':10}  {BELTA}"  # labels padded to "commitment"
    missing = run(runner, "show", "call", "99", "--db", db_with_facts)
    assert (missing.exit_code, missing.stderr) == (1, "Error: no call with id 99\n")


def test_errors_are_one_line(runner, db_with_facts, tmp_path):
    unknown = run(runner, "timeline", "Narnia", "China", "--db", db_with_facts)
    assert (unknown.exit_code, unknown.stdout) == (1, "")
    assert unknown.stderr == "Error: unknown country 'Narnia': give a name, a demonym, or an ISO2 or ISO3 code\n"
    topic = run(runner, "commitments", "--topic", "astrology", "--db", db_with_facts, "--format", "json")
    assert (topic.exit_code, topic.stdout) == (1, "")
    assert topic.stderr == "Error: unknown topic 'astrology': `relations topics` lists them\n"
    date = run(runner, "calls", "--since", "May 2021", "--db", db_with_facts)
    assert date.stderr == "Error: since must be a YYYY-MM-DD date, not 'May 2021'\n"
    missing = run(runner, "stats", "--db", str(tmp_path / "nothing.db"))
    assert missing.stderr == f"Error: sqlite:///{tmp_path / 'nothing.db'}: no such database file\n"
    assert not (tmp_path / "nothing.db").exists()


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(prefix + (name,))
        if isinstance(command, click.Group):
            found += commands(command, prefix + (name,))
    return found


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_help_ends_with_an_example(runner, path):
    result = run(runner, *path, "--help")
    assert result.exit_code == 0
    description = result.stdout.split("\nOptions:")[0].rstrip().splitlines()
    assert description[-2].strip() == "Example:"
    assert description[-1].strip().startswith("relations ")


UNDATED = """An undated readout. Prime Minister Narendra Modi held a phone call with Prime Minister Fumio
Kishida of Japan. Modi said India will deepen cooperation with Japan on clean energy."""


def test_the_timeline_says_how_many_undated_events_it_leaves_out(runner, db_url):
    with Database(db_url) as db:
        assert db.ingest_text(UNDATED, id="undated").status == "new"
        assert db.undated("India", "Japan") == (1, 1)
    result = run(runner, "timeline", "India", "Japan", "--db", db_url)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ("not shown, their date unknown: 1 call (relations calls --country India --country Japan) "
                             "and 1 commitment (relations commitments --country India)\nnothing matches\n")
    listed = run(runner, "calls", "--country", "India", "--country", "Japan", "--db", db_url, "--format", "jsonl")
    assert [json.loads(line)["date"] for line in listed.stdout.splitlines()] == [None]


def test_an_empty_table_says_nothing_matches(runner, db_with_facts):
    result = run(runner, "calls", "--country", "Japan", "--db", db_with_facts)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "nothing matches\n")
    result = run(runner, "calls", "--country", "Japan", "--db", db_with_facts, "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_an_organization_given_as_a_country_is_named_as_one(runner, db_with_facts):
    result = run(runner, "timeline", "EU", "China", "--db", db_with_facts)
    assert (result.exit_code, result.stderr) == (1, "Error: 'EU' is an organization (European Union), not a country: "
                                                    "timelines, calls and commitments are filtered by country\n")
    result = run(runner, "calls", "--country", "Narnia", "--db", db_with_facts)
    assert (result.exit_code, result.stderr) == (
        1, "Error: unknown country 'Narnia': give a name, a demonym, or an ISO2 or ISO3 code\n")
