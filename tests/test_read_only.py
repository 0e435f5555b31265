"""Reading commands on a database that cannot be written, and the errors naming why a database
cannot be opened (a directory, a read-only directory, a ``postgres://`` URL)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from factories import XINHUA, FakeExtractor, xinhua_facts
from relations import Database
from relations.cli import main
from relations.engine import DatabaseError

READERS = [
    ["stats"],
    ["calls"],
    ["leaders"],
    ["timeline", "China", "Belarus"],
    ["search", "park"],
    ["show", "call", "1"],
    ["db", "current"],
]


@pytest.fixture
def stored_db(tmp_path) -> str:
    """A SQLite file holding one article, in its own directory, left as a write leaves it."""
    where = tmp_path / "data"
    where.mkdir()
    path = where / "relations.db"
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    with Database(path, extractor=fake) as db:
        db.ingest_text(XINHUA, published="2021-01-26", source="Xinhua", id="x/1")
    return str(path)


@pytest.fixture
def locked_down(stored_db):
    """The database file and its directory made read-only (undone after the test)."""
    os.chmod(stored_db, 0o444)
    os.chmod(os.path.dirname(stored_db), 0o555)
    yield stored_db
    os.chmod(os.path.dirname(stored_db), 0o755)
    os.chmod(stored_db, 0o644)


def test_a_write_leaves_the_file_in_wal_mode_without_a_log_beside_it(stored_db):
    # What the read-only opening relies on: after a write the log is checkpointed and removed.
    assert not os.path.exists(stored_db + "-wal")
    con = sqlite3.connect(stored_db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_a_read_only_database_is_opened_with_mode_ro_and_queries_work(stored_db):
    with Database(stored_db, read_only=True) as db:
        assert db.stats()["articles"] == 1
        assert len(list(db.calls())) == 1
        with pytest.raises(DatabaseError, match="readonly|read-only"):
            db.ingest_text("Another text.", id="x/2", published="2021-01-27")


def test_read_only_never_creates_a_database(tmp_path):
    with pytest.raises(DatabaseError, match="no such database file"):
        Database(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_the_read_only_uri_is_immutable_only_when_the_directory_cannot_be_written(stored_db, tmp_path,
                                                                                  monkeypatch):
    from pathlib import Path

    from relations.engine import _read_only_uri

    assert _read_only_uri(Path(stored_db)) == f"file:{stored_db}?mode=ro"
    odd = tmp_path / "a dir?#%" / "x.db"
    odd.parent.mkdir()
    assert _read_only_uri(odd) == f"file:{tmp_path}/a%20dir%3F%23%25/x.db?mode=ro"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode))
    assert _read_only_uri(Path(stored_db)) == f"file:{stored_db}?mode=ro&immutable=1"
    Path(stored_db + "-wal").write_bytes(b"")  # a log to read: SQLite must not ignore it
    assert _read_only_uri(Path(stored_db)) == f"file:{stored_db}?mode=ro"


def _can_drop_privileges() -> bool:
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def _as_unprivileged(args: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    """Run ``relations ARGS`` as a user that file permissions apply to: as root, without the
    capabilities that override them (so the interpreter under /root stays reachable)."""
    cmd = [sys.executable, "-c", "from relations.cli import main; main()", *args]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *cmd]
    env = {k: v for k, v in os.environ.items() if k != "RELATIONS_DATABASE_URL"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not _can_drop_privileges(), reason="running as root without setpriv: permissions do not apply")
def test_reading_commands_work_on_a_read_only_file_in_a_read_only_directory(locked_down):
    where = os.path.dirname(locked_down)
    probe = _as_unprivileged(["stats"], where)
    if "Operation not permitted" in probe.stderr:
        pytest.skip("cannot drop capabilities here")
    assert probe.returncode == 0, probe.stderr
    for args in READERS:
        done = _as_unprivileged(args, where)
        assert done.returncode == 0, (args, done.stderr)
        assert "readonly" not in done.stderr and "unable to open" not in done.stderr
    assert sorted(os.listdir(where)) == ["relations.db"]
    # Writing says why it cannot, in one line naming the database.
    done = _as_unprivileged(["ingest", "-"], where)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: sqlite:///relations.db: directory '.' is not writable, and SQLite writes its journal beside the "
        "database: commands that only read work; storing needs it writable"]


@pytest.mark.skipif(not _can_drop_privileges(), reason="running as root without setpriv: permissions do not apply")
def test_creating_a_database_in_a_read_only_directory_names_the_directory(tmp_path):
    where = tmp_path / "ro"
    where.mkdir()
    os.chmod(where, 0o555)
    try:
        done = _as_unprivileged(["db", "upgrade", "--db", "new.db"], str(where))
    finally:
        os.chmod(where, 0o755)
    if "Operation not permitted" in done.stderr:
        pytest.skip("cannot drop capabilities here")
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: sqlite:///new.db: directory '.' is not writable: cannot create the database in it"


@pytest.mark.parametrize("args", [["stats"], ["ingest", "-"]])
def test_a_directory_given_as_db_is_named_as_one(tmp_path, args):
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path)], input="")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: sqlite:///{tmp_path}: {str(tmp_path)!r} is a directory, not a database "
                                     f"file (name a file in it, e.g. {str(tmp_path / 'relations.db')!r})")


def test_a_postgres_url_names_the_url_to_use():
    result = CliRunner().invoke(main, ["stats", "--db", "postgres://me:secret@db.example/relations"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: postgresql+psycopg://me:***@db.example/relations: postgres:// is not a URL "
                                     "SQLAlchemy reads: use postgresql+psycopg://me:***@db.example/relations")
    assert "secret" not in result.output
