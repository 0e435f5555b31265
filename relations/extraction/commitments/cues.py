"""Commitment cues (lexicon/commitment_cues.tsv) and how two of them are coordinated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import PhraseSet, compile_rows


@lru_cache(maxsize=1)
def cue_phrases() -> PhraseSet:
    return compile_rows("commitment_cues")


_COORDINATED = re.compile(
    r"(?:,|\band|\bbut|\bwhile|\bas well as)\s+(?:(?:is|are|was|were|remains?|stands?|has|have|also|\w+ly)\s+){0,3}"
    r"(?:(?:its|his|her|their|our)\s+(?:[\w-]+\s+)?)?\Z"
)


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    kind: str
    role: str
    text: str


def is_coordinated(text: str, a: int, b: int) -> bool:
    window = text[a:b]
    if "," not in window and "and" not in window and "but" not in window and "while" not in window:
        return False
    return bool(_COORDINATED.search(window))
