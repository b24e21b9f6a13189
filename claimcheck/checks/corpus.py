"""Corpus engine: figures and ranks that disagree across articles about the same thing and time.

Claims are grouped in one pass by key (subject, metric or ranking, period, period kind, unit;
ranks also by measure), so the work is linear in the number of claims, never in pairs of
documents. Flows (and ranks) of different periods are in different groups and never contradict.
Point and cumulative figures dated to a month or closer are keyed without their date and then
grouped by date in one pass over them in date order: a figure joins the group of the earliest
figure before it when its date overlaps a member's ("currently" in an article dated to the day,
and one dated only to that month) or starts within the metric's `compare_within` after that
first figure's date (two "currently" figures a week apart, when the metric says its figures
hold for 30 days). The window counts from a group's first figure, so figures a week apart all
year are not one group.

Which side is wrong: within a group the *consensus* is the largest set of claims that can all
be true at once (intervals sharing a common point; each document votes once per value). Ties go
to the set whose members were published first, and in a hook run to articles already in the
corpus over the ones being checked. Every claim that cannot be true together with the consensus
gets one finding, listing the consensus claims it contradicts (the first five, then a count).
So the outlier is blamed against a majority, the later article when two disagree, and a group
of many conflicting articles yields one finding per offending claim, never one per pair.

Within one article: two sentences that give one metric, subject and period different values
contradict each other like two articles do (the finding names the other figure as earlier or
later "in this article", with its line). Figures of one sentence are never set against each
other here: a sentence relates its figures (a total and its items, a change and its base), and
the arithmetic engine judges that relation; a misread relation is no contradiction.

Where the rulebook has a fact for the group's metric and period, the fact is the reference: the
quantity and rank engines report against it, and this engine stays silent on that group.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from claimcheck.checks.registry import CorpusContext, DocContext, Rule, engine
from claimcheck.infra.values import value
from claimcheck.judge import amounts, certainty
from claimcheck.judge.facts import judge, judging_facts, other_source, subject_matches
from claimcheck.judge.intervals import claim_interval
from claimcheck.judge.parts import unjudged_parts
from claimcheck.judge.periods import NEAR, STOCK, when
from claimcheck.judge.ranks import MEASURES, judging_rank_facts, place, resolve
from claimcheck.model.claims import Claim, Quantity
from claimcheck.model.dates import Period
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding, Related, Severity
from claimcheck.model.paths import key as path_key
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Metric

RELATED_MAX = 5
_FAR = dt.date.max


@value()
class Entry:
    """One claim of a group, with its document and its interval (a rank is [r, r])."""

    doc: Document
    claim: Claim
    low: float
    high: float
    order: tuple[int, dt.date, str, int]  # who speaks first: corpus before targets, then date


@dataclass
class Group:
    """Every claim about one subject, metric (or ranking), period and unit."""

    kind: str  # quantity | rank
    target: str  # metric or ranking id
    subject: str  # entity id; "" for the metric's own subjects
    period: Period
    unit: str  # currency code, "count", "percent", or "" (ranks)
    measure: str = ""  # ranks: annual | cumulative | current, when the text says
    entries: list[Entry] = field(default_factory=list)
    reference: str = "articles"  # rulebook: a fact judges the group; articles: the consensus
    facts: list[str] = field(default_factory=list)  # the rulebook's values, as text
    consensus: list[Entry] = field(default_factory=list)
    bounds: tuple[float, float] = (-math.inf, math.inf)  # what every consensus claim allows
    # each claim that disagrees, the first claims it contradicts, and how many it contradicts
    offending: list[tuple[Entry, list[Entry], int]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len({e.doc.path for e in self.entries})


def _cut_short(v: Quantity) -> tuple[float, float]:
    """The values a figure written to its last digit may stand for, as articles write it: rounded
    or cut short ("US$12.3 billion" for 12.37), so up to a whole unit of that digit above it."""
    low, high = v.low, v.high
    if v.hedge is None and math.isfinite(high) and high > low:
        return low, high + (high - low) / 2
    return low, high


def _period_key(p: Period) -> tuple[dt.date, dt.date, str]:
    return p.start, p.end, "span" if p.kind == "span" else "stock"


def _speaker(doc: Document, targets: frozenset[str], checked: bool) -> tuple[int, dt.date, str]:
    """Entry.order but for the claim's offset: the same for every claim of the document."""
    first = 1 if not targets or checked else 0
    return first, doc.date.first() if doc.date else _FAR, doc.path


