"""Events engine: an event's stated date, the first day of a term of office, and the years
counted from an event.

An event is read in the words of its aliases ("the establishment of diplomatic relations on
..."), with a verb of happening after an alias ("relations were established on ...", "the bridge
opened on ...") and, for an event that lists `verbs`, with one of them said of an entity of its
`subject` ("Tamarack Outfitters was incorporated on ...", "the founders incorporated Tamarack
in ..."). The first day of a term is read after a known person's name ("..., who took office
on ...", "was sworn in as Prime Minister on ...", "became prime minister on ...") and compared
with the start of that person's term (of the office named, else of any office) that began
nearest the date said; a date more than a year from every term's start says nothing (another
office, or a term the rules do not list).

A date is compared at the coarser of the two precisions ("September 1973" agrees with
1973-09-21). An ordinal anniversary is exact: the 50th falls in the event's year + 50, the whole
of that year; when the sentence gives no date of its own and the count is made at the document's
date, the anniversary just past or just ahead (a year either side) is accepted too.

An ordinal year ("2018 marks the 45th year of ties") counts like an anniversary, or one year
less (the year of the event counted as the first).

A cardinal count of years is as round as it is written: a multiple of ten from twenty on, or
counted in decades ("in the 40 years since", written 42 years on; "a decade"), is right within
±5 years, a multiple of five from fifteen on within ±2.5, any other number (ten years written as
"10 years" too: a count, not a round figure) when it is the nearest whole number of years, ±0.5;
"over"/"more than" lift the upper bound, "nearly"/"almost" lower the lower one by as much again.

Years are counted the same way from the start of an official name (a rule-file term: "10 years
of the extensive strategic partnership" counts from the day that partnership began).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.findings import Finding

_YEAR = 365.2425
_ABOVE = {"over", "more than", "at least"}
_BELOW = {"nearly", "almost", "less than"}
_ROUND_UNITS = regexes.compile(r"(?i:\b(?:decades?|century|half)\b)")


@engine(
    "events",
    [
        Rule(
            "event-wrong-date",
            "date",
            "error",
            "an event, or the first day of a term of office, dated otherwise than the rulebook",
        ),
        Rule(
            "elapsed-wrong-years",
            "date",
            "error",
            "an anniversary or a count of years that does not match the event's date",
        ),
    ],
)
def check_events(ctx: DocContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        if claim.kind == "event" and claim.attr("start") == "office":
            yield from _office_start(ctx, claim)
            continue
        event = ctx.book.events.get(claim.target or "")
        if event is None:
            term = ctx.book.terms.get(claim.target or "")
            if claim.kind == "elapsed" and claim.period is not None and term is not None:
                message = _elapsed(claim, term.name, term.since, claim.period)
                if message:
                    yield ctx.finding("elapsed-wrong-years", claim, message, evidence=[term])
            continue
        if claim.kind == "event" and claim.date is not None:
            if not agrees(claim.date, event.date):
                yield ctx.finding(
                    "event-wrong-date",
                    claim,
                    f"{event.name}: {_on(event.date)}, not {_on(claim.date)}",
                    evidence=[event],
                )
        elif claim.kind == "elapsed" and claim.period is not None:
            message = _elapsed(claim, event.name, event.date, claim.period)
            if message:
                yield ctx.finding("elapsed-wrong-years", claim, message, evidence=[event])


def _office_start(ctx: DocContext, claim: Claim) -> Iterator[Finding]:
    """ "X took office on <date>" against the term of X's that began nearest that date: of the
    office named, else of any office X held. A term that began on the date said, or no term
    within a year of it (another office, one the rulebook does not list), says nothing."""
    said = claim.date
    if said is None or claim.subject is None:
        return
    named = claim.attr("office")
    terms = [
        (office, h)
        for office in ctx.book.offices.values()
        for h in office.holders
        if h.person == claim.subject and (named is None or office.id == named)
    ]
    if not terms or any(agrees(said, h.start) for _, h in terms):
        return
    mid = said.first() + (said.last() - said.first()) / 2
    gaps = sorted((abs((h.start.first() - mid).days), i) for i, (_, h) in enumerate(terms))
    if gaps[0][0] > _YEAR or (len(gaps) > 1 and gaps[1][0] == gaps[0][0]):
        return
    office, term = terms[gaps[0][1]]
    person = ctx.book.people.get(claim.subject)
    who = f"{person.given} {person.family}" if person else claim.subject
    yield ctx.finding(
        "event-wrong-date",
        claim,
        f"{who} took office as {office.title}{_of(ctx, office.jurisdiction)} "
        f"{_on(term.start)}, "
        f"not {_on(said)}",
        evidence=[term],
    )


def _of(ctx: DocContext, entity: str) -> str:
    found = ctx.book.entities.get(entity)
    return f" of {found.names[0]}" if found else ""


def agrees(said: PartialDate, known: PartialDate) -> bool:
    """Equal at the precision both give."""
    if said.year != known.year:
        return False
    if said.month is None or known.month is None:
        return True
    if said.month != known.month:
        return False
    return said.day is None or known.day is None or said.day == known.day


def _elapsed(claim: Claim, name: str, date: PartialDate, at: Period) -> str | None:
    """What is wrong with a count of years since `date` (an event's, or a term's start)."""
    years = int(claim.attr("years") or 0)
    if years <= 0:
        return None
    if claim.attr("form") == "ordinal":
        due = date.year + years
        # Undated, an anniversary may be the one just past or just ahead of the publication
        # ("this milestone coincides with the 50th anniversary", written early the next year).
        slack = 1 if claim.attr("at") == "document" else 0
        # "the 45th year of" ties is also read counting the first year as the 1st (1973: 2017)
        early = 1 if claim.attr("counted") == "year" else 0
        if at.start.year - slack <= due <= at.end.year + slack + early:
            return None
        counted = " or ".join(_nth(y - date.year) for y in range(at.start.year, at.end.year + 1))
        return (
            f"the {_nth(years)} anniversary of '{name}' ({_on(date)}) falls in "
            f"{due}; in {_year_range(at)} it is the {counted}"
        )
    low, high = _since(date, at)
    tol = _tolerance(claim, years)
    lo, hi = years - tol, years + tol
    hedge = claim.attr("hedge")
    if hedge in _ABOVE:
        hi = float("inf")
    elif hedge in _BELOW:
        lo -= tol
    if low <= hi and lo <= high:
        return None
    span = f"{low:.0f}" if round(low) == round(high) else f"{low:.0f} to {high:.0f}"
    return (
        f"{claim.text!r}: {span} years have passed since '{name}' ({_on(date)}) "
        f"by {_at(at)}, not {years}"
    )


def _tolerance(claim: Claim, years: int) -> float:
    """Half the rounding of the count as written (see the module docstring)."""
    rounding = int(claim.attr("round") or 1)
    if years < 2 * rounding and not _ROUND_UNITS.search(claim.text):
        rounding = 1  # "10 years", "five years": a count; "a decade" is a round figure
    return rounding / 2


def _since(date: PartialDate, at: Period) -> tuple[float, float]:
    """The fewest and most years between a partial date and a period."""
    return _years(date.last(), at.start), _years(date.first(), at.end)


def _years(a: dt.date, b: dt.date) -> float:
    return (b - a).days / _YEAR


def _on(d: PartialDate) -> str:
    return f"on {d}" if d.day else f"in {d}"


def _at(p: Period) -> str:
    """A period as the date it is: "2015-09-15", "2023-10", "2023"."""
    a, b = p.start, p.end
    if a == b:
        return a.isoformat()
    if p.whole_years() and a.year == b.year:
        return str(a.year)
    nxt = b + dt.timedelta(days=1)
    if a.day == 1 and nxt.day == 1 and (a.year, a.month) == (b.year, b.month):
        return f"{a.year:04d}-{a.month:02d}"
    return str(p)


def _year_range(p: Period) -> str:
    return str(p.start.year) if p.start.year == p.end.year else f"{p.start.year}-{p.end.year}"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
