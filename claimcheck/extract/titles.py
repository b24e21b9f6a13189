"""Titles a closed jurisdiction does not have: "City President Ilse Brandt" where the city has a
mayor and no president, "Deputy Mayor" where it has no deputy mayor. A title claim with no
target, which the people engine's `title-no-such-office` turns into an error naming the person's
real office (its docstring, in docs/checks.md, says which titles are read and why).

Imported only for a sentence with a full name of someone who held an office of a closed
jurisdiction after a capitalised word (extract/people.py finds them): most runs never compile it.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.context import Sentence
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
from claimcheck.rulebook.vocab import Match, fold

# What a title is: a run of capitalised words right before a person's full name, each a word of
# the English titles below, ending with a head word ("City President", "Deputy Mayor", "Chief
# Financial Officer", "CEO"). A capitalised word of no title before the run ("LDP President",
# "Rotary Club President") makes it some other body's title, which no rule file lists.
_TITLE_HEADS = frozenset(
    """president mayor minister chair chairman chairwoman chairperson director officer manager
    secretary governor treasurer clerk commissioner councillor councilor councilman councilwoman
    speaker ambassador consul premier chancellor senator judge justice sheriff superintendent
    administrator controller comptroller auditor executive head chief leader spokesperson
    spokesman spokeswoman general ceo cfo coo cto emperor king queen""".split()
)
_TITLE_QUALIFIERS = frozenset(
    """deputy vice assistant associate senior junior first second principal executive chief
    general financial operating technology council board prime lord high""".split()
)
# Words that say which kind of body the title is of ("City President": the city's).
_KIND_WORDS = {
    "place": frozenset({"city", "town", "municipal", "village", "borough"}),
    "organisation": frozenset({"company", "corporate"}),
}
_GENERIC = frozenset().union(*_KIND_WORDS.values())
# One office written several ways: compared in the first form.
_SAME_TITLE = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "councilor": "councillor",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "vice": "deputy",
}  # fmt: skip
_RUN_MODIFIERS = {
    "former": "former", "late": "late", "ex": "ex", "then": "then", "acting": "acting",
    "interim": "acting", "outgoing": "outgoing", "incoming": "elect", "current": "current",
    "new": "new",
}  # fmt: skip
# A capitalised word of grammar before a run leaves it a title ("When City President ...").
_RUN_OPENERS = NOT_ADJECTIVE | frozenset("when after before while as but then".split())
_RUN_WORDS = regexes.compile(r"(?:[A-Z][\w.'\u2019]*[ -])+$")


def title_words(title: str) -> str:
    """A title as compared with a jurisdiction's offices: folded, each office written one way,
    the words for the kind of body dropped ("City Mayor" is the mayor)."""
    words = [_SAME_TITLE.get(w, w) for w in fold(title).replace("-", " ").split()]
    return " ".join(w for w in words if w not in _GENERIC)


def has_title(book: Rulebook, jurisdiction: str, title: str) -> bool:
    """Whether one of the jurisdiction's offices is called `title` (its title, an alias or its
    short title), the way `title_words` compares them (found once per rulebook)."""
    got: dict[str, frozenset[str]] | None = book.derived.get("titles_by_jurisdiction")
    if not isinstance(got, dict):
        every: dict[str, set[str]] = {}
        for o in book.offices.values():
            names = [o.title, *o.aliases, *([o.short_title] if o.short_title else [])]
            every.setdefault(o.jurisdiction, set()).update(title_words(n) for n in names)
        got = {j: frozenset(ts) for j, ts in every.items()}
        book.derived["titles_by_jurisdiction"] = got
    return title_words(title) in got.get(jurisdiction, frozenset())


def unknown_titles(
    s: Sentence, names: list[Match], by_end: dict[int, Match], used: set[int]
) -> Iterator[Claim]:
    """Title claims with no target for the names (full names of people who held an office of a
    closed jurisdiction) after a title tied to that jurisdiction: by its name before the title
    ("Halvoran Chancellor ..."), by a word for its kind of body ("City", "Town", "Company"), or
    as a deputy of one of its offices ("Deputy Mayor" where the person held an office of the
    city at the time); else it may be a party's or a club's, which no rule file lists."""
    closed = closed_people(s.book)
    for m in names:
        full = {e.id for e in m.entries if e.kind == "person" and e.detail == "full"}
        if len(full) != 1:
            continue
        pid = full.pop()
        claim = _unknown_title(s, m, pid, closed[pid], by_end)
        if claim is not None:
            used.add(m.start)
            yield claim


def _unknown_title(
    s: Sentence, m: Match, pid: str, own: frozenset[str], by_end: dict[int, Match]
) -> Claim | None:
    run = _RUN_WORDS.search(s.doc.text, max(s.start, m.start - 80), m.start)
    if run is None:
        return None
    words, start, jur = _title_run(s, run.start(), m.start, by_end)
    if not words or jur == "":
        return None
    mods = [_RUN_MODIFIERS[w] for w, _ in words if w in _RUN_MODIFIERS]
    title_at = words[len(mods)][1] if len(mods) < len(words) else m.start
    title = s.doc.text[title_at : m.start].strip()
    low = [w for w, _ in words[len(mods) :]]
    if not low or low[-1] not in _TITLE_HEADS:
        return None
    jur = jur or _tied(s, m, pid, own, low)
    book = s.book
    if jur is None or has_title(book, jur, title) or not book.entities[jur].closed_offices:
        return None
    t = Title([], title, start, m.start, mods, jur)
    return title_claim(s, t, start, m.end, pid, "full")


def _title_run(
    s: Sentence, lo: int, hi: int, by_end: dict[int, Match]
) -> tuple[list[tuple[str, int]], int, str | None]:
    """The words of the title that ends at hi, read back from it until a word of no title: (word,
    start) in text order, modifiers first; where the title starts; and the jurisdiction named
    before it (None: none; "": a capitalised word of no title, so some other body's title)."""
    text = s.doc.text
    words: list[tuple[str, int]] = []
    start = hi
    for w in reversed(list(_WORD.finditer(text, lo, hi))):
        word = w.group(0).lower()
        modifier = word in _RUN_MODIFIERS
        if modifier or word in _TITLE_HEADS or word in _TITLE_QUALIFIERS or word in _GENERIC:
            if not modifier and words and words[-1][0] in _RUN_MODIFIERS:
                return [], start, ""  # "City Former President": not a title as written
            words.append((word, w.start()))
            start = w.start()
            continue
        end = w.end() - 2 if word.endswith(("'s", "\u2019s")) else w.end()
        jm = by_end.get(end)
        ids = {e.id for e in jm.entries if e.kind in ("entity", "demonym")} if jm else set()
        words.reverse()
        if jm is not None and len(ids) == 1:
            if _inside_name(s, jm.start):
                return [], start, ""  # "Bank of Japan Governor": the bank's
            return words, jm.start, ids.pop()
        return (words, start, None) if word in _RUN_OPENERS else ([], start, "")
    words.reverse()
    return words, start, None


_NAME_GOES_ON = regexes.compile(r"(?:[A-Z][\w.'\u2019-]*|of|for|and|&)\s+$")


def _inside_name(s: Sentence, at: int) -> bool:
    """Whether the place's name at `at` ends a longer name ("Bank of Japan", "Party of Japan")."""
    got = _NAME_GOES_ON.search(s.doc.text, max(s.start, at - 30), at)
    word = got.group(0).strip() if got is not None else ""
    return bool(word) and (word.islower() or word.lower() not in _RUN_OPENERS)


def _tied(s: Sentence, m: Match, pid: str, own: frozenset[str], words: list[str]) -> str | None:
    """The closed jurisdiction an untied-looking title speaks of: the person's one body of the
    kind a word of the title names ("City"), or the body one of whose offices the title
    qualifies ("Deputy Mayor", "Executive Chair") while the person held an office there."""
    book = s.book
    for kind, kind_words in _KIND_WORDS.items():
        if not kind_words.isdisjoint(words):
            mine = [j for j in own if book.entities[j].kind == kind]
            return mine[0] if len(mine) == 1 else None
    if words[0] not in _TITLE_QUALIFIERS or len(words) < 2:
        return None
    rest = " ".join(words[1:])
    # a country has deputies of many kinds that rule files rarely list: only a city's or an
    # organisation's short closed list says it has no deputy
    bodies = [
        j for j in sorted(own) if book.entities[j].kind != "country" and has_title(book, j, rest)
    ]
    if len(bodies) != 1:
        return None
    times = [Period.of(d) for d in (event_date(s, m.start, m.end), s.doc.date) if d]
    held = any(
        h.person == pid and holds(h, t)
        for o in book.offices.values()
        if o.jurisdiction == bodies[0]
        for h in o.holders
        for t in times
    )
    return bodies[0] if held else None


_WORD = regexes.compile(r"[A-Za-z][\w.'\u2019]*")
