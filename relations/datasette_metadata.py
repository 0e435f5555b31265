"""Datasette metadata for a relations database, written from the documentation.

``relations db metadata > metadata.yml`` then ``datasette relations.db -m metadata.yml``
gives Datasette a title, the source and licence of the reference data, and a description
for every table, view and column. The descriptions come from ``docs/schema.md`` (a table is
the paragraph that starts with its name in bold; a column is the clause of that paragraph
that names it) and from the table of views in ``docs/queries.md``; the documents ship with
the package (``resources.docs_dir``), so what Datasette shows is what the docs say.

Full-text search needs no metadata: revision 0009 declares the FTS5 tables so that Datasette
finds them for ``articles`` and ``commitments`` by itself.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa

from . import dbobjects, resources

TITLE = "relations: a bilateral-relations timeline"
SOURCE = "Diplomatic readouts read by relations; reference data in seeds/ (see seeds/README.md)"
LICENSE = "MIT (relations and its reference data); ISO 3166-1 codes and names from pycountry (LGPL-2.1)"

UNDESCRIBED = "not described in docs/schema.md yet"
_TABLE = re.compile(r"^\*\*(\w+)\*\* — (.+?)(?:\n\n|\Z)", re.M | re.S)
_VIEW = re.compile(r"^\| `(\w+)` \(view(?:, \d{4})?\) \| (.+?) \|$", re.M)
# Conventional columns the schema's "Conventions" section describes once for every table.
_CONVENTIONAL = {
    "id": "the row's integer id",
    "alias_key": "the alias folded for matching: accents stripped, case folded, white space made one space",
    "name_key": "the name folded for matching: accents stripped, case folded, white space made one space",
    "start": "character offset where the sentence starts in the article's normalised text",
    "end": "character offset where the sentence ends (exclusive) in the article's normalised text",
}


def _plain(text: str) -> str:
    return " ".join(text.replace("`", "").replace("**", "").split())


def _clause(paragraph: str, column: str) -> str | None:
    """The clause of ``paragraph`` that names ``column`` with what follows it up to the next
    top-level comma, semicolon, colon, "and" or full stop; None when it names the column bare."""
    paragraph = " ".join(paragraph.split())
    at = paragraph.find(f"`{column}`")
    if at < 0:
        return None
    depth, end = 0, len(paragraph)
    for i in range(at + len(column) + 2, len(paragraph)):
        c = paragraph[i]
        if c == ")" and depth == 0:  # the end of a parenthesis the column is named in
            end = i
            break
        depth += (c == "(") - (c == ")")
        if depth <= 0 and (c in ",;:" or paragraph.startswith((" and ", "\nand "), i)
                           or (c == "." and paragraph[i + 1:i + 2] in (" ", "\n", ""))):
            end = i
            break
    clause = _plain(paragraph[at:end])
    return clause if clause != column else None


def _documented() -> tuple[dict[str, str], dict[str, str]]:
    """(table or view name -> its paragraph, in Markdown) from the shipped docs."""
    docs = resources.docs_dir()
    tables = {m[1]: m[2] for m in _TABLE.finditer((docs / "schema.md").read_text(encoding="utf-8"))}
    views = {m[1]: m[2] for m in _VIEW.finditer((docs / "queries.md").read_text(encoding="utf-8"))}
    return tables, views


def _columns(inspector: sa.Inspector, name: str) -> list[str]:
    return [c["name"] for c in inspector.get_columns(name)]


def _foreign(inspector: sa.Inspector, name: str) -> dict[str, str]:
    out = {}
    for fk in inspector.get_foreign_keys(name):
        for col, ref in zip(fk["constrained_columns"], fk["referred_columns"], strict=True):
            out[col] = f"{fk['referred_table']}.{ref}"
    return out


def _describe_column(paragraph: str, column: str, foreign: dict[str, str]) -> str:
    parts = []
    clause = _clause(paragraph, column)
    if clause:
        parts.append(clause)
    elif column in _CONVENTIONAL:
        parts.append(_CONVENTIONAL[column])
    if column in foreign:
        parts.append(f"(refers to {foreign[column]})")
    return " ".join(parts) or UNDESCRIBED


def metadata(engine: sa.Engine, database: str = "relations") -> dict[str, Any]:
    """Datasette metadata (``title``, ``source``, ``license``, ``databases``) for ``engine``'s
    tables and views, under the database name ``database`` (Datasette names a file's database
    after the file: ``relations.db`` is ``relations``)."""
    tables_doc, views_doc = _documented()
    inspector = sa.inspect(engine)
    described: dict[str, Any] = {}
    names = [(t, False) for t in inspector.get_table_names() if not dbobjects.is_fts_table(t)]
    names += [(v, True) for v in inspector.get_view_names()]
    for name, is_view in sorted(names):
        paragraph = (views_doc if is_view else tables_doc).get(name)
        if paragraph is None:
            continue  # alembic_version and other bookkeeping
        foreign = {} if is_view else _foreign(inspector, name)
        described[name] = {
            "description": _plain(paragraph),
            "columns": {c: _describe_column(paragraph, c, foreign) for c in _columns(inspector, name)},
        }
    return {"title": TITLE, "source": SOURCE, "license": LICENSE,
            "databases": {database: {"tables": described}}}


def to_json(data: dict[str, Any]) -> str:
    """The metadata as JSON, which Datasette reads as ``metadata.json`` and, being YAML too,
    as ``metadata.yml``."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
