"""The terminal report: a table per file, sorted by line; evidence and fix under each row.

Evidence (rule sources are often long URLs) does not fit in a table column of a 100-column
terminal, so only the message is wrapped inside the table and each finding's evidence and fix get
their own full-width lines beneath its row, where a URL stays whole and can be copied.
"""

from __future__ import annotations

import textwrap

from claimcheck.findings import Finding
from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import (
    by_file,
    fix_phrase,
    inferred_phrase,
    lines,
    one_line,
    summary,
    where,
)

WIDTH = 100  # fixed, not the terminal's: the same input gives the same bytes everywhere
INDENT = "  "
HEADERS = ("line:col", "severity", "rule", "message")
MIN_MESSAGE = 30


@formatter("text")
def render(result: Result) -> str:
    out: list[str] = []
    for path, group in by_file(result.findings):
        out.append(one_line(path, None))
        out.extend(INDENT + line for line in _table(group))
        out.append("")
    out.append(summary(result))
    return lines(out)


def _table(findings: list[Finding]) -> list[str]:
    cells = [(f"{f.line}:{f.column}", f.severity, f.rule) for f in findings]
    # First pass without messages: tabulate decides the other columns (with its own padding);
    # the dash line tells where each column starts, and the message gets what is left of WIDTH.
    starts = _column_starts(_render([(*c, "") for c in cells]))
    msg_w = max(MIN_MESSAGE, WIDTH - len(INDENT) - starts[3])
    wrapped = [textwrap.wrap(one_line(f.message), msg_w) or [""] for f in findings]
    table = _render([(*c, "\n".join(m)) for c, m in zip(cells, wrapped, strict=True)])
    out, at = table[:2], 2  # header and dashes
    # Every cell but the message is one line, so row i is exactly len(wrapped[i]) lines long.
    for f, msg in zip(findings, wrapped, strict=True):
        out.extend(table[at : at + len(msg)])
        at += len(msg)
        out.extend(_details(f, starts[1], starts[2]))
    return out


def _render(rows: list[tuple[str, str, str, str]]) -> list[str]:
    # imported here: a clean hook run prints only the summary and need not pay for tabulate
    from tabulate import tabulate

    table = tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    return [line.rstrip() for line in table.splitlines()]


def _column_starts(table: list[str]) -> list[int]:
    dashes = table[1]
    return [i for i, ch in enumerate(dashes) if ch == "-" and (i == 0 or dashes[i - 1] == " ")]


def _details(f: Finding, label_at: int, text_at: int) -> list[str]:
    """Evidence and fix lines under a row: label in the severity column, text from the rule's."""
    items = [("evidence", f"{where(r)}  {one_line(r.message)}") for r in f.related]
    inferred = inferred_phrase(f)
    if inferred is not None:
        items.append(("inferred", inferred))
    fix = fix_phrase(f)
    if fix is not None:
        items.append(("fix", one_line(fix)))
    out: list[str] = []
    hang = " " * text_at
    for label, text in items:
        out.extend(
            textwrap.wrap(
                text,
                WIDTH - len(INDENT),
                initial_indent=(" " * label_at + label).ljust(text_at),
                subsequent_indent=hang,
                break_long_words=False,  # a URL stays whole
                break_on_hyphens=False,
            )
        )
    return out
