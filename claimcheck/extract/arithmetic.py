"""The arithmetic that ties figures of one sentence together: a total and its parts, a change,
an x-fold increase (the figures themselves are read in quantities.py, which calls this module).

Arithmetic claims (contract in claimcheck/model/claims.py), with two details of this extractor:
`period` is the period of the new value or total; when the text states the period compared
against, attrs carry ("base_start", ISO day) and ("base_end", ISO day); `parts` may be empty
when the text gives the change but neither figure ("increased 3 folds from 2014"), and then
`target` names the metric. A single part ("of which US$1.8 billion is non-refundable aid") is
relation "sum" with one part: the check reads it as part <= total. Parts may also come first
("exports ... and imports ..., bringing two-way trade to ...", "for a total of"): that is a sum
only when each part names a metric of its own, other than the total's (two years of one metric
and then a total do not say plainly what is summed). The parts of a sum that carry the
total's own metric ("JPY2.7 trillion, including JPY100 billion as grants") are items the
rulebook does not name: they stay in the sum and give no quantity claim of their own. A change
written right after an amount that gave no claim (another flow's, a balance's) is that amount's:
it has no part and no metric. A percentage compared with ("compared with 6.3% growth") or
averaged over years ("an average of 9%", "annual growth of 17% since 2005") is no change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.extract import ownership
from claimcheck.extract.borrowed_periods import paragraph_period
from claimcheck.extract.caseless import plain, search_ending
from claimcheck.extract.context import DocContext, Sentence
from claimcheck.extract.mentions import Mention, span_ends, span_starts
from claimcheck.extract.numbers import Number, searchable, small
from claimcheck.extract.periods import FoundPeriod, stock_or_flow
from claimcheck.infra import regexes
from claimcheck.model import units
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period

# "an increase of 50%", "up 50%", "rose by 12 percent", "a decrease of 3%", "grew 20%"
_UP = (
    r"increas\w*|ris(?:e|es|ing)|rose|grew|grow\w*|up|gain\w*|jump\w*|climb\w*|surg\w*|higher|more"
)
_DOWN = r"decreas\w*|declin\w*|fell|fall\w*|drop\w*|down|slump\w*|lower|less|shrank|shrink\w*"
_CHANGE_BEFORE = regexes.compile(
    rf"(?i:\b(?P<dir>{_UP}|{_DOWN})(?:\s+(?:of|by))?\s+(?:some\s+|about\s+|nearly\s+|over\s+)?)$"
)
_CHANGE_AFTER = regexes.compile(
    rf"(?i:\s*(?:year-on-year\s+|y-o-y\s+)?(?P<dir>{_UP}|{_DOWN}|year-on-year|y-o-y)\b)"
)
_FACTOR_CONTEXT = regexes.compile(
    r"(?i:\b(?:increas\w*|ris\w*|rose|grew|growth|jump\w*|higher|larger|bigger|more|greater|"
    r"surg\w*|multipl\w*)\b)"
)
_FOLD_VERB = regexes.compile(r"(?i:\b(?P<v>doubled|tripled|trebled|quadrupled|halved)\b)")


# What each verb above holds, in lower case (none has a letter that a case-blind pattern reads
# from another alphabet, as "ſ" is an "s"): most sentences hold none of them and are not scanned.
_FOLD_STEMS = ("bled", "pled", "halved")


def fold_verbs(s: Sentence, start: int, end: int) -> Iterator[re.Match[str]]:
    """_FOLD_VERB in the text from start to end, scanned only where the folded text has a stem."""
    low = s.folded
    for stem in _stems(s.context):
        if low.find(stem, start, end) >= 0:
            return _FOLD_VERB.finditer(s.doc.text, start, end)
    return iter(())


def _stems(context: DocContext) -> tuple[str, ...]:
    """The stems of _FOLD_STEMS the whole document holds, found once."""
    cache = vars(context)
    stems: tuple[str, ...] | None = cache.get("_fold_stems")
    if stems is None:
        low = context.folded
        stems = cache["_fold_stems"] = tuple(stem for stem in _FOLD_STEMS if stem in low)
    return stems


_FOLD_VERBS = {"doubled": "2", "tripled": "3", "trebled": "3", "quadrupled": "4", "halved": "0.5"}
# What stands before a period a change is measured against: "(3 folds) from 2014", "(a four-time
# increase) from the figure of the entire 2016".
_BASE_BEFORE = regexes.compile(
    r"(?i:\b(?:from|over|against|compared\s+(?:with|to)|than|versus|vs\.?)"
    r"(?:\s+(?:the\s+)?(?:figure|level|amount|total|value)s?\s+(?:of|for|in))?\s+(?:that\s+of\s+)?"
    r"(?:the\s+)?(?:figure\s+of\s+)?)$"
)
_FROM_AMOUNT = regexes.compile(r"(?i:\s*(?:from|against|compared\s+(?:with|to))\s+)$")
_TO_AMOUNT = regexes.compile(r"(?i:\s*to\s+)$")
_OF_WHICH = regexes.compile(
    r"(?i:\b(?:of\s+which|in\s+which|including|includ\w+|comprising|consisting\s+of|among\s+which)\b)"
)
# What puts a total after its parts: "..., bringing two-way trade to", "for a total of".
_TOTAL_BEFORE = regexes.compile(
    r"(?i:(?:\b(?:bringing|taking|pushing|lifting|putting|raising)\s+(?:[\w'\u2019-]+\s+){0,6}?to"
    r"|\b(?:for|with|making)\s+a\s+(?:combined\s+|grand\s+)?total(?:\s+[\w'\u2019-]+){0,4}?"
    r"\s+of|\btotall?ing|\bin\s+total)\s+$)"
)
_DELTA_BEFORE = regexes.compile(
    rf"(?i:\b(?:{_UP}|{_DOWN})(?:\s+(?:of|by))?\s+(?:some\s+|about\s+|nearly\s+|over\s+)?)$"
)
# The word _DELTA_BEFORE ends on, before its whitespace: what text must end with for a search.
_DELTA_LAST = regexes.compile(rf"(?i:{_UP}|{_DOWN}|of|by|some|about|nearly|over)")


def written_change(s: Sentence, n: Number) -> str | None:
    """ "increase" or "decrease" for an amount written as a change ("rose by 12 million"), by the
    word just before it; None for a level."""
    delta = search_ending(
        _DELTA_BEFORE, s.doc.text, max(s.start, n.start - 30), n.start, _DELTA_LAST
    )
    if delta is None:
        return None
    word = delta.group(0).split()[0].lower()
    return "decrease" if re.fullmatch(_DOWN, word, re.I) else "increase"


@dataclass
class Figure:
    """A number of the sentence as quantities.py reads it: its claim, if it gave one, and the
    direction when it is a change rather than a level."""

    num: Number
    claim: Claim | None = None
    change: str | None = None  # "increase"/"decrease" when the number is a change, not a level


def may_change_at(context: DocContext, start: int, end: int) -> bool:
    """Before the sentence is made: whether it may write a change (see may_change, which this
    never contradicts: it says no only where may_change would)."""
    if context.number_marks is None:
        return True
    low = context.folded
    if _CHANGE_WORD.search(low, start, end) is not None:
        return True
    stems = _stems(context)  # most documents hold none: no generator made for every sentence
    return bool(stems) and any(low.find(stem, start, end) >= 0 for stem in stems)


def items(sums: list[Claim]) -> set[int]:
    """The parts of a sum that carry the total's own metric ("JPY2.7 trillion, including
    JPY100 billion as grants"): an item the rulebook does not name, no value of that metric.
    Such a figure stays in the arithmetic claim (part <= total) and gives no claim of its own."""
    out: set[int] = set()
    for claim in sums:
        if claim.attr("relation") == "sum" and len(claim.parts) > 1:
            total = claim.parts[0].target
            out.update(id(p) for p in claim.parts[1:] if p.target == total)
    return out


def may_change(s: Sentence) -> bool:
    """Whether the sentence may write a change ("up 5%", "threefold", "doubled"): a number
    with a percent or factor word after it (numbers._NUMBER), a "-fold" word, or a fold verb.
    Most sentences hold none of the words such a number needs, and are not scanned."""
    if next(fold_verbs(s, s.start, s.end), None) is not None:
        return True
    marks = s.context.number_marks  # None: lower case may hide a letter the patterns read
    if marks is not None and _CHANGE_WORD.search(s.folded, s.start, s.end) is None:
        return False
    matches, folds = s.scanned
    return bool(folds) or any(m.group("post") for m in matches)


# In lower case, what every percent or factor word after a number holds, and a "-fold" word.
_CHANGE_WORD = regexes.compile(r"%|per\s*cent|pct|fold|time|x\b")


def base_periods(
    s: Sentence, periods: list[FoundPeriod], figures: list[Figure]
) -> list[FoundPeriod]:
    """Periods a change is measured against: "(an increase of 50%) over the same period in
    2022", "(3 folds) from 2014", "(a four-time increase) from the figure of the entire 2016"."""
    text, lo = s.doc.text, s.start
    marks = [f.num.end for f in figures if f.change or f.num.factor]
    marks += [m.end() for m in fold_verbs(s, lo, periods[-1].start if periods else lo)]
    marks.sort()
    out = []
    for p in periods:
        k = bisect.bisect_right(marks, p.start)
        after_change = k > 0 and p.start - marks[k - 1] <= 60
        if "same-period" in p.flags or (
            after_change and _BASE_BEFORE.search(text, max(lo, p.start - 40), p.start)
        ):
            out.append(p)
    return out


