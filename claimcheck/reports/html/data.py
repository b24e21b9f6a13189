"""What the HTML report shows, computed from a run's result: the index of documents, claims and
findings with their anchors, the contradiction groups and their rows, the timelines' marks.

No HTML here: the page (page.py) and the charts (charts.py) draw what this module computes.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimcheck.checks.corpus import Entry, Group
from claimcheck.extract.sentences import split as split_sentences
from claimcheck.infra.values import value
from claimcheck.judge import amounts as U
from claimcheck.judge.intervals import fact_interval, fact_text
from claimcheck.judge.periods import fact_period
from claimcheck.judge.ranks import place
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.model.document import Document
from claimcheck.model.findings import SEVERITIES, Finding, Related
from claimcheck.reports.common import one_line, ordered
from claimcheck.reports.groups import name as group_name
from claimcheck.reports.groups import period as group_period
from claimcheck.reports.groups import subject as group_subject
from claimcheck.rulebook import RULE_SUFFIXES, Rulebook
from claimcheck.rulebook.schema import Fact, RankFact
from claimcheck.rulebook.vocab import full_names
from claimcheck.run.result import Result


def norm(path: str) -> str:
    return os.path.normpath(path)


@dataclass
class Index:
    """The result, indexed once: documents by path, claims by position, anchors, rule files."""

    result: Result
    findings: list[Finding] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)  # normalised path → document
    claims_at: dict[tuple[str, int, int], Claim] = field(default_factory=dict)
    flagged: dict[tuple[str, int, int], list[Finding]] = field(default_factory=dict)
    finding_ids: dict[int, str] = field(default_factory=dict)  # id(finding) → anchor
    doc_ids: dict[str, str] = field(default_factory=dict)  # normalised path → anchor
    cited: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # path → line → columns
    sections: set[str] = field(default_factory=set)  # articles with findings or cited lines
    rule_files: frozenset[str] = frozenset()
    _entry_values: dict[tuple[str, int, int], str] | None = None  # see entry_value

    def __post_init__(self) -> None:
        r = self.result
        self.findings = ordered(r.findings)
        self.rule_files = frozenset(norm(p) for p in r.book.files)
        for doc in sorted(r.documents, key=lambda d: d.path):
            self.docs.setdefault(norm(doc.path), doc)
        for path, claims in sorted(r.claims.items()):
            owner = self.docs.get(norm(path))
            if owner is None:
                continue
            for c in sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.text)):
                line, col = owner.position(c.start)
                here = (norm(owner.path), line, col)
                if here in self.claims_at:
                    continue
                self.claims_at[here] = c
        for i, f in enumerate(self.findings, start=1):
            self.finding_ids[id(f)] = f"f-{i}"
            self.flagged.setdefault((norm(f.path), f.line, f.column), []).append(f)
            for rel in f.related:
                if self.is_article(rel):
                    lines = self.cited.setdefault(norm(rel.path), {})
                    lines.setdefault(rel.line, set()).add(rel.column)
        self.sections = {norm(f.path) for f in self.findings} | set(self.cited)
        for i, path in enumerate(sorted(self.sections | set(self.docs)), start=1):
            self.doc_ids[path] = f"doc-{i}"

    def entry_value(self, path: str, line: int, column: int) -> str | None:
        """The value a rule entry gives, for its row beside the claims it judged: a fact's
        figure ("1.21 billion CAD"), a rank fact's place ("2nd"); None for other entries."""
        values: dict[tuple[str, int, int], str] | None = self._entry_values
        if values is None:
            values = self._entry_values = {}
            book = self.result.book
            for entry in book.noted():
                origin = book.origin(entry)
                shown = _entry_value(book, entry)
                if origin is not None and shown is not None:
                    values.setdefault((norm(origin.path), origin.line, origin.column), shown)
        return values.get((norm(path), line, column))

    def is_article(self, rel: Related) -> bool:
        """Evidence in another article (or elsewhere in this one), not in a rule file."""
        path = norm(rel.path)
        if path in self.docs:
            return True
        return not (
            path in self.rule_files or rel.path == "<rulebook>" or path.endswith(RULE_SUFFIXES)
        )

    def doc(self, path: str) -> Document | None:
        return self.docs.get(norm(path))

    def claim_at(self, path: str, line: int, column: int) -> Claim | None:
        return self.claims_at.get((norm(path), line, column))

    def findings_on(self, path: str, claim: Claim) -> list[Finding]:
        doc = self.doc(path)
        if doc is None:
            return []
        line, col = doc.position(claim.start)
        return self.flagged.get((norm(path), line, col), [])

    def spot(self, f: Finding) -> Spot | None:
        """Where a finding points in its article: the claim there, else its line and columns."""
        doc = self.doc(f.path)
        if doc is None:
            return None
        claim = self.claim_at(f.path, f.line, f.column)
        if claim is not None:
            return Spot.of(doc, claim.start, claim.end, claim.sentence)
        start = doc.offset(f.line, f.column)
        if start is None:
            return None
        end = doc.offset(f.end_line, f.end_column)
        return Spot.of(doc, start, max(start, end if end is not None else start), None)

    def cited_anchor(self, path: str, line: int) -> str | None:
        """The in-page anchor of a cited article line, when that article is in the report."""
        key = norm(path)
        if key not in self.docs or line not in self.cited.get(key, {}):
            return None
        return f"{self.doc_ids[key]}-L{line}"

    def section(self, path: str) -> str | None:
        """The anchor of an article's section, when it has one (findings or cited lines)."""
        key = norm(path)
        return self.doc_ids[key] if key in self.sections else None


