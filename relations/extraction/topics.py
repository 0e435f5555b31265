"""Topics of a commitment: fields and named initiatives from ``seeds/topics.tsv``.

Matched case-insensitively on the lower-cased text, so "China-Belarus industrial park",
"Belarus-China Industrial Park" and "Great Stone" all give the one topic their row names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import reference
from .trie import compile_words


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for t in reference.topics():
        for alias in (t.name, *t.aliases):
            names.setdefault(alias.lower(), t.name)
    return compile_words(names), names


def find(low: str, start: int, end: int) -> tuple[str, ...]:
    """Canonical topic names mentioned in ``low[start:end]`` (lower-cased text), in order."""
    pattern, names = _matcher()
    seen: dict[str, None] = {}
    for m in pattern.finditer(low, start, end):
        seen.setdefault(names[m.group()])
    return tuple(seen)
