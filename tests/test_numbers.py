"""Numbers as written: digits, words, scale words, currencies, hedges → intervals."""

from __future__ import annotations

import math
import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import numbers
from claimcheck.extract.numbers import ABOUT, HEDGES, SCALES, Number, find, hedged, interval
from claimcheck.model import units


def only(text: str) -> Number:
    found = find(text, 0, len(text))
    assert len(found) == 1, found
    return found[0]


SPELLINGS = [
    # text, underlined, value, low, high, unit, scale
    ("US$29.3 billion", "US$29.3 billion", 29.3e9, 29.25e9, 29.35e9, "USD", "billion"),
    ("19.5 million USD", "19.5 million USD", 19.5e6, 19.45e6, 19.55e6, "USD", "million"),
    ("JPY500 million", "JPY500 million", 500e6, 499.5e6, 500.5e6, "JPY", "million"),
    ("¥500 million", "¥500 million", 500e6, 499.5e6, 500.5e6, "JPY", "million"),
    ("50 billion USD", "50 billion USD", 50e9, 49.5e9, 50.5e9, "USD", "billion"),
    ("VND 1.2 trillion", "VND 1.2 trillion", 1.2e12, 1.15e12, 1.25e12, "VND", "trillion"),
    ("1.2 trillion dong", "1.2 trillion dong", 1.2e12, 1.15e12, 1.25e12, "VND", "trillion"),
    ("500 million yen", "500 million yen", 500e6, 499.5e6, 500.5e6, "JPY", "million"),
    ("€35.2 billion", "€35.2 billion", 35.2e9, 35.15e9, 35.25e9, "EUR", "billion"),
    ("$2.9bn", "$2.9bn", 2.9e9, 2.85e9, 2.95e9, "USD", "bn"),
    ("US$5m", "US$5m", 5e6, 4.5e6, 5.5e6, "USD", "m"),
    ("5,198 valid projects", "5,198", 5198, 5197.5, 5198.5, None, None),
    ("500,000 people", "500,000", 500_000, 475_000, 525_000, None, None),
    ("1,000 people", "1,000", 1000, 950, 1050, None, None),
    ("230,000 Vietnamese", "230,000", 230_000, 225_000, 235_000, None, None),
    ("2,500 companies", "2,500", 2500, 2450, 2550, None, None),
    ("six patrol vessels", "six", 6, 6, 6, None, None),
    ("37 pairs", "37", 37, 36.5, 37.5, None, None),
    ("seven shopping centres", "seven", 7, 7, 7, None, None),
    ("twenty-five stores", "twenty-five", 25, 25, 25, None, None),
    ("30%", "30%", 30, 29.5, 30.5, "percent", None),
    ("2.5 percent", "2.5 percent", 2.5, 2.45, 2.55, "percent", None),
    ("15.2 per cent", "15.2 per cent", 15.2, 15.15, 15.25, "percent", None),
    ("an increase of 50%", "50%", 50, 49.5, 50.5, "percent", None),
    ("a million people", "a million", 1e6, 0.5e6, 1.5e6, None, "million"),
    # the sign before the country letters, or apart from them, as published articles write it
    ("$US 936 million", "$US 936 million", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("$US936m", "$US936m", 936e6, 935.5e6, 936.5e6, "USD", "m"),
    ("$ US 660 million", "$ US 660 million", 660e6, 659.5e6, 660.5e6, "USD", "million"),
    ("US $936 million", "US $936 million", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("US$ 936 million", "US$ 936 million", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("U.S. $4.5 billion", "U.S. $4.5 billion", 4.5e9, 4.45e9, 4.55e9, "USD", "billion"),
    ("USD 936 million", "USD 936 million", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("936 million USD", "936 million USD", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("936 million US dollars", "936 million US dollars", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("936 million dollars", "936 million dollars", 936e6, 935.5e6, 936.5e6, "USD", "million"),
    ("$A5 billion", "$A5 billion", 5e9, 4.5e9, 5.5e9, "AUD", "billion"),
    ("HK $3 billion", "HK $3 billion", 3e9, 2.5e9, 3.5e9, "HKD", "billion"),
    ("VND 12 trillion", "VND 12 trillion", 12e12, 11.5e12, 12.5e12, "VND", "trillion"),
    ("12 trillion dong", "12 trillion dong", 12e12, 11.5e12, 12.5e12, "VND", "trillion"),
    ("12,000 billion VND", "12,000 billion VND", 12e12, 11_999.5e9, 12_000.5e9, "VND", "billion"),
    ("VND12,000 billion", "VND12,000 billion", 12e12, 11_999.5e9, 12_000.5e9, "VND", "billion"),
    ("¥95 billion", "¥95 billion", 95e9, 94.5e9, 95.5e9, "JPY", "billion"),
    ("95 billion yen", "95 billion yen", 95e9, 94.5e9, 95.5e9, "JPY", "billion"),
    ("JPY 95 billion", "JPY 95 billion", 95e9, 94.5e9, 95.5e9, "JPY", "billion"),
    ("£ 40 million", "£ 40 million", 40e6, 39.5e6, 40.5e6, "GBP", "million"),
    ("€7.1bn", "€7.1bn", 7.1e9, 7.05e9, 7.15e9, "EUR", "bn"),
    ("US$16 Bln this year", "US$16 Bln", 16e9, 15.5e9, 16.5e9, "USD", "bln"),
    # Canadian style: a hyphen before the scale word
    ("C$1.47-billion", "C$1.47-billion", 1.47e9, 1.465e9, 1.475e9, "CAD", "billion"),
    ("US$71.8-million profit", "US$71.8-million", 71.8e6, 71.75e6, 71.85e6, "USD", "million"),
]


@pytest.mark.parametrize(("text", "shown", "value", "low", "high", "unit", "scale"), SPELLINGS)
def test_spellings(
    text: str,
    shown: str,
    value: float,
    low: float,
    high: float,
    unit: str | None,
    scale: str | None,
) -> None:
    n = only(text)
    assert text[n.start : n.end] == shown
    assert n.value == pytest.approx(value)
    assert (n.low, n.high) == (pytest.approx(low), pytest.approx(high))
    assert (n.unit, n.scale) == (unit, scale)


# "about" is the value give or take its rounding r plus a margin: r again (r counted up to a tenth
# of the value) or ABOUT (5 %) of the value, whichever is larger; "nearly" is that margin below.
HEDGED = [
    ("about US$2.9 billion", "about", 2.705e9, 3.095e9),  # r 0.05 bn, margin 5 % = 0.145 bn
    ("approximately 19.5 million USD", "approximately", 18.475e6, 20.525e6),
    ("approximating 50 billion USD", "approximating", 47e9, 53e9),  # 0.5 bn + 2.5 bn
    ("some 500 people", "some", 474.5, 525.5),
    ("around 30%", "around", 28, 32),  # 0.5 + 1.5
    ("almost US$9 billion", "almost", 8e9, 9e9),  # r 0.5 bn is more than 5 % (0.45 bn)
    ("nearly 500,000", "nearly", 450_000, 500_000),  # r 25,000 (5 % cap), margin 25,000
    ("over 5,000", "over", 5000, math.inf),
    ("more than 70 billion USD", "more than", 70e9, math.inf),
    ("at least 20 vessels", "at least", 20, math.inf),
    ("up to US$3 billion", "up to", 0, 3e9),
    ("less than 10 per cent", "less than", 0, 10),
    ("under 1,000", "under", 0, 1000),
    ("about $US 10 billion", "about", 9e9, 11e9),
    ("nearly $ US 360 million", "nearly", 341.5e6, 360e6),
    ("over US $5 billion", "over", 5e9, math.inf),
    ("approximately VND 12 trillion", "approximately", 10.9e12, 13.1e12),
    ("almost 95 billion yen", "almost", 89.75e9, 95e9),
    # the width follows the rounding: a figure rounded to the ten thousand
    ("about 280,000 residents", "about", 261_000, 299_000),  # r 5,000, margin 14,000
    ("about 3 billion", "about", 2.2e9, 3.8e9),  # r 0.5 bn, margin at most a tenth: 0.3 bn
]


@pytest.mark.parametrize(("text", "hedge", "low", "high"), HEDGED)
def test_hedges(text: str, hedge: str, low: float, high: float) -> None:
    n = only(text)
    assert n.start == 0  # the hedge is part of what is underlined
    assert n.hedge == hedge
    assert n.low == pytest.approx(low)
    assert n.high == pytest.approx(high) if math.isfinite(high) else math.isinf(n.high)


RANGES = [
    # text, low, high, unit: one amount, its scale and currency written once for both ends
    ("US$2-3 billion", 1.5e9, 3.5e9, "USD"),
    ("US$2\u20133 billion", 1.5e9, 3.5e9, "USD"),
    ("US$2 - 3 billion", 1.5e9, 3.5e9, "USD"),
    ("$US 2.5-3.5 billion", 2.45e9, 3.55e9, "USD"),
    ("2-3 billion USD", 1.5e9, 3.5e9, "USD"),
    ("1.2 to 1.5 trillion dong", 1.15e12, 1.55e12, "VND"),
    ("a loan of US$2 to 3 billion", 1.5e9, 3.5e9, "USD"),
    ("between US$2 and 3 billion", 1.5e9, 3.5e9, "USD"),
    ("between 2 and US$3 billion", 1.5e9, 3.5e9, "USD"),
    ("VND 12,000-15,000 billion", 11_999.5e9, 15_000.5e9, "VND"),
    ("about US$2-3 billion", 1.5e9 - 0.2e9, 3.5e9 + 0.3e9, "USD"),
    ("over US$2-3 billion", 2e9, math.inf, "USD"),
    ("US$2-3 billion, up from last year", 1.5e9, 3.5e9, "USD"),
    ("it cost US$2-3 billion.", 1.5e9, 3.5e9, "USD"),
    ("US$200-300 in fees", 199.5, 300.5, "USD"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), RANGES)
def test_money_ranges(text: str, low: float, high: float, unit: str) -> None:
    n = only(text)
    assert n.ranged
    assert n.unit == unit
    assert n.low == pytest.approx(low)
    assert n.high == pytest.approx(high) if math.isfinite(high) else math.isinf(n.high)
    assert text[n.start : n.end].endswith(("billion", "USD", "dong", "300"))


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # "from X to Y" is a change: two figures, not one range
        ("rose from US$2 to 3 billion", ["US$2", "3 billion"]),
        ("US$3-2 billion", ["US$3", "2 billion"]),  # the second end must be the larger
        ("US$2 and 3 billion", ["US$2", "3 billion"]),  # "and" joins a range after "between"
        ("2-3 billion", ["2", "3 billion"]),  # no currency written: not read as money
        ("US$2-3 billion yen", ["US$2", "3 billion yen"]),  # ends in two currencies
        ("US$2-3rd", ["US$2"]),
        ("US$2-3,5 billion", ["US$2", "3"]),  # a decimal comma: not read as a range
    ],
)
def test_not_money_ranges(text: str, read: list[str]) -> None:
    found = find(text, 0, len(text))
    assert [text[n.num_start : n.end] for n in found] == read
    assert not any(n.ranged for n in found)


@pytest.mark.parametrize(
    ("text", "units_read"),
    [
        # after a scale word a code is that number's, whatever follows
        ("12 trillion VND 5 projects", ["VND", None]),
        ("936 million USD, 660 million", ["USD", None]),
        # after a bare number and before another, it opens the next one
        ("In 2023 VND 12 trillion was spent", [None, "VND"]),
        ("12,000 VND", ["VND"]),
    ],
)
def test_a_code_binds_to_one_number(text: str, units_read: list[str | None]) -> None:
    assert [n.unit for n in find(text, 0, len(text))] == units_read


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("VNDirect 5 million", None),  # a code inside a word is no currency
        ("USDA 5 million", None),
        ("JPYX 5", None),
        ("A $5 billion loan", "USD"),  # a lone capital apart from the sign is a word
        ("Pegasus $5 billion", "USD"),  # letters at the end of a word are not a prefix
        ("bonus US $5 million", "USD"),
    ],
)
def test_currency_letters_inside_words(text: str, unit: str | None) -> None:
    assert only(text).unit == unit


def test_every_written_currency_form_reads_as_its_code() -> None:
    """Each spelling that may stand before a number, in the case news writes it, gives the
    currency units.py maps it to; so does each turned spelling of a sign with letters."""
    for form in units.PREFIX_FORMS:
        for written in (form, form.upper()):
            text = f"{written}5 billion"
            n = only(text)
            assert (n.unit, n.start, n.end) == (units.read(form), 0, len(text)), text
            assert n.written == units.key(form)
    assert units.currency("$ US") == units.currency("US $") == units.currency("$us") == "USD"
    assert units.currency("A $") is None  # not a spelling: a lone letter apart from the sign


@pytest.mark.parametrize(
    ("text", "factor"),
    [("3 folds", 3), ("3-fold", 3), ("threefold", 3), ("a four-time increase", 4), ("4 times", 4)],
)
def test_factors(text: str, factor: int) -> None:
    n = only(text)
    assert n.factor
    assert n.value == factor


@pytest.mark.parametrize(
    "text",
    [
        "the 25th APEC Summit",
        "at 10:08 on Tuesday",
        "ranking 3/143",
        "one of the most prominent",
        "a partner",
        "COVID-19",
        "5 m from the shore",
        "the two countries",
        "their two peoples",
        "two-way trade",
        "a 20-year plan",
        "G7 summit",
        "A320 aircraft",
    ],
)
def test_not_amounts(text: str) -> None:
    assert find(text, 0, len(text)) == []


def test_skip_spans_are_left_alone() -> None:
    text = "On September 21, 1973, 37 pairs"
    found = find(text, 0, len(text), [(3, 21)])
    assert [text[n.start : n.end] for n in found] == ["37"]


def test_rounding_rule() -> None:
    # decimals to their last place; whole numbers of 1,000 or more without a scale word to the
    # last non-zero digit; smaller numbers and scaled ones to the unit
    assert only("47.6 billion").low == pytest.approx(47.55e9)
    assert only("US$40 billion").high == pytest.approx(40.5e9)
    assert (only("16,000").low, only("16,000").high) == (15_500, 16_500)
    assert (only("100 projects").low, only("100 projects").high) == (99.5, 100.5)
    assert (only("5,198").low, only("5,198").high) == (5197.5, 5198.5)


# --- properties ----------------------------------------------------------------------------------


def grouped(n: int) -> str:
    return f"{n:,}"


amounts = st.integers(min_value=0, max_value=10**12)
decimals = st.integers(min_value=1, max_value=3)
scale_words = st.sampled_from([None, "thousand", "million", "billion", "trillion"])
prefixes = st.sampled_from(
    ["", "US$", "$", "¥", "€", "JPY", "VND ", "$US ", "$US", "$ US ", "US $", "US$ ", "U.S. $"]
)
suffixes = st.sampled_from(["USD", "VND", "dong", "yen", "US dollars", "dollars", "Japanese yen"])


@given(amounts, decimals, st.integers(0, 999), scale_words, prefixes)
@settings(max_examples=300, deadline=None)
def test_scale_words_multiply_exactly(
    whole: int, places: int, frac: int, scale: str | None, prefix: str
) -> None:
    digits = f"{grouped(whole)}.{frac:0{places}d}"[: len(grouped(whole)) + 1 + places]
    text = f"{prefix}{digits}" + (f" {scale}" if scale else "")
    n = only(text)
    exact = Decimal(digits.replace(",", "")) * (SCALES[scale] if scale else 1)
    assert n.value == float(exact)
    assert (n.start, n.end) == (0, len(text))
    assert n.low <= n.value <= n.high
    width = float(Decimal(10) ** -places * (SCALES[scale] if scale else 1))
    assert abs((n.high - n.low) - width) <= 4 * math.ulp(n.high)  # exact up to float spacing
    if prefix:
        assert units.dimension(n.unit) == "currency"


@given(amounts, scale_words, suffixes, st.sampled_from(["", "about ", "over "]))
@settings(max_examples=300, deadline=None)
def test_a_currency_after_the_number_is_read_with_it(
    whole: int, scale: str | None, suffix: str, hedge: str
) -> None:
    text = f"{hedge}{whole:,}" + (f" {scale}" if scale else "") + f" {suffix}"
    n = only(text)
    assert (n.start, n.end) == (0, len(text))
    assert n.unit == units.currency(suffix)
    assert n.value == float(whole * (SCALES[scale] if scale else 1))


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["million", "billion", "trillion", "bn"]),
    prefixes.filter(bool),
    st.sampled_from(["-", "\u2013", " to ", " - "]),
)
@settings(max_examples=300, deadline=None)
def test_a_money_range_holds_both_ends(a: int, b: int, scale: str, prefix: str, join: str) -> None:
    lo, hi = sorted((a, b))
    text = f"{prefix}{lo}{join}{hi} {scale}"
    found = find(text, 0, len(text))
    if lo == hi:  # not a range
        assert not any(n.ranged for n in found)
        return
    [n] = found
    mult = SCALES[scale]
    assert n.ranged and units.dimension(n.unit) == "currency"
    assert (n.start, n.end, n.scale) == (0, len(text), scale)
    assert n.value == float(lo * mult)
    assert n.low < lo * mult < hi * mult < n.high


