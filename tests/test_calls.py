"""Reading calls: an organisation's meeting that the parties prepare for is no engagement of theirs.

The sentences are invented for these tests (rule: ``_prepared_body_event`` in
``relations/extraction/calls.py``, role ``prepares`` in ``lexicon/call_context.tsv``).
"""

from __future__ import annotations

import pytest

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


# -- a past call placed by its month alone (rule: month mentions in ``_nearest_date``) ----------

def dated(text: str, **kw) -> list[tuple[str, str, tuple[str, ...], str | None, str | None]]:
    return [(c.medium, c.status, c.countries, c.date and c.date.isoformat(), c.date_precision)
            for c in extract(text, published="2025-08-20", **kw).calls]


def test_a_past_call_told_by_its_month_alone_is_background():
    got = dated("Prime Minister Mark Carney will visit Mexico City on Friday. Carney and President Claudia "
                "Sheinbaum spoke by telephone in early June, soon after the election.")
    assert not [c for c in got if c[0] == "phone"]


def test_a_month_alone_never_dates_a_call_the_publication_day():
    # the article's own month, without a day: still no day to give the meeting
    got = dated("Foreign Minister Penny Wong met Foreign Minister Vivian Balakrishnan of Singapore in August on "
                "the sidelines of the forum, officials recalled.")
    assert not [c for c in got if c[3] == "2025-08-20"]


def test_a_day_in_the_sentence_wins_over_a_month_alone():
    got = dated("President Lula, who took office in January, held talks with President Gabriel Boric of Chile "
                "on Monday.")
    assert got == [("in_person", "held", ("BRA", "CHL"), "2025-08-18", "day")]


def test_a_month_far_from_the_call_in_another_clause_does_not_date_it():
    got = dated("President Gabriel Boric of Chile, whose term began in March, held talks with President Lula "
                "today.")
    assert got == [("in_person", "held", ("BRA", "CHL"), "2025-08-20", "day")]


def test_a_call_planned_for_a_month_has_no_day():
    got = dated("President Lula will travel to Santiago, where he is to meet President Gabriel Boric of Chile in "
                "September.")
    assert [c for c in got if c[1] == "planned"] == [("in_person", "planned", ("BRA", "CHL"), None, None)]


def test_a_month_in_a_purpose_clause_after_the_call_does_not_date_it():
    got = dated("President Lula met President Gabriel Boric of Chile to congratulate him on his inauguration in "
                "March.")
    assert got == [("in_person", "held", ("BRA", "CHL"), "2025-08-20", "day")]


def test_an_organisation_named_with_the_article_is_not_taken_by_a_shorter_alias():
    facts = extract("President Japarov spoke by phone with President Mirziyoyev about cooperation within "
                    "the Commonwealth of Independent States.", published="2025-03-05")
    assert "CIS" in facts.organizations
    assert "COMMONWEALTH" not in facts.organizations


# -- "in-person" names the medium; a past-perfect call is background; "rejected reports that" ----
# (rules: rows ``person(?<=in-person)`` of call_triggers.tsv, ``had(?=...)`` and
# ``rejected ... reports (that)`` of call_context.tsv, ``_status`` in calls.py)

def test_in_person_talks_keep_their_medium_against_a_later_phone_call():
    got = dated("Prime Minister Mark Carney and President Claudia Sheinbaum agreed on Monday to expand trade, in "
                "their first in-person talks since the election. Carney had spoken with Sheinbaum by phone shortly "
                "after taking office.")
    assert got == [("in_person", "held", ("CAN", "MEX"), "2025-08-18", "day")]


def test_an_undated_past_perfect_call_is_background():
    got = dated("Prime Minister Mark Carney met President Claudia Sheinbaum in Mexico City on Monday. The two "
                "leaders had spoken by phone after the election.")
    assert got == [("in_person", "held", ("CAN", "MEX"), "2025-08-18", "day")]


def test_a_past_perfect_in_reported_speech_stays_the_reported_call():
    got = dated("The presidency said Prime Minister Mark Carney had spoken by phone with President Claudia "
                "Sheinbaum.")
    assert got == [("phone", "held", ("CAN", "MEX"), "2025-08-20", "day")]


def test_rejected_reports_that_two_leaders_spoke_is_a_denial():
    got = dated("Mexico on Wednesday rejected Canadian media reports that President Claudia Sheinbaum and Prime "
                "Minister Mark Carney had spoken by telephone on Monday about tariffs.")
    assert got == [("phone", "denied", ("CAN", "MEX"), "2025-08-18", "day")]


