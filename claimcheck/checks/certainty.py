"""Certainty: which parts of a claim its own sentence states, and how the others were inferred.

Severity follows certainty. A finding is an error only when every part of the claims it rests on
is stated in their sentences, or inferred by a rule that the real-article development set shows
right at least 97% of the time (RELIABLE; the table in docs/checks.md gives the measurements);
otherwise it is a warning at most. Extractors record an inference as an attribute
("inferred.<part>", how) on the claim; a quantity's or rank's period taken from the publication
date is read from its ("period", "document") attribute, a title's from its missing own date.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.claims import Claim

PARTS = ("subject", "target", "period")
# How a part can be inferred, for the reports and docs/checks.md.
HOWS: dict[str, str] = {
    "clause": "from the clause around the figure, not its own phrase",
    "paragraph": "from another sentence of the paragraph",
    "headline": "from the headline",
    "article": "from elsewhere in the article",
    "publication-date": "the article's publication date (the sentence gives no time of its own)",
    "short-alias": "from a short or generic alias of the metric",
}
# (claim kind, part, how) inferences measured right at least 97% of the time on the real-article
# development set (benchmarks/real/claims-audit.yaml): they may carry an error.
RELIABLE: frozenset[tuple[str, str, str]] = frozenset(
    {
        # a title written before a name, in a sentence that dates no event of its own, is the
        # title the person holds when the article is published (news style writes "former")
        ("title", "period", "publication-date"),
    }
)
_PREFIX = "inferred."
_DATED_BY_DOCUMENT = frozenset({"title"})  # its period is the document's unless dated


def inferred(claim: Claim) -> dict[str, str]:
    """Each part the claim's own sentence does not state, with how it was inferred."""
    found = {k[len(_PREFIX) :]: how for k, how in claim.attrs if k.startswith(_PREFIX)}
    if "period" not in found and (
        claim.attr("period") == "document"
        or (claim.kind in _DATED_BY_DOCUMENT and claim.date is None and claim.period is not None)
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
