"""Documentation: every command of the CLI is described in README.md (as `relations COMMAND`)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

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


@pytest.mark.parametrize("command", command_paths())
def test_every_command_is_in_the_readme(command):
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"\brelations {re.escape(command)}\b", text), f"relations {command} is not in README.md"
