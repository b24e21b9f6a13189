"""An entity's place in a ranking: "the largest ODA provider", "fourth biggest trade partner",
"ranks first among providers of ODA, second among ...", "ranking 3/143", "No. 1 investor",
"the No. 2 retailer".

A rank word (an ordinal, a superlative, "No. 1", "top") counts only when a ranking alias of the
rulebook follows it closely, in the same clause: "his first foreign trip" ranks nothing. One
"third among foreign investors and tourism partners" gives a claim per alias. The fixed
superlatives are the size words (largest, biggest, leading ...); any other superlative ranks only
where the rulebook writes it at the start of a ranking alias ("most populous city", "busiest
port", with an ordinal before it for another place: "third-busiest port"), since "the oldest
city" or "the most reliable partner" is no place in a ranking by population or trade.

A superlative that names a group places nothing: "one of the largest investors", "among its top
partners", "the top five partners" (a bound the claim model cannot carry), while "ranked fourth
among the largest partners" and "the fourth-largest partner" take the place of their ordinal.
Whether the clause asserts the rank (or forecasts it, ...) is extract/modality.py's reading.

The subject is the entity ranked: the nearest entity named before the rank phrase that is not
what the ranking is "of" (Vietnam, in "Vietnam's largest ODA provider") and not the object of a
preposition ("the largest ODA provider for Vietnam"). A sentence that names no one and opens
with a reference back ("The company was ...", "It remains ...") ranks the party named last before
it that the ranking ranks, recorded as inferred ("earlier-party"). The period is the sentence's
stated period (nearest before the phrase, else after it), else the document date for the present
tense.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from claimcheck.extract import modality
from claimcheck.extract.context import ENTITY_KINDS, Sentence
from claimcheck.extract.mentions import Mention, every_starts, governed, loose, mentions, near
from claimcheck.extract.numbers import ORDINALS
from claimcheck.extract.periods import stated
from claimcheck.extract.registry import extractor
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.rulebook.schema import Ranking

_ORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d{1,3}(?:st|nd|rd|th))"
)
_SUPER = (
    r"(?:largest|biggest|leading|greatest|highest|No\.?\s?1|number\s+one"
    r"|top(?![\s-]+(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\b))"
)
RANK_WORDS = regexes.compile(
    rf"(?i:\b(?:(?P<ord>{_ORD})[\s-]+)?(?P<sup>{_SUPER})(?![\w-])(?!\s*\d)"
    rf"|\b(?P<ord2>{_ORD})\s+(?:among|in|as|on)\b"
    r"|\b(?:rank\w*|No\.?|number|place[ds]?|position\w*)\s*(?P<r>\d{1,3})\s*/\s*(?P<of>\d{1,4})\b"
    r"|(?<![\w.])(?:No\.|number)\s?(?P<no>[2-9]|[1-9]\d{1,2})(?![\w.,/]|\s*/)"
    r"|\b(?:rank\w*|plac\w*|position\w*|stand\w*|came|comes?)\s+(?P<ord3>" + _ORD + r")\b)"
)
"""Every rank phrase; the `claims` command also uses it to count sentences with a rank word."""

_AMONG = regexes.compile(r"(?i:\s+among\b)")
# A superlative that names a group, not a place: "one of the largest", "among its top".
_HEDGED = regexes.compile(
    r"(?i:\b(?:(?:one|some|several|two|three|four|five|many|any|each|all)\s+of|among)"
    r"\s+(?:[\w'\u2019.-]+\s+){0,3}$)"
)
# A superlative at the start of a ranking alias ("busiest port", "most populous city"), and
# the ordinal that may stand before it ("third-busiest", "second most populous").
_SUPERLATIVE = regexes.compile(r"(?i:(?:[a-z]{2,}est|most\s+[a-z]+|No\.?\s?1)\b)")
_ORD_BEFORE = regexes.compile(rf"(?i:\b(?P<ord>{_ORD})[\s-]+$)")
_RANKING = frozenset({"ranking"})
_ALIAS_GAP = 45  # characters between the rank word and the alias it ranks in
_SUBJECT_REACH = 300  # characters back from a rank phrase to the entity ranked, at most
_STOP = regexes.compile(r"[,;:.!?]|\b(?:which|while|but|whereas)\b")
_CUMULATIVE = regexes.compile(
    r"(?i:\b(?:cumulative\w*|accumulat\w*|in\s+total|total\s+registered)\b)"
)
_ANNUAL = regexes.compile(r"(?i:\b(?:annual\w*|newly|new\s+capital|this\s+year|in\s+a\s+year)\b)")


@extractor("ranks", needs=_RANKING)
def ranks(s: Sentence) -> Iterator[Claim]:
    text = s.doc.text
    aliases = mentions(s, _RANKING)
    if not aliases:
        return
    hits = list(RANK_WORDS.finditer(text, s.start, s.end))
    starts = [m.start for m in aliases]
    superlative = [m for m in aliases if _SUPERLATIVE.match(text, m.start, m.end)]
    if not hits and not superlative:
        return
    measure = _measure(text, s.start, s.end)
    ranked: list[tuple[int, int]] = []  # spans of the rank words that gave a claim
    hedged = [_hedged(s, h) for h in hits]
    for k, hit in enumerate(hits):
        rank = _place(hit)
        if rank is None or hedged[k]:
            continue
        # "third among foreign investors and tourism partners": a claim for every alias
        listed = "among" in hit.group(0).lower() or bool(_AMONG.match(text, hit.end(), s.end))
        # the next rank word ends the reach, but for "(fourth) among the largest"
        nxt = k + 2 if listed and k + 1 < len(hits) and hedged[k + 1] else k + 1
        stop = hits[nxt].start() if nxt < len(hits) else s.end
        for m in _aliases_after(text, hit.end(), stop, aliases, starts, listed):
            claim = _claim(s, hit.start(), m, rank, measure, hit.group("of"))
            if claim is not None:
                ranked.append((hit.start(), hit.end()))
                yield claim
    # An alias that starts with a superlative carries its own rank word ("the most populous
    # city", "third-busiest port"): the rulebook says which superlatives its ranking measures.
    for m in superlative:
        if any(a < m.end and m.start < b for a, b in ranked):
            continue  # "the largest recipient": already read with the rank word before it
        if _HEDGED.search(text, max(s.start, m.start - 50), m.start):
            continue  # "one of the busiest ports"
        before = _ORD_BEFORE.search(text, max(s.start, m.start - 20), m.start)
        place = _place_word(before.group("ord")) if before else 1
        if place is None:
            continue
        claim = _claim(s, before.start() if before else m.start, m, place, measure, None)
        if claim is not None:
            yield claim


def _claim(
    s: Sentence, start: int, m: Mention, rank: int, measure: str | None, out_of: str | None
) -> Claim | None:
    """The rank claim of a rank phrase from `start` to the end of its ranking alias `m`."""
    text = s.doc.text
    period, how = _period(s, start, m.end)
    ranking = _choose(s, m, period, how, measure)
    if ranking is None or _another_owner(s, start, m.end, ranking.of):
        return None
    attrs: list[tuple[str, str]] = []
    if out_of:
        attrs.append(("out_of", out_of))
    if measure:
        attrs.append(("measure", measure))
    attrs.append(("period", how))
    if how == "document":  # no time of its own: the publication date's (judge/certainty.py)
        attrs.append(("inferred.period", "publication-date"))
    subject = _subject(s, start, ranking.of)
    if subject is None:
        subject = _referent(s, start, ranking)
        if subject is not None:
            attrs.append(("inferred.subject", "earlier-party"))
    claim = Claim(
        "rank",
        start,
        m.end,
        text[start : m.end],
        subject=subject,
        target=ranking.id,
        rank=rank,
        period=period,
        attrs=tuple(attrs),
        sentence=(s.start, s.end),
    )
    return modality.mark(s, claim)


# "the RoK's third largest trading partner", "... partner of Japan": whose ranking it is.
_POSSESSOR = regexes.compile(r"(?<![\w.])[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['\u2019]s\s+$")
_OF_AFTER = regexes.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")


def _another_owner(s: Sentence, start: int, end: int, of: str | None) -> bool:
    """Whether the rank phrase ranks in another party's list than the ranking's own: a named
    owner before it ("Korea's third largest trading partner") or after it ("partner of Japan")
    that is not the ranking's, or the ranking's own party as the one ranked ("Vietnam remains
    the sixth largest trade partner of its neighbour": no party is its own partner)."""
    if of is None:
        return False
    text = s.doc.text
    owner = _POSSESSOR.search(text, max(s.start, start - 40), start)
    if owner is not None:
        return of not in {e for _, e in near(s, owner.start(), owner.end())}
    after = _OF_AFTER.match(text, end, s.end)
    named = {e for _, e in near(s, after.end(), after.end() + 1)} if after else set()
    if named:
        return of not in named
    ranked = _ranked(s, start)
    return ranked is not None and ranked == of


def _ranked(s: Sentence, before: int) -> str | None:
    """The nearest entity named before the rank phrase in its clause, not after a preposition."""
    lo = max(s.start, before - _SUBJECT_REACH)
    stop = [m.end() for m in _STOP.finditer(s.doc.text, lo, before)]
    for m, eid in reversed(near(s, stop[-1] if stop else lo, before)):
        if m.end <= before and not governed(s, m):
            return eid
    return None


def _choose(
    s: Sentence, m: Mention, period: Period | None, how: str, measure: str | None
) -> Ranking | None:
    """One alias, several rankings (by new capital, by cumulative capital): the measure the
    text names, else the scope that fits the period: a stated span reads as annual, the
    present or an "as of" day as cumulative or current."""
    found = [
        s.book.rankings[e.id] for e in m.entries if e.kind == "ranking" and e.id in s.book.rankings
    ]
    if measure:
        want: tuple[str, ...] = (measure,)
    elif period is not None and period.kind == "span" and how in ("stated", "relative"):
        want = ("annual",)
    else:
        want = ("cumulative", "current")
    found.sort(key=lambda r: r.scope not in want)
    return found[0] if found else None


def _hedged(s: Sentence, hit: re.Match[str]) -> bool:
    """A superlative without an ordinal after "one of" or "among" places nothing: "one of its
    top investors", "among the largest partners" (where "fourth among the largest partners"
    takes its place from the ordinal)."""
    if not hit.group("sup") or hit.group("ord"):
        return False
    return _HEDGED.search(s.doc.text, max(s.start, hit.start() - 50), hit.start()) is not None


def _place(hit: re.Match[str]) -> int | None:
    if hit.group("r"):
        r = int(hit.group("r"))
        return r if r >= 1 else None
    if hit.group("no"):
        return int(hit.group("no"))  # "the No. 2 retailer"
    word = hit.group("ord") or hit.group("ord2") or hit.group("ord3")
    if word:
        return _place_word(word)
    return 1  # a superlative alone: "the largest", "the leading", "No. 1"


def _place_word(word: str) -> int | None:
    w = word.lower()
    return ORDINALS.get(w) or (int(w[:-2]) if w[:-2].isdigit() else None)


def _aliases_after(
    text: str, start: int, stop: int, aliases: list[Mention], starts: list[int], listed: bool
) -> list[Mention]:
    """The alias the rank word ranks in: the first within reach in the same clause, or, after
    "among", each alias joined by "and"."""
    out: list[Mention] = []
    for m in aliases[bisect.bisect_left(starts, start) :]:
        if m.start > stop:
            break
        gap = text[(out[-1].end if out else start) : m.start]
        if len(gap) > _ALIAS_GAP or _STOP.search(gap):
            break
        if out and not re.fullmatch(r"\s*(?:,\s*)?(?:and|or|&)?\s*", gap):
            break
        out.append(m)
        if not listed:
            break
    return out


def _subject(s: Sentence, before: int, of: str | None) -> str | None:
    ents = [(m, eid) for m, eid in near(s, before - _SUBJECT_REACH, before) if m.end <= before]
    ents = [(m, eid) for m, eid in ents if eid != of and not _ahead(s, m)]
    for m, eid in reversed(ents):
        if not governed(s, m):
            return eid
    return ents[0][1] if ents else next((e for e in loose(s) if e != of), None)


# "The company was ...", "It remains ...": a subject that names no one, as the clause's first words
_REFERRING = regexes.compile(
    r"(?i:\s*(?:it|(?:the|this)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+"
    r"(?:is|was|has\s+been|had\s+been|remains|remained|became|ranks|ranked|stands|stood)\s)"
)
_REFERENT_REACH = 1200  # characters back from the sentence to the party it refers to, at most


def _referent(s: Sentence, start: int, ranking: Ranking) -> str | None:
    """Whom "the company" or "it" at the head of the sentence ranks: the party named last before
    the sentence (within reach) that the ranking ranks (its facts' parties; any party but the
    one it is of, when it has no facts). A capitalised "The" is read in lower case; a proper
    name ("The Tamarack Foundation") is an entity, found before this is asked."""
    head = _REFERRING.match(s.doc.text, s.start, start)
    if head is None or _STOP.search(s.doc.text, head.end(), start):
        return None
    ranked = {f.entity for f in ranking.facts}
    every = s.context.every
    i = bisect.bisect_left(every_starts(s.context), s.start)
    while i > 0 and every[i - 1].start >= s.start - _REFERENT_REACH:
        i -= 1
        for e in every[i].entries:
            known = e.kind in ENTITY_KINDS and e.id in s.book.entities and e.id != ranking.of
            if known and (not ranked or e.id in ranked):
                return e.id
    return None


# "behind Brennick", "after Japan": the party ranked above the one the sentence ranks
_AHEAD = regexes.compile(r"(?i:\b(?:behind|after|ahead\s+of|trailing)\s+(?:the\s+)?$)")


def _ahead(s: Sentence, m: Mention) -> bool:
    return _AHEAD.search(s.doc.text, max(s.start, m.start - 16), m.start) is not None


def _period(s: Sentence, start: int, end: int) -> tuple[Period | None, str]:
    cache = vars(s)
    if "_rank_periods" not in cache:
        kept = [p for p in s.periods if "same-period" not in p.flags and "weekday" not in p.flags]
        cache["_rank_periods"] = (kept, [p.end for p in kept])
    found, ends = cache["_rank_periods"]
    k = bisect.bisect_right(ends, start)
    pick = found[k - 1] if k else None
    if pick is None:
        pick = next((p for p in found[k:] if p.start >= end), None)
    if pick is not None:
        return stated(s.doc.text, pick), pick.phrase
    date = s.doc.date
    if date is None:
        return None, "unknown"
    return Period(date.first(), date.last(), "point"), "document"


def _measure(text: str, lo: int, hi: int) -> str | None:
    if _CUMULATIVE.search(text, lo, hi):
        return "cumulative"
    if _ANNUAL.search(text, lo, hi):
        return "annual"
    return None
