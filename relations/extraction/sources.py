"""Which side an article speaks for, from its publisher (``lexicon/sources.tsv``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import rows
from .trie import compile_words


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str | None]]:
    table: dict[str, str | None] = {}
    for r in rows("sources", "name", "country"):
        table[r["name"].lower()] = r["country"] or None
    return compile_words(table, re.IGNORECASE), table


def own_side(*names: str | None) -> str | None:
    """The country the first recognised publisher name speaks for (None for wire services)."""
    pattern, table = _table()
    for name in names:
        if not name:
            continue
        m = pattern.search(name)
        if m:
            return table[m.group().lower()]
    return None


def is_known(name: str | None) -> bool:
    pattern, _ = _table()
    return bool(name and pattern.search(name))
