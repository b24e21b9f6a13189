"""Dated events, anniversaries and elapsed years; the dates a sentence gives its own event.

An event claim needs an event alias from the rulebook in an event context ("established diplomatic
relations on September 21, 1973", "since establishing diplomatic relations in 1973"): an alias on
its own ("diplomatic relations in 2015 were strong") dates nothing. An elapsed claim counts years
from an event: an ordinal anniversary is exact, a cardinal ("in the 40 years since ...") carries
the rounding of the number written, for the check to tolerate.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from claimcheck.extract.context import ENTITY_KINDS, DocContext, Sentence
from claimcheck.extract.mentions import mentions
from claimcheck.extract.numbers import ordinal, small
from claimcheck.extract.registry import extractor
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate, Period
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.vocab import Match

_ORD_TENS = dict(
    zip(
        "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(),
        range(20, 100, 10),
        strict=True,
    )
)
_TENS = dict(
    zip(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),
        range(20, 100, 10),
        strict=True,
    )
)


def _ordinal(word: str) -> int | None:
    """ "50th", "fiftieth", "forty-fifth", "hundredth"."""
    if word in ("hundredth", "one hundredth"):
        return 100
    if word in _ORD_TENS:
        return _ORD_TENS[word]
    head, _, unit = word.partition("-")
    if not unit:
        return ordinal(word)
    low = ordinal(unit)
    if head not in _TENS or low is None or low > 9:
        return None
    return _TENS[head] + low


# "50th anniversary of", "fiftieth anniversary of", "the 45th year of (since) ...": an ordinal
# year counts like an anniversary ("2018 marks the 45th year of diplomatic ties")
ANNIVERSARY = regexes.compile(
    r"\b(?P<word>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?|one hundredth)\s+"
    r"(?:anniversary\s+of|year\s+(?:of|since))\b"
)
# "40 years since", "over 50 years of", "half a century of", "five decades after"
YEARS = regexes.compile(
    r"\b(?:(?P<hedge>over|more than|nearly|almost|about|around|some|at least|less than)\s+)?"
    r"(?:(?P<half>half)\s+a|(?P<word>a hundred|[a-z0-9]+(?:-[a-z]+)?))"
    r"(?:\s+|-)(?P<unit>years?|decades?|century)\s+(?P<rel>since|of|after)\b"
)
# A sentence opening "After 50 years, ..." counts from the event of the sentence before.
_AFTER_LEAD = regexes.compile(
    r"after\s+(?:(?P<half>half)\s+a|(?P<word>a hundred|[a-z0-9]+(?:-[a-z]+)?))"
    r"(?:\s+|-)(?P<unit>years?|decades?|century)\b"
)
# What may stand between "anniversary of" / "years since" and the event's alias.
_BRIDGE = regexes.compile(
    r"(?:\s|[-,]|'s\b|\b(?:the|their|its|our|of|and|between|official|officially|formal|"
    r"formally|bilateral|establish\w*|setting up|set up|forging|opening|normali[sz]\w*|"
    r"two|both|countries|nations|sides)\b)*"
)
# Words for what happens (English, not the rulebook's): an alias with one in it names the event
# itself ("25th APEC Summit", "officially established diplomatic relations"); an alias without
# one ("diplomatic relations") names a state of affairs, and is an event only with such a word
# just before it ("since establishing diplomatic relations") or a verb just after it.
_HAPPENING = (
    r"establish\w*|set(?:ting)? up|forg(?:e|ed|ing)|open(?:s|ed|ing)?|normali[sz]\w*|sign\w*|"
    r"conclu\w*|launch\w*|found(?:s|ed|ing|ation)?|inaugurat\w*|ratif\w*|held|hold(?:s|ing)?|"
    r"began|begun|begin\w*|start\w*|resum\w*|restart\w*|recogni[sz]\w*|upgrad\w*|elevat\w*|"
    r"visit\w*|trip|trips|tour|summit\w*|meeting|conference|talks|election|ceremony|festival"
)
_HAPPENS = regexes.compile(rf"\b(?:{_HAPPENING})\b")
_OCCUR = regexes.compile(
    rf"\b(?:{_HAPPENING}|since)\b"
    r"(?:\s+(?:of|the|their|its|official|officially|formal|formally|full|bilateral))*\s*$"
)
# ... or a verb just after it: "the Springfield Bridge opened on May 1, 1990".
_OCCUR_AFTER = regexes.compile(
    r"\s+(?:was\s+|were\s+)?(?:officially\s+|formally\s+|first\s+)?(?:established|opened|"
    r"founded|signed|set up|inaugurated|granted|ratified|held|launched|concluded|normali[sz]ed|"
    r"started|began)\b"
)
# Who took part may stand between an event and its date: "established diplomatic ties with
# Vietnam in 1963", "resumed its ODA to Vietnam in 1992", "... between the two countries on ...".
_PARTY_WORD = regexes.compile(
    r"\s+(?:with|between|by|to|for|and|the|two|both|countries|nations|sides)\b"
)
# "was", "were", "had been", with an adverb: what stands between a subject and its verb.
_AUX = r"(?:was|were|(?:has|have|had)\s+been)\s+"
_ADVERB = r"(?:(?:officially|formally|first|legally|originally|later)\s+)?"
_AUX_BEFORE = regexes.compile(rf"(?<![\w-]){_AUX}{_ADVERB}$")
_ARTICLE_GAP = regexes.compile(r"\s+(?:(?:the|its|their|his|her|our)\s+)?")
_ASIDE = regexes.compile(r",[^,;()]{1,70},\s*$")
_DATE_GAP = regexes.compile(r"\s*,?\s*(?:on|in|dated|from)?\s*\(?\s*")
_DATE_LEAD = regexes.compile(r"(?:on|in)\s+")
# A named place or body between an event's verb and its date: "was listed on the Toronto Stock
# Exchange in 1987", "was incorporated as Tamarack Canvas Company on ..." (capitalised words only)
_NAMED_PLACE = regexes.compile(
    r"\s+(?:on|at|in|with|by|as|to)\s+(?:the\s+)?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)"
    r"(?:[A-Z][\w.&'\u2019-]*\s+){0,5}[A-Z][\w.&'\u2019-]*"
)
_BRIDGE_MAX = 80


@dataclass
class EventScan:
    """What the sentence offers, indexed once (long sentences stay linear)."""

    s: Sentence
    dates: list[tuple[int, int, PartialDate]]
    date_at: dict[int, tuple[int, int, PartialDate]]
    entity_end: dict[int, int]  # start -> end of each entity or demonym mention
    named: set[str]  # the entities those mentions name
    events: list[tuple[Match, list[str]]]  # event aliases with their event ids
    event_starts: list[int]
    match_starts: list[int]


def scan_events(s: Sentence) -> EventScan:
    dates = sentence_dates(s, exact=False)
    ents = mentions(s, ENTITY_KINDS)
    evs = [(m, [e.id for e in m.entries if e.kind == "event" and not e.detail]) for m in s.matches]
    evs = [(m, ids) for m, ids in evs if ids]
    return EventScan(
        s,
        dates,
        {d[0]: d for d in dates},
        {m.start: m.end for m in ents},
        {e.id for m in ents for e in m.entries},
        evs,
        [m.start for m, _ in evs],
        [m.start for m in s.matches],
    )


# Every claim here counts from or dates an event alias: a lead "After 50 years, ..." counts from
# the event of the sentence before.
@extractor("events", needs=("event",), within="document")
def events(s: Sentence) -> Iterator[Claim]:
    named = any(e.kind == "event" for m in s.matches for e in m.entries)
    if not named and not (
        s.folded.startswith("after", s.start) and _AFTER_LEAD.match(s.folded, s.start, s.end)
    ):
        return  # no event named, no "After 50 years, ..." lead: nothing to date or count
    sc = scan_events(s)
    elapsed = list(_elapsed_claims(sc))
    # an alias counted from ("In 2018, the 45th anniversary of the establishment of ...") is
    # not dated by the time of the count
    counted = {c.end for c in elapsed}
    yield from _event_claims(sc, counted)
    yield from _verb_claims(sc)
    yield from elapsed


def _event_claims(sc: EventScan, counted: Collection[int] = ()) -> Iterator[Claim]:
    s = sc.s
    text, low = s.doc.text, s.folded
    lead = _DATE_LEAD.match(low, s.start, s.end)
    first = sc.date_at.get(lead.end()) if lead else None
    for m, ids in sc.events:
        verb = _verb_after(sc, ids, _skip_parties(sc, m.end))
        if verb is None and not in_event_context(s, m) and not _verb_before(sc, m, ids):
            continue
        event = choose_event(sc, ids)
        if event is None:
            continue
        gap = _DATE_GAP.match(low, _skip_parties(sc, verb.end() if verb else m.end), s.end)
        after = sc.date_at.get(gap.end()) if gap else None
        if after and (verb is not None or m.end not in counted or "(" in low[m.end : after[0]]):
            # (a date right after a counted alias is the anniversary's: "the 90th anniversary
            # of its founding in March"; one after its verb or in brackets is the event's)
            start, end, date = m.start, after[1], after[2]
        elif (
            first
            and first[1] < m.start
            and _next_date(sc, first[1]) >= m.start
            and m.end not in counted
        ):
            start, end, date = first[0], m.end, first[2]
        else:
            continue
        yield Claim(
            "event",
            start,
            end,
            text[start:end],
            target=event,
            date=date,
            period=Period.of(date),
            sentence=(s.start, s.end),
        )


def _verb_after(sc: EventScan, ids: list[str], pos: int) -> re.Match[str] | None:
    """A verb of happening right after an alias: a common one ("were established"), or one
    the rulebook gives the event ("was incorporated")."""
    low, end = sc.s.folded, sc.s.end
    found = _OCCUR_AFTER.match(low, pos, end)
    if found is not None:
        return found
    own = _own_verbs(sc.s.book)
    if own is None:
        return None
    found = own.pattern.match(low, pos, end)
    if found is None or not any(i in own.events.get(found.group("verb"), ()) for i in ids):
        return None
    return found


@dataclass
class _Verbs:
    """The rulebook's event verbs: one pattern for all, and the events each verb says."""

    pattern: re.Pattern[str]
    events: dict[str, list[str]]
    stems: dict[str, re.Pattern[str]]  # event id -> its verbs' stems ("incorporat", "list")


