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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from claimcheck.extract.caseless import caseless
from claimcheck.extract.context import Sentence, automaton
from claimcheck.extract.mentions import matches_of
from claimcheck.extract.registry import extractor
from claimcheck.extract.title_claims import (
    NOT_ADJECTIVE,
    Title,
    closed_people,
    event_date,
    holds,
    title_claim,
)
from claimcheck.infra import regexes
from claimcheck.model.claims import Claim
from claimcheck.model.dates import Period
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Person
from claimcheck.rulebook.vocab import Entry, Match, fold, full_names

_MODIFIER = regexes.compile(
    r"(?:^|[^a-z])(former|late|ex|then|acting|outgoing|incoming|current|now|the|new|"
    r"newly[\s-]+(?:appointed|accredited|elected|named))[\s-]*$"
)
_SUBORDINATE = regexes.compile(
    r"(?:^|[^a-z])(vice|deputy|assistant|under|co|executive|senior)[\s-]*$"
)
_ELECT = regexes.compile(r"[\s-]*(?:elect|designate)\b")
_AND = regexes.compile(r",?\s+and\s+")
_GAP_WORD = regexes.compile(r"\s+(of|to|the|for)\b")
_HONORIFIC = regexes.compile(r"(?:^|[^a-z])((?:mr|mrs|ms|madam|mme|dr|prof)\b\.?)\s+$")
# "Prime Minister and Mrs. Phuc", "Mr. and Mrs. Abe": a couple; the name is the spouse's too.
_COUPLE_AND = regexes.compile(r"(?:(?<![a-z])(mr\.?))?\s+and\s+$")
_SPOUSE_HONORIFICS = ("mrs", "madam", "mme")
# A modifier with a word between it and a title written in lower case, as a description ("a
# former popular prime minister, Junichiro Koizumi"); a capitalised title is a name's prefix.
_SEPARATED = regexes.compile(r"(?:^|[^a-z])(former|late|ex|then)[\s-]+([a-z]+)\s*$")
# An organisation word before a title governs it ("Constitutional Democratic Party of Japan
# President", "the party chairman", "Bank of Japan Governor"): the title is the organisation's.
_ORG_WORDS = (
    "party|company|corporation|corp|association|agency|federation|committee|union|bank|group|"
    "university|council|foundation|institute|league|chamber|organi[sz]ation|society|club|fund|"
    "bureau|authority|commission|board|alliance|movement|airlines?|holdings|inc|ltd|co"
)
_ORG_BEFORE = regexes.compile(
    rf"(?<![\w-])(?P<org>{caseless(_ORG_WORDS.split('|'))})\.?(?:['\u2019]s)?"
    r"(?:\s+(?:of|for)(?:\s+the)?(?:\s+[A-Z][\w&.'\u2019-]*){0,5})?(?:\s*\([A-Z][\w&.-]{1,9}\))?"
    r"\s+$"
)
_LIST_AFTER = regexes.compile(r",?\s+and\s+(?:the\s+)?[A-Z]")
_KINDS = frozenset({"office", "person", "entity", "demonym"})
_CANONICAL = {"incoming": "elect", "designate": "elect"}  # "new", "newly appointed": "new"
_WINDOW = 24
Attr = tuple[str, str]


