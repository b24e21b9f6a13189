"""People engine: titles against the rulebook's offices and holders, short names against naming.

A title is checked at the time the claim speaks of: the sentence's own event date and the
document's date. It is right when it is right at either (a past event dated inside a term; or a
current title used for a past event, a common news style), so only a title wrong at both is an
error. Modifiers shift the test: former/ex (a term ended by then), late (died by then), then- (in
office at the dated event, or at some time before), -elect (a term begins later), new/newly
appointed (a term not over by then: begun, or about to begin, as an ambassador's before the
credentials are presented).

A holder list says nothing about a time it does not cover: a person absent from an incomplete
list may have held the office, so "not in office" and "someone else" need the list to be complete
then (`complete_since`, or terms that follow each other without a gap over that time).

Names. A short form is read after a title or an honorific ("Ambassador Naoki", "Mr. Pham") and
with none, once the person was named in full earlier in the article: "Pham, who ...", "Naoki
said", "said Chinh", "Chinh met". A bare part is read only when one person introduced so far
bears it, and no other capitalised name in the article contains it ("Pham Thu Ha ... Pham said"
may be someone else). Which part is right is each person's `short` in the rules (family for
Japanese names, given for Vietnamese ones), so the same check serves any naming custom.

A name a letter or two off the right one (at most one edit, a swap of two neighbours counting as
one, for every five letters, the first letter of each word kept) is `name-misspelt`: after a
title, when it is close to the name of a holder of that office at the time the sentence speaks
of ("Ambassador Fukuda" for Fukada in 2016); with no title, when it is close to the short form
of a person the article introduced ("Thoung said") or completes a first word that one person of
the rules alone bears ("Sanae Takaiuchi"). Like every name and title, it is read in a sentence
that names some title or person of the rules. A spelling that is some other person's real name
is a slip only for someone the article introduced; a title with former, late, then- or -elect
is left to the title checks. The fix is certain when one person is that close; with several,
the warning names them all. No two people of a rulebook are that close to each other (the
project's tests check its own rule files).

Closed lists. A jurisdiction with `closed_offices: true` has no office but those the rule files
give it, so a title it does not have, before the full name of someone who held one of its
offices, is `title-no-such-office`, and the finding names the office the person held. A title
is the capitalised words right before the name, each a word of English titles (President,
Mayor, Minister, Chair, Chairman, Director, Officer, Manager, Secretary, Governor, Treasurer,
Clerk, Commissioner, Chancellor, CEO, CFO; Deputy, Vice, Assistant, Chief, Executive, General,
Financial, Senior ...), the last a head word (not Deputy or Financial). It must be tied to the
jurisdiction: by its name or demonym before it ("Halvoran Chancellor"; not "Bank of Halvora
Governor", where the name ends another body's), by a word for its kind of body ("City" or
"Town President" for an entity of kind place, "Company President" for an organisation), or as
a deputy of one of its offices ("Deputy Mayor" where the person held an office of that city when
the sentence speaks; never for a country, whose many deputies rule files rarely list). Any
other capitalised word before it ("LDP President", "Rotary Club Chair") makes it some other
body's title, and a bare "President Ilse Brandt" does not say whose: nothing is said of either.
Titles are compared in one spelling: case and hyphens aside, Chairman, Chairwoman and
Chairperson as Chair, Vice as Deputy, and without the kind words ("City Mayor" is the Mayor).

A person whose entry says `romanization: hepburn` is matched whatever way a long vowel is
written (Ōgi, Ogi, Oogi, Ohgi, Ougi; Ū as U or Uu) after a title and in bare short forms, with
no alias for each spelling; such a spelling is the person, never a misspelling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from claimcheck.checks.registry import DocContext, Rule, engine
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate, Period
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Holder, Office, Person
from claimcheck.rulebook.vocab import full_names

_FAR = dt.date.max
_OPEN_ENDED = {"", "now", "current", "acting", "outgoing"}


@engine(
    "people",
    [
        Rule(
            "title-no-such-office",
            "title",
            "error",
            "a title the jurisdiction does not have (its list of offices is closed)",
            fixable=True,
        ),
        Rule(
            "title-not-in-office",
            "title",
            "error",
            "a holder named with an office outside their terms, no modifier making it right",
        ),
        Rule(
            "title-wrong-person",
            "title",
            "error",
            "an office given to a person who never held it, while someone else held it",
        ),
        Rule(
            "name-short-form",
            "name",
            "warning",
            "a short reference that uses the name part the person's naming convention does not",
            fixable=True,
        ),
        Rule(
            "name-misspelt",
            "name",
            "warning",
            "a name a letter or two off that of the one holder of the office at the time, or of "
            "a person the article introduced",
            fixable=True,
        ),
    ],
)
def check_people(ctx: DocContext) -> Iterator[Finding]:
    for claim in ctx.claims:
        if claim.kind == "name" and claim.attr("part") == "misspelt":
            yield from _misspelt(ctx, claim)
            continue
        if claim.subject not in ctx.book.people:
            continue
        if claim.kind == "title":
            yield from _title(ctx, claim)
        elif claim.kind == "name":
            yield from _name(ctx, claim)


def _title(ctx: DocContext, claim: Claim) -> Iterator[Finding]:
    """A title against the holders of its office at the times the claim speaks of: a holder
    named outside their terms, or someone who never held it named with it while others did."""
    person = ctx.book.people[claim.subject or ""]
    if claim.target is None:
        yield from _no_such_office(ctx, claim, person)
        return
    office = ctx.book.offices.get(claim.target)
    if office is None:
        return
    times = _times(ctx, claim, set(claim.modifiers))
    if not times:
        return
    if _terms_by_holder(ctx.book, office).get(person.id):
        found = _not_in_office(ctx, claim, person, office, times)
    else:
        found = _wrong_person(ctx, claim, person, office, times)
    if found is not None:
        yield found


def _not_in_office(
    ctx: DocContext, claim: Claim, person: Person, office: Office, times: list[PartialDate]
) -> Finding | None:
    """A holder of the office, named with it (and its modifiers) at times none of their terms
    makes right, while the holder list is complete then."""
    book = ctx.book
    mods = set(claim.modifiers)
    terms = _terms_by_holder(book, office)[person.id]
    spans = [Period.of(t) for t in times]
    if any(_right(t, terms, mods, person, dated=claim.date is not None) for t in spans):
        return None
    if not all(_covered(office, t, mods) for t in spans):
        return None
    return ctx.finding(
        "title-not-in-office",
        claim,
        f"{_name_of(person)} was not {_office_name(book, office)} {_when(times)}"
        f"{_why(mods, person)}: {_terms(terms)}",
        evidence=[*terms, *([person] if "late" in mods else [])],
    )


def _wrong_person(
    ctx: DocContext, claim: Claim, person: Person, office: Office, times: list[PartialDate]
) -> Finding | None:
    """Someone who never held the office, named with it at times others held it (and the list
    is complete then). A modifier that speaks of another time says nothing of who held it."""
    book = ctx.book
    mods = set(claim.modifiers)
    if mods & {"former", "ex", "late", "elect", "new"} or ("then" in mods and claim.date is None):
        return None
    others: list[Holder] = []
    spans = [Period.of(t) for t in times]
    for t in spans:
        at = [h for h in office.holders if _overlaps(h, t)]
        if not at or not _covered(office, t, mods):
            return None
        others.extend(h for h in at if h not in others)
    held = [h for o in _offices_of(book, office.jurisdiction) for h in o.holders]
    mine = [h for h in held if h.person == person.id and any(_overlaps(h, t) for t in spans)]
    also = f"; {_name_of(person)} was {_held(book, mine)}" if mine else ""
    return ctx.finding(
        "title-wrong-person",
        claim,
        f"{_name_of(person)} was not {_office_name(book, office)} {_when(times)}: "
        f"{_held_by(book, others)}{also}",
        evidence=[*others, *mine],
    )


def _terms_by_holder(book: Rulebook, office: Office) -> dict[str, list[Holder]]:
    """An office's terms by holder, in the rule file's order: found once per rulebook (a title
    is checked for every mention, and an office may have had dozens of holders)."""
    index: dict[str, dict[str, list[Holder]]] | None = book.derived.get("terms_by_holder")
    if not isinstance(index, dict):
        index = book.derived["terms_by_holder"] = {}
    got = index.get(office.id)
    if got is None:
        got = index[office.id] = {}
        for h in office.holders:
            got.setdefault(h.person, []).append(h)
    return got


def _no_such_office(ctx: DocContext, claim: Claim, person: Person) -> Iterator[Finding]:
    book = ctx.book
    entity = book.entities.get(claim.attr("jurisdiction") or "")
    title = claim.attr("title") or ""
    if entity is None or not entity.closed_offices or not title:
        return
    from claimcheck.extract.titles import has_title  # rare: not compiled on every run

    if has_title(book, entity.id, title):
        return  # the jurisdiction has it after all: nothing to say
    offices = _offices_of(book, entity.id)
    when = claim.period
    terms = [h for o in offices for h in o.holders if h.person == person.id]
    then = [h for h in terms if when is not None and _overlaps(h, when)]
    shown = then or terms
    says = f"{entity.names[0]} has no {title.lower()}"
    if shown:
        says += f": {_name_of(person)} was {_held(book, shown)}"
    fix = None
    now = {_office_of(book, h).id for h in then}
    if len(now) == 1 and claim.text.count(title) == 1 and not claim.modifiers:
        right = _office_of(book, then[0])
        fix = claim.text.replace(title, right.title)
    yield ctx.finding(
        "title-no-such-office",
        claim,
        says,
        evidence=[*shown, entity] if shown else [entity],
        fix=fix,
    )


def _name(ctx: DocContext, claim: Claim) -> Iterator[Finding]:
    person = ctx.book.people[claim.subject or ""]
    part = claim.attr("part")
    if part not in ("given", "family") or part == person.short:
        return
    wrong = person.given if part == "given" else person.family
    right = person.family if person.short == "family" else person.given
    fix = None
    at = claim.text.rfind(wrong)
    if at >= 0:
        fix = claim.text[:at] + right + claim.text[at + len(wrong) :]
    yield ctx.finding(
        "name-short-form",
        claim,
        f"{wrong!r} is the {part} name of {_name_of(person)}, who is referred to by the "
        f"{person.short} name: {fix or right!r}",
        evidence=[person],
        fix=fix,
    )


def _misspelt(ctx: DocContext, claim: Claim) -> Iterator[Finding]:
    """A name close to the right one: the fix is certain only when one person is that close."""
    book = ctx.book
    ids = (claim.attr("candidates") or claim.subject or "").split()
    people = [book.people[i] for i in ids if i in book.people]
    spellings = (claim.attr("spelling") or "").split(" | ")
    if not people or len(spellings) != len(people):
        return
    title = claim.attr("title") or ""
    written = claim.text[len(title) :].strip() if claim.text.startswith(title) else claim.text
    fix = None
    if len(people) == 1:
        fix = claim.text[: len(claim.text) - len(written)] + spellings[0]
        says = f"{written!r} looks like a misspelling of {_name_of(people[0])}'s name: {fix!r}"
    else:
        says = f"{written!r} is close to " + " and to ".join(
            f"{sp!r} ({_name_of(p)})" for sp, p in zip(spellings, people, strict=True)
        )
    yield ctx.finding("name-misspelt", claim, says, evidence=people, fix=fix)


# --- time ---------------------------------------------------------------------------------------


def _times(ctx: DocContext, claim: Claim, mods: set[str]) -> list[PartialDate]:
    """The times a title may be right at: the dated event, and the document's date."""
    doc = ctx.doc.date
    if mods & {"now", "current"}:
        return [doc] if doc else []
    if "then" in mods and claim.date is not None:
        return [claim.date]
    return [t for t in dict.fromkeys((claim.date, doc)) if t is not None]