def _own_verbs(book: Rulebook) -> _Verbs | None:
    """Built once per rulebook and kept with it."""
    got = book.derived.get("event-verbs")
    if got is None:
        events: dict[str, list[str]] = {}
        for ev in book.events.values():
            for v in ev.verbs:
                events.setdefault(" ".join(v.lower().split()), []).append(ev.id)
        words = sorted(events, key=lambda v: (-len(v), v))
        alternation = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in words)
        pattern = regexes.compile(
            rf"\s*(?:{_AUX})?{_ADVERB}(?P<verb>{alternation})\b" if words else r"(?!)"
        )
        stems = {
            ev.id: regexes.compile(r"\b(?:" + "|".join(re.escape(_stem(v)) for v in ev.verbs) + ")")
            for ev in book.events.values()
            if ev.verbs
        }
        got = book.derived["event-verbs"] = _Verbs(pattern, events, stems) if words else False
    return got if isinstance(got, _Verbs) else None


def _stem(verb: str) -> str:
    """What a verb's nouns start with: "incorporated" -> "incorporat" ("incorporation"),
    "listed" -> "list" ("listing"), "admitted" -> "admit"; an irregular form stays whole."""
    word = verb.lower().split()[-1]
    if not word.endswith("ed") or len(word) < 5:
        return word
    stem = word[:-2]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]
    return stem


