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


# -- a second complement clause ("... and that X condemns ...") is its own commitment ----------

def test_a_second_that_clause_starts_a_new_commitment():
    facts = extract("President Tokayev said that Kazakhstan supports the peace talks between Armenia and Azerbaijan "
                    "and that Kazakhstan rejects any use of force against civilians.", published="2025-03-05")
    got = sorted((c.actor, c.kind) for c in facts.commitments)
    assert got == [("KAZ", "opposition"), ("KAZ", "support")]
    support = next(c for c in facts.commitments if c.kind == "support")
    assert "rejects" not in support.text


# -- a joint modal under a group subject is an agreement -----------------------------------------

def test_the_two_leaders_confirming_that_they_would_act_is_an_agreement():
    facts = extract("Prime Minister Modi held talks with President Lula of Brazil. The two leaders "
                    "confirmed that they would expand cooperation in biofuels.", published="2025-03-05")
    got = [(c.actor, c.kind) for c in facts.commitments if "biofuels" in c.text]
    assert got == [("IND", "agreement")]


def test_one_leaders_they_will_stays_a_pledge_of_his_side():
    facts = extract("President Lula said Brazil will expand cooperation in biofuels with India.",
                    published="2025-03-05")
    assert [(c.actor, c.kind) for c in facts.commitments] == [("BRA", "pledge")]


# -- "X hopes to ... and will ...": the coordinated modal shares the subject of the hope ---------
# (rule: ``_hope_to_subject`` / ``_shares_hope_subject`` in ``relations/extraction/commitments.py``)

@pytest.mark.parametrize("sentence", [
    "President Tokayev said Kazakhstan hopes to attract more investment from China and will improve its investment climate.",
    "President Tokayev said that Kazakhstan hopes to attract more investment from China, and will improve its investment climate.",
    "Kazakhstan hopes to attract more Chinese investment and will further improve its investment climate, President Tokayev said.",
])
def test_an_elided_will_after_hopes_to_is_a_pledge_of_the_hoping_side(sentence):
    facts = extract(sentence, published="2025-03-05")
    got = [(c.actor, c.kind) for c in facts.commitments if "investment climate" in c.text]
    assert got == [("KAZ", "pledge")]
    assert all("attract" not in c.text for c in facts.commitments)  # the hope itself stays muted


@pytest.mark.parametrize("sentence", [
    "President Tokayev said Kazakhstan hopes that China will invest more and will open its market further.",
    "President Tokayev expressed the hope that China will invest more and will open its market further.",
    "President Tokayev said he hopes China will invest more and will open its market further.",
])
def test_a_hope_about_the_other_side_stays_muted(sentence):
    facts = extract(sentence, published="2025-03-05")
    assert facts.commitments == ()


# -- itinerary and questions commit no one ---------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Foreign Minister Retno Marsudi plans to visit Tokyo and Seoul next week to hold talks with her counterparts.",
    "Retno Marsudi will make a two-day trip to Tokyo starting Tuesday, the ministry of Indonesia said.",
    "The talks with Japan's foreign minister will be followed by a working dinner, the ministry of Indonesia said.",
    "The meeting between President Joko Widodo and President Xi Jinping will be an opportunity to review ties.",
])
def test_an_itinerary_item_is_no_commitment(sentence):
    assert extract(sentence, published="2023-07-28").commitments == ()


def test_a_journalists_question_in_a_briefing_is_no_proposal():
    text = ("Asked if the Prime Minister of Britain had spoken to the French President about the referendum, the "
            "spokesman said that there had been no calls that day.")
    assert extract(text, published="2011-11-01").commitments == ()


@pytest.mark.parametrize("sentence", [
    "President Ruto welcomed the opportunity to engage with President Samia Suluhu Hassan of Tanzania.",
    "President Putin said Kazakhstan's experience will continue to be in demand both in Kazakhstan and abroad.",
])
def test_a_courtesy_or_a_noun_is_no_commitment(sentence):
    assert extract(sentence, published="2023-07-28").commitments == ()


