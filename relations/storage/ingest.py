"""Where ``Ingester`` used to live: it is ``relations.pipeline`` now (sources), with the store
step in ``relations.storage.article_store``, transactions in ``relations.storage.transactions``
and full-text upkeep in ``relations.storage.fulltext``. Kept so that old imports work."""

from __future__ import annotations

from ..pipeline import Ingester, _default_extractor
from .article_store import clear_derived, sha256
from .results import BATCH, FAILED, NEW, REPLACED, SKIPPED, IngestResult, IngestSummary

__all__ = ["BATCH", "FAILED", "NEW", "REPLACED", "SKIPPED", "IngestResult", "IngestSummary", "Ingester",
           "_default_extractor", "clear_derived", "sha256"]
