"""Compile lexicon files of regular-expression fragments for fast matching.

Each row has a ``pattern`` (case-insensitive, whole words) and ``keywords``: the words a match
can start with. A big alternation of fragments is slow in Python's regex engine (every position
tries every branch), so instead the positions of all keywords are found first
(once per article), and each fragment is tried, anchored, only at the
occurrences of its own keywords. Matches are merged as an alternation would: leftmost first,
earlier rows winning at the same position, no overlaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..tsv import split_values
from .lexicon import rows

# the lexicon files written as keyword-anchored fragments
PHRASE_FILES = {
    "call_triggers": ("medium", "strength"),
    "call_context": ("role", "flags"),
    "commitment_cues": ("kind", "role"),
}

_WORDS = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower(text: str) -> str:
    """Lower case with the same length and offsets as ``text``."""
    if text.isascii():
        return text.translate(_ASCII_LOWER)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# the four non-ASCII letters that Python's re, case-insensitive, takes for an ASCII one
_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def lower_for_literals(text: str) -> str | None:
    """``text`` lower-cased such that wherever a case-insensitive regex of ASCII literals
    matches in ``text``, the literal, lower-cased, is a substring of the result: a cheap test
    that lets a whole-text regex pass be skipped. None when no such promise holds (the text
    has one of the letters Python's re takes for an ASCII one: İ ı ſ K)."""
    if not text.isascii() and any(c in text for c in _CASE_TWINS):
        return None
    return text.lower()


def words(low: str) -> frozenset[str]:
    """The words of a lower-cased text."""
    return frozenset(_WORDS.findall(low))


@dataclass(frozen=True, slots=True)
class PhraseSet:
    entries: tuple[tuple[re.Pattern[str], dict[str, str]], ...]
    by_keyword: dict[str, tuple[int, ...]]

    def find(self, text: str, positions: dict[str, list[int]]) -> list[tuple[int, int, dict[str, str]]]:
        """Non-overlapping (start, end, row) in ``text``, leftmost first (case-insensitive).

        ``positions``: where each keyword occurs (from ``Gazetteer.scan``).
        """
        found: list[tuple[int, int, int, dict[str, str]]] = []
        entries = self.entries
        for kw, where in positions.items():
            idxs = self.by_keyword.get(kw)
            if not idxs:
                continue
            for pos in where:
                for i in idxs:
                    m = entries[i][0].match(text, pos)
                    if m:
                        found.append((pos, i, m.end(), entries[i][1]))
        if not found:
            return []
        found.sort(key=lambda x: (x[0], x[1]))
        out: list[tuple[int, int, dict[str, str]]] = []
        last_end = -1
        for s, _i, e, row in found:
            if s >= last_end:
                out.append((s, e, row))
                last_end = e
        return out


@cache
def compile_rows(name: str) -> PhraseSet:
    """Compile ``relations/lexicon/<name>.tsv`` (one of PHRASE_FILES)."""
    entries = []
    by_keyword: dict[str, list[int]] = {}
    for i, row in enumerate(rows(name, "pattern", "keywords", *PHRASE_FILES[name])):
        entries.append((re.compile(f"(?:{row['pattern']})(?![\\w])", re.IGNORECASE), row))
        for kw in split_values(row["keywords"]):
            by_keyword.setdefault(kw.lower(), []).append(i)
    return PhraseSet(tuple(entries), {k: tuple(v) for k, v in by_keyword.items()})


@lru_cache(maxsize=1)
def all_keywords() -> frozenset[str]:
    """Every keyword of every phrase file (lower case)."""
    keys: set[str] = set()
    for name in PHRASE_FILES:
        keys.update(compile_rows(name).by_keyword)
    return frozenset(keys)
