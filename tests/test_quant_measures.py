"""What a figure measures (claimcheck/extract/ownership.py, quantities.py), for the slips of
the real-article audit: a balance is no flow, a later clause's flow is its own, and a change
follows the amount it is written after. Sentences written for these tests; the project's own
rule files."""

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


def claims(tmp_path: Path, body: str, date: str = "2023-03-01") -> list[Claim]:
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Trade notes\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    doc, problems = read(str(path))
    assert doc is not None and not problems
    return extractor().extract(doc)


def read_as(found: list[Claim], kind: str = "quantity") -> list[tuple[str, str | None]]:
    return [(c.text, c.target) for c in found if c.kind == kind]


# --- a balance is what one flow exceeds the other by ------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Vietnam's excess of exports over imports from Japan came to US$0.9 billion in 2019.",
        "Exports to Japan rose in 2019 and the trade surplus with Japan widened to US$0.9 billion.",
        "Imports from Japan grew in 2019, and the deficit shrank to US$0.9 billion.",
        "A surplus of US$0.9 billion in exports to Japan was recorded in 2019.",
    ],
)
def test_a_balance_is_no_value_of_either_flow(tmp_path: Path, body: str) -> None:
    assert read_as(claims(tmp_path, body)) == []


def test_a_flow_before_a_balance_keeps_its_own_figure(tmp_path: Path) -> None:
    body = (
        "Exports to Japan reached US$20.4 billion in 2019, leaving a trade surplus of "
        "US$0.9 billion."
    )
    assert read_as(claims(tmp_path, body)) == [("US$20.4 billion", "vn-exports-to-jp")]


def test_a_balance_word_before_a_comma_heads_nothing(tmp_path: Path) -> None:
    body = "Despite a trade deficit, exports to Japan reached US$20.4 billion in 2019."
    assert read_as(claims(tmp_path, body)) == [("US$20.4 billion", "vn-exports-to-jp")]


# --- a later clause that names another flow owns its figure -----------------------------------


def test_a_later_clauses_own_flow_is_not_the_earlier_alias(tmp_path: Path) -> None:
    body = (
        "Vietnam's exports to Japan were worth US$20.4 billion in 2019, up 7%, while the "
        "country bought Japanese goods and imported machinery worth US$19.5 billion, down 2%."
    )
    found = claims(tmp_path, body)
    assert read_as(found) == [("US$20.4 billion", "vn-exports-to-jp")]
    changes = [(c.attr("percent"), c.target, len(c.parts)) for c in found if c.kind == "arithmetic"]
    # the fall belongs to the unread imports: it binds neither the exports nor their metric
    assert changes == [("7", "vn-exports-to-jp", 1), ("2", None, 0)]


def test_a_later_clause_of_the_same_flow_keeps_the_alias(tmp_path: Path) -> None:
    body = (
        "Vietnam's exports to Japan were worth US$20.4 billion in 2019, while in 2018 they "
        "stood at US$18.9 billion."
    )
    got = read_as(claims(tmp_path, body))
    assert got == [("US$20.4 billion", "vn-exports-to-jp"), ("US$18.9 billion", "vn-exports-to-jp")]


# --- a verb that says "more than" -----------------------------------------------------------


@pytest.mark.parametrize("verb", ["topped", "surpassed", "exceeded", "passed"])
def test_a_verb_of_passing_makes_the_figure_a_lower_bound(tmp_path: Path, verb: str) -> None:
    [claim] = claims(tmp_path, f"In 2019, trade between Vietnam and Japan {verb} US$39 billion.")
    assert claim.value is not None and claim.value.hedge == verb
    assert claim.value.low == 39e9 and claim.value.high == float("inf")
    assert claim.text == f"{verb} US$39 billion"


# --- the items of a total -------------------------------------------------------------------


def test_items_of_a_total_stay_parts_of_the_sum_only(tmp_path: Path) -> None:
    body = (
        "Japan's ODA to Vietnam came to JPY3.1 trillion since 1992, including JPY150 billion "
        "as grants and JPY210 billion for technical support."
    )
    found = claims(tmp_path, body)
    assert read_as(found) == [("JPY3.1 trillion", "jp-oda-committed-cumulative")]
    [total] = [c for c in found if c.kind == "arithmetic"]
    assert total.attr("relation") == "sum"
    assert [p.text for p in total.parts] == ["JPY3.1 trillion", "JPY150 billion", "JPY210 billion"]


def test_named_components_of_a_total_keep_their_claims(tmp_path: Path) -> None:
    body = (
        "Trade between Vietnam and Japan reached US$39.9 billion in 2019, of which exports were "
        "US$20.4 billion and imports US$19.5 billion."
    )
    assert read_as(claims(tmp_path, body)) == [
        ("US$39.9 billion", "vn-jp-trade"),
        ("US$20.4 billion", "vn-exports-to-jp"),
        ("US$19.5 billion", "vn-imports-from-jp"),
    ]


# --- rates that are no change of the figure -----------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Trade between Vietnam and Japan has grown at an average of 9% a year.",
        "Trade between Vietnam and Japan posted annual growth of 12% since 2010.",
        "Trade between Vietnam and Japan grew 12% a year over the past decade.",
        "Vietnam's economy grew 5.1% in the first half, compared with 6.8% growth a year earlier.",
    ],
)
def test_an_average_or_compared_rate_is_no_change(tmp_path: Path, body: str) -> None:
    changes = [c.attr("percent") for c in claims(tmp_path, body) if c.kind == "arithmetic"]
    assert "9" not in changes and "12" not in changes and "6.8" not in changes


def test_a_rate_of_its_own_year_is_a_change(tmp_path: Path) -> None:
    body = "Trade between Vietnam and Japan reached US$39.9 billion in 2019, up 5% a year earlier."
    [change] = [c for c in claims(tmp_path, body) if c.kind == "arithmetic"]
    assert (change.attr("percent"), change.target) == ("5", "vn-jp-trade")


# --- one package or one fiscal year is no running total ----------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Japan will provide Vietnam with 120 billion yen in ODA for new railways.",
        "Japan pledged 120 billion yen in ODA to Vietnam at the donor meeting.",
        "Japan's ODA to Vietnam is set to reach 120 billion yen for fiscal 2017.",
        "Japan's ODA to Vietnam fell to 90 billion yen in fiscal year 2016.",
    ],
)
def test_one_package_or_fiscal_year_is_not_the_stock(tmp_path: Path, body: str) -> None:
    got = read_as(claims(tmp_path, body, date="2017-05-01"))
    assert all(target != "jp-oda-committed-cumulative" for _, target in got)


@pytest.mark.parametrize(
    "body",
    [
        "Since 1992, Japan has provided Vietnam with ODA of 2.9 trillion yen.",
        "Japan has committed a total of 2.9 trillion yen in ODA to Vietnam so far.",
    ],
)
def test_a_running_total_stays_the_stock(tmp_path: Path, body: str) -> None:
    got = read_as(claims(tmp_path, body, date="2017-05-01"))
    assert ("2.9 trillion yen", "jp-oda-committed-cumulative") in got
