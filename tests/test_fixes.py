"""--fix and --diff on a copy of the seeds: certain fixes only, the rest untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", dst)
    return dst


def _lines(folder: Path) -> dict[str, list[str]]:
    return {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(folder.glob("*.txt"))}


def test_diff_previews_without_writing(
    seeds_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _lines(seeds_copy)
    args = ["check", str(seeds_copy), "--rules", str(ROOT / "rules"), "--no-cache", "--diff"]
    assert main(args) == 1
    diff = capsys.readouterr().out
    assert _lines(seeds_copy) == before
    lines = diff.splitlines()
    removed = [x for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x for x in lines if x.startswith("+") and not x.startswith("+++")]
    assert len(removed) == len(added) == 4  # each changed line replaced by one line
    assert sum("exclusive strategic partnership" in x for x in removed) == 2
    assert "Extensive Strategic Partnership for Peace and Prosperity in Asia." in diff


def test_fix_repairs_certain_findings_and_leaves_the_rest(
    seeds_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _lines(seeds_copy)
    args = [
        "check",
        str(seeds_copy),
        "--rules",
        str(ROOT / "rules"),
        "--no-cache",
        "--format",
        "json",
    ]
    assert main([*args, "--fix"]) == 0
    after = _lines(seeds_copy)
    changed = {
        (name, i + 1)
        for name in before
        for i, (a, b) in enumerate(zip(before[name], after[name], strict=True))
        if a != b
    }
    assert changed == {
        ("000_a5f1f925979e4ba6.txt", 11),
        ("002_b1a0ac73797f4e60.txt", 3),
        ("002_b1a0ac73797f4e60.txt", 15),
        ("004_9164582e6dbb1371.txt", 5),
    }
    assert "Japanese Prime Minister Shinzo Abe" in after["000_a5f1f925979e4ba6.txt"][10]
    assert "exclusive" not in "\n".join(after["002_b1a0ac73797f4e60.txt"])
    assert "shared Ambassador Ito in" in after["004_9164582e6dbb1371.txt"][4]
    # only the span changed: the rest of each line is byte for byte the same
    old, new = before["002_b1a0ac73797f4e60.txt"][14], after["002_b1a0ac73797f4e60.txt"][14]
    assert (
        old.replace("an exclusive strategic partnership", "an Extensive Strategic Partnership")
        == new
    )
    capsys.readouterr()
    assert main(args) == 0  # nothing left to fix or report
    assert main([*args[:-2], "--diff"]) == 0  # (a diff is text: no --format with it)


def test_fix_never_rewrites_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.checks import RULES, load_engines

    load_engines()
    for rule in RULES.values():
        if rule.category in ("quantity", "unit", "arithmetic", "rank"):
            assert not rule.fixable, rule.id
