"""Named exceptions. Each carries the input it is about; the CLI turns them into one line."""

from __future__ import annotations


class RelationsError(Exception):
    """Base class of every error this library raises on purpose."""


class ReferenceDataError(RelationsError):
    """A reference data file (seeds/ or the lexicon) is malformed."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line = path, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class InputError(RelationsError):
    """An article or record given to extract or ingest cannot be read."""

    def __init__(self, source: str, message: str):
        self.source = source
        super().__init__(f"{source}: {message}")
