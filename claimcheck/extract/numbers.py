"""Numbers as news writes them: digits with thousands commas, number words, scale words, hedges.

A written number is turned into the interval of values its writer could have meant: the rounding
of the digits written, widened or cut by the hedge in front of it. A range of percentages that
writes its unit once ("22-27 per cent", "between 22 and 27 percent") is one percent figure from
its low end to its high end. Pure functions on strings, no rulebook: this is English grammar, the
same for every newsroom.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal

from claimcheck.extract.caseless import caseless, plain, search_ending
from claimcheck.infra import regexes
from claimcheck.infra.values import value
from claimcheck.model import units

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
    w = plain(word.strip())
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
    w = plain(word.strip())
    if w in ORDINALS:
        return ORDINALS[w]
    if len(w) > 2 and w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th"):
        return int(w[:-2])
    return None


# ---------------------------------------------------------------------------------------------
# Written amounts: [currency] number [scale] [currency | percent | factor]

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bln": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}
_SHORT_SCALES = frozenset({"k", "m", "mn", "mln", "bln", "bn", "b", "tn", "trn"})

ABOUT = 0.05  # the width of about/around/nearly: 5 % of the value (a metric may set its own)
"""The margin "about" adds to a figure's rounding: a reader takes "about US$2.9 billion" to mean
within a twentieth of it, and "about 280,000" (rounded to the ten thousand) to mean 280,000 give
or take its rounding twice over; see margin."""
ROUNDING_MARGIN = 0.10  # a rounding counts in the margin up to a tenth of the value

# Hedge phrases (lower case, spaces single) → the interval rule they apply.
HEDGES: dict[str, str] = {
    **dict.fromkeys(
        "about|approximately|approximating|approx.|approx|around|some|roughly|an estimated|"
        "estimated|circa|almost exactly|close to about|an approximate".split("|"),
        "about",
    ),
    **dict.fromkeys("nearly|almost|close to|just under|just below|nearing".split("|"), "below"),
    **dict.fromkeys(
        "over|more than|above|exceeding|in excess of|upwards of|just over|just above|"
        "slightly more than|slightly over|well over|nearly over|over than|topped|topping|tops|"
        "surpassed|surpassing|surpasses|exceeded|exceeds|crossed|crossing|passed".split("|"),
        "above",
    ),
    **dict.fromkeys(
        "at least|no less than|not less than|a minimum of|no fewer than|not fewer than".split("|"),
        "atleast",
    ),
    **dict.fromkeys(
        "up to|at most|no more than|not more than|a maximum of|as many as|as much as".split("|"),
        "atmost",
    ),
    **dict.fromkeys(
        "less than|fewer than|under|below|lower than|just less than|slightly less than".split("|"),
        "under",
    ),
}
_HEDGE_BEFORE = regexes.compile(
    r"(?i:\b(?P<h>"
    + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEDGES, key=len, reverse=True))
    + r")\s*)$"
)
# Every hedge: text before a number that does not end with one of them (but for whitespace)
# holds no hedge there, and is not searched (the search tries each of 40 starts).
_HEDGE_ENDS = tuple(sorted({" ".join(h.split()) for h in HEDGES}))


_WORDNUM = caseless(
    (
        *(f"{tens}(?:-(?:one|two|three|four|five|six|seven|eight|nine))?" for tens in _TENS),
        *_UNITS,
        r"a\s+dozen",
        "dozens",
        "hundreds",
        "an?",
        r"a\s+hundred",
    )
)
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|trn|tn|[kmb])"


def _by_sign(forms: Sequence[str]) -> str:
    r"""`(?i:$us|$|¥|€)` written as `[$¥€](?:(?<=\$)(?i:us|)|(?<=[¥€]))`: one class test of
    the sign, where `re` tests a class before entering it, and only then the letters that may
    follow it (in their order); the forms tried in turn would cost a test each at every word."""
    tails: dict[str, list[str]] = {}
    for f in forms:
        tails.setdefault(f[0], []).append(re.escape(f[1:]))
    alone = "".join(re.escape(sign) for sign, ts in tails.items() if ts == [""])
    after = [
        f"(?<={re.escape(sign)})(?i:{'|'.join(ts)})" for sign, ts in tails.items() if ts != [""]
    ]
    if alone:
        after.append(f"(?<=[{alone}])")
    return "[" + "".join(re.escape(sign) for sign in tails) + "](?:" + "|".join(after) + ")"


# A currency written before the number: a form with a sign in any case (those opening with a
# letter grouped by the first, see caseless; the others by their sign), or three capitals that
# do not run into a word ("USDA", "VNDirect"): an ISO code, or else the number is read without
# them (`_number`; the 154 codes written out cost `re` 5 ms to compile in every process).
# The forms opening with a letter are behind one test of a letter: the pattern is tried after
# every space and sign too, where each group of a first letter would cost a test.
_PREFIX = (
    "(?:(?=[A-Za-z])(?:"
    + caseless(re.escape(f) for f in units.PREFIX_FORMS if f[0].isascii() and f[0].isalpha())
    + r"|[A-Z]{3}(?![A-Za-z]))|"
    + _by_sign([f for f in units.PREFIX_FORMS if not (f[0].isascii() and f[0].isalpha())])
    + ")"
)
# Neither a currency nor a number begins after an ASCII letter: that test opens the pattern,
# once, which `re` tries at every position of the text (most are inside a word).
_NUMBER = regexes.compile(
    rf"(?<![A-Za-z])(?:(?P<pre>{_PREFIX})[ \t\u00a0]?|(?<![\w.])(?<!\d,|[A-Za-z]-))"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|\b(?P<word>{_WORDNUM})\b)"
    # "$1.47-billion" (Canadian style): a hyphen before a scale word written out
    rf"(?:(?:[ \t\u00a0]|-(?=(?i:thousand|million|billion|trillion)\b))?"
    rf"(?i:(?P<scale>{_SCALE}))(?![A-Za-z]))?"
    r"(?:[ \t\u00a0]?(?P<post>%|(?i:percent|per\s+cent|pct)\b"
    r"|(?i:[- ]?folds?\b|-?times?\b|x\b)))?"
)
_DEFINITE = regexes.compile(r"(?i:\b(?:the|these|those|their|our|its|both|all)\s+)$")
_FOLD_WORD = regexes.compile(
    r"(?i:\b(?P<w>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b)"
)


# What every number found below holds: a digit or one of these words (any case; "one", "a" and
# "an" alone are not amounts, "a million" holds "million", and a number word with a scale letter,
# "US$ a m", is not read). Text with none of them is not scanned. The currency signs are kept
# in the test (no code: lower-cased, "ars" is in every "years").
_DIGIT = regexes.compile(r"\d")
_SIGNS = tuple(sorted({c for k in units.PREFIX_FORMS for c in k if units.is_sign(c)}))
_WORDS_ALL = (
    *(w for w in _UNITS if w != "one"),
    *_TENS,
    "dozen",
    "hundred",
    *(k for k in SCALES if k not in _SHORT_SCALES),
    "fold",
)
TRIGGER_WORDS = tuple(w for w in _WORDS_ALL if not any(o != w and o in w for o in _WORDS_ALL))
SIGNS_AND_CODES = _SIGNS
# Letters that a case-insensitive pattern matches to ASCII ones but lower() does not turn into
# them ("ſ" is an "s" to `(?i)` and stays "ſ" in lower case).
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def searchable(chunk: str) -> str | None:
    """The text in lower case, for a quick `word in` test before scanning it with patterns that
    ignore case; None when it holds a letter that such a pattern could read as an ASCII one."""
    if not chunk.isascii():
        for c in _ODD_CASE:
            if c in chunk:
                return None
    return chunk.lower()


def _may_hold(chunk: str, low: str) -> bool:
    """False when the text cannot hold a number (most sentences)."""
    if _DIGIT.search(chunk):
        return True
    for word in TRIGGER_WORDS:
        if word in low:
            return True
    return any(mark in chunk for mark in SIGNS_AND_CODES)


@value()
class Number:
    """A number as written, with the interval of values its digits, scale and hedge allow."""

    start: int  # hedge included
    end: int
    value: float  # the written value times the scale
    low: float
    high: float
    digits: str  # "47.6", "six"
    scale: str | None  # "billion"
    hedge: str | None  # "about", as written, lower case
    unit: str | None  # ISO currency code, "percent", or None
    factor: bool = False  # "3 folds", "four-time", "fourfold": a multiplier, not an amount
    num_start: int = 0  # where the number itself (currency sign included) starts
    ranged: bool = False  # "22-27 per cent", "US$2-3 billion": low and high are the range's ends
    written: str | None = None  # the currency as written, lower case ("r$", "pesos"): units.key

    @property
    def exact(self) -> bool:
        return self.low == self.high


def find(text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Every number in text[start:end], except inside the `skip` spans (dates, periods)."""
    return pick(text, start, end, *scan(text, start, end), skip)


