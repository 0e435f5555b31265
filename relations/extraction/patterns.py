"""Compile a lexicon file of regular-expression fragments into one alternation.

Each row's ``pattern`` becomes a named group; ``match.lastgroup`` tells which row matched,
so one pass over a sentence finds every trigger with its attributes. Earlier rows win at
the same position, so files list specific phrases before general ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import rows


@dataclass(frozen=True, slots=True)
class PhraseSet:
    pattern: re.Pattern[str]
    attrs: dict[str, dict[str, str]]  # group name -> the row

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Yield (match, row) for each phrase in ``text[start:end]``."""
        for m in self.pattern.finditer(text, start, len(text) if end is None else end):
            yield m, self.attrs[m.lastgroup]


def compile_rows(name: str, *columns: str, flags: int = re.IGNORECASE) -> PhraseSet:
    """Compile ``relations/lexicon/<name>.tsv`` (a ``pattern`` column plus ``columns``)."""
    groups, attrs = [], {}
    for i, row in enumerate(rows(name, "pattern", *columns)):
        key = f"p{i}"
        re.compile(row["pattern"])  # a bad fragment fails here, naming itself
        groups.append(f"(?P<{key}>{row['pattern']})")
        attrs[key] = row
    return PhraseSet(re.compile(r"(?<![\w])(?:" + "|".join(groups) + r")(?![\w])", flags), attrs)
