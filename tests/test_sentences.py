"""Sentence splitting (relations.extraction.sentences) on normalised text.

Abbreviations (``Mr.``, ``Jan.``), initials (``Joseph R. Biden``) and decimals do not end a
sentence; ``U.S.`` ends one only before a word that usually starts a sentence ("The");
``?`` and ``!`` end one; a paragraph break always does. Offsets point into the text.
"""

from __future__ import annotations

import pytest

from relations.extraction.sentences import split


def texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Sullivan met Mrs. Lee and Ms. Park in Geneva.",
        "Dr. Tedros and Gen. Milley spoke with Sen. Graham and Amb. Tai.",
        "The talks took place on Jan. 26 and again on Sept. 9 in St. Petersburg.",
        "They met on Feb. 3, Oct. 4 and Dec. 5 last year.",
        "H.E. Mr. Ali Khan arrived at the airport.",
        "No. 10 officials attended the talks.",
    ],
)
def test_abbreviations_before_a_capital_do_not_end_a_sentence(text):
    assert texts(text) == [text]


def test_us_before_a_lower_case_word_does_not_end_a_sentence():
    assert texts("He spoke with the U.S. delegation about trade. Then he left.") == [
        "He spoke with the U.S. delegation about trade.", "Then he left.",
    ]


def test_us_before_a_title_does_not_end_a_sentence():
    assert texts("He spoke with the U.S. Secretary of State on Monday.") == [
        "He spoke with the U.S. Secretary of State on Monday.",
    ]


def test_us_before_the_ends_a_sentence():
    assert texts("Pakistan will work with the U.S. The two sides agreed.") == [
        "Pakistan will work with the U.S.", "The two sides agreed.",
    ]


def test_other_maybe_abbreviations_before_a_sentence_starter_end_it():
    assert texts("The sides met in Washington, D.C. They agreed on trade.") == [
        "The sides met in Washington, D.C.", "They agreed on trade.",
    ]
    assert texts("The call started at 9 a.m. Later the sides issued a statement.") == [
        "The call started at 9 a.m.", "Later the sides issued a statement.",
    ]
    assert texts("The call started at 9 a.m. and lasted an hour.") == ["The call started at 9 a.m. and lasted an hour."]


def test_initials_do_not_end_a_sentence():
    assert texts("President Joseph R. Biden Jr. spoke with him. The call was long.") == [
        "President Joseph R. Biden Jr. spoke with him.", "The call was long.",
    ]
    assert texts("Secretary Antony J. Blinken met John F. Kerry.") == ["Secretary Antony J. Blinken met John F. Kerry."]


def test_decimals_do_not_end_a_sentence():
    assert texts("Trade grew 2.5 percent to 14.37 billion dollars. It was a record.") == [
        "Trade grew 2.5 percent to 14.37 billion dollars.", "It was a record.",
    ]


def test_a_sentence_may_start_with_a_digit():
    assert texts("The sides met. 12 agreements were signed.") == ["The sides met.", "12 agreements were signed."]


def test_a_full_stop_before_a_lower_case_word_does_not_split():
    assert texts("The talks ended... and the sides left.") == ["The talks ended... and the sides left."]


def test_quoted_sentences_end_after_the_closing_quote():
    assert texts('He said: "We will win." The minister agreed.') == ['He said: "We will win."', "The minister agreed."]
    assert texts('"Friendship is strong," Xi said. "We will work together."') == [
        '"Friendship is strong," Xi said.', '"We will work together."',
    ]


def test_a_question_inside_quotes_before_a_lower_case_word_does_not_split():
    assert texts('"Is it true?" he asked. Nobody answered.') == ['"Is it true?" he asked.', "Nobody answered."]


def test_question_and_exclamation_marks_end_sentences():
    assert texts("Will they meet? Yes! The date is set.") == ["Will they meet?", "Yes!", "The date is set."]
    assert texts("Really?! The talks resumed.") == ["Really?!", "The talks resumed."]


def test_closing_bracket_after_a_full_stop_belongs_to_the_sentence():
    assert texts("The sides met (in Minsk.) Then they left.") == ["The sides met (in Minsk.)", "Then they left."]


def test_paragraph_breaks_always_split():
    assert texts("A heading without a stop\n\nthe next paragraph starts lower case") == [
        "A heading without a stop", "the next paragraph starts lower case",
    ]
    assert texts("He met Mr.\n\nSmith later.") == ["He met Mr.", "Smith later."]


def test_paragraph_numbers_count_paragraphs():
    sents = split("One. Two.\n\nThree.\n\nFour. Five.")
    assert [(s.text, s.paragraph) for s in sents] == [("One.", 0), ("Two.", 0), ("Three.", 1), ("Four.", 2), ("Five.", 2)]


def test_offsets_slice_the_text_and_sentences_are_in_order():
    text = 'Mr. Wang met the U.S. envoy.  "Trade matters," he said!\n\nNext, on Jan. 5, talks? Yes.'
    sents = split(text)
    assert [s.text for s in sents] == [
        "Mr. Wang met the U.S. envoy.", '"Trade matters," he said!', "Next, on Jan. 5, talks?", "Yes.",
    ]
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:]))


def test_empty_and_blank_text_have_no_sentences():
    assert split("") == []
    assert split("\n\n") == []
