"""Full-text search over article texts and commitments (revisions 0005 and 0009).

A query is words, phrases in double quotes and prefixes ending in ``*``
(``"industrial park" trade industr*``): a text matches when it holds every one of them
(``parse``). Only letters and digits make words: any other character, FTS5's operators
(``OR``, ``NEAR``, ``-``, ``^``, ``column:``) and an unclosed quote (its phrase runs to the
end) are taken literally or dropped, never read as syntax.

SQLite: the FTS5 tables ``articles_fts`` and ``commitments_fts``, each word quoted
(``fts5_expression``). PostgreSQL: ``to_tsquery('english', ...)`` of the same terms, each
word single-quoted, a phrase's words joined by ``<->`` and a prefix marked ``:*``
(``tsquery_expression``), against the ``to_tsvector`` expressions revision 0005 indexed.
Both stem English words, so "parks" finds "park" and ``industrial*`` finds "industries";
PostgreSQL alone drops English stop words ("the", "of"). Hits come best first (bm25 on
SQLite, ts_rank on PostgreSQL), articles and commitments mixed; each has a snippet of at
most ``SNIPPET_WIDTH`` characters around the first matched word, marked [like this].
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import sqlalchemy as sa

from ..errors import SearchError
from .rows import SearchHit

KINDS = ("article", "commitment")
SNIPPET_WIDTH = 80  # characters: what a table cell of the CLI shows (cli.output.CELL_MAX)


_WORD = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits
# A phrase (an unclosed quote runs to the end) or a word, either with a '*' right after it.
_TERM = re.compile(r'"(?P<phrase>[^"]*)(?:"|$)(?P<pstar>\*)?|(?P<word>[^\W_]+)(?P<wstar>\*)?')


class Term(NamedTuple):
    """One thing a text must hold: a word, or a phrase of words in a row."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word may go on ("industr*" finds "industrial")


def words(query: str) -> list[str]:
    """The words of a query, punctuation and operators dropped."""
    return _WORD.findall(query)


def parse(query: str) -> list[Term]:
    """The terms of ``query``: quoted phrases, words, and either with ``*`` as a prefix."""
    terms = []
    for m in _TERM.finditer(query):
        if m["word"] is not None:
            terms.append(Term((m["word"],), bool(m["wstar"])))
        elif found := tuple(words(m["phrase"])):
            terms.append(Term(found, bool(m["pstar"])))
    return terms


def fts5_expression(query: str) -> str:
    """``query`` as an FTS5 expression: each term quoted, a prefix's ``*`` outside the quotes."""
    return " ".join(f'"{" ".join(t.words)}"' + ("*" if t.prefix else "") for t in parse(query))


def tsquery_expression(query: str) -> str:
    """``query`` as the text of a PostgreSQL ``to_tsquery``: ``'a' <-> 'b':* & 'c'``."""
    return " & ".join(" <-> ".join(f"'{w}'" for w in t.words) + (":*" if t.prefix else "") for t in parse(query))


# The SQL marks matched words with these; ``clip`` cuts around the first and makes them [ ].
_START, _STOP = "\x02", "\x03"

_SQLITE = {
    "article": f"""
SELECT 'article' AS kind, a.id AS id, coalesce(a.published, a.dateline_date) AS date,
       coalesce(a.title, a.source) AS title,
       snippet(articles_fts, -1, '{_START}', '{_STOP}', '...', 24) AS snippet,
       a.id AS article_id, bm25(articles_fts) AS rank
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :q""",
    "commitment": f"""
SELECT 'commitment' AS kind, m.id AS id, m.date AS date, coalesce(k.iso3 || ' ', '') || m.kind AS title,
       snippet(commitments_fts, 0, '{_START}', '{_STOP}', '...', 24) AS snippet, m.article_id AS article_id,
       bm25(commitments_fts) AS rank
FROM commitments_fts JOIN commitments m ON m.id = commitments_fts.rowid
LEFT JOIN countries k ON k.id = m.actor_id
WHERE commitments_fts MATCH :q""",
}

