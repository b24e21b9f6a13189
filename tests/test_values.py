"""Value classes (claimcheck.infra.values): read-only to the type checker, compared and hashed by
their fields at run time, as the frozen dataclasses they stand for."""

from __future__ import annotations

import pickle
from pathlib import Path

from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import PartialDate, Period


def _claim(start: int = 3) -> Claim:
    q = Quantity(1.0, 2.0, "USD", "1.5", "billion")
    p = Period(PartialDate(2020), PartialDate(2020, 12, 31))
    return Claim("quantity", start, 9, "US$1.5 billion", "vn", "fdi", q, period=p)


def test_values_compare_hash_and_order_by_their_fields() -> None:
    assert _claim() == _claim() and _claim() != _claim(4)
    assert len({_claim(), _claim(), _claim(4)}) == 2
    assert sorted([PartialDate(2021, 1, 1), PartialDate(2020, 5, 2), PartialDate(2020, 5, 1)]) == [
        PartialDate(2020, 5, 1),
        PartialDate(2020, 5, 2),
        PartialDate(2021, 1, 1),
    ]
    assert pickle.loads(pickle.dumps(_claim())) == _claim()


def test_assigning_a_field_of_a_value_is_a_type_error(tmp_path: Path) -> None:
    from mypy import api

    probe = tmp_path / "probe.py"
    probe.write_text(
        "from claimcheck.model.claims import Claim\n"
        "c = Claim('quantity', 0, 1, 'x')\n"
        "c.start = 5\n"
        "print(c.start + 1)\n"
    )
    out, _err, status = api.run([str(probe), "--no-incremental", "--follow-imports=silent"])
    assert status == 1, out
    assert 'probe.py:3: error: Property "start" defined in "Claim" is read-only' in out
    assert out.count("error:") == 1
