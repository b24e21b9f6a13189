"""Score claimcheck's findings on a beat against its answer key (planted errors and traps).

    claimcheck check BEAT/articles --rules BEAT/rules --format json --no-cache -o /tmp/f.json
    python benchmarks/beats/score.py --beat BEAT --report /tmp/f.json

A planted error is caught when an error or warning of its rule lands on its line (`rule: unknown`:
any error or warning there). A finding is right when it catches a planted error; every other error
or warning is a false alarm, and one on a trap's line is named as the trap it fell into. Info
findings are not judged. Recall = planted caught / planted; precision = right / judged findings.
The key's writer chose rule ids without the rules: "on its line" also counts a planted error
flagged by another rule (a more specific one, or a misreading of the same wrong claim), printed
apart so that each reader can judge them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def score(answers: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    judged = [f for f in findings if f["severity"] in ("error", "warning")]
    at = {(Path(f["path"]).name, f["line"]): [] for f in judged}
    for f in judged:
        at[(Path(f["path"]).name, f["line"])].append(f)
    caught, missed, right = [], [], set()
    for p in answers.get("planted") or []:
        hits = [
            f
            for f in at.get((p["file"], p["line"]), [])
            if p["rule"] == "unknown" or f["rule"] == p["rule"]
        ]
        (caught if hits else missed).append(p)
        right.update(id(f) for f in hits)
    traps = {(t["file"], t["line"]): t for t in answers.get("traps") or []}
    false = [f for f in judged if id(f) not in right]
    planted_at = {(p["file"], p["line"]) for p in missed}
    other_rule = [f for f in false if (Path(f["path"]).name, f["line"]) in planted_at]
    return {
        "planted": len(caught) + len(missed),
        "caught": len(caught),
        "missed": missed,
        "findings": len(judged),
        "right": len(right),
        "false": [(f, traps.get((Path(f["path"]).name, f["line"]))) for f in false],
        "on_line": len({(Path(f["path"]).name, f["line"]) for f in other_rule}),
        "other_rule": len(other_rule),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--beat", type=Path, required=True, help="the beat's folder (answers.yaml)")
    ap.add_argument("--report", type=Path, required=True, help="claimcheck's JSON report")
    args = ap.parse_args(argv)
    answers = YAML(typ="safe").load((args.beat / "answers.yaml").read_text(encoding="utf-8"))
    report = json.loads(args.report.read_text(encoding="utf-8"))
    s = score(answers, report["findings"])
    recall = s["caught"] / s["planted"] if s["planted"] else 1.0
    precision = s["right"] / s["findings"] if s["findings"] else 1.0
    print(f"recall    {s['caught']}/{s['planted']} = {recall:.2f}")
    print(f"precision {s['right']}/{s['findings']} = {precision:.2f}")
    caught, right = s["caught"] + s["on_line"], s["right"] + s["other_rule"]
    print(
        f"on its line, any rule: recall {caught}/{s['planted']}, precision {right}/{s['findings']}"
    )
    for p in s["missed"]:
        print(f"missed  {p['file']}:{p['line']} {p['rule']}: {p['text']!r}")
    for f, trap in s["false"]:
        where = f"{Path(f['path']).name}:{f['line']}"
        why = f" (trap {trap['text']!r})" if trap else ""
        print(f"false   {where} {f['rule']}{why}: {f['message'][:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
