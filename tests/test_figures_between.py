"""Figures no fact of their period judges (issue 18, points 4, 5 and 11): between the facts of a
monotone metric, implausibly far from the nearest facts, a change measured from the rulebook's
base-year fact, hedge widths that follow the figure's rounding, and point figures of different
articles compared when their dates overlap or lie within the metric's `compare_within`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.figure_rules.build import Doc, book, days, run_corpus, run_doc, year

from claimcheck import rulebook
from claimcheck.checks.arithmetic import base_period
from claimcheck.checks.corpus import build_groups, window
from claimcheck.extract import numbers
from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import Period
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook, store
from claimcheck.yamlio.positions import YamlProblems


@pytest.fixture(scope="module")
def stocks() -> Rulebook:
    return book("fg_stocks")


def figure(written: str) -> Quantity:
    """The Quantity the extractor's number grammar gives for a written figure."""
    [n] = numbers.find(written, 0, len(written))
    return Quantity(n.low, n.high, n.unit, n.digits, n.scale, n.hedge)


def said(metric: str, written: str, period: Period, path: str = "t/a.md") -> Doc:
    d = Doc(path, "2019-01-01", f"The figure was {written} then.")
    d.quantity(written, metric, figure(written), period)
    return d


def rules(found: list[Finding]) -> list[str]:
    return [f.rule for f in found]


# --- point 4: between two facts of a monotone metric ---------------------------------------------


def test_a_growing_stock_between_two_facts_lies_between_them(stocks: Rulebook) -> None:
    jan = days("2018-01-31", "2018-01-31", "cumulative")
    [f] = run_doc(said("fdi-stock", "more than US$450 billion", jan), stocks, "quantities")
    assert f.rule == "quantity-between-facts" and f.severity == "error"
    assert "only grows" in f.message and "55.4 billion USD" in f.message
    assert len(f.related) == 2  # both facts are cited
    assert run_doc(said("fdi-stock", "US$49 billion", jan), stocks, "quantities") == []
    # below the earlier fact: its lower bound is open (nearly 42 billion), so nothing to say
    assert run_doc(said("fdi-stock", "US$30 billion", jan), stocks, "quantities") == []


def test_a_figure_whose_time_holds_a_fact_is_not_between_facts(stocks: Rulebook) -> None:
    """A stock "in 2018" may be any day of 2018, the day of the October fact included: the
    facts around it do not bound it (the fact within it does not judge it either)."""
    in_2018 = days("2018-01-01", "2018-12-31", "cumulative")
    assert run_doc(said("fdi-stock", "US$60 billion", in_2018), stocks, "quantities") == []
    jan = days("2018-01-31", "2018-01-31", "cumulative")
    [f] = run_doc(said("fdi-stock", "US$60 billion", jan), stocks, "quantities")
    assert f.rule == "quantity-between-facts"


def test_a_shrinking_stock_has_its_bounds_the_other_way(stocks: Rulebook) -> None:
    mid = days("2016-12-31", "2016-12-31", "point")
    [f] = run_doc(said("debt", "US$9.5 billion", mid), stocks, "quantities")
    assert f.rule == "quantity-between-facts" and "only falls" in f.message
    assert run_doc(said("debt", "US$8 billion", mid), stocks, "quantities") == []


def test_without_monotone_only_an_implausible_figure_is_flagged(stocks: Rulebook) -> None:
    jan = days("2018-01-31", "2018-01-31", "cumulative")
    [f] = run_doc(said("fdi-stock-plain", "more than US$450 billion", jan), stocks, "quantities")
    assert (f.rule, f.severity) == ("quantity-implausible", "warning")
    assert run_doc(said("fdi-stock-plain", "US$70 billion", jan), stocks, "quantities") == []


# --- point 4: implausible against the nearest facts ----------------------------------------------


def test_a_decimal_comma_misprint_is_implausible(stocks: Rulebook) -> None:
    four_months = days("2017-01-01", "2017-04-30")
    [f] = run_doc(said("trade", "US$10,124 billion", four_months), stocks, "quantities")
    assert f.rule == "quantity-implausible" and "above" in f.message and "per day" in f.message
    assert run_doc(said("trade", "US$10.124 billion", four_months), stocks, "quantities") == []


def test_a_thousandfold_too_small_figure_is_implausible(stocks: Rulebook) -> None:
    march = days("2017-03-01", "2017-03-31")
    [f] = run_doc(said("trade", "US$2.6 million", march), stocks, "quantities")
    assert f.rule == "quantity-implausible" and "below" in f.message
    assert run_doc(said("trade", "US$2.6 billion", march), stocks, "quantities") == []


def test_a_percentage_is_not_compared_per_day(stocks: Rulebook) -> None:
    march = days("2017-03-01", "2017-03-31")
    assert run_doc(said("export-share", "11.5%", march), stocks, "quantities") == []
    [f] = run_doc(said("export-share", "115%", march), stocks, "quantities")
    assert f.rule == "quantity-implausible" and "per day" not in f.message


