"""Rank claims: the place, the ranking (from rulebook aliases), the entity ranked, the period."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.extract.ranks import RANK_WORDS
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

RULES = Path(__file__).parent / "fixtures" / "rules"


@cache
def extractor(domain: str) -> Extractor:
    return Extractor(rulebook.load([RULES / domain]))


def ranks(text: str, date: str | None = "2023-10", domain: str = "vn-jp") -> list[Claim]:
    doc = Document("t.txt", text, date=PartialDate.parse(date) if date else None)
    return [c for c in extractor(domain).extract(doc) if c.kind == "rank"]


def brief(c: Claim) -> tuple[str | None, str | None, int | None]:
    return c.subject, c.target, c.rank


def test_the_entity_ranked_is_not_what_the_ranking_is_of() -> None:
    assert [brief(c) for c in ranks("Japan is Vietnam's largest ODA provider.")] == [
        ("japan", "oda-providers", 1)
    ]


def test_an_entity_after_a_preposition_is_not_the_subject() -> None:
    got = ranks("For Vietnam, Japan remains the second biggest investor.")
    assert [brief(c) for c in got] == [("japan", "investors", 2)]


def test_subject_after_the_rank_phrase() -> None:
    got = ranks("The largest ODA provider for Vietnam is Japan.")
    assert [brief(c) for c in got] == [("japan", "oda-providers", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Japan is the largest economy in Asia.",  # no ranking alias
        "Japan is among the top 10 investors.",  # a bracket, not a place
        "Japan is the largest, by far, of all ODA providers.",  # the alias is in another clause
        "It was his first foreign trip.",
        "The first 9 months of 2023 saw more trade partners.",
    ],
)
def test_no_rank(text: str) -> None:
    assert ranks(text) == []


def test_one_claim_per_alias_of_a_list() -> None:
    text = (
        "Japan ranks first among providers of ODA, second among labour cooperation partners, "
        "and third among foreign investors and tourism partners."
    )
    got = ranks(text)
    assert [brief(c) for c in got] == [
        ("japan", "oda-providers", 1),
        ("japan", "labour", 2),
        ("japan", "investors", 3),
        ("japan", "tourism", 3),
    ]
    assert [c.text for c in got][:2] == [
        "ranks first among providers of ODA",
        "second among labour cooperation partners",
    ]


def test_out_of_and_measure() -> None:
    (c,) = ranks(
        "By cumulative capital, Japan is ranking 3/143 countries and territories investing."
    )
    assert (c.rank, c.attr("out_of"), c.attr("measure")) == (3, "143", "cumulative")


def test_period_stated_or_document_date() -> None:
    (stated,) = ranks("In 2017, Japan became the leading foreign investor in Vietnam.")
    (present,) = ranks("Japan is currently the leading foreign investor in Vietnam.")
    (unknown,) = ranks("Japan is the leading foreign investor in Vietnam.", date=None)
    assert str(stated.period) == "2017" and stated.attr("period") == "stated"
    assert str(present.period) == "2023-10-01..2023-10-31 (point)"
    assert present.attr("period") == "present"
    assert unknown.period is None


def test_another_domain() -> None:
    got = ranks("Norway became Germany's largest gas supplier in 2022.", domain="nordic")
    assert [brief(c) for c in got] == [("norway", "gas-suppliers", 1)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the fourth biggest trade partner", ["fourth biggest"]),
        ("ranks first among", ["ranks first"]),
        ("No. 1 investor and number one partner", ["No. 1", "number one"]),
        ("ranking 3/143 countries", ["ranking 3/143"]),
        ("the fifth-largest", ["fifth-largest"]),
        ("the No. 2 retailer, number 3 partner", ["No. 2", "number 3"]),
        # a count or a decimal is no place
        ("No. 10.5 and number 2,000 and No. 3/4", ["No. 3/4"]),
    ],
)
def test_rank_words(text: str, words: list[str]) -> None:
    assert [m.group(0) for m in RANK_WORDS.finditer(text)] == words


def test_as_of_a_month_is_the_month() -> None:
    (c,) = ranks("As of September 2023, Japan ranks third among foreign investors.")
    assert str(c.period) == "2023-09-01..2023-09-30 (point)"
    (c,) = ranks("As of September 20, 2023, Japan ranks third among foreign investors.")
    assert str(c.period) == "2023-09-20 (point)"


HALVORA = Path(__file__).parents[1] / "examples" / "halvora" / "rules"


@cache
def _halvora() -> Extractor:
    return Extractor(rulebook.load([HALVORA]))


def halvora_ranks(text: str, date: str = "2024-09-10") -> list[Claim]:
    doc = Document("t.md", text, date=PartialDate.parse(date))
    return [c for c in _halvora().extract(doc) if c.kind == "rank"]


def test_an_alias_that_starts_with_a_superlative_carries_its_rank_word() -> None:
    cities, ports = "estmark-cities-by-population", "estmark-ports-by-cargo"
    got = halvora_ranks("Brennick remains the most populous city in Estmark.")
    assert [(brief(c), c.text) for c in got] == [(("brennick", cities, 1), "most populous city")]
    got = halvora_ranks("Halvora is Estmark's second most populous city.")
    assert [(brief(c), c.text) for c in got] == [
        (("halvora", cities, 2), "second most populous city")
    ]
    (c,) = halvora_ranks("Halvora was Estmark's third-busiest port in 2023.")
    assert (brief(c), c.text, str(c.period)) == (
        ("halvora", ports, 3),
        "third-busiest port",
        "2023",
    )
    (c,) = halvora_ranks("Sollund was the busiest port in Estmark in 2023.")
    assert brief(c) == ("sollund", ports, 1)


def test_a_superlative_the_ranking_does_not_declare_ranks_nothing() -> None:
    # "oldest", "most beautiful": not what the ranking measures
    assert halvora_ranks("Halvora is Estmark's oldest city.") == []
    assert halvora_ranks("Halvora is Estmark's most beautiful city.") == []
    assert halvora_ranks("Halvora is Estmark's most beautiful port.") == []


def test_a_superlative_alias_after_a_fixed_rank_word_is_one_claim() -> None:
    real = Extractor(rulebook.load([Path(__file__).parents[1] / "rules"]))
    doc = Document(
        "t.md",
        "Japan is the largest recipient of Vietnamese guest workers.",
        date=PartialDate(2023, 9),
    )
    got = [c for c in real.extract(doc) if c.kind == "rank"]
    assert [(c.subject, c.target, c.rank) for c in got] == [
        ("japan", "vn-guest-worker-destinations", 1)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Japan is one of Vietnam's top investors and trading partners.",
        "Japan is one of the largest foreign investors in Vietnam.",
        "Japan is among the biggest ODA providers for Vietnam.",
        "Japan is among the top five trade partners of Vietnam.",  # a bound, not a place
        "Japan is one of Vietnam's top-three foreign investors.",
    ],
)
def test_a_hedged_superlative_places_nothing(text: str) -> None:
    assert ranks(text) == []


def test_a_hedge_also_stops_the_reach_of_a_superlative_before_it() -> None:
    # "largest" must not reach over the hedged "top" to the investor alias
    got = ranks("Japan is Vietnam's largest donor and one of its top foreign investors.")
    assert got == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("By November 2019, Japan ranked fourth among Vietnam's largest foreign investors.", 4),
        ("Japan is the fourth-largest trade partner of Vietnam.", 4),
        ("Japan is Vietnam's 4th largest trade partner.", 4),
        ("Japan came third among Vietnam's biggest foreign investors.", 3),
        ("Japan is Vietnam's largest trade partner.", 1),
        ("Japan is Vietnam's No. 2 trade partner.", 2),
    ],
)
def test_an_ordinal_gives_the_place(text: str, place: int) -> None:
    assert [c.rank for c in ranks(text)] == [place]


def test_a_forecast_rank_is_marked() -> None:
    (c,) = ranks("Japan is expected to become Vietnam's largest foreign investor.")
    assert c.attr("modality") == "forecast"
    (c,) = ranks("Japan became Vietnam's largest foreign investor in 2022.")
    assert c.attr("modality") is None


def test_the_party_ranked_ahead_is_never_the_subject() -> None:
    """ "behind X", "after X": X is the one ranked above, not the one the sentence ranks."""
    cities = "estmark-cities-by-population"
    (c,) = halvora_ranks("Halvora is Estmark's second most populous city, behind Brennick.")
    assert brief(c) == ("halvora", cities, 2)
    (c,) = halvora_ranks("The city is Estmark's second most populous city, behind Brennick.")
    assert c.subject != "brennick"
    (c,) = halvora_ranks("After Brennick, the city is Estmark's second most populous city.")
    assert c.subject != "brennick"