@extractor("people", needs=("office", "person"))
def people(s: Sentence) -> Iterator[Claim]:
    closed = closed_people(s.book)
    named = _titled_or_short(s.every_match, closed)
    if named != _TITLED:
        # a claim needs a title or a short name ("Mr. Abe"), or a title of no office before the
        # full name of someone who held an office of a closed jurisdiction
        if named == _CLOSED_NAME:
            seen = matches_of(s, _KINDS)
            names = _titled_people(s, _closed_full(seen, closed), set())
            if names:
                yield from _unknown_titles(s, names, {m.end: m for m in seen}, set())
        return
    # Titles and names inside a longer phrase of another kind count: "official visit to Japan by
    # Prime Minister Nguyen Xuan Phuc" is an event alias with a title claim in it.
    seen = matches_of(s, _KINDS)
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
        slip = None if comma or name_at < 0 else _slip_after_title(s, title, m, name_at, pm)
        if slip:
            used.add(name_at)
            yield from slip
            continue
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
    full: list[Match] = []  # full names of people of closed jurisdictions, not claimed yet
    for m in seen:
        if m.start in used or not _capitalised(s, m):
            continue
        part = False
        for e in m.entries:
            if e.kind == "person":
                if e.detail != "full":
                    part = True
                    break
                if e.id in closed:
                    full.append(m)
        if not part:
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
            used.add(m.start)
    yield from _misspelt_full(s, seen, by_start, used)
    names = _titled_people(s, full, used) if full else full
    if names:
        yield from _unknown_titles(s, names, by_end, used)
    if _bare_possible(s) and s.context.first_named:
        yield from _bare(s, by_start, used)


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


_TITLED, _CLOSED_NAME = 2, 1


def _titled_or_short(matches: list[Match], closed: dict[str, frozenset[str]]) -> int:
    """_TITLED when a match names an office or part of a person's name; else _CLOSED_NAME when
    one names in full someone who held an office of a closed jurisdiction; else 0 (loops, not
    any() over a generator: this is asked of most sentences)."""
    found = 0
    for m in matches:
        for e in m.entries:
            if e.kind == "office":
                return _TITLED
            if e.kind == "person":
                if e.detail != "full":
                    return _TITLED
                if e.id in closed:
                    found = _CLOSED_NAME
    return found


def _own_offices(s: Sentence, t: Title) -> bool:
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
    s: Sentence, t: Title, by_start: dict[int, Match], by_end: dict[int, Match]
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
) -> Title:
    """The title at m with the modifiers and jurisdiction written before and after it."""
    t = Title(offices, s.doc.text[m.start : m.end], m.start, m.end)
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
    if not middle.islower() or middle in NOT_ADJECTIVE:
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


def _title_before_name(s: Sentence, t: Title, m: Match, pm: Match) -> list[Claim] | None:
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
    claim = title_claim(s, t, t.start, pm.end, pid, form)
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
    s: Sentence, t: Title, by: tuple[dict[int, Match], dict[int, Match]], name_at: int
) -> Iterator[Claim]:
    """ "Shinzo Abe, Japan's prime minister": a full name, a comma, then the title."""
    low = s.folded
    by_end, by_start = by
    if name_at >= 0 and name_at < s.end and s.doc.text[name_at].isupper():
        return  # the title is followed by a name the rulebook does not know
    q = t.start
    while q > s.start and low[q - 1].isspace():
        q -= 1
    if low.endswith(", the", s.start, q):
        if not _closes(s, t.end):
            return  # "X, the party chief of a province": a description, not the title
        q -= 4  # "Ilse Brandt, the Mayor of Halvora,": the article before the title
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
    claim = title_claim(s, t, start if mods else pm.start, t.end, full[0], "full")
    if claim is not None:
        yield claim


def _name_claim(
    s: Sentence, start: int, end: int, pid: str | None, part: str, title: str, *more: Attr
) -> Claim:
    attrs = (("part", part), ("title", title)) if title else (("part", part),)
    return Claim(
        "name",
        start,
        end,
        s.doc.text[start:end],
        subject=pid,
        attrs=(*attrs, *more),
        sentence=(s.start, s.end),
    )


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
            times = [Period.of(d) for d in (event_date(s, pm.start, pm.end), s.doc.date) if d]
            now = {h.person for h in terms for t in times if holds(h, t)}
            found = [p for p in found if p[0] in now]
    if len({p[0] for p in found}) != 1:
        return None
    return found[0]


def named_before(s: Sentence, pos: int) -> set[str]:
    """People named in full in the document before pos."""
    return {p for p, at in s.context.first_named.items() if at < pos}


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


# --- names misspelt after a title, and short forms with no title ---------------------------------