def scan(
    text: str, start: int, end: int, folded: str | None = None
) -> tuple[list[re.Match[str]], list[Number]]:
    """What may be numbers in text[start:end]: the pattern's matches, and the "-fold" words.
    Apart from `pick` so that a caller finds the skip spans (a period scan) only when some
    match could be skipped. A caller that has found the text may hold a number gives the
    fold() of the whole text, and the quick test here is skipped."""
    if folded is None:
        chunk = text[start:end]
        low = searchable(chunk)
        if low is not None and not _may_hold(chunk, low):
            return [], []
        any_fold = low is None or "fold" in low
    else:
        any_fold = folded.find("fold", start, end) >= 0
    matches = list(_NUMBER.finditer(text, start, end))
    folds: list[Number] = []
    for m in _FOLD_WORD.finditer(text, start, end) if any_fold else ():
        v = float(small(m.group("w")) or 100)
        folds.append(
            Number(m.start(), m.end(), v, v, v, m.group(0), None, None, None, True, m.start())
        )
    return matches, folds


def pick(
    text: str,
    start: int,
    end: int,
    matches: list[re.Match[str]],
    folds: list[Number],
    skip: Sequence[tuple[int, int]] = (),
) -> list[Number]:
    """The numbers of the matches outside the skip spans, and the "-fold" words, in text order."""
    out: list[Number] = []
    spans = sorted(skip)
    k = 0
    for m in matches:
        while k < len(spans) and spans[k][1] <= m.start():
            k += 1
        if k < len(spans) and spans[k][0] < m.end():
            continue
        if out and m.start() < out[-1].end:
            if m.end() <= out[-1].end:
                continue  # the high end of a range, read with its low end
            # a currency the number before took as its name ("12 trillion VND 5 projects"):
            # the number after it, read without it
            again = _NUMBER.search(text, out[-1].end, end)
            if again is None or again.start() >= m.end():
                continue
            m = again
        n = _number(text, m, start)
        if n is not None:
            out.append(n)
    out.extend(folds)
    out.sort(key=lambda n: n.start)
    return out