# -- rounds told by a host, by "separate ... between", and again with the people --------------------

def test_a_host_receiving_delegations_of_several_countries_meets_each_apart():
    got = calls("On Sunday, President Faure Gnassingbé received three senior delegations from the Kingdom of "
                "Morocco, the Republic of Ghana and the State of Qatar at the Presidential Palace.")
    assert sorted(got) == [("in_person", "held", ("GHA", "TGO")), ("in_person", "held", ("MAR", "TGO")),
                           ("in_person", "held", ("QAT", "TGO"))]


def test_the_decision_of_delegations_is_no_meeting():
    assert calls("President Faure Gnassingbé welcomed the decision of the delegations from Ghana and Benin.") == []


def test_separate_meetings_between_one_leader_and_several_are_a_round():
    got = calls("The separate meetings between the Zambian President, Hakainde Hichilema, and his counterparts "
                "from Malawi and Botswana took place on Tuesday in Lusaka.")
    assert sorted(got) == [("in_person", "held", ("BWA", "ZMB")), ("in_person", "held", ("MWI", "ZMB"))]


def test_a_round_told_again_with_its_leaders_is_not_a_meeting_of_all():
    got = calls("President Bola Tinubu held separate bilateral meetings with the leaders of Ghana, Senegal and "
                "Togo on Monday. Tinubu met Ghanaian President John Mahama, Senegalese President Bassirou Diomaye "
                "Faye and Togolese President Faure Gnassingbé at the State House.")
    assert sorted(got) == [("in_person", "held", ("GHA", "NGA")), ("in_person", "held", ("NGA", "SEN")),
                           ("in_person", "held", ("NGA", "TGO"))]


def test_an_audience_granted_is_a_meeting():
    assert calls("King Mswati III granted an audience to the Foreign Minister of Mozambique, Maria Manuela "
                 "Lucas, on Monday.") == [("in_person", "held", ("MOZ", "SWZ"))]


def test_a_bilateral_meeting_before_a_trilateral_one_is_its_own():
    got = calls("President William Ruto held a trilateral meeting with President Samia Suluhu Hassan of Tanzania "
                "and President Yoweri Museveni of Uganda on Monday. Prior to the trilateral meeting, Ruto held a "
                "bilateral meeting with Samia Suluhu Hassan.")
    assert sorted(got) == [("in_person", "held", ("KEN", "TZA")), ("in_person", "held", ("KEN", "TZA", "UGA"))]


# -- what a reported call's sentence also tells ---------------------------------------------------

def test_a_month_ahead_in_the_sentence_does_not_make_the_reported_call_background():
    assert calls("President Lula said on Tuesday he had spoken to Chinese President Xi Jinping and that their "
                 "teams would prepare for a meeting at the G20 summit later this month.") == [
        ("phone", "held", ("BRA", "CHN"))]


def test_not_confirming_a_meeting_is_no_denial():
    got = calls("President Lula wants to meet President Xi Jinping of China next week, but the Chinese side has "
                "not confirmed a meeting would take place.")
    assert ("in_person", "denied", ("BRA", "CHN")) not in got


def test_agreeing_during_a_phone_call_is_no_planned_call():
    got = calls("President Lula spoke with President Xi Jinping of China on Monday. Lula said the two had agreed "
                "to start preparations during a phone call.")
    assert got == [("phone", "held", ("BRA", "CHN"))]


def test_a_meeting_set_for_a_later_day_is_planned():
    assert calls("The talks will likely be held before President Lula's meeting with Chinese President Xi "
                 "Jinping in Brasilia set for March 27.") == [("in_person", "planned", ("BRA", "CHN"))]


def test_coordinated_demonyms_share_their_party_noun():
    got = calls("President Erdogan spoke by phone with President Putin of Russia on Tuesday. Putin informed "
                "Erdogan about the talks between the Russian and Ukrainian delegations held in Istanbul on Monday.")
    assert ("phone", "held", ("RUS", "TUR")) in got and ("in_person", "held", ("RUS", "UKR")) in got


def test_a_party_in_brackets_is_no_datelines_agency_and_the_speakers_meeting_is_denied():
    got = calls("Prime Minister Anna Berg (Centre) said on Friday that a bilateral meeting with Hungarian Prime "
                "Minister Viktor Orbán on the sidelines of Thursday's summit in Brussels was not possible.",
                source="ERR News")
    assert got == [("in_person", "denied", ("EST", "HUN"))]


