"""stable keys for articles, calls, commitments and partnerships

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Each of the four tables gets a ``key`` column, unique and not null: a name for the fact made
from what it says, which stays the same when ``relations reprocess`` reads the article again
(``relations.storage.keys`` says how each is made). The keys of the rows already stored are
computed here, with copies of the library's functions (a test checks that they agree):
calls and commitments that are alike get ``-2``, ``-3``... in the order of their ids; a call
is scoped to the article of its first source when it cannot be matched with other reports.

SQLite re-creates the four tables to make the column not null; re-creating ``articles`` and
``commitments`` drops their full-text triggers (revision 0005), which are made again here.
The downgrade drops the column (and re-creates the triggers again on SQLite).

Migrations are frozen: use plain SQL or Core (sa.table/sa.column) here, never relations.models.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("articles", "calls", "commitments", "partnerships")
_FTS = (("articles_fts", "articles", ("title", "text")), ("commitments_fts", "commitments", ("text",)))
_SPACE = re.compile(r"\s+")
_SEP = "\x1f"


# -- copies of relations.folding.fold and relations.storage.keys at this revision --------------


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", stripped).casefold()).strip()


def _digest(letter: str, *parts: str) -> str:
    """``letter`` and hex digits of a hash of it and ``parts``: never all digits, so never an id."""
    return letter + hashlib.sha256(_SEP.join((letter, *parts)).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def commitment_base(article: str, kind: str, actor: str | None, text: str) -> str:
    return _digest("m", article, kind, actor or "", fold(text))


def partnership_key(article: str, country_a: str, country_b: str, level: str) -> str:
    a, b = sorted((country_a, country_b))
    return _digest("p", article, a, b, level)


def call_base(countries: Sequence[str], medium: str, date: str | None, status: str, article: str) -> str:
    codes = sorted(set(countries))
    scope = "" if date is not None and len(codes) >= 2 else article
    return _digest("c", ",".join(codes), medium, date or "", status, scope)


def first_free(base: str, taken: set[str]) -> str:
    n, key = 1, base
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


# -- filling -----------------------------------------------------------------------------------


def _iso(value: object) -> str | None:
    """A stored date as YYYY-MM-DD (SQLite gives text, PostgreSQL a date)."""
    return None if value is None else str(value)[:10]


def _keys(conn: sa.Connection) -> dict[str, dict[int, str]]:
    q = lambda sql: conn.execute(sa.text(sql)).all()  # noqa: E731
    iso3 = dict(q("SELECT id, iso3 FROM countries"))
    out: dict[str, dict[int, str]] = {t: {} for t in _TABLES}
    articles: dict[int, str] = {}
    for article_id, content_hash in q("SELECT id, content_hash FROM articles ORDER BY id"):
        articles[article_id] = out["articles"][article_id] = content_hash  # unique already

    taken: set[str] = set()
    for m_id, article_id, kind, actor_id, text in q(
            "SELECT id, article_id, kind, actor_id, text FROM commitments ORDER BY id"):
        key = first_free(commitment_base(articles[article_id], kind, iso3.get(actor_id), text), taken)
        taken.add(key)
        out["commitments"][m_id] = key

    taken = set()
    for p_id, article_id, a, b, level in q(
            "SELECT id, article_id, country_a_id, country_b_id, level FROM partnerships ORDER BY id"):
        key = first_free(partnership_key(articles[article_id], iso3[a], iso3[b], level), taken)
        taken.add(key)
        out["partnerships"][p_id] = key

    countries: dict[int, list[str]] = {}
    for call_id, country_id in q("SELECT call_id, country_id FROM call_countries"):
        countries.setdefault(call_id, []).append(iso3[country_id])
    first_source: dict[int, int] = {}
    for call_id, article_id in q("SELECT call_id, article_id FROM call_sources ORDER BY id"):
        first_source.setdefault(call_id, article_id)
    taken = set()
    for call_id, medium, date, status in q("SELECT id, medium, date, status FROM calls ORDER BY id"):
        article = articles.get(first_source.get(call_id, -1), "")
        key = first_free(call_base(countries.get(call_id, []), medium, _iso(date), status, article), taken)
        taken.add(key)
        out["calls"][call_id] = key
    return out


def _fts_triggers() -> None:
    """SQLite: the full-text triggers of revision 0005, made again after a table was re-created."""
    if op.get_context().dialect.name != "sqlite":
        return
    for fts, table, columns in _FTS:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
                   f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("key", sa.String(length=80), nullable=True))
    conn = op.get_bind()
    for table, keys in _keys(conn).items():
        if keys:
            conn.execute(sa.text(f"UPDATE {table} SET key = :k WHERE id = :i"),
                         [{"k": k, "i": i} for i, k in keys.items()])
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("key", existing_type=sa.String(length=80), nullable=False)
            batch.create_unique_constraint(f"uq_{table}_key", ["key"])
    _fts_triggers()


def downgrade() -> None:
    for table in reversed(_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_key", type_="unique")
            batch.drop_column("key")
    _fts_triggers()