def _number(text: str, m: re.Match[str], lo: int) -> Number | None:
    pre, num, word, scale, post = m.group("pre", "num", "word", "scale", "post")
    if pre and not (num or word):
        return None
    written = units.key(plain(pre)) if pre else None
    pre_unit = units.read(written) if written else None
    if pre and pre_unit is None:  # capitals that are no code: "ABC 5", "ALL 40"
        again = _NUMBER.match(text, m.start("num" if num else "word"), m.endpos)
        return None if again is None or again.group("pre") else _number(text, again, lo)
    scale_l = plain(scale) if scale else None
    # a currency named after it ("5 billion reais"), where no percent or factor word is
    named = None if post else units.name_after(text, m.end(), m.endpos, bool(scale))
    if named is not None:
        post = named[0]
    if scale_l in _SHORT_SCALES and (word or not pre):  # "5 m" is five metres, "US$5m" five million
        return None
    if word:
        w = " ".join(plain(word).split())
        if w in ("a", "an", "one", "dozens", "hundreds") and not scale_l:
            return None  # "one of the ...", "a partner": not amounts
        if w in ("dozens", "hundreds"):
            return None
        if not scale_l and _DEFINITE.search(text, max(lo, m.start() - 8), m.start()):
            return None  # "the two countries", "their two peoples": a reference, not a count
        base = Decimal(WORDS.get(w) or small(w) or 0)
        digits = word
        places: int | None = None
    else:
        assert num is not None
        digits = num
        base = Decimal(num.replace(",", ""))
        places = len(num.split(".")[1]) if "." in num else 0
        after = m.end("num")
        if not scale and not post and after < len(text) and text[after].isalpha():
            return None  # "25th", "4G"
        around = text[m.start("num") - 1 : m.start("num")] + text[after : after + 1]
        if any(c in ":/" for c in around):
            return None  # times of day, "3/143"
    tail = text[m.end() : m.end() + 2]
    if not scale and not post and len(tail) == 2 and tail[0] == "-" and tail[1].isalpha():
        return None  # "two-way", "a 20-year plan": an adjective, not an amount
    mult = SCALES[scale_l] if scale_l else 1
    value = base * mult
    unit = pre_unit
    factor = False
    if post:
        pl = " ".join(plain(post).split())
        if pl in ("%", "percent", "per cent", "pct"):
            unit = units.PERCENT
        elif "fold" in pl or "time" in pl or pl == "x":
            factor = True
        elif unit is None:
            written = pl
            unit = units.read(pl)
    end = m.end() if named is None else named[1]
    upper = _percent_range(text, m) if num and not (pre or scale_l or post) else None
    if upper is not None:
        unit = units.PERCENT  # "22-27 per cent": the unit is written once, after the range
    joined = None
    if upper is None and num and not (scale or post):
        e = m.end()
        c = text[e : e + 1]
        if c in " \t\u00a0":
            c = text[e + 1 : e + 2]
        if c and c in _RANGE_JOIN_HEADS:  # most numbers: no join after them, no pattern tried
            joined = _amount_range(text, m, unit)
    if pre and num and not scale and joined is None and _glued_code(m, pre, num):
        return None  # "COP26": a name with a number, not an amount ("JPY2.7 trillion" is)
    if joined is not None:  # "US$2-3 billion": one amount, the scale and currency written once
        top, top_digits, scale_l, unit, end, second = joined
        written = written or second
        mult = SCALES[scale_l] if scale_l else 1
        value = base * mult
    if places is None:  # number words: exact, or to half the scale
        half = Decimal(mult) / 2 if scale_l else Decimal(0)
    else:
        half = _rounding(base, places, bool(scale_l or unit == units.PERCENT or factor)) * mult
    half = Decimal(half)
    h = search_ending(_HEDGE_BEFORE, text, max(lo, m.start() - 40), m.start(), _HEDGE_ENDS)
    hedge = " ".join(plain(h.group("h")).split()) if h else None
    low, high = interval(value, half, HEDGES[hedge] if hedge else None)
    if upper is not None:  # one number for the whole range, from its low end to its high end
        top, end = upper
        high = interval(top, _rounding(top, _places(top), True), HEDGES[hedge] if hedge else None)[
            1
        ]
        digits = text[m.start("num") : end]
    elif joined is not None:
        top_places = len(top_digits.split(".")[1]) if "." in top_digits else 0
        top_half = _rounding(top, top_places, bool(scale_l)) * mult
        high = interval(top * mult, top_half, HEDGES[hedge] if hedge else None)[1]
        digits = f"{digits}-{top_digits}"
    return Number(
        h.start() if h else m.start(),
        end,
        float(value),
        low,
        high,
        digits,
        scale_l,
        hedge,
        unit,
        factor,
        m.start(),
        upper is not None or joined is not None,
        written if unit is not None and unit != units.PERCENT else None,
    )