# A bare name part is read only where English makes it a person: before ", who" or a verb whose
# subject is a person ("Pham, who ...", "Naoki said", "Chinh met"), or after a reporting verb
# ("said Pham"; not after "visited", whose object may be a place). The verbs are found by one
# lookup in the sentence, and only the words beside them are read.
_SAYS = (
    "said says told tells noted notes stressed stresses added adds affirmed affirms stated "
    "states emphasised emphasized emphasises emphasizes highlighted highlights explained "
    "expressed announced asked urged underlined underscored hoped suggested proposed wrote "
    "writes recalled replied according_to"
).split()
_DOES = "welcomed thanked congratulated conveyed praised pledged agreed met visited attended"
_BARE_WORDS = (*(w.replace("_", " ") for w in _SAYS), *_DOES.split(), ", who")
_BARE_AUTOMATON: Any = None
_SAYS_SET = frozenset(w.replace("_", " ") for w in _SAYS)
_NAME_BEFORE = regexes.compile(r"(?<![\w'\u2019-])([A-Z][^\W\d_]+)(?:\s+(?:also|then|later))?\s*$")
_NAME_AFTER = regexes.compile(r"\s+([A-Z][^\W\d_]+)(?=\s*[,.;:]|\s+[a-z])")
_LONG_VOWEL_DIGRAPHS = ("oo", "ou", "oh", "uu")


def _bare_gate() -> str:
    """The pattern of `_bare_possible`: a capital, then either the rest of a word, an "also",
    "then" or "later", and a verb, with no capitalised word (of up to 20 letters, one space
    back, after a character that is no letter) before it; or a reporting verb and whitespace
    before it. Matched where its capital is, so that the search skips everything else; the
    verbs grouped by first letter (a case-blind alternation is tried a branch at a time)."""
    verbs = _by_first(_BARE_WORDS, r"\s+")
    before = rf"(?=[^\W\d_]++\s*+(?:(?:also|then|later)\s*+)?{verbs})"
    before += "".join(rf"(?<![^\w.'\u2019-][A-Z][A-Za-z.'-]{{{k}}} [A-Z])" for k in range(20))
    says: dict[int, list[str]] = {}
    for w in _SAYS_SET:
        says.setdefault(len(w), []).append(w)
    last = "".join(sorted({c for w in _SAYS_SET for c in (w[-1], w[-1].upper())}))
    space = r"\s"
    after = "|".join(rf"(?<={_by_first(ws, space)}\s[A-Z])" for _, ws in sorted(says.items()))
    return rf"[A-Z](?:{before}|(?<=[{last}]\s[A-Z])(?:{after})|(?<=\s\s[A-Z]))"


def _by_first(words: Iterable[str], space: str) -> str:
    """An alternation of words in any case, one branch per first letter (`caseless`), a space
    in a word read as `space`; a word that opens with a mark (", who") a branch of its own."""
    escaped = sorted(re.escape(w).replace(r"\ ", space) for w in words)
    marks = [f"(?i:{w})" for w in escaped if not w[:1].isalnum()]
    return f"(?:{'|'.join([caseless(w for w in escaped if w[:1].isalnum()), *marks])})"


_BARE_GATE = regexes.compile(_bare_gate())
_NAME_WORD = regexes.compile(r"[^\W\d_][^\W\d_'\u2019-]*")
_OPEN_MODS = frozenset({"now", "current", "acting", "new"})


