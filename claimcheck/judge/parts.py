"""Parts: what the arithmetic a sentence states says of its figures, for the engines that judge
figures one by one (facts, units, the corpus): which figures a sum or a change shows to be no
value of the metric and period they were read as.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.model.claims import Claim


def unjudged_parts(claims: Sequence[Claim]) -> set[tuple[int, int]]:
    """Spans of figures whose metric or period the arithmetic around them shows to be wrong.

    A part of a sum that carries its total's own metric ("US$71.3 billion, of which
    manufacturing US$40 billion") was named by an item the rulebook does not know: it is not a
    value of that metric. The base of a change dated like its new value ("up 13 percent from
    432,934 a year earlier") lies at another time, which the sentence did not state plainly.
    The fact and corpus engines leave such figures alone.
    """
    out: set[tuple[int, int]] = set()
    for claim in claims:
        if claim.kind != "arithmetic" or len(claim.parts) < 2:
            continue
        first, rest = claim.parts[0], claim.parts[1:]
        relation = claim.attr("relation")
        if relation == "sum":
            out.update((p.start, p.end) for p in rest if p.target == first.target)
        elif relation in ("change", "fold"):
            out.update(
                (p.start, p.end)
                for p in rest
                if (p.target, p.subject, p.period) == (first.target, first.subject, first.period)
            )
    return out
