"""Synthetic readouts for the memory benchmark, drawn like benchmarks/timeline_query.py draws calls.

Each article reports one call between two countries of the reference data, drawn with weights
that fall with their rank (a few countries take part in many calls, most in a few), on a day of
2000-2025, by phone, video or in person, with a named minister from a pool of people per
country (so the leaders table grows with the people, not with the articles), and two
commitments on topics. Every text is new (it carries its number); some calls are reported by
more than one article, as real calls are, and merge.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

START = dt.date(2000, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MEDIA = ["held a phone call with", "held talks by video link with", "met"]
TOPICS = ["trade", "energy", "investment", "agriculture", "tourism", "health", "education", "security"]
GIVEN = ["Anna", "Omar", "Lena", "Tomas", "Amara", "Kenji", "Sofia", "Ravi", "Ines", "Yusuf", "Mira", "Pavel"]
FAMILY = ["Kowal", "Haddad", "Moreau", "Okafor", "Lindqvist", "Tanaka", "Rossi", "Mehta", "Silva", "Novak",
          "Demir", "Ivanova", "Mensah", "Castro", "Nguyen", "Ahmadi"]
PEOPLE_PER_COUNTRY = 40


def countries(db_path: str) -> list[str]:
    """The reference data's country names that read as one name in prose (a new database at
    ``db_path`` is made to read them)."""
    from relations import Database

    with Database(db_path) as db, db.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM countries ORDER BY id")]
    return [name for name in names if "," not in name and "(" not in name]


def articles(n: int, names: list[str], seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    order = names[:]
    rng.shuffle(order)
    weights = [1 / (rank + 8) for rank in range(len(order))]
    for i in range(n):
        a, b = rng.choices(order, weights, k=2)
        if a == b:
            b = order[(order.index(a) + 1) % len(order)]
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        published = day + dt.timedelta(days=rng.randrange(2))
        person = rng.randrange(PEOPLE_PER_COUNTRY)
        name = f"{GIVEN[person % len(GIVEN)]} {FAMILY[(person * 7 + len(b)) % len(FAMILY)]}"
        t1, t2, t3 = rng.sample(TOPICS, 3)
        when = "today" if published == day else f"on {WEEKDAYS[day.weekday()]}"
        text = (f"The President of {a} {rng.choice(MEDIA)} Foreign Minister {name} of {b} {when}. "
                f"The two sides agreed to deepen cooperation in {t1} and {t2}.\n\n"
                f"{a} pledged to expand {t3} with {b}. (Readout {i + 1}.)")
        yield {"id": f"synthetic-{i + 1}", "text": text, "published": published.isoformat(), "source": "Synthetic"}
