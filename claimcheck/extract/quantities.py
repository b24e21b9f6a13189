"""Amounts and counts of the rulebook's metrics, with their periods, and the arithmetic that ties
figures of one sentence together (a total and its parts, a change, an x-fold increase).

Which number goes with which metric alias: the nearest alias whose dimension fits the number (a
currency figure never counts projects, a percentage is never an amount of money), where an alias
after the number counts only when it follows closely ("5,198 valid projects", "US$1.8 billion is
non-refundable aid"). A number with no fitting alias gives no claim: the `claims` command lists
it as unparsed coverage.

Which period: the period phrase between the previous number and this one ("in 2020 reached
US$40 billion, in 2021 reached US$42.7 billion"), else one right after it up to the next number
("50 billion USD in 2022"), else the last one before it in the sentence, else the first one
after it unless another figure's clause comes first ("..., after reaching US$47.6 billion in
2022"); for a sentence that points back ("during the reviewed period") the period of an earlier
sentence; for a flow (which has no value on a day) the last period of the sentence before in
its paragraph, else a part of a year the headline states, else the last period of the paragraph
before (each recorded as ("inferred.period", "paragraph"|"headline"|"article")); else the
document date (present tense: the figure as of publication, ("inferred.period",
"publication-date")). A flow "until the end of April" runs
from January to that day; a stock stays a point. Periods that are the base of a comparison
("from 2014", "over the same period in 2022") are kept for the arithmetic claim and never date
a figure. A figure that is itself the base of a comparison
("up from 1.9 million in 2019", "compared with US$42.7 billion") takes only a period of its own
(right after it, or between the comparing word and it); otherwise its time is unsaid and its
period None: it never borrows the period of the figure it is compared with.

Arithmetic claims (contract in claimcheck/claims.py), with two details of this extractor:
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
averaged over years ("an average of 9%", "annual growth of 17% since 2005") is no change; a
cumulative metric's figure dated to one fiscal year is that year's flow and no claim of it.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from claimcheck import regexes, units
from claimcheck.claims import Claim, Quantity
from claimcheck.dates import Period, fiscal_year
from claimcheck.extract import DocContext, Sentence, attribution, extractor, modality, ownership
from claimcheck.extract.caseless import plain, search_ending
from claimcheck.extract.mentions import Mention, in_context, loose, mentions, near
from claimcheck.extract.numbers import Number, searchable
from claimcheck.extract.periods import MONTHS, FoundPeriod
from claimcheck.extract.periods import find as find_periods
from claimcheck.rulebook.schema import Metric

_METRIC = frozenset({"metric"})
# What may stand between an alias and a figure it plainly states ("numbered", "stood at").
_STATES = regexes.compile(
    r"(?i:\s+(?:(?:has|have|had)\s+)?(?:(?:now|currently|already|still|just|only)\s+)?"
    r"(?:been\s+)?(?:was|were|is|are|stood\s+at|stands?\s+at|numbere?d?s?|total(?:l?ed|s)?|"
    r"reach(?:ed|es)?|hit|amount(?:ed|s)?\s+to|c[oa]mes?\s+to|"
    r"(?:rose|grew|increased|climbed|fell|dropped|declined|decreased)\s+to)\s+)"
)
_BACK_REACH = 300  # characters back from a number to the alias that names it, at most
_FOLLOW_GAP = 30  # characters between a number and an alias that names what it counts
_CLAUSE = regexes.compile(r"[,;:()\[\]]|\b(?:and|but|while|whereas|of which|which)\b")
# Words right after a bare number that are not what it counts ("37 in 2017", "5,000 to ...").
_NOT_NOUN = frozenset(
    "in to of and or from by for with at on as over than during into per a an the is are was "
    "were has have had compared year-on-year respectively each".split()
)
_WORD_AFTER = regexes.compile(r"[ \t\u00a0]+([A-Za-z][\w-]*)")
# "(3,300) of the total projects": a bare number of a plural noun counts it.
_OF_PLURAL = regexes.compile(r"\s+(?:the\s+)?(?:total\s+|whole\s+)?([a-z][\w-]*s)\b")

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


def _fold_verbs(s: Sentence, start: int, end: int) -> Iterator[re.Match[str]]:
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
_BASE_BEFORE = regexes.compile(
    r"(?i:\b(?:from|over|against|compared\s+(?:with|to)|than|versus|vs\.?)"
    r"(?:\s+(?:the\s+)?(?:figure|level|amount|total|value)s?\s+(?:of|for|in))?\s+(?:that\s+of\s+)?"
    r"(?:the\s+)?(?:figure\s+of\s+)?)$"
)
# The figure a change is measured against: "up from 1.9 million", "compared with the figure of".
_BASE_MARK = regexes.compile(
    r"(?i:\b(?:from|against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:the|a)\s+)?"
    r"(?:(?:figure|level|amount|total|value)s?\s+(?:of|for|in)\s+)?$)"
)
_YEAR_BEFORE = regexes.compile(
    r"(?i:\s*,?\s*(?:(?:a|one)\s+year\s+(?:earlier|before|ago|previously)"
    r"|(?:in\s+)?the\s+(?:previous|preceding|prior)\s+year|(?:in\s+)?the\s+year\s+before)\b)"
)
_BASE_GLUE = regexes.compile(
    r"(?i:(?:['\u2019]s)?\s+(?:(?:figure|level|amount|total|value)s?\s+of\s+)?)"
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
# "Japanese FDI", "Japan's total FDI": an entity just before the alias; "FDI from Japan" after it.
_JUST_BEFORE = regexes.compile(r"['\u2019]s(?:\s+[\w-]+){0,2}\s+|['\u2019]s?\s*|\s+")
_OF_INSIDE = regexes.compile(r"(?i:\b(?:of|from|by)\s+(?:the\s+)?$)")
_OF_AFTER = regexes.compile(r"\s+(?:of|from|by)\s+(?:the\s+)?")
# Another party's figure: a proper noun owns the alias ("Thailand's exports") or is its partner
# ("exports to the United States", "imports from China", "trade with the EU"); a proper noun
# before a noun that stands for a party ("the Southeast Asian country") is no other party.
_OWNER_BEFORE = regexes.compile(
    r"(?<![\w'\u2019])((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)['\u2019]s?\s+$"
)
_PARTNER_AFTER = regexes.compile(
    r"\s+(?:to|from|with)\s+(?:the\s+)?((?:[A-Z][a-z]+\s+){0,2}(?:[A-Z][a-z]+|[A-Z]{2,}))\b"
    r"(?!['\u2019]?\s*[$\d]|\s+[A-Z][a-z]|\s+(?:country|nation|side|state|government|partner)\b)"
)


@dataclass
class _Figure:
    num: Number
    claim: Claim | None = None
    change: str | None = None  # "increase"/"decrease" when the number is a change, not a level


def _may_change_at(context: DocContext, start: int, end: int) -> bool:
    """Before the sentence is made: whether it may write a change (see _may_change, which this
    never contradicts: it says no only where _may_change would)."""
    if context.number_marks is None:
        return True
    low = context.folded
    if _CHANGE_WORD.search(low, start, end) is not None:
        return True
    stems = _stems(context)  # most documents hold none: no generator made for every sentence
    return bool(stems) and any(low.find(stem, start, end) >= 0 for stem in stems)


@extractor("quantities", needs=_METRIC, unless=_may_change_at)
def quantities(s: Sentence) -> Iterator[Claim]:
    metric_mentions = mentions(s, _METRIC)
    if metric_mentions and s.book.derived.get("context_aliases", True):
        metric_mentions = in_context(s, metric_mentions)  # aliases read beside their context
    if not metric_mentions and not _may_change(s):
        return  # a figure is read as a metric named in its sentence; a change may name none
    text = s.doc.text
    nums = s.numbers
    if not nums and next(_fold_verbs(s, s.start, s.end), None) is None:
        return
    periods = s.periods
    figures = [_Figure(n) for n in nums]
    for f in figures:
        n = f.num
        if n.unit == units.PERCENT and not n.ranged and _is_change(text, s.start, s.end, n):
            f.change = _direction(text, s.start, s.end, n)
    base = _base_periods(s, periods, figures)
    based = {id(p) for p in base}
    names = _term_spans(s) if periods else []
    dating = [
        p
        for p in periods
        if id(p) not in based and not _UNDATING.intersection(p.flags) and not _named(names, p)
    ]
    dating = dating or _earlier(s)
    if any("year-to-date" in p.flags for p in dating):
        dating = [_so_far(s, p) if "year-to-date" in p.flags else p for p in dating]
    dating_ends = [p.end for p in dating]
    taken: FoundPeriod | None = None  # the period the previous figure took from after it
    before: FoundPeriod | None = None  # the period of the previous figure
    # the metrics each period phrase dates from next to a figure: a figure of the same metric
    # further off is of another time ("US$20 billion in 2021 and US$24.2 billion in 2022,
    # bringing exports to US$44.2 billion"), not that period's second value
    owned: dict[int, set[str]] = {}
    for i, f in enumerate(figures):
        n = f.num
        if n.factor or f.change:
            continue
        delta = search_ending(_DELTA_BEFORE, text, max(s.start, n.start - 30), n.start, _DELTA_LAST)
        is_base, own = _base_period(text, s, dating, dating_ends, nums, i, before)
        if is_base:
            found, adjacent = own, True
            taken = own if own is not None and own.start >= n.end else None
        else:
            found, taken, adjacent = _found_period(dating, dating_ends, nums, i, s, taken)
        # a base of unsaid time is measured like the figure it is compared with
        measured = found if found is not None or not is_base else before
        before = found
        metric, mention = _metric(s, metric_mentions, nums, i, measured)
        if metric is None or mention is None or _elsewhere(s, mention, metric):
            continue
        owned_by, inferred = ownership.read(s, mention, n, metric)
        if not owned_by or (metric.period == "cumulative" and _one_period(s, found)):
            continue  # another party's figure, or a part, a deal, a flow: not the metric's
        if found is None and not is_base and metric.period == "span":
            # a flow has no value on the day of writing: the paragraph's time, or the headline's
            found = _paragraph_period(s) or _headline(s) or _article_period(s)
        period = (None, "unknown") if found is None and is_base else _period(found, s, metric)
        if found is not None:
            dated = owned.setdefault(id(found), set())
            if adjacent:
                dated.add(metric.id)
            elif metric.id in dated:
                period = (None, "unknown")
        noun = _noun(text, n, s.end)
        attrs: list[tuple[str, str]] = [("alias", text[mention.start : mention.end])]
        if inferred is not None:
            attrs.append(("inferred.subject", inferred))
        source = attribution.attributed(s)
        if source is not None:
            attrs.append(("attributed", source))
        if delta and n.unit != units.PERCENT:
            word = delta.group(0).split()[0].lower()
            f.change = "decrease" if re.fullmatch(_DOWN, word, re.I) else "increase"
            attrs.append(("change", f.change))
        f.claim = Claim(
            "quantity",
            n.start,
            n.end,
            text[n.start : n.end],
            subject=_subject(s, mention, metric),
            target=metric.id,
            value=Quantity(n.low, n.high, _unit(s, n, metric, noun), n.digits, n.scale, n.hedge),
            period=period[0],
            attrs=(*attrs, ("period", period[1]), *_inferred(s, period[1], found, metric)),
            sentence=(s.start, s.end),
        )
        f.claim = modality.mark(s, f.claim)  # the parts of arithmetic claims carry it too
    sums = list(_arithmetic(s, figures, base, dating, metric_mentions))
    parts = _items(sums)
    yield from (f.claim for f in figures if f.claim is not None and id(f.claim) not in parts)
    yield from sums


def _term_spans(s: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names an official name (looked at once, not for each period)."""
    return [(m.start, m.end) for m in s.every_match if any(e.kind == "term" for e in m.entries)]


