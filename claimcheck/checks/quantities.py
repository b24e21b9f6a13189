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

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from claimcheck.checks import DocContext, Rule, engine
from claimcheck.checks import units as U
from claimcheck.claims import Claim
from claimcheck.dates import Period
from claimcheck.extract import numbers
from claimcheck.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Fact, Metric, Rate
from claimcheck.units import PERCENT
from claimcheck.values import value

STOCK = ("point", "cumulative")


def fact_period(fact: Fact | object, kind: str) -> Period:
    """The days a fact (or rank fact) holds for: its `period`, `start`..`end`, or the `end` day."""
    period = getattr(fact, "period", None)
    if period is not None:
        return Period.of(period, kind)
    start = getattr(fact, "start", None)
    end = getattr(fact, "end", None)
    assert end is not None  # the schema requires period or end
    return Period((start or end).first(), end.last(), kind)


def kinds_match(claim_kind: str, fact_kind: str) -> bool:
    """A flow compares with a flow; a stock with a stock (point or cumulative), or with a
    stated span that holds the stock's day ("in 2020 ... six patrol vessels")."""
    return claim_kind == fact_kind or fact_kind in STOCK


NEAR = dt.timedelta(days=31)  # a stock moves little in a month; the fact's tolerance absorbs it
YEAR = dt.timedelta(days=366)  # a stated span longer than this counts a stock up to its end


def judges(fact_p: Period, claim_p: Period) -> bool:
    """Whether a fact over `fact_p` speaks of the time the claim speaks of."""
    if not kinds_match(claim_p.kind, fact_p.kind):
        return False
    if fact_p.kind == "span":
        return (fact_p.start, fact_p.end) == (claim_p.start, claim_p.end)
    if claim_p.kind == "span":  # a stock "in 2020": a fact of a day within 2020 speaks of it
        if claim_p.end - claim_p.start > YEAR:  # "since 1992": the stock when the span ends
            return same_time(fact_p, Period(claim_p.end, claim_p.end, fact_p.kind))
        return claim_p.contains(fact_p)
    return same_time(fact_p, claim_p)


def same_time(fact_p: Period, claim_p: Period) -> bool:
    """A stock as of the claim's time is the fact's when the claim's days lie within the fact's;
    when the claim names a month (or less), when the fact's days lie within it ("as of
    February 2023" against a fact as of 2023-02-16); and when the claim names a single day,
    when that day is within a month of the fact's time (a stock moves little in a month). A
    month is never judged by a fact of the next one: the writer said which month."""
    if fact_p.contains(claim_p):
        return True
    if claim_p.end - claim_p.start > NEAR:
        return False
    if claim_p.start != claim_p.end:
        return claim_p.contains(fact_p)
    gap = max(claim_p.start - fact_p.end, fact_p.start - claim_p.end, dt.timedelta(0))
    return gap <= NEAR


def subject_matches(claim: Claim, subjects: list[str]) -> bool:
    return claim.subject is None or not subjects or claim.subject in subjects


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
    unit, factor = U.metric_unit(metric, fact.unit)
    if fact.value is not None:
        text = U.amount(fact.value * factor, unit)
    else:
        low, high = fact_interval(replace(fact, tolerance=0.0), factor)
        text = U.interval(low, high, unit)
    if fact.tolerance:
        text += f" (±{fact.tolerance * 100:.3g}%)"
    return text


def when(period: Period | None) -> str:
    """A period as a person writes it: 2022, 2023-09, 2023-01..2023-09, 2023-09-20."""
    if period is None:
        return "an unknown time"
    s, e = period.start, period.end
    last = e + dt.timedelta(days=1)
    whole_months = s.day == 1 and last.day == 1
    if s == e:
        text = s.isoformat()
    elif whole_months and (s.month, e.month) == (1, 12):
        text = str(s.year) if s.year == e.year else f"{s.year}..{e.year}"
    elif whole_months:
        first, final = f"{s.year:04d}-{s.month:02d}", f"{e.year:04d}-{e.month:02d}"
        text = first if first == final else f"{first}..{final}"
    else:
        text = f"{s.isoformat()}..{e.isoformat()}"
    if period.kind in STOCK and s == e:
        return f"as of {text}"
    return f"{text}, cumulative" if period.kind == "cumulative" else text


