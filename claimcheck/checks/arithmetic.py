"""Arithmetic engine: the sums, percentage changes and x-fold changes an article states itself.

Every figure is an interval (the rounding of the digits written, widened by its hedge), so the
arithmetic is interval arithmetic: a total is wrong only when no choice of values the digits allow
makes it add up. That keeps "US$32.9 billion, of which US$17.2 billion and US$15.7 billion" quiet
and catches "US$32.9 billion, of which US$17.2 billion and US$13.7 billion".

A percentage change of a flow stated with its new figure only ("reached US$24.3 billion, up 25
percent") is measured from the rulebook's fact for the base period: the period the sentence
compares with ("from 2012", "over the same period last year"), else the same days a year
earlier. A stock's change is not ("up 26% from 2017" does not say which day of 2017).

A total and its parts are read in these shapes: "X, of which (including) A ... and B ...";
"Of the X ..., A ... and B ..." (a sentence opening with "Of"); "X: A ..., B ..."; "X split
(divided) between A and B". The parts of "of which" never add up to more than the total.
The other shapes say less: their parts may overlap or leave the rest unsaid, so they are judged
only when the sentence says they are all of the total ("split between", "all of it",
"entirely", "in full": then they must add up to it), when one part is "the remaining" (or "the
rest", "the remainder", "the balance": it must be the total less the other parts), or when
each part is a metric of its own, none the total's (exports and imports of trade).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import replace

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.extract import numbers
from claimcheck.infra import regexes
from claimcheck.judge import amounts
from claimcheck.judge.facts import judging_facts
from claimcheck.judge.intervals import claim_interval, fact_interval, fact_text
from claimcheck.judge.periods import when
from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import Period
from claimcheck.model.findings import Finding

_NUMBER = regexes.compile(r"[-+\u2212]?\d[\d,]*(?:\.\d+)?")
_WORD = regexes.compile(r"[a-z]+(?:-[a-z]+)?")
# Multipliers written as verbs; number words and hedges come from the extractor's grammar.
FOLD_WORDS: dict[str, float] = {
    "double": 2,
    "doubled": 2,
    "twice": 2,
    "triple": 3,
    "tripled": 3,
    "thrice": 3,
}
FOLD_WORDS |= {"quadruple": 4, "quadrupled": 4, "half": 0.5, "halved": 0.5}


def written(text: str, context: str = "") -> tuple[float, float] | None:
    """The interval a percentage or factor as written allows: its rounding, then its hedge.

    "50" is 49.5..50.5, "12.5" is 12.45..12.55, "four" is 3.5..4.5 (a multiplier in words is
    rounded too). The hedge is read from `text` or, failing that, from the start of `context`
    (the claim's own words, "about 50%"), with the extractor's hedge table: "nearly 50" is
    below 50, "over 50" above it, "about 50" within a tenth of it.
    """
    low_text = text.lower().replace("\u2212", "-")
    m = _NUMBER.search(low_text)
    if m:
        digits = m.group(0).replace(",", "")
        value = float(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        half = 0.5 * 10.0**-decimals
        before = low_text[: m.start()]
    else:
        words = _WORD.findall(low_text)
        found = [numbers.small(w) or FOLD_WORDS.get(w) for w in words]
        hits = [(i, v) for i, v in enumerate(found) if v is not None]
        if not hits:
            return None
        value, half = float(hits[0][1]), 0.5
        before = " ".join(words[: hits[0][0]])
    rule = _hedge(before) or _hedge(_lead(context))
    return numbers.interval(value, half, rule)


def _hedge(words: str) -> str | None:
    phrase = " ".join(words.split())
    for hedge in sorted(numbers.HEDGES, key=len, reverse=True):
        if phrase.endswith(hedge) and (len(phrase) == len(hedge) or phrase[-len(hedge) - 1] == " "):
            return numbers.HEDGES[hedge]
    return None


def _lead(context: str) -> str:
    """The words of `context` before its first number."""
    m = re.search(r"\d", context)
    return context[: m.start()].lower() if m else ""


def _values(claim: Claim) -> list[Quantity] | None:
    """The parts' quantities when they share a unit (or leave it unwritten), else None."""
    values = [p.value for p in claim.parts]
    if len(values) < 2 or any(v is None for v in values):
        return None
    out = [v for v in values if v is not None]
    units = {v.unit for v in out if v.unit is not None}
    if len(units) > 1 and not all(amounts.same_unit(a, b) for a in units for b in units):
        return None
    if any(amounts.dimension(v.unit) == "percent" for v in out):
        return None  # shares of a total, not amounts of it
    return out


def _decrease(claim: Claim) -> bool:
    said = [claim.attr("change"), *(p.attr("change") for p in claim.parts)]
    return "decrease" in said


def _ratio(new: Quantity, old: Quantity) -> tuple[float, float] | None:
    if old.low <= 0 or new.low < 0:
        return None
    low, high = new.low / old.high, new.high / old.low
    if math.isnan(low) or math.isnan(high):
        return None
    return low, high


def _pct(x: float) -> str:
    return "no limit" if math.isinf(x) else f"{x:+.1f}%"


def _factor(x: float) -> str:
    return "no limit" if math.isinf(x) else f"{x:.2f}"


@engine(
    "arithmetic",
    [
        Rule(
            "arithmetic-parts-total",
            "arithmetic",
            "error",
            "parts that cannot add up to the total the same sentence gives",
        ),
        Rule(
            "arithmetic-percent-change",
            "arithmetic",
            "error",
            "a percentage change that does not match the two figures it compares",
        ),
        Rule(
            "arithmetic-fold-change",
            "arithmetic",
            "error",
            "an x-fold change that does not match the two figures it compares",
        ),
    ],
)
def check_arithmetic(ctx: DocContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        if claim.kind != "arithmetic":
            continue
        values = _values(claim)
        if values is None:
            if claim.attr("relation") == "change" and len(claim.parts) < 2:
                found = _change_from_fact(ctx, claim)
                if found is not None:
                    yield found
            continue
        relation = claim.attr("relation")
        unit = next((v.unit for v in values if v.unit), None)
        if relation == "sum":
            found = _sum(ctx, claim, values, unit)
        elif relation == "change":
            found = _change(ctx, claim, values, unit)
        elif relation == "fold":
            found = _fold(ctx, claim, values, unit)
        else:
            found = None
        if found is not None:
            yield found


def _sum(ctx: DocContext, claim: Claim, values: list[Quantity], unit: str | None) -> Finding | None:
    """Parts never add up to more than their total. They must add up to it only when they are
    named components, each its own metric (exports and imports of a trade total); a breakdown
    by items the rulebook does not name ("of which manufacturing ... and real estate ...") may
    leave the rest unsaid. A breakdown read from its shape alone ("Of the $1.42 billion budget,
    $900 million ... and $420 million ...") is judged only where the sentence says what the
    parts are (all of the total, or a part "the remaining" of it) or where they are named
    components."""
    total, parts = values[0], values[1:]
    low = sum(p.low for p in parts)
    high = sum(p.high for p in parts)
    total_text = repr(claim.parts[0].text)
    listed = " + ".join(repr(p.text) for p in claim.parts[1:])
    rest = claim.attr("rest")
    if rest is not None:
        return _rest(ctx, claim, values, int(rest), unit)
    if claim.attr("whole") == "yes":
        if low <= total.high and total.low <= high:
            return None
        return ctx.finding(
            "arithmetic-parts-total",
            claim,
            f"the parts {listed}, said to be all of the total {total_text} "
            f"({amounts.interval(total.low, total.high, unit)}), add up to "
            f"{amounts.interval(low, high, unit)}",
        )
    if claim.attr("breakdown") is not None and (len(parts) == 1 or not components(claim)):
        return None
    if len(parts) == 1 or not components(claim):
        if low <= total.high:
            return None
        return ctx.finding(
            "arithmetic-parts-total",
            claim,
            f"{'the parts' if len(parts) > 1 else 'the part'} {listed} "
            f"({amounts.interval(low, high, unit)}) "
            f"{'add up to more than' if len(parts) > 1 else 'is larger than'} the total "
            f"{total_text} ({amounts.interval(total.low, total.high, unit)})",
        )
    if low <= total.high and total.low <= high:
        return None
    return ctx.finding(
        "arithmetic-parts-total",
        claim,
        f"the parts {listed} add up to {amounts.interval(low, high, unit)}, not the total "
        f"{total_text} ({amounts.interval(total.low, total.high, unit)})",
    )


def _rest(
    ctx: DocContext, claim: Claim, values: list[Quantity], n: int, unit: str | None
) -> Finding | None:
    """ "the remaining $620 million": the total less the other parts, as far as the digits
    written allow."""
    total, said = values[0], values[n]
    others = [v for i, v in enumerate(values[1:], 1) if i != n]
    low = total.low - sum(v.high for v in others)
    high = total.high - sum(v.low for v in others)
    if said.low <= high and low <= said.high:
        return None
    return ctx.finding(
        "arithmetic-parts-total",
        claim,
        f"the rest of {claim.parts[0].text!r} after "
        f"{' + '.join(repr(p.text) for i, p in enumerate(claim.parts[1:], 1) if i != n)} is "
        f"{amounts.interval(low, high, unit)}, not {claim.parts[n].text!r}",
    )


def components(claim: Claim) -> bool:
    """Whether the parts of a sum are named components: each its own metric, none the total's."""
    targets = [p.target for p in claim.parts[1:]]
    total = claim.parts[0].target
    return None not in targets and total not in targets and len(set(targets)) == len(targets)


def _change(
    ctx: DocContext, claim: Claim, values: list[Quantity], unit: str | None
) -> Finding | None:
    said = written(claim.attr("percent") or "", claim.text)
    ratio = _ratio(values[0], values[1])
    if said is None or ratio is None:
        return None
    if _decrease(claim) and said[1] > 0:
        said = (-said[1], -said[0])
    low, high = (ratio[0] - 1) * 100, (ratio[1] - 1) * 100
    if said[0] <= high and low <= said[1]:
        return None
    new, old = claim.parts[0].text, claim.parts[1].text
    return ctx.finding(
        "arithmetic-percent-change",
        claim,
        f"a change of {claim.attr('percent')}% does not fit: from {old!r} to {new!r} is "
        f"{_pct(low)} to {_pct(high)} within the rounding of the figures",
    )


def _fold(
    ctx: DocContext, claim: Claim, values: list[Quantity], unit: str | None
) -> Finding | None:
    """New over old against the factor; "fell threefold" reads as old over new."""
    said = written(claim.attr("factor") or "", claim.text)
    new, old = values[0], values[1]
    upward = said is not None and said[0] >= 1
    ratio = _ratio(old, new) if _decrease(claim) and upward else _ratio(new, old)
    if said is None or ratio is None:
        return None
    if said[0] <= ratio[1] and ratio[0] <= said[1]:
        return None
    return ctx.finding(
        "arithmetic-fold-change",
        claim,
        f"a {claim.attr('factor')}-fold change does not fit: {claim.parts[0].text!r} against "
        f"{claim.parts[1].text!r} is {_factor(ratio[0])} to {_factor(ratio[1])} times",
    )


def base_period(claim: Claim) -> Period | None:
    """The period a change is measured from: as the sentence states it, else, for a flow over a
    year or part of one, the same days a year earlier (news gives an unqualified change of a
    year's or a quarter's figure against the same period of the year before)."""
    start, end = claim.attr("base_start"), claim.attr("base_end")
    if start and end:
        return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), "span")
    p = claim.period
    if p is None or p.kind != "span" or p.end - p.start > dt.timedelta(days=366):
        return None
    return Period(_year_back(p.start), _year_back(p.end), "span")


