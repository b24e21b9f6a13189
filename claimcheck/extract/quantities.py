"""Amounts and counts of the rulebook's metrics, with their periods: reading one figure (its
metric, period, owner and unit). The arithmetic that ties the figures of a sentence together (a
total and its parts, a change, an x-fold increase) is in arithmetic.py, which this extractor
calls once it has read them.

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
before (each recorded as ("inferred.period", "paragraph"|"headline"|"article"); found in
borrowed_periods.py); else the document date (present tense: the figure as of publication,
("inferred.period", "publication-date")). A flow "until the end of April" runs
from January to that day; a stock stays a point. Periods that are the base of a comparison
("from 2014", "over the same period in 2022") are kept for the arithmetic claim and never date
a figure. A figure that is itself the base of a comparison
("up from 1.9 million in 2019", "compared with US$42.7 billion") takes only a period of its own
(right after it, or between the comparing word and it); otherwise its time is unsaid and its
period None: it never borrows the period of the figure it is compared with. A cumulative
metric's figure dated to one fiscal year is that year's flow and no claim of it.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterator
from dataclasses import replace

from claimcheck.extract import attribution, modality, ownership
from claimcheck.extract.arithmetic import (
    Figure,
    arithmetic_claims,
    base_periods,
    direction,
    fold_verbs,
    is_change,
    items,
    may_change,
    may_change_at,
    written_change,
)
from claimcheck.extract.borrowed_periods import (
    EARLIER_FLAGS,
    article_period,
    headline_period,
    paragraph_period,
    pointed_back,
    so_far,
)
from claimcheck.extract.context import Sentence
from claimcheck.extract.mentions import Mention, in_context, mentions, near, span_ends, span_starts
from claimcheck.extract.numbers import Number
from claimcheck.extract.periods import MONTHS, FoundPeriod, stated, stock_or_flow
from claimcheck.extract.registry import extractor
from claimcheck.infra import regexes
from claimcheck.model import units
from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import Period, fiscal_year
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


@extractor("quantities", needs=_METRIC, unless=may_change_at)
def quantities(s: Sentence) -> Iterator[Claim]:
    metric_mentions = mentions(s, _METRIC)
    if metric_mentions and s.book.derived.get("context_aliases", True):
        metric_mentions = in_context(s, metric_mentions)  # aliases read beside their context
    if not metric_mentions and not may_change(s):
        return  # a figure is read as a metric named in its sentence; a change may name none
    text = s.doc.text
    nums = s.numbers
    if not nums and next(fold_verbs(s, s.start, s.end), None) is None:
        return
    periods = s.periods
    figures = [Figure(n) for n in nums]
    for f in figures:
        n = f.num
        if n.unit == units.PERCENT and not n.ranged and is_change(text, s.start, s.end, n):
            f.change = direction(text, s.start, s.end, n)
    base = base_periods(s, periods, figures)
    dating = _dating(s, periods, base)
    _read_levels(s, figures, dating, metric_mentions)
    sums = list(arithmetic_claims(s, figures, base, dating, metric_mentions))
    parts = items(sums)
    yield from (f.claim for f in figures if f.claim is not None and id(f.claim) not in parts)
    yield from sums


def _dating(s: Sentence, periods: list[FoundPeriod], base: list[FoundPeriod]) -> list[FoundPeriod]:
    """The periods that may date the sentence's figures: not a base of a change, a weekday or
    a year inside an official name; else the period the sentence points back to."""
    based = {id(p) for p in base}
    names = _term_spans(s) if periods else []
    dating = [
        p
        for p in periods
        if id(p) not in based and not _UNDATING.intersection(p.flags) and not _named(names, p)
    ]
    dating = dating or pointed_back(s)
    if any("year-to-date" in p.flags for p in dating):
        dating = [so_far(s, p) if "year-to-date" in p.flags else p for p in dating]
    return dating


def _read_levels(
    s: Sentence, figures: list[Figure], dating: list[FoundPeriod], metric_mentions: list[Mention]
) -> None:
    """Sets the claim of each figure that is a level (not a change) of a metric."""
    text = s.doc.text
    nums = s.numbers
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
            found = paragraph_period(s) or headline_period(s) or article_period(s)
        period = (None, "unknown") if found is None and is_base else _period(found, s, metric)
        if found is not None:
            dated = owned.setdefault(id(found), set())
            if adjacent:
                dated.add(metric.id)
            elif metric.id in dated:
                period = (None, "unknown")
        f.claim = _quantity(s, f, (mention, metric), (found, period), inferred)


def _quantity(
    s: Sentence,
    f: Figure,
    named: tuple[Mention, Metric],
    when: tuple[FoundPeriod | None, tuple[Period | None, str]],
    inferred: str | None,
) -> Claim:
    """The quantity claim of a figure: `named` by the alias of a metric, dated by `when` (the
    period phrase found, and the period with how it was found)."""
    text, n = s.doc.text, f.num
    mention, metric = named
    found, period = when
    noun = _noun(text, n, s.end)
    attrs: list[tuple[str, str]] = [("alias", text[mention.start : mention.end])]
    if inferred is not None:
        attrs.append(("inferred.subject", inferred))
    source = attribution.attributed(s)
    if source is not None:
        attrs.append(("attributed", source))
    delta = written_change(s, n) if n.unit != units.PERCENT else None
    if delta is not None:
        f.change = delta
        attrs.append(("change", delta))
    claim = Claim(
        "quantity",
        n.start,
        n.end,
        text[n.start : n.end],
        subject=ownership.subject(s, mention, metric),
        target=metric.id,
        value=Quantity(n.low, n.high, _unit(s, n, metric, noun), n.digits, n.scale, n.hedge),
        period=period[0],
        attrs=(*attrs, ("period", period[1]), *_inferred(s, period[1], found, metric)),
        sentence=(s.start, s.end),
    )
    return modality.mark(s, claim)  # the parts of arithmetic claims carry it too


def _term_spans(s: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names an official name (looked at once, not for each period)."""
    return [(m.start, m.end) for m in s.every_match if any(e.kind == "term" for e in m.entries)]


def _named(names: list[tuple[int, int]], p: FoundPeriod) -> bool:
    """Whether the period is a year inside an official name ("the Basecamp 2025 plan", "Vision
    2030"): part of the name, not the time of the sentence's figures."""
    return any(a <= p.start and p.end <= b for a, b in names)


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
    starts = span_starts(s, mentions)
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
    want = stock_or_flow(found)
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
            starts = span_starts(s, periods)
            numbers = span_starts(s, s.numbers)
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
    j = bisect.bisect_right(span_ends(s, every), n.start)
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
    for where in EARLIER_FLAGS:
        if found is not None and where in found.flags:
            return (("inferred.period", where),)
    return ()


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
