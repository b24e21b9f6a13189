"""Vocabulary mentions of one kind, nested ones included.

`Sentence.matches` keeps the longest phrase where phrases overlap, which is right for reading a
title or a term, but a figure's metric or subject may be named inside a longer phrase of another
kind: "ODA" inside the ranking alias "largest official development aid (ODA) provider", "Japanese"
inside the metric alias "Japanese FDI into Vietnam". These helpers re-read the sentence with the
rulebook's automaton (built once per rulebook) and keep every whole-word match of the kinds asked
for, dropping only a match inside a longer one of the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.extract import Sentence
from claimcheck.rulebook import Rulebook
from claimcheck.vocab import Entry, Vocabulary

_VOCABS: dict[int, tuple[Rulebook, Vocabulary]] = {}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets into the document text
    end: int
    entries: tuple[Entry, ...]  # only the entries of the kinds asked for


def vocabulary(book: Rulebook) -> Vocabulary:
    cached = _VOCABS.get(id(book))
    if cached is None or cached[0] is not book:
        cached = _VOCABS[id(book)] = (book, Vocabulary(book))
    return cached[1]


def mentions(s: Sentence, kinds: frozenset[str]) -> list[Mention]:
    """Every mention of the given entry kinds in the sentence, in text order."""
    text = s.doc.text[s.start : s.end]
    found: list[Mention] = []
    for m in vocabulary(s.book).matches(text, s.folded[s.start : s.end]):
        entries = tuple(e for e in m.entries if e.kind in kinds)
        if entries:
            found.append(Mention(s.start + m.start, s.start + m.end, entries))
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    reach = -1
    for men in found:
        if men.end <= reach:
            continue  # inside a longer mention of the same kinds
        out.append(men)
        reach = max(reach, men.end)
    return out


ENTITY_KINDS = frozenset({"entity", "demonym"})

# An entity named as the object of a preposition ("for Vietnam", "into Vietnam") is seldom what
# a sentence is about.
PREPOSITION_BEFORE = re.compile(
    r"(?i:\b(?:of|for|to|in|into|from|with|by|among|at|on|than|and|across|within)\s+(?:the\s+)?$)"
)


def entities(s: Sentence) -> list[tuple[Mention, str]]:
    """(mention, entity id) for every entity or demonym named in the sentence, nested ones too."""
    return [
        (m, e.id) for m in mentions(s, ENTITY_KINDS) for e in m.entries if e.id in s.book.entities
    ]


def governed(s: Sentence, m: Mention) -> bool:
    """True when a preposition governs the mention ("in Vietnam")."""
    return PREPOSITION_BEFORE.search(s.doc.text, max(s.start, m.start - 12), m.start) is not None
