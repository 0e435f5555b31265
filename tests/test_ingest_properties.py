"""Properties of the ingest and load paths for any input (hypothesis), on SQLite and PostgreSQL.

``relations ingest FILE`` and ``relations load FILE`` (through click's CliRunner) are given
JSON lines of arbitrary values, records whose ``text``/``published``/``url``/``id``... have odd
types or hold NUL and control characters, lines in other encodings (latin-1 bytes in a UTF-8
file, UTF-16 with a byte-order mark), deeply nested JSON, huge lines; ``load`` also gets facts
lines made by ``relations extract --text`` on the seed article and then mutated. Whatever the
input:

- the run ends with exit status 0 or 1, never a traceback, and every line on stderr names the
  input file (``warning: FILE:LINE: ...`` or ``error: FILE:LINE: ...``), one per failure;
- the database stays consistent (``dbdump.integrity`` and ``dbdump.duplicates`` find nothing);
- a good record in the same file is still stored, whole.

Each test shares one database among its examples (a fresh one per test). Examples are few
(``EXAMPLES``; fewer on PostgreSQL, where every run connects anew) so that the file runs in
well under a minute on SQLite.
"""

from __future__ import annotations

import copy
import gc
import itertools
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dbdump import duplicates, integrity
from relations import Database
from relations.cli import main
from relations.engine import ENV_URL
from relations.extraction import extract
from relations.storage import facts_input

# Examples hold strings of tens of kilobytes: hypothesis would warn that their repr is large.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

SEED = Path(__file__).resolve().parents[1] / "seeds" / "articles" / "000_c07793c686dc2a12.txt"
EXAMPLES = {"sqlite": 40, "postgresql": 20}
_SUMMARY = re.compile(r"^(\S+): (\d+) new, (?:(\d+) replaced, )?(\d+) skipped, (\d+) failed(?:, \d+ warnings?)?$")
_serial = itertools.count(1)


def _settings(db_url: str, examples: int | None = None) -> settings:
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    return settings(max_examples=examples or EXAMPLES[backend], deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])


# -- running the commands -----------------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


@pytest.fixture
def db(db_url) -> Iterator[str]:
    """A new database, created and seeded, shared by the examples of one test; checked at the end."""
    Database(db_url).close()
    yield db_url
    check_consistent(db_url)


def check_consistent(url: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        assert integrity(engine) == []
        found = duplicates(engine)
        if "calls" in found:
            found["calls"] = _one_call_told_twice(engine, found["calls"])
        assert {rule: rows for rule, rows in found.items() if rows} == {}
    finally:
        engine.dispose()


def _one_call_told_twice(engine: sa.Engine, pairs: list[tuple]) -> list[tuple]:
    """The pairs of calls ``dbdump.duplicates`` flags (same countries and medium, a day or less
    apart) that the writer would also have taken for one: not a held and a denied call, not a
    day-precise date and a week or month (``relations.storage.writer._matching_call``)."""
    with engine.connect() as conn:
        calls = {r[0]: r[1:] for r in conn.execute(sa.text("SELECT id, status, date_precision, date FROM calls"))}
    same = []
    for x, y in pairs:
        (sx, px, dx), (sy, py, dy) = calls[x], calls[y]
        statuses = sx == sy or {sx, sy} == {"planned", "held"}
        precise = (px in (None, "day") and py in (None, "day")) or (dx == dy and px == py)
        if statuses and precise:
            same.append((x, y))
    return same


def run(runner: CliRunner, command: str, path: Path, db: str, *options: str) -> dict[str, int]:
    """``relations COMMAND PATH``: a clean run, whatever the input; its summary's counts."""
    try:
        result = runner.invoke(main, [command, str(path), "--db", db, "--no-progress", *options])
    finally:
        gc.unfreeze()  # the command freezes what is alive (gc.freeze): in a test process, undo it
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        type(result.exception).__name__, result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr[-500:])
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    errors = []
    for line in result.stderr.splitlines():  # one line per warning and failure, naming the file
        assert line.startswith((f"warning: {path}", f"error: {path}")), line[:300]
        errors += [line] if line.startswith("error:") else []
    summary = _SUMMARY.match(result.stdout.rstrip("\n"))
    assert summary and "\n" not in result.stdout.rstrip("\n"), result.stdout[-500:]
    new, replaced, skipped, failed = (int(g or 0) for g in summary.groups()[1:])
    assert failed == len(errors) and result.exit_code == (1 if failed else 0)
    return {"new": new, "skipped": skipped, "failed": failed}