def _named(names: list[tuple[int, int]], p: FoundPeriod) -> bool:
    """Whether the period is a year inside an official name ("the Basecamp 2025 plan", "Vision
    2030"): part of the name, not the time of the sentence's figures."""
    return any(a <= p.start and p.end <= b for a, b in names)


def _items(sums: list[Claim]) -> set[int]:
    """The parts of a sum that carry the total's own metric ("JPY2.7 trillion, including
    JPY100 billion as grants"): an item the rulebook does not name, no value of that metric.
    Such a figure stays in the arithmetic claim (part <= total) and gives no claim of its own."""
    out: set[int] = set()
    for claim in sums:
        if claim.attr("relation") == "sum" and len(claim.parts) > 1:
            total = claim.parts[0].target
            out.update(id(p) for p in claim.parts[1:] if p.target == total)
    return out


_UNDATING = frozenset({"same-period", "weekday"})  # "said on Monday" dates the saying


_FISCAL = regexes.compile(r"(?i:\b(?:fiscal|financial\s+year|FY)\b)")
_FISCAL_REACH = 12  # characters before a period phrase where "fiscal" may stand


def _one_period(s: Sentence, found: FoundPeriod | None) -> bool:
    """Whether the figure's own period is one fiscal year ("300 billion yen for fiscal 2015"):
    a budget's flow of that year, never a running total. "By the end of fiscal 2024" is a day
    the running total stands on."""
    if found is None or "since" in found.flags or "as-of" in found.flags:
        return False
    low = s.context.folded
    lo = max(s.start, found.start - _FISCAL_REACH)
    if not any(low.find(w, lo, found.end) >= 0 for w in ("fiscal", "fy", "financial year")):
        return False
    return _FISCAL.search(s.doc.text, lo, found.end) is not None


