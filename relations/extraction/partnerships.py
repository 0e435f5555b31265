"""Read named partnership levels: "China-Belarus comprehensive strategic partnership",
"the strategic partnership between the United States and Qatar", "the U.S.-Australia alliance",
"Belarus and China are comprehensive strategic partners".

A level the sentence says the relationship was raised to ("elevated their ties to a
comprehensive strategic partnership") is an upgrade: words of ``lexicon/partnership_upgrades.tsv``
before the level, then "to" or "into" right before it.

The words come from ``lexicon/partnership_levels.tsv``. The pair is read from a compound right
before the level ("China-Belarus"), "between X and Y" right after it, the two countries the
sentence names, or the article's main call when the sentence names no other country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts import Call, Evidence, Partnership
from .context import ArticleContext
from .lexicon import alternation, column, rows


@lru_cache(maxsize=1)
def _level_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]], frozenset[str]]:
    heads: dict[str, tuple[str, bool]] = {}
    strong, weak, ext = [], [], []
    for r in rows("partnership_levels", "word", "kind", "canonical", "bare"):
        if r["kind"] == "head":
            heads[r["word"]] = (r["canonical"], r["bare"] == "yes")
        elif r["kind"] == "strong":
            strong.append(r["word"])
        elif r["kind"] == "weak":
            weak.append(r["word"])
        else:
            ext.append(r["word"])
    mods = "|".join(re.escape(w) for w in sorted(strong + weak, key=len, reverse=True))
    head = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    extension = "|".join(re.escape(w) for w in sorted(ext, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w-])(?P<level>(?:(?:{mods})(?:,?\s+(?:and\s+)?|-))*(?P<head>{head}))(?P<ext>\s+(?:{extension}))?(?![\w-])",
        re.IGNORECASE,
    )
    return pattern, heads, frozenset(strong)


@lru_cache(maxsize=1)
def _upgrade_pattern() -> re.Pattern[str]:
    """An upgrade word, then anything but a sentence's end, then "to" / "into" and at most an
    article or possessive, ending where the level starts (searched on the text before it)."""
    words = alternation(column("partnership_upgrades", "word"))
    return re.compile(rf"\b(?:{words})\b[^.;:!?]{{0,120}}?\s(?:to|into)\s+(?:(?:an?|the|their|a\s+new)\s+)?\Z",
                      re.IGNORECASE)


def is_upgrade(text: str, sentence_start: int, level_start: int) -> bool:
    """Whether the level starting at ``level_start`` is one the sentence says ties were raised to."""
    return _upgrade_pattern().search(text, max(sentence_start, level_start - 160), level_start) is not None


_OUR = re.compile(r"\b(?:our|their|bilateral|the two countries'|both countries')\s+(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE)
_INSTRUMENT = re.compile(r"\s+(?:agreement|council|framework|programme|program|treaty|dialogue|fund|initiative)\b", re.IGNORECASE)
_INSTRUMENT_BEFORE = re.compile(r"\beconomic\s+\Z", re.IGNORECASE)


def read(ctx: ArticleContext, calls: list[Call]) -> list[Partnership]:
    text = ctx.text
    if "artner" not in text and "lliance" not in text:
        return []
    pattern, heads, strong = _level_pattern()
    out: list[Partnership] = []
    seen: set[tuple[tuple[str, str], str]] = set()
    for s in ctx.sentences:
        if text.find("artner", s.start, s.end) < 0 and text.find("lliance", s.start, s.end) < 0:
            continue
        for m in pattern.finditer(text, s.start, s.end):
            level_text = m.group("level").lower()
            words = set(re.split(r"[\s,-]+", level_text))
            canonical, bare = heads[m.group("head").lower()]
            mods = level_text[: m.start("head") - m.start()].strip()
            if not (words & strong or "all-weather" in level_text) and not (bare and not mods):
                continue  # "strong partnership", "close partners": not a level
            if _INSTRUMENT.match(text, m.end()) or _INSTRUMENT_BEFORE.search(text, max(s.start, m.start() - 12), m.start()):
                continue  # "Comprehensive Economic Partnership Agreement": a treaty's name
            # the level as the article words it, the head in its noun form ("strategic partners")
            level = re.sub(r"\s+", " ", f"{mods} {canonical}{(m.group('ext') or '').lower()}").strip()
            vague = not mods and not _OUR.search(text, max(s.start, m.start() - 30), m.start())
            pair = _pair(ctx, s.start, s.end, m.start(), m.end(), [] if vague else calls)
            if pair is None:
                continue
            key = (pair, level)
            if key in seen:
                continue
            seen.add(key)
            out.append(Partnership(pair, level, Evidence(s.text, s.start, s.end), is_upgrade(text, s.start, m.start())))
    return out


def _pair(ctx: ArticleContext, s_start: int, s_end: int, start: int, end: int, calls: list[Call]) -> tuple[str, str] | None:
    """The two countries of a level; ``calls`` empty when only an explicit pair will do (a bare
    "the alliance" is too vague to give to the main call's pair)."""
    text = ctx.text
    before = ctx.bare_countries(max(s_start, start - 40), start)
    # "China-Belarus comprehensive strategic partnership", "U.S.-Australia alliance"
    for (h1, c1), (h2, c2) in zip(before, before[1:]):
        if text[h1.end:h2.start] in ("-", "\u2013", "/") and c1 != c2 and len(text[h2.end:start].split()) <= 4:
            return _sorted(c1, c2)
    # "... partnership between the United States and Qatar", "its alliance with Azerbaijan"
    after = ctx.bare_countries(end, min(s_end, end + 70))
    if len(after) >= 2 and re.match(r"\s+(?:between|of)\s+", text[end:after[0][0].start]) and after[0][1] != after[1][1]:
        return _sorted(after[0][1], after[1][1])
    # otherwise the sentence's own two countries ("Japan and the Philippines elevated their ties
    # to a strategic partnership"), or the main call's pair when it names at most one of them
    named: dict[str, None] = {}
    for m in ctx.mentions(s_start, s_end):
        if m.country:
            named.setdefault(m.country)
    for _h, c in ctx.bare_countries(s_start, s_end):
        named.setdefault(c)
    if len(named) == 2:
        a, b = named
        return _sorted(a, b)
    if calls and len(calls[0].countries) == 2 and len(named) <= 2 and set(named) <= set(calls[0].countries):
        a, b = calls[0].countries
        return _sorted(a, b)
    return None


def _sorted(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)
