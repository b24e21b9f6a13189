"""The HTML report: structure (summary, groups, one timeline per metric, marks), escaping, links,
determinism, size, and `claimcheck check seeds --format html` end to end.

The Result is built by hand (documents, claims at real offsets, findings with evidence) over a
small rulebook loaded from YAML, so that the facts carry their file positions as in a real run.
The page is parsed with html.parser into a small tree; the browser test renders it for real.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimcheck import __version__, rulebook
from claimcheck.checks.corpus import build_groups
from claimcheck.cli import main
from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding, Related, Severity
from claimcheck.reports import get
from claimcheck.reports.html import render
from claimcheck.run.result import Result

REPO_ROOT = Path(__file__).resolve().parents[1]

RULES = """\
entities:
  - id: vietnam
    names: [Vietnam]
  - id: japan
    names: [Japan]
metrics:
  - id: trade
    name: Two-way trade <goods>
    subject: [vietnam, japan]
    aliases: [two-way trade]
    dimension: currency
    unit: USD
  - id: visitors
    name: Japanese visitors
    aliases: [Japanese visitors]
    dimension: count
    unit: person
rankings:
  - id: investors
    name: foreign investors in Vietnam
    aliases: [foreign investor]
    of: vietnam
facts:
  - metric: trade
    period: 2020
    value: 39.6
    unit: billion USD
    tolerance: 0.01
    source: https://example.org/customs-2020?a=1&b=2 (table <3>)
  - metric: trade
    period: 2021
    min: 42
    max: 43
    unit: billion USD
    source: https://example.org/customs-2021