def _may_change(s: Sentence) -> bool:
    """Whether the sentence may write a change ("up 5%", "threefold", "doubled"): a number
    with a percent or factor word after it (numbers._NUMBER), a "-fold" word, or a fold verb.
    Most sentences hold none of the words such a number needs, and are not scanned."""
    if next(_fold_verbs(s, s.start, s.end), None) is not None:
        return True
    marks = s.context.number_marks  # None: lower case may hide a letter the patterns read
    if marks is not None and _CHANGE_WORD.search(s.folded, s.start, s.end) is None:
        return False
    matches, folds = s.scanned
    return bool(folds) or any(m.group("post") for m in matches)


# In lower case, what every percent or factor word after a number holds, and a "-fold" word.
_CHANGE_WORD = regexes.compile(r"%|per\s*cent|pct|fold|time|x\b")


# --- which metric --------------------------------------------------------------------------------


def _fits(metric: Metric, n: Number, counted: bool) -> bool:
    """Whether a number can be a value of the metric, by what the text writes next to it."""
    if n.unit == units.PERCENT:
        return metric.dimension == "percent"
    if units.is_currency(n.unit):
        return metric.dimension == "currency"
    if metric.dimension == "percent":
        return False
    if metric.dimension == "currency":
        return not counted  # "106 projects" is not money; "47.6 billion" may be, unit missing
    return True


def _counted(text: str, n: Number, end: int) -> bool:
    """A bare number followed by a noun counts that noun ("106 investment projects")."""
    return _noun(text, n, end) is not None


def _noun(text: str, n: Number, end: int) -> str | None:
    """The noun a bare number counts, as written and lower case ("people"), else None."""
    if n.unit is not None or n.scale is not None:
        return None
    m = _WORD_AFTER.match(text, n.end, end)
    if m is not None and m.group(1).lower() == "of":
        m = _OF_PLURAL.match(text, m.end(), end)  # "3,300 of the total projects"
    if m is None or m.group(1).lower() in _NOT_NOUN:
        return None
    return m.group(1).lower()


