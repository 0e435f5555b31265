"""Documentation: every command of the CLI is described in README.md (as `relations COMMAND`)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from relations.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command as typed: "ingest", "db upgrade"... (a group itself is not a command)."""
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += command_paths(command, prefix + (name,))
        else:
            found.append(" ".join(prefix + (name,)))
    return found


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [c for c in command_paths() if not re.search(rf"\brelations {re.escape(c)}\b", text)]
    assert missing == []
