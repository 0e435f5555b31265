"""The shortcuts that let extraction skip work find exactly what the full passes find.

Each shortcut (issue 13, extraction speed) is a cheap test that rules a pass out, or a look-ahead
that lets a regex skip positions; each is checked here against the pass it shortens, on texts
written to hit its edges (hypothesis), so that a change of vocabulary that breaks one fails.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from relations.extraction import clear_memos, dates, extract
from relations.extraction.commitments.extent import hard_stop
from relations.extraction.names import clean_name
from relations.extraction.patterns import lower_for_literals
from relations.extraction.people.reading import _delegation_countries, _delegation_literals, _delegation_phrase

# pieces that make texts near the shortcuts' edges: the four letters Python's re takes for ASCII
# ones, date words in any case, digits, the punctuation the regexes start with
_PIECES = st.sampled_from([
    " ", " ", ", ", "; ", "-", " -- ", "\u2014", "\n", ".", "'", "(", "\u0130", "\u0131", "\u017f", "\u212a",
    "on", "On", "the", "in", "last", "this past", "next", "Tuesday", "tuesday", "TUESDAY", "Jan.", "January",
    "june", "May", "the 3rd", "3", "25", "2021", "2021-01-26", "yesterday", "Yesterday", "last week",
    "earlier in the day", "morning", "of", "since", "during", "coming", "past", "early", "mid-", "the 12th", "and that", "and witnessed", "adding", "said", "x", "Kremlin",
    "accompanied by", "ACCOMPANIED BY", "Accompanied", "joined", "by", "delegation", "including", "entourage",
    "included", "jo\u0130ned", "accompan\u0131ed", "\u00e9", "\u00c9lys\u00e9e",
])
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("On Tuesday, Jan. 25 2021 and last week")
@example("x-Tuesday 3rd of June")
def test_the_gated_date_pattern_finds_what_the_full_one_finds(text):
    gated, full = dates._pattern(), dates._pattern(gated=False)
    assert gated.pattern != full.pattern
    assert [m.groupdict() | {"span": m.span()} for m in gated.finditer(text)] == [
        m.groupdict() | {"span": m.span()} for m in full.finditer(text)]


def test_the_gated_date_pattern_finds_every_kind_of_date_the_full_one_finds():
    # every word a date can start with, before every month, weekday and relative phrase
    months, weekdays, relative = dates._vocab()
    starts = ["", "on ", "the ", "in ", "during ", "last ", "since ", "this ", "next ", "past ", "coming ",
              "this past ", "this coming ", "in early ", "x"]
    words = [*months, *weekdays, *relative, "3 June", "the 3rd of June", "2021-01-26"]
    gated, full = dates._pattern(), dates._pattern(gated=False)
    for start in starts:
        for word in words:
            for text in (f"{start}{word} 2021", f"({start.title()}{word.title()}, 2021"):
                assert [m.span() for m in gated.finditer(text)] == [m.span() for m in full.finditer(text)], text


_GATE = re.compile(r"\A\(\?=\[[^\]]*\]\)")  # a look-ahead of a character class, first


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("we agreed; and that, adding -- \u2014 , and also witnessed")
@example("x, adding")
def test_the_gated_hard_stop_finds_what_the_full_one_finds(text):
    gated = hard_stop()
    assert _GATE.match(gated.pattern)
    full = re.compile(_GATE.sub("", gated.pattern), gated.flags)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in full.finditer(text)]


def test_lower_for_literals_gives_up_on_the_letters_re_takes_for_ascii_ones():
    assert lower_for_literals("Accompanied BY the Minister") == "accompanied by the minister"
    assert lower_for_literals("\u00c9lys\u00e9e Palace, Accompanied by") == "\u00e9lys\u00e9e palace, accompanied by"
    for twin in ("\u0130", "\u0131", "\u017f", "\u212a"):
        assert lower_for_literals(f"jo{twin}ned by") is None


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("JO\u0130NED BY")
@example("accompan\u0131ed by")
def test_a_phrase_a_case_insensitive_pass_finds_is_in_the_lowered_text(text):
    low = lower_for_literals(text)
    literals = _delegation_literals()
    assert literals is not None  # the lexicon's phrases are ASCII
    for m in _delegation_phrase().finditer(text):
        assert low is None or m.group().lower() in literals and m.group().lower() in low


def test_the_delegation_pass_still_runs_on_a_text_with_a_letter_re_folds():
    # "JOİNED BY": Python's re, case-insensitive, reads İ as i; the pass must not be skipped
    text = "Chinese Premier Li Qiang, JO\u0130NED BY Vice Premier Ding Xuexiang, met them."
    assert _delegation_phrase().search(text)

    class M:  # the fields of a mention the pass reads
        def __init__(self, start, end, country):
            self.start, self.end, self.country, self.org, self.leader = start, end, country, None, None

    lead = M(0, len("Chinese Premier Li Qiang"), "CHN")
    other = M(text.index("Vice"), text.index(", met"), None)
    _delegation_countries(text, [lead, other])
    assert other.country == "CHN"


def test_clean_name_is_memoised_and_clear_memos_forgets_it():
    from relations.extraction.gazetteer import gazetteer

    clear_memos()
    assert clean_name.cache_info().currsize == 0
    assert clean_name("Sergey Lavrov said", gazetteer()) == clean_name("Sergey Lavrov said", gazetteer())
    assert clean_name.cache_info().hits >= 1
    extract("Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi.")
    clear_memos()
    assert clean_name.cache_info().currsize == 0
