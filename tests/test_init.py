"""`claimcheck init`: a newsroom's setup that validates and passes its own examples, written once
and never over a file that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from claimcheck.cli import main
from claimcheck.commands import init

WRONG_NAME = "---\ndate: 2024-03-01\n---\nMayor Ada Quill presented the Clean Rivers Program.\n"


def _init(capsys: pytest.CaptureFixture[str], folder: Path, *more: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["init", str(folder), *more])
    out, err = capsys.readouterr()
    return code, out, err


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _snippet(out: str) -> dict[str, object]:
    start = out.index("repos:")
    data = YAML(typ="safe").load(out[start:])
    assert isinstance(data, dict)
    return data


def test_init_writes_a_setup_that_validates_and_whose_examples_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = _init(capsys, tmp_path)
    assert code == 0
    assert (tmp_path / ".claimcheck.yaml").is_file()
    starter = (tmp_path / init.STARTER).read_text(encoding="utf-8")
    assert starter.startswith("#") and "source:" in starter and "examples:" in starter
    assert ".claimcheck_cache/" in (tmp_path / ".gitignore").read_text(encoding="utf-8").split()
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "check"]) == 0
    capsys.readouterr()
    assert main(["rules", "test", "--strict"]) == 0
    report = capsys.readouterr().out
    assert re.search(r"(\d+) example\(s\): \1 passed, 0 failed", report), report
    # and the starter rules do their job on an article of the configured corpus
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(WRONG_NAME, encoding="utf-8")
    assert main(["check", "articles/a.md", "--format", "json"]) == 1
    assert '"term-wrong-variant"' in capsys.readouterr().out


def test_init_prints_a_pre_commit_snippet_pinned_to_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], repo_root: Path
) -> None:
    _, out, _ = _init(capsys, tmp_path, "--repo", "https://example.org/claimcheck.git")
    repos = _snippet(out)["repos"]
    assert isinstance(repos, list)
    assert repos[0]["repo"] == "https://example.org/claimcheck.git"
    assert repos[0]["rev"] == init.RELEASE == "v0.2.0"
    hooks = YAML(typ="safe").load((repo_root / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in repos[0]["hooks"]} <= {h["id"] for h in hooks}
    # the README's hook example pins the same release
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert f"rev: {init.RELEASE}" in readme


def test_init_twice_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _init(capsys, tmp_path)
    before = _files(tmp_path)
    code, out, _ = _init(capsys, tmp_path)
    assert code == 0
    assert _files(tmp_path) == before
    assert "wrote" not in out and out.count("kept") == 3


def test_init_never_overwrites_a_newsroom_s_own_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = {
        ".claimcheck.yaml": "rules: [beat]\n",
        "rules/beat/city.yaml": "entities: []\n",
        ".gitignore": "node_modules\n.claimcheck_cache\n",
    }
    for name, text in own.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, _ = _init(capsys, tmp_path)
    assert code == 0
    assert {k: v.decode() for k, v in _files(tmp_path).items()} == own


def test_init_adds_the_cache_line_to_a_gitignore_without_a_final_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".gitignore").write_text("node_modules", encoding="utf-8")
    _init(capsys, tmp_path)
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "node_modules" and lines[-1] == ".claimcheck_cache/"


def test_init_of_a_folder_that_does_not_exist_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _init(capsys, tmp_path / "nowhere")
    assert code == 2
    assert err.strip().endswith("nowhere: no such folder") and "Traceback" not in err


def test_the_snippet_names_the_repository_claimcheck_was_installed_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The suite runs from an install of a clone (editable, or `pip install .` in CI): pip
    records the clone, which is a repository pre-commit can install the hook from."""
    _, out, _ = _init(capsys, tmp_path)
    repos = _snippet(out)["repos"]
    assert isinstance(repos, list)
    repo = repos[0]["repo"]
    assert repo == init.installed_from()
    assert (Path(repo) / ".pre-commit-hooks.yaml").is_file()
