"""How far apart two spellings of a name are, and which spellings are one name.

A misspelt name is a letter or two off the right one ("Fukuda" for Fukada, "Thoung" for Thuong,
"Shiregu" for Shigeru): at most one edit for every five letters of the right name, the first
letter of every word kept. Two people of one rulebook are further apart than that (a test holds
every pair of the rule files to it), so a close spelling is a slip, not someone else.

Romanized Japanese writes a long vowel several ways: Ō as O, Oo, Oh or Ou, Ū as U or Uu ("Ōgi",
"Oogi", "Ohgi", "Ogi"). For a person whose entry says `romanization: hepburn` those spellings are
one name, neither a misspelling nor someone else: `romanized` folds them to one key.
"""

from __future__ import annotations

from claimcheck.infra import regexes
from claimcheck.rulebook.vocab import fold

LETTERS_PER_EDIT = 5  # measured on the rulebook's people: see tests/test_namematch.py

_LONG_VOWELS = {
    "hepburn": regexes.compile(r"o[ou]|oh(?![aeiouy])|uu"),
}


def words(name: str) -> list[str]:
    """The folded words of a name, hyphens and apostrophes dropped ("Jun'ichiro" is one)."""
    return fold(name).replace("'", "").replace("-", "").split()


def romanized(name: str, scheme: str | None) -> str:
    """One key for the spellings of a name that differ only in how long vowels are written."""
    key = " ".join(words(name))
    pattern = _LONG_VOWELS.get(scheme or "")
    if pattern is None:
        return key
    return pattern.sub(lambda m: m.group(0)[0], key)


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn a into b."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, prev2[j - 2] + 1)
            row.append(best)
        prev2, prev = prev, row
    return prev[-1]


def close(written: str, right: str, scheme: str | None = None) -> bool:
    """Whether `written` is a slip for `right`: the same words, each with its first letter, and
    few edits for the name's length; never the same name (nor a romanization of it)."""
    a, b = romanized(written, scheme).split(), romanized(right, scheme).split()
    if a == b or len(a) != len(b) or any(x[:1] != y[:1] for x, y in zip(a, b, strict=True)):
        return False
    letters = sum(len(y) for y in b)
    allowed = letters // LETTERS_PER_EDIT
    return sum(distance(x, y) for x, y in zip(a, b, strict=True)) <= allowed
