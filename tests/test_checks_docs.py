"""docs/checks.md is `claimcheck explain --all` of this repository: regenerate, never hand-edit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.checks import CORPUS_ENGINES, RULES, load_engines
from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _generate(capsys: pytest.CaptureFixture[str]) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert main(["explain", "--all"]) == 0
    finally:
        os.chdir(cwd)
    return capsys.readouterr().out


def test_checks_doc_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    text = _generate(capsys)
    if os.environ.get("CLAIMCHECK_REGEN_DOCS"):
        (ROOT / "docs" / "checks.md").write_text(text, encoding="utf-8")
    assert (ROOT / "docs" / "checks.md").read_text(encoding="utf-8") == text, (
        "docs/checks.md is stale: run `claimcheck explain --all > docs/checks.md`"
    )


def test_every_rule_is_documented_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    load_engines()
    text = _generate(capsys)
    for rule in RULES.values():
        assert f"\n## {rule.id}\n" in text
        # rules of the corpus engines need two articles: their examples are tests/corpus/
        if rule.category != "document" and rule.engine not in CORPUS_ENGINES:
            section = text.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
            assert "Triggers:" in section, f"{rule.id} has no triggering example in rules/"


def test_explain_one_rule_and_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "term-wrong-variant", "--rules", str(ROOT / "rules")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## term-wrong-variant\n")
    assert "exclusive strategic partnership" in out and "disable: [term-wrong-variant]" in out
    assert main(["explain", "term-wrong-varient"]) == 2
    err = capsys.readouterr().err
    assert "did you mean term-wrong-variant" in err and "Traceback" not in err
