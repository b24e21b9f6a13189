"""Who a figure belongs to and what it measures (claimcheck/extract/ownership.py), read with the
project's own rule files: each case is a sentence a checker once took for the beat's figure."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.run.articles import read

ROOT = Path(__file__).resolve().parents[1]


@cache
def extractor() -> Extractor:
    return Extractor(rulebook.load([ROOT / "rules"]))


def figures(
    tmp_path: Path, body: str, title: str = "Notes", date: str = "2023-03-01"
) -> list[Claim]:
    """The quantity claims of an article with this headline and body."""
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    doc, problems = read(str(path))
    assert doc is not None and not problems
    return [c for c in extractor().extract(doc) if c.kind == "quantity"]


def read_as(claims: list[Claim]) -> list[tuple[str, str | None, str | None]]:
    return [(c.text, c.target, c.attr("inferred.subject")) for c in claims]


# --- parties ---------------------------------------------------------------------------------


def test_a_clause_that_names_both_parties_states_them(tmp_path: Path) -> None:
    got = figures(tmp_path, "Trade between Vietnam and Japan reached US$47.6 billion in 2022.")
    assert read_as(got) == [("US$47.6 billion", "vn-jp-trade", None)]


@pytest.mark.parametrize(
    "body",
    [
        "Two-way trade between Vietnam and South Korea reached US$87.7 billion in 2022.",
        "Two-way trade between the RoK and Vietnam reached US$87.7 billion in 2022.",
        "Vietnam-Korea two-way trade reached US$87.7 billion in 2022.",
        "Vietnam \u2013 RoK two-way trade reached US$87.7 billion in 2022.",
    ],
)
def test_another_party_in_the_clause_blocks_the_beats_reading(tmp_path: Path, body: str) -> None:
    # Japan is named in the headline: that must not make another pair's trade the beat's
    assert figures(tmp_path, body, title="Japan and its neighbours") == []


def test_a_nationality_the_rulebook_does_not_know_owns_the_aid(tmp_path: Path) -> None:
    body = "Korean ODA to Vietnam has totalled about US$2.6 billion.\n\nJapan gives more."
    assert figures(tmp_path, body) == []


def test_another_pair_in_the_clause_leaves_the_beats_clause_alone(tmp_path: Path) -> None:
    body = (
        "Trade between Vietnam and Japan reached US$47.6 billion in 2022, while "
        "Vietnam-China trade was far larger."
    )
    assert [c.text for c in figures(tmp_path, body)] == ["US$47.6 billion"]


def test_a_dateline_dash_is_no_pair(tmp_path: Path) -> None:
    body = "HANOI \u2014 Trade between Vietnam and Japan reached US$47.6 billion in 2022."
    assert [c.text for c in figures(tmp_path, body)] == ["US$47.6 billion"]


@pytest.mark.parametrize(
    ("body", "title", "how"),
    [
        ("Vietnam and Japan met.\nBilateral trade hit US$47.6 billion in 2022.", "N", "article"),
        ("Vietnam and Japan met. Bilateral trade hit US$47.6 billion in 2022.", "N", "paragraph"),
        ("Bilateral trade hit US$47.6 billion in 2022.", "Vietnam and Japan", "headline"),
        ("In 2022, bilateral trade hit US$47.6 billion, Vietnam and Japan said.", "N", None),
    ],
)
def test_a_party_the_clause_does_not_name_is_inferred_and_says_from_where(
    tmp_path: Path, body: str, title: str, how: str | None
) -> None:
    got = figures(tmp_path, body, title=title)
    assert read_as(got) == [("US$47.6 billion", "vn-jp-trade", how)]


def test_another_clause_of_the_sentence_supplies_the_partner(tmp_path: Path) -> None:
    body = "Japan bought more; exports rose to US$24.2 billion in 2022, customs said of Vietnam."
    got = figures(tmp_path, body)
    assert [(c.text, c.attr("inferred.subject")) for c in got] == [("US$24.2 billion", "clause")]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # a pair word, and the article never names Japan: another pair's trade
        ("China is Vietnam's largest partner. Bilateral trade hit US$72 billion in 2016.", "Xi"),
        # no party in the clause, and a headline that pairs Vietnam with another country
        ("Bilateral trade reached US$87.7 billion in 2022.", "Vietnam-Korea ties; Japan watches"),
        # the paragraph that should say whose trade pairs Vietnam with someone else
        (
            "Relations between Vietnam and Korea deepen. Bilateral trade hit US$87.7 billion in "
            "2022.\n\nJapan watches.",
            "Ties",
        ),
    ],
)
def test_a_pair_the_text_frames_otherwise_is_not_the_beats(
    tmp_path: Path, body: str, title: str
) -> None:
    assert figures(tmp_path, body, title=title) == []


def test_one_party_named_is_enough_for_a_figure_that_is_not_a_pair(tmp_path: Path) -> None:
    # Aeon's malls are the beat's without Japan named; the subject list is the beat, not a pair
    got = figures(
        tmp_path, "As of February 2023, Aeon was operating six shopping malls in Vietnam."
    )
    assert [(c.text, c.attr("inferred.subject")) for c in got] == [("six", "article")]


# --- what a figure measures --------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Vietnam's seafood exports to Japan reached US$1.6 billion in 2022.",
        "Garment exports to Japan earned US$4.1 billion in 2022.",
        "Vietnam's exports of seafood to Japan reached US$1.6 billion in 2022.",
        "Import turnover of these commodities from Japan reached US$7.6 billion in 2022.",
        "Among export items, the export turnover to Japan of textiles was US$4.1 billion in 2022.",
        "Other items with a high export turnover to Japan were wood with US$2.3 billion in 2022.",
        "Vietnam's imports from Japan in 2022 were mostly machinery valued at US$6.8 billion.",
    ],
)
def test_a_part_is_not_the_total(tmp_path: Path, body: str) -> None:
    assert figures(tmp_path, body) == []


@pytest.mark.parametrize(
    ("body", "metric"),
    [
        ("Vietnam's total exports to Japan reached US$24.2 billion in 2022.", "vn-exports-to-jp"),
        ("Vietnam's commodity exports to Japan hit US$24.2 billion in 2022.", "vn-exports-to-jp"),
        (
            "Meanwhile exports to Japan from Vietnam hit US$24.2 billion in 2022.",
            "vn-exports-to-jp",
        ),
        (
            "Two-way trade between Vietnam and Japan was worth US$47.6 billion in 2022.",
            "vn-jp-trade",
        ),
        ("The trade value of Vietnam and Japan stood at US$47.6 billion in 2022.", "vn-jp-trade"),
    ],
)
def test_words_that_keep_the_whole_leave_the_figure_the_metrics(
    tmp_path: Path, body: str, metric: str
) -> None:
    assert [c.target for c in figures(tmp_path, body)] == [metric]


@pytest.mark.parametrize(
    "body",
    [
        "Japan signed an ODA loan agreement with Vietnam worth 30 billion yen.",
        "The ODA loan, worth 11 billion Japanese yen, will aid Vietnam's roads, Japan said.",
        "Japan and Vietnam inked an ODA deal on Tuesday worth US$108 million.",
        "JICA signed ODA loans with Vietnam of up to 95 billion yen for four projects, Japan said.",
    ],
)
def test_one_deal_is_not_the_stock_of_aid(tmp_path: Path, body: str) -> None:
    assert figures(tmp_path, body, date="2016-03-22") == []


def test_the_stock_of_aid_is_still_read(tmp_path: Path) -> None:
    body = "Japan's ODA to Vietnam has reached 2.6 trillion yen since 1992."
    got = figures(tmp_path, body, date="2016-03-22")
    assert [c.target for c in got] == ["jp-oda-committed-cumulative"]


def test_a_value_each_is_of_one_item(tmp_path: Path) -> None:
    body = "Other Japanese-invested projects in Vietnam were valued under US$30 million each."
    assert figures(tmp_path, body) == []


@pytest.mark.parametrize(
    "body",
    [
        "The number of Vietnamese in Japan's trainee programme stood at 26,437 in June 2017.",
        "In the first half of 2017, Vietnamese in Japan counted 28,000 newly admitted trainees.",
        "The Vietnamese living in Japan as trainees reached about 190,000 in June 2017.",
    ],
)
def test_a_flow_or_subgroup_is_not_the_stock_of_residents(tmp_path: Path, body: str) -> None:
    assert figures(tmp_path, body, date="2017-10-01") == []


def test_residents_are_still_read(tmp_path: Path) -> None:
    got = figures(
        tmp_path, "As of June 2017, 232,562 Vietnamese lived in Japan.", date="2017-10-01"
    )
    assert [c.target for c in got] == ["vietnamese-in-japan"]


def test_a_count_of_interns_may_say_interns(tmp_path: Path) -> None:
    body = (
        "Many Vietnamese interns have come, making Vietnam first among foreign interns in Japan "
        "with more than 200,000 people."
    )
    assert [c.target for c in figures(tmp_path, body)] == ["vietnamese-interns-in-japan"]


def test_a_bare_number_of_the_total_things_counts_them(tmp_path: Path) -> None:
    """ "3,300 of the total projects" counts projects: no money figure without a currency."""
    body = (
        "Japanese investors account for 3,300 of the total projects with a total registered "
        "capital of nearly US$42 billion in Vietnam."
    )
    got = figures(tmp_path, body, date="2017-03-04")
    assert [c.text for c in got] == ["nearly US$42 billion"]


def test_a_headline_can_give_both_the_parties_and_the_period(tmp_path: Path) -> None:
    """The parties (ownership) and the part of a year (quantities) are both read off the
    headline, each kept apart: a flow figure whose sentence states neither takes both."""
    got = figures(
        tmp_path,
        "Officials met in Tokyo.\n\nTwo-way trade passed US$21 billion.",
        title="Vietnam-Japan trade tops US$21 billion in first half",
        date="2022-07-10",
    )
    [claim] = got
    assert claim.attr("inferred.subject") == "headline"
    assert claim.period is not None and (claim.period.start.month, claim.period.end.month) == (1, 6)


def terms(tmp_path: Path, body: str, date: str) -> list[Claim]:
    path = tmp_path / "t.md"
    path.write_text(f"---\ntitle: Notes\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    doc, _ = read(str(path))
    assert doc is not None
    return [c for c in extractor().extract(doc) if c.kind == "term"]


def test_a_short_official_name_of_another_pair_is_not_the_beats(tmp_path: Path) -> None:
    """ "A comprehensive strategic partnership" is a kind of relation many pairs have: in a story
    on Vietnam and South Korea it is theirs, not the Vietnam–Japan framework of that name."""
    other = (
        "South Korea's president arrived in Hanoi, the first stop of his tour of Viet Nam's "
        "region.\n\nIn 2022, the two countries lifted their ties to a comprehensive strategic "
        "partnership."
    )
    assert terms(tmp_path, other, "2023-06-22") == []
    beat = (
        "Japan's prime minister arrived in Hanoi for talks with Viet Nam's leaders.\n\nIn 2023, "
        "the two countries lifted their ties to a comprehensive strategic partnership."
    )
    [claim] = terms(tmp_path, beat, "2023-12-01")
    assert claim.attr("inferred.subject") == "article"
