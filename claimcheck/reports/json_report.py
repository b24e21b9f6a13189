"""JSON per the output contract of design.md (version 1): key order is part of the contract.

The bytes are those of `json.dumps(data, indent=2, ensure_ascii=False)`, written one finding at a
time by `indented`: the standard library's indenting encoder is pure Python built on generators,
and took a second of a 10,000-article run for its 66,000 findings; this one takes half of that.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

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
    items = (indented(f.to_json(), "    ") for f in findings)
    return head + "[\n    " + ",\n    ".join(items) + "\n  ]\n}\n"


def indented(value: object, pad: str = "") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` for JSON data (str keys), as if nested
    at indentation `pad`."""
    if isinstance(value, str):
        return encode_basestring(value)  # type: ignore[no-any-return]
    if value is None or isinstance(value, bool | float):
        return json.dumps(value)
    if isinstance(value, int):
        return int.__repr__(value)
    inner = pad + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        fields = (f"{inner}{encode_basestring(k)}: {indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(fields) + "\n" + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + indented(v, inner) for v in value) + "\n" + pad + "]"
    raise TypeError(f"not JSON data: {type(value).__name__}")
