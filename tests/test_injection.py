"""Every value a user gives reaches SQL only as a bound parameter: the usual injection strings on
every command-line argument and option that takes one, and on the library's query arguments.

Against a database holding the seed article (SQLite and PostgreSQL), each value must give either
a clean error (exit status 1 or 2: one line ``Error: ...`` naming the value, no traceback) or an
empty or correct result; no statement the run sends to the database may contain the value (the
SQL text is captured: SQLAlchemy's and the plain-cursor statements of relations.storage.sql); and
afterwards the database is unchanged (every table's row count, the schema's tables and views, and
``dbdump.dump``). ``%`` and ``_`` are not wildcards anywhere (topics and countries are looked up
by their folded names in Python, never with LIKE).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest import PG_SKIP, _pg_database, _pg_server
from dbdump import dump
from relations import Database
from relations.cli import main
from relations.engine import ENV_URL
from relations.errors import RelationsError
from relations.storage.search import words
from relations.storage.sql import Cursor

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE calls; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "China' --",
    "1; DELETE FROM articles",
    ") UNION SELECT sql FROM sqlite_master --",
    "'); DELETE FROM calls WHERE ('1'='1",
    "1 OR 1=1",
    "%' OR 'x' LIKE '%",
    "'; SELECT pg_sleep(30); --",
    "\x00",
    "China\x00' OR 1=1 --",
    "China\nBelarus",
    "\u202e' --",
    "",
    "*",
    "NEAR(a b) OR x*",
    "-1",
    "9" * 40,
    "x" * 100_000,
    "' OR ''='" * 5_000,
]
# Long enough not to occur in any SQL the program writes itself: looked for in the statements sent.
MARKERS = [v for v in INJECTIONS if len(v.strip()) >= 4]


# -- the database, once per module and backend --------------------------------------------------


def _state(url: str) -> dict[str, Any]:
    """What must not change: the schema's tables and views, every table's row count, the contents."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        inspector = sa.inspect(engine)
        tables = sorted(inspector.get_table_names())
        with engine.connect() as conn:
            counts = {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
        return {"tables": tables, "views": sorted(inspector.get_view_names()), "counts": counts, "dump": dump(engine)}
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def seeded(request, tmp_path_factory) -> Iterator[tuple[str, dict[str, Any]]]:
    """(URL, state) of a database holding the seed article, shared by this module's tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('injection') / 'relations.db'}"
        yield _seed(url)
        return
    server = _pg_server()
    if server is None:
        pytest.skip(PG_SKIP)
    with _pg_database(server) as url:
        yield _seed(url)


def _seed(url: str) -> tuple[str, dict[str, Any]]:
    with Database(url) as db:
        summary = db.ingest_path(str(SEEDS))
    assert (summary.new, summary.failed) == (1, 0)
    state = _state(url)
    assert state["counts"]["calls"] and state["counts"]["commitments"] and state["counts"]["articles"] == 1
    return url, state


@pytest.fixture
def db(seeded) -> Iterator[str]:
    """The seeded database's URL; after the test, the database must be exactly as it was."""
    url, state = seeded
    yield url
    after = _state(url)
    assert after["tables"] == state["tables"] and after["views"] == state["views"]
    assert after["counts"] == state["counts"]
    assert after["dump"] == state["dump"]


@pytest.fixture
def statements(monkeypatch) -> Iterator[list[str]]:
    """Every SQL statement sent meanwhile: through SQLAlchemy, and on the driver's own cursor."""
    seen: list[str] = []

    def before(_conn, _cursor, statement, _parameters, _context, _executemany):
        seen.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", before)
    original = Cursor._sql

    def recorded(self, sql: str) -> str:
        seen.append(sql)
        return original(self, sql)

    monkeypatch.setattr(Cursor, "_sql", recorded)
    yield seen
    sa.event.remove(sa.engine.Engine, "before_cursor_execute", before)


def _not_in_sql(statements: list[str], value: str) -> int:
    """Check that no statement sent holds ``value``; forget them; how many there were."""
    if value in MARKERS:
        found = [s for s in statements if value in s]
        assert not found, f"{value[:40]!r} reached the SQL text: {found[0][:200]!r}"
    n = len(statements)
    statements.clear()
    return n




def _names(line: str, value: str) -> bool:
    """Whether an error line names ``value`` (as given, or as its repr shows it; long ones by their start)."""
    shown = {value, repr(value)[1:-1], value.encode("unicode_escape").decode("ascii")}
    return any(s[:60] in line for s in shown)


# -- the command line ---------------------------------------------------------------------------

Args = Callable[[str], list[str]]
JSON = ["--format", "json"]

# Each command-line argument or option that takes a user's value: how to give it ``v``, and, for
# those where a value can legitimately find something, the command whose output it must equal.
CLI: dict[str, tuple[Args, Args | None]] = {
    "timeline A": (lambda v: ["timeline", v, "Belarus", *JSON], None),
    "timeline B": (lambda v: ["timeline", "China", v, *JSON], None),
    "timeline --since": (lambda v: ["timeline", "China", "Belarus", "--since", v, *JSON], None),
    "timeline --until": (lambda v: ["timeline", "China", "Belarus", "--until", v, *JSON], None),
    "calls --country": (lambda v: ["calls", "--country", v, *JSON], None),
    "calls --country (second)": (lambda v: ["calls", "--country", "China", "--country", v, *JSON], None),
    "calls --medium": (lambda v: ["calls", "--medium", v, *JSON], None),
    "calls --status": (lambda v: ["calls", "--status", v, *JSON], None),
    "calls --since": (lambda v: ["calls", "--since", v, *JSON], None),
    "calls --until": (lambda v: ["calls", "--until", v, *JSON], None),
    "calls --limit": (lambda v: ["calls", "--limit", v, *JSON], lambda v: ["calls", *JSON]),
    "calls --format": (lambda v: ["calls", "--format", v], None),
    "commitments --country": (lambda v: ["commitments", "--country", v, *JSON], lambda v: ["commitments", *JSON]),
    "commitments --topic": (lambda v: ["commitments", "--topic", v, *JSON], None),
    "commitments --kind": (lambda v: ["commitments", "--kind", v, *JSON], None),
    "commitments --since": (lambda v: ["commitments", "--since", v, *JSON], None),
    "commitments --until": (lambda v: ["commitments", "--until", v, *JSON], None),
    "commitments --limit": (lambda v: ["commitments", "--limit", v, *JSON], lambda v: ["commitments", *JSON]),
    "leaders --country": (lambda v: ["leaders", "--country", v, *JSON], lambda v: ["leaders", *JSON]),
    "leaders --limit": (lambda v: ["leaders", "--limit", v, *JSON], lambda v: ["leaders", *JSON]),
    "show call ID": (lambda v: ["show", "call", v, *JSON], None),
    "show commitment ID": (lambda v: ["show", "commitment", v, *JSON], None),
    "show article ID": (lambda v: ["show", "article", v, *JSON], None),
    "show KIND": (lambda v: ["show", v, "1", *JSON], None),
    "search QUERY": (lambda v: ["search", v, *JSON], lambda v: ["search", " ".join(words(v)), *JSON]),
    "search --kind": (lambda v: ["search", "China", "--kind", v, *JSON], None),
    "search --limit": (lambda v: ["search", "China", "--limit", v, *JSON], lambda v: ["search", "China", *JSON]),
}


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


def _invoke(runner: CliRunner, args: list[str], db: str):
    return runner.invoke(main, [*args, "--db", db])


def check_cli(runner: CliRunner, db: str, args: list[str], value: str, like: list[str] | None) -> str:
    """Run ``relations ARGS``: a clean error naming ``value`` or a correct result; its outcome."""
    result = _invoke(runner, args, db)
    where = f"relations {' '.join(a[:30] for a in args)!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        where, type(result.exception).__name__, result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr, where
    assert result.exit_code in (0, 1, 2), (where, result.exit_code)
    errors = result.stderr.splitlines()
    if result.exit_code == 1:  # the library's error: exactly one line
        assert len(errors) == 1 and errors[0].startswith("Error: "), (where, result.stderr[:300])
        assert result.stdout == "", where
        assert _names(errors[0], value), (where, errors[0][:200])
        return "error"
    if result.exit_code == 2:  # click's usage error: the usage, then one line saying what is wrong
        assert errors and errors[-1].startswith("Error: "), (where, result.stderr[:300])
        assert _names(errors[-1], value), (where, errors[-1][:200])
        return "usage"
    assert result.stderr == "", where
    if like is not None:
        expected = _invoke(runner, like, db)
        assert result.stdout == expected.stdout, where
    else:
        assert json.loads(result.stdout) in ([], {}), (where, result.stdout[:200])
    return "ok"


@pytest.mark.parametrize("case", list(CLI))
def test_every_command_line_value_is_a_clean_error_or_a_correct_result(runner, db, statements, case):
    args, like = CLI[case]
    outcomes, sent = {}, 0
    for value in INJECTIONS:
        outcomes[value] = check_cli(runner, db, args(value), value, like(value) if like else None)
        sent += _not_in_sql(statements, value)
    assert set(outcomes.values()) <= {"error", "usage", "ok"}
    assert sent or set(outcomes.values()) == {"usage"}  # the statements were seen (unless click refused all)


def test_values_that_name_nothing_are_errors_not_empty_listings(runner, db):
    """A country, a topic, a date that means nothing is said so, not passed over."""
    for args in (["timeline", "' OR '1'='1", "China"], ["calls", "--country", "China' --"],
                 ["commitments", "--topic", "'; DROP TABLE calls; --"], ["leaders", "--country", "%"],
                 ["calls", "--since", "1; DELETE FROM articles"]):
        result = _invoke(runner, args, db)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(("Error: unknown country", "Error: unknown topic", "Error: since must")), \
            result.stderr


# -- % and _ are not wildcards ------------------------------------------------------------------


def test_percent_and_underscore_in_a_topic_or_country_match_nothing(runner, db):
    topics = json.loads(_invoke(runner, ["commitments", "--format", "json"], db).stdout)
    topic = next(t for c in topics for t in c["topics"])  # a topic the seed article's commitments have
    on_topic = json.loads(_invoke(runner, ["commitments", "--topic", topic, "--format", "json"], db).stdout)
    assert on_topic
    for pattern in ("%", "%%", "_" * len(topic), topic[:3] + "%", "_" + topic[1:], "%" + topic[-3:], f"%{topic}%"):
        result = _invoke(runner, ["commitments", "--topic", pattern, "--format", "json"], db)
        assert (result.exit_code, result.stdout) == (1, ""), pattern
        assert result.stderr == f"Error: unknown topic {pattern!r}: `relations topics` lists them\n"
    for pattern in ("%", "_", "Chin_", "Chi%", "%elarus", "___"):
        result = _invoke(runner, ["calls", "--country", pattern, "--format", "json"], db)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: unknown country {pattern!r}"), pattern
    with Database(db, create=False) as database:
        for pattern in ("%", "_", topic[:2] + "%"):
            with pytest.raises(RelationsError, match="unknown topic"):
                database.commitments(topic=pattern)
        assert [c.id for c in database.commitments(topic=topic.upper())] == [c["id"] for c in on_topic]


def test_search_takes_percent_underscore_and_operators_literally(runner, db):
    for query in ("%", "_", "%%", "* - *", "\\", "''"):
        result = _invoke(runner, ["search", query], db)
        assert (result.exit_code, result.stderr) == (1, f"Error: nothing to search for in {query!r}: give one or more words\n")
    china = _invoke(runner, ["search", "China", "--format", "json"], db)
    assert json.loads(china.stdout)
    for query in ("China%", "%China%", "China' --", '"China"', "China OR Narnia AND NOT x", "(China)"):
        result = _invoke(runner, ["search", query, "--format", "json"], db)
        literal = _invoke(runner, ["search", " ".join(words(query)), "--format", "json"], db)
        assert result.exit_code == literal.exit_code and result.stdout == literal.stdout, query
    assert json.loads(_invoke(runner, ["search", "Chin_", "--format", "json"], db).stdout) == []
    # a star right after a word is a prefix (revision 0009): all that "China" finds, and maybe more
    prefixed = json.loads(_invoke(runner, ["search", "China*", "--format", "json"], db).stdout)
    assert {(h["kind"], h["id"]) for h in prefixed} >= {(h["kind"], h["id"]) for h in json.loads(china.stdout)}


# -- numbers beyond what the database holds -----------------------------------------------------


@pytest.mark.parametrize("kind", ["call", "commitment", "article"])
def test_an_id_beyond_64_bits_is_not_found(runner, db, kind):
    for ident in ("2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                  "9" * 40):
        result = runner.invoke(main, ["show", kind, "--db", db, "--", ident])
        assert (result.exit_code, result.stderr) == (1, f"Error: no {kind} with id {ident}\n")


def test_a_limit_beyond_64_bits_is_no_limit(runner, db):
    for args in (["calls"], ["commitments"], ["leaders"], ["search", "China"]):
        everything = _invoke(runner, [*args, "--format", "json"], db)
        huge = _invoke(runner, [*args, "--limit", "9" * 40, "--format", "json"], db)
        assert (huge.exit_code, huge.stderr) == (0, "") and huge.stdout == everything.stdout, args


# -- the library --------------------------------------------------------------------------------

LIBRARY: dict[str, tuple[Callable[[Database, Any], Any], Callable[[Database, Any], Any] | None]] = {
    "timeline a": (lambda d, v: d.timeline(v, "Belarus"), None),
    "timeline b": (lambda d, v: d.timeline("China", v), None),
    "timeline since": (lambda d, v: d.timeline("China", "Belarus", since=v), None),
    "timeline until": (lambda d, v: d.timeline("China", "Belarus", until=v), None),
    "calls countries": (lambda d, v: list(d.calls([v])), None),
    "calls country": (lambda d, v: list(d.calls(v)), None),
    "calls medium": (lambda d, v: list(d.calls(medium=v)), None),
    "calls status": (lambda d, v: list(d.calls(status=v)), None),
    "calls since": (lambda d, v: list(d.calls(since=v)), None),
    "calls until": (lambda d, v: list(d.calls(until=v)), None),
    "commitments country": (lambda d, v: list(d.commitments(v)), lambda d, v: list(d.commitments())),
    "commitments topic": (lambda d, v: list(d.commitments(topic=v)), None),
    "commitments kind": (lambda d, v: list(d.commitments(kind=v)), None),
    "commitments since": (lambda d, v: list(d.commitments(since=v)), None),
    "commitments until": (lambda d, v: list(d.commitments(until=v)), None),
    "leaders country": (lambda d, v: list(d.leaders(v)), lambda d, v: list(d.leaders())),
    "search query": (lambda d, v: list(d.search(v)), lambda d, v: list(d.search(" ".join(words(v))))),
    "search kinds": (lambda d, v: list(d.search("China", kinds=(v,))), None),
    "country": (lambda d, v: d.country(v), None),
    "call id": (lambda d, v: d.call(v), None),
    "commitment id": (lambda d, v: d.commitment(v), None),
    "article id": (lambda d, v: d.article(v), None),
}


@pytest.mark.parametrize("case", list(LIBRARY))
def test_every_library_argument_is_a_clean_error_or_a_correct_result(db, statements, case):
    query, like = LIBRARY[case]
    with Database(db, create=False) as database:
        for value in INJECTIONS:
            try:
                got = query(database, value)
            except RelationsError as e:
                message = str(e)
                assert "\n" not in message and _names(message, value), (case, message[:200])
            else:
                expected = like(database, value) if like else []
                assert got == expected, (case, value[:40])
            _not_in_sql(statements, value)


@pytest.mark.parametrize("huge", [2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**40])
def test_library_ids_and_limits_beyond_64_bits(db, huge):
    with Database(db, create=False) as database:
        for lookup in (database.call, database.commitment, database.article):
            with pytest.raises(RelationsError, match=f"with id {huge}$"):
                lookup(huge)
        for listing in (database.calls, database.commitments, database.leaders):
            assert list(listing(limit=abs(huge))) == list(listing())
        assert list(database.search("China", limit=abs(huge))) == list(database.search("China", limit=None))
        with pytest.raises(RelationsError, match="a call id is a whole number \\(a key is a string\\), not 1.0"):
            database.call(1.0)  # type: ignore[arg-type]
        with pytest.raises(RelationsError, match="^no call with key '1'$"):
            database.call("1")  # a string is a key
