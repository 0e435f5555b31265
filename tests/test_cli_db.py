"""``relations db`` through click's CliRunner: exact output, exit codes, one-line errors."""

from __future__ import annotations

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from relations import schema
from relations.cli import main
from relations.engine import ENV_URL, create_engine, display_url

HEAD = schema.head()


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str, **kwargs):
    return runner.invoke(main, list(args), catch_exceptions=False, **kwargs)


def shown(db_url: str) -> str:
    return display_url(db_url)


def test_upgrade_creates_then_reports_already_at_head(runner, db_url):
    first = run(runner, "db", "upgrade", "--db", db_url)
    assert (first.exit_code, first.stdout) == (0, f"{shown(db_url)}: upgraded from empty to {HEAD}\n")
    again = run(runner, "db", "upgrade", "--db", db_url)
    assert (again.exit_code, again.stdout) == (0, f"{shown(db_url)}: already at {HEAD}\n")


def test_current_and_check_at_head(runner, db_url):
    run(runner, "db", "upgrade", "--db", db_url)
    current = run(runner, "db", "current", "--db", db_url)
    assert (current.exit_code, current.stdout) == (0, f"{HEAD} (head)\n")
    check = run(runner, "db", "check", "--db", db_url)
    assert (check.exit_code, check.stdout, check.stderr) == (0, f"{shown(db_url)}: at head {HEAD}\n", "")


def test_check_fails_with_one_line_on_an_outdated_database(runner, db_url):
    run(runner, "db", "upgrade", "0001", "--db", db_url)
    current = run(runner, "db", "current", "--db", db_url)
    assert current.stdout == f"0001 (outdated: head is {HEAD})\n"
    check = run(runner, "db", "check", "--db", db_url)
    assert check.exit_code == 1
    assert check.stdout == ""
    assert check.stderr.count("\n") == 1
    assert check.stderr.startswith("Error: database ")
    assert f"run `relations db upgrade --db {shown(db_url)}`" in check.stderr


def test_check_fails_on_an_empty_database(runner, db_url, engine):
    engine.connect().close()  # the SQLite file exists, with no tables
    check = run(runner, "db", "check", "--db", db_url)
    assert check.exit_code == 1
    assert "has no schema: run `relations db upgrade --db" in check.stderr


def test_check_and_current_do_not_create_a_missing_sqlite_file(runner, tmp_path):
    path = tmp_path / "missing.db"
    for command in ("check", "current"):
        result = run(runner, "db", command, "--db", str(path))
        assert result.exit_code == 1
        assert result.stderr == f"Error: sqlite:///{path}: no such database file\n"
    assert not path.exists()


def test_a_newer_database_is_refused_by_every_command(runner, db_url):
    engine = create_engine(db_url)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dfeed0099'")
    for args in (("upgrade",), ("check",), ("seed",), ("downgrade", "0001", "--yes")):
        result = run(runner, "db", *args, "--db", db_url)
        assert result.exit_code == 1, args
        assert "f00dfeed0099" in result.stderr and "newer release" in result.stderr
        assert result.stderr.count("\n") == 1
    assert run(runner, "db", "current", "--db", db_url).stdout.startswith("f00dfeed0099 (unknown: newer")
    assert schema.current(engine) == "f00dfeed0099"
    assert "countries" in sa.inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM countries").scalar() == 0  # seed wrote nothing
    engine.dispose()


def test_seed_twice_changes_nothing_the_second_time(runner, db_url):
    first = run(runner, "db", "seed", "--db", db_url)
    assert first.exit_code == 0
    assert first.stdout.startswith(f"{shown(db_url)}: seeded: countries +")
    second = run(runner, "db", "seed", "--db", db_url)
    assert (second.exit_code, second.stdout) == (0, f"{shown(db_url)}: seeded: nothing to change\n")
    assert run(runner, "db", "check", "--db", db_url).exit_code == 0  # seed created the schema


def test_downgrade_asks_first_and_needs_yes_without_a_terminal(runner, db_url):
    run(runner, "db", "upgrade", "--db", db_url)
    refused = run(runner, "db", "downgrade", "0001", "--db", db_url, input="n\n")
    assert refused.exit_code == 1
    engine = create_engine(db_url)
    assert schema.current(engine) == HEAD
    engine.dispose()
    done = run(runner, "db", "downgrade", "0001", "--db", db_url, "--yes")
    assert (done.exit_code, done.stdout) == (0, f"{shown(db_url)}: downgraded from {HEAD} to 0001\n")


def test_database_url_from_the_environment(runner, sqlite_url):
    result = run(runner, "db", "upgrade", env={ENV_URL: sqlite_url})
    assert result.stdout == f"{shown(sqlite_url)}: upgraded from empty to {HEAD}\n"
    assert run(runner, "db", "check", "--db", sqlite_url).exit_code == 0


def test_default_database_is_relations_db_in_the_current_directory(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "db", "upgrade")
    assert result.stdout == f"sqlite:///relations.db: upgraded from empty to {HEAD}\n"
    assert (tmp_path / "relations.db").is_file()


@pytest.mark.parametrize(
    "url, message",
    [
        ("nosuchdialect://x", "nosuchdialect://x: no driver for this URL"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/x", "postgresql+psycopg://nobody@127.0.0.1:1/x: cannot connect:"),
    ],
)
def test_bad_database_is_one_line_on_stderr(runner, url, message):
    result = run(runner, "db", "upgrade", "--db", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_password_is_hidden_in_messages(runner):
    result = run(runner, "db", "upgrade", "--db", "postgresql+psycopg://u:s3cret@127.0.0.1:1/x")
    assert result.exit_code == 1
    assert "s3cret" not in result.stderr and "u:***@" in result.stderr


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name", [n for n, _ in _commands(main.commands["db"], "db ")] + ["db"])
def test_every_db_command_help_ends_with_an_example(runner, name):
    result = run(runner, *name.split(), "--help")
    assert result.exit_code == 0
    description = result.stdout.split("Options:")[0].rstrip().splitlines()
    assert description[-2].strip() == "Example:"
    assert description[-1].strip().startswith("relations db")
