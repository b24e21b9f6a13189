"""The terminal report: a table per file, sorted by line; evidence and fix under each row.

Evidence (rule sources are often long URLs) does not fit in a table column of a 100-column
terminal, so only the message is wrapped inside the table and each finding's evidence and fix get
their own full-width lines beneath its row, where a URL stays whole and can be copied.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

from claimcheck.model.findings import Finding
from claimcheck.reports.common import (
    by_file,
    fix_phrase,
    inferred_phrase,
    lines,
    one_line,
    summary,
    where,
)
from claimcheck.run.result import Result

WIDTH = 100  # but on a terminal, which gets its own width: the same input, the same bytes
INDENT = "  "
HEADERS = ("line:col", "severity", "rule", "message")
MIN_MESSAGE = 30  # at WIDTH; in proportion on a terminal of another width
GAP = "  "  # between columns
# ANSI SGR codes, written only to a terminal (or with FORCE_COLOR)
COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
BOLD, RESET = "\x1b[1m", "\x1b[0m"
_PLAIN = re.compile(r"\S(?:[ \S]*\S)?")  # one kind of whitespace (a space), none at the ends
_HYPHEN = re.compile(r"[^\W\d]-|--")  # where textwrap's word splitter may break a word


def render(result: Result) -> str:
    return layout(result)


def layout(
    result: Result, width: int = WIDTH, colour: bool = False, summary_line: bool = True
) -> str:
    """The report at a width (a terminal's; WIDTH elsewhere, for the same bytes everywhere),
    with the severities in colour for a terminal, and the summary line unless asked quiet."""
    out: list[str] = []
    for path, group in by_file(result.findings):
        head = one_line(path, None)
        out.append(f"{BOLD}{head}{RESET}" if colour else head)
        out.extend(INDENT + line for line in _table(group, width, colour))
        out.append("")
    if summary_line:
        out.append(summary(result))
    elif out:
        out.pop()  # the blank line after the last table
    return lines(out)


def _table(findings: list[Finding], width: int, colour: bool) -> list[str]:
    cells = [(f"{f.line}:{f.column}", f.severity, f.rule) for f in findings]
    widths = [_width(h, col) for h, col in zip(HEADERS, zip(*cells, strict=True), strict=False)]
    starts = [sum(widths[:i]) + len(GAP) * i for i in range(len(HEADERS))]
    msg_w = max(MIN_MESSAGE * width // WIDTH, width - len(INDENT) - starts[3])
    wrapped = [_wrap(one_line(f.message), msg_w) or [""] for f in findings]
    widths.append(_width(HEADERS[3], [line for msg in wrapped for line in msg]))
    out = [_row(HEADERS, widths), _row(["-" * w for w in widths], widths)]
    for c, f, msg in zip(cells, findings, wrapped, strict=True):
        out.append(_row((*c, msg[0]), widths, COLOURS[f.severity] if colour else ""))
        out.extend((" " * starts[3] + line).rstrip() for line in msg[1:])
        out.extend(_details(f, starts[1], starts[2], width))
    return out


def _width(header: str, column: Iterable[str]) -> int:
    """A column's width in tabulate's "simple" layout, which this table keeps: the widest cell,
    and at least the header with two spaces of padding."""
    return max(len(header) + 2, *map(len, column))


def _row(cells: Sequence[str], widths: list[int], colour: str = "") -> str:
    padded = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
    if colour:  # around the severity alone: the codes take no room on the screen
        padded[1] = f"{colour}{cells[1]}{RESET}{padded[1][len(cells[1]) :]}"
    return GAP.join(padded).rstrip()


def _wrap(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    hyphens: bool = True,
    long_words: bool = True,
) -> list[str]:
    """textwrap.wrap's lines, found by a search for the last space on each line instead of its loop
    over every word (a report of an archive wraps tens of thousands of texts)."""
    room = width - max(len(initial_indent), len(subsequent_indent))
    if not _simple(text, room if long_words else None, hyphens):
        return textwrap.wrap(
            text,
            width,
            initial_indent=initial_indent,
            subsequent_indent=subsequent_indent,
            break_on_hyphens=hyphens,
            break_long_words=long_words,
        )
    out: list[str] = []
    at, indent = 0, initial_indent
    while len(text) - at > width - len(indent):
        cut = text.rfind(" ", at, at + width - len(indent) + 1)
        if cut < 0:  # a word longer than the line: alone on its own, as textwrap leaves it
            cut = text.find(" ", at)
            cut = len(text) if cut < 0 else cut
        out.append(indent + text[at:cut].rstrip(" "))
        at, indent = cut + 1, subsequent_indent
        while at < len(text) and text[at] == " ":
            at += 1
    if at < len(text):
        out.append(indent + text[at:])
    return out


def _simple(text: str, room: int | None, hyphens: bool) -> bool:
    """Where the search and textwrap cannot differ: spaces the only whitespace, none at either end,
    no hyphen textwrap's word splitter would break at, and every word fits a line where textwrap
    would break a longer one (room)."""
    if not _PLAIN.fullmatch(text) or (hyphens and _HYPHEN.search(text)):
        return False
    return room is None or max(map(len, text.split(" "))) <= room


def _details(f: Finding, label_at: int, text_at: int, width: int) -> list[str]:
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
            _wrap(
                text,
                width - len(INDENT),
                initial_indent=(" " * label_at + label).ljust(text_at),
                subsequent_indent=hang,
                hyphens=False,
                long_words=False,  # a URL stays whole
            )
        )
    return out
