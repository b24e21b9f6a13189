"""JSON per the output contract of design.md (version 1)."""

from __future__ import annotations

import json

from claimcheck.pipeline import Result
from claimcheck.reports import formatter


@formatter("json")
def render(result: Result) -> str:
    data = {
        "version": 1,
        "documents": len(result.documents),
        "claims": result.claim_count,
        "findings": [f.to_json() for f in result.findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
