"""Who a figure is attributed to (claimcheck/extract/attribution.py), and a metric's `sources`:
a figure a sentence attributes to another body is another measure, which neither the metric's
facts nor other articles' figures judge. Read with the project's own rule files; the sentences
are written for these tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks.corpus import quantity_key
from claimcheck.extract import Extractor
from claimcheck.judge.facts import judge, other_source
from claimcheck.model.claims import Claim
from claimcheck.rulebook import Rulebook
from claimcheck.run.articles import read
from claimcheck.yamlio.positions import YamlProblems

ROOT = Path(__file__).resolve().parents[1]


@cache
def book() -> Rulebook:
    return rulebook.load([ROOT / "rules"])


def figures(tmp_path: Path, body: str, date: str = "2023-03-01") -> list[Claim]:
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Trade notes\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    doc, problems = read(str(path))
    assert doc is not None and not problems
    return [c for c in Extractor(book()).extract(doc) if c.kind == "quantity"]


TRADE = "Two-way trade between Vietnam and Japan came to US$41.0 billion in 2022"


@pytest.mark.parametrize(
    ("body", "source"),
    [
        (f"{TRADE}, according to the trade office in Osaka.", "the trade office in Osaka"),
        (f"{TRADE}, the Osaka trade office said.", "the Osaka trade office"),
        (f"{TRADE}, reported the Osaka trade office.", "the Osaka trade office"),
        (f"The ministry of finance said {TRADE[0].lower()}{TRADE[1:]}.", "The ministry of finance"),
        (f"Data from the JETRO bureau show {TRADE[0].lower()}{TRADE[1:]}.", "the JETRO bureau"),
        (
            f"Customs statistics came out.\n\n{TRADE}, according to the customs office.",
            "the customs office",
        ),
    ],
)
def test_the_body_a_sentence_names_is_recorded(tmp_path: Path, body: str, source: str) -> None:
    [claim] = figures(tmp_path, body)
    assert claim.attr("attributed") == source


@pytest.mark.parametrize(
    "body",
    [
        f"{TRADE}.",
        f"{TRADE}, according to the plan.",  # no body
        f"{TRADE}, analysts said.",  # people, not a body that publishes a measure
        f"Data show that {TRADE[0].lower()}{TRADE[1:]}.",  # whose data, unsaid
    ],
)
def test_no_body_no_attribution(tmp_path: Path, body: str) -> None:
    [claim] = figures(tmp_path, body)
    assert claim.attr("attributed") is None


def test_an_anaphor_stands_for_the_last_earlier_name_with_its_noun(tmp_path: Path) -> None:
    body = (
        "Trade grew fast, according to the Vietnam Trade Promotion Office in Osaka.\n\n"
        f"{TRADE}, the office said."
    )
    [claim] = figures(tmp_path, body)
    assert claim.attr("attributed") == "the Vietnam Trade Promotion Office in Osaka"


def test_an_anaphor_of_the_metrics_own_body_stays_its_measure(tmp_path: Path) -> None:
    body = (
        "Exports to Japan reached US$24.2 billion in 2022, the customs office said.\n\n"
        "Two-way trade between Vietnam and Japan came to US$44.6 billion in 2022, "
        "the office added."
    )
    claims = figures(tmp_path, body)
    assert [c.attr("attributed") for c in claims] == ["the customs office"] * 2
    metric = book().metrics["vn-jp-trade"]
    assert not other_source(claims[1], metric)
    verdict = judge(claims[1], book())
    assert verdict is not None and verdict.outcome == "contradict"  # 47.6 billion per GDVC


def test_another_bodys_figure_is_judged_by_no_fact_and_joins_no_group(tmp_path: Path) -> None:
    [claim] = figures(tmp_path, f"{TRADE}, according to the trade office in Osaka.")
    metric = book().metrics["vn-jp-trade"]
    assert other_source(claim, metric)
    assert judge(claim, book()) is None
    assert quantity_key(claim, book()) is None


def test_the_same_figure_unattributed_or_from_customs_is_checked(tmp_path: Path) -> None:
    for body in (f"{TRADE}.", f"{TRADE}, according to the General Department of Customs."):
        [claim] = figures(tmp_path, body)
        verdict = judge(claim, book())
        assert verdict is not None and verdict.outcome == "contradict", body
        assert quantity_key(claim, book()) is not None


def test_a_metric_without_sources_takes_any_body(tmp_path: Path) -> None:
    body = "Japan's ODA to Vietnam has totalled about US$2.6 billion, the planning ministry said."
    for claim in figures(tmp_path, body):
        assert claim.attr("attributed") == "the planning ministry"
        metric = book().metrics[claim.target or ""]
        assert not metric.sources and not other_source(claim, metric)


def test_sources_must_be_a_list_of_names(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "m.yaml").write_text(
        "metrics:\n  - id: t\n    name: T\n    aliases: [trade]\n    dimension: currency\n"
        "    sources: {customs: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(YamlProblems) as err:
        rulebook.load([rules])
    assert "sources" in str(err.value)
