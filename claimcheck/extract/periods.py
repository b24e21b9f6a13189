"""Period phrases: the time a sentence speaks of, stated ("in 2022", "September 21, 1973"),
relative to the article's date ("last November", "this year", "over the past three decades") or
present ("currently", "to date").

Each phrase kind has its own small pattern with bounded repetition only, scanned once over the
sentence (linear time, no backtracking blowup on long lines); overlapping finds are resolved
longest first. Relative phrases resolve against the document date; with no date they are dropped,
with a year-only date the ones that need a month are dropped. Parts of a year are never the
whole year: "the first two months", "the 11-month period", "so far this year", and "the last 11
months" of a December article (the year's finished months, as statistics are reported).

`Period.kind` is `span` for a stated range, `point` for "as of ..." and the present. The kind a
metric is measured with (a cumulative stock, say) is the rulebook's business: the quantity
extractor lays it over the period found here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from claimcheck.extract.caseless import caseless, plain, search_ending
from claimcheck.extract.numbers import ORDINALS, searchable, small
from claimcheck.infra import regexes
from claimcheck.infra.values import value
from claimcheck.model.dates import PartialDate, Period

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan",
        "february feb",
        "march mar",
        "april apr",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sept sep",
        "october oct",
        "november nov",
        "december dec",
    ),
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

_M = (
    r"(?<![A-Za-z])(?:(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?![A-Za-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
    r"(?![A-Za-z])\.?)"
)
# A year written on its own is read from 1800 on ("1500 workers" is a count); one bound to a
# month or a day ("May 14, 1624", "14/5/1624") from 1000 on.
_Y = r"(?<![\w$.,/])(?:1[89]|20)\d\d(?![\w%/]|[.,]\d)"
_YD = r"(?<![\w$.,/])(?:1\d|20)\d\d(?![\w%/]|[.,]\d)"
_D = r"(?<![\d.,])[0-3]?\d(?:st|nd|rd|th)?(?![\d%]|[.,]\d)"
# A fiscal year's label: "2024", "2023-24", "2023/2024" (the second year checked in `_fiscal`).
_YF = r"(?<![\w$.,/])(?:1[89]|20)\d\d"
_END = r"(?![\w%/]|[.,]\d)"


def _fy_tail(n: int) -> str:
    return rf"(?:[-/\u2013](?P<t{n}>\d\d(?:\d\d)?))?{_END}"


_SPACES = r"\s+"
_DASH = r"\s*(?:-|–|—|to|through|till|until)\s*"
_NUM = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|several|few|half\s+a|a\s+half)"
)
_UNIT = r"(?:years?|decades?|months?|century|centuries|half[- ]century)"
# "January 16 and 17, 2013": two days, only with the year after them ("May 5 and 20 people");
# "16 and 17 January": the first day before the one the pattern reads. Tried after a date only.
_AND_DAY = regexes.compile(rf"\s+and\s+(?P<d>{_D}),?\s*(?P<y>{_YD})")
_DAY_AND = regexes.compile(rf"(?P<d>{_D})\s+and\s+$")
_COUNT = (
    r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Each pattern: (name, compiled). Named groups: m/m2 month, d/d2 day, y/y2 year, n count, u unit.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day",
        regexes.compile(
            rf"(?P<m>{_M})\s+(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?(?:,?\s*(?P<y>{_YD}))?"
        ),
    ),
    (
        "dmy",
        regexes.compile(
            rf"(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\s+(?P<m>{_M})(?:,?\s*(?P<y>{_YD}))?"
        ),
    ),
    (
        "numeric",
        regexes.compile(r"(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:1\d|20)\d\d)\b"),
    ),
    (
        "months",
        regexes.compile(
            rf"(?:(?i:from)\s+)?(?P<m>{_M}){_DASH}(?P<m2>{_M})(?:,?\s*(?:of\s+)?(?P<y>{_YD}))?"
        ),
    ),
    ("month", regexes.compile(rf"(?P<m>{_M}),?\s*(?:of\s+)?(?P<y>{_YD})")),
    (
        "month_alone",
        regexes.compile(rf"(?P<m>{_M})(?!,?\s*\d)(?:\s+(?i:(?P<ry>this|last|next)\s+year\b))?"),
    ),
    (
        "part",
        regexes.compile(
            rf"(?i:(?:\bthe\s+)?\b(?:first|opening)\s+(?P<n>{_NUM})[- ](?P<u>months?)\b"
            rf"|(?:\bthe\s+)?(?<![\w.,])(?P<n2>{_NUM})[- ]month\s+period\b"
            r"|(?:\bthe\s+)?\bfirst\s+(?P<one>month)\b"
            r"|(?:\bthe\s+)?\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<qu>quarter|half)\b"
            r"|\b(?P<qq>Q[1-4]|H[12])\b)"
            rf"(?:(?:\s+(?i:of|in))?\s*(?:(?P<y>{_Y})|(?i:(?P<ry>this|last|next)\s+year\b)))?"
        ),
    ),
    (
        "years",
        regexes.compile(
            rf"(?:(?i:from)\s+)?(?P<y>{_Y}){_DASH}(?P<y2>{_Y})"
            rf"|(?i:between)\s+(?P<y3>{_Y})\s+(?i:and)\s+(?P<y4>{_Y})"
        ),
    ),
    (
        "fiscal",
        regexes.compile(
            rf"(?i:(?:\bthe\s+)?(?P<y>{_YF}){_fy_tail(1)}\s+(?:fiscal|financial)\s+year\b"
            rf"|\b(?:fiscal|financial)\s+(?:year\s+)?(?P<y2>{_YF}){_fy_tail(2)}"
            rf"|\bFY\s?'?(?P<y3>(?:19|20)?\d\d){_fy_tail(3)})"
        ),
    ),
    (
        "entire",
        regexes.compile(
            r"(?i:(?:\bthe\s+)?\b(?:entire|whole|full)(?:\s+year)?(?:\s+of)?[- ](?:year\s+)?)"
            rf"(?P<y>{_Y})"
        ),
    ),
    ("year", regexes.compile(rf"{_Y}(?!\s*(?i:thousand|million|billion|trillion|%|per\s?cent)\b)")),
    (
        "relyear",
        regexes.compile(r"(?i:\b(?P<rel>this|last|next|the\s+current|the\s+previous)\s+year\b)"),
    ),
    (
        "recent",
        regexes.compile(
            rf"(?i:(?:\bthe\s+)?\b(?P<w>last|past|previous|recent)\s+(?:(?P<n>{_NUM})\s+)?"
            rf"(?P<u>{_UNIT})\b(?P<ofy>\s+of\s+(?:this|the)\s+year\b)?)"
        ),
    ),
    (
        "to_date",
        regexes.compile(
            r"(?i:\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+far\b"
            r"|(?:\bthe\s+)?\byear[\s-]+to[\s-]+date\b"
            r"|\b(?:since|from)\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year\b)"
        ),
    ),
    (
        "present",
        regexes.compile(
            r"(?i:\b(?P<w>currently|presently|nowadays|now|today|to\s+date|so\s+far|at\s+present"
            r"|at\s+the\s+moment|up\s+to\s+now|until\s+now|as\s+of\s+now|as\s+of\s+today)\b)"
        ),
    ),
    (
        "same",
        regexes.compile(
            rf"(?i:\b(?:the\s+)?same\s+period\s+(?:(?:of|in)\s+(?P<y>{_Y})|(?:of\s+)?last\s+year"
            r"|a\s+year\s+(?:earlier|ago|before)))"
        ),
    ),
]

# Where a period phrase may begin: a number, a month name or one of the leading words of the
# patterns above. The patterns are tried only there (one scan of the text, not one per pattern).
_ANCHOR = regexes.compile(
    r"(?<![\w$.,/])\d"
    r"|(?<![A-Za-z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|FY)"
    r"|\b"
    + caseless(
        "from|between|the|first|opening|second|third|fourth|1st|2nd|3rd|4th|q[1-4]|h[12]|fy|fiscal|"
        "financial|entire|whole|full|this|last|next|past|previous|recent|currently|presently|"
        "nowadays|now|today|to|so|at|up|until|as|same|year|since".split("|")
    )
    + r"\b"
)
# Every anchor but one at the start of the text scanned follows a character that is not an ASCII
# letter (each alternative above demands it). Scanning for that character, with the anchor as a
# lookahead after it, `re` skips the letters in its fast loop: a pattern that opens with a
# look-behind is tried at every position, at several times the cost.
_AFTER_GAP = regexes.compile(r"[^A-Za-z](?=" + _ANCHOR.pattern + ")")
# One pattern for "which phrase is the first to begin here": most anchors ("the", "to",
# "between") begin none, and the patterns before the one it names need not be tried.
_ANY = regexes.compile(
    "|".join("(" + re.sub(r"\(\?P<\w+>", "(?:", p.pattern) + ")" for _, p in _PATTERNS)
)
# What every phrase above holds: a digit, a month name (its first three letters), or one of these
# words (any case). Text with none of them holds no period, and is not scanned.
_DIGIT = regexes.compile(r"\d")
MONTH_HEADS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TRIGGER_WORDS = (
    "year", "month", "quarter", "half", "decade", "centur", "currently", "present", "now",
    "today", "date", "far", "moment", "period",
)  # fmt: skip
# Words of the phrases scanned apart (weekdays): a sentence holding one is passed to `find`
# though `_may_hold` turns it down.
SCANNED_APART = ("day",)

_AS_OF = regexes.compile(
    r"(?i:(?:\bas\s+(?:of|at)|\b(?:by|at|as\s+of)\s+the\s+end\s+of|\bend\s+of|\bend-|\bup\s+to)\s*)$"
)
_AS_OF_ENDS = ("of", "at", "end-", "to")  # how each phrase above ends: see search_ending
_SINCE = regexes.compile(r"(?i:\bsince\s+)$")
# "the fiscal year ended March 31, 2024", "the 12 months to March 2024": a day or a month after
# these words ends twelve months (`_prefixed`).
_YEAR_TO = regexes.compile(
    r"(?i:(?:\bthe\s+)?(?:\b(?:fiscal|financial)\s+)?(?:\byear|\btwelve\s+months|(?<!\d)12\s+months)"
    r"\s+(?:ended|ending|to|through)\s+)$"
)
_YEAR_TO_ENDS = ("ended", "ending", "to", "through")
_PREV = regexes.compile(
    r"(?i:\b(?P<w>last|this|next|early|late|mid|in|since|from|until|till|by|during|before|after|"
    r"of|between|and|or|to|through)[\s-]+)$"
)
_NUMBERISH_ENDS = (
    "about", "around", "approximately", "approximating", "nearly", "almost", "some", "over",
    "under", "than", "least", "most", "roughly", "exactly", "only", "just",
)  # fmt: skip
_NUMBERISH = regexes.compile(r"(?i:\b(?:" + "|".join(_NUMBERISH_ENDS) + r")\s+)$")
_LOOKBACK = 30
_CUMULATIVE = ("to date", "so far", "up to now", "until now")


@value()
class FoundPeriod:
    """A period phrase in the text: offsets, the period meant, and how it was written.

    `phrase`: "stated" (the text gives the date), "relative" (resolved against the document
    date) or "present" (currently, now, to date: the document date). `flags` carry what the
    period alone cannot: "fiscal" (a fiscal year read as the calendar year), "as-of" (a stock on
    the day), "since" (from the stated date to the document date), "same-period" (the period
    of an earlier phrase in another year, or of the first phrase after it when none is
    earlier), "cumulative" ("to date", "so far"), "year-to-date" ("so far this year": January to
    the earliest day the article may be of), "weekday" ("on Sunday": the day an event or a
    statement took place, which never dates a figure's period).
    """

    start: int
    end: int
    period: Period
    phrase: str
    flags: tuple[str, ...] = ()


def find(text: str, start: int, end: int, doc_date: PartialDate | None) -> list[FoundPeriod]:
    """Every period phrase in text[start:end], in text order, none overlapping. Weekdays and
    "N years later" are scanned apart, only in the few sentences holding their words."""
    chunk = text[start:end]
    if not _may_hold(chunk):
        return _weekdays(text, start, end, doc_date, []) if "day" in chunk else []
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    for at in anchors(text, start, end):
        first = _ANY.match(text, at, end)
        if first is None:
            continue
        assert first.lastindex is not None
        for rank in range(first.lastindex - 1, len(_PATTERNS)):
            name, pat = _PATTERNS[rank]
            m = pat.match(text, at, end)
            if m is not None and m.end() > m.start():
                cands.append((m.start(), -(m.end() - m.start()), rank, name, m))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    out: list[FoundPeriod] = []
    ahead: list[re.Match[str]] = []  # "the same period last year" before the period it repeats
    reach = start
    for s, _neg, _rank, name, m in cands:
        if s < reach:
            continue
        if name == "same" and not out:
            ahead.append(m)
            reach = m.end()  # its "last year" is no period of its own
            continue
        found = _resolve(name, m, text, max(start, s - _LOOKBACK), doc_date, out)
        if found is None:
            continue
        found = _prefixed(text, max(start, s - _LOOKBACK), found, doc_date)
        out.append(found)
        reach = m.end()
    if ahead:
        out = _same_ahead(ahead, out)
    if "later" in chunk or "afterward" in chunk:
        out = _later_phrases(text, start, end, out)
    if "day" in chunk:
        out = _weekdays(text, start, end, doc_date, out)
    return out


def _same_ahead(ahead: list[re.Match[str]], out: list[FoundPeriod]) -> list[FoundPeriod]:
    """ "up 15% against the same period last year, reaching US$4 billion in the first two
    months": a same-period phrase before any other repeats the first period after it."""
    for m in ahead:
        ref = [f for f in out if f.start >= m.end() and "same-period" not in f.flags][:1]
        period = _same(m.groupdict(), ref)
        if period is not None:
            out.append(FoundPeriod(m.start(), m.end(), period, "stated", ("same-period",)))
    out.sort(key=lambda f: f.start)
    return out


def anchors(text: str, start: int, end: int) -> list[int]:
    """Where `_ANCHOR` matches in text[start:end], in order: the starts of its `finditer`, since
    no anchor begins inside another (inside a word, or after a digit or the letter "q" or "h")."""
    found = [] if _ANCHOR.match(text, start, end) is None else [start]
    found.extend(m.end() for m in _AFTER_GAP.finditer(text, start, end))
    return found


def _may_hold(chunk: str) -> bool:
    """False when the text cannot hold a period phrase (most sentences): no digit, no month
    name, no period word."""
    if _DIGIT.search(chunk):
        return True
    for head in MONTH_HEADS:
        if head in chunk:
            return True
    low = searchable(chunk)
    return low is None or any(word in low for word in TRIGGER_WORDS)


def _month(word: str | None) -> int | None:
    if not word or not word[0].isupper():  # "may", "march": verbs, not months
        return None
    return MONTHS.get(word.rstrip(".").lower())


def _day(word: str | None) -> int | None:
    if not word:
        return None
    digits = word.rstrip("stndrh")
    return int(digits) if digits.isdigit() else None


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m1: int, m2: int) -> Period | None:
    if not (1 <= m1 <= m2 <= 12 and 1 <= y <= 9999):
        return None
    return Period(dt.date(y, m1, 1), dt.date(y, m2, calendar.monthrange(y, m2)[1]))


