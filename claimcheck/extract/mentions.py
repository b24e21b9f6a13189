"""Vocabulary mentions of one kind, nested ones included.

`Sentence.matches` keeps the longest phrase where phrases overlap, which is right for reading a
title or a term, but a figure's metric or subject may be named inside a longer phrase of another
kind: "ODA" inside the ranking alias "largest official development aid (ODA) provider", "Japanese"
inside the metric alias "Japanese FDI into Vietnam". These helpers read every whole-word match of
the sentence (Sentence.every_match, found once per document) and keep those of the kinds asked
for, dropping only a match inside a longer one of the same kind.
"""

from __future__ import annotations

import bisect

from claimcheck.extract.context import ENTITY_KINDS, DocContext, Sentence
from claimcheck.extract.numbers import Number
from claimcheck.extract.periods import FoundPeriod
from claimcheck.infra import regexes
from claimcheck.infra.values import value
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.vocab import Entry, Match


@value()
class Mention:
    start: int  # offsets into the document text
    end: int
    entries: tuple[Entry, ...]  # only the entries of the kinds asked for


def mentions(s: Sentence, kinds: frozenset[str]) -> list[Mention]:
    """Every mention of the given entry kinds in the sentence, in text order."""
    out: list[Mention] = []
    reach = -1
    for m in s.every_match:  # sorted by (start, -end)
        if m.end <= reach:
            continue  # inside a longer mention of the same kinds
        entries: tuple[Entry, ...]
        if len(m.entries) == 1:
            entries = m.entries if m.entries[0].kind in kinds else ()
        else:
            entries = tuple(e for e in m.entries if e.kind in kinds)
        if entries:
            out.append(Mention(m.start, m.end, entries))
            reach = m.end
    return out


def in_context(s: Sentence, found: list[Mention]) -> list[Mention]:
    """The metric mentions that stand: a context alias ("berths", with context "ferry
    terminal") only where one of its context phrases is named in the sentence, or in the
    paragraph when the rule says so, and there before the plain aliases of the same words.
    Free for a rulebook with no context alias."""
    if not _has_context(s.book):
        return found  # and the caller need not call again (book.derived["context_aliases"])
    out: list[Mention] = []
    for m in found:
        named = tuple(e for e in m.entries if e.detail and _context_named(s, e))
        # a context alias whose context is named is the more specific reading of its words, so
        # it comes first: "sales" beside "US stores" is US sales, not the plain "sales" of the
        # total; the plain aliases stay after it for a figure whose time fits only them (a
        # count on a day, "104 stores", where the context's metric counts a year's openings)
        kept = named + tuple(e for e in m.entries if not e.detail)
        if kept == m.entries:
            out.append(m)
        elif kept:
            out.append(Mention(m.start, m.end, kept))
    return out


def _has_context(book: Rulebook) -> bool:
    got = book.derived.get("context_aliases")
    if got is None:
        got = book.derived["context_aliases"] = any(
            m.context_aliases for m in book.metrics.values()
        )
    return bool(got)


def _context_named(s: Sentence, e: Entry) -> bool:
    """Whether a context phrase of the context alias `e` is named within its reach."""
    index = e.detail.removeprefix("context:")
    alias = s.book.metrics[e.id].context_aliases[int(index)]
    start, end = (s.start, s.end) if alias.within == "sentence" else paragraph(s)
    every = s.context.every
    i = bisect.bisect_left(every_starts(s.context), start)
    while i < len(every) and every[i].start < end:
        x = every[i]
        if x.end <= end and any(
            c.kind == "context" and c.id == e.id and c.detail == index for c in x.entries
        ):
            return True
        i += 1
    return False


def paragraph(s: Sentence) -> tuple[int, int]:
    """The paragraph (the line) the sentence is in."""
    text = s.doc.text
    start = text.rfind("\n", 0, s.start) + 1
    end = text.find("\n", s.end)
    return start, end if end >= 0 else len(text)


def every_starts(context: DocContext) -> list[int]:
    cache = vars(context)
    starts: list[int] | None = cache.get("_every_starts")
    if starts is None:
        starts = cache["_every_starts"] = [m.start for m in context.every]
    return starts


def matches_of(s: Sentence, kinds: frozenset[str]) -> list[Match]:
    """`mentions`, as the vocabulary's matches: the sentence's own match where each of its
    entries is of the kinds (most are), a new one holding only those otherwise."""
    out: list[Match] = []
    reach = -1
    for m in s.every_match:
        if m.end <= reach:
            continue
        entries = m.entries
        if len(entries) == 1:
            if entries[0].kind not in kinds:
                continue
        else:
            kept = tuple(e for e in entries if e.kind in kinds)
            if not kept:
                continue
            if len(kept) < len(entries):
                m = Match(m.start, m.end, kept)
        out.append(m)
        reach = m.end
    return out