def _verb_before(sc: EventScan, m: Match, ids: list[str]) -> bool:
    """One of the event's own verbs just before its alias: "incorporated the company"."""
    i = bisect.bisect_left(sc.match_starts, m.start) - 1
    if i < 0:
        return False
    prev = sc.s.matches[i]
    if not _ARTICLE_GAP.fullmatch(sc.s.folded, prev.end, m.start):
        return False
    return any(e.kind == "event" and e.detail == "verb" and e.id in ids for e in prev.entries)


def _verb_claims(sc: EventScan) -> Iterator[Claim]:
    """An event the rulebook gives verbs, said of its subject: "Tamarack Outfitters was
    incorporated on March 14, 1887" (an entity of the event's subject, "was"/"were", the verb)
    or "the founders incorporated Tamarack in 1887" (the verb, then the entity)."""
    s = sc.s
    if _own_verbs(s.book) is None:
        return  # no event of the rulebook lists verbs
    for m in s.matches:
        ids = [e.id for e in m.entries if e.kind == "event" and e.detail == "verb"]
        if not ids:
            continue
        start, named = _verb_subject(sc, m)
        fits = {i for i in ids if named & set(s.book.events[i].subject)}
        at = _skip_parties(sc, m.end)
        named_place = _NAMED_PLACE.match(s.doc.text, at, s.end)
        at = named_place.end() if named_place else at  # "listed on the Toronto Stock Exchange"
        gap = _DATE_GAP.match(s.folded, at, s.end)
        after = sc.date_at.get(gap.end()) if gap else None
        if len(fits) != 1 or after is None:
            continue
        yield Claim(
            "event",
            start,
            after[1],
            s.doc.text[start : after[1]],
            target=fits.pop(),
            date=after[2],
            period=Period.of(after[2]),
            sentence=(s.start, s.end),
        )


