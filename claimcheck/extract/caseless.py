"""Case-blind alternations of words, written so that `re` tries them quickly.

`re` tries the alternatives of `(?i:two|three|ten)` one after the other, with no quick test of
their first letters (it has one for case-sensitive ones only): in a pattern tried at every word
of a sentence, that is most of the scan. `caseless` writes the same alternation as
`[Tt](?i:wo|hree|en)`: grouped by first letter, each group opened by a case-sensitive class
which `re` tests before entering the group. Same matches, same groups: the class holds exactly
the characters `(?i)` reads as that letter, the alternatives keep their order within a group, and
at any one position only the group of the letter written there can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What `(?i)` reads as these letters besides their two cases: "İ" and "ı" an "i", the Kelvin sign a
# "k", "ſ" an "s" (no other code point is read as an ASCII letter, in CPython 3.11).
_ALSO = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_ALSO_ANY = "".join(_ALSO.values())


_PLAIN = str.maketrans({c: h for h, cs in _ALSO.items() for c in cs})


def plain(written: str) -> str:
    """What a case-blind pattern matched, in ASCII lower case, to be looked up in a table of
    words: "ſix" is "six" ("ſix".lower() is not, and "İ".lower() is two characters)."""
    return (written if written.isascii() else written.translate(_PLAIN)).lower()


def may_end_with(text: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    r"""False when text[lo:hi], but for whitespace at its end and with every run of whitespace
    read as one space, does not end with one of the words (lower case; a phrase of several, one
    space apart, where `\s+` stands between them in the pattern) read in any case: then a
    case-blind pattern ending with one of them and `\s*$` cannot match there. A quick test
    before such a search, which tries every start in turn."""
    tail = text[lo:hi]
    if not tail.isascii() and any(c in tail for c in _ALSO_ANY):
        return True  # a letter `(?i)` reads as another: let the pattern decide
    return " ".join(tail.split()).lower().endswith(words)


def may_end_with_word(text: str, lo: int, hi: int, word: re.Pattern[str]) -> bool:
    r"""False when the last run of word characters of text[lo:hi], but for whitespace at its
    end, is not one the case-blind `word` matches whole: then a pattern ending with such a word
    (written with `\w*` endings: "increas\w*") and `\s*$` cannot match there."""
    tail = text[lo:hi].rstrip()
    i = len(tail)
    while i and (tail[i - 1].isalnum() or tail[i - 1] == "_"):  # what `\w` reads
        i -= 1
    return i < len(tail) and word.fullmatch(tail, i) is not None


def search_ending(
    pattern: re.Pattern[str],
    text: str,
    lo: int,
    hi: int,
    words: tuple[str, ...] | re.Pattern[str],
) -> re.Match[str] | None:
    r"""`pattern.search(text, lo, hi)` for a case-blind pattern that ends with one of the words
    (or a word the pattern `words` matches) and `\s*$`, not tried where `may_end_with` (or
    `may_end_with_word`) says it cannot match."""
    if isinstance(words, tuple):
        quick = may_end_with(text, lo, hi, words)
    else:
        quick = may_end_with_word(text, lo, hi, words)
    return pattern.search(text, lo, hi) if quick else None


def caseless(alternatives: Iterable[str]) -> str:
    """`(?i:a|b|...)` as a non-capturing group, for pattern alternatives that each open with an
    ASCII letter or digit written as itself (not a group, a class or an escape)."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        head = alt[:1].lower()
        if not (head.isascii() and head.isalnum()) or alt[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"caseless: {alt!r} does not open with a plain letter or digit")
        groups.setdefault(head, []).append(alt[1:])
    parts = []
    for head, rests in groups.items():
        first = f"[{head.upper()}{head}{_ALSO.get(head, '')}]" if head.isalpha() else head
        parts.append(f"{first}(?i:{'|'.join(rests)})")
    return "(?:" + "|".join(parts) + ")"
