"""The claim a title makes of a person, shared by people.py (titles of the offices the rulebook
lists) and titles.py (titles a closed jurisdiction does not have): which office the title means
for that person, the date it speaks of (the sentence's own event, a photo caption's, the person's
death), and who held which office when.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.extract.context import Sentence
from claimcheck.extract.events import partial, sentence_dates
from claimcheck.extract.periods import find as find_periods
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate, Period
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Holder

# Words that introduce what someone said: a date after them dates the words, not the event.
_REPORTING = regexes.compile(
    r"\b(?:said|says|say|told|tells|noted|notes|stressed|stresses|added|adds|affirmed|affirms|"
    r"highlighted|highlights|emphasi[sz]ed|emphasi[sz]es|stated|states|announced|announces|"
    r"expressed|expresses|believes|believed|hoped|hopes|according to|underlined|underscored|"
    r"pointed out|remarked|shared|explained|confirmed|asserted|urged|suggested|proposed|"
    r"revealed|recalled|wrote|writes)\b"
)

NOT_ADJECTIVE = frozenset("and or of the a an to for in on at with by his her their its".split())

# A title governed by a death ("the funeral of General Secretary ...", "... passed away") is
# the one the person held when they died.
_DEATH_BEFORE = regexes.compile(
    r"\b(?:funeral|funerals|memorial|mourning|death|passing|burial|obituary|commemoration)"
    r"(?:\s+(?:service|ceremony|rites?|services|ceremonies))?\s+(?:of|for)\s+(?:the\s+)?(?:late\s+)?$"
)
_DEATH_AFTER = regexes.compile(r"(?:\s*,\s*who)?\s+(?:has\s+|had\s+)?(?:passed\s+away|died)\b")
_CREDIT = regexes.compile(r"\s*\(?\s*(?i:(?:file\s+|archive\s+)?photo)\b")


@dataclass
class Title:
    """A title as found, before the name is attached."""

    offices: list[str]
    title: str
    start: int  # of the modifiers and jurisdiction before the title
    end: int  # of the title and what follows it ("of Japan", "-elect")
    modifiers: list[str] = field(default_factory=list)
    jurisdiction: str | None = None


def title_claim(s: Sentence, t: Title, start: int, end: int, pid: str, form: str) -> Claim | None:
    target = choose_office(s.book, t.offices, pid, t.jurisdiction)
    if target is False:
        return None
    attrs = [("title", t.title)]
    if t.jurisdiction:
        attrs.append(("jurisdiction", t.jurisdiction))
    attrs.append(("form", form))
    mods = tuple(dict.fromkeys(t.modifiers))
    date = event_date(s, start, end)
    if date is None:
        date = _caption_date(s)
        if date is not None:
            attrs.append(("inferred.period", "paragraph"))
    if _at_death(s, start, end):
        died = s.book.people[pid].died if pid in s.book.people else None
        if died is None:
            mods = (*mods, "late") if "late" not in mods else mods
        else:
            date = died
            attrs.append(("inferred.period", "death"))
    when = date or s.doc.date
    return Claim(
        "title",
        start,
        end,
        s.doc.text[start:end],
        subject=pid,
        target=target if isinstance(target, str) else None,
        period=Period.of(when) if when else None,
        date=date,
        modifiers=mods,
        attrs=tuple(attrs),
        sentence=(s.start, s.end),
    )


def _caption_date(s: Sentence) -> PartialDate | None:
    """The date a photo credit after the sentence gives the picture ("... in Hanoi. (Photo taken
    on January 16, 2013)", "File photo: VNA, January 2013"): a caption's own time."""
    text = s.doc.text
    stop = text.find("\n", s.end)
    stop = len(text) if stop < 0 else stop
    credit = _CREDIT.match(text, s.end, stop)
    if credit is None:
        return None
    for found in find_periods(text, credit.end(), stop, s.doc.date):
        date = partial(found.period, exact=False)
        if date is not None:
            return date
    return None