def is_change(text: str, lo: int, hi: int, n: Number) -> bool:
    """Whether a percentage is the change of a figure ("up 5%", "grew 20%"): not a rate it is
    compared with ("5.5% compared with 6.3% growth a year earlier"), nor an average rate over
    years ("an average growth of 8%", "annual growth of 17% since 2005")."""
    if not (
        _CHANGE_BEFORE.search(text, max(lo, n.start - 30), n.start)
        or _CHANGE_AFTER.match(text, n.end, hi)
    ):
        return False
    before = searchable(text[max(lo, n.start - 30) : n.start])
    if (before is None or any(w in before for w in _COMPARED_WORDS)) and _COMPARED_RATE.search(
        text, max(lo, n.start - 30), n.start
    ):
        return False
    return not _average_rate(text, lo, hi, n)


_COMPARED_RATE = regexes.compile(
    r"(?i:\b(?:compared\s+(?:with|to)|against|versus|vs\.?|from)\s+(?:the\s+|a\s+)?$)"
)
_COMPARED_WORDS = ("compar", "against", "versus", "vs", "from")
_AVERAGE = regexes.compile(r"(?i:\b(?:average|averag(?:ed|ing)|on\s+average)\b)")
_ANNUAL = regexes.compile(
    r"(?i:\b(?:annual|annually|yearly|per\s+(?:year|annum)|a\s+year|each\s+year)\b)"
)
# A run of years the rate is spread over: "since 2005", "over the past decade", "2010-2020".
_YEARS_SPAN = regexes.compile(
    r"(?i:\b(?:since|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)|during\s+the\s+"
    r"(?:past|last)|between\s+\d{4}\s+and|from\s+\d{4}\s+to)\b|\b\d{4}\s*[-\u2013]\s*\d{4}\b)"
)
_RATE_REACH = 40  # characters around a percentage where its "average"/"annual" may stand


