"""What is read from a directory and what is not: hidden files and other kinds are skipped and
named, PDFs and images refused by their first bytes (whatever their name), and text in another
encoding read with --encoding."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from relations.cli import main
from relations.errors import InputError
from relations.inputs import ENCODING_HINT, iter_records

TEXT = "Chinese President Xi Jinping held phone talks with Belarusian President Alexander Lukashenko."


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    (d / ".git").mkdir(parents=True)
    (d / "sub").mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / ".hidden.txt").write_text("x", encoding="utf-8")
    (d / ".git" / "notes.txt").write_text(TEXT, encoding="utf-8")
    (d / "page.html").write_text("<html></html>", encoding="utf-8")
    (d / "sub" / "notes.md").write_text("# notes", encoding="utf-8")
    (d / "sub" / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    return d


def test_a_directory_skips_hidden_files_and_other_kinds_and_names_them(corpus):
    told = []
    records = list(iter_records([str(corpus)], on_skip=lambda *a: told.append(a)))
    assert [r.id for r in records] == ["a"]
    assert told == [(str(corpus), ["page.html", "sub/notes.md", "sub/scan.pdf"], [".git/notes.txt", ".hidden.txt"])]


def test_the_cli_says_what_it_skipped_in_one_line(corpus):
    result = CliRunner().invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {corpus}: skipped 3 files that are not .txt, .json or .jsonl (page.html, "
                             "sub/notes.md, sub/scan.pdf) and 2 hidden files (.git/notes.txt, .hidden.txt)\n")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]


@pytest.mark.parametrize("name, head, what", [
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\n", "a PDF file, not text: extract its text first"),
    ("looks.txt", b"%PDF-1.4\nplain ascii\n", "a PDF file, not text: extract its text first"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not text"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image, not text"),
    ("report.docx", b"PK\x03\x04\x14\x00", "a ZIP archive (or a .docx, .odt, .xlsx file), not text"),
])
def test_a_pdf_or_image_given_by_name_is_refused_in_one_line(tmp_path, name, head, what):
    path = tmp_path / name
    path.write_bytes(head + b"more bytes\n")
    out = list(iter_records([str(path)]))
    assert len(out) == 1 and isinstance(out[0], InputError)
    assert str(out[0]).startswith(f"{path}: {what}")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "r.db"), "--no-progress"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {out[0]}"]
    assert result.stdout.endswith(": 0 new, 0 skipped, 1 failed\n")


def test_latin1_text_is_refused_naming_encoding_then_read_with_it(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes((TEXT + " Caf\xe9.").encode("latin-1"))
    refused = CliRunner().invoke(main, ["extract", str(path)])
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (f"error: {path}: not UTF-8 text: invalid byte 0xe9 at offset "
                                              f"{len(TEXT) + 4}{ENCODING_HINT}")
    assert "--encoding" in ENCODING_HINT
    read = CliRunner().invoke(main, ["extract", "--text", "--encoding", "latin-1", str(path)])
    assert read.exit_code == 0, read.output
    assert json.loads(read.stdout)["text"].endswith("Café.")


def test_json_lines_in_another_encoding_are_read_with_it(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps({"text": TEXT + " Café."}, ensure_ascii=False).encode("cp1252") + b"\n")
    [bad] = iter_records([str(path)])
    assert isinstance(bad, InputError) and str(bad).endswith(ENCODING_HINT)
    [good] = iter_records([str(path)], encoding="cp1252")
    assert good.text.endswith("Café.")


def test_an_unknown_encoding_is_a_usage_error(tmp_path):
    for command in (["extract"], ["ingest", "--db", str(tmp_path / "r.db")]):
        result = CliRunner().invoke(main, [*command, "--encoding", "klingon", "-"], input="")
        assert result.exit_code == 2
        assert "Invalid value for '--encoding': unknown encoding 'klingon'" in result.stderr