def quantity_key(claim: Claim, book: Rulebook) -> tuple[str, str, str] | None:
    """(metric, subject, unit) of a quantity claim that states a level, or None."""
    if claim.kind != "quantity" or claim.value is None or claim.period is None:
        return None
    metric = book.metrics.get(claim.target or "")
    if metric is None or amounts.is_change(claim) or other_source(claim, metric):
        return None
    dim = amounts.dimension(claim.value.unit)
    if dim is not None and dim != metric.dimension:
        return None
    subject = "" if subject_matches(claim, metric.subject) else str(claim.subject)
    if metric.dimension == "currency":
        unit = claim.value.unit or amounts.split_scale(metric.unit)[0] or ""
    else:
        unit = metric.dimension
    return metric.id, subject, unit


def rank_key(claim: Claim, book: Rulebook) -> tuple[str, str, str] | None:
    if claim.kind != "rank" or claim.rank is None or claim.period is None:
        return None
    ranking = resolve(claim, book)
    if ranking is None or claim.subject is None:
        return None
    said = (claim.attr("measure") or "").lower()
    return ranking.id, claim.subject, MEASURES.get(said, said)


def build_groups(
    docs: Sequence[Document],
    claims: Mapping[str, Sequence[Claim]],
    book: Rulebook,
    targets: frozenset[str] = frozenset(),
    only_targets: bool = False,
    articles_only: bool = False,
) -> list[Group]:
    """Group every quantity and rank claim by key in one pass; then settle each group.

    With `only_targets`, groups without a claim of a target document are dropped before they
    are settled: a group is judged on its own members only, so the findings on the targets are
    the same, and a hook run on one article does not judge the whole archive. With
    `articles_only`, the groups a rulebook fact judges are left out (the engine reports nothing
    on them; the fact engines do): whether a fact judges a group is asked once per key.
    """
    metrics = _target_metrics(docs, claims, targets) if only_targets else None
    groups, stocks = _gather(docs, claims, book, targets, metrics, articles_only)
    for key, pool in stocks.items():
        for n, cluster in enumerate(_clusters(pool, book)):
            group = _group(key, cluster[0].claim)
            group.period = _span(cluster)
            group.entries = cluster
            groups[(*key, n)] = group
    out = sorted(groups.values(), key=_group_order)
    if only_targets:
        out = [g for g in out if any(path_key(e.doc.path) in targets for e in g.entries)]
    for group in out:
        _settle(group, book)
    return out


def _target_metrics(
    docs: Sequence[Document], claims: Mapping[str, Sequence[Claim]], targets: frozenset[str]
) -> set[str | None]:
    """The metrics the target documents' figures give. A quantity's group key starts with its
    metric (claim.target): in a hook run, a figure of a metric the checked articles never
    mention cannot share their groups, so it is not keyed."""
    return {
        c.target
        for doc in docs
        if path_key(doc.path) in targets
        for c in claims.get(doc.path, ())
        if c.kind == "quantity"
    }


