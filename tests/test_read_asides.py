"""Asides, references back and the time of a figure (issue 18, the third beat's misses): a time
clause or an aside set off by commas speaks of its own subject; "the company" at the head of a
ranking sentence is the party named before it; a context alias gives way to a plain one whose
metric fits the figure's time; the end of a fiscal year is a day.

A fictional paper-mill beat (written here) keeps the tests apart from the project's rulebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

RULES = """\
entities:
  - id: larchmont
    kind: organisation
    names: [Larchmont Mills, Larchmont]
  - id: birchwood
    kind: organisation
    names: [Birchwood Paper]
  - id: norland
    kind: country
    names: [Norland]
terms:
  - id: riverbend-2030
    name: Riverbend 2030
    since: 2023-04-20
    subject: [larchmont]
    source: https://example.org/larchmont/plan
metrics:
  - id: mill-sales
    name: Larchmont sales
    subject: [larchmont]
    aliases: [sales]
    dimension: currency
    unit: USD
    period: span
  - id: mill-count
    name: Larchmont mills (a count on a day)
    subject: [larchmont]
    aliases: [mills]
    dimension: count
    unit: mill
    period: point
    fiscal_year: {start: April, named_for: end}
  - id: mill-openings
    name: Larchmont mills opened in a year
    subject: [larchmont]
    aliases: [new mills]
    context_aliases:
      - alias: mills
        context: [opened]
    dimension: count
    unit: mill
    period: span
  - id: birchwood-sales
    name: Birchwood sales
    subject: [birchwood]
    aliases: [sales]
    dimension: currency
    unit: USD
    period: span
