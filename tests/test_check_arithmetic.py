"""Arithmetic inside one article: parts and total, percentage change, x-fold change."""

from __future__ import annotations

import math

import pytest
from fixtures.figure_rules.build import Doc, book, qty, run_doc, year

from claimcheck.checks.arithmetic import written
from claimcheck.model.claims import Claim, Quantity
from claimcheck.rulebook import Rulebook


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


def group(
    d: Doc,
    relation: str,
    figures: list[tuple[str, Quantity]],
    metrics: tuple[str, ...] = ("trade", "exports", "imports"),
    **attrs: str,
) -> Claim:
    """An arithmetic claim over quantity claims; by default a total and its named components."""
    parts = tuple(
        d.quantity(text, metrics[min(i, len(metrics) - 1)], value, year(2023))
        for i, (text, value) in enumerate(figures)
    )
    start, end = parts[0].start, parts[-1].end
    claim = Claim(
        "arithmetic",
        start,
        end,
        d.text[start:end],
        parts=parts,
        attrs=(("relation", relation), *attrs.items()),
    )
    d.claims.append(claim)
    return claim


def sum_doc(total: str, a: str, b: str, hedge: str | None = None) -> Doc:
    d = Doc(
        "a.md", "2023-11-28", f"Trade reached {total}, of which exports were {a} and imports {b}."
    )
    group(
        d,
        "sum",
        [
            (total, qty(total.split()[0][3:], "billion", hedge=hedge)),
            (a, qty(a.split()[0][3:], "billion")),
            (b, qty(b.split()[0][3:], "billion")),
        ],
    )
    return d


def test_parts_that_add_up_within_rounding(trade: Rulebook) -> None:
    assert (
        run_doc(
            sum_doc("US$32.9 billion", "US$17.2 billion", "US$15.7 billion"), trade, "arithmetic"
        )
        == []
    )
    # 17.24 + 15.74 = 32.98 rounds either way: the digits allow it
    assert (
        run_doc(sum_doc("US$33 billion", "US$17.2 billion", "US$15.7 billion"), trade, "arithmetic")
        == []
    )
    assert (
        run_doc(
            sum_doc("US$32.9 billion", "US$17.2 billion", "US$15.7 billion", "over"),
            trade,
            "arithmetic",
        )
        == []
    )


def test_parts_that_do_not_add_up(trade: Rulebook) -> None:
    [f] = run_doc(
        sum_doc("US$32.9 billion", "US$17.2 billion", "US$13.7 billion"), trade, "arithmetic"
    )
    assert (f.rule, f.category, f.severity) == ("arithmetic-parts-total", "arithmetic", "error")
    assert "'US$17.2 billion' + 'US$13.7 billion'" in f.message
    assert "30.8 billion to 31 billion USD" in f.message and "'US$32.9 billion'" in f.message


def test_named_components_are_checked_both_ways_within_rounding(trade: Rulebook) -> None:
    def found(total: str, a: str, b: str) -> list[str]:
        return [f.message for f in run_doc(sum_doc(total, a, b), trade, "arithmetic")]

    # exports + imports of a trade total: more than it is wrong, and so is less
    [over] = found("US$32.9 billion", "US$19.2 billion", "US$15.7 billion")
    assert "add up to 34.8 billion to 35 billion USD, not the total" in over
    [under] = found("US$32.9 billion", "US$15.2 billion", "US$15.7 billion")
    assert "add up to 30.8 billion to 31 billion USD, not the total" in under
    # 17.05..17.15 + 15.65..15.75 = 32.7..32.9 reaches 32.85..32.95: a rounding
    assert found("US$32.9 billion", "US$17.1 billion", "US$15.7 billion") == []
    # 17.0 + 15.65..15.75 = 32.65..32.75: short of 32.85, even rounded
    assert len(found("US$32.9 billion", "US$17.0 billion", "US$15.7 billion")) == 1


def test_a_breakdown_by_unnamed_items_may_leave_the_rest_unsaid(trade: Rulebook) -> None:
    d = Doc(
        "a.md",
        "2023-11-28",
        "FDI hit US$71.3 billion, of which factories US$40 billion and property US$10 billion.",
        "FDI hit US$71.3 billion, of which factories US$60 billion and property US$20 billion.",
    )
    figures = [("71.3", "US$71.3 billion"), ("40", "US$40 billion"), ("10", "US$10 billion")]
    group(d, "sum", [(t, qty(v, "billion")) for v, t in figures], metrics=("trade",))
    start = d.text.index("\n") + 1
    parts = []
    for digits in ("71.3", "60", "20"):
        at = d.text.index(f"US${digits} billion", start)
        parts.append(
            Claim(
                "quantity",
                at,
                at + len(f"US${digits} billion"),
                f"US${digits} billion",
                target="trade",
                value=qty(digits, "billion"),
                period=year(2023),
            )
        )
    d.claims += parts
    d.claims.append(
        Claim(
            "arithmetic",
            parts[0].start,
            parts[-1].end,
            "",
            parts=tuple(parts),
            attrs=(("relation", "sum"),),
        )
    )
    [f] = run_doc(d, trade, "arithmetic")
    assert f.line == 2 and "add up to more than the total" in f.message
    # the items took their total's metric: they are not values of it
    assert run_doc(d, trade, "quantities") == []