"""

TEXTS = {
    "news/a.md": (
        "---\ndate: 2021-02-01\ntitle: Trade grows\nurl: https://example.org/a\n---\n"
        "Two-way trade reached US$40 billion in 2020. Officials were pleased.\n"
        "Japan was the second largest foreign investor in 2020.\n"
    ),
    "news/b.md": (
        "---\ndate: 2021-03-01\ntitle: Record <script>alert('title')</script>\n---\n"
        "Intro line.\n"
        "Two-way trade reached US$55 billion in 2020, a record <script>alert('x')</script>. "
        "Japan was the top foreign investor in 2020.\n"
        "Japanese visitors numbered 950,000 in 2019.\n"
    ),
    "news/c.md": (
        "---\ndate: 2022-01-05\n---\n"
        "Trade was more than US$42.5 billion in 2021, and about US$41 billion in 2020.\n"
        "Japanese visitors topped 1 million in 2019 under the exclusive partnership.\n"
        "Japan remained the second largest foreign investor in 2020.\n"
    ),
}
DATES = {"news/a.md": "2021-02-01", "news/b.md": "2021-03-01", "news/c.md": "2022-01-05"}


@dataclass
class Built:
    result: Result
    docs: dict[str, Document]
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def claim(self, path: str, text: str) -> Claim:
        return next(c for c in self.claims[path] if c.text == text)


def _sentence(doc: Document, start: int) -> tuple[int, int]:
    a = max(doc.text.rfind(". ", 0, start) + 2, doc.text.rfind("\n", 0, start) + 1)
    b = doc.text.find(".", start)
    return a, b + 1


def _q(doc: Document, text: str, low: float, high: float, year: int, target: str, unit: str,
       subject: str | None = None) -> Claim:  # fmt: skip
    start = doc.text.index(text)
    return Claim(
        "quantity", start, start + len(text), text, subject=subject, target=target,
        value=Quantity(low, high, unit), period=Period.of(PartialDate(year)),
        sentence=_sentence(doc, start),
    )  # fmt: skip


def _rank(doc: Document, text: str, rank: int, year: int) -> Claim:
    start = doc.text.index(text)
    return Claim(
        "rank", start, start + len(text), text, subject="japan", target="investors", rank=rank,
        period=Period.of(PartialDate(year)), sentence=_sentence(doc, start),
    )  # fmt: skip


def _at(doc: Document, claim: Claim, rule: str, message: str, related: tuple[Related, ...],
        category: str = "quantity", fix: str | None = None,
        severity: Severity = "error") -> Finding:  # fmt: skip
    line, col = doc.position(claim.start)
    end_line, end_col = doc.position(claim.end)
    return Finding(
        rule, category, severity, doc.path, line, col, end_line, end_col, message, related, fix,
        anchor=claim.text,
    )  # fmt: skip


def _where(doc: Document, claim: Claim, message: str) -> Related:
    return Related(doc.path, *doc.position(claim.start), message)


def build(tmp: Path) -> Built:
    """Three articles: three contradiction groups (trade 2020 against articles and the rulebook,
    Japan's rank 2020 against an article, a term finding with a fix and a source link against
    the rulebook), a warning and an info note citing nothing, and timelines for two metrics."""
    rules = tmp / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "facts.yaml").write_text(RULES, encoding="utf-8")
    book = rulebook.load([rules])
    docs = {
        p: Document(p, t, meta=_meta(t), date=PartialDate.parse(DATES[p])) for p, t in TEXTS.items()
    }
    a, b, c = docs["news/a.md"], docs["news/b.md"], docs["news/c.md"]
    bn = 1e9
    claims = {
        "news/a.md": [
            _q(a, "US$40 billion", 39.95 * bn, 40.05 * bn, 2020, "trade", "USD"),
            _rank(a, "second largest foreign investor", 2, 2020),
        ],
        "news/b.md": [
            _q(b, "US$55 billion", 54.95 * bn, 55.05 * bn, 2020, "trade", "USD"),
            _rank(b, "top foreign investor", 1, 2020),
            _q(b, "950,000", 950_000, 950_000, 2019, "visitors", "person"),
        ],
        "news/c.md": [
            _q(c, "more than US$42.5 billion", 42.5 * bn, float("inf"), 2021, "trade", "USD"),
            _q(c, "about US$41 billion", 39 * bn, 43 * bn, 2020, "trade", "USD"),
            _q(c, "1 million", 1e6, float("inf"), 2019, "visitors", "person"),
            _rank(c, "second largest foreign investor", 2, 2020),
        ],
    }
    built = Built(Result([], {}, [], book), docs, claims)
    rule_file = str(rules / "facts.yaml")
    fact_2020 = book.facts[0]
    origin = book.origin(fact_2020)
    assert origin is not None
    a40, b55 = built.claim("news/a.md", "US$40 billion"), built.claim("news/b.md", "US$55 billion")
    c41 = built.claim("news/c.md", "about US$41 billion")
    b_rank = built.claim("news/b.md", "top foreign investor")
    a_rank = built.claim("news/a.md", "second largest foreign investor")
    c_term = c.text.index("exclusive partnership")
    term_claim = Claim(
        "term", c_term, c_term + len("exclusive partnership"), "exclusive partnership"
    )
    built.findings = [
        _at(b, b55, "quantity-contradicts-article",
            "'US$55 billion' puts trade for 2020 at 55 billion USD <b>", (
                _where(a, a40, "2021-02-01: 'US$40 billion' (40 billion USD)"),
                _where(c, c41, "2022-01-05: 'about US$41 billion'"),
            )),
        _at(b, b55, "quantity-contradicts-fact", "'US$55 billion' against the rulebook's 39.6 bn",
            (Related(rule_file, origin.line, origin.column, f"source: {fact_2020.source}"),)),
        _at(b, b_rank, "rank-contradicts-article", "'top' contradicts 'second largest'",
            (_where(a, a_rank, "2021-02-01: 'second largest foreign investor' (2nd)"),),
            category="rank"),
        _at(c, term_claim, "term-wrong-variant", "not the official name", (
            Related(rule_file, 3, 5, "source: https://example.org/terms javascript:alert(1)"),
            Related(rule_file, 9, 7, "rule entry"),
        ), category="term", fix="Extensive Strategic Partnership"),
        # before b's errors in the text, after them in the report: findings go by severity
        Finding("style-note", "style", "info", "news/b.md", 5, 1, 5, 6, "an info note"),
        # a.md, first by path, comes after the articles with errors
        Finding("style-warning", "style", "warning", "news/a.md", 6, 1, 6, 4, "a warning"),
    ]  # fmt: skip
    # the corpus engine's groups with a disagreement, as a run carries them (Result.groups)
    groups = build_groups(list(docs.values()), claims, book, articles_only=True)
    built.result = Result(
        list(docs.values()), claims, list(built.findings), book,
        groups=[g for g in groups if g.offending],
    )  # fmt: skip
    return built


def _meta(text: str) -> dict[str, str]:
    head = text.split("---\n")[1]
    return dict(line.split(": ", 1) for line in head.splitlines())


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build(tmp_path)


# ---------------------------------------------------------------- a small DOM


VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class Tree(HTMLParser):
    """Elements with attributes and text; checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(
            Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        )

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == [tree.root], "unclosed elements"
    return tree.root


