"""Listing the commands must stay fast: `relations --help` imports neither SQLAlchemy nor
Alembic (each command's module imports them when it runs)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from relations.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(sorted(m for m in ("sqlalchemy", "alembic", "relations.database") if m in sys.modules), file=sys.stderr)
"""


def test_help_lists_every_command_without_loading_the_database_layer():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    for command in ("ingest", "timeline", "articles", "topics", "db"):
        assert f"  {command} " in done.stdout


def test_the_search_kinds_the_cli_offers_are_the_librarys():
    from relations.cli.query_cmd import SEARCH_KINDS
    from relations.storage.search import KINDS

    assert SEARCH_KINDS == KINDS
