"""rank-contradicts-fact: ranking, entity, scope and period must all match before ranks compare."""

from __future__ import annotations

import pytest
from fixtures.figure_rules.build import Doc, book, days, run_doc, year

from claimcheck.judge.ranks import place
from claimcheck.rulebook import Rulebook


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


def doc(sentence: str, date: str = "2017-12") -> Doc:
    return Doc("news/r.md", date, sentence)


@pytest.mark.parametrize(("rank", "wrong"), [(1, False), (2, True)])
def test_annual_rank_against_its_fact(trade: Rulebook, rank: int, wrong: bool) -> None:
    d = doc("In 2017, Freedonia became the leading foreign investor in Sylvania.")
    d.rank("the leading foreign investor", "investors-annual", "freedonia", rank, year(2017))
    found = run_doc(d, trade, "ranks")
    assert bool(found) is wrong
    if wrong:
        [f] = found
        assert (f.rule, f.category, f.severity) == ("rank-contradicts-fact", "rank", "error")
        assert "Freedonia 2nd" in f.message and "ranks it 1st (2017)" in f.message
        assert "https://example.org/investors-2017" in f.message
        assert f.related[0].path.endswith("trade.yaml")


def test_present_tense_takes_the_document_date(trade: Rulebook) -> None:
    d = doc("Freedonia is the third biggest foreign investor in Sylvania.")
    d.rank(
        "third biggest foreign investor",
        "investors-annual",
        "freedonia",
        3,
        days("2017-12-01", "2017-12-31", "point"),
    )
    [f] = run_doc(d, trade, "ranks")
    assert "3rd" in f.message and "(annual, 2017-12)" in f.message


def test_scope_decides_which_fact_speaks(trade: Rulebook) -> None:
    d = doc(
        "Freedonia ranks third by cumulative capital; in 2017 it was the leading investor.",
        "2023-10",
    )
    now = days("2023-10-01", "2023-10-31", "point")
    d.rank(
        "ranks third",
        "investors-cumulative",
        "freedonia",
        3,
        now,
        attrs=(("measure", "cumulative"),),
    )
    d.rank("the leading investor", "investors-annual", "freedonia", 1, year(2017))
    assert run_doc(d, trade, "ranks") == []
    wrong = doc("Freedonia ranks first by cumulative capital.", "2023-10")
    wrong.rank(
        "ranks first",
        "investors-cumulative",
        "freedonia",
        1,
        now,
        attrs=(("measure", "cumulative"),),
    )
    [f] = run_doc(wrong, trade, "ranks")
    assert "3rd of 143 (2023, cumulative)" in f.message and "(cumulative, 2023-10)" in f.message


def test_other_measures_and_periods_are_silent(trade: Rulebook) -> None:
    d = doc(
        "In 2023 Freedonia was the top investor by new capital; in 2015 it ranked fifth.", "2023-10"
    )
    # a flow period does not rank the stock
    d.rank("the top investor", "investors-cumulative", "freedonia", 1, year(2023))
    # said to be annual, but the ranking is cumulative
    d.rank(
        "by new capital",
        "investors-cumulative",
        "freedonia",
        1,
        days("2023-10-01", "2023-10-31", "point"),
        attrs=(("measure", "annual"),),
    )
    # no fact for 2015
    d.rank("ranked fifth", "investors-annual", "freedonia", 5, year(2015))
    # no fact for another entity
    d.rank("in 2015", "investors-annual", "marsovia", 5, year(2017))
    assert run_doc(d, trade, "ranks") == []


def test_an_alias_shared_by_two_rankings_is_read_by_the_period(trade: Rulebook) -> None:
    # the extractor names the first ranking with the alias; "in 2017" is a year's new capital
    d = doc("In 2017, Freedonia was the second largest foreign investor in Sylvania.", "2018-02")
    d.rank("second largest foreign investor", "investors-cumulative", "freedonia", 2, year(2017))
    [f] = run_doc(d, trade, "ranks")
    assert "by new capital" in f.message and "ranks it 1st (2017)" in f.message


def test_a_stock_like_place_holds_between_two_facts_that_agree(trade: Rulebook) -> None:
    def donor(date: str, rank: int) -> list[str]:
        d = doc(f"Freedonia is the No. {rank} aid donor of Sylvania.", date)
        month = days(f"{date}-01", f"{date}-28", "point")
        d.rank(f"No. {rank} aid donor", "donors", "freedonia", rank, month)
        return [f.message for f in run_doc(d, trade, "ranks")]

    assert donor("2020-05", 1) == []
    [message] = donor("2020-05", 2)
    assert "ranks it 1st (2018-10-01..2023-02-16)" in message
    assert donor("2023-02", 1) == []  # the month holds the fact's day
    [message] = donor("2023-02", 3)
    assert "ranks it 1st (as of 2023-02-16)" in message
    # between facts that differ, nothing is known; after the last one, neither
    assert donor("2023-08", 3) == [] and donor("2025-01", 3) == []


def test_second_domain_city_ranking() -> None:
    city = book("city")
    d = Doc(
        "city/green.md", "2024-11-02", "Lakeside is the greenest city in the country this year."
    )
    d.rank("the greenest city", "green-cities", "lakeside", 1, year(2024))
    [f] = run_doc(d, city, "ranks")
    assert "Lakeside 1st in the national ranking of green cities" in f.message
    assert "2nd of 50" in f.message and "Green Cities Index 2024" in f.message


def test_place() -> None:
    assert [place(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
