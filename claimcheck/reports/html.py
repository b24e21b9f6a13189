"""HTML report for a person: summary, contradictions, a timeline per metric, findings by article.

One self-contained file: inline CSS and inline SVG, no script, no external asset, so that it opens
offline, reads without JavaScript and prints (`@media print`). Everything quoted from articles and
rule files goes through html.escape; only http(s) addresses become links.

A contradiction group gathers the findings whose evidence is another article, keyed by what the
claim at the finding's span is about (metric or ranking, subject for a ranking, period), and lists
every claim of the report with that key. A timeline is drawn for each metric (and unit) with
quantity claims: time across, value up, one box per claim over its period and value interval,
the rulebook's facts beside them, the claims with findings in a distinct colour.

Deterministic bytes: sorted iteration, ids numbered in that order, fixed number formats, no dates
of the run.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from claimcheck.claims import Claim
from claimcheck.dates import Period
from claimcheck.documents import Document
from claimcheck.extract.sentences import split as split_sentences
from claimcheck.findings import SEVERITIES, Finding, Related
from claimcheck.judge import amounts as U
from claimcheck.judge.intervals import fact_interval
from claimcheck.judge.periods import fact_period
from claimcheck.judge.ranks import place
from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import (
    counts,
    fix_phrase,
    inferred_phrase,
    one_line,
    ordered,
    plural,
    summary,
    where,
)
from claimcheck.rulebook import RULE_SUFFIXES, Rulebook
from claimcheck.values import value

# How much of a sentence is quoted around a finding's span (a paragraph can be one long line).
CONTEXT = 240
SPAN_MAX = 400
# Chart geometry, in SVG user units (the SVG scales to the page width).
WIDTH, HEIGHT = 900, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 40, 46
MIN_W = 6.0  # a one-day period or a crowded year still gets a visible box
MIN_H = 3.0  # an exact value still gets a visible box
LABEL_MAX = 40  # marks numbered on the chart up to this many (the table below always is)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
COLOURS = {"claim": "#3b6ea8", "conflict": "#c62828", "fact": "#2e7d32"}

_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TAIL = ".,;:!?)]}"

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1100px;
  padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
code { font: .9em/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  overflow-wrap: anywhere; }
a { color: #1f5fa8; }
table { border-collapse: collapse; margin: .4rem 0 1rem; width: 100%; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
table.counts { width: auto; min-width: 22rem; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1.2rem; flex-wrap: wrap; }
.totals { font-size: 1.1rem; font-weight: 600; }
.sev { display: inline-block; min-width: 4.5em; padding: 0 .4em; border-radius: 3px;
  font-size: .8rem; font-weight: 700; text-transform: uppercase; text-align: center; }
.sev-error { background: #fde0dc; color: #8b0000; }
.sev-warning { background: #fff1c2; color: #6b4e00; }
.sev-info { background: #e3eefc; color: #163f73; }
.group, .doc, figure.timeline { border: 1px solid #ddd; border-radius: 4px;
  padding: .2rem 1rem .6rem; margin: 1rem 0; }
tr.conflict td { background: #fdecea; }
tr.conflict td.status { color: #8b0000; font-weight: 700; }
tr.cited td.status { color: #1b5e20; font-weight: 700; }
tr.fact td { background: #eef7ee; }
.finding { margin: .8rem 0 1.2rem; }
.finding p { margin: .2rem 0; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 4px solid #bbb;
  background: #fafafa; }
mark { background: #ffe066; color: inherit; padding: 0 .1em; }
.evidence { margin: .3rem 0; padding-left: 1.2rem; }
.fix { color: #1b5e20; }
.meta, .note { color: #555; font-size: .9rem; }
figure.timeline { margin-left: 0; margin-right: 0; }
figure.timeline svg { width: 100%; height: auto; max-width: 900px; display: block; }
figcaption { font-weight: 600; margin: .6rem 0 .3rem; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  fill: #333; }
svg .axis { stroke: #555; stroke-width: 1; }
svg .grid { stroke: #e4e4e4; stroke-width: 1; }
svg .fact { stroke-dasharray: 4 2; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  .group, .doc, figure.timeline, .finding, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
""".strip()


