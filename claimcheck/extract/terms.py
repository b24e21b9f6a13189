"""Official names and their wrong variants, with the year the sentence ties them to.

A short form ("the comprehensive strategic partnership") names a kind of relation many pairs of
countries have: it is the term's only where its clause, paragraph, headline or article names the
term's parties and no other pair (extract/ownership.py), and it records where they were found.

A name with no year beside it is dated by the time its clause speaks of ("in 2015", "last year":
the period phrase nearest before it, else the first after it), or, in the present tense with no
period at all, by the publication date (recorded as inferred). A history sentence (one that tells
how a framework was set up or upgraded, or names two of them) and a name in quotation marks
(a title of a statement, an old name quoted) are not dated so: they speak of the name, not of
the time. A count of years just before a name ("10 years of the extensive strategic
partnership") is an elapsed claim counted from the term's start, as for events."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck import regexes
from claimcheck.claims import Claim
from claimcheck.dates import Period
from claimcheck.extract import Sentence, extractor, ownership
from claimcheck.extract.events import _ANNIVERSARY, _BRIDGE, _YEARS, _count_time, _scan, _years
from claimcheck.extract.mentions import Mention
from claimcheck.extract.quantities import stated
from claimcheck.rulebook.schema import Term
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
# A sentence that tells how relations came to a name, or looks back from it: the name is history.
_HISTORY = regexes.compile(
    r"\b(?:upgrad\w*|establish\w*|elevat\w*|set(?:ting)? up|form\w*|launch\w*|lift\w*|"
    r"rais\w*|became|becom\w*|(?:grew|grown|turn\w*|evolv\w*|develop\w*)\s+into|transform\w*|renam\w*|"
    r"previous\w*|former\w*|predecessor|earlier|old|toward|towards)\b",
    re.I,
)
# The present tense, with no word of another time: "the partnership is thriving".
_REACH = 80  # characters from a count of years to the name it counts from, at most
_PRESENT = regexes.compile(r"\b(?:is|are|remains?|continues?|stays?)\b", re.I)
_OTHER_TIME = regexes.compile(
    r"\b(?:was|were|had|did|would|will|shall|ago|then|once|used to|going to)\b", re.I
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
            counted = _elapsed(s, m.start, end, term)
            period = None
            if not bound and entry.kind == "term" and counted is None:
                period, when = _time(s, m.start, end)  # a count of years dates the start
                if when is not None:
                    attrs.append(("inferred.period", when))
            first = False
            reach = end
            yield Claim(
                "term",
                m.start,
                end,
                text[m.start : end],
                target=term.id,
                period=period,
                attrs=tuple(attrs),
                sentence=(s.start, s.end),
            )
            if counted is not None:
                yield counted
            break


def _rest_of_name(name: str, right: str) -> str:
    """What follows a short form in the full name, when the name begins with it."""
    if fold(name).startswith(fold(right)) and len(name) > len(right):
        return name[len(right) :]
    return ""


def _time(s: Sentence, start: int, end: int) -> tuple[Period | None, str | None]:
    """The time a name with no year beside it is said of, and how it was inferred (None:
    stated): see the module docstring."""
    text = s.doc.text
    if _quoted(text, s.start, start) or _history(s):
        return None, None
    lo, hi = ownership.clause(s, start, end)
    found = [
        p
        for p in s.periods
        if lo <= p.start and p.end <= hi and not {"same-period", "weekday"} & set(p.flags)
    ]
    before = [p for p in found if p.end <= start]
    pick = before[-1] if before else next((p for p in found if p.start >= end), None)
    if pick is not None:
        return stated(text, pick), None
    date = s.doc.date
    if date is None or _OTHER_TIME.search(text, lo, hi) or not _PRESENT.search(text, lo, hi):
        return None, None
    return Period(date.first(), date.last(), "span"), "publication-date"


def _quoted(text: str, lo: int, at: int) -> bool:
    """Whether a quotation opened in text[lo:at] is still open at `at`."""
    before = text[lo:at]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def _history(s: Sentence) -> bool:
    """A sentence that tells how the relation came to its name, or names two frameworks."""
    named = {e.id for m in s.matches for e in m.entries if e.kind in ("term", "variant")}
    return len(named) > 1 or _HISTORY.search(s.doc.text, s.start, s.end) is not None


def _elapsed(s: Sentence, at: int, end: int, term: Term) -> Claim | None:
    """ "10 years of the extensive strategic partnership": years counted from the term's start,
    in the words events.py reads before an event's name."""
    low = s.folded
    for pat, form in ((_ANNIVERSARY, "ordinal"), (_YEARS, "cardinal")):
        for found in pat.finditer(low, max(s.start, at - _REACH), at):
            gap = _BRIDGE.match(low, found.end(), at)
            if gap is None or gap.end() != at:
                continue
            years, rounding = _years(found, form)
            if years is None:
                continue
            attrs = [("years", str(years)), ("form", form)]
            if form == "ordinal" and "anniversary" not in found.group(0):
                attrs.append(("counted", "year"))
            if form == "cardinal":
                attrs.append(("round", str(rounding)))
                if found.group("hedge"):
                    attrs.append(("hedge", found.group("hedge")))
            period, when = _count_time(_scan(s), term.since)
            return Claim(
                "elapsed",
                found.start(),
                end,
                s.doc.text[found.start() : end],
                target=term.id,
                period=period,
                attrs=(*attrs, ("at", when)),
                sentence=(s.start, s.end),
            )
    return None