@value(slots=False)
class Spot:
    """A span of an article and the sentence around it."""

    doc: Document
    start: int
    end: int
    sentence: tuple[int, int]

    @classmethod
    def of(cls, doc: Document, start: int, end: int, sentence: tuple[int, int] | None) -> Spot:
        """The claim's own sentence when it holds the span, else the one found around it."""
        n = len(doc.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        a, b = sentence if sentence and sentence != (0, 0) else (start, end)
        if not (a <= start and end <= b):
            a, b = _sentence_around(doc.text, start, end)
        return cls(doc, start, end, (a, b))

    @property
    def sentence_text(self) -> str:
        return self.doc.text[self.sentence[0] : self.sentence[1]]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    spans = split_sentences(text, line_start, line_end)
    inside = [s for s in spans if s[0] <= end and start <= s[1]]
    if not inside:
        return line_start, line_end
    return min(s[0] for s in inside), max(s[1] for s in inside)


def period_text(p: Period | None) -> str:
    return str(p) if p is not None else "period unknown"


def doc_date(doc: Document | None) -> str:
    return str(doc.date) if doc is not None and doc.date is not None else "undated"


@dataclass
class Contradiction:
    """One block of the Contradictions section: a group the corpus engine built (its claims,
    the ones that disagree flagged), or the place of a finding whose evidence no such group
    holds (a disagreement with the rulebook, mostly) with what the finding cites."""

    title: str
    findings: list[Finding] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    metric: str | None = None  # a figure's metric: the block links to its timelines
    valued: bool = False  # figures or ranks: a Value column
    first: tuple[str, int, int] = ("", 0, 0)  # the first flagged place, for the order


def _entry_value(book: Rulebook, entry: object) -> str | None:
    if isinstance(entry, Fact) and entry.metric in book.metrics:
        return fact_text(entry, book.metrics[entry.metric])
    if isinstance(entry, RankFact):
        return place(entry.rank)
    return None


@value(slots=False)
class Row:
    """One claim in a block's table, or one rule entry a finding cites."""

    path: str
    line: int
    column: int
    doc: Document | None
    claim: Claim | None
    status: str  # conflict | cited | rulebook | agrees
    note: str = ""  # the evidence message, when the claim itself is not in the report


_STATUS_RANK = {"conflict": 0, "cited": 1, "rulebook": 1, "agrees": 2}


def contradictions(idx: Index) -> list[Contradiction]:
    """The corpus engine's groups whose disagreement has a finding in the report, then every
    other finding that cites evidence, one block per place; the worst first."""
    used: set[int] = set()  # id() of the findings a group shows
    out = [c for g in idx.result.groups if (c := _from_group(idx, g, used)) is not None]
    against: dict[tuple[str, str, int, int], list[Finding]] = {}
    for f in idx.findings:
        if f.related and id(f) not in used:
            against.setdefault(_cites(idx, f), []).append(f)
    out.extend(_at_place(idx, found) for _, found in sorted(against.items()))
    return sorted(out, key=lambda c: (worst(c.findings), not c.valued, c.first, c.title))


def _from_group(idx: Index, group: Group, used: set[int]) -> Contradiction | None:
    """A block for an engine group, when a finding of the report flags one of its claims."""
    flagged: set[int] = set()
    cited: set[int] = set()
    findings: list[Finding] = []
    for entry, shown, _ in group.offending:
        found = [f for f in idx.flagged.get(_place(entry), []) if f.related]
        if found:
            flagged.add(id(entry))
            cited.update(id(e) for e in shown)
            findings.extend(found)
    if not findings:
        return None
    used.update(id(f) for f in findings)
    rows = _Rows(idx)
    for e in group.entries:
        status = "conflict" if id(e) in flagged else "cited" if id(e) in cited else "agrees"
        rows.add(e.doc.path, *e.doc.position(e.claim.start), status, doc=e.doc, claim=e.claim)
    rows.evidence(findings)
    first = min(_place_of(f) for f in findings)
    who = group_subject(group, idx.result.book)
    about = group_name(group, idx.result.book)
    title = f"{who} in {about}" if group.kind == "rank" and who != "—" else about
    metric = group.target if group.kind == "quantity" else None
    return Contradiction(
        f"{title} · {group_period(group)}", findings, rows.done(), metric, True, first
    )


def _cites(idx: Index, f: Finding) -> tuple[str, str, int, int]:
    """What a finding outside the engine's groups disagrees with: the first rule entry it cites
    (the findings against one entry share a block), else its own place."""
    for r in f.related:
        if not idx.is_article(r):
            return ("rule", norm(r.path), r.line, r.column)
    return ("place", *_place_of(f))


def _at_place(idx: Index, found: list[Finding]) -> Contradiction:
    """A block for findings that cite evidence outside the engine's groups: one place, or one
    rule entry they all disagree with."""
    f = found[0]
    place = min(_place_of(g) for g in found)
    claim = idx.claim_at(f.path, f.line, f.column)
    rows = _Rows(idx)
    rows.evidence(found)
    if claim is None:
        title = f"{f.rule} (no claim read at the finding's place)"
        return Contradiction(title, found, rows.done(), first=place)
    when = f" · {claim.period}" if claim.period is not None else ""
    metric = claim.target if claim.kind == "quantity" else None
    valued = claim.kind in ("quantity", "rank")
    title = f"{_about(claim, idx.result.book)}{when}"
    return Contradiction(title, found, rows.done(), metric, valued, place)


class _Rows:
    """A block's rows, one per place: the strongest status wins (flagged, cited, agrees)."""

    def __init__(self, idx: Index) -> None:
        self.idx = idx
        self.rows: dict[tuple[str, int, int], Row] = {}

    def add(
        self,
        path: str,
        line: int,
        column: int,
        status: str,
        note: str = "",
        doc: Document | None = None,
        claim: Claim | None = None,
    ) -> None:
        k = (norm(path), line, column)
        old = self.rows.get(k)
        if old is not None and _STATUS_RANK[old.status] <= _STATUS_RANK[status]:
            return
        if claim is None and status != "rulebook":
            claim = self.idx.claim_at(path, line, column)
        self.rows[k] = Row(path, line, column, doc or self.idx.doc(path), claim, status, note)

    def evidence(self, findings: Sequence[Finding]) -> None:
        """The findings' places flagged, and what they cite: articles and rule entries."""
        for f in findings:
            self.add(f.path, f.line, f.column, "conflict")
            for r in f.related:
                kind = "cited" if self.idx.is_article(r) else "rulebook"
                self.add(r.path, r.line, r.column, kind, r.message)

    def done(self) -> list[Row]:
        return sorted(self.rows.values(), key=_row_order)


def _place(entry: Entry) -> tuple[str, int, int]:
    return (norm(entry.doc.path), *entry.doc.position(entry.claim.start))


def _place_of(f: Finding) -> tuple[str, int, int]:
    return norm(f.path), f.line, f.column


def _about(c: Claim, book: Rulebook) -> str:
    """What a claim is about, for a person: the metric's, ranking's, office's, term's or event's
    name, and who it is about."""
    if c.kind == "quantity" and c.target in book.metrics:
        return book.metrics[c.target].name
    who = _who(c.subject, book)
    if c.kind == "rank" and c.target in book.rankings:
        name = book.rankings[c.target].name
        return f"{who} in {name}" if who else name
    if c.target in book.offices:
        name = book.offices[c.target].title
        return f"{who} as {name}" if who else name
    if c.kind == "term" and c.target in book.terms:
        return book.terms[c.target].name
    if c.target in book.events:  # an event, or a term's start counted in years
        return book.events[c.target].name
    what = c.target or f"{c.kind} claims"
    return f"{who}: {what}" if who else what


def _who(subject: str | None, book: Rulebook) -> str:
    if subject in book.entities:
        return book.entities[subject].names[0]
    if subject in book.people:
        return full_names(book.people[subject])[0]
    return subject or ""


def _row_order(row: Row) -> tuple[bool, dt.date, str, int, int]:
    """Articles oldest first, the rulebook's entries after them."""
    date = row.doc.date.first() if row.doc is not None and row.doc.date else dt.date.max
    return row.status == "rulebook", date, row.path, row.line, row.column


def against(idx: Index, block: Contradiction) -> list[str]:
    """What a block's findings disagree with: other articles, the rulebook, or both."""
    kinds = {idx.is_article(r) for f in block.findings for r in f.related}
    return [name for flag, name in ((True, "articles"), (False, "rulebook")) if flag in kinds]


def claim_value(c: Claim, book: Rulebook) -> str:
    if c.kind == "rank" and c.rank is not None:
        return place(c.rank)
    if c.value is not None:
        metric = book.metrics.get(c.target or "")
        unit = c.value.unit or (U.split_scale(metric.unit)[0] if metric else None)
        return U.interval(c.value.low, c.value.high, unit)
    return "—"


@value(slots=False)
class Mark:
    """One box on a timeline: an article's claim or a rulebook fact."""

    kind: str  # claim | conflict | fact
    start: dt.date
    end: dt.date
    low: float
    high: float
    label: str  # tooltip and table text
    where: str  # path:line of the claim or the fact's rule entry
    anchor: str | None  # in-page link for the table
    said: str  # the claim as written; for a fact, its source
    period: str
    value: str
    rules: tuple[str, ...] = ()  # rule ids of the findings on the claim


@dataclass
class Chart:
    metric: str
    unit: str
    name: str
    marks: list[Mark] = field(default_factory=list)
    unplotted: int = 0  # claims without a period or a finite value

    @property
    def conflicts(self) -> int:
        return sum(m.kind == "conflict" for m in self.marks)


def _chart_unit(c: Claim, book: Rulebook) -> str | None:
    """The unit a claim is plotted in (None: not comparable with its metric)."""
    assert c.value is not None
    metric = book.metrics.get(c.target or "")
    if metric is None:
        return c.value.unit or ""
    dim = U.dimension(c.value.unit)
    if dim is not None and dim != metric.dimension:
        return None
    if metric.dimension == "currency":
        return c.value.unit or U.split_scale(metric.unit)[0] or ""
    return U.split_scale(metric.unit)[0] or c.value.unit or metric.dimension


def timelines(idx: Index) -> list[Chart]:
    book = idx.result.book
    charts: dict[tuple[str, str], Chart] = {}
    for (path, line, _col), c in sorted(idx.claims_at.items()):
        if c.kind != "quantity" or c.value is None or not c.target or U.is_change(c):
            continue
        unit = _chart_unit(c, book)
        if unit is None:
            continue
        metric = book.metrics.get(c.target)
        chart = charts.setdefault(
            (c.target, unit), Chart(c.target, unit, metric.name if metric else c.target)
        )
        doc = idx.docs[path]
        if c.period is None or not (math.isfinite(c.value.low) or math.isfinite(c.value.high)):
            chart.unplotted += 1
            continue
        found = idx.findings_on(doc.path, c)
        value = U.interval(c.value.low, c.value.high, unit or None)
        who = _subject(c, book)
        label = f"{doc.path}:{line} ({doc_date(doc)}): {one_line(c.text)!r}{who} = {value}"
        label += f", {period_text(c.period)}"
        if found:
            label += " — " + "; ".join(f"{f.severity} {f.rule}" for f in found)
        chart.marks.append(
            Mark(
                "conflict" if found else "claim",
                c.period.start,
                c.period.end,
                c.value.low,
                c.value.high,
                label,
                f"{doc.path}:{line}",
                idx.finding_ids[id(found[0])]
                if found
                else idx.cited_anchor(doc.path, line) or idx.section(doc.path),
                c.text,
                period_text(c.period),
                value,
                tuple(f.rule for f in found),
            )
        )
    for chart in charts.values():
        chart.marks.extend(_fact_marks(chart, book))
        chart.marks.sort(key=_mark_order)
    # the charts with findings first: they are what a person opens the report for
    return sorted(charts.values(), key=lambda c: (not c.conflicts, c.metric, c.unit))


def _subject(c: Claim, book: Rulebook) -> str:
    metric = book.metrics.get(c.target or "")
    if c.subject is None or (metric is not None and c.subject in metric.subject):
        return ""
    name = book.entities[c.subject].names[0] if c.subject in book.entities else c.subject
    return f" [{name}]"


def _fact_marks(chart: Chart, book: Rulebook) -> Iterable[Mark]:
    metric = book.metrics.get(chart.metric)
    if metric is None:
        return
    kind = "span" if metric.period == "span" else metric.period
    for fact in book.facts:
        if fact.metric != chart.metric:
            continue
        unit, factor = U.metric_unit(metric, fact.unit)
        if metric.dimension == "currency" and (unit or "") != chart.unit:
            continue
        low, high = fact_interval(fact, factor)
        if not (math.isfinite(low) or math.isfinite(high)):
            continue
        period = fact_period(fact, kind)
        origin = book.origin(fact)
        at = f"{origin.path}:{origin.line}" if origin else "<rulebook>"
        value = U.interval(low, high, chart.unit or None)
        label = f"rulebook fact {at}: {value}, {period}; source: {fact.source}"
        if fact.status == "unverified":
            label += " (unverified)"
        yield Mark(
            "fact", period.start, period.end, low, high, label, at, None, fact.source,
            str(period), value,
        )  # fmt: skip


def _mark_order(m: Mark) -> tuple[dt.date, dt.date, int, float, float, str, str]:
    return m.start, m.end, 0 if m.kind == "fact" else 1, m.low, m.high, m.where, m.label


RANK = {sev: i for i, sev in enumerate(SEVERITIES)}


def worst(findings: Sequence[Finding]) -> int:
    return min((RANK[f.severity] for f in findings), default=len(SEVERITIES))


_PUBLISHED = re.compile(r"https?://[^\s<>\"']+")


def published(doc: Document | None) -> str | None:
    """The article's published address (front matter or manifest `url`), when it is http(s)."""
    url = doc.meta.get("url") if doc is not None else None
    return url if isinstance(url, str) and _PUBLISHED.fullmatch(url) else None
