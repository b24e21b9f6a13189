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
  the correction on that article's page, so it is the article's `url` (front matter) with a
  fragment naming the finding (from its fingerprint: stable when lines move); without a `url`,
  the article's path as a relative reference. The publisher rewrites it if the review lives
  elsewhere.
- `author` is the Organization AUTHOR ("claimcheck"): neither the rulebook nor the configuration
  names the fact desk, and a made-up publisher would be worse than an honest tool name.
- The review's own `datePublished` is left out: claimcheck does not know when the desk will
  publish, and the run's clock would make every run differ. The Claim and its appearance carry
  the article's date (front matter, manifest or dateline), which is when the claim was made.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urldefrag

from claimcheck.documents import Document
from claimcheck.findings import Finding
from claimcheck.pipeline import Result
from claimcheck.reports import formatter
from claimcheck.reports.common import one_line, where
from claimcheck.reports.html import Index
from claimcheck.reports.sarif import uri

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


@formatter("claimreview")
def render(result: Result) -> str:
    idx = Index(result)
    reviews: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    for f in idx.findings:
        if f.severity != "error" or f.category == "document":
            continue
        reviews.append(review(idx, f, used))
    text = json.dumps(reviews, indent=2, ensure_ascii=False)
    # Same JSON value, but safe to paste into <script type="application/ld+json">: a quoted
    # "</script>" cannot close the element. <, > and & occur only inside strings in JSON.
    return text.translate(_SCRIPT_SAFE) + "\n"


def review(idx: Index, f: Finding, used: dict[str, int]) -> dict[str, Any]:
    doc = idx.doc(f.path)
    verdict, value = RATINGS.get(f.category, FALLBACK)
    page = _article_url(doc, f.path)
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
        "author": {"@type": "Organization", "name": AUTHOR},
        "reviewBody": _body(f),
        "identifier": f.fingerprint,
    }
    return out


def _article_url(doc: Document | None, path: str) -> str:
    """The article's public address (front matter `url`), else its path as a URI reference."""
    url = doc.meta.get("url") if doc is not None else None
    if isinstance(url, str) and url.strip().startswith(("http://", "https://")):
        return url.strip()
    return uri(path)


def _claim_text(idx: Index, f: Finding) -> str:
    """The sentence that makes the claim, as the article wrote it (whitespace collapsed)."""
    spot = idx.spot(f)
    text = one_line(spot.sentence_text) if spot is not None else ""
    return text or one_line(f.anchor) or f.message


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
