"""Units engine: a figure in the wrong dimension, currency or scale, or with no currency at all.

A currency is read as the beat writes it: a form several currencies share ("pesos", "Rs") and no
rule file's `currencies` entry resolves is the metric's own currency when that is one of them,
and otherwise a currency of its own, never the fact's.

Also the unit arithmetic the other figure engines share: which dimension a unit belongs to, how a
rulebook unit with a scale word ("billion USD") reads, how a dated exchange rate converts one
currency into another, and whether two disjoint amounts are the same digits at another scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from claimcheck import units
from claimcheck.checks import DocContext, Rule, engine
from claimcheck.claims import Claim
from claimcheck.dates import Period
from claimcheck.findings import Finding

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


@engine(
    "units",
    [
        Rule(
            "unit-dimension-mismatch",
            "unit",
            "error",
            "a figure in another dimension than its metric's (a count where money is meant)",
        ),
        Rule(
            "unit-currency-mismatch",
            "unit",
            "error",
            "a figure in another currency than the rulebook's fact, with no dated rate to convert",
        ),
        Rule(
            "unit-scale-mismatch",
            "unit",
            "error",
            "the same digits at another scale (19.5 million against 19.5 billion)",
        ),
        Rule(
            "unit-missing-currency",
            "unit",
            "warning",
            "a money figure written without a currency",
        ),
    ],
)
def check_units(ctx: DocContext) -> Iterator[Finding]:
    from claimcheck.checks.arithmetic import unjudged_parts
    from claimcheck.checks.quantities import judge, when

    items = unjudged_parts(ctx.claims)
    priced = _priced(ctx.claims)
    for claim in ctx.claims:
        if claim.kind != "quantity" or claim.value is None:
            continue
        if (claim.start, claim.end) in items:
            continue
        metric = ctx.book.metrics.get(claim.target or "")
        if metric is None:
            continue
        unit = claim.value.unit
        dim = dimension(unit)
        if dim is None:
            if metric.dimension == "currency" and (claim.sentence, claim.target) not in priced:
                yield ctx.finding(
                    "unit-missing-currency",
                    claim,
                    f"{claim.text!r} gives {metric.name} without a currency"
                    + (f" (the rulebook counts it in {metric.unit})" if metric.unit else ""),
                    evidence=[metric],
                )
        elif dim != metric.dimension and not (is_change(claim) and dim == "percent"):
            yield ctx.finding(
                "unit-dimension-mismatch",
                claim,
                f"{claim.text!r} is a {_dim_noun(dim)} ({unit}), but {metric.name} is measured "
                f"as a {_dim_noun(metric.dimension)}"
                + (f" ({metric.unit})" if metric.unit else ""),
                evidence=[metric],
            )
            continue
        verdict = judge(claim, ctx.book)
        if verdict is None or verdict.outcome not in ("scale", "currency"):
            continue
        fact = verdict.fact
        period = verdict.fact_period
        said = f"the rulebook gives {verdict.fact_text} ({when(period)}) (source: {fact.source})"
        if verdict.outcome == "scale":
            yield ctx.finding(
                "unit-scale-mismatch",
                claim,
                f"scale mismatch: {claim.text!r} is {scale_word(verdict.factor)}; {said}",
                evidence=[fact],
            )
        else:
            yield ctx.finding(
                "unit-currency-mismatch",
                claim,
                f"{claim.text!r} is in {_currency_name(unit)}, but {said}, and no rate in the "
                f"rulebook converts {unit} to {verdict.fact_unit} ({when(claim.period)})",
                evidence=[fact],
            )


def _currency_name(unit: str | None) -> str:
    """A currency for a message: its code, or a form several share, with the ones it may be."""
    if unit is None or unit not in units.AMBIGUOUS:
        return str(unit)
    return (
        f"{unit} (any of {', '.join(units.AMBIGUOUS[unit])}: a rule file's `currencies` says which)"
    )


def _priced(claims: Sequence[Claim]) -> set[tuple[tuple[int, int], str | None]]:
    """(sentence, metric) of every figure written with a currency. A bare number in a sentence
    that prices the same metric is not the money figure missing its currency: it counts
    something beside it ("3,300 projects worth US$42 billion"), or shares the currency."""
    return {
        (c.sentence, c.target)
        for c in claims
        if c.kind == "quantity"
        and c.value is not None
        and units.is_currency(c.value.unit)
        and c.sentence[1] > c.sentence[0]  # a claim made without its sentence groups with none
    }


def _dim_noun(dim: str) -> str:
    return {"currency": "money amount", "count": "count", "percent": "percentage"}.get(dim, dim)
