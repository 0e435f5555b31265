"""Rows held back until their transaction commits.

SQLite: both ``articles`` and ``commitments`` carry FTS5 triggers. FTS5 writes its pending
index data to disk at every statement savepoint, and a statement whose trigger writes to a
virtual table always runs in one, so inserting articles one statement at a time flushes the
index once per article: that flush costs more than indexing the text. So on SQLite the
ingester inserts the rows of every article and commitment of a transaction in a few multi-row
statements just before COMMIT (the triggers still do the indexing, once per transaction), and
writes the other rows, which point at them, straight away under ``PRAGMA defer_foreign_keys``
(their foreign keys are checked at COMMIT).

Both databases: the rows of calls, commitments and of the link tables (``INSERT_LINKS``) are
held back and written at the end of the transaction with a multi-row insert or one executemany
per table, not one statement per article: per-row statements cost more than the rows, and on
PostgreSQL each is a round trip to the server. They are written in an order their foreign keys
allow (calls before what points at them, commitments before their links), since PostgreSQL's
are checked at each statement. Calls are read back while ingesting (another report of the same
call joins it), so the held-back calls are indexed here by their first pair of countries, their
participants by call and their keys by base key.

Ids are chosen here. SQLite: from max(id) + 1, since a transaction that began with ``BEGIN
IMMEDIATE`` holds the write lock, so no one else can take them. PostgreSQL: from the table's
sequence, reserved in one statement for 16, then 32... up to 256 ids (what a run or a
rolled-back transaction reserved and did not use is skipped, as any sequence value is). Each article's rows are added under a mark,
so that rolling the article back to its savepoint drops them too. On PostgreSQL the article
row itself is inserted at once (it has no full-text trigger there).
"""

from __future__ import annotations

from typing import Any

from .sql import Cursor

ARTICLE_COLUMNS = ("id", "key", "external_id", "content_hash", "url", "source", "title", "published", "dateline",
                   "dateline_date", "text", "raw_text", "raw_hash", "extractor_version")
COMMITMENT_COLUMNS = ("id", "key", "article_id", "call_id", "actor_id", "speaker_id", "speaker_name", "kind", "text", "date",
                      "sentence", "start", "end", "text_start", "text_end")

INSERT_LINKS = {
    "article_leaders": "INSERT INTO article_leaders (article_id, leader_id, name, title) "
                       "VALUES (:a, :l, :name, :title)",
    "commitment_counterparts": "INSERT INTO commitment_counterparts (commitment_id, country_id) VALUES (:m, :c)",
    "commitment_topics": "INSERT INTO commitment_topics (commitment_id, topic_id) VALUES (:m, :t)",
    "commitment_pairs": "INSERT INTO commitment_pairs (commitment_id, country_a_id, country_b_id, date) "
                        "VALUES (:m, :a, :b, :date)",
    "calls": "INSERT INTO calls (id, key, medium, status, date, date_precision, date_text, initiator_id, place_city, "
             "place_venue, place_country_id, occasion, host_country_id, place_key) "
             "VALUES (:id, :key, :medium, :status, :date, :precision, :date_text, :initiator, :place_city, "
             ":place_venue, :place_country, :occasion, :host, :place_key)",
    "call_countries": "INSERT INTO call_countries (call_id, country_id) VALUES (:call, :country)",
    "call_pairs": "INSERT INTO call_pairs (call_id, country_a_id, country_b_id, date) VALUES (:call, :a, :b, :date)",
    "call_participants": "INSERT INTO call_participants (call_id, leader_id, country_id, organization_id, name, title) "
                         "VALUES (:call, :leader_id, :country_id, :organization_id, :name, :title)",
    "call_sources": 'INSERT INTO call_sources (call_id, article_id, sentence, start, "end", date_text) '
                    "VALUES (:call, :article, :sentence, :start, :end, :date_text)",
}
_CALL_TABLES = ("calls", "call_countries", "call_pairs", "call_participants", "call_sources")
# The order flush writes the tables in: what a foreign key points at before what points at it.
_FLUSH_BEFORE_COMMITMENTS = ("calls", "call_countries", "call_pairs", "call_participants", "call_sources",
                             "article_leaders")
_FLUSH_AFTER_COMMITMENTS = ("commitment_counterparts", "commitment_topics", "commitment_pairs")
ID_BLOCKS = (16, 256)  # PostgreSQL: sequence values reserved at a time, first and at most (doubling)
_RESERVE = "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"


