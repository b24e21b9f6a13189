"""Severity follows certainty: a finding resting on a part its sentence does not state, inferred by
a rule not shown reliable, is a warning at most, and every report says what was inferred."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.figure_rules.build import Doc, book, qty, run_doc, year

from claimcheck.cli import main
from claimcheck.judge import certainty
from claimcheck.model.claims import Claim
from claimcheck.rulebook import Rulebook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


# what the quantity and rank extractors record for a figure whose sentence gives no time
DOCUMENT_DATED = (("period", "document"), ("inferred.period", "publication-date"))


def wrong_trade(attrs: tuple[tuple[str, str], ...]) -> Doc:
    d = Doc(
        "news/a.md", "2023-11-28", "---", "date: 2023-11-28", "---", "Trade hit 57.6 billion USD."
    )
    d.quantity("57.6 billion USD", "trade", qty("57.6", "billion"), year(2022), attrs=attrs)
    return d


@pytest.mark.parametrize(
    ("attrs", "severity", "inferred"),
    [
        ((("period", "stated"),), "error", ()),
        (DOCUMENT_DATED, "warning", (("period", "publication-date"),)),
        ((("inferred.subject", "paragraph"),), "warning", (("subject", "paragraph"),)),
        (
            (("inferred.target", "short-alias"), *DOCUMENT_DATED),
            "warning",
            (("target", "short-alias"), ("period", "publication-date")),
        ),
    ],
)
def test_an_inferred_part_caps_an_error_at_a_warning_and_is_named(
    trade: Rulebook,
    attrs: tuple[tuple[str, str], ...],
    severity: str,
    inferred: tuple[tuple[str, str], ...],
) -> None:
    [f] = run_doc(wrong_trade(attrs), trade, "quantities")
    assert (f.rule, f.severity, f.inferred) == ("quantity-contradicts-fact", severity, inferred)
    assert ("inferred" in f.to_json()) is bool(inferred)


def test_a_reliable_inference_keeps_the_error() -> None:
    title = Claim("title", 0, 5, "PM X", subject="x", target="pm", period=year(2020))
    assert certainty.inferred(title) == {"period": "publication-date"}
    assert not certainty.unreliable([title])
    quantity = Claim("quantity", 0, 5, "5", target="t", attrs=DOCUMENT_DATED)
    assert certainty.unreliable([quantity])
    assert all(how in certainty.HOWS for _, _, how in certainty.RELIABLE)


def test_a_title_dated_by_its_own_sentence_infers_nothing() -> None:
    from claimcheck.model.dates import PartialDate

    dated = Claim("title", 0, 5, "PM X", period=year(2013), date=PartialDate(2013, 1, None))
    assert certainty.inferred(dated) == {}


def test_every_report_shows_what_was_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    article = str(ROOT / "tests/corpus/18_csp-one-year.md")
    rules = ["--rules", str(ROOT / "rules"), "--no-cache"]
    assert main(["check", article, *rules, "--format", "json"]) == 1
    [f] = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["line"] == 12]
    assert f["inferred"] == {"period": "publication-date"}
    for fmt, shown in [
        ("text", "inferred    period the article's publication date"),
        ("markdown", "<b>Inferred:</b> period the article's publication date"),
        ("html", '<p class="inferred">Inferred: period the article&#x27;s publication date'),
        ("sarif", '"inferred": {\n'),
    ]:
        main(["check", article, *rules, "--format", fmt])
        assert shown in capsys.readouterr().out, fmt


def test_every_inference_an_extractor_records_is_described() -> None:
    """A new way of inferring a part is named in HOWS (reports and docs/checks.md print it)."""
    import re

    package = ROOT / "claimcheck"
    written = {
        how
        for path in package.rglob("*.py")
        for how in re.findall(r'\("inferred\.\w+", "([\w-]+)"\)', path.read_text(encoding="utf-8"))
    }
    assert written and written <= set(certainty.HOWS), written - set(certainty.HOWS)
