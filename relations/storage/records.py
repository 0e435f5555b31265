"""Records to ingest, read lazily so that memory stays flat however large the input.

``relations.inputs.read_file`` reads a whole file before splitting it; for ``.jsonl`` files,
which hold whole corpora, ``stream_records`` reads them a line at a time instead and yields the
same ``Record`` or ``InputError`` (same messages, same ``path:line`` origins), except that a
line that is not UTF-8 is reported on its own and the lines around it are still read. Every
other input (``.txt``, ``.json``, ``-``, UTF-16 files) goes through ``relations.inputs``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..inputs import Record, expand, json_reason, make_record, read_file

_BOM = b"\xef\xbb\xbf"
_PROBE = 8192


def stream_records(paths: Iterable[str]) -> Iterator[Record | InputError]:
    """Every record of every input, in order; errors in place of what cannot be read."""
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
        elif p != "-" and Path(p).suffix.lower() == ".jsonl":
            yield from _stream_jsonl(p)
        else:
            yield from read_file(p)


def _stream_jsonl(path: str) -> Iterator[Record | InputError]:
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, also when the generator is closed early
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    with f:
        head = f.read(_PROBE)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head or not head.strip():
            # UTF-16, binary or empty: the whole-file reader has the messages for these.
            f.close()
            yield from read_file(path)
            return
        f.seek(0)
        offset = 0
        for n, raw in enumerate(f, 1):
            if n == 1 and raw.startswith(_BOM):
                offset, raw = len(_BOM), raw[len(_BOM):]
            where = f"{path}:{n}"
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError as e:
                at = offset + e.start
                yield InputError(where, f"not UTF-8 text: invalid byte 0x{raw[e.start]:02x} at offset {at}")
                offset += len(raw)
                continue
            offset += len(raw)
            if not line:
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as e:  # JSONDecodeError, huge integers, nesting
                yield InputError(where, f"not valid JSON: {json_reason(e)}")
                continue
            try:
                yield make_record(obj, where, None)
            except InputError as e:
                yield e
