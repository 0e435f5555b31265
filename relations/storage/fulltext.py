"""Upkeep of the full-text indexes while storing (SQLite FTS5; nothing to do on PostgreSQL).

Revision 0006 turns FTS5's automerge off, so commits only add segments (FTS5 still merges a
level once it holds 16); a run that stored anything merges them once, at its end
(``merge_segments``). The FTS5 tables themselves are kept in sync with ``articles`` and
``commitments`` by the triggers of revision 0005; the rows that feed them are held back to the
commit (``relations.storage.pending``) so that the index is flushed once per transaction.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..dbobjects import FTS_TABLES

MERGE_PAGES = 256  # FTS5 index pages one end-of-run 'merge' step writes at most...
MERGE_STEPS_PER_ARTICLE = 0.05  # ...and steps per article stored in the run (at least one)


def merge_segments(writer: sa.Connection, steps: int, errors: tuple[type[BaseException], ...]) -> None:
    """Merge the full-text indexes' segments, ``steps`` steps of ``MERGE_PAGES`` pages at most each.

    A step per twenty articles stored (at least one), until nothing is left to merge. It is
    housekeeping: if it cannot run (another writer holds the lock, the disk is full: ``errors``)
    the articles are stored all the same, and the next run merges.
    """
    try:
        with writer.begin():
            raw: Any = writer.connection.driver_connection
            for fts in FTS_TABLES:
                for _ in range(steps):
                    before = raw.total_changes
                    raw.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('merge', {MERGE_PAGES})")
                    if raw.total_changes - before < 2:  # FTS5's sign that there was nothing to merge
                        break
    except errors:
        pass
