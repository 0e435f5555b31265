"""The next sitting of a standing body of two states (lexicon/bilateral_mechanisms.tsv): a
planned engagement of the article's two sides, though the sentence names neither ("The next
meeting of the Joint Working Group will be held in Dhaka in October")."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import dates
from ..context import ArticleContext
from ..lexicon import alternation, rows
from ..sentences import Sentence
from .drafts import Draft


@lru_cache(maxsize=2)
def _words(kind: str) -> re.Pattern[str]:
    words = [r["word"] for r in rows("bilateral_mechanisms", "word", "kind") if r["kind"] == kind]
    return re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)


def planned_sitting(ctx: ArticleContext, s: Sentence, main: Draft | None) -> Draft | None:
    """A planned in-person engagement between the two countries of the article's main engagement
    ``main`` when sentence ``s`` schedules a sitting of a standing body, else None."""
    if main is None or len(main.parties) != 2 or main.orgs:
        return None
    body = _words("body").search(ctx.text, s.start, s.end)
    if body is None or _words("planned").search(ctx.text, s.start, s.end) is None:
        return None
    if any(m.country and m.country not in main.parties for m in ctx.mentions(s.start, s.end)) or any(
            c not in main.parties for _h, c in ctx.bare_countries(s.start, s.end)):
        return None  # another state's body
    day = None
    for m in dates.find(ctx.text, s.start, s.end):
        if m.kind not in ("month", "week"):
            resolved = dates.resolve(m, ctx.ref_date, future=True)
            if resolved.date and ctx.ref_date and resolved.date > ctx.ref_date:
                day = resolved
            break
    return Draft("in_person", False, "planned", day, set(main.parties), set(), [], None, s,
                 trigger=(body.start(), body.end()))
