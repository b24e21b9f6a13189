"""Apply certain fixes to articles, or show them as a unified diff.

Only findings of rules registered as fixable carry a fix that is applied (a wrong term variant, a
title the rulebook makes certain); a number is never rewritten, since the right figure depends on
a source a person must read. Overlapping fixes: the first in the file wins, the rest wait for the
next run.

Edits are made in the text as the file has it (positions count its characters), so that the rest
of the file keeps its bytes: combining marks (NFD), a byte-order mark and CRLF line ends.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from claimcheck.checks import RULES
from claimcheck.infra.values import value
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding


@value()
class Edit:
    start: int
    end: int
    replacement: str


def _offset(doc: Document, line: int, column: int) -> int:
    at = doc.written_offset(line, column)
    assert at is not None, f"{doc.path}:{line}: no such line"
    return at


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if f.fix is not None and RULES.get(f.rule, None) is not None and RULES[f.rule].fixable
    ]


def fixed_text(doc: Document, findings: Iterable[Finding]) -> tuple[str, int]:
    """The document's text as written (without its BOM) with the fixes applied, and how many
    were applied. A file written in NFD gets its replacements in NFD too."""
    edits = sorted(
        (
            Edit(
                _offset(doc, f.line, f.column), _offset(doc, f.end_line, f.end_column), f.fix or ""
            )
            for f in fixable(findings)
            if f.path == doc.path
        ),
        key=lambda e: (e.start, e.end),
    )
    import unicodedata  # here, for start-up time (fixes are rare)

    written = doc.written
    nfd = written != doc.text and unicodedata.is_normalized("NFD", written)
    out: list[str] = []
    pos = 0
    applied = 0
    for e in edits:
        if e.start < pos:
            continue
        out.append(written[pos : e.start])
        out.append(unicodedata.normalize("NFD", e.replacement) if nfd else e.replacement)
        pos = e.end
        applied += 1
    out.append(written[pos:])
    return "".join(out), applied


def apply(docs: Iterable[Document], findings: list[Finding], write: bool) -> tuple[str, int]:
    """Fix every document (when `write`) and return the unified diff and the number of fixes."""
    by_path = {d.path: d for d in docs}
    diff: list[str] = []
    total = 0
    for path, group in groupby(
        sorted(fixable(findings), key=Finding.sort_key), key=lambda f: f.path
    ):
        doc = by_path.get(path)
        if doc is None:
            continue
        new, n = fixed_text(doc, list(group))
        if not n:
            continue
        total += n
        bom = "\ufeff" if doc.bom else ""
        new = bom + new
        diff.extend(
            difflib.unified_diff(
                (bom + doc.written).splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{path.lstrip('/')}",
                tofile=f"b/{path.lstrip('/')}",
            )
        )
        if write:
            with Path(path).open("w", encoding="utf-8", newline="") as fh:
                fh.write(new)
    text = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff
    )
    return text, total
