"""Every named exception of the library. Each carries the input it is about; the CLI turns them
into one line. They are also importable from the modules that raise them (``relations.engine``,
``relations.schema``, ``relations.storage.*``), where they used to be defined."""

from __future__ import annotations

ENV_BUSY_TIMEOUT = "RELATIONS_BUSY_TIMEOUT"  # seconds a writer waits for another's lock


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


# -- opening and using a database --------------------------------------------------------


class DatabaseError(RelationsError):
    """The database cannot be opened or used (bad URL, missing file, missing driver...)."""

    def __init__(self, url: str, message: str):
        self.url = url
        super().__init__(f"{url}: {message}")


class DatabaseLockedError(DatabaseError):
    """Another process held the SQLite write lock for longer than the busy timeout."""

    def __init__(self, url: str, timeout: float):
        self.timeout = timeout
        super().__init__(
            url,
            f"database is locked by another writer (busy timeout {timeout:g} s, "
            f"set by ${ENV_BUSY_TIMEOUT}); retry when it is done",
        )


class StorageError(DatabaseError):
    """The database stopped taking writes in the middle of a run (disk full, read-only, connection
    lost...). Articles committed before it are kept; ``committed`` counts those of this run."""

    def __init__(self, url: str, what: str, detail: str, committed: int = 0):
        self.what, self.detail, self.committed = what, detail, committed
        kept = (f"the {committed} article{'s' if committed != 1 else ''} committed before it "
                f"{'are' if committed != 1 else 'is'} kept" if committed else "nothing of this run was stored")
        super().__init__(url, f"{what} ({detail}); {kept}: fix it, then run the same command again "
                              "(what is stored is skipped)")


# -- the schema --------------------------------------------------------------------------


class SchemaError(RelationsError):
    """The database's schema is not the one this release works with."""

    def __init__(self, url: str, message: str, revision: str | None = None):
        self.url, self.revision = url, revision
        super().__init__(f"database {url} {message}")


class SchemaMissingError(SchemaError):
    """The database is empty and was not to be created."""


class SchemaOutdatedError(SchemaError):
    """The database is at an older revision: ``relations db upgrade`` brings it to head."""


class SchemaTooNewError(SchemaError):
    """The database is at a revision this release does not know (made by a newer release)."""


class NotARelationsDatabaseError(SchemaError):
    """The database has tables but no ``alembic_version``: it is not ours."""


class MigrationError(SchemaError):
    """A migration would leave the database inconsistent; it was rolled back."""


# -- queries -----------------------------------------------------------------------------


class NotFoundError(RelationsError):
    """No row of that kind has that id (or that key)."""

    def __init__(self, kind: str, ident: object, by: str | None = None):
        self.kind, self.ident = kind, ident
        by = by or ("key" if isinstance(ident, str) else "id")  # a string is a key, unless said (an article's own id)
        super().__init__(f"no {kind} with {by} {ident!r}" if isinstance(ident, str) else f"no {kind} with {by} {ident}")


class UnknownNameError(RelationsError):
    """A filter value (a topic, a commitment kind...) that the database does not know."""


class SearchError(RelationsError):
    """A search that cannot be run (an empty query, an unknown kind)."""


class UnknownCountryError(RelationsError):
    """A country given by a user matches no country of the reference data, or several."""

    def __init__(self, name: str, candidates: tuple[str, ...] = (), organization: str | None = None):
        self.name, self.candidates, self.organization = name, candidates, organization
        if candidates:
            message = f"country {name!r} is ambiguous: it may be {', '.join(candidates)}; give an ISO3 code"
        elif organization:
            message = (f"{name!r} is an organization ({organization}), not a country: timelines, calls and "
                       "commitments are filtered by country")
        else:
            message = f"unknown country {name!r}: give a name, a demonym, or an ISO2 or ISO3 code"
        super().__init__(message)


# -- ingesting ---------------------------------------------------------------------------


class WorkerError(RelationsError):
    """An extraction worker process died (killed, out of memory); the run stops."""
class InvalidDateError(InputError):
    """``extract_strict`` was given a date that is no YYYY-MM-DD date (``published``, or the text's
    ``date`` line). Carries the article's id, which date (``field``), the ``value`` given and the
    facts read with the date ignored (``partial``)."""

    def __init__(self, article_id: str | None, field: str, value: object, partial, message: str):
        self.article_id, self.field, self.value, self.partial = article_id, field, value, partial
        super().__init__(article_id or "<article>", message)


class DateWarning(UserWarning):
    """``extract`` ignored a date that is no YYYY-MM-DD date (the facts' ``warnings`` say so too)."""
