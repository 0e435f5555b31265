"""Three sources feeding one store step: ``ingest`` (input records, extracted here or in worker
processes), ``load`` (facts extracted elsewhere, ``relations extract --text``) and
``reprocess`` (stored articles read again with the current extractor).

For every input record, in order:

1. a record already stored (the same raw text, or the same url) is skipped before it is even
   extracted, unless ``force``;
2. the text is extracted (``relations.extraction.extract``, a pure function), in this process
   or, with ``workers`` > 1, in worker processes (``relations.storage.parallel``) while this
   one writes; ``load`` takes facts already extracted instead;
3. what was read becomes a ``Stage`` that the store step writes
   (``relations.storage.article_store``), in transactions of ``batch`` articles
   (``relations.storage.transactions``).

Reprocess reads each stored article's raw text again (its normalised text when there is none)
and replaces what was read from it; every fact read again keeps its key and id.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Engine

from .errors import InputError
from .facts import Facts
from .inputs import Record, no_text
from .storage.article_store import ArticleStore, Stage, article_row, sha256
from .storage.facts_input import FactsRecord
from .storage.lookups import Lookups
from .storage.parallel import ExtractorPool
from .storage.results import BATCH, FAILED, NEW, REPLACED, SKIPPED, IngestResult, IngestSummary
from .storage.sql import Cursor
from .storage.transactions import BATCH_SECONDS, Job

__all__ = ["BATCH", "FAILED", "NEW", "REPLACED", "SKIPPED", "IngestResult", "IngestSummary", "Ingester"]

Extractor = Callable[..., Facts]

STAGE = 50  # records read (checked and extracted) before they are written


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _default_extractor() -> Extractor:
    from .extraction import extract_quiet  # its doubts (a date that is none) are reported per article

    return extract_quiet


def _args(record: Record) -> tuple:
    return record.text, record.id, record.published, record.source, record.title, record.url



class Ingester(ArticleStore):
    """Stores records, facts or stored articles read again through one writing connection; use it
    as a context manager."""

    def __init__(self, engine: Engine, lookups: Lookups, extractor: Extractor | None = None, *, batch: int = 1,
                 batch_seconds: float = BATCH_SECONDS, tally: IngestSummary | None = None):
        super().__init__(engine, lookups, batch=batch, batch_seconds=batch_seconds, tally=tally)
        self._extractor = extractor

    @property
    def extract(self) -> Extractor:
        """The extractor, loaded when first needed (``load`` never needs it)."""
        if self._extractor is None:
            self._extractor = _default_extractor()
        return self._extractor

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

    def _stage(self, record: Record, facts: Facts | str, force: bool) -> IngestResult | Stage:
        """What to write for an extracted record (or its failure, as the extractor's error)."""
        if isinstance(facts, str):
            return IngestResult(record.origin, FAILED, reason=f"extractor error: {facts}")
        warnings = list(facts.warnings)  # what the extractor doubted (a "published" or date line that is no date)
        return Stage(record.origin, article_row(facts, record.text, sha256(record.text)), facts, warnings, force)

    def load(self, items: Iterable[FactsRecord | InputError], *, force: bool = False) -> Iterator[IngestResult]:
        """Store facts extracted elsewhere (``relations extract --text``), as ``ingest`` stores
        what it extracts: the same rows, merged the same way; an article whose normalised text or
        url is stored already is skipped (replaced with ``force``)."""
        return self._guarded(self._run(self._loaded(items, force)))

    def _loaded(self, items: Iterable[FactsRecord | InputError], force: bool) -> Iterator[tuple[Job, Job]]:
        for item in items:
            if isinstance(item, InputError):
                stage: IngestResult | Stage = IngestResult(item.source, FAILED,
                                                            reason=str(item).removeprefix(f"{item.source}: "))
            else:  # no raw text: the facts carry only the normalised one
                stage = Stage(item.origin, article_row(item.facts, None, None), item.facts,
                              list(item.facts.warnings), force)  # what the extractor doubted, as ingest says
            job = functools.partial(self._store, stage)  # facts are data: doing it again is doing it afresh
            yield job, job

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
        row = article_row(facts, given, sha256(given))
        if raw_text is None:  # stored before revision 0003, or loaded as facts: there is no raw text to keep
            del row["raw_text"], row["raw_hash"]
        return self._store(Stage(origin, row, facts, [], True, article_id))

