"""What a run gives the reports: the documents checked, their claims, the findings left after the
filters, and what was skipped or hidden."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.run.config import Settings

if TYPE_CHECKING:
    from claimcheck.checks.corpus import Group


@dataclass
class Result:
    """What a run found, for the reports: documents, claims, findings, the rulebook."""

    documents: list[Document]
    # claims by document path: the kinds the corpus engines read, or all when asked for
    claims: dict[str, list[Claim]]
    findings: list[Finding]
    book: Rulebook
    targets: list[str] = field(default_factory=list)
    claim_count: int = -1  # every claim of the documents (default: those in `claims`)
    notes: list[str] = field(default_factory=list)  # named files skipped, and why
    hidden: dict[str, int] = field(default_factory=dict)  # findings hidden, by what hid them
    settings: Settings = field(default_factory=Settings)  # e.g. the publisher
    # the corpus engine's contradiction groups (every group with `all_groups`), for the reports
    groups: list[Group] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.claim_count < 0:
            self.claim_count = sum(len(c) for c in self.claims.values())
