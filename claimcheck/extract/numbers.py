"""Numbers as news writes them: digits with thousands commas, number words, scale words, hedges.

A written number is turned into the interval of values its writer could have meant: the rounding
of the digits written, widened or cut by the hedge in front of it. Pure functions on strings, no
rulebook: this is English grammar, the same for every newsroom.
"""

from __future__ import annotations

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORDS.update({"a": 1, "an": 1, "a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100})

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}


def small(word: str) -> int | None:
    """A small cardinal written as digits or words ("9", "nine", "twenty-five"), else None."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w) if len(w) <= 6 else None
    if w in WORDS:
        return WORDS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and unit in _UNITS[1:10]:
            return WORDS[tens] + WORDS[unit]
    return None


def ordinal(word: str) -> int | None:
    """An ordinal written as a word or with a suffix ("third", "3rd"), else None."""
    w = word.strip().lower()
    if w in ORDINALS:
        return ORDINALS[w]
    if len(w) > 2 and w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th"):
        return int(w[:-2])
    return None
