"""full-text indexes with word positions, declared so that Datasette and sqlite-utils find them (SQLite)

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-28

SQLite only (nothing to do on PostgreSQL: a ``tsvector`` keeps word positions already, so
``phraseto_tsquery`` works on the GIN indexes of revision 0005 as they are).

Revision 0005 made ``articles_fts`` and ``commitments_fts`` with ``detail=column``: the index
knew which column a word is in but not where, so FTS5 refused phrase queries (``"industrial
park"``) and ``snippet()`` could not find the matched words in a long text. This revision
makes both tables again with the default ``detail=full`` (positions kept), and fills them
from the stored rows (``'rebuild'``). The price is space: the development corpus's
``articles_fts`` takes 1.6 MB instead of 0.8 MB (1,547 articles; measured with dbstat).

The new tables name their content table in double quotes (``content="articles"``): that is
what Datasette (``detect_fts``) and sqlite-utils (``Table.detect_fts``) look for in
``sqlite_master`` to know that an FTS table indexes a table, so ``?_search=`` in Datasette
and ``sqlite-utils search`` work on ``articles`` and ``commitments`` with no configuration.
0005's single quotes (``content='articles'``) mean the same to SQLite but are not found.

The triggers of revision 0005 stay: they name the FTS tables, which keep their names.
``automerge`` stays 0 (revision 0006). Downgrade makes the tables of 0005 again.

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "porter unicode61 remove_diacritics 2"
# (FTS table, content table, indexed columns, options at 0005, options here)
_FTS = (
    ("articles_fts", "articles", ("title", "text"), "detail=column", ""),
    ("commitments_fts", "commitments", ("text",), "detail=column, columnsize=0", "columnsize=0"),
)


def _remake(quote: str, options_at: int) -> None:
    for fts, table, columns, *options in _FTS:
        extra = options[options_at]
        op.execute(f"DROP TABLE {fts}")
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content={quote}{table}{quote}, "
            f"content_rowid='id', tokenize='{_TOKENIZE}'{', ' + extra if extra else ''})"
        )
        op.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 0)")
        op.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _remake('"', 1)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _remake("'", 0)