def test_a_single_part_may_be_smaller_never_larger(trade: Rulebook) -> None:
    d = Doc(
        "a.md",
        "2023-11-28",
        "ODA reached US$29.3 billion, of which US$1.8 billion was aid.",
        "ODA reached US$2.3 billion, of which US$2.8 billion was aid.",
    )
    group(
        d,
        "sum",
        [("US$29.3 billion", qty("29.3", "billion")), ("US$1.8 billion", qty("1.8", "billion"))],
    )
    group(
        d,
        "sum",
        [("US$2.3 billion", qty("2.3", "billion")), ("US$2.8 billion", qty("2.8", "billion"))],
    )
    [f] = run_doc(d, trade, "arithmetic")
    assert f.line == 2 and "larger than the total" in f.message


@pytest.mark.parametrize(
    ("new", "old", "percent", "change", "wrong"),
    [
        ("2.9", "1.9", "50", "increase", False),  # 1.85..1.95 → 2.85..2.95: +46% to +59%
        ("2.9", "2.4", "50", "increase", True),  # +18% to +23%
        ("2.9", "2.4", "about 20", "increase", False),
        ("1.2", "2.4", "50", "decrease", False),
        ("1.2", "2.4", "30", "decrease", True),
        ("2.9", "1.9", "nearly 50", "increase", False),
        ("2.9", "1.9", "over 60", "increase", True),
    ],
)
def test_percent_change_against_both_ends(
    trade: Rulebook, new: str, old: str, percent: str, change: str, wrong: bool
) -> None:
    d = Doc(
        "a.md",
        "2023-11-28",
        f"FDI hit US${new} billion, a change of {percent}% from US${old} billion.",
    )
    group(
        d,
        "change",
        [(f"US${new} billion", qty(new, "billion")), (f"US${old} billion", qty(old, "billion"))],
        percent=percent,
        change=change,
    )
    found = run_doc(d, trade, "arithmetic")
    assert bool(found) is wrong
    if wrong:
        assert found[0].rule == "arithmetic-percent-change"
        assert f"US${old} billion" in found[0].message and "%" in found[0].message


@pytest.mark.parametrize(
    ("new", "old", "factor", "wrong"),
    [
        ("9", "2.2", "four", False),
        ("9", "2.2", "3", True),
        ("6.6", "2.2", "three", False),
        ("4.4", "2.2", "tripled", True),
        ("4.4", "2.2", "doubled", False),
    ],
)
def test_fold_change_against_both_ends(
    trade: Rulebook, new: str, old: str, factor: str, wrong: bool
) -> None:
    d = Doc(
        "a.md",
        "2017-12",
        f"Investment reached US${new} billion, a {factor}-fold rise from US${old} billion.",
    )
    group(
        d,
        "fold",
        [(f"US${new} billion", qty(new, "billion")), (f"US${old} billion", qty(old, "billion"))],
        factor=factor,
    )
    found = run_doc(d, trade, "arithmetic")
    assert [f.rule for f in found] == (["arithmetic-fold-change"] if wrong else [])


@pytest.mark.parametrize(
    ("factor", "wrong"), [("halved", False), ("two", False), ("three", True), ("0.5", False)]
)
def test_fold_decrease(trade: Rulebook, factor: str, wrong: bool) -> None:
    d = Doc("a.md", "2017-12", f"Aid fell to US$1.1 billion, {factor} fold from US$2.2 billion.")
    group(
        d,
        "fold",
        [("US$1.1 billion", qty("1.1", "billion")), ("US$2.2 billion", qty("2.2", "billion"))],
        factor=factor,
        change="decrease",
    )
    assert bool(run_doc(d, trade, "arithmetic")) is wrong


def test_mixed_units_and_shares_are_not_added(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-11-28", "Trade reached US$32.9 billion, of which 60% and 4 trillion yen.")
    group(
        d,
        "sum",
        [
            ("US$32.9 billion", qty("32.9", "billion")),
            ("60%", qty("60", unit="percent")),
            ("4 trillion yen", qty("4", "trillion", "JPY")),
        ],
    )
    assert run_doc(d, trade, "arithmetic") == []


def test_written() -> None:
    assert written("50") == (49.5, 50.5)
    assert written("12.5") == pytest.approx((12.45, 12.55))
    assert written("four") == (3.5, 4.5)
    assert written("tripled") == (2.5, 3.5)
    assert written("nearly 50") == (47.0, 50.0)  # below by its rounding and 5 %
    low, high = written("over 50") or (0, 0)
    assert low == 50 and math.isinf(high)
    assert written("about 20") == pytest.approx((18.5, 21.5))  # 0.5 and the larger of 0.5, 1
    # the extractor gives the bare number; the hedge is in the claim's own words
    assert written("50", "about 50% over the same period in 2022") == pytest.approx((47.0, 53.0))
    assert written("3", "3 folds from 2014") == (2.5, 3.5)
    assert written("1,000") == (999.5, 1000.5)
    assert written("many") is None


def test_the_base_of_a_change_dated_like_its_new_value_is_not_judged(trade: Rulebook) -> None:
    d = Doc("a.md", "2023-01-10", "Trade hit US$47.6 billion in 2022, up 11% from US$42.7 billion.")
    new = d.quantity("US$47.6 billion", "trade", qty("47.6", "billion"), year(2022))
    old = d.quantity("US$42.7 billion", "trade", qty("42.7", "billion"), year(2022))
    change = Claim(
        "arithmetic",
        new.start,
        old.end,
        "up 11%",
        parts=(new, old),
        attrs=(("relation", "change"), ("percent", "11"), ("change", "increase")),
    )
    assert [f.anchor for f in run_doc(d, trade, "quantities")] == ["US$42.7 billion"]
    d.claims.append(change)
    assert run_doc(d, trade, "quantities") == []
    assert run_doc(d, trade, "arithmetic") == []  # 47.6 / 42.7 is +11.3%, the change still checked
