"""The registry of rules and engines, and what an engine sees.

Every rule id a finding can carry is registered here exactly once, with its category, default
severity and a one-line summary (used by --help, `claimcheck explain`, SARIF and docs). An engine
is a function over one document's claims (`scope="document"`) or over all claims of the corpus
(`scope="corpus"`), registered with its rules by the `engine` decorator. Engines never read
text: they see claims only, in a DocContext or a CorpusContext.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimcheck.infra.values import value
from claimcheck.judge import certainty
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding, Related, Severity
from claimcheck.rulebook import Rulebook


@value()
class Rule:
    """A rule an engine reports under: its id, what it checks, how severe by default."""

    id: str
    category: str
    severity: Severity
    summary: str
    engine: str = ""
    fixable: bool = False


RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> Rule:
    if rule.id in RULES and RULES[rule.id] != rule:
        raise ValueError(f"rule {rule.id} registered twice")
    RULES[rule.id] = rule
    return rule


@dataclass
class DocContext:
    """What a document engine sees: one document, its claims, and the rulebook."""

    doc: Document
    claims: Sequence[Claim]
    book: Rulebook

    def finding(
        self,
        rule_id: str,
        claim: Claim,
        message: str,
        evidence: Iterable[object] = (),
        related: Iterable[Related] = (),
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding at the claim's span, citing each rule entry in `evidence` with its source.

        A finding that rests on an unverified entry, or on a part of the claim inferred by a
        rule not shown reliable (judge.certainty), is never more than a warning.
        """
        rule = RULES[rule_id]
        sev: Severity = severity or rule.severity
        inferred = certainty.inferred(claim)
        if sev == "error" and certainty.unreliable([claim]):
            sev = "warning"
        rel = list(related)
        for entry in evidence:
            rel.append(cite(self.book, entry))
            if getattr(entry, "status", "verified") == "unverified" and sev == "error":
                sev = "warning"
        line, col = self.doc.position(claim.start)
        end_line, end_col = self.doc.position(claim.end)
        return Finding(
            rule.id,
            rule.category,
            sev,
            self.doc.path,
            line,
            col,
            end_line,
            end_col,
            message,
            tuple(rel),
            fix,
            anchor=claim.text,
            inferred=tuple((p, inferred[p]) for p in certainty.PARTS if p in inferred),
        )


def cite(book: Rulebook, entry: object) -> Related:
    """A related location for a rule entry: its file position and its source."""
    origin = book.origin(entry)
    source = getattr(entry, "source", None)
    status = getattr(entry, "status", "verified")
    what = f"source: {source}" if source else "rule entry"
    if status == "unverified":
        what += " (unverified)"
    if origin is None:
        return Related("<rulebook>", 1, 1, what)
    return Related(origin.path, origin.line, origin.column, what)


DocEngine = Callable[[DocContext], Iterable[Finding]]


@dataclass
class CorpusContext:
    """What a corpus engine sees: every document with its claims, in a stable order."""

    docs: Sequence[Document]
    claims: Mapping[str, Sequence[Claim]]  # by document path (Document.path)
    book: Rulebook
    # paths.key(path) of the files findings are wanted for (the newly checked ones in a hook)
    targets: frozenset[str] = field(default_factory=frozenset)
    # every claim group the corpus engine builds, not only those that disagree (`report`)
    all_groups: bool = False
    # out: the contradiction groups the corpus engine built (checks.corpus.Group), which the
    # run's result carries to the reports: one model of a group, one definition of its key
    groups: list[Any] = field(default_factory=list)


CorpusEngine = Callable[[CorpusContext], Iterable[Finding]]
DOC_ENGINES: dict[str, DocEngine] = {}
CORPUS_ENGINES: dict[str, CorpusEngine] = {}
# The claim kinds each corpus engine reads from the other documents (None: every kind).
CORPUS_KINDS: dict[str, frozenset[str] | None] = {}
# Each corpus engine's join: the claims of one document that can meet another document's, each
# with its key. A claim of another document can change a finding on a checked one only if the
# checked one has a claim with the same key (None: any claim can).
Joins = Callable[[Sequence[Claim], Rulebook], Iterable[tuple[str, Claim]]]
# Every corpus engine's join bound to one rulebook: a document's claims → (key, claim) pairs.
BoundJoins = Callable[[Sequence[Claim]], list[tuple[str, Claim]]]
CORPUS_JOINS: dict[str, Joins | None] = {}


def engine(
    name: str,
    rules: Sequence[Rule],
    scope: str = "document",
    kinds: Iterable[str] | None = None,
    joins: Joins | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register an engine and the rules it reports. A corpus engine says which claim `kinds`
    of the rest of the corpus it reads and by which `joins` keys claims meet, so that a hook
    run fetches from the cache only the articles that can change its findings."""

    def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        for r in rules:
            register_rule(Rule(r.id, r.category, r.severity, r.summary, name, r.fixable))
        if scope == "document":
            DOC_ENGINES[name] = fn
        else:
            CORPUS_ENGINES[name] = fn
            CORPUS_KINDS[name] = None if kinds is None else frozenset(kinds)
            CORPUS_JOINS[name] = joins
        return fn

    return register
