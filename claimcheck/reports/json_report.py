"""JSON per the output contract of design.md (version 1): key order is part of the contract.

The bytes are those of `json.dumps(data, indent=2, ensure_ascii=False)` and a newline.
"""

from __future__ import annotations

from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import json_text, ordered


@formatter("json")
def render(result: Result) -> str:
    return json_text(
        {
            "version": 1,
            "documents": len(result.documents),
            "claims": result.claim_count,
            "findings": [f.to_json() for f in ordered(result.findings)],
        }
    )
