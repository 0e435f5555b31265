"""``relations extract``: print the facts read from articles (no database)."""

from __future__ import annotations

import click

from . import main


@main.command("extract")
def extract() -> None:
    """Print the facts read from each article (placeholder)."""
    raise click.ClickException("not implemented yet")
