"""Read articles from files: ``.txt``, ``.json`` (one record), ``.jsonl`` (a record a line), ``-``.

A record is ``{"text", "id"?, "published"?, "title"?, "url"?, "source"?}``; a ``.txt`` file is
the text itself, with an optional first line ``date YYYY-MM-DD``, and its id is the file name
without extension. ``iter_records`` yields a ``Record`` or an ``InputError`` per article, so a
bad line is reported (file and line) and the rest still read. Directories are read
recursively (sorted), globs expanded.
"""

from __future__ import annotations

import glob
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

SUFFIXES = (".txt", ".json", ".jsonl")
_FIELDS = ("id", "published", "source", "title", "url")


@dataclass(frozen=True, slots=True)
class Record:
    text: str
    origin: str  # "path" or "path:line", for messages
    id: str | None = None
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files to read, in order: ``-``, files, directories (recursively), globs."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                yield InputError(p, "directory holds no .txt, .json or .jsonl file")
            yield from (str(f) for f in found)
        elif path.exists():
            yield p
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            for m in matches:
                yield from expand([m])
        else:
            yield InputError(p, "no such file or directory")


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputError(origin, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(origin, f"not valid UTF-16: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(origin, f"not UTF-8 text: invalid byte 0x{data[e.start]:02x} at offset {e.start}") from None


def json_reason(e: BaseException) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} (line {e.lineno}, column {e.colno})"
    if isinstance(e, RecursionError):
        return "nested too deeply"
    return str(e).split("\n")[0][:120]


def clean_str(s: str) -> str:
    """Drop lone surrogates (from JSON escapes like \\ud800): they cannot be written out."""
    if s.isascii():
        return s
    return s.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(s) else s


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def make_record(obj: object, origin: str, default_id: str | None) -> Record:
    if not isinstance(obj, dict):
        raise InputError(origin, f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(origin, "record has no \"text\" string" if text is None else "\"text\" is not a string")
    if not text.strip():
        raise InputError(origin, "record's text is empty")
    text = clean_str(text)
    fields: dict[str, str | None] = {}
    for f in _FIELDS:
        v = obj.get(f)
        if v is not None and not isinstance(v, (str, int, float)):
            raise InputError(origin, f"\"{f}\" must be a string")
        fields[f] = clean_str(str(v)) if v is not None else None
    if fields["id"] is None:
        fields["id"] = default_id
    return Record(text=text, origin=origin, **fields)


def read_file(path: str) -> Iterator[Record | InputError]:
    """Records of one file (or ``-``), each or an error naming file and line."""
    origin = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as e:
        yield InputError(origin, f"cannot read: {e.strerror or e}")
        return
    try:
        text = _decode(data, origin)
    except InputError as e:
        yield e
        return
    if not text.strip():  # a byte-order mark and nothing else
        yield InputError(origin, "file is empty")
        return
    suffix = Path(path).suffix.lower() if path != "-" else _sniff(text)
    stem = Path(path).stem if path != "-" else None
    if suffix == ".jsonl":
        yield from _read_jsonl(text, origin)
    elif suffix == ".json":
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as e:  # JSONDecodeError, huge integers, nesting
            yield InputError(origin, f"not valid JSON: {json_reason(e)}")
            return
        objs = obj if isinstance(obj, list) else [obj]
        for i, o in enumerate(objs):
            try:
                yield make_record(o, origin if len(objs) == 1 else f"{origin}[{i}]", stem)
            except InputError as e:
                yield e
    else:
        if not text.strip():
            yield InputError(origin, "file is empty")
        else:
            yield Record(text=text, origin=origin, id=stem)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head == "{":
        first = text.lstrip().split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return ".jsonl"
        except (ValueError, RecursionError):
            return ".json"
    if head == "[":
        return ".json"
    return ".txt"


def _read_jsonl(text: str, origin: str) -> Iterator[Record | InputError]:
    for n, line in enumerate(io.StringIO(text), 1):
        line = line.strip()
        if not line:
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as e:
            yield InputError(where, f"not valid JSON: {json_reason(e)}")
            continue
        try:
            yield make_record(obj, where, None)
        except InputError as e:
            yield e


def iter_records(paths: Iterable[str]) -> Iterator[Record | InputError]:
    """Every record of every input, in order; errors in place of what cannot be read."""
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
        else:
            yield from read_file(p)