def _slip_after_title(
    s: Sentence, t: Title, m: Match, at: int, pm: Match | None
) -> list[Claim] | None:
    """A name after a title that is another romanization of a person's name ("Oohira" for
    Ōhira): the claims of the name as the rulebook writes it. Or a name that is not the name of
    anyone who held the office then but is a letter or two off the name of one who did
    ("Ambassador Fukuda" for Fukada): a name claim whose `spelling` is the right one. Only a
    holder at the time the sentence speaks of counts, so two real people with similar names are
    never taken for each other."""
    if pm is not None and _full_or_no_person(pm):
        return None  # a full name, or a phrase of another kind (a second title, a place)
    written = _name_words(s, at)
    if not written or not _holders_initial(s.book, t.offices, s.doc.text[at]):
        return None  # no holder of these offices has a name with that initial
    holders: list[str] | None = None
    for n in range(len(written), 0, -1):
        end = written[n - 1][1]
        if pm is not None and pm.end == end and _resolves(s, pm, t):
            return None  # a name part that points to its person: the title and name checks
        variant = _romanized_match(s.book, s.doc.text, at, end)
        if variant is not None:
            return _title_before_name(s, t, m, variant)
        if not set(t.modifiers) <= _OPEN_MODS:
            continue  # former, late, then-, -elect speak of another time than the holders'
        if holders is None:
            holders = _holders_then(s, t, at)
        near = _close_people(s.book, s.doc.text[at:end], holders)
        if not near:
            continue
        if pm is not None and pm.end == end and not near.keys() <= named_before(s, at):
            return None  # another real person's name: a slip only for someone introduced
        return [_slip_claim(s, t.start, end, near, t.title)]
    return None


def _full_or_no_person(m: Match) -> bool:
    """Whether a match names someone in full or names no person (a loop: asked of most titles)."""
    person = False
    for e in m.entries:
        if e.kind == "person":
            if e.detail == "full":
                return True
            person = True
    return not person


def _romanized_match(book: Rulebook, text: str, start: int, end: int) -> Match | None:
    """The people whose name text[start:end] is, long vowels aside, for those whose entry says
    how their name is romanized ("Oogi", "Ohgi", "Ougi" for Ōgi): a match as the vocabulary's."""
    index, doubled = _romanized_index(book)
    if not index:
        return None
    # imported here for start-up time: only where a name is looked up by its romanization
    from claimcheck.rulebook.namematch import romanized, words

    written = words(text[start:end])
    plain = " ".join(written)
    if plain not in doubled and not any(d in plain for d in _LONG_VOWEL_DIGRAPHS):
        return None  # one spelling of each vowel on both sides: the vocabulary's match or none
    entries: list[Entry] = []
    for scheme, names in index.items():
        for e in names.get(romanized(text[start:end], scheme), ()):
            if words(e.form) != written:  # the same spelling: the vocabulary's own match
                entries.append(e)
    return Match(start, end, tuple(entries)) if entries else None


RomanizedIndex = tuple[dict[str, dict[str, list[Entry]]], frozenset[str]]


def _romanized_index(book: Rulebook) -> RomanizedIndex:
    """Scheme → romanized key → the name entries of the people romanized that way, and the keys of
    rule spellings that write a long vowel with two letters (built once per rulebook)."""
    got = book.derived.get("romanized_names")
    if isinstance(got, tuple):
        return got
    # imported here for start-up time: only where a name is looked up by its romanization
    from claimcheck.rulebook.namematch import romanized, words

    index: dict[str, dict[str, list[Entry]]] = {}
    doubled: set[str] = set()
    for p in book.people.values():
        if p.romanization is None:
            continue
        keys = index.setdefault(p.romanization, {})
        names = [(n, "full") for n in (*full_names(p), *p.aliases)]
        for name, detail in [*names, (p.given, "given"), (p.family, "family")]:
            if name:
                entry = Entry("person", p.id, name, detail)
                key = romanized(name, p.romanization)
                found = keys.setdefault(key, [])
                if entry not in found:
                    found.append(entry)
                if key != " ".join(words(name)):
                    doubled.add(key)
    book.derived["romanized_names"] = got = (index, frozenset(doubled))
    return got


def _holders_initial(book: Rulebook, offices: list[str], letter: str) -> bool:
    """Whether a holder of one of the offices, at any time, has a name part with that initial:
    a quick test before the dates are read (found once per rulebook)."""
    got: dict[str, frozenset[str]] | None = book.derived.get("holder_initials")
    if not isinstance(got, dict):
        got = {}
        for o in book.offices.values():
            people = [book.people.get(h.person) for h in o.holders]
            got[o.id] = frozenset(
                fold(x[:1]) for p in people if p is not None for x in (p.given, p.family) if x
            )
        book.derived["holder_initials"] = got
    low = fold(letter)
    return any(low in got.get(o, ()) for o in offices)


