"""Topics of a commitment: fields and named initiatives from ``seeds/topics.tsv``.

Matched as written, in lower case or capitalised, so "China-Belarus industrial park",
"Belarus-China Industrial Park" and "Great Stone" all give the one topic their row names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import reference
from .trie import compile_words


@lru_cache(maxsize=1)
def surfaces() -> dict[str, str]:
    """Each way a topic is written (as in the file, lower case, capitalised) -> its name.

    The gazetteer's single pass finds them (``Gazetteer.scan``)."""
    names: dict[str, str] = {}
    for t in reference.topics():
        for alias in (t.name, *t.aliases):
            for form in (alias, alias.lower(), alias[0].upper() + alias[1:], alias.title()):
                names.setdefault(form, t.name)
    return names


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    names = surfaces()
    return compile_words(names), names


def scan(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical topic) of every topic mention in ``text`` (on its own; the
    extractor gets them from the gazetteer's pass instead)."""
    pattern, names = _matcher()
    return [(m.start(), m.end(), names[m.group()]) for m in pattern.finditer(text)]


def within(found: list[tuple[int, int, str]], start: int, end: int) -> tuple[str, ...]:
    """The topics of ``found`` (from ``scan``) inside [start, end), in order, once each."""
    seen: dict[str, None] = {}
    for s, e, name in found:
        if s >= start and e <= end:
            seen.setdefault(name)
    return tuple(seen)
