"""Sentence splitting for news text: paragraphs are lines, sentences end at . ! ? before a capital.

Abbreviations common in news ("Mr.", "No.", "U.S.", "Jan.") do not end a sentence. Linear time, no
backtracking: one scan over the text with a simple pattern.
"""

from __future__ import annotations

from claimcheck import regexes

# One character class first, so that the scan jumps from one candidate end to the next.
_END = regexes.compile(
    r"[.!?\n](?:(?<=[.!?])['\"\u2019\u201d)]*[ \t]+(?=[\"'\u2018\u201c(]?[A-Z0-9])|(?<=\n))"
)
_ABBREV = frozenset(
    "mr mrs ms dr prof st no nos vs jan feb mar apr jun jul aug sep sept oct nov dec gen col lt "
    "sen rep gov u.s u.k e.g i.e inc ltd co corp jr sr approx est fig".split()
)
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end], whitespace trimmed, empty ones dropped."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        at = m.start()
        if text[at] == "\n":
            cut = at
        else:
            # the word of letters and dots before the stop, from its first letter: what
            # `([A-Za-z][A-Za-z.]*)$` finds there, without a search that tries each of a dozen
            # starts (no newline lies between `pos` and the stop: each one ends a sentence)
            chunk = text[max(pos, at - 12) : at]
            word = chunk[len(chunk.rstrip(_WORD_CHARS)) :].lstrip(".")
            if word and word.lower().rstrip(".") in _ABBREV:
                continue
            cut = m.end()
        _add(text, pos, cut, spans)
        pos = m.end()
    _add(text, pos, end, spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
