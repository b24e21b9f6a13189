"""docs/ci.md: each recipe (GitHub Actions, GitLab CI, pre-commit) parses, wires its report to the
step that consumes it, and its claimcheck commands do what the page says, run by a shell in a
scratch newsroom repository with a wrong and a right article."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import RIGHT, TEST_RULES, WRONG, article
from ruamel.yaml import YAML
from test_code_scanning import GITLAB, SARIF_SCHEMA, github_problems

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def recipe(name: str) -> Any:
    """The YAML block of docs/ci.md whose first line names the file `name`."""
    for block in re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S):
        if block.startswith(f"# {name}\n"):
            return YAML(typ="safe").load(block)
    raise AssertionError(f"docs/ci.md has no recipe for {name}")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / ".git").mkdir(parents=True)  # a repository root, for the reports' paths
    (root / "rules").mkdir()
    (root / "rules" / "terms.yaml").write_text(TEST_RULES, encoding="utf-8")
    (root / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['articles/**/*.md']\n", encoding="utf-8"
    )
    (root / "articles" / "2015").mkdir(parents=True)
    (root / "articles" / "2015" / "wrong.md").write_text(article(WRONG), encoding="utf-8")
    (root / "articles" / "right.md").write_text(article(RIGHT), encoding="utf-8")
    return root


def sh(command: str, cwd: Path, shell: str = "sh") -> subprocess.CompletedProcess[str]:
    """A recipe's command line as its CI runs it, with this venv's claimcheck on PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command]
    return subprocess.run(
        argv if shell == "bash" else ["sh", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )


def claimcheck_lines(commands: list[str]) -> list[str]:
    return [c for c in commands if c.startswith("claimcheck ")]


def output_of(command: str) -> str:
    words = shlex.split(command)
    return words[words.index("--output") + 1]


# ---------------------------------------------------------------- GitHub Actions


def test_github_workflow(desk: Path) -> None:
    flow = recipe(".github/workflows/claimcheck.yml")
    assert flow["permissions"]["security-events"] == "write"
    (job,) = flow["jobs"].values()
    steps = job["steps"]
    runs = claimcheck_lines([s["run"] for s in steps if "run" in s])
    sarif_step, annotate = runs
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload"))
    assert upload["with"]["sarif_file"] == output_of(sarif_step) == "claimcheck.sarif"
    # the upload comes before the step that fails the job
    order = [s.get("run") or s.get("uses") for s in steps]
    assert order.index(sarif_step) < order.index(upload["uses"]) < order.index(annotate)

    done = sh(sarif_step, desk, "bash")
    assert done.returncode == 0, done.stderr  # findings (exit 1) are in the report
    log = json.loads((desk / "claimcheck.sarif").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(json.loads(SARIF_SCHEMA.read_text("utf-8")))
    validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    assert github_problems(log, desk) == []
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]
    ]
    assert {"uri": "articles/2015/wrong.md", "uriBaseId": "%SRCROOT%"} in uris

    shown = sh(annotate, desk, "bash")
    assert shown.returncode == 1
    assert shown.stdout.startswith("::error file=articles/2015/wrong.md,line=4,")


def test_github_workflow_fails_when_claimcheck_cannot_do_the_job(desk: Path) -> None:
    (desk / ".claimcheck.yaml").write_text("rules: [rulez]\n", encoding="utf-8")
    flow = recipe(".github/workflows/claimcheck.yml")
    (job,) = flow["jobs"].values()
    sarif_step = claimcheck_lines([s["run"] for s in job["steps"] if "run" in s])[0]
    done = sh(sarif_step, desk, "bash")
    assert done.returncode != 0  # exit 2 is not taken for findings
    assert "no such rule file or folder 'rulez'" in done.stderr


# ---------------------------------------------------------------- GitLab CI


def test_gitlab_job(desk: Path) -> None:
    (job,) = recipe(".gitlab-ci.yml").values()
    report, text = claimcheck_lines(job["script"])
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == output_of(report)
    done = sh(report, desk)
    assert done.returncode == 0, done.stderr
    issues = json.loads((desk / output_of(report)).read_text(encoding="utf-8"))
    jsonschema.validate(issues, GITLAB)
    assert [i["location"]["path"] for i in issues] == ["articles/2015/wrong.md"]
    failed = sh(text, desk)
    assert failed.returncode == 1 and "term-wrong-variant" in failed.stdout


# ---------------------------------------------------------------- pre-commit


def test_pre_commit_hook(desk: Path) -> None:
    config = recipe(".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    hooks = {
        h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    (hook,) = repo["hooks"]
    entry = hooks[hook["id"]]["entry"]
    command = " ".join([entry, *hook.get("args", [])])
    assert f"`{command}`" in DOC  # the page names the command the hook runs
    staged_wrong = sh(f"{command} articles/2015/wrong.md", desk)
    assert staged_wrong.returncode == 1 and "articles/2015/wrong.md" in staged_wrong.stdout
    staged_right = sh(f"{command} articles/right.md", desk)
    assert staged_right.returncode == 0, staged_right.stdout
    assert "articles/2015" not in staged_right.stdout  # the corpus is read, not reported


def test_every_claimcheck_command_of_the_page_is_run_here() -> None:
    """A command added to docs/ci.md without a test here fails this count."""
    flow = recipe(".github/workflows/claimcheck.yml")
    (job,) = flow["jobs"].values()
    (gitlab,) = recipe(".gitlab-ci.yml").values()
    commands = [
        *claimcheck_lines([s["run"] for s in job["steps"] if "run" in s]),
        *claimcheck_lines(gitlab["script"]),
    ]
    assert len(commands) == 4
    in_blocks = [
        line.strip().lstrip("- ").removeprefix("run: ")
        for block in re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
        for line in block.splitlines()
        if "claimcheck check" in line
    ]
    assert sorted(in_blocks) == sorted(commands)
