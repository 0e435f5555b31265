"""What a database holds, by content rather than by id, for comparing two databases.

Ids depend on the order writers went in (and on PostgreSQL, on sequence values a rolled-back
transaction used up), so each row is named by natural keys instead: an article by its content
hash, a leader by (party, name key), a call by its countries, medium, date and sources. Two
databases that store the same facts give equal ``dump``s. ``per_article`` gives, for each
article, everything derived from it: comparing it with a reference database shows that every
stored article has all its rows. ``duplicates`` runs the SQL that must find nothing (GROUP BY
... HAVING count(*) > 1) and ``integrity`` the database's own checks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa


def _rows(conn: sa.Connection, sql: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sa.text(sql))]


def _s(value: Any) -> Any:
    """Dates and datetimes as text (SQLite returns text, PostgreSQL dates)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def dump(engine: sa.Engine) -> dict[str, list]:
    """Every table of articles and what was read from them, by content, sorted."""
    with engine.connect() as conn:
        iso3 = dict(_rows(conn, "SELECT id, iso3 FROM countries"))
        org = dict(_rows(conn, "SELECT id, code FROM organizations"))
        article = dict(_rows(conn, "SELECT id, content_hash FROM articles"))
        leader = {i: (iso3.get(c), org.get(o), key)
                  for i, key, c, o in _rows(conn, "SELECT id, name_key, country_id, organization_id FROM leaders")}
        countries = defaultdict(list)
        for call_id, country in _rows(conn, "SELECT call_id, country_id FROM call_countries"):
            countries[call_id].append(iso3[country])
        sources = defaultdict(list)
        for call_id, art, sentence, start, end, date_text in _rows(
                conn, 'SELECT call_id, article_id, sentence, start, "end", date_text FROM call_sources'):
            sources[call_id].append((article[art], sentence, start, end, date_text))
        participants = defaultdict(list)
        for call_id, lid, c, o, name, title in _rows(
                conn, "SELECT call_id, leader_id, country_id, organization_id, name, title FROM call_participants"):
            participants[call_id].append((leader.get(lid), iso3.get(c), org.get(o), name, title))
        call = {}  # id -> (countries, medium, date): what names a call (two such calls would be one)
        calls = []
        for i, medium, status, date, precision, date_text, initiator in _rows(
                conn, "SELECT id, medium, status, date, date_precision, date_text, initiator_id FROM calls"):
            call[i] = (tuple(sorted(countries[i])), medium, _s(date))
            calls.append((*call[i], tuple(sorted(sources[i])), status, precision, date_text, iso3.get(initiator),
                          tuple(sorted(participants[i], key=repr))))
        counterparts, topics = defaultdict(list), defaultdict(list)
        for m, c in _rows(conn, "SELECT commitment_id, country_id FROM commitment_counterparts"):
            counterparts[m].append(iso3[c])
        for m, t in _rows(conn, "SELECT ct.commitment_id, t.name FROM commitment_topics ct "
                                "JOIN topics t ON t.id = ct.topic_id"):
            topics[m].append(t)
        commitments = [
            (article[a], call.get(c), iso3.get(actor), leader.get(speaker), speaker_name, kind, text, _s(date),
             sentence, start, end, ts, te, tuple(sorted(counterparts[i])), tuple(sorted(topics[i])))
            for i, a, c, actor, speaker, speaker_name, kind, text, date, sentence, start, end, ts, te in _rows(
                conn, 'SELECT id, article_id, call_id, actor_id, speaker_id, speaker_name, kind, text, date, '
                      'sentence, start, "end", text_start, text_end FROM commitments')]
        return {
            "articles": sorted((tuple(map(_s, r)) for r in _rows(
                conn, "SELECT content_hash, external_id, url, source, title, published, dateline, dateline_date, text, "
                      "extractor_version FROM articles")), key=repr),
            "leaders": sorted(((leader[i], name) for i, name in _rows(conn, "SELECT id, name FROM leaders")), key=repr),
            "article_leaders": sorted(((article[a], leader[lid], name, title) for a, lid, name, title in _rows(
                conn, "SELECT article_id, leader_id, name, title FROM article_leaders")), key=repr),
            "calls": sorted(calls, key=repr),
            "commitments": sorted(commitments, key=repr),
            "partnerships": sorted(((article[a], iso3[x], iso3[y], level, _s(on), sentence, start, end)
                                    for a, x, y, level, on, sentence, start, end in _rows(
                conn, 'SELECT article_id, country_a_id, country_b_id, level, stated_on, sentence, start, "end" '
                      "FROM partnerships")), key=repr),
            "call_pairs": sorted(((call[c], iso3[a], iso3[b], _s(d)) for c, a, b, d in _rows(
                conn, "SELECT call_id, country_a_id, country_b_id, date FROM call_pairs")), key=repr),
            "commitment_pairs": [n for n, in _rows(conn, "SELECT count(*) FROM commitment_pairs")],
        }


