"""Full-text search over article texts and commitments (revision 0005).

SQLite: the FTS5 tables ``articles_fts`` and ``commitments_fts``; the user's query is cut into
words (letters and digits, as FTS5's tokenizer cuts text) and each is quoted (``escape_fts``),
so that FTS5 operators and punctuation are never read as syntax, and every word must occur. PostgreSQL: ``plainto_tsquery('english', ...)`` against the same
``to_tsvector`` expressions the migration indexed. Both stem English words, so "parks" finds
"park". Hits come best first (bm25 on SQLite, ts_rank on PostgreSQL), articles and
commitments mixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sqlalchemy as sa

from ..errors import SearchError
from .rows import SearchHit

KINDS = ("article", "commitment")


_WORD = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits


def words(query: str) -> list[str]:
    """The words of a query, punctuation and operators dropped."""
    return _WORD.findall(query)


def escape_fts(query: str) -> str:
    """``query`` as an FTS5 expression matching every word of it, taken literally.

    Each word is quoted on its own: the index keeps no positions (``detail=column``), so a
    quoted string of several tokens (a phrase) is not allowed.
    """
    return " ".join(f'"{w}"' for w in words(query))


_SQLITE = {
    "article": """
SELECT 'article' AS kind, a.id AS id, coalesce(a.published, a.dateline_date) AS date,
       coalesce(a.title, a.source) AS title, snippet(articles_fts, 1, '[', ']', '...', 16) AS snippet,
       a.id AS article_id, bm25(articles_fts) AS rank
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :q""",
    "commitment": """
SELECT 'commitment' AS kind, m.id AS id, m.date AS date, coalesce(k.iso3 || ' ', '') || m.kind AS title,
       snippet(commitments_fts, 0, '[', ']', '...', 24) AS snippet, m.article_id AS article_id,
       bm25(commitments_fts) AS rank
FROM commitments_fts JOIN commitments m ON m.id = commitments_fts.rowid
LEFT JOIN countries k ON k.id = m.actor_id
WHERE commitments_fts MATCH :q""",
}

_PG_ARTICLE_DOC = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.text)"
_PG_COMMITMENT_DOC = "to_tsvector('english', m.text)"
_PG_HEADLINE = "'StartSel=[, StopSel=], MaxWords=30, MinWords=12, ShortWord=2'"
_PG = {
    "article": f"""
SELECT 'article' AS kind, a.id AS id, coalesce(a.published, a.dateline_date) AS date,
       coalesce(a.title, a.source) AS title, a.text AS body, a.id AS article_id,
       ts_rank({_PG_ARTICLE_DOC}, q) AS rank
FROM articles a, plainto_tsquery('english', :q) q
WHERE {_PG_ARTICLE_DOC} @@ q""",
    "commitment": f"""
SELECT 'commitment' AS kind, m.id AS id, m.date AS date, coalesce(k.iso3 || ' ', '') || m.kind AS title,
       m.text AS body, m.article_id AS article_id, ts_rank({_PG_COMMITMENT_DOC}, q) AS rank
FROM commitments m LEFT JOIN countries k ON k.id = m.actor_id, plainto_tsquery('english', :q) q
WHERE {_PG_COMMITMENT_DOC} @@ q""",
}


def check(query: str, kinds: tuple[str, ...]) -> None:
    """Raise SearchError for a query that cannot be run."""
    if not words(query):
        raise SearchError(f"nothing to search for in {query[:60]!r}: give one or more words")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise SearchError(f"unknown kind {unknown[0] if unknown else ''!r}: one of {', '.join(KINDS)}")


def search(conn: sa.Connection, query: str, *, kinds: tuple[str, ...] = KINDS, limit: int | None = 20,
           ) -> Iterator[SearchHit]:
    """Articles and commitments matching every word of ``query``, best first."""
    check(query, kinds)
    limit_sql = " LIMIT :limit" if limit is not None else ""
    params: dict[str, object] = {"limit": limit} if limit is not None else {}
    if conn.dialect.name == "postgresql":
        union = " UNION ALL ".join(_PG[k] for k in kinds)
        best = f"SELECT * FROM ({union}) hits ORDER BY rank DESC, kind, id{limit_sql}"
        sql = (f"SELECT kind, id, date, title, ts_headline('english', body, plainto_tsquery('english', :q), "
               f"{_PG_HEADLINE}) AS snippet, article_id FROM ({best}) best ORDER BY rank DESC, kind, id")
        params["q"] = " ".join(words(query))  # the same words SQLite searches for
    else:
        union = " UNION ALL ".join(_SQLITE[k] for k in kinds)
        sql = f"SELECT kind, id, date, title, snippet, article_id FROM ({union}) ORDER BY rank, kind, id{limit_sql}"
        params["q"] = escape_fts(query)
    for r in conn.execute(sa.text(sql).columns(date=sa.Date), params):
        yield SearchHit(r.kind, r.id, r.date, r.title, " ".join(r.snippet.split()), r.article_id)
