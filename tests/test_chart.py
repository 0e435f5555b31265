"""`relations chart`: one self-contained HTML page (relations.chart), its marks counted from the
stored rows, every article string escaped, and the page opened in headless Chromium.

The browser test skips when Chromium is not installed, unless RELATIONS_REQUIRE_BROWSER=1
(set by .ci/run, which installs Debian's chromium): then it fails. Its screenshots go to
$RELATIONS_TEST_ARTEFACTS (default: the test's tmp directory).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from relations import Database
from relations.chart.page import _json_for_script
from relations.cli import main
from relations.engine import ENV_URL
from relations.inputs import Record

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "china_belarus"
EVIL = "<script>alert('x')</script> & <b>Lukashenko</b> talks"
EVIL_TEXT = ("MINSK, Nov. 2 (BelTA) -- Belarusian President Alexander Lukashenko held a telephone conversation "
             "with Chinese President Xi Jinping on Tuesday.\n\nLukashenko said Belarus will expand exports of "
             "dairy products to China.")
# the four articles: 4 calls, 17 commitments, 2 partnership levels and 1 upgrade; the fifth adds
# a call and a commitment
PAIR_MARKS = 24 + 2


@pytest.fixture
def five(db_url) -> str:
    with Database(db_url) as db:
        assert db.ingest_path(str(SEEDS), str(FIXTURES)).new == 4
        (result,) = db.ingest_records([Record(EVIL_TEXT, "evil", id="evil", published="2021-11-03", source="BelTA",
                                              title=EVIL)])
    return db_url


def _page(db_url: str, *countries: str, **kwargs) -> str:
    with Database(db_url, create=False) as db:
        return db.chart(*countries, **kwargs)


def _data(page: str) -> str:
    return re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', page, re.S).group(1)


def test_the_pair_chart_has_a_mark_for_each_call_commitment_level_and_upgrade(five):
    import json

    data = json.loads(_data(_page(five, "China", "Belarus")))
    shapes = [m["shape"] for m in data["marks"]]
    assert len(shapes) == PAIR_MARKS
    assert shapes.count("band") == 2 and shapes.count("diamond") == 1
    assert data["lanes"][-1] == "partnership" and data["start"] == "2021-01-26" and data["end"] == "2024-07-04"
    since = json.loads(_data(_page(five, "China", "Belarus", since="2023-01-01", until="2023-12-31")))
    assert [m["start"] for m in since["marks"] if m["shape"] != "band"] == ["2023-03-01"] * 4
    assert [(m["start"], m["end"]) for m in since["marks"] if m["shape"] == "band"] == [("2023-01-01", "2023-12-31")]


def test_the_country_chart_has_a_mark_per_partner_and_year(five):
    import json

    data = json.loads(_data(_page(five, "China")))
    assert data["lanes"] == ["BLR"]
    assert [(m["start"], m["label"]) for m in data["marks"]] == [
        ("2021-07-01", "BLR 2021: 2 calls"), ("2022-07-01", "BLR 2022: 1 call"), ("2023-07-01", "BLR 2023: 1 call"),
        ("2024-07-01", "BLR 2024: 1 call")]


def test_the_page_is_self_contained_and_every_article_string_is_escaped(five):
    page = _page(five, "Belarus", "China")
    assert "<script>alert" not in page and "<b>Lukashenko" not in page
    assert page.count("<script") == 2  # the data and the drawing code, nothing an article brought
    assert not re.search(r"\b(?:src|href)=|<link|@import|url\(", page)  # nothing fetched
    assert re.findall(r"https?://[^\s\"'<]+", page) == ["http://www.w3.org/2000/svg"]
    assert EVIL.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") in _data(page)
    assert _json_for_script("</script>\u2028") == '"\\u003c/script\\u003e\\u2028"'


def test_cli_chart_writes_the_file_and_errors_are_one_line(five, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    runner = CliRunner()
    out = tmp_path / "china-belarus.html"
    result = runner.invoke(main, ["chart", "China", "Belarus", "-o", str(out), "--db", five])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    one = runner.invoke(main, ["chart", "CHN", "-o", "-", "--db", five])
    assert one.exit_code == 0 and "China and its partners" in one.stdout
    bad = runner.invoke(main, ["chart", "Atlantis", "-o", str(out), "--db", five])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: unknown country 'Atlantis'")
    assert runner.invoke(main, ["chart", "China", "--since", "2021-13-01", "-o", "-", "--db", five]).exit_code == 1


# -- in a real browser ------------------------------------------------------------------------


def _chromium() -> str | None:
    found = os.environ.get("RELATIONS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("RELATIONS_REQUIRE_BROWSER") == "1":
            pytest.fail("RELATIONS_REQUIRE_BROWSER=1 but no chromium: apt-get install -y chromium")
        pytest.skip("chromium not installed (apt-get install -y chromium); CI sets RELATIONS_REQUIRE_BROWSER=1")
    return found


def _run_chromium(chromium: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={home}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(home)})


def test_the_chart_renders_in_headless_chromium_without_errors(five, tmp_path, db_url):
    chromium = _chromium()
    artefacts = Path(os.environ.get("RELATIONS_TEST_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    import json

    for name, countries, expected in (("pair", ("China", "Belarus"), PAIR_MARKS), ("country", ("China",), 4)):
        page = _page(five, *countries)
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        marks = json.loads(_data(page))["marks"]
        evil = next((i for i, m in enumerate(marks) if any(v == EVIL for _k, v in m["details"])), 0)
        url = f"{path.as_uri()}#mark={evil}"
        dom = _run_chromium(chromium, tmp_path / f"home-{name}", "--dump-dom", url)
        assert dom.returncode == 0, dom.stderr[-2000:]
        status = re.search(r'<output id="status"[^>]*>(.*?)</output>', dom.stdout).group(1)
        assert status == f"ok {expected} marks", status
        assert len(re.findall(r'class="mark(?: sel)?"', dom.stdout)) == expected
        assert "Uncaught" not in dom.stderr and not re.search(r"CONSOLE.*(?:Error|error)", dom.stderr)
        assert len(re.findall(r"<script\b", dom.stdout)) == 2
        if name == "pair":  # the selected mark's article title shown as text
            assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;Lukashenko&lt;/b&gt; talks" in dom.stdout
        shot = artefacts / f"chart-{name}-{'pg' if db_url.startswith('postgresql') else 'sqlite'}.png"
        done = _run_chromium(chromium, tmp_path / f"home-{name}-shot", "--window-size=1040,720",
                             f"--screenshot={shot}", url)
        assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
