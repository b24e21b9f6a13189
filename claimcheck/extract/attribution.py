"""Who a sentence attributes its figures to: "according to X", "X said", "added X", "data from
X", "statistics of X showed". Two bodies may publish one topic in different measures (customs
against a trade office's count), so a figure of a named body that is not one of its metric's
`sources` is another measure (claimcheck/judge/facts.py, `other_source`).

A source is a body: the phrase must hold an institution noun ("office", "ministry", "customs")
or an acronym of three or more capitals; "data showed" or "according to the plan" name none and
give no attribution (the figure is read as the metric's own measure). "The office said" names
the body by its noun only: it stands for the last earlier name in the article with that noun
("the Trade Office in Tokyo"), when there is one. English words only: which bodies publish what
is in the rule files.
"""

from __future__ import annotations

from claimcheck.extract import numbers
from claimcheck.extract.context import Sentence
from claimcheck.infra import regexes
from claimcheck.model import units

# Words every attribution holds (lower case); a sentence with none of them is not scanned.
_GATE = (
    "accord", "said", "says", "report", "announc", "state", "note", "added", "adds", "identified",
    "reveal", "released", "published", "data", "statistic", "figures", "estimates",
)  # fmt: skip
_END = r"[,;:.()\u201c\u201d\"]"
_FROM_WORDS = ("data", "statistics", "figures", "estimates")
_SRC = r"[^,;:.()\u201c\u201d\"]"
_VERBS = (
    "said", "says", "reported", "reports", "announced", "announces", "stated", "noted",
    "notes", "added", "adds", "identified", "revealed", "reveals", "released", "published",
)  # fmt: skip
_VERB = "|".join(_VERBS)
_ACCORDING = regexes.compile(
    rf"(?i:\baccording\s+to\s+)(?P<src>{_SRC}{{2,90}}?)"
    rf"(?=\s*(?:{_END}|$)|\s+(?i:which|that|as\s+of|in\s+\d|on\s+\d)\b)"
)
_FROM = regexes.compile(
    rf"(?i:\b(?:{'|'.join(_FROM_WORDS)})\s+(?:from|by|of|released\s+by|"
    rf"published\s+by|compiled\s+by)\s+)(?P<src>{_SRC}{{2,90}}?)"
    rf"(?=\s*(?:{_END}|$)|\s+(?i:show\w*|said|says|indicat\w*|reveal\w*|in|on|as|for)\b)"
)
# "X said", X from the start of its clause (the sentence is searched on its own); "..., added X."
_SAID = regexes.compile(
    rf"(?:^|[,;:\u201c\u201d\"]\s*|\bthat\s+)(?P<src>{_SRC}{{2,70}}?)\s+(?i:{_VERB})\b"
)
_SAID_MID = regexes.compile(
    rf"(?:[,;:\u201c\u201d\"]\s*|\bthat\s+)(?P<src>{_SRC}{{2,70}}?)\s+(?i:{_VERB})\b"
)
_SAID_MARKS = ',\u201d"'
_SAID_AFTER = regexes.compile(
    rf"[,\u201d\"]\s*(?i:{_VERB})\s+(?P<src>{_SRC}{{2,60}}?)\s*(?:[.,;]|$)"
)
_PATTERNS = (_ACCORDING, _FROM, _SAID_AFTER, _SAID)
_NOUN = (
    r"offices?|ministr(?:y|ies)|departments?|agenc(?:y|ies)|bureaus?|customs|organi[sz]ations?|"
    r"administrations?|authorit(?:y|ies)|institutes?|associations?|councils?|commissions?|"
    r"bank|embassy|government|committees?|chambers?|cent(?:er|re)|secretariat|directorate"
)
# What every body `_BODY` reads holds: one of these words in lower case, or three capitals.
_BODY_WORDS = (
    "office", "ministr", "department", "agenc", "bureau", "customs", "organi", "administration",
    "authorit", "institute", "association", "council", "commission", "bank", "embassy",
    "government", "committee", "chamber", "center", "centre", "secretariat", "directorate",
)  # fmt: skip
_CAPS = regexes.compile(r"[A-Z]{3}")
_BODY = regexes.compile(rf"(?i:\b(?:{_NOUN})\b)|\b(?P<acronym>[A-Z]{{3,}})s?\b")
_ANAPHOR = regexes.compile(rf"(?i:(?:the|this|that)\s+)(?P<noun>(?i:{_NOUN}))")
_CAP = r"[A-Z][\w.&'\u2019-]*"
_LEAD = regexes.compile(
    r"(?:(?!(?i:to|by|from|of|in|at|on|with|according|said|says)\s)[\w&'\u2019-]+\s+){1,4}$"
)
_NAME_AFTER = regexes.compile(rf"(?:\s+(?:(?:of|in|for|and)\s+(?:the\s+)?)?{_CAP}){{0,6}}")