def _average_rate(text: str, lo: int, hi: int, n: Number) -> bool:
    """An average over several years: "average" next to the rate, or "annual"/"a year" next
    to it with a run of years in its sentence."""
    before, after = max(lo, n.start - _RATE_REACH), min(hi, n.end + _RATE_REACH)
    near = searchable(text[before:after])  # None: a letter (?i) reads as ASCII, so look
    if near is not None and not any(w in near for w in ("averag", "annu", "year")):
        return False
    if _AVERAGE.search(text, before, after):
        return True
    return bool(_ANNUAL.search(text, before, after) and _YEARS_SPAN.search(text, lo, hi))


def direction(text: str, lo: int, hi: int, n: Number) -> str:
    m = _CHANGE_BEFORE.search(text, max(lo, n.start - 30), n.start) or _CHANGE_AFTER.match(
        text, n.end, hi
    )
    word = m.group("dir").lower() if m else ""
    return "decrease" if re.fullmatch(_DOWN, word, re.I) else "increase"


def _sum(
    s: Sentence,
    total: Claim,
    parts: list[Claim],
    start: int,
    end: int,
    said: tuple[tuple[str, str], ...] = (),
) -> Claim:
    """A total with its parts, over the words from `start` to `end`; `said`: what the
    sentence says of the parts (a breakdown's shape, that they are the whole, the rest)."""
    return Claim(
        "arithmetic",
        start,
        end,
        s.doc.text[start:end],
        subject=total.subject,
        target=total.target,
        period=total.period,
        attrs=(("relation", "sum"), *said),
        parts=(total, *parts),
        sentence=(s.start, s.end),
    )


