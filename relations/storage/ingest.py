"""Ingest articles: extract each one and store it with its facts, atomically.

For every record, in order:

1. a record already stored (the same raw text, or the same url) is skipped before it is even
   extracted, unless ``force``;
2. the text is extracted (``relations.extraction.extract``, a pure function);
3. the article and everything read from it are written in one transaction (``BEGIN
   IMMEDIATE`` on SQLite), or, with ``force``, what was read from the stored article is
   replaced. An article whose normalised text (``content_hash``) is already stored is skipped.

``batch``: with 1 every article is its own transaction, committed before the next is read.
With N > 1 (``relations ingest`` and ``Database.ingest_path`` use 500), up to N articles share
a transaction (committed at least every ``batch_seconds``), each inside its own SAVEPOINT: an article that fails is rolled back to its
savepoint alone, so each article is still stored whole or not at all. Results are yielded only
once their transaction has committed. Batching exists for SQLite: a commit writes every page
the transaction touched to the WAL, and an article touches pages of a dozen tables, indexes
and the full-text index, so per-article commits cost more than the article's rows.

A record that fails is reported and the next one goes on. A database locked by another writer
for longer than the busy timeout stops the run with ``DatabaseLockedError`` (the open
transaction rolled back, nothing half-written). On SQLite the writing connection runs with
``PRAGMA synchronous=NORMAL`` and a 32 MB page cache while ingesting: in WAL mode commits then cost no fsync each (the
WAL is synced at checkpoints); a power cut may lose the last articles committed, never corrupt
the database or split an article, and ingesting the same inputs again stores what was lost.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..engine import DatabaseLockedError, busy_timeout_from_env, display_url, for_writing, is_sqlite
from ..errors import InputError
from ..facts import Facts
from ..inputs import Record
from .lookups import Lookups
from .pending import ARTICLE_COLUMNS, PendingRows
from .sql import Cursor, placeholders, quoted
from .writer import FactsWriter, WriteReport

NEW, REPLACED, SKIPPED, FAILED = "new", "replaced", "skipped", "failed"
Extractor = Callable[..., Facts]

Job = Callable[[], "IngestResult"]
_INSERT_ARTICLE = (f"INSERT INTO articles ({quoted(ARTICLE_COLUMNS[1:])}) VALUES ({placeholders(ARTICLE_COLUMNS[1:])}) "
                   "ON CONFLICT DO NOTHING RETURNING id")
# Columns a replacement sets even to null (the article's own reading of its text).
_REPLACED_EVEN_IF_NULL = frozenset({"published", "dateline", "dateline_date"})


STAGE = 50  # records read (checked and extracted) before they are written
BATCH = 1  # articles per transaction by default: each article is its own transaction
BATCH_SECONDS = 2.0  # ...and a transaction is committed at least this often
WRITER_CACHE_KB = 32 * 1024  # SQLite page cache of the writing connection while ingesting


@dataclass(frozen=True, slots=True)
class _Stage:
    """A record read and extracted, ready to be written."""

    origin: str
    row: dict[str, Any]
    facts: Facts
    warnings: list[str]
    force: bool


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What became of one input record (or of one stored article, when reprocessing)."""

    origin: str  # the file and line, or "article N" when reprocessing
    status: str  # new | replaced | skipped | failed
    article_id: int | None = None
    reason: str | None = None  # why it was skipped or failed
    warnings: tuple[str, ...] = ()
    calls_new: int = 0
    calls_merged: int = 0
    commitments: int = 0
    partnerships: int = 0

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass
class IngestSummary:
    """Counts of a run, and the failed results (each naming its input and reason)."""

    new: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    failures: list[IngestResult] = field(default_factory=list)

    def add(self, result: IngestResult) -> IngestResult:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.warnings += len(result.warnings)
        if result.status == FAILED:
            self.failures.append(result)
        return result

    def __str__(self) -> str:
        parts = [f"{self.new} new"]
        if self.replaced:
            parts.append(f"{self.replaced} replaced")
        parts += [f"{self.skipped} skipped", f"{self.failed} failed"]
        if self.warnings:
            parts.append(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")
        return ", ".join(parts)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _default_extractor() -> Extractor:
    from ..extraction import extract

    return extract


class Ingester:
    """Stores records through one writing connection; use it as a context manager."""

    def __init__(self, engine: Engine, lookups: Lookups, extractor: Extractor | None = None, *, batch: int = 1,
                 batch_seconds: float = BATCH_SECONDS):
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.engine, self.lookups = engine, lookups
        self.extract = extractor or _default_extractor()
        self.batch, self.batch_seconds = batch, batch_seconds
        self._writer: sa.Connection | None = None
        self._reader: sa.Connection | None = None
        self._txn: sa.RootTransaction | None = None
        self._opened, self._written = 0.0, 0
        self._synchronous: int | None = None
        self._cache_size = 0
        self._timeout = 0.0

    def __enter__(self) -> Ingester:
        self._writer = for_writing(self.engine).connect()
        self._reader = self.engine.connect()
        self._cursor = Cursor(self._writer)
        self._pending = PendingRows(self._cursor)
        if is_sqlite(self.engine):
            raw = self._writer.connection.driver_connection
            self._synchronous = raw.execute("PRAGMA synchronous").fetchone()[0]  # type: ignore[union-attr]
            self._cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
            raw.execute("PRAGMA synchronous=NORMAL")  # type: ignore[union-attr]
            # A batch dirties pages all over the indexes: room for them, so none is written twice.
            raw.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")  # type: ignore[union-attr]
        else:  # wait for another writer's locks as long as SQLite would, then fail the same way
            self._timeout = busy_timeout_from_env()
            self._writer.exec_driver_sql(f"SET lock_timeout = {int(self._timeout * 1000)}")
            self._writer.commit()
        return self

    def __exit__(self, *exc: object) -> None:
        self._abort()  # a transaction still open here was not finished: its results were not reported
        self._cursor.close()
        if self._synchronous is not None:
            raw = self._writer.connection.driver_connection  # type: ignore[union-attr]
            raw.execute(f"PRAGMA synchronous={int(self._synchronous)}")
            raw.execute(f"PRAGMA cache_size={int(self._cache_size)}")
        elif not is_sqlite(self.engine):
            self._writer.exec_driver_sql("RESET lock_timeout")  # type: ignore[union-attr]
            self._writer.commit()  # type: ignore[union-attr]
        for conn in (self._reader, self._writer):
            conn.close()  # type: ignore[union-attr]
        self._writer = self._reader = None

    # -- transactions -------------------------------------------------------------------------

    def _begin(self) -> None:
        if self._txn is None:
            self._txn = self._writer.begin()  # type: ignore[union-attr]
            self._pending.begin()
            self._opened, self._written = time.monotonic(), 0

    def _due(self) -> bool:
        return self._txn is None or self._written >= self.batch or time.monotonic() - self._opened >= self.batch_seconds

    def _commit(self) -> None:
        """Insert the rows held back and commit; on failure roll back and raise."""
        if self._txn is None:
            return
        try:
            self._pending.flush()
            txn, self._txn = self._txn, None
            txn.commit()
        except BaseException:
            self._abort()
            raise
        self.lookups.commit()

    def _abort(self) -> None:
        self._pending.clear()
        if self._txn is not None:
            txn, self._txn = self._txn, None
            txn.rollback()
        self.lookups.rollback()

    def _run(self, jobs: Iterable[tuple[Job, Job]]) -> Iterator[IngestResult]:
        """Run each job (one record or article), yielding results once their transaction commits.

        Each job comes as (redo, first): ``first`` does it the first time (possibly from work
        staged already), ``redo`` does it from the start (see ``_settle``).
        """
        held: list[tuple[Job, IngestResult]] = []
        for redo, first in jobs:
            held.append((redo, first()))
            if self._due():
                yield from self._settle(held)
                held = []
        yield from self._settle(held)

    def _settle(self, held: list[tuple[Job, IngestResult]]) -> list[IngestResult]:
        """Commit the transaction holding ``held``'s articles; their results.

        When the database refuses the commit (a row held back breaks a constraint), every
        article of the transaction is done again in a transaction of its own, so that only the
        one at fault fails.
        """
        try:
            self._commit()
            return [result for _job, result in held]
        except (self._cursor.Error, sa.exc.DBAPIError) as e:
            if len(held) == 1:
                return [_refused(held[0][1].origin, e)]
        results = []
        for job, _result in held:
            result = job()
            try:
                self._commit()
            except (self._cursor.Error, sa.exc.DBAPIError) as e:
                result = _refused(result.origin, e)
            results.append(result)
        return results

    # -- input records ------------------------------------------------------------------------

    def ingest(self, records: Iterable[Record | InputError], *, force: bool = False) -> Iterator[IngestResult]:
        """Store every record in turn, yielding what became of each, in order."""
        return self._run(self._staged(records, force))

    def _staged(self, records: Iterable[Record | InputError], force: bool) -> Iterator[tuple[Job, Job]]:
        """Read (check and extract) records a chunk at a time, then write that chunk.

        Extraction and writing each run faster in a stretch of their own than interleaved
        article by article, as each keeps the processor's caches warm for itself.
        """
        for chunk in _chunks(records, STAGE):
            stored = {} if force else self._read(lambda sql: self._stored(sql, chunk))
            staged = [self._read_record(r, force, stored) for r in chunk]
            for record, stage in zip(chunk, staged):
                yield functools.partial(self._ingest_one, record, force), functools.partial(self._store, stage)

    def _stored(self, sql: Cursor, records: list[Record | InputError]) -> dict[tuple[str, Any], int]:
        """Which of these records are stored already, by raw text or url: one query for them all."""
        keys = [("raw_hash", sha256(r.text)) for r in records if isinstance(r, Record)]
        keys += [("url", r.url) for r in records if isinstance(r, Record) and r.url]
        names = {f"k{i}": value for i, (_column, value) in enumerate(keys)}
        hashes = ", ".join(f":k{i}" for i, (column, _v) in enumerate(keys) if column == "raw_hash") or "NULL"
        urls = ", ".join(f":k{i}" for i, (column, _v) in enumerate(keys) if column == "url") or "NULL"
        found: dict[tuple[str, Any], int] = {}
        for article_id, raw_hash, url in sql.all(
                f"SELECT id, raw_hash, url FROM articles WHERE raw_hash IN ({hashes}) OR url IN ({urls})", names):
            found.setdefault(("raw_hash", raw_hash), article_id)
            found.setdefault(("url", url), article_id)
        return found

    def ingest_record(self, record: Record | InputError, *, force: bool = False) -> IngestResult:
        """Store one record and commit."""
        return list(self.ingest([record], force=force))[0]

    def _ingest_one(self, record: Record | InputError, force: bool) -> IngestResult:
        return self._store(self._read_record(record, force, None))

    def _read_record(self, record: Record | InputError, force: bool,
                     stored_ones: dict[tuple[str, Any], int] | None) -> IngestResult | _Stage:
        """A record's outcome when it ends before writing (bad input, stored already...), else its stage.

        ``stored_ones``: what ``_stored`` found for the record's chunk (None: look it up now).
        """
        if isinstance(record, InputError):
            return IngestResult(record.source, FAILED, reason=str(record).removeprefix(f"{record.source}: "))
        raw_hash = sha256(record.text)
        if not force:
            if stored_ones is None:
                stored = self._read(lambda sql: self._find(sql, raw_hash=raw_hash, url=record.url))
            else:
                stored = self._held_or(stored_ones, raw_hash, record.url)
            if stored is not None:
                return IngestResult(record.origin, SKIPPED, stored[0],
                                    reason=f"already stored as article {stored[0]} ({stored[1]})")
        warnings = []
        if record.published and _as_date(record.published) is None:
            warnings.append(f"\"published\" {record.published!r} is not a YYYY-MM-DD date: ignored")
        try:
            facts = self.extract(record.text, id=record.id, published=record.published, source=record.source,
                                 title=record.title, url=record.url)
        except Exception as e:  # noqa: BLE001 - one article the extractor trips on must not stop a run
            return IngestResult(record.origin, FAILED, reason=f"extractor error: {type(e).__name__}: {e}")
        return _Stage(record.origin, _article_row(facts, record.text, raw_hash), facts, warnings, force)

    def _store(self, stage: IngestResult | _Stage) -> IngestResult:
        if isinstance(stage, IngestResult):
            return stage
        return self._write(stage.origin, stage.row, stage.facts, stage.warnings, stage.force)

    def _read(self, query: Callable[[Cursor], Any]) -> Any:
        """Run a read inside the open transaction (it sees this batch too), else on the reader."""
        if self._txn is not None:
            return query(self._cursor)
        with self._reader.begin():  # type: ignore[union-attr]
            cursor = Cursor(self._reader)  # type: ignore[arg-type]
            try:
                return query(cursor)
            finally:
                cursor.close()

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

    def _find(self, sql: Cursor, **values: Any) -> tuple[int, str] | None:
        """(id, why) of an article, stored or held back, with this content_hash, raw_hash or url."""
        for column, value in values.items():
            if value is None:
                continue
            found = self._pending.find(column, value) if self._txn is not None else None
            if found is None:
                found = sql.value(f"SELECT id FROM articles WHERE {column} = :v LIMIT 1", {"v": value})
            if found is not None:
                return found, "same url" if column == "url" else "same text"
        return None

    def _write(self, origin: str, row: dict[str, Any], facts: Facts, warnings: list[str], force: bool,
               article_id: int | None = None) -> IngestResult:
        """Store one article and its facts under a savepoint of the open transaction."""
        self._begin()
        sql, pending = self._cursor, self._pending
        sql.run("SAVEPOINT article")  # on the cursor: SQLAlchemy's begin_nested() costs ten times more
        pending.mark()
        status, report, seen = NEW, None, None
        try:
            reingest = article_id is None
            if reingest and force:
                found = self._find(sql, content_hash=row["content_hash"], raw_hash=row["raw_hash"], url=row["url"])
                article_id = found[0] if found else None
            if article_id is not None:
                clear_derived(sql, pending, article_id)
                changes = {k: v for k, v in row.items() if v is not None or k in _REPLACED_EVEN_IF_NULL}
                if not pending.replace(article_id, changes):
                    sql.run(_update_article(tuple(changes), reingest), {**changes, "id": article_id})
                status = REPLACED
            else:
                seen = self._find(sql, content_hash=row["content_hash"], url=row["url"])
                if seen is None:
                    article_id = pending.add_article(row) if pending.enabled else sql.value(_INSERT_ARTICLE, row)
            if article_id is not None:
                report = FactsWriter(sql, self.lookups, pending).write(article_id, facts)
        except (sql.Error, sa.exc.DBAPIError) as e:
            if _lock_timeout(e):
                self._abort()
                raise DatabaseLockedError(display_url(self.engine.url), self._timeout) from None
            sql.run("ROLLBACK TO SAVEPOINT article")
            sql.run("RELEASE SAVEPOINT article")
            pending.undo()
            self.lookups.discard()
            return _refused(origin, e, article_id if status == REPLACED else None)
        except BaseException:
            self._abort()
            raise
        sql.run("RELEASE SAVEPOINT article")
        self.lookups.release()
        self._written += 1
        if report is None:  # its normalised text or url is stored already (or was, meanwhile)
            seen = seen or self._find(sql, content_hash=row["content_hash"], url=row["url"])
            why = f"already stored as article {seen[0]} ({seen[1]})" if seen else "already stored"
            return IngestResult(origin, SKIPPED, seen[0] if seen else None, reason=why, warnings=tuple(warnings))
        return _result(origin, status, article_id, warnings, facts, report)  # type: ignore[arg-type]

    # -- stored articles ----------------------------------------------------------------------

    def reprocess(self, *, outdated_only: bool = False, version: str | None = None) -> Iterator[IngestResult]:
        """Read stored articles again with the current extractor, each atomically.

        ``outdated_only``: only those whose ``extractor_version`` differs from ``version``.
        """
        where = " WHERE extractor_version <> :v" if outdated_only else ""
        ids = self._read(lambda sql: [r[0] for r in sql.all(f"SELECT id FROM articles{where} ORDER BY id",
                                                             {"v": version})])
        return self._run((functools.partial(self._reprocess_one, i),) * 2 for i in ids)

    def _reprocess_one(self, article_id: int) -> IngestResult:
        stored = self._read(lambda sql: sql.one(
            "SELECT external_id, raw_text, text, published, source, title, url FROM articles WHERE id = :id",
            {"id": article_id}))
        if stored is None:
            return IngestResult(f"article {article_id}", FAILED, reason="no such article (deleted meanwhile)")
        external_id, raw_text, text, published, source, title, url = stored
        origin = f"article {article_id}" + (f" ({external_id})" if external_id else "")
        given = raw_text if raw_text is not None else text
        try:
            facts = self.extract(given, id=external_id, published=Cursor.to_date(published), source=source,
                                 title=title, url=url)
        except Exception as e:  # noqa: BLE001 - see _ingest_one
            return IngestResult(origin, FAILED, article_id, reason=f"extractor error: {type(e).__name__}: {e}")
        row = _article_row(facts, given, sha256(given))
        if raw_text is None:  # stored before revision 0003: there is no raw text to keep
            del row["raw_text"], row["raw_hash"]
        return self._write(origin, row, facts, [], True, article_id=article_id)


@functools.lru_cache(maxsize=64)
def _update_article(columns: tuple[str, ...], reingest: bool) -> str:
    sets = [f"{c} = :{c}" for c in columns] + (["ingested_at = CURRENT_TIMESTAMP"] if reingest else [])
    return f"UPDATE articles SET {', '.join(sets)} WHERE id = :id"


def clear_derived(sql: Cursor, pending: PendingRows, article_id: int) -> None:
    """Delete what was read from an article (and the calls only it reported); keep the article."""
    pending.drop_derived(article_id)
    params = {"a": article_id}
    call_ids = [r[0] for r in sql.all("SELECT DISTINCT call_id FROM call_sources WHERE article_id = :a", params)]
    for table in ("commitments", "partnerships", "article_leaders", "call_sources"):
        sql.run(f"DELETE FROM {table} WHERE article_id = :a", params)
    sql.many("DELETE FROM calls WHERE id = :c AND NOT EXISTS (SELECT 1 FROM call_sources s WHERE s.call_id = :c)",
             [{"c": c} for c in call_ids if not pending.has_source(c)])  # held-back reports keep theirs


def _article_row(facts: Facts, raw: str, raw_hash: str | None) -> dict[str, Any]:
    info = facts.article
    return {
        "external_id": _clip(facts.id), "content_hash": sha256(facts.text), "url": _clip(info.url, 2000),
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


def _as_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _clip(value: str | None, limit: int = 300) -> str | None:
    return None if value is None else value[:limit]


def _lock_timeout(e: BaseException) -> bool:
    """Whether PostgreSQL gave up waiting for a lock (SQLSTATE 55P03, lock_not_available)."""
    return getattr(getattr(e, "orig", None) or e, "sqlstate", None) == "55P03"


def _refused(origin: str, e: BaseException, article_id: int | None = None) -> IngestResult:
    orig = getattr(e, "orig", None) or e
    return IngestResult(origin, FAILED, article_id, reason=f"database refused it: {_first_line(orig)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
