"""Functions a person can hold: in the stages that decide a run (run/, checks/, judge/) no function
is longer than 60 lines or has a cyclomatic complexity above 20, as radon measures them.

Elsewhere the limits are not enforced yet; `python tests/test_complexity.py` lists the functions
over them in the whole package, longest first, for whoever splits the next one."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "claimcheck"
HELD = ("run", "checks", "judge")  # the folders held to the limits
MAX_LINES = 60
MAX_COMPLEXITY = 20


def blocks(path: Path) -> Iterator[Function]:
    def walk(items: list[Function | Class]) -> Iterator[Function]:
        for b in items:
            if isinstance(b, Class):
                yield from walk(list(b.methods) + list(b.inner_classes))
            else:
                yield b
                yield from walk(list(b.closures))

    yield from walk(cc_visit(path.read_text(encoding="utf-8")))


def too_big(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.py")):
        for b in blocks(path):
            lines = b.endline - b.lineno + 1
            if lines > MAX_LINES or b.complexity > MAX_COMPLEXITY:
                where = path.relative_to(folder.parent)
                out.append(f"{where}:{b.lineno} {b.name}: {lines} lines, complexity {b.complexity}")
    return out


@pytest.mark.parametrize("stage", HELD)
def test_functions_a_person_can_hold(stage: str) -> None:
    folder = PACKAGE / stage
    assert folder.is_dir(), f"claimcheck/{stage}/ is a stage of docs/architecture.md"
    assert too_big(folder) == []


def test_the_measure_sees_a_long_function(tmp_path: Path) -> None:
    """The test above could not fail if this could not."""
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(25))
    (tmp_path / "big.py").write_text(f"def f(x):\n{branches}\n    return -1\n", encoding="utf-8")
    [found] = too_big(tmp_path)
    assert "f: 52 lines, complexity 26" in found


if __name__ == "__main__":
    everything = too_big(PACKAGE)
    print("\n".join(sorted(everything, key=lambda s: -int(s.split(": ")[1].split()[0]))))
    sys.exit(0)