rankings:
  - id: norland-paper-makers
    name: Norland's paper makers by output
    aliases: [paper maker]
    of: norland
    facts:
      - {entity: birchwood, rank: 1, period: 2023, source: https://example.org/league}
      - {entity: larchmont, rank: 2, period: 2023, source: https://example.org/league}
"""


@pytest.fixture(scope="module")
def ex(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return Extractor(rulebook.load([Path(folder)]))


def claims(ex: Extractor, text: str, kind: str) -> list[Claim]:
    doc = Document("article.md", text, date=PartialDate.parse("2024-09-12"))
    return [c for c in ex.extract(doc) if c.kind == kind]


def year(c: Claim) -> str:
    assert c.period is not None
    return str(c.period.start)[:4]


# --- a time clause set off by commas ------------------------------------------------------------


def test_a_time_clause_aside_leaves_the_name_dated(ex: Extractor) -> None:
    text = (
        "Larchmont adopted its Riverbend 2030 plan in 2021, shortly after Ana Ruiz became chief "
        "executive, and has used it since."
    )
    [term] = claims(ex, text, "term")
    assert year(term) == "2021"


@pytest.mark.parametrize(
    "text",
    [
        # the name's own clause tells how it came about: history, not dated
        "Larchmont became the home of Riverbend 2030 in 2021.",
        # a comma segment opening with a period phrase is no aside: "since 2021" stays a period
        "Riverbend 2030, since it was set up in 2021, has guided Larchmont.",
    ],
)
def test_history_in_the_name_clause_still_dates_nothing(ex: Extractor, text: str) -> None:
    [term] = claims(ex, text, "term")
    assert term.period is None


def test_a_period_in_an_aside_dates_no_name_outside_it(ex: Extractor) -> None:
    text = "Riverbend 2030 guides Larchmont, long after it was drafted in 2019, and is admired."
    [term] = claims(ex, text, "term")
    assert term.period is None or year(term) != "2019"


# --- a period set off before a figure -------------------------------------------------------------


def test_the_period_right_after_the_figure_wins_over_an_aside(ex: Extractor) -> None:
    text = (
        "Larchmont Mills grew.\n\n"
        "The nine mills, all opened last year, had sales of US$62 million in fiscal 2024."
    )
    [q] = claims(ex, text, "quantity")
    assert q.period is not None and str(q.period.end) == "2024-03-31"  # fiscal 2024


def test_a_period_before_the_figure_in_its_own_clause_still_dates_it(ex: Extractor) -> None:
    text = "In 2022 Larchmont had sales of US$62 million, up from 2021."
    [q] = claims(ex, text, "quantity")
    assert year(q) == "2022"


def test_an_aside_that_tells_something_else_dates_no_figure_after_it(ex: Extractor) -> None:
    text = (
        "Larchmont had sales of US$900 million in 2024.\n\n"
        "Birchwood Paper, the mill Larchmont bought in September 2021, had sales of US$210 "
        "million."
    )
    [q] = [c for c in claims(ex, text, "quantity") if c.text == "US$210 million"]
    assert q.period is None or year(q) != "2021"


def test_a_period_adverbial_between_commas_still_dates(ex: Extractor) -> None:
    text = "Larchmont, in 2022, had sales of US$62 million."
    [q] = claims(ex, text, "quantity")
    assert year(q) == "2022"


# --- a context alias, and the time of the figure -------------------------------------------------


def test_a_context_alias_gives_way_to_a_plain_one_that_fits_the_time(ex: Extractor) -> None:
    """ "opened" names the openings (a year's count), but "104 mills" at the end of the year is
    the count on a day: the plain alias's metric, whose period kind fits."""
    text = "Larchmont ended the year with 104 mills, among them its 100th, which opened last May."
    [q] = claims(ex, text, "quantity")
    assert q.target == "mill-count"
    opened = claims(ex, "Larchmont opened eight mills in 2024.", "quantity")
    assert [c.target for c in opened] == ["mill-openings"]


def test_one_day_is_a_time_for_a_count(ex: Extractor) -> None:
    """A count "at March 31, 2024" is of a day (a stock), though a day is written as a span."""
    text = "Larchmont, which opened a mill in May, had 104 mills at March 31, 2024."
    [q] = claims(ex, text, "quantity")
    assert q.target == "mill-count"


def test_the_end_of_a_fiscal_year_is_its_last_day_for_a_count(ex: Extractor) -> None:
    [q] = claims(ex, "Larchmont had 104 mills at the end of fiscal 2024.", "quantity")
    assert q.period is not None and str(q.period.start) == str(q.period.end) == "2024-03-31"


def test_a_metric_without_a_fiscal_year_reads_its_partys(ex: Extractor) -> None:
    """mill-sales declares none; mill-count, of the same party, starts its year in April."""
    [q] = claims(ex, "Larchmont had sales of US$62 million in fiscal 2024.", "quantity")
    assert q.period is not None and (str(q.period.start), str(q.period.end)) == (
        "2023-04-01",
        "2024-03-31",
    )
    assert q.attr("inferred.period") == "party-fiscal-year"


def test_a_name_is_not_dated_by_the_day_a_total_stands_on(ex: Extractor) -> None:
    text = "Larchmont spent US$9 million under Riverbend 2030 by the end of fiscal 2024."
    [term] = claims(ex, text, "term")
    assert term.period is None


# --- "the company" at the head of a ranking sentence --------------------------------------------


def test_the_company_is_the_party_named_before(ex: Extractor) -> None:
    text = (
        "Larchmont Mills opened a mill on Monday.\n\n"
        "The company was Norland's third-largest paper maker in 2023, behind Birchwood Paper."
    )
    [rank] = claims(ex, text, "rank")
    assert (rank.subject, rank.rank) == ("larchmont", 3)
    assert rank.attr("inferred.subject") == "earlier-party"


@pytest.mark.parametrize(
    "text",
    [
        # no party named before: nobody to refer to
        "The company was Norland's third-largest paper maker in 2023.",
        # a subject that is no reference back ("Output was ...")
        "Larchmont Mills opened a mill.\n\nOutput was the third-largest paper maker's in 2023.",
    ],
)
def test_no_referent_no_subject(ex: Extractor, text: str) -> None:
    for rank in claims(ex, text, "rank"):
        assert rank.subject is None


def test_a_named_subject_is_not_replaced(ex: Extractor) -> None:
    text = "Larchmont Mills opened a mill.\n\nBirchwood Paper was Norland's largest paper maker."
    [rank] = claims(ex, text, "rank")
    assert rank.subject == "birchwood" and rank.attr("inferred.subject") is None
