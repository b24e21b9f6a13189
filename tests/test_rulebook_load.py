"""Loading rule files: every problem of every file as file:line:column, exit 2; origins kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TEST_RULES, Newsroom

from claimcheck import rulebook
from claimcheck.yamlio.positions import YamlProblems


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


# Two files with problems of every kind; each line marked "# n" is where a problem is reported (an
# unknown reference at the entry that makes it).
PEOPLE = """\
entities:
  - id: korea
    names: [Korea]
    kind: countree  # 4 bad enum
people:
  - id: abe
    given: Shinzo
    family: Abe
    short: family
    source: https://example.org/abe
  - id: moon  # 11 missing key 'source'
    given: Jae-in
    family: Moon
    short: famly  # 14 bad enum
    sorce: https://example.org/moon  # 15 unknown key
terms:
  - id: esp
    name: Extensive Strategic Partnership
    since: 2014-02-30  # 19 not a date
    source: https://example.org/esp
"""
OFFICES = """\
offices:
  - id: jp-pm  # 2 unknown entity 'japan': no file defines it
    jurisdiction: japan
    title: Prime Minister
    holders:
      - person: abe
        from: 2012-12-26
        source: https://example.org/pm
  - id: kr-president
    jurisdiction: korea  # left out above: not reported, it may be meant
    title: President
    holders:
      - person: moon  # left out above: not reported
        from: 2017-05-10
        source: https://example.org/moon
metrics:
  - id: trade  # 17 unknown entity 'vietnam'
    name: Trade
    subject: [vietnam]
    aliases: [trade]
    dimension: currency
facts:
  - metric: trade  # 23 neither period nor end
    value: 1.5
    source: https://example.org/trade
    status: checked  # 26 bad enum
  - metric: trad  # 27 unknown metric
    period: 2020
    value: 2.0
    source: https://example.org/trade
