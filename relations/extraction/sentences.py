"""Split normalised text into sentences, keeping character offsets.

A regular-expression splitter tuned for readouts: abbreviations (``Mr.``, ``Jan.``, ``U.S.``)
and initials do not end a sentence; paragraph breaks always do. Linear in the text length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import rows

# a sentence may end at . ! ? (with closing quotes/brackets) before a space and an opening
# quote/bracket, a capital letter or a digit; a paragraph break always ends one
_CANDIDATE = re.compile(r"""[.!?]+['")\]]*(?=[ ]+['"(\[]?[A-Z0-9\u00c0-\u024f])""")
_WORD_AFTER = re.compile(r"""\s+['"(\[]?([\w\u00c0-\u024f]+)""")


class Sentence(NamedTuple):
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
    lo = max(0, dot - 60)
    sp = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot), lo - 1)
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
    append = out.append
    pos = 0
    pno = -1
    candidate = _CANDIDATE.finditer
    for para in text.split("\n"):
        if not para:
            pos += 1
            continue
        pno += 1
        start = pos
        end = pos + len(para)
        for m in candidate(text, pos, end):
            g = m.group()
            dot = m.start() + (g.find(".") if "." in g else 0)
            if _is_boundary(text, dot, m.end()):
                seg = text[start:m.end()].strip()
                if seg:
                    s0 = text.index(seg[0], start)
                    append(Sentence(s0, s0 + len(seg), seg, pno))
                start = m.end()
        seg = text[start:end].strip()
        if seg:
            s0 = text.index(seg[0], start)
            append(Sentence(s0, s0 + len(seg), seg, pno))
        pos = end + 1
    return out
