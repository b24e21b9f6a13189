"""Terms engine: official names must be written right and tied to the right year."""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checks import DocContext, Rule, engine
from claimcheck.findings import Finding


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
            "an official name tied to a year before it existed or after it was superseded",
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
