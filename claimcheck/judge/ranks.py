"""Ranks: which ranking a rank claim speaks of, and which of the rulebook's rank facts speak of its
entity and time.

A rank is only comparable with a fact of the same ranking, entity and time, measured the same
way: "the leading investor in 2017" (new capital that year) says nothing about "third by
cumulative capital in 2023". An open-ended fact (`from` with no end) holds from its date until
the last day a source confirmed it (`checked`).
"""

from __future__ import annotations

from claimcheck.judge.periods import STOCK, fact_period, same_time
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
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


def resolve(claim: Claim, book: Rulebook) -> Ranking | None:
    """The ranking a rank claim speaks of.

    An alias may name several rankings of the same field (new capital in a year, cumulative
    capital); the claim's own ranking comes first, then the others that share an alias with
    it, and the first whose scope fits the claim's measure and period is the one meant.
    """
    named = book.rankings.get(claim.target or "")
    if named is None:
        return None
    if scope_matches(claim, named):
        return named
    aliases = {a.lower() for a in named.aliases}
    for other in book.rankings.values():
        if other is named or other.of != named.of:
            continue
        if aliases & {a.lower() for a in other.aliases} and scope_matches(claim, other):
            return other
    return None


def judging_rank_facts(claim: Claim, book: Rulebook) -> list[tuple[RankFact, Period]]:
    """The rank facts for the claim's ranking, entity and time, most specific first.

    A place in a stock-like ranking (cumulative, current) that two consecutive facts give
    alike is taken to hold between them: Japan first among ODA providers in 2018 and in 2023
    was first in 2020 too. Annual places are never carried over to another year.
    """
    if claim.kind != "rank" or claim.rank is None or claim.period is None:
        return []
    ranking = resolve(claim, book)
    if ranking is None or claim.subject is None:
        return []
    kind = SCOPE_KIND[ranking.scope]
    own = [fact for fact in ranking.facts if fact.entity == claim.subject]
    dated = sorted(
        ((fact, fact_period(fact, kind)) for fact in own if fact.since is None),
        key=lambda fp: (fp[1].end, fp[1].start),
    )
    confirmed = [(f, confirmed_period(f, kind)) for f in own if f.since is not None]
    found = [(f, p) for f, p in dated + confirmed if judges(p, claim.period)]
    if not found and kind in STOCK:
        found = _held_between(dated, claim.period, kind)
    found.sort(key=lambda fp: fp[1].end - fp[1].start)
    return found


def _held_between(
    dated: list[tuple[RankFact, Period]], period: Period, kind: str
) -> list[tuple[RankFact, Period]]:
    """The facts just before and just after `period` (`dated` in date order), each judging it
    over the days from the first to the last, when they give the same place."""
    before = [fp for fp in dated if fp[1].end < period.start]
    after = [fp for fp in dated if fp[1].start > period.end]
    if before and after and before[-1][0].rank == after[0][0].rank:
        span = Period(before[-1][1].start, after[0][1].end, kind)
        return [(before[-1][0], span), (after[0][0], span)]
    return []


def confirmed_period(fact: RankFact, kind: str) -> Period:
    """An open-ended fact's days from its start to the last day a source confirmed it."""
    assert fact.since is not None and fact.checked is not None  # the schema requires both
    return Period(fact.since.first(), fact.checked.last(), kind)


def unconfirmed_rank_fact(claim: Claim, book: Rulebook) -> RankFact | None:
    """The open-ended fact a rank claim speaks of when it speaks of a time after the fact was
    last confirmed (and none of the rulebook's facts judges it)."""
    ranking = resolve(claim, book) if claim.kind == "rank" else None
    if ranking is None or claim.period is None or claim.rank is None:
        return None
    p = claim.period
    for fact in ranking.facts:
        if fact.entity != claim.subject or fact.since is None or fact.checked is None:
            continue
        if fact.since.first() <= p.start and p.end > fact.checked.last():
            return fact
    return None


def judges(fact_p: Period, claim_p: Period) -> bool:
    """A rank fact speaks of the claim's time: the same stock-like day (see same_time), or an
    annual place whose year holds the claim's period."""
    if fact_p.kind in STOCK:
        return same_time(fact_p, claim_p)
    return fact_p.contains(claim_p)


def place(rank: int) -> str:
    """1 → "1st", 2 → "2nd", 13 → "13th"."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"
