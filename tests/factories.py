"""Facts built by hand for storage tests, and an extractor that returns them.

Storage tests must not depend on what the extractor reads today: they give ``Database`` a
``FakeExtractor`` that maps each article's text to the facts written here. Offsets are real:
each fact's evidence is a sentence of the text, found with ``str.index``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from relations.facts import ArticleInfo, Call, Commitment, Evidence, Facts, Partnership, Person

XI = Person("Xi Jinping", "CHN", "President", known=True)
LUKASHENKO = Person("Alexander Lukashenko", "BLR", "President", known=True)
DAY = dt.date(2021, 1, 26)


def evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def call(text: str, sentence: str, *, countries: tuple[str, ...] = ("BLR", "CHN"), medium: str = "phone",
         status: str = "held", date: dt.date | None = DAY, participants: tuple[Person, ...] = (XI, LUKASHENKO),
         initiator: str | None = None) -> Call:
    return Call(medium, status, date, "on Tuesday" if date else None, countries, participants, initiator,
                evidence(text, sentence), "day" if date else None)


def commitment(text: str, sentence: str, action: str, *, actor: str | None = "CHN", kind: str = "proposal",
               speaker: str | None = "Xi Jinping", counterparts: tuple[str, ...] = ("BLR",),
               topics: tuple[str, ...] = (), call: int | None = 0) -> Commitment:
    ev = evidence(text, sentence)
    start = text.index(action, ev.start)
    return Commitment(actor, speaker, kind, action, counterparts, topics, call, ev, start, start + len(action))


def partnership(text: str, sentence: str, level: str, countries: tuple[str, str] = ("BLR", "CHN")) -> Partnership:
    return Partnership(countries, level, evidence(text, sentence))


def facts(text: str, *, published: dt.date | None = dt.date(2021, 1, 27), source: str | None = "Xinhua",
          leaders: tuple[Person, ...] = (XI, LUKASHENKO), version: str = "test", **found: Any) -> Facts:
    return Facts(id=None, article=ArticleInfo(published, None, None, source), text=text, leaders=leaders,
                 extractor_version=version, **found)


class FakeExtractor:
    """Stands in for ``relations.extract``: the facts registered for a text, else none."""

    def __init__(self) -> None:
        self.by_text: dict[str, Facts] = {}
        self.calls = 0

    def add(self, f: Facts) -> str:
        self.by_text[f.text] = f
        return f.text

    def __call__(self, text: str, *, id: str | None = None, published: Any = None, source: str | None = None,
                 title: str | None = None, url: str | None = None) -> Facts:
        self.calls += 1
        found = self.by_text.get(text)
        doubts: tuple[str, ...] = ()
        if published and not isinstance(published, dt.date):  # like the extractor: a date that is none is named
            try:
                dt.date.fromisoformat(str(published)[:10])
            except ValueError:
                doubts = (f"\"published\" {published!r} is not a YYYY-MM-DD date: ignored",)
        if found is None:  # like the extractor: the date given, if it is one, else none
            try:
                date = dt.date.fromisoformat(str(published)[:10]) if published else None
            except ValueError:
                date = None
            found = facts(text, published=date, source=source, leaders=())
        info = found.article
        return Facts(id, ArticleInfo(info.published, info.dateline, info.dateline_date, source or info.source,
                                     title, url), found.text, found.countries, found.organizations, found.leaders,
                     found.calls, found.commitments, found.partnerships, found.extractor_version,
                     warnings=found.warnings + doubts)


XINHUA = (
    "Chinese President Xi Jinping held phone talks with Belarusian President Alexander Lukashenko on Tuesday. "
    "Xi called on the two sides to make solid progress in building the China-Belarus industrial park. "
    "Lukashenko said Belarus firmly opposes all external interference. "
    "The two countries are comprehensive strategic partners."
)
BELTA = (
    "Alexander Lukashenko and Xi Jinping discussed bilateral cooperation by telephone on Wednesday. "
    "Lukashenko said Belarus is ready to expand trade with China."
)


def xinhua_facts(**kw: Any) -> Facts:
    t = XINHUA
    return facts(
        t,
        calls=(call(t, t.split(". ")[0] + "."),),
        commitments=(
            commitment(t, "Xi called on the two sides to make solid progress in building the China-Belarus industrial park.",
                       "make solid progress in building the China-Belarus industrial park",
                       topics=("China-Belarus Industrial Park",)),
            commitment(t, "Lukashenko said Belarus firmly opposes all external interference.",
                       "all external interference", actor="BLR", kind="opposition", speaker="Alexander Lukashenko",
                       counterparts=("CHN",)),
        ),
        partnerships=(partnership(t, "The two countries are comprehensive strategic partners.",
                                  "comprehensive strategic partnership"),),
        **kw,
    )


def belta_facts(*, date: dt.date = DAY + dt.timedelta(days=1), medium: str = "phone", **kw: Any) -> Facts:
    t = BELTA
    return facts(
        t, published=date, source="BelTA",
        calls=(call(t, t.split(". ")[0] + ".", date=date, medium=medium, participants=(LUKASHENKO, XI)),),
        commitments=(commitment(t, "Lukashenko said Belarus is ready to expand trade with China.",
                                "expand trade with China", actor="BLR", kind="pledge",
                                speaker="Alexander Lukashenko", counterparts=("CHN",), topics=("trade",)),),
        **kw,
    )
