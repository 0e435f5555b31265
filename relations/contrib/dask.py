"""Ingest on Dask: extract on every worker, store into one database from all of them at once.

    pip install 'relations[dask]'

``relations ingest`` is a map step (``relations extract --text``: text to facts, a pure function
of each record) followed by a store step (``relations load``: facts merged into the database).
This recipe runs both on a Dask cluster: ``dask.bag.read_text`` splits the JSON-lines inputs
into partitions of about ``blocksize`` bytes; each partition is extracted
(:func:`extract_partition`) and stored (:func:`store_partition`) by whichever worker holds it,
so the workers write to the database side by side. The database must be one they all reach:
PostgreSQL, where they write at once (unique keys, advisory locks on the pairs of countries
whose calls may merge, deadlocks retried), or a SQLite file on a shared disk, where they take
turns on its write lock. What is stored equals what one ``relations ingest`` of the same inputs
stores: the same articles, calls (a call two articles report, stored by two workers, is one
call with both sources), commitments and leaders.

    from distributed import Client, LocalCluster
    from relations.contrib.dask import ingest

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        summary = ingest(["corpus/*.jsonl"], "postgresql+psycopg://user@host/relations")
    print(summary)  # 1547 new, 0 skipped, 0 failed

A worker's partition is one transaction of up to ``batch`` articles at a time, each article in
its own savepoint (whole or not at all), as ``relations load --batch``; an article already
stored is skipped, so running the same inputs again after a failure completes the run. A record
that cannot be read or stored is a failure in the returned summary, named by the file and the
record's id (a bag partition has no line numbers); the others are still stored.

Dask's workers sample their stacks every 10 ms by default (the profile of the dashboard); on
this pure-Python work that cost about a fifth of the workers' CPU in the project's measurements:
``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` in the workers' environment turns it off.

The bag of facts is there to be used otherwise too: ``facts_bag(paths).map(to_json).to_textfiles(...)``
writes what ``relations extract --text`` prints, for ``relations load`` elsewhere.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Sequence
from typing import Any

import dask.bag

from ..errors import InputError
from ..facts import Facts
from ..inputs import json_reason, make_record
from ..storage.facts_input import FactsRecord
from ..storage.results import IngestSummary

BLOCKSIZE = "8MiB"  # bytes of JSON lines a partition: about 4,000 readouts of the development corpus
BATCH = 500  # articles per transaction in a worker

# One record's outcome in the bag: its facts with where it came from, or (where, why) it could not be read.
Item = tuple[str, Facts] | tuple[str, str]

_databases: dict[str, Any] = {}  # url -> Database, one a worker process (its lookups stay cached)
_warm = False


def _ready() -> None:
    """Once a worker process: load the vocabularies, then keep them out of the collector's way
    (as ``relations ingest`` does)."""
    global _warm
    if not _warm:
        from ..extraction import extract

        extract("warm-up", published="2000-01-01")
        gc.freeze()
        _warm = True


def extract_partition(lines: Iterable[tuple[str, str]]) -> list[Item]:
    """The map step: each ``(line, path)`` of a partition read into (origin, facts), or
    (origin, reason) for a line that is no record or that the extractor trips on."""
    from ..extraction import extract

    _ready()
    out: list[Item] = []
    for line, path in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as e:
            out.append((path, f"not valid JSON: {json_reason(e)}"))
            continue
        origin = f"{path}:{obj['id']}" if isinstance(obj, dict) and obj.get("id") is not None else path
        try:
            rec = make_record(obj, origin, None)
            out.append((origin, extract(rec.text, id=rec.id, published=rec.published, source=rec.source,
                                        title=rec.title, url=rec.url)))
        except InputError as e:
            out.append((origin, str(e).removeprefix(f"{origin}: ")))
        except Exception as e:  # noqa: BLE001 - one article the extractor trips on must not stop a run
            out.append((origin, f"{type(e).__name__}: {e}"))
    return out


def store_partition(items: Iterable[Item], url: str, batch: int = BATCH, force: bool = False) -> list[IngestSummary]:
    """The store step: a partition's facts stored through the library (``Database.load_records``)
    into the database at ``url``, opened once per worker process. Returns its summary."""
    from ..database import Database

    db = _databases.get(url)
    if db is None:
        db = _databases[url] = Database(url, create=False)
    summary = IngestSummary()
    records = (FactsRecord(origin, what) if isinstance(what, Facts) else InputError(origin, what)
               for origin, what in items)
    for result in db.load_records(records, force=force, batch=batch):
        summary.add(result)
    return [summary]


def facts_bag(paths: str | Sequence[str], blocksize: str | int | None = BLOCKSIZE) -> dask.bag.Bag:
    """A bag of (origin, facts or reason), one item per JSON line of ``paths`` (files or globs)."""
    return dask.bag.read_text(paths, blocksize=blocksize, include_path=True).map_partitions(extract_partition)


def to_json(item: Item) -> str:
    """One item as the line ``relations extract --text`` prints for it (a reason as {"error": ...})."""
    origin, what = item
    if isinstance(what, Facts):
        return json.dumps(what.to_dict(include_text=True), ensure_ascii=False)
    return json.dumps({"error": what, "origin": origin}, ensure_ascii=False)


def ingest(paths: str | Sequence[str], url: str, *, blocksize: str | int | None = BLOCKSIZE, batch: int = BATCH,
           force: bool = False, **compute: Any) -> IngestSummary:
    """Extract and store every record of ``paths`` on the current Dask scheduler (a
    ``distributed.Client`` if one is open); returns the counts and the failures of the whole run.

    The database is created (migrations, reference data) here first, so that the workers only
    write articles. ``compute`` goes to ``dask.compute`` (``scheduler=...``).
    """
    from ..database import Database

    Database(url).close()
    parts = facts_bag(paths, blocksize).map_partitions(store_partition, url, batch, force)
    total = IngestSummary()
    for part in parts.compute(**compute):
        for status in ("new", "replaced", "skipped", "failed", "warnings"):
            setattr(total, status, getattr(total, status) + getattr(part, status))
        total.failures.extend(part.failures)
    return total


__all__ = ["BATCH", "BLOCKSIZE", "extract_partition", "facts_bag", "ingest", "store_partition", "to_json"]