def _metric(
    s: Sentence, mentions: list[Mention], nums: list[Number], i: int, found: FoundPeriod | None
) -> tuple[Metric | None, Mention | None]:
    """The nearest alias that fits the number; among aliases overlapping it (one phrase read
    two ways), the metric whose period kind fits the figure's period, then one named by a
    context alias (extract/mentions.in_context), then the one whose party is named nearest.
    Looks at the aliases right after the number and back to the nearest fitting one before it:
    bounded work per number, whatever the length of the sentence."""
    text = s.doc.text
    n = nums[i]
    counted = _counted(text, n, s.end)
    nxt = nums[i + 1].num_start if i + 1 < len(nums) else s.end
    starts = _starts(s, mentions)
    k = bisect.bisect_left(starts, n.num_start)
    scored: list[tuple[int, int, Mention]] = []
    for j in range(k, len(mentions)):  # after the number, close by
        m = mentions[j]
        if m.start > min(nxt, n.end + _FOLLOW_GAP):
            break
        close = m.start >= n.end and not _CLAUSE.search(text, n.end, m.start)
        if close and _fitting(s, m, n, counted):
            scored.append((m.start - n.end, j, m))
    for j in range(k - 1, -1, -1):  # before the number: the nearest that fits
        m = mentions[j]
        if m.end > n.num_start:
            continue
        gap = n.num_start - m.end
        if gap > _BACK_REACH:
            break
        if counted and (gap > _FOLLOW_GAP or _CLAUSE.search(text, m.end, n.num_start)):
            break  # "16,000 Japanese in Vietnam" counts its own noun, not an earlier alias
        if _fitting(s, m, n, counted):
            scored.append((gap, j, m))
            if j and mentions[j - 1].end <= m.start:
                break
    if not scored:
        return _misfit(s, mentions, n, k, counted)
    scored.sort(key=lambda t: (t[0], t[1]))
    best = scored[0][2]
    group = [m for _, _, m in scored if m.start < best.end and best.start < m.end]
    want = _stock_or_flow(found)
    choices = [(mt, m) for m in group for mt in _fitting(s, m, n, counted)]
    if len(choices) > 1:  # one alias, several metrics: the period kind, then whose figure it is
        choices.sort(
            key=lambda c: (
                (c[0].period == "span") != (want == "span"),
                not any(e.id == c[0].id and e.detail for e in c[1].entries),  # a context alias
                _owner_rank(s, c[1], c[0], n),
            )
        )
    return choices[0]


def _owner_rank(s: Sentence, mention: Mention, metric: Metric, n: Number) -> int:
    """How close to the figure the metric's parties are named (its clause, its sentence, its
    paragraph, the headline, the article): where each company has its own "revenue", the
    figure is the metric of the company the text names nearest. A metric of no party is
    anyone's, after those whose party is named."""
    if not metric.subject:
        return len(_FOUND)
    span = ownership.clause(s, min(mention.start, n.start), max(mention.end, n.end))
    ok, how = ownership.owner(s, mention, metric, span)
    return _FOUND.index(how) if ok else len(_FOUND) + 1


_FOUND = (None, "clause", "paragraph", "headline", "article")  # ownership.owner's answers


def _ends(s: Sentence, spans: list[Mention] | list[FoundPeriod]) -> list[int]:
    cache: dict[int, list[int]] = vars(s).setdefault("_quantities_ends", {})
    got = cache.get(id(spans))
    if got is None:
        got = cache[id(spans)] = [m.end for m in spans]
    return got


def _starts(s: Sentence, mentions: list[Mention] | list[FoundPeriod]) -> list[int]:
    cache: dict[int, list[int]] = vars(s).setdefault("_quantities_starts", {})
    got = cache.get(id(mentions))
    if got is None:
        got = cache[id(mentions)] = [m.start for m in mentions]
    return got


def _misfit(
    s: Sentence, mentions: list[Mention], n: Number, k: int, counted: bool
) -> tuple[Metric | None, Mention | None]:
    """No alias fits: an alias just before the figure that plainly states it, with nothing but
    a stating verb between ("the Vietnamese community numbered US$489,312", "the jobless rate
    stood at 21,400 people"), still names its metric, so that the unit check can say the figure
    is in the wrong dimension. Only a written currency, or a head count against a rate, binds
    that way: a percentage next to an amount is a share or a change of it, and "FDI reached
    300 projects" counts what the money went to. "Projects worth US$70 billion" states a value
    of the things counted, not their number: no claim."""
    if not k or not (units.is_currency(n.unit) or (counted and n.unit is None)):
        return None, None
    m = mentions[k - 1]
    if m.end > n.start or not _STATES.fullmatch(s.doc.text, m.end, n.start):
        return None, None
    metric = next(
        (
            s.book.metrics[e.id]
            for e in m.entries
            if e.id in s.book.metrics
            if units.is_currency(n.unit) or s.book.metrics[e.id].dimension == "percent"
        ),
        None,
    )
    return (metric, m) if metric is not None else (None, None)


