"""One line per finding, `path:line:column: severity [rule] message`: what editors' problem
matchers, vim's errorformat and grep read. Nothing else is printed; the exit status says the rest.
"""

from __future__ import annotations

from claimcheck.model.findings import Finding
from claimcheck.reports.common import lines, one_line, ordered
from claimcheck.run.result import Result


def render(result: Result) -> str:
    return lines([_line(f) for f in ordered(result.findings)])


def _line(f: Finding) -> str:
    where = f"{one_line(f.path, None)}:{f.line}:{f.column}"
    return f"{where}: {f.severity} [{f.rule}] {one_line(f.message)}"