class PendingRows:
    def __init__(self, cursor: Cursor):
        self.sql = cursor
        self.enabled = True  # rows of calls, commitments and links are held back (both databases)
        self.holds_articles = not cursor.postgresql  # article rows too (SQLite: see the module docstring)
        self._reserved: dict[str, list[int]] = {}  # PostgreSQL: sequence values reserved, by table
        self._block: dict[str, int] = {}  # and how many to reserve next (a short run skips few)
        self.articles: list[dict[str, Any]] = []
        self.commitments: list[dict[str, Any]] = []
        self._next: dict[str, int] = {}
        self.links: dict[str, list[dict[str, Any]]] = {table: [] for table in INSERT_LINKS}
        self._keys: dict[tuple[str, Any], int] = {}  # (column, value) -> article id, for lookups
        self._calls: dict[int, dict[str, Any]] = {}  # held-back call rows by id
        self._countries: dict[int, frozenset[int]] = {}  # their countries
        self._by_pair: dict[tuple[int, int], list[int]] = {}  # their ids by (first, second or 0) country id
        self._participants: dict[int, list[dict[str, Any]]] = {}  # held-back participants by call id
        self._keys_of: dict[str, set[str]] = {}  # held-back call keys by base key (the part before "-N")
        self._mark: tuple[int, ...] = (0,) * (2 + len(INSERT_LINKS))

    def begin(self) -> None:
        """A transaction began: ids continue from what the database holds (SQLite)."""
        if self.holds_articles:
            self.sql.run("PRAGMA defer_foreign_keys = ON")
            for table in ("articles", "commitments", "calls"):
                self._next[table] = self.sql.value(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")

    def _ids(self, table: str, n: int) -> list[int]:
        if self.sql.postgresql:
            reserved = self._reserved.setdefault(table, [])
            if len(reserved) < n:
                block = self._block.get(table, ID_BLOCKS[0])
                self._block[table] = min(2 * block, ID_BLOCKS[1])
                reserved += [r[0] for r in self.sql.all(_RESERVE.format(table=table), {"n": max(n, block)})]
            taken, reserved[:n] = reserved[:n], []
            return taken
        first = self._next[table]
        self._next[table] = first + n
        return list(range(first, first + n))

    # -- an article's rows, under a mark -------------------------------------------------------

    def mark(self) -> None:
        self._mark = (len(self.articles), len(self.commitments), *(len(rows) for rows in self.links.values()))

    def undo(self) -> None:
        """Drop the rows added since ``mark`` (the article was rolled back)."""
        for row in self.articles[self._mark[0]:]:
            self._forget(row)
        del self.articles[self._mark[0]:]
        del self.commitments[self._mark[1]:]
        calls_changed = any(len(self.links[t]) > n for t, n in zip(self.links, self._mark[2:]) if t in _CALL_TABLES)
        for rows, n in zip(self.links.values(), self._mark[2:]):
            del rows[n:]
        if calls_changed:
            self._index_calls()

    def add_article(self, row: dict[str, Any]) -> int:
        article_id = self._ids("articles", 1)[0]
        row = {"id": article_id, **row}
        self.articles.append(row)
        for column in ("content_hash", "raw_hash", "url"):
            if row.get(column) is not None:
                self._keys[(column, row[column])] = article_id
        return article_id

    def add_commitments(self, rows: list[dict[str, Any]]) -> list[int]:
        """Hold back commitment rows; their ids (a row's own ``id`` if it has one: see ``reuse``)."""
        fresh = iter(self._ids("commitments", sum("id" not in row for row in rows)))
        held = [row if "id" in row else {"id": next(fresh), **row} for row in rows]
        self.commitments += held
        return [row["id"] for row in held]

    def find(self, column: str, value: Any) -> int | None:
        """The id of a held-back article with this content_hash, raw_hash or url."""
        return self._keys.get((column, value))

    def replace(self, article_id: int, changes: dict[str, Any]) -> bool:
        """Change a held-back article's row; False if it is not held back."""
        for row in self.articles:
            if row["id"] == article_id:
                self._forget(row)
                row.update(changes)
                for column in ("content_hash", "raw_hash", "url"):
                    if row.get(column) is not None:
                        self._keys[(column, row[column])] = article_id
                return True
        return False

    def add_links(self, table: str, rows: list[dict[str, Any]]) -> bool:
        """Hold back rows of a link table; False when nothing is held back (PostgreSQL)."""
        if self.enabled:
            self.links[table] += rows
            if table == "call_participants":
                for row in rows:
                    self._participants.setdefault(row["call"], []).append(row)
        return self.enabled

    # -- calls ---------------------------------------------------------------------------------

    def add_call(self, row: dict[str, Any], countries: list[int], pairs: list[tuple[int, int]]) -> int:
        """Hold back a new call with its countries and pairs; its id (the row's own, if it has one)."""
        row = row if "id" in row else {"id": self._ids("calls", 1)[0], **row}
        call_id = row["id"]
        self.links["calls"].append(row)
        self.links["call_countries"] += [{"call": call_id, "country": c} for c in countries]
        self.links["call_pairs"] += [{"call": call_id, "a": a, "b": b, "date": row["date"]} for a, b in pairs]
        self._index_call(row, frozenset(countries))
        return call_id

    def _index_call(self, row: dict[str, Any], countries: frozenset[int]) -> None:
        self._calls[row["id"]] = row
        self._countries[row["id"]] = countries
        self._keys_of.setdefault(row["key"].split("-", 1)[0], set()).add(row["key"])
        ids = sorted(countries)
        if ids:  # a call of one country under (its id, 0)
            self._by_pair.setdefault((ids[0], ids[1] if len(ids) > 1 else 0), []).append(row["id"])

    def _index_calls(self) -> None:
        """Index the held-back calls again from the rows (after rows were dropped)."""
        countries: dict[int, set[int]] = {}
        for r in self.links["call_countries"]:
            countries.setdefault(r["call"], set()).add(r["country"])
        self._calls, self._countries, self._by_pair, self._participants, self._keys_of = {}, {}, {}, {}, {}
        for row in self.links["calls"]:
            self._index_call(row, frozenset(countries.get(row["id"], ())))
        for row in self.links["call_participants"]:
            self._participants.setdefault(row["call"], []).append(row)

    def held_call(self, call_id: int) -> dict[str, Any] | None:
        """The row of a held-back call (to change its status), or None if it is stored."""
        return self._calls.get(call_id)

    def call_candidates(self, a: int, b: int) -> list[tuple[dict[str, Any], frozenset[int]]]:
        """Held-back calls whose first two countries are ``a`` < ``b`` (``b`` 0: of ``a`` alone): (row, countries)."""
        return [(self._calls[i], self._countries[i]) for i in self._by_pair.get((a, b), ())]

    def participants_of(self, call_id: int) -> list[dict[str, Any]]:
        """Participants held back for a call (held back or stored)."""
        return self._participants.get(call_id, [])

    def call_keys(self, base: str) -> set[str]:
        """Keys of held-back calls that are ``base`` or ``base-N``."""
        return set(self._keys_of.get(base, ()))  # a base key has no "-"

    def has_source(self, call_id: int) -> bool:
        return any(r["call"] == call_id for r in self.links["call_sources"])

    def drop_derived(self, article_id: int) -> dict[tuple[str, str], int]:
        """Forget the held-back rows read from an article (it is being read again), and the
        held-back calls no other article reports; the ids of what was forgotten, by (table, key)."""
        dropped = {("commitments", c["key"]): c["id"] for c in self.commitments if c["article_id"] == article_id}
        held = set(dropped.values())
        self.commitments = [c for c in self.commitments if c["article_id"] != article_id]
        self.links["article_leaders"] = [r for r in self.links["article_leaders"] if r["a"] != article_id]
        for table in ("commitment_counterparts", "commitment_topics", "commitment_pairs"):
            self.links[table] = [r for r in self.links[table] if r["m"] not in held]
        sources = self.links["call_sources"]
        if any(r["article"] == article_id for r in sources):
            self.links["call_sources"] = [r for r in sources if r["article"] != article_id]
            reported = {r["call"] for r in self.links["call_sources"]}
            gone = {i for i in self._calls if i not in reported}
            dropped.update({("calls", self._calls[i]["key"]): i for i in gone})
            self.links["calls"] = [r for r in self.links["calls"] if r["id"] not in gone]
            for table in ("call_countries", "call_pairs", "call_participants"):
                self.links[table] = [r for r in self.links[table] if r["call"] not in gone]
            self._index_calls()
        return dropped

    def _forget(self, row: dict[str, Any]) -> None:
        for column in ("content_hash", "raw_hash", "url"):
            if self._keys.get((column, row.get(column))) == row["id"]:
                del self._keys[(column, row[column])]

    # -- the end of the transaction ------------------------------------------------------------

    def flush(self) -> None:
        """Insert everything held back, a few statements per table, in foreign-key order."""
        self.sql.insert_rows("articles", ARTICLE_COLUMNS, self.articles)
        for table in _FLUSH_BEFORE_COMMITMENTS:
            self.sql.many(INSERT_LINKS[table], self.links[table])
        self.sql.insert_rows("commitments", COMMITMENT_COLUMNS, self.commitments)
        for table in _FLUSH_AFTER_COMMITMENTS:
            self.sql.many(INSERT_LINKS[table], self.links[table])
        self.clear()

    def clear(self) -> None:
        self.articles, self.commitments = [], []
        self.links = {table: [] for table in INSERT_LINKS}
        self._keys.clear()
        self._calls, self._countries, self._by_pair, self._participants, self._keys_of = {}, {}, {}, {}, {}
        self.mark()