# A breakdown of a total, by the words around it (English): "Of the $1.42 billion budget,
# ...", "$1.42 billion: $900 million from ...", "$1.42 billion, split between ...".
_OF_THE_LEAD = regexes.compile(r"(?i:[\s\"'\u201c]*of\s+[^,;:\d]{0,60})")
_OF_THE_GAP = regexes.compile(r"(?i:[^,;:\d]{0,60},)")
_COLON = regexes.compile(r"(?i:[^,;:\d]{0,40}:\s)")
_SPLIT = regexes.compile(
    r"(?i:\b(?:split|divided|shared|broken\s+down)\s+(?:(?:equally|evenly)\s+)?"
    r"(?:between|among|into)\b)"
)
_SPLIT_REACH = 60
# Parts said to be all of the total; a part said to be what is left of it.
_WHOLE = regexes.compile(
    r"(?i:\b(?:all\s+of\s+it|the\s+whole\s+(?:of\s+it|amount|sum)|entirely|in\s+full|"
    r"the\s+entire\s+(?:amount|sum))\b)"
)
_REST = regexes.compile(
    r"(?i:\bthe\s+(?:remaining|rest|remainder|balance)\b(?:\s+of\s+(?:it|the\s+\w+))?"
    r"[\s,]*(?:of\s+|at\s+|is\s+|was\s+|,\s*)?$)"
)
_REST_REACH = 40


def _may_break_down(s: Sentence) -> bool:
    """Whether the sentence opens with "Of", or writes a colon or a word of splitting."""
    low, a, b = s.folded, s.start, s.end
    return (
        low.find("of", a, a + 4) >= 0
        or low.find(":", a, b) >= 0
        or low.find("split", a, b) >= 0
        or low.find("divid", a, b) >= 0
        or low.find("shared", a, b) >= 0
        or low.find("broken", a, b) >= 0
    )


def _breakdown(s: Sentence, total: Number, stop: int) -> tuple[str | None, int]:
    """How the sentence breaks the total down besides "of which", and where the words that
    say so begin: ("of-the", ...) for a sentence opening "Of the <total> ...,"; ("colon",
    ...); ("split", ...); (None, 0) when it does not."""
    text, low = s.doc.text, s.folded
    if low.find("of", s.start, s.start + 4) >= 0:
        lead = _OF_THE_LEAD.fullmatch(text, s.start, total.start)
        gap = _OF_THE_GAP.match(text, total.end, stop) if lead is not None else None
        if gap is not None:
            return "of-the", gap.end() - 1
    if low.find(":", total.end, stop) >= 0:
        colon = _COLON.match(text, total.end, stop)
        if colon is not None:
            return "colon", colon.end() - 2
    split = _SPLIT.search(text, total.end, min(stop, total.end + _SPLIT_REACH))
    if split is not None:
        return "split", split.start()
    return None, 0