def _resolves(s: Sentence, pm: Match, t: Title) -> bool:
    return resolve_part(s, pm, t.offices, t.jurisdiction) is not None


def _name_words(s: Sentence, at: int) -> list[tuple[int, int]]:
    """The capitalised words from `at` on, one space apart (at most four): a name as written."""
    text = s.doc.text
    out: list[tuple[int, int]] = []
    pos = at
    while len(out) < 4:
        w = _NAME_WORD.match(text, pos, s.end)
        if w is None or not text[pos].isupper():
            break
        out.append((w.start(), w.end()))
        if not text.startswith(" ", w.end()):
            break
        pos = w.end() + 1
    return out


def _holders_then(s: Sentence, t: Title, at: int) -> list[str]:
    """The people holding one of the title's offices when the sentence speaks (its event date,
    else the document's date)."""
    times = [Period.of(d) for d in dict.fromkeys((event_date(s, at, at), s.doc.date)) if d]
    out: list[str] = []
    for oid in dict.fromkeys(t.offices):
        office = s.book.offices[oid]
        if t.jurisdiction is not None and office.jurisdiction != t.jurisdiction:
            continue
        for h in office.holders:
            if h.person not in out and any(holds(h, p) for p in times):
                out.append(h.person)
    return out


def _close_people(book: Rulebook, name: str, ids: list[str]) -> dict[str, str]:
    """Person id → the right spelling, for the people whose name `name` misspells: the full name
    for a name of several words, the short form for one word."""
    one = " " not in name.strip()
    initial = name.strip()[:1].lower()  # a slip keeps it: a cheap test before the edits

    def forms(p: Person) -> Iterator[str]:
        every = (
            [p.family if p.short == "family" else p.given] if one else [*full_names(p), *p.aliases]
        )
        return (f for f in every if f[:1].lower() == initial)

    return _close(book, name, ids, forms)


def _close(
    book: Rulebook, written: str, ids: list[str], forms: Callable[[Person], Iterable[str]]
) -> dict[str, str]:
    """Person id → the first of the person's `forms` that `written` misspells."""
    # only where a name is unknown: not on the hook path
    from claimcheck.rulebook.namematch import close

    out: dict[str, str] = {}
    for pid in ids:
        p = book.people.get(pid)
        if p is None:
            continue
        form = next((f for f in forms(p) if f and close(written, f, p.romanization)), None)
        if form is not None:
            out[pid] = form
    return out


def _slip_claim(s: Sentence, start: int, end: int, near: dict[str, str], title: str) -> Claim:
    """A misspelt name: its subject is the one person it is close to (no subject when several
    are: the candidates are listed)."""
    ids = sorted(near)
    pid = ids[0] if len(ids) == 1 else None
    spelling = " | ".join(near[i] for i in ids)
    more = [("spelling", spelling)] + ([] if pid else [("candidates", " ".join(ids))])
    return _name_claim(s, start, end, pid, "misspelt", title, *more)


def _bare_possible(s: Sentence) -> bool:
    """Whether `_bare` may find a word in the sentence: a capitalised word before one of its
    verbs and not after another capitalised word one space back (then it is part of a longer
    name: "Shinzo Abe said"), or after a reporting verb; one search of the sentence, so that
    the verb lookup and the patterns around each verb are not run where they cannot find a
    name. In ASCII text the folded text is the lower case, which the search reads ignoring
    case; other text is always read."""
    text = s.doc.text
    return not text.isascii() or _BARE_GATE.search(text[s.start : s.end]) is not None


