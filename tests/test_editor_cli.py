"""claimcheck where people edit and read: an article on standard input (editors), the concise
format, --select/--ignore, --statistics, --quiet, --exit-zero, colour and the terminal's width,
and the summary's count of what the baseline and suppression comments hid (issue 20, 2 and 4)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_RULES, WRONG, Newsroom, article

from claimcheck.reports import text
from claimcheck.run import config, pipeline

RIGHT = "Vietnam and Japan upgraded their ties to an Extensive Strategic Partnership in 2014."
CONCISE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
    r"\[(?P<rule>[a-z-]+)\] (?P<msg>.+)$"
)


def newsroom_at(root: Path) -> Path:
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "terms.yaml").write_text(TEST_RULES)
    (root / ".claimcheck.yaml").write_text("rules: [rules]\n")
    (root / "articles").mkdir()
    return root


def claimcheck(
    *argv: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


# ---------------------------------------------------------------- standard input


def test_stdin_uses_the_name_for_config_messages_and_not_the_disk(tmp_path: Path) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    on_disk = room / "articles" / "new.md"
    on_disk.write_text(article(RIGHT))  # the saved file is right; the buffer is not
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = claimcheck(
        "check",
        "-",
        "--stdin-filename",
        str(on_disk),
        "--format",
        "concise",
        "--no-cache",
        cwd=elsewhere,
        stdin=article(WRONG).encode(),
    )
    assert run.returncode == 1, run.stderr
    (line,) = run.stdout.decode().splitlines()
    got = CONCISE.match(line)
    assert got and got["path"] == str(on_disk) and got["rule"] == "term-wrong-variant"
    assert got["line"] == "4"
    assert on_disk.read_text() == article(RIGHT)  # never written


def test_stdin_article_need_not_exist_and_a_right_one_is_clean(tmp_path: Path) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    run = claimcheck(
        "check",
        "-",
        "--stdin-filename",
        "articles/draft.md",
        cwd=room,
        stdin=article(RIGHT).encode(),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().endswith("1 document, 1 claim: 0 errors, 0 warnings, 0 info\n")


def test_stdin_fix_prints_the_fixed_buffer_and_leaves_the_file(tmp_path: Path) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    saved = room / "articles" / "a.md"
    saved.write_text("not this\n")
    run = claimcheck(
        "check",
        "-",
        "--stdin-filename",
        "articles/a.md",
        "--fix",
        cwd=room,
        stdin=article(WRONG).encode(),
    )
    assert run.stdout.decode() == article(WRONG).replace(
        "exclusive strategic partnership", "Extensive Strategic Partnership"
    )
    assert run.returncode == 0, run.stderr  # nothing left at the fail level
    assert saved.read_text() == "not this\n"


def test_stdin_with_the_cache_does_not_stand_for_the_file(tmp_path: Path) -> None:
    """The buffer's findings must not be served later for the file on disk (the stat index)."""
    room = newsroom_at(tmp_path / "newsroom")
    saved = room / "articles" / "a.md"
    saved.write_text(article(RIGHT))
    buffer = claimcheck(
        "check", "-", "--stdin-filename", "articles/a.md", cwd=room, stdin=article(WRONG).encode()
    )
    assert buffer.returncode == 1
    assert claimcheck("check", "articles/a.md", cwd=room).returncode == 0


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["-", "articles"], "checked alone"),
        (["articles", "--stdin-filename", "a.md"], "pass - too"),
        (["-", "--write-baseline", "b.json"], "not from standard input"),
    ],
)
def test_stdin_misuse_is_a_usage_error(tmp_path: Path, argv: list[str], says: str) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    run = claimcheck("check", *argv, cwd=room, stdin=article(WRONG).encode())
    assert run.returncode == 2
    assert says in run.stderr.decode() and b"Traceback" not in run.stderr


def test_stdin_binary_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    run = claimcheck("check", "-", "--format", "concise", cwd=room, stdin=b"\x89PNG\0\0\0")
    assert b"Traceback" not in run.stderr
    assert b"[document-binary]" in run.stdout


# ---------------------------------------------------------------- filters and outputs


