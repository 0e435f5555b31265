"""The ``relations`` command line: thin wrappers that call the library and print.

Each command lives in its own module and registers itself on ``main``; library errors
(``RelationsError``) become one line on stderr and exit status 1.
"""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="relations")
def main() -> None:
    """Turn diplomatic readouts into a dated, sourced bilateral-relations timeline.

    \b
    Example:
        relations ingest seeds/articles && relations timeline China Belarus
    """


def _register() -> None:
    from . import db_cmd  # noqa: F401
    from . import extract_cmd  # noqa: F401
    from . import ingest_cmd, query_cmd  # noqa: F401


_register()