def stored(db: str, external_id: str) -> dict[str, int] | None:
    """What is stored for the article with this id: its calls, commitments and partnerships."""
    engine = sa.create_engine(db, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            article = conn.execute(sa.text("SELECT id FROM articles WHERE external_id = :e"),
                                   {"e": external_id}).scalar_one_or_none()
            if article is None:
                return None
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t} WHERE article_id = :a"), {"a": article})
                    .scalar_one() for t in ("call_sources", "commitments", "partnerships")}
    finally:
        engine.dispose()


# -- the inputs ---------------------------------------------------------------------------------

ODD_CHARS = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u200b",
                             "\u2028", "\u2029", "\ufeff", "\ufffd", "\r", "\t", "\r\n", "\ud800", "\udfff",
                             "\U0001f600", "e\u0301", "\\", '"', "'", "</script>", "%s", "{}"])
CONTROL_TEXT = st.lists(st.text(max_size=12) | ODD_CHARS, max_size=12).map("".join)
SENTENCES = st.sampled_from([
    "Chinese President Xi Jinping held phone talks with Belarusian President Alexander Lukashenko on Tuesday.",
    "Xi said China is ready to expand trade with Belarus.",
    "BEIJING, Jan. 26 (Xinhua) -- ", "date 2021-01-27\n",
    "Russian President Vladimir Putin spoke by phone with French President Emmanuel Macron.",
    "The two sides agreed to upgrade their comprehensive strategic partnership.",
])
READOUTISH = st.lists(SENTENCES | CONTROL_TEXT, min_size=1, max_size=8).map(" ".join)
NASTY = st.sampled_from([
    "", " ", "\x00", "a\x00b", "2021-01-27\x00", "9999-12-31", "0001-01-01", "2021-02-30", "-1", "1e999", "NaN",
    "' OR '1'='1", "'; DROP TABLE articles; --", "http://example.org/\x00", "http://example.org/" + "a" * 3000,
    "x" * 70_000, "ZZZ", "chn", "CHN", "EU", "\ud800", "\u202e",
])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | NASTY | CONTROL_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "id", "published", "source", "title", "url", "other"]) | st.text(max_size=6),
        inner, max_size=6),
    max_leaves=12,
)
FIELD_VALUES = NASTY | CONTROL_TEXT | JSON_VALUES | st.integers() | st.floats() | st.dates().map(str)
RECORDS = st.fixed_dictionaries(
    {"text": READOUTISH | CONTROL_TEXT | NASTY | JSON_VALUES},
    optional={f: FIELD_VALUES for f in ("id", "published", "url", "title", "source", "extra")},
)
SPECIAL_LINES = st.sampled_from([
    b"[" * 100_000,  # nested too deeply for the parser
    b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"text": "' + b"{" * 10_000 + b'"}',
    b'{"text": "a\\u0000b", "id": "\\u0000", "url": "http://x/\\u0000", "title": "\\u0000"}',
    b'{"text": "lone \\ud800 surrogate", "title": "\\udfff"}',
    b'{"text": "x", "id": 1' + b"0" * 5000 + b"}",  # an integer too long to read
    b'{"text": 1e999}', b'{"text": NaN}', b'{"text": "x"', b"{", b"}", b"\xef\xbb\xbf{\"text\": \"BOM in the middle\"}",
    "{\"text\": \"caf\u00e9 latin-1\", \"source\": \"Agence Fran\u00e7aise\"}".encode("latin-1"),
    b'{"text": "Xi Jinping held talks.", "published": "2021-01-27", "published": 5}',
    b"\x1f\x8b\x08\x08 gzip?", b"   ", b"\t\x0b\x0c",
])


def _encode(value: Any, how: str) -> bytes:
    if how == "ascii":
        return json.dumps(value).encode("ascii")
    text = json.dumps(value, ensure_ascii=False)
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes that are not UTF-8


ENCODINGS = st.sampled_from(["ascii", "utf-8", "utf-8", "latin-1"])
GARBAGE = st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ").replace(b"\x00", b" "))
LINES = st.lists(
    st.builds(_encode, RECORDS | JSON_VALUES, ENCODINGS) | GARBAGE | SPECIAL_LINES, min_size=1, max_size=6)


def _with_line(lines: list[bytes], line: bytes, at: int) -> list[bytes]:
    at %= len(lines) + 1
    return [*lines[:at], line, *lines[at:]]


