"""Offices and people: a title before a name, an appositive, and short references.

The rulebook gives the vocabulary (office titles, people's full names and name parts, entities and
demonyms); this module gives the English around it: modifiers (former, late, then-, ex-, acting,
outgoing, -elect, incoming, new, now, current), whose office it is ("Japanese", "Japan's", "of
Japan"), two titles sharing a name ("General Secretary and President ..."), and honorifics.

A short reference ("Mr. Abe", "Ambassador Naoki") is claimed only when the name part points to one
person: someone named in full earlier in the document, or else the only holder of the title with
that name part in the rulebook (or the only one in office when the sentence speaks). An ambiguous
part yields nothing: a wrong guess would be a wrong finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from claimcheck import regexes
from claimcheck.claims import Claim
from claimcheck.dates import PartialDate, Period
from claimcheck.extract import Sentence, extractor
from claimcheck.extract.events import partial, sentence_dates
from claimcheck.extract.mentions import mentions
from claimcheck.extract.periods import find as find_periods
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Holder
from claimcheck.vocab import Match

_MODIFIER = regexes.compile(
    r"(?:^|[^a-z])(former|late|ex|then|acting|outgoing|incoming|current|now|the|new|"
    r"newly[\s-]+(?:appointed|accredited|elected|named))[\s-]*$"
)
_SUBORDINATE = regexes.compile(r"(?:^|[^a-z])(vice|deputy|assistant|under|co)[\s-]*$")
_ELECT = regexes.compile(r"[\s-]*(?:elect|designate)\b")
_AND = regexes.compile(r",?\s+and\s+")
_GAP_WORD = regexes.compile(r"\s+(of|to|the|for)\b")
_HONORIFIC = regexes.compile(r"(?:^|[^a-z])((?:mr|mrs|ms|madam|mme|dr|prof)\b\.?)\s+$")
# "Prime Minister and Mrs. Phuc", "Mr. and Mrs. Abe": a couple; the name is the spouse's too.
_COUPLE_AND = regexes.compile(r"(?:(?<![a-z])(mr\.?))?\s+and\s+$")
_SPOUSE_HONORIFICS = ("mrs", "madam", "mme")
# Words that introduce what someone said: a date after them dates the words, not the event.
_REPORTING = regexes.compile(
    r"\b(?:said|says|say|told|tells|noted|notes|stressed|stresses|added|adds|affirmed|affirms|"
    r"highlighted|highlights|emphasi[sz]ed|emphasi[sz]es|stated|states|announced|announces|"
    r"expressed|expresses|believes|believed|hoped|hopes|according to|underlined|underscored|"
    r"pointed out|remarked|shared|explained|confirmed|asserted|urged|suggested|proposed|"
    r"revealed|recalled|wrote|writes)\b"
)
# A modifier with a word between it and a title written in lower case, as a description ("a
# former popular prime minister, Junichiro Koizumi"); a capitalised title is a name's prefix.
_SEPARATED = regexes.compile(r"(?:^|[^a-z])(former|late|ex|then)[\s-]+([a-z]+)\s*$")
_NOT_ADJECTIVE = frozenset("and or of the a an to for in on at with by his her their its".split())
# An organisation word before a title governs it ("Constitutional Democratic Party of Japan
# President", "the party chairman", "Bank of Japan Governor"): the title is the organisation's.
_ORG_WORDS = (
    "party|company|corporation|corp|association|agency|federation|committee|union|bank|group|"
    "university|council|foundation|institute|league|chamber|organi[sz]ation|society|club|fund|"
    "bureau|authority|commission|board|alliance|movement|airlines?|holdings|inc|ltd|co"
)
_ORG_BEFORE = regexes.compile(
    rf"(?<![\w-])(?P<org>(?i:{_ORG_WORDS}))\.?(?:['\u2019]s)?"
    r"(?:\s+(?:of|for)(?:\s+the)?(?:\s+[A-Z][\w&.'\u2019-]*){0,5})?(?:\s*\([A-Z][\w&.-]{1,9}\))?"
    r"\s+$"
)
# A title governed by a death ("the funeral of General Secretary ...", "... passed away") is
# the one the person held when they died.
_DEATH_BEFORE = regexes.compile(
    r"\b(?:funeral|funerals|memorial|mourning|death|passing|burial|obituary|commemoration)"
    r"(?:\s+(?:service|ceremony|rites?|services|ceremonies))?\s+(?:of|for)\s+(?:the\s+)?(?:late\s+)?$"
)
_DEATH_AFTER = regexes.compile(r"(?:\s*,\s*who)?\s+(?:has\s+|had\s+)?(?:passed\s+away|died)\b")
_CREDIT = regexes.compile(r"\s*\(?\s*(?i:(?:file\s+|archive\s+)?photo)\b")
_LIST_AFTER = regexes.compile(r",?\s+and\s+(?:the\s+)?[A-Z]")
_KINDS = frozenset({"office", "person", "entity", "demonym"})
_CANONICAL = {"incoming": "elect", "designate": "elect"}  # "new", "newly appointed": "new"
_WINDOW = 24


@dataclass
class _Title:
    """A title as found, before the name is attached."""

    offices: list[str]
    title: str
    start: int  # of the modifiers and jurisdiction before the title
    end: int  # of the title and what follows it ("of Japan", "-elect")
    modifiers: list[str] = field(default_factory=list)
    jurisdiction: str | None = None


@extractor("people", needs=("office", "person"))
def people(s: Sentence) -> Iterator[Claim]:
    if not _titled_or_short(s.every_match):
        return  # a claim needs a title or a short name ("Mr. Abe")
    # Titles and names inside a longer phrase of another kind count: "official visit to Japan by
    # Prime Minister Nguyen Xuan Phuc" is an event alias with a title claim in it.
    seen = [Match(m.start, m.end, m.entries) for m in mentions(s, _KINDS)]
    by_start = {m.start: m for m in seen}
    by_end = {m.end: m for m in seen}
    used: set[int] = set()  # starts of the name parts already claimed after a title
    for m in seen:
        offices = [e.id for e in m.entries if e.kind == "office"]
        if not offices or _preceded(s, m.start, _SUBORDINATE):
            continue
        title = _title(s, m, offices, by_end, by_start)
        if not _own_offices(s, title):
            continue  # an organisation's title the rulebook does not know
        name_at, comma = _name_position(s, title.end)
        pm = by_start.get(name_at)
        if pm is not None and _capitalised(s, pm) and (not comma or _closes(s, pm.end)):
            claims = _title_before_name(s, title, m, pm)
            if claims:
                used.add(pm.start)
                yield from claims
                continue
        shared = _coordinated_name(s, title, by_start, by_end)
        if shared is not None:
            # "General Secretary and State President To Lam": both titles are his.
            yield from [
                c for c in _title_before_name(s, title, m, shared) or [] if c.kind == "title"
            ]
            continue
        yield from _appositive(s, title, (by_end, by_start), name_at)
    for m in seen:
        if m.start in used or not _capitalised(s, m):
            continue
        if not any(e.kind == "person" and e.detail != "full" for e in m.entries):
            continue  # only a name part resolves after an honorific
        hon = _preceded(s, m.start, _HONORIFIC)
        if hon and _couple(s, hon, by_end):
            continue  # the wife named with her husband's title or honorific is not him
        found = resolve_part(s, m, [], None) if hon else None
        if hon and found:
            start, word = hon
            yield _name_claim(
                s, start, m.end, found[0], found[1], s.doc.text[start : start + len(word)]
            )


def _couple(s: Sentence, hon: tuple[int, str], by_end: dict[int, Match]) -> bool:
    """Whether a wife's honorific is coordinated with a man's title or "Mr." ("Prime Minister
    and Mrs. Phuc", "Mr. and Mrs. Abe"): the name part then points to the couple's family
    name, and a claim on it would take the wife for the husband."""
    start, word = hon
    if word.rstrip(".") not in _SPOUSE_HONORIFICS:
        return False
    got = _COUPLE_AND.search(s.folded, max(s.start, start - 12), start)
    if got is None:
        return False
    if got.group(1):
        return True
    title = by_end.get(got.start())
    return title is not None and any(e.kind == "office" for e in title.entries)


def _titled_or_short(matches: list[Match]) -> bool:
    """Whether a match names an office or part of a person's name (loops, not any() over a
    generator: this is asked of most sentences)."""
    for m in matches:
        for e in m.entries:
            if e.kind == "office" or (e.kind == "person" and e.detail != "full"):
                return True
    return False


def _own_offices(s: Sentence, t: _Title) -> bool:
    """Keep the offices an organisation word before the title names as their own ("Party
    General Secretary": the party's office is in the rulebook); False when none is left."""
    window = s.doc.text[max(s.start, t.start - 80) : t.start]
    org = _ORG_BEFORE.search(window)
    if org is None:
        return True
    word = org.group("org").lower()
    t.offices = [o for o in t.offices if word in _office_words(s.book, o)]
    return bool(t.offices)


def _office_words(book: Rulebook, office: str) -> str:
    o = book.offices[office]
    return " ".join([o.title, *o.aliases, o.short_title or ""]).lower()


def _coordinated_name(
    s: Sentence, t: _Title, by_start: dict[int, Match], by_end: dict[int, Match]
) -> Match | None:
    """The name after a second title joined to this one by "and", if any."""
    joint = _AND.match(s.folded, t.end, s.end)
    m2 = by_start.get(joint.end()) if joint else None
    offices = [e.id for e in m2.entries if e.kind == "office"] if m2 else []
    if m2 is None or not offices:
        return None
    second = _title(s, m2, offices, by_end, by_start)
    name_at, comma = _name_position(s, second.end)
    pm = by_start.get(name_at)
    if pm is None or comma or not _capitalised(s, pm):
        return None
    return pm


def _title(
    s: Sentence, m: Match, offices: list[str], by_end: dict[int, Match], by_start: dict[int, Match]
) -> _Title:
    """The title at m with the modifiers and jurisdiction written before and after it."""
    t = _Title(offices, s.doc.text[m.start : m.end], m.start, m.end)
    lower = t.title[:1].islower()  # a description: "a former popular prime minister"
    t.modifiers, t.start, t.jurisdiction = _before(s, m.start, by_end, True, loose=lower)
    elect = _ELECT.match(s.folded, m.end, s.end)
    if elect:
        t.modifiers.append("elect")
        t.end = elect.end()
    t.end, after = _after(s, t.end, by_start)
    if t.jurisdiction is None and after:
        t.jurisdiction = after
    return t


def _separated(s: Sentence, pos: int) -> tuple[int, str] | None:
    """ "former popular (prime minister)": the modifier before one lower-case word."""
    found = _preceded(s, pos, _SEPARATED)
    if found is None:
        return None
    at, word = found
    middle = s.doc.text[at + len(word) : pos].strip(" -")
    if not middle.islower() or middle in _NOT_ADJECTIVE:
        return None
    return found


def _before(
    s: Sentence, pos: int, by_end: dict[int, Match], jurisdiction: bool, loose: bool = False
) -> tuple[list[str], int, str | None]:
    """Modifiers and (optionally) a jurisdiction written just before pos, and where they start."""
    low = s.folded
    mods: list[str] = []
    start = pos
    jur: str | None = None
    while pos > s.start:
        q = pos
        while q > s.start and low[q - 1].isspace():
            q -= 1
        found = _preceded(s, q, _MODIFIER)
        if found is None and not mods and loose:
            found = _separated(s, q)
        if found is not None:
            pos, word = found
            if word != "the":
                mods.append("new" if word.startswith("new") else _CANONICAL.get(word, word))
                start = pos
            continue
        if jurisdiction and jur is None:
            e = q - 2 if low.startswith("'s", q - 2) else q
            jm = by_end.get(e)
            kinds = ("entity", "demonym") if e == q else ("entity",)
            ids = {x.id for x in jm.entries if x.kind in kinds} if jm else set()
            if jm is not None and len(ids) == 1:
                jur = ids.pop()
                pos = start = jm.start
                continue
        break
    mods.reverse()
    return mods, start, jur


def _after(s: Sentence, pos: int, by_start: dict[int, Match]) -> tuple[int, str | None]:
    """Skip "of Japan", "to Vietnam" after a title: the end, and the entity after "of"."""
    low = s.folded
    good, jur, word = pos, None, ""
    while True:
        g = _GAP_WORD.match(low, pos, s.end)
        if g:
            word = word or g.group(1)
            pos = g.end()
            continue
        q = pos
        while q < s.end and low[q].isspace():
            q += 1
        em = by_start.get(q)
        ids = {e.id for e in em.entries if e.kind == "entity"} if em else set()
        if em is None or len(ids) != 1 or not word or q == pos:
            break
        if word == "of" and jur is None:
            jur = ids.pop()
        good = pos = em.end
        word = ""
    return good, jur


def _name_position(s: Sentence, pos: int) -> tuple[int, bool]:
    """Where a name after a title would begin (-1: none can), and whether a comma comes first."""
    low = s.folded
    comma = pos < s.end and low[pos] == ","
    q = pos + 1 if comma else pos
    start = q
    while q < s.end and low[q].isspace():
        q += 1
    return (q if q > start and q < s.end else -1), comma


def _closes(s: Sentence, pos: int) -> bool:
    """An appositive name ends here: a comma, a closing mark or the sentence end."""
    return pos >= s.end or s.folded[pos] in ",;:)."


def _title_before_name(s: Sentence, t: _Title, m: Match, pm: Match) -> list[Claim] | None:
    full = sorted({e.id for e in pm.entries if e.kind == "person" and e.detail == "full"})
    if len(full) == 1:
        pid, form = full[0], "full"
    elif full:
        return None
    else:
        found = resolve_part(s, pm, t.offices, t.jurisdiction)
        if found is None:
            return None
        pid, form = found
    claim = _title_claim(s, t, t.start, pm.end, pid, form)
    if claim is None:
        return None
    out = [claim]
    if form != "full":
        out.append(_name_claim(s, m.start, pm.end, pid, form, t.title))
    return out


def _listed(s: Sentence, pos: int, by_start: dict[int, Match]) -> bool:
    """Another title follows after "and": "met Emperor Akihito, the President of the Senate
    and the Speaker" lists people; the title after the comma is not the name's."""
    nxt = _LIST_AFTER.match(s.doc.text, pos, s.end)
    m = by_start.get(nxt.end() - 1) if nxt else None
    return m is not None and any(e.kind == "office" for e in m.entries)


def _appositive(
    s: Sentence, t: _Title, by: tuple[dict[int, Match], dict[int, Match]], name_at: int
) -> Iterator[Claim]:
    """ "Shinzo Abe, Japan's prime minister": a full name, a comma, then the title."""
    low = s.folded
    by_end, by_start = by
    if name_at >= 0 and name_at < s.end and s.doc.text[name_at].isupper():
        return  # the title is followed by a name the rulebook does not know
    q = t.start
    while q > s.start and low[q - 1].isspace():
        q -= 1
    if q <= s.start or low[q - 1] != "," or _listed(s, t.end, by_start):
        return
    q -= 1
    while q > s.start and low[q - 1].isspace():
        q -= 1
    pm = by_end.get(q)
    if pm is None or not _capitalised(s, pm):
        return
    full = sorted({e.id for e in pm.entries if e.kind == "person" and e.detail == "full"})
    if len(full) != 1:
        return
    mods, start, _ = _before(s, pm.start, by_end, jurisdiction=False)
    t.modifiers = [*mods, *t.modifiers]
    claim = _title_claim(s, t, start if mods else pm.start, t.end, full[0], "full")
    if claim is not None:
        yield claim


def _title_claim(s: Sentence, t: _Title, start: int, end: int, pid: str, form: str) -> Claim | None:
    target = choose_office(s.book, t.offices, pid, t.jurisdiction)
    if target is False:
        return None
    attrs = [("title", t.title)]
    if t.jurisdiction:
        attrs.append(("jurisdiction", t.jurisdiction))
    attrs.append(("form", form))
    mods = tuple(dict.fromkeys(t.modifiers))
    date = _event_date(s, start, end)
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


def _name_claim(s: Sentence, start: int, end: int, pid: str, part: str, title: str) -> Claim:
    return Claim(
        "name",
        start,
        end,
        s.doc.text[start:end],
        subject=pid,
        attrs=(("part", part), ("title", title)),
        sentence=(s.start, s.end),
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


def resolve_part(
    s: Sentence, pm: Match, offices: list[str], jurisdiction: str | None
) -> tuple[str, str] | None:
    """(person id, "given"|"family") for a name part, when it points to one person: someone
    named in full earlier; else the one holder of the title with that part, or the one of them
    in office when the sentence speaks ("PM Pham" in 2024: Pham Minh Chinh, not Pham Van Dong)."""
    parts = [(e.id, e.detail) for e in pm.entries if e.kind == "person" and e.detail != "full"]
    if not parts:
        return None
    earlier = named_before(s, pm.start)
    found = [p for p in parts if p[0] in earlier]
    if not found and offices:
        terms = [
            h
            for o in dict.fromkeys(offices)
            if jurisdiction is None or s.book.offices[o].jurisdiction == jurisdiction
            for h in s.book.offices[o].holders
        ]
        found = [p for p in parts if any(h.person == p[0] for h in terms)]
        if len({p[0] for p in found}) > 1:
            times = [Period.of(d) for d in (_event_date(s, pm.start, pm.end), s.doc.date) if d]
            now = {h.person for h in terms for t in times if _holds(h, t)}
            found = [p for p in found if p[0] in now]
    if len({p[0] for p in found}) != 1:
        return None
    return found[0]


def _holds(h: Holder, t: Period) -> bool:
    end = h.end.last() if h.end is not None else t.end
    return h.start.first() <= t.end and t.start <= end


def named_before(s: Sentence, pos: int) -> set[str]:
    """People named in full in the document before pos."""
    return {p for p, at in s.context.first_named.items() if at < pos}


def _event_date(s: Sentence, start: int, end: int) -> PartialDate | None:
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


def _preceded(s: Sentence, pos: int, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """Match pattern (ending with $) against the few characters before pos: where its first
    group starts and what it says."""
    a = max(s.start, pos - _WINDOW)
    found = pattern.search(s.folded[a:pos])
    if found is None or (found.start() == 0 and a > s.start and s.folded[a - 1].isalpha()):
        return None
    if found.lastindex:
        return a + found.start(1), found.group(1)
    return a + found.start(), found.group(0)


def _capitalised(s: Sentence, m: Match) -> bool:
    return s.doc.text[m.start].isupper()