@formatter("html")
def render(result: Result) -> str:
    idx = Index(result)
    groups = contradiction_groups(idx)
    charts = timelines(idx)
    title = "claimcheck report"
    body = [
        f'<header><h1>{title}</h1><p class="totals">{escape(summary(result))}</p></header>',
        _nav(groups, charts),
        _summary(idx, groups, charts),
        _contradictions(idx, groups, charts),
        _articles(idx),
        _timelines(idx, charts),
    ]
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(b for b in body if b) + "\n</body>\n</html>\n"


# ---------------------------------------------------------------- what the report points at


def _norm(path: str) -> str:
    return os.path.normpath(path)


@dataclass
class Index:
    """The result, indexed once: documents by path, claims by position, anchors, rule files."""

    result: Result
    findings: list[Finding] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)  # normalised path → document
    claims_at: dict[tuple[str, int, int], Claim] = field(default_factory=dict)
    on_line: dict[tuple[str, int], list[Claim]] = field(default_factory=dict)
    by_key: dict[tuple[str, ...], list[tuple[str, int, int]]] = field(default_factory=dict)
    flagged: dict[tuple[str, int, int], list[Finding]] = field(default_factory=dict)
    finding_ids: dict[int, str] = field(default_factory=dict)  # id(finding) → anchor
    doc_ids: dict[str, str] = field(default_factory=dict)  # normalised path → anchor
    cited: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # path → line → columns
    sections: set[str] = field(default_factory=set)  # articles with findings or cited lines
    rule_files: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        r = self.result
        self.findings = ordered(r.findings)
        self.rule_files = frozenset(_norm(p) for p in r.book.files)
        for doc in sorted(r.documents, key=lambda d: d.path):
            self.docs.setdefault(_norm(doc.path), doc)
        for path, claims in sorted(r.claims.items()):
            owner = self.docs.get(_norm(path))
            if owner is None:
                continue
            for c in sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.text)):
                line, col = owner.position(c.start)
                here = (_norm(owner.path), line, col)
                if here in self.claims_at:
                    continue
                self.claims_at[here] = c
                self.on_line.setdefault((here[0], line), []).append(c)
                self.by_key.setdefault(_claim_key(c), []).append(here)
        for i, f in enumerate(self.findings, start=1):
            self.finding_ids[id(f)] = f"f-{i}"
            self.flagged.setdefault((_norm(f.path), f.line, f.column), []).append(f)
            for rel in f.related:
                if self.is_article(rel):
                    lines = self.cited.setdefault(_norm(rel.path), {})
                    lines.setdefault(rel.line, set()).add(rel.column)
        self.sections = {_norm(f.path) for f in self.findings} | set(self.cited)
        for i, path in enumerate(sorted(self.sections | set(self.docs)), start=1):
            self.doc_ids[path] = f"doc-{i}"

    def is_article(self, rel: Related) -> bool:
        """Evidence in another article (or elsewhere in this one), not in a rule file."""
        path = _norm(rel.path)
        if path in self.docs:
            return True
        return not (
            path in self.rule_files or rel.path == "<rulebook>" or path.endswith(RULE_SUFFIXES)
        )

    def doc(self, path: str) -> Document | None:
        return self.docs.get(_norm(path))

    def claim_at(self, path: str, line: int, column: int) -> Claim | None:
        return self.claims_at.get((_norm(path), line, column))

    def findings_on(self, path: str, claim: Claim) -> list[Finding]:
        doc = self.doc(path)
        if doc is None:
            return []
        line, col = doc.position(claim.start)
        return self.flagged.get((_norm(path), line, col), [])

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
        key = _norm(path)
        if key not in self.docs or line not in self.cited.get(key, {}):
            return None
        return f"{self.doc_ids[key]}-L{line}"

    def section(self, path: str) -> str | None:
        """The anchor of an article's section, when it has one (findings or cited lines)."""
        key = _norm(path)
        return self.doc_ids[key] if key in self.sections else None


# ---------------------------------------------------------------- quoting and small pieces


def _text(s: str) -> str:
    """Article text for inline HTML: controls replaced, whitespace collapsed, edges kept."""
    lead = " " if s[:1].isspace() else ""
    trail = " " if s[-1:].isspace() and len(s.strip()) else ""
    return escape(lead + one_line(s, None) + trail)


