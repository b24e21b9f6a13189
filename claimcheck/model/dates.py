"""Dates known to a year, a month or a day, and the periods claims speak of.

A newsroom often knows only the month an article ran; every comparison is therefore made on
intervals of days, never on a single day that pretends to more precision than the source has.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from claimcheck.infra import regexes
from claimcheck.infra.values import value

_PARTIAL = regexes.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_FISCAL_LABEL = regexes.compile(r"(?i:^\s*FY)")


@value(order=True)
class PartialDate:
    """A calendar date whose month and day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def __reduce__(self) -> tuple[type[PartialDate], tuple[Any, ...]]:
        return (PartialDate, (self.year, self.month, self.day))

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read `2017`, `2017-12`, `2017-12-05` or a date object; raise ValueError otherwise."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError(f"not a date: {value!r}")
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"not a date: {value!r}")
        m = _PARTIAL.match(value)
        if not m and _FISCAL_LABEL.match(value):
            raise ValueError(
                f"not a date: {value!r} (a fiscal year is written `fiscal_year: YYYY`, the "
                "year it is named for, on a fact of a metric that declares its `fiscal_year`)"
            )
        if not m:
            raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"not a date: {value!r} (month {month})")
        if day is not None:
            assert month is not None
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"not a date: {value!r} (day {day})")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        if self.day is not None:
            assert self.month is not None
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@value()
class Period:
    """A closed range of days a claim (or a fact) holds for.

    `kind` says how to read a value over it: `point` (a stock as of a day, "as of September 20"),
    `span` (a flow summed over the range, "in 2022", "first 9 months of 2023") or `cumulative`
    (everything up to `end`). Two claims compare only when their periods and kinds agree.
    """

    start: dt.date
    end: dt.date
    kind: str = "span"

    def __reduce__(self) -> tuple[type[Period], tuple[Any, ...]]:
        return (Period, (self.start, self.end, self.kind))

    @classmethod
    def of(cls, date: PartialDate, kind: str = "span") -> Period:
        return cls(date.first(), date.last(), kind)

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def whole_years(self) -> bool:
        """Whether it runs from a 1 January to a 31 December (one year or several)."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    def __str__(self) -> str:
        if self.start == self.end:
            text = self.start.isoformat()
        elif self.whole_years():
            text = (
                str(self.start.year)
                if self.start.year == self.end.year
                else f"{self.start.year}-{self.end.year}"
            )
        else:
            text = f"{self.start.isoformat()}..{self.end.isoformat()}"
        return text if self.kind == "span" else f"{text} ({self.kind})"


def fiscal_year(label: Period, start_month: int, named_for: str) -> Period:
    """The days of the fiscal year a label names ("FY2024" read as the calendar year 2024,
    "2023-24" as the two years), for a fiscal year that begins on the first of `start_month`
    and is named for the calendar year it starts or ends in. A label of two years is the
    fiscal year from the first into the second, whatever it is named for."""
    if start_month == 1:
        return label
    first, last = label.start.year, label.end.year
    if last == first + 1:
        year = first
    elif last == first:
        year = first if named_for == "start" else first - 1
    else:
        return label
    end_month = start_month - 1
    end = dt.date(year + 1, end_month, calendar.monthrange(year + 1, end_month)[1])
    return Period(dt.date(year, start_month, 1), end, label.kind)
