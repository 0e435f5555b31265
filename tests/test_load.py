"""Ingest split in two: ``relations extract --text`` then ``relations load`` stores exactly what
``relations ingest`` stores; ``relations ingest --workers N`` too. On SQLite and PostgreSQL.

The corpus is the seed article and generated readouts (tests/corpus.py) read by the real
extractor: calls reported by several articles, officials the reference data lacks.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import corpus
from dbdump import dump, duplicates
from factories import XINHUA, FakeExtractor, xinhua_facts
from relations import Database
from relations.cli import main
from relations.dbobjects import is_fts_table
from relations.engine import ENV_URL, display_url
from relations.errors import InputError
from relations.inputs import Record

# Columns that differ by design between ingest and load: load has no raw text (the facts carry
# only the normalised one), and the time of ingestion.
NOT_COMPARED = {("articles", "raw_text"), ("articles", "raw_hash"), ("articles", "ingested_at")}


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(ENV_URL, raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def tables(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (ids and all), but the columns in NOT_COMPARED and the FTS index."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    with engine.connect() as conn:
        meta.reflect(conn, only=lambda name, _meta: not is_fts_table(name) and name != "alembic_version")
        out = {}
        for table in meta.sorted_tables:
            columns = [c for c in table.columns if (table.name, c.name) not in NOT_COMPARED]
            out[table.name] = [tuple(r) for r in conn.execute(sa.select(*columns).order_by(*columns))]
    engine.dispose()
    return out


@pytest.fixture
def corpus_file(tmp_path):
    return corpus.write_jsonl(tmp_path / "corpus.jsonl", [corpus.seed_record(), *corpus.records(40)])


def test_extract_then_load_stores_the_same_rows_as_ingest(runner, db_url, another_db_url, corpus_file, tmp_path):
    ingested = run(runner, "ingest", str(corpus_file), "--db", db_url, "--no-progress")
    assert ingested.exit_code == 0, ingested.output
    extracted = run(runner, "extract", "--text", "--format", "jsonl", str(corpus_file))
    assert extracted.exit_code == 0
    facts = tmp_path / "facts.jsonl"
    facts.write_text(extracted.stdout, encoding="utf-8")
    loaded_url = another_db_url()
    loaded = run(runner, "load", str(facts), "--db", loaded_url, "--no-progress")
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout == f"{display_url(loaded_url)}: 41 new, 0 skipped, 0 failed\n"
    expected, got = tables(db_url), tables(loaded_url)
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], table
    assert len(got["calls"]) > 20 and len(got["commitments"]) > 40
    assert duplicates(sa.create_engine(loaded_url)) == {}


def test_load_reads_standard_input_and_batches_store_the_same(runner, db_url, another_db_url, corpus_file):
    facts = run(runner, "extract", "--text", str(corpus_file)).stdout
    one_url, batched_url = db_url, another_db_url()
    assert run(runner, "load", "-", "--db", one_url, "--no-progress", input=facts).exit_code == 0
    assert run(runner, "load", "-", "--db", batched_url, "--batch", "7", "--no-progress", input=facts).exit_code == 0
    assert dump(sa.create_engine(one_url)) == dump(sa.create_engine(batched_url))


def test_loading_the_same_facts_twice_stores_them_once_and_force_replaces(runner, db_url, corpus_file, tmp_path):
    facts = tmp_path / "facts.jsonl"
    facts.write_text(run(runner, "extract", "--text", str(corpus_file)).stdout, encoding="utf-8")
    assert run(runner, "load", str(facts), "--db", db_url).exit_code == 0
    before = tables(db_url)
    again = run(runner, "load", str(facts), "--db", db_url, "--batch", "10")
    assert again.exit_code == 0 and again.stdout.endswith(": 0 new, 41 skipped, 0 failed\n")
    assert tables(db_url) == before
    forced = run(runner, "load", str(facts), "--db", db_url, "--force")
    assert forced.exit_code == 0 and forced.stdout.endswith(": 0 new, 41 replaced, 0 skipped, 0 failed\n")
    after = tables(db_url)
    assert {t: len(rows) for t, rows in after.items()} == {t: len(rows) for t, rows in before.items()}
    # articles ingested from text are skipped when their facts are loaded (same normalised text)
    ingested = run(runner, "ingest", str(corpus_file), "--db", db_url)
    assert ingested.stdout.endswith(": 0 new, 41 skipped, 0 failed\n")


def test_a_facts_line_that_cannot_be_loaded_is_one_line_with_file_and_line(runner, db_url, tmp_path):
    good = xinhua_facts().to_dict(include_text=True)
    bad_kind = json.loads(json.dumps(good))
    bad_kind["commitments"][0]["kind"] = "threat"
    outside = json.loads(json.dumps(good))
    outside["calls"][0]["evidence"]["end"] = 10**6
    wrong_type = json.loads(json.dumps(good))
    wrong_type["leaders"][0]["name"] = ["Xi", "Jinping"]
    no_text = {k: v for k, v in good.items() if k != "text"}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps([good]),
        json.dumps(no_text),
        json.dumps(bad_kind),
        json.dumps(outside),
        json.dumps(wrong_type),
        "[" * 100_000,
        json.dumps({**good, "text": good["text"] + " Another one.", "id": "second"}),
    ]
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(runner, "load", str(path), "--db", db_url, "--batch", "3")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {path}:2: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        f"error: {path}:3: not a facts record: expected a JSON object, found a list",
        f"error: {path}:4: not a facts record: text is missing (extract it with --text)",
        f"error: {path}:5: not a facts record: commitments[0].kind must be one of pledge, proposal, agreement, "
        "support, opposition, not 'threat'",
        f"error: {path}:6: not a facts record: calls[0].evidence: span 0-1000000 is not inside the text "
        f"({len(good['text'])} characters)",
        f"error: {path}:7: not a facts record: leaders[0].name must be a string or null, not a list",
        f"error: {path}:8: not valid JSON: nested too deeply",
    ]
    assert result.stdout == f"{display_url(db_url)}: 2 new, 0 skipped, 7 failed\n"
    with Database(db_url, create=False) as db:
        assert db.stats()["articles"] == 2


def test_load_of_an_empty_or_missing_input_is_an_error_naming_it(runner, db_url, tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    result = run(runner, "load", str(tmp_path / "empty.jsonl"), str(tmp_path / "missing.jsonl"), "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'empty.jsonl'}: no facts: the input is empty",
                                          f"error: {tmp_path / 'missing.jsonl'}: no such file or directory"]


def test_load_of_an_article_instead_of_facts_is_one_line(runner, db_url, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("date 2021-01-27\nBEIJING, Jan. 26 (Xinhua) -- One line.\n\nAnother line.\n", encoding="utf-8")
    result = run(runner, "load", str(article), "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {article}: no facts: none of its 3 lines is a facts record (make them with "
                             "relations extract --text); the first: not valid JSON: Expecting value (line 1, column 1)\n")


# --- ingest --workers ----------------------------------------------------------------------------


def test_ingest_in_worker_processes_stores_what_one_process_stores(db_url, another_db_url):
    records: list[Record | InputError] = [
        Record(r["text"], f"in.jsonl:{i}", r.get("id"), r.get("published"), r.get("source"), None, r.get("url"))
        for i, r in enumerate([corpus.seed_record(), *corpus.records(50)], 1)]
    records.insert(3, InputError("in.jsonl:bad", "not valid JSON: Expecting value"))
    records.append(records[10])  # the same record again: skipped
    single_url, parallel_url = db_url, another_db_url()
    results = {}
    for url, workers in ((single_url, 1), (parallel_url, 2)):
        with Database(url) as db:
            results[workers] = [(r.origin, r.status, r.article_id) for r in
                                db.ingest_records(records, batch=9, workers=workers)]
    assert results[2] == results[1]
    assert [s for _o, s, _a in results[2]].count("failed") == 1 and results[2][-1][1] == "skipped"
    assert tables(parallel_url) == tables(single_url)


def test_workers_use_the_extractor_the_database_was_given(sqlite_url):
    fake = FakeExtractor()
    fake.add(xinhua_facts())
    with Database(sqlite_url, extractor=fake) as db:
        done = list(db.ingest_records([Record(XINHUA, "x")], workers=2))
        assert [(r.status, r.commitments, r.partnerships) for r in done] == [("new", 2, 1)]
