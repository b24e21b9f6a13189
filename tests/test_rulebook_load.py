"""Loading rule files: every problem of every file as file:line:column, exit 2; origins kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_RULES, Newsroom

from claimcheck import rulebook
from claimcheck.yamlpos import YamlProblems


def problems(folder: Path) -> list[str]:
    with pytest.raises(YamlProblems) as info:
        rulebook.load([folder])
    return [str(p) for p in info.value.problems]


def test_the_project_rules_are_valid(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimcheck.cli import main

    monkeypatch.chdir(repo_root)
    assert main(["rules", "check", "rules"]) == 0
    assert capsys.readouterr().out.endswith("entries: OK\n")


def test_origins_point_at_each_entry(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEST_RULES, encoding="utf-8")
    book = rulebook.load([tmp_path])
    shown = str(tmp_path / "t.yaml")
    term = book.terms["esp"]
    assert book.origin(term) == rulebook.Origin(shown, 9, 5)
    assert book.origin(term.variants[0]) == rulebook.Origin(shown, 17, 9)
    assert book.origin(book.entities["japan"]) == rulebook.Origin(shown, 5, 5)
    assert len(book.digest) == 64


def test_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("terms:\n  - id: x\n    name: [Unclosed\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text(
        "entities:\n  - id: japan\n    names: []\n    demonym: [Japanese]\n", encoding="utf-8"
    )
    (tmp_path / "c.yaml").write_text("- a list\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a rule file\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    a, b, c = (str(tmp_path / n) for n in ("a.yaml", "b.yml", "c.yaml"))
    assert problems(tmp_path) == [
        f"{a}:4:1: while parsing a flow sequence at 3:11: expected ',' or ']', "
        "but got '<stream end>'",
        f"{b}:3:12: List should have at least 1 item after validation, not 0 "
        "(at entities[0].names)",
        f"{b}:4:5: unknown key 'demonym' (at entities[0]); did you mean 'demonyms'?",
        f"{c}:1:1: Input should be a valid dictionary or instance of RuleFile",
    ]


def test_nested_keys_suggest_the_right_spelling(tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text(
        "entities:\n"
        "  - id: japan\n"
        "    names: [Japan]\n"
        "people:\n"
        "  - id: abe\n"
        "    given: Shinzo\n"
        "    family: Abe\n"
        "    short: family\n"
        "    source: https://example.org/abe\n"
        "offices:\n"
        "  - id: jp-pm\n"
        "    jurisdiction: japan\n"
        "    title: Prime Minister\n"
        "    holders:\n"
        "      - person: abe\n"
        "        from: 2012-12-26\n"
        "        untill: 2020-09-16\n"
        "        acitng: false\n"
        "        source: https://example.org/pm\n",
        encoding="utf-8",
    )
    shown = str(tmp_path / "o.yaml")
    assert problems(tmp_path) == [
        f"{shown}:17:9: unknown key 'untill' (at offices[0].holders[0])",
        f"{shown}:18:9: unknown key 'acitng' (at offices[0].holders[0]); did you mean 'acting'?",
    ]


def test_duplicates_and_unknown_references_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(TEST_RULES, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "entities:\n  - id: japan\n    names: [Nippon]\n", encoding="utf-8"
    )
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert problems(tmp_path) == [
        f"{b}:2:5: duplicate entities id 'japan' (first at {a}:5:5)",
    ]
    (tmp_path / "b.yaml").write_text(
        "offices:\n"
        "  - id: kr-president\n"
        "    jurisdiction: korea\n"
        "    title: President\n"
        "    holders:\n"
        "      - person: moon\n"
        "        from: 2017-05-10\n"
        "        source: https://example.org/moon\n",
        encoding="utf-8",
    )
    assert problems(tmp_path) == [
        f"{b}:2:5: unknown entity 'korea'",
        f"{b}:6:9: unknown person 'moon'",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "terms:\n  - id: t\n    name: T\n    since: 2015-02-30\n    source: abc\n",
            "4:12: cannot read '2015-02-30': day is out of range for month",
        ),
        (
            "terms:\n  - id: t\n    name: T\n    since: 2015\n    source: ab\n",
            "5:13: String should have at least 3 characters (at terms[0].source)",
        ),
    ],
)
def test_values_are_checked_where_they_are_written(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "t.yaml").write_text(content, encoding="utf-8")
    assert problems(tmp_path) == [f"{tmp_path / 't.yaml'}:{expected}"]


def test_missing_and_undecodable_rule_files_are_exit_2(newsroom: Newsroom) -> None:
    run = newsroom.run("rules", "check", "nowhere")
    assert (run.code, run.err.strip()) == (2, "nowhere:1:1: no such rule file or folder")
    newsroom.write("latin/t.yaml", b"terms: []\n# caf\xe9\n")
    run = newsroom.run("rules", "check", "latin")
    assert run.code == 2
    assert run.err.startswith("latin/t.yaml:1:1: not UTF-8 text")
