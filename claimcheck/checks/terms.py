"""Terms engine: official names must be written right and tied to the right year.

A name is checked at the time its sentence speaks of: the year written beside it ("upgraded to
the Comprehensive Strategic Partnership in 2014"; with "set up", "upgraded" and the like, the
year it began), else the period its clause names ("in 2015", "last year"), else, for a sentence
in the present tense that names no time, the publication date. A name said of a time wholly
before the term began, or wholly after it was superseded (`until`), is named with the term's
dates. A date taken from the publication date alone makes a warning, not an error. A sentence
that tells how the relation was set up or upgraded, or that names two frameworks, and a name in
quotation marks are history, and are judged only by a year written beside the name.

Years counted from a term's start ("10 years of the extensive strategic partnership") are
checked by elapsed-wrong-years, as years since an event are.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.judge.periods import when
from claimcheck.model.claims import Claim
from claimcheck.model.findings import Finding
from claimcheck.rulebook.schema import Term


@engine(
    "terms",
    [
        Rule(
            "term-wrong-variant",
            "term",
            "error",
            "an official name written in a known wrong form",
            fixable=True,
        ),
        Rule(
            "term-wrong-year",
            "term",
            "error",
            "an official name said of a time before it existed or after it was superseded",
        ),
    ],
)
def check_terms(ctx: DocContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        if claim.kind != "term" or claim.target not in ctx.book.terms:
            continue
        term = ctx.book.terms[claim.target]
        right = claim.attr("right")
        if claim.attr("form") == "wrong" and right:
            variant = term.variants[int(claim.attr("variant") or 0)]
            yield ctx.finding(
                "term-wrong-variant",
                claim,
                f"{claim.text!r} is not the official name: it is the {term.name!r} "
                f"(since {term.since})",
                evidence=[term, variant],
                fix=right,
            )
        year = claim.attr("year")
        if year is None:
            found = _out_of_time(ctx, claim, term)
            if found is not None:
                yield found
            continue
        y = int(year)
        began = claim.attr("began") == "yes"
        last = term.until.year if term.until else None
        if began and y != term.since.year:
            why = f"it began in {term.since}"
        elif y < term.since.year or (last is not None and y > last):
            why = f"it was in force from {term.since}" + (f" to {term.until}" if term.until else "")
        else:
            continue
        yield ctx.finding(
            "term-wrong-year",
            claim,
            f"the {term.name!r} is tied to {y} here, but {why}",
            evidence=[term],
        )


def _out_of_time(ctx: DocContext, claim: Claim, term: Term) -> Finding | None:
    """A name said of a time (not a year beside it) wholly outside the term's dates."""
    p = claim.period
    if p is None or claim.attr("form") == "wrong":
        return None
    before = p.end < term.since.first()
    after = term.until is not None and p.start > term.until.last()
    if not (before or after):
        return None
    span = f"from {term.since}" + (f" to {term.until}" if term.until else "")
    return ctx.finding(
        "term-wrong-year",
        claim,
        f"the {term.name!r} is said of {when(p)} here, but it was in force {span}",
        evidence=[term],
    )
