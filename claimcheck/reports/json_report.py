"""JSON per the output contract of design.md (version 1): key order is part of the contract."""

from __future__ import annotations

import json
from typing import Any

from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import ordered


@formatter("json")
def render(result: Result) -> str:
    data: dict[str, Any] = {
        "version": 1,
        "documents": len(result.documents),
        "claims": result.claim_count,
        "findings": [f.to_json() for f in ordered(result.findings)],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