def _right(t: Period, terms: Sequence[Holder], mods: set[str], person: Person, dated: bool) -> bool:
    """The title with its modifiers is right at t for these terms (lenient on partial dates)."""
    tests = []
    if mods & {"former", "ex"}:
        tests.append(any(h.end is not None and h.end.first() <= t.end for h in terms))
    if "late" in mods:
        tests.append(person.died is None or person.died.first() <= t.end)
    if "elect" in mods:
        tests.append(any(h.start.last() >= t.start for h in terms))
    if "new" in mods:  # just begun, or about to: an ambassador before presenting credentials
        tests.append(any(h.end is None or h.end.last() >= t.start for h in terms))
    if "then" in mods and not dated:
        tests.append(any(h.start.first() <= t.end for h in terms))
    if not tests:
        tests.append(any(_overlaps(h, t) for h in terms))
    return all(tests)


def _covered(office: Office, t: Period, mods: set[str]) -> bool:
    """The holder list is complete at t: nobody unlisted could have held the office then."""
    if office.complete_since is not None and office.complete_since.first() <= t.start:
        return True
    if not mods <= _OPEN_ENDED | {"then"}:
        return False  # former/late/elect speak of other times than t: completeness must be said
    # Terms read narrowly (a term known to a month covers only what it surely covers), joined
    # when one begins by the day after the last ends.
    spans = sorted(
        (h.start.last(), h.end.first() if h.end is not None else _FAR) for h in office.holders
    )
    reach: tuple[dt.date, dt.date] | None = None
    for start, end in spans:
        if reach is not None and start <= _next_day(reach[1]):
            reach = (reach[0], max(reach[1], end))
        else:
            reach = (start, end)
        if reach[0] <= t.start and reach[1] >= t.end:
            return True
    return False


