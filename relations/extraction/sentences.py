"""Split normalised text into sentences, keeping character offsets.

A regular-expression splitter tuned for readouts: abbreviations (``Mr.``, ``Jan.``, ``U.S.``)
and initials do not end a sentence; paragraph breaks always do. Linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import rows

# a sentence may end at . ! ? (with closing quotes/brackets) before a space and an opening
# quote/bracket, a capital letter or a digit; a paragraph break always ends one
_CANDIDATE = re.compile(r"""[.!?]+['")\]]*(?=[ ]+['"(\[]?[A-Z0-9\u00c0-\u024f])""")
_WORD_AFTER = re.compile(r"""\s+['"(\[]?([\w\u00c0-\u024f]+)""")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    never, maybe = set(), set()
    for r in rows("abbreviations", "abbreviation", "ends"):
        (never if r["ends"] == "never" else maybe).add(r["abbreviation"])
    starters = {r["word"] for r in rows("sentence_starters", "word")}
    return frozenset(never), frozenset(maybe), frozenset(starters)


def _is_boundary(text: str, dot: int, after: int) -> bool:
    """Whether the period at ``dot`` ends a sentence (``after``: the index past the match)."""
    if text[dot] != ".":
        return True
    never, maybe, starters = _abbreviations()
    sp = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot))
    word = text[sp + 1:dot + 1].lstrip("(\"'")
    if not word:
        return True
    if len(word) == 2 and word[0].isupper():  # an initial: "Joseph R. Biden"
        return False
    if word in never:
        return False
    if word in maybe or (word.count(".") >= 2 and len(word) <= 8):  # U.S., a.m.
        nxt = _WORD_AFTER.match(text, after)
        return bool(nxt) and nxt.group(1) in starters
    return True


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` (normalised), in order, with offsets [start, end)."""
    out: list[Sentence] = []
    pos = 0
    pno = -1
    for para in text.split("\n"):
        if para:
            pno += 1
        start = pos
        end = pos + len(para)
        for m in _CANDIDATE.finditer(text, pos, end):
            dot = m.start() + (m.group().find(".") if "." in m.group() else 0)
            if _is_boundary(text, dot, m.end()):
                _add(out, text, start, m.end(), pno)
                start = m.end()
        _add(out, text, start, end, pno)
        pos = end + 1
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, pno: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        start += len(seg) - len(seg.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped, pno))
