"""The contradiction report's formats (`claimcheck report`): one row per group of claims the
corpus engine built (every claim about one subject, metric or ranking, period and unit), each
article's value as written, the rulebook's value when it has one, and the claims that disagree.

The groups are the run's (`Result.groups`, built by claimcheck/checks/corpus.py): the report and
the HTML report describe the same groups with the same words (name, subject, period).
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from claimcheck.checks.corpus import value_text
from claimcheck.judge.periods import when

if TYPE_CHECKING:
    from claimcheck.checks.corpus import Entry, Group
    from claimcheck.rulebook import Rulebook
    from claimcheck.run.result import Result

MARK = "≠"  # a value that disagrees


def name(group: Group, book: Rulebook) -> str:
    if group.kind == "quantity":
        return book.metrics[group.target].name
    return book.rankings[group.target].name


def subject(group: Group, book: Rulebook) -> str:
    if not group.subject:
        return "—"
    entity = book.entities.get(group.subject)
    return entity.names[0] if entity else group.subject


def period(group: Group) -> str:
    text = when(group.period)
    return f"{text}, {group.measure}" if group.measure else text


def value(group: Group, e: Entry) -> str:
    return value_text(group, e)


def _offending(group: Group) -> set[int]:
    return {id(e) for e, _, _ in group.offending}


def _ordered(group: Group) -> list[Entry]:
    return sorted(group.entries, key=lambda e: e.order[1:])


def _line(e: Entry) -> int:
    return e.doc.position(e.claim.start)[0]


def _status(group: Group) -> str:
    n = len(group.offending)
    if not n:
        return "agree"
    against = "the rulebook" if group.reference == "rulebook" else "the other articles"
    return f"{n} disagree{'s' if n == 1 else ''} with {against}"


def text(result: Result) -> str:
    return _text(result.groups, result.book, len(result.documents))


def _text(groups: list[Group], book: Rulebook, documents: int) -> str:
    from tabulate import tabulate

    rows = []
    for g in groups:
        bad = _offending(g)
        values = "\n".join(
            f"{MARK if id(e) in bad else ' '} {e.doc.path}:{_line(e)} {e.claim.text!r}"
            f" ({value(g, e)})"
            for e in _ordered(g)
        )
        rows.append(
            (name(g, book), subject(g, book), period(g), values, "\n".join(g.facts), _status(g))
        )
    head = ("metric or ranking", "subject", "period", "articles", "rulebook", "status")
    widths = (30, 12, 18, 70, 18, 20)
    cells = [[_wrap(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    out = [tabulate(cells, headers=head, tablefmt="simple")]
    out.append("")
    out.append(_summary(groups, documents))
    return "\n".join(out) + "\n" if rows else _summary(groups, documents) + "\n"


def _wrap(cell: str, width: int) -> str:
    """Each line of a cell wrapped on its own (a line per article stays one)."""
    import textwrap

    return "\n".join(textwrap.fill(line, width) or line for line in cell.splitlines())


def _summary(groups: list[Group], documents: int) -> str:
    conflicting = sum(1 for g in groups if g.offending)
    return (
        f"{documents} document{'s' if documents != 1 else ''}, {len(groups)} claim "
        f"key{'s' if len(groups) != 1 else ''}, {conflicting} with disagreement"
    )


def _bound(x: float) -> float | None:
    return x if math.isfinite(x) else None


def as_json(result: Result) -> str:
    return _as_json(result.groups, result.book, len(result.documents))


def _as_json(groups: list[Group], book: Rulebook, documents: int) -> str:
    data: dict[str, Any] = {
        "version": 1,
        "documents": documents,
        "groups": [],
    }
    for g in groups:
        bad = _offending(g)
        data["groups"].append(
            {
                "kind": g.kind,
                "target": g.target,
                "name": name(g, book),
                "subject": g.subject or None,
                "period": {
                    "start": g.period.start.isoformat(),
                    "end": g.period.end.isoformat(),
                    "kind": g.period.kind,
                },
                "unit": g.unit or None,
                "measure": g.measure or None,
                "reference": g.reference,
                "rulebook": list(g.facts),
                "disagreeing": len(g.offending),
                "values": [
                    {
                        "path": e.doc.path,
                        "line": _line(e),
                        "column": e.doc.position(e.claim.start)[1],
                        "date": str(e.doc.date) if e.doc.date else None,
                        "text": e.claim.text,
                        "low": _bound(e.low),
                        "high": _bound(e.high),
                        "disagrees": id(e) in bad,
                    }
                    for e in _ordered(g)
                ],
            }
        )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(result: Result) -> str:
    return _markdown(result.groups, result.book, len(result.documents))


def _markdown(groups: list[Group], book: Rulebook, documents: int) -> str:
    out = ["# Contradiction report", "", _summary(groups, documents), ""]
    if groups:
        out.append("| metric or ranking | subject | period | articles | rulebook | status |")
        out.append("|---|---|---|---|---|---|")
    for g in groups:
        bad = _offending(g)
        values = "<br>".join(
            ("**≠** " if id(e) in bad else "")
            + _md(f"`{e.doc.path}:{_line(e)}` {e.claim.text!r} ({value(g, e)})")
            for e in _ordered(g)
        )
        cells = [name(g, book), subject(g, book), period(g)]
        out.append(
            "| "
            + " | ".join(
                [*map(_md, cells), values, _md("; ".join(g.facts)) or "—", _md(_status(g))]
            )
            + " |"
        )
    return "\n".join(out) + "\n"
