"""Reading calls: an organisation's meeting that the parties prepare for is no engagement of theirs.

The sentences are invented for these tests (rule: ``_prepared_body_event`` in
``relations/extraction/calls.py``, role ``prepares`` in ``lexicon/call_context.tsv``).
"""

from __future__ import annotations

from relations import extract

LEAD = "Prime Minister Anwar Ibrahim spoke by phone with President Prabowo Subianto on Monday. "


def calls(text: str, **kw) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.medium, c.status, c.countries) for c in extract(text, published="2025-03-05", **kw).calls]


def test_preparations_for_a_councils_next_session_are_no_planned_call():
    assert calls("President Ilham Aliyev had a telephone conversation with President Kassym-Jomart Tokayev of "
                 "Kazakhstan on Monday. The presidents also discussed preparations for the next session of the "
                 "Joint Economic Council.") == [("phone", "held", ("AZE", "KAZ"))]


def test_ahead_of_an_organisations_own_meeting_is_no_call():
    assert calls("Foreign Minister Sugiono spoke by phone with Foreign Minister Faisal bin Farhan of Saudi Arabia "
                 "on Monday. The two ministers agreed to work closely within the OIC ahead of its emergency "
                 "summit next week.") == [("phone", "held", ("IDN", "SAU"))]


def test_preparations_for_a_blocs_summit_are_no_call():
    assert calls(LEAD + "The two leaders discussed preparations for the upcoming ASEAN summit in Kuala Lumpur.") == [
        ("phone", "held", ("IDN", "MYS"))]


def test_preparations_for_the_parties_own_meeting_stay_a_planned_call():
    assert calls(LEAD + "The two leaders discussed preparations for their meeting in Jakarta next month.") == [
        ("phone", "held", ("IDN", "MYS")), ("in_person", "planned", ("IDN", "MYS"))]


def test_a_meeting_agreed_ahead_of_a_summit_is_still_planned():
    assert calls(LEAD + "The two leaders will meet in Jakarta ahead of the ASEAN summit.") == [
        ("phone", "held", ("IDN", "MYS")), ("in_person", "planned", ("IDN", "MYS"))]


def test_a_call_held_ahead_of_a_summit_is_still_held():
    assert calls("Prime Minister Anwar Ibrahim met President Prabowo Subianto in Jakarta on Monday ahead of the "
                 "ASEAN summit.") == [("in_person", "held", ("IDN", "MYS"))]
