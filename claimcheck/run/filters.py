"""The filters between the engines' findings and the report: the configuration's disables and
severities, inline suppressions in articles, and the baseline file of known findings.

Inline: `<!-- claimcheck-disable-next-line [RULE ...] -->` hides findings on the next non-blank
line; `<!-- claimcheck-disable [RULE ...] -->` hides them until `<!-- claimcheck-enable -->` or the
end of the file. With no rule named, every rule is meant. A rule id no check registers (a typo)
would silence nothing without a word: it is a warning at the comment, with the closest id.

Baseline: a JSON file of finding fingerprints (rule, path and the claim's text, not its line), so
that moving text around does not bring back a finding the desk has already accepted.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimcheck import checks
from claimcheck.infra import regexes
from claimcheck.infra.errors import JobError
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.run.config import Settings
from claimcheck.yamlio import positions as yamlpos


def settle(
    found: list[Finding], docs: Sequence[Document], settings: Settings
) -> tuple[list[Finding], dict[str, int]]:
    """The findings on the documents a run reports, sorted: the configuration's disables and
    severities applied, then the suppression comments and the baseline; and how many findings
    each of those two hid (when any)."""
    wanted = configure(found, settings)
    # findings are on these only; a comment naming an unknown rule is one of them
    sups = {d.path: scan(d, checks.RULES) for d in docs}
    wanted.extend(configure([f for s in sups.values() for f in s.findings], settings))
    hidden: dict[str, int] = {}
    shown = [f for f in wanted if f.path not in sups or not sups[f.path].hides(f)]
    hidden["suppression"], wanted = len(wanted) - len(shown), shown
    if settings.baseline and Path(settings.baseline).exists():
        try:
            known = read_baseline(Path(settings.baseline))
        except BaselineError as exc:
            raise JobError(str(exc)) from None
        shown = apply_baseline(sorted(wanted, key=Finding.sort_key), known)
        hidden["baseline"], wanted = len(wanted) - len(shown), shown
    wanted.sort(key=Finding.sort_key)
    return wanted, {k: n for k, n in hidden.items() if n}


def configure(found: list[Finding], settings: Settings) -> list[Finding]:
    """The findings of rules not disabled, each at the severity the configuration gives its
    rule."""
    out = []
    for f in found:
        if f.rule in settings.disable:
            continue
        sev = settings.severity.get(f.rule)
        out.append(replace(f, severity=sev) if sev else f)
    return out


_COMMENT = regexes.compile(
    r"<!--\s*claimcheck-(disable-next-line|disable|enable)\b([^>]*?)-->", re.I
)
ALL = "*"
UNKNOWN_RULE = "suppression-unknown-rule"  # registered in claimcheck.checks.documents


@dataclass
class Suppressions:
    """Per line, the rule ids hidden there (ALL for every rule)."""

    lines: dict[int, set[str]] = field(default_factory=dict)
    ranges: list[tuple[int, int, set[str]]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # comments naming unknown rules

    def hides(self, f: Finding) -> bool:
        if (rules := self.lines.get(f.line)) and (ALL in rules or f.rule in rules):
            return True
        return any(a <= f.line <= b and (ALL in r or f.rule in r) for a, b, r in self.ranges)


def scan(doc: Document, known: Collection[str] = ()) -> Suppressions:
    """The comments of a document; with the `known` rule ids, a finding for each other id named."""
    sup = Suppressions()
    if "claimcheck-" not in doc.text:
        return sup
    open_at: dict[str, int] = {}
    n_lines = doc.text.count("\n") + 1
    for m in _COMMENT.finditer(doc.text):
        verb = m.group(1).lower()
        rules = set(m.group(2).replace(",", " ").split()) or {ALL}
        line, _ = doc.position(m.start())
        if known:
            sup.findings.extend(_unknown(doc, m, rules, known))
        if verb == "disable-next-line":
            target = line + 1
            while target <= n_lines and not doc.line_text(target).strip():
                target += 1
            sup.lines.setdefault(target, set()).update(rules)
        elif verb == "disable":
            for r in rules:
                open_at.setdefault(r, line)
        else:
            for r in list(open_at) if rules == {ALL} else rules:
                if r in open_at:
                    sup.ranges.append((open_at.pop(r), line, {r}))
    for r, start in open_at.items():
        sup.ranges.append((start, n_lines, {r}))
    return sup


def _unknown(
    doc: Document, comment: re.Match[str], rules: set[str], known: Collection[str]
) -> list[Finding]:
    """A warning at the comment for each rule id in it that no check registers."""
    line, column = doc.position(comment.start())
    end_line, end_column = doc.position(comment.end())
    return [
        Finding(
            UNKNOWN_RULE,
            "document",
            "warning",
            doc.path,
            line,
            column,
            end_line,
            end_column,
            f"unknown rule {rule!r}: the comment silences nothing"
            + yamlpos.suggest(rule, sorted(known)),
            anchor=comment.group(0),
        )
        for rule in sorted(rules - {ALL})
        if rule not in known
    ]


BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Record findings by fingerprint; rule, path and text are written too, for people to review."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.fingerprint, []).append(f)
    entries = [
        {
            "rule": fs[0].rule,
            "path": posixpath.normpath(fs[0].path.replace("\\", "/")),
            "text": " ".join(fs[0].anchor.split()),
            "fingerprint": fp,
            "count": len(fs),
        }
        for fp, fs in groups.items()
    ]
    entries.sort(
        key=lambda e: (str(e["path"]), str(e["rule"]), str(e["text"]), str(e["fingerprint"]))
    )
    path.write_text(
        json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
        errors="surrogateescape",  # an undecodable file name, as its own bytes
    )
    return sum(len(fs) for fs in groups.values())


def read_baseline(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise BaselineError(
                f"{path}:1:1: not a claimcheck baseline (version {BASELINE_VERSION})"
            )
        return Counter({e["fingerprint"]: int(e.get("count", 1)) for e in data["findings"]})
    except OSError as exc:
        raise BaselineError(f"{path}:1:1: cannot read baseline: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}:{exc.colno}: baseline is not JSON: {exc.msg}"
        ) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}:1:1: malformed baseline ({exc})") from None


def apply_baseline(findings: list[Finding], known: Counter[str]) -> list[Finding]:
    left = Counter(known)
    out = []
    for f in findings:
        fp = f.fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            continue
        out.append(f)
    return out