def _verb_subject(sc: EventScan, m: Match) -> tuple[int, set[str]]:
    """Where the claim starts, and the entities the verb is said of: the subject before
    "was", else the object right after the verb."""
    s = sc.s
    named = {x.start: x for x in mentions(s, ENTITY_KINDS)}
    aux = _AUX_BEFORE.search(s.folded, max(s.start, m.start - 40), m.start)
    if aux is not None:
        end = _subject_end(s, aux.start())
        subject = next((x for x in named.values() if x.end == end), None)
        if subject is not None:
            return subject.start, {e.id for e in subject.entries}
        return m.start, set()
    gap = _ARTICLE_GAP.match(s.folded, m.end, s.end)
    obj = named.get(gap.end()) if gap else None
    return m.start, {e.id for e in obj.entries} if obj else set()


def _subject_end(s: Sentence, pos: int) -> int:
    """Where the subject before "was" ends: past spaces and an aside ", the retailer,"."""
    aside = _ASIDE.search(s.folded, max(s.start, pos - 80), pos)
    if aside is not None:
        pos = aside.start()
    while pos > s.start and s.folded[pos - 1].isspace():
        pos -= 1
    return pos


# --- the day a term of office began ----------------------------------------------------------


# "Suga, who took office on September 16", "X was sworn in as Prime Minister on ...", "X became
# prime minister on ...": English verbs after a known person's name; the office, when named
# ("as ...", after "became"), from the rulebook's titles.
_OFFICE_WORDS = ("office", "sworn", "became", "inaugurated")
_TOOK = regexes.compile(
    r"(?:\s*,\s*who|\s*\(\s*who)?\s+(?:(?:has|had|officially|formally|first)\s+)*"
    r"(?:(?:took|assumed)\s+(?:up\s+)?office|(?:was|were)\s+(?:officially\s+|formally\s+)?"
    r"(?:sworn\s+in|inaugurated)|(?P<became>became))\b"
)
_BEFORE_TITLE = regexes.compile(
    r"(?:'s)?(?:\s+as)?(?:\s+(?:the|its|new|[a-z]+'s|\d+(?:st|nd|rd|th)))*\s+"
)
_OF_PLACE = regexes.compile(r"\s+of\s+(?:the\s+)?")


def _office_words(context: DocContext) -> bool:
    """Whether the document writes a word of taking office at all (most do not)."""
    low = context.folded
    return any(w in low for w in _OFFICE_WORDS)


@extractor("office-start", needs=("person",), document=_office_words)
def office_start(s: Sentence) -> Iterator[Claim]:
    low = s.folded
    for w in _OFFICE_WORDS:
        if low.find(w, s.start, s.end) >= 0:
            break
    else:
        return
    for i, m in enumerate(s.matches):
        people = {e.id for e in m.entries if e.kind == "person"}
        verb = _TOOK.match(low, m.end, s.end) if len(people) == 1 else None
        if verb is None:
            continue
        person = next(iter(people))
        office, pos = _office_named(s, i + 1, verb.end(), person)
        if office is None and verb.group("became"):
            continue  # "became" says nothing of an office unless one is named
        gap = _DATE_GAP.match(low, pos, s.end)
        dates = {d[0]: d for d in sentence_dates(s, exact=False)}
        after = dates.get(gap.end()) if gap else None
        if after is None:
            continue
        attrs = [("start", "office")] + ([("office", office)] if office else [])
        yield Claim(
            "event",
            m.start,
            after[1],
            s.doc.text[m.start : after[1]],
            subject=person,
            date=after[2],
            period=Period.of(after[2]),
            attrs=tuple(attrs),
            sentence=(s.start, s.end),
        )


