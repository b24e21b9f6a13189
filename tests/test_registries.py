"""Meta-tests of the registries (issue 19 point 4): extractors, engines with their rules, commands.

Each kind is declared once, in one registry: an item registered twice, or a module whose items
its package's loader never imports, fails here. Every registered item is reachable (an extractor
gives claims on the rule cases of tests/rules/, an engine reports a rule, a command has its
parser) and documented (rules in docs/checks.md and docs/rules.md, the kinds of claim the
extractors give in docs/rules.md, commands in --help and the README). Each rule's own cases are
in tests/rules/ (tests/test_rule_cases.py). The formatters' registry has its own tests.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from conftest import REPO_ROOT
from test_rule_cases import case_files, read_cases, write_case

from claimcheck import checks, cli
from claimcheck import extract as extract_package
from claimcheck.cli import main

# Run in a fresh interpreter: the registering functions are wrapped before any module registers
# (the test process has imported them long since), so that every registration is counted, the
# loaders' own (load_engines, the Extractor's) apart from a walk over every module of the package.
PROBE = """
import importlib, json, pkgutil
import claimcheck.checks as checks
import claimcheck.checks.registry as check_registry
import claimcheck.extract as extract
import claimcheck.extract.registry as extract_registry

before = {"rules": sorted(checks.RULES), "extractors": sorted(extract.EXTRACTORS)}
calls = {"rules": [], "engines": [], "extractors": []}
register_rule, engine = check_registry.register_rule, check_registry.engine
extractor = extract_registry.extractor

def count_rule(rule):
    calls["rules"].append(rule.id)
    return register_rule(rule)

def count_engine(name, *args, **kwargs):
    calls["engines"].append(name)
    return engine(name, *args, **kwargs)

def count_extractor(name, *args, **kwargs):
    calls["extractors"].append(name)
    return extractor(name, *args, **kwargs)

check_registry.register_rule, check_registry.engine = count_rule, count_engine
extract_registry.extractor = count_extractor

def registered():
    return {
        "rules": sorted(checks.RULES),
        "engines": sorted([*checks.DOC_ENGINES, *checks.CORPUS_ENGINES]),
        "extractors": sorted(extract.EXTRACTORS),
    }

checks.load_engines()
from claimcheck.rulebook import Rulebook
extract.Extractor(Rulebook())
loaded = registered()
for package in (checks, extract):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
print(json.dumps({"before": before, "calls": calls, "loaded": loaded, "every": registered()}))
"""


@functools.cache
def _probe() -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    probe: dict[str, Any] = json.loads(run.stdout)
    return probe


def _twice(names: Iterable[str]) -> list[str]:
    return sorted(name for name, n in Counter(names).items() if n > 1)


# --- engines and their rules -------------------------------------------------------------------


def test_nothing_registers_before_its_loader_runs() -> None:
    """Importing the packages registers nothing: the loaders are the one way in."""
    assert _probe()["before"] == {"rules": [], "extractors": []}


@pytest.mark.parametrize("kind", ["rules", "engines", "extractors"])
def test_each_item_is_registered_once(kind: str) -> None:
    """A second registration under a name would silently replace the first (or, for a rule,
    raise only when the two differ)."""
    calls = _probe()["calls"][kind]
    assert calls, f"no {kind} registered: the probe saw nothing"
    assert _twice(calls) == [], f"{kind} registered more than once"


@pytest.mark.parametrize("kind", ["rules", "engines", "extractors"])
def test_the_loaders_import_every_registering_module(kind: str) -> None:
    """No engine or extractor sits in a module that load_engines() or the Extractor forgets."""
    probe = _probe()
    missed = sorted(set(probe["every"][kind]) - set(probe["loaded"][kind]))
    assert missed == [], f"{kind} registered only when some other module imports theirs"


def test_every_engine_reports_a_rule_and_every_rule_has_its_engine() -> None:
    checks.load_engines()
    engines = set(checks.DOC_ENGINES) | set(checks.CORPUS_ENGINES)
    assert not set(checks.DOC_ENGINES) & set(checks.CORPUS_ENGINES), "an engine of both scopes"
    reported = {r.engine for r in checks.RULES.values() if r.category != "document"}
    assert reported == engines
    # rules no engine reports come from the document loader and the suppression scan
    assert {r.category for r in checks.RULES.values() if r.engine not in engines} == {"document"}
    for name in checks.CORPUS_ENGINES:
        assert name in checks.CORPUS_KINDS and name in checks.CORPUS_JOINS, name


def _rule_ids() -> list[str]:
    checks.load_engines()
    return sorted(checks.RULES)


@pytest.mark.parametrize("rule", _rule_ids())
def test_every_rule_is_documented(rule: str) -> None:
    checks_md = (REPO_ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    rules_md = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert f"\n## {rule}\n" in checks_md, f"docs/checks.md has no section on {rule}"
    assert f"\n| `{rule}` |" in rules_md, f"the rule ids of docs/rules.md do not list {rule}"


def test_the_docs_name_no_rule_that_is_not_registered() -> None:
    checks_md = (REPO_ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    rules_md = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## ([a-z]+(?:-[a-z]+)+)$", checks_md, re.M)
    listed = re.findall(
        r"^\| `([a-z]+(?:-[a-z]+)+)` \| [a-z]+ \| (?:error|warning|info) \|", rules_md, re.M
    )
    assert sorted(sections) == _rule_ids()
    assert sorted(listed) == _rule_ids()


# --- extractors --------------------------------------------------------------------------------


def _import_extractors() -> list[str]:
    """Every extractor module imported: the registry complete without a rulebook."""
    import pkgutil

    for module in pkgutil.walk_packages(extract_package.__path__, extract_package.__name__ + "."):
        importlib.import_module(module.name)
    return sorted(extract_package.EXTRACTORS)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Counter[str]]:
    """The kinds of claim each extractor gives over every article of tests/rules/, read by
    `claimcheck claims` (in this process, with the registry's functions counted)."""
    names = _import_extractors()
    kinds: dict[str, Counter[str]] = {name: Counter() for name in names}
    mp = pytest.MonkeyPatch()
    for name in names:
        mp.setitem(
            extract_package.EXTRACTORS,
            name,
            _counted(extract_package.EXTRACTORS[name], kinds[name]),
        )
    try:
        for i, case in enumerate(c for path in case_files() for c in read_cases(path)):
            root = tmp_path_factory.mktemp(f"case{i}")
            write_case(root, case)
            mp.chdir(root)
            _claims()
    finally:
        mp.undo()
    return kinds


def _counted(fn: Any, seen: Counter[str]) -> Any:
    def counting(sentence: Any) -> list[Any]:
        claims = list(fn(sentence))
        seen.update(c.kind for c in claims)
        return claims

    return counting


def _claims() -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["claims", "news", "--format", "json"])
    assert code == 0


