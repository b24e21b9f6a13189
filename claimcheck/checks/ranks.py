"""Ranks engine: an entity's place in a ranking against the rulebook's rank facts.

A rank is only comparable with a fact of the same ranking, entity and time, measured the same
way: "the leading investor in 2017" (new capital that year) says nothing about "third by
cumulative capital in 2023". A claim about a period the rulebook has no fact for is silent.

An open-ended fact (`from` with no end) holds from its date until further notice, and carries
`checked`, the last date a source confirmed it: up to that date it judges as any fact; a claim
after it that disagrees is a warning, never an error (the place may have changed since), and
never silence.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.judge.periods import when
from claimcheck.judge.ranks import judging_rank_facts, place, resolve, unconfirmed_rank_fact
from claimcheck.model.claims import Claim
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook


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
        if not found:
            stale = _unconfirmed(ctx, claim)
            if stale is not None:
                yield stale
            continue
        if any(f.rank == claim.rank for f, _ in found):
            continue
        assert claim.rank is not None
        fact, period = found[0]
        ranking = resolve(claim, ctx.book)
        assert ranking is not None
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


def _unconfirmed(ctx: DocContext, claim: Claim) -> Finding | None:
    """A warning for a place that disagrees with an open-ended fact after it was last checked."""
    fact = unconfirmed_rank_fact(claim, ctx.book)
    if fact is None or fact.rank == claim.rank:
        return None
    ranking = resolve(claim, ctx.book)
    assert ranking is not None and claim.rank is not None
    who = entity_name(ctx.book, claim.subject)
    return ctx.finding(
        "rank-contradicts-fact",
        claim,
        f"{claim.text!r} places {who} {place(claim.rank)} in {ranking.name} "
        f"({ranking.scope}, {when(claim.period)}), but the rulebook ranks it "
        f"{place(fact.rank)} from {fact.since} until further notice, last confirmed "
        f"{fact.checked}: check whether the place has changed (source: {fact.source})",
        evidence=[fact],
        severity="warning",
    )
