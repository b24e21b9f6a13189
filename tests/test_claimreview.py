"""ClaimReview JSON-LD: the shape schema.org and Google's fact-check documentation ask for, one
review per error finding about a claim, deterministic bytes, and the seeds end to end.

SHAPE encodes, as a JSON Schema, what Google's "Fact check (ClaimReview) structured data" page
(https://developers.google.com/search/docs/appearance/structured-data/factcheck) requires:
ClaimReview `claimReviewed` (Text), `reviewRating` (Rating) and `url` (URL); Rating
`alternateName` (Text); and what it recommends, with schema.org's types
(https://schema.org/ClaimReview): `author` (Organization or Person, with a name), `itemReviewed`
(Claim, with `appearance` a URL or CreativeWork and `datePublished` a Date), Rating
`ratingValue`/`bestRating`/`worstRating` (Number). JSON-LD must declare the schema.org @context.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import WRONG, Newsroom, article
from test_html_report import REPO_ROOT, Built, build

from claimcheck.cli import main
from claimcheck.model.findings import Finding
from claimcheck.reports import get
from claimcheck.reports.claimreview import RATINGS, render
from claimcheck.run.result import Result

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
NAMED = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {
        "@type": {"enum": ["Organization", "Person"]},
        "name": {"type": "string", "minLength": 1},
    },
}
SHAPE: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["@context", "@type", "claimReviewed", "reviewRating", "url"],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string", "minLength": 1},
            "url": {"type": "string", "pattern": r"^[^\s#]+#[A-Za-z][\w-]*$"},
            "reviewBody": {"type": "string", "minLength": 1},
            "author": NAMED,
            "datePublished": {"type": "string", "pattern": ISO_DATE},
            "reviewRating": {
                "type": "object",
                "required": ["@type", "alternateName", "ratingValue", "bestRating", "worstRating"],
                "properties": {
                    "@type": {"const": "Rating"},
                    "alternateName": {"type": "string", "minLength": 1},
                    "ratingValue": {"type": "number"},
                    "bestRating": {"type": "number"},
                    "worstRating": {"type": "number"},
                },
            },
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "appearance"],
                "properties": {
                    "@type": {"const": "Claim"},
                    "author": NAMED,
                    "datePublished": {"type": "string", "pattern": ISO_DATE},
                    "appearance": {
                        "type": "object",
                        "required": ["@type", "url"],
                        "properties": {
                            "@type": {"const": "CreativeWork"},
                            "url": {"type": "string", "minLength": 1},
                            "datePublished": {"type": "string", "pattern": ISO_DATE},
                            "headline": {"type": "string"},
                        },
                    },
                },
            },
        },
    },
}


def reviews(result: Result) -> list[dict[str, Any]]:
    text = render(result)
    data: list[dict[str, Any]] = json.loads(text)
    jsonschema.validate(data, SHAPE)
    for r in data:
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    return data


@pytest.fixture
def built(tmp_path: Path) -> Built:
    """The HTML report's result, plus findings that must not become reviews and one on a.md;
    b.md and c.md are given public addresses (a.md has one)."""
    b = build(tmp_path)
    b.docs["news/b.md"].meta["url"] = "https://example.org/b?x=1#top"
    b.docs["news/c.md"].meta["url"] = "http://example.org/c"
    a = b.docs["news/a.md"]
    rank = b.claim("news/a.md", "second largest foreign investor")
    line, col = a.position(rank.start)
    extra = [
        Finding("title-wrong", "title", "error", "news/a.md", line, col, line, col + 6, "no"),
        Finding("quantity-x", "quantity", "warning", "news/a.md", 1, 1, 1, 2, "a warning"),
        Finding("document-front-matter", "document", "error", "news/c.md", 2, 1, 2, 5, "bad"),
    ]
    b.result = replace(b.result, findings=[*b.result.findings, *extra])
    return b


def test_one_review_per_error_finding_about_a_claim_of_a_published_article(
    built: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    del built.docs["news/c.md"].meta["url"]
    data = reviews(built.result)
    wanted = [
        f
        for f in built.result.findings
        if f.severity == "error" and f.category != "document" and f.path != "news/c.md"
    ]
    assert len(data) == len(wanted) == 4
    assert sorted(r["identifier"] for r in data) == sorted(f.fingerprint for f in wanted)
    # c.md has no public address: its error gets no review, and stderr says so
    err = capsys.readouterr().err
    assert "news/c.md: 1 error without a review: the article has no absolute `url`" in err
    assert "news/a.md" not in err and "news/b.md" not in err


def test_only_absolute_urls(built: Built) -> None:
    """b.md's address, not absolute http(s), takes its reviews out; the others stay."""
    before = {r["identifier"] for r in reviews(built.result) if "/b?" not in r["url"]}
    for url in ["2021/b.html", "/b.html", "https:///b", "ftp://x/b", "https://x y/b", ""]:
        built.docs["news/b.md"].meta["url"] = url
        data = reviews(built.result)
        assert {r["identifier"] for r in data} == before, url
        assert all(
            r["url"].startswith(("https://example.org/", "http://example.org/")) for r in data
        )


