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


class ExtractionError(RelationsError):
    """A reading step failed on an article (a bug: please report the input). ``partial`` holds
    the facts that could be read (at least the normalised text and the article's metadata)."""

    def __init__(self, article_id: str | None, partial, cause: BaseException):
        self.article_id, self.partial, self.cause = article_id, partial, cause
        super().__init__(f"{article_id or '<article>'}: extraction failed: {type(cause).__name__}: {cause}")


class InvalidDateError(InputError):
    """``extract_strict`` was given a date that is no YYYY-MM-DD date (``published``, or the text's
    ``date`` line). Carries the article's id, which date (``field``), the ``value`` given and the
    facts read with the date ignored (``partial``)."""

    def __init__(self, article_id: str | None, field: str, value: object, partial, message: str):
        self.article_id, self.field, self.value, self.partial = article_id, field, value, partial
        super().__init__(article_id or "<article>", message)


class DateWarning(UserWarning):
    """``extract`` ignored a date that is no YYYY-MM-DD date (the facts' ``warnings`` say so too)."""
