"""Units engine: a figure in the wrong dimension, currency or scale, or with no currency at all.

A currency is read as the beat writes it: a form several currencies share ("pesos", "Rs") and no
rule file's `currencies` entry resolves is the metric's own currency when that is one of them,
and otherwise a currency of its own, never the fact's.

Also the unit arithmetic the other figure engines share: which dimension a unit belongs to, how a
rulebook unit with a scale word ("billion USD") reads, how a dated exchange rate converts one
currency into another, and whether two disjoint amounts are the same digits at another scale.
"""
# The docstring above is `claimcheck explain`'s text for the units rules (docs/checks.md, SARIF):
# kept byte for byte through the move of that arithmetic to claimcheck/judge/amounts.py.

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.judge.amounts import dimension, is_change, scale_word
from claimcheck.judge.facts import judge
from claimcheck.judge.parts import unjudged_parts
from claimcheck.judge.periods import when
from claimcheck.model import units
from claimcheck.model.claims import Claim
from claimcheck.model.findings import Finding


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
        found = _against_fact(ctx, claim)
        if found is not None:
            yield found


def _against_fact(ctx: DocContext, claim: Claim) -> Finding | None:
    """A figure the rulebook's fact shows to be at another scale, or in a currency no rate of
    the rulebook converts."""
    verdict = judge(claim, ctx.book)
    if verdict is None or verdict.outcome not in ("scale", "currency"):
        return None
    fact = verdict.fact
    said = (
        f"the rulebook gives {verdict.fact_text} ({when(verdict.fact_period)}) "
        f"(source: {fact.source})"
    )
    if verdict.outcome == "scale":
        return ctx.finding(
            "unit-scale-mismatch",
            claim,
            f"scale mismatch: {claim.text!r} is {scale_word(verdict.factor)}; {said}",
            evidence=[fact],
        )
    unit = claim.value.unit if claim.value is not None else None
    return ctx.finding(
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
