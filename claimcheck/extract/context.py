"""What an extractor reads: the whole document's context, found once (DocContext), and one
sentence of it (Sentence) with the vocabulary, periods and numbers found in it; the quick tests
(Marks) that spare a sentence the scans it cannot need.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from claimcheck.extract import numbers as _numbers
from claimcheck.extract import periods as _periods
from claimcheck.infra import regexes
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.vocab import Match

DIGIT = regexes.compile(r"\d")


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
        if not self.ascii and DIGIT.search(self.text, start, end) is not None:
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