@given(st.integers(min_value=1000, max_value=10**15))
@settings(max_examples=300, deadline=None)
def test_commas_group_whole_numbers(value: int) -> None:
    n = only(f"{value:,} people")
    assert n.value == value
    assert n.low <= value <= n.high
    assert n.high - n.low <= value * 0.1 + 1  # a round number is a rounding of 5 % at most


@given(st.sampled_from(sorted(HEDGES)), st.integers(min_value=1, max_value=10**9), scale_words)
@settings(max_examples=300, deadline=None)
def test_hedged_interval_contains_the_value_unless_the_hedge_excludes_it(
    hedge: str, value: int, scale: str | None
) -> None:
    text = f"{hedge} {value:,}" + (f" {scale}" if scale else "")
    n = only(text)
    assert n.hedge == " ".join(hedge.split())
    rule = HEDGES[n.hedge]
    v = n.value
    assert n.low <= v <= n.high  # bounds are closed; "over"/"under" mark the open end
    if rule == "about":
        assert n.low < v < n.high
        assert n.high - v == pytest.approx(v - n.low)
    elif rule == "below":
        assert n.high == v and n.low < v
    elif rule in ("above", "atleast"):
        assert n.low == v and math.isinf(n.high)
    else:
        assert n.low == 0 and n.high == v


