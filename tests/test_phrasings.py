"""Phrasings of amounts, counts, ranks, periods and arithmetic as real news writes them.

Each row: a sentence (modelled on Vietnamese, Japanese and European wire copy), the article's
date, the rule folder (tests/fixtures/rules: a Vietnam–Japan one and an unrelated Nordic one) and
every quantity, rank and arithmetic claim expected from it, written compactly by `show`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

RULES = Path(__file__).parent / "fixtures" / "rules"
KINDS = ("quantity", "rank", "arithmetic")


@cache
def extractor(domain: str) -> Extractor:
    return Extractor(rulebook.load([RULES / domain]))


def claims(text: str, date: str | None, domain: str = "vn-jp") -> list[Claim]:
    doc = Document("t.txt", text, date=PartialDate.parse(date) if date else None)
    return [c for c in extractor(domain).extract(doc) if c.kind in KINDS]


def num(x: float) -> str:
    return "inf" if x == float("inf") else f"{x:g}"


def show(c: Claim) -> str:
    """kind target subject value-or-rank period [details]: one line a person can check."""
    subject = c.subject or "-"
    if c.kind == "quantity":
        assert c.value is not None
        v = c.value
        change = f" change={c.attr('change')}" if c.attr("change") else ""
        return (
            f"quantity {c.target} {subject} {num(v.low)}..{num(v.high)} {v.unit} {c.period}{change}"
        )
    if c.kind == "rank":
        out_of = f" of {c.attr('out_of')}" if c.attr("out_of") else ""
        return f"rank {c.target} {subject} #{c.rank}{out_of} {c.period}"
    how = c.attr("percent") or c.attr("factor")
    base = f" base={c.attr('base_start')}..{c.attr('base_end')}" if c.attr("base_start") else ""
    return (
        f"arithmetic {c.attr('relation')} {c.target} {how} {c.attr('change')} "
        f"parts={len(c.parts)} {c.period}{base}"
    )


N28 = "2023-11-28"
OCT = "2023-10"

PHRASINGS: list[tuple[str, str | None, str, list[str]]] = [
    # --- amounts of money ------------------------------------------------------------------------
    (
        "Two-way trade reached US$47.6 billion in 2022.",
        N28,
        "vn-jp",
        ["quantity trade - 4.755e+10..4.765e+10 USD 2022"],
    ),
    (
        "Bilateral trade hit 50 billion USD in 2022.",
        N28,
        "vn-jp",
        ["quantity trade - 4.95e+10..5.05e+10 USD 2022"],
    ),
    (
        "Bilateral trade was approximately US$50 billion last year.",
        OCT,
        "vn-jp",
        ["quantity trade - 4.7e+10..5.3e+10 USD 2022"],
    ),
    (
        "Two-way trade totalled nearly US$40 billion in 2020.",
        N28,
        "vn-jp",
        ["quantity trade - 3.75e+10..4e+10 USD 2020"],
    ),
    (
        "Trade turnover stood at more than US$42 billion in 2021.",
        N28,
        "vn-jp",
        ["quantity trade - 4.2e+10..inf USD 2021"],
    ),
    (
        "Bilateral trade turnover reached US$ 39.9 billion in 2019.",
        N28,
        "vn-jp",
        ["quantity trade - 3.985e+10..3.995e+10 USD 2019"],
    ),
    (
        "Two-way trade topped $40bn in 2020.",
        N28,
        "vn-jp",
        ["quantity trade - 4e+10..inf USD 2020"],  # "topped": more than, a lower bound
    ),
    (
        "In 2021, bilateral trade reached 42.7 billion USD.",
        N28,
        "vn-jp",
        ["quantity trade - 4.265e+10..4.275e+10 USD 2021"],
    ),
    (
        "Exports reached US$24.2 billion in 2022, while imports stood at US$23.4 billion.",
        N28,
        "vn-jp",
        [
            "quantity exports - 2.415e+10..2.425e+10 USD 2022",
            "quantity imports - 2.335e+10..2.345e+10 USD 2022",
        ],
    ),
    (
        "In the first nine months of 2023, export turnover reached US$17.2 billion.",
        N28,
        "vn-jp",
        ["quantity exports - 1.715e+10..1.725e+10 USD 2023-01-01..2023-09-30"],
    ),
    (
        "Total FDI capital in the first half of 2023 was US$1.5 billion.",
        N28,
        "vn-jp",
        ["quantity fdi-new - 1.45e+09..1.55e+09 USD 2023-01-01..2023-06-30"],
    ),
    (
        "As of September 20, FDI reached US$71.3 billion.",
        N28,
        "vn-jp",
        ["quantity fdi-total - 7.125e+10..7.135e+10 USD 2023-09-20 (cumulative)"],
    ),
    (
        "As of the end of 2022, Japanese direct investment reached US$69.7 billion.",
        N28,
        "vn-jp",
        ["quantity fdi-total japan 6.965e+10..6.975e+10 USD 2022-12-31 (cumulative)"],
    ),
    (
        "Japan's direct investment in Vietnam currently stands at US$70 billion.",
        OCT,
        "vn-jp",
        ["quantity fdi-total japan 6.95e+10..7.05e+10 USD 2023-10-01..2023-10-31 (cumulative)"],
    ),
    (
        "FDI has so far reached US$71 billion.",
        OCT,
        "vn-jp",
        ["quantity fdi-total - 7.05e+10..7.15e+10 USD 2023-10-01..2023-10-31 (cumulative)"],
    ),
    (
        "This year, FDI reached US$2 billion.",
        OCT,
        "vn-jp",
        ["quantity fdi-new - 1.5e+09..2.5e+09 USD 2023"],
    ),
    (
        "FDI in the 2015 fiscal year reached US$1.5 billion.",
        N28,
        "vn-jp",
        ["quantity fdi-new - 1.45e+09..1.55e+09 USD 2015"],
    ),
    (
        "ODA capital totalled JPY 500 billion.",
        N28,
        "vn-jp",
        ["quantity oda - 4.995e+11..5.005e+11 JPY 2023-11-28 (cumulative)"],
    ),
    (
        "Japan granted ¥500 million in non-refundable aid.",
        N28,
        "vn-jp",
        [],  # what was granted, with no running total named: one package, not the stock
    ),
    (
        "Japanese ODA reached VND 1.2 trillion.",
        N28,
        "vn-jp",
        ["quantity oda japan 1.15e+12..1.25e+12 VND 2023-11-28 (cumulative)"],
    ),
    (
        "Japan provided ODA worth US$1.2 billion in 2015.",
        N28,
        "vn-jp",
        [],  # what was provided in one year: a flow, not the cumulative stock
    ),
    (
        "Vietnam has invested about 19.5 million USD into 106 projects in Japan.",
        OCT,
        "vn-jp",
        [
            "quantity vn-investment-in-japan vietnam 1.8475e+07..2.0525e+07 USD "
            "2023-10-01..2023-10-31 (cumulative)"
        ],
    ),
    (
        "Two-way trade reached 47.6 billion in 2022.",
        N28,
        "vn-jp",
        ["quantity trade - 4.755e+10..4.765e+10 None 2022"],
    ),
    (
        "Japanese direct investment in Vietnam totalled almost US$9 billion during "
        "January-November, 2017.",
        "2017-12",
        "vn-jp",
        ["quantity fdi-new japan 8e+09..9e+09 USD 2017-01-01..2017-11-30"],
    ),
    (
        "Two-way trade in January-November 2017 reached US$30 billion.",
        "2017-12",
        "vn-jp",
        ["quantity trade - 2.95e+10..3.05e+10 USD 2017-01-01..2017-11-30"],
    ),
    (
        "Total two-way trade turnover in 2020 reached US$40 billion, in 2021 reached US$42.7 "
        "billion, in 2022 reached US$47.6 billion.",
        N28,
        "vn-jp",
        [
            "quantity trade - 3.95e+10..4.05e+10 USD 2020",
            "quantity trade - 4.265e+10..4.275e+10 USD 2021",
            "quantity trade - 4.755e+10..4.765e+10 USD 2022",
        ],
    ),
    (
        "Two-way trade reached US$39.6 billion in 2020 and US$42.9 billion in 2021.",
        N28,
        "vn-jp",
        [
            "quantity trade - 3.955e+10..3.965e+10 USD 2020",
            "quantity trade - 4.285e+10..4.295e+10 USD 2021",
        ],
    ),
    (
        "In the first 11 months of this year, exports reached US$21 billion.",
        "2023-12",
        "vn-jp",
        ["quantity exports - 2.05e+10..2.15e+10 USD 2023-01-01..2023-11-30"],
    ),
    (
        "Exports in Q3 2023 were US$5.9 billion.",
        N28,
        "vn-jp",
        ["quantity exports - 5.85e+09..5.95e+09 USD 2023-07-01..2023-09-30"],
    ),
    (
        "Exports last November reached US$2 billion.",
        "2017-12",
        "vn-jp",
        ["quantity exports - 1.5e+09..2.5e+09 USD 2017-11-01..2017-11-30"],
    ),
    (
        "Exports grew by US$2 billion in 2022.",
        N28,
        "vn-jp",
        ["quantity exports - 1.5e+09..2.5e+09 USD 2022 change=increase"],
    ),
    # --- another domain, nothing of Vietnam or Japan in the code --------------------------------
    (
        "Gas exports to Germany were worth €35.2 billion in 2022.",
        N28,
        "nordic",
        ["quantity gas-exports - 3.515e+10..3.525e+10 EUR 2022"],
    ),
    (
        "Norwegian gas deliveries reached EUR 12 billion in the first quarter of 2023.",
        N28,
        "nordic",
        ["quantity gas-exports norway 1.15e+10..1.25e+10 EUR 2023-01-01..2023-03-31"],
    ),
    (
        "Norway's gas exports rose to €50 billion last year.",
        "2023-05",
        "nordic",
        ["quantity gas-exports norway 4.95e+10..5.05e+10 EUR 2022"],
    ),
    (
        "Norway operates six offshore wind farms.",
        "2023-05",
        "nordic",
        ["quantity wind-farms norway 6..6 farm 2023-05-01..2023-05-31 (point)"],
    ),
    (
        "Germany had 29 wind farms at the end of 2022.",
        "2023-05",
        "nordic",
        ["quantity wind-farms germany 28.5..29.5 farm 2022-12-31 (point)"],
    ),
    (
        "Norway supplied 48 percent of Germany's gas imports in 2022.",
        "2023-05",
        "nordic",
        ["quantity gas-share norway 47.5..48.5 percent 2022"],
    ),
    (
        "Norway became Germany's largest gas supplier in 2022.",
        "2023-05",
        "nordic",
        ["rank gas-suppliers norway #1 2022"],
    ),
    (
        "Norway is now the number one supplier of gas to Germany.",
        "2023-05",
        "nordic",
        ["rank gas-suppliers norway #1 2023-05-01..2023-05-31 (point)"],
    ),
    # --- counts ---------------------------------------------------------------------------------
    (
        "There are 5,198 valid projects.",
        N28,
        "vn-jp",
        ["quantity fdi-projects - 5197.5..5198.5 project 2023-11-28 (cumulative)"],
    ),
    (
        "Japan has over 5,000 valid investment projects in Vietnam.",
        OCT,
        "vn-jp",
        ["quantity fdi-projects japan 5000..inf project 2023-10-01..2023-10-31 (cumulative)"],
    ),
    (
        "37 pairs of localities have set up twinning relations.",
        "2017-12",
        "vn-jp",
        ["quantity twin-localities - 36.5..37.5 pair 2017-12-01..2017-12-31 (point)"],
    ),
    (
        "Nearly 500,000 Vietnamese people live in Japan.",
        OCT,
        "vn-jp",
        [
            "quantity vietnamese-in-japan vietnam 450000..500000 person "
            "2023-10-01..2023-10-31 (point)"
        ],
    ),
    (
        "There are 230,000 Vietnamese now living and working in Japan.",
        "2017-12",
        "vn-jp",
        [
            "quantity vietnamese-in-japan vietnam 225000..235000 person "
            "2017-12-01..2017-12-31 (point)"
        ],
    ),
    (
        "The country has 47 provinces.",
        OCT,
        "vn-jp",
        [],
    ),
    # --- percentages ----------------------------------------------------------------------------
    (
        "Japan accounts for about 30% of the total capital of foreign donors to Vietnam.",
        N28,
        "vn-jp",
        ["quantity oda-share japan 28..32 percent 2023-11-28 (cumulative)"],
    ),
    # --- ranks ----------------------------------------------------------------------------------
    (
        "Japan is the largest ODA provider for Vietnam.",
        "2017-12",
        "vn-jp",
        ["rank oda-providers japan #1 2017-12-01..2017-12-31 (point)"],
    ),
    (
        "Japan is the fourth biggest trade partner of Vietnam.",
        "2017-12",
        "vn-jp",
        ["rank trade-partners japan #4 2017-12-01..2017-12-31 (point)"],
    ),
    (
        "In 2017, Japan became the leading foreign investor in Vietnam.",
        "2017-12",
        "vn-jp",
        ["rank investors japan #1 2017"],
    ),
    (
        "Japan is currently Vietnam's second biggest investor.",
        "2015-09-15",
        "vn-jp",
        ["rank investors japan #2 2015-09-15 (point)"],
    ),
    (
        "Japan is the third largest source of tourists to Vietnam.",
        "2017-12",
        "vn-jp",
        ["rank tourism japan #3 2017-12-01..2017-12-31 (point)"],
    ),
    (
        "Japan currently ranks first among providers of ODA, second among labour cooperation "
        "partners, and third among foreign investors and tourism partners of Vietnam.",
        OCT,
        "vn-jp",
        [
            "rank oda-providers japan #1 2023-10-01..2023-10-31 (point)",
            "rank labour japan #2 2023-10-01..2023-10-31 (point)",
            "rank investors japan #3 2023-10-01..2023-10-31 (point)",
            "rank tourism japan #3 2023-10-01..2023-10-31 (point)",
        ],
    ),
    (
        "As of September 20, Japan ranked 3/143 countries and territories investing in Vietnam.",
        N28,
        "vn-jp",
        ["rank investors japan #3 of 143 2023-09-20 (point)"],
    ),
    (
        "Japan is Vietnam's No. 1 ODA provider.",
        OCT,
        "vn-jp",
        ["rank oda-providers japan #1 2023-10-01..2023-10-31 (point)"],
    ),
    (
        "Japan is the top foreign investor in Vietnam.",
        OCT,
        "vn-jp",
        ["rank investors japan #1 2023-10-01..2023-10-31 (point)"],
    ),
    (
        "Japan was the 2nd largest trading partner of Vietnam in 2022.",
        OCT,
        "vn-jp",
        ["rank trade-partners japan #2 2022"],
    ),
    (
        "Japan is the fifth-largest trading partner of Vietnam.",
        OCT,
        "vn-jp",
        ["rank trade-partners japan #5 2023-10-01..2023-10-31 (point)"],
    ),
    (
        "Japan ranked second among foreign investors last year.",
        OCT,
        "vn-jp",
        ["rank investors japan #2 2022"],
    ),
    (
        "Japan has been Vietnam's biggest ODA provider over the last 20 years.",
        "2015-09-15",
        "vn-jp",
        ["rank oda-providers japan #1 1995-09-16..2015-09-15"],
    ),
    (
        "It was his first foreign trip after his election in 2013.",
        OCT,
        "vn-jp",
        [],
    ),
    # --- arithmetic -----------------------------------------------------------------------------
    (
        "In the first 9 months of 2023, Japan's total FDI capital in Vietnam reached about US$2.9 "
        "billion, an increase of 50% over the same period in 2022.",
        N28,
        "vn-jp",
        [
            "quantity fdi-new japan 2.705e+09..3.095e+09 USD 2023-01-01..2023-09-30",
            "arithmetic change fdi-new 50 increase parts=1 2023-01-01..2023-09-30 "
            "base=2022-01-01..2022-09-30",
        ],
    ),
    (
        "FDI reached US$3.6 billion in the first half of 2023, up 50% from US$2.4 billion.",
        N28,
        "vn-jp",
        [
            "quantity fdi-new - 3.55e+09..3.65e+09 USD 2023-01-01..2023-06-30",
            "arithmetic change fdi-new 50 increase parts=2 2023-01-01..2023-06-30",
            "quantity fdi-new - 2.35e+09..2.45e+09 USD None",
        ],
    ),
    (
        "Exports rose 12% in 2022.",
        N28,
        "vn-jp",
        ["arithmetic change exports 12 increase parts=0 2022"],
    ),
    (
        "Imports fell 3.5 percent year-on-year in 2023.",
        N28,
        "vn-jp",
        ["arithmetic change imports 3.5 decrease parts=0 2023"],
    ),
    (
        "Exports doubled in 2022.",
        N28,
        "vn-jp",
        ["arithmetic fold exports 2 increase parts=0 2022"],
    ),
    (
        "In 2022, two-way trade reached US$47.6 billion, of which exports were US$24.2 billion "
        "and imports US$23.4 billion.",
        N28,
        "vn-jp",
        [
            "quantity trade - 4.755e+10..4.765e+10 USD 2022",
            "arithmetic sum trade None None parts=3 2022",
            "quantity exports - 2.415e+10..2.425e+10 USD 2022",
            "quantity imports - 2.335e+10..2.345e+10 USD 2022",
        ],
    ),
    (
        "Japan is the largest provider of ODA, with US$29.3 billion, of which US$1.8 billion is "
        "non-refundable aid.",
        N28,
        "vn-jp",
        [
            "quantity oda japan 2.925e+10..2.935e+10 USD 2023-11-28 (cumulative)",
            "arithmetic sum oda None None parts=2 2023-11-28 (cumulative)",
            "quantity oda-grants japan 1.75e+09..1.85e+09 USD 2023-11-28 (cumulative)",
        ],
    ),
    (
        "Japanese direct investment in Vietnam totalled almost US$9 billion during "
        "January-November, 2017, a four-time increase from the figure of the entire 2016.",
        "2017-12",
        "vn-jp",
        [
            "quantity fdi-new japan 8e+09..9e+09 USD 2017-01-01..2017-11-30",
            "arithmetic fold fdi-new 4 increase parts=1 2017-01-01..2017-11-30 "
            "base=2016-01-01..2016-12-31",
        ],
    ),
    (
        "Japan's committed ODA for Vietnam in the 2015 fiscal year increased 3 folds from 2014.",
        "2015-09-15",
        "vn-jp",
        ["arithmetic fold oda 3 increase parts=0 2015 base=2014-01-01..2014-12-31"],
    ),
    (
        "Gas exports rose threefold in 2022.",
        "2023-05",
        "nordic",
        ["arithmetic fold gas-exports 3 increase parts=0 2022"],
    ),
]


def test_table_is_large_enough() -> None:
    assert len(PHRASINGS) >= 60


@pytest.mark.parametrize(
    ("text", "date", "domain", "expected"),
    PHRASINGS,
    ids=[f"{i:02d}" for i in range(len(PHRASINGS))],
)
def test_phrasing(text: str, date: str | None, domain: str, expected: list[str]) -> None:
    got = [show(c) for c in claims(text, date, domain)]
    assert got == expected


@pytest.mark.parametrize(("text", "date", "domain", "expected"), PHRASINGS[:20])
def test_spans_point_at_the_words(
    text: str, date: str | None, domain: str, expected: list[str]
) -> None:
    for c in claims(text, date, domain):
        assert text[c.start : c.end] == c.text
        assert c.sentence == (0, len(text))
