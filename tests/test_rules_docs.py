"""docs/rules.md is generated from the schema, the rule registry and the config model: it must
match what the generator gives now, and every key a rule file accepts must be explained."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Newsroom
from pydantic import BaseModel

from claimcheck import checks, rulebook
from claimcheck.reports import rules_docs as docs
from claimcheck.rulebook import schema
from claimcheck.run.config import ConfigFile
from claimcheck.run.ruletest import Runner
from claimcheck.yamlio.validation import model as model_of

DOCS = REPO_ROOT / "docs" / "rules.md"
REGENERATE = "regenerate it: .venv/bin/python -m claimcheck.reports.rules_docs > docs/rules.md"


def _models() -> list[type[BaseModel]]:
    """Every model a rule file can contain, reached from RuleFile."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for info in model.model_fields.values():
            for arg in _walk(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    visit(arg)

    visit(model_of(schema.RuleFile))
    return found


def _walk(tp: object) -> typing.Iterator[object]:
    yield tp
    for a in typing.get_args(tp):
        yield from _walk(a)


@pytest.fixture(scope="module")
def generated() -> str:
    return docs.generate()


def test_docs_match_the_code(generated: str) -> None:
    assert DOCS.is_file(), f"docs/rules.md is missing: {REGENERATE}"
    written = DOCS.read_text(encoding="utf-8")
    assert written == generated, f"docs/rules.md differs from the schema and rules: {REGENERATE}"


def test_generation_is_deterministic(generated: str) -> None:
    assert docs.generate() == generated


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_key_is_explained(model: type[BaseModel], generated: str) -> None:
    """Each key of each model has a meaning (schema description or docs.EXTRA) in the guide."""
    assert model.__doc__, f"{model.__name__} has no docstring: it heads its section in the guide"
    if model is model_of(schema.RuleFile):
        return  # its keys are the sections, explained by their models' docstrings
    for name, info in model.model_fields.items():
        key = info.alias or name
        meaning = docs.description(model, key, info)
        assert meaning, f"{model.__name__}.{key}: no description in schema.py (nor docs.EXTRA)"
        assert f"| `{key}` |" in generated
        assert " ".join(meaning.split()).replace("|", "\\|") in generated


def test_extra_only_fills_gaps() -> None:
    """docs.EXTRA names real fields that have no description of their own: once schema.py
    describes a field, its entry here must go, so the two can never disagree."""
    models = {m.__name__: m for m in _models()}
    for dotted in docs.EXTRA:
        name, key = dotted.split(".")
        assert name in models, f"EXTRA[{dotted!r}]: no model {name}"
        fields = {(i.alias or n): i for n, i in models[name].model_fields.items()}
        assert key in fields, f"EXTRA[{dotted!r}]: {name} has no key {key!r}"
        own = fields[key].description
        assert not own or own == docs.GENERIC_ID.description, (
            f"EXTRA[{dotted!r}] duplicates the schema's description {own!r}: delete it"
        )


def test_every_section_rule_and_config_key_is_in_the_guide(generated: str) -> None:
    for section in model_of(schema.RuleFile).model_fields:
        assert f"[`{section}`]" in generated
    checks.load_engines()
    for rule in checks.RULES.values():
        assert f"| `{rule.id}` | {rule.category} | {rule.severity} |" in generated
    for name, info in model_of(ConfigFile).model_fields.items():
        assert f"| `{info.alias or name}` |" in generated


def test_type_names() -> None:
    fields = model_of(schema.Fact).model_fields
    assert docs.type_name(fields["period"].annotation, fields["period"]) == "date"
    assert docs.type_name(fields["metric"].annotation, fields["metric"]) == "id"
    assert docs.type_name(fields["tolerance"].annotation) == "number"
    status = fields["status"]
    assert docs.type_name(status.annotation) == "one of: `verified`, `unverified`"
    subject = model_of(schema.Metric).model_fields["subject"]
    assert docs.type_name(subject.annotation, subject) == "list of id"
    holders = model_of(schema.Office).model_fields["holders"]
    assert docs.type_name(holders.annotation) == "list of [Holder](#holder)"


def test_worked_example_loads_and_its_examples_pass(tmp_path: Path) -> None:
    """The guide's worked example is a real rule file: it validates and its examples hold."""
    folder = tmp_path / "rules" / "northport"
    folder.mkdir(parents=True)
    (folder / "city.yaml").write_text(docs.worked_example(), encoding="utf-8")
    book = rulebook.load([folder])
    assert set(book.offices) == {"northport-mayor"}
    outcomes = Runner(book).run_all()
    assert len(outcomes) == 3
    assert [o.status for o in outcomes if o.status == "FAIL"] == [], [o.line() for o in outcomes]


def test_rules_docs_command(newsroom: Newsroom, generated: str) -> None:
    run = newsroom.run("rules", "docs")
    assert run.code == 0
    assert run.out == generated
    written = newsroom.run("rules", "docs", "-o", "guide.md")
    assert written.code == 0
    assert (newsroom.root / "guide.md").read_text(encoding="utf-8") == generated
