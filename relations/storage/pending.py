"""Article and commitment rows held back until their transaction commits (SQLite only).

Both tables carry FTS5 triggers. FTS5 writes its pending index data to disk at every statement
savepoint, and a statement whose trigger writes to a virtual table always runs in one, so
inserting articles one statement at a time flushes the index once per article: that flush
costs more than indexing the text. So on SQLite the ingester inserts the rows of every article
and commitment of a transaction in a few multi-row statements just before COMMIT (the triggers
still do the indexing, once per transaction), and writes the other rows, which point at them,
straight away under ``PRAGMA defer_foreign_keys`` (their foreign keys are checked at COMMIT).
The link rows that nothing reads back while ingesting (``INSERT_LINKS``) are held back too and
written with one executemany per table, not one per article.

Ids are chosen here, from max(id) + 1: a SQLite transaction that began with ``BEGIN
IMMEDIATE`` holds the write lock, so no one else can take them. Each article's rows are added
under a mark, so that rolling the article back to its savepoint drops them too.

On PostgreSQL (``enabled`` false) nothing is held back: rows are inserted as they come.
"""

from __future__ import annotations

from typing import Any

from .sql import Cursor

ARTICLE_COLUMNS = ("id", "external_id", "content_hash", "url", "source", "title", "published", "dateline",
                   "dateline_date", "text", "raw_text", "raw_hash", "extractor_version")
COMMITMENT_COLUMNS = ("id", "article_id", "call_id", "actor_id", "speaker_id", "speaker_name", "kind", "text", "date",
                      "sentence", "start", "end", "text_start", "text_end")
_MAX_PARAMS = 30000  # below SQLite's 32766 bound variables per statement

INSERT_LINKS = {
    "article_leaders": "INSERT INTO article_leaders (article_id, leader_id, name, title) "
                       "VALUES (:a, :l, :name, :title)",
    "commitment_counterparts": "INSERT INTO commitment_counterparts (commitment_id, country_id) VALUES (:m, :c)",
    "commitment_topics": "INSERT INTO commitment_topics (commitment_id, topic_id) VALUES (:m, :t)",
    "commitment_pairs": "INSERT INTO commitment_pairs (commitment_id, country_a_id, country_b_id, date) "
                        "VALUES (:m, :a, :b, :date)",
}


class PendingRows:
    def __init__(self, cursor: Cursor):
        self.sql = cursor
        self.enabled = not cursor.postgresql
        self.articles: list[dict[str, Any]] = []
        self.commitments: list[dict[str, Any]] = []
        self._next: dict[str, int] = {}
        self.links: dict[str, list[dict[str, Any]]] = {table: [] for table in INSERT_LINKS}
        self._keys: dict[tuple[str, Any], int] = {}  # (column, value) -> article id, for lookups
        self._mark: tuple[int, ...] = (0,) * (2 + len(INSERT_LINKS))

    def begin(self) -> None:
        """A transaction began: ids continue from what the database holds."""
        if self.enabled:
            self.sql.run("PRAGMA defer_foreign_keys = ON")
            for table in ("articles", "commitments"):
                self._next[table] = self.sql.value(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")

    def _ids(self, table: str, n: int) -> list[int]:
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
        for rows, n in zip(self.links.values(), self._mark[2:]):
            del rows[n:]

    def add_article(self, row: dict[str, Any]) -> int:
        article_id = self._ids("articles", 1)[0]
        row = {"id": article_id, **row}
        self.articles.append(row)
        for column in ("content_hash", "raw_hash", "url"):
            if row.get(column) is not None:
                self._keys[(column, row[column])] = article_id
        return article_id

    def add_commitments(self, rows: list[dict[str, Any]]) -> list[int]:
        ids = self._ids("commitments", len(rows))
        self.commitments += [{"id": i, **row} for i, row in zip(ids, rows)]
        return ids

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
        return self.enabled

    def drop_derived(self, article_id: int) -> None:
        """Forget the held-back rows read from an article (it is being read again)."""
        held = {c["id"] for c in self.commitments if c["article_id"] == article_id}
        self.commitments = [c for c in self.commitments if c["article_id"] != article_id]
        self.links["article_leaders"] = [r for r in self.links["article_leaders"] if r["a"] != article_id]
        for table in ("commitment_counterparts", "commitment_topics", "commitment_pairs"):
            self.links[table] = [r for r in self.links[table] if r["m"] not in held]

    def _forget(self, row: dict[str, Any]) -> None:
        for column in ("content_hash", "raw_hash", "url"):
            if self._keys.get((column, row.get(column))) == row["id"]:
                del self._keys[(column, row[column])]

    # -- the end of the transaction ------------------------------------------------------------

    def flush(self) -> None:
        """Insert everything held back, a few multi-row statements per table."""
        for table, columns, rows in (("articles", ARTICLE_COLUMNS, self.articles),
                                     ("commitments", COMMITMENT_COLUMNS, self.commitments)):
            step = max(1, _MAX_PARAMS // len(columns))
            for i in range(0, len(rows), step):
                self.sql.insert_rows(table, columns, rows[i:i + step])
        for table, rows in self.links.items():
            self.sql.many(INSERT_LINKS[table], rows)
        self.clear()

    def clear(self) -> None:
        self.articles, self.commitments = [], []
        self.links = {table: [] for table in INSERT_LINKS}
        self._keys.clear()
        self.mark()
