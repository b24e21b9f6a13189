"""Cross-document checks: group by key, blame the outlier (or the later one), bounded related."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import Newsroom, article
from fixtures.figure_rules.build import Doc, book, days, qty, run_corpus, year

from claimcheck.checks.corpus import RELATED_MAX, build_groups
from claimcheck.rulebook import Rulebook


@pytest.fixture(scope="module")
def trade() -> Rulebook:
    return book("trade")


def trade_2021(
    path: str,
    date: str,
    digits: str,
    hedge: str | None = None,
    unit: str = "USD",
    scale: str = "billion",
) -> Doc:
    d = Doc(
        path,
        date,
        "---",
        f"date: {date}",
        "---",
        "Intro line.",
        f"Two-way trade reached {digits} {scale} {unit} in 2021.",
    )
    d.quantity(f"{digits} {scale} {unit}", "trade", qty(digits, scale, unit, hedge), year(2021))
    return d


def test_two_articles_that_disagree_blame_the_later_one(trade: Rulebook) -> None:
    early = trade_2021("a/early.md", "2022-01-15", "42.7")
    late = trade_2021("a/late.md", "2022-06-01", "52.7")
    [f] = run_corpus([late, early], trade)
    assert (f.rule, f.category, f.severity) == ("quantity-contradicts-article", "quantity", "error")
    assert (f.path, f.line) == ("a/late.md", 5)
    assert "'52.7 billion USD'" in f.message and "a/early.md:5" in f.message
    [rel] = f.related
    assert (rel.path, rel.line) == ("a/early.md", 5)
    assert "42.7 billion USD" in rel.message and "2022-01-15" in rel.message


def test_roundings_hedges_and_spellings_agree(trade: Rulebook) -> None:
    docs = [
        trade_2021("b/1.md", "2022-01-15", "42.7"),
        trade_2021("b/2.md", "2022-02-15", "43"),
        trade_2021("b/3.md", "2022-03-15", "40", hedge="about"),
        trade_2021("b/4.md", "2022-04-15", "40", hedge="over"),
    ]
    assert run_corpus(docs, trade) == []


def test_different_periods_never_contradict(trade: Rulebook) -> None:
    a = trade_2021("c/a.md", "2022-01-15", "42.7")
    b = Doc("c/b.md", "2023-01-15", "Trade reached 52.7 billion USD in 2020.")
    b.quantity("52.7 billion USD", "trade", qty("52.7", "billion"), year(2020))
    c = Doc("c/c.md", "2022-01-15", "Trade reached 52.7 billion USD in the first half of 2021.")
    c.quantity(
        "52.7 billion USD", "trade", qty("52.7", "billion"), days("2021-01-01", "2021-06-30")
    )
    assert run_corpus([a, b, c], trade) == []


def test_the_outlier_is_blamed_against_a_majority(trade: Rulebook) -> None:
    outlier = trade_2021("d/0.md", "2021-12-30", "52.7")  # earliest, but alone
    rest = [trade_2021(f"d/{i}.md", f"2022-0{i}-01", "42.7") for i in range(1, 4)]
    [f] = run_corpus([*rest, outlier], trade)
    assert f.path == "d/0.md"
    assert [r.path for r in f.related] == ["d/1.md", "d/2.md", "d/3.md"]


def test_a_repeated_figure_votes_once(trade: Rulebook) -> None:
    loud = trade_2021("e/loud.md", "2022-01-01", "52.7")
    for _ in range(3):
        loud.text += "It was 52.7 billion USD.\n"
    loud.doc.text = loud.text
    for n in range(1, 4):
        start = loud.text.index("52.7 billion USD.", loud.claims[-1].end)
        loud.claims.append(
            loud.claims[0].__class__(
                "quantity",
                start,
                start + 16,
                "52.7 billion USD",
                target="trade",
                value=qty("52.7", "billion"),
                period=year(2021),
            )
        )
        assert len(loud.claims) == n + 1
    others = [trade_2021(f"e/{i}.md", f"2022-0{i + 1}-01", "42.7") for i in range(2)]
    found = run_corpus([loud, *others], trade)
    assert {f.path for f in found} == {"e/loud.md"} and len(found) == 4


def test_many_conflicts_one_finding_per_offending_claim_bounded_related(trade: Rulebook) -> None:
    majority = [trade_2021(f"f/m{i:02}.md", f"2022-01-{i + 1:02}", "42.7") for i in range(9)]
    minority = [trade_2021(f"f/x{i}.md", f"2022-03-0{i + 1}", "52.7") for i in range(3)]
    found = run_corpus([*majority, *minority], trade)
    assert [f.path for f in found] == ["f/x0.md", "f/x1.md", "f/x2.md"]
    for f in found:
        assert len(f.related) == RELATED_MAX
        assert "and 4 more" in f.message


def test_hook_run_blames_the_newly_checked_article(trade: Rulebook) -> None:
    old = trade_2021("g/archive.md", "2023-05-01", "42.7")  # later date, already in the corpus
    new = trade_2021("g/new.md", "2022-01-01", "52.7")
    found = run_corpus([old, new], trade, targets=["g/new.md"])
    assert [f.path for f in found] == ["g/new.md"]
    # the newly checked article agrees with the majority: nothing to say about it
    more = trade_2021("g/more.md", "2023-06-01", "52.7")
    assert run_corpus([old, new, more], trade, targets=["g/new.md"]) == []


def test_a_fact_for_the_period_is_the_reference_not_the_articles(trade: Rulebook) -> None:
    a = Doc("h/a.md", "2023-01-01", "Trade hit US$47.6 billion in 2022.")
    a.quantity("US$47.6 billion", "trade", qty("47.6", "billion"), year(2022))
    b = Doc("h/b.md", "2023-02-01", "Trade hit US$57.6 billion in 2022.")
    b.quantity("US$57.6 billion", "trade", qty("57.6", "billion"), year(2022))
    assert run_corpus([a, b], trade) == []
    [g] = build_groups([a.doc, b.doc], {"h/a.md": a.claims, "h/b.md": b.claims}, trade)
    assert g.reference == "rulebook" and g.facts == ["47.6 billion USD"]
    assert [e.doc.path for e, _, _ in g.offending] == ["h/b.md"]


def test_present_tense_claims_group_by_document_date(trade: Rulebook) -> None:
    def now(path: str, date: str, digits: str) -> Doc:
        d = Doc(path, date, f"{digits},000 Freedonians now live in Sylvania.")
        month = days(f"{date}-01", f"{date}-28", "point")
        d.quantity(f"{digits},000", "residents", qty(f"{digits},000", unit=None), month)
        return d

    same = [now("i/a.md", "2019-02", "300"), now("i/b.md", "2019-02", "500")]
    assert [f.path for f in run_corpus(same, trade)] == ["i/b.md"]
    apart = [now("i/a.md", "2019-02", "300"), now("i/c.md", "2021-02", "500")]
    assert run_corpus(apart, trade) == []


def test_scale_mismatch_across_articles(trade: Rulebook) -> None:
    a = trade_2021("j/a.md", "2022-01-01", "19.5", scale="million")
    b = trade_2021("j/b.md", "2022-02-01", "19.5", scale="billion")
    [f] = run_corpus([a, b], trade)
    assert (f.rule, f.category, f.path) == ("unit-scale-mismatch", "unit", "j/b.md")
    assert f.message.startswith("scale mismatch:") and "a thousand times too large" in f.message
    assert f.related[0].path == "j/a.md"


def test_other_currencies_are_not_compared_without_a_rate(trade: Rulebook) -> None:
    a = trade_2021("k/a.md", "2022-01-01", "42.7")
    b = trade_2021("k/b.md", "2022-02-01", "5.2", unit="JPY", scale="trillion")
    assert run_corpus([a, b], trade) == []


def test_ranks_across_articles(trade: Rulebook) -> None:
    def ranked(path: str, date: str, rank: int, measure: str | None = None) -> Doc:
        d = Doc(path, date, f"In 2019 Freedonia was No. {rank} among foreign investors.")
        attrs = (("measure", measure),) if measure else ()
        d.rank(f"No. {rank}", "investors-annual", "freedonia", rank, year(2019), attrs=attrs)
        return d

    a, b = ranked("l/a.md", "2020-01-01", 2), ranked("l/b.md", "2020-03-01", 1)
    [f] = run_corpus([a, b], trade)
    assert (f.rule, f.category, f.path) == ("rank-contradicts-article", "rank", "l/b.md")
    assert "Freedonia 1st" in f.message and "l/a.md:1" in f.message
    assert "2nd" in f.related[0].message
    # the same place said by another measure is another question
    c = ranked("l/c.md", "2020-03-01", 1, measure="cumulative")
    assert run_corpus([a, c], trade) == []


def test_deterministic_whatever_the_order(trade: Rulebook) -> None:
    docs = [
        trade_2021(f"m/{i:02}.md", f"2022-01-{i % 28 + 1:02}", ("42.7", "52.7", "62.7")[i % 3])
        for i in range(30)
    ]
    first = run_corpus(docs, trade)
    assert first
    rng = random.Random(5)
    for _ in range(3):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        assert run_corpus(shuffled, trade) == first


def test_a_large_group_stays_one_finding_per_claim(trade: Rulebook) -> None:
    docs = [
        trade_2021(f"n/{i:04}.md", "2022-01-01", "42.7" if i % 4 else "52.7") for i in range(2000)
    ]
    found = run_corpus(docs, trade)
    assert len(found) == 500
    assert all(len(f.related) == RELATED_MAX for f in found)


# --- end to end: the pipeline, the hook run and the `report` command ------------------------

TRADE_RULES = (Path(__file__).parent / "fixtures" / "figure_rules" / "trade.yaml").read_text()


def trade_room(newsroom: Newsroom) -> Newsroom:
    newsroom.write("rules/trade.yaml", TRADE_RULES)
    newsroom.write(
        "news/a.md", article("Two-way trade reached US$42.7 billion in 2021.", "2022-01-15")
    )
    newsroom.write(
        "news/b.md", article("Two-way trade reached US$52.7 billion in 2021.", "2022-06-01")
    )
    newsroom.write(
        "news/c.md", article("Two-way trade reached US$47.6 billion in 2022.", "2023-01-10")
    )
    newsroom.write(
        "news/d.md", article("Two-way trade was about US$48 billion in 2022.", "2023-02-10")
    )
    return newsroom


def test_check_reports_the_later_article_with_the_earlier_in_related(newsroom: Newsroom) -> None:
    room = trade_room(newsroom)
    run = room.check("news/")
    assert run.code == 1
    [f] = [f for f in run.findings if f["category"] != "document"]
    assert (f["rule"], f["path"], f["line"]) == ("quantity-contradicts-article", "news/b.md", 4)
    assert f["related"][0]["path"] == "news/a.md" and f["related"][0]["line"] == 4
    assert "US$42.7 billion" in f["related"][0]["message"]


def test_hook_run_checks_the_new_file_against_the_corpus(newsroom: Newsroom) -> None:
    room = trade_room(newsroom)
    room.config("rules: [rules]\ncorpus: ['news/*.md']\n")
    # one against one: the article being committed is the one told it disagrees
    for name, other in (("a", "b"), ("b", "a")):
        run = room.check(f"news/{name}.md")
        assert [(f["rule"], f["path"]) for f in run.findings] == [
            ("quantity-contradicts-article", f"news/{name}.md")
        ]
        assert run.findings[0]["related"][0]["path"] == f"news/{other}.md"
    # with a third article agreeing with a.md, only b.md is told
    room.write("news/e.md", article("Two-way trade hit US$42.7 billion in 2021.", "2022-09-01"))
    assert room.check("news/a.md").code == 0
    assert room.check("news/b.md").code == 1


def test_report_text_one_row_per_key(newsroom: Newsroom) -> None:
    room = trade_room(newsroom)
    run = room.run("report", "news/")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[-1] == "4 documents, 2 claim keys, 1 with disagreement"
    assert "≠ news/b.md:4 'US$52.7 billion'" in run.out
    assert "  news/a.md:4 'US$42.7 billion'" in run.out
    assert "47.6 billion USD" in run.out  # the rulebook's value for 2022
    assert "1 disagrees with the" in run.out
    assert room.run("report", "news/").out == run.out  # deterministic


def test_report_json_and_markdown(newsroom: Newsroom) -> None:
    room = trade_room(newsroom)
    data = json.loads(room.run("report", "news/", "--format", "json").out)
    assert data["version"] == 1 and data["documents"] == 4
    g2021, g2022 = data["groups"]
    assert g2021["target"] == "trade" and g2021["period"]["start"] == "2021-01-01"
    assert g2021["reference"] == "articles" and g2021["disagreeing"] == 1
    assert [(v["path"], v["disagrees"]) for v in g2021["values"]] == [
        ("news/a.md", False),
        ("news/b.md", True),
    ]
    assert g2022["reference"] == "rulebook" and g2022["rulebook"] == ["47.6 billion USD"]
    assert g2022["disagreeing"] == 0 and len(g2022["values"]) == 2
    md = room.run("report", "news/", "--format", "markdown").out
    assert md.startswith("# Contradiction report\n")
    assert "| metric or ranking | subject | period | articles | rulebook | status |" in md
    assert "**≠** `news/b.md:4`" in md


def test_report_of_agreeing_articles_exits_0(newsroom: Newsroom) -> None:
    room = trade_room(newsroom)
    run = room.run("report", "news/c.md", "news/d.md")
    assert run.code == 0 and "0 with disagreement" in run.out
    one = room.run("report", "news/a.md")
    assert one.code == 0 and "0 claim keys" in one.out
    assert "1 claim key," in room.run("report", "news/a.md", "--all").out
    assert room.run("report", "nowhere/").code == 2


def _sentence(d: Doc, text: str) -> tuple[int, int]:
    start = d.text.index(text)
    return start, start + len(text)


def test_two_sentences_of_one_article_that_disagree_name_the_earlier_line(
    trade: Rulebook,
) -> None:
    first = "Two-way trade reached US$42.7 billion in 2021."
    second = "Trade between the two was US$52.7 billion in 2021, the ministry said."
    d = Doc("k/one.md", "2022-03-01", "---", "date: 2022-03-01", "---", first, "", second)
    d.quantity(
        "US$42.7 billion", "trade", qty("42.7", "billion"), year(2021), sentence=_sentence(d, first)
    )
    d.quantity(
        "US$52.7 billion",
        "trade",
        qty("52.7", "billion"),
        year(2021),
        sentence=_sentence(d, second),
    )
    [f] = run_corpus([d], trade)
    assert (f.rule, f.path, f.line) == ("quantity-contradicts-article", "k/one.md", 6)
    assert "'US$42.7 billion' earlier in this article (line 4)" in f.message
    assert "k/one.md:" not in f.message
    [rel] = f.related
    assert (rel.path, rel.line) == ("k/one.md", 4)


def test_figures_of_one_sentence_are_left_to_the_arithmetic(trade: Rulebook) -> None:
    # one sentence relating two figures of a metric and period (a total and an item, a change)
    # is read by the arithmetic engine; a misread relation is no contradiction
    text = "Two-way trade reached US$42.7 billion in 2021, with US$12.7 billion in the south."
    d = Doc("k/two.md", "2022-03-01", text)
    for figure, digits in (("US$42.7 billion", "42.7"), ("US$12.7 billion", "12.7")):
        d.quantity(figure, "trade", qty(digits, "billion"), year(2021), sentence=(0, len(text)))
    assert run_corpus([d], trade) == []
    # another article's figure still contradicts both that it cannot agree with
    other = trade_2021("k/other.md", "2022-01-01", "42.7")
    assert [(f.path, f.anchor) for f in run_corpus([d, other], trade)] == [
        ("k/two.md", "US$12.7 billion")
    ]