def _gather(
    docs: Sequence[Document],
    claims: Mapping[str, Sequence[Claim]],
    book: Rulebook,
    targets: frozenset[str],
    metrics: set[str | None] | None,
    articles_only: bool,
) -> tuple[dict[tuple[object, ...], Group], dict[tuple[object, ...], list[Entry]]]:
    """Every keyed claim as an entry of its group; point figures pooled by key (and by whether
    the rulebook judges them), to be grouped by date. With `articles_only`, the claims a fact
    judges are left out; whether one does is asked once per key."""
    groups: dict[tuple[object, ...], Group] = {}
    judged: dict[tuple[object, ...], bool] = {}
    stocks: dict[tuple[object, ...], list[Entry]] = {}  # point figures by key, dated later
    for doc in docs:
        speaker = _speaker(doc, targets, path_key(doc.path) in targets)
        for claim, (key, low, high) in _keyed_claims(claims.get(doc.path, ()), book, metrics):
            stock = key[-1] == STOCK_KEY
            asked = (*key, claim.period) if stock else key
            if articles_only or stock:
                if asked not in judged:
                    judged[asked] = _rulebook_judges(claim, book)
                if articles_only and judged[asked]:
                    continue
            entry = Entry(doc, claim, low, high, (*speaker, claim.start))
            if stock:  # grouped by date later; a judged one with judged ones
                stocks.setdefault((*key, judged[asked]), []).append(entry)
                continue
            group = groups.get(key)
            if group is None:
                group = groups[key] = _group(key, claim)
            group.entries.append(entry)
    return groups, stocks


def _keyed_claims(
    claims: Sequence[Claim], book: Rulebook, metrics: set[str | None] | None = None
) -> Iterator[tuple[Claim, tuple[tuple[object, ...], float, float]]]:
    """A document's claims that join a group, each with its key and interval: not the figures a
    sentence's arithmetic shows to be no value of their metric, nor those of a metric outside
    `metrics` (when given)."""
    items = unjudged_parts(claims)
    for claim in claims:
        if (claim.start, claim.end) in items:
            continue
        if metrics is not None and claim.kind == "quantity" and claim.target not in metrics:
            continue
        made = _keyed(claim, book)
        if made is not None:
            yield claim, made


STOCK_KEY = "stock"  # the last part of a point figure's key: its date is not part of it


def _keyed(claim: Claim, book: Rulebook) -> tuple[tuple[object, ...], float, float] | None:
    """The group key of a quantity or rank claim, and its interval. The key holds what its
    group is about: ("quantity", metric, subject, unit, *period) or ("rank", ranking, subject,
    measure, *period); a point or cumulative figure dated to a month or closer has a key that
    ends in STOCK_KEY instead of its period (figures of overlapping or close dates meet:
    _clusters). A stock "in 2015" says no day: it meets only figures of that same year."""
    if claim.period is None:
        return None
    if claim.kind == "quantity" and claim.value is not None:
        qk = quantity_key(claim, book)
        if qk is None:
            return None
        low, high = _interval(claim, book.metrics[qk[0]])
        if claim.period.kind in STOCK and claim.period.end - claim.period.start <= NEAR:
            return ("quantity", *qk, STOCK_KEY), low, high
        return ("quantity", *qk, *_period_key(claim.period)), low, high
    if claim.kind == "rank" and claim.rank is not None:
        rk = rank_key(claim, book)
        if rk is None:
            return None
        rank = float(claim.rank)
        return ("rank", *rk, *_period_key(claim.period)), rank, rank
    return None


def _interval(claim: Claim, metric: Metric) -> tuple[float, float]:
    """A figure's interval for the consensus: with the metric's `hedge` when it sets one and
    the figure has a hedge, else as articles write it (_cut_short)."""
    assert claim.value is not None
    if metric.hedge is not None and claim.value.hedge is not None:
        return claim_interval(claim, metric)
    return _cut_short(claim.value)


def window(metric: Metric | None) -> dt.timedelta:
    """A metric's `compare_within` as days (a week is 7, a month 30); none: 0, dates that
    overlap only."""
    said = metric.compare_within if metric is not None else None
    if not said:
        return dt.timedelta(0)
    count, unit = said.split()
    return dt.timedelta(days=int(count) * {"d": 1, "w": 7, "m": 30}[unit[0]])


