"""The writing connection of a run, and the transactions articles are stored in.

``batch``: up to that many articles share a transaction (500 by default), committed at least
every ``batch_seconds`` (2 s), each inside its own SAVEPOINT (``relations.storage.article_store``):
an article that fails is rolled back to its savepoint alone, so each article is stored whole or
not at all. With 1 every article is its own transaction, committed before the next is read.
Results are yielded only once their transaction has committed. Batching is the default because
of SQLite: a commit writes every page the transaction touched to the WAL, and an article
touches pages of a dozen tables, indexes and the full-text index, so per-article commits cost
more than the article's rows; on PostgreSQL each commit is a round trip and a WAL flush.

Errors (``relations.storage.faults``): an article the database refuses fails alone and the run
goes on; a transaction PostgreSQL picks as a deadlock victim is rolled back and its articles
written again, each in a transaction of its own; a lock held too long raises
``DatabaseLockedError``; a full disk, a read-only file, a lost connection stop the run with
``StorageError``. Whatever stops a run (those, Ctrl-C, or the process being killed), the open
transaction is lost whole and what was committed before stays: running the same command again
skips what is stored and stores the rest.

Durability on SQLite (WAL mode), chosen on purpose: with batches the writing connection runs
with ``PRAGMA synchronous=NORMAL``, so a commit costs no fsync (the WAL is synced at
checkpoints), and a power cut may lose the last transactions committed, never corrupt the
database or split an article; with ``batch=1`` it runs with ``synchronous=FULL``, so every
article is on disk when it is reported stored. A 32 MB page cache while ingesting either way.
On PostgreSQL the server's own settings decide (a commit is durable by default), and the
writer waits for another writer's locks as long as SQLite would.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..engine import RAW_ERRORS, DatabaseLockedError, busy_timeout_from_env, display_url, for_writing, is_sqlite
from . import fulltext
from .faults import ARTICLE, LOCKED, RETRY, StorageError, classify, driver_error, first_line
from .lookups import Lookups
from .pending import PendingRows
from .results import FAILED, NEW, REPLACED, IngestResult, IngestSummary
from .sql import Cursor

Job = Callable[[], IngestResult]

BATCH_SECONDS = 2.0  # a transaction is committed at least this often
WRITER_CACHE_KB = 32 * 1024  # SQLite page cache of the writing connection while ingesting
RETRIES = 8  # attempts at an article whose transaction keeps losing deadlocks to other writers


class _Conflict(Exception):
    """The transaction was rolled back to let another writer through: write its articles again."""


class WritingConnection:
    """One writing connection (and a reader) and the transactions of a run; a context manager.

    Subclasses give the jobs: each stores one article inside the open transaction.
    """

    def __init__(self, engine: Engine, lookups: Lookups, *, batch: int = 1, batch_seconds: float = BATCH_SECONDS,
                 tally: IngestSummary | None = None):
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.engine, self.lookups = engine, lookups
        self.batch, self.batch_seconds = batch, batch_seconds
        self.committed = 0  # articles stored or replaced, committed
        # Every result as soon as its transaction committed, before it is yielded: what a run
        # interrupted (Ctrl-C) between a commit and its results reaching the caller has done.
        self.tally = IngestSummary() if tally is None else tally
        self._writer: sa.Connection | None = None
        self._reader: sa.Connection | None = None
        self._txn: sa.RootTransaction | None = None
        self._opened, self._written = 0.0, 0
        self._unreleased = False  # PostgreSQL: the last article's savepoint is not released yet
        self._sqlite = is_sqlite(engine)
        self._synchronous: int | None = None
        self._cache_size = 0
        self._timeout = busy_timeout_from_env()
        self._merge_steps = 0.0

    def __enter__(self) -> WritingConnection:
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
            # See the module docstring: a commit per article is a durable one; batches are not synced each.
            raw.execute(f"PRAGMA synchronous={'FULL' if self.batch == 1 else 'NORMAL'}")  # type: ignore[union-attr]
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

    def _begin(self) -> None:
        if self._txn is None:
            self._txn = self._writer.begin()  # type: ignore[union-attr]
            self._pending.begin()
            self._opened, self._written = time.monotonic(), 0
            self._unreleased = False

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
        self._unreleased = False
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
            with deferred_sigint():  # a commit and its counting are one step: Ctrl-C waits for both
                self._commit()
                return self._counted([result for _job, result in held])
        except _Conflict:
            return self._one_by_one([job for job, _result in held])
        except self._errors as e:
            if len(held) == 1:
                return self._counted([refused(held[0][1].origin, e)])
            return self._one_by_one([job for job, _result in held])

    def _one_by_one(self, jobs: list[Job]) -> list[IngestResult]:
        """Each job in a transaction of its own, again if it loses a deadlock (after a pause)."""
        results = []
        for job in jobs:
            for attempt in range(RETRIES):
                try:
                    result = job()
                    with deferred_sigint():
                        try:
                            self._commit()
                        except self._errors as e:  # refused at the commit: this article, alone
                            result = refused(result.origin, e)
                        self._counted([result])
                except _Conflict:
                    time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # noqa: S311 - jitter, not crypto
                    continue
                break
            else:
                raise StorageError(display_url(self.engine.url), "other writers kept deadlocking with this one",
                                   f"{RETRIES} attempts", self.committed)
            results.append(result)
        return results

    def _counted(self, results: list[IngestResult]) -> list[IngestResult]:
        """Results whose transaction committed (or that needed none): counted into ``tally``."""
        for r in results:
            self.tally.add(r)
        stored = sum(r.status in (NEW, REPLACED) for r in results)
        self.committed += stored
        self._merge_steps += stored * fulltext.MERGE_STEPS_PER_ARTICLE
        return results

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

    def _merge_search_index(self) -> None:
        """SQLite: merge the full-text indexes a little, once a run has stored articles."""
        steps, self._merge_steps = max(1, int(self._merge_steps)), 0.0
        if not self._sqlite or self.committed == 0 or self._writer is None:
            return
        fulltext.merge_segments(self._writer, steps, (*self._errors, DatabaseLockedError))


@contextmanager
def deferred_sigint() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back until the block is done, then raise KeyboardInterrupt.

    Only where Python's own handler is in place, in the main thread (where signals are handled).
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt  # noqa: B012 - the user's Ctrl-C, once the block is over


def refused(origin: str, e: BaseException, article_id: int | None = None) -> IngestResult:
    return IngestResult(origin, FAILED, article_id, reason=f"database refused it: {first_line(driver_error(e))}")


def _invalidate(conn: sa.Connection | None) -> None:
    try:
        if conn is not None:
            conn.invalidate()
    except Exception:  # noqa: BLE001, S110 - already closed
        pass

