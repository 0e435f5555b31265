"""``docs/modules.md`` names every module of the package outside extraction (whose modules it
names by group), so the map cannot silently fall behind the code."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "relations"


def test_the_module_map_names_every_module():
    text = (ROOT / "docs" / "modules.md").read_text(encoding="utf-8")
    modules = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                     if "extraction" not in p.relative_to(PACKAGE).parts)
    assert modules, "no modules found"
    missing = [m for m in modules if f"`{m}`" not in text and f"`relations/{m}`" not in text]
    assert missing == []
    assert "docs/modules.md" in (ROOT / "README.md").read_text(encoding="utf-8")