def good_record(n: int) -> tuple[dict[str, str], bytes]:
    record = {"id": f"good-{n}", "published": "2021-03-02", "source": "Test",
              "text": f"Chinese President Xi Jinping held phone talks with French President Emmanuel Macron on "
                      f"Tuesday. Xi said China is ready to expand trade with France. Marker {n}."}
    return record, json.dumps(record).encode("ascii")


def check_good_article(db: str, record: dict[str, str]) -> None:
    """The good record is stored, with everything the extractor reads in it."""
    facts = extract(record["text"], id=record["id"], published=record["published"], source=record["source"])
    assert stored(db, record["id"]) == {"call_sources": len(facts.calls), "commitments": len(facts.commitments),
                                        "partnerships": len(facts.partnerships)}


# -- ingest -------------------------------------------------------------------------------------


def test_ingest_of_arbitrary_json_lines_is_clean_and_stores_the_good_record(runner, db, tmp_path):
    @_settings(db)
    @given(LINES, st.integers(min_value=0), st.sampled_from(["1", "7", "500"]))
    def ingest_lines(lines, at, batch):
        n = next(_serial)
        record, line = good_record(n)
        path = tmp_path / f"lines-{n}.jsonl"
        data = b"\n".join(_with_line(lines, line, at)) + b"\n"
        path.write_bytes(data)
        counts = run(runner, "ingest", path, db, "--batch", batch)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # garbage that begins like UTF-16: read as UTF-16
            return
        assert counts["new"] >= 1
        check_good_article(db, record)

    ingest_lines()
    check_consistent(db)


def test_ingest_of_odd_records_in_utf16_with_a_byte_order_mark(runner, db, tmp_path):
    @_settings(db, examples=12)
    @given(st.lists(RECORDS, min_size=1, max_size=5), st.integers(min_value=0),
           st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]))
    def ingest_utf16(records, at, encoding):
        n = next(_serial)
        record, _line = good_record(n)
        lines = _with_line([json.dumps(r) for r in records], json.dumps(record), at)
        data = "\n".join(lines) + "\n"
        bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
        path = tmp_path / f"utf16-{n}.jsonl"
        path.write_bytes(bom + data.encode(encoding))
        run(runner, "ingest", path, db)
        check_good_article(db, record)

    ingest_utf16()


def test_ingest_of_latin1_lines_in_a_utf8_file_fails_those_lines_only(runner, db, tmp_path):
    record, good = good_record(next(_serial))
    latin = {"text": "Réunion à Minsk : le président chinois Xi Jinping a parlé avec Alexandre Loukachenko."}
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([json.dumps(latin, ensure_ascii=False).encode("latin-1"), good,
                                 json.dumps(latin, ensure_ascii=False).encode("utf-8")]) + b"\n")
    counts = run(runner, "ingest", path, db)
    assert counts == {"new": 2, "skipped": 0, "failed": 1}
    check_good_article(db, record)


def test_a_raw_nul_byte_in_a_jsonl_file_is_reported_cleanly(runner, db, tmp_path):
    """NUL bytes (not the \\u0000 escape) near the start make the file binary: one error naming it.
    Further in, each line holding one is an error of its own and the rest are stored."""
    record, good = good_record(next(_serial))
    early = tmp_path / "early.jsonl"
    early.write_bytes(b'{"text": "a\x00b"}\n' + good + b"\n")
    assert run(runner, "ingest", early, db) == {"new": 0, "skipped": 0, "failed": 1}
    late = tmp_path / "late.jsonl"
    padding = b"\n".join(json.dumps({"text": f"Filler line {i}: nothing happened."}).encode() for i in range(200))
    late.write_bytes(padding + b'\n{"text": "a\x00b"}\n' + good + b"\n")
    assert run(runner, "ingest", late, db) == {"new": 201, "skipped": 0, "failed": 1}
    check_good_article(db, record)


