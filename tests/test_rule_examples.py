"""Rule examples as tests (like sqlfluff's YAML rule cases), and `claimcheck rules test/unverified`.

Every `examples:` entry under rules/ is one test, named file:line. An example that expects a rule
no engine registers yet is an xfail naming that rule: it is not passed, and it is not hidden.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Newsroom

from claimcheck import rulebook
from claimcheck.rulebook import Origin
from claimcheck.rulebook.schema import Example
from claimcheck.run.ruletest import Runner
from claimcheck.yamlio.positions import YamlProblems

RULES_DIR = REPO_ROOT / "rules"


@functools.cache
def _book() -> rulebook.Rulebook | str:
    try:
        return rulebook.load([RULES_DIR])
    except YamlProblems as exc:
        return str(exc)


@functools.cache
def _runner() -> Runner:
    book = _book()
    assert isinstance(book, rulebook.Rulebook)
    return Runner(book)


def _cases() -> list[object]:
    book = _book()
    if isinstance(book, str):
        return [pytest.param(None, None, id="rules-do-not-load")]
    return [
        pytest.param(ex, origin, id=f"{Path(origin.path).relative_to(REPO_ROOT)}:{origin.line}")
        for ex, origin in book.examples
    ]


@pytest.mark.parametrize(("example", "origin"), _cases())
def test_rule_example(example: Example | None, origin: Origin | None) -> None:
    if example is None or origin is None:
        pytest.fail(f"rules/ does not load:\n{_book()}")
    outcome = _runner().run(example, origin)
    if outcome.status == "FAIL":
        details = "\n".join(f"  {f.rule}: {f.message}" for f in outcome.findings)
        pytest.fail(f"{outcome.line()}\n{details}")
    if outcome.status == "PENDING":
        pytest.xfail(outcome.reason())
    assert outcome.status == "PASS"


# --- the runner and the command, on a rulebook of their own ---

EXAMPLES = """\
examples:
  - date: 2015-09-15
    text: Vietnam and Japan upgraded their ties to an exclusive strategic partnership in 2014.
    expect: [term-wrong-variant]
  - date: 2015-09-15
    text: Vietnam and Japan upgraded their ties to the Extensive Strategic Partnership in 2014.
    expect: []
"""
WRONG_EXPECT = """\
examples:
  - date: 2015-09-15
    text: Vietnam and Japan upgraded their ties to an exclusive strategic partnership in 2014.
    expect: []
"""
PENDING = """\
examples:
  - date: 2015-09-15
    text: The Extensive Strategic Partnership was set up in 2014.
    expect: [no-such-rule-yet]