def _year_back(day: dt.date) -> dt.date:
    """The same day a year earlier; the last day of a month stays the last (29 February)."""
    last = calendar.monthrange(day.year - 1, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(day.year - 1, day.month, last)
    return dt.date(day.year - 1, day.month, min(day.day, last))


def _change_from_fact(ctx: DocContext, claim: Claim) -> Finding | None:
    """A flow's change stated with its new figure only ("reached US$24.3 billion, up 25%"): its
    base is the rulebook's fact for the base period, when the rulebook has one."""
    base = base_period(claim)
    if len(claim.parts) != 1 or base is None:
        return None
    new = claim.parts[0]
    metric = ctx.book.metrics.get(new.target or "")
    if metric is None or metric.period != "span" or new.value is None or amounts.is_change(new):
        return None  # a stock "up 26% from 2017": which day of 2017 is not said
    fact = next(
        (
            f
            for f, _ in judging_facts(replace(new, period=base), ctx.book)
            if f.value is not None
            and amounts.same_unit(new.value.unit, amounts.metric_unit(metric, f.unit)[0])
        ),
        None,
    )
    if fact is None:
        return None
    unit, factor = amounts.metric_unit(metric, fact.unit)
    low, high = claim_interval(new, metric)
    old = Quantity(*fact_interval(fact, factor), unit)
    said = written(claim.attr("percent") or "", claim.text)
    ratio = _ratio(Quantity(low, high, unit), old)
    if said is None or ratio is None:
        return None
    if _decrease(claim) and said[1] > 0:
        said = (-said[1], -said[0])
    r_low, r_high = (ratio[0] - 1) * 100, (ratio[1] - 1) * 100
    if said[0] <= r_high and r_low <= said[1]:
        return None
    return ctx.finding(
        "arithmetic-percent-change",
        claim,
        f"a change of {claim.attr('percent')}% does not fit: from the rulebook's "
        f"{fact_text(fact, metric)} ({when(base)}) to {new.text!r} is {_pct(r_low)} to "
        f"{_pct(r_high)} (source: {fact.source})",
        evidence=[fact],
    )
