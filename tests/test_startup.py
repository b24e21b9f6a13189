"""Start-up: a run served from the caches imports no validator, and the config's fast path
reads exactly what validation would."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RIGHT, TEST_RULES, WRONG, article

from claimcheck.run.config import ConfigFile
from claimcheck.yamlio import validation as models
from claimcheck.yamlio.records import conforms

PROBE = """\
import sys
from claimcheck.cli import main
code = main(["check", "new.md", "--format", "github"])
roots = ("pydantic", "pydantic_core", "ruamel", "_ruamel_yaml", "shutil", "_hashlib")
print(code, sorted(m for m in sys.modules if m.split(".")[0] in roots))
"""
SIMPLE_CONFIG = (
    "rules: [rules]\ncorpus: ['archive/*.md']  # the hook's corpus\nfail_on: warning\n"
    "severity:\n  term-wrong-variant: warning\n"
)
FLOW_SEVERITY = "severity: {term-wrong-variant: warning}"  # a flow mapping: left to ruamel
SIMPLE_FRONT = "date: 2015-09-15\ntitle: Ties\ntags: [japan, vietnam]\n"


def _hook_runs(folder: Path, config: str, front: str) -> list[tuple[str, str]]:
    """Two runs of `claimcheck check new.md` in fresh processes, the first filling the caches,
    the second on a new draft of new.md (as a hook sees it: a corpus in the cache, an article
    not): for each, the findings (rule, severity) and exit code, and the validator, YAML,
    shutil and OpenSSL modules it imported."""
    (folder / "rules").mkdir()
    (folder / "rules" / "r.yaml").write_text(TEST_RULES, encoding="utf-8")
    (folder / ".claimcheck.yaml").write_text(config, encoding="utf-8")
    (folder / "archive").mkdir()
    (folder / "archive" / "old.md").write_text(article(RIGHT), encoding="utf-8")
    out = []
    for draft in ("", "A second draft.\n"):
        (folder / "new.md").write_text(f"---\n{front}---\n{WRONG}\n{draft}", encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-c", PROBE], cwd=folder, capture_output=True, text=True, timeout=60
        )
        *report, modules = run.stdout.splitlines()
        # a report that prints no fingerprint (the JSON's needs hashlib's OpenSSL)
        found = [
            (m.group(2), {"notice": "info"}.get(m.group(1), m.group(1)))
            for m in map(re.compile(r"::(\w+) .*,title=([\w-]+)::").match, report)
            if m
        ]
        out.append((f"{found} {modules.split(' ')[0]}", modules.split(" ", 1)[1]))
    return out


def test_a_cached_hook_run_imports_no_pydantic_and_no_ruamel(tmp_path: Path) -> None:
    first, second = _hook_runs(tmp_path, SIMPLE_CONFIG, SIMPLE_FRONT)
    want = "[('term-wrong-variant', 'warning')] 1"
    assert first[0] == second[0] == want
    assert "pydantic" in first[1] and "ruamel.yaml" in first[1]  # it validates the rule files
    # config and front matter read by yamlsimple, the rules unpickled; argparse's formatters
    # told the terminal's width without shutil; the cache keyed without hashlib's OpenSSL
    assert second[1] == "[]"


@pytest.mark.parametrize(
    ("config", "front"),
    [
        (SIMPLE_CONFIG.replace("severity:\n  term-wrong-variant: warning", FLOW_SEVERITY), None),
        (None, "date: 2015-09-15\ntitle: >\n  Ties\n"),  # a folded scalar
        (SIMPLE_CONFIG + "disable: &none []\n", "date: !!str 2015-09-15\n"),
    ],
)
def test_yaml_the_simple_reader_declines_is_read_by_ruamel(
    tmp_path: Path, config: str | None, front: str | None
) -> None:
    first, second = _hook_runs(tmp_path, config or SIMPLE_CONFIG, front or SIMPLE_FRONT)
    assert first[0] == second[0] == "[('term-wrong-variant', 'warning')] 1"
    assert "ruamel.yaml" in second[1] and "pydantic" not in second[1]


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