def _whole(s: Sentence, shape: str, parts: list[Claim]) -> tuple[tuple[str, str], ...]:
    """What the sentence says of a breakdown's parts: ("breakdown", shape) for the shapes
    read here besides "of which"; ("whole", "yes") when they are all of the total (split
    between them, "all of it"); ("rest", n) when part n (1-based) is "the remaining ..."."""
    text = s.doc.text
    said: list[tuple[str, str]] = [] if shape == "of-which" else [("breakdown", shape)]
    rest = [
        i
        for i, p in enumerate(parts, 1)
        if _REST.search(text, max(s.start, p.start - _REST_REACH), p.start) is not None
    ]
    if len(rest) == 1 and len(parts) > 1:
        said.append(("rest", str(rest[0])))
    elif shape == "split" or _WHOLE.search(text, parts[0].start, s.end) is not None:
        said.append(("whole", "yes"))
    return tuple(said)


def arithmetic_claims(
    s: Sentence,
    figures: list[Figure],
    base: list[FoundPeriod],
    dating: list[FoundPeriod],
    mentions: list[Mention],
) -> Iterator[Claim]:
    """The sentence's sums (a total, then its parts; parts, then their total) and its changes
    (in percent, x-fold, a fold verb), from the figures quantities.py has read."""
    levels = [f for f in figures if f.claim is not None and f.change is None]
    yield from _total_then_parts(s, levels)
    yield from _parts_then_total(s, levels)
    yield from _changes(s, figures, levels, (base, dating), mentions)


def _total_then_parts(s: Sentence, levels: list[Figure]) -> Iterator[Claim]:
    """A total and its parts: "US$32.9 billion, of which exports ... US$17.2 billion and ...";
    a breakdown: "Of the $1.42 billion budget, $900 million ...", "$1.42 billion: ...",
    "$1.42 billion split between ..." (the first total only)."""
    text = s.doc.text
    shapes = len(levels) > 1 and _may_break_down(s)  # most write no word of one
    for k, total in enumerate(levels):
        assert total.claim is not None
        stop = levels[k + 1].num.start if k + 1 < len(levels) else s.end
        link = _OF_WHICH.search(text, total.num.end, stop)
        shape: str | None
        if link is not None:
            shape, link_start = "of-which", link.start()
        elif shapes:
            shape, link_start = _breakdown(s, total.num, stop)
        else:
            continue
        if shape is None or text[total.num.end : link_start].count(",") > 1:
            continue
        parts = [
            f.claim
            for f in levels[k + 1 :]
            if f.claim is not None and _same_dimension(f.claim, total.claim)
        ]
        if parts:
            yield _sum(
                s, total.claim, parts, total.claim.start, parts[-1].end, _whole(s, shape, parts)
            )
        return


def _parts_then_total(s: Sentence, levels: list[Figure]) -> Iterator[Claim]:
    """Named parts, then their total: "exports ... and imports ..., bringing two-way trade to
    ..." (the first total so introduced only)."""
    text = s.doc.text
    for k in range(1, len(levels)):
        total = levels[k]
        assert total.claim is not None
        lead = _TOTAL_BEFORE.search(text, max(s.start, total.num.start - 80), total.num.start)
        if lead is None:
            continue
        parts = [
            f.claim
            for f in levels[:k]
            if f.claim is not None and _same_dimension(f.claim, total.claim)
        ]
        targets = [p.target for p in parts]
        if parts and total.claim.target not in targets and len(set(targets)) == len(targets):
            yield _sum(s, total.claim, parts, parts[0].start, total.claim.end)
        return