_PLAIN_DIGITS = regexes.compile(r"\d[\d,]*(?:\.\d+)?")


def hedged(
    digits: str, scale: str | None, hedge: str | None, percent: bool, width: float
) -> tuple[float, float] | None:
    """The interval of a figure as written (its digits, scale word and hedge) with another hedge
    width: a metric's own `hedge`. None when the hedge has no width ("over", none) or the digits
    are not one plain number (a range, number words): their interval stays as extracted."""
    rule = HEDGES.get(hedge or "")
    if rule not in ("about", "below") or not _PLAIN_DIGITS.fullmatch(digits):
        return None
    base = Decimal(digits.replace(",", ""))
    mult = SCALES.get(scale or "", 1)
    half = _rounding(base, _places(base), bool(scale) or percent) * mult
    return interval(base * mult, half, rule, width)


def _glued_code(m: re.Match[str], pre: str, num: str) -> bool:
    """An ISO code written against a whole number with no separator ("COP26", "G20"-like)."""
    glued = m.end("pre") == m.start("num") and pre.isalpha() and pre in units.CODES
    return glued and "." not in num and "," not in num


def _places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


# The rest of a range whose second end is a percentage: "-27 per cent", " to 27%", " and 27%".
_RANGE_PERCENT = regexes.compile(
    r"[ \t\u00a0]*(?P<join>[-\u2010-\u2014]|(?i:to|and))[ \t\u00a0]*(?P<top>\d+(?:\.\d+)?)"
    r"[ \t\u00a0]?(?:%|(?i:percent|per\s+cent|pct)\b)"
)


