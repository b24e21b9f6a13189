"""Ranks engine: an entity's place in a ranking against the rulebook's rank facts.

A rank is only comparable with a fact of the same ranking, entity and time, measured the same
way: "the leading investor in 2017" (new capital that year) says nothing about "third by
cumulative capital in 2023". A claim about a period the rulebook has no fact for is silent.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checks import DocContext, Rule, engine
from claimcheck.checks.quantities import STOCK, fact_period, when
from claimcheck.claims import Claim
from claimcheck.dates import Period
from claimcheck.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import RankFact, Ranking

# How a ranking's scope reads as a period kind, and the words a text may use for the measure.
SCOPE_KIND = {"annual": "span", "cumulative": "cumulative", "current": "point"}
MEASURES = {
    "annual": "annual",
    "yearly": "annual",
    "new": "annual",
    "cumulative": "cumulative",
    "total": "cumulative",
    "accumulated": "cumulative",
    "current": "current",
}


def scope_matches(claim: Claim, ranking: Ranking) -> bool:
    """The claim measures the ranking's way: said outright, or implied by its period.

    A stock-like ranking (cumulative, current) is a place as of a day; a claim about a whole
    flow period ("in 2017 Japan became the leading investor") ranks new money, not the stock.
    """
    said = claim.attr("measure")
    if said is not None:
        measure = MEASURES.get(said.lower(), said.lower())
        stock = ("cumulative", "current")
        return measure == ranking.scope or (measure in stock and ranking.scope in stock)
    if claim.period is None:
        return False
    return not (claim.period.kind == "span" and SCOPE_KIND[ranking.scope] in STOCK)


def judging_rank_facts(claim: Claim, book: Rulebook) -> list[tuple[RankFact, Period]]:
    """The rank facts for the claim's ranking, entity and time, most specific first."""
    if claim.kind != "rank" or claim.rank is None or claim.period is None:
        return []
    ranking = book.rankings.get(claim.target or "")
    if ranking is None or claim.subject is None or not scope_matches(claim, ranking):
        return []
    kind = SCOPE_KIND[ranking.scope]
    found = []
    for fact in ranking.facts:
        if fact.entity != claim.subject:
            continue
        period = fact_period(fact, kind)
        if period.contains(claim.period):
            found.append((fact, period))
    found.sort(key=lambda fp: fp[1].end - fp[1].start)
    return found


def place(rank: int) -> str:
    """1 → "1st", 2 → "2nd", 13 → "13th"."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def entity_name(book: Rulebook, entity: str | None) -> str:
    found = book.entities.get(entity or "")
    return found.names[0] if found else str(entity)


@engine(
    "ranks",
    [
        Rule(
            "rank-contradicts-fact",
            "rank",
            "error",
            "a place in a ranking other than the rulebook's for the same entity, scope and period",
        ),
    ],
)
def check_ranks(ctx: DocContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        found = judging_rank_facts(claim, ctx.book)
        if not found or any(f.rank == claim.rank for f, _ in found):
            continue
        assert claim.rank is not None
        fact, period = found[0]
        ranking = ctx.book.rankings[claim.target or ""]
        who = entity_name(ctx.book, claim.subject)
        out_of = f" of {fact.out_of}" if fact.out_of else ""
        yield ctx.finding(
            "rank-contradicts-fact",
            claim,
            f"{claim.text!r} places {who} {place(claim.rank)} in {ranking.name} "
            f"({ranking.scope}, {when(claim.period)}), but the rulebook ranks it "
            f"{place(fact.rank)}{out_of} ({when(period)}) (source: {fact.source})",
            evidence=[fact],
        )
