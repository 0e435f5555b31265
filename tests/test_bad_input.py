"""Bad input: each gets one line naming the input, and nothing already stored is lost or half-written.

Through ``relations ingest`` (CliRunner): empty and binary files, wrong encodings, malformed
JSON lines, records without text, paths that do not exist, articles with no date, countries
the reference data lacks, a database locked by another writer. The database-level cases run on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from factories import XINHUA, FakeExtractor, xinhua_facts
from relations import Database
from relations.cli import main
from relations.engine import ENV_BUSY_TIMEOUT, ENV_URL, display_url
from relations.inputs import ENCODING_HINT

STOPPED = "; stopped, the rest not stored (see the error below)\n"  # the summary line of a run stopped by an error


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


@pytest.fixture
def fake(monkeypatch) -> FakeExtractor:
    """The extractor the CLI uses, replaced by one that returns hand-made facts."""
    extractor = FakeExtractor()
    monkeypatch.setattr("relations.pipeline._default_extractor", lambda: extractor)
    return extractor


def ingest(runner: CliRunner, db_url: str, *paths: str):
    return runner.invoke(main, ["ingest", *paths, "--db", db_url, "--no-progress"], catch_exceptions=False)


def table_counts(db_url: str) -> dict[str, int]:
    with Database(db_url, create=False) as db, db.engine.connect() as conn:
        return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("articles", "calls", "call_sources", "commitments", "partnerships", "article_leaders")}


@pytest.fixture
def stored(runner, db_url, fake, tmp_path) -> dict[str, int]:
    """A database holding one article with its facts; what it holds."""
    fake.add(xinhua_facts())
    (tmp_path / "good.txt").write_text(XINHUA, encoding="utf-8")
    assert ingest(runner, db_url, str(tmp_path / "good.txt")).exit_code == 0
    return table_counts(db_url)


def test_unreadable_files_each_get_one_line_and_the_rest_is_stored(runner, db_url, fake, stored, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03 some bytes \x00\xff")
    (tmp_path / "latin1.txt").write_bytes("Réunion à Minsk, 26 janvier.".encode("latin-1"))
    (tmp_path / "new.txt").write_text("A new readout, 2021-02-03.", encoding="utf-8")
    result = ingest(runner, db_url, *(str(tmp_path / n) for n in ("empty.txt", "binary.txt", "latin1.txt", "new.txt")),
                    str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tmp_path / 'empty.txt'}: file is empty",
        f"error: {tmp_path / 'binary.txt'}: binary file (NUL bytes), not text",
        f"error: {tmp_path / 'latin1.txt'}: not UTF-8 text: invalid byte 0xe9 at offset 1" + ENCODING_HINT,
        f"error: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert result.stdout == f"{display_url(db_url)}: 1 new, 0 skipped, 4 failed, 1 warning\n"
    after = table_counts(db_url)
    assert after == {**stored, "articles": stored["articles"] + 1}


def test_bad_json_lines_are_reported_by_line_and_the_good_lines_stored(runner, db_url, fake, stored, tmp_path):
    lines = [
        b'{"id": "a", "text": "First good readout.", "published": "2021-02-01"}',
        b'{"id": "b", "text": "Second readout", ',
        b'{"id": "c", "title": "no text here"}',
        b'{"id": "d", "text": 42}',
        b"",
        b'["not", "an", "object"]',
        b'{"id": "f", "text": "caf\xe9"}',  # Latin-1, not UTF-8
        b'{"id": "g", "text": "Last good readout.", "published": "yesterday"}',
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"\n".join(lines))
    bad_byte = len(b"\n".join(lines[:6])) + 1 + lines[6].index(b"\xe9")
    result = ingest(runner, db_url, str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}:2: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 38)",
        f"error: {path}:3: record has no \"text\" string",
        f"error: {path}:4: \"text\" is not a string",
        f"error: {path}:6: expected a JSON object, found list",
        f"error: {path}:7: not UTF-8 text: invalid byte 0xe9 at offset {bad_byte}" + ENCODING_HINT,
        f"warning: {path}:8: \"published\" 'yesterday' is not a YYYY-MM-DD date: ignored",
        f"warning: {path}:8: no date anywhere (no \"published\", no date line, no dated dateline): "
        "stored with its date unknown",
    ]
    assert result.stdout.endswith(": 2 new, 0 skipped, 5 failed, 2 warnings\n")
    assert table_counts(db_url)["articles"] == stored["articles"] + 2


def test_a_record_with_no_date_anywhere_is_stored_with_a_warning(runner, db_url, fake, tmp_path):
    (tmp_path / "undated.txt").write_text("The two presidents spoke by phone.", encoding="utf-8")
    result = ingest(runner, db_url, str(tmp_path / "undated.txt"))
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {tmp_path / 'undated.txt'}: no date anywhere (no \"published\", no date line, "
                             "no dated dateline): stored with its date unknown\n")
    with Database(db_url) as db, db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT published FROM articles")).scalar_one() is None


def test_a_date_line_that_is_no_date_is_named_in_a_warning(runner, db_url, tmp_path):
    path = tmp_path / "bad_date.txt"
    path.write_text("date 2021-02-30\nXi Jinping held phone talks with Alexander Lukashenko.\n", encoding="utf-8")
    result = ingest(runner, db_url, str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {path}: the date line 'date 2021-02-30' is not a valid YYYY-MM-DD date: ignored",
        f"warning: {path}: no date anywhere (no \"published\", no date line, no dated dateline): "
        "stored with its date unknown"]


def test_a_country_the_reference_data_lacks_is_a_warning_naming_the_input(runner, db_url, fake, tmp_path):
    import dataclasses

    f = xinhua_facts()
    fake.add(dataclasses.replace(f, calls=(dataclasses.replace(f.calls[0], countries=("CHN", "ZZZ")),)))
    (tmp_path / "x.txt").write_text(XINHUA, encoding="utf-8")
    result = ingest(runner, db_url, str(tmp_path / "x.txt"))
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {tmp_path / 'x.txt'}: country 'ZZZ' is not in the reference data: "
                             "call of 2021-01-26 skipped\n")
    counts = table_counts(db_url)
    assert (counts["articles"], counts["calls"], counts["commitments"]) == (1, 0, 2)


def test_an_extractor_crash_fails_that_article_only(runner, db_url, fake, stored, tmp_path, monkeypatch):
    def crash(text, **kw):
        if "boom" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return fake(text, **kw)

    monkeypatch.setattr("relations.pipeline._default_extractor", lambda: crash)
    (tmp_path / "a.txt").write_text("boom", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A calm readout, 2021-02-03.", encoding="utf-8")
    result = ingest(runner, db_url, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'a.txt'}: extractor error: RecursionError: maximum recursion depth exceeded" \
        in result.stderr.splitlines()
    assert table_counts(db_url)["articles"] == stored["articles"] + 1


def test_a_locked_sqlite_database_waits_then_fails_clearly_and_keeps_what_it_had(runner, sqlite_url, fake, tmp_path,
                                                                              monkeypatch):
    fake.add(xinhua_facts())
    (tmp_path / "good.txt").write_text(XINHUA, encoding="utf-8")
    (tmp_path / "new.txt").write_text("Another readout, 2021-02-03.", encoding="utf-8")
    assert ingest(runner, sqlite_url, str(tmp_path / "good.txt")).exit_code == 0
    before = table_counts(sqlite_url)
    holder = sqlite3.connect(sa.make_url(sqlite_url).database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setenv(ENV_BUSY_TIMEOUT, "0.3")
    started = time.monotonic()
    result = ingest(runner, sqlite_url, str(tmp_path / "new.txt"))
    waited = time.monotonic() - started
    holder.execute("ROLLBACK")
    holder.close()
    assert result.exit_code == 1 and waited >= 0.3
    assert result.stderr == (f"Error: {display_url(sqlite_url)}: database is locked by another writer "
                             f"(busy timeout 0.3 s, set by ${ENV_BUSY_TIMEOUT}); retry when it is done\n")
    assert result.stdout == f"{display_url(sqlite_url)}: 0 new, 0 skipped, 0 failed{STOPPED}"
    assert table_counts(sqlite_url) == before


def test_a_writer_that_lets_go_in_time_is_waited_for(runner, sqlite_url, fake, tmp_path, monkeypatch):
    Database(sqlite_url).close()
    (tmp_path / "new.txt").write_text("Another readout, 2021-02-03.", encoding="utf-8")
    holder = sqlite3.connect(sa.make_url(sqlite_url).database, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setenv(ENV_BUSY_TIMEOUT, "10")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    result = ingest(runner, sqlite_url, str(tmp_path / "new.txt"))
    release.join()
    holder.close()
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(": 1 new, 0 skipped, 0 failed, 1 warning\n")  # it has no date


@pytest.mark.postgresql
def test_a_locked_postgresql_database_waits_then_fails_clearly(runner, pg_url, fake, tmp_path, monkeypatch):
    """A writer holding the lock on calls between China and Belarus makes ingest wait, then stop."""
    from relations.storage.writer import _CALL_LOCK

    fake.add(xinhua_facts())
    (tmp_path / "x.txt").write_text(XINHUA, encoding="utf-8")
    with Database(pg_url) as db, db.engine.connect() as conn:
        ids = dict(conn.execute(sa.text("SELECT iso3, id FROM countries WHERE iso3 IN ('BLR', 'CHN')")).all())
        holder = db.engine.connect()
    a, b = sorted(ids.values())
    holder.execute(sa.text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": _CALL_LOCK, "key": a * 65536 + b})
    monkeypatch.setenv(ENV_BUSY_TIMEOUT, "0.3")
    try:
        result = ingest(runner, pg_url, str(tmp_path / "x.txt"))
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {display_url(pg_url)}: database is locked by another writer "
                             f"(busy timeout 0.3 s, set by ${ENV_BUSY_TIMEOUT}); retry when it is done\n")
    assert table_counts(pg_url)["articles"] == 0


MIXED = [
    '{"text": "fine", "id": "a"}', '{"text": "x", "id": 1' + "1" * 5000 + "}", "[1, 2]", '{"text": "\\ud800 lone"}',
    '{"a": [[[[', "", '{"text": "   "}', '{"text": "ok", "title": {"no": 1}}',
]


def _seen(records):
    return [(type(r).__name__, r.text if hasattr(r, "text") else str(r).split(": ", 1)[1]) for r in records]


def test_json_lines_read_the_same_from_a_file_a_pipe_and_standard_input(tmp_path, monkeypatch):
    import io
    import threading

    from relations.inputs import iter_records

    data = ("\n".join(MIXED) + "\n").encode()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(data)
    from_file = _seen(iter_records([str(path)]))
    assert [kind for kind, _ in from_file] == ["Record", "InputError", "InputError", "Record", "InputError",
                                              "InputError", "InputError"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert _seen(iter_records(["-"])) == from_file
    fifo = tmp_path / "fifo.jsonl"  # a named pipe cannot be read twice (nor sought)
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(data,))
    writer.start()
    assert _seen(iter_records([str(fifo)])) == from_file
    writer.join()


def test_a_bad_line_on_standard_input_fails_alone(tmp_path, monkeypatch):
    import io

    from relations.inputs import iter_records

    data = b'{"text": "caf\xe9 latin-1", "id": "x"}\n{"text": "fine", "id": "y"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = list(iter_records(["-"]))
    assert [type(r).__name__ for r in out] == ["InputError", "Record"]
    assert str(out[0]) == "<stdin>:1: not UTF-8 text: invalid byte 0xe9 at offset 13" + ENCODING_HINT


def test_a_path_without_a_known_suffix_is_told_by_its_content(tmp_path):
    from relations.inputs import iter_records

    lines, text = tmp_path / "feed", tmp_path / "article"  # as a shell's <(...) gives /dev/fd/63
    lines.write_text('{"text": "one", "published": "2021-01-02"}\n{"text": "two"}\n', encoding="utf-8")
    text.write_text("BEIJING, Jan. 2 -- A readout.\n", encoding="utf-8")
    assert [(r.text, r.published, r.origin) for r in iter_records([str(lines)])] == [
        ("one", "2021-01-02", f"{lines}:1"), ("two", None, f"{lines}:2")]
    assert [r.text for r in iter_records([str(text)])] == ["BEIJING, Jan. 2 -- A readout.\n"]


def test_a_text_file_with_a_date_line_and_nothing_else_has_no_text(tmp_path):
    from relations.inputs import iter_records

    path = tmp_path / "d.txt"
    path.write_text("date 2021-02-03\n\n", encoding="utf-8")
    assert [str(r) for r in iter_records([str(path)])] == [f"{path}: no text after the date line"]


def test_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path):
    from relations.inputs import iter_records

    path = tmp_path / "a.txt"
    path.write_bytes("Xi Jinping spoke with Alexander Lukashenko.".encode("utf-16-le"))
    (error,) = iter_records([str(path)])
    assert str(error) == f"{path}: UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"


@pytest.mark.parametrize("text", ["", "   \n", "date 2021-02-03\n"])
def test_the_library_refuses_an_article_without_text(db_url, text):
    with Database(db_url) as db:
        result = db.ingest_text(text, published="2021-02-03")
        assert (result.status, result.reason) == ("failed", "no text (empty, or a date line alone)")
        assert db.stats()["articles"] == 0


def test_ingest_text_stores_lone_surrogates_replaced(db_url):
    with Database(db_url) as db:
        result = db.ingest_text("A readout \ud800 of 2021-01-27.", published="2021-01-27", title="t\udc00")
        assert result.status == "new"
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT text, title FROM articles")).one() == ("A readout ? of 2021-01-27.", "t?")
