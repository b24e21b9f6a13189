"""HTML report for a fact desk: summary, contradictions, findings by article, a timeline per metric.

One self-contained file: inline CSS and inline SVG, no script, no external asset, so that it opens
offline, reads without JavaScript and prints (`@media print`). Everything quoted from articles and
rule files goes through html.escape; only http(s) addresses become links (a rule's source, an
article's published `url`).

The Contradictions section shows the corpus engine's groups (Result.groups: one model of a
group, one definition of its key) whose disagreement has a finding in the report, each with all
its claims; then the findings that cite evidence no such group holds, one block per rule entry
they contradict (or per place, for another article cited): data.contradictions.

Findings go by severity, the worst article first; the severity filter is CSS `:target` on empty
anchors, so a click and a shared address both filter without script. A
timeline is drawn for each metric (and unit) with quantity claims: time across, value up, one bar
per claim over its period and value interval (an open-ended value is a bar at its bound and an
arrow, the axis spans the values, not zero), the rulebook's facts beside them, the claims with
findings in a distinct colour; a timeline without findings is folded (`<details>`). The footer
names the rulebook by its digest.

Deterministic bytes: sorted iteration, ids numbered in that order, fixed number formats, no dates
of the run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from html import escape

from claimcheck import __version__
from claimcheck.model.document import Document
from claimcheck.model.findings import SEVERITIES, Finding, Related
from claimcheck.reports.common import (
    counts,
    fix_phrase,
    inferred_phrase,
    one_line,
    plural,
    summary,
    where,
)
from claimcheck.reports.html.charts import svg, unit_label
from claimcheck.reports.html.data import (
    RANK,
    Chart,
    Contradiction,
    Index,
    Row,
    Spot,
    against,
    claim_value,
    contradictions,
    doc_date,
    norm,
    published,
    timelines,
    worst,
)
from claimcheck.run.result import Result

# How much of a sentence is quoted around a finding's span (a paragraph can be one long line).
CONTEXT = 240
SPAN_MAX = 400

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
th { background: #f3f3f3; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap, td.status, td.date { white-space: nowrap; }
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
figure.timeline summary { font-weight: 600; margin: .6rem 0 .3rem; cursor: pointer; }
figure.timeline details:not([open]) summary { font-weight: 400; color: #444; }
.filter-target { display: block; position: relative; top: -.5rem; }
.filters a { display: inline-block; padding: .1rem .6rem; margin-right: .3rem;
  border: 1px solid #ccc; border-radius: 3px; text-decoration: none; }
.filters a.all, #only-error:target ~ .filters a.only-error,
#only-warning:target ~ .filters a.only-warning, #only-info:target ~ .filters a.only-info {
  font-weight: 700; background: #e8eef7; border-color: #1f5fa8; }
.filter-target:target ~ .filters a.all { font-weight: 400; background: none; border-color: #ccc; }
#only-error:target ~ article.doc:not(.has-error),
#only-warning:target ~ article.doc:not(.has-warning),
#only-info:target ~ article.doc:not(.has-info),
#only-error:target ~ article.doc li.finding:not(.error),
#only-warning:target ~ article.doc li.finding:not(.warning),
#only-info:target ~ article.doc li.finding:not(.info),
.filter-target:target ~ article.doc .cited, .filter-target:target ~ article.doc h4 {
  display: none; }
h3 a.published { font-size: .85rem; font-weight: 400; margin-left: .6rem; }
tr.rulebook td { background: #eef7ee; }
tr.rulebook td.status { color: #1b5e20; }
footer { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: .6rem; color: #555;
  font-size: .85rem; }
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
  details::details-content { content-visibility: visible; }  /* folded timelines print */
  .filters { display: none; }
  h2, h3 { break-after: avoid; }
}
""".strip()


def render(result: Result) -> str:
    idx = Index(result)
    groups = contradictions(idx)
    charts = timelines(idx)
    title = "claimcheck report"
    body = [
        f'<header><h1>{title}</h1><p class="totals">{escape(summary(result))}</p></header>',
        _nav(groups, charts),
        _summary(idx, groups, charts),
        _contradictions(idx, groups, charts),
        _articles(idx),
        _timelines(idx, charts),
        _footer(result),
    ]
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(b for b in body if b) + "\n</body>\n</html>\n"


