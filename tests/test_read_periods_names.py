"""Periods, ranks and names read right on published-article phrasing (issue 17, session 9).

Each case is a general mechanism, in our own words: a flow figure of a paragraph that states no
time runs on in the period the article has set; a comparison's period is not that period;
"so far this year" ends with the months the article states; "five years later" counts from the
sentence's year; two days joined by "and"; "last month" is a calendar month; weekdays in a
day-dated article; a parenthesis does not date a title; a wife's honorific is not her husband;
a rank in another party's list is not a place in the ranking's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from fixtures.figure_rules.build import Doc, book, qty, run_corpus, year

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.extract.periods import find
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.document import Document

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def extractor(folder: str, domain: str) -> Extractor:
    return Extractor(rulebook.load([FIXTURES / folder / domain]))


def extract(text: str, date: str | None, kind: str, folder: str = "rules") -> list[Claim]:
    domain = "vn-jp" if folder == "rules" else "vietnam-japan"
    doc = Document("t.md", text, date=PartialDate.parse(date) if date else None)
    return [c for c in extractor(folder, domain).extract(doc) if c.kind == kind]


def span(a: str, b: str) -> Period:
    return Period(dt.date.fromisoformat(a), dt.date.fromisoformat(b))


def periods(text: str, date: str | None) -> list[tuple[str, Period]]:
    doc = PartialDate.parse(date) if date else None
    return [(text[f.start : f.end], f.period) for f in find(text, 0, len(text), doc)]


# --- a flow figure with no time of its own ------------------------------------------------------


def test_a_paragraph_with_no_time_takes_the_period_of_the_paragraph_before() -> None:
    text = (
        "Two-way trade in the first nine months of this year came to US$30 billion.\n\n"
        "Of that amount, exports were worth US$16 billion and imports US$14 billion.\n"
    )
    got = {c.text: c for c in extract(text, "2024-10-20", "quantity")}
    nine = span("2024-01-01", "2024-09-30")
    assert got["US$16 billion"].period == nine
    assert got["US$14 billion"].period == nine
    assert got["US$16 billion"].attr("inferred.period") == "article"
    assert got["US$30 billion"].attr("inferred.period") is None


def test_the_period_of_a_compared_figure_is_not_carried_over() -> None:
    text = (
        "Two-way trade hit US$50 billion in 2022, up 10% from US$45.5 billion in 2021.\n\n"
        "Exports made up US$26 billion of it.\n"
    )
    got = {c.text: c for c in extract(text, "2023-01-15", "quantity")}
    assert got["US$26 billion"].period == year(2022)


def test_only_the_paragraph_right_before_is_read() -> None:
    text = (
        "In the first half of the year, two-way trade stood at US$20 billion.\n\n"
        "Officials met in Hanoi to talk about the port.\n\n"
        "Exports reached US$11 billion.\n"
    )
    [*_, late] = extract(text, "2024-08-02", "quantity")
    assert late.text == "US$11 billion"
    assert late.attr("inferred.period") == "publication-date"


def test_a_change_with_no_figure_takes_the_time_of_the_sentence_before() -> None:
    text = (
        "Total FDI capital reached US$2 billion in the first quarter of 2019, up 5% year on year. "
        "Disbursement was put at US$900 million, a yearly rise of 4%.\n"
    )
    [rise] = [c for c in extract(text, "2019-04-02", "arithmetic") if c.attr("percent") == "4"]
    assert rise.period == span("2019-01-01", "2019-03-31")
    assert rise.attr("inferred.period") == "paragraph"


def test_so_far_this_year_ends_with_the_months_the_article_states() -> None:
    text = (
        "Over the first ten months, two-way trade reached US$35 billion.\n\n"
        "Exports have grown 8% so far this year.\n"
    )
    [rise] = [c for c in extract(text, "2024-11-20", "arithmetic") if c.attr("percent") == "8"]
    assert rise.period == span("2024-01-01", "2024-10-31")


def test_so_far_this_year_alone_runs_to_the_publication_day() -> None:
    [rise] = extract("Exports have grown 8% so far this year.\n", "2024-11-20", "arithmetic")
    assert rise.period == span("2024-01-01", "2024-11-20")


# --- period phrases -----------------------------------------------------------------------------


def test_years_later_counts_from_the_sentence_year() -> None:
    text = "Trade grew from US$5 billion in 2004 to US$12 billion six years later."
    assert periods(text, "2013-05-01")[-1] == ("six years later", year(2010))
    text = "The plant opened in 1995 and, two decades later, it was sold."
    assert periods(text, "2020-01-01")[-1] == ("two decades later", year(2015))
    assert periods("Six years later, the plant was sold.", "2020-01-01") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The leaders met on March 3 and 4, 2019 in Tokyo.", span("2019-03-03", "2019-03-04")),
        ("The leaders met on 3 and 4 March 2019 in Tokyo.", span("2019-03-03", "2019-03-04")),
    ],
)
def test_two_days_joined_by_and(text: str, want: Period) -> None:
    assert periods(text, "2019-03-10")[0][1] == want


def test_a_day_and_a_count_are_not_two_days() -> None:
    got = periods("On May 5 and 20 people were hurt.", "2019-06-01")
    assert got[0][1] == span("2019-05-05", "2019-05-05")


def test_last_month_is_the_calendar_month_before() -> None:
    assert periods("The report came out last month.", "2021-03-15") == [
        ("last month", span("2021-02-01", "2021-02-28"))
    ]
    assert periods("The report came out last month.", "2021-01") == [
        ("last month", span("2020-12-01", "2020-12-31"))
    ]
    got = periods("Prices rose over the past three months.", "2021-03-15")
    assert got[0][1].start == dt.date(2020, 12, 16)  # a window, not calendar months


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The minister flew to Hanoi on Sunday.", "2020-10-18"),  # the article's own day
        ("The minister flew to Hanoi on Thursday.", "2020-10-15"),
        ("The minister flew to Hanoi last Sunday.", "2020-10-11"),
        ("The minister will fly to Hanoi on Tuesday.", "2020-10-20"),
        ("The minister is scheduled to land on Sunday.", "2020-10-18"),
        ("The minister flies home next Sunday.", "2020-10-25"),
    ],
)
def test_weekdays_in_a_day_dated_article(text: str, day: str) -> None:
    assert [p for _, p in periods(text, "2020-10-18")] == [span(day, day)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The minister flew to Hanoi on Sunday.", "2020-10"),  # no day to count from
        ("The minister flew to Hanoi on Sunday.", None),
        ("The visit runs for four days from Sunday.", "2020-10-16"),  # not "on"
        ("The spokesman said Friday that talks went well.", "2020-10-16"),
    ],
)
def test_weekdays_not_read(text: str, date: str | None) -> None:
    assert periods(text, date) == []


def test_a_weekday_dates_no_figure() -> None:
    text = "Customs said on Monday that two-way trade reached US$30 billion in 2023."
    [q] = extract(text, "2024-01-10", "quantity")
    assert q.period == year(2023)


# --- titles and names ---------------------------------------------------------------------------


def test_a_date_in_a_parenthesis_does_not_date_the_title() -> None:
    text = (
        "The trip by Prime Minister Shinzo Abe falls in a year of events for the ties "
        "(first set up on September 21, 1973) between the two countries."
    )
    [t] = extract(text, "2017-01-16", "title", "people_rules")
    assert t.date is None
    assert t.period == span("2017-01-16", "2017-01-16")


def test_a_date_before_the_parenthesis_still_dates_the_title() -> None:
    text = "On January 16, 2013 (a Wednesday) Prime Minister Shinzo Abe landed in Hanoi."
    [t] = extract(text, "2017-01-16", "title", "people_rules")
    assert t.date == PartialDate(2013, 1, 16)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Shinzo Abe spoke. He thanked the Prime Minister and Mrs. Abe warmly.",
        "Prime Minister Shinzo Abe spoke. Mr. and Mrs. Abe then left the hall.",
        "Prime Minister Shinzo Abe spoke. The Prime Minister and Madam Abe then left.",
    ],
)
def test_a_wife_named_with_her_husband_is_not_him(text: str) -> None:
    assert extract(text, "2017-01-16", "name", "people_rules") == []


def test_an_honorific_alone_is_still_read() -> None:
    text = "Prime Minister Shinzo Abe spoke. Later Mr. Abe left the hall."
    [n] = extract(text, "2017-01-16", "name", "people_rules")
    assert (n.text, n.subject) == ("Mr. Abe", "shinzo-abe")


# --- ranks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trade with Korea made Vietnam the RoK's third largest trade partner.",
        "Vietnam is Japan's fifth largest trading partner.",
        "Vietnam stayed the sixth largest trade partner of Japan last year.",
        "China kept its lead, while Vietnam remained the sixth largest trade partner of the "
        "neighbouring country.",
    ],
)
def test_a_place_in_another_party_list_is_not_read(text: str) -> None:
    assert extract(text, "2023-10-01", "rank") == []


@pytest.mark.parametrize(
    ("text", "subject", "place"),
    [
        ("Japan is Vietnam's fourth largest trade partner.", "japan", 4),
        ("Japan is the fourth largest trade partner of Vietnam.", "japan", 4),
        ("In Vietnam, Japan is the fourth largest trade partner.", "japan", 4),
    ],
)
def test_a_place_in_the_ranking_own_list_is_read(text: str, subject: str, place: int) -> None:
    [r] = extract(text, "2023-10-01", "rank")
    assert (r.subject, r.rank) == (subject, place)


# --- cross-article findings ---------------------------------------------------------------------


def test_a_contradiction_with_an_inferred_period_is_a_warning_at_most() -> None:
    trade = book("trade")
    early = Doc("a/early.md", "2022-01-15", "---", "date: 2022-01-15", "---", "Trade: 42.7.")
    early.quantity(
        "42.7", "trade", qty("42.7", "billion", "USD"), year(2021), attrs=(("period", "stated"),)
    )
    late = Doc("a/late.md", "2022-06-01", "---", "date: 2022-06-01", "---", "Trade: 52.7.")
    late.quantity("52.7", "trade", qty("52.7", "billion", "USD"), year(2021))
    [f] = run_corpus([late, early], trade)
    assert f.severity == "error"  # both periods stated
    early.claims[0] = replace(early.claims[0], attrs=(("inferred.period", "article"),))
    [f] = run_corpus([late, early], trade)
    assert (f.path, f.severity) == ("a/late.md", "warning")


def test_a_base_after_another_change_is_that_change_base() -> None:
    text = (
        "Over the first eleven months, exports were US$12 billion, up 4% on year, while imports "
        "were US$10 billion, down 1% from the previous year."
    )
    got = {c.attr("percent"): c for c in extract(text, "2013-12-17", "arithmetic")}
    assert got["4"].attr("base_start") is None
    assert (got["1"].attr("base_start"), got["1"].attr("base_end")) == ("2012-01-01", "2012-12-31")


def test_a_caption_date_in_a_parenthesis_dates_the_title() -> None:
    text = "Prime Minister Shinzo Abe meets business leaders in Hanoi (January 17, 2013)."
    [t] = extract(text, "2017-01-16", "title", "people_rules")
    assert t.date == PartialDate(2013, 1, 17)


def test_a_weekday_dates_a_title_in_a_sentence_with_no_other_time_word() -> None:
    text = "He will be welcomed by Prime Minister Shinzo Abe on Wednesday."
    [t] = extract(text, "2017-02-28", "title", "people_rules")
    assert t.date == PartialDate(2017, 3, 1)


def _trade(path: str, date: str, digits: str) -> Doc:
    d = Doc(path, date, "---", f"date: {date}", "---", f"Trade: {digits} billion USD.")
    d.quantity(f"{digits} billion USD", "trade", qty(digits, "billion", "USD"), year(2021))
    return d


@pytest.mark.parametrize(("other", "found"), [("12.37", 0), ("12.39", 0), ("12.41", 1)])
def test_a_figure_cut_short_is_no_contradiction(other: str, found: int) -> None:
    # "12.3" may be 12.37 cut short, not rounded; 12.41 is beyond either reading
    docs = [_trade("a/one.md", "2022-01-15", "12.3"), _trade("a/two.md", "2022-02-15", other)]
    assert len(run_corpus(docs, book("trade"))) == found


def test_a_future_clause_before_a_comma_does_not_move_the_saying() -> None:
    text = "The city will hold a count next spring, the mayor said on Monday."
    assert [p for _, p in periods(text, "2024-09-10")][-1] == span("2024-09-09", "2024-09-09")
