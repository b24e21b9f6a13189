"""The pre-commit hook, driven by the real `pre-commit` client, and the project's own hook config.

`pre-commit try-repo` clones this repository and pip-installs it into a fresh environment, as a
newsroom's `pre-commit install` would; a few seconds a call with a warm pip cache. The tests pin
`--ref` to the commit at HEAD: without it try-repo folds uncommitted changes to tracked files into
a temporary commit, which in a shared working tree means other people's half-done work. So the
hook tested is the committed one: in CI's fresh clone, exactly the code under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RIGHT, TEST_RULES, WRONG, article, run_process

from claimcheck.cli import main


def clean_env() -> dict[str, str]:
    """No GIT_* from an enclosing hook run; a fixed identity for the scratch repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="Test Desk",
        GIT_AUTHOR_EMAIL="desk@example.org",
        GIT_COMMITTER_NAME="Test Desk",
        GIT_COMMITTER_EMAIL="desk@example.org",
        PRE_COMMIT_COLOR="never",
    )
    return env


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=clean_env(), check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def head(repo_root: Path) -> str:
    """The commit to install the hook from: the repository must be a git repository."""
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "HEAD"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"{repo_root} is not a git repository with a commit: pre-commit needs one")
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def project(repo_root: Path, head: str) -> Path:
    return repo_root


@pytest.fixture
def newsroom_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "desk"
    (repo / "rules").mkdir(parents=True)
    (repo / "articles" / "2014").mkdir(parents=True)
    (repo / "rules" / "terms.yaml").write_text(TEST_RULES, encoding="utf-8")
    (repo / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['articles/**/*.md']\n", encoding="utf-8"
    )
    (repo / "articles" / "2014" / "upgrade.md").write_text(article(RIGHT), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "archive")
    return repo


def try_repo(project: Path, head: str, repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "pre_commit", "try-repo", str(project), "claimcheck"]
    argv += ["--ref", head]
    return run_process([*argv, "--files", *files], repo, timeout=600, env=clean_env())


def test_hook_fails_on_a_wrong_article_and_passes_a_clean_one(
    project: Path, head: str, newsroom_repo: Path
) -> None:
    (newsroom_repo / "articles" / "new.md").write_text(
        article("Intro.\n\n" + WRONG), encoding="utf-8"
    )
    (newsroom_repo / "articles" / "clean.md").write_text(article(RIGHT), encoding="utf-8")
    git(newsroom_repo, "add", "articles")

    bad = try_repo(project, head, newsroom_repo, "articles/new.md")
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "claimcheck" in output and "Failed" in output
    assert "articles/new.md" in output
    assert "term-wrong-variant" in output
    assert "6:" + str(WRONG.index("exclusive") + 1) in output  # line:column of the finding

    good = try_repo(project, head, newsroom_repo, "articles/clean.md", "rules/terms.yaml")
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert "Passed" in output
    assert "Traceback" not in output


def test_hook_skips_files_that_are_not_articles(
    project: Path, head: str, newsroom_repo: Path
) -> None:
    proc = try_repo(project, head, newsroom_repo, ".claimcheck.yaml", "rules/terms.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(no files to check)Skipped" in proc.stdout


def test_hook_manifest_and_project_config_are_valid(project: Path) -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        proc = run_process(
            [sys.executable, "-m", "pre_commit", command, name], project, env=clean_env()
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_project_baseline_hides_the_known_seed_findings(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    baseline = json.loads((project / ".claimcheck-baseline.json").read_text(encoding="utf-8"))
    known = {(e["rule"], e["path"], e["text"]) for e in baseline["findings"]}
    assert (
        "term-wrong-variant",
        "seeds/002_b1a0ac73797f4e60.txt",
        "exclusive strategic partnership",
    ) in known
    assert main(["check", "seeds/", "--format", "json"]) == 1
    before = json.loads(capsys.readouterr().out)["findings"]
    main(["check", "seeds/", "--baseline", ".claimcheck-baseline.json", "--format", "json"])
    after = json.loads(capsys.readouterr().out)["findings"]
    hidden = [f for f in before if f not in after]
    assert {(f["rule"], f["path"]) for f in hidden} == {(r, p) for r, p, _ in known}
    assert len(hidden) == sum(e["count"] for e in baseline["findings"])
