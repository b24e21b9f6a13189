"""Extraction: documents → claims, per document and pure (no other document is looked at).

The rulebook supplies the vocabulary (names, titles, aliases); the English grammar around it
(hedges, scale words, rank words, period phrases) lives in the modules of this package. Each
extractor registers itself in EXTRACTORS and is called once per sentence: of the sentences (or
the documents) that name a kind of vocabulary it needs, if it says so (its Need).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal

from claimcheck import regexes
from claimcheck.claims import Claim
from claimcheck.dates import PartialDate
from claimcheck.documents import Document
from claimcheck.extract import numbers as _numbers
from claimcheck.extract import periods as _periods
from claimcheck.extract import sentences
from claimcheck.rulebook import Rulebook
from claimcheck.values import value
from claimcheck.vocab import Match, fold, longest, vocabulary

_DIGIT = regexes.compile(r"\d")


class Marks:
    """Whether a stretch of a document may write any of some words (or a digit): a sentence with
    none of them is not scanned by the patterns that need one (a lookup costs far less than a
    scan). The words are looked up in lower case, so a sentence may be marked for nothing ("may"
    for "May"): the scanner's own test on it then decides. A stretch is read when asked, up to
    its first word: cheaper than one pass over the whole text whose every hit is kept."""

    def __init__(self, text: str, low: str, words: tuple[str, ...]) -> None:
        self.text = text
        self.low = low
        # in ASCII text a digit is one of ten, found by the same automaton as the words
        self.ascii = text.isascii()
        self.auto = automaton((*words, *"0123456789") if self.ascii else words)

    def within(self, start: int, end: int) -> bool:
        """Whether one of the words lies wholly inside [start, end), or a digit does."""
        if not self.ascii and _DIGIT.search(self.text, start, end) is not None:
            return True
        # a slice: the automaton copies the whole string it is given, whatever the bounds
        return next(self.auto.iter(self.low[start:end]), None) is not None


@cache
def automaton(words: tuple[str, ...]) -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w.lower(), len(w))
    auto.make_automaton()
    return auto


ENTITY_KINDS = frozenset({"entity", "demonym"})  # the vocabulary kinds that name an entity


@dataclass
class DocContext:
    """What the whole document says, found once by `Extractor.extract` and shared by its
    sentences: the sentence spans, the vocabulary (longest and overlapping matches), and where
    each person is first named in full (also inside a longer phrase: "official visit to Japan by
    Party General Secretary Nguyen Phu Trong")."""

    doc: Document
    folded: str  # fold() of the text
    sentences: list[tuple[int, int]]
    matches: list[Match]  # the longest where phrases overlap, text order
    every: list[Match]  # overlapping ones too, sorted by (start, -end)

    def _marks(self, words: tuple[str, ...]) -> Marks | None:
        """None when lower case may hide a word from the lookup (then every sentence is scanned,
        and the scanner's own test on the sentence decides)."""
        if _numbers.searchable(self.doc.text) is None:
            return None
        return Marks(self.doc.text, self.folded, words)

    @cached_property
    def period_marks(self) -> Marks | None:
        return self._marks(
            (*_periods.MONTH_HEADS, *_periods.TRIGGER_WORDS, *_periods.SCANNED_APART)
        )

    @cached_property
    def number_marks(self) -> Marks | None:
        return self._marks((*_numbers.SIGNS_AND_CODES, *_numbers.TRIGGER_WORDS))

    @cached_property
    def kinds(self) -> frozenset[str]:
        """The kinds of vocabulary the document names (see NEEDS)."""
        return frozenset({e.kind for m in self.every for e in m.entries})

    @cached_property
    def named(self) -> frozenset[str]:
        """The entities the document names, as names or demonyms (front matter included)."""
        return frozenset(e.id for m in self.every for e in m.entries if e.kind in ENTITY_KINDS)

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.matches]

    @cached_property
    def first_named(self) -> dict[str, int]:
        text, body = self.doc.text, self.doc.body_start
        first: dict[str, int] = {}
        for m in self.every:
            # the entries first: most matches name no person in full, and the tests on the
            # text cost a call each
            for e in m.entries:
                if (
                    e.kind == "person"
                    and e.detail == "full"
                    and m.start >= body
                    and text[m.start].isupper()
                ):
                    first[e.id] = min(first.get(e.id, m.start), m.start)
        return first

    def within(self, start: int, end: int) -> list[Match]:
        """The longest matches inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [m for m in self.matches[i:j] if m.end <= end]


@dataclass
class Sentence:
    """One sentence with the vocabulary found in it; offsets are into the document text."""

    doc: Document
    start: int
    end: int
    folded: str  # fold() of the whole document text
    matches: list[Match]  # vocabulary in the sentence, the longest where phrases overlap
    book: Rulebook
    context: DocContext  # the whole document's, computed once
    every_match: list[Match] = field(default_factory=list)  # overlapping ones too, (start, -end)
    # found on first use (plain attributes: cached_property locks on every first access)
    _period_list: list[_periods.FoundPeriod] | None = field(default=None, init=False, repr=False)
    _number_list: list[_numbers.Number] | None = field(default=None, init=False, repr=False)
    _scan: tuple[list[re.Match[str]], list[_numbers.Number]] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    @property
    def date(self) -> PartialDate | None:
        return self.doc.date

    @property
    def periods(self) -> list[_periods.FoundPeriod]:
        """The period phrases of the sentence, scanned once and shared by every extractor."""
        if self._period_list is None:
            marks = self.context.period_marks
            if marks is not None and not marks.within(self.start, self.end):
                self._period_list = []
            else:
                doc = self.doc
                self._period_list = _periods.find(doc.text, self.start, self.end, doc.date)
        return self._period_list

    @property
    def scanned(self) -> tuple[list[re.Match[str]], list[_numbers.Number]]:
        """What may be numbers in the sentence (`numbers.scan`), before period phrases are
        taken out: a caller can tell from it that no number is of a kind it reads."""
        if self._scan is None:
            marks = self.context.number_marks
            if marks is not None and not marks.within(self.start, self.end):
                self._scan = ([], [])
            else:
                folded = None if marks is None else self.folded  # marked: no second quick test
                self._scan = _numbers.scan(self.doc.text, self.start, self.end, folded)
        return self._scan

    @property
    def numbers(self) -> list[_numbers.Number]:
        """The numbers of the sentence outside its period phrases."""
        if self._number_list is None:
            matches, folds = self.scanned
            # the period phrases are looked for only when there is a number they could hold
            skip = [(p.start, p.end) for p in self.periods] if matches else []
            self._number_list = _numbers.pick(
                self.doc.text, self.start, self.end, matches, folds, skip
            )
        return self._number_list


ExtractorFn = Callable[[Sentence], Iterable[Claim]]
# Whether a stretch of a document may hold a claim though it names none of the kinds needed.
Unless = Callable[[DocContext, int, int], bool]
EXTRACTORS: dict[str, ExtractorFn] = {}


@value(slots=False)
class Need:
    """The vocabulary kinds an extractor reads, when it can claim nothing where none of them is
    named: it is then not called there (a call costs even when it returns at once, and a
    document has dozens of sentences). `within`: the sentence itself, or only the whole document
    for an extractor that reads a sentence against vocabulary named elsewhere. `unless`: a quick
    test of a sentence that may hold a claim all the same (a change needs no metric named); such
    an extractor is never left out of a whole document. `document`: a quick test of the whole
    document, without which the extractor can claim nothing in it (the English words it reads
    are nowhere in the text)."""

    kinds: frozenset[str]
    within: Literal["sentence", "document"] = "sentence"
    unless: Unless | None = None
    document: Callable[[DocContext], bool] | None = None  # False: nothing to claim in it


NEEDS: dict[str, Need] = {}


def extractor(
    name: str,
    needs: Iterable[str] = (),
    within: Literal["sentence", "document"] = "sentence",
    unless: Unless | None = None,
    document: Callable[[DocContext], bool] | None = None,
) -> Callable[[ExtractorFn], ExtractorFn]:
    def register(fn: ExtractorFn) -> ExtractorFn:
        EXTRACTORS[name] = fn
        if needs:
            NEEDS[name] = Need(frozenset(needs), within, unless, document)
        return fn

    return register


class Extractor:
    """Compiled once per rulebook; `extract` is then called for each document."""

    def __init__(self, book: Rulebook) -> None:
        _load_extractors()
        self.book = book
        self.vocab = vocabulary(book)

    def extract(self, doc: Document) -> list[Claim]:
        folded = fold(doc.text)
        every = self.vocab.matches(doc.text, folded)
        found = longest(every)
        claims: list[Claim] = []
        spans = sentences.split(doc.text, doc.body_start)
        context = DocContext(doc, folded, spans, found, every)
        kinds = context.kinds
        # each extractor the document may give a claim, and what a sentence must name for it
        live: list[tuple[ExtractorFn, Need | None]] = []
        for name, fn in EXTRACTORS.items():
            need = NEEDS.get(name)
            if need is None or need.unless is not None or not need.kinds.isdisjoint(kinds):
                if need is not None and need.document is not None and not need.document(context):
                    continue
                live.append((fn, need if need is None or need.within == "sentence" else None))
        book, n_found, n_every = self.book, len(found), len(every)
        i = k = 0
        for start, end in spans:
            while i < n_found and found[i].start < start:
                i += 1
            j = i
            while j < n_found and found[j].end <= end:
                j += 1
            while k < n_every and every[k].start < start:
                k += 1
            m = k
            while m < n_every and every[m].start < end:
                m += 1
            inside = [x for x in every[k:m] if x.end <= end] if m > k else []
            named: set[str] | None = None
            sent: Sentence | None = None  # made for the first extractor called, if any
            for fn, need in live:
                if need is not None:
                    if named is None:
                        named = {e.kind for x in inside for e in x.entries}
                    if need.kinds.isdisjoint(named) and (
                        need.unless is None or not need.unless(context, start, end)
                    ):
                        continue
                if sent is None:
                    sent = Sentence(doc, start, end, folded, found[i:j], book, context, inside)
                claims.extend(fn(sent))
        claims.sort(key=lambda c: (c.start, c.end, c.kind))
        return claims


def _load_extractors() -> None:
    # each module registers itself
    from claimcheck.extract import events, people, quantities, ranks, terms  # noqa: F401
