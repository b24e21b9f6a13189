"""The rulebook: every rule file of the given folders, validated, cross-checked and indexed.

Loading reports every problem of every file at once (a person fixes a rule folder in one pass),
and the index keeps where each entry was written so that findings can cite it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimcheck.infra.hashing import hasher
from claimcheck.rulebook.book import Origin, Rulebook
from claimcheck.rulebook.schema import Event, RuleFile, Term
from claimcheck.yamlio import positions as yamlpos
from claimcheck.yamlio.positions import Problem, YamlProblems

__all__ = ["RULE_SUFFIXES", "Origin", "Rulebook", "digest_of", "load", "rule_files"]

RULE_SUFFIXES = (".yaml", ".yml")


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
    """Load every rule file; raise YamlProblems listing every problem found in any of them.

    A file's entries that validate are merged even when others in it do not, so that the
    references between files are checked in the same run: a reference is unknown only when no
    file could be defining it (none unread, no entry left out with that id).
    """
    book = Rulebook()
    problems: list[Problem] = []
    digest = hasher()
    for d in dirs:
        if not d.exists():
            problems.append(Problem(str(d), 1, 1, "no such rule file or folder"))
    left_out: set[tuple[str, str]] | None = set()  # (section, id); None: some file unread
    seen: dict[tuple[str, str], Origin] = {}
    for path in rule_files(dirs):
        shown = str(path)
        try:
            raw = path.read_bytes()
            digest.update(os.fsencode(shown) + b"\0" + raw + b"\0")
            data, unreadable = yamlpos.read_all(path, shown)
        except OSError as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read: {exc.strerror}"))
            left_out = None
            continue
        except YamlProblems as exc:
            problems.extend(exc.problems)
            left_out = None
            continue
        rf, kept, found = _validate(data, shown, unreadable)
        problems.extend(found)
        problems.extend(_duplicates(data, shown, seen))
        if not found:
            book.files.append(shown)
        more = _left_out(data, kept)
        left_out = None if left_out is None or more is None else left_out | more
        _merge(book, rf, data, shown, kept)
    # the currency table: only when rule files are read, not when the stored rulebook serves a hook
    from claimcheck.rulebook.declared import fiscal_facts

    problems.extend(fiscal_facts(book))
    if left_out is not None:
        problems.extend(_cross_check(book, left_out))
    if problems:
        raise YamlProblems(
            sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.message))
        )
    book.digest = digest.hexdigest()
    return book


Kept = dict[str, list[int]]  # section → the indices of its entries that validated


def _validate(
    data: Any, path: str, unreadable: list[Problem]
) -> tuple[RuleFile, Kept, list[Problem]]:
    """The file's entries that validate (with their indices in the file), and every problem: the
    values that could not be read, and what validation says of the rest."""
    # pydantic: only when a rule file must be validated (start-up time)
    from claimcheck.yamlio import validation as models

    built, located = yamlpos.errors(models.model(RuleFile), data, path)
    at = {(p.line, p.column) for p in unreadable}  # said already, in YAML's words
    found = [*unreadable, *(p for _, p in located if (p.line, p.column) not in at)]
    if built is not None:
        rf = models.record(built)
        assert isinstance(rf, RuleFile)
        return rf, {name: list(range(len(getattr(rf, name)))) for name in _sections()}, found
    failed = {loc[:2] for loc, _ in located}
    entries: dict[str, list[Any]] = {name: [] for name in _sections()}
    kept: Kept = {name: [] for name in _sections()}
    for name, entry_class in _sections().items():
        items = data.get(name) if isinstance(data, dict) and () not in failed else None
        if not isinstance(items, list) or (name,) in failed:
            continue
        model = models.model(entry_class)
        for i, item in enumerate(items):
            if (name, i) in failed:
                continue
            try:  # valid inside the file, so valid alone
                entries[name].append(models.record(model.model_validate(item)))
            except ValueError:  # pydantic's ValidationError: left out, like a failed entry
                continue
            kept[name].append(i)
    return RuleFile(**entries), kept, found


@functools.cache
def _sections() -> dict[str, Any]:
    """The rule file's sections and the class of their entries."""
    import typing

    hints = typing.get_type_hints(RuleFile)
    return {name: typing.get_args(hints[name])[0] for name in RuleFile.__dataclass_fields__}


def _entries(data: Any) -> Iterable[tuple[str, int, Any]]:
    """(section, index, item) of every entry written in a parsed file, valid or not."""
    if not isinstance(data, dict):
        return
    for name in _sections():
        items = data.get(name)
        if isinstance(items, list):
            yield from ((name, i, item) for i, item in enumerate(items))


