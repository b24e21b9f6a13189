"""GitHub Actions workflow commands: one annotation per finding, then a plain summary line.

The message carries the evidence and the fix on lines of their own (an annotation may span
lines), escaped as GitHub documents: %, CR and LF everywhere, and ':' and ',' in properties too.
Columns are given only for a one-line span, the only case GitHub draws them; endColumn is the
column after the span, as in every claimcheck report.
"""

from __future__ import annotations

from claimcheck.model.findings import Finding
from claimcheck.reports.common import fix_phrase, lines, ordered, summary, where
from claimcheck.run.result import Result

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
NL = "\n"
_DATA = {ord("%"): "%25", ord("\r"): "%0D", ord("\n"): "%0A"}
_PROPERTY = _DATA | {ord(":"): "%3A", ord(","): "%2C"}


def data(text: str) -> str:
    return text.translate(_DATA)


def prop(text: str) -> str:
    return text.translate(_PROPERTY)


def render(result: Result) -> str:
    out = [_command(f) for f in ordered(result.findings)]
    out.append(f"claimcheck: {summary(result)}")
    return lines(out)


def _command(f: Finding) -> str:
    one_line = f.end_line == f.line
    props = [
        ("file", f.path.replace("\\", "/")),
        ("line", str(f.line)),
        *([("col", str(f.column))] if one_line else []),
        ("endLine", str(f.end_line)),
        *([("endColumn", str(f.end_column))] if one_line else []),
        ("title", f.rule),
    ]
    message = [f.message, *(f"evidence: {where(r)} {r.message}" for r in f.related)]
    fix = fix_phrase(f)
    if fix is not None:
        message.append(f"fix: {fix}")
    head = ",".join(f"{k}={prop(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{data(NL.join(message))}"