def _clusters(pool: list[Entry], book: Rulebook) -> list[list[Entry]]:
    """Point figures of one key in groups of figures that can meet, in one pass over them in
    date order: a figure joins the group of the earliest figure before it when its date starts
    no later than the window (`compare_within`) after that figure's date ends, or within the
    dates of a figure already in the group (a month holds its days). The window is counted from
    the group's first figure only, so a string of figures a week apart is not one group."""
    pool.sort(key=lambda e: (_day(e).start, _day(e).end, e.order))
    metric = book.metrics.get(pool[0].claim.target or "")
    wide = window(metric)
    out: list[list[Entry]] = []
    reach = dt.date.min
    for e in pool:
        p = _day(e)
        if out and p.start <= reach:
            out[-1].append(e)
            reach = max(reach, p.end)
        else:
            out.append([e])
            reach = p.end + wide if p.end <= dt.date.max - wide else dt.date.max
    return out


def _day(e: Entry) -> Period:
    assert e.claim.period is not None
    return e.claim.period


def _span(cluster: list[Entry]) -> Period:
    """The dates a group of point figures covers, as its period (the kind of its first)."""
    first = _day(cluster[0])
    return Period(first.start, max(_day(e).end for e in cluster), first.kind)


def _group(key: tuple[object, ...], first: Claim) -> Group:
    """An empty group for a key, its period the first claim's."""
    kind, target, subject, third = (str(k) for k in key[:4])
    assert first.period is not None
    if kind == "quantity":
        return Group(kind, target, subject, first.period, third)
    return Group(kind, target, subject, first.period, "", third)


def joining(claims: Sequence[Claim], book: Rulebook) -> Iterator[tuple[str, Claim]]:
    """The claims of one document that join a group, each with the group's key as text: claims
    of two articles meet only there. These are the claims `build_groups` groups (the parts a
    sum's arithmetic shows to be no value of the metric are not), but for the groups the
    rulebook judges: they yield no finding of this engine (whether a fact judges a claim depends
    on its group key alone: metric or ranking, subject, period)."""
    for claim, (key, _, _) in _keyed_claims(claims, book):
        if not _rulebook_judges(claim, book):
            yield "\t".join(map(str, key)), claim


def _rulebook_judges(claim: Claim, book: Rulebook) -> bool:
    if claim.kind == "quantity":
        return bool(judging_facts(claim, book))
    return bool(judging_rank_facts(claim, book))


def _group_order(g: Group) -> tuple[object, ...]:
    p = g.period
    return (g.kind, g.target, g.subject, p.start, p.end, p.kind, g.unit, g.measure)


def _settle(group: Group, book: Rulebook) -> None:
    """Judge a group: against the rulebook's facts where they speak of it, else against the
    consensus of its articles."""
    if not (_by_facts(group, book) or _by_rank_facts(group, book)):
        _by_consensus(group)


def _by_facts(group: Group, book: Rulebook) -> bool:
    """A figures' group a fact speaks of: every figure its verdict does not agree with offends
    (the quantity and units engines report them)."""
    if group.kind != "quantity" or not judging_facts(group.entries[0].claim, book):
        return False
    group.reference = "rulebook"
    for e in group.entries:
        verdict = judge(e.claim, book)
        if verdict is not None and verdict.fact_text not in group.facts:
            group.facts.append(verdict.fact_text)
        if verdict is not None and verdict.outcome != "agree":
            group.offending.append((e, [], 0))
    return True


def _by_rank_facts(group: Group, book: Rulebook) -> bool:
    """A ranks' group rank facts speak of: every place none of them gives offends."""
    found = judging_rank_facts(group.entries[0].claim, book) if group.kind == "rank" else []
    if not found:
        return False
    group.reference = "rulebook"
    ranks = {f.rank for f, _ in found}
    group.facts = [place(r) for r in sorted(ranks)]
    group.offending = [(e, [], 0) for e in group.entries if e.claim.rank not in ranks]
    return True