def test_an_initiative_told_beside_the_calls_noun_names_the_initiator():
    got = extract("MOSCOW, June 11 (Sputnik) - Russian Foreign Minister Sergey Lavrov and his Belarusian "
                  "counterpart Maxim Ryzhenkov discussed cooperation in a phone conversation on Wednesday. "
                  "The Belarusian Foreign Ministry said that the talks were held at Russia's initiative, and the "
                  "ministers addressed the schedule of contacts.", published="2025-06-11").calls
    assert [(c.countries, c.initiator) for c in got] == [(("BLR", "RUS"), "RUS")]


def test_a_round_of_calls_takes_each_counterpart_named_later():
    got = extract("Rome, 4 March 2025. Today the Prime Minister spoke by telephone with the leaders of Austria "
                  "and Croatia. With Chancellor Karl Nehammer she discussed migration; with Prime Minister "
                  "Andrej Plenkovic, energy links across the Adriatic.", published="2025-03-04",
                  source="Palazzo Chigi").calls
    people = {c.countries: sorted(p.name for p in c.participants) for c in got}
    assert "Karl Nehammer" in people[("AUT", "ITA")]
    assert "Andrej Plenković" in people[("HRV", "ITA")]


def test_the_visiting_minister_is_the_guest_and_an_undated_talk_of_the_visit_takes_its_day():
    got = extract("KIGALI, Nov 20 - President Paul Kagame on Wednesday received Ghana's Minister of State at the "
                  "Ministry of Foreign Affairs, Kofi Mensah Boateng.\n\nThe visiting minister also held talks with "
                  "Minister of Foreign Affairs Olivier Nduhungirehe.", published="2025-11-20",
                  source="The New Times").calls
    talks = [c for c in got if "Olivier Nduhungirehe" in [p.name for p in c.participants]]
    assert [(c.countries, c.date.isoformat()) for c in talks] == [(("GHA", "RWA"), "2025-11-19")]
    assert "Kofi Mensah Boateng" in [p.name for p in talks[0].participants]


def test_a_discussed_call_of_last_week_keeps_its_medium_and_lends_none_to_the_talks():
    got = extract("NAIROBI, March 5 (KBC) - Foreign Affairs Cabinet Secretary Musalia Mudavadi on Tuesday held "
                  "talks with the Democratic Republic of Congo's Minister of Foreign Affairs Therese Kayikwamba "
                  "Wagner in Nairobi, following a telephone conversation between President William Ruto and "
                  "President Felix Tshisekedi last week. The two discussed the crisis in eastern Congo.",
                  published="2025-03-05", source="KBC")
    assert sorted((c.medium, c.countries, c.date_precision) for c in got.calls) == [
        ("in_person", ("COD", "KEN"), "day"), ("phone", ("COD", "KEN"), "week")]
    assert [c.code for c in got.countries if c.code == "COG"] == []  # "eastern Congo" is the DRC here


def test_a_headline_pair_is_no_apposition():
    got = extract("Mudavadi, DRC foreign minister hold talks on eastern Congo crisis\n\nNAIROBI, March 5 (KBC) - "
                  "Foreign Affairs Cabinet Secretary Musalia Mudavadi on Tuesday held talks with the DRC's Minister "
                  "of Foreign Affairs Therese Kayikwamba Wagner.", published="2025-03-05", source="KBC")
    assert {p.name: p.country for p in got.leaders}["Musalia Mudavadi"] == "KEN"


def test_consultations_their_delegation_heads_and_a_courtesy_call_later_that_day():
    got = extract("COLOMBO, June 4 (Daily Mirror) - Sri Lanka and the Maldives yesterday held the foreign "
                  "office consultations in Colombo. Foreign Secretary Aruni Wijewardane led the Sri Lankan side "
                  "while the Maldivian delegation was led by Foreign Secretary Ahmed Latheef. Latheef called on "
                  "Prime Minister Harini Amarasuriya later in the day.", published="2025-06-04").calls
    people = sorted(tuple(sorted(p.name for p in c.participants)) for c in got)
    assert [(c.countries, c.date.isoformat()) for c in got] == [(("LKA", "MDV"), "2025-06-03")] * 2
    assert people == [("Ahmed Latheef", "Aruni Wijewardane"), ("Ahmed Latheef", "Harini Amarasuriya")]


