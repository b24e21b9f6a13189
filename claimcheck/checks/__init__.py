"""Checks: claims + rulebook → findings. One registry of rules, a few generic engines.

Each engine is a module of this folder with its rules, its check and its messages; registry.py
says what an engine is and holds every rule; the reasoning engines share is claimcheck/judge/.
This module runs them: the document engines over one document's asserted claims, the corpus
engines over the whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.checks.registry import (
    CORPUS_ENGINES,
    CORPUS_JOINS,
    CORPUS_KINDS,
    DOC_ENGINES,
    RULES,
    BoundJoins,
    CorpusContext,
    DocContext,
)
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook

__all__ = [
    "CORPUS_ENGINES",
    "DOC_ENGINES",
    "RULES",
    "BoundJoins",
    "CorpusContext",
    "DocContext",
    "asserted",
    "corpus_findings",
    "corpus_joins",
    "corpus_kinds",
    "document_findings",
    "load_engines",
]


def corpus_kinds() -> frozenset[str] | None:
    """Every claim kind some corpus engine reads (None: all of them)."""
    load_engines()
    out: set[str] = set()
    for kinds in CORPUS_KINDS.values():
        if kinds is None:
            return None
        out |= kinds
    return frozenset(out)


def asserted(claims: Sequence[Claim]) -> Sequence[Claim]:
    """The claims their sentence asserts: a forecast, a target, a plan, a hope, a condition or a
    question is no fact of the period it names, and no engine judges it (the claims themselves
    stay, for the `claims` command). The same sequence when every claim is asserted."""
    for i, c in enumerate(claims):
        if c.attrs and c.attr("modality") is not None:
            return [*claims[:i], *(d for d in claims[i + 1 :] if d.attr("modality") is None)]
    return claims


def document_findings(doc: Document, claims: Sequence[Claim], book: Rulebook) -> list[Finding]:
    """Every document engine's findings on one document, over its asserted claims."""
    load_engines()
    ctx = DocContext(doc, asserted(claims), book)
    return [f for fn in DOC_ENGINES.values() for f in fn(ctx)]


def corpus_findings(ctx: CorpusContext) -> list[Finding]:
    """Every corpus engine's findings, over the asserted claims of each document."""
    load_engines()
    claims = {path: asserted(found) for path, found in ctx.claims.items()}
    ctx = CorpusContext(ctx.docs, claims, ctx.book, ctx.targets, ctx.all_groups, ctx.groups)
    return [f for fn in CORPUS_ENGINES.values() for f in fn(ctx)]


def corpus_joins(book: Rulebook) -> BoundJoins | None:
    """Every corpus engine's joining claims of a document (None when some engine has no join)."""
    load_engines()
    engines = list(CORPUS_JOINS.values())
    if any(j is None for j in engines):
        return None
    return lambda claims: [
        pair for j in engines if j is not None for pair in j(asserted(claims), book)
    ]


def load_engines() -> None:
    """Import every engine module so that it registers itself (one place, not two lists)."""
    # Here, not at the top, for start-up time: `claimcheck claims` and the other commands that
    # read the rule registry alone never load an engine.
    from claimcheck.checks import (  # noqa: F401
        arithmetic,
        corpus,
        documents,
        events,
        people,
        quantities,
        ranks,
        terms,
        units,
    )
