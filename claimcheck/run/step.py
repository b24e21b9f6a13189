"""The step: one file in; its document, claims and the document engines' findings out.

What a step gives depends on the file's bytes, its folder's manifest and the rulebook alone, never
on the other files of the run or their order: so the executor may run it in any process, in any
number of them, and the store may serve its outcome to a later run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck import checks
from claimcheck.extract import Extractor
from claimcheck.infra.values import value
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.run import articles, entries

# One file to step through: its path as shown, its bytes when the caller has them, and whether
# it is an article checked (not only the corpus around the articles checked).
Item = tuple[str, bytes | None, bool]


@value(slots=False)
class Want:
    """What a run wants of each document (the same in every worker)."""

    kinds: frozenset[str] | None = None  # claim kinds the corpus engines read (None: all)
    keep_all: bool = False  # keep every claim of the checked documents, not only `kinds`
    joins: bool = False  # compute the corpus engines' join keys
    caching: bool = False  # encode each document's store entry


@dataclass
class Outcome:
    """One document read, extracted and checked (what a worker sends back), or served from the
    store: what the run keeps of it."""

    doc: Document | None
    problems: list[Finding]  # problems with the document itself
    findings: list[Finding] = field(default_factory=list)  # the document engines'
    claims: list[Claim] = field(default_factory=list)  # the kinds asked for
    count: int = 0  # every claim
    # of a fresh document: its claims that can meet others' (join key, claim JSON), with the
    # document's date and where the date came from
    joins: list[tuple[str, str, str, str]] = field(default_factory=list)
    entry: dict[str, str] | None = None  # of a fresh document: its encoded store entry


def check(doc: Document, extractor: Extractor, book: Rulebook) -> tuple[list[Claim], list[Finding]]:
    """A document's claims, and the document engines' findings on them."""
    claims = extractor.extract(doc)
    return claims, checks.document_findings(doc, claims, book)


class Step:
    """Reads, extracts and checks one file at a time: in a worker or in the main process."""

    def __init__(self, book: Rulebook, want: Want) -> None:
        self.book = book
        self.want = want
        self.extractor = Extractor(book)
        self.joins = checks.corpus_joins(book) if want.joins else None
        self.manifests: dict[Path, dict[str, Any] | None] = {}  # by folder, read once

    def __call__(self, shown: str, raw: bytes | None, checked: bool) -> Outcome:
        doc, problems = articles.read(shown, self.manifests, raw)
        out = Outcome(doc, problems)
        claims: list[Claim] = []
        if doc is not None:
            claims, out.findings = check(doc, self.extractor, self.book)
        out.count = len(claims)
        kinds = None if checked and self.want.keep_all else self.want.kinds
        out.claims = [c for c in claims if kinds is None or c.kind in kinds]
        if self.joins is not None:
            dated = (str(doc.date) if doc.date else "", doc.date_source) if doc else ("", "")
            out.joins = [(k, entries.json_text(c.to_row()), *dated) for k, c in self.joins(claims)]
        if self.want.caching:
            out.entry = entries.encode(doc, problems, out.findings, claims, self.want.kinds)
        return out
