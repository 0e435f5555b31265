"""Load the extractor's vocabulary from ``relations/lexicon/*.tsv`` (data, not code).

Each loader returns plain Python structures (or, for word lists, the source of a regex
alternation of the escaped words); compiled forms (regular expressions, tries) are built by the
modules that use them and cached for the life of the process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ..resources import lexicon_dir
from ..tsv import read_rows, split_values


def rows(name: str, *required: str) -> list[dict[str, str]]:
    """All rows of ``relations/lexicon/<name>.tsv``."""
    return [row for _n, row in read_rows(lexicon_dir() / f"{name}.tsv", required)]


@cache
def column(name: str, col: str) -> tuple[str, ...]:
    """One column of a lexicon file, in file order."""
    return tuple(r[col] for r in rows(name, col) if r[col])


@cache
def tagged(name: str, col: str, tags_col: str, tag: str) -> tuple[str, ...]:
    """The ``col`` values, in file order, of the rows whose ``tags_col`` (|-separated) holds ``tag``."""
    return tuple(r[col] for r in rows(name, col, tags_col) if r[col] and tag in split_values(r[tags_col]))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longer first (a longer word wins over its prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def reporting_verbs(use: str, hearer: str = "") -> str:
    """The reporting verbs of one ``use`` of ``lexicon/reporting_verbs.tsv`` as a regex alternation,
    longer first; ``hearer`` (a regex) follows each verb that takes its hearer after it ("told reporters")."""
    found = [r for r in rows("reporting_verbs", "word", "hearer", "uses") if use in split_values(r["uses"])]
    found.sort(key=lambda r: len(r["word"]), reverse=True)
    return "|".join(re.escape(r["word"]) + (hearer if r["hearer"] == "yes" else "") for r in found)


@lru_cache(maxsize=1)
def _vocab_months() -> tuple[str, ...]:
    """Month names and abbreviations, for patterns that need them literally."""
    return tuple(r["phrase"] for r in rows("dates", "phrase", "kind") if r["kind"] == "month")


@lru_cache(maxsize=1)
def month_names() -> tuple[str, ...]:
    """Each month's full name ("September", not "Sept"): its longest spelling in dates.tsv, January first."""
    months = _vocab_months()
    number = {r["phrase"]: int(r["value"]) for r in rows("dates", "phrase", "kind", "value") if r["kind"] == "month"}
    full: dict[int, str] = {}
    for phrase in months:
        if len(phrase) > len(full.get(number[phrase], "")):
            full[number[phrase]] = phrase
    return tuple(full[n] for n in sorted(full))
