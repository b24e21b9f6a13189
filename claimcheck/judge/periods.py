"""Periods: which days a rulebook fact holds for, whether a fact speaks of the time a claim speaks
of, and how a period reads in a message.

A flow (span) is judged only by a fact of the same days. A stock (point or cumulative) is judged
by a fact whose days hold the claim's, by one within the month (or less) the claim names, by one
within a month of the single day the claim names, and, when the claim states a span ("in 2020"),
by one inside it (for a span over a year, "since 1992", by one at its end). The quantity and rank
engines, the corpus engine's groups and the reports all read time this way.
"""

from __future__ import annotations

import datetime as dt

from claimcheck.model.dates import Period
from claimcheck.rulebook.schema import Fact

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