def _at_death(s: Sentence, start: int, end: int) -> bool:
    """The title is governed by the person's death ("the funeral of", "... passed away")."""
    low = s.folded
    return (
        _DEATH_BEFORE.search(low, max(s.start, start - 60), start) is not None
        or _DEATH_AFTER.match(low, end, s.end) is not None
    )


def choose_office(
    book: Rulebook, offices: list[str], pid: str, jurisdiction: str | None
) -> str | bool:
    """The office a title means for this person: an office id; True when the jurisdiction has no
    office of that title (the claim's target is None); False when it cannot be told which."""
    cands = list(dict.fromkeys(offices))
    if jurisdiction is not None:
        cands = [o for o in cands if book.offices[o].jurisdiction == jurisdiction]
        if not cands:
            return True
    holders = _holders(book)
    held = [o for o in cands if pid in holders[o]]
    if len(held) == 1:
        return held[0]
    if held:
        return False
    if jurisdiction is None:
        # Whose office is not said: the person's own jurisdiction decides ("Prime Minister
        # Nguyen Phu Trong" means Vietnam's); an office of another one may be one the rulebook
        # does not list ("President Shinzo Abe": of his party), so nothing is claimed.
        own = {book.offices[o].jurisdiction for o, ids in holders.items() if pid in ids}
        if own:
            cands = [o for o in cands if book.offices[o].jurisdiction in own]
    return cands[0] if len(cands) == 1 else False


def _holders(book: Rulebook) -> dict[str, frozenset[str]]:
    """The people who held each office, found once per rulebook (asked for every title)."""
    got = book.derived.get("office_holders")
    if not isinstance(got, dict):
        got = book.derived["office_holders"] = {
            o.id: frozenset(h.person for h in o.holders) for o in book.offices.values()
        }
    return got


def holds(h: Holder, t: Period) -> bool:
    end = h.end.last() if h.end is not None else t.end
    return h.start.first() <= t.end and t.start <= end


def event_date(s: Sentence, start: int, end: int) -> PartialDate | None:
    """The date of the sentence's own event nearest the claim, not one inside reported words."""
    low = s.folded
    lead = low.rfind("according to", max(s.start, start - 20), start) >= 0
    best: tuple[int, PartialDate] | None = None
    for a, b, date in sentence_dates(s, exact=False):
        if a >= end:
            if lead or _REPORTING.search(low, end, a) or _aside(s, a, b, start):
                continue
            gap = a - end
        elif b <= start:
            if _REPORTING.search(low, b, start) or _aside(s, a, b, start):
                continue
            gap = start - b
        else:
            continue
        if best is None or gap < best[0]:
            best = (gap, date)
    return best[1] if best else None


def _aside(s: Sentence, a: int, b: int, start: int) -> bool:
    """Whether the date at [a, b) sits in a parenthesis that holds more than that one date and
    that the claim starting at `start` is outside of: "the 50th anniversary (September 21, 1973 -
    2023)" dates the anniversary, while a caption's "(September 6, 2023)" dates the event."""
    low = s.folded
    opened = low.rfind("(", s.start, a)
    if opened < 0 or low.rfind(")", opened, a) >= 0:
        return False
    closed = low.find(")", b, s.end)
    if closed < 0 or opened < start < closed:
        return False
    return low[opened + 1 : closed].strip(" ,.") != low[a:b]


def closed_people(book: Rulebook) -> dict[str, frozenset[str]]:
    """Person id → the closed jurisdictions of the offices they held (found once per
    rulebook); people who held none are not in it."""
    got: dict[str, frozenset[str]] | None = book.derived.get("closed_people")
    if not isinstance(got, dict):
        out: dict[str, set[str]] = {}
        for o in book.offices.values():
            entity = book.entities.get(o.jurisdiction)
            if entity is not None and entity.closed_offices:
                for h in o.holders:
                    out.setdefault(h.person, set()).add(o.jurisdiction)
        got = book.derived["closed_people"] = {p: frozenset(js) for p, js in out.items()}
    return got