@pytest.mark.parametrize("name", _import_extractors())
def test_every_extractor_gives_claims_on_the_rule_cases(
    name: str, extracted: dict[str, Counter[str]]
) -> None:
    assert extracted[name], f"extractor {name} gave no claim on any article of tests/rules/"


def test_every_kind_of_claim_is_documented(extracted: dict[str, Counter[str]]) -> None:
    """docs/rules.md, "Which sentences are read", has a section per kind of claim."""
    rules_md = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### .*\(`([a-z]+)`", rules_md, re.M))
    kinds = {kind for seen in extracted.values() for kind in seen}
    assert kinds, "no claim at all"
    assert sorted(kinds - documented) == []


# --- commands ----------------------------------------------------------------------------------


def _command_modules() -> list[str]:
    folder = REPO_ROOT / "claimcheck" / "commands"
    return sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")


def test_commands_are_listed_once_and_every_command_module_is_listed() -> None:
    assert _twice(cli.COMMANDS) == []
    assert sorted(cli.COMMANDS) == _command_modules()


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_every_command_module_registers_its_own_name(name: str) -> None:
    """The parser a module registers is named as the module and COMMANDS name it."""
    module = importlib.import_module(f"claimcheck.commands.{name}")
    assert callable(module.register) and callable(module.run)
    parser = cli.build_parser(only=name)
    actions = [a for a in parser._actions if a.dest == "command"]
    assert len(actions) == 1
    choices = actions[0].choices
    assert isinstance(choices, dict) and list(choices) == [name]


def _help(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--help"]) == 0
    return capsys.readouterr().out


def test_help_lists_every_command_and_no_other(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    block = text.split("positional arguments:", 1)[1].split("options:", 1)[0]
    listed = re.findall(r"^    ([a-z]+)\b", block, re.M)
    assert listed == list(cli.COMMANDS)
    for name in cli.COMMANDS:
        line = next(ln for ln in block.splitlines() if ln.startswith(f"    {name} "))
        assert line[len(name) + 4 :].strip(), f"{name} has no help text in --help"


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_the_readme_shows_every_command(name: str) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bclaimcheck {name}\b", readme), f"README.md never shows claimcheck {name}"


def test_the_probe_sees_the_registries() -> None:
    """The meta-tests above read what they mean to (an empty registry would pass them)."""
    probe = _probe()
    assert set(probe["loaded"]["rules"]) == set(_rule_ids())
    assert len(probe["loaded"]["engines"]) >= 2 and len(probe["loaded"]["extractors"]) >= 2
