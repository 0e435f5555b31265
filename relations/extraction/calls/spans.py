"""Trigger and context phrases (lexicon/call_triggers.tsv, lexicon/call_context.tsv) found in an article."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
