"""Modality: a clause that forecasts, targets, plans, hopes, conditions or asks a figure or a rank
marks its claim, and the engines judge asserted claims only."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import asserted
from claimcheck.cli import main
from claimcheck.extract import DocContext, Extractor, Sentence, modality
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.rulebook.vocab import fold, longest

FIXTURE = Path(__file__).parent / "fixtures" / "rules" / "vn-jp"
REPO_RULES = Path(__file__).resolve().parent.parent / "rules"


@cache
def extractor() -> Extractor:
    return Extractor(rulebook.load([FIXTURE]))


# The article names both parties of the pair metrics (extract/ownership.py): the sentences under
# test are its second paragraph.
FRAME = "Vietnam and Japan held talks in Hanoi.\n\n"


def claims(text: str, date: str | None = "2023-05-10") -> list[Claim]:
    doc = Document("t.txt", FRAME + text, date=PartialDate.parse(date) if date else None)
    return extractor().extract(doc)


def figures(text: str, date: str | None = "2023-05-10") -> list[tuple[str, str | None]]:
    """Each quantity or rank claim as (words, modality)."""
    return [
        (c.text, c.attr("modality")) for c in claims(text, date) if c.kind in ("quantity", "rank")
    ]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Two-way trade is expected to reach US$52 billion this year.", "forecast"),
        ("Officials expect two-way trade to hit US$52 billion this year.", "forecast"),
        ("Two-way trade is projected to climb to US$52 billion this year.", "forecast"),
        ("Two-way trade is likely to top US$52 billion this year.", "forecast"),
        ("Two-way trade will reach US$52 billion this year.", "forecast"),
        ("Two-way trade is estimated to reach US$52 billion this year.", "forecast"),
        ("The two governments aim to lift two-way trade to US$60 billion.", "target"),
        ("They set a target of US$60 billion for two-way trade.", "target"),
        ("Two-way trade has a US$60 billion target.", "target"),
        ("Japan plans to raise ODA to Vietnam to US$2 billion.", "plan"),
        ("Japan will raise ODA to Vietnam to US$2 billion.", "plan"),
        ("Both sides hope two-way trade grows to US$60 billion.", "hope"),
        ("Two-way trade could reach US$60 billion, analysts say.", "condition"),
        ("Two-way trade may exceed US$60 billion, analysts say.", "condition"),
        ("If tariffs fall, two-way trade rises to US$60 billion.", "condition"),
        ("Will two-way trade reach US$60 billion this year?", "question"),
        ("Japan is expected to remain Vietnam's largest ODA provider.", "forecast"),
        # a forecast said with the figure as the verb's object, no "to"
        ("Officials expect two-way trade of US$52 billion this year.", "forecast"),
        ("Analysts forecast two-way trade of about US$52 billion this year.", "forecast"),
    ],
)
def test_a_clause_that_does_not_assert_marks_its_figure(text: str, modality: str) -> None:
    got = figures(text)
    assert got, text
    assert {m for _, m in got} == {modality}


@pytest.mark.parametrize(
    "text",
    [
        "Two-way trade reached US$47.6 billion in 2022.",
        "The minister said two-way trade reached US$47.6 billion in 2022.",  # reported fact
        "In May 2022, two-way trade reached US$4 billion.",  # the month, not the verb
        "Japan agreed to raise ODA to Vietnam to US$2 billion in 2022.",  # a commitment is a fact
        "Japan remained Vietnam's largest ODA provider in 2022.",
        "Two-way trade was estimated to reach US$47.6 billion in 2022.",  # a past estimate
        # "projects" is a noun here, not a verb of forecasting
        "Japan had 5,198 valid projects as of September 20, with US$71.3 billion of FDI.",
        # the hope is in a relative clause that ends before the figure
        "Vietnam, which hopes for closer ties, saw two-way trade hit US$47.6 billion in 2022.",
    ],
)
def test_asserted_figures_carry_no_modality(text: str) -> None:
    got = figures(text)
    assert got, text
    assert all(m is None for _, m in got), got


def test_the_clause_decides_not_the_sentence() -> None:
    got = figures(
        "Two-way trade reached US$47.6 billion in 2022, beating the forecast of US$45 billion."
    )
    assert got == [("US$47.6 billion", None), ("US$45 billion", "forecast")]


def test_a_new_verb_after_and_starts_a_clause() -> None:
    got = figures(
        "In 2022 two-way trade reached US$47.6 billion and is expected to rise to "
        "US$52 billion in 2023."
    )
    assert got == [("US$47.6 billion", None), ("US$52 billion", "forecast")]


def test_a_cue_after_the_figure_in_a_relative_clause_binds_nothing() -> None:
    got = figures(
        "Two-way trade, which reached US$47.6 billion in 2022, will grow further, officials said."
    )
    assert got == [("US$47.6 billion", None)]


def test_a_future_period_is_a_forecast_or_with_by_a_target() -> None:
    assert figures("Two-way trade is worth US$70 billion in 2030.") == [
        ("US$70 billion", "forecast")
    ]
    assert figures("Two-way trade is to double to US$70 billion by 2030.")[-1] == (
        "US$70 billion",
        "plan",
    )
    assert figures("A premise to raise two-way trade to US$70 billion by 2030.") == [
        ("US$70 billion", "target")
    ]


def test_a_past_verb_asserts_even_a_later_period() -> None:
    # the article's date must be wrong then, not the tense
    assert figures("Two-way trade reached US$70 billion in 2030.") == [("US$70 billion", None)]


def test_an_undated_article_has_no_future() -> None:
    assert figures("Two-way trade was US$70 billion in 2030.", date=None) == [
        ("US$70 billion", None)
    ]


def test_the_parts_of_an_arithmetic_claim_carry_the_modality() -> None:
    found = claims(
        "Two-way trade is expected to reach US$52 billion in 2023, up 10% from US$47.3 billion."
    )
    [arith] = [c for c in found if c.kind == "arithmetic"]
    assert arith.parts and arith.parts[0].attr("modality") == "forecast"


def test_asserted_keeps_the_sequence_when_nothing_is_modal() -> None:
    found = claims("Two-way trade reached US$47.6 billion in 2022.")
    assert asserted(found) is found
    mixed = claims(
        "Two-way trade reached US$47.6 billion in 2022, beating a forecast of US$45 billion."
    )
    assert [c.text for c in asserted(mixed) if c.kind == "quantity"] == ["US$47.6 billion"]


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, date: str) -> list[str]:
    """The rules of the findings `claimcheck check` reports on one article."""
    path = tmp_path / "a.md"
    path.write_text(f"---\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    capsys.readouterr()
    main(["check", str(path), "--rules", str(REPO_RULES), "--format", "json", "--no-cache"])
    return [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]


def test_the_engines_judge_only_asserted_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "Two-way trade between Vietnam and Japan reached US$30 billion in 2022."
    assert "quantity-contradicts-fact" in check(tmp_path, capsys, wrong, "2023-02-01")
    forecast = "Two-way trade between Vietnam and Japan is expected to reach US$30 billion in 2022."
    assert check(tmp_path, capsys, forecast, "2022-03-01") == []


def test_a_sentence_without_cue_words_is_not_scanned() -> None:
    doc = Document("t.txt", "Two-way trade reached US$47.6 billion in 2022.")
    ex = extractor()
    folded = fold(doc.text)
    every = ex.vocab.matches(doc.text, folded)
    found = longest(every)
    ctx = DocContext(doc, folded, [(0, len(doc.text))], found, every)
    s = Sentence(doc, 0, len(doc.text), folded, found, ex.book, ctx, every)
    assert modality.read(s, 22, 37) is None
    assert vars(s)["_modality"].cues is None  # no cue word: no pattern was run
