"""Articles and everything read from them, written atomically under a savepoint each.

``ArticleStore._store`` is the one store step every source feeds (``relations.pipeline``: input
records, facts, stored articles read again). For each article:

- one whose normalised text (``content_hash``) or url is already stored is skipped: that is
  what makes ``load`` idempotent, and two writers safe;
- with ``force`` (or when reprocessing) what was read from the stored article is replaced
  (``clear_derived``), the article keeping its id and key; the facts read again get back the
  ids they had, by key (``relations.storage.keys``, ``FactsWriter``);
- the article row and its facts (``relations.storage.writer``) are written under a SAVEPOINT of
  the open transaction (``relations.storage.transactions``): one the database refuses is
  rolled back alone. On PostgreSQL, where every statement is a round trip, an article's
  savepoint is released together with the next one's ``SAVEPOINT`` (or by the COMMIT), and an
  article is inserted without being looked up first (``ON CONFLICT DO NOTHING`` tells).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from typing import Any

from ..facts import Facts
from . import keys
from .faults import ARTICLE, classify, first_line
from .pending import ARTICLE_COLUMNS, PendingRows
from .results import FAILED, NEW, REPLACED, SKIPPED, IngestResult
from .sql import Cursor, placeholders, quoted
from .transactions import WritingConnection, refused
from .writer import FactsWriter, WriteReport

_INSERT_ARTICLE = (f"INSERT INTO articles ({quoted(ARTICLE_COLUMNS[1:])}) VALUES ({placeholders(ARTICLE_COLUMNS[1:])}) "
                   "ON CONFLICT DO NOTHING RETURNING id")
# Columns a replacement sets even to null (the article's own reading of its text).
_REPLACED_EVEN_IF_NULL = frozenset({"published", "dateline", "dateline_date"})


@dataclass(frozen=True, slots=True)
class Stage:
    """An article read and extracted (or facts read, or a stored article read again), ready to be written."""

    origin: str
    row: dict[str, Any]
    facts: Facts
    warnings: list[str]
    force: bool
    article_id: int | None = None  # the stored article it replaces (reprocess), else found by ``force``


@functools.lru_cache(maxsize=128)  # ingest hashes a record's text 3 times (stored? held back? its row) within a chunk
def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ArticleStore(WritingConnection):
    """Writes articles with their facts, each under a savepoint of the open transaction."""

    def _held_or(self, stored: dict[tuple[str, Any], int], raw_hash: str, url: str | None) -> tuple[int, str] | None:
        """(id, why) of an article held back in this transaction, or found stored, with this raw
        text or url."""
        for column, value in (("raw_hash", raw_hash), ("url", url)):
            if value is None:
                continue
            found = (self._pending.find(column, value) if self._txn is not None else None) or stored.get((column, value))
            if found is not None:
                return found, "same url" if column == "url" else "same text"
        return None

    def _storable(self, value: str) -> bool:
        """Whether the database can hold ``value``: PostgreSQL text cannot hold NUL, so no stored
        row has such a value, and looking one up would fail outside the article's savepoint and
        stop the run (inserting it fails inside the savepoint: the article alone is refused)."""
        return self._sqlite or "\x00" not in value

    def _find(self, sql: Cursor, **values: Any) -> tuple[int, str] | None:
        """(id, why) of an article, stored or held back, with this content_hash, raw_hash or url."""
        for column, value in values.items():
            if value is None or not self._storable(value):
                continue
            found = self._pending.find(column, value) if self._txn is not None else None
            if found is None:
                found = sql.value(f"SELECT id FROM articles WHERE {column} = :v LIMIT 1", {"v": value})
            if found is not None:
                return found, "same url" if column == "url" else "same text"
        return None

    def _store(self, stage: IngestResult | Stage) -> IngestResult:
        if isinstance(stage, IngestResult):
            return stage
        return self._write(stage.origin, stage.row, stage.facts, stage.warnings, stage.force, stage.article_id)

    def _write(self, origin: str, row: dict[str, Any], facts: Facts, warnings: list[str], force: bool,
               article_id: int | None = None) -> IngestResult:
        """Store one article and its facts under a savepoint of the open transaction."""
        sql, pending = self._cursor, self._pending
        try:
            self._begin()
            if self._unreleased:  # PostgreSQL: the last article's savepoint, released in the same round trip
                sql.script("RELEASE SAVEPOINT article; SAVEPOINT article")
                self._unreleased = False
            else:
                sql.run("SAVEPOINT article")  # on the cursor: SQLAlchemy's begin_nested() costs ten times more
        except self._errors as e:
            raise self._stop(e) from None
        pending.mark()
        status, report, seen = NEW, None, None
        try:
            reingest = article_id is None
            if reingest and force:
                found = self._find(sql, content_hash=row["content_hash"], raw_hash=row["raw_hash"], url=row["url"])
                article_id = found[0] if found else None
            reuse: dict[tuple[str, str], int] = {}
            article_key = row["key"]
            if article_id is not None:
                article_key = self._article_key(sql, article_id)
                reuse = clear_derived(sql, pending, article_id)
                changes = {k: v for k, v in row.items()
                           if k != "key" and (v is not None or k in _REPLACED_EVEN_IF_NULL)}
                if not pending.replace(article_id, changes):
                    sql.run(_update_article(tuple(changes), reingest), {**changes, "id": article_id})
                status = REPLACED
            else:
                # PostgreSQL: no look-up first (a round trip); the insert does nothing for an
                # article stored already (content_hash and url are unique), found below.
                seen = self._find(sql, content_hash=row["content_hash"], url=row["url"]) if self._sqlite else None
                if seen is None:
                    article_id = pending.add_article(row) if pending.holds_articles else sql.value(_INSERT_ARTICLE, row)
            if article_id is not None:
                report = FactsWriter(sql, self.lookups, pending).write(article_id, facts, article_key, reuse)
        except self._errors as e:
            if classify(e, self._dbapi())[0] != ARTICLE:
                raise self._stop(e) from None
            self._undo_article()
            return refused(origin, e, article_id if status == REPLACED else None)
        except Exception as e:  # noqa: BLE001 - a value no check foresaw (an int too large for SQLite...)
            self._undo_article()
            return IngestResult(origin, FAILED, article_id if status == REPLACED else None,
                                reason=f"cannot store it: {type(e).__name__}: {first_line(e)}")
        except BaseException:
            self._abort()
            raise
        try:
            if self._sqlite:
                sql.run("RELEASE SAVEPOINT article")
            else:  # with the next article's SAVEPOINT, or by the COMMIT: a round trip less
                self._unreleased = True
        except self._errors as e:
            raise self._stop(e) from None
        self.lookups.release()
        self._written += 1
        if report is None:  # its normalised text or url is stored already (or was, meanwhile)
            seen = seen or self._find(sql, content_hash=row["content_hash"], url=row["url"])
            why = f"already stored as article {seen[0]} ({seen[1]})" if seen else "already stored"
            return IngestResult(origin, SKIPPED, seen[0] if seen else None, reason=why, warnings=tuple(warnings))
        return _result(origin, status, article_id, warnings, facts, report)  # type: ignore[arg-type]

    def _article_key(self, sql: Cursor, article_id: int) -> str:
        """The key of a stored (or held-back) article: it keeps it when it is replaced."""
        for row in self._pending.articles:
            if row["id"] == article_id:
                return row["key"]
        return sql.value("SELECT key FROM articles WHERE id = :id", {"id": article_id})

    def _undo_article(self) -> None:
        """Roll the article being written back to its savepoint."""
        try:
            self._cursor.run("ROLLBACK TO SAVEPOINT article")
            self._cursor.run("RELEASE SAVEPOINT article")
        except self._errors as e:
            raise self._stop(e) from None
        self._pending.undo()
        self.lookups.discard()


@functools.lru_cache(maxsize=64)
def _update_article(columns: tuple[str, ...], reingest: bool) -> str:
    sets = [f"{c} = :{c}" for c in columns] + (["ingested_at = CURRENT_TIMESTAMP"] if reingest else [])
    return f"UPDATE articles SET {', '.join(sets)} WHERE id = :id"


def clear_derived(sql: Cursor, pending: PendingRows, article_id: int) -> dict[tuple[str, str], int]:
    """Delete what was read from an article (and the calls only it reported); keep the article.

    Returns the ids of the facts deleted by (table, key), for ``FactsWriter.write`` to give back
    to the same facts read again.
    """
    dropped = pending.drop_derived(article_id)
    params = {"a": article_id}
    call_ids = [r[0] for r in sql.all("SELECT DISTINCT call_id FROM call_sources WHERE article_id = :a", params)]
    for table in ("commitments", "partnerships"):
        dropped.update({(table, key): i for i, key in sql.all(f"SELECT id, key FROM {table} WHERE article_id = :a",
                                                               params)})
    for table in ("commitments", "partnerships", "article_leaders", "call_sources"):
        sql.run(f"DELETE FROM {table} WHERE article_id = :a", params)
    orphans = [c for c in call_ids if not pending.has_source(c)]  # held-back reports keep theirs
    for call_id in orphans:
        found = sql.one("SELECT id, key FROM calls c WHERE id = :c AND NOT EXISTS "
                        "(SELECT 1 FROM call_sources s WHERE s.call_id = c.id)", {"c": call_id})
        if found is not None:
            dropped[("calls", found[1])] = found[0]
    sql.many("DELETE FROM calls WHERE id = :c AND NOT EXISTS (SELECT 1 FROM call_sources s WHERE s.call_id = :c)",
             [{"c": c} for c in orphans])
    return dropped


def article_row(facts: Facts, raw: str | None, raw_hash: str | None) -> dict[str, Any]:
    info = facts.article
    content_hash = sha256(facts.text)
    return {
        "key": keys.article_key(content_hash), "external_id": _clip(facts.id), "content_hash": content_hash,
        "url": _clip(info.url, 2000),
        "source": _clip(info.source), "title": info.title, "published": _iso(info.published),
        "dateline": _clip(info.dateline), "dateline_date": _iso(info.dateline_date), "text": facts.text,
        "raw_text": raw, "raw_hash": raw_hash, "extractor_version": facts.extractor_version,
    }


def _result(origin: str, status: str, article_id: int, warnings: list[str], facts: Facts,
            report: WriteReport) -> IngestResult:
    warnings = warnings + report.warnings
    if facts.article.published is None and facts.article.dateline_date is None:
        warnings.append("no date anywhere (no \"published\", no date line, no dated dateline): "
                        "stored with its date unknown")
    return IngestResult(origin, status, article_id, warnings=tuple(warnings), calls_new=report.calls_new,
                        calls_merged=report.calls_merged, commitments=report.commitments,
                        partnerships=report.partnerships)


def _iso(value: dt.date | None) -> str | None:
    """Dates as ISO text: what SQLAlchemy's Date stores on SQLite, and PostgreSQL casts from."""
    return None if value is None else value.isoformat()


def _clip(value: str | None, limit: int = 300) -> str | None:
    return None if value is None else value[:limit]