def _raw_id(item: Any) -> str | None:
    ident = item.get("id") if isinstance(item, dict) else None
    return None if ident is None or isinstance(ident, dict | list) else str(ident)


def _left_out(data: Any, kept: Kept) -> set[tuple[str, str]] | None:
    """(section, id) of each entry written with an id that did not validate; (section, "*")
    for one without a readable id; None when entries may be where they are not looked for (a
    section that is not a list, a misspelt section, a file that is not a mapping)."""
    if data is None:
        return set()
    sections = _sections()
    if not isinstance(data, dict) or any(
        k not in sections or not isinstance(v, list | None) for k, v in data.items()
    ):
        return None
    out = set()
    valid = {(name, i) for name, indices in kept.items() for i in indices}
    for name, i, item in _entries(data):
        if (name, i) not in valid:
            out.add((name, _raw_id(item) or "*"))
    return out


def _duplicates(data: Any, path: str, seen: dict[tuple[str, str], Origin]) -> list[Problem]:
    """An id written a second time, in this file or another, whether its entries are valid or
    not: the problem is at the second, and its message names the first."""
    problems = []
    named = {name for name, cls in _sections().items() if "id" in cls.__dataclass_fields__}
    for name, i, item in _entries(data):
        ident = _raw_id(item) if name in named else None
        if ident is None:
            continue
        line, col = yamlpos.position(data, [name, i])
        first = seen.setdefault((name, ident), Origin(path, line, col))
        if (first.path, first.line, first.column) != (path, line, col):
            where = f"{first.path}:{first.line}:{first.column}"
            problems.append(
                Problem(path, line, col, f"duplicate {name} id {ident!r} (first at {where})")
            )
    return problems


def _merge(book: Rulebook, rf: RuleFile, data: Any, path: str, kept: Kept) -> None:
    """Index the file's valid entries (the first of an id written twice), each with its origin;
    `kept` gives each entry's index in the file."""

    def note(entry: object, loc: list[int | str]) -> Origin:
        line, col = yamlpos.position(data, loc)
        origin = Origin(path, line, col)
        book.note(entry, origin)
        return origin

    def at(name: str) -> list[tuple[int, Any]]:
        return list(zip(kept[name], getattr(rf, name), strict=True))

    indexed: list[tuple[str, dict[str, Any]]] = [
        ("entities", book.entities),
        ("people", book.people),
        ("offices", book.offices),
        ("metrics", book.metrics),
        ("rankings", book.rankings),
        ("events", book.events),
        ("terms", book.terms),
    ]
    for name, index in indexed:
        for i, entry in at(name):
            note(entry, [name, i])
            index.setdefault(entry.id, entry)  # a second one is reported by _duplicates
    for i, office in at("offices"):
        for j, holder in enumerate(office.holders):
            note(holder, ["offices", i, "holders", j])
    for i, ranking in at("rankings"):
        for j, rank in enumerate(ranking.facts):
            note(rank, ["rankings", i, "facts", j])
    for i, term in at("terms"):
        for j, variant in enumerate(term.variants):
            note(variant, ["terms", i, "variants", j])
    for i, fact in at("facts"):
        note(fact, ["facts", i])
        book.facts.append(fact)
    for i, rate in at("rates"):
        note(rate, ["rates", i])
        book.rates.append(rate)
    for i, currency in at("currencies"):
        note(currency, ["currencies", i])
        book.currencies.append(currency)
    for i, example in at("examples"):
        book.examples.append((example, note(example, ["examples", i])))


_SECTION_OF = {"entity": "entities", "person": "people", "metric": "metrics"}


def _cross_check(book: Rulebook, left_out: set[tuple[str, str]]) -> list[Problem]:
    """References between files: a holder's person, an office's jurisdiction, a fact's metric.
    An id that an entry left out (for its own problems) was written with may be what is meant:
    no problem is reported for it."""
    problems: list[Problem] = []

    def missing(entry: object, what: str, ref: str) -> None:
        section = _SECTION_OF[what]
        if (section, ref) in left_out or (section, "*") in left_out:
            return
        o = book.origin(entry) or Origin("?", 1, 1)
        problems.append(Problem(o.path, o.line, o.column, f"unknown {what} {ref!r}"))

    for entity in book.entities.values():
        if entity.parent is not None and entity.parent not in book.entities:
            missing(entity, "entity", entity.parent)
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
    # the currency table: only when rule files are read, not when the stored rulebook serves a hook
    from claimcheck.rulebook.declared import currency_problems

    problems.extend(currency_problems(book))
    subjects: list[Event | Term] = [*book.events.values(), *book.terms.values()]
    for entry in subjects:
        for ref in entry.subject:
            if ref not in book.entities:
                missing(entry, "entity", ref)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column))