@given(st.text(max_size=400))
@settings(max_examples=500, deadline=None)
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for n in find(text, 0, len(text)):
        assert 0 <= n.start < n.end <= len(text)
        assert n.low <= n.high


@given(st.text(alphabet="0123456789,. $%USDmbn-", max_size=300))
@settings(max_examples=500, deadline=None)
def test_never_raises_on_digit_soup(text: str) -> None:
    for n in find(text, 0, len(text)):
        assert n.low <= n.high


def test_interval_function() -> None:
    assert interval(100, 0.5, None) == (99.5, 100.5)
    assert interval(100, 0.5, "below") == (94.5, 100.0)
    assert interval(100, 0.5, "about", width=0.02) == (97.5, 102.5)
    assert interval(280_000, 5_000, "about", width=0.01) == (270_000, 290_000)
    assert interval(100, 0.5, "above") == (100.0, math.inf)
    assert interval(100, 0.5, "atmost") == (0.0, 100.0)


def test_a_metric_width_rewidens_the_written_figure() -> None:
    """A metric's `hedge` replaces ABOUT; figures that have no width to set keep theirs."""
    n = only("about 280,000")
    assert hedged("280,000", None, "about", False, ABOUT) == (n.low, n.high)
    assert hedged("280,000", None, "about", False, 0.01) == (270_000, 290_000)
    low, high = hedged("2.9", "billion", "nearly", False, 0.02) or (0, 0)
    assert (low, high) == (pytest.approx(2.9e9 - 0.05e9 - 0.058e9), 2.9e9)
    assert hedged("30", None, "about", True, 0.01) == (29.0, 31.0)  # a percent: r 0.5
    assert hedged("22-27", None, "about", True, 0.01) is None
    assert hedged("two", "million", "about", False, 0.01) is None
    assert hedged("280,000", None, "over", False, 0.01) is None


