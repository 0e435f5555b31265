"""Reading commitments: an invitation to visit is a proposal (GUIDELINES.md of the evaluation kit).

The sentences are invented for these tests (rule: the invitation row of
``relations/lexicon/commitment_cues.tsv``).
"""

from __future__ import annotations

import pytest

from relations import extract


@pytest.mark.parametrize("sentence", [
    "President Tokayev extended an invitation to President Mirziyoyev to pay a state visit to Kazakhstan.",
    "President Tokayev extended an invitation to pay a state visit to Kazakhstan to President Mirziyoyev.",
    "President Tokayev renewed his invitation to President Mirziyoyev to pay a state visit to Kazakhstan.",
    "President Tokayev conveyed an official invitation to President Mirziyoyev to pay a state visit to Kazakhstan.",
])
def test_an_extended_invitation_to_visit_is_a_proposal_of_the_inviter(sentence):
    facts = extract(sentence + " Mirziyoyev accepted the invitation.", published="2025-03-05")
    got = [(c.actor, c.kind) for c in facts.commitments if "state visit" in c.text]
    assert got == [("KAZ", "proposal")]
    assert all(not c.text.startswith("President Mirziyoyev") for c in facts.commitments)


def test_accepting_an_invitation_is_no_commitment():
    facts = extract("President Mirziyoyev accepted the invitation to visit Kazakhstan.", published="2025-03-05")
    assert facts.commitments == ()
