"""Faults in the middle of a run: what was committed survives whole, and running again completes it.

- a run killed with SIGKILL in the middle of a batch (SQLite and PostgreSQL);
- a full disk (SQLite: ``PRAGMA max_page_count`` on every connection);
- a read-only database: a file the process may not write (SQLite; run without the capability
  that lets root write any file), a database whose sessions are read-only (PostgreSQL);
- the connection lost in the middle of a batch (PostgreSQL: ``pg_terminate_backend``);
- Ctrl-C (a real SIGINT) in the middle of a run, with and without extraction workers.

Each must end with one line on stderr naming the database, leave a consistent database
(SQLite: integrity and foreign-key checks; both: no call without a source, every stored
article with all its rows, nothing stored twice), and the same command run again must store
the rest: the database then holds exactly what one clean run stores.
"""

from __future__ import annotations

import ctypes
import os
import signal

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import corpus
import procs
from dbdump import dump, duplicates, integrity, per_article
from relations import Database
from relations.cli import main
from relations.engine import ENV_URL, display_url

ROWS = 300  # generated records (and the seed article): a run of a second or so
STOPPED = "; stopped, the rest not stored (see the error below)\n"  # the summary line of a run stopped by an error
INTERRUPTED = "; interrupted, the rest not stored (run the same command again to store it)\n"
KEPT = "committed before it are kept: fix it, then run the same command again (what is stored is skipped)"


@pytest.fixture(scope="module")
def reference() -> dict:
    return corpus.reference(ROWS)


@pytest.fixture
def inputs(tmp_path):
    return corpus.write_jsonl(tmp_path / "corpus.jsonl", [corpus.seed_record(), *corpus.records(ROWS)])


def check_consistent(url: str, reference: dict) -> int:
    """The database is consistent and every stored article has exactly the rows a clean run
    gives it; the number of articles stored."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        assert integrity(engine) == []
        assert duplicates(engine) == {}
        stored, expected = per_article(dump(engine)), per_article(reference)
        for content_hash, rows in stored.items():
            assert rows == expected[content_hash], rows["article"]
        return len(stored)
    finally:
        engine.dispose()


def check_complete(url: str, reference: dict) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        assert dump(engine) == reference
        assert integrity(engine) == []
    finally:
        engine.dispose()


def rerun(inputs, url: str, stored: int) -> None:
    done = procs.run("ingest", str(inputs), "--db", url, "--batch", "20", "--no-progress")
    assert (done.returncode, done.stderr) == (0, "")
    assert procs.summary(done.stdout) == {"new": ROWS + 1 - stored, "skipped": stored, "failed": 0}


# --- killed ----------------------------------------------------------------------------------------


def test_a_run_killed_in_the_middle_of_a_batch_leaves_a_consistent_database(db_url, inputs, reference):
    Database(db_url).close()  # created and seeded: the run below starts writing at once
    proc = procs.start("ingest", str(inputs), "--db", db_url, "--batch", "20", "--no-progress")
    seen = procs.wait_for(db_url, 40, proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    stored = check_consistent(db_url, reference)
    assert seen <= stored < ROWS + 1 and stored % 20 == 0  # whole batches only
    rerun(inputs, db_url, stored)
    check_complete(db_url, reference)


# --- Ctrl-C ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [["--batch", "20"], ["--batch", "20", "--workers", "2"]],
                         ids=["one process", "workers"])
def test_ctrl_c_stops_the_run_saying_what_was_committed_with_status_130(db_url, inputs, reference, options):
    Database(db_url).close()
    proc = procs.start("ingest", str(inputs), "--db", db_url, *options, "--no-progress")
    procs.wait_for(db_url, 40, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (proc.returncode, out, err)
    stored = check_consistent(db_url, reference)
    assert 40 <= stored < ROWS + 1 and stored % 20 == 0  # whole batches only
    # every committed batch counted (none lost between its commit and its report); no traceback, no "Aborted!"
    assert (out, err) == (f"{display_url(db_url)}: {stored} new, 0 skipped, 0 failed{INTERRUPTED}", "")
    rerun(inputs, db_url, stored)
    check_complete(db_url, reference)


# --- a full disk -----------------------------------------------------------------------------------


class SizeLimit:
    """Every SQLite connection opened while it is set may grow the file by at most ``pages``
    pages beyond its size when set: a disk about to fill up."""

    def __init__(self) -> None:
        self._listener = None

    def set(self, url: str, pages: int) -> None:
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            total = conn.exec_driver_sql("PRAGMA page_count").scalar_one() + pages

        def on_connect(dbapi_connection, _record):
            dbapi_connection.execute(f"PRAGMA max_page_count = {total}")

        sa.event.listen(sa.pool.Pool, "connect", on_connect)
        self._listener = on_connect

    def lift(self) -> None:
        if self._listener is not None:
            sa.event.remove(sa.pool.Pool, "connect", self._listener)
            self._listener = None


@pytest.fixture
def size_limit():
    limit = SizeLimit()
    yield limit
    limit.lift()


def test_a_full_disk_stops_the_run_with_one_line_and_running_again_completes_it(
        sqlite_url, inputs, reference, size_limit, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    Database(sqlite_url).close()
    size_limit.set(sqlite_url, 120)
    result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", sqlite_url, "--batch", "20", "--no-progress"])
    size_limit.lift()
    assert result.exit_code == 1
    stored = check_consistent(sqlite_url, reference)
    assert 0 < stored < ROWS + 1
    assert result.stdout == f"{display_url(sqlite_url)}: {stored} new, 0 skipped, 0 failed{STOPPED}"
    assert result.stderr == (f"Error: {display_url(sqlite_url)}: the disk is full (or the database reached its size "
                             f"limit) (database or disk is full); the {stored} articles {KEPT}\n")
    rerun(inputs, sqlite_url, stored)
    check_complete(sqlite_url, reference)


# --- a read-only database ------------------------------------------------------------------------

_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _without_root_powers() -> None:
    """In the child, before exec: drop the capabilities that let root write a file whatever its
    mode, so that a read-only file is read-only to it too (tests run as root on CI)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_database_file_is_left_untouched_with_one_line(tmp_path, inputs, reference):
    db_file = tmp_path / "readonly.db"
    url = f"sqlite:///{db_file}"
    first = corpus.write_jsonl(tmp_path / "first.jsonl", [corpus.seed_record(), *corpus.records(ROWS)[:30]])
    assert procs.run("ingest", str(first), "--db", url, "--no-progress").returncode == 0
    before = dump(sa.create_engine(url, poolclass=sa.pool.NullPool))
    db_file.chmod(0o444)
    try:
        done = procs.run("ingest", str(inputs), "--db", url, "--batch", "20", "--no-progress",
                         preexec_fn=_without_root_powers)
        assert done.returncode == 1
        assert done.stderr == (f"Error: {display_url(url)}: the database is read-only (attempt to write a readonly "
                               "database); nothing of this run was stored: fix it, then run the same command again "
                               "(what is stored is skipped)\n")
        # what was stored before is recognised (and skipped) without a write; the first new
        # article stops the run
        assert done.stdout == f"{display_url(url)}: 0 new, 31 skipped, 0 failed{STOPPED}"
    finally:
        db_file.chmod(0o644)
    assert dump(sa.create_engine(url, poolclass=sa.pool.NullPool)) == before
    rerun(inputs, url, 31)
    check_complete(url, reference)