def by_id(root: Node) -> dict[str, Node]:
    ids: dict[str, Node] = {}
    for n in root.iter():
        if "id" in n.attrs:
            assert n.attrs["id"] not in ids, f"duplicate id {n.attrs['id']}"
            ids[n.attrs["id"]] = n
    return ids


def count(root: Node, name: str) -> int:
    cell = next(n for n in root.find_all("td") if n.attrs.get("data-count") == name)
    return int(cell.text)


# ---------------------------------------------------------------- structure


def test_summary_counts(built: Built) -> None:
    root = parse(render(built.result))
    assert count(root, "documents") == 3
    assert count(root, "claims") == 9
    assert count(root, "errors") == 4
    assert count(root, "warnings") == 1
    assert count(root, "info") == 1
    assert count(root, "contradiction-groups") == 4
    assert count(root, "timelines") == 2
    rows = root.find("table", "documents").find("tbody").find_all("tr")
    assert [r.find_all("td")[0].text for r in rows] == ["news/a.md", "news/b.md", "news/c.md"]
    assert [r.find_all("td")[3].text for r in rows] == ["0", "3", "1"]  # errors per article
    assert [r.find_all("td")[4].text for r in rows] == ["1", "0", "0"]  # warnings


def test_one_block_per_contradiction_group(built: Built) -> None:
    root = parse(render(built.result))
    groups = root.find_all("article", "group")
    titles = [g.find("h3").text for g in groups]
    # trade 2020: b against a and c (no engine group holds it: a block for its place) and b
    # against the rulebook's fact (a block for the fact it contradicts); Japan's rank 2020 (the
    # corpus engine's group); then the term finding against the rulebook (its claim is not in
    # the result: last). The engine's visitors group has no finding in the report: no block.
    # The warning and the info note cite nothing: no block.
    assert titles == [
        "Two-way trade <goods> · 2020",
        "Two-way trade <goods> · 2020",
        "Japan in foreign investors in Vietnam · 2020",
        "term-wrong-variant (no claim read at the finding's place)",
    ]
    trade, trade_fact, rank, term = groups
    assert [g.attrs["data-findings"] for g in groups] == ["1", "1", "1", "1"]
    assert [g.attrs["data-against"] for g in groups] == [
        "articles", "rulebook", "articles", "rulebook"
    ]  # fmt: skip
    assert "against other articles" in trade.find("p", "meta").text
    assert "against the rulebook" in trade_fact.find("p", "meta").text

    def rows(group: Node) -> list[tuple[str, str, str]]:
        return [
            (r.attrs["class"], r.find_all("td")[1].text, r.find_all("td")[3].text)
            for r in group.find("tbody").find_all("tr")
        ]

    # the flagged claim and what its finding cites, oldest article first; the rulebook's entry
    # after the articles
    assert rows(trade) == [
        ("cited", "news/a.md:6", "US$40 billion"),
        ("conflict", "news/b.md:6", "US$55 billion"),
        ("cited", "news/c.md:4", "about US$41 billion"),
    ]
    flagged, fact = rows(trade_fact)
    assert flagged == ("conflict", "news/b.md:6", "US$55 billion")
    assert fact[0] == "rulebook" and re.fullmatch(r".*facts\.yaml:\d+", fact[1])
    assert fact[2] == "source: https://example.org/customs-2020?a=1&b=2 (table <3>)"
    # the rule entry's own value beside the claims' values: 39.6 billion, within 1%
    fact_row = trade_fact.find("tbody").find_all("tr")[1]
    assert fact_row.find_all("td")[4].text == "39.6 billion USD (±1%)"
    assert [r[0] for r in rows(term)] == ["conflict", "rulebook", "rulebook"]
    assert "Value" not in term.find("thead").text and "Value" in trade.find("thead").text
    # the rank block is the corpus engine's group: its claims, b's flagged, and the ones the
    # engine found b contradicts (a and c) cited, though the finding names a only
    assert rows(rank) == [
        ("cited", "news/a.md:7", "second largest foreign investor"),
        ("conflict", "news/b.md:6", "top foreign investor"),
        ("cited", "news/c.md:6", "second largest foreign investor"),
    ]
    assert "timeline" in trade.find("p", "meta").text and "timeline" not in rank.text


