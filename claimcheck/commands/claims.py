"""`claimcheck claims`: show what the extractor understood, and what it could not read.

For a rule writer: every claim with its kind, subject, target, value interval and unit, period
and span; then a coverage summary counting the sentences that hold a figure, a written date
(an event said in words no rule reads), a rank word or a known title and yet gave no claim (a
checker that silently skips what it cannot read is the known failure of tools in this field).
`--unparsed` lists those sentences.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimcheck.commands import EXIT_CLEAN, JobError, add_rules_options, settings, write

if TYPE_CHECKING:
    from claimcheck.claims import Claim
    from claimcheck.documents import Document
    from claimcheck.extract import Extractor
    from claimcheck.rulebook import Rulebook

FORMATS = ("text", "json")


def register(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "claims",
        help="list the claims extracted from articles, and the sentences left unread",
        description="List every claim the extractor finds in the articles (kind, subject, "
        "target, value interval and unit, period, span), with a coverage summary of the "
        "sentences that hold a number, a date, a rank word or a known title but gave no claim.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="articles or folders")
    add_rules_options(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    p.add_argument(
        "--unparsed",
        action="store_true",
        help="list the sentences with a number, date, rank word or title that gave no claim",
    )
    return p


def run(args: argparse.Namespace) -> int:
    from claimcheck import documents, pipeline

    s = settings(args)
    book = pipeline.load_rules(s.rules)
    targets, missing = documents.collect(args.paths, s.include, s.exclude)
    if missing:
        raise JobError("\n".join(f"{p}: no such file or folder" for p in missing))
    loaded = documents.load(targets)
    reports = [read(doc, book) for doc in loaded.documents]
    problems = [f"{f.path}:{f.line}:{f.column}: {f.message}" for f in loaded.findings]
    if args.format == "json":
        write(to_json(reports, problems, args.unparsed))
    else:
        write(to_text(reports, problems, args.unparsed))
    return EXIT_CLEAN


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


def read(doc: Document, book: Rulebook) -> DocClaims:
    """Extract one document's claims and measure which candidate sentences gave none."""
    from claimcheck.extract import numbers, periods, sentences
    from claimcheck.extract.ranks import RANK_WORDS

    claims = _extractor(book).extract(doc)
    out = DocClaims(
        doc.path,
        str(doc.date) if doc.date else None,
        claims,
        [(*doc.position(c.start), *doc.position(c.end)) for c in claims],
    )
    spans = sentences.split(doc.text, doc.body_start)
    out.sentences = len(spans)
    covered = sorted((c.start, c.end) for c in claims)
    titles = _title_spans(book, doc.text)
    for a, b in spans:
        found = periods.find(doc.text, a, b, doc.date)
        figures = numbers.find(doc.text, a, b, [(p.start, p.end) for p in found])
        reasons = []
        if figures:
            reasons.append("number")
        if any(p.phrase == "stated" and _has_digit(doc.text, p.start, p.end) for p in found):
            reasons.append("date")  # an event said with a date that no rule reads shows here
        if RANK_WORDS.search(doc.text, a, b):
            reasons.append("rank word")
        if any(x < b and a < y for x, y in titles):
            reasons.append("title")
        if not reasons:
            continue
        out.candidates += 1
        mine = [(x, y) for x, y in covered if x < b and a < y]
        if not mine:
            line, col = doc.position(a)
            out.unparsed.append(Unparsed(a, b, line, col, doc.text[a:b], reasons))
            continue
        for n in figures:
            if not any(x < n.end and n.start < y for x, y in mine):
                line, col = doc.position(n.start)
                out.unread.append(
                    Unparsed(n.start, n.end, line, col, doc.text[n.start : n.end], [])
                )
    return out


def _has_digit(text: str, start: int, end: int) -> bool:
    from claimcheck.extract.context import DIGIT

    return DIGIT.search(text, start, end) is not None


_CACHE: dict[int, tuple[Rulebook, Extractor]] = {}


def _extractor(book: Rulebook) -> Extractor:
    from claimcheck.extract import Extractor

    got = _CACHE.get(id(book))
    if got is None or got[0] is not book:
        got = _CACHE[id(book)] = (book, Extractor(book))
    return got[1]


def _title_spans(book: Rulebook, text: str) -> list[tuple[int, int]]:
    from claimcheck.vocab import fold

    vocab = _extractor(book).vocab
    return [
        (m.start, m.end)
        for m in vocab.longest(text, fold(text))
        if any(e.kind == "office" for e in m.entries)
    ]


# --- output --------------------------------------------------------------------------------------


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
