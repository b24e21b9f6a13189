"""schema.org ClaimReview JSON-LD, one per error finding: what a fact desk publishes with a fix.

The shape is schema.org's ClaimReview as Google's fact-check structured data reads it: required
`claimReviewed`, `reviewRating` (a Rating whose `alternateName` is the verdict shown) and `url`;
recommended `author`, `itemReviewed` (a Claim with its `appearance`, the article) and dates.

Choices, so that the output is true and the same bytes every run:
- Only error findings about a claim: a warning is not a verdict, and a `document` finding (an
  unreadable file, broken front matter) reviews no claim.
- The verdict comes from the rule's category (RATINGS) on one numeric scale: 1 = false or
  incorrect, 2 = misleading, best 5 (correct: never emitted, claimcheck only reports errors).
- `url` is the page that hosts the review. A newsroom publishes the review of its own article with
  the correction on that article's page, so it is the article's `url` (front matter or manifest)
  with a fragment naming the finding (from its fingerprint: stable when lines move). Only
  absolute http(s) addresses are written: structured data on the web cannot resolve a path in a
  repository, so an article without one gets no review, and stderr names it.
- `author` is the publisher of the review, `publisher: {name, url}` of the configuration (the
  newsroom or fact desk). Without it, the Organization AUTHOR ("claimcheck"): a made-up publisher
  would be worse than an honest tool name.
- `claimReviewed` is the sentence that makes the claim, as the article wrote it, not the span the
  finding marks: a reader of the fact check needs the claim, not a fragment of it.
- The review's own `datePublished` is left out: claimcheck does not know when the desk will
  publish, and the run's clock would make every run differ. The Claim and its appearance carry
  the article's date (front matter, manifest or dateline), which is when the claim was made.
"""

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import urldefrag

from claimcheck.extract.sentences import split
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.reports.common import one_line, plural, where
from claimcheck.reports.html.data import Index
from claimcheck.run.config import Publisher, absolute_url
from claimcheck.run.result import Result

CONTEXT = "https://schema.org"
AUTHOR = "claimcheck"
WORST, BEST = 1, 5
# category → (verdict, rating on the WORST..BEST scale)
RATINGS: dict[str, tuple[str, int]] = {
    "quantity": ("False", 1),
    "rank": ("False", 1),
    "date": ("False", 1),
    "arithmetic": ("Figures do not add up", 1),
    "unit": ("Misleading", 2),
    "title": ("Incorrect title", 1),
    "name": ("Incorrect name", 1),
    "term": ("Incorrect name", 1),
}
FALLBACK = ("Incorrect", 1)  # a category added later still gets a verdict
_SCRIPT_SAFE = {ord(c): f"\\u{ord(c):04x}" for c in "<>&"}


def render(result: Result) -> str:
    idx = Index(result)
    author = _author(result.settings.publisher)
    reviews: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    unpublished: dict[str, int] = {}
    for f in idx.findings:
        if f.severity != "error" or f.category == "document":
            continue
        doc = idx.doc(f.path)
        page = _article_url(doc)
        if page is None:
            unpublished[f.path] = unpublished.get(f.path, 0) + 1
            continue
        reviews.append(review(idx, f, used, page, author))
    for path, n in sorted(unpublished.items()):
        _note(
            f"claimcheck: {path}: {plural(n, 'error')} without a review: the article has no "
            "absolute `url` (front matter or manifest)"
        )
    text = json.dumps(reviews, indent=2, ensure_ascii=False)
    # Same JSON value, but safe to paste into <script type="application/ld+json">: a quoted
    # "</script>" cannot close the element. <, > and & occur only inside strings in JSON.
    return text.translate(_SCRIPT_SAFE) + "\n"


def _note(line: str) -> None:
    """One line on stderr, whatever a file name holds (Linux allows a newline, or a byte that
    is not UTF-8): what is not printable is written as its escape (\\n, \\udcff)."""
    if not line.isprintable():
        line = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in line)
    print(line, file=sys.stderr)


def review(
    idx: Index, f: Finding, used: dict[str, int], page: str, author: dict[str, str]
) -> dict[str, Any]:
    doc = idx.doc(f.path)
    verdict, value = RATINGS.get(f.category, FALLBACK)
    fragment = f"claimcheck-{f.fingerprint[:16]}"
    used[fragment] = used.get(fragment, 0) + 1
    if used[fragment] > 1:  # the same rule on the same words twice in one article
        fragment += f"-{used[fragment]}"
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"{urldefrag(page).url}#{fragment}",
        "claimReviewed": _claim_text(idx, f),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": verdict,
        },
        "itemReviewed": _claim(doc, page),
        "author": dict(author),
        "reviewBody": _body(f),
        "identifier": f.fingerprint,
    }
    return out


def _author(publisher: Publisher | None) -> dict[str, str]:
    if publisher is None:
        return {"@type": "Organization", "name": AUTHOR}
    return {"@type": "Organization", "name": publisher.name, "url": publisher.url.strip()}


def _article_url(doc: Document | None) -> str | None:
    """The article's public address (front matter or manifest `url`), when it is absolute."""
    url = doc.meta.get("url") if doc is not None else None
    return url.strip() if isinstance(url, str) and absolute_url(url) else None


def _claim_text(idx: Index, f: Finding) -> str:
    """The sentence that makes the claim, as the article wrote it (whitespace collapsed): the
    claim's own sentence, else the sentence of the article around the finding's start."""
    doc = idx.doc(f.path)
    if doc is None:
        return one_line(f.anchor) or f.message
    claim = idx.claim_at(f.path, f.line, f.column)
    if claim is not None and claim.sentence[0] <= claim.start < claim.sentence[1]:
        return one_line(doc.text[claim.sentence[0] : claim.sentence[1]])
    start = doc.offset(f.line, f.column)
    if start is None:
        return one_line(f.anchor) or f.message
    a, b = next(((a, b) for a, b in split(doc.text, doc.body_start) if a <= start < b), (0, 0))
    if b <= a:  # in the front matter or between sentences: its line
        return one_line(doc.line_text(f.line)) or f.message
    return one_line(doc.text[a:b])


def _claim(doc: Document | None, page: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": page}
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if doc is None:
        return claim
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        appearance["headline"] = one_line(title)
    source = doc.meta.get("source")
    if isinstance(source, str) and source.strip():
        claim["author"] = {"@type": "Organization", "name": one_line(source)}
    if doc.date is not None:
        claim["datePublished"] = appearance["datePublished"] = str(doc.date)
    return claim


def _body(f: Finding) -> str:
    """The finding's message and its evidence, as one paragraph a reader can follow up."""
    message = one_line(f.message, None)
    parts = [message if message.endswith((".", "!", "?")) else message + "."]
    if f.related:
        evidence = "; ".join(f"{where(r)} ({one_line(r.message, None)})" for r in f.related)
        parts.append(f"Evidence: {evidence}.")
    if f.fix is not None:
        parts.append(f"Correct form: {one_line(f.fix, None)!r}.")
    return " ".join(parts)
