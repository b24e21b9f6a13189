"""Fiscal years: the labels news writes ("FY2024", "fiscal year 2023-24", "the year to March
2024"), a metric's `fiscal_year` that turns a label into months, facts given by fiscal year, and
the reading stated under "inferred" without lowering an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import sentence_findings

from claimcheck import rulebook
from claimcheck.extract import periods
from claimcheck.model.dates import PartialDate, Period, fiscal_year
from claimcheck.yamlio.positions import YamlProblems

DOC = PartialDate(2024, 6, 10)


def read(text: str) -> tuple[str, str, tuple[str, ...]]:
    (found,) = periods.find(text, 0, len(text), DOC)
    return text[found.start : found.end], str(found.period), found.flags


@pytest.mark.parametrize(
    ("text", "phrase", "period"),
    [
        ("sales in FY2023 rose", "FY2023", "2023"),
        ("sales in FY23 rose", "FY23", "2023"),
        ("sales in FY 2023 rose", "FY 2023", "2023"),
        ("sales in fiscal 2024 rose", "fiscal 2024", "2024"),
        ("the 2015 fiscal year", "the 2015 fiscal year", "2015"),
        ("in fiscal year 2023-24 sales", "fiscal year 2023-24", "2023-2024"),
        ("the FY2023/24 budget", "FY2023/24", "2023-2024"),
        ("in FY23/24 sales", "FY23/24", "2023-2024"),
        ("the 2023-24 fiscal year", "the 2023-24 fiscal year", "2023-2024"),
        ("in fiscal 2023-2024 sales", "fiscal 2023-2024", "2023-2024"),
    ],
)
def test_fiscal_labels(text: str, phrase: str, period: str) -> None:
    assert read(text) == (phrase, period, ("fiscal",))


def test_two_years_that_do_not_follow_are_no_label() -> None:
    assert periods.find("in FY2023-26 sales", 0, 18, DOC) == []


@pytest.mark.parametrize(
    ("text", "phrase", "period"),
    [
        (
            "for the fiscal year ended March 31, 2024, sales",
            "the fiscal year ended March 31, 2024",
            "2023-04-01..2024-03-31",
        ),
        ("in the year to March 2024 sales", "the year to March 2024", "2023-04-01..2024-03-31"),
        (
            "over the 12 months ended June 30, 2023",
            "the 12 months ended June 30, 2023",
            "2022-07-01..2023-06-30",
        ),
        (
            "in the twelve months ending September 2022",
            "the twelve months ending September 2022",
            "2021-10-01..2022-09-30",
        ),
        (  # a 52-week year ends on a day of its own
            "in the year ended January 28, 2024",
            "the year ended January 28, 2024",
            "2023-01-29..2024-01-28",
        ),
        ("the year to December 2023", "the year to December 2023", "2023"),
    ],
)
def test_twelve_months_to_a_day(text: str, phrase: str, period: str) -> None:
    assert read(text) == (phrase, period, ())


def test_the_year_to_date_is_still_so_far_this_year() -> None:
    assert read("sales in the year to date")[2] == ("year-to-date",)


def days(a: str, b: str) -> Period:
    return Period(dt.date.fromisoformat(a), dt.date.fromisoformat(b))


@pytest.mark.parametrize(
    ("label", "start", "named_for", "want"),
    [
        (days("2024-01-01", "2024-12-31"), 4, "end", days("2023-04-01", "2024-03-31")),
        (days("2024-01-01", "2024-12-31"), 4, "start", days("2024-04-01", "2025-03-31")),
        (days("2023-01-01", "2024-12-31"), 4, "end", days("2023-04-01", "2024-03-31")),
        (days("2023-01-01", "2024-12-31"), 4, "start", days("2023-04-01", "2024-03-31")),
        (days("2024-01-01", "2024-12-31"), 7, "end", days("2023-07-01", "2024-06-30")),
        (days("2024-01-01", "2024-12-31"), 3, "end", days("2023-03-01", "2024-02-29")),
        (days("2024-01-01", "2024-12-31"), 1, "end", days("2024-01-01", "2024-12-31")),
    ],
)
def test_fiscal_year_months(label: Period, start: int, named_for: str, want: Period) -> None:
    assert fiscal_year(label, start, named_for) == want


BEAT = """\
entities:
  - id: larch
    kind: organisation
    names: [Larchmont Provisions, Larchmont]
    implied: true
