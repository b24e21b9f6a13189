"""Records that cross processes (worker results, and the rulebook a run sends its workers over a
pipe) pickle by hand (`__reduce__`): every field must come back, none left at its default. The
rulebook kept in the cache folder is not a pickle (test_cache_security)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.findings import Finding, Related
from claimcheck.rulebook.vocab import Entry

_DATE = PartialDate(2019, 5, 14)
_PERIOD = Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31), "cumulative")
_QUANTITY = Quantity(1.5e9, 1.6e9, "USD", "1.5", "billion", "about")
_PART = Claim("quantity", 1, 2, "x", value=_QUANTITY)
_RELATED = Related("rules/a.yaml", 3, 4, "source")
RECORDS = [
    _DATE,
    _PERIOD,
    _QUANTITY,
    _RELATED,
    Entry("person", "abe", "Shinzo Abe", "full"),
    Claim(
        "arithmetic",
        10,
        20,
        "text",
        "japan",
        "oda",
        _QUANTITY,
        2,
        _PERIOD,
        _DATE,
        ("former",),
        (("relation", "sum"),),
        (_PART,),
        (5, 30),
    ),
    Finding(
        "rule-id",
        "category",
        "warning",
        "a.md",
        1,
        2,
        3,
        4,
        "message",
        (_RELATED,),
        "fix",
        "anchor",
        (("period", "publication-date"),),
    ),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_every_field_survives_pickling(record: object) -> None:
    fields = dataclasses.fields(record)  # type: ignore[arg-type]
    for f in fields:  # the example sets every field away from its default
        assert f.default is dataclasses.MISSING or getattr(record, f.name) != f.default, f.name
    back = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is type(record)
    for f in fields:
        assert getattr(back, f.name) == getattr(record, f.name), f.name
