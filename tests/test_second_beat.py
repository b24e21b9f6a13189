"""The second beat (examples/halvora): a fictional city hall, checked with its own rules only.

`claimcheck check examples/halvora/articles --rules examples/halvora/rules` must report exactly
the planted errors of examples/halvora/answers.yaml (errors and warnings; info findings are not
judged) and nothing on the traps. A planted error whose rule no engine registers yet is listed
below by the rule it awaits and reported as xfail with that reason, never skipped.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT

from claimcheck import checks, rulebook
from claimcheck.cli import main
from claimcheck.rulebook import Origin
from claimcheck.rulebook.schema import Example
from claimcheck.run.ruletest import Runner
from claimcheck.yamlio import positions as yamlpos

BEAT = REPO_ROOT / "examples" / "halvora"
ARTICLES = BEAT / "articles"
RULES = BEAT / "rules"
ANSWERS = BEAT / "answers.yaml"

Key = tuple[str, int, str]  # (file name, line, rule)


def _answers() -> dict[str, list[dict[str, Any]]]:
    data = yamlpos.read(ANSWERS)
    return {k: [dict(e) for e in v] for k, v in data.items()}


PLANTED = _answers()["planted"]
TRAPS = _answers()["traps"]


def _registered(rule: str) -> bool:
    checks.load_engines()
    return rule in checks.RULES


# The planted errors whose rule no engine registered when this test was written, by rule id: while
# a rule is unregistered its errors are xfails with this reason; once registered they are tested
# for real (an entry here then does nothing and may go). An unregistered rule missing from this
# list fails test_awaited_list_is_complete: what is awaited is always written down.
AWAITING: dict[str, list[str]] = {
    "elapsed-wrong-years": ["2024-05-10-preview.md:6"],
    "title-no-such-office": ["2024-05-14-charter.md:8"],
    "name-short-form": ["2024-07-03-housing.md:14"],
    "title-wrong-person": ["2025-01-15-budget.md:8"],
    "title-not-in-office": ["2025-01-15-budget.md:12"],
}


# What the code gets wrong on this beat today, each with the Python it points at (the beat needs
# no change: these are places where claimcheck is not yet general). Each is an xfail(strict=False)
# that shows as XPASS once fixed; then delete the entry.
KNOWN_MISSED: dict[str, str] = {}
KNOWN_FALSE_ALARMS: dict[str, str] = {}
KNOWN_EXAMPLE_GAPS: dict[str, str] = {}


@functools.cache
def _check() -> tuple[int, str]:
    """The command a newsroom would run, from the repository root; (exit status, JSON out)."""
    import contextlib
    import io
    import os

    out = io.StringIO()
    here = os.getcwd()
    os.chdir(REPO_ROOT)
    try:
        with contextlib.redirect_stdout(out):
            code = main(
                [
                    "check",
                    "examples/halvora/articles",
                    "--rules",
                    "examples/halvora/rules",
                    "--format",
                    "json",
                ]
            )
    finally:
        os.chdir(here)
    return code, out.getvalue()


def _found() -> set[Key]:
    code, out = _check()
    assert code in (0, 1), out
    report = json.loads(out)
    return {
        (Path(f["path"]).name, f["line"], f["rule"])
        for f in report["findings"]
        if f["severity"] in ("error", "warning")
    }


def _key(entry: dict[str, Any]) -> Key:
    return (str(entry["file"]), int(entry["line"]), str(entry["rule"]))


def test_the_beat_is_complete() -> None:
    articles = sorted(ARTICLES.glob("*.md"))
    assert len(articles) >= 5
    assert {e["file"] for e in PLANTED} == {a.name for a in articles}  # an error in each
    for path in [*articles, *RULES.glob("*.yaml"), ANSWERS]:
        text = path.read_text(encoding="utf-8").lower()
        for word in ("vietnam", "japan", "viet nam"):
            assert word not in text, f"{path} mentions {word}: the beat must stand on its own"
    book = rulebook.load([RULES])
    assert len(book.files) == 3


def test_answer_key_points_at_its_text() -> None:
    """Every entry's `text` is on its line, so line numbers cannot silently go stale."""
    for entry in [*PLANTED, *TRAPS]:
        lines = (ARTICLES / entry["file"]).read_text(encoding="utf-8").splitlines()
        assert entry["text"] in lines[entry["line"] - 1], entry
    assert len({_key(e) for e in PLANTED}) == len(PLANTED)


