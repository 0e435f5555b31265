"""Stable keys of stored facts, derived from what the fact says (revision 0007).

A row id names a row, and ``relations reprocess`` used to replace every derived row, so ids
moved. A key names a fact by its content, so the same fact read again gets the same key, and
reprocessing gives it back the same row id (``relations.storage.writer``):

- an article: the sha256 of its normalised text (its ``content_hash`` when first stored), so that
  ``relations ingest`` and ``relations extract --text | relations load`` give an article, and so
  every fact read from it, the same keys (facts carry no raw text to hash);
Fact keys are a letter (``c`` call, ``m`` commitment, ``p`` partnership) and 20 hex digits of a
hash of what follows; an article's key is its 64-digit hash.

- a commitment: its article's key, kind, actor (ISO3) and folded action text; the second and
  later commitments alike in all of these within one article get ``-2``, ``-3``...;
- a partnership: its article's key, the pair (ISO3, smaller first) and the level;
- a call: its countries (ISO3, sorted), medium, day and status; a call undated or of fewer
  than two countries also its article's key (such calls were once never merged; since the
  merge rule of ``relations.storage.merging`` joins them too, one that later reports join
  keeps its first article's key, like any call). Calls alike in all of these get ``-2``,
  ``-3``... in the order they were stored.

A fact's key is fixed when the fact is first stored: a call that a later report changes
(planned, then held) keeps its key. Migration 0007 keeps a copy of these functions (migrations
must not change when the library does); a test checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from ..folding import fold

KEY_LENGTH = 80  # the column's width: a 64-character hash and a counter
_DIGEST = 20  # hex digits of a fact key (80 bits), after its letter
_SEP = "\x1f"


def _digest(letter: str, *parts: str) -> str:
    """``letter`` and hex digits of a hash of it and ``parts``: never all digits, so never an id."""
    return letter + hashlib.sha256(_SEP.join((letter, *parts)).encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]


def article_key(content_hash: str) -> str:
    return content_hash


def commitment_base(article: str, kind: str, actor: str | None, text: str) -> str:
    return _digest("m", article, kind, actor or "", fold(text))


def partnership_key(article: str, country_a: str, country_b: str, level: str) -> str:
    a, b = sorted((country_a, country_b))
    return _digest("p", article, a, b, level)


def call_base(countries: Iterable[str], medium: str, date: dt.date | None, status: str, article: str) -> str:
    codes = sorted(set(countries))
    scope = "" if date is not None and len(codes) >= 2 else article  # see the module docstring
    return _digest("c", ",".join(codes), medium, date.isoformat() if date else "", status, scope)


def numbered(base: str, n: int) -> str:
    """The ``n``-th key (1-based) of facts with the same base key."""
    return base if n == 1 else f"{base}-{n}"


def first_free(base: str, taken: set[str]) -> str:
    """The first of ``base``, ``base-2``, ``base-3``... not in ``taken``."""
    n = 1
    while numbered(base, n) in taken:
        n += 1
    return numbered(base, n)
