"""``Database``: the library's front door to a relations database.

    >>> from relations import Database
    >>> with Database("relations.db") as db:
    ...     summary = db.ingest_path("seeds/articles")
    ...     for event in db.timeline("China", "Belarus"):
    ...         print(event.date, event.event, event.item)

A ``Database`` opens (and, unless ``create=False``, creates and seeds) the database named by a
URL or SQLite path (default ``$RELATIONS_DATABASE_URL``, else ``./relations.db``), refuses one at
an older revision with the command that upgrades it, and manages connections and transactions
for its caller: every method opens what it needs and closes it again. Countries are accepted as
names, demonyms, ISO2 or ISO3 codes; an unknown one raises ``UnknownCountryError`` naming it.
Queries return typed, frozen rows (``relations.storage.rows``). Every listing (``timeline``,
``calls``, ``commitments``, ``leaders``, ``search``...) returns an iterator, most of them
streaming from the database: iterate them, or ``list()`` them, before closing the database.
A bad argument (an unknown country, a malformed date) raises when the listing is called, not
when it is first iterated.
Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from . import schema, seeding
from .engine import create_engine, display_url, for_writing, is_sqlite
from .errors import InputError, RelationsError
from .folding import fold
from .inputs import Record, SkipReport, check_encoding, clean_str, iter_records  # clean_str: lone surrogates cannot be stored
from .enumerations import CALL_MEDIA, CALL_STATUSES
from .storage import listings, queries
from .storage import search as fts
from .storage.facts_input import FactsRecord, read_facts
from .pipeline import BATCH, IngestResult, IngestSummary, Ingester
from .storage.lookups import CountryRef, Lookups, UnknownCountryError

from .storage.rows import ArticleRow, CallRow, CommitmentRow, LeaderRow, PartnershipRow, SearchHit, TimelineEvent

__all__ = ["Database", "UnknownCountryError"]

DateLike = dt.date | str | None
MMAP_BYTES = 1 << 30
_MAX_INT = 2**63 - 1  # the largest LIMIT either database takes
_SEED_LOCK = 0x7365656473  # "seeds": advisory lock for seeding a new PostgreSQL database


def _date(value: DateLike, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RelationsError(f"{what} must be a YYYY-MM-DD date, not {value!r}") from None


def _limit(limit: int | None) -> int | None:
    """A row limit the databases take: one larger than any table can hold is no limit."""
    return None if limit is not None and limit > _MAX_INT else limit


def _mapped_reader(engine: sa.Engine, read_only: bool) -> sa.Engine:
    """A second engine on the same SQLite file for queries, whose connections map the file.

    A timeline reads thousands of scattered pages, a third faster through a memory map than
    through read(2). Only queries use it: a writer touching every page would see its resident
    memory grow with the map.
    """
    reader = create_engine(engine.url, read_only=read_only)

    @sa.event.listens_for(reader, "connect")
    def _map(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    return reader


class Database:
    def __init__(self, url: str | os.PathLike[str] | None = None, *, create: bool = True,
                 read_only: bool = False, busy_timeout: float | None = None,
                 extractor: Callable[..., Any] | None = None):
        """Open the database at ``url``; with ``create``, make and seed it if it is empty.

        ``read_only`` (implies ``create=False``): open a SQLite file read-only, so that queries
        work on a file or directory that cannot be written (``relations.engine``); storing
        then fails. ``extractor`` replaces ``relations.extract`` (for tests and experiments).
        """
        create = create and not read_only
        self.engine = create_engine(url, busy_timeout=busy_timeout, must_exist=not create, read_only=read_only)
        self._reader = self.engine
        try:
            schema.ensure_current(self.engine, create=create)
            self.lookups = Lookups()
            self._extractor = extractor
            if create:
                self._seed_if_empty()
            if is_sqlite(self.engine):
                self._reader = _mapped_reader(self.engine, read_only)
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def url(self) -> str:
        """The database's URL, password hidden."""
        return display_url(self.engine.url)

    def close(self) -> None:
        if self._reader is not self.engine:
            self._reader.dispose()
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _seed_if_empty(self) -> None:
        """Load the reference data into a database that has none, deciding under a lock so that
        processes opening a new database at once seed it once (the others wait, then see it)."""
        with self.engine.connect() as conn:
            if self.lookups.has_countries(conn):
                return
        with for_writing(self.engine).begin() as conn:  # BEGIN IMMEDIATE on SQLite
            if self.engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEED_LOCK})
            if conn.execute(sa.text("SELECT count(*) FROM countries")).scalar_one() == 0:
                seeding.seed(conn)
        self.lookups = Lookups()

    def _ingester(self, batch: int = 1, committed: IngestSummary | None = None) -> Ingester:
        return Ingester(self.engine, self.lookups, self._extractor, batch=batch, tally=committed)

    # -- ingest -------------------------------------------------------------------------------

    def ingest_text(self, text: str, *, id: str | None = None, published: DateLike = None, source: str | None = None,
                    title: str | None = None, url: str | None = None, force: bool = False) -> IngestResult:
        """Store one article's text and what is read from it; returns what became of it."""
        pub = published.isoformat() if isinstance(published, dt.date) else published
        fields = {k: v if v is None else clean_str(v) for k, v in
                  {"id": id, "published": pub, "source": source, "title": title, "url": url}.items()}
        record = Record(text=clean_str(text), origin=id or "<text>", **fields)  # type: ignore[arg-type]
        with self._ingester() as ingester:
            return ingester.ingest_record(record, force=force)

    def ingest_records(self, records: Iterable[Record | InputError], *, force: bool = False, batch: int = BATCH,
                       workers: int = 1, committed: IngestSummary | None = None) -> Iterator[IngestResult]:
        """Store each record atomically, yielding what became of each, in order.

        ``batch``: articles per transaction, each in its own savepoint (see
        ``relations.storage.transactions``); 1 commits every article before reading the next. Results
        come once their transaction has committed. ``workers`` > 1: extract in that many worker
        processes (``relations.storage.parallel``) while this one stores, in input order.
        ``committed``: counts each result the moment its transaction commits, before it is
        yielded, so that a run stopped meanwhile (Ctrl-C) still knows what it stored.
        """
        with self._ingester(batch, committed) as ingester:
            yield from ingester.ingest(records, force=force, workers=workers)

    def iter_ingest(self, paths: Sequence[str], *, force: bool = False, batch: int = BATCH,
                    workers: int = 1, encoding: str | None = None, on_skip: SkipReport | None = None,
                    committed: IngestSummary | None = None) -> Iterator[IngestResult]:
        """Like :meth:`ingest_path`, one result at a time (for progress reports); ``committed``
        as in :meth:`ingest_records`."""
        check_encoding(encoding)  # now: an unknown one is an error before anything is read
        return self.ingest_records(iter_records(paths, encoding=encoding, on_skip=on_skip), force=force,
                                   batch=batch, workers=workers, committed=committed)

    def ingest_path(self, *paths: str, force: bool = False, batch: int = BATCH, workers: int = 1,
                    encoding: str | None = None, on_skip: SkipReport | None = None) -> IngestSummary:
        """Ingest files, directories (recursively), globs or ``-``; returns the counts and failures.

        ``encoding``: the files' encoding (default UTF-8); ``on_skip(directory, others, hidden)``
        is told the files of a directory that are not read (hidden ones, other kinds)."""
        summary = IngestSummary()
        for result in self.iter_ingest(paths, force=force, batch=batch, workers=workers, encoding=encoding,
                                       on_skip=on_skip):
            summary.add(result)
        return summary

    def load_records(self, records: Iterable[FactsRecord | InputError], *, force: bool = False,
                     batch: int = BATCH, committed: IngestSummary | None = None) -> Iterator[IngestResult]:
        """Store facts extracted elsewhere (``relations extract --text``), atomically per article,
        merged and skipped exactly as :meth:`ingest_records` would store the articles they came from."""
        with self._ingester(batch, committed) as ingester:
            yield from ingester.load(records, force=force)

    def iter_load(self, paths: Sequence[str], *, force: bool = False, batch: int = BATCH,
                  committed: IngestSummary | None = None) -> Iterator[IngestResult]:
        """Like :meth:`load_path`, one result at a time."""
        return self.load_records(read_facts(paths), force=force, batch=batch, committed=committed)

    def load_path(self, *paths: str, force: bool = False, batch: int = BATCH) -> IngestSummary:
        """Load facts JSON Lines files (or ``-``); returns the counts and failures (file:line each)."""
        summary = IngestSummary()
        for result in self.iter_load(paths, force=force, batch=batch):
            summary.add(result)
        return summary

    def reprocess(self, *, outdated: bool = False, batch: int = BATCH,
                  committed: IngestSummary | None = None) -> Iterator[IngestResult]:
        """Read stored articles again with the current extractor, atomically per article.

        ``outdated``: only those read by another extractor version than the current one.
        """
        from .extraction import EXTRACTOR_VERSION

        with self._ingester(batch, committed) as ingester:
            yield from ingester.reprocess(outdated_only=outdated, version=EXTRACTOR_VERSION)

    # -- queries ------------------------------------------------------------------------------

    def country(self, name: str) -> CountryRef:
        """The country ``name`` means (name, demonym, ISO2 or ISO3); UnknownCountryError if none."""
        with self.engine.connect() as conn:
            return self.lookups.resolve_country(conn, name)

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """A connection in one read transaction: the queries that make up a row see one state."""
        with self._reader.connect() as conn, conn.begin():
            yield conn

    def _stream(self, query: Callable[..., Iterator[Any]], *args: Any, **kwargs: Any) -> Iterator[Any]:
        with self._reading() as conn:
            yield from query(conn, self.lookups, *args, **kwargs)

    def timeline(self, country_a: str, country_b: str, since: DateLike = None, until: DateLike = None,
                 limit: int | None = None) -> Iterator[TimelineEvent]:
        """The dated calls, commitments and partnerships of two countries, oldest first (the
        first ``limit`` of them). An iterator like every listing; the events are read (and a bad
        argument refused) when it is called, since they are merged from three tables."""
        a, b = self.country(country_a), self.country(country_b)
        if a.id == b.id:
            raise RelationsError(f"a timeline needs two different countries, not {country_a!r} and {country_b!r}")
        with self._reading() as conn:
            events = queries.timeline(conn, self.lookups, a.id, b.id, _date(since, "since"), _date(until, "until"))
        limit = _limit(limit)
        return iter(events if limit is None else events[:limit])

    def undated(self, country_a: str, country_b: str) -> tuple[int, int]:
        """How many calls and commitments of two countries have no known date: ``timeline``
        leaves them out; ``calls`` and ``commitments`` list them last."""
        a, b = self.country(country_a), self.country(country_b)
        with self._reading() as conn:
            return queries.undated(conn, a.id, b.id)

    def calls(self, countries: str | Sequence[str] = (), *, medium: str | None = None, status: str | None = None,
              since: DateLike = None, until: DateLike = None, limit: int | None = None,
              place: str | None = None) -> Iterator[CallRow]:
        """Calls in which every one of ``countries`` took part, by date (undated last). ``place``:
        only meetings whose city, venue or occasion contains it (case and accents aside: "bali",
        "G20", "Kremlin"), or held in the country it names ("Indonesia", "IDN")."""
        names = [countries] if isinstance(countries, str) else list(countries)
        ids = [self.country(n).id for n in names]
        for what, value, allowed in (("medium", medium, CALL_MEDIA), ("status", status, CALL_STATUSES)):
            if value is not None and value not in allowed:
                raise queries.UnknownNameError(f"unknown call {what} {value!r}: one of {', '.join(allowed)}")
        if place is not None and not fold(place):
            raise queries.UnknownNameError(f"empty place {place!r}: give a city, a venue, an occasion or a country")
        return self._stream(queries.calls, ids, medium, status, _date(since, "since"), _date(until, "until"),
                            _limit(limit), place)

    def commitments(self, country: str | None = None, *, topic: str | None = None, kind: str | None = None,
                    since: DateLike = None, until: DateLike = None, limit: int | None = None,
                    ) -> Iterator[CommitmentRow]:
        """Commitments made by or to ``country``, on ``topic`` (a name or alias), of ``kind``."""
        country_id = self.country(country).id if country is not None else None
        if topic is not None:
            with self.engine.connect() as conn:
                if self.lookups.topic_id(conn, topic) is None:
                    raise queries.UnknownNameError(f"unknown topic {topic!r}: `relations topics` lists them")
        if kind is not None and kind not in queries.COMMITMENT_KINDS:
            raise queries.UnknownNameError(
                f"unknown commitment kind {kind!r}: one of {', '.join(queries.COMMITMENT_KINDS)}")
        return self._stream(queries.commitments, country_id, topic, kind, _date(since, "since"),
                            _date(until, "until"), _limit(limit))

    def leaders(self, country: str | None = None, *, include_all: bool = False, limit: int | None = None,
                ) -> Iterator[LeaderRow]:
        """Leaders seen in calls or articles (``include_all``: every known one), busiest first.

        ``country`` may also name an organization (``UN``, ``the European Union``): its leaders."""
        country_id = organization_id = None
        if country is not None:
            try:
                country_id = self.country(country).id
            except UnknownCountryError as e:
                if e.organization is None:
                    raise
                with self.engine.connect() as conn:
                    organization_id = listings.organization_id(conn, country)
                if organization_id is None:
                    raise
        return self._stream(queries.leaders, country_id, include_all, _limit(limit), organization_id)

    def _ident(self, conn: sa.Connection, kind: str, value: int | str) -> int:
        """The id to look up: ``value`` itself (a whole number), or the id of the fact whose key
        ``value`` is (a string).

        An id beyond what an id column holds (32 bits on PostgreSQL, 64 on SQLite) is not found,
        rather than an error of the database's.
        """
        if isinstance(value, str):
            return queries.id_of_key(conn, kind, value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RelationsError(f"a {kind} id is a whole number (a key is a string), not {value!r}")
        bits = 31 if self.engine.dialect.name == "postgresql" else 63
        if not -(2**bits) <= value < 2**bits:
            raise queries.NotFoundError(kind, value)
        return value

    def call(self, call: int | str) -> CallRow:
        """One call, by id or key, with its participants and every source sentence; NotFoundError
        if none."""
        with self._reading() as conn:
            return queries.call(conn, self.lookups, self._ident(conn, "call", call))

    def commitment(self, commitment: int | str) -> CommitmentRow:
        """One commitment, by id or key; NotFoundError if none."""
        with self._reading() as conn:
            return queries.commitment(conn, self.lookups, self._ident(conn, "commitment", commitment))

    def article(self, article: int | str, *, with_text: bool = False) -> ArticleRow:
        """One article with the calls, commitments and partnerships read from it: ``article`` is
        its stored number, or (a ``str``) its key or the id it was given (``kremlin/68409``)."""
        with self._reading() as conn:
            if isinstance(article, str):
                try:
                    ident = listings.article_id(conn, article)
                except queries.NotFoundError:
                    try:
                        ident = queries.id_of_key(conn, "article", article)
                    except queries.NotFoundError:
                        raise queries.NotFoundError("article", article, by="id") from None  # nor key
            else:
                ident = self._ident(conn, "article", article)
            return queries.article(conn, self.lookups, ident, with_text)

    def articles(self, *, source: str | None = None, since: DateLike = None, until: DateLike = None,
                 limit: int | None = None) -> Iterator[listings.ArticleSummary]:
        """Stored articles by publication date (undated last), from ``source`` if given."""
        return self._stream(listings.articles, source, _date(since, "since"), _date(until, "until"), _limit(limit))

    def partnerships(self, country: str | None = None, *, since: DateLike = None, until: DateLike = None,
                     limit: int | None = None) -> Iterator[PartnershipRow]:
        """Partnerships stated (of ``country``), by the day they were stated (undated last)."""
        country_id = self.country(country).id if country is not None else None
        return self._stream(listings.partnerships, country_id, _date(since, "since"), _date(until, "until"),
                            _limit(limit))

    def topics(self) -> Iterator[listings.TopicRow]:
        """Every topic ``commitments(topic=...)`` accepts, with its aliases and commitments."""
        return self._stream(lambda conn, _lookups: listings.topics(conn))

    def countries(self, *, include_all: bool = False) -> Iterator[listings.CountryRow]:
        """Countries with calls, commitments or partnerships (``include_all``: every known one)."""
        return self._stream(lambda conn, _lookups: listings.countries(conn, include_all))

    def stats(self) -> dict[str, Any]:
        with self._reading() as conn:
            return queries.stats(conn)

    def search(self, query: str, *, kinds: tuple[str, ...] = fts.KINDS, limit: int | None = 20,
               ) -> Iterator[SearchHit]:
        """Articles and commitments matching every word of ``query``, best first."""
        fts.check(query, kinds)
        return self._stream(lambda conn, _lookups: fts.search(conn, query, kinds=kinds, limit=_limit(limit)))

    # -- analysis (relations.analysis) --------------------------------------------------------

    def _pair(self, country_a: str, country_b: str, what: str) -> tuple[int, int]:
        a, b = self.country(country_a), self.country(country_b)
        if a.id == b.id:
            raise RelationsError(f"{what} needs two different countries, not {country_a!r} and {country_b!r}")
        return a.id, b.id

    def threads(self, country_a: str, country_b: str, *, topic: str | None = None) -> list[Any]:
        """The pair's commitment threads (``relations.analysis.threads.ThreadRow``), the most
        often raised first; with ``topic``, that topic's only."""
        from .analysis import threads

        a, b = self._pair(country_a, country_b, "a thread")
        with self._reading() as conn:
            return threads.threads(conn, self.lookups, a, b, topic)

    def partnership_history(self, country_a: str, country_b: str) -> Any:
        """The pair's partnership levels over time and their upgrades
        (``relations.analysis.partnership_history.History``)."""
        from .analysis import partnership_history

        a, b = self._pair(country_a, country_b, "a partnership history")
        with self._reading() as conn:
            return partnership_history.history(conn, self.lookups, a, b)

    def export(self, *, country: str | None = None, since: DateLike = None, until: DateLike = None) -> Any:
        """The dated calls, commitments and partnership upgrades that have interop codes (CAMEO,
        PLOVER), involving ``country`` when given, by date (``relations.interop.export.Export``:
        iterate its ``records`` before closing the database; ``undated`` then counts the coded
        facts left out for want of a date)."""
        from .interop import export

        country_id = self.country(country).id if country is not None else None
        lo, hi = _date(since, "since"), _date(until, "until")
        result = export.Export(iter(()))
        result.records = self._stream(export.events, country_id, lo, hi, result.undated)
        return result

    def chart(self, country_a: str, country_b: str | None = None, *, since: DateLike = None,
              until: DateLike = None) -> str:
        """A self-contained HTML page picturing the pair's timeline, or with ``country_b``
        None, country A's calls with every partner by year (``relations.chart``)."""
        from . import chart

        lo, hi = _date(since, "since"), _date(until, "until")
        if country_b is None:
            a = self.country(country_a).id
            with self._reading() as conn:
                return chart.render(chart.country_chart(conn, self.lookups, a, lo, hi))
        a, b = self._pair(country_a, country_b, "a chart")
        with self._reading() as conn:
            return chart.render(chart.pair_chart(conn, self.lookups, a, b, lo, hi))