def _footer(result: Result) -> str:
    """Which rules judged: the rulebook's version as the newsroom names it (`rules_version` of
    the config), the digest of its files (which changes with any rule file's name or bytes) and
    the claimcheck version that read them."""
    book = result.book
    digest = book.digest or "not computed"
    named = result.settings.rules_version
    version = (
        f'version <code class="rulebook-version">{escape(named)}</code>'
        if named
        else "version not named (`rules_version` in .claimcheck.yaml)"
    )
    return (
        f"<footer><p>Rulebook {version}, {plural(len(book.files), 'rule file')} with BLAKE2b "
        f'digest <code class="rulebook-digest">{escape(digest)}</code>; '
        f"checked by claimcheck {escape(__version__)}.</p></footer>"
    )


def _text(s: str) -> str:
    """Article text for inline HTML: controls replaced, whitespace collapsed, edges kept."""
    lead = " " if s[:1].isspace() else ""
    trail = " " if s[-1:].isspace() and len(s.strip()) else ""
    return escape(lead + one_line(s, None) + trail)


def _cut_left(s: str, limit: int) -> str:
    return s if len(s) <= limit else "…" + s[len(s) - limit :]


def _cut_right(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[:limit] + "…"


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


def _place_text(path: str, line: int, idx: Index) -> str:
    """path:line, linked to its quote when the article is in the report."""
    anchor = idx.cited_anchor(path, line)
    label = f"<code>{escape(f'{path}:{line}')}</code>"
    return f'<a href="#{anchor}">{label}</a>' if anchor else label


def _contradictions(idx: Index, groups: list[Contradiction], charts: Sequence[Chart]) -> str:
    if not groups:
        return (
            '<section id="contradictions"><h2>Contradictions</h2>'
            '<p class="note">No finding cites another article or the rulebook.</p></section>'
        )
    drawn: dict[str, list[str]] = defaultdict(list)
    for n, chart in enumerate(charts, start=1):
        drawn[chart.metric].append(f"timeline-{n}")
    out = [f'<section id="contradictions"><h2>Contradictions ({len(groups)})</h2>']
    for n, group in enumerate(groups, start=1):
        tally = counts(group.findings)
        severities = ", ".join(plural(tally[s], s) for s in SEVERITIES if tally[s])
        valued = group.valued  # figures and ranks: a Value column
        seen = drawn.get(group.metric, []) if group.metric else []
        links = "".join(f' · <a href="#{a}">timeline</a>' for a in seen)
        parties = against(idx, group)
        words = " and ".join(_AGAINST[a] for a in parties)
        out.append(
            f'<article class="group" id="group-{n}" data-findings="{len(group.findings)}" '
            f'data-against="{" ".join(parties)}"><h3>{escape(group.title)}</h3>'
            f'<p class="meta">{plural(len(group.findings), "finding")} '
            f"({severities}) against {words}{links}</p>"
            "<table><thead><tr><th>Status</th><th>Article</th><th>Date</th><th>Claim</th>"
            f"{'<th>Value</th>' if valued else ''}</tr></thead><tbody>"
        )
        for row in group.rows:
            out.append(_group_row(idx, row, valued))
        out.append("</tbody></table></article>")
    out.append("</section>")
    return "\n".join(out)


_STATUS = {
    "conflict": "flagged",
    "cited": "cited as evidence",
    "rulebook": "rulebook entry",
    "agrees": "no finding",
}
_AGAINST = {"articles": "other articles", "rulebook": "the rulebook"}


def _group_row(idx: Index, row: Row, valued: bool) -> str:
    if row.status == "conflict":
        f = idx.flagged.get((norm(row.path), row.line, row.column), [])
        where_html = (
            f'<a href="#{idx.finding_ids[id(f[0])]}"><code>{escape(f"{row.path}:{row.line}")}'
            "</code></a>"
            if f
            else f"<code>{escape(f'{row.path}:{row.line}')}</code>"
        )
    elif row.status == "rulebook":
        where_html = f"<code>{escape(f'{row.path}:{row.line}')}</code>"
    else:
        where_html = _place_text(row.path, row.line, idx)
    date = "rulebook" if row.status == "rulebook" else doc_date(row.doc)
    if row.claim is not None:
        said = _text(row.claim.text)
        value = escape(claim_value(row.claim, idx.result.book))
    else:
        said = linkify(row.note) if row.note else "—"
        given = (
            idx.entry_value(row.path, row.line, row.column) if row.status == "rulebook" else None
        )
        value = escape(given) if given else "—"
    return (
        f'<tr class="{row.status}"><td class="status">{_STATUS[row.status]}</td>'
        f'<td>{where_html}</td><td class="date">{escape(date)}</td><td>{said}</td>'
        + (f"<td>{value}</td>" if valued else "")
        + "</tr>"
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
        unit = f" ({unit_label(chart.unit)})" if chart.unit else ""
        conflicts = chart.conflicts
        facts = sum(m.kind == "fact" for m in chart.marks)
        claims = len(chart.marks) - facts
        # a timeline without findings is folded: open by a click on its caption
        fold = " open" if conflicts else ""
        out.append(
            f'<figure class="timeline" id="timeline-{n}" data-metric="{escape(chart.metric)}" '
            f'data-unit="{escape(chart.unit)}"><details{fold}>'
            f'<summary id="{cap}">{escape(chart.name)}{escape(unit)}: '
            f"{plural(claims, 'claim')} ({conflicts} with findings), "
            f"{plural(facts, 'rulebook fact')}</summary>"
        )
        if chart.marks:
            out.append(svg(chart, cap))
            out.append(_chart_table(chart))
        if chart.unplotted:
            out.append(
                f'<p class="note">{plural(chart.unplotted, "claim")} without a period or a '
                "finite value not drawn.</p>"
            )
        out.append("</details></figure>")
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


def _nav(groups: Sequence[Contradiction], charts: Sequence[Chart]) -> str:
    return (
        '<nav><ul><li><a href="#summary">Summary</a></li>'
        f'<li><a href="#contradictions">Contradictions ({len(groups)})</a></li>'
        '<li><a href="#articles">Findings by article</a></li>'
        f'<li><a href="#timelines">Timelines ({len(charts)})</a></li></ul></nav>'
    )


def _summary(idx: Index, groups: Sequence[Contradiction], charts: Sequence[Chart]) -> str:
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
        by_path[norm(f.path)].append(f)
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
            f"<tr><td>{link}</td><td>{escape(doc_date(doc))}</td>"
            f"<td>{_title_cell(doc, str(title) if title else '')}</td>"
            + "".join(f'<td class="num">{n[sev]}</td>' for sev in SEVERITIES)
            + "</tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _filters(idx: Index) -> str:
    """Severity filter links: each targets an empty anchor that CSS `:target` reads (no script)."""
    c = counts(idx.findings)
    anchors = "".join(f'<span class="filter-target" id="only-{s}"></span>' for s in SEVERITIES)
    links = "".join(
        f' <a class="filter only-{s}" href="#only-{s}">{escape(_sev_name(s))} ({c[s]})</a>'
        for s in SEVERITIES
    )
    return (
        f'{anchors}<p class="filters">Show: <a class="filter all" href="#articles">all '
        f"({len(idx.findings)})</a>{links}</p>"
    )


def _sev_name(sev: str) -> str:
    return "info" if sev == "info" else f"{sev}s"


def _title_cell(doc: Document | None, title: str) -> str:
    """The title, linked to where the article was published (the address itself if untitled)."""
    url = published(doc)
    if url is None:
        return _text(title) if title else ""
    shown = _text(title) if title else escape(url)
    return f'<a class="published" href="{escape(url)}">{shown}</a>'


def _articles(idx: Index) -> str:
    """Articles with their worst finding first, each one's findings by severity, then place."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in idx.findings:
        by_path[norm(f.path)].append(f)
    for found in by_path.values():
        found.sort(key=lambda f: RANK[f.severity])  # stable: place order within a severity
    paths = sorted(idx.sections, key=lambda p: (worst(by_path.get(p, [])), p))
    out = ['<section id="articles"><h2>Findings by article</h2>']
    if not paths:
        out.append('<p class="note">No findings.</p>')
    else:
        out.append(_filters(idx))
    for path in paths:
        doc = idx.docs.get(path)
        findings = by_path.get(path, [])
        shown = doc.path if doc is not None else (findings[0].path if findings else path)
        has = "".join(f" has-{s}" for s in sorted({f.severity for f in findings}))
        out.append(
            f'<article class="doc{has}" id="{idx.doc_ids[path]}" data-findings="{len(findings)}">'
            f"<h3><code>{escape(shown)}</code>{_published_link(doc)}</h3>{_doc_meta(doc)}"
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


def _published_link(doc: Document | None) -> str:
    url = published(doc)
    if url is None:
        return ""
    return f' <a class="published" href="{escape(url)}">published article ↗</a>'


def _doc_meta(doc: Document | None) -> str:
    if doc is None:
        return '<p class="meta">not read</p>'
    bits = [f"date: {escape(doc_date(doc))}"]
    if doc.date is not None and doc.date_source in ("manifest", "dateline"):
        bits[0] += f" (from the {escape(doc.date_source)})"
    for key in ("title", "source"):
        value = doc.meta.get(key)
        if value:
            bits.append(f"{key}: {_text(str(value))}")
    url = doc.meta.get("url")
    if url and published(doc) is None:  # not a link: shown as text
        bits.append(f"url: {_text(str(url))}")
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
    columns = idx.cited.get(norm(doc.path), {}).get(line, set())
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