def per_article(d: dict[str, list]) -> dict[str, dict[str, list]]:
    """For each article (by content hash) of a ``dump``: its row, commitments, partnerships,
    mentions and call reports."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in d["articles"]:
        out[row[0]]["article"].append(row)
    for table in ("article_leaders", "commitments", "partnerships"):
        for row in d[table]:
            out[row[0]][table].append(row)
    for row in d["calls"]:
        for source in row[3]:
            out[source[0]]["calls"].append((row[0], row[1], row[2], source))
    return {k: dict(v) for k, v in out.items()}


DUPLICATES = {
    "countries": "SELECT iso3 FROM countries GROUP BY iso3 HAVING count(*) > 1",
    "articles": "SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1",
    "article urls": "SELECT url FROM articles WHERE url IS NOT NULL GROUP BY url HAVING count(*) > 1",
    "leaders": "SELECT name_key, country_id, organization_id FROM leaders "
               "GROUP BY name_key, country_id, organization_id HAVING count(*) > 1",
    # two calls of the same countries and medium, a day or less apart, would be one call told twice
    "calls": """SELECT x.call_id, y.call_id FROM call_pairs x
                JOIN call_pairs y ON y.country_a_id = x.country_a_id AND y.country_b_id = x.country_b_id
                 AND y.call_id > x.call_id
                JOIN calls cx ON cx.id = x.call_id JOIN calls cy ON cy.id = y.call_id
                WHERE cx.medium = cy.medium AND cx.date IS NOT NULL AND cy.date IS NOT NULL
                  AND cx.date - cy.date BETWEEN -1 AND 1
                  AND (SELECT count(*) FROM call_countries k WHERE k.call_id = x.call_id)
                    = (SELECT count(*) FROM call_countries k WHERE k.call_id = y.call_id)""",
    # two undated calls of the same countries, medium and status told by articles of one day
    "undated calls": """SELECT DISTINCT x.call_id, y.call_id FROM call_pairs x
                JOIN call_pairs y ON y.country_a_id = x.country_a_id AND y.country_b_id = x.country_b_id
                 AND y.call_id > x.call_id
                JOIN calls cx ON cx.id = x.call_id JOIN calls cy ON cy.id = y.call_id
                JOIN call_sources sx ON sx.call_id = cx.id JOIN articles ax ON ax.id = sx.article_id
                JOIN call_sources sy ON sy.call_id = cy.id JOIN articles ay ON ay.id = sy.article_id
                WHERE cx.medium = cy.medium AND cx.status = cy.status AND cx.date IS NULL AND cy.date IS NULL
                  AND ax.published = ay.published
                  AND (SELECT count(*) FROM call_countries k WHERE k.call_id = x.call_id)
                    = (SELECT count(*) FROM call_countries k WHERE k.call_id = y.call_id)""",
    "call sources": "SELECT call_id, article_id FROM call_sources GROUP BY call_id, article_id HAVING count(*) > 1",
    "call participants": "SELECT call_id, leader_id FROM call_participants WHERE leader_id IS NOT NULL "
                         "GROUP BY call_id, leader_id HAVING count(*) > 1",
    "commitments": 'SELECT article_id, kind, start, "end", text_start, text_end FROM commitments '
                   'GROUP BY article_id, kind, start, "end", text_start, text_end HAVING count(*) > 1',
    "article leaders": "SELECT article_id, leader_id FROM article_leaders GROUP BY article_id, leader_id "
                       "HAVING count(*) > 1",
}


def duplicates(engine: sa.Engine) -> dict[str, list]:
    """Rows that break an "at most once" rule, by rule: empty when there are none."""
    sqlite = engine.dialect.name == "sqlite"
    found = {}
    with engine.connect() as conn:
        for name, sql in DUPLICATES.items():
            if sqlite:  # dates are ISO text on SQLite: compare them as day numbers
                sql = sql.replace("cx.date - cy.date", "julianday(cx.date) - julianday(cy.date)")
            rows = _rows(conn, sql)
            if rows:
                found[name] = rows
    return found


def integrity(engine: sa.Engine) -> list[str]:
    """What the database's own checks report (SQLite: integrity and foreign keys; both: every
    call has a source, every article of a call source exists...)."""
    problems = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            check = _rows(conn, "PRAGMA integrity_check")
            if check != [("ok",)]:
                problems.append(f"integrity_check: {check[:5]}")
            broken = _rows(conn, "PRAGMA foreign_key_check")
            if broken:
                problems.append(f"foreign_key_check: {broken[:5]}")
            for fts in ("articles_fts", "commitments_fts"):
                try:
                    conn.exec_driver_sql(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
                except sa.exc.DBAPIError as e:
                    problems.append(f"{fts}: {e.orig}")
        orphans = {
            "calls without a source": "SELECT id FROM calls c WHERE NOT EXISTS "
                                      "(SELECT 1 FROM call_sources s WHERE s.call_id = c.id)",
            "calls without countries": "SELECT id FROM calls c WHERE NOT EXISTS "
                                       "(SELECT 1 FROM call_countries k WHERE k.call_id = c.id)",
            "calls of two or more countries without a pair": (
                "SELECT id FROM calls c WHERE (SELECT count(*) FROM call_countries k WHERE k.call_id = c.id) >= 2 "
                "AND NOT EXISTS (SELECT 1 FROM call_pairs p WHERE p.call_id = c.id)"),
        }
        for what, sql in orphans.items():
            rows = _rows(conn, sql)
            if rows:
                problems.append(f"{what}: {rows[:5]}")
    return problems
