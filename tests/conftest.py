"""Shared fixtures: the repository and ../shared, and a scratch newsroom to run the CLI in.

Tests call `claimcheck.cli.main([...])` in-process (fast, and stdout/stderr are captured); the
few that need a real process (`python -m claimcheck`, pathological inputs with a time bound,
pre-commit) run `sys.executable`, which is the venv the suite was installed into.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from claimcheck.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]

# A small rulebook of our own, so that tests do not move when the project's rules/ grows.
TEST_RULES = """\
entities:
  - id: vietnam
    names: [Vietnam, Viet Nam]
    demonyms: [Vietnamese]
  - id: japan
    names: [Japan]
    demonyms: [Japanese]
terms:
  - id: esp
    name: Extensive Strategic Partnership for Peace and Prosperity in Asia
    short: [Extensive Strategic Partnership]
    since: 2014
    until: 2023-11-27
    subject: [vietnam, japan]
    source: https://example.org/joint-statement-2014
    variants:
      - wrong: exclusive strategic partnership
        right: Extensive Strategic Partnership
"""

WRONG = "Vietnam and Japan upgraded their ties to an exclusive strategic partnership in 2014."
RIGHT = "Vietnam and Japan upgraded their ties to the Extensive Strategic Partnership in 2014."


def article(body: str, date: str = "2015-09-15", **meta: str) -> str:
    """A Markdown article with front matter (a date, so that no 'no date' info is reported)."""
    lines = ["---", f"date: {date}", *(f"{k}: {v}" for k, v in meta.items()), "---"]
    return "\n".join(lines) + "\n" + body + ("" if body.endswith("\n") else "\n")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`<repo>/../shared` (design notes, seeds, SARIF schema): required, never skipped."""
    shared = REPO_ROOT.parent / "shared"
    if not (shared / "data" / "sarif-schema-2.1.0.json").is_file():
        pytest.fail(
            f"{shared} is missing (or has no data/sarif-schema-2.1.0.json): the test suite "
            "needs the team's shared folder beside the repository, as ../shared"
        )
    return shared


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def findings(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.json["findings"]
        return result


class Newsroom:
    """A scratch folder with rules/, a .claimcheck.yaml, and articles; the working directory."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def config(self, text: str) -> Path:
        return self.write(".claimcheck.yaml", textwrap.dedent(text))

    def run(self, *argv: str) -> Run:
        """main([...]) in-process; asserts the bad-input policy: never a traceback."""
        self._capsys.readouterr()
        code = main(list(argv))
        out, err = self._capsys.readouterr()
        assert "Traceback" not in err, err
        assert "internal error" not in err, err
        return Run(code, out, err)

    def check(self, *argv: str) -> Run:
        """`claimcheck check ... --format json`."""
        return self.run("check", *argv, "--format", "json")


@pytest.fixture
def newsroom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Newsroom:
    root = tmp_path / "newsroom"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)
    room = Newsroom(root, capsys)
    room.write("rules/terms.yaml", TEST_RULES)
    room.config("rules: [rules]\n")
    return room


def run_process(
    argv: Sequence[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command with a time bound; a hang fails the test instead of the whole run."""
    return subprocess.run(
        list(argv),
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def claimcheck_process(
    argv: Sequence[str], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return run_process([sys.executable, "-m", "claimcheck", *argv], cwd, timeout)


def sentence_findings(
    tmp_path: Path, rules_yaml: str, sentence: str, date: str
) -> list[dict[str, Any]]:
    """The JSON findings of `claimcheck check` (a fresh process, no cache) on an article of one
    sentence dated `date`, against one rule file."""
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "beat.yaml").write_text(rules_yaml, encoding="utf-8")
    (tmp_path / "a.md").write_text(f"---\ndate: {date}\n---\n{sentence}\n", encoding="utf-8")
    argv = ["check", "a.md", "--rules", "rules", "--no-cache", "--format", "json"]
    run = claimcheck_process(argv, tmp_path)
    assert run.returncode in (0, 1), run.stderr
    found: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return found


class Overtime(BaseException):
    """Raised by `deadline`; a BaseException, so that main()'s last-resort handler lets it out."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when Python code runs past `seconds` (a C-level loop such as a
    regex backtracking is not interrupted: use a subprocess with a timeout for that)."""

    def expire(signum: int, frame: object) -> None:
        raise Overtime(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
