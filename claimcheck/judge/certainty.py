"""Certainty: which parts of a claim its own sentence states, and how the others were inferred.

Severity follows certainty. A finding is an error only when every part of the claims it rests on
is stated in their sentences, or inferred by a rule that the real-article development set shows
right at least 97% of the time over at least 30 audited claims (RELIABLE, from MEASURED; the
table in docs/checks.md); otherwise it is a warning at most. Extractors record an inference as
an attribute ("inferred.<part>", how) on the claim; a title's period taken from the publication
date is read from its missing own date.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.model.claims import Claim

PARTS = ("subject", "target", "period")
# How a part can be inferred, for the reports and docs/checks.md.
HOWS: dict[str, str] = {
    "clause": "from the clause around the figure, not its own phrase",
    "paragraph": "from another sentence of the paragraph",
    "headline": "from the headline",
    "article": "from elsewhere in the article",
    "publication-date": "the article's publication date (the sentence gives no time of its own)",
    "short-alias": "from a short or generic alias of the metric",
    "death": "the person's date of death (a funeral, mourning, the late ...)",
    "earlier-party": "the party named last before the sentence, which says 'the company' or 'it'",
    "fiscal-year": "the months of the fiscal year named, as the metric's `fiscal_year` declares",
    "party-fiscal-year": (
        "the months of the fiscal year named, as the party's other metrics declare (this one "
        "declares no `fiscal_year`)"
    ),
}
# (claim kind, part, how): how many audited claims that inferred the part so had it right, of how
# many (`benchmarks/real/audit.py reliability` over benchmarks/real/claims-audit.yaml, 2026-12-07,
# the claims read as when they were judged). Too few claims is no evidence: see MIN_AUDITED.
# A title before a name, in a sentence that dates no event of its own, is the title held when the
# article is published (news style writes "former"); a figure with no period of its own is not.
MEASURED: dict[tuple[str, str, str], tuple[int, int]] = {
    ("quantity", "period", "publication-date"): (3, 6),
    ("quantity", "subject", "clause"): (1, 1),
    ("quantity", "subject", "headline"): (11, 11),
    ("quantity", "subject", "paragraph"): (2, 2),
    ("rank", "period", "publication-date"): (8, 8),
    ("title", "period", "publication-date"): (97, 97),
}
# An inference may carry an error when it was right this often, over at least this many claims.
MIN_SHARE = 0.97
MIN_AUDITED = 30
# Readings the rule writer declares ("FY2024" is April 2023 to March 2024 for a metric whose
# `fiscal_year` says so): the text states the fiscal year, the rulebook its months.
DECLARED: frozenset[tuple[str, str, str]] = frozenset({("quantity", "period", "fiscal-year")})
RELIABLE: frozenset[tuple[str, str, str]] = DECLARED | frozenset(
    k for k, (ok, n) in MEASURED.items() if n >= MIN_AUDITED and ok >= MIN_SHARE * n
)
_PREFIX = "inferred."
_DATED_BY_DOCUMENT = frozenset({"title"})  # its period is the document's unless dated


def inferred(claim: Claim) -> dict[str, str]:
    """Each part the claim's own sentence does not state, with how it was inferred."""
    found = {k[len(_PREFIX) :]: how for k, how in claim.attrs if k.startswith(_PREFIX)}
    if (
        "period" not in found
        and claim.kind in _DATED_BY_DOCUMENT
        and claim.date is None
        and claim.period is not None
    ):
        found["period"] = "publication-date"
    return found


def unreliable(claims: Iterable[Claim]) -> bool:
    """Whether some claim rests on an inference not shown reliable enough for an error."""
    return any(
        (c.kind, part, how) not in RELIABLE for c in claims for part, how in inferred(c).items()
    )


def describe(parts: Iterable[tuple[str, str]]) -> str:
    """'period: the article's publication date ...' for a person reading a report."""
    return "; ".join(f"{part} {HOWS.get(how, how)}" for part, how in parts)