def test_a_turn_of_a_meetings_conversation_commits_no_state():
    text = ("Vladimir Putin met with the coaches of the national hockey team of Russia. \"I will gladly give you the "
            "floor to tell us about your match against Finland,\" the President said.")
    assert extract(text, published="2021-12-20").commitments == ()


def test_condolences_asked_to_be_conveyed_commit_no_one():
    text = ("Vladimir Putin sent a message to the President of Greece. The President of Russia asked that his deep "
            "condolences be conveyed to the family and dear ones of the deceased and to the Greek people as a whole.")
    assert extract(text, published="2021-12-20").commitments == ()


def test_and_to_before_a_noun_is_one_commitment():
    f = extract("President Biden of the United States reaffirmed his commitment to Article 5 and to the security "
                "of all our NATO Allies, including Estonia.", published="2022-02-18")
    assert [c.text for c in f.commitments] == ["Article 5 and to the security of all our NATO Allies, including Estonia"]


@pytest.mark.parametrize("sentence", [
    "Tokayev: I fully agree with you, Mr President, and with what you said about transit.",
    "President Mirziyoyev agreed with his Kazakh counterpart's assessment of the harvest.",
    "The Kazakh side confirmed its support for the corridor, as endorsed by the ministers of transport.",
])
def test_agreeing_with_someone_or_a_passive_agent_is_no_undertaking(sentence):
    facts = extract("TASHKENT, March 5 (UzA) -- President Shavkat Mirziyoyev held talks with President "
                    "Kassym-Jomart Tokayev of Kazakhstan. " + sentence, published="2025-03-05")
    assert [c.text for c in facts.commitments if c.text.startswith(("with", "by"))] == []


@pytest.mark.parametrize("sentence", [
    "We will always remember him as a statesman who did much for the friendship of our peoples.",
    "President Aliyev will stay in Baku after the summit and will return home on Friday.",
])
def test_remembrance_and_itinerary_commit_no_one(sentence):
    facts = extract("BAKU, May 2 (AZERTAC) -- President Ilham Aliyev sent a letter of condolence to the "
                    "President of Georgia. " + sentence, published="2025-05-02")
    assert facts.commitments == ()


def test_backing_another_states_bid_is_support_and_a_plain_will_support_stays_a_pledge():
    facts = extract("KUALA LUMPUR, Aug 12 (Bernama) - Prime Minister Anwar Ibrahim met Chief Adviser Muhammad Yunus "
                    "of Bangladesh. Anwar said Malaysia would support Bangladesh's bid to become a sectoral "
                    "dialogue partner of ASEAN. He said Malaysia will continue to support the Rohingya refugees "
                    "through humanitarian aid.", published="2025-08-12", source="Bernama")
    kinds = {c.kind for c in facts.commitments if "sectoral" in c.text}
    assert kinds == {"support"}
    assert {c.kind for c in facts.commitments if "Rohingya" in c.text} == {"pledge"}


@pytest.mark.parametrize("tail", ["the Kremlin press service reported", "the press service reports",
                                  "the presidency announced", "the ministry informed"])
def test_a_trailing_report_of_the_press_service_is_no_part_of_the_commitment(tail):
    facts = extract(f"MOSCOW, May 3 (TASS) - Vladimir Putin and Donald Trump talked by phone on Tuesday. The leaders "
                    f"agreed to hold a meeting on the sidelines of the G20 summit in Hamburg, {tail}.",
                    published="2017-05-03")
    assert [c.text for c in facts.commitments] == ["hold a meeting on the sidelines of the G20 summit in Hamburg"]


def test_a_quoted_action_loses_its_quotes_and_a_contrasting_clause_ends_it():
    facts = extract("MOSCOW, Feb 18 (Xinhua) -- Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State "
                    "John Kerry held a telephone conversation on Sunday. The two agreed to \"keep in touch\", the "
                    "ministry said. Moscow proposed to have a phone conversation on Thursday, but the offer was left "
                    "unanswered.", published="2013-02-18")
    texts = sorted(c.text for c in facts.commitments)
    assert "keep in touch" in texts
    assert all(", but" not in t for t in texts)


