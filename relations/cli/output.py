"""The ``--format`` switch every listing command shares, and the writers behind it.

A listing command is decorated with ``@listing(COLUMNS, flat)`` and returns an iterable of
rows (objects with ``to_dict()``). The decorator adds ``--format table|json|jsonl|csv`` and
writes the rows as they come:

- ``json``: one JSON array, written row by row, ``[]`` when nothing matched;
- ``jsonl``: one JSON object a line;
- ``csv``: a header of ``COLUMNS``, then ``flat(row)`` for each row;
- ``table`` (the default): the same columns aligned for reading, one line a row. A table
  needs every row before it can align them, so it is built in memory; use the other formats
  for large outputs. On a terminal (or with ``$COLUMNS`` set) a table fits the width: the
  widest columns are shortened, their cells cut with "…" (the other formats are never cut).

JSON keeps each row's full structure (lists of participants, sources...); CSV and tables
show one flat cell per column, lists joined with "; ".
"""

from __future__ import annotations

import csv
import functools
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "jsonl", "csv")
CELL_MAX = 80  # characters of a table cell; json, jsonl and csv are never cut
MIN_CELL = 10  # a column is not shortened below this (or its header's width): a date stays whole


def format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table: aligned columns; json: one array; jsonl: an object a line; csv: a header, then rows.",
    )(f)


def listing(columns: Sequence[str], flat: Callable[[Any], Sequence[Any]]) -> Callable[[F], F]:
    """Decorate a command that returns rows: add ``--format`` and write the rows in it."""

    def decorate(command: F) -> F:
        @format_option
        @functools.wraps(command)
        def wrapper(*args: Any, fmt: str, **kwargs: Any) -> None:
            rows = command(*args, **kwargs)
            write_rows(rows, fmt, columns, flat)

        return wrapper  # type: ignore[return-value]

    return decorate


def write_rows(rows: Iterable[Any], fmt: str, columns: Sequence[str], flat: Callable[[Any], Sequence[Any]],
               out: Any = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        out.write("[")
        first = True
        for row in rows:
            out.write(("\n" if first else ",\n") + json.dumps(row.to_dict(), ensure_ascii=False))
            first = False
        out.write("]\n" if first else "\n]\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(v) for v in flat(row)])
    else:
        if not write_table(([cell(v, CELL_MAX) for v in flat(row)] for row in rows), columns, out):
            warn("nothing matches")
    out.flush()


def table_width(out: Any) -> int | None:
    """The width a table must fit: the terminal's when ``out`` is one or ``$COLUMNS`` is set."""
    isatty = getattr(out, "isatty", None)
    if os.environ.get("COLUMNS") or (isatty is not None and isatty()):
        return shutil.get_terminal_size().columns
    return None


def fit(widths: Sequence[int], minimums: Sequence[int], total: int, gap: int = 2) -> list[int]:
    """Column widths that fit in ``total`` characters (``gap`` between columns): the widest
    column is narrowed first (down to the next widest, then both...), none below its minimum;
    as close as they can get when the minimums do not fit."""
    widths = list(widths)

    def over() -> int:
        return sum(widths) + gap * (len(widths) - 1) - total

    while over() > 0:
        shrinkable = [i for i in range(len(widths)) if widths[i] > minimums[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        second = max((widths[i] for i in shrinkable if i != widest), default=0)
        target = max(minimums[widest], widths[widest] - over(), second)
        widths[widest] = target if target < widths[widest] else widths[widest] - 1  # a tie: one at a time
    return widths


def write_table(rows: Iterable[Sequence[str]], columns: Sequence[str], out: Any, width: int | None = None) -> int:
    """Aligned columns under a header, the last column not padded; nothing when there are no
    rows. Fits in ``width`` characters (default: the terminal's, see ``table_width``), cutting
    cells of the widest columns. The number of rows written."""
    body = [list(r) for r in rows]
    if not body:
        return 0
    widths = [max(len(columns[i]), *(len(r[i]) for r in body)) for i in range(len(columns))]
    width = table_width(out) if width is None else width
    if width is not None:
        fitted = fit(widths, [min(w, max(len(c), MIN_CELL)) for w, c in zip(widths, columns)], width - 1)
        if fitted != widths:
            widths = fitted
            body = [[_cut(v, w) for v, w in zip(r, widths)] for r in body]

    def line(values: Sequence[str]) -> str:
        padded = [v.ljust(w) for v, w in zip(values[:-1], widths[:-1])] + [values[-1]]
        return "  ".join(padded).rstrip() + "\n"

    out.write(line(columns))
    out.write(line(["-" * w for w in widths]))
    for r in body:
        out.write(line(r))
    return len(body)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def cell(value: Any, limit: int | None = None) -> str:
    """One flat cell: lists joined with "; ", None empty, on one line, cut to ``limit``."""
    if value is None:
        text = ""
    elif isinstance(value, (list, tuple)):
        text = "; ".join(cell(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split()) if ("\n" in text or "\t" in text) else text
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def warn(message: str) -> None:
    """A line on stderr (warnings and per-input errors), starting a fresh line under a progress bar."""
    prefix = "\r\033[K" if sys.stderr.isatty() else ""
    click.echo(prefix + message, err=True)
