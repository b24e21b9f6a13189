"""The registry of extractors: each extractor module registers its function here, with the
vocabulary it needs (Need), when it is imported; Extractor (in the package) calls them in the
order they registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from claimcheck.extract.context import DocContext, Sentence
from claimcheck.infra.values import value
from claimcheck.model.claims import Claim

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
