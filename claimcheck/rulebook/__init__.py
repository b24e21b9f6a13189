"""The rulebook: every rule file of the given folders, validated, cross-checked and indexed.

Loading reports every problem of every file at once (a person fixes a rule folder in one pass),
and the index keeps where each entry was written so that findings can cite it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck import yamlpos
from claimcheck.hashing import hasher
from claimcheck.rulebook.schema import (
    Entity,
    Event,
    Example,
    Fact,
    Metric,
    Office,
    Person,
    Ranking,
    Rate,
    RuleFile,
    Term,
)
from claimcheck.values import value
from claimcheck.yamlpos import Problem, YamlProblems

RULE_SUFFIXES = (".yaml", ".yml")


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


def rule_files(dirs: Iterable[Path]) -> list[Path]:
    """Rule files under the folders (or files) given, in a stable order."""
    found: list[Path] = []
    for d in dirs:
        if d.is_file():
            found.append(d)
        elif d.is_dir():
            found.extend(
                p for p in sorted(d.rglob("*")) if p.suffix in RULE_SUFFIXES and p.is_file()
            )
    return found


def digest_of(dirs: Sequence[Path]) -> str:
    """The hash `load` gives the rulebook, from the files' bytes alone (no parsing)."""
    h = hasher()
    for path in rule_files(dirs):
        h.update(os.fsencode(path) + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def load(dirs: Sequence[Path]) -> Rulebook:
    """Load every rule file; raise YamlProblems listing every problem found in any of them."""
    from claimcheck import models

    book = Rulebook()
    problems: list[Problem] = []
    digest = hasher()
    for d in dirs:
        if not d.exists():
            problems.append(Problem(str(d), 1, 1, "no such rule file or folder"))
    for path in rule_files(dirs):
        shown = str(path)
        try:
            raw = path.read_bytes()
            digest.update(os.fsencode(shown) + b"\0" + raw + b"\0")
            data = yamlpos.read(path, shown)
            rf = models.record(yamlpos.validate(models.model(RuleFile), data, shown))
        except YamlProblems as exc:
            problems.extend(exc.problems)
            continue
        assert isinstance(rf, RuleFile)
        book.files.append(shown)
        problems.extend(_merge(book, rf, data, shown))
    if not problems:
        problems.extend(_cross_check(book))
    if problems:
        raise YamlProblems(problems)
    book.digest = digest.hexdigest()
    return book


def _merge(book: Rulebook, rf: RuleFile, data: Any, path: str) -> list[Problem]:
    problems: list[Problem] = []

    def note(entry: object, loc: list[int | str]) -> Origin:
        line, col = yamlpos.position(data, loc)
        origin = Origin(path, line, col)
        book.note(entry, origin)
        return origin

    sections: list[tuple[str, dict[str, Any]]] = [
        ("entities", book.entities),
        ("people", book.people),
        ("offices", book.offices),
        ("metrics", book.metrics),
        ("rankings", book.rankings),
        ("events", book.events),
        ("terms", book.terms),
    ]
    for name, index in sections:
        for i, entry in enumerate(getattr(rf, name)):
            origin = note(entry, [name, i])
            if entry.id in index:
                first = book.origin(index[entry.id])
                where = f" (first at {first.path}:{first.line})" if first else ""
                problems.append(
                    Problem(
                        path, origin.line, origin.column, f"duplicate {name} id {entry.id!r}{where}"
                    )
                )
                continue
            index[entry.id] = entry
    for i, office in enumerate(rf.offices):
        for j, holder in enumerate(office.holders):
            note(holder, ["offices", i, "holders", j])
    for i, ranking in enumerate(rf.rankings):
        for j, rank in enumerate(ranking.facts):
            note(rank, ["rankings", i, "facts", j])
    for i, term in enumerate(rf.terms):
        for j, variant in enumerate(term.variants):
            note(variant, ["terms", i, "variants", j])
    for i, fact in enumerate(rf.facts):
        note(fact, ["facts", i])
        book.facts.append(fact)
    for i, rate in enumerate(rf.rates):
        note(rate, ["rates", i])
        book.rates.append(rate)
    for i, example in enumerate(rf.examples):
        book.examples.append((example, note(example, ["examples", i])))
    return problems


def _cross_check(book: Rulebook) -> list[Problem]:
    """References between files: a holder's person, an office's jurisdiction, a fact's metric."""
    problems: list[Problem] = []

    def missing(entry: object, what: str, ref: str) -> None:
        o = book.origin(entry) or Origin("?", 1, 1)
        problems.append(Problem(o.path, o.line, o.column, f"unknown {what} {ref!r}"))

    for office in book.offices.values():
        if office.jurisdiction not in book.entities:
            missing(office, "entity", office.jurisdiction)
        for holder in office.holders:
            if holder.person not in book.people:
                missing(holder, "person", holder.person)
    for metric in book.metrics.values():
        for ref in metric.subject:
            if ref not in book.entities:
                missing(metric, "entity", ref)
    for fact in book.facts:
        if fact.metric not in book.metrics:
            missing(fact, "metric", fact.metric)
    for ranking in book.rankings.values():
        if ranking.of is not None and ranking.of not in book.entities:
            missing(ranking, "entity", ranking.of)
        for rank in ranking.facts:
            if rank.entity not in book.entities:
                missing(rank, "entity", rank.entity)
    subjects: list[Event | Term] = [*book.events.values(), *book.terms.values()]
    for entry in subjects:
        for ref in entry.subject:
            if ref not in book.entities:
                missing(entry, "entity", ref)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))
