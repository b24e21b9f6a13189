"""SARIF 2.1.0 for code-scanning tools: the same findings, with rule help, evidence and fixes.

Columns count characters (as in every claimcheck report), which SARIF calls unicodeCodePoints;
end columns are exclusive in both. Every registered rule is listed, sorted by id, so that a rule's
index does not depend on which rules happened to fire; each carries the help `claimcheck explain`
prints (docs/checks.md), with the examples of the run's rule files.

Paths are relative to the repository root (the nearest folder with `.git` above the working
directory, else the working directory) under the base id %SRCROOT%, which `originalUriBaseIds`
resolves: GitHub matches alerts across runs by path, so a run from a subfolder must name a file as
a run from the root does. A file outside the root gets an absolute file URI.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimcheck import __version__, checks
from claimcheck.model.findings import Finding, Related
from claimcheck.reports.common import fix_phrase, json_bytes, ordered
from claimcheck.run.config import absolute_url
from claimcheck.run.result import Result

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "claimcheck/v1"
SRCROOT = "%SRCROOT%"
# The address of docs/checks.md, from the installed package's metadata (a `Checks` project URL):
# a rule's helpUri is it with the rule's heading as fragment.
DOCS_LABEL = "checks"


def uri(path: str) -> str:
    """A path as a URI reference: forward slashes, relative stays relative, absolute → file:///.
    An undecodable byte of a file name is percent-encoded as itself."""
    p = path.replace("\\", "/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/", errors="surrogateescape")
    if len(p) > 1 and p[1] == ":":  # a Windows drive
        return "file:///" + p[:2] + quote(p[2:], safe="/", errors="surrogateescape")
    return quote(posixpath.normpath(p), safe="/", errors="surrogateescape")


def render(result: Result) -> bytes:
    findings = ordered(result.findings)
    rules = _rules(result, findings)
    index = {r["id"]: i for i, r in enumerate(rules)}
    root = repository_root()
    where = Locator(root)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {
                        "uri": root.as_uri().rstrip("/") + "/",
                        "description": {"text": "the repository root"},
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule], where) for f in findings],
            }
        ],
    }
    return json_bytes(log, sort_keys=True)


def repository_root(start: Path | None = None) -> Path:
    """The nearest folder with `.git` (a folder, or a worktree's file) at or above `start`."""
    here = (start or Path.cwd()).resolve()
    return next((d for d in (here, *here.parents) if (d / ".git").exists()), here)


class Locator:
    """Artifact locations relative to the repository root, each path worked out once."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.cwd = os.getcwd()
        self.seen: dict[str, dict[str, str]] = {}

    def artifact(self, path: str) -> dict[str, str]:
        got = self.seen.get(path)
        if got is None:
            got = self.seen[path] = self._artifact(path)
        return got

    def relative(self, path: str) -> str | None:
        """The path from the repository root, or None for a file outside it."""
        if len(path) > 1 and path[1] == ":":  # a Windows drive: not under a POSIX root
            return None
        full = os.path.normpath(os.path.join(self.cwd, path))
        rel = os.path.relpath(full, self.root)
        return None if rel == ".." or rel.startswith(".." + os.sep) else rel

    def _artifact(self, path: str) -> dict[str, str]:
        rel = self.relative(path)
        if rel is None:
            absolute = path if len(path) > 1 and path[1] == ":" else os.path.join(self.cwd, path)
            return {"uri": uri(os.path.normpath(absolute))}
        return {"uri": uri(rel), "uriBaseId": SRCROOT}


def docs_url() -> str | None:
    """Where docs/checks.md is published, if the installed package says (a `Checks` URL)."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("claimcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = (part.strip() for part in str(entry).partition(","))
        if label.lower() == DOCS_LABEL and url.startswith(("https://", "http://")):
            return url
    return None


def _help_base(result: Result) -> str | None:
    """Where docs/checks.md is published: the config's `checks_url` (a newsroom's own copy),
    else the installed package's; never a relative or made-up address."""

    named = result.settings.checks_url
    if named and absolute_url(named):
        return named.strip()
    return docs_url()


def _rules(result: Result, findings: list[Finding]) -> list[dict[str, Any]]:
    """Every registered rule with its help, plus any rule a finding names that is not."""
    from claimcheck.reports import rule_help  # only for SARIF: it reads every engine's docs

    checks.load_engines()
    examples = rule_help.examples(result.book)
    base = _help_base(result)
    out = []
    for rule_id in sorted({*checks.RULES, *(f.rule for f in findings)}):
        rule = checks.RULES.get(rule_id)
        if rule is None:
            f = next(f for f in findings if f.rule == rule_id)
            out.append(_rule(rule_id, f.category, f.severity, rule_id, rule_id, rule_id))
            continue
        text = rule_help.explain(rule_id, examples.get(rule_id, ([], [])))
        described = rule_help.description(rule_id)
        entry = _rule(rule_id, rule.category, rule.severity, rule.summary, described, text)
        if base is not None:
            entry["helpUri"] = f"{base}#{rule_id}"
        out.append(entry)
    return out


def _rule(
    rule_id: str, category: str, severity: str, short: str, full: str, help_text: str
) -> dict[str, Any]:
    return {
        "id": rule_id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": [category]},
    }


def _location(where: Locator, path: str, region: dict[str, int]) -> dict[str, Any]:
    artifact = where.artifact(path)
    return {"physicalLocation": {"artifactLocation": dict(artifact), "region": region}}


def _span(f: Finding) -> dict[str, int]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }


def _related(where: Locator, i: int, r: Related) -> dict[str, Any]:
    loc = _location(where, r.path, {"startLine": r.line, "startColumn": r.column})
    return {"id": i, **loc, "message": {"text": r.message}}


def _result(f: Finding, rule_index: int, where: Locator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(where, f.path, _span(f))],
        "partialFingerprints": {FINGERPRINT: f.fingerprint},
        "properties": {"category": f.category},
    }
    if f.inferred:
        out["properties"]["inferred"] = dict(f.inferred)
    if f.related:
        out["relatedLocations"] = [_related(where, i, r) for i, r in enumerate(f.related, 1)]
    if f.fix is not None:
        change = {
            "artifactLocation": dict(where.artifact(f.path)),
            "replacements": [{"deletedRegion": _span(f), "insertedContent": {"text": f.fix}}],
        }
        out["fixes"] = [{"description": {"text": fix_phrase(f)}, "artifactChanges": [change]}]
    return out