@pytest.mark.postgresql
def test_a_read_only_postgresql_database_is_left_untouched_with_one_line(pg_url, inputs, reference):
    Database(pg_url).close()
    name = sa.make_url(pg_url).database
    engine = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    done = procs.run("ingest", str(inputs), "--db", pg_url, "--batch", "20", "--no-progress")
    assert done.returncode == 1
    assert done.stderr == (f"Error: {display_url(pg_url)}: the database is read-only (cannot execute INSERT in a "
                           "read-only transaction); nothing of this run was stored: fix it, then run the same command "
                           "again (what is stored is skipped)\n")
    assert procs.count(pg_url) == 0
    with engine.connect() as conn:  # a new session starts read-only too: lift it for this one first
        conn.exec_driver_sql("SET default_transaction_read_only = off")
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off')
    rerun(inputs, pg_url, 0)
    check_complete(pg_url, reference)


# --- a lost connection ----------------------------------------------------------------------------


@pytest.mark.postgresql
def test_a_connection_lost_in_the_middle_of_a_batch_stops_the_run_with_one_line(pg_url, inputs, reference):
    Database(pg_url).close()
    proc = procs.start("ingest", str(inputs), "--db", pg_url, "--batch", "20", "--no-progress")
    procs.wait_for(pg_url, 40, proc)
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        ended = conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
    out, err = proc.communicate(timeout=60)
    assert ended >= 1 and proc.returncode == 1, (out, err)
    stored = check_consistent(pg_url, reference)
    assert 40 <= stored < ROWS + 1
    assert out == f"{display_url(pg_url)}: {stored} new, 0 skipped, 0 failed{STOPPED}"
    # the driver's own words depend on whether the server's notice or the closed socket came first
    lost = f"Error: {display_url(pg_url)}: the connection to the database was lost "
    assert err.startswith(lost) and err.endswith(f"; the {stored} articles {KEPT}\n") and err.count("\n") == 1, err
    rerun(inputs, pg_url, stored)
    check_complete(pg_url, reference)
