"""relations: turn diplomatic readouts into a dated, sourced bilateral-relations timeline."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Database", "__version__", "extract", "extract_strict"]


def extract(text, **kwargs):  # noqa: ANN001, ANN201 - re-exported, documented there
    """Read one article's text into facts; see :func:`relations.extraction.extract`.

    A date given that is no YYYY-MM-DD date is ignored with a ``relations.errors.DateWarning``."""
    from .extraction import _extract, warn_dates

    args = {k: kwargs.pop(k, None) for k in ("id", "published", "source", "title", "url")}
    if kwargs:
        raise TypeError(f"extract() got an unexpected keyword argument {next(iter(kwargs))!r}")
    facts, doubts = _extract(text, **args)
    warn_dates(args["id"], doubts, stacklevel=3)  # pointing at the caller of relations.extract
    return facts


def extract_strict(text, **kwargs):  # noqa: ANN001, ANN201 - re-exported, documented there
    """Like ``extract``, raising ``ExtractionError`` when a reading step fails and
    ``InvalidDateError`` for a date that is no date."""
    from .extraction import extract_strict as _extract_strict

    return _extract_strict(text, **kwargs)


def __getattr__(name: str):  # noqa: ANN202 - lazy re-export: importing relations stays cheap
    if name == "Database":
        from .database import Database

        return Database
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
