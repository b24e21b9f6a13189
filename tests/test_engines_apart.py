"""Engines stand apart: each check module imports the registry and claimcheck/judge, never another
engine, and judge/ imports no engine, so that no engine is a toolbox of the others."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import claimcheck
from claimcheck.infra import caching as cache

PACKAGE = Path(claimcheck.__file__).parent
ENGINES = sorted(
    p for p in (PACKAGE / "checks").glob("*.py") if p.name not in ("__init__.py", "registry.py")
)


def _imported(path: Path) -> set[str]:
    """Every claimcheck module the file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m.startswith("claimcheck.")}


def _engine_modules() -> set[str]:
    return {f"claimcheck.checks.{p.stem}" for p in ENGINES}


@pytest.mark.parametrize("path", ENGINES, ids=lambda p: p.stem)
def test_an_engine_imports_no_other_engine(path: Path) -> None:
    others = _engine_modules() - {f"claimcheck.checks.{path.stem}"}
    assert not _imported(path) & others
    assert "claimcheck.checks" not in _imported(path)  # the runner: the registry is enough


@pytest.mark.parametrize("path", sorted((PACKAGE / "judge").glob("*.py")), ids=lambda p: p.stem)
def test_judge_imports_no_check(path: Path) -> None:
    assert not {m for m in _imported(path) if m.startswith("claimcheck.checks")}


def test_the_registry_imports_no_engine() -> None:
    assert not _imported(PACKAGE / "checks" / "registry.py") & _engine_modules()


def test_the_code_digest_covers_judge(tmp_path: Path) -> None:
    """The corpus engine's join keys are made of judge/'s readings: cached keys made by other
    code are never served."""
    package = tmp_path / "claimcheck"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.digest_of_code(package)
    (package / "judge" / "extra.py").write_text("", encoding="utf-8")
    assert cache.digest_of_code(package) != before
