"""Store articles with their facts, atomically: read from text (``ingest``) or as facts (``load``).

For every record, in order:

1. a record already stored (the same raw text, or the same url) is skipped before it is even
   extracted, unless ``force``;
2. the text is extracted (``relations.extraction.extract``, a pure function), in this process
   or, with ``workers`` > 1, in worker processes (``relations.storage.parallel``) while this
   one writes; ``load`` takes facts already extracted (``relations extract --text``) instead;
3. the article and everything read from it are written in one transaction (``BEGIN
   IMMEDIATE`` on SQLite), or, with ``force``, what was read from the stored article is
   replaced. An article whose normalised text (``content_hash``) or url is already stored is
   skipped: that is what makes ``load`` idempotent, and two writers safe.

``batch``: with 1 every article is its own transaction, committed before the next is read.
With N > 1, up to N articles share a transaction (committed at least every ``batch_seconds``),
each inside its own SAVEPOINT: an article that fails is rolled back to its savepoint alone, so
each article is still stored whole or not at all. Results are yielded only once their
transaction has committed. Batching exists for SQLite: a commit writes every page the
transaction touched to the WAL, and an article touches pages of a dozen tables, indexes and
the full-text index, so per-article commits cost more than the article's rows.

Errors (``relations.storage.faults``): an article the database refuses fails alone and the run
goes on; a transaction PostgreSQL picks as a deadlock victim is rolled back and its articles
written again, each in a transaction of its own; a lock held too long raises
``DatabaseLockedError``; a full disk, a read-only file, a lost connection stop the run with
``StorageError``. Whatever stops a run (those, or the process being killed), the open
transaction is lost whole and what was committed before stays: running the same command again
skips what is stored and stores the rest.

On SQLite the writing connection runs with ``PRAGMA synchronous=NORMAL`` and a 32 MB page
cache while ingesting: in WAL mode commits then cost no fsync each (the WAL is synced at
checkpoints); a power cut may lose the last articles committed, never corrupt the database or
split an article. The full-text indexes do not merge their segments at every commit (revision
0006 turns FTS5's automerge off); a run that stored anything merges them once, at its end.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..dbobjects import FTS_TABLES
from ..engine import RAW_ERRORS, DatabaseLockedError, busy_timeout_from_env, display_url, for_writing, is_sqlite
from ..errors import InputError
from ..facts import Facts
from ..inputs import Record, no_text
from .facts_input import FactsRecord
from .faults import ARTICLE, LOCKED, RETRY, StorageError, classify, driver_error, first_line
from .lookups import Lookups
from .parallel import ExtractorPool
from .pending import ARTICLE_COLUMNS, PendingRows
from .results import BATCH, FAILED, NEW, REPLACED, SKIPPED, IngestResult, IngestSummary
from .sql import Cursor, placeholders, quoted
from .writer import FactsWriter, WriteReport

__all__ = ["BATCH", "FAILED", "NEW", "REPLACED", "SKIPPED", "IngestResult", "IngestSummary", "Ingester"]

Extractor = Callable[..., Facts]
Job = Callable[[], IngestResult]
_INSERT_ARTICLE = (f"INSERT INTO articles ({quoted(ARTICLE_COLUMNS[1:])}) VALUES ({placeholders(ARTICLE_COLUMNS[1:])}) "
                   "ON CONFLICT DO NOTHING RETURNING id")
# Columns a replacement sets even to null (the article's own reading of its text).
_REPLACED_EVEN_IF_NULL = frozenset({"published", "dateline", "dateline_date"})

STAGE = 50  # records read (checked and extracted) before they are written
BATCH_SECONDS = 2.0  # ...and a transaction is committed at least this often
WRITER_CACHE_KB = 32 * 1024  # SQLite page cache of the writing connection while ingesting
RETRIES = 8  # attempts at an article whose transaction keeps losing deadlocks to other writers
MERGE_PAGES = 256  # FTS5 index pages one end-of-run 'merge' step writes at most...
MERGE_STEPS_PER_ARTICLE = 0.05  # ...and steps per article stored in the run (at least one)


@dataclass(frozen=True, slots=True)
class _Stage:
    """A record read and extracted (or facts read), ready to be written."""

    origin: str
    row: dict[str, Any]
    facts: Facts
    warnings: list[str]
    force: bool


class _Conflict(Exception):
    """The transaction was rolled back to let another writer through: write its articles again."""


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _default_extractor() -> Extractor:
    from ..extraction import extract_quiet  # its doubts (a date that is none) are reported per article

    return extract_quiet


def _args(record: Record) -> tuple:
    return record.text, record.id, record.published, record.source, record.title, record.url


class Ingester:
    """Stores records through one writing connection; use it as a context manager."""

    def __init__(self, engine: Engine, lookups: Lookups, extractor: Extractor | None = None, *, batch: int = 1,
                 batch_seconds: float = BATCH_SECONDS):
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.engine, self.lookups = engine, lookups
        self._extractor = extractor
        self.batch, self.batch_seconds = batch, batch_seconds
        self.committed = 0  # articles this ingester stored or replaced, committed
        self._writer: sa.Connection | None = None
        self._reader: sa.Connection | None = None
        self._txn: sa.RootTransaction | None = None
        self._opened, self._written = 0.0, 0
        self._sqlite = is_sqlite(engine)
        self._synchronous: int | None = None
        self._cache_size = 0
        self._timeout = busy_timeout_from_env()
        self._merge_steps = 0.0

    @property
    def extract(self) -> Extractor:
        """The extractor, loaded when first needed (``load`` never needs it)."""
        if self._extractor is None:
            self._extractor = _default_extractor()
        return self._extractor

    def __enter__(self) -> Ingester:
        # The writer's errors reach us untranslated: each is classified here (faults.classify).
        self._writer = for_writing(self.engine).connect().execution_options(**{RAW_ERRORS: True})
        self._reader = self.engine.connect()
        self._cursor = Cursor(self._writer)
        self._errors = (sa.exc.DBAPIError, self._cursor.Error)
        self._pending = PendingRows(self._cursor)
        if self._sqlite:
            raw = self._writer.connection.driver_connection
            self._synchronous = raw.execute("PRAGMA synchronous").fetchone()[0]  # type: ignore[union-attr]
            self._cache_size = raw.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
            raw.execute("PRAGMA synchronous=NORMAL")  # type: ignore[union-attr]
            # A batch dirties pages all over the indexes: room for them, so none is written twice.
            raw.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")  # type: ignore[union-attr]
        else:  # wait for another writer's locks as long as SQLite would, then fail the same way
            self._writer.exec_driver_sql(f"SET lock_timeout = {int(self._timeout * 1000)}")
            self._writer.commit()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._abort()  # a transaction still open here was not finished: its results were not reported
        finally:
            self._close()

    def _close(self) -> None:
        writer, reader = self._writer, self._reader
        self._writer = self._reader = None
        try:
            self._cursor.close()
            if self._synchronous is not None:
                raw = writer.connection.driver_connection  # type: ignore[union-attr]
                raw.execute(f"PRAGMA synchronous={int(self._synchronous)}")
                raw.execute(f"PRAGMA cache_size={int(self._cache_size)}")
            elif not self._sqlite:
                writer.exec_driver_sql("RESET lock_timeout")  # type: ignore[union-attr]
                writer.commit()  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - the connection is gone (lost, or the disk is full): nothing to restore
            _invalidate(writer)
        for conn in (reader, writer):
            try:
                conn.close()  # type: ignore[union-attr]
            except Exception:  # noqa: BLE001, S110 - closing what is already broken
                pass

    # -- transactions -------------------------------------------------------------------------

    def _begin(self) -> None:
        if self._txn is None:
            self._txn = self._writer.begin()  # type: ignore[union-attr]
            self._pending.begin()
            self._opened, self._written = time.monotonic(), 0

    def _due(self) -> bool:
        return self._txn is None or self._written >= self.batch or time.monotonic() - self._opened >= self.batch_seconds

    def _commit(self) -> None:
        """Insert the rows held back and commit; on failure roll back and raise (an article-level
        refusal as the driver's error, anything else as ``_stop`` makes it)."""
        if self._txn is None:
            return
        try:
            self._pending.flush()
            txn, self._txn = self._txn, None
            txn.commit()
        except self._errors as e:
            if classify(e, self._dbapi())[0] != ARTICLE:
                raise self._stop(e) from None
            self._abort()
            raise
        except BaseException:
            self._abort()
            raise
        self.lookups.commit()

    def _abort(self) -> None:
        """Roll back the open transaction, if the connection still can; forget what it held."""
        self._pending.clear()
        if self._txn is not None:
            txn, self._txn = self._txn, None
            try:
                txn.rollback()
            except Exception:  # noqa: BLE001 - the connection (and with it the transaction) is gone
                _invalidate(self._writer)
        self.lookups.rollback()

    def _dbapi(self) -> Any:
        try:
            return self._writer.connection.driver_connection  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - invalidated or closed
            return None

    def _stop(self, e: BaseException) -> BaseException:
        """Roll back and return the exception that ends the run (or, for a deadlock, the batch)."""
        kind, what = classify(e, self._dbapi())
        self._abort()
        url = display_url(self.engine.url)
        if kind == LOCKED:
            return DatabaseLockedError(url, self._timeout)
        if kind == RETRY:
            return _Conflict(what)
        return StorageError(url, what or "database error", first_line(driver_error(e)), self.committed)

    def _guarded(self, results: Iterator[IngestResult]) -> Iterator[IngestResult]:
        """The results; a database error nothing else handled ends the run as ``_stop`` says."""
        try:
            yield from results
        except self._errors as e:
            raise self._stop(e) from None

    def _run(self, jobs: Iterable[tuple[Job, Job]]) -> Iterator[IngestResult]:
        """Run each job (one record or article), yielding results once their transaction commits.

        Each job comes as (redo, first): ``first`` does it the first time (possibly from work
        staged already), ``redo`` does it from the start (see ``_settle``).
        """
        held: list[tuple[Job, IngestResult]] = []
        for redo, first in jobs:
            try:
                result = first()
            except _Conflict:
                yield from self._one_by_one([*(job for job, _r in held), redo])
                held = []
                continue
            held.append((redo, result))
            if self._due():
                yield from self._settle(held)
                held = []
        yield from self._settle(held)
        self._merge_search_index()

    def _settle(self, held: list[tuple[Job, IngestResult]]) -> list[IngestResult]:
        """Commit the transaction holding ``held``'s articles; their results.

        When the database refuses the commit (a row held back breaks a constraint), every
        article of the transaction is done again in a transaction of its own, so that only the
        one at fault fails; so too when the transaction lost a deadlock.
        """
        try:
            self._commit()
        except _Conflict:
            return self._one_by_one([job for job, _result in held])
        except self._errors as e:
            if len(held) == 1:
                return self._counted([_refused(held[0][1].origin, e)])
            return self._one_by_one([job for job, _result in held])
        return self._counted([result for _job, result in held])

    def _one_by_one(self, jobs: list[Job]) -> list[IngestResult]:
        """Each job in a transaction of its own, again if it loses a deadlock (after a pause)."""
        results = []
        for job in jobs:
            for attempt in range(RETRIES):
                try:
                    result = job()
                    try:
                        self._commit()
                    except self._errors as e:  # refused at the commit: this article, alone
                        result = _refused(result.origin, e)
                except _Conflict:
                    time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # noqa: S311 - jitter, not crypto
                    continue
                break
            else:
                raise StorageError(display_url(self.engine.url), "other writers kept deadlocking with this one",
                                   f"{RETRIES} attempts", self.committed)
            results.append(result)
        return self._counted(results)

    def _counted(self, results: list[IngestResult]) -> list[IngestResult]:
        stored = sum(r.status in (NEW, REPLACED) for r in results)
        self.committed += stored
        self._merge_steps += stored * MERGE_STEPS_PER_ARTICLE
        return results

    def _merge_search_index(self) -> None:
        """SQLite: merge the full-text indexes' segments a little, once a run has stored articles.

        Revision 0006 turns FTS5's automerge off, so commits only add segments (FTS5 still
        merges a level once it holds 16); here up to ``MERGE_PAGES`` pages are merged per step,
        a step per twenty articles stored (at least one), until nothing is left to merge. It is
        housekeeping: if it cannot run (another writer holds the lock, the disk is full) the
        articles are stored all the same, and the next run merges.
        """
        steps, self._merge_steps = max(1, int(self._merge_steps)), 0.0
        if not self._sqlite or self.committed == 0 or self._writer is None:
            return
        try:
            with self._writer.begin():
                raw = self._writer.connection.driver_connection
                for fts in FTS_TABLES:
                    for _ in range(steps):
                        before = raw.total_changes
                        raw.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('merge', {MERGE_PAGES})")
                        if raw.total_changes - before < 2:  # FTS5's sign that there was nothing to merge
                            break
        except (*self._errors, DatabaseLockedError):
            pass

    # -- input records ------------------------------------------------------------------------

    def ingest(self, records: Iterable[Record | InputError], *, force: bool = False, workers: int = 1,
               ) -> Iterator[IngestResult]:
        """Store every record in turn, yielding what became of each, in order.

        ``workers`` > 1: extract in that many worker processes while this one writes.
        """
        if workers > 1:
            return self._guarded(self._ingest_in_workers(records, force, workers))
        return self._guarded(self._run(self._staged(self._extracted(self._checked(records, force)), force)))

    def _ingest_in_workers(self, records: Iterable[Record | InputError], force: bool, workers: int,
                           ) -> Iterator[IngestResult]:
        with ExtractorPool(workers, self._extractor) as pool:  # None: the workers' own (preloaded) extractor
            chunks = ((chunk, [None if outcome else _args(record) for record, outcome in chunk])
                      for chunk in self._checked(records, force))
            yield from self._run(self._staged(pool.map(chunks), force))

    def _checked(self, records: Iterable[Record | InputError], force: bool,
                 ) -> Iterator[list[tuple[Any, IngestResult | None]]]:
        """Chunks of records, each with its outcome if it ends before extraction (bad input, stored).

        Extraction and writing each run faster in a stretch of their own than interleaved
        article by article, as each keeps the processor's caches warm for itself.
        """
        for chunk in _chunks(records, STAGE):
            stored = {} if force else self._read(lambda sql: self._stored(sql, chunk))
            yield [(r, self._precheck(r, force, stored)) for r in chunk]

    def _extracted(self, chunks: Iterable[list[tuple[Any, IngestResult | None]]]) -> Iterator[tuple[list, list]]:
        for chunk in chunks:
            yield chunk, [None if outcome else self._extract_record(record) for record, outcome in chunk]

    def _staged(self, extracted: Iterable[tuple[list, list]], force: bool) -> Iterator[tuple[Job, Job]]:
        for chunk, outputs in extracted:
            for (record, outcome), out in zip(chunk, outputs):
                stage = outcome if outcome is not None else self._stage(record, out, force)
                yield functools.partial(self._ingest_one, record, force), functools.partial(self._store, stage)

    def _stored(self, sql: Cursor, records: list[Record | InputError]) -> dict[tuple[str, Any], int]:
        """Which of these records are stored already, by raw text or url: one query for them all."""
        keys = [("raw_hash", sha256(r.text)) for r in records if isinstance(r, Record)]
        keys += [("url", r.url) for r in records if isinstance(r, Record) and r.url and self._storable(r.url)]
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
        """A record from the start: checked, extracted here, written."""
        outcome = self._precheck(record, force, None)
        if outcome is not None:
            return outcome
        return self._store(self._stage(record, self._extract_record(record), force))  # type: ignore[arg-type]

    def _precheck(self, record: Record | InputError, force: bool,
                  stored_ones: dict[tuple[str, Any], int] | None) -> IngestResult | None:
        """A record's outcome when it ends before extraction (bad input, stored already), else None.

        ``stored_ones``: what ``_stored`` found for the record's chunk (None: look it up now).
        """
        if isinstance(record, InputError):
            return IngestResult(record.source, FAILED, reason=str(record).removeprefix(f"{record.source}: "))
        if no_text(record.text):
            return IngestResult(record.origin, FAILED, reason="no text (empty, or a date line alone)")
        if force:
            return None
        raw_hash = sha256(record.text)
        if stored_ones is None:
            stored = self._read(lambda sql: self._find(sql, raw_hash=raw_hash, url=record.url))
        else:
            stored = self._held_or(stored_ones, raw_hash, record.url)
        if stored is not None:
            return IngestResult(record.origin, SKIPPED, stored[0],
                                reason=f"already stored as article {stored[0]} ({stored[1]})")
        return None

    def _extract_record(self, record: Record) -> Facts | str:
        try:
            return self.extract(record.text, id=record.id, published=record.published, source=record.source,
                                title=record.title, url=record.url)
        except Exception as e:  # noqa: BLE001 - one article the extractor trips on must not stop a run
            return f"{type(e).__name__}: {e}"

    def _stage(self, record: Record, facts: Facts | str, force: bool) -> IngestResult | _Stage:
        """What to write for an extracted record (or its failure, as the extractor's error)."""
        if isinstance(facts, str):
            return IngestResult(record.origin, FAILED, reason=f"extractor error: {facts}")
        warnings = list(facts.warnings)  # what the extractor doubted (a "published" or date line that is no date)
        return _Stage(record.origin, _article_row(facts, record.text, sha256(record.text)), facts, warnings, force)

    def _store(self, stage: IngestResult | _Stage) -> IngestResult:
        if isinstance(stage, IngestResult):
            return stage
        return self._write(stage.origin, stage.row, stage.facts, stage.warnings, stage.force)

    # -- facts --------------------------------------------------------------------------------

    def load(self, items: Iterable[FactsRecord | InputError], *, force: bool = False) -> Iterator[IngestResult]:
        """Store facts extracted elsewhere (``relations extract --text``), as ``ingest`` stores
        what it extracts: the same rows, merged the same way; an article whose normalised text or
        url is stored already is skipped (replaced with ``force``)."""
        return self._guarded(self._run(self._loaded(items, force)))

    def _loaded(self, items: Iterable[FactsRecord | InputError], force: bool) -> Iterator[tuple[Job, Job]]:
        for item in items:
            if isinstance(item, InputError):
                stage: IngestResult | _Stage = IngestResult(item.source, FAILED,
                                                            reason=str(item).removeprefix(f"{item.source}: "))
            else:  # no raw text: the facts carry only the normalised one
                stage = _Stage(item.origin, _article_row(item.facts, None, None), item.facts,
                               list(item.facts.warnings), force)  # what the extractor doubted, as ingest says
            job = functools.partial(self._store, stage)  # facts are data: doing it again is doing it afresh
            yield job, job

    # -- reading and writing ------------------------------------------------------------------

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

    def _write(self, origin: str, row: dict[str, Any], facts: Facts, warnings: list[str], force: bool,
               article_id: int | None = None) -> IngestResult:
        """Store one article and its facts under a savepoint of the open transaction."""
        sql, pending = self._cursor, self._pending
        try:
            self._begin()
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
        except self._errors as e:
            if classify(e, self._dbapi())[0] != ARTICLE:
                raise self._stop(e) from None
            self._undo_article()
            return _refused(origin, e, article_id if status == REPLACED else None)
        except Exception as e:  # noqa: BLE001 - a value no check foresaw (an int too large for SQLite...)
            self._undo_article()
            return IngestResult(origin, FAILED, article_id if status == REPLACED else None,
                                reason=f"cannot store it: {type(e).__name__}: {first_line(e)}")
        except BaseException:
            self._abort()
            raise
        try:
            sql.run("RELEASE SAVEPOINT article")
        except self._errors as e:
            raise self._stop(e) from None
        self.lookups.release()
        self._written += 1
        if report is None:  # its normalised text or url is stored already (or was, meanwhile)
            seen = seen or self._find(sql, content_hash=row["content_hash"], url=row["url"])
            why = f"already stored as article {seen[0]} ({seen[1]})" if seen else "already stored"
            return IngestResult(origin, SKIPPED, seen[0] if seen else None, reason=why, warnings=tuple(warnings))
        return _result(origin, status, article_id, warnings, facts, report)  # type: ignore[arg-type]

    def _undo_article(self) -> None:
        """Roll the article being written back to its savepoint."""
        try:
            self._cursor.run("ROLLBACK TO SAVEPOINT article")
            self._cursor.run("RELEASE SAVEPOINT article")
        except self._errors as e:
            raise self._stop(e) from None
        self._pending.undo()
        self.lookups.discard()

    # -- stored articles ----------------------------------------------------------------------

    def reprocess(self, *, outdated_only: bool = False, version: str | None = None) -> Iterator[IngestResult]:
        """Read stored articles again with the current extractor, each atomically.

        ``outdated_only``: only those whose ``extractor_version`` differs from ``version``.
        """
        where = " WHERE extractor_version <> :v" if outdated_only else ""
        ids = self._read(lambda sql: [r[0] for r in sql.all(f"SELECT id FROM articles{where} ORDER BY id",
                                                             {"v": version})])
        return self._guarded(self._run((functools.partial(self._reprocess_one, i),) * 2 for i in ids))

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
        except Exception as e:  # noqa: BLE001 - see _extract_record
            return IngestResult(origin, FAILED, article_id, reason=f"extractor error: {type(e).__name__}: {e}")
        row = _article_row(facts, given, sha256(given))
        if raw_text is None:  # stored before revision 0003, or loaded as facts: there is no raw text to keep
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


def _article_row(facts: Facts, raw: str | None, raw_hash: str | None) -> dict[str, Any]:
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


def _clip(value: str | None, limit: int = 300) -> str | None:
    return None if value is None else value[:limit]


def _refused(origin: str, e: BaseException, article_id: int | None = None) -> IngestResult:
    return IngestResult(origin, FAILED, article_id, reason=f"database refused it: {first_line(driver_error(e))}")


def _invalidate(conn: sa.Connection | None) -> None:
    try:
        if conn is not None:
            conn.invalidate()
    except Exception:  # noqa: BLE001, S110 - already closed
        pass
