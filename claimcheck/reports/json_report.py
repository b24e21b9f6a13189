"""JSON per the output contract of design.md (version 1): key order is part of the contract.

Each finding carries, last, its `fingerprint`: the baseline's key for it (rule, file, the claim's
text; not its line), which SARIF and GitLab use to follow a finding across runs.
docs/schema/findings.schema.json describes the whole document. The bytes are those of
`json.dumps(data, indent=2, ensure_ascii=False)` and a newline, in UTF-8.
"""

from __future__ import annotations

from claimcheck.reports.common import json_bytes, ordered
from claimcheck.run.result import Result


def render(result: Result) -> bytes:
    return json_bytes(
        {
            "version": 1,
            "documents": len(result.documents),
            "claims": result.claim_count,
            "findings": [
                {**f.to_json(), "fingerprint": f.fingerprint} for f in ordered(result.findings)
            ],
        }
    )
