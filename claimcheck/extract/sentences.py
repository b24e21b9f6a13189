"""Sentence splitting for news text: paragraphs are lines, sentences end at . ! ? before a capital.

A stop ends a sentence when closing quotes or brackets, then any whitespace but a newline (a
no-break or thin space as much as a plain one), then perhaps an opening quote or bracket, lead to
a digit or a capital letter, accented ones included ("... in 2019. Đà Nẵng"). A missed end lets
one sentence's year date the next one's figure. Abbreviations common in news ("Mr.", "No.",
"U.S.", "Jan.") and initials ("Donald J. Trump", "J.R.") do not end a sentence. Linear time, no
backtracking: one scan over the text with a simple pattern.
"""

from __future__ import annotations

from claimcheck.infra import regexes

# Capitals past ASCII that news text writes: Latin (Vietnamese included), Greek, Cyrillic. Built
# from the Unicode data (about 0.1 ms), since the re module has no class for upper case.
_UPPER = "".join(
    c
    for lo, hi in ((0xC0, 0x530), (0x1E00, 0x1F00))
    for c in map(chr, range(lo, hi))
    if c.isupper()
)
_OPEN = "\"'\u2018\u201c\u00ab\u201e("
# One character class first, so that the scan jumps from one candidate end to the next.
_END = regexes.compile(
    r"[.!?\n](?:(?<=[.!?])['\"\u2019\u201d\u00bb)\]]*[^\S\n]+"
    rf"(?=[{_OPEN}]{{0,2}}[A-Z0-9{_UPPER}])|(?<=\n))"
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
            if word and abbreviation(word):
                continue
            cut = m.end()
        _add(text, pos, cut, spans)
        pos = m.end()
    _add(text, pos, end, spans)
    return spans


def abbreviation(word: str) -> bool:
    """Whether a word of ASCII letters and dots, written before a stop, is an abbreviation: a
    listed one, or capital initials ("J", "J.R", "U.S")."""
    w = word.rstrip(".")
    if w.lower() in _ABBREV:
        return True
    if len(w) > 1 and w[1] != ".":
        return False  # most words: no initials
    letters = w[::2]
    return letters.isupper() and letters.isalpha() and w[1::2] == "." * (len(w) // 2)


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