def test_nul_and_control_characters_in_every_field_fail_or_store_cleanly(runner, db, tmp_path):
    """PostgreSQL text cannot hold NUL: such an article fails alone (never the run); SQLite stores it."""
    record, good = good_record(next(_serial))
    nul = "\x00"
    odd = [{"text": f"Xi Jinping{nul} held talks with Vladimir Putin.", "id": "nul-text"},
           {"text": "A title with NUL.", "title": f"a{nul}b", "id": "nul-title"},
           {"text": "A url with NUL.", "url": f"http://example.org/{nul}", "id": "nul-url"},
           {"text": "An id with NUL.", "id": f"id{nul}"},
           {"text": "A source with NUL.", "source": f"Xinhua{nul}", "id": "nul-source"},
           {"text": "A date with NUL.", "published": f"2021-01-27{nul}", "id": "nul-date"},
           {"text": "Control \x01\x02\x1b[31m\x7f\x85\u2028\u2029 characters.\r\n", "id": "control"}]
    path = tmp_path / "nul.jsonl"
    path.write_bytes(b"\n".join([*(json.dumps(r).encode() for r in odd), good]) + b"\n")
    counts = run(runner, "ingest", path, db)
    check_good_article(db, record)
    assert stored(db, "control") is not None and stored(db, "nul-date") is not None  # no NUL reaches the database
    if db.startswith("sqlite"):
        assert counts == {"new": 8, "skipped": 0, "failed": 0}
    else:
        assert counts == {"new": 3, "skipped": 0, "failed": 5}
    assert run(runner, "ingest", path, db)["failed"] == counts["failed"]  # the same again: still only those


def test_ingest_of_a_huge_line_and_deep_nesting(runner, db, tmp_path):
    record, good = good_record(next(_serial))
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    huge = {"id": "huge", "published": "2021-01-27", "text": (seed + " " + "lorem ipsum dolor sit amet " * 500 + "\n")
            * 200}  # about 3.3 MB in one line
    path = tmp_path / "huge.jsonl"
    path.write_bytes(b"\n".join([b"[" * 100_000, json.dumps(huge).encode(), b'{"text": ' + b"[" * 100_000,
                                 good]) + b"\n")
    assert len(path.read_bytes()) > 3_000_000
    assert run(runner, "ingest", path, db) == {"new": 2, "skipped": 0, "failed": 2}
    check_good_article(db, record)
    assert stored(db, "huge")["commitments"] >= 200  # noqa: PLR2004 - every copy of the seed's commitments
    as_json = tmp_path / "deep.json"
    as_json.write_bytes(b"[" * 100_000)
    assert run(runner, "ingest", as_json, db) == {"new": 0, "skipped": 0, "failed": 1}


# -- load ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_facts() -> dict[str, Any]:
    """The facts ``relations extract --text`` prints for the seed article."""
    result = CliRunner().invoke(main, ["extract", "--text", "--format", "jsonl", str(SEED)])
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    facts = json.loads(line)
    assert facts["text"] and facts["calls"] and facts["commitments"]
    return facts


def _paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _mutate(facts: dict[str, Any], path: tuple, how: str, value: Any) -> None:
    *parents, last = path
    node = facts
    for key in parents:
        node = node[key]
    if how == "delete":
        del node[last]
    elif how == "duplicate" and isinstance(node, list):
        node.insert(last, copy.deepcopy(node[last]))
    else:
        node[last] = value


NUMBERS = st.sampled_from([-1, 0, 1, 2, 10**6, 2**31, 2**62, 2**62 + 1, 2**63, -(2**63), 1.5, float("inf"), True])
REPLACEMENTS = NASTY | NUMBERS | JSON_VALUES | CONTROL_TEXT | st.sampled_from(
    ["BLR", "CHN", "RUS", "XXX", "EU", "NATO", "phone", "video", "in_person", "planned", "denied", "pledge", "week",
     "month", "trade", "Belt and Road Initiative", "Xi Jinping", "Unknown Person", None, [], {}, ["CHN", "CHN"]])


def test_load_of_mutated_facts_and_garbage_is_clean_and_stores_the_good_line(runner, db, tmp_path, seed_facts):
    paths = [p for p in _paths(seed_facts) if p]

    @_settings(db)
    @given(st.lists(st.tuples(st.sampled_from(paths), st.sampled_from(["replace", "replace", "delete", "duplicate"]),
                              REPLACEMENTS), min_size=1, max_size=4),
           st.lists(st.builds(_encode, JSON_VALUES, ENCODINGS) | GARBAGE | SPECIAL_LINES, max_size=3),
           st.integers(min_value=0), st.sampled_from(["1", "500"]))
    def load_lines(mutations, garbage, at, batch):
        n = next(_serial)
        mutated = copy.deepcopy(seed_facts)
        for path, how, value in mutations:
            try:
                _mutate(mutated, path, how, value)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier mutation took the path away
        if isinstance(mutated.get("text"), str):  # a text of its own, so that it is not skipped as stored
            mutated["text"] += f" [{n}]"
        good = {**copy.deepcopy(seed_facts), "id": f"good-{n}", "text": seed_facts["text"] + f" [good {n}]"}
        lines = _with_line([_encode(mutated, "utf-8"), *garbage], json.dumps(good).encode(), at)
        path = tmp_path / f"facts-{n}.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        counts = run(runner, "load", path, db, "--batch", batch)
        assert counts["new"] >= 1
        assert stored(db, f"good-{n}") == {"call_sources": len(good["calls"]),
                                            "commitments": len(good["commitments"]),
                                            "partnerships": len(good["partnerships"])}

    load_lines()
    check_consistent(db)