def _by_consensus(group: Group) -> None:
    """The group's consensus, and each claim that cannot be true with it, with the consensus
    claims it contradicts (but those of its own sentence) and how many."""
    group.consensus = consensus(group.entries)
    low = max(e.low for e in group.consensus)
    high = min(e.high for e in group.consensus)
    group.bounds = (low, high)
    lows = sorted(e.low for e in group.consensus)
    highs = sorted(e.high for e in group.consensus)
    speaking = sorted(group.consensus, key=lambda e: e.order)
    by_sentence: dict[tuple[str, tuple[int, int]], list[Entry]] = {}
    for c in group.consensus:
        by_sentence.setdefault(_sentence(c), []).append(c)
    for e in group.entries:
        mine = by_sentence.get(_sentence(e), ())
        if e.high < low:  # consensus claims entirely above this one
            total = len(lows) - bisect.bisect_right(lows, e.high)
            total -= sum(c.low > e.high for c in mine)
            against = _first(speaking, e, e.high, above=True)
        elif e.low > high:  # entirely below
            total = bisect.bisect_left(highs, e.low)
            total -= sum(c.high < e.low for c in mine)
            against = _first(speaking, e, e.low, above=False)
        else:
            continue
        if total > 0:
            group.offending.append((e, against, total))


def _sentence(e: Entry) -> tuple[str, tuple[int, int]]:
    return e.doc.path, e.claim.sentence


def _first(entries: list[Entry], e: Entry, x: float, above: bool) -> list[Entry]:
    """The first RELATED_MAX entries (in speaking order) entirely above (or below) x, but those
    of e's own sentence: figures one sentence relates are the arithmetic engine's to judge."""
    out: list[Entry] = []
    mine = _sentence(e)
    for c in entries:
        if ((c.low > x) if above else (c.high < x)) and _sentence(c) != mine:
            out.append(c)
            if len(out) == RELATED_MAX:
                break
    return out


def consensus(entries: Sequence[Entry]) -> list[Entry]:
    """The largest set of entries whose intervals share a point (sweep over the endpoints).

    A document votes once per interval, so an article repeating its figure does not outvote
    two articles. Among equally large sets, the one whose members speak first wins.
    """
    voters: dict[tuple[str, float, float], Entry] = {}
    for e in sorted(entries, key=lambda x: x.order):
        voters.setdefault((e.doc.path, e.low, e.high), e)
    ranked = list(voters.values())  # index order is speaking order
    events = sorted(
        [(e.low, 0, i) for i, e in enumerate(ranked)]
        + [(e.high, 1, i) for i, e in enumerate(ranked)]
    )
    active: set[int] = set()
    best: list[int] = []
    for n, (_, closing, i) in enumerate(events):
        if closing:
            active.discard(i)
            continue
        active.add(i)
        peak = n + 1 == len(events) or events[n + 1][1] == 1  # coverage is highest here
        if not peak or len(active) < len(best):
            continue
        members = sorted(active)
        if len(members) > len(best) or members < best:
            best = members
    return [ranked[i] for i in best]


def _where(entry: Entry, other: Entry, cited: Related) -> str:
    """Another claim (`cited` as evidence) as a finding on `entry` names it: in its article and
    line, or as earlier (later) in this article when both are in one."""
    if other.doc.path != entry.doc.path:
        return f"{other.claim.text!r} in {cited.path}:{cited.line}"
    side = "earlier" if other.claim.start < entry.claim.start else "later"
    return f"{other.claim.text!r} {side} in this article (line {cited.line})"