def _percent_range(text: str, m: re.Match[str]) -> tuple[Decimal, int] | None:
    """The high end of a range of percentages the number starts ("22-27 per cent", "22 to 27%",
    "between 22 and 27 percent"), with where the range ends; else None (also when the second
    number is not the larger: "2-0%" is a score, not a range)."""
    r = _RANGE_PERCENT.match(text, m.end())
    if r is None:
        return None
    if r.group("join").lower() == "and" and not _BETWEEN_BEFORE.search(
        text, max(0, m.start() - 10), m.start()
    ):
        return None
    top = Decimal(r.group("top"))
    return (top, r.end()) if top > Decimal(m.group("num").replace(",", "")) else None


# The rest of an amount range whose ends share a scale or currency: "-3 billion", " to US$3
# billion", " and 3 billion USD".
_RANGE_AMOUNT = regexes.compile(
    r"[ \t\u00a0]?(?P<join>[-\u2010-\u2014]|(?i:to|and)(?![A-Za-z]))[ \t\u00a0]*"
    rf"(?:(?P<pre>{_PREFIX})[ \t\u00a0]?)?"
    r"(?P<top>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:[ \t\u00a0]?(?i:(?P<scale>{_SCALE}))(?![A-Za-z]))?"
)
_RANGE_JOIN_HEADS = "-\u2010\u2011\u2012\u2013\u2014tTaA"
_BETWEEN_BEFORE = regexes.compile(r"(?i:\bbetween\s+)$")
_FROM_BEFORE = regexes.compile(r"(?i:\bfrom\s+)$")


