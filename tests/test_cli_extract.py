"""``relations extract`` through click's CliRunner: every kind of input, both output formats, and
every kind of unreadable input reported as one line naming it, with a non-zero exit status.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from relations.cli import main

CALL = "Chinese President Xi Jinping held a phone conversation with Russian President Vladimir Putin on Tuesday."
MEETING = "President Joe Biden met Prime Minister Justin Trudeau of Canada at the White House today."


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(main, ["extract", *args], input=input)

    return invoke


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- inputs ---------------------------------------------------------------------------------------


def test_txt_with_a_date_line(run, tmp_path):
    write(tmp_path / "xi_putin.txt", f"date 2021-01-27\n{CALL}\n")
    r = run("xi_putin.txt")
    assert r.exit_code == 0, r.stderr
    [facts] = lines(r)
    assert facts["id"] == "xi_putin"
    assert facts["article"]["published"] == "2021-01-27"
    [call] = facts["calls"]
    assert (call["countries"], call["medium"], call["date"]) == (["CHN", "RUS"], "phone", "2021-01-26")
    assert r.stderr == ""


def test_txt_without_a_date_line(run, tmp_path):
    write(tmp_path / "plain.txt", CALL)
    [facts] = lines(run("plain.txt"))
    assert facts["id"] == "plain"
    assert facts["article"]["published"] is None
    assert facts["calls"][0]["date"] is None


def test_json_file_with_one_record(run, tmp_path):
    write(tmp_path / "one.json", json.dumps({"id": "rec-1", "text": MEETING, "published": "2021-01-27",
                                            "source": "White House", "title": "Readout", "url": "https://x.gov/1"}))
    r = run("one.json")
    assert r.exit_code == 0, r.stderr
    [facts] = lines(r)
    assert facts["id"] == "rec-1"
    assert facts["article"]["source"] == "White House"
    assert facts["article"]["title"] == "Readout"
    assert facts["article"]["url"] == "https://x.gov/1"
    assert facts["calls"][0]["date"] == "2021-01-27"


def test_json_record_without_id_takes_the_file_name(run, tmp_path):
    write(tmp_path / "readout.json", json.dumps({"text": MEETING}))
    assert [f["id"] for f in lines(run("readout.json"))] == ["readout"]


def test_jsonl_prints_every_record_in_input_order_with_its_id(run, tmp_path):
    ids = ["c", "a", "b", "d"]
    texts = [CALL, MEETING, "The talks were held in Minsk.", CALL]
    write(tmp_path / "many.jsonl", "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, texts)) + "\n")
    r = run("many.jsonl")
    assert r.exit_code == 0, r.stderr
    assert [f["id"] for f in lines(r)] == ids


def test_several_inputs_keep_their_order(run, tmp_path):
    write(tmp_path / "z.txt", CALL)
    write(tmp_path / "a.jsonl", json.dumps({"id": "j", "text": MEETING}) + "\n")
    assert [f["id"] for f in lines(run("z.txt", "a.jsonl"))] == ["z", "j"]


def test_directory_is_read_recursively_in_sorted_order(run, tmp_path):
    write(tmp_path / "in" / "b.txt", CALL)
    write(tmp_path / "in" / "a.txt", MEETING)
    write(tmp_path / "in" / "sub" / "c.jsonl", json.dumps({"id": "c1", "text": CALL}) + "\n")
    write(tmp_path / "in" / "notes.md", "not an article")
    r = run("in")
    assert r.exit_code == 0, r.stderr
    assert [f["id"] for f in lines(r)] == ["a", "b", "c1"]


def test_glob_pattern_is_expanded(run, tmp_path):
    write(tmp_path / "arts" / "x1.txt", CALL)
    write(tmp_path / "arts" / "x2.txt", MEETING)
    write(tmp_path / "arts" / "y.json", json.dumps({"text": CALL}))
    r = run("arts/*.txt")
    assert r.exit_code == 0, r.stderr
    assert [f["id"] for f in lines(r)] == ["x1", "x2"]


def test_stdin_text(run):
    r = run("-", input=f"date 2021-01-27\n{CALL}\n")
    assert r.exit_code == 0, r.stderr
    [facts] = lines(r)
    assert facts["article"]["published"] == "2021-01-27"
    assert facts["calls"][0]["countries"] == ["CHN", "RUS"]


def test_stdin_jsonl(run):
    data = json.dumps({"id": "s1", "text": CALL}) + "\n" + json.dumps({"id": "s2", "text": MEETING}) + "\n"
    r = run("-", input=data)
    assert r.exit_code == 0, r.stderr
    assert [f["id"] for f in lines(r)] == ["s1", "s2"]


def test_stdin_bad_line_is_named_by_line(run):
    r = run("-", input=json.dumps({"id": "ok", "text": CALL}) + "\n{broken\n")
    assert r.exit_code == 1
    assert [f["id"] for f in lines(r)] == ["ok"]
    [err] = error_lines(r)
    assert err.startswith("error: <stdin>:2: not valid JSON")


def test_text_option_includes_the_normalised_text(run, tmp_path):
    write(tmp_path / "a.txt", "President Xi\nheld talks with\nPresident Putin.")
    [facts] = lines(run("--text", "a.txt"))
    assert facts["text"] == "President Xi held talks with President Putin."
    [facts] = lines(run("a.txt"))
    assert "text" not in facts


# -- JSON output ----------------------------------------------------------------------------------


def test_format_json_is_one_valid_array(run, tmp_path):
    write(tmp_path / "many.jsonl", json.dumps({"id": "1", "text": CALL}) + "\n" + json.dumps({"id": "2", "text": MEETING}))
    r = run("--format", "json", "many.jsonl")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert isinstance(data, list) and [f["id"] for f in data] == ["1", "2"]


def test_format_json_with_no_readable_input_is_an_empty_array(run):
    r = run("--format", "json", "missing.txt")
    assert r.exit_code != 0
    assert json.loads(r.stdout) == []
    assert error_lines(r) == ["error: missing.txt: no such file or directory"]


def test_format_json_with_an_empty_json_list_is_an_empty_array(run, tmp_path):
    write(tmp_path / "none.json", "[]")
    r = run("--format", "json", "none.json")
    assert json.loads(r.stdout) == []


def test_format_json_stays_valid_when_some_inputs_fail(run, tmp_path):
    write(tmp_path / "ok.txt", CALL)
    write(tmp_path / "empty.txt", "")
    r = run("--format", "json", "empty.txt", "ok.txt", "nope.txt")
    assert r.exit_code == 1
    assert [f["id"] for f in json.loads(r.stdout)] == ["ok"]
    assert len(error_lines(r)) == 2


def test_jsonl_with_no_readable_input_prints_nothing(run):
    r = run("missing.txt")
    assert r.exit_code == 1
    assert r.stdout == ""


def test_help_ends_with_an_example():
    r = CliRunner().invoke(main, ["extract", "--help"])
    assert r.exit_code == 0
    assert "Example:" in r.output and "relations extract" in r.output.split("Example:")[1]


def test_no_input_is_a_usage_error():
    r = CliRunner().invoke(main, ["extract"])
    assert r.exit_code == 2


# -- errors ---------------------------------------------------------------------------------------

BAD_INPUTS = {
    "empty": ("empty.txt", b"", "empty"),
    "blank": ("blank.txt", b"  \n\t\n", "empty"),
    "binary": ("image.txt", b"\x00\x01\x02\x03IHDR\x00\xff", "binary"),
    "image": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "a png image, not text"),
    "latin-1": ("latin.txt", "Pr\u00e9sident Macron a rencontr\u00e9 le chancelier.".encode("latin-1"), "UTF-8"),
    "json not JSON": ("bad.json", b'{"text": "unfinished', "JSON"),
    "json not an object": ("list.json", b'"just a string"', "object"),
    "json without text": ("notext.json", b'{"id": "x", "title": "no text"}', "text"),
    "json text not a string": ("num.json", b'{"text": 42}', "text"),
    "json empty text": ("blanktext.json", b'{"text": "   "}', "empty"),
    "json id not a string": ("badid.json", b'{"text": "Xi met Putin.", "id": {"a": 1}}', "id"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_unreadable_input_is_one_line_naming_it(run, tmp_path, case):
    name, content, word = BAD_INPUTS[case]
    write(tmp_path / name, content)
    write(tmp_path / "good.txt", CALL)
    r = run(name, "good.txt")
    assert r.exit_code == 1
    assert [f["id"] for f in lines(r)] == ["good"]
    [err] = error_lines(r)
    assert err.startswith(f"error: {name}: ")
    assert word.lower() in err.lower()
    assert "Traceback" not in r.stderr


def test_missing_path_is_named(run):
    r = run("does/not/exist.txt")
    assert r.exit_code == 1
    assert error_lines(r) == ["error: does/not/exist.txt: no such file or directory"]


def test_glob_matching_nothing_is_named(run):
    r = run("nothing*.jsonl")
    assert r.exit_code == 1
    assert error_lines(r) == ["error: nothing*.jsonl: no file matches this pattern"]


def test_directory_without_articles_is_named(run, tmp_path):
    write(tmp_path / "docs" / "readme.md", "nothing here")
    r = run("docs")
    assert r.exit_code == 1
    assert error_lines(r) == ["error: docs: directory holds no .txt, .json or .jsonl file"]


def test_malformed_jsonl_line_is_reported_by_file_and_line_and_the_rest_printed(run, tmp_path):
    write(tmp_path / "mixed.jsonl", "\n".join([
        json.dumps({"id": "first", "text": CALL}),
        "{not json",
        json.dumps({"id": "third", "text": MEETING}),
        json.dumps({"id": "fourth"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "sixth", "text": CALL}),
    ]) + "\n")
    r = run("mixed.jsonl")
    assert r.exit_code == 1
    assert [f["id"] for f in lines(r)] == ["first", "third", "sixth"]
    errs = error_lines(r)
    assert [e.split(": ")[1] for e in errs] == ["mixed.jsonl:2", "mixed.jsonl:4", "mixed.jsonl:5"]
    assert "not valid JSON" in errs[0]
    assert '"text"' in errs[1]
    assert "3 input(s) could not be read" in r.stderr


def test_every_error_is_a_single_line(run, tmp_path):
    write(tmp_path / "e.txt", b"")
    write(tmp_path / "b.txt", b"\x00\x01\x02")
    r = run("e.txt", "b.txt", "gone.json")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [*error_lines(r), "3 input(s) could not be read"]
    assert len(error_lines(r)) == 3


def test_utf8_with_bom_and_utf16_are_read(run, tmp_path):
    write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + CALL.encode())
    write(tmp_path / "u16.txt", CALL.encode("utf-16"))
    r = run("bom.txt", "u16.txt")
    assert r.exit_code == 0, r.stderr
    assert [f["calls"][0]["countries"] for f in lines(r)] == [["CHN", "RUS"], ["CHN", "RUS"]]


def test_json_with_a_huge_integer_is_a_one_line_error(run, tmp_path):
    write(tmp_path / "huge.jsonl", '{"text": "Xi met Putin.", "id": ' + "9" * 5000 + "}\n"
          + json.dumps({"id": "next", "text": CALL}) + "\n")
    r = run("huge.jsonl")
    assert r.exit_code == 1
    assert [f["id"] for f in lines(r)] == ["next"]
    assert error_lines(r)[0].startswith("error: huge.jsonl:1:")


def test_record_with_a_lone_surrogate_does_not_stop_the_output(run, tmp_path):
    write(tmp_path / "sur.jsonl", '{"id": "s", "text": "Xi met \\ud800 Putin."}\n' + json.dumps({"id": "t", "text": CALL}) + "\n")
    r = run("sur.jsonl")
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert [f["id"] for f in lines(r)][-1] == "t"