def _past_year(month: int, doc: PartialDate | None, strictly: bool = False) -> int | None:
    """The year of the most recent such month up to the document date (strictly before it)."""
    if doc is None:
        return None
    if doc.month is None:
        return None if strictly else doc.year
    if month < doc.month or (month == doc.month and not strictly):
        return doc.year
    return doc.year - 1


def _rel_year(word: str | None, doc: PartialDate | None) -> int | None:
    if doc is None or word is None:
        return None
    w = " ".join(plain(word).split())
    shift = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "next": 1}.get(w)
    return None if shift is None else doc.year + shift


def _resolve(
    name: str,
    m: re.Match[str],
    text: str,
    lo: int,
    doc: PartialDate | None,
    before: list[FoundPeriod],
) -> FoundPeriod | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    phrase = "stated"
    flags: tuple[str, ...] = ()
    period: Period | None = None
    if name in ("day", "dmy", "numeric"):
        mo = int(g["m"]) if name == "numeric" else _month(g["m"])
        d1 = _day(g["d"])
        if mo is None or d1 is None:
            return None
        d2 = _day(g.get("d2")) or d1
        if name == "day" and not g["d2"] and not g["y"]:
            joined = _AND_DAY.match(text, e)
            if joined is not None:
                d2, g, e = _day(joined["d"]) or d1, {**g, "y": joined["y"]}, joined.end()
        elif name == "dmy" and not g["d2"]:
            joined = _DAY_AND.search(text, lo, s)
            if joined is not None:
                d1, s = _day(joined["d"]) or d1, joined.start()
        if g["y"]:
            year: int | None = int(g["y"])
        else:
            year, phrase = _past_year(mo, doc), "relative"
        if year is None or d2 < d1:
            return None
        a, b = _date(year, mo, d1), _date(year, mo, d2)
        if a is None or b is None:
            return None
        period = Period(a, b)
    elif name == "months":
        m1, m2 = _month(g["m"]), _month(g["m2"])
        if m1 is None or m2 is None:
            return None
        if g["y"]:
            year = int(g["y"])
        else:
            year, phrase = _past_year(m2, doc), "relative"
        period = None if year is None else _month_span(year, m1, m2)
    elif name == "month":
        mo = _month(g["m"])
        period = None if mo is None else _month_span(int(g["y"]), mo, mo)
    elif name == "month_alone":
        mo = _month(g["m"])
        prev = _PREV.search(text, lo, s)
        if mo is None or prev is None:  # a bare "May" is too often something else
            return None
        rel = plain(prev.group("w"))
        phrase = "relative"
        if rel in ("last", "this", "next"):
            s = prev.start()
        if g["ry"]:
            year = _rel_year(g["ry"], doc)
        elif rel == "last":
            year = _past_year(mo, doc, strictly=True)
        elif rel == "next":
            year = None if doc is None or doc.month is None else doc.year + (mo <= doc.month)
        elif rel == "this":
            year = None if doc is None else doc.year
        else:
            year = _past_year(mo, doc)
        period = None if year is None else _month_span(year, mo, mo)
    elif name == "part":
        period, phrase = _part(g, doc)
    elif name == "years":
        y1, y2 = int(g["y"] or g["y3"]), int(g["y2"] or g["y4"])
        if y2 <= y1:
            return None
        period = Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    elif name == "fiscal":
        period, flags = _fiscal(g), ("fiscal",)
    elif name == "entire":
        period = Period.of(PartialDate(int(g["y"])))
    elif name == "year":
        if search_ending(_NUMBERISH, text, lo, s, _NUMBERISH_ENDS):
            # "more than 2000 people" is a count
            return None
        period = Period.of(PartialDate(int(m.group(0))))
    elif name == "relyear":
        year = _rel_year(g["rel"], doc)
        period, phrase = (None if year is None else Period.of(PartialDate(year))), "relative"
    elif name == "recent":
        period, phrase = _recent(g, doc), "relative"
    elif name == "to_date":
        period, phrase, flags = _to_date(doc), "relative", ("year-to-date",)
    elif name == "present":
        if doc is None:
            return None
        phrase = "present"
        period = Period(doc.first(), doc.last(), "point")
        if " ".join(plain(g["w"]).split()) in _CUMULATIVE:
            flags = ("cumulative",)
    elif name == "same":
        period, flags = _same(g, before), ("same-period",)
    if period is None:
        return None
    return FoundPeriod(s, e, period, phrase, flags)