def _amount_range(
    text: str, m: re.Match[str], unit: str | None
) -> tuple[Decimal, str, str | None, str | None, int, str | None] | None:
    """The high end of a money range the number opens ("US$2-3 billion", "2 to 3 billion yen",
    "between US$2 and 3 billion"): its value and digits, the scale and currency both ends
    share, and where the range ends. None when no currency is written, when the ends disagree on
    it, when the second is not the larger, and for "from X to Y" (a change, not a range). Last,
    the currency as the second end writes it, if it does."""
    r = _RANGE_AMOUNT.match(text, m.end())
    if r is None:
        return None
    named = units.name_after(text, r.end(), m.endpos, bool(r.group("scale")))
    stop = r.end() if named is None else named[1]
    after = text[stop : stop + 2]
    if after[:1].isalnum() or after[:1] == "%" or (after[:1] in ",." and after[1:].isdigit()):
        return None  # "2-3rd", "2-3%", "2-3,5"
    forms = [units.key(plain(c)) for c in (r.group("pre"), named and named[0]) if c]
    codes = {units.read(f) for f in forms}
    if unit is not None:
        codes.add(unit)
    if len(codes) != 1 or None in codes:
        return None
    join = r.group("join").lower()
    before = text[max(0, m.start() - 10) : m.start()]
    if join == "and" and not _BETWEEN_BEFORE.search(before):
        return None
    if join == "to" and _FROM_BEFORE.search(before):
        return None
    top = Decimal(r.group("top").replace(",", ""))
    if top <= Decimal(m.group("num").replace(",", "")):
        return None
    scale = r.group("scale")
    written = forms[0] if forms else None
    return top, r.group("top"), plain(scale) if scale else None, codes.pop(), stop, written


ROUND_CAP = Decimal("0.05")
"""A round number is read as a rounding of at most 5 % either way ("1,000" is [950, 1050])."""


def _rounding(base: Decimal, places: int, scaled: bool) -> Decimal:
    """Half a unit of the last significant digit written.

    Decimals are significant to their last place ("47.6" → ±0.05). A whole number of 1,000 or
    more written without a scale word has trailing zeros that are not significant ("230,000"
    → ±5,000: news rounds head counts that way), but never more than ROUND_CAP of the value
    ("500,000" → ±25,000, "1,000" → ±50). Smaller whole numbers, and any number followed by a
    scale word or a percent sign, are read to their last digit ("40 billion" → ±0.5 billion,
    "37" → ±0.5).
    """
    if places:
        return Decimal(5) * Decimal(10) ** (-places - 1)
    if scaled or base < 1000:
        return Decimal("0.5")
    zeros = _trailing_zeros(base)
    if zeros == 0:
        return Decimal("0.5")
    return min(Decimal(5) * Decimal(10) ** (zeros - 1), base * ROUND_CAP)


def _trailing_zeros(whole: Decimal, cap: int = 30) -> int:
    """The zeros a whole number ends in, at most `cap`: read from its digits, not by turning it
    into an int (quadratic in its length: a run of 80,000 digits took a second)."""
    _, digits, exponent = whole.as_tuple()
    if not whole or not isinstance(exponent, int):
        return 0
    zeros = max(exponent, 0)
    for d in reversed(digits):
        if d or zeros >= cap:
            break
        zeros += 1
    return min(zeros, cap)


def margin(value: Decimal, half: Decimal, width: float = ABOUT) -> Decimal:
    """What "about" and "nearly" add to a figure's rounding: the rounding once more (a writer
    who rounds to the ten thousand says "about" within about that) or `width` of the value,
    whichever is larger; the rounding counts up to ROUNDING_MARGIN of the value ("about 3
    billion" is not 2 to 4 billion)."""
    own = min(half, abs(value) * Decimal(str(ROUNDING_MARGIN)))
    return max(own, abs(value) * Decimal(str(width)))


def interval(
    value: Decimal | float, half: Decimal | float, rule: str | None, width: float = ABOUT
) -> tuple[float, float]:
    """The closed interval a value, its rounding and a hedge rule allow (see HEDGES).

    Bounds are closed; "over 5,000" gives [5000, inf] and the hedge on the Number says the
    lower bound itself is excluded. `width` is the hedge's relative width (see margin).
    """
    d, h = Decimal(str(value)) if isinstance(value, float) else value, Decimal(str(half))
    v = float(d)
    if rule is None:
        return float(d - h), float(d + h)
    spread = margin(d, h, width)
    if rule == "about":
        return max(0.0, float(d - h - spread)), float(d + h + spread)
    if rule == "below":
        return max(0.0, float(d - h - spread)), v
    if rule in ("above", "atleast"):
        return v, math.inf
    return 0.0, v  # atmost, under