def test_a_phone_cue_stands_for_the_verb_when_the_other_trigger_is_only_talked_about():
    got = extract("ANKARA, Oct 23 (Anadolu) - Erdogan and Aliyev discussed the possibility of holding a meeting "
                  "in Baku by telephone on Tuesday, the presidency said.", published="2025-10-23").calls
    assert [(c.medium, c.status, c.countries, c.date.isoformat()) for c in got] == [
        ("phone", "held", ("AZE", "TUR"), "2025-10-21")]


def test_a_future_call_on_a_person_is_a_planned_courtesy_call_of_the_one_the_pronoun_names():
    got = extract("Kathmandu, Feb 26 (RSS): Foreign Secretary Amrit Rai and the visiting Secretary (East) at "
                  "India's Ministry of External Affairs, Vikram Sethi, held a meeting today. The Secretary (East) is "
                  "on a three-day visit to Nepal. He is scheduled to call on Minister for Foreign Affairs Arzu "
                  "Rana Deuba on Thursday.", published="2025-02-26", source="RSS").calls
    planned = [c for c in got if c.status == "planned"]
    assert [(c.countries, c.date.isoformat()) for c in planned] == [(("IND", "NPL"), "2025-02-27")]
    assert sorted(p.name for p in planned[0].participants) == ["Arzu Rana Deuba", "Vikram Sethi"]


def test_a_call_on_a_country_to_act_is_an_appeal_not_a_courtesy_call():
    got = extract("GENEVA, March 3 - Switzerland will call on Israel and Iran to show restraint, the Foreign "
                  "Minister said.", published="2025-03-03").calls
    assert got == ()


@pytest.mark.parametrize("sentence", [
    "The next meeting of the Joint Working Group on labour will be held in Dhaka in October.",
    "The two leaders also agreed to convene the Joint Ministerial Commission in Dhaka later this year.",
])
def test_the_next_sitting_of_a_standing_body_is_a_planned_engagement_of_the_two_sides(sentence):
    got = extract("KUALA LUMPUR, Aug 12 (Bernama) - Prime Minister Anwar Ibrahim held talks with Chief Adviser "
                  "Muhammad Yunus of Bangladesh at Seri Perdana yesterday. " + sentence,
                  published="2025-08-12", source="Bernama").calls
    assert [(c.status, c.countries, c.date) for c in got if c.status == "planned"] == [
        ("planned", ("BGD", "MYS"), None)]


def test_a_body_of_another_state_is_no_planned_engagement_of_the_two_sides():
    got = extract("KUALA LUMPUR, Aug 12 (Bernama) - Prime Minister Anwar Ibrahim held talks with Chief Adviser "
                  "Muhammad Yunus of Bangladesh yesterday. The next meeting of the Thailand-Cambodia Joint "
                  "Commission will be held in Bangkok.", published="2025-08-12", source="Bernama").calls
    assert [c.status for c in got] == ["held"]


def test_a_meeting_scheduled_for_a_day_and_called_off_is_denied_on_that_coming_day():
    got = extract("ISLAMABAD: A meeting between Foreign Minister Ishaq Dar and Bangladesh's Foreign Adviser Touhid "
                  "Hossain, scheduled to be held in Dhaka on Monday, has been called off, the Foreign Office said on "
                  "Thursday.", published="2025-04-24", source="Dawn").calls
    assert [(c.status, c.countries, c.date.isoformat()) for c in got] == [("denied", ("BGD", "PAK"), "2025-04-28")]


def test_a_call_that_never_got_through_is_denied():
    got = extract("WASHINGTON, Feb 14 (Reuters) - A State Department spokeswoman said Secretary of State John Kerry "
                  "called Foreign Minister Sergei Lavrov of Russia on Tuesday. However, Kerry did not reach Lavrov, "
                  "who was travelling in Africa.", published="2013-02-14").calls
    assert [(c.status, c.countries) for c in got] == [("denied", ("RUS", "USA"))]


def test_a_reposts_dateline_names_the_agency_and_its_sites_are_no_party():
    facts = extract("ABU DHABI, (UrduPoint / Pakistan Point News / WAM - 12th Oct, 2020) During a phone call on "
                    "Monday, Sheikh Mohamed bin Zayed Al Nahyan and Russian President Vladimir Putin discussed "
                    "bilateral relations.", published="2020-10-13")
    assert (facts.article.dateline, facts.article.dateline_date.isoformat()) == ("ABU DHABI", "2020-10-12")
    assert [(c.countries, c.date.isoformat()) for c in facts.calls] == [(("ARE", "RUS"), "2020-10-12")]


