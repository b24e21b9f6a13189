"""The command line: exit codes, --help, --version, options, and `python -m claimcheck`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RIGHT, WRONG, Newsroom, article, claimcheck_process

from claimcheck import __version__, cli
from claimcheck.cli import main


def test_seeds_report_the_two_wrong_term_variants(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo_root)
    code = main(["check", "seeds/", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["documents"] == 5
    terms = [
        (f["path"], f["line"], f["column"], f["rule"])
        for f in data["findings"]
        if f["category"] == "term"
    ]
    seed = "seeds/002_b1a0ac73797f4e60.txt"
    assert terms == [
        (seed, 3, 213, "term-wrong-variant"),
        (seed, 15, 210, "term-wrong-variant"),
    ]
    lines = (repo_root / seed).read_text(encoding="utf-8").splitlines()
    for _, line, col, _ in terms:
        assert lines[line - 1][col - 1 :].lower().startswith("exclusive strategic partnership")


def test_exit_0_when_clean_1_on_a_finding(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(RIGHT))
    newsroom.write("bad.md", article(WRONG))
    clean = newsroom.check("good.md")
    assert (clean.code, clean.findings) == (0, [])
    dirty = newsroom.check("good.md", "bad.md")
    assert dirty.code == 1
    [f] = dirty.findings
    assert (f["path"], f["rule"], f["severity"]) == ("bad.md", "term-wrong-variant", "error")
    assert f["fix"] == {"replacement": "Extensive Strategic Partnership"}


def test_fail_on_lowers_the_fail_level(newsroom: Newsroom) -> None:
    newsroom.config("rules: [rules]\nseverity: {term-wrong-variant: warning}\n")
    newsroom.write("bad.md", article(WRONG))
    assert newsroom.check("bad.md").code == 0
    assert newsroom.check("bad.md", "--fail-on", "warning").code == 1
    assert newsroom.check("bad.md", "--fail-on", "info").code == 1
    # an info finding (no date) fails only at --fail-on info
    newsroom.write("undated.md", RIGHT + "\n")
    run = newsroom.check("undated.md", "--fail-on", "warning")
    assert run.code == 0
    assert [f["rule"] for f in run.findings] == ["document-no-date"]
    assert newsroom.check("undated.md", "--fail-on", "info").code == 1


def test_missing_path_is_exit_2_naming_it(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(RIGHT))
    run = newsroom.check("good.md", "nowhere.md")
    assert run.code == 2
    assert run.out == ""
    assert run.err.strip() == "nowhere.md: no such file or folder"


INCLUDE = "include: *.md, *.markdown, *.txt"


def test_a_folder_with_no_article_is_exit_2_naming_it(newsroom: Newsroom) -> None:
    """A path typo in CI must not be a green run of 0 documents; every such path is named at
    once, in the order given, with the missing ones."""
    newsroom.write("good.md", article(RIGHT))
    newsroom.write("notes/todo.yaml", "not: an article\n")
    (newsroom.root / "empty").mkdir()
    run = newsroom.check("empty", "good.md", "nowhere.md", "notes/")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        f"empty: no articles ({INCLUDE})",
        "nowhere.md: no such file or folder",
        f"notes/: no articles ({INCLUDE})",
    ]
    # the include globs of the config are the ones named
    newsroom.config("rules: [rules]\ninclude: ['*.md']\n")
    newsroom.write("plain/a.txt", RIGHT + "\n")
    run = newsroom.check("plain")
    assert (run.code, run.err.splitlines()) == (2, ["plain: no articles (include: *.md)"])


def test_a_folder_whose_articles_are_all_excluded_says_so(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.config("rules: [rules]\nexclude: [desk/drafts/*, '*.txt']\n")
    newsroom.write("desk/drafts/a.md", article(WRONG))
    newsroom.write("desk/drafts/b.txt", WRONG + "\n")
    newsroom.write("desk/c.txt", WRONG + "\n")
    run = newsroom.check("desk/drafts", "desk")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        "desk/drafts: no articles (2 files, excluded by exclude: desk/drafts/* "
        "in .claimcheck.yaml)",
        "desk: no articles (3 files, excluded by exclude: desk/drafts/*, *.txt "
        "in .claimcheck.yaml)",
    ]
    # from below the config: the globs as the file writes them, the file as seen from here
    monkeypatch.chdir(newsroom.root / "desk")
    run = newsroom.check(".")
    assert run.err.splitlines() == [
        ".: no articles (3 files, excluded by exclude: desk/drafts/*, *.txt in ../.claimcheck.yaml)"
    ]


def test_a_quoted_glob_is_expanded_and_one_that_gives_nothing_is_exit_2(
    newsroom: Newsroom,
) -> None:
    newsroom.write("articles/2015/bad.md", article(WRONG))
    newsroom.write("articles/2015/good.md", article(RIGHT))
    newsroom.write("articles/notes.yaml", "not: an article\n")
    run = newsroom.check("articles/**/*.md")
    assert run.code == 1
    assert [f["path"] for f in run.findings] == ["articles/2015/bad.md"]
    assert run.json["documents"] == 2
    run = newsroom.check("articles/*/bad.md", "archive/*.md", "articles/*.yaml")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        "archive/*.md: no path matches this glob",
        f"articles/*.yaml: no articles ({INCLUDE})",
    ]


def test_a_named_file_the_config_excludes_is_skipped_with_a_note(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-commit hook passes every changed article, drafts too: they are skipped, and a
    commit of nothing but drafts passes."""
    newsroom.config("rules: [rules]\nexclude: [drafts/*]\n")
    newsroom.write("drafts/x.md", article(WRONG))
    newsroom.write("drafts/y.md", article(WRONG))
    newsroom.write("bad.md", article(WRONG))
    note = "claimcheck: skipped drafts/{}.md: excluded by exclude: drafts/* in .claimcheck.yaml"
    run = newsroom.check("drafts/x.md", "drafts/y.md")
    assert (run.code, run.findings, run.json["documents"]) == (0, [], 0)
    assert run.err.splitlines() == [note.format("x"), note.format("y")]
    run = newsroom.check("drafts/x.md", "bad.md")
    assert run.code == 1
    assert [f["path"] for f in run.findings] == ["bad.md"]
    assert run.err.splitlines() == [note.format("x")]
    # the note names the config file as seen from the working directory
    monkeypatch.chdir(newsroom.root / "drafts")
    run = newsroom.check("x.md")
    assert (run.code, run.err.splitlines()) == (
        0,
        ["claimcheck: skipped x.md: excluded by exclude: drafts/* in ../.claimcheck.yaml"],
    )