"""


def test_every_kind_of_problem_of_two_files_in_one_run(newsroom: Newsroom) -> None:
    newsroom.write("bad/people.yaml", PEOPLE)
    newsroom.write("bad/offices.yaml", OFFICES)
    run = newsroom.run("rules", "check", "bad")
    assert run.code == 2
    o, p = "bad/offices.yaml", "bad/people.yaml"
    assert run.err.splitlines() == [
        f"{o}:2:5: unknown entity 'japan'",
        f"{o}:17:5: unknown entity 'vietnam'",
        f"{o}:23:5: give period, or end (with start for a range) (at facts[0])",
        f"{o}:26:13: Input should be 'verified' or 'unverified' (at facts[0].status)",
        f"{o}:27:5: unknown metric 'trad'",
        f"{p}:4:11: Input should be 'country', 'organisation', 'place' or 'other' "
        "(at entities[0].kind)",
        f"{p}:11:5: missing key 'source' (at people[1])",
        f"{p}:14:12: Input should be 'family' or 'given' (at people[1].short)",
        f"{p}:15:5: unknown key 'sorce' (at people[1]); did you mean 'source'?",
        f"{p}:19:12: cannot read '2014-02-30': day is out of range for month",
    ]
    # every line reported is marked in the files, and every marked line is reported
    marked = {
        (name, n + 1)
        for name, text in ((o, OFFICES), (p, PEOPLE))
        for n, line in enumerate(text.splitlines())
        if re.search(r"# \d+ ", line)
    }
    assert {(e.split(":")[0], int(e.split(":")[1])) for e in run.err.splitlines()} == marked


def test_fixing_what_is_reported_leaves_nothing_for_a_second_run(newsroom: Newsroom) -> None:
    fixed_people = (
        PEOPLE.replace("countree", "country")
        .replace("famly", "family")
        .replace("sorce", "source")
        .replace("2014-02-30", "2014-02-28")
    )
    fixed_offices = (
        "entities:\n  - id: japan\n    names: [Japan]\n  - id: vietnam\n    names: [Vietnam]\n"
        + OFFICES.replace("checked", "verified")
        .replace("value: 1.5", "value: 1.5\n    period: 2019")
        .replace("trad ", "trade ")
    )
    newsroom.write("bad/people.yaml", fixed_people)
    newsroom.write("bad/offices.yaml", fixed_offices)
    run = newsroom.run("rules", "check", "bad")
    assert (run.code, run.err) == (0, "")
    assert run.out == "2 rule file(s), 11 entries: OK\n"


def test_a_check_across_fields_is_reported_only_when_sound(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "metrics:\n"
        "  - id: trade\n"
        "    name: Trade\n"
        "    aliases: [trade]\n"
        "    dimension: currency\n"
        "facts:\n"
        "  - metric: trade\n"
        "    value: lots\n"  # 8: the check reads `value`: it says nothing of `period`
        "    source: https://example.org\n"
        "  - metric: trade\n"
        "    period: 2020\n"
        "    value: 1\n"
        "    max: 2\n"  # 13: the check's own problem, beside the unknown key
        "    unit: USD\n"
        "    sorce: x\n"
        "    source: https://example.org\n",
        encoding="utf-8",
    )
    shown = str(tmp_path / "m.yaml")
    assert problems(tmp_path) == [
        f"{shown}:8:12: Input should be a valid number, unable to parse string as a number "
        "(at facts[0].value)",
        f"{shown}:10:5: give either value or min/max, not both (at facts[1])",
        f"{shown}:15:5: unknown key 'sorce' (at facts[1]); did you mean 'source'?",
    ]


def test_no_unknown_reference_when_a_file_does_not_parse(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("entities:\n  - id: japan\n    names: [Japan\n")
    (tmp_path / "b.yaml").write_text(
        "metrics:\n  - id: t\n    name: T\n    subject: [japan]\n    aliases: [t]\n"
        "    dimension: count\n",
        encoding="utf-8",
    )
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert problems(tmp_path) == [
        f"{a}:4:1: while parsing a flow sequence at 3:12: expected ',' or ']', "
        "but got '<stream end>'"
    ]
    # a section that is not a list, or a misspelt one, may hold what is referred to: the same
    for other in ("entities: {japan: {names: [Japan]}}\n", "entites:\n  - id: japan\n"):
        (tmp_path / "a.yaml").write_text(other, encoding="utf-8")
        assert [p for p in problems(tmp_path) if "unknown entity" in p] == []
    (tmp_path / "a.yaml").write_text("entities: []\n", encoding="utf-8")
    assert problems(tmp_path) == [f"{b}:2:5: unknown entity 'japan'"]


def test_a_duplicate_is_reported_even_when_its_first_entry_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "entities:\n  - id: japan\n    names: [Japan]\n    kind: nation\n", encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text(
        "entities:\n  - id: other\n    names: [Other]\n  - id: japan\n    names: [Nippon]\n",
        encoding="utf-8",
    )
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert problems(tmp_path) == [
        f"{a}:4:11: Input should be 'country', 'organisation', 'place' or 'other' "
        "(at entities[0].kind)",
        f"{b}:4:5: duplicate entities id 'japan' (first at {a}:2:5)",
    ]


def test_every_unreadable_value_of_a_file(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "terms:\n"
        "  - id: t\n"
        "    name: T\n"
        "    since: 2015-02-30\n"
        "    until: 2019-13-01\n"
        "    source: https://example.org\n"
        "    sorce: x\n",
        encoding="utf-8",
    )
    shown = str(tmp_path / "t.yaml")
    assert problems(tmp_path) == [
        f"{shown}:4:12: cannot read '2015-02-30': day is out of range for month",
        f"{shown}:5:12: cannot read '2019-13-01': month must be in 1..12",
        f"{shown}:7:5: unknown key 'sorce' (at terms[0]); did you mean 'source'?",
    ]