def test_facts_far_from_the_figure_say_nothing(stocks: Rulebook) -> None:
    assert run_doc(said("trade", "US$900 billion", year(2025)), stocks, "quantities") == []


def test_a_flow_said_as_of_a_day_is_not_compared_per_day(stocks: Rulebook) -> None:
    day = days("2017-06-10", "2017-06-10", "point")
    assert run_doc(said("trade", "US$30 billion", day), stocks, "quantities") == []


# --- point 4: a change measured from the rulebook's fact ------------------------------------------


def change(stocks_doc: Doc, percent: str, **attrs: str) -> Doc:
    [new] = stocks_doc.claims
    text = f"an increase of {percent} percent"
    start, end = stocks_doc.at(text)
    stocks_doc.claims.append(
        Claim(
            "arithmetic",
            start,
            end,
            text,
            target=new.target,
            period=new.period,
            parts=(new,),
            attrs=(
                ("relation", "change"),
                ("percent", percent),
                ("change", "increase"),
                *attrs.items(),
            ),
        )
    )
    return stocks_doc


def growth(written: str, percent: str, metric: str = "trade", **attrs: str) -> Doc:
    d = Doc("t/g.md", "2014-02-01", f"Trade reached {written}, an increase of {percent} percent.")
    d.quantity(written, metric, figure(written), year(2013))
    return change(d, percent, **attrs)


def test_a_change_is_measured_from_the_base_years_fact(stocks: Rulebook) -> None:
    [f] = run_doc(growth("US$24.3 billion", "25"), stocks, "arithmetic")
    assert f.rule == "arithmetic-percent-change" and "24.7 billion USD" in f.message
    assert f.related  # the fact is cited
    assert run_doc(growth("US$25 billion", "1.2"), stocks, "arithmetic") == []


def test_a_stated_base_period_is_the_one_looked_up(stocks: Rulebook) -> None:
    # from 2012 (a fact) stated; and from 2011, which the rulebook does not know: silent
    [f] = run_doc(
        growth("US$24.3 billion", "25", base_start="2012-01-01", base_end="2012-12-31"),
        stocks,
        "arithmetic",
    )
    assert f.rule == "arithmetic-percent-change"
    assert (
        run_doc(
            growth("US$24.3 billion", "25", base_start="2011-01-01", base_end="2011-12-31"),
            stocks,
            "arithmetic",
        )
        == []
    )


def test_a_stocks_change_from_a_year_is_not_looked_up(stocks: Rulebook) -> None:
    assert run_doc(growth("US$24.3 billion", "25", "fdi-stock-plain"), stocks, "arithmetic") == []


def test_the_base_period_is_the_same_days_a_year_earlier() -> None:
    def base(start: str, end: str) -> tuple[str, str] | None:
        c = Claim("arithmetic", 0, 1, "x", period=days(start, end))
        p = base_period(c)
        return (p.start.isoformat(), p.end.isoformat()) if p else None

    assert base("2013-01-01", "2013-12-31") == ("2012-01-01", "2012-12-31")
    assert base("2013-01-01", "2013-02-28") == ("2012-01-01", "2012-02-29")  # a month's end
    assert base("2016-02-01", "2016-02-29") == ("2015-02-01", "2015-02-28")
    assert base("2010-01-01", "2013-12-31") is None  # longer than a year: no default base


# --- point 11: hedge widths ----------------------------------------------------------------------


def test_about_follows_the_figures_rounding(stocks: Rulebook) -> None:
    census = days("2020-10-01", "2020-10-01", "point")
    [f] = run_doc(said("residents", "about 280,000", census), stocks, "quantities")
    assert f.rule == "quantity-contradicts-fact"
    assert run_doc(said("residents", "about 310,000", census), stocks, "quantities") == []
    assert run_doc(said("residents", "about 300,000", census), stocks, "quantities") == []


def test_nearly_and_more_than_reach_one_way_only(stocks: Rulebook) -> None:
    census = days("2020-10-01", "2020-10-01", "point")
    assert run_doc(said("residents", "nearly 320,000", census), stocks, "quantities") == []
    [f] = run_doc(said("residents", "nearly 300,000", census), stocks, "quantities")
    assert f.rule == "quantity-contradicts-fact"
    assert run_doc(said("residents", "more than 300,000", census), stocks, "quantities") == []
    [f] = run_doc(said("residents", "more than 320,000", census), stocks, "quantities")
    assert f.rule == "quantity-contradicts-fact"


def test_a_metric_sets_its_own_hedge_width(stocks: Rulebook) -> None:
    census = days("2020-10-01", "2020-10-01", "point")
    assert run_doc(said("residents-loose", "about 280,000", census), stocks, "quantities") == []
    # the width is the metric's: the same words against the default metric contradict
    assert rules(run_doc(said("residents", "about 280,000", census), stocks, "quantities")) == [
        "quantity-contradicts-fact"
    ]


