"""Extraction: documents → claims, per document and pure (no other document is looked at).

The rulebook supplies the vocabulary (names, titles, aliases); the English grammar around it
(hedges, scale words, rank words, period phrases) lives in the modules of this package. Each
extractor registers itself in EXTRACTORS and is called once per sentence: of the sentences (or
the documents) that name a kind of vocabulary it needs, if it says so (its Need).

Layers, each importing only those before it: the scanners (caseless, numbers, periods,
sentences); what an extractor is given (context: DocContext, Sentence) and the registry; what
extractors share (mentions, ownership, modality, attribution, borrowed_periods, events,
title_claims); the arithmetic of a sentence's figures; the extractors (events, people with
titles, quantities, ranks, terms); and this file, whose Extractor runs them.
"""

from __future__ import annotations

from claimcheck.extract import sentences
from claimcheck.extract.context import ENTITY_KINDS, DocContext, Marks, Sentence
from claimcheck.extract.registry import EXTRACTORS, NEEDS, ExtractorFn, Need, extractor
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.vocab import fold, longest, vocabulary

# what the rest of claimcheck reads here: the extractor, and what an extractor is given
__all__ = [
    "ENTITY_KINDS",
    "EXTRACTORS",
    "NEEDS",
    "DocContext",
    "Extractor",
    "Marks",
    "Need",
    "Sentence",
    "extractor",
]


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
    # each module registers itself, in this order; imported here for start-up time: importing
    # any module of the package (numbers, periods) runs this file, and most such callers never
    # extract
    from claimcheck.extract import events, people, quantities, ranks, terms  # noqa: F401
