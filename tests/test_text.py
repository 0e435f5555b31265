"""Normalisation (relations.extraction.text) and the offsets every fact carries into its result.

``normalise`` turns a readout as it arrives (hard-wrapped, curly quotes, markdown, HTML, odd
spaces) into paragraphs on one line each, separated by one blank line; ``split_header`` reads the
seed's ``date YYYY-MM-DD`` convention. Every Evidence that ``extract`` reports must slice the
normalised text exactly.
"""

from __future__ import annotations

import datetime as dt

import pytest

from relations.extraction import extract
from relations.extraction.sentences import split
from relations.extraction.text import normalise, split_header

D = dt.date.fromisoformat

# -- unwrapping and paragraphs ------------------------------------------------------------------


def test_hard_wrapped_lines_are_unwrapped():
    raw = "The two presidents agreed\nto deepen cooperation in\ntrade and energy."
    assert normalise(raw) == "The two presidents agreed to deepen cooperation in trade and energy."


def test_paragraph_breaks_become_one_blank_line():
    raw = "First paragraph\nwrapped here.\n\n\n\nSecond paragraph.\n \n\t\nThird."
    assert normalise(raw) == "First paragraph wrapped here.\n\nSecond paragraph.\n\nThird."


def test_leading_and_trailing_space_and_runs_of_spaces_go():
    assert normalise("  \n  The   minister\t\tsaid so.  \n\n") == "The minister said so."


def test_word_broken_by_a_hyphen_at_a_line_end_is_joined_keeping_the_hyphen():
    assert normalise("close anti-\nepidemic cooperation") == "close anti-epidemic cooperation"
    assert normalise("the U.S.-\nChina talks") == "the U.S.-China talks"


def test_a_spaced_dash_at_a_line_end_is_not_a_broken_word():
    assert normalise("the talks -\nheld in Geneva") == "the talks - held in Geneva"


def test_a_double_dash_at_a_line_end_keeps_its_space():
    assert normalise("the two sides --\nwhich met") == "the two sides -- which met"


def test_windows_line_endings_unwrap_like_unix_ones():
    assert normalise("The two sides\r\nagreed to meet.\r\n\r\nNext paragraph.") == (
        "The two sides agreed to meet.\n\nNext paragraph."
    )


# -- characters ---------------------------------------------------------------------------------


def test_curly_quotes_become_straight():
    raw = "\u201cWe agree,\u201d he said, \u2018fully\u2019; \u201elow\u201c and \u00abangle\u00bb"
    assert normalise(raw) == "\"We agree,\" he said, 'fully'; \"low\" and \"angle\""


def test_apostrophe_variants_become_straight():
    assert normalise("Belarus\u2019s and Russia\u02bcs") == "Belarus's and Russia's"


def test_non_breaking_and_other_unicode_spaces_become_plain_spaces():
    for space in ("\u00a0", "\u2009", "\u202f", "\u2002", "\u3000", "\t"):
        assert normalise(f"Prime{space}Minister") == "Prime Minister", repr(space)


def test_soft_hyphens_and_zero_width_characters_are_removed():
    for invisible in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        assert normalise(f"co{invisible}operation") == "cooperation", repr(invisible)


def test_unicode_hyphens_become_ascii():
    assert normalise("China\u2010Belarus and anti\u2011epidemic") == "China-Belarus and anti-epidemic"


def test_tabs_become_spaces_beside_curly_quotes():
    assert normalise("Belarus\u2019s\tPresident\x0bsaid") == "Belarus's President said"


def test_control_characters_are_dropped():
    assert normalise("Xi\x00 met\x07 Put\x1bin\x7f in\x9f Minsk.") == "Xi met Putin in Minsk."


def test_form_feed_and_vertical_tab_are_line_breaks():
    assert normalise("one\x0btwo\x0cthree") == "one two three"


def test_text_is_composed_to_nfc():
    assert normalise("Erdog\u0306an") == "Erdo\u011fan"


# -- markup ---------------------------------------------------------------------------------------


def test_markdown_emphasis_is_removed():
    assert normalise("**Bold** and *italic* and __under__ and ***both***") == "Bold and italic and under and both"


def test_markdown_emphasis_across_a_wrapped_line_is_removed():
    assert normalise("the **Prime\nMinister** said") == "the Prime Minister said"


def test_markdown_links_keep_their_text():
    assert normalise("Read [the readout](https://example.gov/r?id=1) here.") == "Read the readout here."


def test_markdown_escapes_are_removed():
    assert normalise(r"1\. Trade \[draft\] \#1 \- end") == "1. Trade [draft] #1 - end"


def test_html_tags_are_removed():
    assert normalise('<div class="lede">The <b>two</b> <i>sides</i> met.</div>') == "The two sides met."


def test_html_line_and_paragraph_breaks_keep_words_apart():
    assert "Helloworld" not in normalise("Hello<br>world")
    assert "First.Second." not in normalise("<p>First.</p><p>Second.</p>")


def test_a_lone_angle_bracket_is_not_a_tag():
    assert normalise("turnover grew 5% (x < y) in 2020") == "turnover grew 5% (x < y) in 2020"


def test_bullet_items_are_separate_paragraphs():
    raw = "The sides agreed:\n- to expand trade\n- to open\n  a consulate\n* to meet again\n\u2022 to talk"
    assert normalise(raw).split("\n\n") == [
        "The sides agreed:", "- to expand trade", "- to open a consulate", "* to meet again", "\u2022 to talk",
    ]


