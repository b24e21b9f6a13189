"""Organisations own their figures (issue 18, point 14): an entity of kind organisation, or one
with a `parent`, named as the owner of an alias ("the Port Authority's budget", "the budget of the
Port Authority") takes the figure from its parent and from an implied entity, unless the metric's
`subject` lists the organisation. Rules made up here."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.yamlio.positions import YamlProblems

RULES = """\
entities:
  - id: marrow
    kind: place
    names: [Marrow]
    implied: true
  - id: marrow-port
    kind: organisation
    parent: marrow
    names: [Port Authority, Marrow Port Authority]
  - id: tidewell
    kind: place
    parent: marrow
    names: [Tidewell]
  - id: ferrant
    kind: place
    names: [Ferrant]
metrics:
  - id: marrow-budget
    name: Marrow town budget
    subject: [marrow]
    aliases: [budget, town budget]
    dimension: currency
    unit: EUR
    period: span
  - id: port-budget
    name: Port Authority budget
    subject: [marrow-port]
    aliases: [port budget]
    dimension: currency
    unit: EUR
    period: span
"""


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("orgs")
    (d / "town.yaml").write_text(RULES, encoding="utf-8")
    return str(d)


@functools.cache
def extractor(root: str) -> Extractor:
    return Extractor(rulebook.load([Path(root)]))


def read(root: str, text: str) -> list[tuple[str | None, str]]:
    """(metric, digits) of the quantity claims."""
    d = Document("a.md", text, date=PartialDate.parse("2024-05-02"))
    return [
        (c.target, c.value.digits)
        for c in extractor(root).extract(d)
        if c.kind == "quantity" and c.value is not None
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Port Authority's annual budget is €40 million this year.",
        "The Port Authority has a budget of €40 million this year.",
        "The budget of the Port Authority is €40 million this year.",
        "Marrow's Port Authority budget is €40 million this year.",
        "Tidewell's budget is €40 million this year.",  # a district with a parent
    ],
)
def test_an_organisations_figure_is_not_the_towns(rules_dir: str, text: str) -> None:
    assert [c for c in read(rules_dir, text) if c[0] == "marrow-budget"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The budget is €400 million this year.",  # the implied town's
        "The Port Authority said the town budget is €400 million this year.",  # its source only
        "Marrow's budget is €400 million this year, the Port Authority noted.",
    ],
)
def test_the_towns_own_figure_is_read(rules_dir: str, text: str) -> None:
    assert ("marrow-budget", "400") in read(rules_dir, text)


def test_a_metric_about_the_organisation_reads_it(rules_dir: str) -> None:
    got = read(rules_dir, "The Port Authority's port budget is €40 million this year.")
    assert ("port-budget", "40") in got


def test_an_unknown_parent_is_a_problem_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        RULES.replace("parent: marrow\n    names: [Port", "parent: marow\n    names: [Port"),
        encoding="utf-8",
    )
    with pytest.raises(YamlProblems) as got:
        rulebook.load([tmp_path])
    assert "x.yaml:" in str(got.value) and "unknown entity 'marow'" in str(got.value)


def test_a_misspelt_parent_key_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        RULES.replace("parent: marrow", "parnet: marrow"), encoding="utf-8"
    )
    with pytest.raises(YamlProblems) as got:
        rulebook.load([tmp_path])
    assert "x.yaml:8:5: unknown key 'parnet'" in str(got.value)