def test_talks_held_during_a_visit_are_between_the_visitor_and_the_country_visited():
    facts = extract("Islamabad, June 26: Talks held during Afghan Foreign Minister Zalmai Rassoul's visit to Pakistan "
                    "focused on terrorism and trade, the Foreign Office said on Friday.", published="2010-06-26")
    assert [(c.countries, c.date.isoformat()) for c in facts.calls] == [(("AFG", "PAK"), "2010-06-26")]
    assert "Zalmai Rassoul" in [p.name for p in facts.leaders]


def test_a_countrys_office_named_later_is_its_counterpart_named_before():
    facts = extract("KABUL, Feb 1 (Xinhua) -- A meeting between Afghan Foreign Minister Zalmai Rasoul and his "
                    "visiting Pakistani counterpart Hina Rabbani Khar was held on Wednesday. The Pakistani foreign "
                    "minister also met with Afghan President Hamid Karzai.", published="2012-02-01")
    with_karzai = [c for c in facts.calls if "Hamid Karzai" in [p.name for p in c.participants]]
    assert [sorted(p.name for p in c.participants) for c in with_karzai] == [["Hamid Karzai", "Hina Rabbani Khar"]]


def test_a_month_and_year_that_dates_another_noun_leaves_the_call_news():
    got = extract("BUENOS AIRES, May 31 - Within the framework of the Argentina-Brazil Mechanism of Political "
                  "Coordination established in May 2016, the Argentine Secretary for Foreign Affairs, Pedro "
                  "Villagra, held a meeting with his Brazilian counterpart on Tuesday.", published="2017-05-31").calls
    assert [(c.status, c.countries, c.date.isoformat()) for c in got] == [("held", ("ARG", "BRA"), "2017-05-30")]


def test_a_month_and_year_of_the_call_itself_still_makes_it_background():
    got = extract("MOSCOW, May 31 - Putin recalled that he and Erdogan had talks held in March 2016 in Sochi.",
                  published="2017-05-31").calls
    assert [c for c in got if c.status == "held"] == []


def test_a_discussion_between_two_leaders_is_an_engagement_and_one_said_to_be_necessary_is_not_held():
    got = extract("COLOMBO, Feb 24 - An official discussion between the visiting Pakistani Prime Minister Imran Khan "
                  "and President Gotabaya Rajapaksa was held at the Presidential Secretariat this morning. Rajapaksa "
                  "believes that a discussion between the leaders of the SAARC states is necessary.",
                  published="2021-02-24").calls
    assert [(c.status, c.countries, c.organizations) for c in got if c.status == "held"] == [
        ("held", ("LKA", "PAK"), ())]


def test_the_leaders_of_two_countries_are_a_subject_and_are_named_later():
    got = extract("SEOUL, Sept. 10 (Yonhap) -- The leaders of South Korea and Vietnam concluded their first virtual "
                  "summit on Tuesday. In his opening remarks, President Lee Jae-myung told Vietnamese President "
                  "Luong Cuong that the two countries were partners. The two presidents had held one phone "
                  "conversation before.", published="2025-09-10").calls
    assert [(c.medium, c.status, c.countries, c.date.isoformat()) for c in got] == [
        ("video", "held", ("KOR", "VNM"), "2025-09-09")]
    assert len(got[0].participants) == 2


def test_a_discussed_call_between_the_two_leaders_of_an_article_that_reads_none_before():
    got = extract("U.S. President Donald Trump and Japanese Prime Minister Shigeru Ishiba agreed to work together on "
                  "shipbuilding, the White House said on Thursday. \"Both leaders underlined the value of the "
                  "alliance,\" the White House said following Wednesday's phone talks between the two leaders.",
                  published="2025-01-09").calls
    assert [(c.medium, c.countries, c.date.isoformat()) for c in got] == [("phone", ("JPN", "USA"), "2025-01-08")]


def test_attending_a_bodys_meeting_at_a_hosts_invitation_is_no_engagement_with_the_host():
    got = extract("ISLAMABAD: Foreign Minister Ishaq Dar met his Russian counterpart Sergey Lavrov in Tianjin today. "
                  "The Foreign Minister is attending the SCO Council of Foreign Ministers meeting at the invitation of "
                  "the current Chair, Minister of Foreign Affairs of China Wang Yi.", published="2025-08-27",
                  source="ARY News").calls
    assert [(c.countries, c.status) for c in got] == [(("PAK", "RUS"), "held")]