def _cut_left(s: str, limit: int) -> str:
    return s if len(s) <= limit else "…" + s[len(s) - limit :]


def _cut_right(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[:limit] + "…"


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


def quote(spot: Spot) -> str:
    """The sentence around the span as a blockquote, the span marked."""
    text, start, end = spot.doc.text, spot.start, spot.end
    a, b = spot.sentence
    span = text[start:end]
    shown = _text(_cut_right(span, SPAN_MAX))
    marked = f"<mark>{shown}</mark>" if span.strip() else ""
    before = _text(_cut_left(text[a:start], CONTEXT))
    after = _text(_cut_right(text[end:b], CONTEXT))
    return f"<blockquote>{before}{marked}{after}</blockquote>"


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    spans = split_sentences(text, line_start, line_end)
    inside = [s for s in spans if s[0] <= end and start <= s[1]]
    if not inside:
        return line_start, line_end
    return min(s[0] for s in inside), max(s[1] for s in inside)


def linkify(message: str) -> str:
    """A message escaped, with its http(s) addresses as links (a rule's source)."""
    out: list[str] = []
    pos = 0
    flat = one_line(message)
    for m in _URL.finditer(flat):
        url = m.group(0).rstrip(_URL_TAIL)
        out.append(escape(flat[pos : m.start()]))
        out.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        pos = m.start() + len(url)
    out.append(escape(flat[pos:]))
    return "".join(out)


def _sev(severity: str) -> str:
    return f'<span class="sev sev-{escape(severity)}">{escape(severity)}</span>'


def _period_text(p: Period | None) -> str:
    return str(p) if p is not None else "period unknown"


def _place_text(path: str, line: int, idx: Index) -> str:
    """path:line, linked to its quote when the article is in the report."""
    anchor = idx.cited_anchor(path, line)
    label = f"<code>{escape(f'{path}:{line}')}</code>"
    return f'<a href="#{anchor}">{label}</a>' if anchor else label


def _doc_date(doc: Document | None) -> str:
    return str(doc.date) if doc is not None and doc.date is not None else "undated"


# ---------------------------------------------------------------- contradiction groups


@dataclass
class Group:
    """Findings against other articles about one metric or ranking and period."""

    key: tuple[str, ...]
    title: str
    findings: list[Finding] = field(default_factory=list)
    claim: Claim | None = None  # the claim at the first finding's span, for the key


def _claim_key(c: Claim) -> tuple[str, ...]:
    p = c.period
    when = (p.start.isoformat(), p.end.isoformat(), p.kind) if p is not None else ("", "", "")
    subject = (c.subject or "") if c.kind == "rank" else ""
    return (c.kind, c.target or "", subject, *when)


def _about(c: Claim, book: Rulebook) -> str:
    """What a claim is about, for a person: the metric's or ranking's name."""
    if c.kind == "quantity" and c.target in book.metrics:
        return book.metrics[c.target].name
    if c.kind == "rank" and c.target in book.rankings:
        who = book.entities[c.subject].names[0] if c.subject in book.entities else c.subject
        name = book.rankings[c.target].name
        return f"{who} in {name}" if who else name
    return c.target or c.kind


def contradiction_groups(idx: Index) -> list[Group]:
    groups: dict[tuple[str, ...], Group] = {}
    for f in idx.findings:
        if not any(idx.is_article(r) for r in f.related):
            continue
        claim = idx.claim_at(f.path, f.line, f.column)
        if claim is not None:
            key = _claim_key(claim)
            title = f"{_about(claim, idx.result.book)} · {_period_text(claim.period)}"
        else:
            key = ("", f.rule, "", "", "", "")
            title = f"{f.rule} · claim not found at the finding's place"
        group = groups.setdefault(key, Group(key, title, claim=claim))
        group.findings.append(f)
    return [groups[k] for k in sorted(groups)]


@value(slots=False)
class Row:
    """One claim in a group's table."""

    path: str
    line: int
    column: int
    doc: Document | None
    claim: Claim | None
    status: str  # conflict | cited | agrees
    note: str = ""  # the evidence message, when the claim itself is not in the report


def _group_rows(idx: Index, group: Group) -> list[Row]:
    rows: dict[tuple[str, int, int], Row] = {}

    def add(path: str, line: int, column: int, status: str, note: str = "") -> None:
        k = (_norm(path), line, column)
        old = rows.get(k)
        rank = {"conflict": 0, "cited": 1, "agrees": 2}
        if old is not None and rank[old.status] <= rank[status]:
            return
        claim = idx.claim_at(path, line, column)
        rows[k] = Row(path, line, column, idx.doc(path), claim, status, note)

    for f in group.findings:
        add(f.path, f.line, f.column, "conflict")
        for r in f.related:
            if idx.is_article(r):
                add(r.path, r.line, r.column, "cited", r.message)
    if group.claim is not None:
        for path, line, col in idx.by_key.get(group.key, ()):
            add(idx.docs[path].path, line, col, "agrees")
    return sorted(rows.values(), key=_row_order)


def _row_order(row: Row) -> tuple[dt.date, str, int, int]:
    date = row.doc.date.first() if row.doc is not None and row.doc.date else dt.date.max
    return date, row.path, row.line, row.column


def _contradictions(idx: Index, groups: list[Group], charts: Sequence[Chart]) -> str:
    if not groups:
        return (
            '<section id="contradictions"><h2>Contradictions</h2>'
            '<p class="note">No finding cites another article.</p></section>'
        )
    drawn: dict[str, list[str]] = defaultdict(list)
    for n, chart in enumerate(charts, start=1):
        drawn[chart.metric].append(f"timeline-{n}")
    out = [f'<section id="contradictions"><h2>Contradictions ({len(groups)})</h2>']
    for n, group in enumerate(groups, start=1):
        errors = sum(f.severity == "error" for f in group.findings)
        c = group.claim
        seen = drawn.get(c.target or "", []) if c is not None and c.kind == "quantity" else []
        links = "".join(f' · <a href="#{a}">timeline</a>' for a in seen)
        out.append(
            f'<article class="group" id="group-{n}" data-findings="{len(group.findings)}">'
            f"<h3>{escape(group.title)}</h3>"
            f'<p class="meta">{plural(len(group.findings), "finding")} '
            f"({plural(errors, 'error')}){links}</p>"
            "<table><thead><tr><th>Status</th><th>Article</th><th>Date</th><th>Claim</th>"
            "<th>Value</th></tr></thead><tbody>"
        )
        for row in _group_rows(idx, group):
            out.append(_group_row(idx, row))
        out.append("</tbody></table></article>")
    out.append("</section>")
    return "\n".join(out)


_STATUS = {"conflict": "flagged", "cited": "cited as evidence", "agrees": "no finding"}


def _group_row(idx: Index, row: Row) -> str:
    if row.status == "conflict":
        f = idx.flagged.get((_norm(row.path), row.line, row.column), [])
        where_html = (
            f'<a href="#{idx.finding_ids[id(f[0])]}"><code>{escape(f"{row.path}:{row.line}")}'
            "</code></a>"
            if f
            else f"<code>{escape(f'{row.path}:{row.line}')}</code>"
        )
    else:
        where_html = _place_text(row.path, row.line, idx)
    if row.claim is not None:
        said = _text(row.claim.text)
        value = escape(_claim_value(row.claim, idx.result.book))
    else:
        said = linkify(row.note) if row.note else "—"
        value = "—"
    return (
        f'<tr class="{row.status}"><td class="status">{_STATUS[row.status]}</td>'
        f"<td>{where_html}</td><td>{escape(_doc_date(row.doc))}</td><td>{said}</td>"
        f"<td>{value}</td></tr>"
    )


def _claim_value(c: Claim, book: Rulebook) -> str:
    if c.kind == "rank" and c.rank is not None:
        return place(c.rank)
    if c.value is not None:
        metric = book.metrics.get(c.target or "")
        unit = c.value.unit or (U.split_scale(metric.unit)[0] if metric else None)
        return U.interval(c.value.low, c.value.high, unit)
    return "—"


# ---------------------------------------------------------------- timelines


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
        label = f"{doc.path}:{line} ({_doc_date(doc)}): {one_line(c.text)!r}{who} = {value}"
        label += f", {_period_text(c.period)}"
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
                _period_text(c.period),
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


def _nice_step(raw: float) -> float:
    mag = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * mag >= raw * (1 - 1e-9):
            return m * mag
    return 10.0 * mag


def _decimals(step: float) -> int:
    for d in range(7):
        scaled = step * 10**d
        if abs(scaled - round(scaled)) <= 1e-6 * max(1.0, scaled):
            return d
    return 6


def _value_axis(lo: float, hi: float, unit: str) -> tuple[list[float], float, str]:
    """Ticks covering [lo, hi], the divisor for their labels, and the scale word."""
    if hi <= lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    step = _nice_step((hi - lo) / 5)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    ticks = [i * step for i in range(first, last + 1)]
    if U.dimension(unit) == "percent":
        return ticks, 1.0, ""
    top = max(abs(ticks[0]), abs(ticks[-1]))
    for word, size in reversed(U.SCALES.items()):
        if top >= size:
            return ticks, size, word
    return ticks, 1.0, ""


def _time_axis(first: dt.date, last: dt.date) -> tuple[int, int, int]:
    """Whole years around [first, last]: (first year, years shown, label step)."""
    y0, y1 = first.year, last.year
    years = y1 - y0 + 1
    step = next((s for s in YEAR_STEPS if years / s <= 12), YEAR_STEPS[-1])
    return y0, years, step


def _n(x: float) -> str:
    """SVG coordinates: one decimal, no '-0.0'."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _unit_label(unit: str) -> str:
    return "%" if U.dimension(unit) == "percent" else unit


def svg(chart: Chart, caption_id: str) -> str:
    marks = chart.marks
    finite = [v for m in marks for v in (m.low, m.high) if math.isfinite(v)]
    lo, hi = min([0.0, *finite]), max([0.0, *finite])
    if any(m.high == math.inf for m in marks):
        hi += (hi - lo) * 0.15  # room above for the open-ended boxes to show as such
    ticks, divisor, word = _value_axis(lo, hi, chart.unit)
    v0, v1 = ticks[0], ticks[-1]
    t_first = min(m.start for m in marks)
    t_last = max(m.end for m in marks)
    y_first, years, step = _time_axis(t_first, t_last)
    day0 = dt.date(y_first, 1, 1).toordinal()
    day1 = dt.date(y_first + years - 1, 12, 31).toordinal() + 1
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + pw * (day - day0) / (day1 - day0)

    def y(v: float) -> float:
        if v == math.inf:
            return TOP
        if v == -math.inf:
            return TOP + ph
        return TOP + ph - ph * (v - v0) / (v1 - v0)

    unit_text = ", ".join(s for s in (_unit_label(chart.unit), f"{word}s" if word else "") if s)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{caption_id}" '
        f'class="chart" data-marks="{len(marks)}">'
    ]
    # value grid and labels
    d = _decimals((ticks[1] - ticks[0]) / divisor)
    for t in ticks:
        yy = _n(y(t))
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy}" y2="{yy}"/>')
        label = f"{t / divisor:,.{d}f}"
        label = "0" if label.strip("-0.,") == "" else label
        out.append(f'<text x="{LEFT - 6}" y="{yy}" text-anchor="end" dy="4">{label}</text>')
    # time ticks: a line at each January 1st shown, the year centred on its year when step is 1
    for year in range(y_first, y_first + years + 1):
        if year % step and year != y_first + years:
            continue
        if year > dt.MAXYEAR:
            break
        xx = _n(x(dt.date(year, 1, 1).toordinal()))
        out.append(f'<line class="axis" x1="{xx}" x2="{xx}" y1="{TOP + ph}" y2="{TOP + ph + 5}"/>')
        if year == y_first + years:
            continue
        if step == 1:
            nxt = dt.date(year, 12, 31).toordinal() + 1
            centre = _n((x(dt.date(year, 1, 1).toordinal()) + x(nxt)) / 2)
            out.append(f'<text x="{centre}" y="{TOP + ph + 17}" text-anchor="middle">{year}</text>')
        elif year % step == 0:
            out.append(f'<text x="{xx}" y="{TOP + ph + 17}" text-anchor="middle">{year}</text>')
    out.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + ph}" y2="{TOP + ph}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + ph}"/>'
        f'<text class="axis-label" x="{_n(LEFT + pw / 2)}" y="{HEIGHT - 6}" '
        'text-anchor="middle">period (year)</text>'
        f'<text class="axis-label" x="14" y="{_n(TOP + ph / 2)}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_n(TOP + ph / 2)})">{escape(unit_text or "value")}</text>'
    )
    out.append(_legend())
    # marks: the ones sharing a period side by side, in the chart's order
    lanes: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for i, m in enumerate(marks):
        lanes[(m.start, m.end)].append(i)
    numbered = len(marks) <= LABEL_MAX
    for (start, end), members in sorted(lanes.items()):
        left, right = x(start.toordinal()), x(end.toordinal() + 1)
        n = len(members)
        # side by side within the period; wider than the period for a day, never beyond the plot
        width = max((right - left) / n, min(MIN_W, pw / n))
        origin = (left + right) / 2 - width * n / 2
        origin = min(max(origin, LEFT), LEFT + pw - width * n)
        for lane, i in enumerate(members):
            m = marks[i]
            bx = origin + lane * width + (0.5 if width > 3 else 0)
            bw = max(width - 1, 2.0)
            top, bottom = y(m.high), y(m.low)
            if bottom - top < MIN_H:
                mid = (top + bottom) / 2
                top, bottom = mid - MIN_H / 2, mid + MIN_H / 2
            out.append(_mark(m, i + 1, bx, top, bw, bottom - top, numbered))
    out.append("</svg>")
    return "".join(out)


def _legend() -> str:
    items = [
        ("claim", "article's figure"),
        ("conflict", "figure with a finding"),
        ("fact", "rulebook fact"),
    ]
    out = ['<g class="legend">']
    x = LEFT
    for kind, text in items:
        dash = ' stroke-dasharray="4 2"' if kind == "fact" else ""
        fill_opacity = "0.25" if kind == "fact" else "0.85"
        out.append(
            f'<rect class="swatch {kind}" x="{x}" y="12" width="14" height="12" '
            f'fill="{COLOURS[kind]}" fill-opacity="{fill_opacity}" stroke="{COLOURS[kind]}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{x + 19}" y="22">{text}</text>'
        )
        x += 24 + 7 * len(text)
    out.append("</g>")
    return "".join(out)


def _mark(m: Mark, n: int, x: float, y: float, w: float, h: float, numbered: bool) -> str:
    colour = COLOURS[m.kind]
    if m.kind == "fact":
        style = f'fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-width="2"'
    elif m.kind == "conflict":
        style = f'fill="{colour}" fill-opacity="0.9" stroke="#6d0000" stroke-width="1.5"'
    else:
        style = f'fill="{colour}" fill-opacity="0.85" stroke="#1d3f66" stroke-width="1"'
    open_ends = ""
    arrows = []
    cx = x + w / 2
    if m.high == math.inf:  # "more than": an arrow up from the box's open top
        open_ends += " open-high"
        arrows.append(f"{_n(cx - 4)},{_n(y + 9)} {_n(cx + 4)},{_n(y + 9)} {_n(cx)},{_n(y + 2)}")
    if m.low == -math.inf:
        open_ends += " open-low"
        b = y + h
        arrows.append(f"{_n(cx - 4)},{_n(b - 9)} {_n(cx + 4)},{_n(b - 9)} {_n(cx)},{_n(b - 2)}")
    arrow = "".join(f'<polygon class="open" points="{p}" fill="#222"/>' for p in arrows)
    label = (
        f'<text class="mark-label" x="{_n(x + w / 2)}" y="{_n(max(y - 3, TOP - 2))}" '
        f'text-anchor="middle">{n}</text>'
        if numbered
        else ""
    )
    return (
        f'<g class="mark {m.kind}{open_ends}" data-n="{n}"><rect x="{_n(x)}" y="{_n(y)}" '
        f'width="{_n(w)}" height="{_n(h)}" {style}><title>{escape(f"{n}. {m.label}")}</title>'
        f"</rect>{arrow}{label}</g>"
    )


def _timelines(idx: Index, charts: list[Chart]) -> str:
    if not charts:
        return (
            '<section id="timelines"><h2>Timelines</h2>'
            '<p class="note">No figure of a metric in these articles.</p></section>'
        )
    out = [f'<section id="timelines"><h2>Timelines ({len(charts)})</h2>']
    for n, chart in enumerate(charts, start=1):
        cap = f"timeline-{n}-caption"
        unit = f" ({_unit_label(chart.unit)})" if chart.unit else ""
        conflicts = chart.conflicts
        facts = sum(m.kind == "fact" for m in chart.marks)
        claims = len(chart.marks) - facts
        out.append(
            f'<figure class="timeline" id="timeline-{n}" data-metric="{escape(chart.metric)}" '
            f'data-unit="{escape(chart.unit)}">'
            f'<figcaption id="{cap}">{escape(chart.name)}{escape(unit)}: '
            f"{plural(claims, 'claim')} ({conflicts} with findings), "
            f"{plural(facts, 'rulebook fact')}</figcaption>"
        )
        if chart.marks:
            out.append(svg(chart, cap))
            out.append(_chart_table(chart))
        if chart.unplotted:
            out.append(
                f'<p class="note">{plural(chart.unplotted, "claim")} without a period or a '
                "finite value not drawn.</p>"
            )
        out.append("</figure>")
    out.append("</section>")
    return "\n".join(out)


def _chart_table(chart: Chart) -> str:
    """The chart's marks as a table: what print and screen readers read."""
    out = [
        '<table class="data"><thead><tr><th class="num">#</th><th>What</th><th>Where</th>'
        "<th>Period</th><th>As written</th><th>Value</th></tr></thead><tbody>"
    ]
    what = {"claim": "article", "conflict": "article, with a finding", "fact": "rulebook fact"}
    for n, m in enumerate(chart.marks, start=1):
        place_html = f"<code>{escape(m.where)}</code>"
        if m.anchor:
            place_html = f'<a href="#{m.anchor}">{place_html}</a>'
        said = linkify(m.said) if m.kind == "fact" else _text(m.said)
        if m.rules:
            said += ' <span class="meta">(' + escape(", ".join(m.rules)) + ")</span>"
        out.append(
            f'<tr class="{m.kind}"><td class="num">{n}</td><td class="nowrap">{what[m.kind]}</td>'
            f"<td>{place_html}</td><td>{escape(m.period)}</td><td>{said}</td>"
            f"<td>{escape(m.value)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


# ---------------------------------------------------------------- summary and articles


def _nav(groups: Sequence[Group], charts: Sequence[Chart]) -> str:
    return (
        '<nav><ul><li><a href="#summary">Summary</a></li>'
        f'<li><a href="#contradictions">Contradictions ({len(groups)})</a></li>'
        '<li><a href="#articles">Findings by article</a></li>'
        f'<li><a href="#timelines">Timelines ({len(charts)})</a></li></ul></nav>'
    )


def _summary(idx: Index, groups: Sequence[Group], charts: Sequence[Chart]) -> str:
    r = idx.result
    c = counts(r.findings)
    rows = [
        ("documents", len(r.documents)),
        ("claims", r.claim_count),
        *((f"{sev}s" if sev != "info" else sev, c[sev]) for sev in SEVERITIES),
        ("contradiction groups", len(groups)),
        ("timelines", len(charts)),
    ]
    out = [
        '<section id="summary"><h2>Summary</h2><table class="counts"><tbody>',
        *(
            f'<tr><th>{name}</th><td class="num" data-count="{name.replace(" ", "-")}">{n}</td>'
            "</tr>"
            for name, n in rows
        ),
        "</tbody></table>",
    ]
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in idx.findings:
        by_path[_norm(f.path)].append(f)
    out.append(
        '<table class="documents"><thead><tr><th>Article</th><th>Date</th><th>Title</th>'
        '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Info</th>'
        "</tr></thead><tbody>"
    )
    for path in sorted(set(idx.docs) | set(by_path)):
        doc = idx.docs.get(path)
        shown = doc.path if doc is not None else by_path[path][0].path
        n = counts(by_path.get(path, []))
        title = doc.meta.get("title") if doc is not None else None
        anchor = idx.doc_ids[path]
        link = (
            f'<a href="#{anchor}"><code>{escape(shown)}</code></a>'
            if path in idx.sections
            else f"<code>{escape(shown)}</code>"
        )
        out.append(
            f"<tr><td>{link}</td><td>{escape(_doc_date(doc))}</td>"
            f"<td>{_text(str(title)) if title else ''}</td>"
            + "".join(f'<td class="num">{n[sev]}</td>' for sev in SEVERITIES)
            + "</tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _articles(idx: Index) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in idx.findings:
        by_path[_norm(f.path)].append(f)
    paths = sorted(idx.sections)
    out = ['<section id="articles"><h2>Findings by article</h2>']
    if not paths:
        out.append('<p class="note">No findings.</p>')
    for path in paths:
        doc = idx.docs.get(path)
        findings = by_path.get(path, [])
        shown = doc.path if doc is not None else (findings[0].path if findings else path)
        out.append(
            f'<article class="doc" id="{idx.doc_ids[path]}" data-findings="{len(findings)}">'
            f"<h3><code>{escape(shown)}</code></h3>{_doc_meta(doc)}"
        )
        if findings:
            out.append('<ol class="findings">')
            out.extend(_finding(idx, f) for f in findings)
            out.append("</ol>")
        lines = sorted(idx.cited.get(path, {}))
        if lines and doc is not None:
            out.append('<h4>Cited as evidence by other findings</h4><ul class="cited">')
            out.extend(_cited(idx, doc, line) for line in lines)
            out.append("</ul>")
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _doc_meta(doc: Document | None) -> str:
    if doc is None:
        return '<p class="meta">not read</p>'
    bits = [f"date: {escape(_doc_date(doc))}"]
    if doc.date is not None and doc.date_source in ("manifest", "dateline"):
        bits[0] += f" (from the {escape(doc.date_source)})"
    for key in ("title", "source"):
        value = doc.meta.get(key)
        if value:
            bits.append(f"{key}: {_text(str(value))}")
    url = doc.meta.get("url")
    if url:
        bits.append(f"url: {linkify(str(url))}")
    return f'<p class="meta">{" · ".join(bits)}</p>'


def _finding(idx: Index, f: Finding) -> str:
    anchor = idx.finding_ids[id(f)]
    head = (
        f"<p>{_sev(f.severity)} <code>{escape(f.rule)}</code> "
        f'<a href="#{anchor}"><code>{escape(f"{f.path}:{f.line}:{f.column}")}</code></a></p>'
    )
    out = [
        f'<li class="finding {escape(f.severity)}" id="{anchor}" data-rule="{escape(f.rule)}">',
        head,
        f'<p class="msg">{linkify(f.message)}</p>',
    ]
    out.append(_finding_quote(idx, f))
    if f.related:
        out.append('<ul class="evidence">')
        for r in f.related:
            kind = "article" if idx.is_article(r) else "rule"
            out.append(
                f'<li class="{kind}">{_evidence_place(idx, r, kind)} {linkify(r.message)}</li>'
            )
        out.append("</ul>")
    inferred = inferred_phrase(f)
    if inferred is not None:
        out.append(f'<p class="inferred">Inferred: {escape(inferred)}</p>')
    fix = fix_phrase(f)
    if fix is not None:
        out.append(f'<p class="fix">Fix: {escape(one_line(fix))}</p>')
    out.append("</li>")
    return "".join(out)


def _evidence_place(idx: Index, r: Related, kind: str) -> str:
    if kind == "article":
        return _place_text(r.path, r.line, idx)
    return f"<code>{escape(where(r))}</code>"


def _finding_quote(idx: Index, f: Finding) -> str:
    spot = idx.spot(f)
    return quote(spot) if spot is not None else ""


def _cited(idx: Index, doc: Document, line: int) -> str:
    """A cited line quoted, each cited claim on it marked: where an evidence link lands."""
    anchor = idx.cited_anchor(doc.path, line)
    columns = idx.cited.get(_norm(doc.path), {}).get(line, set())
    claims = [idx.claim_at(doc.path, line, col) for col in sorted(columns)]
    start = doc.offset(line, 1)
    if any(claims):
        body = "".join(
            quote(Spot.of(doc, c.start, c.end, c.sentence)) for c in claims if c is not None
        )
    elif start is not None:
        end = doc.text.find("\n", start)
        text = doc.text[start : len(doc.text) if end < 0 else end]
        body = f"<blockquote>{_text(_cut_right(text, 2 * CONTEXT))}</blockquote>"
    else:
        body = ""
    return f'<li id="{anchor}"><code>{escape(f"{doc.path}:{line}")}</code>{body}</li>'
