"""Score claimcheck on the real development set against the hand judgements in judged.yaml.

    python benchmarks/real/score.py --report /work/realdev/first-run.json
    python benchmarks/real/score.py --articles /work/realdev/articles

Findings are matched to judgements by (file name, line, rule), so a report made from another
folder or machine still matches; where two findings share that key, a judgement that gives a
column matches the finding that starts there. Prints precision for errors and for errors plus
warnings, the recall of the listed real errors, the false alarms by cause, and every finding
nobody has judged yet: a change that adds findings shows them here, to be judged before the
numbers mean anything. Exits 0 whatever the scores (a measurement, not a gate), 2 when it
cannot read its inputs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
_SCRIPT = Path(sys.executable).parent / "claimcheck"
CLAIMCHECK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "claimcheck"]
COUNTED = ("error", "warning")

Key = tuple[str, int, str]
Spot = tuple[str, int, str, int]


class BadInput(Exception):
    """A judged.yaml, report or run that cannot be scored; main prints it on one line."""


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    column: int
    severity: str
    message: str

    @property
    def key(self) -> Key:
        return (self.file, self.line, self.rule)

    @property
    def spot(self) -> Spot:
        return (*self.key, self.column)


@dataclass(frozen=True)
class Verdict:
    true: bool
    cause: str


def load_judged(path: Path) -> dict[str, Any]:
    """Read judged.yaml, refusing an entry without the keys matching needs (one line, no trace)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise BadInput(f"{path}: expected a mapping with 'findings' and 'real_errors'")
    for part, needed in (
        ("findings", ("file", "line", "rule", "verdict")),
        ("real_errors", ("file", "line")),
    ):
        for n, entry in enumerate(data.get(part) or [], 1):
            missing = [k for k in needed if not isinstance(entry, dict) or k not in entry]
            if missing:
                raise BadInput(f"{path}: {part} entry {n} lacks {', '.join(missing)}")
    return data


class Verdicts:
    """Judgements by (file, line, rule), and by column too where the judgement gives one."""

    def __init__(self, judged: dict[str, Any]) -> None:
        self.by_key: dict[Key, Verdict] = {}
        self.by_spot: dict[Spot, Verdict] = {}
        for entry in judged.get("findings") or []:
            key = (str(entry["file"]), int(entry["line"]), str(entry["rule"]))
            verdict = Verdict(entry["verdict"] is True, str(entry.get("cause", "")))
            self.by_key.setdefault(key, verdict)
            if "column" in entry:
                self.by_spot[(*key, int(entry["column"]))] = verdict

    def get(self, finding: Finding) -> Verdict | None:
        return self.by_spot.get(finding.spot) or self.by_key.get(finding.key)


def run_claimcheck(articles: Path, rules: Path) -> dict[str, Any]:
    """Run a cold check (no cache) so the report reflects the code and rules as they are now."""
    cmd = [
        *CLAIMCHECK,
        "check",
        str(articles),
        "--rules",
        str(rules),
        "--format",
        "json",
        "--no-cache",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise BadInput(f"claimcheck exited {done.returncode}: {done.stderr.strip()}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def findings_of(report: dict[str, Any]) -> list[Finding]:
    return [
        Finding(
            Path(f["path"]).name,
            int(f["line"]),
            f["rule"],
            int(f["column"]),
            f["severity"],
            f["message"],
        )
        for f in report.get("findings", [])
        if f["severity"] in COUNTED
    ]


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else f"{part}/0 = n/a"


def precision(found: list[Finding], known: Verdicts) -> str:
    rated = [v for v in map(known.get, found) if v is not None]
    return ratio(sum(v.true for v in rated), len(rated))


def recall(found: list[Finding], judged: dict[str, Any], known: Verdicts) -> str:
    """A real error counts as caught when a finding on its line is not judged a false alarm, and
    is of the rule its entry names as catching it (`caught`); a finding another error of the same
    line is caught by does not count for this one (two errors of one line are two catches)."""
    errors = judged.get("real_errors") or []
    claimed: dict[tuple[str, int], set[str]] = {}
    for entry in errors:
        if isinstance(entry.get("caught"), str):
            claimed.setdefault((str(entry["file"]), int(entry["line"])), set()).add(entry["caught"])
    hit = 0
    for entry in errors:
        where = (str(entry["file"]), int(entry["line"]))
        caught = entry.get("caught")
        if any(
            (f.file, f.line) == where
            and (known.get(f) or Verdict(True, "")).true
            and (
                f.rule == caught
                if isinstance(caught, str)
                else f.rule not in claimed.get(where, ())
            )
            for f in found
        ):
            hit += 1
    return ratio(hit, len(errors))


def by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def summary(found: list[Finding], judged: dict[str, Any]) -> list[str]:
    known = Verdicts(judged)
    errors = [f for f in found if f.severity == "error"]
    lines = [
        f"findings: {len(errors)} errors, {len(found) - len(errors)} warnings",
        f"error precision: {precision(errors, known)}",
        f"error-or-warning precision: {precision(found, known)}",
        f"real-error recall: {recall(found, judged, known)}",
        "false alarms by cause:",
    ]
    rated = [v for v in map(known.get, found) if v is not None]
    causes = Counter(v.cause for v in rated if not v.true)
    lines += [f"  {n:3d}  {cause}" for cause, n in sorted(causes.items(), key=by_count)]
    unjudged = sorted({f for f in found if known.get(f) is None}, key=lambda f: f.spot)
    lines.append(f"unjudged findings: {len(unjudged)}")
    lines += [f"  {f.file}:{f.line} {f.severity} {f.rule}: {f.message}" for f in unjudged]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--report", type=Path, help="a claimcheck JSON report")
    source.add_argument("--articles", type=Path, help="a folder of articles to check now")
    parser.add_argument("--judged", type=Path, default=HERE / "judged.yaml")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args(argv)
    try:
        if args.report is not None:
            report = json.loads(args.report.read_text(encoding="utf-8"))
        else:
            report = run_claimcheck(args.articles, args.rules)
        lines = summary(findings_of(report), load_judged(args.judged))
    except (BadInput, OSError, ValueError, KeyError) as exc:
        print(f"score: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
