"""Date expressions (relations.extraction.dates), datelines (relations.extraction.dateline) and
the dates of calls that ``extract`` resolves from them.

python-dateutil semantics (STYLE.md): ``relativedelta(weekday=TU(-1))`` keeps the same day when
the reference already is a Tuesday, so "on Tuesday" in a piece dated Tuesday is that day;
"last Tuesday" is strictly before. A dateline's month and day are the reference date when the
article has one ("BEIJING, Jan. 26 (Xinhua)" in a piece published on the 27th).
"""

from __future__ import annotations

import datetime as dt

import pytest

from relations.extraction import dateline, dates, extract

D = dt.date.fromisoformat


def resolve(phrase: str, ref: str | None, future: bool = False) -> dates.ResolvedDate:
    found = dates.find(phrase)
    assert len(found) == 1, f"{phrase!r}: {found}"
    return dates.resolve(found[0], D(ref) if ref else None, future=future)


def day(phrase: str, ref: str | None, future: bool = False) -> dt.date | None:
    return resolve(phrase, ref, future).date


def only_call(facts):
    assert len(facts.calls) == 1, facts.calls
    return facts.calls[0]


# -- weekdays -----------------------------------------------------------------------------------


def test_on_tuesday_in_an_article_dated_tuesday_is_that_day():
    assert D("2021-01-26").weekday() == 1
    assert day("on Tuesday", "2021-01-26") == D("2021-01-26")


def test_on_tuesday_from_wednesday_is_the_day_before():
    assert day("on Tuesday", "2021-01-27") == D("2021-01-26")


def test_on_monday_from_wednesday():
    assert day("on Monday", "2021-01-27") == D("2021-01-25")


def test_weekday_across_a_month_boundary():
    assert day("on Sunday", "2021-03-02") == D("2021-02-28")


def test_weekday_across_a_year_boundary():
    assert day("on Friday", "2023-01-02") == D("2022-12-30")


def test_last_tuesday_is_strictly_before():
    assert day("last Tuesday", "2021-01-26") == D("2021-01-19")
    assert day("last Tuesday", "2021-01-27") == D("2021-01-26")


def test_next_tuesday_is_strictly_after():
    assert day("next Tuesday", "2021-01-26") == D("2021-02-02")
    assert day("next Tuesday", "2021-01-25") == D("2021-01-26")


def test_plain_weekday_of_a_planned_event_looks_forward():
    assert day("on Tuesday", "2021-01-27", future=True) == D("2021-02-02")
    assert day("on Tuesday", "2021-01-26", future=True) == D("2021-01-26")


def test_weekday_with_a_time_of_day():
    r = resolve("Tuesday morning", "2021-01-27")
    assert (r.date, r.precision, r.text) == (D("2021-01-26"), "day", "Tuesday morning")
    assert day("on Thursday evening", "2021-01-29") == D("2021-01-28")


def test_lower_case_weekday_needs_a_modifier():
    assert dates.find("a tuesday") == []
    assert [m.text for m in dates.find("met on tuesday")] == ["on tuesday"]


# -- relative days and weeks --------------------------------------------------------------------


def test_yesterday_today_tomorrow():
    assert day("yesterday", "2021-03-01") == D("2021-02-28")
    assert day("today", "2021-01-27") == D("2021-01-27")
    assert day("Today", "2021-01-27") == D("2021-01-27")
    assert day("tomorrow", "2020-12-31") == D("2021-01-01")
    assert day("the day before yesterday", "2021-01-01") == D("2020-12-30")


@pytest.mark.parametrize("ref", ["2021-01-25", "2021-01-27", "2021-01-31"])  # Monday, Wednesday, Sunday
def test_last_week_is_monday_of_the_previous_week(ref):
    r = resolve("last week", ref)
    assert (r.date, r.precision) == (D("2021-01-18"), "week")


def test_this_and_next_week():
    assert resolve("this week", "2021-01-27") == dates.ResolvedDate(D("2021-01-25"), "week", "this week")
    assert resolve("next week", "2021-01-27") == dates.ResolvedDate(D("2021-02-01"), "week", "next week")


