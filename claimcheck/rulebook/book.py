"""The rulebook as data: every entry of the rule files by id, with where it was written (what a
finding cites). Loading it is claimcheck.rulebook's job; what is read from it is everyone's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from claimcheck.infra.values import value
from claimcheck.rulebook.schema import (
    Currency,
    Entity,
    Event,
    Example,
    Fact,
    FiscalYear,
    Metric,
    Office,
    Person,
    Ranking,
    Rate,
    Term,
)


@value(slots=False)  # no slots: a slotted class unpickles field by field (to the workers)
class Origin:
    """Where a rule entry was written: cited in findings as related evidence."""

    path: str
    line: int
    column: int


@dataclass
class Rulebook:
    """All rule files merged; each entry is indexed by id with its origin."""

    files: list[str] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    rankings: dict[str, Ranking] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    currencies: list[Currency] = field(default_factory=list)
    examples: list[tuple[Example, Origin]] = field(default_factory=list)
    origins: dict[int, Origin] = field(default_factory=dict)
    digest: str = ""
    # What is compiled from the rules once (the vocabulary automaton): built again, not stored.
    derived: dict[str, Any] = field(default_factory=dict, compare=False)
    _entries: list[object] = field(default_factory=list, repr=False, compare=False)

    def origin(self, entry: object) -> Origin | None:
        """The file position an entry (or a nested one: a holder, a variant) was read from."""
        return self.origins.get(id(entry))

    def note(self, entry: object, origin: Origin) -> None:
        self.origins[id(entry)] = origin
        self._entries.append(entry)  # keeps the id() keys alive and pickles the pairs

    def declared_currencies(self) -> dict[str, str]:
        """The `currencies` entries: written form (units.key) → ISO code; the first of a form
        written twice."""
        got = self.derived.get("currencies")
        if not isinstance(got, dict):
            # the currency table: only for a rulebook that declares currencies (start-up time)
            from claimcheck.model import units

            got = {}
            for c in self.currencies:
                got.setdefault(units.key(c.written), c.code)
            self.derived["currencies"] = got
        return got

    def fiscal_year(self, metric: Metric) -> FiscalYear | None:
        """The metric's `fiscal_year`, else the one every other metric of its parties declares
        (a company keeps one fiscal year: "members at the end of fiscal 2024" is read by its
        revenue's); None when they declare none or disagree."""
        if metric.fiscal_year is not None or not metric.subject:
            return metric.fiscal_year
        known: dict[tuple[str, ...], FiscalYear | None] | None = self.derived.get("fiscal_years")
        if known is None:
            years: dict[tuple[str, ...], set[FiscalYear]] = {}
            for m in self.metrics.values():
                if m.fiscal_year is not None and m.subject:
                    years.setdefault(tuple(m.subject), set()).add(m.fiscal_year)
            known = {k: next(iter(v)) if len(v) == 1 else None for k, v in years.items()}
            self.derived["fiscal_years"] = known
        return known.get(tuple(metric.subject))

    def noted(self) -> Iterator[object]:
        """Every entry `load` notes an origin of, in a fixed order (the examples last): the
        stored rulebook (rulebook.store) keeps origins in this order, as no identity survives
        storing."""
        indexes: list[dict[str, Any]] = [
            self.entities,
            self.people,
            self.offices,
            self.metrics,
            self.rankings,
            self.events,
            self.terms,
        ]
        for index in indexes:
            yield from index.values()
        for office in self.offices.values():
            yield from office.holders
        for ranking in self.rankings.values():
            yield from ranking.facts
        for term in self.terms.values():
            yield from term.variants
        yield from self.facts
        yield from self.rates
        yield from self.currencies
        for example, _ in self.examples:
            yield example

    def __getstate__(self) -> dict[str, Any]:
        """Pickled only to send a run's rulebook to its worker processes (batch): never stored."""
        state = dict(self.__dict__)
        state["origins"] = [(e, self.origins[id(e)]) for e in self._entries]
        del state["_entries"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        pairs = state.pop("origins")
        self.__dict__.update(state)
        self.origins = {id(e): o for e, o in pairs}
        self._entries = [e for e, _ in pairs]
