"""Facts in time (issue 18, points 3 and 6), in a beat of its own: an official name checked at the
time its sentence speaks of, years counted from a name's start, and rank facts that hold until
further notice (`from` + `checked`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import DocContext
from claimcheck.checks.events import check_events
from claimcheck.checks.ranks import check_ranks
from claimcheck.checks.terms import check_terms
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.yamlio.positions import YamlProblems

RULES = """\
entities:
  - id: freedonia
    names: [Freedonia]
  - id: sylvania
    names: [Sylvania]
rankings:
  - id: sy-donors
    name: Sylvania's aid donors
    of: sylvania
    scope: current
    aliases: [aid donor, aid donors]
    facts:
      - entity: freedonia
        rank: 1
        from: 2001
        checked: 2020-06
        source: https://example.org/donors
terms:
  - id: harbour-alliance
    name: Harbour Alliance for Shared Growth
    short: [Harbour Alliance]
    since: 2010-05-04
    until: 2019-09
    subject: [freedonia, sylvania]
    source: https://example.org/alliance
"""


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    folder = tmp_path_factory.mktemp("beat")
    (folder / "beat.yaml").write_text(RULES, encoding="utf-8")
    return Extractor(rulebook.load([folder]))


def _doc(text: str, date: str) -> Document:
    return Document("article.md", text, date=PartialDate.parse(date))


def claims(ex: Extractor, text: str, date: str, kind: str) -> list[Claim]:
    return [c for c in ex.extract(_doc(text, date)) if c.kind == kind]


def findings(ex: Extractor, text: str, date: str) -> list[Finding]:
    d = _doc(text, date)
    ctx = DocContext(d, ex.extract(d), ex.book)
    return [*check_ranks(ctx), *check_terms(ctx), *check_events(ctx)]


# --- point 6: rank facts that hold until further notice --------------------------------------

DONOR_2ND = "Freedonia is currently the second largest aid donor to Sylvania."


def test_an_open_fact_judges_like_any_fact_up_to_checked(extractor: Extractor) -> None:
    [f] = findings(extractor, DONOR_2ND, "2015-01")
    assert (f.rule, f.severity) == ("rank-contradicts-fact", "error")
    assert "Freedonia 2nd" in f.message and "ranks it 1st" in f.message


def test_after_checked_a_different_place_is_a_warning(extractor: Extractor) -> None:
    [f] = findings(extractor, DONOR_2ND, "2024-03-02")
    assert (f.rule, f.severity) == ("rank-contradicts-fact", "warning")
    assert "1st from 2001 until further notice, last confirmed 2020-06" in f.message
    assert "https://example.org/donors" in f.message


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Freedonia is currently the largest aid donor to Sylvania.", "2024-03-02"),
        (DONOR_2ND, "1999-05"),  # before the place began: the fact says nothing
    ],
)
def test_an_open_fact_stays_silent(extractor: Extractor, text: str, date: str) -> None:
    assert findings(extractor, text, date) == []


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        ("from: 2001\n        source: x.org", "give `checked`"),
        ("checked: 2020\n        end: 2019\n        source: x.org", "`checked` goes with `from`"),
        (
            "from: 2001\n        end: 2019\n        checked: 2020\n        source: x.org",
            "no period",
        ),
        ("from: 2021\n        checked: 2020\n        source: x.org", "`checked` is before `from`"),
    ],
)
def test_open_facts_are_validated(tmp_path: Path, fact: str, message: str) -> None:
    text = RULES.replace("        from: 2001\n        checked: 2020-06\n", "").replace(
        "source: https://example.org/donors", fact
    )
    (tmp_path / "beat.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(YamlProblems) as info:
        rulebook.load([tmp_path])
    [problem] = [str(p) for p in info.value.problems]
    assert problem.startswith(f"{tmp_path / 'beat.yaml'}:13:9: ") and message in problem


def test_a_misspelt_checked_is_named_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "beat.yaml").write_text(RULES.replace("checked:", "chekced:"), encoding="utf-8")
    with pytest.raises(YamlProblems) as info:
        rulebook.load([tmp_path])
    where = tmp_path / "beat.yaml"
    assert [str(p) for p in info.value.problems] == [
        f"{where}:13:9: give `checked`: the last date a source confirmed the place (at "
        "rankings[0].facts[0])",
        f"{where}:16:9: unknown key 'chekced' (at rankings[0].facts[0]); did you mean 'checked'?",
    ]


# --- point 3: official names out of their time -----------------------------------------------


def test_the_period_of_the_clause_dates_a_name(extractor: Extractor) -> None:
    text = "Trade under the Harbour Alliance between Freedonia and Sylvania doubled last year."
    [c] = claims(extractor, text, "2009-06", "term")
    assert c.period is not None and (c.period.start.isoformat(), c.period.end.isoformat()) == (
        "2008-01-01",
        "2008-12-31",
    )
    [f] = findings(extractor, text, "2009-06")
    assert (f.rule, f.severity) == ("term-wrong-year", "error")
    assert "said of 2008" in f.message and "from 2010-05-04 to 2019-09" in f.message


def test_a_present_tense_name_is_dated_by_publication(extractor: Extractor) -> None:
    text = "The Harbour Alliance between Freedonia and Sylvania is thriving."
    [c] = claims(extractor, text, "2021-03", "term")
    assert c.attr("inferred.period") == "publication-date"
    [f] = findings(extractor, text, "2021-03")
    assert (f.rule, f.severity) == ("term-wrong-year", "warning")  # the date is inferred
    assert findings(extractor, text, "2015-03") == []


@pytest.mark.parametrize(
    "text",
    [
        # another tense: no time to check the name at
        "The Harbour Alliance between Freedonia and Sylvania was thriving.",
        # history: how the relation came to its name
        "The Harbour Alliance between Freedonia and Sylvania, set up in 2010, was upgraded.",
        "Freedonia and Sylvania, once rivals, became partners in the Harbour Alliance.",
        # a quoted title speaks of the name
        'A 2008 paper was titled "Toward a Harbour Alliance for Freedonia and Sylvania".',
    ],
)
def test_history_and_quotes_are_not_dated(extractor: Extractor, text: str) -> None:
    assert [c.period for c in claims(extractor, text, "2021-03", "term")] == [None]
    assert findings(extractor, text, "2021-03") == []


@pytest.mark.parametrize(
    ("text", "date", "wrong"),
    [
        ("Freedonia and Sylvania celebrate 10 years of the Harbour Alliance.", "2019-08", True),
        ("Freedonia and Sylvania celebrate 10 years of the Harbour Alliance.", "2020-06", False),
        ("Freedonia and Sylvania celebrate a decade of the Harbour Alliance.", "2019-08", False),
        (
            "Both sides celebrate 10 years of the Freedonia-Sylvania Harbour Alliance.",
            "2019-08",
            True,
        ),
        (
            "Freedonia and Sylvania celebrate the 9th anniversary of the Harbour Alliance.",
            "2019-08",
            False,
        ),
        (
            "Freedonia and Sylvania celebrate the 10th anniversary of the Harbour Alliance.",
            "2018-08",
            True,
        ),
    ],
)
def test_years_count_from_the_start_of_a_name(
    extractor: Extractor, text: str, date: str, wrong: bool
) -> None:
    [c] = claims(extractor, text, date, "elapsed")
    assert c.target == "harbour-alliance"
    found = findings(extractor, text, date)
    assert [f.rule for f in found] == (["elapsed-wrong-years"] if wrong else [])
    if wrong:
        assert "Harbour Alliance for Shared Growth" in found[0].message
    # the name itself is the start of the count, not said of the date
    [term] = claims(extractor, text, date, "term")
    assert term.period is None
