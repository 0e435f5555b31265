"""The user's seed article, read exactly as /work/shared/eval/GUIDELINES.md labels it.

Commitments are matched the way the scorer matches them: same actor, and every gold keyword's
tokens (accent-folded, lower case) among the predicted text's tokens; each gold item takes a
different prediction. The keywords are the labels of ``seed.gold.jsonl``, not article text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from relations.extraction import extract
from relations.resources import seeds_dir

SEED = seeds_dir() / "articles" / "000_c07793c686dc2a12.txt"

# (actor, kind, keywords) in the guideline's order
GOLD_COMMITMENTS = [
    ("CHN", "proposal", ["high-quality", "belt", "road"]),
    ("CHN", "proposal", ["solid progress", "industrial park"]),
    ("CHN", "proposal", ["anti-epidemic", "education", "culture"]),
    ("CHN", "support", ["development path", "national conditions"]),
    ("CHN", "pledge", ["assistance", "capacity"]),
    ("CHN", "proposal", ["developing countries", "fairness"]),
    ("BLR", "support", ["core interests"]),
    ("BLR", "opposition", ["external interference"]),
    ("BLR", "pledge", ["join", "industrial park"]),
]

# words of the statements the guideline says are not commitments
EXCLUDED = {
    "the hope about Belarus's stability": ["stability"],
    "the development-pattern assessment": ["development pattern"],
    "the New Year wishes": ["new year"],
    "the thanks": ["invaluable support"],
}


def tokens(s: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def has_keywords(text: str, keywords: list[str]) -> bool:
    have = set(tokens(text))
    return all(set(tokens(k)) <= have for k in keywords)


@pytest.fixture(scope="module")
def facts():
    return extract(SEED.read_text(encoding="utf-8"))


def test_article_information(facts):
    a = facts.article
    assert a.published == dt.date(2021, 1, 27)
    assert (a.dateline, a.dateline_date, a.source) == ("BEIJING", dt.date(2021, 1, 26), "Xinhua")
    assert not getattr(facts, "warnings", ())


def test_one_held_phone_call_on_january_26(facts):
    assert len(facts.calls) == 1
    call = facts.calls[0]
    assert (call.medium, call.status, call.date) == ("phone", "held", dt.date(2021, 1, 26))
    assert call.countries == ("BLR", "CHN")
    assert call.initiator is None


def test_call_participants(facts):
    people = {(p.name, p.country, p.title) for p in facts.calls[0].participants}
    assert people == {("Xi Jinping", "CHN", "President"), ("Alexander Lukashenko", "BLR", "President")}


def test_the_call_is_read_from_the_telephone_conversation_not_called_on(facts):
    evidence = facts.calls[0].evidence.text
    assert "telephone conversation" in evidence
    assert "called on" not in evidence


def test_called_on_alone_is_not_a_call():
    lede = ("BEIJING, Jan. 26 (Xinhua) -- Chinese President Xi Jinping on Tuesday called on China and Belarus to "
            "boost cooperation.")
    assert extract(lede, published="2021-01-27").calls == ()


def test_leaders(facts):
    assert {(p.name, p.country, p.title) for p in facts.leaders} == {
        ("Xi Jinping", "CHN", "President"), ("Alexander Lukashenko", "BLR", "President"),
    }


def test_partnership(facts):
    assert {(p.countries, p.level) for p in facts.partnerships} == {(("BLR", "CHN"), "comprehensive strategic partnership")}


def test_exactly_nine_commitments(facts):
    assert len(facts.commitments) == 9, [(c.actor, c.kind, c.text) for c in facts.commitments]


def _match(facts) -> dict[int, int]:
    """gold index -> predicted index, as the scorer takes them (first match by keywords)."""
    taken: dict[int, int] = {}
    for gi, (actor, _kind, keywords) in enumerate(GOLD_COMMITMENTS):
        for pi, c in enumerate(facts.commitments):
            if pi not in taken.values() and c.actor == actor and has_keywords(c.text, keywords):
                taken[gi] = pi
                break
    return taken


@pytest.mark.parametrize("gi", range(len(GOLD_COMMITMENTS)), ids=[" ".join(g[2]) for g in GOLD_COMMITMENTS])
def test_each_labelled_commitment_is_found_with_its_kind(facts, gi):
    actor, kind, keywords = GOLD_COMMITMENTS[gi]
    matched = _match(facts)
    assert gi in matched, f"no {actor} commitment holds {keywords}"
    c = facts.commitments[matched[gi]]
    assert c.kind == kind, (c.kind, c.text)


def test_commitments_are_voiced_by_their_sides_president(facts):
    speakers = {c.actor: set() for c in facts.commitments}
    for c in facts.commitments:
        speakers[c.actor].add(c.speaker)
    assert speakers == {"CHN": {"Xi Jinping"}, "BLR": {"Alexander Lukashenko"}}


def test_commitments_are_made_to_the_other_side(facts):
    for c in facts.commitments:
        other = "BLR" if c.actor == "CHN" else "CHN"
        assert other in c.counterparts, (c.text, c.counterparts)
        assert c.actor not in c.counterparts


@pytest.mark.parametrize("what", list(EXCLUDED))
def test_excluded_statements_are_not_commitments(facts, what):
    for c in facts.commitments:
        assert not has_keywords(c.text, EXCLUDED[what]), f"{what} read as a commitment: {c.text!r}"


def test_both_spellings_of_the_industrial_park_are_one_topic(facts):
    matched = _match(facts)
    park_cn = facts.commitments[matched[1]]  # "...China-Belarus industrial park"
    park_by = facts.commitments[matched[8]]  # "...Belarus-China industrial park"
    assert "China-Belarus" in park_cn.text and "Belarus-China" in park_by.text
    common = set(park_cn.topics) & set(park_by.topics)
    park_topics = {t for t in common if "park" in t.lower()}
    assert len(park_topics) == 1, (park_cn.topics, park_by.topics)
    every_park_topic = {t for c in facts.commitments for t in c.topics if "park" in t.lower()}
    assert every_park_topic == park_topics


def test_belt_and_road_is_a_topic_of_both_sides(facts):
    matched = _match(facts)
    for gi in (0, 8):
        assert any("Belt and Road" in t for t in facts.commitments[matched[gi]].topics)


def test_commitment_offsets(facts):
    for c in facts.commitments:
        assert facts.text[c.text_start:c.text_end] == c.text
        assert facts.text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_the_eval_record_form_reads_the_same(facts):
    """The seed as a JSON record (published given, header stripped) gives the same facts."""
    raw = SEED.read_text(encoding="utf-8")
    body = raw.split("2021-01-27", 1)[1]
    again = extract(body, id="seed/000_c07793c686dc2a12", published="2021-01-27", source="Xinhua")
    assert again.to_dict()["calls"] == facts.to_dict()["calls"]
    assert again.to_dict()["commitments"] == facts.to_dict()["commitments"]
    assert again.id == "seed/000_c07793c686dc2a12"
