"""Rule files tested like code: examples run as one-sentence articles; unverified entries listed.

An example is run through the same pieces as `claimcheck check` (a Document, the Extractor, every
engine through pipeline.evaluate), never a parallel path, so a passing example is evidence about
the real checker. The rule ids that fire must equal `expect`, compared over registered rule ids
only: an id no engine registers yet cannot be tested, and is reported as pending, not as passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

from claimcheck import checks
from claimcheck.extract import Extractor
from claimcheck.infra.values import value
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.model.paths import key
from claimcheck.rulebook import Origin, Rulebook
from claimcheck.rulebook.schema import Example, Sourced
from claimcheck.run import pipeline

Status = Literal["PASS", "FAIL", "PENDING"]
SHOWN_TEXT = 72  # characters of an example's text shown on its result line


@value()
class Outcome:
    """What running one example gave, against what it expects."""

    example: Example
    origin: Origin
    expected: tuple[str, ...]  # expected ids that are registered, sorted
    pending: tuple[str, ...]  # expected ids that no engine registers (yet)
    fired: tuple[str, ...]  # rule ids of the findings, sorted, once each
    findings: tuple[Finding, ...]

    @property
    def status(self) -> Status:
        if set(self.fired) != set(self.expected):
            return "FAIL"
        return "PENDING" if self.pending else "PASS"

    @property
    def where(self) -> str:
        return f"{self.origin.path}:{self.origin.line}"

    def line(self) -> str:
        """The line `claimcheck rules test` prints: `file:line: STATUS example "text" (date)`."""
        ex = self.example
        text = " ".join(ex.text.split())
        if len(text) > SHOWN_TEXT:
            text = text[: SHOWN_TEXT - 1].rstrip() + "…"
        head = f'{self.where}: {self.status} example "{text}" ({ex.date})'
        want = _ids(ex.expect)
        if self.status == "FAIL":
            return f"{head}: expected {want}, got {_ids(self.fired)}"
        if self.status == "PENDING":
            return f"{head}: expect {want}; {self.reason()}"
        return f"{head}: expect {want}"

    def reason(self) -> str:
        """Why a pending example cannot be run yet."""
        return "; ".join(f"rule {r} not registered" for r in self.pending)


def _ids(ids: Iterable[str]) -> str:
    return "[" + ", ".join(ids) + "]"


class Runner:
    """Runs examples against one rulebook; the extractor is compiled once for all of them."""

    def __init__(self, book: Rulebook) -> None:
        checks.load_engines()
        self.book = book
        self.extractor = Extractor(book)

    def document(self, example: Example, origin: Origin) -> Document:
        """The example as an article: its text, dated as the example says."""
        return Document(
            path=f"{origin.path}:{origin.line}",
            text=example.text,
            meta={"date": str(example.date)},
            date=example.date,
            date_source="front matter",
        )

    def run(self, example: Example, origin: Origin) -> Outcome:
        doc = self.document(example, origin)
        claims = {doc.path: self.extractor.extract(doc)}
        found = pipeline.evaluate([doc], claims, self.book, frozenset({key(doc.path)}))
        found.sort(key=Finding.sort_key)
        expected = sorted({r for r in example.expect if r in checks.RULES})
        pending = sorted({r for r in example.expect if r not in checks.RULES})
        fired = sorted({f.rule for f in found})
        return Outcome(example, origin, tuple(expected), tuple(pending), tuple(fired), tuple(found))

    def run_all(self) -> list[Outcome]:
        return [self.run(ex, origin) for ex, origin in self.book.examples]


@value()
class Summary:
    passed: int
    failed: int
    pending: int

    def __str__(self) -> str:
        total = self.passed + self.failed + self.pending
        return (
            f"{total} example(s): {self.passed} passed, {self.failed} failed, "
            f"{self.pending} pending (rule not registered)"
        )


def summarize(outcomes: Sequence[Outcome]) -> Summary:
    count = {s: sum(1 for o in outcomes if o.status == s) for s in ("PASS", "FAIL", "PENDING")}
    return Summary(count["PASS"], count["FAIL"], count["PENDING"])


def report(outcomes: Sequence[Outcome], quiet: bool = False) -> list[str]:
    """One line per example (a failing one followed by its findings), then the summary."""
    lines: list[str] = []
    for o in outcomes:
        if quiet and o.status == "PASS":
            continue
        lines.append(o.line())
        if o.status == "FAIL":
            lines.extend(f"    {f.rule}: {f.message}" for f in o.findings)
    lines.append(str(summarize(outcomes)) if outcomes else "no examples in the rule files")
    return lines


def unverified_entries(book: Rulebook) -> Iterator[tuple[str, str, Sourced]]:
    """(kind, id, entry) for every entry that carries a source and a status, in rulebook order."""
    for office in book.offices.values():
        for h in office.holders:
            yield "holder", f"{office.id}/{h.person}@{h.start}", h
    for fact in book.facts:
        when = fact.period or f"{fact.start or ''}..{fact.end}"
        yield "fact", f"{fact.metric}@{when}", fact
    for ranking in book.rankings.values():
        for r in ranking.facts:
            when = r.period or f"{r.start or r.since or ''}..{r.end or r.checked or ''}"
            yield "rank", f"{ranking.id}/{r.entity}@{when}", r
    for event in book.events.values():
        yield "event", event.id, event
    for term in book.terms.values():
        yield "term", term.id, term
    for rate in book.rates:
        yield "rate", f"{rate.base}/{rate.quote}@{rate.period}", rate


def unverified_lines(book: Rulebook) -> list[str]:
    """`file:line: kind id: note; source: ...` for every unverified entry, by file and line."""
    rows: list[tuple[Origin, str]] = []
    for kind, ident, entry in unverified_entries(book):
        if entry.status != "unverified":
            continue
        origin = book.origin(entry) or Origin("<rulebook>", 1, 1)
        note = " ".join((entry.note or "no note").split())
        rows.append((origin, f"{kind} {ident}: {note}; source: {entry.source}"))
    rows.sort(key=lambda r: (r[0].path, r[0].line, r[0].column))
    return [f"{o.path}:{o.line}: {text}" for o, text in rows]
