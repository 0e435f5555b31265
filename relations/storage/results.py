"""What became of each record a run stored (``IngestResult``) and of the whole run (``IngestSummary``)."""

from __future__ import annotations

from dataclasses import dataclass, field

NEW, REPLACED, SKIPPED, FAILED = "new", "replaced", "skipped", "failed"
BATCH = 500  # articles per transaction by default, each in its own savepoint (relations.storage.transactions)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What became of one input record (or of one stored article, when reprocessing)."""

    origin: str  # the file and line, or "article N" when reprocessing
    status: str  # new | replaced | skipped | failed
    article_id: int | None = None
    reason: str | None = None  # why it was skipped or failed
    warnings: tuple[str, ...] = ()
    calls_new: int = 0
    calls_merged: int = 0
    commitments: int = 0
    partnerships: int = 0

    @property
    def ok(self) -> bool:
        return self.status != FAILED


@dataclass
class IngestSummary:
    """Counts of a run, and the failed results (each naming its input and reason)."""

    new: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    failures: list[IngestResult] = field(default_factory=list)

    def add(self, result: IngestResult) -> IngestResult:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.warnings += len(result.warnings)
        if result.status == FAILED:
            self.failures.append(result)
        return result

    def __str__(self) -> str:
        parts = [f"{self.new} new"]
        if self.replaced:
            parts.append(f"{self.replaced} replaced")
        parts += [f"{self.skipped} skipped", f"{self.failed} failed"]
        if self.warnings:
            parts.append(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")
        return ", ".join(parts)
