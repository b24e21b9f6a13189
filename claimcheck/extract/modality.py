"""Modality: whether the clause around a figure or a rank asserts it, or forecasts, targets,
plans, hopes, conditions or asks it.

A forecast of this year's trade, a target for 2030 or the rank a country "could" reach is no fact
of the period it names: the check engines judge only asserted claims (claimcheck/model/claims.py
gives the attribute). Reported speech of a fact ("he said trade reached ...") stays asserted, and so
does a commitment ("agreed to provide", "pledged"): the figure of a deal is a fact of the deal.

The reading is per clause, not per sentence, so that "trade reached X, beating the forecast of
Y" keeps X asserted and makes Y a forecast:
- a *local* cue binds only the figure next to it: "the target of Y", "a forecast of Y",
  "the projected Y", "the Y target", "Y is expected";
- a *clause* cue ("is expected to", "expects revenue of", "will", "aims to", "could") binds
  every figure after it in its clause; clauses end at ";", a dash, ", which", ", while", ", but",
  a comma before an -ing word ("..., exceeding"), and " and " before a new verb ("... and is
  expected to");
- a sentence that opens with "If" or "Unless" is a condition throughout; one that ends with "?"
  is a question;
- a figure of a period that starts after the publication date cannot be a fact yet: a target
  when its clause says "by ..." (by 2030), else a forecast; unless its clause reports it with a
  past or perfect verb ("was", "reached", "has become"): then the date is what is wrong.

English words only: nothing here knows a country, an office or a metric. Most sentences hold no
cue word, and a quick test on the lower-case text skips them before any pattern runs.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from claimcheck.extract.context import Sentence, automaton
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period

MODALITIES = ("forecast", "target", "plan", "hope", "condition", "question")

# What every cue holds, in lower case: a sentence with none of them has no cue but a future
# period or a question mark.
_STEMS = (
    "expect", "project", "forecast", "predict", "likely", "set to", "on track", "poised",
    "anticipat", "estimat", "will", "would", "could", "may", "might", "should", "shall",
    "target", "aim", "plan", "intend", "hope", "hoping", "wish", "want", "seek", "sought",
    "striv", "endeavo", "going to", "schedul", "slated",
    "is to", "are to", "was to", "were to", "if", "unless", "goal", "objective", "outlook",
    "propos", "tipped",
)  # fmt: skip
_TO = r"\s+(?:[\w'-]+\s+){0,4}?to\b"  # "expects (two-way trade) to"
# Clause cues, on the folded (lower-case) text; the group that matched names the modality.
_CLAUSE_CUE = regexes.compile(
    r"\b(?:"
    rf"(?P<forecast>(?:expect\w*|project(?:s|ed)|forecast(?:s|ed)?|predict\w*|anticipat\w*){_TO}"
    r"|(?:expects?|expecting|projecting|forecast|forecasting|predicts?|predicting|"
    r"anticipates?|anticipating)\s+(?:[\w'-]+\s+){1,4}?(?:of|at|around|near|between)\b"
    r"|(?:likely|set|on\s+track|poised|tipped)\s+to"
    r"|(?:will|would|shall)\s+(?:\w+\s+)?(?:reach|hit|exceed|top|surpass|rise|grow|increase|"
    r"climb|fall|drop|decline|double|triple|total|amount|stand|be|become|remain)\w*)"
    r"|(?P<estimate>estimated\s+to)"
    r"|(?P<target>(?:target\w*|aim\w*|striv\w*|seek\w*|sought|endeavou?r\w*)\s+(?:to|at|for)"
    r"|set\s+(?:a|the|an)\s+(?:\w+\s+)?(?:target|goal))"
    r"|(?P<plan>(?:plan\w*|intend\w*|schedul\w*|slated|"
    r"going|(?:is|are|was|were)(?=\s+to\s+[a-z]))\s+to|will|shall)"
    r"|(?P<hope>hope\w*|hoping|wish\w*|want\w*|would\s+like)"
    r"|(?P<condition>could|may|might|would|should|unless|if)"
    r")\b"
)
# Local cues: a noun or adjective right before the figure, or a noun or passive right after it.
_LOCAL_BEFORE = regexes.compile(
    r"\b(?:(?P<target>targets?|goals?|objectives?|aims?)|(?P<forecast>forecasts?|projections?|"
    r"predictions?|outlook)|(?P<plan>plans?|proposals?))"
    r"(?:\s+(?:of|at|is|was|for|to\s+be))?(?:\s+(?:set\s+)?(?:at|of))?"
    r"(?:\s+(?:reaching|achieving|hitting|attaining))?\s+$"
    r"|\b(?:(?P<forecast2>expected|projected|forecast|predicted|anticipated)"
    r"|(?P<target2>targeted)|(?P<plan2>planned|proposed))\s+$"
)
_LOCAL_AFTER = regexes.compile(
    r"\s*(?:[a-z][\w-]*\s+){0,2}?(?:(?P<target>targets?|goals?)|(?P<forecast>forecasts?|"
    r"projections?))\b"
    r"|\s+(?:(?:is|are|was|were)\s+)?(?:now\s+)?(?:(?P<forecast2>expected|forecast|projected|"
    r"anticipated|predicted)|(?P<target2>targeted)|(?P<plan2>planned))\b"
)
# Where a clause ends: what follows is a clause of its own.
_BOUNDARY = regexes.compile(
    r";|\s[-\u2013\u2014]+\s|[()]"
    r"|,\s*(?:(?P<rel>which|who)|while|whereas|but|although|though|yet|so|and|compared|"
    r"against|as|when|after|before|whilst|[a-z]+ing)\b"
    r"|\s(?:but|whereas|while)\s"
    r"|\s+and\s+(?=(?:(?:it|they|this|that|he|she)\s+)?(?:is|are|was|were|will|would|could|"
    r"may|might|should|can|has|have|had|aims?|plans?|hopes?|expects?|wants?|targets?|seeks?|"
    r"intends?|set|sets|looks?)\b)"
)
_BY = regexes.compile(r"\bby\s+(?:the\s+(?:end|middle)\s+of\s+)?(?:[a-z]+\s+)?\d{4}\b")
# A verb that reports what happened: a clause with one asserts its figure even of a period
# after the publication date (then the date is wrong, not the tense).
_PAST = regexes.compile(
    r"\b(?:was|were|had|has|have|reached|stood|total(?:l)?ed|amounted|rose|grew|increased|"
    r"decreased|fell|dropped|declined|climbed|recorded|posted|came|poured|attracted|registered|"
    r"exceeded|surpassed|topped|doubled|tripled|became|ranked|remained)\b"
)
_OPENS_IF = regexes.compile(r"[\s\"'(]*(?:but\s+|and\s+|even\s+|only\s+)?(?:if|unless)\b")
_LOCAL_REACH = 45  # characters before a figure that a local cue may stand in
_AFTER_REACH = 40  # and after it
Cue = tuple[int, int, str]  # start, end, modality


class _Read:
    """What a sentence says of modality, found once: its clause cues (None when it holds no
    cue word), its clause boundaries (starts and ends), whether it asks and whether it opens
    with a condition."""

    __slots__ = ("cue_ends", "cues", "ends", "opens_if", "question", "starts")

    def __init__(self, s: Sentence) -> None:
        low, text = s.folded, s.doc.text
        q = text.rfind("?", max(s.start, s.end - 6), s.end)
        self.question = q >= 0 and not text[q + 1 : s.end].strip(" \t\n\"'\u201d\u2019)]")
        self.cues: list[Cue] | None = None
        self.cue_ends: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.opens_if = False
        # one pass of an automaton over the sentence (a slice: it copies what it is given)
        if next(_stems().iter(low[s.start : s.end]), None) is None:
            return
        cues: list[Cue] = []
        for m in _CLAUSE_CUE.finditer(low, s.start, s.end):
            if m.group(0) == "may" and text[m.start()] != "m":
                continue  # "May": the month
            cues.append((m.start(), m.end(), m.lastgroup or ""))
        self.cues = cues
        self.cue_ends = [c[1] for c in cues]
        spans: list[tuple[int, int]] = []
        for m in _BOUNDARY.finditer(low, s.start, s.end):
            spans.append(m.span())
            # a relative clause between commas ends at its second comma: in "Japan, which wants
            # closer ties, invested ...", the want is not the investment's
            c = low.find(",", m.end(), s.end) if m.group("rel") else -1
            if c >= 0:
                spans.append((c, c + 1))
        for a, b in sorted(spans):
            self.starts.append(a)
            self.ends.append(b)
        self.opens_if = _OPENS_IF.match(low, s.start, s.end) is not None

    def clause(self, s: Sentence, start: int, end: int) -> tuple[int, int]:
        """The clause the words from start to end stand in."""
        k = bisect.bisect_right(self.ends, start)
        lo = self.ends[k - 1] if k else s.start
        j = bisect.bisect_left(self.starts, end)
        hi = self.starts[j] if j < len(self.starts) else s.end
        return lo, hi


_AUTOMATON: list[Any] = []


def _stems() -> Any:
    """The automaton of the cue stems, made on first use."""
    if not _AUTOMATON:
        _AUTOMATON.append(automaton(_STEMS))
    return _AUTOMATON[0]


def mark(s: Sentence, claim: Claim) -> Claim:
    """The claim with ("modality", m) when its clause does not assert it; else the claim."""
    m = read(s, claim.start, claim.end, claim.period)
    if m is None or claim.attr("modality") is not None:
        return claim
    return replace(claim, attrs=(*claim.attrs, ("modality", m)))


def read(s: Sentence, start: int, end: int, period: Period | None = None) -> str | None:
    """The modality of the words from start to end of the sentence (None: asserted); `period`
    is the time they speak of."""
    cache = vars(s)
    r: _Read | None = cache.get("_modality")
    if r is None:
        r = cache["_modality"] = _Read(s)
    if r.question:
        return "question"
    future = _future(s, period)
    if r.cues is None and not future:
        return None  # most figures: no cue word in the sentence, no later period
    lo, hi = r.clause(s, start, end)
    if r.cues is not None:
        if r.opens_if:
            return "condition"
        local = _local(s, start, end)
        if local is not None:
            return local
        k = bisect.bisect_right(r.cue_ends, start)  # the nearest cue that ends before them
        if k and r.cues[k - 1][0] >= lo:
            kind = r.cues[k - 1][2]
            if kind != "estimate":
                return kind
            if not _past(s, period):
                return "forecast"
    if future and _PAST.search(s.folded, lo, hi) is None:
        return "target" if _BY.search(s.folded, lo, hi) is not None else "forecast"
    return None


def _local(s: Sentence, start: int, end: int) -> str | None:
    """A cue that names the figure itself: "the target of X", "the X target", "X is expected"."""
    low = s.folded
    m = _LOCAL_BEFORE.search(low, max(s.start, start - _LOCAL_REACH), start)
    if m is None:
        m = _LOCAL_AFTER.match(low, end, min(s.end, end + _AFTER_REACH))
    if m is None:
        return None
    return (m.lastgroup or "").rstrip("2")


def _future(s: Sentence, period: Period | None) -> bool:
    """Whether the period starts after the publication date (False when either is unknown)."""
    date = s.doc.date
    return period is not None and date is not None and period.start > date.last()


def _past(s: Sentence, period: Period | None) -> bool:
    """Whether the period was over when the article was published."""
    date = s.doc.date
    return period is not None and date is not None and period.end < date.first()
