"""The third beat (examples/tamarack): a fictional company's results, its rules written from the
docs alone by one person and its articles and answer key by another who never saw the rules.

The beat is a measurement, not a target the code is fitted to: the test holds the answer key to
its text, the rules to their own examples, and claimcheck to the scores it has reached (a floor
that only rises), with the misses and false alarms listed by benchmarks/beats/score.py.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from typing import Any

from conftest import REPO_ROOT

from claimcheck import rulebook
from claimcheck.run.ruletest import Runner
from claimcheck.yamlio import positions as yamlpos

BEAT = REPO_ROOT / "examples" / "tamarack"
ANSWERS = yamlpos.read(BEAT / "answers.yaml")
PLANTED: list[dict[str, Any]] = [dict(e) for e in ANSWERS["planted"]]
TRAPS: list[dict[str, Any]] = [dict(e) for e in ANSWERS["traps"]]
# The scores reached (strict: the key's own rule on the planted line); raise them when they rise.
FLOOR_CAUGHT = 19
CEILING_FALSE = 1


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location(
        "beat_score", REPO_ROOT / "benchmarks" / "beats" / "score.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _findings() -> list[dict[str, Any]]:
    run = subprocess.run(
        [
            sys.executable, "-m", "claimcheck", "check", "examples/tamarack/articles",
            "--rules", "examples/tamarack/rules", "--format", "json", "--no-cache",
        ],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    found: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return found


def test_the_beat_is_whole_and_stands_alone() -> None:
    assert len(PLANTED) >= 12 and len(TRAPS) >= 8
    for path in [*BEAT.rglob("*.md"), *BEAT.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8").lower()
        assert "vietnam" not in text and "japan" not in text, path


def test_answer_key_points_at_its_text() -> None:
    for entry in [*PLANTED, *TRAPS]:
        lines = (BEAT / "articles" / entry["file"]).read_text(encoding="utf-8").splitlines()
        assert entry["text"] in lines[entry["line"] - 1], entry


def test_the_rules_pass_their_own_examples() -> None:
    book = rulebook.load([BEAT / "rules"])
    runner = Runner(book)
    failed = [
        o.line() for o in (runner.run(ex, at) for ex, at in book.examples) if o.status == "FAIL"
    ]
    assert not failed, failed


def test_scores_do_not_fall() -> None:
    s = _scorer().score({"planted": PLANTED, "traps": TRAPS}, _findings())
    assert s["caught"] >= FLOOR_CAUGHT, [m["text"] for m in s["missed"]]
    assert len(s["false"]) <= CEILING_FALSE, [f["message"] for f, _ in s["false"]]
