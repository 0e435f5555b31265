"""``fold``: the matching key of a name, the one the database stores (``alias_key``, ``name_key``)
and fact keys are made of."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The matching key of a name: accents stripped, casefolded, whitespace collapsed.

    ``fold(" Aleksandr  LUKAŠENKO ") == "aleksandr lukasenko"``; letters with no accent to strip
    stay what they are (``fold("Лукашенко") == "лукашенко"``), and casefolding spells ``ß`` as
    ``ss`` (``fold("Straße") == "strasse"``). Migrations 0002 and 0007 keep their own copy of this
    function (migrations must not change when the library does); a test checks that they agree.
    """
    if text.isascii():  # the same key, sooner: ASCII has nothing to decompose or strip, and casefolds as lower()
        return _SPACE.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return _SPACE.sub(" ", decomposed.lower()).strip()
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()