def test_last_month_is_the_first_of_the_previous_month():
    r = resolve("last month", "2021-03-15")
    assert (r.date, r.precision) == (D("2021-02-01"), "month")


# -- explicit dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase", ["on Jan. 25", "Jan 25", "25 January", "January 25", "January 25th", "the 25th of January"],
)
def test_explicit_day_and_month(phrase):
    r = resolve(phrase, "2021-01-27")
    assert (r.date, r.precision) == (D("2021-01-25"), "day")


def test_explicit_date_with_a_year_ignores_the_reference():
    assert day("January 25, 2021", "2019-06-01") == D("2021-01-25")
    assert day("25 January 2021", None) == D("2021-01-25")
    assert day("2021-01-25", None) == D("2021-01-25")


def test_weekday_before_an_explicit_date_is_part_of_it():
    found = dates.find("on Monday, Jan. 25, 2021")
    assert [(m.text, m.kind) for m in found] == [("on Monday, Jan. 25, 2021", "explicit")]


def test_date_without_a_year_picks_the_nearest_sensible_year():
    assert day("on Dec. 30", "2021-01-03") == D("2020-12-30")  # held: just before the new year
    assert day("on Jan. 5", "2020-12-28", future=True) == D("2021-01-05")  # planned: just after
    assert day("on March 3", "2021-01-27") == D("2020-03-03")  # held: not weeks in the future
    assert day("on March 3", "2021-01-27", future=True) == D("2021-03-03")


def test_impossible_dates_resolve_to_none():
    assert day("on Feb. 30", "2021-03-01") is None
    assert day("on Feb. 29", "2024-03-01") == D("2024-02-29")


def test_nothing_resolves_without_a_reference_date():
    for phrase in ("on Tuesday", "yesterday", "last week", "Jan. 25"):
        r = resolve(phrase, None)
        assert r.date is None and r.precision is None and r.text == phrase


def test_may_the_verb_is_not_a_date():
    assert dates.find("The two sides may hold talks.") == []
    assert dates.find("Both sides may 1 day sign a deal.") == []
    assert [m.text for m in dates.find("They met on May 1 in Minsk.")] == ["on May 1"]


def test_find_reports_offsets_into_the_text():
    text = "Xi on Tuesday said the talks of Jan. 5 and 2021-01-06 mattered."
    found = dates.find(text)
    assert [m.text for m in found] == ["on Tuesday", "Jan. 5", "2021-01-06"]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert dates.find(text, 20) == found[1:]


def test_iso_date_needs_word_boundaries():
    assert dates.find("ref 12021-01-250") == []


# -- datelines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, place, agency, date",
    [
        ("BEIJING, Jan. 26 (Xinhua) -- Chinese President Xi said.", "2021-01-27", "BEIJING", "Xinhua", "2021-01-26"),
        ("MOSCOW, March 3. /TASS/. Russian President Putin met.", "2022-03-03", "MOSCOW", "TASS", "2022-03-03"),
        ("ANKARA (AA) - Turkish President spoke.", "2021-05-05", "ANKARA", "AA", None),
        ("TOKYO (Kyodo) -- Japan said.", "2021-05-05", "TOKYO", "Kyodo", None),
        ("ASTANA. KAZINFORM - Kazakh President met.", "2021-05-05", "ASTANA", "KAZINFORM", None),
        ("Nairobi, Kenya, April 4 (Reuters) - Kenya said.", "2021-04-05", "Nairobi", "Reuters", "2021-04-04"),
        ("NEW DELHI, Feb 2 (PTI) Prime Minister Modi spoke.", "2021-02-02", "NEW DELHI", "PTI", "2021-02-02"),
        ("UNITED NATIONS, Jan. 26 (Xinhua) -- The UN said.", "2021-01-27", "UNITED NATIONS", "Xinhua", "2021-01-26"),
        ("WASHINGTON -- President Biden met.", "2021-01-27", "WASHINGTON", None, None),
        ("Moscow, 3 March (TASS) - Talks.", "2021-03-04", "Moscow", "TASS", "2021-03-03"),
        ("Tashkent, 04.03.2021 (UzA) -- Talks.", "2021-03-05", "Tashkent", "UzA", "2021-03-04"),
        ("ABU DHABI, 4th March, 2021 (WAM) -- Talks.", "2021-03-05", "ABU DHABI", "WAM", "2021-03-04"),
        ("Baku, March 4, AZERTAC. Talks.", "2021-03-05", "Baku", "AZERTAC", "2021-03-04"),
        ("NUR-SULTAN, March 4. KAZINFORM - Talks.", "2021-03-05", "NUR-SULTAN", "KAZINFORM", "2021-03-04"),
        ("WASHINGTON, March 4. THE talks.", "2021-03-05", "WASHINGTON", None, "2021-03-04"),  # not an agency
    ],
)
def test_dateline_parts(text, published, place, agency, date):
    dl = dateline.parse(text, D(published))
    assert dl is not None
    assert (dl.place, dl.agency, dl.date) == (place, agency, D(date) if date else None)
    assert text[dl.end:dl.end + 1].isupper()  # the body starts right after the dateline


