"""Compile a lexicon file of regular-expression fragments for fast matching.

Each row has a ``pattern`` (case-insensitive, matched at word boundaries) and ``keywords``:
words one of which every match contains. A big alternation of fragments is slow in Python's
regex engine (every position tries every branch), so each fragment is compiled on its own,
anchored on its first character, and tried only when one of its keywords occurs in the
text. Matches are merged as an alternation would: leftmost first, earlier rows winning at
the same position, no overlaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import rows
from ..tsv import split_values

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


def words(low: str) -> frozenset[str]:
    """The words of a lower-cased text, for keyword checks."""
    return frozenset(_WORDS.findall(low))


@dataclass(frozen=True, slots=True)
class PhraseSet:
    entries: tuple[tuple[re.Pattern[str], frozenset[str], dict[str, str]], ...]

    def find(self, low: str, vocab: frozenset[str]) -> list[tuple[int, int, dict[str, str]]]:
        """Non-overlapping (start, end, row) in ``low`` (from ``lower``), leftmost first."""
        found: list[tuple[int, int, int, dict[str, str]]] = []
        for order, (rx, keys, row) in enumerate(self.entries):
            if keys.isdisjoint(vocab):
                continue
            for m in rx.finditer(low):
                s = m.start()
                if s and (low[s - 1].isalnum() or low[s - 1] == "_"):
                    continue
                found.append((s, order, m.end(), row))
        found.sort(key=lambda x: (x[0], x[1]))
        out: list[tuple[int, int, dict[str, str]]] = []
        last_end = -1
        for s, _order, e, row in found:
            if s >= last_end:
                out.append((s, e, row))
                last_end = e
        return out


@lru_cache(maxsize=None)
def compile_rows(name: str, *columns: str) -> PhraseSet:
    """Compile ``relations/lexicon/<name>.tsv`` (``pattern``, ``keywords`` and ``columns``)."""
    entries = []
    for row in rows(name, "pattern", "keywords", *columns):
        rx = re.compile(f"(?:{row['pattern']})(?![\\w])")
        entries.append((rx, frozenset(split_values(row["keywords"])), row))
    return PhraseSet(tuple(entries))
