"""A small generated corpus of readouts for the tests that run ``relations`` in subprocesses.

Real text, read by the real extractor: each call between two leaders is reported by one to
three articles (a readout from either side and a wire report) that agree on its day, medium
and participants (every fourth call is an undated announcement, "will hold phone talks ...
soon", which its reports dated the same day make one planned call), so that however the articles are interleaved between writers, each call is
stored once with every report as a source. Some articles name officials the reference data
does not know (several articles name the same ones), so new leaders are created by whichever
writer comes first. ``records(n)`` gives the first n records; ``write_jsonl`` writes them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "articles" / "000_c07793c686dc2a12.txt"

# (ISO3, demonym, title, leader, capital, agency, short name)
LEADERS = [
    ("CHN", "Chinese", "President", "Xi Jinping", "BEIJING", "Xinhua", "Xi"),
    ("RUS", "Russian", "President", "Vladimir Putin", "MOSCOW", "TASS", "Putin"),
    ("KAZ", "Kazakh", "President", "Kassym-Jomart Tokayev", "ASTANA", "Kazinform", "Tokayev"),
    ("FRA", "French", "President", "Emmanuel Macron", "PARIS", "AFP", "Macron"),
    ("IND", "Indian", "Prime Minister", "Narendra Modi", "NEW DELHI", "PTI", "Modi"),
    ("ZAF", "South African", "President", "Cyril Ramaphosa", "PRETORIA", "SAnews", "Ramaphosa"),
    ("TUR", "Turkish", "President", "Recep Tayyip Erdogan", "ANKARA", "Anadolu", "Erdogan"),
    ("BRA", "Brazilian", "President", "Luiz Inacio Lula da Silva", "BRASILIA", "Agencia Brasil", "Lula"),
]
# Officials the reference data does not know: the same names recur across articles.
OFFICIALS = [("CHN", "Wang Xiaoming", "Vice Foreign Minister"), ("RUS", "Pyotr Ivanovsky", "Deputy Foreign Minister"),
             ("FRA", "Claire Dubonnet", "Diplomatic Adviser"), ("IND", "Arjun Mehrotra", "Foreign Secretary")]
COUNTRY_NAMES = {"CHN": "China", "RUS": "Russia", "KAZ": "Kazakhstan", "FRA": "France", "IND": "India",
                 "ZAF": "South Africa", "TUR": "Turkey", "BRA": "Brazil"}
TOPICS = ["trade", "energy", "investment", "agriculture", "tourism"]
FIRST_DAY = dt.date(2024, 1, 2)  # a Tuesday
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _article(call: int, report: int, a: tuple, b: tuple, day: dt.date) -> dict:
    """One report of call ``call`` between leaders ``a`` and ``b`` on ``day``, told by ``a``'s side
    (report 0), ``b``'s (1), or a wire service (2)."""
    side, other = (a, b) if report != 1 else (b, a)
    agency = side[5] if report != 2 else "Reuters"
    topic = TOPICS[call % len(TOPICS)]
    weekday = WEEKDAYS[day.weekday()]
    talks = f"held phone talks with {other[1]} {other[2]} {other[3]} on {weekday}"
    if call % 4 == 1:  # an announcement with no date: its reports are one planned call all the same
        talks = f"will hold phone talks with {other[1]} {other[2]} {other[3]} soon"
    lines = [
        f"{side[4]}, {MONTHS[day.month - 1]} {day.day} ({agency}) -- {side[1]} {side[2]} {side[3]} {talks}.",
        f"{side[6]} said {COUNTRY_NAMES[side[0]]} is ready to work with {COUNTRY_NAMES[other[0]]} "
        f"to expand cooperation in {topic}.",
    ]
    if call % 3 == 0:
        iso3, name, title = OFFICIALS[call % len(OFFICIALS)]
        if iso3 in (a[0], b[0]):
            lines.append(f"{name}, {title} of {COUNTRY_NAMES[iso3]}, also took part in the talks.")
    if report == 2:
        lines.append(f"The agency did not say which side asked for call number {call + 1}.")
    return {"id": f"call{call:03d}-{report}", "text": "\n\n".join(lines), "published": day.isoformat(),
            "source": agency, "url": f"https://example.org/{agency.lower().replace(' ', '-')}/{call}/{report}"}


def records(n: int) -> list[dict]:
    """The first ``n`` records: calls between successive pairs of leaders on successive days,
    each reported one to three times (reports of one call are next to each other)."""
    out: list[dict] = []
    call = 0
    while len(out) < n:
        a = LEADERS[call % len(LEADERS)]
        b = LEADERS[(call * 3 + 1) % len(LEADERS)]
        if a[0] == b[0]:
            b = LEADERS[(call + 1) % len(LEADERS)]
        day = FIRST_DAY + dt.timedelta(days=2 * call)  # two days apart: never merged with the next
        for report in range(1 + call % 3):
            out.append(_article(call, report, a, b, day))
        call += 1
    return out[:n]


def seed_record() -> dict:
    return {"id": "seed", "text": SEED.read_text(encoding="utf-8")}


@functools.cache
def reference(n: int) -> dict:
    """``dbdump.dump`` of a new SQLite database into which one process ingested the seed record
    and ``records(n)`` (made once per test session and size)."""
    from dbdump import dump
    from relations import Database

    folder = Path(tempfile.mkdtemp(prefix="relations-reference-"))
    try:
        path = write_jsonl(folder / "all.jsonl", [seed_record(), *records(n)])
        with Database(f"sqlite:///{folder / 'reference.db'}") as db:
            summary = db.ingest_path(str(path))
            assert (summary.new, summary.failed) == (n + 1, 0), summary
            return dump(db.engine)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
