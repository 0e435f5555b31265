"""Interop codes (relations.interop, `relations export`, the view event_codes): each fact's CAMEO
code and PLOVER type from relations/lexicon/event_codes.tsv, and the records written in ICEWS's
and PLOVER's published layouts, on the seed article and the three invented China-Belarus
readouts of tests/fixtures/china_belarus, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from relations import Database
from relations.cli import main
from relations.enumerations import CALL_MEDIA, COMMITMENT_KINDS
from relations.interop.codes import codes_of, rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "china_belarus"

# The columns of ICEWS coded event data as published (Harvard Dataverse, doi:10.7910/DVN/28075,
# the header line of its events.YYYY.*.tab files), written out here from that header.
ICEWS_PUBLISHED = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                   "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                   "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
                   "Longitude"]

# The PLOVER manual (github.com/openeventdata/PLOVER, PLOVER_MANUAL.tex, draft 0.7b1), table
# "PLOVER JSON" (the record's fields, the required ones) and "Information object for actors".
PLOVER_RECORD = {"id", "has_event", "date", "time", "enddate", "endtime", "source", "recipient", "event", "event_loc",
                 "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info",
                 "cite_info", "coder", "coded_date", "coded_time", "comment"}
PLOVER_REQUIRED = {"id", "date", "source", "event"}
PLOVER_ACTOR = {"code", "sector", "actor_text", "identifier_id", "identifier_text", "actor_loc", "religion",
                "ethnicity", "office", "gender", "age"}
PLOVER_TEXT_INFO = {"sequence", "start", "end", "text_story", "connlu_parse", "treebank_parse"}
PLOVER_CITE_INFO = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright", "coder",
                    "codebook", "version"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
CONSULT_MODES = {"visit", "third-party", "multilateral", "phone"}
# the manual's "PLOVER equivalents to CAMEO cue categories", for the roots the mapping uses but 02
# (APPEAL, dropped by PLOVER: a proposal is PLOVER's AGREE, an offer; README "Interop codes")
ROOT_TO_PLOVER = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "11": "ACCUSE"}
# names of the CAMEO codes used, as the CAMEO codebook 1.1b3 gives them
CAMEO_NAMES = {"020": "Make an appeal or request", "030": "Express intent to cooperate",
               "036": "Express intent to meet or negotiate", "040": "Consult", "041": "Discuss by telephone",
               "050": "Engage in diplomatic cooperation", "051": "Praise or endorse", "057": "Sign formal agreement",
               "110": "Disapprove"}


@pytest.fixture
def four_years(db_url) -> str:
    with Database(db_url) as db:
        assert db.ingest_path(str(SEEDS), str(FIXTURES)).new == 4
    return db_url


def test_every_call_held_or_planned_and_every_commitment_kind_has_codes_and_a_denied_call_none():
    for medium in CALL_MEDIA:
        assert codes_of("call", medium, "held").plover_event == ("CONSULT",)
        assert codes_of("call", medium, "planned").cameo == "036"
        assert codes_of("call", medium, "denied") is None
    assert codes_of("call", "phone", "held").plover_mode == ("phone",)
    assert codes_of("call", "video", "held").cameo == "041"
    assert codes_of("call", "in_person", "held").cameo == "040"
    assert {k: codes_of("commitment", k, text="deepen cooperation").cameo for k in COMMITMENT_KINDS} == {
        "pledge": "030", "proposal": "020", "agreement": "030", "support": "051", "opposition": "110"}
    assert codes_of("partnership", "upgrade").cameo == "050"


def test_an_agreement_is_a_signing_only_when_its_action_begins_with_a_signing_verb():
    assert codes_of("commitment", "agreement", text="Signed a treaty on trade").cameo == "057"
    assert codes_of("commitment", "agreement", text="ink a deal on energy").cameo == "057"
    assert codes_of("commitment", "agreement", text="signal their readiness to talk").cameo == "030"
    assert codes_of("commitment", "pledge", text="sign a treaty").cameo == "030"


@pytest.mark.parametrize("rule", rules(), ids=lambda r: f"{r.fact}-{r.kind}-{r.status or ''}-{r.codes.cameo}")
def test_each_rule_names_its_code_as_the_codebooks_do(rule):
    c = rule.codes
    assert CAMEO_NAMES[c.cameo] == c.cameo_name
    assert set(c.plover_event) <= PLOVER_TYPES
    if c.cameo_root in ROOT_TO_PLOVER and c.cameo != "057":  # signing: PLOVER SUPPORT, CAMEO 05 too
        assert c.plover_event == (ROOT_TO_PLOVER[c.cameo_root],)
    if c.plover_mode:
        assert c.plover_event == ("CONSULT",) and set(c.plover_mode) <= CONSULT_MODES
    assert c.plover_quad == (3 if "ACCUSE" in c.plover_event else 1)


def _export(url: str, *args: str, tmp_path: Path, name: str = "out") -> tuple[int, str, str]:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["export", *args, "-o", str(out), "--db", url])
    return result.exit_code, out.read_text(encoding="utf-8") if out.exists() else "", result.stderr


def test_cameo_export_has_icews_published_columns_and_reciprocal_call_rows(four_years, tmp_path):
    code, text, err = _export(four_years, "--format", "cameo", tmp_path=tmp_path)
    assert code == 0, err
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    assert rows[0] == ICEWS_PUBLISHED
    assert all(len(r) == len(ICEWS_PUBLISHED) for r in rows)
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    call = [r for r in body if r["Event Date"] == "2021-01-26" and r["CAMEO Code"] == "041"]
    assert {(r["Source Name"], r["Target Name"]) for r in call} == {("Xi Jinping", "Alexander Lukashenko"),
                                                                   ("Alexander Lukashenko", "Xi Jinping")}
    assert {r["Source Country"] for r in call} == {"China", "Belarus"} and {r["Intensity"] for r in call} == {"1.0"}
    assert all(r["Publisher"] == "Xinhua" for r in call)
    opposition = [r for r in body if r["CAMEO Code"] == "110"]
    assert [(r["Source Country"], r["Event Text"], r["Intensity"]) for r in opposition] == [
        ("Belarus", "Disapprove", "-2.0")]
    assert [r["Event Date"] for r in body] == sorted(r["Event Date"] for r in body)
    assert {r["CAMEO Code"] for r in body} == {"041", "040", "020", "030", "051", "110", "050"}
    assert len({r["Event ID"] for r in body}) == len(body)


def test_plover_export_uses_the_manuals_field_names(four_years, tmp_path):
    code, text, err = _export(four_years, "--format", "plover", tmp_path=tmp_path)
    assert code == 0, err
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == 4 + 17 + 1  # calls, commitments, the 2022 upgrade
    for r in records:
        assert PLOVER_REQUIRED <= set(r) <= PLOVER_RECORD
        assert all(set(a) <= PLOVER_ACTOR for a in r["source"] + r["recipient"])
        assert set(r["text_info"]) <= PLOVER_TEXT_INFO and set(r["cite_info"]) <= PLOVER_CITE_INFO
        assert set(r["event"]) <= PLOVER_TYPES and r["quad_code"] in (1, 2, 3, 4)
    phone = records[0]
    assert (phone["date"], phone["event"], phone["mode"], phone["recipient"]) == (
        "2021-01-26", ["CONSULT"], ["phone"], [])
    assert {a["code"] for a in phone["source"]} == {"BLR", "CHN"}
    made_in_it = [r for r in records if r["link"] == phone["id"] and r["id"] != phone["id"]]
    assert len(made_in_it) == 9 and all(r["source"][0]["code"] in ("BLR", "CHN") for r in made_in_it)
    assert [r["event"] for r in records if r["comment"].startswith("partnership")] == [["SUPPORT"]]


def test_country_and_dates_select_the_events_and_a_bad_country_writes_nothing(four_years, tmp_path):
    code, text, _ = _export(four_years, "--format", "plover", "--country", "Belarus", "--since", "2023-01-01",
                            tmp_path=tmp_path)
    assert code == 0
    assert {json.loads(line)["date"] for line in text.splitlines()} == {"2023-03-01", "2024-07-04"}
    code, text, _ = _export(four_years, "--format", "plover", "--country", "Japan", tmp_path=tmp_path, name="none")
    assert code == 0 and text == ""
    code, text, err = _export(four_years, "--format", "cameo", "--country", "Atlantis", tmp_path=tmp_path,
                              name="bad")
    assert code == 1 and "Atlantis" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "bad").exists()


def test_undated_facts_are_left_out_and_counted(db_url, tmp_path):
    with Database(db_url) as db:
        db.ingest_text("Chinese President Xi Jinping held a phone call with Belarusian President Alexander "
                       "Lukashenko. Xi said China supports Belarus in safeguarding its stability.", id="undated")
    code, text, err = _export(db_url, "--format", "cameo", tmp_path=tmp_path)
    assert code == 0 and text.count("\n") == 1  # the header alone
    assert "left out, undated: 1 call, 1 commitment" in err


def test_the_view_gives_the_codes_the_library_gives(four_years):
    with Database(four_years, create=False) as db, db.engine.connect() as conn:
        conn.execute(sa.text("UPDATE commitments SET kind = 'agreement', text = 'signed a treaty on trade' "
                             "WHERE id = 1"))
        conn.execute(sa.text("UPDATE calls SET status = 'denied' WHERE id = 2"))
        view = conn.execute(sa.text("SELECT fact, fact_id, cameo_code, goldstein, plover_event, plover_mode, "
                                    "plover_quad FROM event_codes")).all()
        calls = conn.execute(sa.text("SELECT id, medium, status FROM calls")).all()
        commitments = conn.execute(sa.text("SELECT id, kind, text FROM commitments")).all()
        upgrades = conn.execute(sa.text("SELECT id FROM partnerships WHERE upgrade")).scalars().all()
    expected = {("call", i): codes_of("call", m, s) for i, m, s in calls}
    expected |= {("commitment", i): codes_of("commitment", k, text=t) for i, k, t in commitments}
    expected |= {("partnership", i): codes_of("partnership", "upgrade") for i in upgrades}
    got = {(f, i): (code, float(g) if g is not None else None, e, mode, q) for f, i, code, g, e, mode, q in view}
    assert set(got) == set(expected)
    for k, c in expected.items():
        want = (None,) * 5 if c is None else (c.cameo, c.goldstein, "|".join(c.plover_event),
                                                "|".join(c.plover_mode) or None, c.plover_quad)
        assert got[k] == want, k
    assert got["commitment", 1][0] == "057" and got["call", 2][0] is None