def _stock_or_flow(found: FoundPeriod | None) -> str:
    """ "span" when the figure's period is a stated range; else "stock" (as of, now, no date,
    one day: "at March 31, 2024")."""
    if found is None or found.period.kind == "point" or "since" in found.flags:
        return "stock"
    if found.period.start == found.period.end:
        return "stock"
    return "span"


def _fitting(s: Sentence, m: Mention, n: Number, counted: bool) -> list[Metric]:
    return [
        s.book.metrics[e.id]
        for e in m.entries
        if e.kind == "metric" and e.id in s.book.metrics
        if _fits(s.book.metrics[e.id], n, counted)
    ]


def _unit(s: Sentence, n: Number, metric: Metric, noun: str | None) -> str | None:
    """The unit written, where it is another dimension than the metric's (kept for the unit
    check to report; a head count against a rate keeps the noun it counts), else the metric's.
    A currency is the one its written form means in the beat (units.resolve)."""
    unit = n.unit
    if n.written is not None:
        unit = units.resolve(unit, n.written, s.book.declared_currencies(), metric.unit)
    if unit is not None and units.dimension(unit) != metric.dimension:
        return unit
    if unit is None and noun is not None and metric.dimension == "percent":
        return noun
    if metric.dimension == "currency":
        return unit if units.is_currency(unit) else None
    if metric.dimension == "percent":
        return units.PERCENT
    return metric.unit or "count"


def _elsewhere(s: Sentence, mention: Mention, metric: Metric) -> bool:
    """Whether the figure is about parties other than the metric's subjects, and so no claim
    at all (a figure about Thailand is no wrong figure about Vietnam): the article names none
    of them and none goes without saying (Entity.implied), or a proper noun the rulebook does
    not know owns the alias or is its partner. A month is no party ("exports from January")."""
    if not metric.subject:
        return False
    book = s.book
    if s.context.named.isdisjoint(metric.subject) and not any(
        e in book.entities and book.entities[e].implied for e in metric.subject
    ):
        return True
    text = s.doc.text
    parties = []
    owner = _OWNER_BEFORE.search(text, max(s.start, mention.start - 60), mention.start)
    if owner is not None:
        parties.append(owner.span(1))
    partner = _PARTNER_AFTER.match(text, mention.end, s.end)
    if partner is not None and partner.group(1).split()[0].lower() not in MONTHS:
        parties.append(partner.span(1))
    return any(not near(s, lo, hi) for lo, hi in parties)


def _subject(s: Sentence, mention: Mention, metric: Metric) -> str | None:
    """The entity a figure is about, restricted to the metric's subjects when it lists them:
    named at the head of the alias or just before it ("Japanese FDI", "Japan's total FDI"), or
    after of/from/by ("turnover of Vietnam"); else the first entity of the sentence that is not
    the object of a preposition ("Vietnam has 106 projects in Japan")."""
    order = _parties(s, mention)
    if metric.subject:
        order = [e for e in order if e in metric.subject]
    return order[0] if order else None


def _parties(s: Sentence, mention: Mention) -> list[str]:
    """The entities a figure of the alias may be about, the likeliest first (see _subject)."""
    text = s.doc.text
    close: list[str] = []
    for m, eid in near(s, mention.start - 40, mention.end + 30):
        if mention.start <= m.start and m.end <= mention.end:
            head = text[mention.start : m.start]
            if not head.strip() or _OF_INSIDE.search(head):
                close.append(eid)
        elif m.end <= mention.start:
            gap = text[m.end : mention.start]
            if len(gap) <= 30 and _JUST_BEFORE.fullmatch(gap):
                close.append(eid)
        elif m.start >= mention.end and _OF_AFTER.fullmatch(text[mention.end : m.start]):
            close.append(eid)
    return [*close, *loose(s)]  # an entity only named after "in", "to" ... is not a subject


# --- which period --------------------------------------------------------------------------------


def _found_period(
    dating: list[FoundPeriod],
    ends: list[int],
    nums: list[Number],
    i: int,
    s: Sentence,
    taken: FoundPeriod | None,
) -> tuple[FoundPeriod | None, FoundPeriod | None, bool]:
    """The figure's period, the period it took from after it (which the next figure then
    leaves alone: "US$39.6 billion in 2020 and US$42.9 billion in 2021"), and whether the
    period is next to the figure (no other number between them)."""
    n = nums[i]
    prev_end = nums[i - 1].end if i else s.start
    next_start = nums[i + 1].start if i + 1 < len(nums) else s.end
    text = s.doc.text
    k = bisect.bisect_right(ends, n.start)  # dating[:k] end before the number
    k = _before_asides(s, dating, k, n)
    if k and dating[k - 1].start >= prev_end and dating[k - 1] is not taken:
        return dating[k - 1], None, True  # between the previous number and this one
    j = k
    while j < len(dating) and dating[j].start < n.end:
        j += 1  # (a period overlapping the number cannot date it)
    after = j < len(dating) and not _RELATIVE.search(text, n.end, dating[j].start)
    if after and dating[j].end <= next_start:
        return dating[j], dating[j], True  # right after it, before the next number
    if k:
        return dating[k - 1], None, False
    if after and (
        dating[j].flags[:1] in (("paragraph",), ("article",))  # "... during the period."
        or not _clause_between(s, n.end, dating[j].start)
    ):
        return dating[j], None, False  # "US$24.2 billion and US$23.4 billion in 2022"
    return None, None, False


