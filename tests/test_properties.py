"""Properties that hold for any input (hypothesis).

- ``extract`` never raises and no reading step fails (``facts.warnings`` stays empty) on
  arbitrary text, arbitrary ``published`` values, and readout-like fragments shuffled together;
- its result always has the shape of facts.schema.json, and every offset lies in the text and
  slices it exactly;
- ``relations.inputs`` never raises on arbitrary bytes or JSON values: what it cannot read comes
  back as an ``InputError`` value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from relations.errors import InputError
from relations.extraction import extract
from relations.extraction.sentences import split
from relations.extraction.text import normalise
from relations.inputs import Record, iter_records

settings.register_profile("relations", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("relations")
# Arbitrary "published" values are mostly no dates: extract warns of each (tests/test_date_warnings.py).
pytestmark = pytest.mark.filterwarnings("ignore::relations.errors.DateWarning")

SCHEMA_PATH = Path("/work/shared/eval/facts.schema.json")

# -- checking the JSON shape --------------------------------------------------------------------------

_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict, "array": list,
          "null": type(None)}


def _schema_errors(value, schema: dict, root: dict, where: str = "$") -> list[str]:
    """The subset of JSON Schema that facts.schema.json uses ($ref, type, enum, pattern, required,
    properties, items, minItems, minimum), for when the jsonschema package is not installed."""
    if "$ref" in schema:
        node = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return _schema_errors(value, node, root, where)
    errors = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(isinstance(value, _TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                 for t in types)
        if not ok:
            return [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {k!r}" for k in schema.get("required", []) if k not in value]
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                errors += _schema_errors(value[k], sub, root, f"{where}.{k}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += _schema_errors(item, schema["items"], root, f"{where}[{i}]")
    return errors


def _load_schema() -> dict | None:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) if SCHEMA_PATH.exists() else None


SCHEMA = _load_schema()


def _schema_check(d: dict) -> None:
    if SCHEMA is None:  # outside the evaluation machine: the keys and types the CLI promises
        assert {"id", "article", "countries", "leaders", "calls", "commitments", "partnerships"} <= set(d)
        assert all(isinstance(d[k], list) for k in ("countries", "leaders", "calls", "commitments", "partnerships"))
        return
    try:
        import jsonschema
    except ImportError:
        errors = _schema_errors(d, SCHEMA, SCHEMA)
        assert not errors, errors[:5]
    else:
        jsonschema.validate(d, SCHEMA)


def test_the_shape_checker_catches_a_wrong_shape():
    if SCHEMA is None:
        pytest.skip(f"{SCHEMA_PATH} not present")
    good = extract("Xi Jinping held talks with Vladimir Putin.", published="2021-01-27").to_dict()
    assert _schema_errors(good, SCHEMA, SCHEMA) == []
    bad = json.loads(json.dumps(good))
    bad["calls"][0]["medium"] = "pigeon"
    bad["calls"][0]["countries"].append("china")
    del bad["leaders"]
    bad["article"]["published"] = "27/01/2021"
    assert len(_schema_errors(bad, SCHEMA, SCHEMA)) == 4


# -- what must hold of any facts -------------------------------------------------------------------------


def check_facts(f) -> None:
    failed = [w for w in getattr(f, "warnings", ()) if "is not a YYYY-MM-DD date" not in w]  # an ignored date is no failure
    assert not failed, f.warnings  # no reading step failed
    text = f.text
    assert isinstance(text, str)
    d = f.to_dict()
    _schema_check(d)
    json.dumps(d)
    evidences = [c.evidence for c in f.calls] + [c.evidence for c in f.commitments] + [p.evidence for p in f.partnerships]
    for e in evidences:
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start:e.end] == e.text
    for c in f.commitments:
        assert c.evidence.start <= c.text_start <= c.text_end <= c.evidence.end
        assert text[c.text_start:c.text_end] == c.text
        assert c.call is None or 0 <= c.call < len(f.calls)
    for c in f.calls:
        assert list(c.countries) == sorted(set(c.countries))
        assert c.initiator is None or c.initiator in c.countries
        assert (c.date is None) == (c.date_precision is None)
    for p in f.partnerships:
        assert len(set(p.countries)) == 2


# -- strategies --------------------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)

FRAGMENTS = [
    # titles and names
    "President", "Prime Minister", "Foreign Minister", "the President", "Vice Premier", "King", "Secretary of State",
    "Xi Jinping", "Vladimir Putin", "Joe Biden", "Alexander Lukashenko", "Narendra Modi", "Emmanuel Macron",
    "Recep Tayyip Erdogan", "Mr.", "Ms.", "H.E.", "Joseph R. Biden Jr.",
    # places and peoples
    "China", "Belarus", "Russia", "the United States", "U.S.", "France", "Turkey", "Georgia", "New Mexico",
    "Chinese", "Belarusian", "Russian", "American", "the EU", "NATO", "the United Nations", "Beijing", "Kremlin",
    # triggers and cues
    "held talks with", "spoke by phone with", "held a telephone conversation with", "met", "called on", "called",
    "in a video call", "on the sidelines of", "at the request of", "will", "should", "agreed to", "is ready to",
    "supports", "firmly opposes", "urged", "welcomed", "thanked", "hopes", "discussed", "said", "added that",
    "the two sides", "both countries", "his country", "comprehensive strategic partnership", "alliance",
    "industrial park", "Belt and Road", "trade", "anti-epidemic", "COVID-19",
    # dates and datelines
    "on Tuesday", "last Tuesday", "next week", "yesterday", "today", "Jan. 26", "25 January 2021", "2021-01-25",
    "BEIJING, Jan. 26 (Xinhua) --", "MOSCOW, March 3. /TASS/.", "ANKARA (AA) -", "date 2021-01-27",
    # punctuation and markup
    ".", ",", ";", ":", "?", "!", "\"", "'", "(", ")", "-", "--", "\u2014", "\u201c", "\u201d", "\u2019", "*", "**",
    "[", "](", "<b>", "</p>", "\\", "- ", "1.", "\u2022", "\u00a0", "\u00ad", "\u200b",
]
SEPARATORS = [" ", " ", " ", " ", "", "\n", "\n\n", ", ", ". ", " -- "]

READOUTS = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(a + b for a, b in parts))

PUBLISHED = st.one_of(st.none(), st.dates(), st.dates().map(dt.date.isoformat), st.text(max_size=30),
                      st.sampled_from(["2021-01-27", "2021-01-27T10:00:00Z", "20210127", "2021-02-30", "", " ",
                                       "0001-01-01", "9999-12-31", "Jan 27 2021"]))

DATELINED = ("BEIJING, Jan. 26 (Xinhua) -- Chinese President Xi Jinping on Tuesday held a phone conversation "
             "with Belarusian President Alexander Lukashenko. Xi said China is ready to boost trade with Belarus.\n\n"
             "Lukashenko said Belarus firmly supports the Belt and Road Initiative.")


# -- extract --------------------------------------------------------------------------------------------------


@PROFILE
@given(ANY_TEXT)
def test_extract_reads_any_text(text):
    check_facts(extract(text))


@PROFILE
@given(ANY_TEXT, PUBLISHED)
def test_extract_reads_any_text_with_any_published(text, published):
    check_facts(extract(text, published=published))


@PROFILE
@given(PUBLISHED)
@example("9999-12-31")
@example("0001-01-01")
def test_extract_takes_any_published_value(published):
    f = extract(DATELINED, published=published)
    check_facts(f)
    doubted = any(w.startswith('"published"') for w in f.warnings)
    assert doubted == (f.article.published is None and published is not None and bool(str(published).strip()))
    if isinstance(published, dt.date):
        assert f.article.published == published
    elif f.article.published is not None:
        assert isinstance(f.article.published, dt.date)
        assert str(published).strip().startswith(f.article.published.isoformat()[:4])


@PROFILE
@given(READOUTS, PUBLISHED)
def test_extract_reads_shuffled_readout_fragments(text, published):
    check_facts(extract(text, published=published, source="Xinhua"))


@PROFILE
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), READOUTS)
def test_extract_reads_the_header_date_of_any_readout(published, text):
    f = extract(f"date {published.isoformat()}\n{text}")
    check_facts(f)
    assert f.article.published == published


@PROFILE
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_extract_reads_fragments_run_together(text):
    check_facts(extract(text, published="2021-01-27"))


# -- normalisation and sentences ------------------------------------------------------------------------------


@PROFILE
@given(st.one_of(ANY_TEXT, READOUTS))
def test_sentences_slice_the_normalised_text_in_order(text):
    norm = normalise(text)
    sents = split(norm)
    for s in sents:
        assert s.text and norm[s.start:s.end] == s.text and s.text == s.text.strip()
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:]))


def _clean(norm: str) -> None:
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", norm), repr(norm)
    assert "  " not in norm
    for para in norm.split("\n\n") if norm else []:
        assert para and "\n" not in para and para == para.strip(), repr(norm)
    assert unicodedata.is_normalized("NFC", norm)


@PROFILE
@given(st.one_of(ANY_TEXT, READOUTS))
@example("Belarus\u2019s\tPresident")
def test_normalised_text_is_clean(text):
    _clean(normalise(text))


@PROFILE
@given(st.one_of(ANY_TEXT, READOUTS))
@example("the **Prime\nMinister** said")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


# -- inputs -----------------------------------------------------------------------------------------------------

_DIR = Path(tempfile.mkdtemp(prefix="relations-props-"))

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["text", "id", "published", "source", "title", "url", "other"]) | st.text(max_size=6),
                      inner, max_size=6),
    max_leaves=20,
)


def _read_all(path: Path) -> list[Record | InputError]:
    out = list(iter_records([str(path)]))
    for r in out:
        assert isinstance(r, (Record, InputError))
        if isinstance(r, Record):
            assert isinstance(r.text, str) and r.text.strip()
            for field in ("id", "published", "source", "title", "url"):
                assert getattr(r, field) is None or isinstance(getattr(r, field), str)
        else:
            assert str(r).startswith(str(path))  # the message names the input
    return out


@PROFILE
@given(st.binary(max_size=600), st.sampled_from([".txt", ".json", ".jsonl", ".JSONL", ".md"]))
def test_inputs_read_arbitrary_bytes(data, suffix):
    path = _DIR / f"bytes{suffix}"
    path.write_bytes(data)
    _read_all(path)


@PROFILE
@given(st.lists(JSON_VALUES, min_size=1, max_size=5))
def test_inputs_read_arbitrary_json_lines(values):
    path = _DIR / "values.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in values) + "\n", encoding="utf-8")
    out = _read_all(path)
    assert len(out) == len(values)  # one record or error per line, in order
    for n, r in enumerate(out, 1):
        assert r.origin == f"{path}:{n}" if isinstance(r, Record) else str(r).startswith(f"{path}:{n}:")


@PROFILE
@given(JSON_VALUES)
def test_inputs_read_an_arbitrary_json_document(value):
    path = _DIR / "value.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    _read_all(path)


@PROFILE
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_inputs_read_arbitrary_text_files(text):
    path = _DIR / "text.txt"
    path.write_bytes(text.encode("utf-8"))
    out = _read_all(path)
    # a leading byte order mark is the encoding's, not the text's ("\ufeff" alone is an empty file)
    if text.lstrip("\ufeff").strip() and "\x00" not in text:
        assert len(out) == 1 and isinstance(out[0], Record)


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", b"\xfe\xff", b"\xff\xfe"])
def test_inputs_report_a_jsonl_file_with_only_a_byte_order_mark(bom):
    path = _DIR / "bom.jsonl"
    path.write_bytes(bom)
    out = _read_all(path)
    assert len(out) == 1 and isinstance(out[0], InputError)


def test_inputs_report_a_huge_json_integer_as_an_input_error():
    path = _DIR / "huge.json"
    path.write_text("9" * 5000, encoding="utf-8")
    _read_all(path)