metrics:
  - id: larch-sales
    name: Larchmont net sales
    subject: [larch]
    aliases: [net sales]
    dimension: currency
    unit: USD
    fiscal_year: {{start: April, named_for: {named_for}}}
facts:
  - metric: larch-sales
    {when}
    value: 1.5e9
    tolerance: 0.01
    source: a test fixture
"""


def findings(
    tmp_path: Path, sentence: str, when: str, named_for: str = "end"
) -> list[dict[str, object]]:
    beat = BEAT.format(when=when, named_for=named_for)
    return list(sentence_findings(tmp_path, beat, sentence, "2024-06-10"))


@pytest.mark.parametrize("when", ["fiscal_year: 2024", "start: 2023-04\n    end: 2024-03"])
def test_a_fiscal_figure_meets_the_facts_of_its_months(tmp_path: Path, when: str) -> None:
    (wrong,) = findings(tmp_path, "Larchmont net sales were US$1.9 billion in fiscal 2024.", when)
    assert (wrong["rule"], wrong["severity"]) == ("quantity-contradicts-fact", "error")
    assert wrong["inferred"] == {"period": "fiscal-year"}  # stated, and no warning for it
    assert "(2023-04..2024-03)" in str(wrong["message"])
    for right in (
        "Larchmont net sales were US$1.5 billion in FY2024.",
        "Larchmont net sales were US$1.5 billion in fiscal year 2023-24.",
        "For the fiscal year ended March 31, 2024, net sales were US$1.5 billion.",
        "Larchmont net sales were US$1.9 billion in 2024.",  # the calendar year: no fact of it
    ):
        assert findings(tmp_path, right, when) == [], right


def test_named_for_start(tmp_path: Path) -> None:
    said = "Larchmont net sales were US$1.9 billion in fiscal 2023."
    assert findings(tmp_path, said, "fiscal_year: 2023", "start")[0]["message"]
    assert findings(tmp_path, said, "start: 2023-04\n    end: 2024-03", "start")[0]["message"]
    # FY2023 named for its start is not the year that ends in March 2023
    assert findings(tmp_path, said, "start: 2022-04\n    end: 2023-03", "start") == []


def problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "beat.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(YamlProblems) as info:
        rulebook.load([tmp_path])
    return [str(p).removeprefix(str(tmp_path / "beat.yaml") + ":") for p in info.value.problems]


def test_fiscal_keys_are_validated_with_their_position(tmp_path: Path) -> None:
    beat = BEAT.format(when="fiscal_year: 2024", named_for="end")
    assert problems(tmp_path, beat.replace("April", "Apirl"))[0].startswith("13:26: Input should")
    assert problems(tmp_path, beat.replace("named_for: end", "named: end")) == [
        "13:33: unknown key 'named' (at metrics[0].fiscal_year); did you mean 'named_for'?"
    ]
    both = beat.replace("fiscal_year: 2024", "fiscal_year: 2024\n    period: 2024")
    assert problems(tmp_path, both) == ["15:5: give fiscal_year or dates, not both"]
    bare = beat.replace("    fiscal_year: {start: April, named_for: end}\n", "")
    assert problems(tmp_path, bare) == [
        "14:5: fiscal_year on a fact of metric 'larch-sales', which declares no fiscal_year"
    ]
    label = beat.replace("fiscal_year: 2024", "period: FY2024")
    (said,) = problems(tmp_path, label)
    assert said.startswith("16:13:") and "fiscal_year: YYYY" in said


def test_a_stored_rulebook_keeps_fiscal_years(tmp_path: Path) -> None:
    from claimcheck.rulebook import store

    beat = BEAT.format(when="fiscal_year: 2024", named_for="end")
    (tmp_path / "beat.yaml").write_text(beat, encoding="utf-8")
    book = rulebook.load([tmp_path])
    (fact,) = book.facts
    assert (str(fact.start), str(fact.end), fact.fiscal_year) == ("2023-04-01", "2024-03-31", 2024)
    back = store.decode(store.encode(book, "code"), "code", book.digest)
    assert back.facts == book.facts and back.metrics == book.metrics
    assert back.origin(back.facts[0]) == book.origin(fact)