def test_publisher_from_the_configuration_is_the_author(built: Built) -> None:
    from claimcheck.run.config import Publisher, Settings

    desk = Publisher("The Fact Desk", "https://desk.example.org/")
    result = replace(built.result, settings=Settings(publisher=desk))
    for r in reviews(result):
        assert r["author"] == {
            "@type": "Organization",
            "name": "The Fact Desk",
            "url": "https://desk.example.org/",
        }


def test_review_fields(built: Built) -> None:
    data = reviews(built.result)
    by_rule = {}
    for f in built.result.findings:
        by_rule[f.rule] = next((r for r in data if r["identifier"] == f.fingerprint), None)
    fact = by_rule["quantity-contradicts-fact"]
    assert fact is not None
    # the sentence as written, the verdict from the category, the evidence in the body
    assert fact["claimReviewed"] == (
        "Two-way trade reached US$55 billion in 2020, a record <script>alert('x')</script>."
    )
    assert fact["reviewRating"]["alternateName"] == "False"
    assert "https://example.org/customs-2020?a=1&b=2" in fact["reviewBody"]
    assert re.search(r"Evidence: \S*facts\.yaml:\d+ \(source: ", fact["reviewBody"])
    claim = fact["itemReviewed"]
    assert claim["datePublished"] == claim["appearance"]["datePublished"] == "2021-03-01"
    assert claim["appearance"]["headline"] == "Record <script>alert('title')</script>"
    assert "author" not in claim  # b.md names no source
    # b.md's public address, its own fragment replaced by one naming the finding
    assert fact["url"] == f"https://example.org/b?x=1#claimcheck-{fact['identifier'][:16]}"
    assert fact["author"] == {"@type": "Organization", "name": "claimcheck"}
    assert "datePublished" not in fact  # the review's date is the publisher's to set
    title = by_rule["title-wrong"]
    assert title is not None
    assert title["reviewRating"]["alternateName"] == "Incorrect title"
    assert title["url"].startswith("https://example.org/a#claimcheck-")  # a.md has a url
    assert title["itemReviewed"]["appearance"]["url"] == "https://example.org/a"
    assert title["claimReviewed"] == "Japan was the second largest foreign investor in 2020."
    term = by_rule["term-wrong-variant"]
    assert term is not None
    assert term["reviewRating"]["alternateName"] == "Incorrect name"
    assert term["reviewBody"].endswith("Correct form: 'Extensive Strategic Partnership'.")
    assert by_rule["quantity-x"] is None and by_rule["document-front-matter"] is None
    for r in data:  # only absolute addresses
        for url in (r["url"], r["itemReviewed"]["appearance"]["url"]):
            assert re.match(r"https?://[^/\s]+/", url), url
    urls = [r["url"] for r in data]
    assert len(set(urls)) == len(urls)


def test_every_category_has_a_verdict_on_one_scale() -> None:
    from claimcheck.model.findings import CATEGORIES

    assert set(RATINGS) == set(CATEGORIES) - {"document"}
    for verdict, value in RATINGS.values():
        assert verdict and 1 <= value <= 5
    # one number means one verdict kind: 1 = false/incorrect, 2 = misleading
    assert {v for name, v in RATINGS.values() if name == "Misleading"} == {2}


