"""Output on a terminal: tables that fit its width, and a progress bar that knows the total."""

from __future__ import annotations

import io
import json

from relations.cli.output import fit, write_rows, write_table
from relations.cli.progress import _Rate, count_inputs

COLUMNS = ("id", "date", "what", "sources")
ROWS = [["1", "2021-01-26", "phone call (held): BLR-CHN " + "x" * 60, "Xinhua; BelTA"],
        ["22", "2021-01-27", "short", "The White House; The Kremlin; Xinhua"]]


def test_a_table_fits_the_width_by_shortening_the_widest_column():
    out = io.StringIO()
    write_table(ROWS, COLUMNS, out, width=80)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 79
    assert lines[0].split() == list(COLUMNS)
    assert lines[2].startswith("1   2021-01-26  phone call (held): BLR-CHN")
    assert lines[2].endswith("…  Xinhua; BelTA")  # the widest column is cut...
    assert lines[3].startswith("22  2021-01-27  short ") and lines[3].endswith("…")  # ...then the next widest


def test_a_table_that_fits_is_left_alone_and_none_means_no_limit():
    wide, fitting = io.StringIO(), io.StringIO()
    write_table(ROWS, COLUMNS, wide, width=None)
    write_table(ROWS, COLUMNS, fitting, width=1000)
    assert wide.getvalue() == fitting.getvalue() and "…" not in wide.getvalue()


def test_fit_narrows_the_widest_first_and_never_below_the_minimums():
    assert fit([10, 50, 30], [2, 10, 10], 70) == [10, 28, 28]
    assert fit([10, 50, 30], [2, 10, 10], 84) == [10, 40, 30]
    assert fit([10, 50, 30], [10, 40, 30], 60) == [10, 40, 30]  # as close as it can
    assert fit([5, 5], [5, 5], 100) == [5, 5]


def test_columns_env_makes_the_table_fit(monkeypatch):
    class Row:
        def __init__(self, r):
            self.r = r

        def to_dict(self):
            return dict(zip(COLUMNS, self.r))

    monkeypatch.setenv("COLUMNS", "60")
    out = io.StringIO()
    write_rows([Row(r) for r in ROWS], "table", COLUMNS, lambda row: row.r, out)
    assert max(len(line) for line in out.getvalue().splitlines()) <= 59
    csv_out = io.StringIO()
    write_rows([Row(r) for r in ROWS], "csv", COLUMNS, lambda row: row.r, csv_out)
    assert "x" * 60 in csv_out.getvalue()  # only tables are cut


def test_the_inputs_are_counted_when_their_size_is_known(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "d" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d" / "b.jsonl").write_text("\n".join(json.dumps({"text": f"t{i}"}) for i in range(5)) + "\n\n",
                                            encoding="utf-8")
    (tmp_path / "one.json").write_text('{"text": "t"}', encoding="utf-8")
    assert count_inputs([str(tmp_path / "d"), str(tmp_path / "one.json"), str(tmp_path / "missing.txt")]) == 8
    assert count_inputs(["-"]) is None
    (tmp_path / "many.json").write_text('[{"text": "t"}]', encoding="utf-8")
    assert count_inputs([str(tmp_path / "many.json")]) is None


def test_ingest_with_progress_counts_the_total(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from relations.cli import main

    seen = {}

    def fake_bar(items, label, total):
        seen["total"] = total
        yield from items

    monkeypatch.setattr("relations.cli.progress.progress", fake_bar)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Text number {i}."}) for i in range(3)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "r.db"), "--progress"])
    assert result.exit_code == 0, result.output
    assert seen == {"total": 3}


def test_the_bar_shows_the_rate_and_the_input(monkeypatch):
    clock = iter([100.0, 100.1, 102.0, 104.0])
    monkeypatch.setattr("relations.cli.progress.time.monotonic", lambda: next(clock))
    rate = _Rate()

    class Result:
        origin = "corpus.jsonl:1"

    assert rate(None) is None
    assert rate(Result()) == "…/s  corpus.jsonl:1"  # too early to tell
    assert rate(Result()) == "1.0/s  corpus.jsonl:1"
    assert rate(Result()) == "0.8/s  corpus.jsonl:1"
