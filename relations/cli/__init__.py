"""The ``relations`` command line: thin wrappers that call the library and print.

Each command lives in its own module and registers itself on ``main``; library errors
(``RelationsError``) become one line on stderr and exit status 1. A command's module is
imported only when that command runs (or when ``--help`` lists them all): ``relations
extract`` never loads SQLAlchemy, and ``relations ingest --workers`` starts its workers
before the database layer is even imported.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from .. import __version__

# command -> the module (in this package) that defines it
COMMANDS = {
    "db": "db_cmd", "extract": "extract_cmd", "ingest": "ingest_cmd", "load": "ingest_cmd",
    "reprocess": "ingest_cmd", "timeline": "query_cmd", "calls": "query_cmd", "commitments": "query_cmd",
    "leaders": "query_cmd", "show": "query_cmd", "stats": "query_cmd", "search": "query_cmd",
    "threads": "analysis_cmd", "partnership": "analysis_cmd", "chart": "analysis_cmd",
    "export": "export_cmd", "articles": "browse_cmd", "partnerships": "browse_cmd", "topics": "browse_cmd", "countries": "browse_cmd",
}


def _import(module: str) -> None:
    importlib.import_module(f"{__name__}.{module}")


class _Commands(dict):
    """A group's commands. Reading them all (a missing key, iteration, items...) imports every
    command module first, so code that walks ``group.commands`` sees every command."""

    loaded = False

    def load_all(self) -> None:
        if not self.loaded:
            self.loaded = True
            for module in sorted(set(COMMANDS.values())):
                _import(module)

    def __getitem__(self, key: str) -> Any:
        if not dict.__contains__(self, key):
            self.load_all()
        return dict.__getitem__(self, key)

    def _whole(name: str) -> Any:  # noqa: N805 - builds the methods below
        def method(self: _Commands, *args: Any) -> Any:
            self.load_all()
            return getattr(dict, name)(self, *args)

        return method

    __contains__ = _whole("__contains__")
    __iter__ = _whole("__iter__")
    __len__ = _whole("__len__")
    get = _whole("get")
    items = _whole("items")
    keys = _whole("keys")
    values = _whole("values")


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(dict.keys(self.commands)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        if not dict.__contains__(self.commands, cmd_name) and cmd_name in COMMANDS:
            _import(COMMANDS[cmd_name])
        return dict.get(self.commands, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="relations")
def main() -> None:
    """Turn diplomatic readouts into a dated, sourced bilateral-relations timeline.

    \b
    Example:
        relations ingest seeds/articles && relations timeline China Belarus
    """