def test_same_findings_twice_on_one_span_get_distinct_urls(built: Built) -> None:
    f = next(f for f in built.result.findings if f.rule == "term-wrong-variant")
    twin = replace(f, message=f.message + " (again)")
    data = reviews(replace(built.result, findings=[f, twin]))
    assert data[0]["identifier"] == data[1]["identifier"]
    assert data[1]["url"] == data[0]["url"] + "-2"


def test_safe_inside_a_script_element_and_deterministic(built: Built) -> None:
    text = render(built.result)
    assert "<" not in text and ">" not in text and "&" not in text  # \u003c etc.: same JSON
    assert "</script>" in json.dumps(json.loads(text))
    shuffled = replace(built.result, findings=list(reversed(built.result.findings)))
    assert render(shuffled) == text
    assert get("claimreview") is render
    assert render(replace(built.result, findings=[])) == "[]\n"


def test_check_seeds_format_claimreview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seeds end to end, each given a public address in its manifest, and a publisher."""
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO_ROOT / "seeds", seeds)
    manifest = seeds / "claimcheck-manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(
        r"^(\d{3})(\w+\.txt):\n", r"\1\2:\n  url: https://news.example.org/\1\n", text, flags=re.M
    )
    manifest.write_text(text, encoding="utf-8")
    (tmp_path / ".claimcheck.yaml").write_text(
        f"rules: [{REPO_ROOT / 'rules'}]\n"
        "publisher: {name: The Fact Desk, url: 'https://desk.example.org/'}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code = main(["check", "seeds", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "seeds", "--format", "claimreview"]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "without a review" not in err
    data = json.loads(out)
    jsonschema.validate(data, SHAPE)
    errors = [f for f in findings if f["severity"] == "error" and f["category"] != "document"]
    assert len(data) == len(errors) > 0
    manifest_dates = {"000": "2017-12", "001": "2023-11-28", "002": "2015-09-15"}
    for review, f in zip(data, errors, strict=True):
        seed = review["itemReviewed"]["appearance"]["url"].split("/")[-1]
        assert review["url"].startswith(f"https://news.example.org/{seed}#claimcheck-")
        if seed in manifest_dates:
            assert review["itemReviewed"]["datePublished"] == manifest_dates[seed]
        assert review["itemReviewed"]["author"]["name"]  # the manifest's `source`
        assert review["author"] == {
            "@type": "Organization",
            "name": "The Fact Desk",
            "url": "https://desk.example.org/",
        }
        # the sentence, not the span: it holds the span and more, and ends as a sentence does
        lines = (seeds / Path(f["path"]).name).read_text(encoding="utf-8").splitlines()
        span = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        claim = review["claimReviewed"]
        assert " ".join(span.split()) in claim and len(claim) > len(span) + 20
        assert claim[0].isupper() and claim.endswith("."), claim


@pytest.mark.parametrize("flow", [False, True])
def test_publisher_is_validated_like_every_config_key(newsroom: Newsroom, flow: bool) -> None:
    """Every problem at its line and column, in one round, exit 2; a good one is read."""
    newsroom.write("a.md", article(WRONG, url="https://news.example.org/a"))
    bad = (
        "publisher: {nmae: Desk, url: 'desk.example.org/x'}\n"
        if flow
        else "publisher:\n  nmae: Desk\n  url: desk.example.org/x\n"
    )
    newsroom.config("rules: [rules]\n" + bad)
    run = newsroom.run("check", "a.md", "--format", "claimreview")
    assert (run.code, run.out) == (2, "")
    lines = run.err.splitlines()
    assert len(lines) == 3 and all(line.startswith(".claimcheck.yaml:") for line in lines)
    assert any("publisher needs name" in line for line in lines)
    assert any(
        re.search(r":\d+:\d+: unknown key 'nmae' \(at publisher\); did you mean 'name'\?", line)
        for line in lines
    )
    assert any("'desk.example.org/x' is not an absolute http(s) address" in line for line in lines)
    newsroom.config("rules: [rules]\npublisher: Desk\n")
    assert newsroom.run("check", "a.md").code == 2
    newsroom.config(
        "rules: [rules]\npublisher:\n  name: The Desk\n  url: https://desk.example.org/\n"
    )
    run = newsroom.run("check", "a.md", "--format", "claimreview")
    assert run.code == 1
    (review,) = json.loads(run.out)
    assert review["author"]["name"] == "The Desk"
    assert review["url"].startswith("https://news.example.org/a#claimcheck-")
