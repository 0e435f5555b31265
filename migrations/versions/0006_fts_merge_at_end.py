"""full-text indexes merged at the end of a run, not at every commit (SQLite)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27

SQLite only (nothing to do on PostgreSQL, whose GIN indexes keep no segments).

Each commit that touches an FTS5 table writes its new index data as one more segment (b-tree);
with ``automerge`` on, FTS5 then merges segments during the same commit. When every article is
its own transaction (``relations ingest``'s default), that merging costs a third of the run
(the development corpus at one article per commit: 4.3 s of CPU with automerge 8, 3.0 s
with automerge 0). This revision sets ``automerge`` to 0 for ``articles_fts`` and
``commitments_fts``: commits only add segments, and FTS5 still merges a level as soon as it
holds ``crisismerge`` (16) segments, so a search never reads more than 15 segments a level.
``relations ingest`` and ``relations load`` then run FTS5's incremental ``'merge'`` once
they have stored their articles (``relations.storage.ingest``), which brings every level back
under ``usermerge`` (4) segments in a few large writes.

Downgrade sets ``automerge`` back to 8, what revision 0005 set.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FTS = ("articles_fts", "commitments_fts")
_AUTOMERGE_0005 = 8


def _automerge(value: int) -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for fts in _FTS:
        op.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', {value})")


def upgrade() -> None:
    _automerge(0)


def downgrade() -> None:
    _automerge(_AUTOMERGE_0005)