# An aside set off by commas that tells something else with a time of its own: "The nine US
# stores, all opened last year, had sales of ...", "Birchline, the chain Tamarack bought in
# September 2021, contributed ...". It opens with a word in lower case that is no preposition
# of time (", in 2023," dates the sentence) and holds no figure; its periods date no figure
# after it.
_ASIDE_OPEN = regexes.compile(
    r",\s+(?!(?:in|on|at|during|for|from|since|until|by|over|through|throughout|as|after|before"
    r"|between|to|of|and|or|but)\b)[a-z]"
)


_ASIDE_STEPS = 4  # periods of asides passed over before a figure, at most (bounded work)


def _before_asides(s: Sentence, dating: list[FoundPeriod], k: int, n: Number) -> int:
    """`k` (the periods that end before the figure), less the last ones that an aside closed
    before the figure holds: "The stores, all opened last year, had sales of ..." is not the
    sales' year."""
    held = _aside_periods(s)
    steps = 0
    while k and held and steps < _ASIDE_STEPS:
        close = held.get((dating[k - 1].start, dating[k - 1].end))
        if close is None or close > n.start:
            break
        k -= 1
        steps += 1
    return k


def _aside_periods(s: Sentence) -> dict[tuple[int, int], int]:
    """The periods of the sentence's asides, each with where its aside closes (found once, in
    one pass: the asides are apart, and periods and numbers are in order)."""
    cache = vars(s)
    held: dict[tuple[int, int], int] | None = cache.get("_aside_periods")
    if held is None:
        held = cache["_aside_periods"] = {}
        text, periods = s.doc.text, s.periods
        if periods and text.count(",", s.start, s.end) >= 2:
            starts = [p.start for p in periods]
            numbers = [x.start for x in s.numbers]
            for m in _ASIDE_OPEN.finditer(text, s.start, s.end):
                close = text.find(",", m.end(), s.end)
                if close < 0:
                    break
                lo, hi = bisect.bisect_left(starts, m.end()), bisect.bisect_left(starts, close)
                inside = [p for p in periods[lo:hi] if p.end <= close]
                if inside and not _counts(periods, starts, numbers, m.end(), close):
                    held.update(((p.start, p.end), close) for p in inside)
    return held


def _counts(
    periods: list[FoundPeriod], starts: list[int], numbers: list[int], lo: int, hi: int
) -> bool:
    """Whether a number outside every period stands in [lo, hi): a figure of the aside's own."""
    for at in numbers[bisect.bisect_left(numbers, lo) : bisect.bisect_left(numbers, hi)]:
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or not periods[k].start <= at < periods[k].end:
            return True
    return False


# A relative clause dates its own noun: "104 stores, among them its 100th, which opened last
# October" (October is the 100th store's opening, not the count's day).
_RELATIVE = regexes.compile(r",\s+(?:which|who|whose|where)\s")

# Words that put a later period in another figure's clause: "exceeded US$50 billion for the
# first time, after reaching US$47.6 billion in 2022" (2022 is the earlier figure's year).
_OTHER_CLAUSE = regexes.compile(
    r"(?i:;|\b(?:after|before|compared|against|than|versus|while|whereas|but|following|"
    r"when|previously|earlier)\b)"
)


def _clause_between(s: Sentence, a: int, b: int) -> bool:
    """Whether an _OTHER_CLAUSE word lies in [a, b): the sentence is scanned once (a sentence of
    many figures asks for each)."""
    cache = vars(s)
    marks: list[int] | None = cache.get("_clause_marks")
    if marks is None:
        marks = cache["_clause_marks"] = [
            m.start() for m in _OTHER_CLAUSE.finditer(s.doc.text, s.start, s.end)
        ]
    k = bisect.bisect_left(marks, a)
    return k < len(marks) and marks[k] < b


def _base_period(
    text: str,
    s: Sentence,
    dating: list[FoundPeriod],
    ends: list[int],
    nums: list[Number],
    i: int,
    compared: FoundPeriod | None,
) -> tuple[bool, FoundPeriod | None]:
    """Whether the figure is what another is compared with ("up from 1.9 million", "compared
    with the 2021 figure of US$42.7 billion"), and then the period that is its own: one between
    the comparing word and the figure; one right after the figure (before the next number, "in
    the same period of 2022" too) that does not also date the figure it is compared with; or
    "a year earlier", "the previous year" after it: a year before the compared figure's period.
    The base borrows no other period of the sentence: its time is then unsaid, not the new
    value's."""
    n = nums[i]
    k = bisect.bisect_right(ends, n.start)  # dating[:k] end before the number
    if not _BASE_MARK.search(text, max(s.start, n.start - 40), n.start):
        p = dating[k - 1] if k else None
        if (
            p is not None
            and _BASE_GLUE.fullmatch(text, p.end, n.start)
            and _BASE_MARK.search(text, max(s.start, p.start - 40), p.start)
        ):
            return True, p  # "from 2021's US$42.7 billion", "against the 2021 figure of ..."
        return False, None
    back = _YEAR_BEFORE.match(text, n.end, s.end)
    if back is not None:
        shifted = _year_back(compared.period) if compared is not None else None
        if compared is None or shifted is None:
            return True, None
        return True, replace(
            compared, start=back.start(), end=back.end(), period=shifted, phrase="relative"
        )
    every = s.periods
    next_start = nums[i + 1].start if i + 1 < len(nums) else s.end
    j = bisect.bisect_right(_ends(s, every), n.start)
    while j < len(every) and every[j].start < n.end:
        j += 1
    if j < len(every) and every[j].end <= next_start and every[j] is not compared:
        return True, every[j]
    return True, None


