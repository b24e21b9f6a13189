"""Bad input (design.md): one line naming the file and line, never a traceback, nothing else lost.

Every article case checks a broken file next to a good one: the broken one gets an error finding
(category `document`) at the right position, and the good one is still checked and reported.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from conftest import TEST_RULES, WRONG, Newsroom, Run, article, claimcheck_process, deadline


def good_and_bad(newsroom: Newsroom, bad: str | bytes, name: str = "bad.md") -> Run:
    newsroom.write("good.md", article(WRONG))
    newsroom.write(name, bad)
    return newsroom.check(name, "good.md")


def only(findings: list[dict[str, Any]], path: str) -> list[tuple[str, str, int, int, str]]:
    return [
        (f["rule"], f["severity"], f["line"], f["column"], f["message"])
        for f in findings
        if f["path"] == path
    ]


def assert_good_file_reported(run: Run) -> None:
    assert [f["rule"] for f in run.findings if f["path"] == "good.md"] == ["term-wrong-variant"]


def assert_one_line(messages: list[tuple[str, str, int, int, str]]) -> None:
    assert messages
    for *_, message in messages:
        assert "\n" not in message and message.strip() == message


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.md", ("document-binary", 1, 1)),
        # 0xff on line 2, after "Caf\xc3\xa9 " (5 characters, 6 bytes): column counts characters
        (b"First line.\nCaf\xc3\xa9 \xff bad\n", "latin.md", ("document-encoding", 2, 6)),
    ],
)
def test_undecodable_article(
    newsroom: Newsroom, content: bytes, name: str, expected: tuple[str, int, int]
) -> None:
    run = good_and_bad(newsroom, content, name)
    assert run.code == 1
    problems = only(run.findings, name)
    assert [(r, s, line, col) for r, s, line, col, _ in problems] == [
        (expected[0], "error", *expected[1:])
    ]
    assert_one_line(problems)
    assert_good_file_reported(run)


def test_utf16_article_is_told_to_be_utf8(newsroom: Newsroom) -> None:
    run = good_and_bad(newsroom, article(WRONG).encode("utf-16"))
    assert only(run.findings, "bad.md") == [
        ("document-encoding", "error", 1, 1, "UTF-16 text: save it as UTF-8")
    ]
    assert_good_file_reported(run)


def test_invalid_utf8_message_names_the_byte(newsroom: Newsroom) -> None:
    run = good_and_bad(newsroom, b"ok\n\xe1\x80 cut\n")
    [(_, _, _, _, message)] = only(run.findings, "bad.md")
    assert message == "not UTF-8: byte 0xe1 at line 2 cannot be decoded"


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff"])
def test_empty_article_is_an_info_finding(newsroom: Newsroom, content: str) -> None:
    run = good_and_bad(newsroom, content)
    problems = only(run.findings, "bad.md")
    assert [(r, s, line) for r, s, line, _, _ in problems] == [("document-empty", "info", 1)]
    assert_one_line(problems)
    assert_good_file_reported(run)


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        (
            "---\ntitle: Unclosed\ndate: 2015-09-15\n\n" + WRONG + "\n",
            1,
            1,
            "front matter starts with --- but never ends (no closing --- line)",
        ),
        (
            "---\ndate: 2015-09-15\ntitle: Vietnam: Japan ties\n---\nBody.\n",
            3,
            15,
            "front matter: mapping values are not allowed here",
        ),
        (
            "---\ndate: 2015-09-15\ntags: [a, b\nsource: x\n---\nBody.\n",
            4,
            7,
            "front matter: while parsing a flow sequence at 3:7: expected ',' or ']', but got ':'",
        ),
        (
            "---\n- a list\n- not a mapping\n---\nBody.\n",
            2,
            1,
            "front matter must be a mapping of keys to values",
        ),
    ],
)
def test_broken_front_matter(
    newsroom: Newsroom, content: str, line: int, column: int, message: str
) -> None:
    run = good_and_bad(newsroom, content)
    assert run.code == 1
    problems = only(run.findings, "bad.md")
    assert problems[0] == ("document-front-matter", "error", line, column, message)
    # no guessed date, no "no date" echo; the text after an unclosed block is still checked
    assert [p[0] for p in problems[1:]] == (["term-wrong-variant"] if line == 1 else [])
    assert_good_file_reported(run)


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        (
            "yesterday",
            7,
            "front matter date: not a date: 'yesterday' (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        ("2015-13", 7, "front matter date: not a date: '2015-13' (month 13)"),
        ("2015-02-30", 7, "front matter: cannot read '2015-02-30': day is out of range for month"),
        ("[2015, 9]", 7, "front matter date: not a date: [2015, 9]"),
        ("true", 7, "front matter date: not a date: True"),
    ],
)
def test_a_date_that_is_not_a_date(
    newsroom: Newsroom, value: str, column: int, message: str
) -> None:
    bad = f"---\ntitle: Bad date\ndate: {value}\n---\n{WRONG}\n"
    run = good_and_bad(newsroom, bad)
    problems = only(run.findings, "bad.md")
    assert problems[0][:4] == (
        "document-date" if "date:" in message else "document-front-matter",
        "error",
        3,
        column,
    )
    assert problems[0][4] == message
    # the rest of the article is still checked
    assert [p[0] for p in problems[1:]] == ["term-wrong-variant"]
    assert_good_file_reported(run)


def test_missing_path(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(WRONG))
    run = newsroom.check("good.md", "missing.md", "gone/")
    assert run.code == 2
    assert run.err.splitlines() == [
        "missing.md: no such file or folder",
        "gone/: no such file or folder",
    ]


def test_rule_file_with_a_yaml_error(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(WRONG))
    newsroom.write("rules/broken.yaml", "terms:\n  - id: x\n    name: [Unclosed\n    since: 2001\n")
    run = newsroom.check("good.md")
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines() == [
        "rules/broken.yaml:4:10: while parsing a flow sequence at 3:11: expected ',' or ']', "
        "but got ':'"
    ]


def test_rule_file_with_schema_errors_lists_each_at_its_position(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(WRONG))
    newsroom.write(
        "rules/schema.yaml",
        "terms:\n"
        "  - id: Bad Id\n"
        "    name: A Partnership\n"
        "    since: someday\n"
        "    source: https://example.org\n"
        "    variants:\n"
        "      - wrong: a partnershop\n"
        "        rihgt: A Partnership\n",
    )
    run = newsroom.check("good.md")
    assert run.code == 2
    assert run.err.splitlines() == [
        "rules/schema.yaml:2:9: String should match pattern '^[a-z0-9][a-z0-9_.-]*$' "
        "(at terms[0].id)",
        "rules/schema.yaml:4:12: not a date: 'someday' (use YYYY, YYYY-MM or YYYY-MM-DD) "
        "(at terms[0].since)",
        "rules/schema.yaml:7:9: missing key 'right' (at terms[0].variants[0])",
        "rules/schema.yaml:8:9: unknown key 'rihgt' (at terms[0].variants[0]); "
        "did you mean 'right'?",
    ]


def test_ten_megabyte_article_in_bounded_time(newsroom: Newsroom) -> None:
    """Realistic prose (names, figures, years) to 10 MB, the wrong term at the very end.

    In-process under a deadline rather than twice (subprocess and main()): extraction of 10 MB is
    the slowest thing the suite does. The time is measured (pytest --durations), not asserted.
    """
    paragraph = (
        "The delegation met officials in Hanoi to discuss new projects and training. "
        "Japan and Vietnam upgraded their ties to the Extensive Strategic Partnership in 2014, "
        "and two-way trade reached US$47.6 billion in 2022. "
    ) * 3
    body = "\n\n".join([paragraph] * (10_000_000 // (len(paragraph) + 2) + 1))
    newsroom.write("big.md", article(body + "\n\n" + WRONG))
    assert (newsroom.root / "big.md").stat().st_size > 10_000_000
    newsroom.write("good.md", article(WRONG))
    with deadline(600):
        run = newsroom.check("big.md", "good.md", "--no-cache")
    assert run.code == 1
    assert [(f["path"], f["line"], f["rule"]) for f in run.findings] == [
        ("big.md", body.count("\n") + 6, "term-wrong-variant"),
        ("good.md", 4, "term-wrong-variant"),
    ]


def test_a_line_of_100000_digits_and_commas_in_bounded_time(newsroom: Newsroom) -> None:
    digits = ",".join(f"{i % 1000:03d}" for i in range(25_000))  # 99,999 characters
    assert len(digits) >= 99_999
    newsroom.write("digits.md", article(digits + "\n" + digits.replace(",", "") + "\n" + WRONG))
    newsroom.write("good.md", article(WRONG))
    # a process with a timeout first: a regex that backtracks in C ignores signals
    proc = claimcheck_process(
        ["check", "digits.md", "good.md", "--format", "json"], newsroom.root, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    run = newsroom.check("digits.md", "good.md")
    assert run.out == proc.stdout
    assert [(f["path"], f["line"], f["rule"]) for f in run.findings] == [
        ("digits.md", 6, "term-wrong-variant"),
        ("good.md", 4, "term-wrong-variant"),
    ]


def test_rule_file_that_is_not_a_mapping(newsroom: Newsroom) -> None:
    """A rule file of another shape (a list) is a schema error at 1:1, not a crash."""
    newsroom.write("rules/terms.yaml", "- just\n- a list\n")
    newsroom.write("rules/ok.yaml", TEST_RULES)
    run = newsroom.check(".")
    assert run.code == 2
    assert run.err.startswith("rules/terms.yaml:1:1: ")


@pytest.mark.parametrize(
    "fmt", ["text", "json", "markdown", "github", "sarif", "html", "claimreview"]
)
def test_a_file_name_with_an_undecodable_byte_is_reported_in_every_format(
    newsroom: Newsroom, fmt: str
) -> None:
    """Linux allows any bytes in a file name: the report names it by its own bytes (SARIF
    percent-encodes it), and the run is not lost."""
    name = os.fsencode(newsroom.root / "articles") + b"/odd\xffname.md"
    newsroom.write("articles/good.md", article(WRONG))
    with open(name, "wb") as f:
        f.write(article(WRONG).encode())
    run = newsroom.run("check", "articles", "--format", fmt, "-o", "report.out")
    assert run.code == 1
    written = (newsroom.root / "report.out").read_bytes()
    if fmt == "claimreview":  # reviews of claims only, no file names
        return
    assert (b"odd%FFname.md" if fmt == "sarif" else b"odd\xffname.md") in written


def test_a_baseline_keeps_a_finding_in_an_undecodably_named_file(newsroom: Newsroom) -> None:
    (newsroom.root / "articles").mkdir()
    name = os.fsencode(newsroom.root / "articles") + b"/odd\xffname.md"
    with open(name, "wb") as f:
        f.write(article(WRONG).encode())
    assert newsroom.run("check", "articles", "--write-baseline", "base.json").code == 0
    assert newsroom.run("check", "articles", "--baseline", "base.json").code == 0