def test_check_help_says_what_an_empty_run_and_an_excluded_file_do(newsroom: Newsroom) -> None:
    out = " ".join(newsroom.run("check", "--help").out.split())
    assert "A folder or glob that gives no article is an error (exit 2)" in out
    assert "the config's `exclude` matches is skipped with a note (exit 0 if that is all" in out
    assert "the .claimcheck.yaml nearest above the paths" in out


def test_no_rules_is_exit_2(newsroom: Newsroom) -> None:
    (newsroom.root / ".claimcheck.yaml").unlink()
    newsroom.write("good.md", article(RIGHT))
    run = newsroom.check("good.md")
    assert run.code == 2
    assert "no rule files" in run.err


def test_bad_arguments_are_exit_2_without_traceback(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(RIGHT))
    assert newsroom.run().code == 2  # no command: help on stderr
    run = newsroom.run("check", "good.md", "--format", "yaml")
    assert run.code == 2
    assert "invalid choice: 'yaml'" in run.err
    assert newsroom.run("check").code == 2  # no path
    assert newsroom.run("frobnicate").code == 2
    assert newsroom.run("rules").code == 2  # no action


@pytest.mark.parametrize("columns", ["44", "120", "", "x"])
@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["rules", "check", "--help"]])
def test_help_is_wrapped_as_argparse_wraps_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    columns: str,
    argv: list[str],
) -> None:
    """The parser tells its formatters the terminal's width without shutil (commands.columns)."""
    monkeypatch.setenv("COLUMNS", columns)
    assert main(argv) == 0
    ours = capsys.readouterr().out
    monkeypatch.setattr(cli.Parser, "_get_formatter", argparse.ArgumentParser._get_formatter)
    assert main(argv) == 0
    assert ours == capsys.readouterr().out  # argparse's own: the width from shutil


def test_help_has_examples_and_exit_codes(newsroom: Newsroom) -> None:
    run = newsroom.run("--help")
    assert run.code == 0
    assert "examples:" in run.out
    assert "claimcheck check seeds/" in run.out
    assert "exit status: 0 clean, 1 findings at the fail level, 2" in run.out
    check_help = newsroom.run("check", "--help")
    assert check_help.code == 0
    for option in (
        "--rules",
        "--config",
        "--format",
        "--fail-on",
        "--baseline",
        "--write-baseline",
    ):
        assert option in check_help.out
    for fmt in ("text", "json", "markdown", "sarif", "github"):
        assert fmt in check_help.out


