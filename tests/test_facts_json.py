"""Facts survive the trip through JSON that `relations extract --text` prints and `load` reads."""

from __future__ import annotations

import json

import pytest

from relations import extract
from relations.facts import facts_from_dict
from relations.resources import seeds_dir


def _seed():
    path = seeds_dir() / "articles" / "000_c07793c686dc2a12.txt"
    return extract(path.read_text(encoding="utf-8"), id="seed", source="Xinhua")


def test_facts_round_trip_through_json():
    facts = _seed()
    again = facts_from_dict(json.loads(json.dumps(facts.to_dict(include_text=True))))
    assert again == facts
    assert len(again.commitments) == 9 and again.calls[0].participants[0].known


def test_facts_without_text_cannot_be_loaded():
    with pytest.raises(ValueError, match="--text"):
        facts_from_dict(_seed().to_dict())


@pytest.mark.parametrize("broken", [
    [],
    {"text": "x", "calls": [{"status": "held"}]},
    {"text": "x", "article": {"published": "not a date"}},
    {"text": "x", "commitments": [{"actor": "CHN"}]},
])
def test_malformed_facts_are_a_value_error(broken):
    with pytest.raises(ValueError):
        facts_from_dict(broken)