def _bare(s: Sentence, by_start: dict[int, Match], used: set[int]) -> Iterator[Claim]:
    """Short forms with no title or honorific ("Pham, who ...", "Naoki said", "said Chinh") of a
    person introduced in full earlier: a name claim for the part used, or a misspelt one."""
    text, low = s.doc.text, s.folded
    names: list[tuple[int, int]] = []
    for last, size in _bare_words().iter(low[s.start : s.end]):
        hit_end = s.start + last + 1
        hit = hit_end - size
        inside = hit > 0 and low[hit].isalpha() and low[hit - 1].isalnum()
        if inside or (hit_end < s.end and low[hit_end].isalnum()):
            continue  # part of a longer word
        before = _NAME_BEFORE.search(text, max(s.start, hit - 40), hit)
        if before is not None:
            names.append(before.span(1))
        if low[hit:hit_end] in _SAYS_SET:
            after = _NAME_AFTER.match(text, hit_end, s.end)
            if after is not None:
                names.append(after.span(1))
    for a, b in dict.fromkeys(names):
        if a in used or _after_capital(s, a):
            continue
        claim = _bare_claim(s, a, b, by_start.get(a))
        if claim is not None:
            yield claim


def _bare_words() -> Any:
    """The automaton of the words a bare short form stands beside (made once)."""
    global _BARE_AUTOMATON
    if _BARE_AUTOMATON is None:
        _BARE_AUTOMATON = automaton(_BARE_WORDS)
    return _BARE_AUTOMATON


def _after_capital(s: Sentence, a: int) -> bool:
    """The word follows another capitalised word: a longer name, or a title's."""
    text = s.doc.text
    q = a
    while q > s.start and text[q - 1] == " ":
        q -= 1
    if q == a or q <= s.start:
        return False
    w = q
    while w > s.start and (text[w - 1].isalpha() or text[w - 1] in ".'\u2019-"):
        w -= 1
    return w < q and text[w].isupper()


def _bare_claim(s: Sentence, a: int, b: int, pm: Match | None) -> Claim | None:
    book = s.book
    earlier = named_before(s, a)
    word = s.doc.text[a:b]
    if pm is not None and pm.end == b:
        parts = {(e.id, e.detail) for e in pm.entries if e.kind == "person" and e.detail != "full"}
        found = [p for p in parts if p[0] in earlier]
        if len({p[0] for p in found}) != 1 or _other_bearer(s, word, found[0][0], a):
            return None
        return _name_claim(s, a, b, found[0][0], found[0][1], "")
    if pm is not None:
        return None  # the word is some other name the rulebook knows
    if not _may_be_named(s, word, earlier):
        return None
    variant = _romanized_match(book, s.doc.text, a, b)
    if variant is not None:
        return _bare_claim(s, a, b, variant)
    initial = word[:1].lower()
    same = sorted({pid for pid, _ in _parts_by_initial(s).get(initial, ()) if pid in earlier})
    near = _close_parts(book, word, same)
    if len(near) != 1 or _other_bearer(s, word, next(iter(near)), a):
        return None
    return _slip_claim(s, a, b, near, "")


def _may_be_named(s: Sentence, word: str, earlier: set[str]) -> bool:
    """A quick test before the slow ones: a long vowel written with two letters (a romanization),
    or a name part of someone introduced with the same initial and about the same length (a slip
    allows one edit in five letters)."""
    low = word.lower()
    if any(d in low for d in _LONG_VOWEL_DIGRAPHS):
        return True
    by_initial = _parts_by_initial(s)
    n = len(low)
    return any(
        pid in earlier and size >= 5 and abs(n - size) <= size // 5
        for pid, size in by_initial.get(low[:1], ())
    )


def _parts_by_initial(s: Sentence) -> dict[str, list[tuple[str, int]]]:
    """Initial → (person id, length) of the name parts of the people the document names in full
    (found once per document)."""
    cache = vars(s.context)
    got: dict[str, list[tuple[str, int]]] | None = cache.get("_parts_by_initial")
    if got is None:
        got = cache["_parts_by_initial"] = {}
        for pid in s.context.first_named:
            p = s.book.people.get(pid)
            for part in (p.given, p.family) if p is not None else ():
                if part:
                    got.setdefault(part[:1].lower(), []).append((pid, len(part)))
    return got