# --- linear time ---------------------------------------------------------------------------------


def _timed(text: str) -> tuple[float, int]:
    t = time.perf_counter()
    n = len(find(text, 0, len(text)))
    return time.perf_counter() - t, n


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "1 MB line of prose",
            ("Exports reached US$4.2 billion, up 5% in 2022 and more. " * 20_000),
        ),
        ("100,000 digits", "7" * 100_000),
        ("100,000 digits and commas", ("123," * 25_000)),
        ("digits, commas and dots", ("1,2.3," * 20_000)),
        ("a million spaces after a currency", "US$" + " " * 1_000_000 + "5"),
    ],
)
def test_linear_time(name: str, text: str) -> None:
    elapsed, count = _timed(text)
    print(f"numbers.find on {name} ({len(text):,} chars): {elapsed:.3f} s, {count} numbers")
    assert count >= 0  # completes; the time is printed, not asserted


def test_module_constants_are_consistent() -> None:
    assert set(HEDGES.values()) == {"about", "below", "above", "atleast", "atmost", "under"}
    assert numbers.small("twenty-five") == 25
    assert numbers.ordinal("3rd") == 3


_SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003"])


@settings(max_examples=400, deadline=None)
@given(
    st.text(max_size=12),
    st.sampled_from(sorted(HEDGES)),
    st.lists(_SPACE, min_size=4, max_size=4),
    st.sampled_from([str.lower, str.upper, str.title, lambda w: w.replace("s", "ſ")]),
    st.sampled_from(["", " ", "  "]),
)
def test_the_hedge_quick_test_never_hides_a_hedge(
    before: str, hedge: str, spaces: list[str], case: Any, gap: str
) -> None:
    """The words before a number are searched for a hedge only where they end with one (every
    run of whitespace read as one space, any case): never where the search would find one."""
    from claimcheck.extract.caseless import search_ending
    from claimcheck.extract.numbers import _HEDGE_BEFORE, _HEDGE_ENDS

    words = case(hedge).split(" ")
    written = "".join(w + s for w, s in zip(words, spaces, strict=False)).rstrip() + gap
    text = before + written
    lo, hi = max(0, len(text) - 40), len(text)
    found = _HEDGE_BEFORE.search(text, lo, hi)
    quick = search_ending(_HEDGE_BEFORE, text, lo, hi, _HEDGE_ENDS)
    assert (quick and quick.span()) == (found and found.span())