def test_rows_of_an_engine_group_follow_the_engine(built: Built) -> None:
    """The claims of the rank group are the engine's: the ones the engine found the flagged one
    contradicts are cited, the others agree; a group without a finding in the report is not
    shown (the engine's visitors group: c's figure has no finding here)."""
    rank = next(g for g in built.result.groups if g.kind == "rank")
    assert [g.kind for g in built.result.groups] == ["quantity", "rank"]
    flagged, shown, _ = rank.offending[0]
    rank.offending = [(flagged, shown[:1], 1)]  # as if the engine had cited a only
    blocks = parse(render(built.result)).find_all("article", "group")
    block = next(g for g in blocks if "foreign investors" in g.find("h3").text)
    statuses = [r.attrs["class"] for r in block.find("tbody").find_all("tr")]
    assert statuses == ["cited", "conflict", "agrees"]
    assert "no finding" in block.find("tbody").text


def test_findings_against_one_rule_entry_share_a_block(built: Built) -> None:
    term = next(f for f in built.result.findings if f.rule == "term-wrong-variant")
    again = replace(term, line=term.line + 1)  # another place, the same rule entries
    result = replace(built.result, findings=[*built.result.findings, again])
    block = parse(render(result)).find_all("article", "group")[-1]
    assert block.attrs["data-findings"] == "2"
    statuses = [r.attrs["class"] for r in block.find("tbody").find_all("tr")]
    assert statuses == ["conflict", "conflict", "rulebook", "rulebook"]


def test_one_timeline_per_metric_with_facts_and_conflicts_marked(built: Built) -> None:
    root = parse(render(built.result))
    figures = root.find_all("figure", "timeline")
    assert [f.attrs["data-metric"] for f in figures] == ["trade", "visitors"]  # conflicts first
    trade, visitors = (f.find("svg") for f in figures)
    kinds = [g.attrs["class"] for g in trade.find_all("g", "mark")]
    assert sorted(kinds) == sorted(
        ["mark fact", "mark fact", "mark claim", "mark conflict", "mark claim open-high",
         "mark claim"]
    )  # fmt: skip
    conflict = trade.find("g", "conflict")
    assert "news/b.md:6" in conflict.find("title").text
    assert "quantity-contradicts-article" in conflict.find("title").text
    assert "fill" in conflict.find("rect").attrs
    assert (
        conflict.find("rect").attrs["fill"] != trade.find("g", "claim").find("rect").attrs["fill"]
    )
    # every mark explains itself, the legend names the three kinds, the axes carry units
    assert all(g.find("title").text for g in trade.find_all("g", "mark"))
    legend = trade.find("g", "legend").text
    for word in ("article's figure", "figure with a finding", "rulebook fact"):
        assert word in legend
    assert "USD, billions" in trade.text
    assert "person" in visitors.text
    assert [g.attrs["class"] for g in visitors.find_all("g", "mark")] == [
        "mark claim",
        "mark claim open-high",
    ]
    # the table under the chart lists the same marks, in the same numbered order
    table = figures[0].find("table", "data")
    assert len(table.find("tbody").find_all("tr")) == len(kinds)


def test_marks_sit_on_their_period_and_value(built: Built) -> None:
    svg = parse(render(built.result)).find("figure", "timeline").find("svg")
    marks = {
        g.find("title").text.split(" ", 1)[1][:40]: g.find("rect")
        for g in svg.find_all("g", "mark")
    }
    a = next(r for k, r in marks.items() if k.startswith("news/a.md"))
    b = next(r for k, r in marks.items() if k.startswith("news/b.md"))
    c21 = next(r for k, r in marks.items() if "more than" in k)
    # 55 billion is drawn higher (smaller y) than 40 billion; 2021 is right of 2020
    assert float(b.attrs["y"]) < float(a.attrs["y"])
    assert float(c21.attrs["x"]) > float(a.attrs["x"])
    for r in marks.values():
        assert float(r.attrs["width"]) > 0 and float(r.attrs["height"]) > 0