def test_load_of_arbitrary_json_lines_is_clean(runner, db, tmp_path, seed_facts):
    @_settings(db)
    @given(LINES, st.integers(min_value=0))
    def load_garbage(lines, at):
        n = next(_serial)
        good = {**seed_facts, "id": f"good-{n}", "text": seed_facts["text"] + f" [good {n}]"}
        path = tmp_path / f"garbage-{n}.jsonl"
        path.write_bytes(b"\n".join(_with_line(lines, json.dumps(good).encode(), at)) + b"\n")
        run(runner, "load", path, db)
        assert stored(db, f"good-{n}") is not None

    load_garbage()


def test_load_of_huge_deep_nul_and_misencoded_lines(runner, db, tmp_path, seed_facts, monkeypatch):
    good = {**seed_facts, "id": "good", "text": seed_facts["text"] + " [good]"}
    huge = {**seed_facts, "id": "huge", "text": seed_facts["text"] + " " + "lorem ipsum " * 300_000}  # 3.6 MB
    nul = {**seed_facts, "id": "nul", "text": seed_facts["text"] + " [nul \x00]"}
    leader = copy.deepcopy({**seed_facts, "id": "nul-leader", "text": seed_facts["text"] + " [nul leader]"})
    leader["leaders"][0]["name"] += "\x00"
    latin = {**seed_facts, "id": "latin", "text": seed_facts["text"] + " [café]"}
    lines = [json.dumps(huge).encode(), b"[" * 100_000, json.dumps(nul).encode(), json.dumps(leader).encode(),
             json.dumps(latin, ensure_ascii=False).encode("latin-1"), json.dumps(good).encode()]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    counts = run(runner, "load", path, db)
    assert stored(db, "good") is not None and stored(db, "huge") is not None
    nul_stored = db.startswith("sqlite")  # PostgreSQL refuses NUL: those two articles fail, alone
    assert (stored(db, "nul") is not None, stored(db, "nul-leader") is not None) == (nul_stored, nul_stored)
    assert counts == {"new": 4 if nul_stored else 2, "skipped": 0, "failed": 2 if nul_stored else 4}

    utf16 = tmp_path / "utf16.jsonl"  # load reads UTF-8 only: every line is an error, none a crash
    utf16.write_bytes("\n".join([json.dumps({**good, "id": "utf16"})] * 3).encode("utf-16"))
    assert run(runner, "load", utf16, db)["new"] == 0

    monkeypatch.setattr(facts_input, "MAX_LINE_BYTES", 1_000_000)
    again = tmp_path / "too-long.jsonl"
    again.write_bytes(json.dumps({**huge, "id": "huge-2", "text": huge["text"] + "!"}).encode() + b"\n")
    assert run(runner, "load", again, db) == {"new": 0, "skipped": 0, "failed": 1}


# -- time grows linearly with the size of a line ------------------------------------------------


def test_ingest_time_grows_linearly_with_the_size_of_one_line(db, tmp_path):
    """One line of N characters, then 4N: the second takes about four times as long, not sixteen."""
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    base = 250_000

    def ingest_seconds(size: int, tag: str) -> float:
        text = ((seed + " ") * (size // len(seed) + 1))[:size - len(tag) - 1] + " " + tag
        path = tmp_path / f"{tag}.jsonl"
        path.write_text(json.dumps({"id": tag, "published": "2021-01-27", "text": text}) + "\n", encoding="utf-8")
        with Database(db) as database:
            start = time.perf_counter()
            summary = database.ingest_path(str(path))
            elapsed = time.perf_counter() - start
        assert (summary.new, summary.failed) == (1, 0)
        return elapsed

    ingest_seconds(base // 10, "warm-up")
    small = min(ingest_seconds(base, f"small-{i}") for i in range(2))
    large = min(ingest_seconds(4 * base, f"large-{i}") for i in range(2))
    assert large / small < 8, f"{base:,} characters: {small:.2f} s; {4 * base:,}: {large:.2f} s"
