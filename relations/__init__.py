"""relations: turn diplomatic readouts into a dated, sourced bilateral-relations timeline."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def extract(text, **kwargs):  # noqa: ANN001, ANN201 - re-exported, documented there
    """Read one article's text into facts; see :func:`relations.extraction.extract`."""
    from .extraction import extract as _extract

    return _extract(text, **kwargs)
