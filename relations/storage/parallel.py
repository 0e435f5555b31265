"""Extraction in worker processes, results in input order (``relations ingest --workers N``).

Extraction is a pure function of each record, so it runs in N worker processes while the main
process keeps the one thing that cannot be shared, the database writer. Workers never inherit
the parent's open database connections or threads: they are forked from a fresh server process
(``forkserver``, on Unix), which loads the extractor's vocabularies and compiles its gazetteer
once (``relations.storage.preload``) before forking them all, so a worker starts in
milliseconds with everything in place; where there is no forkserver (Windows), each worker is
spawned and loads them itself. ``start_workers()`` starts that server early, so that it loads
while the main process opens the database. Either way a worker then takes chunks of records
and sends back their facts.

A program that uses workers must guard its entry point with ``if __name__ == "__main__":``
(a spawned worker imports the main module).

``ExtractorPool.map`` keeps at most ``depth`` chunks in flight and yields their results in the
order they were given, so memory stays flat however long the input, and the writer stores
articles in input order exactly as a single process would.

The facts travel back pickled. Pickling a frozen dataclass by default stores its fields in a
dict and restores them one ``object.__setattr__`` at a time; the workers register reducers
that send each object as its constructor's arguments instead, which halves the cost the main
process pays to receive them (the main process is where the run's time goes: it also writes).
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import multiprocessing
import operator
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import facts as facts_module
from ..errors import WorkerError

# One record's arguments for the extractor: (text, id, published, source, title, url).
Args = tuple[str, str | None, str | None, str | None, str | None, str | None]
# What comes back for each: its Facts, or the error's description (a str).
Outcome = Any

CHUNK_DEPTH = 8  # chunks in flight per worker: enough to keep them busy while the writer commits a batch

_extract: Callable[..., Any] | None = None


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["relations.storage.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def start_workers() -> None:
    """Start the process that forks the workers now (it loads the extractor meanwhile)."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def fast_pickling() -> None:
    """Pickle the facts classes as (class, constructor arguments): see the module docstring."""
    for cls in (facts_module.Facts, facts_module.ArticleInfo, facts_module.Evidence, facts_module.Person,
                facts_module.Call, facts_module.Commitment, facts_module.Partnership, facts_module.CountryMention):
        getter = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
        copyreg.pickle(cls, _reducer(cls, getter))


def _reducer(cls: type, getter: Callable[[Any], tuple]) -> Callable[[Any], tuple]:
    return lambda obj: (cls, getter(obj))


def _start_worker(extractor: Callable[..., Any] | None) -> None:
    """Runs once in each worker: load the vocabularies, then keep them out of the collector's way."""
    global _extract
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if extractor is None:
        from ..extraction import extract_quiet as extractor
    _extract = extractor
    extractor("warm-up", published="2000-01-01")  # done already if forked from the preloaded server
    fast_pickling()
    gc.freeze()


def extract_chunk(chunk: list[Args | None]) -> list[Outcome]:
    """The facts of each record of a chunk (None stays None: a record decided without extraction)."""
    out: list[Outcome] = []
    for args in chunk:
        if args is None:
            out.append(None)
            continue
        text, id_, published, source, title, url = args
        try:
            out.append(_extract(text, id=id_, published=published, source=source,  # type: ignore[misc]
                                title=title, url=url))
        except Exception as e:  # noqa: BLE001 - one article the extractor trips on must not stop a run
            out.append(f"{type(e).__name__}: {e}")
    return out


class ExtractorPool:
    """N worker processes extracting chunks of records; use it as a context manager."""

    def __init__(self, workers: int, extractor: Callable[..., Any] | None = None, depth: int | None = None):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.depth = depth or CHUNK_DEPTH * workers
        self._executor = ProcessPoolExecutor(workers, mp_context=_context(),
                                             initializer=_start_worker, initargs=(extractor,))

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def map(self, chunks: Iterable[tuple[Any, list[Args | None]]]) -> Iterator[tuple[Any, list[Outcome]]]:
        """(tag, outcomes) for each (tag, chunk), in order, with at most ``depth`` chunks in flight."""
        in_flight: deque[tuple[Any, Future]] = deque()
        for tag, chunk in chunks:
            in_flight.append((tag, self._submit(chunk)))
            if len(in_flight) >= self.depth:
                yield self._result(*in_flight.popleft())
        while in_flight:
            yield self._result(*in_flight.popleft())

    def _submit(self, chunk: list[Args | None]) -> Future:
        if all(args is None for args in chunk):  # nothing to extract: keep its place in line
            done: Future = Future()
            done.set_result([None] * len(chunk))
            return done
        try:
            return self._executor.submit(extract_chunk, chunk)
        except BrokenProcessPool as e:
            raise WorkerError(f"an extraction worker died: {e}") from None

    @staticmethod
    def _result(tag: Any, future: Future) -> tuple[Any, list[Outcome]]:
        try:
            return tag, future.result()
        except BrokenProcessPool as e:
            raise WorkerError(f"an extraction worker died: {e}") from None
