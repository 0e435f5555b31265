"""Load the extractor's vocabulary from ``relations/lexicon/*.tsv`` (data, not code).

Each loader returns plain Python structures; compiled forms (regular expressions, tries)
are built by the modules that use them and cached for the life of the process.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..resources import lexicon_dir
from ..tsv import read_rows


def rows(name: str, *required: str) -> list[dict[str, str]]:
    """All rows of ``relations/lexicon/<name>.tsv``."""
    return [row for _n, row in read_rows(lexicon_dir() / f"{name}.tsv", required)]


@cache
def column(name: str, col: str) -> tuple[str, ...]:
    """One column of a lexicon file, in file order."""
    return tuple(r[col] for r in rows(name, col) if r[col])


@lru_cache(maxsize=1)
def _vocab_months() -> tuple[str, ...]:
    """Month names and abbreviations, for patterns that need them literally."""
    return tuple(r["phrase"] for r in rows("dates", "phrase", "kind") if r["kind"] == "month")