def test_findings_by_article_quote_the_sentence_and_link_the_evidence(built: Built) -> None:
    page = render(built.result)
    root = parse(page)
    ids = by_id(root)
    items = root.find_all("li", "finding")
    assert len(items) == 6
    first = next(i for i in items if i.attrs["data-rule"] == "quantity-contradicts-article")
    quote = first.find("blockquote")
    assert quote.find("mark").text == "US$55 billion"
    assert (
        quote.text
        == "Two-way trade reached US$55 billion in 2020, a record <script>alert('x')</script>."
    )
    links = [a.attrs["href"] for a in first.find("ul", "evidence").find_all("a")]
    assert len(links) == 2 and all(h.startswith("#") for h in links)
    # in-page anchors land on the quoted line of the other article, the cited claim marked
    marked = [[m.text for m in ids[href[1:]].find_all("mark")] for href in links]
    assert marked == [["US$40 billion"], ["about US$41 billion"]]
    fact = next(i for i in items if i.attrs["data-rule"] == "quantity-contradicts-fact")
    rule_link = fact.find("ul", "evidence").find("a")
    assert rule_link.attrs["href"] == "https://example.org/customs-2020?a=1&b=2"
    assert 'href="https://example.org/customs-2020?a=1&amp;b=2"' in page
    assert "(table <3>)" in fact.find("ul", "evidence").text
    assert re.search(r"facts\.yaml:\d+", fact.find("ul", "evidence").text)
    term = next(i for i in items if i.attrs["data-rule"] == "term-wrong-variant")
    assert term.find("p", "fix").text == "Fix: replace with 'Extensive Strategic Partnership'"
    hrefs = [a.attrs["href"] for a in term.find_all("a")]
    assert "https://example.org/terms" in hrefs
    assert not any(h.startswith("javascript") for h in hrefs)
    # every in-page link has a target
    for a in root.find_all("a"):
        if a.attrs["href"].startswith("#"):
            assert a.attrs["href"][1:] in ids, a.attrs["href"]


def test_findings_by_severity_with_a_filter_that_needs_no_script(built: Built) -> None:
    root = parse(render(built.result))
    section = next(s for s in root.find_all("section") if s.attrs.get("id") == "articles")
    docs = section.find_all("article", "doc")
    # the articles with errors first, then the one with a warning only
    assert [d.find("h3").find("code").text for d in docs] == ["news/b.md", "news/c.md", "news/a.md"]
    classes = ["doc has-error has-info", "doc has-error", "doc has-warning"]
    assert [d.attrs["class"] for d in docs] == classes
    # within an article: by severity, the info note last though it comes first in the text
    b = [li.attrs["class"] for li in docs[0].find_all("li", "finding")]
    assert b == ["finding error", "finding error", "finding error", "finding info"]
    # the filter: links to empty anchors before the articles, which the style sheet's `:target`
    # rules read to hide the other severities
    links = {a.text: a.attrs["href"] for a in section.find("p", "filters").find_all("a")}
    assert links == {
        "all (6)": "#articles",
        "errors (4)": "#only-error",
        "warnings (1)": "#only-warning",
        "info (1)": "#only-info",
    }
    targets = [n.attrs["id"] for n in section.find_all("span", "filter-target")]
    assert targets == ["only-error", "only-warning", "only-info"]
    style = root.find("style").text
    for sev in ("error", "warning", "info"):
        assert f"#only-{sev}:target ~ article.doc:not(.has-{sev})" in style
        assert f"#only-{sev}:target ~ article.doc li.finding:not(.{sev})" in style


def test_timelines_without_findings_are_folded(built: Built) -> None:
    root = parse(render(built.result))
    figures = {f.attrs["data-metric"]: f for f in root.find_all("figure", "timeline")}
    trade, visitors = figures["trade"].find("details"), figures["visitors"].find("details")
    assert "open" in trade.attrs and "open" not in visitors.attrs  # visitors has no finding
    for details in (trade, visitors):
        summary = details.children[0]
        assert isinstance(summary, Node) and summary.tag == "summary"
        assert details.find("svg").attrs["aria-labelledby"] == summary.attrs["id"]
    assert "content-visibility: visible" in root.find("style").text  # folded ones still print


