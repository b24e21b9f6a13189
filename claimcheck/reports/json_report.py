"""JSON per the output contract of design.md (version 1): key order is part of the contract.

The bytes are those of `json.dumps(data, indent=2)`, written one finding at a time: encoding a
whole archive's findings at once holds millions of small pieces in memory (the indenting encoder
is pure Python and collects them all before joining).
"""

from __future__ import annotations

import json

from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import ordered


@formatter("json")
def render(result: Result) -> str:
    head = (
        f'{{\n  "version": 1,\n  "documents": {len(result.documents)},\n'
        f'  "claims": {result.claim_count},\n  "findings": '
    )
    findings = ordered(result.findings)
    if not findings:
        return head + "[]\n}\n"
    items = (
        json.dumps(f.to_json(), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        for f in findings
    )
    return head + "[\n    " + ",\n    ".join(items) + "\n  ]\n}\n"