@pytest.mark.parametrize("sentence", [
    "Carney, who will be accompanied by a trade delegation, is due in Riyadh next month.",
    "President Ruto will today visit the railway authority headquarters and then hold talks with officials.",
    "The two presidents will have face-to-face and official talks, followed by a joint press statement.",
    "The President will also use the opportunity to meet the Kenyan community in Riyadh.",
])
def test_itinerary_with_an_adverb_or_a_companion_commits_no_one(sentence):
    facts = extract("RIYADH, May 9 (SPA) - Crown Prince Mohammed bin Salman received a phone call on Friday from "
                    "Prime Minister Mark Carney of Canada, according to the official Saudi Press Agency. " + sentence,
                    published="2025-05-09", source="SPA")
    assert facts.commitments == ()


def test_solidarity_in_an_hour_of_grief_is_sympathy_not_support():
    facts = extract("ABUJA, Jan 9 - President Bola Tinubu has sent a message to Prime Minister Kyriakos Mitsotakis. "
                    "The government and people of Nigeria stand in solidarity with Greece in this trying period of "
                    "wildfires. Nigeria supports Greece's bid for a seat on the Security Council.",
                    published="2025-01-09")
    assert [(c.kind, "bid" in c.text) for c in facts.commitments] == [("support", True)]


def test_an_offer_of_assistance_after_condolences_to_a_country_is_a_pledge():
    facts = extract("ISLAMABAD, Sep 9 (APP): President Arif Alvi conveyed condolences to Morocco over the loss of lives "
                    "in the earthquake.\n\nThe Foreign Office said: \"Pakistan stands ready to extend all possible "
                    "assistance to the relief effort.\"", published="2023-09-09", source="APP")
    assert [(c.actor, c.kind) for c in facts.commitments] == [("PAK", "pledge")]


def test_a_joint_welcome_is_the_side_named_first():
    facts = extract("SINGAPORE, March 3 - Foreign Minister Vivian Balakrishnan held talks with Chinese Foreign Minister "
                    "Wang Yi. Minister Balakrishnan and Minister Wang welcomed the ongoing discussions between both "
                    "countries to resume flights gradually.", published="2025-03-03", source="MFA Singapore")
    assert [(c.actor, c.kind) for c in facts.commitments if "flights" in c.text] == [("SGP", "support")]


def test_the_first_sentence_of_a_transcripts_first_turn_is_a_turn_too():
    facts = extract("Meeting with permanent members of the Security Council\n\nVladimir Putin: Colleagues, I will brief "
                    "you on the outcome of my talks with the President of Azerbaijan and the Prime Minister of "
                    "Armenia.", published="2021-11-27", source="Kremlin")
    assert facts.commitments == ()


def test_what_a_statement_says_it_does_not_mean_is_no_pledge():
    facts = extract("KUALA LUMPUR, June 2 - Malaysia has protested the breach of its airspace by Chinese aircraft. "
                    "Malaysia's stand is clear - having friendly diplomatic relations with any countries does not mean "
                    "that we will compromise our national security.", published="2021-06-02", source="Wisma Putra")
    assert [c.text for c in facts.commitments if "compromise" in c.text] == []


def test_what_a_leader_undertakes_after_a_domestic_meeting_is_domestic_policy():
    facts = extract("State House, Nairobi - President William Ruto on Tuesday held talks with President Samia Suluhu "
                    "Hassan of Tanzania. The two leaders agreed to remove the non-tariff barriers at Namanga.\n\nLater "
                    "in the day, the President met members of the Council of Governors at State House. He pledged that "
                    "the national government would clear all pending bursary arrears before June.",
                    published="2024-03-05", source="State House Kenya")
    texts = [c.text for c in facts.commitments]
    assert any("non-tariff" in t for t in texts)
    assert not any("bursary" in t for t in texts)


def test_what_is_addressed_is_discussed_not_proposed():
    facts = extract("NAIROBI, March 5 - President Ruto held talks with President Samia Suluhu Hassan of Tanzania. Both "
                    "leaders also addressed the rising cost of food, including the need to harmonise grain export rules.",
                    published="2024-03-05")
    assert [c.text for c in facts.commitments if "grain" in c.text] == []