def test_dateline_with_an_impossible_numeric_date_has_no_date():
    dl = dateline.parse("Tashkent, 31.02.2021 (UzA) -- Talks.", D("2021-03-05"))
    assert (dl.place, dl.agency, dl.date, dl.date_text) == ("Tashkent", "UzA", None, "31.02.2021")


def test_dateline_date_text_is_kept():
    dl = dateline.parse("BEIJING, Jan. 26 (Xinhua) -- Text.", D("2021-01-27"))
    assert dl.date_text == "Jan. 26"


def test_dateline_year_comes_from_publication_across_new_year():
    assert dateline.parse("BEIJING, Dec. 31 (Xinhua) -- Text.", D("2022-01-01")).date == D("2021-12-31")
    assert dateline.parse("BEIJING, Jan. 2 (Xinhua) -- Text.", D("2023-01-03")).date == D("2023-01-02")


def test_dateline_with_its_own_year_needs_no_publication_date():
    assert dateline.parse("WASHINGTON, Jan. 26, 2021 (AP) -- Text.", None).date == D("2021-01-26")


def test_dateline_without_year_or_publication_date_has_no_date():
    dl = dateline.parse("BEIJING, Jan. 26 (Xinhua) -- Text.", None)
    assert (dl.place, dl.date, dl.date_text) == ("BEIJING", None, "Jan. 26")


@pytest.mark.parametrize(
    "text",
    [
        "President Biden spoke today with Prime Minister Kishida.",
        "The two leaders met in Minsk.",
        "Today, the ministers met.",
        "Yesterday - the ministers met.",
        "",
    ],
)
def test_text_without_a_dateline(text):
    assert dateline.parse(text, D("2021-01-27")) is None


# -- through extract --------------------------------------------------------------------------------

XI_PUTIN = "Chinese President Xi Jinping {when} held a phone conversation with Russian President Vladimir Putin."
BIDEN_TRUDEAU = "President Joe Biden spoke by phone {when} with Prime Minister Justin Trudeau of Canada."


def test_extract_xinhua_dateline_day_is_the_reference():
    f = extract("BEIJING, Jan. 26 (Xinhua) -- " + XI_PUTIN.format(when="on Tuesday"), published="2021-01-27")
    assert f.article.dateline_date == D("2021-01-26")
    call = only_call(f)
    assert (call.date, call.date_text, call.date_precision) == (D("2021-01-26"), "on Tuesday", "day")


def test_extract_reads_the_published_date_from_the_header_line():
    f = extract("date 2021-01-27 BEIJING, Jan. 26 (Xinhua) -- " + XI_PUTIN.format(when="on Tuesday"))
    assert f.article.published == D("2021-01-27")
    assert only_call(f).date == D("2021-01-26")


def test_extract_relative_day_counts_from_the_dateline_not_publication():
    f = extract("BEIJING, Jan. 26 (Xinhua) -- " + XI_PUTIN.format(when="on Monday"), published="2021-01-27")
    assert only_call(f).date == D("2021-01-25")