def test_numbered_items_are_separate_paragraphs():
    assert normalise("Outcomes:\n1. a visa deal\n2) a trade deal").split("\n\n") == [
        "Outcomes:", "1. a visa deal", "2) a trade deal",
    ]


def test_a_wrapped_line_starting_with_a_number_is_not_a_list_item():
    assert normalise("trade grew by\n12 percent in 2020.") == "trade grew by 12 percent in 2020."


def test_normalise_is_idempotent_on_a_messy_readout():
    raw = (" \u201cWe   agree,\u201d said\nthe **Prime\u00a0Minister**.\r\n\r\n- one\n- [two](http://x.y)\n"
           "anti-\nepidemic\u200b work <b>now</b>.")
    once = normalise(raw)
    assert normalise(once) == once


def test_paragraph_breaks_always_end_sentences_after_normalising():
    sents = split(normalise("A heading without a stop\n\nThe minister spoke."))
    assert [s.text for s in sents] == ["A heading without a stop", "The minister spoke."]


# -- the date header ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, rest",
    [
        ("date 2021-01-27\nThe two sides met.", "The two sides met."),
        ("date 2021-01-27 BEIJING, Jan. 26 (Xinhua) -- The two sides met.", "BEIJING, Jan. 26 (Xinhua) -- The two sides met."),
        (" date 2021-01-27 BEIJING, Jan. 26 (Xinhua) -- Text.", "BEIJING, Jan. 26 (Xinhua) -- Text."),
        ("\n\ndate 2021-01-27\nText.", "Text."),
        ("Date 2021-01-27\nText.", "Text."),
        ("date\t2021-01-27\t\nText.", "Text."),
    ],
)
def test_date_header_is_read_and_removed(raw, rest):
    date, body = split_header(raw)
    assert date == D("2021-01-27")
    assert normalise(body) == rest


@pytest.mark.parametrize(
    "raw",
    ["The date 2021-01-27 was set.", "update 2021-01-27\nText.", "date 2021-01-27x text", "dated 2021-01-27\nText."],
)
def test_text_that_is_not_a_date_header_is_kept(raw):
    assert split_header(raw) == (None, raw)


def test_impossible_header_date_gives_no_date():
    date, body = split_header("date 2021-02-30\nText.")
    assert date is None
    assert body == "Text."


def test_extract_reads_the_header_on_the_dateline_line():
    f = extract(" date 2021-01-27 BEIJING, Jan. 26 (Xinhua) -- Chinese President Xi Jinping held talks.")
    assert f.article.published == D("2021-01-27")
    assert f.text.startswith("BEIJING, Jan. 26 (Xinhua) --")
    assert "date 2021" not in f.text
    assert f.article.dateline == "BEIJING"
    assert f.article.dateline_date == D("2021-01-26")


def test_published_argument_wins_over_the_header():
    f = extract("date 2021-01-27\nThe ministers met.", published="2022-03-04")
    assert f.article.published == D("2022-03-04")
    assert f.text == "The ministers met."


# -- offsets into the normalised text -------------------------------------------------------------

ARTICLES = [
    # hard-wrapped, curly quotes, a header on its own line
    "date 2021-03-10\nMOSCOW, March 9. /TASS/. Russian President Vladimir Putin on Tuesday held a\n"
    "telephone conversation with Turkish President Recep Tayyip Erdogan, the Kremlin said.\n\n"
    "\u201cThe two sides agreed to continue close contacts,\u201d the statement said. Putin\n"
    "urged Turkey to keep the grain corridor open. Erdogan said Turkey is ready to host\n"
    "further talks and firmly opposes any escalation.\n",
    # markdown, nbsp, zero-width characters, a bullet list
    "President **Joe\u00a0Biden** spoke today with Prime Minister [Justin Trudeau](https://x.ca) of\u200b Canada.\n\n"
    "The leaders:\n- agreed to strengthen cooperation on clean energy;\n- pledged to support Ukraine.\n\n"
    "President Biden welcomed Canada\u2019s continued commitment to NATO.",
    # HTML, a Xinhua dateline, soft hyphens
    "<p>BEIJING, Jan. 26 (Xinhua) -- Chinese President Xi Jinping on Tuesday held talks with</p>\n"
    "<p>visiting Pakistani Prime Minister Imran Khan. Xi said China is willing to boost co\u00adoperation\n"
    "in trade and infrastructure with Pakistan, and the two sides should safeguard regional peace.</p>\n\n"
    "Khan said Pakistan firmly supports the Belt and Road Initiative and the all-weather strategic\n"
    "cooperative partnership between the two countries.",
]


@pytest.mark.parametrize("raw", ARTICLES)
def test_every_evidence_slices_the_normalised_text(raw):
    f = extract(raw)
    assert f.calls or f.commitments, "the article should yield facts to check"
    evidences = [c.evidence for c in f.calls] + [c.evidence for c in f.commitments] + [p.evidence for p in f.partnerships]
    for e in evidences:
        assert 0 <= e.start <= e.end <= len(f.text)
        assert f.text[e.start:e.end] == e.text


@pytest.mark.parametrize("raw", ARTICLES)
def test_commitment_text_offsets_slice_the_normalised_text(raw):
    f = extract(raw)
    for c in f.commitments:
        assert f.text[c.text_start:c.text_end] == c.text
        assert c.evidence.start <= c.text_start <= c.text_end <= c.evidence.end


def test_articles_yield_commitments_to_check():
    assert sum(len(extract(raw).commitments) for raw in ARTICLES) >= 4


@pytest.mark.parametrize("raw", ARTICLES)
def test_facts_text_is_the_normalised_body(raw):
    _date, body = split_header(raw)
    assert extract(raw).text == normalise(body)
