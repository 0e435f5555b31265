"""Running ``relations`` as real processes, for the tests of concurrent writers and of faults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from relations import extract

CLI = [sys.executable, "-c", "from relations.cli import main; main()"]


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("RELATIONS_DATABASE_URL", "RELATIONS_TEST_DATABASE_URL")}
    out.update(extra)
    return out


def start(*args: str, **popen) -> subprocess.Popen:
    """``relations ARGS...`` started in a child process, its output captured."""
    popen.setdefault("env", env())
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run(*args: str, timeout: float = 120, **popen) -> subprocess.CompletedProcess:
    proc = start(*args, **popen)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def count(url: str, table: str = "articles") -> int:
    """Rows in ``table`` (0 while the database has no such table yet)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
    except sa.exc.DBAPIError:
        return 0
    finally:
        engine.dispose()


def wait_for(url: str, at_least: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    """Poll until ``url`` holds at least ``at_least`` articles (or ``proc`` ended); the count."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = count(url)
        if n >= at_least or proc.poll() is not None:
            return n
        time.sleep(0.01)
    raise TimeoutError(f"{url} never held {at_least} articles")


def write_facts(path: Path, rows: list[dict]) -> Path:
    """The facts of ``rows`` as ``relations extract --text`` prints them."""
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            facts = extract(r["text"], id=r.get("id"), published=r.get("published"), source=r.get("source"),
                            url=r.get("url"))
            f.write(json.dumps(facts.to_dict(include_text=True), ensure_ascii=False) + "\n")
    return path


def summary(out: str) -> dict[str, int]:
    """The counts of a run's summary line ("URL: 3 new, 1 skipped, 0 failed")."""
    counts = out.strip().splitlines()[-1].rsplit(": ", 1)[1]
    return {what: int(n) for n, what in (part.split(" ", 1) for part in counts.split(", "))}
