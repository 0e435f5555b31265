"""Where the files that ship with the package live.

In an installed wheel, ``seeds/``, ``migrations/``, ``docs/`` and ``alembic.ini`` are copied into
``relations/_data/`` (see ``pyproject.toml``); in a checkout or an editable install they are
read from the project root. Both layouts resolve through these functions only.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.exists():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.exists():
        return checkout
    raise FileNotFoundError(f"cannot find {name!r} next to the relations package ({_PACKAGE})")


def seeds_dir() -> Path:
    """The reference data directory (countries, leaders, topics, seed articles)."""
    return _find("seeds")


def migrations_dir() -> Path:
    """The Alembic script directory."""
    return _find("migrations")


def docs_dir() -> Path:
    """The documentation (``schema.md``, ``queries.md``), read for Datasette's metadata."""
    return _find("docs")


def lexicon_dir() -> Path:
    """Extraction vocabulary: titles, trigger phrases, cue words (package data)."""
    return _PACKAGE / "lexicon"
