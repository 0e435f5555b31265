"""Read articles from files: ``.txt``, ``.json`` (one record), ``.jsonl`` (a record a line), ``-``.

A record is ``{"text", "id"?, "published"?, "title"?, "url"?, "source"?}``; a ``.txt`` file is
the text itself, with an optional first line ``date YYYY-MM-DD``, and its id is the file name
without extension. ``iter_records`` yields a ``Record`` or an ``InputError`` per article, so a
bad line is reported (file and line) and the rest still read. Directories are read
recursively (sorted), globs expanded; in a directory, hidden files and directories (a name
starting with ".") and files of other kinds are skipped, and told to ``on_skip`` (one call per
directory). A PDF, an image or an archive is refused by its first bytes, whatever its name
(but a ``.jsonl`` file, whose lines fail one at a time).
Text is UTF-8 (or UTF-16 with a byte-order mark) unless ``encoding`` names another. JSON lines
(``.jsonl``, or standard input and pipes that hold them) are read a line at a time, so memory
stays flat however large the input.
"""

from __future__ import annotations

import codecs
import glob
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import InputError

SUFFIXES = (".txt", ".json", ".jsonl")
_FIELDS = ("id", "published", "source", "title", "url")
_PROBE = 8192  # bytes read first to tell a file's encoding and, without a known suffix, its format
_BOM = b"\xef\xbb\xbf"
_DATE_LINE = re.compile(r"date[ \t]+\d\S*", re.IGNORECASE)  # a .txt file's header line
# Files that are no text, by their first bytes: what each is, and what to do instead.
_MAGIC = (
    (b"%PDF-", "a PDF file, not text: extract its text first (e.g. pdftotext FILE.pdf FILE.txt)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"II*\x00", "a TIFF image, not text"),
    (b"MM\x00*", "a TIFF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .odt, .xlsx file), not text: save it as text first"),
    (b"\x1f\x8b", "a gzip-compressed file, not text: decompress it first (or pipe it: zcat FILE | relations ... -)"),
    (b"{\\rtf", "an RTF document, not text: save it as plain text first"),
)
ENCODING_HINT = " (if it is in another encoding, name it: --encoding latin-1, cp1252...)"
SkipReport = Callable[[str, list[str], list[str]], None]  # (directory, other kinds, hidden): file names


def check_encoding(encoding: str | None) -> str | None:
    """``encoding`` if Python knows it (None: the default, UTF-8); else an InputError naming it."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"--encoding {encoding}", "unknown encoding (e.g. utf-8, latin-1, cp1252)") from None


@dataclass(frozen=True, slots=True)
class Record:
    text: str
    origin: str  # "path" or "path:line", for messages
    id: str | None = None
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


def _hidden(path: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(top).parts)


def expand(paths: Iterable[str], on_skip: SkipReport | None = None) -> Iterator[str | InputError]:
    """Files to read, in order: ``-``, files, directories (recursively), globs.

    In a directory, hidden files (and every file in a hidden directory) and files without a
    known suffix are left out; ``on_skip(directory, others, hidden)`` is told their names."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found, others, hidden = [], [], []
            for f in sorted(path.rglob("*")):
                if not f.is_file():
                    continue
                if _hidden(f, path):
                    hidden.append(str(f.relative_to(path)))
                elif f.suffix.lower() in SUFFIXES:
                    found.append(f)
                else:
                    others.append(str(f.relative_to(path)))
            if (others or hidden) and on_skip is not None:
                on_skip(p, others, hidden)
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
                yield from expand([m], on_skip)
        else:
            yield InputError(p, "no such file or directory")


def _not_text(head: bytes) -> str | None:
    """What a file is, if its first bytes say it is no text (a PDF, an image, an archive)."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "a WebP image, not text"
    return None


def _decode(data: bytes, origin: str, encoding: str | None = None) -> str:
    if not data.strip():
        raise InputError(origin, "file is empty")
    if encoding is not None:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as e:
            raise InputError(origin, f"not {encoding} text: invalid byte 0x{data[e.start]:02x} at offset {e.start}"
                             ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(origin, f"not valid UTF-16: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:_PROBE]:
        if _utf16_without_bom(data[:_PROBE]):
            raise InputError(origin, "UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)")
        raise InputError(origin, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(origin, f"not UTF-8 text: invalid byte 0x{data[e.start]:02x} at offset {e.start}"
                                 f"{ENCODING_HINT}") from None


def _utf16_without_bom(head: bytes) -> bool:
    """Text in UTF-16 with no BOM: every other byte NUL, the others printable ASCII, mostly."""
    for zeros, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):  # little-, big-endian
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros) and \
                sum(32 <= b < 127 or b in (9, 10, 13) for b in chars) >= 0.9 * len(chars):
            return True
    return False


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
    if no_text(text):
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


def no_text(text: str) -> bool:
    """Whether an article's text is empty: blank, or a ``date YYYY-MM-DD`` line and nothing else."""
    first, _, rest = text.strip().partition("\n")
    return not first or (not rest.strip() and _DATE_LINE.fullmatch(first.strip()) is not None)


def read_file(path: str, encoding: str | None = None) -> Iterator[Record | InputError]:
    """Records of one file (or ``-``), each or an error naming file and line.

    ``.jsonl`` files, and standard input or a suffix-less path (a pipe, ``/dev/fd/N``) whose
    first line is a JSON object, are read a line at a time: memory stays flat on a whole corpus
    and a line that is not UTF-8 is reported alone. Anything else is read whole. Nothing is
    read twice, so pipes and FIFOs work as files do.
    """
    origin = "<stdin>" if path == "-" else path
    try:
        f = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield InputError(origin, f"cannot read: {e.strerror or e}")
        return
    try:
        yield from _read_stream(f, path, origin, encoding)
    except OSError as e:
        yield InputError(origin, f"cannot read: {e.strerror or e}")
    finally:
        if path != "-":
            f.close()


def _read_stream(f: IO[bytes], path: str, origin: str, encoding: str | None = None,
                 ) -> Iterator[Record | InputError]:
    head = f.read(_PROBE)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    what = _not_text(head) if suffix != ".jsonl" else None  # JSON lines: a bad line fails alone
    if what is not None:
        yield InputError(origin, what)
        return
    if suffix not in SUFFIXES:
        suffix = ""  # standard input, a pipe, an unknown extension: told by its content
        if head and b"\n" not in head:
            head += f.readline()  # the whole first line, to tell JSON lines from the rest
    textual = not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head and head.removeprefix(_BOM).strip()
    if textual and (suffix == ".jsonl" or (not suffix and _first_line_is_object(head))):
        yield from _read_jsonl_lines(head, f, origin, encoding)
        return
    data = head + f.read()
    try:
        text = _decode(data, origin, encoding)
    except InputError as e:
        yield e
        return
    if not text.strip():  # a byte-order mark and nothing else
        yield InputError(origin, "file is empty")
        return
    suffix = suffix or _sniff(text)
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
    elif no_text(text):
        yield InputError(origin, "no text after the date line")
    else:
        yield Record(text=text, origin=origin, id=stem)


def _first_line_is_object(head: bytes) -> bool:
    first = head.removeprefix(_BOM).lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first.decode("utf-8", "replace")), dict)  # a bad byte fails its line only
    except (ValueError, RecursionError):  # not JSON
        return False


