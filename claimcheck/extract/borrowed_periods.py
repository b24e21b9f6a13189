"""The time of a figure whose sentence states none, borrowed from the article around it: the
sentence before in its paragraph, the headline, the paragraph before, or the earlier sentence a
phrase points back to ("during the reviewed period"). Each comes back flagged with where it was
found (EARLIER_FLAGS), at the place in the sentence it stands for, and each claim records that
flag as ("inferred.period", ...). Also: "so far this year" read as the months the article states.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from claimcheck.extract.context import Sentence
from claimcheck.extract.periods import FoundPeriod
from claimcheck.extract.periods import find as find_periods
from claimcheck.infra import regexes

# "During the reviewed period", "in the period under review": the time of an earlier sentence.
_ANAPHOR = regexes.compile(
    r"(?i:\b(?:during|in|over|for|throughout)\s+the\s+(?:(?:reviewed|review|said|above|same)\s+)?"
    r"period(?:\s+under\s+review)?\b(?!\s+(?:of|in|from|last|a\s+year|between)\b))"
)
EARLIER_FLAGS = ("paragraph", "article", "headline")
_EARLIER_REACH = 3  # sentences back


def headline_period(s: Sentence) -> FoundPeriod | None:
    """The part of a year the headline states ("... trade tops US$20 billion in first half"),
    flagged "headline": what a flow figure whose sentence states no time is of. A whole year is
    not taken (a headline's year is as often a forecast's or a review's), nor a headline that
    forecasts."""
    cache = vars(s.context)
    if "_headline_period" not in cache:
        title = s.doc.meta.get("title")
        found = find_periods(title, 0, len(title), s.doc.date) if isinstance(title, str) else []
        one = found[0] if len(found) == 1 and not found[0].flags else None
        if one is not None and (one.period.whole_years() or _FORECAST.search(str(title))):
            one = None
        cache["_headline_period"] = one and replace(
            one, start=s.start, end=s.start, flags=("headline",)
        )
    got: FoundPeriod | None = cache["_headline_period"]
    return got


_FORECAST = regexes.compile(
    r"(?i:\b(?:will|expect\w*|forecast\w*|project\w*|target\w*|aim\w*|plan\w*|likely|could|"
    r"may|might|set\s+to|to\s+(?:reach|hit|top|surpass|exceed|rise|grow|double))\b)"
)


def paragraph_period(s: Sentence) -> FoundPeriod | None:
    """The last period of the sentence before, in the same paragraph ("In 2023, commerce hit a
    record. Two-way trade passed US$50 billion for the first time."), flagged "paragraph"."""
    cache = vars(s)
    if "paragraph_period" not in cache:
        cache["paragraph_period"] = None
        text = s.doc.text
        spans = s.context.sentences
        i = bisect.bisect_left(spans, (s.start, s.start))
        if i > 0 and "\n" not in text[spans[i - 1][1] : s.start]:
            start, end = spans[i - 1]
            own = [p for p in find_periods(text, start, end, s.doc.date) if not p.flags]
            if own:
                cache["paragraph_period"] = replace(
                    own[-1], start=s.start, end=s.start, flags=("paragraph",)
                )
    got: FoundPeriod | None = cache["paragraph_period"]
    return got


def article_period(s: Sentence) -> FoundPeriod | None:
    """For a paragraph's first sentence, the last period of the paragraph before ("... over the
    first eleven months." / "Of this, exports hit ..."), flagged "article": a flow's figures
    run on in the period the article has set, not on the day it was written."""
    text = s.doc.text
    spans = s.context.sentences
    i = bisect.bisect_left(spans, (s.start, s.start))
    if i == 0 or "\n" not in text[spans[i - 1][1] : s.start]:
        return None  # not a paragraph's first sentence: the one before has been read
    after = spans[i - 1][1]
    for start, end in reversed(spans[max(0, i - _EARLIER_REACH) : i]):
        if "\n" in text[end:after]:
            break  # the paragraph before that one
        own = _not_bases(text, start, find_periods(text, start, end, s.doc.date))
        if own:
            return replace(own[-1], start=s.start, end=s.start, flags=("article",))
        after = start
    return None


# A figure compared with, or the period it is compared with: "up 21% from US$42.7 billion in
# 2021", "compared with 2021".
_COMPARED_BEFORE = regexes.compile(
    r"(?i:\b(?:from|against|compared\s+(?:with|to)|versus|than)\s+(?:(?:the|a)\s+)?"
    r"(?:[A-Z]{0,3}\$\s?)?\d)"
)


def _not_bases(text: str, start: int, found: list[FoundPeriod]) -> list[FoundPeriod]:
    """The periods that date a sentence's own figures: not a same-period or since phrase, nor
    one after a comparing word (the time of the figure compared with)."""
    out = []
    for p in found:
        if not p.flags and _COMPARED_BEFORE.search(text, start, p.start) is None:
            out.append(p)
        start = p.end
    return out


_SO_FAR_REACH = 12  # sentences back


def so_far(s: Sentence, found: FoundPeriod) -> FoundPeriod:
    """ "so far this year" in an article that states the months its figures run to ("the first
    eleven months", "January to November"): those months, not the days up to publication."""
    text, p = s.doc.text, found.period
    spans = s.context.sentences
    i = bisect.bisect_left(spans, (s.start, s.start))
    for start, end in reversed(spans[max(0, i - _SO_FAR_REACH) : i]):
        for q in reversed(find_periods(text, start, end, s.doc.date)):
            if not q.flags and q.period.start == p.start and q.period.end < p.end:
                return replace(found, period=replace(p, end=q.period.end))
    return found


def pointed_back(s: Sentence) -> list[FoundPeriod]:
    """For a sentence with no period of its own that points back to one ("During the reviewed
    period, exports ..."): the last period of the nearest earlier sentence that states one, at
    the pointing words, flagged with where it came from (its paragraph, or the article)."""
    text = s.doc.text
    if "period" not in s.folded[s.start : s.end]:
        return []
    anaphor = _ANAPHOR.search(text, s.start, s.end)
    if anaphor is None:
        return []
    spans = s.context.sentences
    i = bisect.bisect_left(spans, (s.start, s.start))
    for start, end in reversed(spans[max(0, i - _EARLIER_REACH) : i]):
        own = [
            p for p in find_periods(text, start, end, s.doc.date) if "same-period" not in p.flags
        ]
        if own:
            where = "paragraph" if "\n\n" not in text[end : s.start] else "article"
            return [replace(own[-1], start=anaphor.start(), end=anaphor.end(), flags=(where,))]
    return []