def _office_named(s: Sentence, i: int, pos: int, person: str) -> tuple[str | None, int]:
    """The office named right after the verb ("as Prime Minister of Japan"), and where it ends;
    else (None, pos). A title of several offices ("prime minister") is the one the person
    held."""
    low = s.folded
    for m in s.matches[i:]:
        if m.start < pos:
            continue
        lead = _BEFORE_TITLE.fullmatch(low, pos, m.start)
        if lead is None:
            return None, pos
        if any(e.kind in ENTITY_KINDS for e in m.entries):
            pos = m.end  # "Japan's", "Japanese"
            continue
        offices = {e.id for e in m.entries if e.kind == "office"}
        if len(offices) > 1:
            offices = {o for o in offices if _held(s.book, o, person)}
        if len(offices) != 1:
            return None, pos
        end = m.end
        of = _OF_PLACE.match(low, end, s.end)
        if of:
            nxt = next((x for x in s.matches if x.start == of.end()), None)
            if nxt is not None and any(e.kind in ENTITY_KINDS for e in nxt.entries):
                end = nxt.end
        return offices.pop(), end
    return None, pos


def _held(book: Rulebook, office: str, person: str) -> bool:
    return any(h.person == person for h in book.offices[office].holders)


def _next_date(sc: EventScan, pos: int) -> int:
    i = bisect.bisect_right([d[0] for d in sc.dates], pos)
    return sc.dates[i][0] if i < len(sc.dates) else sc.s.end


def _skip_parties(sc: EventScan, pos: int) -> int:
    """Past "with Vietnam", "between the two countries" after an event."""
    s = sc.s
    while True:
        word = _PARTY_WORD.match(s.folded, pos, s.end)
        if word:
            pos = word.end()
            continue
        q = pos
        while q < s.end and s.folded[q].isspace():
            q += 1
        if q == pos or q not in sc.entity_end:
            return pos
        pos = sc.entity_end[q]


def _elapsed_claims(sc: EventScan) -> Iterator[Claim]:
    s = sc.s
    low = s.folded
    made: list[int] = []
    for pat, form in ((ANNIVERSARY, "ordinal"), (YEARS, "cardinal")):
        for found in pat.finditer(low, s.start, s.end):
            attrs = count_attrs(found, form)
            if attrs is None:
                continue
            bound = _bound_event(sc, found.end())
            if bound is None:
                continue
            m, event = bound
            made.append(found.start())
            yield _elapsed(sc, found.start(), m.end, event, attrs)
    lead = _AFTER_LEAD.match(low, s.start, s.end)
    if lead and not any(lead.start() <= x < lead.end() for x in made):
        years, rounding = _years(lead, "cardinal")
        prev = _previous_event(s) if years is not None else None
        if years is not None and prev is not None:
            attrs = [("years", str(years)), ("form", "cardinal"), ("round", str(rounding))]
            yield _elapsed(sc, lead.start(), lead.end(), prev, attrs)


def count_attrs(found: re.Match[str], form: str) -> list[tuple[str, str]] | None:
    """An elapsed claim's attributes for a count of years (`ANNIVERSARY` or `YEARS` found);
    None when the number is none that counts years."""
    years, rounding = _years(found, form)
    if years is None:
        return None
    attrs = [("years", str(years)), ("form", form)]
    if form == "ordinal" and "anniversary" not in found.group(0):
        attrs.append(("counted", "year"))  # "the 45th year of": see checks/events.py
    if form == "cardinal":
        attrs.append(("round", str(rounding)))
        if found.group("hedge"):
            attrs.append(("hedge", found.group("hedge")))
    return attrs


def _elapsed(
    sc: EventScan, start: int, end: int, event: str, attrs: list[tuple[str, str]]
) -> Claim:
    s = sc.s
    period, at = count_time(sc, s.book.events[event].date)
    return Claim(
        "elapsed",
        start,
        end,
        s.doc.text[start:end],
        target=event,
        period=period,
        attrs=(*attrs, ("at", at)),
        sentence=(s.start, s.end),
    )


def _years(found: re.Match[str], form: str) -> tuple[int | None, int]:
    """The number of years written, and the rounding of how it is written (10 for "40")."""
    word = found.group("word") or ""
    if form == "ordinal":
        return _ordinal(word), 1
    unit = found.group("unit")
    if found.group("half"):
        return (50 if unit == "century" else None), 10
    n = 1 if word in ("a", "an") else small(word)
    if not n or n > 999:
        return None, 1
    if unit == "century":
        return (100 if n == 1 else None), 10
    if unit.startswith("decade"):
        return n * 10, 10
    return n, 10 if n % 10 == 0 else 5 if n % 5 == 0 else 1