def _year_back(p: Period) -> Period | None:
    """The same days a year earlier (a month's last day stays its last day)."""
    try:
        start = p.start.replace(year=p.start.year - 1)
        last = calendar.monthrange(p.end.year - 1, p.end.month)[1]
        month_end = p.end.day == calendar.monthrange(p.end.year, p.end.month)[1]
        end = p.end.replace(year=p.end.year - 1, day=last if month_end else p.end.day)
    except ValueError:
        return None
    return Period(start, end, p.kind)


def _period(found: FoundPeriod | None, s: Sentence, metric: Metric) -> tuple[Period | None, str]:
    if found is not None:
        period = _to_end(stated(s.doc.text, found), found, metric)
        fy = s.book.fiscal_year(metric)
        if fy is not None and "fiscal" in found.flags:  # "FY2024": the metric's fiscal year
            period = fiscal_year(period, fy.month, fy.named_for)
            if "as-of" in found.flags and metric.period != "span":  # "at the end of fiscal 2024"
                period = Period(period.end, period.end, "point")
        return _kind(period, metric), found.phrase
    date = s.doc.date
    if date is None:
        return None, "unknown"
    return _kind(Period(date.first(), date.last(), "point"), metric), "document"


def _inferred(
    s: Sentence, how: str, found: FoundPeriod | None, metric: Metric
) -> tuple[tuple[str, str], ...]:
    """("inferred.period", ...) for a figure whose sentence states no time (claims.py), or
    states a fiscal year its metric's `fiscal_year` reads as months (or, where the metric
    declares none, its parties' other metrics)."""
    if found is not None and "fiscal" in found.flags and s.book.fiscal_year(metric) is not None:
        declared = metric.fiscal_year is not None
        return (("inferred.period", "fiscal-year" if declared else "party-fiscal-year"),)
    if how == "document":
        return (("inferred.period", "publication-date"),)
    for where in _EARLIER_FLAGS:
        if found is not None and where in found.flags:
            return (("inferred.period", where),)
    return ()


# "During the reviewed period", "in the period under review": the time of an earlier sentence.
_ANAPHOR = regexes.compile(
    r"(?i:\b(?:during|in|over|for|throughout)\s+the\s+(?:(?:reviewed|review|said|above|same)\s+)?"
    r"period(?:\s+under\s+review)?\b(?!\s+(?:of|in|from|last|a\s+year|between)\b))"
)
_EARLIER_FLAGS = ("paragraph", "article", "headline")
_EARLIER_REACH = 3  # sentences back


def _headline(s: Sentence) -> FoundPeriod | None:
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


def _paragraph_period(s: Sentence) -> FoundPeriod | None:
    """The last period of the sentence before, in the same paragraph ("In 2023, commerce hit a
    record. Two-way trade passed US$50 billion for the first time."), flagged "paragraph"."""
    cache = vars(s)
    if "_paragraph_period" not in cache:
        cache["_paragraph_period"] = None
        text = s.doc.text
        spans = s.context.sentences
        i = bisect.bisect_left(spans, (s.start, s.start))
        if i > 0 and "\n" not in text[spans[i - 1][1] : s.start]:
            start, end = spans[i - 1]
            own = [p for p in find_periods(text, start, end, s.doc.date) if not p.flags]
            if own:
                cache["_paragraph_period"] = replace(
                    own[-1], start=s.start, end=s.start, flags=("paragraph",)
                )
    got: FoundPeriod | None = cache["_paragraph_period"]
    return got


def _article_period(s: Sentence) -> FoundPeriod | None:
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


def _so_far(s: Sentence, found: FoundPeriod) -> FoundPeriod:
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


def _earlier(s: Sentence) -> list[FoundPeriod]:
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


_DAY_WRITTEN = regexes.compile(r"(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?(?!\d|[.,]\d)")
_END_OF = regexes.compile(r"(?i:\bend\b)")
_WORD = regexes.compile(r"[A-Z][a-z]+")


def stated(text: str, found: FoundPeriod) -> Period:
    """The time a period phrase names, to the precision written: "as of September 2023" is the
    month of September (a stock fact of any day in it speaks of it), while "as of September 20"
    and "by the end of September" name a day. (The phrase finder reads every "as of" as the last
    day of what follows it.)"""
    p = found.period
    if "as-of" not in found.flags or p.start != p.end:
        return p
    phrase = text[found.start : found.end]
    if _END_OF.search(phrase) or _DAY_WRITTEN.search(phrase):
        return p
    if not any(w.lower() in MONTHS for w in _WORD.findall(phrase)):
        return p  # "as of 2023": the year's last day
    return Period(p.end.replace(day=1), p.end, p.kind)


