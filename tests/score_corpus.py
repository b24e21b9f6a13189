"""Score claimcheck on a test corpus against its answer key: precision and recall, printed.

    python tests/score_corpus.py [CORPUS] [--rules DIR]... [--key FILE] [--min 0.95] [-v]

The key (CORPUS/expected.yaml) lists every error a careful fact-checker finds, as `file`, `line`
and `rule`, with the `text` the error is in; `traps` are lines that must stay silent. A finding
counts when it is error or warning (info findings say what could not be checked, not what is
wrong); it matches a key entry with the same file, line and rule, each entry at most once.
Precision is matched findings over all findings, recall matched entries over all entries.

Exit status: 0 when both reach --min, 1 when one does not, 2 when the key or rules are broken.
Any corpus with such a key can be scored, so articles the engines were not written against can
be used too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCORED = ("error", "warning")


@dataclass(frozen=True)
class Expected:
    file: str
    line: int
    rule: str
    text: str = ""
    why: str = ""


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    rule: str
    severity: str
    message: str


@dataclass
class Score:
    expected: list[Expected]
    found: list[Found]
    matched: list[tuple[Expected, Found]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    unexpected: list[Found] = field(default_factory=list)
    noisy_traps: list[tuple[Expected, Found]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return len(self.matched) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.expected) if self.expected else 1.0


class KeyError_(Exception):
    """The answer key is broken: a file that does not exist, text not on its line."""


def read_key(path: Path) -> tuple[list[Expected], list[Expected]]:
    from ruamel.yaml import YAML

    try:
        data: Any = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeyError_(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise KeyError_(f"{path}: expected a mapping with `errors:` and `traps:`")
    errors = [_entry(path, e, True) for e in data.get("errors") or []]
    traps = [_entry(path, e, False) for e in data.get("traps") or []]
    return errors, traps


def _entry(key: Path, raw: Any, is_error: bool) -> Expected:
    if not isinstance(raw, dict) or "file" not in raw or "line" not in raw:
        raise KeyError_(f"{key}: every entry needs file and line: {raw!r}")
    if is_error and "rule" not in raw:
        raise KeyError_(f"{key}: an error entry needs a rule: {raw!r}")
    entry = Expected(
        str(raw["file"]),
        int(raw["line"]),
        str(raw.get("rule", "")),
        str(raw.get("text", "")),
        str(raw.get("why", "")),
    )
    article = key.parent / entry.file
    if not article.is_file():
        raise KeyError_(f"{key}: {entry.file}: no such article")
    lines = article.read_text(encoding="utf-8").splitlines()
    if not 1 <= entry.line <= len(lines):
        raise KeyError_(f"{key}: {entry.file}:{entry.line}: no such line")
    if entry.text and entry.text not in lines[entry.line - 1]:
        raise KeyError_(f"{key}: {entry.file}:{entry.line}: {entry.text!r} is not on that line")
    return entry


def run_claimcheck(corpus: Path, rules: Sequence[str]) -> list[Found]:
    """Check every article of the corpus (each one a target, as in CI) and keep scored findings."""
    from claimcheck.run import config, pipeline

    settings = config.Settings(rules=list(rules))
    result = pipeline.run([str(corpus)], settings)
    out = []
    for f in result.findings:
        if f.severity not in SCORED:
            continue
        rel = os.path.relpath(f.path, corpus).replace(os.sep, "/")
        out.append(Found(rel, f.line, f.rule, f.severity, f.message))
    return out


def score(expected: list[Expected], found: list[Found], traps: Sequence[Expected] = ()) -> Score:
    result = Score(expected, found)
    open_: dict[tuple[str, int, str], list[Expected]] = {}
    for e in expected:
        open_.setdefault((e.file, e.line, e.rule), []).append(e)
    for f in found:
        waiting = open_.get((f.file, f.line, f.rule))
        if waiting:
            result.matched.append((waiting.pop(0), f))
        else:
            result.unexpected.append(f)
    result.missed = [e for group in open_.values() for e in group]
    trap_lines = {(t.file, t.line): t for t in traps}
    result.noisy_traps = [
        (trap_lines[(f.file, f.line)], f) for f in found if (f.file, f.line) in trap_lines
    ]
    return result


def category(rule: str) -> str:
    from claimcheck import checks

    checks.load_engines()
    known = checks.RULES.get(rule)
    return known.category if known else "?"


def report(s: Score, verbose: bool = False) -> str:
    rows: dict[str, Counter[str]] = {}
    for e in s.expected:
        rows.setdefault(category(e.rule), Counter())["expected"] += 1
    for f in s.found:
        rows.setdefault(category(f.rule), Counter())["found"] += 1
    for e, _ in s.matched:
        rows[category(e.rule)]["matched"] += 1
    out = [f"{'category':<12} {'expected':>8} {'found':>6} {'matched':>8}"]
    for cat in sorted(rows):
        c = rows[cat]
        out.append(f"{cat:<12} {c['expected']:>8} {c['found']:>6} {c['matched']:>8}")
    out.append("")
    out.append(
        f"precision {s.precision:.3f} ({len(s.matched)}/{len(s.found)})   "
        f"recall {s.recall:.3f} ({len(s.matched)}/{len(s.expected)})"
    )
    if s.missed:
        out.append("\nmissed (in the key, not found):")
        out += [f"  {e.file}:{e.line}: {e.rule}: {e.text!r} ({e.why})" for e in s.missed]
    if s.unexpected:
        out.append("\nunexpected (found, not in the key):")
        out += [f"  {f.file}:{f.line}: {f.rule} [{f.severity}]: {f.message}" for f in s.unexpected]
    if s.noisy_traps:
        out.append("\ntraps that were flagged:")
        out += [f"  {t.file}:{t.line}: {t.text!r}: {f.rule}" for t, f in s.noisy_traps]
    if verbose:
        out.append("\nmatched:")
        out += [f"  {e.file}:{e.line}: {e.rule}: {f.message}" for e, f in s.matched]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(HERE / "corpus"))
    parser.add_argument("--rules", action="append", help="rule folder (default: the project's)")
    parser.add_argument("--key", help="answer key (default: CORPUS/expected.yaml)")
    parser.add_argument("--min", type=float, default=0.95, help="target for both scores")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the matches too")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    key = Path(args.key) if args.key else corpus / "expected.yaml"
    from claimcheck.run.pipeline import JobError

    try:
        expected, traps = read_key(key)
        found = run_claimcheck(corpus, args.rules or [str(ROOT / "rules")])
    except (KeyError_, JobError) as exc:
        print(f"score_corpus: {exc}", file=sys.stderr)
        return 2
    s = score(expected, found, traps)
    sys.stdout.write(report(s, args.verbose))
    return 0 if s.precision >= args.min and s.recall >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())
