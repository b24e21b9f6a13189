"""A range of percentages writes its unit once: "22-27 per cent" is one percent figure, 22 to 27."""

from __future__ import annotations

import pytest

from claimcheck.extract.numbers import find
from claimcheck.model import units


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("grew 22-27 per cent a year", 21.5, 27.5),
        ("grew 22\u201327% a year", 21.5, 27.5),
        ("grew by 22 to 27 percent", 21.5, 27.5),
        ("grew between 22 and 27 percent", 21.5, 27.5),
        ("grew 2.5-3.5%", 2.45, 3.55),
    ],
)
def test_a_percent_range_is_one_percent_figure(text: str, low: float, high: float) -> None:
    [n] = find(text, 0, len(text))
    assert n.unit == units.PERCENT and n.ranged
    assert (n.low, n.high) == pytest.approx((low, high))
    assert text[n.start : n.end].endswith(("cent", "%"))


@pytest.mark.parametrize(
    "text",
    [
        "won 2-0% of the time",  # the second end is not larger: no range
        "22 and 27 percent",  # "and" joins a range only after "between"
        "22%-27%",  # each end writes its own unit
    ],
)
def test_not_a_range(text: str) -> None:
    assert not any(n.ranged for n in find(text, 0, len(text)))


def test_a_count_before_a_percent_elsewhere_keeps_its_unit() -> None:
    text = "106 projects, up 27 percent"
    first = find(text, 0, len(text))[0]
    assert first.unit is None and first.digits == "106"


def test_a_percent_range_is_never_an_amount_nor_a_change_of_one_percent() -> None:
    from pathlib import Path

    from claimcheck import rulebook
    from claimcheck.extract import Extractor
    from claimcheck.model.dates import PartialDate
    from claimcheck.model.document import Document

    ex = Extractor(rulebook.load([Path(__file__).parent / "fixtures" / "rules" / "vn-jp"]))
    text = "In 2019, two-way trade grew 22-27 per cent, against 8 to 10 percent before."
    found = ex.extract(Document("t.txt", text, date=PartialDate.parse("2020-02")))
    assert [c for c in found if c.kind in ("quantity", "arithmetic")] == []
