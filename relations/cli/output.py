"""The ``--format`` switch every listing command shares, and the writers behind it.

A listing command is decorated with ``@listing(COLUMNS, flat)`` and returns an iterable of
rows (objects with ``to_dict()``). The decorator adds ``--format table|json|jsonl|csv`` and
writes the rows as they come:

- ``json``: one JSON array, written row by row, ``[]`` when nothing matched;
- ``jsonl``: one JSON object a line;
- ``csv``: a header of ``COLUMNS``, then ``flat(row)`` for each row;
- ``table`` (the default): the same columns aligned for reading, one line a row. A table
  needs every row before it can align them, so it is built in memory; use the other formats
  for large outputs.

JSON keeps each row's full structure (lists of participants, sources...); CSV and tables
show one flat cell per column, lists joined with "; ".
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "jsonl", "csv")
CELL_MAX = 80  # characters of a table cell; json, jsonl and csv are never cut


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


def write_table(rows: Iterable[Sequence[str]], columns: Sequence[str], out: Any) -> int:
    """Aligned columns under a header, the last column not padded; nothing when there are no
    rows. The number of rows written."""
    body = [list(r) for r in rows]
    if not body:
        return 0
    widths = [max(len(columns[i]), *(len(r[i]) for r in body)) for i in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        padded = [v.ljust(w) for v, w in zip(values[:-1], widths[:-1])] + [values[-1]]
        return "  ".join(padded).rstrip() + "\n"

    out.write(line(columns))
    out.write(line(["-" * w for w in widths]))
    for r in body:
        out.write(line(r))
    return len(body)


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