def test_version(newsroom: Newsroom) -> None:
    run = newsroom.run("--version")
    assert (run.code, run.out.strip()) == (0, f"claimcheck {__version__}")


def test_output_file(newsroom: Newsroom) -> None:
    newsroom.write("bad.md", article(WRONG))
    run = newsroom.run("check", "bad.md", "--format", "json", "--output", "report.json")
    assert (run.code, run.out) == (1, "")
    data = json.loads((newsroom.root / "report.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["term-wrong-variant"]
    unwritable = newsroom.run("check", "bad.md", "--output", "no/such/dir/report.txt")
    assert unwritable.code == 2
    assert unwritable.err.startswith("no/such/dir/report.txt: cannot write")


@pytest.mark.parametrize("command", [["report", "bad.md"], ["rules", "docs"]])
def test_every_command_that_writes_a_file_says_when_it_cannot(
    newsroom: Newsroom, command: list[str]
) -> None:
    newsroom.write("bad.md", article(WRONG))
    written = newsroom.run(*command, "--output", "out.txt")
    assert written.code in (0, 1) and written.out == ""
    assert (newsroom.root / "out.txt").read_text(encoding="utf-8")
    unwritable = newsroom.run(*command, "--output", "no/such/dir/out.txt")
    assert unwritable.code == 2
    assert unwritable.err.startswith("no/such/dir/out.txt: cannot write")


def test_json_output_is_deterministic(newsroom: Newsroom) -> None:
    for i in range(3):
        newsroom.write(f"a{i}.md", article(WRONG + " " + RIGHT))
    first = newsroom.check(".").out
    assert newsroom.check(".").out == first
    assert [f["path"] for f in json.loads(first)["findings"]] == ["./a0.md", "./a1.md", "./a2.md"]


def test_rules_check(newsroom: Newsroom) -> None:
    ok = newsroom.run("rules", "check")
    assert ok.code == 0
    assert ok.out.strip() == "1 rule file(s), 3 entries: OK"
    newsroom.write("bad-rules/x.yaml", "terms:\n  - id: x\n    name: y\n    since: 2001\n")
    bad = newsroom.run("rules", "check", "bad-rules")
    assert bad.code == 2
    assert bad.err.strip() == "bad-rules/x.yaml:2:5: missing key 'source' (at terms[0])"


def test_python_m_claimcheck_works_the_same(newsroom: Newsroom) -> None:
    newsroom.write("bad.md", article(WRONG))
    proc = claimcheck_process(["check", "bad.md", "--format", "json"], newsroom.root)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == newsroom.check("bad.md").out
    version = claimcheck_process(["--version"], newsroom.root)
    assert (version.returncode, version.stdout.strip()) == (0, f"claimcheck {__version__}")


def test_the_process_ends_with_all_its_output_written(newsroom: Newsroom) -> None:
    """The console script exits without tearing the interpreter down (cli.run): output many
    times its stdout buffer must still reach a file whole, and a reader that stops early must
    not turn into an error or a traceback."""
    for i in range(120):
        newsroom.write(f"bad{i:03}.md", article(WRONG))
    expected = newsroom.check(".").out
    assert len(expected) > 10 * 8192  # io's buffer
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    out = newsroom.root / "out.json"
    with out.open("w") as fh:
        code = subprocess.run(
            [sys.executable, "-m", "claimcheck", "check", ".", "--format", "json", "-j", "1"],
            cwd=newsroom.root,
            stdout=fh,
            timeout=120,
            env=env,
        ).returncode
    assert (code, out.read_text(encoding="utf-8")) == (1, expected)
    summary = newsroom.run("rules", "check", "rules").out  # a print() no command flushes
    with out.open("w") as fh:
        subprocess.run(
            [sys.executable, "-m", "claimcheck", "rules", "check", "rules"],
            cwd=newsroom.root,
            stdout=fh,
            timeout=120,
            check=True,
            env=env,
        )
    assert out.read_text(encoding="utf-8") == summary != ""
    head = subprocess.run(
        f"{sys.executable} -m claimcheck check . --format json -j 1 | head -c 100",
        shell=True,
        cwd=newsroom.root,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert (head.stdout, head.stderr) == (expected[:100], "")
