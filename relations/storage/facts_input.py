"""Read facts back from JSON Lines (what ``relations extract --text`` prints) for ``relations load``.

Each line is one article's facts (``Facts.to_dict(include_text=True)``). ``read_facts`` yields,
in order, a :class:`FactsRecord` for every line it can rebuild and an ``InputError`` naming the
file and line for every one it cannot: not UTF-8, not JSON, nested too deeply, not an object,
no normalised ``text``, a field of the wrong type, an offset outside the text. The lines around
a bad one are still read. Files are read a line at a time (``-`` is standard input), so memory
stays flat whatever the size of the input.

The checks are strict on purpose: a facts file may come from anywhere (another machine, another
version, a hand edit), and storage trusts the types of what it is given. Lone surrogates (JSON
escapes like ``\\ud800``) are replaced, as ``relations.inputs`` does for articles.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import InputError
from ..facts import Facts, facts_from_dict
from ..inputs import clean_str, expand, json_reason
from ..enumerations import CALL_MEDIA, CALL_STATUSES, COMMITMENT_KINDS, DATE_PRECISIONS

_BOM = b"\xef\xbb\xbf"
MAX_LINE_BYTES = 50_000_000  # one article's facts
MAX_OFFSET = 2**62  # offsets are stored as 64-bit integers


@dataclass(frozen=True, slots=True)
class FactsRecord:
    """One article's facts, read from ``origin`` (file:line)."""

    origin: str
    facts: Facts


def read_facts(paths: Iterable[str]) -> Iterator[FactsRecord | InputError]:
    """Every facts line of every input (files, directories of .jsonl files, globs, ``-``), in order."""
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
        elif p == "-":
            yield from _read_lines(sys.stdin.buffer, "<stdin>")
        else:
            try:
                f = open(p, "rb")  # noqa: SIM115 - closed below, also when the generator is closed early
            except OSError as e:
                yield InputError(p, f"cannot read: {e.strerror or e}")
                continue
            with f:
                yield from _read_lines(f, p)


_MAX_WAITING = 1000  # lines that fail before any loads: then the file is no facts file


def _not_facts(name: str, errors: list[InputError]) -> InputError:
    more = "" if len(errors) < _MAX_WAITING else " or more"
    return InputError(name, f"no facts: none of its {len(errors)}{more} lines is a facts record (make them with "
                            f"relations extract --text); the first: {str(errors[0]).removeprefix(errors[0].source)[2:]}")


def _read_lines(f: IO[bytes], name: str) -> Iterator[FactsRecord | InputError]:
    seen, loaded = False, False
    waiting: list[InputError] = []
    for n, raw in enumerate(f, 1):
        if n == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
        where = f"{name}:{n}"
        if not raw.strip():
            continue
        seen = True
        if len(raw) > MAX_LINE_BYTES:
            yield InputError(where, f"line of {len(raw):,} bytes is longer than {MAX_LINE_BYTES:,}")
            continue
        record = parse_line(raw, where)
        if isinstance(record, InputError) and not loaded:
            # until a line loads, errors wait: a file with no facts at all (an article given by
            # mistake) is one error, not one a line
            waiting.append(record)
            if len(waiting) == _MAX_WAITING:
                yield _not_facts(name, waiting)
                return
            continue
        yield from waiting
        waiting.clear()
        loaded = True
        yield record
    if len(waiting) > 1:
        yield _not_facts(name, waiting)
    else:
        yield from waiting
    if not seen:
        yield InputError(name, "no facts: the input is empty")


def parse_line(raw: bytes | str, where: str) -> FactsRecord | InputError:
    """One line of facts JSON as a record, or the error naming ``where``."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            return InputError(where, f"not UTF-8 text: invalid byte 0x{raw[e.start]:02x} at offset {e.start}")
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, huge integers, nesting
        return InputError(where, f"not valid JSON: {json_reason(e)}")
    try:
        return FactsRecord(where, to_facts(obj))
    except (ValueError, RecursionError) as e:
        return InputError(where, f"not a facts record: {str(e)[:300]}")


def to_facts(obj: Any) -> Facts:
    """``Facts`` from a decoded facts object, every field's type checked; ValueError naming the
    field otherwise."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, found {_kind(obj)}")
    obj = _clean(obj)
    _check(obj)
    try:
        facts = facts_from_dict(obj)
    except (ValueError, TypeError, KeyError, OverflowError) as e:
        raise ValueError(str(e)) from None
    _check_facts(facts)
    return facts


# -- the checks --------------------------------------------------------------------------------

_EVIDENCE = {"text": str, "start": int, "end": int}
_PERSON = {"name": (str, None), "country": (str, None), "title": (str, None), "organization": (str, None),
           "known": bool}
