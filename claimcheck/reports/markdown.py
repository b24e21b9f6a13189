"""Markdown for a pull-request comment: the summary first, then a table of findings per file.

Text from articles and rule files is escaped so that a `|`, `<` or `*` in a message renders as
itself and never breaks the table or opens a tag, nor a `$` GitHub math. GitHub rejects a comment
longer than 65,536 characters, so findings that do not fit are dropped from the end and counted
in a last line.
"""

from __future__ import annotations

from claimcheck.model.findings import Finding
from claimcheck.reports.common import (
    fix_phrase,
    inferred_phrase,
    one_line,
    ordered,
    plural,
    summary,
    where,
)
from claimcheck.run.result import Result

LIMIT = 65_536  # GitHub's limit on a comment body
RESERVE = 200  # room kept for the "not shown" line
TABLE_HEAD = "| Location | Severity | Rule | Finding |\n|---|---|---|---|\n"
_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]|~$"} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
}


def size(text: str) -> int:
    """Length in UTF-16 code units: never less than the character count GitHub applies."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone one (a file name) too


def esc(text: str) -> str:
    """Inline text safe in a table cell: one line, Markdown punctuation and HTML escaped."""
    return one_line(text).translate(_ESCAPES)


def code(text: str) -> str:
    # <code> rather than backticks: a backtick or a pipe in a path cannot end the span or the cell.
    return f"<code>{esc(text)}</code>"


def render(result: Result) -> str:
    head = f"## claimcheck\n\n**{esc(summary(result))}**\n"
    if not result.findings:
        return head + "\nNo findings.\n"
    parts = [head]
    used = size(head)
    shown = 0
    previous = None
    for f in ordered(result.findings):
        heading = f"\n### {code(f.path)}\n\n{TABLE_HEAD}" if f.path != previous else ""
        piece = heading + _row(f)
        if used + size(piece) + RESERVE > LIMIT:
            break
        parts.append(piece)
        used += size(piece)
        shown += 1
        previous = f.path
    hidden = len(result.findings) - shown
    if hidden:
        parts.append(
            f"\n… and {plural(hidden, 'more finding')} not shown: a comment holds at most "
            f"{LIMIT:,} characters. Run claimcheck locally for the full report.\n"
        )
    return "".join(parts)


def _row(f: Finding) -> str:
    cells = [code(where(f)), f.severity, code(f.rule), esc(f.message) + _details(f)]
    return "| " + " | ".join(cells) + " |\n"


def _details(f: Finding) -> str:
    """Evidence and fix folded under the message: the table stays scannable."""
    items = [f"{code(where(r))} {esc(r.message)}" for r in f.related]
    inferred = inferred_phrase(f)
    if inferred is not None:
        items.append(f"<b>Inferred:</b> {esc(inferred)}")
    fix = fix_phrase(f)
    if fix is not None:
        items.append(f"<b>Fix:</b> {esc(fix)}")
    if not items:
        return ""
    label = " and ".join(
        ([f"evidence ({len(f.related)})"] if f.related else [])
        + (["inferred"] if inferred else [])
        + (["fix"] if fix else [])
    )
    return f"<details><summary>{label}</summary>{'<br>'.join(items)}</details>"
