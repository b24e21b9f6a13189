"""Period phrases: stated, relative to the document date, present; spans and flags."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.extract.periods import find
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.document import Document

D = dt.date
Y2017M12 = PartialDate(2017, 12)
D20231128 = PartialDate(2023, 11, 28)
D20150915 = PartialDate(2015, 9, 15)
Y2023M10 = PartialDate(2023, 10)
Y2024M12 = PartialDate(2024, 12)


def one(text: str, doc: PartialDate | None = None) -> tuple[str, Period, str, tuple[str, ...]]:
    found = find(text, 0, len(text), doc)
    assert len(found) == 1, found
    f = found[0]
    return text[f.start : f.end], f.period, f.phrase, f.flags


CASES = [
    # text, document date, phrase as underlined, start, end, kind, phrase kind, flags
    ("visited Vietnam in January 2013", None, "January 2013", D(2013, 1, 1), D(2013, 1, 31)),
    ("the 2018 state visit", None, "2018", D(2018, 1, 1), D(2018, 12, 31)),
    ("in 2017", None, "2017", D(2017, 1, 1), D(2017, 12, 31)),
    ("on September 21, 1973.", None, "September 21, 1973", D(1973, 9, 21), D(1973, 9, 21)),
    ("on 21 September 1973.", None, "21 September 1973", D(1973, 9, 21), D(1973, 9, 21)),
    ("on Sept. 21, 1973.", None, "Sept. 21, 1973", D(1973, 9, 21), D(1973, 9, 21)),
    ("in September 1973", None, "September 1973", D(1973, 9, 1), D(1973, 9, 30)),
    (
        "the first 9 months of 2023",
        None,
        "the first 9 months of 2023",
        D(2023, 1, 1),
        D(2023, 9, 30),
    ),
    ("first nine months of 2023", None, "first nine months of 2023", D(2023, 1, 1), D(2023, 9, 30)),
    ("January–November 2017", None, "January–November 2017", D(2017, 1, 1), D(2017, 11, 30)),
    ("January-November, 2017", None, "January-November, 2017", D(2017, 1, 1), D(2017, 11, 30)),
    (
        "from January to November 2017",
        None,
        "from January to November 2017",
        D(2017, 1, 1),
        D(2017, 11, 30),
    ),
    ("the entire 2016.", None, "the entire 2016", D(2016, 1, 1), D(2016, 12, 31)),
    ("the whole of 2016.", None, "the whole of 2016", D(2016, 1, 1), D(2016, 12, 31)),
    (
        "from November 27 to 30, 2023.",
        None,
        "November 27 to 30, 2023",
        D(2023, 11, 27),
        D(2023, 11, 30),
    ),
    ("Tuesday - 28/11/2023 10:08", None, "28/11/2023", D(2023, 11, 28), D(2023, 11, 28)),
    ("the 2025 - 2030 term", None, "2025 - 2030", D(2025, 1, 1), D(2030, 12, 31)),
    ("between 2016 and 2020", None, "between 2016 and 2020", D(2016, 1, 1), D(2020, 12, 31)),
    ("Q3 2023", None, "Q3 2023", D(2023, 7, 1), D(2023, 9, 30)),
    ("the first half of 2022", None, "the first half of 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("the third quarter of 2022", None, "the third quarter of 2022", D(2022, 7, 1), D(2022, 9, 30)),
    # relative to the document date
    ("in Da Nang last November.", Y2017M12, "last November", D(2017, 11, 1), D(2017, 11, 30)),
    ("last November", PartialDate(2017, 11, 5), "last November", D(2016, 11, 1), D(2016, 11, 30)),
    ("this year", Y2023M10, "this year", D(2023, 1, 1), D(2023, 12, 31)),
    ("this year", PartialDate(2023), "this year", D(2023, 1, 1), D(2023, 12, 31)),
    ("last year", Y2023M10, "last year", D(2022, 1, 1), D(2022, 12, 31)),
    ("in August this year", Y2024M12, "August this year", D(2024, 8, 1), D(2024, 8, 31)),
    ("opened in October.", Y2024M12, "October", D(2024, 10, 1), D(2024, 10, 31)),
    ("held in September under", Y2023M10, "September", D(2023, 9, 1), D(2023, 9, 30)),
    ("held in December", Y2023M10, "December", D(2022, 12, 1), D(2022, 12, 31)),
    ("the first 11 months", Y2017M12, "the first 11 months", D(2017, 1, 1), D(2017, 11, 30)),
    ("over the last 20 years", D20150915, "the last 20 years", D(1995, 9, 16), D(2015, 9, 15)),
    ("Over the last decade", D20150915, "the last decade", D(2005, 9, 16), D(2015, 9, 15)),
    (
        "Over the past three decades,",
        Y2023M10,
        "the past three decades",
        D(1993, 11, 1),
        D(2023, 10, 31),
    ),
    ("the past half century", Y2023M10, "the past half century", D(1973, 11, 1), D(2023, 10, 31)),
    ("Over the past year", Y2024M12, "the past year", D(2024, 1, 1), D(2024, 12, 31)),
]


@pytest.mark.parametrize(("text", "doc", "phrase", "start", "end"), CASES)
def test_span(
    text: str, doc: PartialDate | None, phrase: str, start: dt.date, end: dt.date
) -> None:
    got, period, _, _ = one(text, doc)
    assert got == phrase
    assert (period.start, period.end, period.kind) == (start, end, "span")


def test_as_of_is_a_point_in_the_document_year() -> None:
    got, period, phrase, flags = one("as of September 20, Japanese FDI", D20231128)
    assert got == "as of September 20"
    assert period == Period(D(2023, 9, 20), D(2023, 9, 20), "point")
    assert (phrase, flags) == ("relative", ("as-of",))


def test_as_of_end_of_year() -> None:
    got, period, phrase, flags = one("as of the end of 2022", None)
    assert flags == ("as-of",)
    assert got == "as of the end of 2022"
    assert period == Period(D(2022, 12, 31), D(2022, 12, 31), "point")
    assert phrase == "stated"


def test_fiscal_year_keeps_the_calendar_span_and_a_flag() -> None:
    got, period, phrase, flags = one("in the 2015 fiscal year increased", None)
    assert phrase == "stated"
    assert got == "the 2015 fiscal year"
    assert period == Period(D(2015, 1, 1), D(2015, 12, 31))
    assert flags == ("fiscal",)
    assert one("FY2015", None)[3] == ("fiscal",)


@pytest.mark.parametrize("word", ["currently", "now", "Currently", "at present", "To date"])
def test_present_is_the_document_date(word: str) -> None:
    got, period, phrase, _ = one(f"Japan is {word} the partner", Y2023M10)
    assert got == word
    assert period == Period(D(2023, 10, 1), D(2023, 10, 31), "point")
    assert phrase == "present"


def test_same_period_follows_the_earlier_phrase() -> None:
    text = "In the first 9 months of 2023, FDI rose 50% over the same period in 2022."
    found = find(text, 0, len(text), None)
    assert [text[f.start : f.end] for f in found] == [
        "the first 9 months of 2023",
        "the same period in 2022",
    ]
    assert found[1].period == Period(D(2022, 1, 1), D(2022, 9, 30))
    assert found[1].flags == ("same-period",)


def test_since_runs_to_the_document_date() -> None:
    got, period, _, flags = one("since 2014, ties", Y2023M10)
    assert got == "since 2014"
    assert period == Period(D(2014, 1, 1), D(2023, 10, 31))
    assert flags == ("since",)


@pytest.mark.parametrize(
    "text",
    [
        "this year",
        "last November",
        "currently",
        "over the last 20 years",
        "in October",
    ],
)
def test_relative_without_document_date_is_dropped(text: str) -> None:
    assert find(text, 0, len(text), None) == []


@pytest.mark.parametrize(
    "text",
    [
        "more than 2000 people",
        "US$2017 million",
        "5,198 valid projects",
        "You may go",
        "in recent years",
        "to march on",
        "2,500 companies",
        "it grew 2020%",
    ],
)
def test_not_periods(text: str) -> None:
    assert find(text, 0, len(text), Y2023M10) == []


def test_last_november_needs_a_month_in_the_document_date() -> None:
    assert find("last November", 0, 13, PartialDate(2017)) == []


def test_offsets_inside_a_larger_text() -> None:
    text = "Intro. In 2022 it reached US$47.6 billion."
    found = find(text, 7, len(text), None)
    assert [(f.start, f.end) for f in found] == [(10, 14)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "1 MB of prose",
            "In the first 9 months of 2023, exports rose over the same period. " * 15_000,
        ),
        ("200,000 years", "2023 " * 200_000),
        ("100,000 digits and commas", "123," * 25_000),
        ("a month range without end", "January-" * 100_000),
    ],
)
def test_linear_time(name: str, text: str) -> None:
    import time

    t = time.perf_counter()
    found = find(text, 0, len(text), Y2023M10)
    print(f"periods.find on {name} ({len(text):,} chars): {time.perf_counter() - t:.2f} s")
    assert all(0 <= f.start < f.end <= len(text) for f in found)


# --- partial periods of real reports (issue 17) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "doc", "phrase", "start", "end"),
    [
        # the months of the year so far, counted from January
        ("over the last 11 months", Y2017M12, "the last 11 months", D(2017, 1, 1), D(2017, 11, 30)),
        (
            "in the past nine months of this year",
            Y2023M10,
            "the past nine months of this year",
            D(2023, 1, 1),
            D(2023, 9, 30),
        ),
        ("in the 11-month period", Y2017M12, "the 11-month period", D(2017, 1, 1), D(2017, 11, 30)),
        # year to date: never the whole year, whatever the day of writing
        ("so far this year", Y2017M12, "so far this year", D(2017, 1, 1), D(2017, 12, 1)),
        ("this year so far", D20231128, "this year so far", D(2023, 1, 1), D(2023, 11, 28)),
        ("year-to-date sales", D20231128, "year-to-date", D(2023, 1, 1), D(2023, 11, 28)),
        (
            "since the start of the year",
            D20231128,
            "since the start of the year",
            D(2023, 1, 1),
            D(2023, 11, 28),
        ),
    ],
)
def test_partial_periods_of_the_year(
    text: str, doc: PartialDate, phrase: str, start: dt.date, end: dt.date
) -> None:
    got, period, how, _ = one(text, doc)
    assert (got, period.start, period.end, period.kind, how) == (
        phrase,
        start,
        end,
        "span",
        "relative",
    )


def test_a_window_of_months_that_does_not_start_in_january_stays_a_window() -> None:
    got, period, _, _ = one("over the past 20 months", Y2023M10)
    assert got == "the past 20 months"
    assert period == Period(D(2022, 3, 1), D(2023, 10, 31))


def test_same_period_before_the_period_it_repeats() -> None:
    # the comparison comes first, the figure's own months after it; "last year" inside the
    # comparison is no period of its own
    text = "Exports rose 9% over the same period last year, to US$3 billion in the first quarter."
    found = find(text, 0, len(text), Y2023M10)
    assert [text[f.start : f.end] for f in found] == [
        "the same period last year",
        "the first quarter",
    ]
    assert found[0].period == Period(D(2022, 1, 1), D(2022, 3, 31))
    assert found[0].flags == ("same-period",)
    assert found[1].period == Period(D(2023, 1, 1), D(2023, 3, 31))


def test_same_period_with_nothing_to_repeat_dates_nothing() -> None:
    text = "Exports rose 9% against the same period last year."
    assert find(text, 0, len(text), Y2023M10) == []


# --- the period a figure takes (claimcheck/extract/quantities.py) ----------------------------


@functools.cache
def _extractor() -> Extractor:
    return Extractor(rulebook.load([Path(__file__).parents[1] / "rules" / "vietnam-japan"]))


def figures(text: str, date: str) -> list[tuple[str, str, str, str | None]]:
    d = Document("a.md", text, date=PartialDate.parse(date))
    return [
        (c.text, str(c.period), c.attr("period") or "", c.attr("inferred.period"))
        for c in _extractor().extract(d)
        if c.kind == "quantity"
    ]


def test_a_figure_of_months_is_not_dated_by_the_comparison_before_it() -> None:
    text = (
        "Two-way trade between Vietnam and Japan grew 12 per cent against the same period last "
        "year, reaching US$5.1 billion in the first two months."
    )
    assert figures(text, "2016-03") == [
        ("US$5.1 billion", "2016-01-01..2016-02-29", "relative", None)
    ]


def test_a_flow_until_the_end_of_a_month_runs_from_january() -> None:
    text = "By the end of May 2019, two-way trade between Vietnam and Japan reached US$16 billion."
    assert figures(text, "2019-06") == [("US$16 billion", "2019-01-01..2019-05-31", "stated", None)]


def test_a_stock_as_of_a_month_end_stays_a_day() -> None:
    text = "As of the end of May 2019, Japanese FDI in Vietnam totalled US$58 billion."
    (got,) = figures(text, "2019-06")
    assert got[1].startswith("2019-05-31")


def test_a_figure_without_a_period_is_inferred_from_the_publication_date() -> None:
    text = "Two-way trade between Vietnam and Japan reached US$16 billion."
    assert figures(text, "2019-06") == [
        ("US$16 billion", "2019-06-01..2019-06-30 (point)", "document", "publication-date")
    ]


def test_the_first_month() -> None:
    got, period, phrase, _ = one("in the first month of 2017, capital rose", None)
    assert (got, period, phrase) == (
        "the first month of 2017",
        Period(D(2017, 1, 1), D(2017, 1, 31)),
        "stated",
    )


def test_a_sentence_pointing_back_takes_the_earlier_period() -> None:
    text = (
        "Two-way trade between Vietnam and Japan reached US$9 billion in the first quarter.\n\n"
        "During the reviewed period, imports from Japan were US$4.4 billion."
    )
    assert figures(text, "2015-04") == [
        ("US$9 billion", "2015-01-01..2015-03-31", "relative", None),
        ("US$4.4 billion", "2015-01-01..2015-03-31", "relative", "article"),
    ]
    same = text.replace("\n\n", " ")
    assert figures(same, "2015-04")[1][3] == "paragraph"


def test_a_flow_without_pointing_words_takes_the_paragraph_before() -> None:
    # a flow has no value on the day of writing: the period the article has set (session 9)
    text = (
        "Two-way trade between Vietnam and Japan reached US$9 billion in the first quarter.\n\n"
        "Imports from Japan were US$4.4 billion."
    )
    assert figures(text, "2015-04")[1][1:] == ("2015-01-01..2015-03-31", "relative", "article")
    far = text.replace("\n\n", "\n\nThe ministers met.\n\n")
    assert figures(far, "2015-04")[1][1:] == (
        "2015-04-01..2015-04-30 (point)",
        "document",
        "publication-date",
    )


def test_a_later_period_in_another_figures_clause_does_not_date_a_figure() -> None:
    text = (
        "Two-way trade between Vietnam and Japan passed US$9 billion, after reaching "
        "US$8 billion in 2014."
    )
    assert [f[1] for f in figures(text, "2016-01")] == ["2016-01-01..2016-01-31 (point)", "2014"]
    listed = "Two-way trade between Vietnam and Japan was US$9 billion and US$8 billion in 2014."
    assert [f[1] for f in figures(listed, "2016-01")] == ["2014", "2014"]


def _titled(title: str, body: str, date: str) -> list[tuple[str, str, str, str | None]]:
    d = Document("a.md", body, meta={"title": title}, date=PartialDate.parse(date))
    return [
        (c.text, str(c.period), c.attr("period") or "", c.attr("inferred.period"))
        for c in _extractor().extract(d)
        if c.kind == "quantity"
    ]


def test_a_flow_without_a_period_takes_the_part_of_a_year_its_headline_states() -> None:
    body = "Two-way trade between Vietnam and Japan reached US$21 billion."
    got = _titled("Vietnam-Japan trade rises in first half", body, "2023-07-10")
    assert got == [("US$21 billion", "2023-01-01..2023-06-30", "relative", "headline")]


@pytest.mark.parametrize(
    "title",
    [
        "Vietnam-Japan trade to top US$50 billion this year",  # a forecast, a whole year
        "Vietnam-Japan trade expected to rise in first half",  # a forecast
        "Vietnam-Japan trade in 2022 and 2023",  # two periods
    ],
)
def test_a_headline_that_does_not_date_the_figure(title: str) -> None:
    body = "Two-way trade between Vietnam and Japan reached US$21 billion."
    (got,) = _titled(title, body, "2023-07-10")
    assert got[2:] == ("document", "publication-date")


def test_a_stock_keeps_the_publication_date_whatever_the_headline() -> None:
    body = "Japanese FDI in Vietnam totalled US$64 billion."
    (got,) = _titled("Japanese investment in the first half", body, "2023-07-10")
    assert got[3] == "publication-date"


def test_a_flow_without_a_period_takes_the_sentence_before_in_its_paragraph() -> None:
    text = (
        "In 2019, commerce between the two countries set a record. Two-way trade between Vietnam "
        "and Japan passed US$39 billion for the first time.\n\n"
        "Imports from Japan were US$19 billion."
    )
    got = figures(text, "2020-01")
    assert got[0] == ("passed US$39 billion", "2019", "stated", "paragraph")  # a lower bound
    # the next paragraph's first flow: the last period the paragraph before states
    assert got[1][1:] == ("2019", "stated", "article")


def test_a_stock_without_a_period_does_not_take_the_sentence_before() -> None:
    text = "In 2019, investors were busy. Japanese FDI in Vietnam totalled US$59 billion."
    assert figures(text, "2020-01")[0][3] == "publication-date"


@pytest.mark.parametrize(
    "phrase",
    ["In the first half of 2022", "In the first quarter of 2022", "In January-February 2022"],
)
def test_a_part_of_a_year_is_never_judged_by_the_whole_years_fact(phrase: str) -> None:
    from claimcheck.checks import DocContext
    from claimcheck.checks.quantities import check_quantities

    # the rulebook's 2022 two-way trade is US$47.6 billion: a part of the year is not held to it
    text = f"{phrase}, two-way trade between Vietnam and Japan reached US$12 billion."
    whole = "In 2022, two-way trade between Vietnam and Japan reached US$12 billion."
    for said, found in ((text, []), (whole, ["quantity-contradicts-fact"])):
        d = Document("a.md", said, date=PartialDate.parse("2023-01"))
        got = _extractor().extract(d)
        assert [f.rule for f in check_quantities(DocContext(d, got, _extractor().book))] == found