def test_extract_dateline_across_a_year_boundary():
    f = extract("BEIJING, Jan. 2 (Xinhua) -- " + XI_PUTIN.format(when="on Friday"), published="2023-01-03")
    assert f.article.dateline_date == D("2023-01-02")
    assert only_call(f).date == D("2022-12-30")


def test_extract_tass_dateline():
    f = extract("MOSCOW, March 3. /TASS/. Russian President Vladimir Putin held a telephone conversation "
                "with Chinese President Xi Jinping on Monday.", published="2021-03-04")
    assert only_call(f).date == D("2021-03-01")


@pytest.mark.parametrize(
    "when, published, date, precision",
    [
        ("on Monday", "2021-01-27", "2021-01-25", "day"),
        ("on Sunday", "2021-03-02", "2021-02-28", "day"),
        ("last Tuesday", "2021-01-26", "2021-01-19", "day"),
        ("Tuesday morning", "2021-01-27", "2021-01-26", "day"),
        ("yesterday", "2021-03-01", "2021-02-28", "day"),
        ("today", "2021-01-27", "2021-01-27", "day"),
        ("last week", "2021-01-27", "2021-01-18", "week"),
        ("on Jan. 25", "2021-01-27", "2021-01-25", "day"),
        ("on 25 January", "2021-01-27", "2021-01-25", "day"),
        ("on January 25, 2021", "2021-01-27", "2021-01-25", "day"),
        ("on 2021-01-25", "2021-01-27", "2021-01-25", "day"),
        ("on Dec. 30", "2021-01-03", "2020-12-30", "day"),
    ],
)
def test_extract_held_call_dates(when, published, date, precision):
    call = only_call(extract(BIDEN_TRUDEAU.format(when=when), published=published))
    assert call.status == "held"
    assert (call.date, call.date_precision) == (D(date), precision)
    assert call.date_text and when.endswith(call.date_text)  # the raw phrase is kept ("on" may be left out)


def test_extract_planned_call_next_tuesday():
    call = only_call(extract("President Joe Biden will meet Prime Minister Justin Trudeau of Canada next Tuesday.",
                             published="2021-01-26"))
    assert (call.status, call.date, call.date_text) == ("planned", D("2021-02-02"), "next Tuesday")


def test_extract_planned_call_on_a_weekday_looks_forward():
    call = only_call(extract("President Joe Biden is scheduled to meet Prime Minister Justin Trudeau of Canada "
                             "on Friday.", published="2021-01-27"))
    assert (call.status, call.date) == ("planned", D("2021-01-29"))


def test_extract_planned_meeting_of_coordinated_subjects():
    call = only_call(extract("President Joe Biden and Prime Minister Justin Trudeau of Canada will meet next Tuesday.",
                             published="2021-01-26"))
    assert (call.status, call.date) == ("planned", D("2021-02-02"))


def test_extract_the_dateline_date_is_not_the_call_date():
    f = extract("BEIJING, Jan. 20 (Xinhua) -- " + XI_PUTIN.format(when="on Tuesday"), published="2021-01-27")
    assert only_call(f).date == D("2021-01-19")  # Tuesday on or before the dateline's Jan. 20


def test_extract_without_any_date_gives_no_call_date():
    call = only_call(extract(BIDEN_TRUDEAU.format(when="on Tuesday")))
    assert call.date is None and call.date_precision is None


def test_extract_accepts_a_datetime_as_published():
    f = extract("BEIJING, Jan. 26 (Xinhua) -- " + XI_PUTIN.format(when="on Tuesday"),
                published=dt.datetime(2021, 1, 27, 10, 30))
    assert f.article.published == D("2021-01-27")
    assert only_call(f).date == D("2021-01-26")


def test_a_range_of_days_is_its_last_day_when_held_and_its_first_when_planned():
    from relations.extraction import dates as D
    found = D.find("the two sides met in Vienna on May 10-11 and will meet again on 13–14 June")
    assert [(m.month, m.day, m.last_day) for m in found] == [(5, 10, 11), (6, 13, 14)]
    ref = dt.date(2023, 5, 12)
    assert D.resolve(found[0], ref).date == dt.date(2023, 5, 11)
    assert D.resolve(found[1], ref, future=True).date == dt.date(2023, 6, 13)
