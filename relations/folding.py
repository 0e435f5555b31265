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
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()
