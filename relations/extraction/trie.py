"""Compile a set of phrases into one regular expression shaped like a trie.

A plain alternation of thousands of phrases makes the regex engine try each in turn; a trie
shares prefixes, so each position costs a few character tests. The optional tails are greedy,
so the longest phrase wins ("Prime Minister" over "Prime"). Word boundaries are lookarounds,
so phrases may start or end with punctuation ("U.S.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _build(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _build(sub) for ch, sub in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases`` (longest first at each position)."""
    root: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True
    return _build(root) if root else "(?!)"


def compile_words(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """A compiled trie matching whole words only."""
    # a word ends at a non-word character, but not at an apostrophe inside a word ("Xi'an"
    # is not "Xi"; "Xi's" still ends at "Xi")
    return re.compile(r"(?<![\w])(?:" + trie_pattern(phrases) + r")(?![\w]|'(?![sS]\b)\w)", flags)
