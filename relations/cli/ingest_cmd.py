"""``relations ingest``, ``relations load`` and ``relations reprocess``: store articles and what
is read from them.

Each prints, on stderr, one line per warning and per failure (naming the input), then on stdout
one summary line; they exit 1 when any input failed. On a terminal a progress bar counts the
articles as their transactions commit. Stopped by Ctrl-C, the summary line counts what was
committed and says the run was interrupted, and the exit status is 130.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click

from ..storage.results import BATCH, FAILED, IngestResult, IngestSummary
from . import main
from .common import db_option, encoding_option, handle_errors, report_skipped
from .output import warn

_BATCH_HELP = ("Articles per transaction, each in its own savepoint (stored whole or not at all); a "
               "transaction is committed at least every 2 seconds. 1 commits every article on its own, "
               "synced to disk (SQLite) before the next is read: slower, and a power cut loses nothing "
               "reported stored.")


def _report(results: Iterable[IngestResult], progress: bool | None, label: str, summary: IngestSummary,
            paths: Iterable[str] | None = None) -> None:
    """Print each warning and failure, show progress on a terminal; count into ``summary``.
    The bar has a total when ``paths``, the inputs, can be counted (``relations.cli.progress``)."""
    show = sys.stderr.isatty() if progress is None else progress

    def reported(items: Iterable[IngestResult]) -> Iterator[IngestResult]:
        for result in items:
            for w in result.warnings:
                warn(f"warning: {result.origin}: {w}")
            if result.status == FAILED:
                warn(f"error: {result.origin}: {result.reason}")
            yield summary.add(result)

    try:
        if show:
            from .progress import count_inputs
            from .progress import progress as bar

            for _ in bar(reported(results), label, count_inputs(paths) if paths is not None else None):
                pass
        else:
            for _ in reported(results):
                pass
    finally:  # stopped (Ctrl-C, an error): its open transaction is rolled back now, not when collected
        close = getattr(results, "close", None)
        if close is not None:
            close()


def _settle_memory() -> None:
    """Load the extractor's vocabularies now, then take everything alive out of the garbage
    collector's sight (gc.freeze): the reference data and gazetteers live as long as the
    process, and every full collection of a long run would otherwise walk them again."""
    from ..extraction import extract

    extract("warm-up", published="2000-01-01")
    gc.freeze()


@contextmanager
def _start_up() -> Iterator[None]:
    """The start of a run (imports, the extractor's vocabularies, opening or creating the
    database) with the garbage collector off: nearly all it makes lives as long as the process,
    and collections meanwhile walk it again and again (a sixth of the start-up's time). What is
    alive is then frozen (gc.freeze, see ``_settle_memory``) and the collector turned back on;
    the few hundred objects of garbage the start-up leaves are frozen with it."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


INTERRUPTED = 130  # the exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it


@contextmanager
def _summary(where: str) -> Iterator[tuple[IngestSummary, IngestSummary]]:
    """The summary line, printed also when the run stops on Ctrl-C or an error (a locked database).

    Yields (what was reported, what was committed): the run counts each result into the second
    as its transaction commits, so a run stopped between a commit and the report of its
    articles still says what it stored.
    """
    summary, committed = IngestSummary(), IngestSummary()
    try:
        yield summary, committed
    except KeyboardInterrupt:
        click.echo(f"{where}: {committed}; interrupted, the rest not stored (run the same command again to store it)")
        sys.exit(INTERRUPTED)
    except BaseException:
        click.echo(f"{where}: {committed}; stopped, the rest not stored (see the error below)")
        raise
    click.echo(f"{where}: {summary}")
    if summary.failed:
        sys.exit(1)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--force", is_flag=True, help="Read again articles already stored, replacing what was read from them.")
@click.option("--batch", type=click.IntRange(min=1), default=BATCH, show_default=True, help=_BATCH_HELP)
@click.option("--workers", type=click.IntRange(min=1, max=256), default=1, show_default=True,
              help="Extract in this many worker processes while this one stores, in input order "
                   f"(this machine has {os.cpu_count() or 1} processors).")
@encoding_option
@click.option("--progress/--no-progress", default=None, help="Show a progress bar  [default: on a terminal]")
@handle_errors
def ingest(paths: tuple[str, ...], db: str | None, force: bool, batch: int, workers: int, encoding: str | None,
           progress: bool | None) -> None:
    """Read articles and store them, with the calls, commitments and partnerships found in them.

    PATH is a .txt file (article text; an optional first line `date YYYY-MM-DD`), a .json file
    (one record, or an array), a .jsonl file (one record a line: "text" required; "id",
    "published", "title", "url", "source" optional), a directory (read recursively), a glob,
    or - for standard input. In a directory, hidden files and files of other kinds are skipped
    (a warning names them); a PDF, an image or an archive is refused whatever its name. Text is
    UTF-8 unless --encoding names another. A new database is created and loaded with the reference data.
    An article already stored (same text or same url) is skipped unless --force. Each article
    is stored whole or not at all; one that fails is reported and the others go on. Several
    ingest or load processes may write to one database at once (PostgreSQL: side by side;
    SQLite: in turns). Up to 500 articles share a transaction (--batch); Ctrl-C stops the run,
    keeping what was committed (the summary counts it), with exit status 130, and the same
    command run again stores the rest. For a large corpus: --workers 2 (or more processors).

    \b
    Example:
        relations ingest seeds/articles && relations timeline China Belarus
    """
    with _start_up():
        if workers > 1:
            from ..storage.parallel import start_workers

            start_workers()  # they load the extractor while this process loads the rest and opens the database
        from ..database import Database

        if workers == 1:
            _settle_memory()
        database = Database(db)
    with database, _summary(database.url) as (summary, committed):
        _report(database.iter_ingest(paths, force=force, batch=batch, workers=workers, encoding=encoding,
                                     on_skip=report_skipped, committed=committed), progress, "ingesting", summary,
                paths)


@main.command("load")
@click.argument("paths", nargs=-1, required=True, metavar="FACTS.jsonl...")
@db_option
@click.option("--force", is_flag=True, help="Replace what is stored for articles already stored.")
@click.option("--batch", type=click.IntRange(min=1), default=BATCH, show_default=True, help=_BATCH_HELP)
@click.option("--progress/--no-progress", default=None, help="Show a progress bar  [default: on a terminal]")
@handle_errors
def load(paths: tuple[str, ...], db: str | None, force: bool, batch: int, progress: bool | None) -> None:
    """Store facts that `relations extract --text` printed, as `relations ingest` would.

    The second half of ingest, for extraction run elsewhere (other processes, other machines):
    each line of FACTS.jsonl (a file, a directory of them, a glob, or - for standard input) is
    one article's facts with its normalised text. They are stored with the same merging as
    ingest; an article already stored (same normalised text or same url) is skipped unless
    --force, so loading the same facts twice stores them once. A line that cannot be loaded is
    reported with its file and line, the others are still stored, and the exit status is 1.
    With GNU parallel: parallel --pipe -N 500 relations extract --text - < corpus.jsonl |
    relations load - --batch 500.

    \b
    Example:
        relations extract --text seeds/articles | relations load -
    """
    with _start_up():
        from ..database import Database

        database = Database(db)
    with database, _summary(database.url) as (summary, committed):
        _report(database.iter_load(paths, force=force, batch=batch, committed=committed), progress, "loading",
                summary, paths)


@main.command("reprocess")
@db_option
@click.option("--outdated", is_flag=True, help="Only articles read by another extractor version than this one.")
@click.option("--batch", type=click.IntRange(min=1), default=BATCH, show_default=True, help=_BATCH_HELP)
@click.option("--progress/--no-progress", default=None, help="Show a progress bar  [default: on a terminal]")
@handle_errors
def reprocess(db: str | None, outdated: bool, batch: int, progress: bool | None) -> None:
    """Read stored articles again with this version of the extractor.

    What was read from each article is replaced, each article atomically (its own savepoint): an
    article that fails keeps what it had. A fact read again unchanged keeps its key and its id
    (`relations show` takes either); one no longer read is removed; a new one gets a new key
    and id. Calls other articles also reported stay.

    \b
    Example:
        relations reprocess --outdated --db relations.db
    """
    from ..database import Database

    _settle_memory()
    with Database(db, create=False) as database, _summary(database.url) as (summary, committed):
        _report(database.reprocess(outdated=outdated, batch=batch, committed=committed), progress, "reprocessing",
                summary)
