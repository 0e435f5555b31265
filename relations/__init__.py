"""relations: turn diplomatic readouts into a dated, sourced bilateral-relations timeline."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Database", "__version__", "extract", "extract_strict"]


def extract(text, **kwargs):  # noqa: ANN001, ANN201 - re-exported, documented there
    """Read one article's text into facts; see :func:`relations.extraction.extract`."""
    from .extraction import extract as _extract

    return _extract(text, **kwargs)


def extract_strict(text, **kwargs):  # noqa: ANN001, ANN201 - re-exported, documented there
    """Like ``extract``, raising ``ExtractionError`` when a reading step fails."""
    from .extraction import extract_strict as _extract_strict

    return _extract_strict(text, **kwargs)


def __getattr__(name: str):  # noqa: ANN202 - lazy re-export: importing relations stays cheap
    if name == "Database":
        from .database import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
