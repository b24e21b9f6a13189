"""What every report shares: a total order on findings, counts by severity, one summary sentence.

Formatters take a Result built anywhere (a test, a future server), so they impose their own order
instead of trusting the pipeline's: same findings in any order → same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from claimcheck.judge.certainty import describe
from claimcheck.model.findings import SEVERITIES, Finding, Related, Severity
from claimcheck.run.result import Result

# Human-facing reports (text, markdown) cut a longer message: a 100,000-digit claim quoted in a
# message must not flood a terminal or eat a pull-request comment. Machine formats keep it whole.
MAX_MESSAGE = 1000
# Control characters quoted from an article (an ANSI escape, a NUL) must not reach a terminal.
_CONTROLS = {c: "\ufffd" for c in (*range(0x20), *range(0x7F, 0xA0))}


def _content(f: Finding) -> str:
    return json.dumps(f.to_json(), sort_keys=True)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by path, line, column, rule, message, then content: a total order. The content
    is encoded only to break ties of the rest (few: encoding every finding of an archive cost
    half a second)."""
    out: list[Finding] = []
    for _, tied in groupby(sorted(findings, key=Finding.sort_key), key=Finding.sort_key):
        run = list(tied)
        out.extend(sorted(run, key=_content) if len(run) > 1 else run)
    return out


def by_file(findings: Iterable[Finding]) -> Iterator[tuple[str, list[Finding]]]:
    """(path, its findings) in path order, each group sorted by line."""
    for path, group in groupby(ordered(findings), key=lambda f: f.path):
        yield path, list(group)


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings per severity, every severity present, most severe first."""
    out: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f.severity] += 1
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def counts_phrase(findings: Iterable[Finding]) -> str:
    """'2 errors, 1 warning, 0 info' ('info' is a mass noun: no plural)."""
    return ", ".join(
        f"{n} {sev}" if sev == "info" else plural(n, sev) for sev, n in counts(findings).items()
    )


def summary(result: Result) -> str:
    """'5 documents, 14 claims: 2 errors, 0 warnings, 0 info', and what was hidden: a finding
    the baseline or a comment hid is still there, and a reader should know how many."""
    hidden = [f"{n} by {HIDERS[k]}" for k, n in sorted(result.hidden.items())]
    return (
        f"{plural(len(result.documents), 'document')}, {plural(result.claim_count, 'claim')}: "
        f"{counts_phrase(result.findings)}" + (f"; hidden: {', '.join(hidden)}" if hidden else "")
    )


HIDERS = {"baseline": "the baseline", "suppression": "suppression comments"}


def statistics(result: Result, summary_line: bool = True) -> str:
    """Findings counted by rule, most first (as `ruff --statistics`): where an archive's
    problems lie before anyone reads them one by one."""
    by_rule: dict[tuple[str, str], int] = {}
    for f in result.findings:
        by_rule[f.rule, f.severity] = by_rule.get((f.rule, f.severity), 0) + 1
    rows = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    out = [f"{n:>{width}}  {sev:<7}  {rule}" for (rule, sev), n in rows]
    return lines([*out, *([summary(result)] if summary_line else [])])


def where(r: Related | Finding) -> str:
    """path:line, the reference a person clicks or types."""
    return f"{r.path}:{r.line}"


def one_line(text: str, limit: int | None = MAX_MESSAGE) -> str:
    """Whitespace collapsed (a newline must not break a row), controls replaced, cut explicitly."""
    flat = " ".join(text.split())
    if not flat.isprintable():  # the translation is the cost; most text has nothing to translate
        flat = flat.translate(_CONTROLS)
    if limit is not None and len(flat) > limit:
        return f"{flat[:limit]}… [{len(flat) - limit} more characters]"
    return flat


def fix_phrase(f: Finding) -> str | None:
    """What the certain fix does to the finding's span, for a person."""
    if f.fix is None:
        return None
    return f"replace with {f.fix!r}" if f.fix else "delete it"


def inferred_phrase(f: Finding) -> str | None:
    """What the finding's claim took from outside its own sentence, for a person."""
    if not f.inferred:
        return None
    return describe(f.inferred)


def json_bytes(data: object, sort_keys: bool = False) -> bytes:
    """`json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)` and a newline, in
    UTF-8, for JSON data without floats (orjson writes some of them otherwise: 1e16, NaN).
    orjson writes the same bytes in a tenth of the time (the standard library's indenting
    encoder is pure Python: a second for the 33,000 findings of a 10,000-article archive), and
    as bytes: never decoded to a string that a single en dash makes twice as large, then
    encoded again. What it refuses (a lone surrogate of an undecodable file name, an integer
    past 64 bits) goes the slow way; an undecodable file name is written as its own bytes."""
    import orjson

    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    try:
        return orjson.dumps(data, option=option)
    except TypeError:  # orjson.JSONEncodeError is one
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"
        return text.encode("utf-8", "surrogateescape")


def lines(items: Sequence[str]) -> str:
    """Lines joined with a final newline: every report ends with one."""
    return "".join(f"{s}\n" for s in items)
