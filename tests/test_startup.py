"""Start-up: a run served from the caches imports no validator, and the config's fast path
reads exactly what validation would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import models
from claimcheck.config import ConfigFile
from claimcheck.records import conforms

PROBE = """\
import sys
from claimcheck.cli import main
code = main(["check", "new.md"])
print(code, sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""


def test_a_cached_run_imports_no_pydantic(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text(
        "entities:\n  - id: land\n    names: [Land]\n", encoding="utf-8"
    )
    (tmp_path / ".claimcheck.yaml").write_text(
        "rules: [rules]\nfail_on: warning\nseverity: {term-wrong-variant: warning}\n",
        encoding="utf-8",
    )
    (tmp_path / "new.md").write_text("---\ndate: 2021-01-01\n---\nLand.\n", encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        for _ in range(2)
    ]
    first, second = (r.stdout.splitlines()[-1] for r in runs)
    assert first.startswith("0 [") and "pydantic" in first  # it validates the rule files
    assert second == "0 []", runs[1].stderr


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rules": ["rules"], "corpus": ["archive/**/*.md"], "baseline": None},
        {"fail_on": "warning", "severity": {"x": "info"}, "disable": ["y"], "exclude": ["a/*"]},
    ],
)
def test_config_fast_path_reads_what_validation_reads(data: dict[str, object]) -> None:
    assert conforms(ConfigFile, data)
    validated = models.record(models.model(ConfigFile).model_validate(data))
    assert ConfigFile(**data) == validated  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        {"rulez": ["rules"]},
        {"rules": "rules"},
        {"fail_on": "fatal"},
        {"severity": {"x": "loud"}},
        {"rules": [1]},
        ["rules"],
    ],
)
def test_config_fast_path_leaves_anything_odd_to_validation(data: object) -> None:
    assert not conforms(ConfigFile, data)
