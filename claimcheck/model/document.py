"""An article as the run holds it: its text (NFC, front matter included, so that lines match the
file), its metadata and date, and positions as the file has them.

Reading one from disk (front matter, manifest, dateline) is claimcheck.run.articles' job; every
stage reads the Document it gives.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimcheck.infra import regexes
from claimcheck.model.dates import PartialDate

# Characters that may not be in NFC or may compose with the one before: all but ASCII, Latin
# (to U+02FF) and general punctuation (tests/test_unicode_text.py checks the ranges).
_MAY_CHANGE = regexes.compile(r"[^\x00-\u02ff\u2010-\u205e]+")
# Offsets in `text` and in the text as written from which the two advance together.
Breaks = tuple[list[int], list[int]]


@dataclass
class Document:
    """An article: its text (front matter included, so lines match the file) and metadata.

    `text` is what extraction reads and claims' offsets count in: the file's text in NFC, so
    that a name written with combining marks (NFD, as macOS and some editors save it) reads as
    the same name precomposed. Positions (line, column) and fixes are in the text as written:
    `position` maps through `_at` when the two differ. A leading byte-order mark is neither
    (`bom` says it was there, for --fix to write it back). ASCII text pays nothing for this, other
    NFC text one quick check (`unicodedata.is_normalized`, about 4 us a kilobyte).
    """

    path: str
    text: str
    body_start: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    date: PartialDate | None = None
    date_source: str = "unknown"  # front matter | manifest | dateline | unknown
    _lines: list[int] | None = field(default=None, repr=False)
    # A corpus article served from the cache in a hook run: its text is read only when a
    # finding cites one of its lines (most are never cited).
    _read: Callable[[], str] | None = field(default=None, repr=False, compare=False)
    bom: bool = False
    _written: str | None = field(default=None, repr=False, compare=False)  # when not NFC
    _at: Breaks | None = field(default=None, repr=False, compare=False)  # text -> written

    def __post_init__(self) -> None:
        self._take(self.text)

    def _take(self, text: str) -> None:
        """Set the text from the file's decoded text (its BOM included)."""
        if text.startswith("\ufeff"):
            text, self.bom = text[1:], True
        self.text, self._written, self._at = text, None, None
        if text.isascii():
            return
        import unicodedata  # here, for start-up time: ASCII text needs none of it

        if not unicodedata.is_normalized("NFC", text):
            self.text, self._at = nfc(text)
            self._written = text

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def written(self) -> str:
        """The text as the file has it (without its BOM)."""
        self._starts()
        return self.text if self._written is None else self._written

    def _starts(self) -> list[int]:
        """The offset in the written text where each line starts, built once."""
        if self._lines is None:
            if self._read is not None:
                read, self._read = self._read, None
                self._take(read())
            written = self.text if self._written is None else self._written
            self._lines = [0] + [m.end() for m in re.finditer("\n", written)]
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of an offset of `text`; columns count
        characters as written."""
        starts = self._starts()
        if self._at is not None:
            keys, vals = self._at
            offset = max(0, min(offset, len(self.text)))
            k = bisect.bisect_right(keys, offset) - 1
            offset = vals[k] + offset - keys[k]
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def written_offset(self, line: int, column: int) -> int | None:
        """The offset in the written text of a 1-based position, kept within its line; None
        when the file has no such line."""
        starts = self._starts()
        if not 1 <= line <= len(starts):
            return None
        end = starts[line] - 1 if line < len(starts) else len(self.written)
        return min(starts[line - 1] + max(column, 1) - 1, end)

    def offset(self, line: int, column: int) -> int | None:
        """The offset in `text` of a 1-based position (the inverse of `position`)."""
        at = self.written_offset(line, column)
        if at is None or self._at is None:
            return at
        # the first offset whose character lies at or after `at` as written: after a letter
        # NFC composes when `at` is one of its marks, the first of two NFC writes for one
        keys, vals = self._at
        k = bisect.bisect_right(vals, at) - 1
        offset = keys[k] + at - vals[k]
        if k + 1 < len(keys):
            offset = min(offset, keys[k + 1])
        while k and vals[k - 1] + keys[k] - 1 - keys[k - 1] >= at:
            k -= 1
            offset = keys[k] + max(0, at - vals[k])
        return offset

    def line_text(self, line: int) -> str:
        """A line of the file as written."""
        starts, written = self._starts(), self.written
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(written)
        return written[start:end]


def nfc(text: str) -> tuple[str, Breaks]:
    """Text in NFC, and where its offsets lie in `text`: the offsets (in each) from which the
    two advance together, one character for one.

    Only runs of other characters than ASCII, Latin-1, Latin Extended-A/B and general
    punctuation change (with the letter before a run that starts with a combining mark): those
    neither compose with the character before them nor move, so the runs normalise alone.
    """
    import unicodedata  # here, for start-up time (only text that is not NFC comes here)

    combining, normalize = unicodedata.combining, unicodedata.normalize
    out: list[str] = []
    keys, vals = [0], [0]
    pos = size = shift = 0  # where `text` is copied up to; the NFC text's size; vals - keys

    def step(key: int, val: int) -> None:
        nonlocal shift
        if val - key != shift:
            keys.append(key)
            vals.append(val)
            shift = val - key

    for m in _MAY_CHANGE.finditer(text):
        a, b = m.span()
        if a > pos and combining(text[a]):
            a -= 1  # the letter the first mark sits on
        run = text[a:b]
        piece = normalize("NFC", run)
        if piece == run:
            continue
        out.append(text[pos:a])
        size += a - pos
        at: list[int] = []
        if all(map(combining, run[1:])):  # one letter and its marks
            _map_piece(text, a, b, piece, at)
        elif _run(text, a, b, at) != piece:  # never seen: map the run to where it starts
            at = [a] * len(piece)
        for k, val in enumerate(at):
            step(size + k, val)
        out.append(piece)
        size += len(piece)
        step(size, b)
        pos = b
    out.append(text[pos:])
    return "".join(out), (keys, vals)


def _run(text: str, a: int, b: int, at: list[int]) -> str:
    """A run in NFC, letter by letter with their marks; letters that compose with each other
    (Hangul jamo, some Indic vowel signs) as one. `at` gets where each character comes from."""
    import unicodedata  # here, for start-up time (only text that is not NFC comes here)

    combining = unicodedata.combining

    def norm(s: str) -> str:
        return unicodedata.normalize("NFC", s)

    out: list[str] = []
    i = a
    while i < b:
        j = i + 1
        while j < b and combining(text[j]):
            j += 1
        while j < b:  # the next letter with its marks, if it composes with this one
            k = j + 1
            while k < b and combining(text[k]):
                k += 1
            if norm(text[i:k]) == norm(text[i:j]) + norm(text[j:k]):
                break
            j = k
        piece = norm(text[i:j])
        out.append(piece)
        _map_piece(text, i, j, piece, at)
        i = j
    return "".join(out)


def _map_piece(text: str, i: int, j: int, piece: str, at: list[int]) -> None:
    """Where each character of the NFC form of text[i:j] comes from: its first letter from i,
    each mark left over (one with no precomposed letter) from that mark as written; one
    written character for one where it can."""
    n = len(piece)
    if n == j - i:
        at.extend(range(i, j))
        return
    if n > j - i:  # a letter NFC writes in two (a composition exclusion): both where it is
        at.extend([i] * n)
        return
    at.append(i)
    prev = i
    for k in range(1, n):
        found = text.find(piece[k], prev + 1, j)
        prev = min(found if found > prev else prev + 1, j - (n - k))
        at.append(prev)