@dataclass
class _Index:
    """Per rulebook: facts by metric, and which facts judge a metric's period (asked of every
    figure by three engines)."""

    book: Rulebook
    facts: dict[str, list[Fact]]
    judging: dict[tuple[str, Period], tuple[tuple[Fact, Period], ...]] = field(default_factory=dict)
    # by id(fact): its unit, its interval in that unit, and its value as text
    readings: dict[int, tuple[str | None, float, float, str]] = field(default_factory=dict)
    # by metric and time: its facts just before and just after (_neighbours)
    near: dict[tuple[str, Period], list[tuple[Fact, Period]]] = field(default_factory=dict)

    def reading(self, fact: Fact, metric: Metric) -> tuple[str | None, float, float, str]:
        """What `judge` reads of a fact (of this metric), worked out once: every figure of the
        metric and period is judged against it."""
        got = self.readings.get(id(fact))
        if got is None:
            unit, factor = U.metric_unit(metric, fact.unit)
            got = (unit, *fact_interval(fact, factor), fact_text(fact, metric))
            self.readings[id(fact)] = got
        return got


_INDEX: dict[int, _Index] = {}


def _index(book: Rulebook) -> _Index:
    cached = _INDEX.get(id(book))
    if cached is not None and cached.book is book:
        return cached
    facts: dict[str, list[Fact]] = {}
    for fact in book.facts:
        facts.setdefault(fact.metric, []).append(fact)
    if len(_INDEX) > 8:
        _INDEX.clear()
    _INDEX[id(book)] = made = _Index(book, facts)
    return made


def other_source(claim: Claim, metric: Metric) -> bool:
    """Whether the claim's sentence attributes it to a body that is none of the metric's
    `sources` (a trade office's count against the customs measure): another measure, which no
    fact of the metric and no other article's figure judges. No attribution, or a metric that
    lists no sources: the metric's own measure."""
    if not metric.sources or not claim.attrs:
        return False
    said = claim.attr("attributed")
    if said is None:
        return False
    low = f" {' '.join(re.findall(r'[a-z0-9]+', said.lower()))} "
    return not any(
        f" {' '.join(re.findall(r'[a-z0-9]+', src.lower()))} " in low for src in metric.sources
    )


def checkable(claim: Claim, book: Rulebook) -> Metric | None:
    """The metric of a quantity claim that states a level with a period, else None."""
    if claim.kind != "quantity" or claim.value is None or claim.period is None:
        return None
    if U.is_change(claim):
        return None
    metric = book.metrics.get(claim.target or "")
    if metric is None or not subject_matches(claim, metric.subject) or other_source(claim, metric):
        return None
    dim = U.dimension(claim.value.unit)
    if dim is not None and dim != metric.dimension:
        return None  # the units engine reports the dimension
    return metric


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


def judging_facts(claim: Claim, book: Rulebook) -> tuple[tuple[Fact, Period], ...]:
    """The facts that speak of the claim's metric, subject and time, most specific first."""
    metric = checkable(claim, book)
    if metric is None:
        return ()
    assert claim.period is not None
    index = _index(book)
    known = index.judging.get((metric.id, claim.period))
    if known is not None:
        return known
    found = []
    for fact in index.facts.get(metric.id, []):
        p = fact_period(fact, metric.period)
        if judges(p, claim.period):
            found.append((fact, p))
    found.sort(key=lambda fp: fp[1].end - fp[1].start)
    index.judging[(metric.id, claim.period)] = made = tuple(found)
    return made


@value()
class Verdict:
    """How a claim stands against the facts that judge it."""

    outcome: str  # agree | contradict | scale | currency
    fact: Fact
    fact_period: Period
    fact_text: str
    fact_unit: str | None
    low: float  # the claim's interval, converted into the fact's unit
    high: float
    factor: float = 1.0  # scale: what the claim must be multiplied by to fit
    rate: Rate | None = None