def test_articles_link_to_where_they_were_published(built: Built) -> None:
    root = parse(render(built.result))
    rows = root.find("table", "documents").find("tbody").find_all("tr")
    title = rows[0].find_all("td")[2].find("a")
    assert (title.text, title.attrs["href"]) == ("Trade grows", "https://example.org/a")
    assert not rows[1].find_all("td")[2].find_all("a")  # b has no url
    heads = {d.find("h3").find("code").text: d.find("h3") for d in root.find_all("article", "doc")}
    assert heads["news/a.md"].find("a", "published").attrs["href"] == "https://example.org/a"
    assert not heads["news/b.md"].find_all("a")
    # an address that is not http(s) is shown as text, never linked
    doc = replace(built.docs["news/a.md"], meta={"title": "T", "url": "javascript:alert(1)"})
    odd = Finding("x-rule", "quantity", "warning", doc.path, 6, 1, 6, 2, "note")
    page = parse(render(Result([doc], {}, [odd], built.result.book)))
    assert not [a for a in page.find_all("a") if "javascript" in a.attrs["href"]]
    assert "url: javascript:alert(1)" in page.find("article", "doc").text


def test_bounded_values_drawn_as_bounds_not_bars_from_zero(built: Built) -> None:
    figures = {f.attrs["data-metric"]: f for f in parse(render(built.result)).find_all("figure")}
    svg = figures["visitors"].find("svg")
    exact, more = svg.find_all("g", "mark")
    assert more.attrs["class"] == "mark claim open-high"
    # "1 million" and more: a thin bar at the bound and an arrow up from it, not a box to the top
    bar = more.find("rect")
    assert float(bar.attrs["height"]) <= 3.0
    shaft = more.find("line", "open")
    assert float(shaft.attrs["y1"]) == pytest.approx(float(bar.attrs["y"]) + 0, abs=2)
    assert float(shaft.attrs["y2"]) < float(shaft.attrs["y1"])
    assert not exact.find_all("line")  # 950,000 exactly: no arrow
    # the value axis spans the figures, not zero: 950,000 and 1 million are far apart on it
    labels = [t.text for t in svg.find_all("text") if t.attrs.get("text-anchor") == "end"]
    assert labels[0] != "0"
    gap = float(exact.find("rect").attrs["y"]) - float(bar.attrs["y"])
    assert gap > 50  # 5% of the value, more than a fifth of the plot's height


def test_footer_names_the_rulebook_version_and_digest(built: Built) -> None:
    book = built.result.book
    assert len(book.digest) == 64
    footer = parse(render(built.result)).find("footer")
    assert footer.find("code", "rulebook-digest").text == book.digest
    assert footer.find_all("code", "rulebook-version") == []  # the config names none
    assert "rules_version" in footer.text
    assert "1 rule file" in footer.text and __version__ in footer.text
    named = replace(built.result, settings=replace(built.result.settings, rules_version="v<7>"))
    page = render(named)
    assert parse(page).find("footer").find("code", "rulebook-version").text == "v<7>"
    assert "v&lt;7&gt;" in page  # escaped


def test_everything_from_articles_and_rules_is_escaped(built: Built) -> None:
    page = render(built.result)
    root = parse(page)
    assert "<script" not in page.lower()
    assert not root.find_all("script") and not root.find_all("b")
    assert "<script>alert('x')</script>" in root.text  # shown as text, not run
    assert "Record <script>alert('title')</script>" in root.find("table", "documents").text
    assert "Two-way trade <goods>" in root.find("figure", "timeline").text


def test_self_contained_no_script_print_styles(built: Built) -> None:
    page = render(built.result)
    root = parse(page)
    assert not root.find_all("link") and not root.find_all("img") and not root.find_all("iframe")
    assert not [n for n in root.iter() if "src" in n.attrs or "style" in n.attrs]
    assert "@media print" in root.find("style").text
    assert "url(" not in root.find("style").text and "@import" not in page
    external = [a.attrs["href"] for a in root.find_all("a") if not a.attrs["href"].startswith("#")]
    assert external and all(h.startswith("https://") for h in external)  # links, never loads


def test_same_bytes_whatever_the_order(built: Built) -> None:
    r = built.result
    first = render(r)
    assert render(r) == first
    rng = random.Random(7)
    for _ in range(3):
        shuffled = Result(
            rng.sample(r.documents, len(r.documents)),
            {p: rng.sample(cs, len(cs)) for p, cs in rng.sample(list(r.claims.items()), 3)},
            rng.sample(r.findings, len(r.findings)),
            r.book,
            groups=r.groups,
        )
        assert render(shuffled) == first
    assert get("html") is render


