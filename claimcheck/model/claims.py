"""Claims: what one sentence of an article asserts, with its exact span.

Claims are plain data (ids, never rulebook objects) so that they can be cached per document and
compared across the corpus. This docstring is the contract between extraction (claimcheck/extract)
and the check engines (claimcheck/checks); both sides follow it.

Common fields: `start`/`end` are character offsets into Document.text of the words the claim
rests on (what a finding underlines); `sentence` is the sentence's span; `period` is the time the
claim speaks of (the sentence's own event date, a stated period, or, for present tense, the
document date; None when unknown); `modifiers` are lower-case words from the fixed English list
(former, late, then, ex, acting, outgoing, elect, now, current, new).

kind="title": a person named with an office title.
    subject = person id; target = office id, or None when the title names no office of the
    jurisdiction (then the check looks at attrs). attrs: ("title", title as written),
    ("jurisdiction", entity id, when the sentence says whose office: "Japanese", "of Japan",
    "Japan's"), ("form", "full"|"family"|"given": which name part was written).
    `date` = the date of the sentence's own event ("visited Vietnam in January 2013"), if any;
    for a title governed by the person's death ("the funeral of General Secretary ...", "...
    passed away") the rulebook's date of death, with ("inferred.period", "death").
kind="name": a short reference to a known person ("Mr. Abe", "Ambassador Naoki", "PM Chinh").
    subject = person id; attrs: ("part", "given"|"family"), ("title", the word before: "Mr.",
    "Ambassador", "PM").
kind="rank": subject = entity id; target = ranking id; rank = 1-based place; attrs:
    ("measure", e.g. "cumulative"/"annual" when the text says), ("out_of", "143") when written.
kind="quantity": subject = entity id (or None); target = metric id; value = Quantity (its unit
    is None when the text gives none); attrs: ("change", "increase"|"decrease") for changes,
    ("period", "stated"|"relative"|"present"|"document"|"unknown": where the period came from;
    "document" also carries ("inferred.period", "publication-date")),
    ("alias", the metric alias the figure was bound to). Rank claims carry the same two.
    Quantity and rank claims (and so the parts of arithmetic ones) carry ("modality",
    "forecast"|"target"|"plan"|"hope"|"condition"|"question") when their clause does not assert
    them (extract/modality.py); none means asserted. The engines judge asserted claims only.
    ("inferred.subject", "clause"|"paragraph"|"headline"|"article") when the figure's clause
    does not name every entity of the metric's subject list: where the rest were found (another
    clause of the sentence, its paragraph, the headline, elsewhere in the article; none when the
    rest go without saying, Entity.implied, by the rulebook's word). ("attributed", the body
    its sentence names as the figure's source, "according to ..."/"... said"; an anaphor
    "the office" as the earlier name it stands for: extract/attribution.py); a metric with
    `sources` that do not name it takes the figure for another measure. A figure of
    another party, of a part, of one deal or item, or of a flow gives no claim at all
    (claimcheck/extract/ownership.py).
kind="event": target = event id; date = the date the sentence gives it. The first day of a
    term of office ("X took office on ...") is an event claim with no target: subject = person
    id, attrs ("start", "office") and ("office", office id) when the sentence names the office.
kind="elapsed": target = event id; attrs: ("years", "50"), ("form", "ordinal"|"cardinal"),
    ("round", ...), ("hedge", ...), ("counted", "year": an ordinal year, "the 45th year of",
    not an anniversary), ("at", "sentence"|"document": where the counting date came
    from); period = the time the count is made at (document date unless the sentence dates it).
kind="term": target = term id; attrs: ("form", "name"|"short"|"wrong"), ("right", the fix for a
    wrong form), ("variant", index), ("year", the year the sentence ties it to), ("began", "yes"
    when the sentence says it was set up/upgraded then).
kind="arithmetic": parts = the quantity claims involved; attrs: ("relation", "sum"|"change"|
    "fold"), ("percent"/"factor", as written), ("base_start"/"base_end", ISO dates of the period
    a change is measured against). The first part is the total (sum) or the new value (change,
    fold); the others are the parts or the old value. `parts` may be empty when the text gives
    neither figure ("increased 3 folds from 2014": target and period then name the metric and
    the new period); a sum with one part means part <= total. A sum read from a breakdown's
    shape carries ("breakdown", "of-the"|"colon"|"split"), ("whole", "yes") when the parts are
    said to be all of the total, ("rest", n) when part n (1-based, the total not counted) is
    "the remaining" of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claimcheck.infra.values import value
from claimcheck.model.dates import PartialDate, Period

KINDS = (
    "title",  # a person named with an office ("Prime Minister Shinzo Abe")
    "name",  # a short reference to a person ("Mr. Abe", "Ambassador Naoki")
    "rank",  # an entity's place in a ranking
    "quantity",  # an amount or count of a metric
    "event",  # a dated event ("established diplomatic relations on ...")
    "elapsed",  # an anniversary or a number of years since an event
    "term",  # an official name, right or wrong
    "arithmetic",  # a total with its parts, or a change with both ends
)


@value()
class Quantity:
    """A value as an interval of what the digits and hedge allow, in the unit's base amount."""

    low: float
    high: float
    unit: str | None  # "USD", "JPY", "person", "percent"; None: written without a unit
    digits: str = ""  # the number as written, "47.6"
    scale: str | None = None  # "million", "billion" ...
    hedge: str | None = None  # "about", "over" ...

    def __reduce__(self) -> tuple[type[Quantity], tuple[Any, ...]]:
        return (Quantity, (self.low, self.high, self.unit, self.digits, self.scale, self.hedge))

    def overlaps(self, other: Quantity) -> bool:
        return self.low <= other.high and other.low <= self.high