def attributed(s: Sentence) -> str | None:
    """The body the sentence attributes its figures to, as written (an anaphor "the office"
    as the earlier name it stands for), found once per sentence; None when it names none."""
    cache = vars(s)
    if "_attributed" not in cache:
        cache["_attributed"] = _find(s)
    got: str | None = cache["_attributed"]
    return got


def _find(s: Sentence) -> str | None:
    """The first attribution by pattern order. Each pattern is tried only where the lower-case
    sentence has its word: every figure of a newsy text may sit in a sentence with "said"."""
    text = s.doc.text[s.start : s.end]
    low = numbers.searchable(text)
    if low is None:  # a letter that (?i) reads as an ASCII one: scan the whole sentence
        return _scan(s, text)
    if not any(w in low for w in _GATE):
        return None
    if not any(w in low for w in _BODY_WORDS) and _CAPS.search(text) is None:
        return None  # no body named: "officials said", "data show"
    for pattern, words in ((_ACCORDING, ("according",)), (_FROM, _FROM_WORDS)):
        for at in _positions(low, words):
            m = pattern.match(text, at)
            if m is not None and _body(m.group("src")):
                return _resolve(s, m.group("src"))
    verbs = sorted(_positions(low, _VERBS))
    for at in verbs:  # "..., added the office."
        lead = len(text[:at].rstrip())
        if lead and text[lead - 1] in _SAID_MARKS:
            m = _SAID_AFTER.match(text, lead - 1)
            if m is not None and _body(m.group("src")):
                return _resolve(s, m.group("src"))
    for at in verbs:  # "the office said", from the start of its clause
        lo = max(0, at - 75)
        pattern = _SAID if lo == 0 else _SAID_MID
        m = pattern.search(text[lo : at + 12])
        if m is not None and _body(m.group("src")):
            return _resolve(s, m.group("src"))
    return None


def _positions(low: str, words: tuple[str, ...]) -> list[int]:
    """Where each word starts in the lower-case text."""
    out = []
    for w in words:
        at = low.find(w)
        while at >= 0:
            out.append(at)
            at = low.find(w, at + 1)
    return out


def _scan(s: Sentence, text: str) -> str | None:
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if _body(m.group("src")):
                return _resolve(s, m.group("src"))
    return None


def _body(src: str) -> bool:
    """Whether the phrase names a body: an institution noun, or an acronym not a currency's."""
    return any(
        m.group("acronym") is None or m.group("acronym") not in units.CODES
        for m in _BODY.finditer(src)
    )


def _resolve(s: Sentence, src: str) -> str:
    """An anaphor ("the office") as the words before and the name after the last earlier
    mention of its noun in the article, within its clause ("the customs office", "the Vietnam
    Trade Office in Japan"); any other phrase as written."""
    src = " ".join(src.split())
    m = _ANAPHOR.fullmatch(src)
    if m is None:
        return src
    text, low = s.doc.text, s.context.folded
    noun = m.group("noun").lower()
    at = low.rfind(noun, s.doc.body_start, s.start)
    if at < 0:
        return src
    lead = _LEAD.search(text, max(s.doc.body_start, at - 60), at)
    start = lead.start() if lead is not None else at
    after = _NAME_AFTER.match(text, at + len(noun), s.start)
    end = after.end() if after is not None else at + len(noun)
    return " ".join(text[start:end].split()).rstrip(".")