def _changes(
    s: Sentence,
    figures: list[Figure],
    levels: list[Figure],
    periods: tuple[list[FoundPeriod], list[FoundPeriod]],
    mentions: list[Mention],
) -> Iterator[Claim]:
    """Changes in percent and x-fold changes, then the fold verbs ("doubled"); `periods`: the
    base periods and the dating ones."""
    text = s.doc.text
    base, dating = periods
    read = (levels, [f.num.start for f in levels])
    for i, f in enumerate(figures):
        n = f.num
        if not (n.unit == units.PERCENT and f.change) and not (
            n.factor and _FACTOR_CONTEXT.search(text, max(s.start, n.start - 25), n.end + 25)
        ):
            continue
        relation = "fold" if n.factor else "change"
        if _of_unread(figures, i):  # no figure and no metric of its own: an inert change
            yield _change(s, f, relation, n.digits, ([], []), base, dating, [])
            continue
        yield _change(s, f, relation, n.digits, read, base, dating, mentions)
    for m in fold_verbs(s, s.start, s.end):
        fake = Number(m.start(), m.end(), 0, 0, 0, m.group(0), None, None, None, True, m.start())
        verb = plain(m.group("v"))
        f = Figure(fake, change="decrease" if verb == "halved" else "increase")
        yield _change(s, f, "fold", _FOLD_VERBS[verb], read, base, dating, mentions)


def _of_unread(figures: list[Figure], i: int) -> bool:
    """Whether the change follows an amount that gave no claim (another flow's, a part's, a
    balance's): it is that amount's change, neither one of an earlier figure of a metric nor
    of a metric named earlier in the sentence."""
    for f in reversed(figures[:i]):
        if f.change is not None or f.num.factor:
            continue
        return f.claim is None and (units.is_currency(f.num.unit) or f.num.scale is not None)
    return False


def _change(
    s: Sentence,
    f: Figure,
    relation: str,
    written: str,
    figures: tuple[list[Figure], list[int]],
    base: list[FoundPeriod],
    dating: list[FoundPeriod],
    mentions: list[Mention],
) -> Claim:
    """The claim of a change (`relation` "change" or "fold", `written` its percent or factor):
    its parts are the new value and the old one when the text gives them, else it names the
    metric it changes."""
    text = s.doc.text
    n = f.num
    new, old = _new_and_old(text, n, figures)
    start, end = n.start, n.end
    lead = _CHANGE_BEFORE.search(text, max(s.start, n.start - 30), n.start)
    if lead is not None and relation == "change":
        start = lead.start()  # "an increase of 50%", "up 50%"
        art = re.search(r"(?i:\b(?:an?|the)\s+)$", text[max(s.start, start - 4) : start])
        start -= len(art.group(0)) if art else 0
    base_p = _base_of(s, base, n, end)
    if base_p is not None and base_p.start - end < 60:
        end = base_p.end
    parts = tuple(g.claim for g in (new, old) if g is not None and g.claim is not None)
    attrs = _change_attrs(f, relation, written, base_p)
    head = parts[0] if parts else None
    if head is None:  # "increased 3 folds from 2014": the metric and period, no figure
        target, subject, period = _changed_metric(s, n, dating, mentions, attrs)
    else:
        target, subject, period = head.target, head.subject, head.period
    return Claim(
        "arithmetic",
        start,
        end,
        text[start:end],
        subject=subject,
        target=target,
        period=period,
        attrs=tuple(attrs),
        parts=parts,
        sentence=(s.start, s.end),
    )


def _new_and_old(
    text: str, n: Number, figures: tuple[list[Figure], list[int]]
) -> tuple[Figure | None, Figure | None]:
    """The new value and the old one of a change: the nearest figure before it is its new value,
    unless the text goes on "from <old> (to <new>)" right after it."""
    levels, starts = figures
    k = bisect.bisect_left(starts, n.end)
    new = levels[k - 1] if k else None  # the nearest figure before the change is its new value
    old = None
    at = n.end
    for g in levels[k : k + 2]:  # "up 50% from US$2.4 billion (to US$3.6 billion)"
        if g.num.start - at > 40:
            break
        if _FROM_AMOUNT.search(text, at, g.num.start):
            old = g
        elif _TO_AMOUNT.search(text, at, g.num.start):
            new = g
        else:
            break
        at = g.num.end
    return new, old