@value()
class Claim:
    """One thing a sentence asserts, by kind: the module docstring is the contract."""

    kind: str
    start: int  # character offsets into Document.text
    end: int
    text: str
    subject: str | None = None  # entity or person id
    target: str | None = None  # office, metric, ranking, event or term id
    value: Quantity | None = None
    rank: int | None = None
    period: Period | None = None
    date: PartialDate | None = None  # a date the sentence states for an event
    modifiers: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()  # kind-specific details, e.g. ("right", "...")
    parts: tuple[Claim, ...] = ()
    sentence: tuple[int, int] = (0, 0)

    def __reduce__(self) -> tuple[type[Claim], tuple[Any, ...]]:
        """Pickled as the constructor's arguments: half the bytes of a slotted dataclass's fields
        by name, and a quarter of the time to load (a worker sends its claims back, and the
        compiled rulebook holds dates and vocabulary entries)."""
        return (
            Claim,
            (
                self.kind,
                self.start,
                self.end,
                self.text,
                self.subject,
                self.target,
                self.value,
                self.rank,
                self.period,
                self.date,
                self.modifiers,
                self.attrs,
                self.parts,
                self.sentence,
            ),
        )

    def attr(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.attrs:
            if k == key:
                return v
        return default

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values, fields in declaration order (written by hand: asdict's deep copy
        made writing the cache of a cold run cost more than extracting)."""
        v, p, d = self.value, self.period, self.date
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "subject": self.subject,
            "target": self.target,
            "value": None
            if v is None
            else {
                "low": v.low,
                "high": v.high,
                "unit": v.unit,
                "digits": v.digits,
                "scale": v.scale,
                "hedge": v.hedge,
            },
            "rank": self.rank,
            "period": None
            if p is None
            else {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "kind": p.kind,
            },
            "date": None if d is None else {"year": d.year, "month": d.month, "day": d.day},
            "modifiers": list(self.modifiers),
            "attrs": [list(a) for a in self.attrs],
            "parts": [c.to_json() for c in self.parts],
            "sentence": list(self.sentence),
        }

    def to_row(self) -> list[Any]:
        """The claim as the cache keeps it: JSON of nested lists, fields in declaration order.
        Half the text of `to_json`, and decoded in half the time: a hook run against a large
        archive decodes thousands."""
        v, p, d = self.value, self.period, self.date
        return [
            self.kind,
            self.start,
            self.end,
            self.text,
            self.subject,
            self.target,
            None if v is None else [v.low, v.high, v.unit, v.digits, v.scale, v.hedge],
            self.rank,
            None if p is None else [p.start.isoformat(), p.end.isoformat(), p.kind],
            None if d is None else [d.year, d.month, d.day],
            self.modifiers,
            self.attrs,
            [c.to_row() for c in self.parts],
            self.sentence,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Claim:
        """The inverse of `to_row`. Raises ValueError or TypeError on a malformed row."""
        kind, start, end, text, subject, target, v, rank, p, d, mods, attrs, parts, sent = row
        return cls(
            kind,
            start,
            end,
            text,
            subject,
            target,
            None if v is None else Quantity(*v),
            rank,
            None
            if p is None
            else Period(dt.date.fromisoformat(p[0]), dt.date.fromisoformat(p[1]), p[2]),
            None if d is None else PartialDate(*d),
            tuple(mods),
            tuple(map(tuple, attrs)),
            tuple(map(cls.from_row, parts)),
            tuple(sent),
        )
