"""What `load` checks and works out for the keys that declare a beat's conventions: facts given
by fiscal year, and what a currency form means. Apart from the rulebook module, which every run
imports: a run served from the stored rulebook needs none of it.
"""

from __future__ import annotations

from dataclasses import replace

from claimcheck.model import units
from claimcheck.model.dates import PartialDate, Period, fiscal_year
from claimcheck.rulebook.book import Origin, Rulebook
from claimcheck.yamlio.positions import Problem


def fiscal_facts(book: Rulebook) -> list[Problem]:
    """Give each fact written by `fiscal_year` the days of that year of its metric, as `start`
    and `end` (kept so in the stored rulebook): the checks read dates alone. A problem when the
    fact gives dates too, or its metric declares no fiscal year."""
    problems: list[Problem] = []
    for i, fact in enumerate(book.facts):
        if fact.fiscal_year is None:
            continue
        o = book.origin(fact) or Origin("?", 1, 1)
        metric = book.metrics.get(fact.metric)
        if fact.period is not None or fact.start is not None or fact.end is not None:
            problems.append(
                Problem(o.path, o.line, o.column, "give fiscal_year or dates, not both")
            )
            continue
        if not 1000 <= fact.fiscal_year <= 9998:
            problems.append(Problem(o.path, o.line, o.column, "fiscal_year: not a year"))
            continue
        if metric is None:
            continue  # reported by _cross_check
        fy = metric.fiscal_year
        if fy is None:
            problems.append(
                Problem(
                    o.path,
                    o.line,
                    o.column,
                    f"fiscal_year on a fact of metric {metric.id!r}, which declares no fiscal_year",
                )
            )
            continue
        days = fiscal_year(Period.of(PartialDate(fact.fiscal_year)), fy.month, fy.named_for)
        start, end = (PartialDate(d.year, d.month, d.day) for d in (days.start, days.end))
        book.facts[i] = resolved = replace(fact, start=start, end=end)
        _renote(book, fact, resolved)
    return problems


def _renote(book: Rulebook, old: object, new: object) -> None:
    """Put `new` where `old` was noted, with its origin: no entry is kept that the rulebook no
    longer holds (the stored rulebook keeps origins for the entries it holds, in order)."""
    origin = book.origins.pop(id(old))
    i = next(i for i, e in enumerate(book._entries) if e is old)
    book._entries[i] = new
    book.origins[id(new)] = origin


def currency_problems(book: Rulebook) -> list[Problem]:
    """A `currencies` entry whose code is no ISO 4217 currency in use, or whose written form is
    none claimcheck reads as a currency (it would change nothing), or a form declared twice."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for c in book.currencies:
        o = book.origin(c) or Origin("?", 1, 1)
        k = units.key(c.written)
        if c.code not in units.CODES:
            problems.append(Problem(o.path, o.line, o.column, f"unknown currency code {c.code!r}"))
        if k not in units.WRITTEN:
            problems.append(
                Problem(
                    o.path,
                    o.line,
                    o.column,
                    f"{c.written!r} is not a currency form claimcheck reads",
                )
            )
        elif seen.setdefault(k, c.code) != c.code:
            problems.append(
                Problem(
                    o.path, o.line, o.column, f"{c.written!r} declared twice ({seen[k]}, {c.code})"
                )
            )
    return problems