_PG_ARTICLE_DOC = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.text)"
_PG_COMMITMENT_DOC = "to_tsvector('english', m.text)"
_PG_HEADLINE = f"'StartSel={_START}, StopSel={_STOP}, MaxWords=24, MinWords=12, ShortWord=2'"
_PG = {
    "article": f"""
SELECT 'article' AS kind, a.id AS id, coalesce(a.published, a.dateline_date) AS date,
       coalesce(a.title, a.source) AS title, coalesce(a.title, '') || ' ' || a.text AS body, a.id AS article_id,
       ts_rank({_PG_ARTICLE_DOC}, q) AS rank
FROM articles a, to_tsquery('english', :q) q
WHERE {_PG_ARTICLE_DOC} @@ q""",
    "commitment": f"""
SELECT 'commitment' AS kind, m.id AS id, m.date AS date, coalesce(k.iso3 || ' ', '') || m.kind AS title,
       m.text AS body, m.article_id AS article_id, ts_rank({_PG_COMMITMENT_DOC}, q) AS rank
FROM commitments m LEFT JOIN countries k ON k.id = m.actor_id, to_tsquery('english', :q) q
WHERE {_PG_COMMITMENT_DOC} @@ q""",
}


def clip(snippet: str, width: int = SNIPPET_WIDTH) -> str:
    """``snippet`` (matches marked by the SQL) with whitespace collapsed and, when longer than
    ``width`` characters, cut to whole words around its first match, which is always kept
    (a third of the room before it, the rest after). Matches come out marked [like this]."""
    tokens = snippet.split()
    first = next((i for i, w in enumerate(tokens) if _START in w), None)
    if first is not None and len(" ".join(tokens)) > width:
        last = next((i for i in range(first, len(tokens)) if _STOP in tokens[i]), first)

        def size(lo: int, hi: int) -> int:  # with an ellipsis at each cut end
            return len(" ".join(tokens[lo:hi])) + (3 if lo else 0) + (3 if hi < len(tokens) else 0)

        lo, hi = first, last + 1
        while True:
            wider = [(lo, hi + 1), (lo - 1, hi)]
            if 2 * (first - lo) < hi - 1 - last:
                wider.reverse()
            grown = next(((a, b) for a, b in wider if a >= 0 and b <= len(tokens) and size(a, b) <= width), None)
            if grown is None:
                break
            lo, hi = grown
        kept = tokens[lo:hi]
        if lo:
            kept[0] = "..." + kept[0].removeprefix("...")
        if hi < len(tokens):
            kept[-1] = kept[-1].removesuffix("...") + "..."
        tokens = kept
    return " ".join(tokens).replace(_START, "[").replace(_STOP, "]")


def check(query: str, kinds: tuple[str, ...]) -> None:
    """Raise SearchError for a query that cannot be run."""
    if not parse(query):
        raise SearchError(f"nothing to search for in {query[:60]!r}: give one or more words")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise SearchError(f"unknown kind {unknown[0] if unknown else ''!r}: one of {', '.join(KINDS)}")


def search(conn: sa.Connection, query: str, *, kinds: tuple[str, ...] = KINDS, limit: int | None = 20,
           ) -> Iterator[SearchHit]:
    """Articles and commitments holding every word, phrase and prefix of ``query``, best first."""
    check(query, kinds)
    limit_sql = " LIMIT :limit" if limit is not None else ""
    params: dict[str, object] = {"limit": limit} if limit is not None else {}
    if conn.dialect.name == "postgresql":
        union = " UNION ALL ".join(_PG[k] for k in kinds)
        best = f"SELECT * FROM ({union}) hits ORDER BY rank DESC, kind, id{limit_sql}"
        sql = (f"SELECT kind, id, date, title, ts_headline('english', body, to_tsquery('english', :q), "
               f"{_PG_HEADLINE}) AS snippet, article_id FROM ({best}) best ORDER BY rank DESC, kind, id")
        params["q"] = tsquery_expression(query)
    else:
        union = " UNION ALL ".join(_SQLITE[k] for k in kinds)
        sql = f"SELECT kind, id, date, title, snippet, article_id FROM ({union}) ORDER BY rank, kind, id{limit_sql}"
        params["q"] = fts5_expression(query)
    for r in conn.execute(sa.text(sql).columns(date=sa.Date), params):
        yield SearchHit(r.kind, r.id, r.date, r.title, clip(r.snippet), r.article_id)
