"""Facts: which of the rulebook's facts speak of a figure (its metric, subject, measure and time),
the facts nearest a time no fact speaks of, and the verdict of the facts on a figure.

A figure its sentence attributes to a body that is none of the metric's `sources` ("according to
the trade office") is another measure of the topic: no fact of the metric judges it. The facts of
a rulebook are indexed once per rulebook, since three engines ask of every figure which facts
judge it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from claimcheck.infra.values import value
from claimcheck.judge import amounts
from claimcheck.judge.intervals import claim_interval, fact_interval, fact_text
from claimcheck.judge.periods import fact_period, judges
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Fact, Metric, Rate


def subject_matches(claim: Claim, subjects: list[str]) -> bool:
    """A figure with no subject of its own, or of a metric that names none, or of one of the
    metric's subjects, is the metric's own figure."""
    return claim.subject is None or not subjects or claim.subject in subjects


@dataclass
class FactIndex:
    """Per rulebook: facts by metric, and which facts judge a metric's period (asked of every
    figure by three engines)."""

    book: Rulebook
    facts: dict[str, list[Fact]]
    judging: dict[tuple[str, Period], tuple[tuple[Fact, Period], ...]] = field(default_factory=dict)
    # by id(fact): its unit, its interval in that unit, and its value as text
    readings: dict[int, tuple[str | None, float, float, str]] = field(default_factory=dict)
    # by metric and time: its facts just before and just after (nearest_facts)
    near: dict[tuple[str, Period], list[tuple[Fact, Period]]] = field(default_factory=dict)

    def reading(self, fact: Fact, metric: Metric) -> tuple[str | None, float, float, str]:
        """What `judge` reads of a fact (of this metric), worked out once: every figure of the
        metric and period is judged against it."""
        got = self.readings.get(id(fact))
        if got is None:
            unit, factor = amounts.metric_unit(metric, fact.unit)
            got = (unit, *fact_interval(fact, factor), fact_text(fact, metric))
            self.readings[id(fact)] = got
        return got


_INDEXES: dict[int, FactIndex] = {}


def fact_index(book: Rulebook) -> FactIndex:
    """The index of a rulebook's facts, made once for every figure judged against that rulebook
    (a few rulebooks are kept)."""
    cached = _INDEXES.get(id(book))
    if cached is not None and cached.book is book:
        return cached
    facts: dict[str, list[Fact]] = {}
    for fact in book.facts:
        facts.setdefault(fact.metric, []).append(fact)
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(book)] = made = FactIndex(book, facts)
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
    if amounts.is_change(claim):
        return None
    metric = book.metrics.get(claim.target or "")
    if metric is None or not subject_matches(claim, metric.subject) or other_source(claim, metric):
        return None
    dim = amounts.dimension(claim.value.unit)
    if dim is not None and dim != metric.dimension:
        return None  # the units engine reports the dimension
    return metric


def judging_facts(claim: Claim, book: Rulebook) -> tuple[tuple[Fact, Period], ...]:
    """The facts that speak of the claim's metric, subject and time, most specific first."""
    metric = checkable(claim, book)
    if metric is None:
        return ()
    assert claim.period is not None
    index = fact_index(book)
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
    metric = book.metrics[claim.target or ""]
    index = fact_index(book)
    tiers: dict[tuple[bool, bool], list[Verdict]] = {}
    currency: Verdict | None = None
    for fact, period in found:
        verdict, tier = _against(claim, metric, index, fact, period)
        if verdict.outcome == "currency":
            currency = currency or verdict
        else:
            tiers.setdefault(tier, []).append(verdict)
    if not tiers:
        return currency
    return _first_tier(tiers[min(tiers)], metric)


def _against(
    claim: Claim, metric: Metric, index: FactIndex, fact: Fact, period: Period
) -> tuple[Verdict, tuple[bool, bool]]:
    """The claim against one fact, in the fact's unit, and the fact's tier: (needs a rate, is an
    open bound). A claim in a currency no rate converts gets the verdict `currency`."""
    assert claim.value is not None and claim.period is not None
    unit, f_low, f_high, text = index.reading(fact, metric)
    have = claim.value.unit
    rate: Rate | None = None
    convert = 1.0
    if not amounts.same_unit(have, unit):
        conv = (
            amounts.rate_for(index.book, have, unit, claim.period)
            if have is not None and unit is not None
            else None
        )
        if conv is None:
            return Verdict("currency", fact, period, text, unit, 0, 0), (True, True)
        convert, rate = conv
    low, high = (x * convert for x in claim_interval(claim, metric))
    outcome = "agree" if low <= f_high and f_low <= high else "contradict"
    tier = (rate is not None, not (math.isfinite(f_low) and math.isfinite(f_high)))
    return Verdict(outcome, fact, period, text, unit, low, high, rate=rate), tier


def _first_tier(first: list[Verdict], metric: Metric) -> Verdict:
    """The verdict of the most informative facts: an agreeing one, else the first that shows the
    same digits at another scale (never across a rate), else the most specific."""
    agreeing = [v for v in first if v.outcome == "agree"]
    if agreeing:
        return agreeing[0]
    for v in first:
        lo, hi = fact_interval(v.fact, amounts.metric_unit(metric, v.fact.unit)[1])
        scaled = amounts.rescale(v.low, v.high, [(lo, hi)])
        if scaled is not None and v.rate is None:
            return Verdict(
                "scale", v.fact, v.fact_period, v.fact_text, v.fact_unit, v.low, v.high, scaled[0]
            )
    return first[0]


HORIZON = dt.timedelta(days=731)  # facts further from the figure's time than this are not near


def nearest_facts(book: Rulebook, metric: Metric, time: Period) -> list[tuple[Fact, Period]]:
    """The metric's fact nearest `time` that starts before it (or on its first day) and the
    nearest that starts after it, each within HORIZON: a flow's among its flows, a stock's
    among its stocks (what a figure no fact speaks of is set against)."""
    index = fact_index(book)
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