def _fiscal(g: dict[str, str | None]) -> Period | None:
    """A fiscal year as its label reads: "FY2024", "FY24", "fiscal 2024" is the calendar year
    2024, "fiscal year 2023-24" the two years 2023 and 2024, until the metric's `fiscal_year`
    says which months are meant (dates.fiscal_year). A second year that does not follow the
    first ("2023-26") is no fiscal label."""
    first = g["y"] or g["y2"] or g["y3"] or ""
    year = int(first) if len(first) == 4 else 2000 + int(first)
    tail = g["t1"] or g["t2"] or g["t3"]
    if tail is None:
        return Period.of(PartialDate(year))
    second = int(tail) if len(tail) == 4 else (year // 100) * 100 + int(tail)
    if second != year + 1:
        return None
    return Period(dt.date(year, 1, 1), dt.date(second, 12, 31))


def _twelve_months_to(end: dt.date) -> Period:
    """The twelve months that end on a day: from the day after it a year before."""
    day = min(end.day, calendar.monthrange(end.year - 1, end.month)[1])
    return Period(dt.date(end.year - 1, end.month, day) + dt.timedelta(1), end)


def _part(g: dict[str, str | None], doc: PartialDate | None) -> tuple[Period | None, str]:
    """First N months, a quarter or a half of a stated (or this/last) year."""
    phrase = "stated"
    if g["y"]:
        year: int | None = int(g["y"])
    else:
        year, phrase = _rel_year(g["ry"] or "this", doc), "relative"
    if year is None:
        return None, phrase
    if g["n"] or g["n2"] or g["one"]:
        n = 1 if g["one"] else small(g["n"] or g["n2"] or "")
        if n is None or not 1 <= n <= 12:
            return None, phrase
        return _month_span(year, 1, n), phrase
    if g["qq"]:
        k, size = int(g["qq"][1]), 3 if g["qq"][0] in "Qq" else 6
    else:
        q = plain(g["q"] or "")
        k = ORDINALS.get(q) or int(q[0])
        size = 3 if plain(g["qu"] or "") == "quarter" else 6
    if k * size > 12:
        return None, phrase
    return _month_span(year, (k - 1) * size + 1, k * size), phrase


def _recent(g: dict[str, str | None], doc: PartialDate | None) -> Period | None:
    """ "over the last 20 years", "the past three decades": a span ending at the document date."""
    if doc is None:
        return None
    unit = plain(g["u"] or "")
    word = " ".join(plain(g["n"] or "").split())
    if word in ("several", "few") or (plain(g["w"] or "") == "recent" and not word):
        return None
    if unit.startswith("month") and word and (g["ofy"] or _months_so_far(small(word), doc)):
        # "the past ten months of this year"; "the last 11 months" in a December article: the
        # months of the year so far, not a window counted back from the day of writing
        n = small(word)
        return None if n is None or not 1 <= n <= 12 else _month_span(doc.year, 1, n)
    if unit == "month" and not word and plain(g["w"] or "") == "last" and doc.month is not None:
        # "last month": the calendar month before the article's, not a window of 30 days
        y, mo = (doc.year, doc.month - 1) if doc.month > 1 else (doc.year - 1, 12)
        return _month_span(y, mo, mo)
    n = 1 if not word else small(word) if word not in ("half a", "a half") else None
    if "half" in unit or word in ("half a", "a half"):
        months = 600 if "centur" in unit else 6 if "year" in unit else 60 if "decade" in unit else 0
    elif n is None:
        return None
    else:
        per = {"y": 12, "d": 120, "m": 1, "c": 1200}[unit[0]]
        months = n * per
    if months <= 0:
        return None
    end = doc.last()
    total = end.year * 12 + end.month - 1 - months
    y, mo = divmod(total, 12)
    if y < 1:
        return None
    first = dt.date(y, mo + 1, min(end.day, calendar.monthrange(y, mo + 1)[1])) + dt.timedelta(1)
    return Period(first, end)


_WEEKDAY = regexes.compile(
    r"(?:(?i:(?P<rel>last|next|this)\s+))?"
    r"(?<![A-Za-z])(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?![A-Za-z])"
)


def _weekdays(
    text: str, start: int, end: int, doc: PartialDate | None, out: list[FoundPeriod]
) -> list[FoundPeriod]:
    for m in _WEEKDAY.finditer(text, start, end):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        found = _weekday(m, text, start, doc)
        if found is not None:
            out = sorted([*out, found], key=_at)
    return out


def _weekday(m: re.Match[str], text: str, lo: int, doc: PartialDate | None) -> FoundPeriod | None:
    """ "on Sunday", "last Friday" in news copy: that day of the article's own week (only with
    a day-dated article). A future clause ("will be welcomed on Wednesday") means the next such
    day, or the day itself; else the last one ("will hold a count, the city said on Monday").
    A bare weekday after another word ("from Sunday", "said Friday") is not read."""
    if doc is None or doc.day is None:
        return None
    rel = plain(m.group("rel") or "")
    if not rel and search_ending(_ON, text, max(lo, m.start() - 4), m.start(), ("on",)) is None:
        return None
    day = doc.first()
    wanted = _WEEKDAYS.index(m.group("wd").lower())
    back = (day.weekday() - wanted) % 7
    clause = max(lo, *(text.rfind(c, lo, m.start()) for c in ",;:"))  # ", the city said on"
    if rel == "next" or (rel != "last" and _FUTURE.search(text, clause, m.start())):
        back = -((wanted - day.weekday()) % 7) or (-7 if rel == "next" else 0)
    elif rel == "last" and back == 0:
        back = 7
    got = day - dt.timedelta(back)
    return FoundPeriod(m.start(), m.end(), Period(got, got), "relative", ("weekday",))


_ON = regexes.compile(r"(?i:\bon\s+)$")
_FUTURE = regexes.compile(
    r"(?i:\b(?:will|shall|scheduled|set\s+to|due\s+to|expected\s+to|plans?\s+to|going\s+to"
    r"|(?:is|are)\s+to)\b)"
)


def _months_so_far(n: int | None, doc: PartialDate) -> bool:
    """N months back from a month-dated article are the year's finished months: a report of
    statistics counts from January."""
    return n is not None and doc.month is not None and n == doc.month - 1


def _to_date(doc: PartialDate | None) -> Period | None:
    """ "so far this year", "year to date": from January to the earliest day the article may
    have been written (a month-dated article may be of its first day), never the whole year."""
    if doc is None:
        return None
    end = doc.first()
    return Period(dt.date(end.year, 1, 1), max(end, dt.date(end.year, 1, 1)))


def _same(g: dict[str, str | None], before: list[FoundPeriod]) -> Period | None:
    """The period of the nearest earlier phrase, moved to the year stated (or one year back)."""
    if not before:
        return None
    ref = before[-1].period
    year = int(g["y"]) if g["y"] else ref.end.year - 1
    shift = year - ref.end.year
    try:
        a = ref.start.replace(year=ref.start.year + shift)
        end_day = ref.end.day
        if ref.end.day == calendar.monthrange(ref.end.year, ref.end.month)[1]:
            end_day = calendar.monthrange(year, ref.end.month)[1]
        b = ref.end.replace(year=year, day=end_day)
    except ValueError:
        return None
    return Period(a, b, ref.kind)


# "five years later", "a decade afterwards": scanned only in text holding "later"/"afterward".
_LATER = regexes.compile(
    rf"(?i:(?<![\w.,])(?P<n>{_COUNT})\s+(?P<u>years?|decades?)\s+(?:later|afterwards?)\b)"
)


def _later_phrases(text: str, start: int, end: int, out: list[FoundPeriod]) -> list[FoundPeriod]:
    for m in _LATER.finditer(text, start, end):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        period = _later(m.groupdict(), [f for f in out if f.end <= m.start()])
        if period is not None:
            out = sorted([*out, FoundPeriod(m.start(), m.end(), period, "relative")], key=_at)
    return out


def _at(f: FoundPeriod) -> int:
    return f.start


def _later(g: dict[str, str | None], before: list[FoundPeriod]) -> Period | None:
    """ "from US$8.5 billion in 2005 to US$16.8 billion five years later": the year the count
    of years after the nearest earlier year of the sentence."""
    if not before or not before[-1].period.whole_years():
        return None
    n = small(" ".join(plain(g["n"] or "").split()))
    if n is None or n < 1:
        return None
    year = before[-1].period.end.year + n * (10 if plain(g["u"] or "").startswith("d") else 1)
    return Period.of(PartialDate(year)) if year <= 9999 else None


def _prefixed(text: str, lo: int, found: FoundPeriod, doc: PartialDate | None) -> FoundPeriod:
    """Widen a phrase over "as of" / "end of" (a point), "since" (up to the document date) or
    "the (fiscal) year ended" (the twelve months to its day or month)."""
    p = found.period
    if p.start.month == p.end.month and p.start.year == p.end.year and not found.flags:
        m = search_ending(_YEAR_TO, text, lo, found.start, _YEAR_TO_ENDS)
        if m and (p.start == p.end or p.start.day == 1):
            return replace(found, start=m.start(), period=_twelve_months_to(p.end))
    m = search_ending(_AS_OF, text, lo, found.start, _AS_OF_ENDS)
    if m and found.phrase != "present":
        p = found.period
        return replace(
            found,
            start=m.start(),
            period=Period(p.end, p.end, "point"),
            flags=(*found.flags, "as-of"),
        )
    m = search_ending(_SINCE, text, lo, found.start, ("since",))
    if m and doc is not None and doc.last() > found.period.start:
        return replace(
            found,
            start=m.start(),
            period=Period(found.period.start, doc.last()),
            flags=(*found.flags, "since"),
        )
    return found


def stock_or_flow(found: FoundPeriod | None) -> str:
    """ "span" when the figure's period is a stated range; else "stock" (as of, now, no date,
    one day: "at March 31, 2024")."""
    if found is None or found.period.kind == "point" or "since" in found.flags:
        return "stock"
    if found.period.start == found.period.end:
        return "stock"
    return "span"


_DAY_WRITTEN = regexes.compile(r"(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?(?!\d|[.,]\d)")
_END_OF = regexes.compile(r"(?i:\bend\b)")
_WORD = regexes.compile(r"[A-Z][a-z]+")


def stated(text: str, found: FoundPeriod) -> Period:
    """The time a period phrase names, to the precision written: "as of September 2023" is the
    month of September (a stock fact of any day in it speaks of it), while "as of September 20"
    and "by the end of September" name a day. (The phrase finder reads every "as of" as the last
    day of what follows it.)"""
    p = found.period
    if "as-of" not in found.flags or p.start != p.end:
        return p
    phrase = text[found.start : found.end]
    if _END_OF.search(phrase) or _DAY_WRITTEN.search(phrase):
        return p
    if not any(w.lower() in MONTHS for w in _WORD.findall(phrase)):
        return p  # "as of 2023": the year's last day
    return Period(p.end.replace(day=1), p.end, p.kind)