_SHAPE: dict[str, Any] = {
    "id": (str, None),
    "text": str,
    "extractor_version": (str, None),
    "article": {"published": (str, None), "dateline": (str, None), "dateline_date": (str, None),
                "source": (str, None), "title": (str, None), "url": (str, None)},
    "countries": [{"code": str, "name": (str, None)}],
    "organizations": [str],
    "leaders": [_PERSON],
    "warnings": [str],
    "calls": [{"medium": str, "status": str, "date": (str, None), "date_text": (str, None),
               "date_precision": (str, None), "countries": [str], "organizations": [str],
               "participants": [_PERSON], "initiator": (str, None), "evidence": _EVIDENCE,
               "place": {"city": (str, None), "country": (str, None), "venue": (str, None),
                         "occasion": (str, None), "host": (str, None)}}],
    "commitments": [{"actor": (str, None), "speaker": (str, None), "kind": str, "text": str, "text_start": int,
                     "text_end": int, "counterparts": [str], "topics": [str], "call": (int, None),
                     "evidence": _EVIDENCE}],
    "partnerships": [{"countries": [str], "level": str, "upgrade": bool, "evidence": _EVIDENCE}],
}
_REQUIRED = {"medium", "status", "kind", "code", "level", "countries", "evidence"}


def _check(obj: dict[str, Any]) -> None:
    _check_value(obj, _SHAPE, "")


def _check_value(value: Any, shape: Any, where: str) -> None:
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where or 'the record'} must be an object, not {_kind(value)}")
        for key, sub in shape.items():
            path = f"{where}.{key}" if where else key
            if key not in value or (value[key] is None and not _nullable(sub)):
                if key in _REQUIRED or key == "text" and not where:
                    raise ValueError(f"{path} is missing" + (" (extract it with --text)" if path == "text" else ""))
                continue
            _check_value(value[key], sub, path)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise ValueError(f"{where} must be a list, not {_kind(value)}")
        for i, item in enumerate(value):
            _check_value(item, shape[0], f"{where}[{i}]")
    else:
        types = shape if isinstance(shape, tuple) else (shape,)
        if value is None and None in types:
            return
        wanted = tuple(t for t in types if t is not None)
        if isinstance(value, bool) and bool not in wanted or not isinstance(value, wanted):
            raise ValueError(f"{where} must be {' or '.join(_name(t) for t in types)}, not {_kind(value)}")
        if isinstance(value, int) and not isinstance(value, bool) and not -MAX_OFFSET <= value <= MAX_OFFSET:
            raise ValueError(f"{where} is out of range")


def _nullable(shape: Any) -> bool:
    return isinstance(shape, tuple) and None in shape


_CHOICES = (("medium", CALL_MEDIA), ("status", CALL_STATUSES), ("date_precision", DATE_PRECISIONS + (None,)))


def _check_facts(facts: Facts) -> None:
    """Values from a fixed set are in it, a call has a country and another party, and every span lies
    inside the text (the database checks only that end >= start >= 0)."""
    for i, c in enumerate(facts.calls):
        if not c.countries or len(set(c.countries)) + len(set(c.organizations)) < 2:  # as the extractor makes them
            raise ValueError(f"calls[{i}] must have a country and another party (a country or an organization), "
                             f"not countries {list(c.countries)!r} and organizations {list(c.organizations)!r}")
        for field, allowed in _CHOICES:
            if getattr(c, field) not in allowed:
                raise ValueError(f"calls[{i}].{field} must be one of {', '.join(a for a in allowed if a)}, "
                                 f"not {getattr(c, field)!r}")
    for i, m in enumerate(facts.commitments):
        if m.kind not in COMMITMENT_KINDS:
            raise ValueError(f"commitments[{i}].kind must be one of {', '.join(COMMITMENT_KINDS)}, not {m.kind!r}")
    n = len(facts.text)
    spans = [(f"calls[{i}].evidence", c.evidence.start, c.evidence.end) for i, c in enumerate(facts.calls)]
    for i, m in enumerate(facts.commitments):
        spans += [(f"commitments[{i}].evidence", m.evidence.start, m.evidence.end),
                  (f"commitments[{i}].text_start", m.text_start, m.text_end)]
    spans += [(f"partnerships[{i}].evidence", p.evidence.start, p.evidence.end) for i, p in enumerate(facts.partnerships)]
    for where, start, end in spans:
        if not 0 <= start <= end <= n:
            raise ValueError(f"{where}: span {start}-{end} is not inside the text ({n} characters)")


def _clean(value: Any) -> Any:
    """Lone surrogates replaced in every string (they cannot be encoded to be stored)."""
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, dict):
        return {clean_str(k) if isinstance(k, str) else k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _name(t: Any) -> str:
    return {str: "a string", int: "an integer", bool: "a boolean", None: "null"}.get(t, str(t))
