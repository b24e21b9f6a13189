"""Quantities engine: a figure against the rulebook's fact for the same metric, subject and period.

Both sides are intervals: the claim's from the digits and hedge written, the fact's from its
value (or min/max) widened by its tolerance. Only disjoint intervals contradict, so a rounding or
a hedge never does. A fact judges a claim only when it speaks of the same time: for a flow (span)
the periods must be equal, since a full year's trade says nothing about nine months of it; for a
stock (point or cumulative) the claim's time must lie within the fact's, or hold the fact's time
when it is a month ("as of September 2023") or a stated span ("in 2020 ... six patrol vessels",
"at the 2020 census": a stock measured at some time in that year; a longer span, "since 1992",
is the stock when it ends), or be a single day within a month of it (a stock moves little in a
month, and the tolerance absorbs that). Different years never meet: a stated year holds only the
facts dated inside it. A figure its sentence attributes to a body that is none of the metric's
`sources` ("according to the trade office") is another measure of the topic: no fact of the
metric judges it, and it is compared with no other article's figure.

A figure no fact speaks of is set against the metric's nearest facts: the one nearest its time
that starts before it (or on its first day, as a year does around a quarter) and the nearest
that starts after it, each within two years of it, of its own kind (flows with flows, stocks
with stocks) and unit. When the metric is `monotone` and both exist, the figure must lie between
them: above the earlier fact's lower bound and below the later fact's upper bound for an
increasing stock (the other way round for a decreasing one), tolerances and the figure's hedge
included (quantity-between-facts, an error). Otherwise a figure 8 times or more above the
larger of those facts, or 8 times or more below the smaller, is implausible
(quantity-implausible, a warning): a decimal comma read as a thousands comma ("10,124 billion"
for 10.124 billion), "million" for "billion". A flow is compared per day of its period and of
each fact's (four months of trade against a year's), so a flow stated "as of" a day is not.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.judge import amounts
from claimcheck.judge.facts import FactIndex, checkable, fact_index, judge, nearest_facts
from claimcheck.judge.intervals import claim_interval
from claimcheck.judge.parts import unjudged_parts
from claimcheck.judge.periods import STOCK, YEAR, when
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.model.findings import Finding
from claimcheck.rulebook.schema import Fact, Metric


@engine(
    "quantities",
    [
        Rule(
            "quantity-contradicts-fact",
            "quantity",
            "error",
            "a figure outside the rulebook's value (after rounding, hedge and tolerance) for the "
            "same metric, subject and period",
        ),
        Rule(
            "quantity-between-facts",
            "quantity",
            "error",
            "a figure of a metric declared `monotone` outside the rulebook's values just before "
            "and just after its date",
        ),
        Rule(
            "quantity-implausible",
            "quantity",
            "warning",
            "a figure ten times or more off the rulebook's nearest values of its metric, where no "
            "fact speaks of its period (a misplaced decimal comma, million for billion)",
        ),
    ],
)
def check_quantities(ctx: DocContext) -> Iterator[Finding]:
    items = unjudged_parts(ctx.claims)
    for claim in ctx.claims:
        if (claim.start, claim.end) in items:
            continue
        verdict = judge(claim, ctx.book)
        if verdict is None:
            yield from _unjudged(ctx, claim)
            continue
        if verdict.outcome != "contradict":
            continue
        assert claim.value is not None
        metric = ctx.book.metrics[claim.target or ""]
        said = amounts.interval(verdict.low, verdict.high, verdict.fact_unit)
        converted = ""
        evidence: list[object] = [verdict.fact]
        if verdict.rate is not None:
            r = verdict.rate
            converted = f" at {r.rate:g} {r.quote} per {r.base} ({r.period})"
            evidence.append(r)
        yield ctx.finding(
            "quantity-contradicts-fact",
            claim,
            f"{claim.text!r} puts {metric.name} ({when(claim.period)}) at {said}{converted}, "
            f"but the rulebook gives {verdict.fact_text} ({when(verdict.fact_period)}) "
            f"(source: {verdict.fact.source})",
            evidence=evidence,
        )


# --- figures with no fact of their period: between facts, or implausibly far from them --------

IMPLAUSIBLE = 8.0  # a figure this many times off its metric's nearest facts (a tenfold slip)


def _unjudged(ctx: DocContext, claim: Claim) -> Iterator[Finding]:
    """A figure no fact speaks of, against the facts around its time: between the two that
    bracket it when its metric is monotone, else within IMPLAUSIBLE of the nearest."""
    metric = checkable(claim, ctx.book)
    if metric is None:
        return
    assert claim.period is not None and claim.value is not None
    if metric.period == "span" and claim.period.kind != "span":
        return  # a flow "as of" a day ("passed US$50 billion"): no length to compare per day
    time = _time(claim.period, metric)
    near = nearest_facts(ctx.book, metric, time)
    if not near:
        return
    if metric.monotone is not None:
        found = _between(ctx, claim, metric, time, near)
        if found is not None:
            yield found
            return
    found = _implausible(ctx, claim, metric, time, near)
    if found is not None:
        yield found


def _time(period: Period, metric: Metric) -> Period:
    """The days a figure speaks of, as the facts of its metric are dated: a stock stated over a
    long span ("since 1992") is the stock when the span ends."""
    if metric.period in STOCK and period.end - period.start > YEAR:
        return Period(period.end, period.end, metric.period)
    return period


def _same_unit_interval(
    claim: Claim, metric: Metric, fact: Fact, index: FactIndex
) -> tuple[float, float, float, float] | None:
    """The claim's interval and the fact's, when both are in one unit (no rate is guessed)."""
    assert claim.value is not None
    unit, f_low, f_high, _ = index.reading(fact, metric)
    if not amounts.same_unit(claim.value.unit, unit):
        return None
    return (*claim_interval(claim, metric), f_low, f_high)


def _between(
    ctx: DocContext, claim: Claim, metric: Metric, time: Period, near: list[tuple[Fact, Period]]
) -> Finding | None:
    """A monotone metric's figure dated between two facts lies between their values. Only a
    figure dated strictly between them: a fact within its time ("in 2015" holds the fact of
    April 2015) leaves open which day of that time the figure is of."""
    if len(near) != 2 or not (near[0][1].end < time.start and time.end < near[1][1].start):
        return None
    index = fact_index(ctx.book)
    (first, _), (last, _) = near
    a = _same_unit_interval(claim, metric, first, index)
    b = _same_unit_interval(claim, metric, last, index)
    if a is None or b is None:
        return None
    low, high = a[0], a[1]
    rising = metric.monotone == "increasing"
    floor = a[2] if rising else b[2]  # the earlier fact's low (the later's, falling)
    ceiling = b[3] if rising else a[3]
    if floor <= high and low <= ceiling:
        return None
    unit = index.reading(first, metric)[0]
    texts = [f"{index.reading(f, metric)[3]} ({when(p)})" for f, p in near]
    return ctx.finding(
        "quantity-between-facts",
        claim,
        f"{claim.text!r} puts {metric.name} ({when(claim.period)}) at "
        f"{amounts.interval(low, high, unit)}, but it only {'grows' if rising else 'falls'} and "
        f"the rulebook gives {texts[0]} before and {texts[1]} after "
        f"(sources: {first.source}; {last.source})",
        evidence=[first, last],
    )


def _typical(fact: Fact, metric: Metric, index: FactIndex, days: int) -> float | None:
    """A fact's value (its bound, or the middle of its bounds) per day of its period for a flow
    (`days` its length; 1 for a stock), None when it gives none."""
    _, low, high, _ = index.reading(fact, metric)
    bounds = [x for x in (low, high) if math.isfinite(x)]
    if not bounds:
        return None
    return sum(bounds) / len(bounds) / days


def _implausible(
    ctx: DocContext,
    claim: Claim,
    metric: Metric,
    time: Period,
    near: list[tuple[Fact, Period]],
) -> Finding | None:
    """A figure IMPLAUSIBLE times above (or below) every one of its nearest facts; a flow is
    compared per day of its period, since a quarter is not a year (a percentage is not: a
    quarter's share is the year's)."""
    index = fact_index(ctx.book)
    flow = metric.period == "span" and metric.dimension != "percent"
    typical: list[float] = []
    for fact, p in near:
        got = _same_unit_interval(claim, metric, fact, index)
        t = _typical(fact, metric, index, (p.end - p.start).days + 1 if flow else 1)
        if got is None or t is None or t <= 0:
            return None
        typical.append(t)
    low, high = claim_interval(claim, metric)
    days = (time.end - time.start).days + 1 if flow else 1
    top, bottom = max(typical), min(typical)
    above = low / days >= top * IMPLAUSIBLE
    if above:
        times = low / days / top
    elif 0 < high / days <= bottom / IMPLAUSIBLE:
        times = bottom / (high / days)
    else:
        return None
    texts = "; ".join(f"{index.reading(f, metric)[3]} ({when(p)})" for f, p in near)
    return ctx.finding(
        "quantity-implausible",
        claim,
        f"{claim.text!r} puts {metric.name} ({when(claim.period)}) about {times:.3g} times "
        f"{'above' if above else 'below'} the rulebook's nearest values, {texts}"
        f"{' (compared per day)' if flow else ''}: a misplaced decimal comma or a wrong scale "
        "word?",
        evidence=[f for f, _ in near],
    )
