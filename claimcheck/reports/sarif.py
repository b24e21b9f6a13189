"""SARIF 2.1.0 for code-scanning tools: the same findings, with rule metadata, evidence and fixes.

Columns count characters (as in every claimcheck report), which SARIF calls unicodeCodePoints;
end columns are exclusive in both. Every registered rule is listed, sorted by id, so that a rule's
index does not depend on which rules happened to fire.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.findings import Finding, Related
from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import fix_phrase, json_bytes, ordered

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "claimcheck/v1"


def uri(path: str) -> str:
    """A path as a URI reference: forward slashes, relative stays relative, absolute → file:///.
    An undecodable byte of a file name is percent-encoded as itself."""
    p = path.replace("\\", "/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/", errors="surrogateescape")
    if len(p) > 1 and p[1] == ":":  # a Windows drive
        return "file:///" + p[:2] + quote(p[2:], safe="/", errors="surrogateescape")
    return quote(posixpath.normpath(p), safe="/", errors="surrogateescape")


@formatter("sarif")
def render(result: Result) -> bytes:
    findings = ordered(result.findings)
    rules = _rules(findings)
    index = {r["id"]: i for i, r in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule]) for f in findings],
            }
        ],
    }
    return json_bytes(log, sort_keys=True)


def _rules(findings: list[Finding]) -> list[dict[str, Any]]:
    """Every registered rule, plus any rule a finding names that is not registered."""
    from claimcheck import checks

    checks.load_engines()
    known = {r.id: (r.category, r.severity, r.summary) for r in checks.RULES.values()} | {
        f.rule: (f.category, f.severity, f.rule) for f in findings if f.rule not in checks.RULES
    }
    return [
        {
            "id": rule_id,
            "shortDescription": {"text": summary},
            "defaultConfiguration": {"level": LEVELS[severity]},
            "properties": {"tags": [category]},
        }
        for rule_id, (category, severity, summary) in sorted(known.items())
    ]


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": region}}


def _span(f: Finding) -> dict[str, int]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }


def _related(i: int, r: Related) -> dict[str, Any]:
    loc = _location(r.path, {"startLine": r.line, "startColumn": r.column})
    return {"id": i, **loc, "message": {"text": r.message}}


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.path, _span(f))],
        "partialFingerprints": {FINGERPRINT: f.fingerprint},
        "properties": {"category": f.category},
    }
    if f.inferred:
        out["properties"]["inferred"] = dict(f.inferred)
    if f.related:
        out["relatedLocations"] = [_related(i, r) for i, r in enumerate(f.related, start=1)]
    if f.fix is not None:
        change = {
            "artifactLocation": {"uri": uri(f.path)},
            "replacements": [{"deletedRegion": _span(f), "insertedContent": {"text": f.fix}}],
        }
        out["fixes"] = [{"description": {"text": fix_phrase(f)}, "artifactChanges": [change]}]
    return out
