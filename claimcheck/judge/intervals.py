"""Intervals: the values a figure or a rulebook fact allows, and how a fact's values read.

Both sides of every comparison are intervals: a claim's from the digits and hedge written (the
metric's own `hedge` width when it sets one), a fact's from its value (or min/max) widened by
its tolerance. Only disjoint intervals contradict, so a rounding or a hedge never does.
"""

from __future__ import annotations

import math
from dataclasses import replace

from claimcheck.extract import numbers
from claimcheck.judge import amounts
from claimcheck.model.claims import Claim
from claimcheck.model.units import PERCENT
from claimcheck.rulebook.schema import Fact, Metric


def fact_interval(fact: Fact, factor: float = 1.0) -> tuple[float, float]:
    """The values a fact allows, in base units, after its tolerance."""
    if fact.value is not None:
        low = high = fact.value * factor
    else:
        low = fact.min * factor if fact.min is not None else -math.inf
        high = fact.max * factor if fact.max is not None else math.inf
    if math.isfinite(low):
        low -= abs(low) * fact.tolerance
    if math.isfinite(high):
        high += abs(high) * fact.tolerance
    return low, high


def fact_text(fact: Fact, metric: Metric) -> str:
    unit, factor = amounts.metric_unit(metric, fact.unit)
    if fact.value is not None:
        text = amounts.amount(fact.value * factor, unit)
    else:
        low, high = fact_interval(replace(fact, tolerance=0.0), factor)
        text = amounts.interval(low, high, unit)
    if fact.tolerance:
        text += f" (±{fact.tolerance * 100:.3g}%)"
    return text


def claim_interval(claim: Claim, metric: Metric) -> tuple[float, float]:
    """The values a figure allows: as extracted, or with the metric's own `hedge` width for
    "about" and "nearly" (numbers.margin)."""
    v = claim.value
    assert v is not None
    if metric.hedge is not None and v.hedge is not None:
        got = numbers.hedged(v.digits, v.scale, v.hedge, v.unit == PERCENT, metric.hedge)
        if got is not None:
            return got
    return v.low, v.high