def _read_jsonl_lines(head: bytes, f: IO[bytes], origin: str, encoding: str | None = None,
                      ) -> Iterator[Record | InputError]:
    """JSON lines from ``head`` (bytes already read) and the rest of ``f``, one at a time."""
    offset = 0
    for n, raw in enumerate(_lines(head, f), 1):
        if n == 1 and raw.startswith(_BOM):
            offset, raw = len(_BOM), raw[len(_BOM):]
        where = f"{origin}:{n}"
        try:
            line = raw.decode(encoding or "utf-8").strip()
        except UnicodeDecodeError as e:
            yield InputError(where, f"not {encoding or 'UTF-8'} text: invalid byte 0x{raw[e.start]:02x} at offset "
                                    f"{offset + e.start}{'' if encoding else ENCODING_HINT}")
            offset += len(raw)
            continue
        offset += len(raw)
        if line:
            yield _json_record(line, where)


def _lines(head: bytes, f: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``f`` (``head`` may end inside a line)."""
    parts = head.splitlines(keepends=True)
    last = parts.pop() if parts and not parts[-1].endswith(b"\n") else b""
    yield from parts
    if last:
        yield last + f.readline()
    yield from f


def _json_record(line: str, where: str) -> Record | InputError:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, huge integers, nesting
        return InputError(where, f"not valid JSON: {json_reason(e)}")
    try:
        return make_record(obj, where, None)
    except InputError as e:
        return e


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
        if line:
            yield _json_record(line, f"{origin}:{n}")


def iter_records(paths: Iterable[str], *, encoding: str | None = None,
                 on_skip: SkipReport | None = None) -> Iterator[Record | InputError]:
    """Every record of every input, in order; errors in place of what cannot be read.

    ``encoding``: the inputs' text encoding (default UTF-8, or UTF-16 with a byte-order mark);
    ``on_skip``: told the files a directory holds that are not read (see :func:`expand`)."""
    encoding = check_encoding(encoding)
    for p in expand(paths, on_skip):
        if isinstance(p, InputError):
            yield p
        else:
            yield from read_file(p, encoding)