def _base_of(s: Sentence, base: list[FoundPeriod], n: Number, end: int) -> FoundPeriod | None:
    """The period the change is measured against: the first base period after it, unless
    another percentage stands between them (then that one's)."""
    b = bisect.bisect_left(span_starts(s, base), n.end)
    base_p = base[b] if b < len(base) else None
    if base_p is not None and _percent_between(s, end, base_p.start):
        return None  # "up 3.5%, while imports ... down 0.3% from the previous year": not its base
    return base_p


def _change_attrs(
    f: Figure, relation: str, written: str, base_p: FoundPeriod | None
) -> list[tuple[str, str]]:
    attrs: list[tuple[str, str]] = [("relation", relation)]
    attrs.append(("factor" if relation == "fold" else "percent", _plain(written)))
    if relation == "change" or f.change:
        attrs.append(("change", f.change or "increase"))
    elif relation == "fold":
        attrs.append(("change", "increase"))
    if base_p is not None:
        attrs += [
            ("base_start", base_p.period.start.isoformat()),
            ("base_end", base_p.period.end.isoformat()),
        ]
    return attrs


def _changed_metric(
    s: Sentence,
    n: Number,
    dating: list[FoundPeriod],
    mentions: list[Mention],
    attrs: list[tuple[str, str]],
) -> tuple[str | None, str | None, Period | None]:
    """For a change with no figure: the metric (target), subject and period it speaks of, from
    the nearest metric alias and period before it (else after it); adds to `attrs` the
    inferred period."""
    k = bisect.bisect_right(span_ends(s, dating), n.start)  # the nearest before, else after
    found = dating[k - 1] if k else dating[k] if k < len(dating) else None
    if found is None:  # "... a yearly rise of 6.3%": the time of the sentence before
        found = paragraph_period(s)
        if found is not None:
            attrs.append(("inferred.period", "paragraph"))
    period = found.period if found else None
    j = bisect.bisect_right(span_ends(s, mentions), n.start)  # ends increase too
    if not j:
        return None, None, period
    last = mentions[j - 1]
    group = [last]
    while j - len(group) > 0 and mentions[j - len(group) - 1].end > last.start:
        group.append(mentions[j - len(group) - 1])
    pairs = [
        (s.book.metrics[e.id], m)
        for m in group
        for e in m.entries
        if e.kind == "metric" and e.id in s.book.metrics
        if s.book.metrics[e.id].dimension != "percent"
    ]
    want = stock_or_flow(found)
    pairs.sort(key=lambda c: (c[0].period == "span") != (want == "span"))
    if not pairs:
        return None, None, period
    return pairs[0][0].id, ownership.subject(s, pairs[0][1], pairs[0][0]), period


def _plain(written: str) -> str:
    """ "3", "4", "50": the factor or percent as a number, from digits or words."""
    w = written.lower().replace("-time", "").replace("fold", "").replace(",", "").strip()
    got = small(w)
    return str(got) if got is not None else w


def _same_dimension(a: Claim, b: Claim) -> bool:
    if a.value is None or b.value is None:
        return False
    da, db = units.dimension(a.value.unit), units.dimension(b.value.unit)
    return da == db or da is None or db is None


def _percent_between(s: Sentence, lo: int, hi: int) -> bool:
    """Whether a percentage starts in [lo, hi) (the numbers bisected: a long sentence stays
    linear)."""
    starts = span_starts(s, s.numbers)
    k = bisect.bisect_left(starts, lo)
    while k < len(starts) and starts[k] < hi:
        if s.numbers[k].unit == units.PERCENT:
            return True
        k += 1
    return False
