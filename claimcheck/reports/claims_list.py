"""What `claimcheck claims` prints: each article's claims and the sentences left unread, as text
or JSON (the formats `claims` declares in claimcheck/reports/__init__.py).

The command (commands/claims.py) reads the articles into DocClaims; these formatters only print.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.model.claims import Claim


@dataclass
class Unparsed:
    start: int
    end: int
    line: int
    column: int
    text: str
    reasons: list[str]


@dataclass
class DocClaims:
    """One article's claims and coverage."""

    path: str
    date: str | None
    claims: list[Claim]
    positions: list[tuple[int, int, int, int]]
    sentences: int = 0
    candidates: int = 0
    unparsed: list[Unparsed] = field(default_factory=list)
    unread: list[Unparsed] = field(default_factory=list)  # figures in claimed sentences, unused


def _interval(low: float, high: float) -> str:
    def num(x: float) -> str:
        if math.isinf(x):
            return "inf"
        return f"{x:,.0f}" if x == int(x) and abs(x) < 1e15 else f"{x:,.6g}"

    return num(low) if low == high else f"[{num(low)}, {num(high)}]"


def describe(c: Claim) -> str:
    """One line for one claim: kind, target, subject, rank or value, period, attributes."""
    bits = [f"{c.kind:<10}", c.target or "-"]
    if c.subject:
        bits.append(f"subject={c.subject}")
    if c.rank is not None:
        bits.append(f"rank={c.rank}")
    if c.value is not None:
        v = c.value
        bits.append(f"value={_interval(v.low, v.high)} {v.unit or '(no unit)'}")
    if c.period is not None:
        bits.append(f"period={c.period}")
    if c.date is not None:
        bits.append(f"date={c.date}")
    if c.modifiers:
        bits.append("modifiers=" + ",".join(c.modifiers))
    bits += [f"{k}={v}" for k, v in c.attrs if k != "alias"]
    if c.parts:
        bits.append("parts=" + " | ".join(repr(p.text) for p in c.parts))
    return "  ".join(bits) + f'  "{_short(c.text)}"'


def _short(text: str, width: int = 90) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 3] + "..."


def to_text(reports: Sequence[DocClaims], problems: Sequence[str], unparsed: bool) -> str:
    lines: list[str] = [*problems]
    total = candidates = missed = sentences_n = unread = 0
    for r in reports:
        lines.append(f"{r.path} (date {r.date or 'unknown'}): {len(r.claims)} claim(s)")
        for c, (line, col, _, _) in zip(r.claims, r.positions, strict=True):
            lines.append(f"  {line}:{col}: {describe(c)}")
        if unparsed:
            for u in r.unparsed:
                lines.append(
                    f"  {u.line}:{u.column}: unparsed ({', '.join(u.reasons)}): {_short(u.text)}"
                )
            for u in r.unread:
                lines.append(f"  {u.line}:{u.column}: unread figure: {u.text}")
        total += len(r.claims)
        candidates += r.candidates
        missed += len(r.unparsed)
        unread += len(r.unread)
        sentences_n += r.sentences
    lines.append(
        f"{len(reports)} document(s), {total} claim(s); coverage: {sentences_n} sentence(s), "
        f"{candidates} with a number, date, rank word or title, {candidates - missed} gave claims, "
        f"{missed} unparsed; {unread} figure(s) unread in sentences that gave claims"
        + ("" if unparsed or not (missed or unread) else " (list them with --unparsed)")
    )
    return "\n".join(lines) + "\n"


def claim_json(c: Claim, pos: tuple[int, int, int, int] | None = None) -> dict[str, Any]:
    """A claim as JSON: infinite bounds become null (JSON has no infinity)."""
    data: dict[str, Any] = _finite(c.to_json())
    if pos is not None:
        data = {"line": pos[0], "column": pos[1], "end_line": pos[2], "end_column": pos[3], **data}
    return data


def _finite(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def doc_json(r: DocClaims, unparsed: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": r.path,
        "date": r.date,
        "claims": [claim_json(c, p) for c, p in zip(r.claims, r.positions, strict=True)],
        "coverage": {
            "sentences": r.sentences,
            "candidates": r.candidates,
            "unparsed": len(r.unparsed),
            "unread_figures": len(r.unread),
        },
    }
    if unparsed:
        data["unparsed"] = [
            {"line": u.line, "column": u.column, "text": u.text, "reasons": u.reasons}
            for u in r.unparsed
        ]
        data["unread_figures"] = [
            {"line": u.line, "column": u.column, "text": u.text} for u in r.unread
        ]
    return data


def to_json(reports: Sequence[DocClaims], problems: Sequence[str], unparsed: bool) -> str:
    # `documents` is a count, as in every claimcheck JSON; the per-article list is `articles`
    out = {
        "version": 1,
        "documents": len(reports),
        "problems": list(problems),
        "articles": [doc_json(r, unparsed) for r in reports],
        "coverage": {
            "sentences": sum(r.sentences for r in reports),
            "candidates": sum(r.candidates for r in reports),
            "unparsed": sum(len(r.unparsed) for r in reports),
            "unread_figures": sum(len(r.unread) for r in reports),
        },
    }
    return json.dumps(out, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
