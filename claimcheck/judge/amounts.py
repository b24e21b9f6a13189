"""Amounts: which dimension a unit belongs to, how a rulebook unit with a scale word ("billion
USD") reads, how a dated exchange rate converts one currency into another, whether two disjoint
amounts are the same digits at another scale, and how an amount reads in a message.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimcheck.model import units
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period

if TYPE_CHECKING:
    from claimcheck.rulebook import Rulebook
    from claimcheck.rulebook.schema import Metric, Rate

# English scale words a rule writer may put in a fact's unit ("billion USD").
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
SCALE_STEPS = (1e3, 1e6, 1e9, 1e12)


def dimension(unit: str | None) -> str | None:
    """currency, percent or count for a unit name; None when the unit is not written."""
    return units.dimension(unit)


def split_scale(unit: str | None) -> tuple[str | None, float]:
    """("USD", 1e9) for "billion USD" or "USD billion"; a rule file may write either."""
    if unit is None:
        return None, 1.0
    factor = 1.0
    rest: list[str] = []
    for word in unit.split():
        if word.lower() in SCALES:
            factor *= SCALES[word.lower()]
        else:
            rest.append(word)
    return (" ".join(rest) or None), factor


def metric_unit(metric: Metric, unit: str | None) -> tuple[str | None, float]:
    """A fact's unit and scale factor, falling back to the metric's default unit."""
    name, factor = split_scale(unit if unit is not None else metric.unit)
    return name, factor


def same_unit(a: str | None, b: str | None) -> bool:
    """Units that compare without conversion: equal currencies, or the same non-money dimension.

    "person" and "people", or a count written with no unit, are one thing: the metric says what
    is counted, the text only echoes it.
    """
    da, db = dimension(a), dimension(b)
    if da is None or db is None:
        return True
    if da != db:
        return False
    return da != "currency" or a == b


def rate_for(book: Rulebook, have: str, want: str, period: Period) -> tuple[float, Rate] | None:
    """The factor turning an amount in `have` into `want` for a period, and the rate entry used.

    A rate counts only when its period covers the claim's whole period: a 2022 average does not
    convert a 2015 figure.
    """
    best: tuple[float, Rate] | None = None
    for rate in book.rates:
        if not Period.of(rate.period).contains(period):
            continue
        if (rate.base, rate.quote) == (want, have):
            factor = 1.0 / rate.rate
        elif (rate.base, rate.quote) == (have, want):
            factor = rate.rate
        else:
            continue
        if best is None:
            best = (factor, rate)
    return best


def rescale(
    low: float, high: float, targets: Sequence[tuple[float, float]]
) -> tuple[float, tuple[float, float]] | None:
    """The power of a thousand that makes [low, high] overlap one of `targets`, with that target.

    That is what "the same digits at another scale" means: 19.5 million against 19.5 billion.
    Both sides must be bounded: "at least 120,000" has no digits to repeat at another scale.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    targets = [t for t in targets if math.isfinite(t[0]) and math.isfinite(t[1])]
    for step in SCALE_STEPS:
        for factor in (step, 1.0 / step):
            lo, hi = low * factor, high * factor
            for t in targets:
                if lo <= t[1] and t[0] <= hi:
                    return factor, t
    return None


def scale_word(factor: float) -> str:
    """ "a thousand times too large" style wording for a scale factor."""
    big = factor if factor >= 1 else 1.0 / factor
    for word, size in SCALES.items():
        if math.isclose(big, size):
            times = f"a {word} times"
            break
    else:
        times = f"{big:g} times"
    return f"{times} too {'small' if factor >= 1 else 'large'}"


def amount(value: float, unit: str | None) -> str:
    """A number as a person writes it: 47.6 billion USD, 5,198, 30% (a count's metric names
    what is counted)."""
    dim = dimension(unit)
    if math.isinf(value):
        text = "no limit" if value > 0 else "no lower limit"
        return text
    if dim == "percent":
        return f"{_digits(value)}%"
    for word, size in reversed(SCALES.items()):
        if abs(value) >= size and word != "thousand":
            text = f"{_digits(value / size)} {word}"
            break
    else:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text} {unit}" if unit and dim == "currency" else text


def interval(low: float, high: float, unit: str | None) -> str:
    """An interval as words: "47.55 billion to 47.65 billion USD", "at least 70 billion USD"."""
    if low == high:
        return amount(low, unit)
    if math.isinf(high):
        return f"at least {amount(low, unit)}"
    if math.isinf(low):
        return f"at most {amount(high, unit)}"
    return f"{amount(low, None)} to {amount(high, unit)}"


def _digits(x: float) -> str:
    text = f"{x:.6g}"
    if "e" in text:
        text = f"{x:,.0f}"
    return text


def is_change(claim: Claim) -> bool:
    """A change ("an increase of 50%", "up US$2 billion") is not the level a fact gives."""
    return claim.attr("change") is not None
