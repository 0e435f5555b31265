"""The progress bar of ``ingest``, ``load`` and ``reprocess`` on a terminal.

When the inputs' size is known before reading them (files, not standard input or a pipe),
they are counted first, so the bar shows a total, a percentage and the time remaining; it
always shows the rate (articles a second) and the input being stored. Counting reads each
``.jsonl`` file once more (about a second a gigabyte from the page cache).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from ..inputs import expand


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many results reading ``paths`` gives (records, and inputs that fail), or None when
    that cannot be known without reading them (standard input, a pipe, a file of unknown kind)."""
    total = 0
    for p in expand(paths):
        if isinstance(p, InputError):
            total += 1
            continue
        path = Path(p)
        if p == "-" or not path.is_file():
            return None
        suffix = path.suffix.lower()
        if suffix == ".txt":
            total += 1
        elif suffix == ".jsonl":
            total += _records_in_lines(path)
        elif suffix == ".json" and _first_byte(path) == b"{":
            total += 1
        else:  # an array of records, or a kind told by its content
            return None
    return total


def _records_in_lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip()) or 1  # an empty file is one failure
    except OSError:
        return 1


def _first_byte(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    except OSError:
        return b""


class _Rate:
    """What the bar shows beside itself: articles a second so far, and the current input."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.done = 0

    def __call__(self, item: Any) -> str | None:
        if item is None:
            return None
        self.done += 1
        elapsed = time.monotonic() - self.start
        per_second = self.done / elapsed if elapsed > 0.5 else None
        rate = "…/s" if per_second is None else f"{per_second:,.{1 if per_second < 10 else 0}f}/s"
        return f"{rate}  {item.origin[-40:]}"


def progress(items: Iterable[Any], label: str, total: int | None) -> Iterator[Any]:
    """``items``, shown on stderr as a bar: with ``total``, its percentage and time remaining."""
    with click.progressbar(items, length=total, label=label, file=sys.stderr, show_pos=True,
                           show_percent=total is not None, show_eta=total is not None,
                           item_show_func=_Rate()) as bar:
        yield from bar