def _next_day(d: dt.date) -> dt.date:
    return d if d == _FAR else d + dt.timedelta(days=1)


def _overlaps(h: Holder, t: Period) -> bool:
    end = h.end.last() if h.end is not None else _FAR
    return h.start.first() <= t.end and t.start <= end


# --- words --------------------------------------------------------------------------------------


def _offices_of(book: Rulebook, jurisdiction: str) -> list[Office]:
    return [o for o in book.offices.values() if o.jurisdiction == jurisdiction]


def _office_of(book: Rulebook, holder: Holder) -> Office:
    return next(o for o in book.offices.values() if any(h is holder for h in o.holders))


def _office_name(book: Rulebook, office: Office) -> str:
    entity = book.entities.get(office.jurisdiction)
    where = entity.names[0] if entity else office.jurisdiction
    return (
        f"{office.title} of {where}" if where.lower() not in office.title.lower() else office.title
    )


def _name_of(person: Person) -> str:
    return full_names(person)[0]


def _span(h: Holder) -> str:
    return f"{h.start} to {h.end}" if h.end is not None else f"since {h.start}"


def _terms(terms: Sequence[Holder]) -> str:
    return "in office " + ", ".join(f"{_span(h)}" for h in terms)


def _held(book: Rulebook, terms: Sequence[Holder]) -> str:
    """ "Prime Minister of Japan (2006-09-26 to 2007-09-26, 2012-12-26 to 2020-09-16)"."""
    by_office: dict[str, list[Holder]] = {}
    for h in terms:
        by_office.setdefault(_office_of(book, h).id, []).append(h)
    return "; ".join(
        f"{_office_name(book, book.offices[oid])} ({', '.join(_span(h) for h in hs)})"
        for oid, hs in by_office.items()
    )


def _held_by(book: Rulebook, holders: Sequence[Holder]) -> str:
    return "; ".join(
        f"{_name_of(book.people[h.person])} was ({_span(h)})"
        if h.person in book.people
        else f"{h.person} was ({_span(h)})"
        for h in holders
    )


def _when(times: Sequence[PartialDate]) -> str:
    return " or ".join(f"on {t}" if t.day else f"in {t}" for t in times)


def _why(mods: set[str], person: Person) -> str:
    if "late" in mods and person.died is not None:
        return f" (and was alive then: died {person.died})"
    if mods & {"former", "ex"}:
        return " (nor had been before)"
    if "elect" in mods:
        return " (nor elected to a later term)"
    return ""