# An entity named as the object of a preposition ("for Vietnam", "into Vietnam") is seldom what
# a sentence is about.
PREPOSITION_BEFORE = regexes.compile(
    r"(?i:\b(?:of|for|to|in|into|from|with|by|among|at|on|than|and|across|within|behind|after|before|against|versus)\s+(?:the\s+)?$)"
)


def entities(s: Sentence) -> list[tuple[Mention, str]]:
    """(mention, entity id) for every entity or demonym named in the sentence, nested ones too."""
    cache = vars(s)
    if "_entities" not in cache:
        cache["_entities"] = [
            (m, e.id)
            for m in mentions(s, ENTITY_KINDS)
            for e in m.entries
            if e.id in s.book.entities
        ]
    found: list[tuple[Mention, str]] = cache["_entities"]
    return found


def near(s: Sentence, start: int, end: int) -> list[tuple[Mention, str]]:
    """The entities named within [start, end), found by bisection."""
    ents = entities(s)
    cache = vars(s)
    if "_entity_starts" not in cache:
        cache["_entity_starts"] = [m.start for m, _ in ents]
    starts: list[int] = cache["_entity_starts"]
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(ents) and ents[i][0].start < end:
        out.append(ents[i])
        i += 1
    return out


def loose(s: Sentence) -> list[str]:
    """Entity ids named in the sentence not as the object of a preposition, first few only."""
    cache = vars(s)
    if "_loose" not in cache:
        picked: list[str] = []
        for m, eid in entities(s):
            if not governed(s, m) and eid not in picked:
                picked.append(eid)
            if len(picked) >= 8:
                break
        cache["_loose"] = picked
    found: list[str] = cache["_loose"]
    return found


def governed(s: Sentence, m: Mention) -> bool:
    """True when a preposition governs the mention ("in Vietnam")."""
    return PREPOSITION_BEFORE.search(s.doc.text, max(s.start, m.start - 12), m.start) is not None


def named_in(context: DocContext, book: Rulebook, start: int, end: int) -> set[str]:
    """The entities named (as names or demonyms) wholly within [start, end) of the document,
    nested mentions too; for a paragraph or headline as well as a sentence (each span read
    once: a paragraph frames each of its figures)."""
    return set(named_within(context, book, start, end))


def named_within(context: DocContext, book: Rulebook, start: int, end: int) -> frozenset[str]:
    """`named_in`, the cached set itself (not a copy to add to)."""
    cache = vars(context)
    spans: dict[tuple[int, int], frozenset[str]] = cache.setdefault("_named_in", {})
    got = spans.get((start, end))
    if got is None:
        got = spans[(start, end)] = frozenset(_named_in(context, book, start, end))
    return got


def _named_in(context: DocContext, book: Rulebook, start: int, end: int) -> set[str]:
    every = context.every
    out: set[str] = set()
    i = bisect.bisect_left(every_starts(context), start)
    while i < len(every) and every[i].start < end:
        m = every[i]
        if m.end <= end:
            entries = m.entries
            got = _ENTITY_IDS.get(id(entries))
            if got is None or got[0] is not entries or got[1] is not book:
                got = _ENTITY_IDS[id(entries)] = (entries, book, _entity_ids(entries, book))
            if got[2]:
                out |= got[2]
        i += 1
    return out


# The entity ids of a vocabulary phrase's entries, by the entries' id (kept with them and the
# rulebook, so that the id is never another's): a phrase is looked up in many paragraphs.
_ENTITY_IDS: dict[int, tuple[tuple[Entry, ...], Rulebook, frozenset[str]]] = {}


def _entity_ids(entries: tuple[Entry, ...], book: Rulebook) -> frozenset[str]:
    return frozenset(e.id for e in entries if e.kind in ENTITY_KINDS and e.id in book.entities)


def span_ends(s: Sentence, spans: list[Mention] | list[FoundPeriod]) -> list[int]:
    """The ends of a sentence's mentions or periods, listed once per list (each figure of the
    sentence bisects them)."""
    cache: dict[int, list[int]] = vars(s).setdefault("_span_ends", {})
    got = cache.get(id(spans))
    if got is None:
        got = cache[id(spans)] = [m.end for m in spans]
    return got


def span_starts(s: Sentence, spans: list[Mention] | list[FoundPeriod] | list[Number]) -> list[int]:
    """The starts of a sentence's mentions, periods or numbers, listed once per list (see
    span_ends)."""
    cache: dict[int, list[int]] = vars(s).setdefault("_span_starts", {})
    got = cache.get(id(spans))
    if got is None:
        got = cache[id(spans)] = [m.start for m in spans]
    return got
