"""GitLab Code Quality: a JSON array of issues, one per finding, for a merge request's widget.

GitLab reads a subset of Code Climate's issue format: `description`, `check_name`, `fingerprint`,
`severity` (info, minor, major, critical or blocker) and `location` with a `path` from the
repository root and `lines.begin`. GitLab keeps one issue per fingerprint, so the fingerprint is
the finding's baseline fingerprint (rule, file, the claim's text: stable when lines move) with the
occurrence's number in its file, for the same claim written twice.
"""

from __future__ import annotations

import hashlib
from typing import Any

from claimcheck.model.findings import Finding
from claimcheck.reports.common import fix_phrase, json_bytes, one_line, ordered, where
from claimcheck.reports.sarif import Locator, repository_root
from claimcheck.run.result import Result

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(result: Result) -> bytes:
    locate = Locator(repository_root())
    seen: dict[str, int] = {}
    issues = []
    for f in ordered(result.findings):
        n = seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        issues.append(_issue(f, n, locate))
    return json_bytes(issues)


def fingerprint(f: Finding, occurrence: int) -> str:
    """The finding's fingerprint, told apart from the same claim's other occurrences."""
    if occurrence == 1:
        return f.fingerprint
    key = f"{f.fingerprint}\0{occurrence}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def _issue(f: Finding, occurrence: int, locate: Locator) -> dict[str, Any]:
    rel = locate.relative(f.path)
    path = (rel if rel is not None else f.path).replace("\\", "/")
    out: dict[str, Any] = {
        "type": "issue",
        "check_name": f.rule,
        "description": one_line(f.message, None),
        "fingerprint": fingerprint(f, occurrence),
        "severity": SEVERITIES[f.severity],
        "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
    }
    body = [f"Evidence: {where(r)} {one_line(r.message, None)}" for r in f.related]
    fix = fix_phrase(f)
    if fix is not None:
        body.append(f"Fix: {fix}")
    if body:
        out["content"] = {"body": "\n\n".join(body)}
    return out