def test_odd_results_render(built: Built) -> None:
    """Findings past the end of a file, on a file that was not read, claims with no period or
    no finite value, a metric the rulebook does not know: all render, nothing raises."""
    doc = Document("odd.txt", "short\n")
    lost = Finding("x-rule", "quantity", "warning", "odd.txt", 40, 3, 40, 9, "far away")
    unread = Finding("document-undecodable", "document", "error", "bin.txt", 1, 1, 1, 1, "binary")
    claims = [
        Claim("quantity", 0, 5, "short", target="unknown-metric", value=Quantity(1, 2, None)),
        Claim("quantity", 0, 5, "short", target="trade", period=Period.of(PartialDate(2020)),
              value=Quantity(float("-inf"), float("inf"), "USD")),
    ]  # fmt: skip
    r = Result([doc], {"odd.txt": claims}, [lost, unread], built.result.book)
    root = parse(render(r))
    assert count(root, "warnings") == 1 and count(root, "errors") == 1
    assert len(root.find_all("li", "finding")) == 2
    assert not root.find_all("svg")  # nothing plottable: notes instead
    assert "without a period or a finite value" in root.text
    assert parse(render(Result([], {}, [], built.result.book))).find_all("li", "finding") == []


def test_a_thousand_findings_stay_a_sane_size(built: Built) -> None:
    r = built.result
    docs = []
    claims: dict[str, list[Claim]] = {}
    findings = []
    a = r.claims["news/a.md"][0]
    for i in range(100):
        path = f"bulk/{i:03d}.md"
        doc = Document(path, TEXTS["news/b.md"] * 10, date=PartialDate(2021, 1 + i % 12))
        docs.append(doc)
        claims[path] = []
        for j in range(10):
            start = doc.text.index("US$55 billion", j * len(TEXTS["news/b.md"]))
            c = replace(r.claims["news/b.md"][0], start=start, end=start + 13, sentence=(0, 0))
            claims[path].append(c)
            findings.append(_at(doc, c, "quantity-contradicts-article", f"finding {j}",
                                (_where(built.docs["news/a.md"], a, "earlier"),)))  # fmt: skip
    big = Result([*docs, *r.documents], {**claims, **r.claims}, findings, r.book)
    t0 = time.perf_counter()
    page = render(big)
    elapsed = time.perf_counter() - t0
    root = parse(page)
    assert len(root.find_all("li", "finding")) == 1000
    assert len(page.encode()) < 2_000 * 1000  # under 2 kB a finding, all sections included
    svg = root.find("figure", "timeline").find("svg")
    assert len(svg.find_all("g", "mark")) == 1000 + 6  # + 2 trade facts and 4 claims above
    assert not svg.find_all("text", "mark-label")  # too many to number: the table does
    right = float(svg.attrs["viewbox"].split()[2])
    for rect in svg.find_all("rect"):  # a thousand claims of one year still fit the plot
        assert (
            float(rect.attrs["x"]) >= 0
            and float(rect.attrs["x"]) + float(rect.attrs["width"]) <= right
        )
    assert elapsed < 10, elapsed  # a loose bound: catches a quadratic blow-up, not a benchmark


# ---------------------------------------------------------------- end to end


def test_check_seeds_format_html(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)

    def run(fmt: str) -> tuple[int, str]:
        code = main(["check", "seeds", "--format", fmt])
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "internal error" not in err, err
        return code, out

    code, out = run("json")
    data = json.loads(out)
    html_code, page = run("html")
    assert html_code == code
    root = parse(page)
    assert count(root, "documents") == data["documents"]
    assert count(root, "claims") == data["claims"]
    for sev in ("error", "warning"):
        assert count(root, f"{sev}s") == sum(f["severity"] == sev for f in data["findings"])
    rules = [li.attrs["data-rule"] for li in root.find_all("li", "finding")]
    assert sorted(rules) == sorted(f["rule"] for f in data["findings"])
    assert len(root.find_all("figure", "timeline")) == count(root, "timelines") > 0
    assert run("html") == (code, page)