def _close_parts(book: Rulebook, word: str, ids: list[str]) -> dict[str, str]:
    """Person id → name part, for the introduced people one of whose name parts `word`
    misspells."""
    return _close(book, word, ids, lambda p: (p.given, p.family))


def _other_bearer(s: Sentence, word: str, pid: str, before: int) -> bool:
    """The word is written elsewhere in the document as part of a longer capitalised name that is
    not this person's: someone else may be meant ("Pham Thu Ha, a trader, ... Pham said")."""
    text = s.doc.text
    spans = _full_spans(s).get(pid, [])
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        whole = (at == 0 or not text[at - 1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        )
        inside = any(x <= at and end <= y for x, y in spans)
        if whole and at != before and not inside and _capital_next_to(text, at, end):
            return True
        at = text.find(word, end)
    return False


def _full_spans(s: Sentence) -> dict[str, list[tuple[int, int]]]:
    """Person id → where the document names them in full (found once per document)."""
    cache = vars(s.context)
    got: dict[str, list[tuple[int, int]]] | None = cache.get("_full_spans")
    if got is None:
        got = cache["_full_spans"] = {}
        for m in s.context.every:
            for e in m.entries:
                if e.kind == "person" and e.detail == "full":
                    got.setdefault(e.id, []).append((m.start, m.end))
    return got


def _capital_next_to(text: str, at: int, end: int) -> bool:
    after = text[end : end + 2]
    if len(after) == 2 and after[0] == " " and after[1].isupper():
        return True
    before = text[max(0, at - 30) : at]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and words[-1][-1:].isalpha()


def _misspelt_full(
    s: Sentence, seen: list[Match], by_start: dict[int, Match], used: set[int]
) -> Iterator[Claim]:
    """A full name with no title whose first word is a name part of one person of the rulebook
    alone and whose next words are a letter or two off the rest of that person's name ("Sanae
    Takaiuchi" for Sanae Takaichi). A part many people share ("Nguyen") says nothing."""
    text = s.doc.text
    for m in seen:
        after = m.end + 1  # the next word's first letter, after one space
        if after >= s.end or after in by_start or text[m.end] != " " or m.start in used:
            continue
        if not text[after].isupper():
            continue
        ids = {e.id for e in m.entries if e.kind == "person"}
        if len(ids) != 1 or any(e.detail == "full" for e in m.entries):
            continue
        written = _name_words(s, m.start)
        for n in range(len(written), 1, -1):
            end = written[n - 1][1]
            near = _close_people(s.book, text[m.start : end], sorted(ids))
            if near:
                used.add(m.start)
                yield _slip_claim(s, m.start, end, near, "")
                break


# --- titles a closed jurisdiction does not have (claimcheck/extract/titles.py) -------------------


def _closed_full(matches: list[Match], closed: dict[str, frozenset[str]]) -> list[Match]:
    """The matches that name in full someone who held an office of a closed jurisdiction."""
    out: list[Match] = []
    for m in matches:
        for e in m.entries:
            if e.kind == "person" and e.detail == "full" and e.id in closed:
                out.append(m)
                break
    return out


def _titled_people(s: Sentence, full: list[Match], used: set[int]) -> list[Match]:
    """Of those full names, the ones not claimed yet with a capitalised word and a space right
    before them: where a title no office has may stand (read in titles.py, imported only for
    these)."""
    text = s.doc.text
    return [
        m
        for m in full
        if m.start not in used
        and m.start - 2 > s.start
        and text[m.start - 1] == " "
        and text[m.start - 2].isalpha()
    ]


def _unknown_titles(
    s: Sentence, names: list[Match], by_end: dict[int, Match], used: set[int]
) -> Iterator[Claim]:
    # imported here for start-up time: most runs never need titles.py or compile its patterns
    from claimcheck.extract import titles

    return titles.unknown_titles(s, names, by_end, used)
