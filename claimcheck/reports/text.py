"""The terminal report: findings grouped by file, sorted by line, then a count by severity."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from tabulate import tabulate

from claimcheck.findings import SEVERITIES
from claimcheck.pipeline import Result
from claimcheck.reports import formatter


@formatter("text")
def render(result: Result) -> str:
    out: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        rows = []
        for f in group:
            evidence = "; ".join(f"{r.path}:{r.line}: {r.message}" for r in f.related)
            message = f.message + (f" [fix: {f.fix}]" if f.fix is not None else "")
            rows.append((f"{f.line}:{f.column}", f.severity, f.rule, message, evidence))
        out.append(path)
        out.append(
            tabulate(
                rows,
                headers=("line", "severity", "rule", "message", "evidence"),
                tablefmt="simple",
                maxcolwidths=[None, None, None, 70, 50],
            )
        )
        out.append("")
    counts = Counter(f.severity for f in result.findings)
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES)
    out.append(
        f"{len(result.documents)} document{'s' if len(result.documents) != 1 else ''}, "
        f"{result.claim_count} claims: {summary}"
    )
    return "\n".join(out) + "\n"
