"""Units engine: dimension, currency, scale and missing currency; the shared unit helpers."""

from __future__ import annotations

import pytest
from fixtures.figure_rules.build import Doc, book, days, qty, run_doc, year

from claimcheck.judge import amounts as U
from claimcheck.rulebook import Rulebook


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


@pytest.fixture(scope="module")
def city() -> Rulebook:
    return book("city")


def rules(doc: Doc, b: Rulebook) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.anchor) for f in run_doc(doc, b, "units")]


def test_money_without_currency_is_a_warning_counts_are_not(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-01-10", "Trade hit 47.6 billion in 2022; 230,000 Freedonians live there.")
    d.quantity("47.6 billion", "trade", qty("47.6", "billion", unit=None), year(2022))
    d.quantity("230,000", "residents", qty("230,000", unit=None), year(2017, "point"))
    [f] = run_doc(d, trade, "units")
    assert (f.rule, f.category, f.severity) == ("unit-missing-currency", "unit", "warning")
    assert "two-way trade" in f.message and "USD" in f.message
    assert f.related[0].path.endswith("trade.yaml")


def test_a_bare_number_beside_a_priced_figure_of_its_metric_is_not_missing_a_currency(
    trade: Rulebook,
) -> None:
    text = "Trade hit 310 deals worth US$47.6 billion in 2022. Trade hit 47.5 billion in 2022."
    cut = text.index(". ") + 2
    d = Doc("a.md", "2023-01-10", text)
    first, second = (0, cut), (cut, len(text))
    d.quantity("310", "trade", qty("310", unit=None), year(2022), sentence=first)
    d.quantity("US$47.6 billion", "trade", qty("47.6", "billion"), year(2022), sentence=first)
    d.quantity(
        "47.5 billion", "trade", qty("47.5", "billion", unit=None), year(2022), sentence=second
    )
    assert rules(d, trade) == [("unit-missing-currency", "warning", "47.5 billion")]


def test_a_count_where_money_is_meant(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-01-10", "Trade hit 47.6 billion people in 2022.")
    d.quantity("47.6 billion people", "trade", qty("47.6", "billion", "person"), year(2022))
    [f] = run_doc(d, trade, "units")
    assert (f.rule, f.severity) == ("unit-dimension-mismatch", "error")
    assert "is a count (person)" in f.message and "money amount (USD)" in f.message


def test_money_where_a_count_is_meant_and_a_percent_change_is_fine(trade: Rulebook) -> None:
    d = Doc("a.md", "2018-01-10", "US$230,000 Freedonians live there; trade rose 12%.")
    d.quantity("US$230,000", "residents", qty("230,000"), year(2017, "point"))
    d.quantity(
        "12%", "trade", qty("12", unit="percent"), year(2017), attrs=(("change", "increase"),)
    )
    assert rules(d, trade) == [("unit-dimension-mismatch", "error", "US$230,000")]


def test_another_currency_without_a_rate(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-01-10", "Trade reached 44 billion euros in 2022.")
    d.quantity("44 billion euros", "trade", qty("44", "billion", "EUR"), year(2022))
    [f] = run_doc(d, trade, "units")
    assert (f.rule, f.severity) == ("unit-currency-mismatch", "error")
    assert "in EUR" in f.message and "47.6 billion USD" in f.message
    assert "no rate" in f.message and "https://example.org/trade-2022" in f.message


def test_another_currency_with_a_dated_rate_is_converted_not_flagged(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-01-10", "Trade reached 6.26 trillion yen in 2022.")
    d.quantity("6.26 trillion yen", "trade", qty("6.26", "trillion", "JPY"), year(2022))
    assert rules(d, trade) == []
    # the 2022 rate does not convert a 2023 figure: no rate, so a currency mismatch
    d2 = Doc("b.md", "2023-11-01", "Trade reached 4.3 trillion yen in the first 9 months of 2023.")
    nine = days("2023-01-01", "2023-09-30")
    d2.quantity("4.3 trillion yen", "trade", qty("4.3", "trillion", "JPY"), nine)
    assert rules(d2, trade) == [("unit-currency-mismatch", "error", "4.3 trillion yen")]


def test_no_fact_no_currency_verdict(trade: Rulebook) -> None:
    d = Doc("a.md", "2022-01-10", "Trade reached 44 billion euros in 2021.")
    d.quantity("44 billion euros", "trade", qty("44", "billion", "EUR"), year(2021))
    assert rules(d, trade) == []


@pytest.mark.parametrize(
    ("digits", "scale", "words"),
    [("47.6", "million", "a thousand times too small"), ("47.6", "trillion", "too large")],
)
def test_same_digits_at_another_scale(trade: Rulebook, digits: str, scale: str, words: str) -> None:
    text = f"US${digits} {scale}"
    d = Doc("a.md", "2023-01-10", f"Trade reached {text} in 2022.")
    d.quantity(text, "trade", qty(digits, scale), year(2022))
    [f] = run_doc(d, trade, "units")
    assert (f.rule, f.severity) == ("unit-scale-mismatch", "error")
    assert f.message.startswith("scale mismatch:") and words in f.message
    assert "47.6 billion USD" in f.message
    assert run_doc(d, trade, "quantities") == []  # one finding per claim, not two


def test_second_domain(city: Rulebook) -> None:
    d = Doc(
        "city.md",
        "2024-05-02",
        "The city budget is €812.4 billion for 2024.",
        "Another outlet wrote 812.4 million pounds.",
        "Bus riders: 120,000 daily bus riders in March.",
    )
    d.quantity("€812.4 billion", "city-budget", qty("812.4", "billion", "EUR"), year(2024))
    d.quantity("812.4 million pounds", "city-budget", qty("812.4", "million", "GBP"), year(2024))
    march = days("2024-03-01", "2024-03-31", "point")
    d.quantity("120,000 daily bus riders", "bus-riders", qty("120,000", unit="rider"), march)
    assert rules(d, city) == [
        ("unit-scale-mismatch", "error", "€812.4 billion"),
        ("unit-currency-mismatch", "error", "812.4 million pounds"),
    ]


def test_helpers() -> None:
    assert U.dimension(None) is None
    assert U.dimension("USD") == "currency"
    assert U.dimension("percent") == "percent"
    assert U.dimension("project") == "count"
    assert U.split_scale("billion USD") == ("USD", 1e9)
    assert U.split_scale("USD") == ("USD", 1.0)
    assert U.same_unit("person", "people") and U.same_unit(None, "USD")
    assert not U.same_unit("USD", "JPY") and not U.same_unit("USD", "person")
    assert U.rescale(19.45e9, 19.55e9, [(19.5e6, 19.5e6)]) == (1e-3, (19.5e6, 19.5e6))
    assert U.rescale(19.45e9, 19.55e9, [(20e6, 21e6)]) is None
    assert U.rescale(90_000, 90_000, [(120_000, float("inf"))]) is None
    assert U.amount(47.6e9, "USD") == "47.6 billion USD"
    assert U.amount(5198, None) == "5,198"
    assert U.amount(30, "percent") == "30%"
    assert U.interval(70e9, float("inf"), "USD") == "at least 70 billion USD"
