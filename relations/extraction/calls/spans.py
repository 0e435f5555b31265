"""Trigger and context phrases (lexicon/call_triggers.tsv, lexicon/call_context.tsv) found in an article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...tsv import split_values
from ..context import ArticleContext
from ..patterns import PhraseSet, compile_rows


@lru_cache(maxsize=1)
def trigger_phrases() -> PhraseSet:
    return compile_rows("call_triggers")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    row: dict[str, str]
    text: str


@lru_cache(maxsize=1)
def context_phrases() -> PhraseSet:
    return compile_rows("call_context")


def spans(ctx: ArticleContext, phrases: PhraseSet) -> list[Span]:
    return [Span(s, e, row, ctx.text[s:e]) for s, e, row in phrases.find(ctx.text, ctx.keywords)]


# "held via videoconference", "by video link", "over the phone": an event noun after a preposition
# of means names the medium of another engagement, as a cue does; it is no engagement of its own
_MEANS_BEFORE = re.compile(r"\b(?:via|by|over|through)[ ](?:a[ ]|the[ ]|secure[ ])?\Z", re.IGNORECASE)


def as_cues(ctx: ArticleContext, triggers: list[Span]) -> list[Span]:
    out = []
    for t in triggers:
        if t.row["strength"] == "event" and t.row["medium"] != "in_person" and _MEANS_BEFORE.search(ctx.text, max(0, t.start - 20), t.start):
            t = Span(t.start, t.end, {**t.row, "strength": "cue"}, t.text)
        out.append(t)
    return out


def flags(span: Span) -> tuple[str, ...]:
    """The row's flags (the `flags` column of its lexicon file)."""
    return split_values(span.row.get("flags", ""))
