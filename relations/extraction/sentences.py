"""Split normalised text into sentences, keeping character offsets.

A regular-expression splitter tuned for readouts: abbreviations (``Mr.``, ``Jan.``, ``U.S.``)
and initials do not end a sentence; paragraph breaks always do. Linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import rows

# a sentence may end at . ! ? (with closing quotes/brackets) before whitespace and an
# opening quote/bracket, a capital letter or a digit, or at the end of a paragraph
_CANDIDATE = re.compile(r"""[.!?]+['")\]]*(?=\s+['"(\[]?[A-Z0-9\u00c0-\u024f]|\s*(?:\n|$))""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_WORD_BEFORE = re.compile(r"(\S+)\Z")
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
    para_start = 0
    for pno, pm in enumerate(_iter_paragraphs(text)):
        p_start, p_end = pm
        start = p_start
        for m in _CANDIDATE.finditer(text, p_start, p_end):
            if m.end() >= p_end:
                break
            if not _is_boundary(text, m.start() + (m.group().find(".") if "." in m.group() else 0), m.end()):
                continue
            _add(out, text, start, m.end(), pno)
            start = m.end()
        _add(out, text, start, p_end, pno)
        para_start = p_end
    return out


def _iter_paragraphs(text: str):
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _add(out: list[Sentence], text: str, start: int, end: int, pno: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], pno))