"""


def test_examples_pass(newsroom: Newsroom) -> None:
    newsroom.write("rules/examples.yaml", EXAMPLES)
    run = newsroom.run("rules", "test")
    assert run.code == 0, run.out
    lines = run.out.splitlines()
    assert lines[0].startswith('rules/examples.yaml:2: PASS example "Vietnam and Japan upgraded')
    assert lines[0].endswith("(2015-09-15): expect [term-wrong-variant]")
    assert lines[1].startswith("rules/examples.yaml:5: PASS example")
    assert lines[1].endswith(": expect []")
    assert lines[-1] == "2 example(s): 2 passed, 0 failed, 0 pending (rule not registered)"


def test_failing_example_exits_1_with_the_findings(newsroom: Newsroom) -> None:
    newsroom.write("rules/examples.yaml", WRONG_EXPECT)
    run = newsroom.run("rules", "test")
    assert run.code == 1
    first, detail, summary = run.out.splitlines()
    assert first.startswith("rules/examples.yaml:2: FAIL example")
    assert first.endswith("expected [], got [term-wrong-variant]")
    assert detail.startswith("    term-wrong-variant: 'exclusive strategic partnership' is not")
    assert summary == "1 example(s): 0 passed, 1 failed, 0 pending (rule not registered)"


def test_silent_example_that_fires_fails(newsroom: Newsroom) -> None:
    """The other direction: an example that expects a rule on a correct sentence fails."""
    newsroom.write(
        "rules/examples.yaml",
        "examples:\n  - date: 2015\n    text: The Extensive Strategic Partnership.\n"
        "    expect: [term-wrong-variant]\n",
    )
    run = newsroom.run("rules", "test")
    assert run.code == 1
    assert "expected [term-wrong-variant], got []" in run.out


def test_unregistered_rule_is_pending_not_passed(newsroom: Newsroom) -> None:
    newsroom.write("rules/examples.yaml", PENDING)
    run = newsroom.run("rules", "test")
    assert run.code == 0
    assert "PENDING example" in run.out
    assert "rule no-such-rule-yet not registered" in run.out
    assert run.out.splitlines()[-1].endswith("0 passed, 0 failed, 1 pending (rule not registered)")
    strict = newsroom.run("rules", "test", "--strict")
    assert strict.code == 1


def test_quiet_prints_only_what_is_not_passing(newsroom: Newsroom) -> None:
    newsroom.write("rules/examples.yaml", EXAMPLES)
    newsroom.write("rules/pending.yaml", PENDING)
    run = newsroom.run("rules", "test", "-q")
    assert run.code == 0
    assert "PASS" not in run.out
    assert "rules/pending.yaml:2: PENDING" in run.out


def test_examples_see_the_whole_rulebook(newsroom: Newsroom) -> None:
    """An example in one file is checked against the terms of another file of the folder."""
    newsroom.write("more/examples.yaml", EXAMPLES)
    run = newsroom.run("rules", "test", "rules", "more")
    assert run.code == 0, run.out
    alone = newsroom.run("rules", "test", "more")
    assert alone.code == 1  # without rules/terms.yaml nothing fires


def test_rules_that_do_not_load_exit_2(newsroom: Newsroom) -> None:
    newsroom.write("rules/examples.yaml", "examples:\n  - text: x\n    expect: []\n")
    run = newsroom.run("rules", "test")
    assert run.code == 2
    assert run.err.strip() == "rules/examples.yaml:2:5: missing key 'date' (at examples[0])"
    missing = newsroom.run("rules", "test", "nowhere")
    assert missing.code == 2
    assert "nowhere:1:1: no such rule file or folder" in missing.err


def test_no_examples(newsroom: Newsroom) -> None:
    run = newsroom.run("rules", "test")
    assert run.code == 0
    assert run.out.strip() == "no examples in the rule files"


def test_runner_uses_the_extractor_and_engines(newsroom: Newsroom) -> None:
    """The outcome carries real findings with positions in the one-sentence document."""
    newsroom.write("rules/examples.yaml", EXAMPLES)
    book = rulebook.load([Path("rules")])
    outcomes = Runner(book).run_all()
    assert [o.status for o in outcomes] == ["PASS", "PASS"]
    (finding,) = outcomes[0].findings
    assert finding.path == "rules/examples.yaml:2"
    assert (finding.line, finding.column) == (1, 45)
    assert finding.fix == "Extensive Strategic Partnership"
    assert outcomes[1].findings == ()
    example, origin = book.examples[0]
    doc = Runner(book).document(example, origin)
    assert (doc.text, str(doc.date)) == (example.text, "2015-09-15")


# --- claimcheck rules unverified ---

UNVERIFIED = """\
people:
  - id: ada-quill
    given: Ada
    family: Quill
    short: family
    source: city clerk
offices:
  - id: mayor
    jurisdiction: vietnam
    title: Mayor
    holders:
      - person: ada-quill
        from: 2019-01-07
        source: election results 2018
        status: unverified
        note: "sworn in on the 7th or the 8th?"
metrics:
  - id: budget
    name: city budget
    aliases: [city budget]
    dimension: currency
facts:
  - metric: budget
    period: 2024
    value: 12.5e6
    source: budget ordinance 2024
  - metric: budget
    end: 2023-12-31
    value: 11.9e6
    source: a press release
    status: unverified
"""


def test_unverified_lists_every_unverified_entry(newsroom: Newsroom) -> None:
    newsroom.write("rules/city.yaml", UNVERIFIED)
    run = newsroom.run("rules", "unverified")
    assert run.code == 0
    assert run.out.splitlines() == [
        "rules/city.yaml:12: holder mayor/ada-quill@2019-01-07: sworn in on the 7th or the 8th?; "
        "source: election results 2018",
        "rules/city.yaml:27: fact budget@..2023-12-31: no note; source: a press release",
    ]
    assert run.err.strip() == "2 unverified entries"


def test_unverified_none(newsroom: Newsroom) -> None:
    run = newsroom.run("rules", "unverified")
    assert run.code == 0
    assert run.out == ""
    assert run.err.strip() == "0 unverified entries"


def test_unverified_in_the_project_rules_are_listed() -> None:
    """Every entry of rules/ marked unverified appears once in the listing, at its line."""
    from claimcheck.run.ruletest import unverified_entries, unverified_lines

    book = _book()
    assert isinstance(book, rulebook.Rulebook), book
    marked = [e for _, _, e in unverified_entries(book) if e.status == "unverified"]
    lines = unverified_lines(book)
    assert len(lines) == len(marked)
    for entry in marked:
        origin = book.origin(entry)
        assert origin is not None
        assert any(line.startswith(f"{origin.path}:{origin.line}: ") for line in lines)