def _bound_event(sc: EventScan, pos: int) -> tuple[Match, str] | None:
    """The event alias that a counting phrase ending at `pos` refers to."""
    i = bisect.bisect_left(sc.event_starts, pos)
    if i == len(sc.events) or sc.event_starts[i] - pos > _BRIDGE_MAX:
        return None
    m, ids = sc.events[i]
    if not bridged(sc, pos, m.start):
        return None
    event = choose_event(sc, ids)
    return (m, event) if event else None


def bridged(sc: EventScan, a: int, b: int) -> bool:
    """Only connecting words and entity names lie between a and b."""
    s = sc.s
    pos = a
    i = bisect.bisect_left(sc.match_starts, a)
    for m in s.matches[i:]:
        if m.start >= b:
            break
        if not any(e.kind in ("entity", "demonym") for e in m.entries):
            return False
        gap = _BRIDGE.match(s.folded, pos, m.start)
        if not gap or gap.end() != m.start:
            return False
        pos = m.end
    gap = _BRIDGE.match(s.folded, pos, b)
    return bool(gap and gap.end() == b)


def in_event_context(s: Sentence, m: Match) -> bool:
    """The alias names the happening, not the state: "established diplomatic relations", or
    a noun of one of the event's own verbs ("the incorporation of ...")."""
    if any(_HAPPENS.search(e.form.lower()) for e in m.entries if e.kind == "event"):
        return True
    own = _own_verbs(s.book)
    if own is not None and any(
        e.id in own.stems and own.stems[e.id].search(e.form.lower())
        for e in m.entries
        if e.kind == "event"
    ):
        return True  # "the incorporation of ..." for an event said "incorporated"
    window = s.folded[max(s.start, m.start - 60) : m.start]
    return _OCCUR.search(window) is not None


def choose_event(sc: EventScan, ids: list[str]) -> str | None:
    """One event among those sharing an alias: the one whose subjects include every entity the
    sentence names ("Vietnam and the US established diplomatic relations" is not Vietnam-Japan's
    event when the rulebook knows the US)."""
    book = sc.s.book
    fits = [
        eid
        for eid in dict.fromkeys(ids)
        if not sc.named or not book.events[eid].subject or sc.named <= set(book.events[eid].subject)
    ]
    return fits[0] if len(fits) == 1 else None


def _previous_event(s: Sentence) -> str | None:
    """The event dated in the sentence just before this one, if any."""
    ctx = s.context
    i = bisect.bisect_left(ctx.sentences, (s.start, s.start)) - 1
    if i < 0:
        return None
    start, end = ctx.sentences[i]
    prev = Sentence(s.doc, start, end, s.folded, ctx.within(start, end), s.book, ctx)
    found = [c.target for c in _event_claims(scan_events(prev)) if c.target]
    return found[0] if len(set(found)) == 1 else None


def count_time(sc: EventScan, event: PartialDate) -> tuple[Period | None, str]:
    """When years are counted, and whence that time comes ("sentence" or "document"): a date
    the sentence gives after the event ("this year", "in 2013"), else the document's date."""
    later = [d for d in sc.dates if d[2].year > event.year]
    if len(later) == 1:
        return Period.of(later[0][2]), "sentence"
    return (Period.of(sc.s.doc.date) if sc.s.doc.date else None), "document"


# --- dates of a sentence --------------------------------------------------------------------------


def sentence_dates(s: Sentence, exact: bool) -> list[tuple[int, int, PartialDate]]:
    """The dates a sentence states, as (start, end, date), from its periods.

    exact: only periods that are one calendar day, month or year ("September 1973"); otherwise
    the smallest such unit that contains a period within one year ("November 27 to 30, 2023" is
    2023-11). Longer spans ("over the last 20 years") date no event.
    """
    out = []
    for start, end, period in _periods(s):
        date = partial(period, exact)
        if date is not None:
            out.append((start, end, date))
    return out


def partial(period: Period, exact: bool) -> PartialDate | None:
    a, b = period.start, period.end
    if a.year != b.year:
        return None
    if a == b:
        return PartialDate(a.year, a.month, a.day)
    month_last = calendar.monthrange(a.year, a.month)[1]
    if a.month == b.month and (not exact or (a.day == 1 and b.day == month_last)):
        return PartialDate(a.year, a.month)
    if not exact or (a == dt.date(a.year, 1, 1) and b == dt.date(a.year, 12, 31)):
        return PartialDate(a.year)
    return None


def _periods(s: Sentence) -> list[tuple[int, int, Period]]:
    return [(f.start, f.end, f.period) for f in s.periods]
