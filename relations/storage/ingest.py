"""Ingest articles: extract each one and store it with its facts in one transaction.

For every record, in order:

1. a record already stored (the same raw text, or the same url) is skipped before it is even
   extracted, unless ``force``;
2. the text is extracted (``relations.extraction.extract``, a pure function) outside any
   transaction, so the write lock is held only while writing;
3. one transaction (``BEGIN IMMEDIATE`` on SQLite) inserts the article and everything read
   from it, or, with ``force``, replaces what was derived from the stored article. An article
   whose normalised text is already stored (its ``content_hash``) is skipped there.

An article is stored whole or not at all: a record that fails is rolled back and reported, and
the next one goes on. A database locked by another writer for longer than the busy timeout
stops the run with :class:`relations.engine.DatabaseLockedError` (nothing half-written).

On SQLite the writing connection runs with ``PRAGMA synchronous=NORMAL`` while ingesting: in
WAL mode a commit then costs no fsync of its own (the WAL is synced at checkpoints); a power
cut may lose the last articles committed, never corrupt the database or split an article, and
ingesting the same inputs again stores what was lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from ..engine import DatabaseLockedError, for_writing, is_sqlite
from ..errors import InputError
from ..facts import Facts
from ..inputs import Record
from ..models import Article, ArticleLeader, CallSource, Commitment, Partnership
from ..models import Call as CallRow
from .lookups import Lookups
from .writer import FactsWriter, WriteReport

NEW, REPLACED, SKIPPED, FAILED = "new", "replaced", "skipped", "failed"

_articles = Article.__table__
Extractor = Callable[..., Facts]


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


def raw_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _default_extractor() -> Extractor:
    from ..extraction import extract

    return extract


class Ingester:
    """Stores records through one writing connection; use as a context manager."""

    def __init__(self, engine: Engine, lookups: Lookups, extractor: Extractor | None = None):
        self.engine = engine
        self.lookups = lookups
        self.extract = extractor or _default_extractor()
        self._writer: sa.Connection | None = None
        self._reader: sa.Connection | None = None
        self._synchronous: int | None = None

    def __enter__(self) -> Ingester:
        self._writer = for_writing(self.engine).connect()
        self._reader = self.engine.connect()
        if is_sqlite(self.engine):
            raw = self._writer.connection.driver_connection
            self._synchronous = raw.execute("PRAGMA synchronous").fetchone()[0]
            raw.execute("PRAGMA synchronous=NORMAL")
        return self

    def __exit__(self, *exc: object) -> None:
        for conn in (self._reader, self._writer):
            if conn is None:
                continue
            if conn.in_transaction():
                conn.rollback()
            if conn is self._writer and self._synchronous is not None:
                conn.connection.driver_connection.execute(f"PRAGMA synchronous={int(self._synchronous)}")
            conn.close()
        self._writer = self._reader = None

    # -- input records ------------------------------------------------------------------------

    def ingest(self, records: Iterable[Record | InputError], *, force: bool = False) -> Iterator[IngestResult]:
        """Store every record in turn, yielding what became of each."""
        for record in records:
            yield self.ingest_record(record, force=force)

    def ingest_record(self, record: Record | InputError, *, force: bool = False) -> IngestResult:
        if isinstance(record, InputError):
            return IngestResult(record.source, FAILED, reason=str(record).removeprefix(f"{record.source}: "))
        rhash = raw_hash(record.text)
        if not force:
            stored = self._stored(raw=rhash, url=record.url)
            if stored is not None:
                return IngestResult(record.origin, SKIPPED, stored[0], reason=f"already stored as article {stored[0]} "
                                    f"({stored[1]})")
        warnings = []
        if record.published and _as_date(record.published) is None:
            warnings.append(f"\"published\" {record.published!r} is not a YYYY-MM-DD date: ignored")
        try:
            facts = self.extract(record.text, id=record.id, published=record.published, source=record.source,
                                 title=record.title, url=record.url)
        except Exception as e:  # noqa: BLE001 - one article the extractor trips on must not stop a run
            return IngestResult(record.origin, FAILED, reason=f"extractor error: {type(e).__name__}: {e}")
        row = _article_row(facts, record.text, rhash)
        return self._store(record.origin, row, facts, warnings, force=force)

    def _stored(self, *, raw: str | None = None, content: str | None = None, url: str | None = None,
                ) -> tuple[int, str] | None:
        """(id, why) of the stored article with this raw text, normalised text or url."""
        a = _articles.c
        tests = [(a.raw_hash, raw, "same text"), (a.content_hash, content, "same text"), (a.url, url, "same url")]
        assert self._reader is not None
        with self._reader.begin():
            for column, value, why in tests:
                if value is not None:
                    found = self._reader.execute(sa.select(a.id).where(column == value).limit(1)).scalar()
                    if found is not None:
                        return found, why
        return None

    def _store(self, origin: str, row: dict, facts: Facts, warnings: list[str], *, force: bool,
               article_id: int | None = None) -> IngestResult:
        writer = self._writer
        assert writer is not None
        status, report = NEW, None
        try:
            with writer.begin():
                reingest = article_id is None
                if reingest and force:
                    article_id = self._find(writer, row)
                if article_id is not None:
                    clear_derived(writer, article_id)
                    changes = {k: v for k, v in row.items() if v is not None or k in _REPLACED_EVEN_IF_NULL}
                    if reingest:
                        changes["ingested_at"] = sa.func.now()
                    writer.execute(sa.update(_articles).where(_articles.c.id == article_id).values(**changes))
                    status = REPLACED
                else:
                    insert = (postgresql.insert if writer.dialect.name == "postgresql" else sqlite.insert)(_articles)
                    article_id = writer.execute(insert.on_conflict_do_nothing().returning(_articles.c.id), row).scalar()
                if article_id is not None:
                    report = FactsWriter(writer, self.lookups).write(article_id, facts)
        except DatabaseLockedError:
            self.lookups.rollback()
            raise
        except sa.exc.DBAPIError as e:
            self.lookups.rollback()
            return IngestResult(origin, FAILED, reason=f"database refused it: {_first_line(e.orig)}")
        self.lookups.commit()
        if report is None:  # its normalised text or url was stored meanwhile (or differently worded)
            stored = self._stored(content=row["content_hash"], url=row["url"])
            sid = stored[0] if stored else None
            why = f"already stored as article {sid} ({stored[1]})" if stored else "already stored"
            return IngestResult(origin, SKIPPED, sid, reason=why, warnings=tuple(warnings))
        assert article_id is not None
        return _result(origin, status, article_id, warnings, facts, report)

    @staticmethod
    def _find(conn: sa.Connection, row: dict) -> int | None:
        a = _articles.c
        for column, key in ((a.content_hash, "content_hash"), (a.raw_hash, "raw_hash"), (a.url, "url")):
            if row.get(key) is not None:
                found = conn.execute(sa.select(a.id).where(column == row[key]).limit(1)).scalar()
                if found is not None:
                    return found
        return None

    # -- stored articles ----------------------------------------------------------------------

    def reprocess(self, *, outdated_only: bool = False, version: str | None = None) -> Iterator[IngestResult]:
        """Read stored articles again with the current extractor, one transaction each.

        ``outdated_only``: only those whose ``extractor_version`` differs from ``version``.
        """
        a = _articles.c
        query = sa.select(a.id).order_by(a.id)
        if outdated_only:
            query = query.where(a.extractor_version != version)
        assert self._reader is not None
        with self._reader.begin():
            ids = self._reader.execute(query).scalars().all()
        for article_id in ids:
            yield self.reprocess_article(article_id)

    def reprocess_article(self, article_id: int) -> IngestResult:
        a = _articles.c
        assert self._reader is not None
        with self._reader.begin():
            stored = self._reader.execute(
                sa.select(a.external_id, a.raw_text, a.text, a.published, a.source, a.title, a.url)
                .where(a.id == article_id)).one_or_none()
        origin = f"article {article_id}" + (f" ({stored.external_id})" if stored and stored.external_id else "")
        if stored is None:
            return IngestResult(origin, FAILED, reason="no such article")
        text = stored.raw_text if stored.raw_text is not None else stored.text
        try:
            facts = self.extract(text, id=stored.external_id, published=stored.published, source=stored.source,
                                 title=stored.title, url=stored.url)
        except Exception as e:  # noqa: BLE001 - see ingest_record
            return IngestResult(origin, FAILED, article_id, reason=f"extractor error: {type(e).__name__}: {e}")
        row = _article_row(facts, text, raw_hash(text) if stored.raw_text is not None else None)
        if stored.raw_text is None:
            row.pop("raw_text"), row.pop("raw_hash")
        return self._store(origin, row, facts, [], force=True, article_id=article_id)


# Columns a replacement sets even to null (the article's own reading of its text).
_REPLACED_EVEN_IF_NULL = frozenset({"published", "dateline", "dateline_date"})


def clear_derived(conn: sa.Connection, article_id: int) -> None:
    """Delete what was read from an article (and the calls only it reported); keep the article."""
    sources = CallSource.__table__
    calls = CallRow.__table__
    call_ids = conn.execute(sa.select(sources.c.call_id).where(sources.c.article_id == article_id).distinct()
                            ).scalars().all()
    for table in (Commitment.__table__, Partnership.__table__, ArticleLeader.__table__, sources):
        conn.execute(sa.delete(table).where(table.c.article_id == article_id))
    if call_ids:
        orphan = ~sa.exists().where(sources.c.call_id == calls.c.id)
        conn.execute(sa.delete(calls).where(calls.c.id.in_(call_ids), orphan))


def _article_row(facts: Facts, raw: str, rhash: str | None) -> dict:
    info = facts.article
    return {
        "external_id": _clip(facts.id), "content_hash": hashlib.sha256(facts.text.encode("utf-8", "surrogatepass"))
        .hexdigest(), "url": _clip(info.url, 2000), "source": _clip(info.source), "title": info.title,
        "published": info.published, "dateline": _clip(info.dateline), "dateline_date": info.dateline_date,
        "text": facts.text, "raw_text": raw, "raw_hash": rhash, "extractor_version": facts.extractor_version,
    }


def _result(origin: str, status: str, article_id: int, warnings: list[str], facts: Facts,
            report: WriteReport) -> IngestResult:
    warnings = warnings + report.warnings
    if facts.article.published is None and facts.article.dateline_date is None:
        warnings.append("no date anywhere (no \"published\", no date line, no date in the dateline): "
                        "stored with its date unknown")
    return IngestResult(origin, status, article_id, warnings=tuple(warnings), calls_new=report.calls_new,
                        calls_merged=report.calls_merged, commitments=report.commitments,
                        partnerships=report.partnerships)


def _as_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _clip(value: str | None, limit: int = 300) -> str | None:
    return None if value is None else value[:limit]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def ingesting(engine: Engine, lookups: Lookups, extractor: Extractor | None = None) -> Iterator[Ingester]:
    with Ingester(engine, lookups, extractor) as ingester:
        yield ingester