# --- point 5: point figures of different articles at overlapping or close dates -----------------


def count(path: str, date: str, digits: str, metric: str, period: Period) -> Doc:
    d = Doc(path, date, f"There are {digits} {metric} in service.")
    d.quantity(digits, metric, figure(digits), period)
    return d


def test_a_day_meets_the_month_that_holds_it(stocks: Rulebook) -> None:
    month = count("p/a.md", "2022-06", "12", "buses", days("2022-06-01", "2022-06-30", "point"))
    day = count("p/b.md", "2022-06-14", "19", "buses", days("2022-06-14", "2022-06-14", "point"))
    [f] = run_corpus([month, day], stocks)
    assert f.rule == "quantity-contradicts-article" and f.path == "p/b.md"
    assert "as of 2022-06-14" in f.message  # the figure's own date, not its group's
    after = count("p/c.md", "2022-07-02", "19", "buses", days("2022-07-02", "2022-07-02", "point"))
    assert run_corpus([month, after], stocks) == []  # no window declared: no overlap, no meeting


def test_a_stock_dated_only_to_a_year_meets_no_day_of_it(stocks: Rulebook) -> None:
    year_long = days("2022-01-01", "2022-12-31", "point")
    a = count("y/a.md", "2022-12-01", "12", "buses", year_long)
    b = count("y/b.md", "2022-06-14", "19", "buses", days("2022-06-14", "2022-06-14", "point"))
    assert run_corpus([a, b], stocks) == []
    c = count("y/c.md", "2023-01-05", "19", "buses", year_long)
    [f] = run_corpus([a, c], stocks)  # the same year: they meet as before
    assert f.path == "y/c.md"


def test_a_metrics_window_joins_figures_a_week_apart(stocks: Rulebook) -> None:
    a = count("w/a.md", "2022-06-01", "12", "ferries", days("2022-06-01", "2022-06-01", "point"))
    b = count("w/b.md", "2022-06-08", "12", "ferries", days("2022-06-08", "2022-06-08", "point"))
    c = count("w/c.md", "2022-06-15", "15", "ferries", days("2022-06-15", "2022-06-15", "point"))
    [f] = run_corpus([a, b, c], stocks)
    assert f.path == "w/c.md" and "w/a.md" in f.message and "w/b.md" in f.message
    # a hook run on the outlier finds the same
    assert run_corpus([a, b, c], stocks, targets=["w/c.md"]) == [f]
    far = count("w/d.md", "2022-08-15", "15", "ferries", days("2022-08-15", "2022-08-15", "point"))
    assert run_corpus([a, b, far], stocks) == []


def test_the_window_counts_from_a_groups_first_figure() -> None:
    trade = book("fg_stocks")
    docs = [
        count(f"s/{i}.md", f"2022-06-{1 + 9 * i:02d}", "12", "ferries", days(d, d, "point"))
        for i, d in enumerate(["2022-06-01", "2022-06-10", "2022-06-19", "2022-06-28"])
    ]
    docs += [
        count("s/x.md", "2022-07-30", "12", "ferries", days("2022-07-30", "2022-07-30", "point"))
    ]
    groups = build_groups([d.doc for d in docs], {d.doc.path: d.claims for d in docs}, trade)
    sizes = [len(g.entries) for g in groups]
    assert sizes == [4, 1]  # 1, 10, 19, 28 June within 30 days of 1 June; 30 July not
    assert groups[0].period == days("2022-06-01", "2022-06-28", "point")


def test_window_reads_days_weeks_and_months(stocks: Rulebook) -> None:
    assert window(stocks.metrics["ferries"]).days == 30
    assert window(stocks.metrics["buses"]).days == 0


# --- the new metric keys: validated with a position, and stored like every other key ------------


def test_a_misspelt_metric_key_or_value_is_reported_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "metrics:\n"
        "  - id: x\n"
        "    name: X\n"
        "    aliases: [x]\n"
        "    dimension: count\n"
        "    period: point\n"
        "    compare_within: 90 dais\n"
        "    monotone: increasng\n"
        "    hedge: -1\n"
        "    compare_whithin: 30 days\n",
        encoding="utf-8",
    )
    with pytest.raises(YamlProblems) as raised:
        rulebook.load([tmp_path])
    text = str(raised.value)
    for where in ("m.yaml:7:", "m.yaml:8:", "m.yaml:9:", "m.yaml:10:"):
        assert where in text


def test_the_stored_rulebook_keeps_the_new_keys(stocks: Rulebook) -> None:
    data = store.encode(stocks, "code")
    for trusted in (False, True):
        again = store.decode(data, "code", stocks.digest, trusted=trusted)
        assert again.metrics["residents-loose"].hedge == 0.15
        assert again.metrics["fdi-stock"].monotone == "increasing"
        assert again.metrics["ferries"].compare_within == "30 days"
        assert again.metrics["buses"].hedge is None
