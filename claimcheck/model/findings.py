"""Findings: what a check concludes, in the shape of the JSON output contract (design.md)."""

from __future__ import annotations

import posixpath
from dataclasses import field
from typing import Any, Literal

from claimcheck.infra.values import value

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}
CATEGORIES = (
    "title",
    "rank",
    "quantity",
    "unit",
    "date",
    "term",
    "name",
    "arithmetic",
    "document",
)


@value()
class Related:
    """Evidence for a finding: the rule entry and its source, or the other article."""

    path: str
    line: int
    column: int
    message: str

    def __reduce__(self) -> tuple[type[Related], tuple[Any, ...]]:
        return (Related, (self.path, self.line, self.column, self.message))

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@value()
class Finding:
    """A problem found, where it is, and the evidence (`related`) it rests on."""

    rule: str
    category: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    related: tuple[Related, ...] = ()
    fix: str | None = None
    # The claim's text and its n-th occurrence: stable under edits elsewhere in the file, so a
    # baseline keeps matching when lines move.
    anchor: str = field(default="", compare=False)
    # The parts of the claims it rests on that their sentences do not state, and how each was
    # inferred: (part, how) pairs, e.g. ("period", "publication-date") (judge.certainty).
    inferred: tuple[tuple[str, str], ...] = ()

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        return (
            Finding,
            (
                self.rule,
                self.category,
                self.severity,
                self.path,
                self.line,
                self.column,
                self.end_line,
                self.end_column,
                self.message,
                self.related,
                self.fix,
                self.anchor,
                self.inferred,
            ),
        )

    @property
    def fingerprint(self) -> str:
        text = " ".join(self.anchor.split()).lower()
        path = posixpath.normpath(self.path.replace("\\", "/"))
        import hashlib  # here: a run that prints no fingerprint need not load OpenSSL

        key = f"{self.rule}\0{path}\0{text}".encode("utf-8", "surrogateescape")  # any file name
        return hashlib.sha256(key).hexdigest()[:32]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "related": [r.to_json() for r in self.related],
        }
        if self.fix is not None:
            out["fix"] = {"replacement": self.fix}
        if self.inferred:
            out["inferred"] = dict(self.inferred)
        return out

    def to_record(self) -> dict[str, Any]:
        """Everything but the path (cached by content: the same bytes may live at two paths)."""
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "at": [self.line, self.column, self.end_line, self.end_column],
            "message": self.message,
            "related": [r.to_json() for r in self.related],
            "fix": self.fix,
            "anchor": self.anchor,
            "inferred": [list(p) for p in self.inferred],
        }

    @classmethod
    def from_record(cls, path: str, d: dict[str, Any]) -> Finding:
        line, column, end_line, end_column = d["at"]
        related = tuple(Related(**r) for r in d["related"])
        return cls(
            d["rule"],
            d["category"],
            d["severity"],
            path,
            line,
            column,
            end_line,
            end_column,
            d["message"],
            related,
            d["fix"],
            d["anchor"],
            tuple((part, how) for part, how in d["inferred"]),
        )
