"""relations: turn diplomatic readouts into a dated, sourced bilateral-relations timeline.

What a library user needs is importable from here: ``extract`` and ``extract_strict`` (pure,
no database) and the ``Facts`` they return; ``Database`` and the typed rows its queries return
(``CallRow``, ``CommitmentRow``, ``PartnershipRow``, ``ArticleRow``, ``TimelineEvent``,
``LeaderRow``, ``SearchHit``, ``Participant``, ``Source``); the summaries of a run
(``IngestResult``, ``IngestSummary``); and every named exception (``relations.errors``).

Everything but the exceptions is imported when first used, so ``import relations`` stays
cheap; ``relations.extract`` is the function itself, with its real signature.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    DatabaseError,
    DateWarning,
    DatabaseLockedError,
    ExtractionError,
    InputError,
    InvalidDateError,
    MigrationError,
    NotARelationsDatabaseError,
    NotFoundError,
    ReferenceDataError,
    RelationsError,
    SchemaError,
    SchemaMissingError,
    SchemaOutdatedError,
    SchemaTooNewError,
    SearchError,
    StorageError,
    UnknownCountryError,
    UnknownNameError,
    WorkerError,
)

if TYPE_CHECKING:
    from .database import Database
    from .extraction import extract, extract_strict
    from .facts import Facts
    from .storage.results import IngestResult, IngestSummary
    from .storage.rows import (
        ArticleRow,
        CallRow,
        CommitmentRow,
        LeaderRow,
        Participant,
        PartnershipRow,
        SearchHit,
        Source,
        TimelineEvent,
    )

__version__ = "0.1.0"

_LAZY = {
    "Database": "relations.database",
    "extract": "relations.extraction",
    "extract_strict": "relations.extraction",
    "Facts": "relations.facts",
    "IngestResult": "relations.storage.results",
    "IngestSummary": "relations.storage.results",
    **{name: "relations.storage.rows" for name in (
        "ArticleRow", "CallRow", "CommitmentRow", "LeaderRow", "Participant", "PartnershipRow", "SearchHit",
        "Source", "TimelineEvent")},
}
_ERRORS = [
    "DatabaseError", "DatabaseLockedError", "DateWarning", "ExtractionError", "InputError", "InvalidDateError",
    "MigrationError",
    "NotARelationsDatabaseError", "NotFoundError", "ReferenceDataError", "RelationsError", "SchemaError",
    "SchemaMissingError", "SchemaOutdatedError", "SchemaTooNewError", "SearchError", "StorageError",
    "UnknownCountryError", "UnknownNameError", "WorkerError",
]

__all__ = sorted([*_LAZY, *_ERRORS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
