"""Who speaks a sentence: a trailing attribution (", Xi added."), a quotation's speaker, the clause's subject."""

from __future__ import annotations

import re
from functools import lru_cache

from ..context import ArticleContext
from ..lexicon import alternation, reporting_verbs, tagged
from ..sentences import Sentence


@lru_cache(maxsize=1)
def _trailing_attribution() -> re.Pattern[str]:
    """", Xi added.", ", he told reporters.": who speaks the sentence (lexicon/reporting_verbs.tsv, use attribution)."""
    verbs = reporting_verbs("attribution", hearer=r" [\w ]{1,30}")
    return re.compile(rf",\s*(?:[\"']\s*)?(?P<who>[^,;\"]{{1,60}}?)\s+(?:{verbs})\s*[.!]?[\"']?\s*\Z")


@lru_cache(maxsize=1)
def _group_start() -> re.Pattern[str]:
    """"The two sides agreed", "Both leaders", "It was agreed": the parties acting together
    (lexicon/group_nouns.tsv, column commitments)."""
    the_two, both, the = (alternation(tagged("group_nouns", "noun", "commitments", w)) for w in ("the two", "both", "the"))
    return re.compile(
        rf"\A(?:(?:in|during|at)\s+[^,]{{1,60}},\s*)?(?:the\s+two\s+(?:{the_two})"
        rf"|both\s+(?:{both})|they|the\s+(?:{the})|the\s+two|together,\s+they"
        r"|it\s+was\s+agreed)\b",
        re.IGNORECASE,
    )


_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_tail() -> re.Pattern[str]:
    """A quick test for ``_trailing_attribution``: one of its verbs near the sentence's end."""
    return re.compile(reporting_verbs("attribution"), re.IGNORECASE)


def trailing(text: str, s: Sentence) -> re.Match[str] | None:
    """", Xi added." at the end of the sentence."""
    comma = text.rfind(",", max(s.start, s.end - 90), s.end)
    if comma < 0 or not _report_tail().search(text, max(comma, s.end - 30), s.end):
        return None
    return _trailing_attribution().match(text, comma, s.end)


_QUOTE_OPEN = re.compile(r"[\"\u201c]")
_QUOTE_CLOSE = re.compile(r"[,.!?]?[\"\u201d]\s*")


def quote_speaker(ctx: ArticleContext, s: Sentence) -> int | None:
    """'"We will continue...," Marcos told a news conference': the person after the quote."""
    text = ctx.text
    if not _QUOTE_OPEN.match(text, s.start):
        return None
    close = _QUOTE_CLOSE.search(text, s.start + 1, s.end)
    if not close:
        return None
    ms = ctx.mentions(close.end(), min(s.end, close.end() + 60))
    if ms and ms[0].start - close.end() < 25:
        return ms[0].person
    return None


def sentence_speaker(ctx: ArticleContext, s: Sentence, first_cue: int, last: int | None,
                      tail: re.Match[str] | None) -> tuple[int | None, bool]:
    """(person index, is a group) who speaks in sentence ``s``."""
    if tail:
        ms = ctx.mentions(tail.start("who"), tail.end("who"))
        if ms:
            return ms[0].person, False
        if _PRONOUN.search(tail.group("who")):
            return last, False
    who, group = subject_of(ctx, s.start, first_cue)
    if who is None and not group:
        return last, False
    return who, group


def subject_of(ctx: ArticleContext, start: int, end: int) -> tuple[int | None, bool]:
    """Who is the subject of the clause text[start:end]: (first person, whether a group)."""
    text = ctx.text
    if _group_start().match(text[start:end + 12].lstrip("\"' ")):  # "It was agreed": the cue too
        return None, True
    ms = ctx.mentions(start, end)
    if len(ms) >= 2 and text[ms[0].end:ms[1].start].strip() in ("and", "&"):
        return ms[0].person, True
    if ms:
        return ms[0].person, False
    return None, False