def test_awaited_list_is_complete() -> None:
    missing = [
        f"{e['file']}:{e['line']}: {e['rule']}"
        for e in PLANTED
        if not _registered(e["rule"])
        and f"{e['file']}:{e['line']}" not in AWAITING.get(e["rule"], [])
    ]
    assert not missing, f"planted errors awaiting an unregistered rule, not in AWAITING: {missing}"


def _ref(key: Key) -> str:
    return f"{key[0]}:{key[1]}:{key[2]}"


def _planted_params() -> list[Any]:
    params = []
    for e in PLANTED:
        key = _key(e)
        marks: list[pytest.MarkDecorator] = []
        if not _registered(key[2]):
            marks.append(pytest.mark.xfail(reason=f"awaits rule {key[2]} (not registered yet)"))
            # (listed in AWAITING; test_awaited_list_is_complete fails when it is not)
        elif _ref(key) in KNOWN_MISSED:
            marks.append(pytest.mark.xfail(reason=KNOWN_MISSED[_ref(key)], strict=False))
        params.append(pytest.param(e, id=_ref(key), marks=marks))
    return params


@pytest.mark.parametrize("entry", _planted_params())
def test_planted_error_is_found(entry: dict[str, Any]) -> None:
    key = _key(entry)
    assert key in _found(), f"{key} not reported: {entry['why']}"


@pytest.mark.parametrize(
    "ref",
    [pytest.param(r, marks=pytest.mark.xfail(reason=why)) for r, why in KNOWN_FALSE_ALARMS.items()],
)
def test_known_false_alarm_is_gone(ref: str) -> None:
    assert ref not in {_ref(k) for k in _found()}


def test_nothing_but_the_planted_errors() -> None:
    """No finding outside the answer key (but the known false alarms): the traps stay silent."""
    expected = {_key(e) for e in PLANTED}
    extra = sorted(k for k in _found() - expected if _ref(k) not in KNOWN_FALSE_ALARMS)
    assert not extra, f"reported but not planted (false alarms): {extra}"


def test_findings_equal_the_answer_key_for_registered_rules() -> None:
    """The whole comparison in one place, short of the gaps listed above."""
    expected = {
        _key(e) for e in PLANTED if _registered(e["rule"]) and _ref(_key(e)) not in KNOWN_MISSED
    }
    found = {k for k in _found() if _ref(k) not in KNOWN_FALSE_ALARMS}
    assert found - {_key(e) for e in PLANTED if _ref(_key(e)) in KNOWN_MISSED} == expected


def test_gap_lists_name_real_entries() -> None:
    planted = {_ref(_key(e)) for e in PLANTED}
    assert set(KNOWN_MISSED) <= planted
    assert not set(KNOWN_FALSE_ALARMS) & planted
    texts = {ex.text for ex, _ in _beat_book().examples}
    assert set(KNOWN_EXAMPLE_GAPS) <= texts


def test_exit_status_is_1() -> None:
    code, _ = _check()
    assert code == 1


# --- the beat's own rule examples ---


@functools.cache
def _beat_book() -> rulebook.Rulebook:
    return rulebook.load([RULES])


def _examples() -> list[Any]:
    params = []
    for ex, origin in _beat_book().examples:
        gap = KNOWN_EXAMPLE_GAPS.get(ex.text)
        marks = [pytest.mark.xfail(reason=gap, strict=False)] if gap else []
        params.append(
            pytest.param(ex, origin, id=f"{Path(origin.path).name}:{origin.line}", marks=marks)
        )
    return params


@functools.cache
def _runner() -> Runner:
    return Runner(_beat_book())


@pytest.mark.parametrize(("example", "origin"), _examples())
def test_beat_rule_example(example: Example, origin: Origin) -> None:
    outcome = _runner().run(example, origin)
    if outcome.status == "FAIL":
        details = "\n".join(f"  {f.rule}: {f.message}" for f in outcome.findings)
        pytest.fail(f"{outcome.line()}\n{details}")
    if outcome.status == "PENDING":
        pytest.xfail(outcome.reason())