def two_findings(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    newsroom.write("b.md", article("Some text without a claim.", date="2015-02-30"))


def test_select_and_ignore(newsroom: Newsroom) -> None:
    two_findings(newsroom)
    both = {f["rule"] for f in newsroom.check("a.md", "b.md").findings}
    assert {"term-wrong-variant", "document-front-matter"} <= both
    only = newsroom.check("a.md", "b.md", "--select", "term-wrong-variant")
    assert {f["rule"] for f in only.findings} == {"term-wrong-variant"}
    rest = newsroom.check("a.md", "b.md", "--ignore", "term-wrong-variant,document-front-matter")
    assert not {"term-wrong-variant", "document-front-matter"} & {f["rule"] for f in rest.findings}
    assert rest.code == 0


def test_unknown_rule_id_in_select_says_what_was_meant(newsroom: Newsroom) -> None:
    run = newsroom.run("check", ".", "--select", "term-wrong-varient")
    assert run.code == 2
    assert "unknown rule id 'term-wrong-varient'; did you mean term-wrong-variant?" in run.err


def test_statistics_counts_by_rule(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(f"{WRONG} {WRONG}"))
    run = newsroom.run("check", "a.md", "--statistics")
    assert run.code == 1
    assert run.out.splitlines()[0].split() == ["2", "error", "term-wrong-variant"]
    assert run.out.splitlines()[-1].startswith("1 document")
    quiet = newsroom.run("check", "a.md", "--statistics", "--quiet")
    assert quiet.out == "2  error    term-wrong-variant\n"


def test_quiet_prints_the_findings_only(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    newsroom.write("skip.md", article(WRONG))
    newsroom.config("rules: [rules]\nexclude: [skip.md]\n")
    loud = newsroom.run("check", "a.md", "skip.md")
    assert "skipped skip.md" in loud.err and "1 document" in loud.out
    quiet = newsroom.run("check", "a.md", "skip.md", "--quiet")
    assert quiet.err == "" and "document" not in quiet.out and "term-wrong-variant" in quiet.out
    assert quiet.code == 1
    assert newsroom.run("check", "a.md", "--quiet", "--format", "concise").out.count("\n") == 1


def test_exit_zero(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    assert newsroom.run("check", "a.md").code == 1
    assert newsroom.run("check", "a.md", "--exit-zero").code == 0
    assert newsroom.run("check", "missing.md", "--exit-zero").code == 2


def test_summary_counts_what_suppression_and_baseline_hid(newsroom: Newsroom) -> None:
    hide = "<!-- claimcheck-disable-next-line term-wrong-variant -->"
    newsroom.write("a.md", article(f"{WRONG}\n\n{hide}\n{WRONG}"))
    run = newsroom.run("check", "a.md")
    assert run.out.splitlines()[-1].endswith("; hidden: 1 by suppression comments")
    newsroom.run("check", "a.md", "--write-baseline", "base.json")
    run = newsroom.run("check", "a.md", "--baseline", "base.json")
    assert run.code == 0
    assert run.out.splitlines()[-1] == (
        "1 document, 2 claims: 0 errors, 0 warnings, 0 info; "
        "hidden: 1 by the baseline, 1 by suppression comments"
    )


# ---------------------------------------------------------------- colour and width


def test_colour_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    room = newsroom_at(tmp_path / "newsroom")
    (room / "articles" / "a.md").write_text(article(WRONG))
    piped = claimcheck("check", "articles", cwd=room, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert b"\x1b[" not in piped.stdout
    forced = claimcheck("check", "articles", cwd=room, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert b"\x1b[1;31merror\x1b[0m" in forced.stdout
    both = claimcheck("check", "articles", cwd=room, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[" not in both.stdout
    # the colour codes take no room: the same table without them
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", forced.stdout) == piped.stdout


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_table_fits_a_terminal_width(newsroom: Newsroom, width: int) -> None:
    newsroom.write("a.md", article(f"{WRONG} {WRONG}"))
    result = pipeline.run(["a.md"], config.load(Path(".claimcheck.yaml")))
    out = text.layout(result, width)
    for line in out.splitlines():
        assert len(line) <= width or " " not in line.strip(), line
    assert text.layout(result) == text.render(result)  # 100 columns when not a terminal
