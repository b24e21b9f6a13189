"""Meta-tests (like proselint's): every rule file with checkable knowledge carries examples, and
every registered rule is exercised by an example or an answer key somewhere in rules/ or examples/.

These may fail while engines and rule files are being written: that is their point.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from claimcheck import checks, rulebook
from claimcheck.model.document import Document
from claimcheck.run import filters as suppress
from claimcheck.yamlio import positions as yamlpos
from claimcheck.yamlio.positions import YamlProblems

RULE_DIRS = [REPO_ROOT / "rules", *sorted((REPO_ROOT / "examples").glob("*/rules"))]
ANSWER_KEYS = sorted((REPO_ROOT / "examples").glob("*/answers.yaml"))
# Sections whose entries a check compares claims with; entities and people are vocabulary only.
CHECKABLE = ("offices", "metrics", "facts", "rankings", "events", "terms")

# Registered rules that no example can exercise yet, each with the reason. Keep it small: a rule
# listed here is an xfail (strict=False) in test_rule_is_exercised, every other one must be used.
ALLOWED_UNEXERCISED: dict[str, str] = {}


def _rel(path: str | Path) -> str:
    p = Path(path)
    return str(p.relative_to(REPO_ROOT)) if p.is_absolute() else str(p)


@functools.cache
def _book(folder: Path) -> rulebook.Rulebook | str:
    try:
        return rulebook.load([folder])
    except YamlProblems as exc:
        return str(exc)


def _file_params() -> list[object]:
    params: list[object] = []
    for folder in RULE_DIRS:
        book = _book(folder)
        if isinstance(book, str):
            params.append(pytest.param(folder, None, id=f"{_rel(folder)}:does-not-load"))
            continue
        params.extend(pytest.param(folder, f, id=_rel(f)) for f in book.files)
    return params


@pytest.mark.parametrize(("folder", "path"), _file_params())
def test_rule_file_has_examples(folder: Path, path: str | None) -> None:
    book = _book(folder)
    if path is None or isinstance(book, str):
        pytest.fail(f"{_rel(folder)} does not load:\n{book}")
    checkable: Counter[str] = Counter()
    for section in CHECKABLE:
        entries = getattr(book, section)
        for entry in entries.values() if isinstance(entries, dict) else entries:
            origin = book.origin(entry)
            if origin is not None and origin.path == path:
                checkable[section] += 1
    examples = sum(1 for _, origin in book.examples if origin.path == path)
    if checkable:
        assert examples, (
            f"{_rel(path)} has {dict(checkable)} but no `examples:`: add a sentence that must "
            "trigger a rule and one that must stay silent"
        )


def _exercised() -> dict[str, list[str]]:
    """Rule id → where an example expects it or an answer key plants it."""
    used: dict[str, list[str]] = {}
    for folder in RULE_DIRS:
        book = _book(folder)
        if isinstance(book, str):
            continue
        for example, origin in book.examples:
            for rule in example.expect:
                used.setdefault(rule, []).append(f"{_rel(origin.path)}:{origin.line}")
    for key in ANSWER_KEYS:
        for entry in yamlpos.read(key).get("planted", []):
            used.setdefault(str(entry["rule"]), []).append(f"{_rel(key)}: {entry['file']}")
    return used


def _registered() -> list[str]:
    checks.load_engines()
    return sorted(r.id for r in checks.RULES.values() if r.category != "document")


@pytest.mark.parametrize("rule", _registered())
def test_rule_is_exercised(rule: str) -> None:
    used = _exercised()
    if rule in used:
        return
    if rule in ALLOWED_UNEXERCISED:
        pytest.xfail(ALLOWED_UNEXERCISED[rule])
    summary = checks.RULES[rule].summary
    pytest.fail(
        f"rule {rule} ({summary}) is never expected by an example in rules/ or examples/*/rules, "
        "nor planted in an examples/*/answers.yaml: add an example that triggers it"
    )


def test_allow_list_is_needed() -> None:
    """An allowed rule that is exercised now, or no longer registered, leaves the list."""
    used = _exercised()
    registered = set(_registered())
    stale = [r for r in ALLOWED_UNEXERCISED if r in used or r not in registered]
    assert not stale, f"remove from ALLOWED_UNEXERCISED: {stale}"


def test_meta_tests_see_the_rule_folders() -> None:
    assert REPO_ROOT / "rules" in RULE_DIRS
    assert any("halvora" in str(d) for d in RULE_DIRS)
    assert ANSWER_KEYS, "no examples/*/answers.yaml found"


@pytest.mark.parametrize("doc", ["README.md", "docs/checks.md"])
def test_suppression_comments_in_the_docs_name_registered_rules(doc: str) -> None:
    """What the documentation shows a person to copy silences something."""
    checks.load_engines()
    text = (REPO_ROOT / doc).read_text(encoding="utf-8")
    found = suppress.scan(Document(doc, text), checks.RULES).findings
    assert [f"{f.path}:{f.line}: {f.message}" for f in found] == []
    assert "claimcheck-disable" in text  # the test reads what it means to
