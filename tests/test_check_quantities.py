"""quantity-contradicts-fact: claim intervals against fact intervals, periods and subjects."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixtures.figure_rules.build import Doc, book, days, qty, run_doc, year

from claimcheck.rulebook import Rulebook


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


@pytest.fixture(scope="module")
def city() -> Rulebook:
    return book("city")


def trade_doc(sentence: str, date: str = "2023-11-28") -> Doc:
    return Doc("news/a.md", date, "---", f"date: {date}", "---", sentence)


def test_figure_beyond_the_fact_is_an_error_citing_value_period_and_source(trade: Rulebook) -> None:
    d = trade_doc("Two-way trade reached US$57.6 billion in 2022.")
    d.quantity("US$57.6 billion", "trade", qty("57.6", "billion"), year(2022))
    [f] = run_doc(d, trade, "quantities")
    assert (f.rule, f.category, f.severity) == ("quantity-contradicts-fact", "quantity", "error")
    assert (f.path, f.line) == ("news/a.md", 4)
    assert "'US$57.6 billion'" in f.message
    assert "two-way trade (2022)" in f.message and "47.6 billion USD (2022)" in f.message
    assert "https://example.org/trade-2022" in f.message
    [cited] = f.related
    assert cited.path.endswith("trade.yaml") and cited.line > 1
    assert "https://example.org/trade-2022" in cited.message


@pytest.mark.parametrize(
    ("digits", "hedge", "wrong"),
    [
        ("47.6", None, False),
        ("48", None, False),  # 47.5..48.5 holds 47.6: a rounding
        ("50", "about", False),  # "approximating 50 billion": a hedge
        ("45", "over", False),
        ("49", None, True),
        ("47.7", None, True),  # one more digit, so a narrower interval
        ("44", "nearly", True),
    ],
)
def test_rounding_and_hedges_decide_not_equality(
    trade: Rulebook, digits: str, hedge: str | None, wrong: bool
) -> None:
    d = trade_doc(f"Trade was {digits} billion USD in 2022.")
    d.quantity(f"{digits} billion USD", "trade", qty(digits, "billion", hedge=hedge), year(2022))
    assert bool(run_doc(d, trade, "quantities")) is wrong


def test_a_fact_judges_only_its_own_period(trade: Rulebook) -> None:
    d = trade_doc("Trade was US$57.6 billion in 2021 and US$57.6 billion in 2023.")
    d.quantity("US$57.6 billion in 2021", "trade", qty("57.6", "billion"), year(2021))
    d.quantity("US$57.6 billion in 2023", "trade", qty("57.6", "billion"), year(2023))
    assert run_doc(d, trade, "quantities") == []


def test_a_flow_over_nine_months_is_judged_by_the_nine_months_fact_only(trade: Rulebook) -> None:
    d = trade_doc("In the first 9 months of 2023 trade reached US$30.1 billion, US$32.9 billion.")
    nine = days("2023-01-01", "2023-09-30")
    d.quantity("US$30.1 billion", "trade", qty("30.1", "billion"), nine)
    d.quantity("US$32.9 billion", "trade", qty("32.9", "billion"), nine)
    [f] = run_doc(d, trade, "quantities")
    assert f.anchor == "US$30.1 billion"
    assert "(2023-01..2023-09)" in f.message and "32.9 billion USD (±1%)" in f.message
    # a whole year is not nine months: the fact for Jan-Sep says nothing about it
    whole = trade_doc("Trade in 2023 reached US$30.1 billion.")
    whole.quantity("US$30.1 billion", "trade", qty("30.1", "billion"), year(2023))
    assert run_doc(whole, trade, "quantities") == []


def test_a_stock_is_judged_by_a_fact_whose_period_holds_the_claims_day(trade: Rulebook) -> None:
    day = days("2023-09-20", "2023-09-20", "point")
    ok = trade_doc("As of September 20 the FDI stock reached over 70 billion USD, US$71.3 billion.")
    ok.quantity("over 70 billion USD", "fdi-stock", qty("70", "billion", hedge="over"), day)
    ok.quantity("US$71.3 billion", "fdi-stock", qty("71.3", "billion"), day)
    assert run_doc(ok, trade, "quantities") == []
    bad = trade_doc("As of September 20 the FDI stock reached US$81.3 billion.")
    bad.quantity("US$81.3 billion", "fdi-stock", qty("81.3", "billion"), day)
    [f] = run_doc(bad, trade, "quantities")
    assert "71.3 billion USD" in f.message and "2023-09-20" in f.message
    later = trade_doc("As of December 1 the FDI stock reached US$81.3 billion.")
    later.quantity(
        "US$81.3 billion",
        "fdi-stock",
        qty("81.3", "billion"),
        days("2023-12-01", "2023-12-01", "cumulative"),
    )
    assert run_doc(later, trade, "quantities") == []


def test_a_stock_as_of_a_month_is_judged_by_a_fact_of_a_day_in_it(trade: Rulebook) -> None:
    d = trade_doc("As of September 2023 the FDI stock reached US$81.3 billion.")
    september = days("2023-09-01", "2023-09-30", "cumulative")
    d.quantity("US$81.3 billion", "fdi-stock", qty("81.3", "billion"), september)
    assert len(run_doc(d, trade, "quantities")) == 1
    # a whole quarter is too vague a time for a stock
    d.claims[0] = replace(d.claims[0], period=days("2023-07-01", "2023-09-30", "cumulative"))
    assert run_doc(d, trade, "quantities") == []


def test_a_stock_as_of_a_month_is_not_judged_by_a_fact_of_the_next_month(trade: Rulebook) -> None:
    # "as of August 2023" speaks of August: a fact of September 20 is another time, however close
    d = trade_doc("As of August 2023 the FDI stock reached US$81.3 billion.")
    august = days("2023-08-01", "2023-08-31", "cumulative")
    d.quantity("US$81.3 billion", "fdi-stock", qty("81.3", "billion"), august)
    assert run_doc(d, trade, "quantities") == []
    # a single day within a month of the fact's day still is (a stock moves little in a month)
    d.claims[0] = replace(d.claims[0], period=days("2023-08-31", "2023-08-31", "cumulative"))
    assert len(run_doc(d, trade, "quantities")) == 1


def test_a_stock_stated_for_a_year_is_judged_by_the_facts_within_it(trade: Rulebook) -> None:
    d = trade_doc("In 2015 the FDI stock was US$10 billion; in 2016 it was US$10 billion.")
    d.quantity("US$10 billion", "fdi-stock", qty("10", "billion"), year(2015))
    [f] = run_doc(d, trade, "quantities")
    assert "38 billion to 40 billion USD" in f.message
    d.claims[0] = replace(d.claims[0], period=year(2016))
    assert run_doc(d, trade, "quantities") == []


def test_min_max_fact_and_unverified_source_caps_at_warning(trade: Rulebook) -> None:
    d = trade_doc("By mid-2015 the FDI stock was US$45 billion.", "2015-07")
    d.quantity(
        "US$45 billion",
        "fdi-stock",
        qty("45", "billion"),
        days("2015-06-30", "2015-06-30", "point"),
    )
    [f] = run_doc(d, trade, "quantities")
    assert f.severity == "warning"
    assert "38 billion to 40 billion USD" in f.message
    assert "(unverified)" in f.related[0].message


def test_another_subject_is_not_judged(trade: Rulebook) -> None:
    d = trade_doc("Marsovia's FDI stock reached US$81.3 billion as of September 20.")
    d.quantity(
        "US$81.3 billion",
        "fdi-stock",
        qty("81.3", "billion"),
        days("2023-09-20", "2023-09-20", "point"),
        subject="marsovia",
    )
    assert run_doc(d, trade, "quantities") == []
    d.claims[0] = d.claims[0].__class__(**{**_fields(d.claims[0]), "subject": "freedonia"})
    assert len(run_doc(d, trade, "quantities")) == 1


def _fields(claim: object) -> dict[str, object]:
    return {name: getattr(claim, name) for name in claim.__slots__}  # type: ignore[attr-defined]


def test_another_currency_is_converted_with_a_dated_rate(trade: Rulebook) -> None:
    d = trade_doc("Trade reached 6.26 trillion yen in 2022, or 7.3 trillion yen by another count.")
    d.quantity("6.26 trillion yen", "trade", qty("6.26", "trillion", "JPY"), year(2022))
    d.quantity("7.3 trillion yen", "trade", qty("7.3", "trillion", "JPY"), year(2022))
    [f] = run_doc(d, trade, "quantities")
    assert f.anchor == "7.3 trillion yen"
    assert "131.5 JPY per USD" in f.message
    assert [r.message for r in f.related][1] == "source: https://example.org/usd-jpy-2022"


def test_the_most_informative_facts_speak_first(city: Rulebook) -> None:
    d = Doc(
        "city/budget.md",
        "2024-05-02",
        "The budget is $812.4 million, or about €815 million.",
        "That is $880 million.",
    )
    # the dollar fact judges a dollar figure, even though the euro fact converted would agree
    d.quantity("$812.4 million", "city-budget", qty("812.4", "million", "USD"), year(2024))
    d.quantity(
        "about €815 million", "city-budget", qty("815", "million", "EUR", "about"), year(2024)
    )
    d.quantity("$880 million", "city-budget", qty("880", "million", "USD"), year(2024))
    [f] = run_doc(d, city, "quantities")
    assert f.anchor == "$812.4 million" and "880 million USD (±1%)" in f.message
    assert "at 1.08" not in f.message


def test_a_bounded_fact_outranks_an_open_bound(trade: Rulebook) -> None:
    d = trade_doc("Stock as of June 30, 2015: US$45 billion, over US$38 billion.", "2015-07")
    mid = days("2015-06-30", "2015-06-30", "point")
    d.quantity("US$45 billion", "fdi-stock", qty("45", "billion"), mid)
    d.quantity("over US$38 billion", "fdi-stock", qty("38", "billion", hedge="over"), mid)
    [f] = run_doc(d, trade, "quantities")
    assert f.anchor == "US$45 billion" and "38 billion to 40 billion USD" in f.message


def test_changes_and_unknown_metrics_are_not_levels(trade: Rulebook) -> None:
    d = trade_doc("Trade rose US$9 billion in 2022 to a record; exports hit US$9 billion.")
    d.quantity(
        "US$9 billion", "trade", qty("9", "billion"), year(2022), attrs=(("change", "increase"),)
    )
    d.quantity("exports hit US$9 billion", "no-such-metric", qty("9", "billion"), year(2022))
    assert run_doc(d, trade, "quantities") == []


def test_a_figure_without_currency_is_still_compared(trade: Rulebook) -> None:
    d = trade_doc("Trade reached 57.6 billion in 2022.")
    d.quantity("57.6 billion", "trade", qty("57.6", "billion", unit=None), year(2022))
    assert [f.rule for f in run_doc(d, trade, "quantities")] == ["quantity-contradicts-fact"]


def test_scale_and_currency_problems_are_left_to_the_units_engine(trade: Rulebook) -> None:
    d = trade_doc("Trade reached US$47.6 million in 2022, or 40 billion euros.")
    d.quantity("US$47.6 million", "trade", qty("47.6", "million"), year(2022))
    d.quantity("40 billion euros", "trade", qty("40", "billion", "EUR"), year(2022))
    assert run_doc(d, trade, "quantities") == []


def test_percent_metric(trade: Rulebook) -> None:
    d = trade_doc("Freedonia provided about 30% of aid in 2022, not 40%.")
    d.quantity("about 30%", "aid-share", qty("30", unit="percent", hedge="about"), year(2022))
    d.quantity("40%", "aid-share", qty("40", unit="percent"), year(2022))
    [f] = run_doc(d, trade, "quantities")
    assert f.anchor == "40%" and "30%" in f.message


def test_second_domain_city_budget(city: Rulebook) -> None:
    d = Doc(
        "city/budget.md",
        "2024-05-02",
        "The council passed a city budget of €912.4 million for 2024.",
        "More than 100,000 daily bus riders use the network; in March only 90,000 did.",
    )
    d.quantity("€912.4 million", "city-budget", qty("912.4", "million", "EUR"), year(2024))
    march = days("2024-03-01", "2024-03-31", "point")
    d.quantity(
        "More than 100,000", "bus-riders", qty("100,000", unit=None, hedge="more than"), march
    )
    d.quantity("90,000", "bus-riders", qty("90,000", unit=None), march)
    found = run_doc(d, city, "quantities")
    assert [(f.line, f.anchor) for f in found] == [(1, "€912.4 million"), (2, "90,000")]
    assert "812.4 million EUR" in found[0].message
    assert "Lakeside council budget book 2024, p. 3" in found[0].message
    assert "at least 120,000" in found[1].message


def test_a_stock_counted_over_years_is_judged_where_the_count_ends(trade: Rulebook) -> None:
    """ "Since 2010" counts a growing stock up to the time of writing: a fact of a day inside that
    span is an earlier, smaller total, not the same moment."""
    d = trade_doc("Since 2010 the FDI stock has reached US$10 billion.")
    since = days("2010-01-01", "2017-06-30", "span")
    d.quantity("US$10 billion", "fdi-stock", qty("10", "billion"), since)
    assert run_doc(d, trade, "quantities") == []  # the 2015 facts lie inside, not at its end
    d.claims[0] = replace(d.claims[0], period=days("2010-01-01", "2023-09-20", "span"))
    [f] = run_doc(d, trade, "quantities")  # ends on the day of the 2023 fact: judged by it
    assert "71.3 billion USD" in f.message
