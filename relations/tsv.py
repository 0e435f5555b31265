"""Read the project's tab-separated data files.

Format shared by ``seeds/*.tsv`` and ``relations/lexicon/*.tsv``: UTF-8, lines starting with
``#`` are comments (the first ones name the file's source), blank lines are ignored, the first
other line is the header naming the columns, and each later line is one row with exactly that
many tab-separated fields. Multi-valued fields separate their values with ``|``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import ReferenceDataError


def read_rows(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row; raise ReferenceDataError on bad rows."""
    header: list[str] | None = None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ReferenceDataError(str(path), None, f"cannot read: {e}") from e
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is None:
            header = fields
            missing = [c for c in required if c not in header]
            if missing:
                raise ReferenceDataError(str(path), n, f"header lacks column(s) {', '.join(missing)}")
            continue
        if len(fields) < len(header):
            fields += [""] * (len(header) - len(fields))
        if len(fields) != len(header):
            raise ReferenceDataError(str(path), n, f"expected {len(header)} fields, found {len(fields)}")
        yield n, dict(zip(header, fields))
    if header is None:
        raise ReferenceDataError(str(path), None, "no header line")


def split_values(field: str) -> tuple[str, ...]:
    """Split a ``|``-separated field into its non-empty values."""
    return tuple(v.strip() for v in field.split("|") if v.strip())


def source_of(path: Path) -> str:
    """The file's leading comment lines: where its data comes from."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        out.append(line.lstrip("# ").rstrip())
    return " ".join(x for x in out if x)