def test_a_welcome_at_the_airport_is_a_ceremony_not_talks():
    got = extract("NAIROBI, Aug 17 (KBC) - President Prabowo Subianto arrived in the country on Sunday for a State visit "
                  "and was received by Foreign Affairs Cabinet Secretary Joseph Karanja at the Jomo Kenyatta "
                  "International Airport.", published="2025-08-17", source="KBC").calls
    assert [c for c in got if c.status == "held"] == []


def test_a_meeting_apart_from_this_one_is_its_own_planned_engagement():
    got = extract("Jakarta: Foreign Minister Sugiono held a bilateral meeting with Chinese Foreign Minister Wang Yi in "
                  "Jakarta today. Apart from this meeting, the two ministers will also hold the third High-Level "
                  "Dialogue meeting on 4 July in Bali, the ministry said.", published="2025-07-01").calls
    assert sorted((c.status, c.date.isoformat()) for c in got) == [("held", "2025-07-01"), ("planned", "2025-07-04")]


def test_extraction_does_not_depend_on_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys
    text = ("MOSCOW, Nov 27 - Vladimir Putin had a telephone conversation with Recep Tayyip Erdogan. Putin briefed "
            "his counterpart on the trilateral meeting of the leaders of Russia, Azerbaijan, Armenia, Georgia and "
            "Kazakhstan in Sochi on November 26. Ilham Aliyev, Nikol Pashinyan, Irakli Kobakhidze and Kassym-Jomart "
            "Tokayev took part in it.")
    code = ("import sys, json, relations; f = relations.extract(sys.stdin.read(), published='2025-03-04', "
            "source='Palazzo Chigi'); print(json.dumps(f.to_dict(), sort_keys=True))")
    outs = {subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 9)}
    assert len(outs) == 1


def test_a_meeting_planned_within_a_cancelled_visit_is_called_off_with_it():
    got = extract("WASHINGTON, May 5 (ANI): US Secretary of State Marco Rubio abruptly cancelled a visit to Germany, "
                  "where he was scheduled to meet Chancellor Friedrich Merz.", published="2025-05-05").calls
    assert [(c.status, c.countries) for c in got] == [("denied", ("DEU", "USA"))]


def test_a_request_for_a_call_is_a_planned_call():
    got = extract("PRETORIA, Feb 11 - The Presidency confirmed a request from the White House for a telecon between "
                  "President Cyril Ramaphosa and President Donald Trump this afternoon.", published="2025-02-11").calls
    assert [(c.medium, c.status, c.countries) for c in got] == [("phone", "planned", ("USA", "ZAF"))]


def test_a_seat_of_government_named_at_the_top_gives_the_side_of_an_unnamed_office():
    got = extract("Following the call, a Downing Street spokesperson said:\n\nThe Prime Minister spoke to President "
                  "Lula yesterday evening about the climate summit in Belem.", published="2025-06-10").calls
    assert [(c.medium, c.countries, c.date.isoformat()) for c in got] == [("phone", ("BRA", "GBR"), "2025-06-09")]


def test_countries_discussed_during_the_call_told_before_are_no_parties_of_it():
    got = extract("ANKARA, Sept. 26 - Foreign Minister Hakan Fidan on Sept. 25 held his first discussion with German "
                  "Foreign Minister Johann Wadephul. Besides bilateral relations, the war between Russia and Ukraine "
                  "and the tensions in Bosnia and Herzegovina were discussed during the phone conversation.",
                  published="2025-09-26").calls
    assert [(c.medium, c.countries, c.date.isoformat()) for c in got] == [("phone", ("DEU", "TUR"), "2025-09-25")]


def test_an_undated_held_call_beside_a_planned_main_engagement_is_a_past_one():
    got = extract("WASHINGTON - President Donald Trump is today scheduled to speak by telephone to South African "
                  "President Cyril Ramaphosa. The US President's first African engagement of the new term was a call "
                  "with Egyptian President Abdel Fattah al-Sisi.", published="2025-02-11").calls
    assert [(c.status, c.countries) for c in got] == [("planned", ("USA", "ZAF"))]


def test_a_briefing_question_reports_no_engagement():
    got = extract("Foreign Ministry Spokesperson's Remarks\n\nQ: Japanese media reported that Isao Iijima, adviser to "
                  "the Japanese Prime Minister, had met with senior Chinese officials during his visit to China. Please "
                  "confirm.\n\nA: As far as I know, he has not engaged in any official activity in China.",
                  published="2013-05-20", source="Ministry of Foreign Affairs of the People's Republic of China")
    assert [c for c in got.calls if c.status == "held"] == []
    assert [c for c in got.commitments if "question" in c.text] == []