def _cited(group: Group, e: Entry, memo: dict[int, Related]) -> Related:
    """A consensus claim as evidence, made once per run: a group's first few consensus claims
    are cited by every claim that contradicts them, thousands in a large archive."""
    got = memo.get(id(e))
    if got is None:
        got = memo[id(e)] = Related(
            e.doc.path,
            *e.doc.position(e.claim.start),
            f"{e.doc.date or 'undated'}: {e.claim.text!r} ({value_text(group, e)})",
        )
    return got


def value_text(group: Group, e: Entry) -> str:
    if group.kind == "rank":
        return place(int(e.low))
    return amounts.interval(e.low, e.high, group.unit if group.unit not in ("count", "") else None)


@engine(
    "corpus",
    [
        Rule(
            "quantity-contradicts-article",
            "quantity",
            "error",
            "a figure that cannot be true together with other articles' figures for the same "
            "metric, subject and period",
        ),
        Rule(
            "rank-contradicts-article",
            "rank",
            "error",
            "a place in a ranking that other articles give differently for the same period",
        ),
    ],
    scope="corpus",
    kinds=("quantity", "rank", "arithmetic"),
    joins=joining,
)
def check_corpus(ctx: CorpusContext) -> Iterator[Finding]:
    contexts: dict[str, DocContext] = {}
    memo: dict[int, Related] = {}  # by id(entry): the entries live as long as this run
    only_targets = bool(ctx.targets)
    groups = build_groups(ctx.docs, ctx.claims, ctx.book, ctx.targets, only_targets, True)
    if ctx.all_groups:  # the groups a fact judges too, for `claimcheck report`
        ctx.groups.extend(build_groups(ctx.docs, ctx.claims, ctx.book, ctx.targets, only_targets))
    else:  # for the reports: the groups the findings below come from
        ctx.groups.extend(g for g in groups if g.offending)
    for group in groups:
        for entry, against, total in group.offending:
            if ctx.targets and path_key(entry.doc.path) not in ctx.targets:
                continue
            dctx = contexts.get(entry.doc.path)
            if dctx is None:
                dctx = contexts[entry.doc.path] = DocContext(entry.doc, (), ctx.book)
            yield _finding(dctx, group, entry, against, total, ctx.book, memo)


def _finding(
    ctx: DocContext,
    group: Group,
    entry: Entry,
    shown: list[Entry],
    total: int,
    book: Rulebook,
    memo: dict[int, Related],
) -> Finding:
    more = total - len(shown)
    related = [_cited(group, e, memo) for e in shown]
    others = ", ".join(_where(entry, e, r) for e, r in zip(shown, related, strict=True))
    if more:
        others += f" and {more} more"
    what = (
        book.metrics[group.target].name
        if group.kind == "quantity"
        else book.rankings[group.target].name
    )
    claim = entry.claim
    period = when(claim.period or group.period)  # a point figure's own date, not its group's
    # the finding rests on the claims it contradicts too: an inferred part of theirs caps it
    capped: Severity | None = "warning" if certainty.unreliable(e.claim for e in shown) else None
    if group.kind == "quantity":
        scaled = amounts.rescale(entry.low, entry.high, [group.bounds])
        if scaled is not None:
            return ctx.finding(
                "unit-scale-mismatch",
                claim,
                f"scale mismatch: {claim.text!r} ({what}, {period}) is "
                f"{amounts.scale_word(scaled[0])} against {others}",
                related=related,
                severity=capped,
            )
        return ctx.finding(
            "quantity-contradicts-article",
            claim,
            f"{claim.text!r} puts {what} ({period}) at {value_text(group, entry)}, which "
            f"contradicts {others}",
            related=related,
            severity=capped,
        )
    who = book.entities[group.subject].names[0] if group.subject in book.entities else ""
    return ctx.finding(
        "rank-contradicts-article",
        claim,
        f"{claim.text!r} places {who} {value_text(group, entry)} in {what} ({period}), "
        f"which contradicts {others}",
        related=related,
        severity=capped,
    )
