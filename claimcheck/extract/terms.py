"""Official names and their wrong variants, with the year the sentence ties them to.

A short form ("the comprehensive strategic partnership") names a kind of relation many pairs of
countries have: it is the term's only where its clause, paragraph, headline or article names the
term's parties and no other pair (extract/ownership.py), and it records where they were found."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck import regexes
from claimcheck.claims import Claim
from claimcheck.extract import Sentence, extractor, ownership
from claimcheck.extract.mentions import Mention
from claimcheck.vocab import fold

# "... Partnership in 2014", "... Partnership (2014)"; a sentence opening "In 2002, ..." ties its
# first name to that year (1000 to 2099: "the City Charter (1624)").
_YEAR_AFTER = regexes.compile(r"[\"'\u201d\u2019]?,?\s*(?:in|\()\s*((?:1\d|20)\d\d)\b")
_YEAR_LEAD = regexes.compile(r"\s*in\s+((?:1\d|20)\d\d)\s*,", re.I)
_UPGRADE = regexes.compile(
    r"\b(?:upgrad\w*|establish\w*|elevat\w*|set(?:ting)? up|form\w*|"
    r"launch\w*|lift\w*|rais\w*)\b",
    re.I,
)


@extractor("terms", needs=("term", "variant"))
def terms(s: Sentence) -> Iterator[Claim]:
    text = s.doc.text
    first = True
    reach = -1
    for m in s.matches:
        if m.start < reach:
            continue  # inside a wrong variant already extended to the full name
        for entry in m.entries:
            if entry.kind not in ("term", "variant"):
                continue
            term = s.book.terms[entry.id]
            end = m.end
            attrs: list[tuple[str, str]] = [("form", entry.detail)]
            if entry.kind == "variant":
                variant = term.variants[int(entry.detail)]
                right = variant.right
                rest = _rest_of_name(term.name, right)
                if rest and s.folded.startswith(fold(rest), end):
                    end += len(rest)
                    right = term.name
                attrs = [("form", "wrong"), ("right", right), ("variant", entry.detail)]
            year = _YEAR_AFTER.match(text, end, s.end)
            lead = _YEAR_LEAD.match(text, s.start, m.start) if first else None
            bound = year or lead
            if bound:
                attrs.append(("year", bound.group(1)))
                if _UPGRADE.search(text, s.start, m.start):
                    attrs.append(("began", "yes"))
            if entry.detail == "short" and entry.kind == "term":
                span = ownership.clause(s, m.start, end)
                owned, how = ownership.owner(s, Mention(m.start, end, m.entries), term, span)
                if not owned:
                    break  # another pair's partnership
                if how is not None:
                    attrs.append(("inferred.subject", how))
            first = False
            reach = end
            yield Claim(
                "term",
                m.start,
                end,
                text[m.start : end],
                target=term.id,
                attrs=tuple(attrs),
                sentence=(s.start, s.end),
            )
            break


def _rest_of_name(name: str, right: str) -> str:
    """What follows a short form in the full name, when the name begins with it."""
    if fold(name).startswith(fold(right)) and len(name) > len(right):
        return name[len(right) :]
    return ""
