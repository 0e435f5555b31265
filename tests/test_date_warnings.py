"""A date given with an article that is no date: extraction names it (a ``DateWarning`` from
``extract``, ``InvalidDateError`` from ``extract_strict``, a line in ``facts.warnings``), and
``ingest`` and ``extract | load`` store the same article with the same warning."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

import relations
from relations.cli import main
from relations.errors import DateWarning, InputError, InvalidDateError
from relations.extraction import extract_quiet

TEXT = "Chinese President Xi Jinping held phone talks with Belarusian President Alexander Lukashenko on Tuesday."


@pytest.mark.parametrize("published", ["yesterday", "2021-02-30"])
def test_extract_warns_of_a_published_date_that_is_none_and_ignores_it(published):
    with pytest.warns(DateWarning) as caught:
        facts = relations.extract(TEXT, published=published, id="x/1")
    message = f"\"published\" {published!r} is not a YYYY-MM-DD date: ignored"
    assert [str(w.message) for w in caught] == [f"x/1: {message}"]
    assert caught[0].filename == __file__  # it points at the caller
    assert facts.article.published is None
    assert facts.warnings == (message,)


def test_a_date_line_that_is_none_warns_too():
    with pytest.warns(DateWarning, match="the date line 'date 2021-13-01' is not a valid YYYY-MM-DD date"):
        relations.extract("date 2021-13-01\n" + TEXT)


def test_good_dates_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for published in ("2021-01-26", "2021-01-26T08:00:00Z", None, "", " "):
            assert not relations.extract(TEXT, published=published).warnings


@pytest.mark.parametrize("published", ["yesterday", "2021-02-30"])
def test_extract_strict_raises_a_named_error_carrying_the_input(published):
    with pytest.raises(InvalidDateError) as raised:
        relations.extract_strict(TEXT, published=published, id="x/1")
    e = raised.value
    assert isinstance(e, InputError)
    assert (e.article_id, e.field, e.value) == ("x/1", "published", published)
    assert str(e) == f"x/1: \"published\" {published!r} is not a YYYY-MM-DD date: ignored"
    assert e.partial.calls and e.partial.article.published is None  # the facts read without the date


def test_extract_quiet_only_names_it_in_the_facts():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        facts = extract_quiet(TEXT, published="yesterday")
    assert facts.warnings == ("\"published\" 'yesterday' is not a YYYY-MM-DD date: ignored",)


def test_ingest_and_extract_then_load_store_and_warn_the_same(tmp_path, db_url, another_db_url):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x/1", "text": TEXT, "published": "yesterday"}) + "\n", encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(path), "--db", db_url, "--no-progress"])
    extracted = runner.invoke(main, ["extract", "--text", str(path)])
    assert extracted.exit_code == 0
    assert extracted.stderr == f"warning: {path}:1: \"published\" 'yesterday' is not a YYYY-MM-DD date: ignored\n"
    facts = tmp_path / "facts.jsonl"
    facts.write_text(extracted.stdout, encoding="utf-8")
    loaded_url = another_db_url()
    loaded = runner.invoke(main, ["load", str(facts), "--db", loaded_url, "--no-progress"])
    assert ingested.exit_code == loaded.exit_code == 0
    expected = [
        "\"published\" 'yesterday' is not a YYYY-MM-DD date: ignored",
        "no date anywhere (no \"published\", no date line, no dated dateline): stored with its date unknown",
    ]
    assert ingested.stderr.splitlines() == [f"warning: {path}:1: {w}" for w in expected]
    assert loaded.stderr.splitlines() == [f"warning: {facts}:1: {w}" for w in expected]
    for url in (db_url, loaded_url):
        with relations.Database(url, read_only=True) as db:
            assert db.stats()["articles without a date"] == 1
            assert [c.date for c in db.calls()] == [None]
