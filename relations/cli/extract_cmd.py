"""``relations extract``: print the facts read from articles (no database)."""

from __future__ import annotations

import json
import sys

import click

from ..errors import InputError
from ..inputs import iter_records
from . import main
from .common import encoding_option, report_skipped


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one facts object a line; json: one indented JSON array.")
@click.option("--text/--no-text", "with_text", default=False, help="Include the normalised text the offsets point into.")
@encoding_option
def extract_command(inputs: tuple[str, ...], fmt: str, with_text: bool, encoding: str | None) -> None:
    """Read articles and print the facts found in each, in input order.

    INPUT is a .txt file (article text; an optional first line `date YYYY-MM-DD`), a .json
    file (one record, or an array), a .jsonl file (one record a line: "text" required; "id", "published",
    "title", "url", "source" optional), a directory (read recursively; hidden files and files of
    other kinds skipped, a warning naming them) or - for standard input. A PDF, an image or an
    archive is refused whatever its name; text is UTF-8 unless --encoding names another.
    Nothing is written to a database. A record that cannot be read is reported on
    stderr with its file and line; the others are still printed, and the exit status is 1.
    .jsonl inputs are read a line at a time, so memory stays flat on a whole corpus.

    With --text, each line carries the normalised text its offsets point into: what
    `relations load` needs to store the facts as `relations ingest` would (relations extract
    --text corpus.jsonl | relations load -). Extraction is a pure map step, so it can run
    anywhere, split as finely as wanted (GNU parallel, a batch system).

    \b
    Example:
        relations extract --format jsonl seeds/articles/*.txt > facts.jsonl
    """
    from ..extraction import extract_quiet as extract  # the doubts are printed below, one line each

    out = sys.stdout
    failed = 0
    first = True
    if fmt == "json":
        out.write("[")
    for rec in iter_records(inputs, encoding=encoding, on_skip=report_skipped):
        if isinstance(rec, InputError):
            failed += 1
            click.echo(f"error: {rec}", err=True)
            continue
        facts = extract(rec.text, id=rec.id, published=rec.published, source=rec.source, title=rec.title, url=rec.url)
        for doubt in facts.warnings:
            click.echo(f"warning: {rec.origin}: {doubt}", err=True)
        d = facts.to_dict(include_text=with_text)
        if fmt == "jsonl":
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        else:
            out.write(("\n" if first else ",\n") + json.dumps(d, ensure_ascii=False, indent=2))
        first = False
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")
    out.flush()
    if failed:
        click.echo(f"{failed} input(s) could not be read", err=True)
        sys.exit(1)