def _to_end(period: Period, found: FoundPeriod, metric: Metric) -> Period:
    """A flow "until the end of April 2017", "as of October": from January to that day (a flow
    has no value on a day; the year's figures so far are meant)."""
    if "as-of" not in found.flags or metric.period != "span":
        return period
    return Period(period.end.replace(month=1, day=1), period.end)


def _kind(period: Period, metric: Metric) -> Period:
    """A point in time ("as of", "currently", the document date) takes the metric's stock kind."""
    if period.kind == "point" and metric.period != "span":
        return replace(period, kind=metric.period)
    return period


def _base_periods(
    s: Sentence, periods: list[FoundPeriod], figures: list[_Figure]
) -> list[FoundPeriod]:
    """Periods a change is measured against: "(an increase of 50%) over the same period in
    2022", "(3 folds) from 2014", "(a four-time increase) from the figure of the entire 2016"."""
    text, lo = s.doc.text, s.start
    marks = [f.num.end for f in figures if f.change or f.num.factor]
    marks += [m.end() for m in _fold_verbs(s, lo, periods[-1].start if periods else lo)]
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


# --- arithmetic ----------------------------------------------------------------------------------


def _is_change(text: str, lo: int, hi: int, n: Number) -> bool:
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


def _direction(text: str, lo: int, hi: int, n: Number) -> str:
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


def _arithmetic(
    s: Sentence,
    figures: list[_Figure],
    base: list[FoundPeriod],
    dating: list[FoundPeriod],
    mentions: list[Mention],
) -> Iterator[Claim]:
    text = s.doc.text
    levels = [f for f in figures if f.claim is not None and f.change is None]
    starts = [f.num.start for f in levels]
    # A total and its parts: "US$32.9 billion, of which exports ... US$17.2 billion and ...";
    # a breakdown: "Of the $1.42 billion budget, $900 million ...", "$1.42 billion: ...",
    # "$1.42 billion split between ..."
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
        break
    # Named parts, then their total: "exports ... and imports ..., bringing two-way trade to ..."
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
        break
    # Changes in percent and x-fold changes.
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
        yield _change(s, f, relation, n.digits, (levels, starts), base, dating, mentions)
    for m in _fold_verbs(s, s.start, s.end):
        fake = Number(m.start(), m.end(), 0, 0, 0, m.group(0), None, None, None, True, m.start())
        verb = plain(m.group("v"))
        f = _Figure(fake, change="decrease" if verb == "halved" else "increase")
        yield _change(
            s,
            f,
            "fold",
            _FOLD_VERBS[verb],
            (levels, starts),
            base,
            dating,
            mentions,
        )


def _of_unread(figures: list[_Figure], i: int) -> bool:
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
    f: _Figure,
    relation: str,
    written: str,
    figures: tuple[list[_Figure], list[int]],
    base: list[FoundPeriod],
    dating: list[FoundPeriod],
    mentions: list[Mention],
) -> Claim:
    text = s.doc.text
    n = f.num
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
    start, end = n.start, n.end
    lead = _CHANGE_BEFORE.search(text, max(s.start, n.start - 30), n.start)
    if lead is not None and relation == "change":
        start = lead.start()  # "an increase of 50%", "up 50%"
        art = re.search(r"(?i:\b(?:an?|the)\s+)$", text[max(s.start, start - 4) : start])
        start -= len(art.group(0)) if art else 0
    b = bisect.bisect_left(_starts(s, base), n.end)
    base_p = base[b] if b < len(base) else None
    if base_p is not None and any(
        m.unit == units.PERCENT and end <= m.start < base_p.start for m in s.numbers
    ):
        base_p = None  # "up 3.5%, while imports ... down 0.3% from the previous year": not its base
    if base_p is not None and base_p.start - end < 60:
        end = base_p.end
    parts = tuple(g.claim for g in (new, old) if g is not None and g.claim is not None)
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
    head = parts[0] if parts else None
    target = head.target if head else None
    subject = head.subject if head else None
    period = head.period if head else None
    if head is None:  # "increased 3 folds from 2014": the metric and period, no figure
        k = bisect.bisect_right(_ends(s, dating), n.start)  # the nearest before, else after
        found = dating[k - 1] if k else dating[k] if k < len(dating) else None
        if found is None:  # "... a yearly rise of 6.3%": the time of the sentence before
            found = _paragraph_period(s)
            if found is not None:
                attrs.append(("inferred.period", "paragraph"))
        period = found.period if found else None
        j = bisect.bisect_right(_ends(s, mentions), n.start)  # ends increase too
        if j:
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
            want = _stock_or_flow(found)
            pairs.sort(key=lambda c: (c[0].period == "span") != (want == "span"))
            if pairs:
                target, subject = pairs[0][0].id, _subject(s, pairs[0][1], pairs[0][0])
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


def _plain(written: str) -> str:
    """ "3", "4", "50": the factor or percent as a number, from digits or words."""
    from claimcheck.extract.numbers import small

    w = written.lower().replace("-time", "").replace("fold", "").replace(",", "").strip()
    got = small(w)
    return str(got) if got is not None else w


def _same_dimension(a: Claim, b: Claim) -> bool:
    if a.value is None or b.value is None:
        return False
    da, db = units.dimension(a.value.unit), units.dimension(b.value.unit)
    return da == db or da is None or db is None
