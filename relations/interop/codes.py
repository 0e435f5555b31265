"""The interop codes of a fact: its CAMEO event code and its PLOVER event type, mode and context,
read from ``relations/lexicon/event_codes.tsv`` (the file names its sources). The first row that
matches a fact gives its codes; a fact no row matches (a denied call, a partnership level merely
restated) has none.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from ..errors import ReferenceDataError
from ..resources import lexicon_dir
from ..tsv import read_rows, split_values

FILE = "event_codes.tsv"
FACTS = ("call", "commitment", "partnership")
COLUMNS = ("fact", "kind", "status", "text_starts", "cameo", "cameo_name", "goldstein", "plover_event",
           "plover_mode", "plover_context", "plover_quad", "plover_scale")


class Codes(NamedTuple):
    """What one row of event_codes.tsv gives a fact."""

    cameo: str  # "041"
    cameo_name: str  # "Discuss by telephone"
    goldstein: float
    plover_event: tuple[str, ...]  # ("CONSULT",)
    plover_mode: tuple[str, ...]  # ("phone",) or ()
    plover_context: tuple[str, ...]
    plover_quad: int
    plover_scale: float

    @property
    def cameo_root(self) -> str:
        """The two-digit cue category ("04")."""
        return self.cameo[:2]


class Rule(NamedTuple):
    fact: str
    kind: str
    status: str | None
    text_starts: tuple[str, ...]
    codes: Codes

    def matches(self, fact: str, kind: str, status: str | None, text: str | None) -> bool:
        if (fact, kind) != (self.fact, self.kind) or (self.status is not None and status != self.status):
            return False
        if not self.text_starts:
            return True
        first = (text or "").strip().lower().split(" ", 1)[0]
        return first in self.text_starts


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rows of event_codes.tsv, in file order; ReferenceDataError naming the file and line
    for a bad one."""
    path = lexicon_dir() / FILE
    out = []
    for n, row in read_rows(path, COLUMNS):
        try:
            if row["fact"] not in FACTS:
                raise ValueError(f"fact {row['fact']!r} is none of {', '.join(FACTS)}")
            if not (row["cameo"].isdigit() and len(row["cameo"]) in (3, 4)):
                raise ValueError(f"CAMEO code {row['cameo']!r} is not three or four digits")
            codes = Codes(row["cameo"], row["cameo_name"], float(row["goldstein"]),
                          split_values(row["plover_event"]), split_values(row["plover_mode"]),
                          split_values(row["plover_context"]), int(row["plover_quad"]), float(row["plover_scale"]))
        except ValueError as e:
            raise ReferenceDataError(str(path), n, str(e)) from e
        if not codes.plover_event:
            raise ReferenceDataError(str(path), n, "no PLOVER event type")
        out.append(Rule(row["fact"], row["kind"], row["status"] or None,
                        tuple(w.lower() for w in split_values(row["text_starts"])), codes))
    return tuple(out)


def codes_of(fact: str, kind: str, status: str | None = None, text: str | None = None) -> Codes | None:
    """The codes of a fact: a call by its medium (``kind``) and status, a commitment by its kind and
    action text, a partnership by ``"upgrade"``; None when it has none."""
    for rule in rules():
        if rule.matches(fact, kind, status, text):
            return rule.codes
    return None
