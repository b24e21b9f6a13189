"""Titles a closed jurisdiction does not have (issue 18, point 10): a run of title words before
the full name of someone who held an office there, tied to the jurisdiction by its name, a word
for its kind of body, or as a deputy of one of its offices; never a title of some other body.

The rules are made up here (a town and a company), so nothing about offices is hard-coded.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import DocContext
from claimcheck.checks.people import check_people
from claimcheck.extract import Extractor
from claimcheck.extract.titles import title_words
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

RULES = """\
entities:
  - id: marrow
    kind: place
    names: [Marrow, Town of Marrow]
    demonyms: [Marrovian]
    closed_offices: true
  - id: quillon
    kind: organisation
    names: [Quillon Mills]
    closed_offices: true
  - id: fenby
    kind: place
    names: [Fenby]
people:
  - {id: ada-okafor, given: Ada, family: Okafor, short: family, source: fic}
  - {id: ben-tarrant, given: Ben, family: Tarrant, short: family, source: fic}
  - {id: cora-lind, given: Cora, family: Lind, short: family, source: fic}
  - {id: dov-amsel, given: Dov, family: Amsel, short: family, source: fic}
offices:
  - id: marrow-mayor
    jurisdiction: marrow
    title: Mayor
    holders:
      - {person: ada-okafor, from: 2020-01-01, source: fic}
  - id: marrow-manager
    jurisdiction: marrow
    title: Town Manager
    holders:
      - {person: ben-tarrant, from: 2019-05-01, source: fic}
  - id: quillon-chair
    jurisdiction: quillon
    title: Chair
    aliases: [Chair of the Board]
    holders:
      - {person: cora-lind, from: 2018-01-01, source: fic}
  - id: fenby-reeve
    jurisdiction: fenby
    title: Reeve
    holders:
      - {person: dov-amsel, from: 2017-01-01, source: fic}
"""


@functools.cache
def extractor(root: str) -> Extractor:
    return Extractor(rulebook.load([Path(root)]))


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("closed")
    (d / "town.yaml").write_text(RULES, encoding="utf-8")
    return str(d)


def findings(root: str, text: str) -> list[tuple[str, str, str | None]]:
    ex = extractor(root)
    d = Document("a.md", text, date=PartialDate.parse("2024-04-02"))
    ctx = DocContext(d, ex.extract(d), ex.book)
    return [(f.rule, f.message, f.fix) for f in check_people(ctx)]


@pytest.mark.parametrize(
    ("text", "says", "fix"),
    [
        (
            "Town President Ada Okafor cut the ribbon.",
            "Marrow has no town president: Ada Okafor was Mayor of Marrow",
            "Mayor Ada Okafor",
        ),
        (
            "Deputy Mayor Ben Tarrant cut the ribbon.",
            "Marrow has no deputy mayor: Ben Tarrant was Town Manager of Marrow",
            "Town Manager Ben Tarrant",
        ),
        (
            "Marrovian Chancellor Ada Okafor cut the ribbon.",
            "Marrow has no chancellor: Ada Okafor was Mayor of Marrow",
            "Marrovian Mayor Ada Okafor",
        ),
        (
            "Company President Cora Lind opened the mill.",
            "Quillon Mills has no company president: Cora Lind was Chair of Quillon Mills",
            "Chair Cora Lind",
        ),
        (  # a qualifier of one of its offices, where it has no such office
            "Executive Chair Cora Lind opened the mill.",
            "Quillon Mills has no executive chair: Cora Lind was Chair of Quillon Mills",
            "Chair Cora Lind",
        ),
        (
            "Former Town Treasurer Ben Tarrant spoke.",
            "Marrow has no town treasurer: Ben Tarrant was Town Manager of Marrow",
            None,
        ),
    ],
)
def test_a_title_the_closed_jurisdiction_does_not_have(
    rules_dir: str, text: str, says: str, fix: str | None
) -> None:
    got = findings(rules_dir, text)
    assert [(r, m.split(" (")[0], f) for r, m, f in got] == [("title-no-such-office", says, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ada Okafor cut the ribbon.",  # its own office
        "Town Mayor Ada Okafor cut the ribbon.",  # the kind word adds nothing
        "Chairwoman Cora Lind opened the mill.",  # one office written another way
        "Rotary President Ada Okafor cut the ribbon.",  # another body's title
        "Club Chairman Cora Lind opened the mill.",
        "President Ada Okafor cut the ribbon.",  # whose president is not said
        "Deputy Reeve Dov Amsel came.",  # Fenby's list is not closed
        "Town Manager Ben Tarrant met Ada Okafor.",
        "Yesterday Ada Okafor cut the ribbon.",  # no title
    ],
)
def test_no_finding(rules_dir: str, text: str) -> None:
    assert findings(rules_dir, text) == []


def test_a_deputy_needs_an_office_of_that_body_at_the_time(rules_dir: str) -> None:
    """Before her term as mayor Ada Okafor may have been someone's deputy: nothing is said."""
    ex = extractor(rules_dir)
    d = Document("a.md", "In 2016, Deputy Mayor Ada Okafor opened the library.", date=None)
    assert list(check_people(DocContext(d, ex.extract(d), ex.book))) == []


def test_title_words_compare_one_way_of_writing() -> None:
    assert title_words("City Mayor") == title_words("Mayor") == "mayor"
    assert title_words("Chairwoman") == title_words("Chair")
    assert title_words("Vice-Mayor") == title_words("Deputy Mayor")
    assert title_words("City President") != title_words("President of the City Council")


@pytest.mark.parametrize(
    "text",
    [
        "Bank of Marrow Chancellor Ada Okafor spoke.",  # the place ends another body's name
        "Marrow Rowing Club Chair Ada Okafor spoke.",
    ],
)
def test_the_place_inside_another_name(rules_dir: str, text: str) -> None:
    assert findings(rules_dir, text) == []


def test_the_place_after_a_word_of_grammar(rules_dir: str) -> None:
    got = findings(rules_dir, "The Marrovian Chancellor Ada Okafor spoke.")
    assert [r for r, _, _ in got] == ["title-no-such-office"]
