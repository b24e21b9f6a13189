"""Official names and their wrong variants, with the year the sentence ties them to.

A short form ("the comprehensive strategic partnership") names a kind of relation many pairs of
countries have: it is the term's only where its clause, paragraph, headline or article names the
term's parties and no other pair (extract/ownership.py), and it records where they were found.

A name with no year beside it is dated by the time its clause speaks of ("in 2015", "last year":
the period phrase nearest before it, else the first after it), or, in the present tense with no
period at all, by the publication date (recorded as inferred). A history sentence (one whose clause
tells how a framework was set up or upgraded, or one that names two of them) and a name in
quotation marks (a title of a statement, an old name quoted) are not dated so: they speak of the
name, not of the time. A time clause set off by commas ("..., shortly after she became chief
executive, ...") is its own subject's: neither its verbs nor its periods bear on the name. A
count of years just before a name ("10 years of the extensive strategic partnership") is an
elapsed claim counted from the term's start, as for events."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from claimcheck.extract import ownership
from claimcheck.extract.context import Sentence, automaton
from claimcheck.extract.events import (
    ANNIVERSARY,
    YEARS,
    bridged,
    count_attrs,
    count_time,
    scan_events,
)
from claimcheck.extract.mentions import Mention, span_starts
from claimcheck.extract.periods import stated
from claimcheck.extract.registry import extractor
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.rulebook.schema import Term
from claimcheck.rulebook.vocab import fold

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
# Stems take any ending ("upgraded", "formally"); words stand whole ("old", not "bold" or "older").
_HISTORY_STEMS = (
    "upgrad", "establish", "elevat", "form", "launch", "lift", "rais", "becom", "transform",
    "renam", "previous", "former",
    "cumulat", "accumulat",  # a running total reaches back: its end day dates no name in it
)  # fmt: skip
_HISTORY_WORDS = (
    "set up", "setting up", "became", "grew into", "grown into", "turned into", "evolved into",
    "developed into", "predecessor", "earlier", "old", "toward", "towards",
)  # fmt: skip
_COUNT_WORD = regexes.compile("year|decade|centur|anniversar")  # in every count of years
_REACH = 80  # characters from a count of years to the name it counts from, at most
# The present tense, with no word of another time: "the partnership is thriving".
_WORD = regexes.compile(r"[a-z]+")
_QUOTE = regexes.compile('["\u201c\u201d]')
_PRESENT_WORDS = frozenset("is are remain remains continue continues stay stays".split())
_PRESENT_WORD = regexes.compile(" (?:is|are|remain|continue|stay)")  # the words above begin so
_OTHER_TIME_WORDS = frozenset("was were had did would will shall ago then once used going".split())


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


@cache
def _rest_of_name(name: str, right: str) -> str:
    """What follows a short form in the full name, when the name begins with it."""
    if fold(name).startswith(fold(right)) and len(name) > len(right):
        return name[len(right) :]
    return ""


# "spent C$455 million under the plan by March 2024": where a running total stands on a day,
# not a time the name is said of
_UNTIL = regexes.compile(
    r"(?i:\b(?:by|as\s+of|until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?$)"
)


_UNTIL_OPENS = regexes.compile(r"(?i:(?:by|as\s+of|until|till|through|up\s+to)\s)")


def _time(s: Sentence, start: int, end: int) -> tuple[Period | None, str | None]:
    """The time a name with no year beside it is said of, and how it was inferred (None:
    stated): see the module docstring. The cheap tests first: most names are dated by nothing."""
    if not _datable(s):
        return None, None
    text, date = s.doc.text, s.doc.date
    r = _reading(s)
    lo, hi = ownership.clause(s, start, end)
    own = r.aside_at(s, start)  # the aside the name is in, if any (-1)
    found = [
        p
        for p in s.periods
        if lo <= p.start and p.end <= hi and "same-period" not in p.flags
        and "weekday" not in p.flags
        and not _UNTIL.search(text, max(lo, p.start - 24), p.start)
        and not _UNTIL_OPENS.match(text, p.start, p.end)
        and r.aside_at(s, p.start) in (-1, own)
    ]  # fmt: skip
    before = [p for p in found if p.end <= start]
    pick = before[-1] if before else next((p for p in found if p.start >= end), None)
    period: Period | None = None
    how = None
    if pick is not None:
        period = stated(text, pick)
    elif date is not None and r.present(s.folded, lo, hi):
        period, how = Period(date.first(), date.last(), "span"), "publication-date"
    if period is None or r.quoted(start) or _history(s, r, lo, hi, own):
        return None, None
    return period, how


def _datable(s: Sentence) -> bool:
    """False when nothing in the sentence can date a name: no period phrase, and no present
    tense at a known publication date (quick tests, before any reading)."""
    if s.periods:
        return True
    return s.doc.date is not None and _PRESENT_WORD.search(s.folded, s.start, s.end) is not None


class _Reading:
    """What dating a name reads in its sentence, found once: a sentence with many names stays
    linear. Clauses are ownership.clause's; quotation marks with whether one is open after
    each; the time clauses set off by commas."""

    __slots__ = ("aside_spans", "aside_starts", "history", "open_after", "quote_at", "tenses")

    def __init__(self, s: Sentence) -> None:
        text = s.doc.text
        self.quote_at: list[int] = []
        self.open_after: list[bool] = []
        self.tenses: dict[tuple[int, int], bool] = {}
        self.history: dict[tuple[int, int, int], bool] = {}
        self.aside_spans: list[tuple[int, int]] | None = None
        self.aside_starts: list[int] = []
        curly, straight = 0, False
        for q in _QUOTE.finditer(text, s.start, s.end):
            if q.group() == '"':
                straight = not straight
            else:
                curly += 1 if q.group() == "\u201c" else -1
            self.quote_at.append(q.start())
            self.open_after.append(curly > 0 or straight)

    def aside_at(self, s: Sentence, at: int) -> int:
        """The index of the time clause set off by commas ("shortly after she became chief
        executive") that holds `at`, else -1: its verbs and periods are its own subject's."""
        if self.aside_spans is None:
            self.aside_spans = _asides(s)
            self.aside_starts = [a for a, _ in self.aside_spans]
        k = bisect.bisect_right(self.aside_starts, at) - 1
        return k if k >= 0 and at < self.aside_spans[k][1] else -1

    def asides_within(self, lo: int, hi: int, own: int) -> list[tuple[int, int]]:
        """The asides within [lo, hi) (clipped to it), but the one numbered `own`."""
        assert self.aside_spans is not None  # aside_at was asked first
        k = bisect.bisect_right(self.aside_starts, lo) - 1
        out = []
        for i in range(max(k, 0), len(self.aside_spans)):
            a, b = self.aside_spans[i]
            if a >= hi:
                break
            if b > lo and i != own:
                out.append((max(a, lo), min(b, hi)))
        return out

    def quoted(self, at: int) -> bool:
        """Whether a quotation is open at `at`."""
        k = bisect.bisect_left(self.quote_at, at)
        return self.open_after[k - 1] if k else False

    def present(self, low: str, lo: int, hi: int) -> bool:
        """The clause is in the present tense and names no other time."""
        said = self.tenses.get((lo, hi))
        if said is None:
            words = set(_WORD.findall(low, lo, hi))
            said = bool(words & _PRESENT_WORDS) and not words & _OTHER_TIME_WORDS
            self.tenses[(lo, hi)] = said
        return said


# A comma segment opening with a conjunction of time: "..., shortly after Priya Raman became chief
# executive, ..."; "since 2019" and "after March" are periods, not clauses (see _asides).
_TIME_CLAUSE = regexes.compile(
    r"\s*(?:(?:shortly|soon|just|long|only|even|right|not\s+long)\s+)?"
    r"(?:after|before|when|once|until|since|as\s+soon\s+as|by\s+the\s+time)\s+(?=\S)",
    re.I,
)


def _asides(s: Sentence) -> list[tuple[int, int]]:
    """Every comma segment that is a time clause, as (start, end), in order."""
    text = s.doc.text
    commas = [m.start() for m in _COMMA.finditer(text, s.start, s.end)]
    starts = span_starts(s, s.periods)
    found = []
    for a, b in zip([s.start - 1, *commas], [*commas, s.end], strict=True):
        m = _TIME_CLAUSE.match(text, a + 1, b)
        k = bisect.bisect_right(starts, m.end()) - 1 if m else -1
        if m and not (k >= 0 and s.periods[k].start <= m.end() < s.periods[k].end):
            found.append((a + 1, b))
    return found


_COMMA = regexes.compile(",")


def _reading(s: Sentence) -> _Reading:
    cache = vars(s)
    r: _Reading | None = cache.get("_term_reading")
    if r is None:
        r = cache["_term_reading"] = _Reading(s)
    return r


def _history(s: Sentence, r: _Reading, lo: int, hi: int, own: int) -> bool:
    """The name's clause tells how the relation came to its name, or the sentence names two
    frameworks. A time clause aside (but the name's own, `own`) is not read: in "adopted X in
    2021, shortly after Y became chief executive" the becoming is Y's, and 2021 still dates X."""
    found = r.history.get((lo, hi, own))
    if found is None:
        low = s.folded
        cuts = [lo, *(x for span in r.asides_within(lo, hi, own) for x in span), hi]
        found = any(
            _says(low[a:b], _HISTORY_STEMS, whole=False) or _says(low[a:b], _HISTORY_WORDS, True)
            for a, b in zip(cuts[::2], cuts[1::2], strict=True)
        )
        if not found:
            named = {e.id for m in s.matches for e in m.entries if e.kind in ("term", "variant")}
            found = len(named) > 1
        r.history[(lo, hi, own)] = found
    return found


def _says(low: str, words: tuple[str, ...], whole: bool) -> bool:
    """Whether lower-case text holds one of the words at the start of a word (and, `whole`,
    ending one)."""
    for last, n in automaton(words).iter(low):
        first = last - n + 1
        if first > 0 and low[first - 1].isalnum():
            continue
        if whole and last + 1 < len(low) and low[last + 1].isalnum():
            continue
        return True
    return False


def _elapsed(s: Sentence, at: int, end: int, term: Term) -> Claim | None:
    """ "10 years of the extensive strategic partnership": years counted from the term's start,
    in the words events.py reads before an event's name."""
    low = s.folded
    lo = max(s.start, at - _REACH)
    if _COUNT_WORD.search(low, lo, at) is None:
        return None  # the quick test: no count of years before the name
    for pat, form in ((ANNIVERSARY, "ordinal"), (YEARS, "cardinal")):
        for found in pat.finditer(low, lo, at):
            attrs = count_attrs(found, form)
            sc = scan_events(s) if attrs is not None else None
            if attrs is None or sc is None or not bridged(sc, found.end(), at):
                continue
            period, when = count_time(sc, term.since)
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