def judge(claim: Claim, book: Rulebook) -> Verdict | None:
    """The verdict of the rulebook on a quantity claim, or None when no fact speaks of it.

    The most informative facts speak first: those in the claim's own unit before those that
    need an exchange rate, and bounded values before open bounds ("at least 22 billion"). The
    claim agrees when it overlaps any fact of the first tier that can be compared with it (two
    sources may differ within reason); otherwise that tier's most specific fact judges it.
    """
    found = judging_facts(claim, book)
    if not found:
        return None
    assert claim.value is not None and claim.period is not None
    metric = book.metrics[claim.target or ""]
    value = claim.value
    tiers: dict[tuple[bool, bool], list[Verdict]] = {}
    currency: Verdict | None = None
    index = _index(book)
    for fact, period in found:
        unit, f_low, f_high, text = index.reading(fact, metric)
        rate: Rate | None = None
        convert = 1.0
        if not U.same_unit(value.unit, unit):
            conv = (
                U.rate_for(book, value.unit, unit, claim.period)
                if value.unit is not None and unit is not None
                else None
            )
            if conv is None:
                currency = currency or Verdict("currency", fact, period, text, unit, 0, 0)
                continue
            convert, rate = conv
        low, high = (x * convert for x in claim_interval(claim, metric))
        outcome = "agree" if low <= f_high and f_low <= high else "contradict"
        tier = (rate is not None, not (math.isfinite(f_low) and math.isfinite(f_high)))
        verdict = Verdict(outcome, fact, period, text, unit, low, high, rate=rate)
        tiers.setdefault(tier, []).append(verdict)
    if not tiers:
        return currency
    first = tiers[min(tiers)]
    agreeing = [v for v in first if v.outcome == "agree"]
    if agreeing:
        return agreeing[0]
    for v in first:
        lo, hi = fact_interval(v.fact, U.metric_unit(metric, v.fact.unit)[1])
        scaled = U.rescale(v.low, v.high, [(lo, hi)])
        if scaled is not None and v.rate is None:
            return Verdict(
                "scale", v.fact, v.fact_period, v.fact_text, v.fact_unit, v.low, v.high, scaled[0]
            )
    return first[0]


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
    from claimcheck.checks.arithmetic import unjudged_parts

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
        said = U.interval(verdict.low, verdict.high, verdict.fact_unit)
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
HORIZON = dt.timedelta(days=731)  # facts further from the figure's time than this are not near


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
    near = _neighbours(_index(ctx.book), metric, time)
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


def _neighbours(index: _Index, metric: Metric, time: Period) -> list[tuple[Fact, Period]]:
    """The metric's fact nearest `time` that starts before it (or on its first day) and the
    nearest that starts after it, each within HORIZON: a flow's among its flows, a stock's
    among its stocks."""
    key = (metric.id, time)
    known = index.near.get(key)
    if known is not None:
        return known
    before: tuple[dt.timedelta, Fact, Period] | None = None
    after: tuple[dt.timedelta, Fact, Period] | None = None
    for fact in index.facts.get(metric.id, []):
        p = fact_period(fact, metric.period)
        if (p.kind == "span") != (metric.period == "span"):
            continue
        if p.start <= time.start:  # before, or over its start (a year around a quarter)
            gap = max(time.start - p.end, dt.timedelta(0))
            if gap <= HORIZON and (before is None or gap < before[0]):
                before = (gap, fact, p)
        else:
            gap = max(p.start - time.end, dt.timedelta(0))
            if gap <= HORIZON and (after is None or gap < after[0]):
                after = (gap, fact, p)
    made = [(f, p) for found in (before, after) if found is not None for _, f, p in [found]]
    index.near[key] = made
    return made


def _same_unit_interval(
    claim: Claim, metric: Metric, fact: Fact, index: _Index
) -> tuple[float, float, float, float] | None:
    """The claim's interval and the fact's, when both are in one unit (no rate is guessed)."""
    assert claim.value is not None
    unit, f_low, f_high, _ = index.reading(fact, metric)
    if not U.same_unit(claim.value.unit, unit):
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
    index = _index(ctx.book)
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
        f"{U.interval(low, high, unit)}, but it only {'grows' if rising else 'falls'} and the "
        f"rulebook gives {texts[0]} before and {texts[1]} after "
        f"(sources: {first.source}; {last.source})",
        evidence=[first, last],
    )


def _typical(fact: Fact, metric: Metric, index: _Index, days: int) -> float | None:
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
    index = _index(ctx.book)
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
