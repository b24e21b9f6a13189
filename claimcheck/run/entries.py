"""A document's entry in the claim store: written by the step, read back by the store.

An entry is four parts of JSON text (PARTS), stored apart so that a hook run reads only what it
needs of the corpus: meta (document metadata and problems), findings (the document engines'),
corpus (claims the corpus engines read), rest (the other claims). What is read back is checked
against the shapes written here before any of it is used.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import SEVERITIES, Finding
from claimcheck.run import articles

PARTS = ("meta", "findings", "corpus", "rest")
# What an entry gives back: the document, its problems, the document engines' findings, the
# claims kept and the count of every claim (the step's Outcome, less what only a fresh one has).
Decoded = tuple[Document | None, list[Finding], list[Finding], list[Claim], int]


def encode(
    doc: Document | None,
    problems: list[Finding],
    found: list[Finding],
    claims: list[Claim],
    kinds: frozenset[str] | None,
) -> dict[str, str]:
    """A document's entry, each part as JSON: metadata, the document engines' findings, the
    claims corpus engines read, and the rest."""
    meta = {
        "doc": articles.to_record(doc) if doc else None,
        "problems": [f.to_record() for f in problems],
        "count": len(claims),
    }
    corpus = [c.to_row() for c in claims if kinds is None or c.kind in kinds]
    rest = [c.to_row() for c in claims if kinds is not None and c.kind not in kinds]
    parts = {"meta": meta, "findings": [f.to_record() for f in found], "corpus": corpus}
    parts["rest"] = rest
    return {k: json_text(v) for k, v in parts.items()}


def json_text(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def decode(shown: str, raw: bytes | None, checked: bool, data: dict[str, Any]) -> Decoded:
    """A file's document, findings and claims from its entry: a corpus file's text is read when
    a line of it is cited, a checked file's now (from `raw` when the caller has its bytes).
    Raises KeyError, TypeError or ValueError on a malformed entry, OSError when the file is gone
    since it was keyed."""
    meta = data["meta"]
    claims = data.get("corpus", []) + data.get("rest", [])
    if "rest" in data:  # back in text order, as extracted (the sort is stable)
        claims.sort(key=lambda c: (c[1], c[2], c[0]))  # start, end, kind
    doc = None
    if meta["doc"] is not None and raw is None and not checked:
        doc = articles.from_record(shown, "", meta["doc"], articles.reader(shown))
    elif meta["doc"] is not None:
        if raw is None:
            raw = articles.read_bytes(Path(shown))
        doc = articles.from_record(shown, articles.decode(raw), meta["doc"])
    return (
        doc,
        [Finding.from_record(shown, p) for p in meta["problems"]],
        [Finding.from_record(shown, p) for p in data.get("findings", [])],
        [Claim.from_row(c) for c in claims],
        meta["count"],
    )


def claims_in_order(rows: list[Any]) -> list[Claim]:
    """Claims from their rows (decoded and shape-checked), in text order as extracted."""
    claims = [Claim.from_row(c) for c in rows]
    return sorted(claims, key=lambda c: (c.start, c.end, c.kind))


# What an entry's parts hold, checked before any of it is used: a value of another type would
# crash a check or change a finding. The shapes are those `encode` writes (claims as
# Claim.to_row, findings as Finding.to_record, the document as documents.to_record), in checks
# of JSON types alone, fast enough for every claim of a warm run over an archive.


def _claim_fits(row: Any) -> bool:
    """A Claim.to_row: the types of its 14 fields at once, then what the lists hold."""
    if type(row) is not list or len(row) != 14 or tuple(map(type, row)) not in _CLAIM_TYPES:
        return False
    _, _, _, _, _, _, v, _, p, d, mods, attrs, parts, sent = row
    return (
        (v is None or _quantity_fits(v))
        and (p is None or (len(p) == 3 and all(type(x) is str for x in p)))  # fromisoformat
        and (d is None or _date_fits(d))  # checks the dates of a period, not of a date
        and _lists_fit(mods, attrs, parts, sent)
    )


def _lists_fit(mods: list[Any], attrs: list[Any], parts: list[Any], sent: list[Any]) -> bool:
    """A claim's modifiers, attributes, parts (claims themselves) and sentence span."""
    return (
        all(type(x) is str for x in mods)
        and all(
            type(a) is list and len(a) == 2 and type(a[0]) is str and type(a[1]) is str
            for a in attrs
        )
        and all(map(_claim_fits, parts))
        and len(sent) == 2
        and type(sent[0]) is int
        and type(sent[1]) is int
    )


def _quantity_fits(v: Any) -> bool:
    if type(v) is not list or len(v) != 6:
        return False
    low, high, unit, digits, scale, hedge = v
    return (
        type(low) in _NUMBER
        and type(high) in _NUMBER
        and type(unit) in _TEXT_OR_NONE
        and type(digits) is str
        and type(scale) in _TEXT_OR_NONE
        and type(hedge) in _TEXT_OR_NONE
    )


def _date_fits(d: Any) -> bool:
    """[year, month, day] of a PartialDate, month and day possibly null."""
    if type(d) is not list or len(d) != 3:
        return False
    year, month, day = d
    if type(year) is not int or not 1 <= year <= 9999:
        return False
    if month is None:
        return day is None
    if type(month) is not int or not 1 <= month <= 12:
        return False
    return day is None or (type(day) is int and 1 <= day <= calendar.monthrange(year, month)[1])


def _texts(v: Any) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _finding_fits(f: Any) -> bool:
    return (
        type(f) is dict
        and f.keys() == _FINDING_KEYS
        and type(f["rule"]) is str
        and type(f["category"]) is str
        and f["severity"] in SEVERITIES
        and type(f["at"]) is list
        and len(f["at"]) == 4
        and all(type(n) is int for n in f["at"])
        and type(f["message"]) is str
        and type(f["related"]) is list
        and all(map(_related_fits, f["related"]))
        and type(f["fix"]) in _TEXT_OR_NONE
        and type(f["anchor"]) is str
        and type(f["inferred"]) is list
        and all(_texts(p) and len(p) == 2 for p in f["inferred"])
    )


def _related_fits(r: Any) -> bool:
    return (
        type(r) is dict
        and r.keys() == _RELATED_KEYS
        and type(r["path"]) is str
        and type(r["line"]) is int
        and type(r["column"]) is int
        and type(r["message"]) is str
    )


def _meta_fits(m: Any) -> bool:
    if type(m) is not dict or m.keys() != {"doc", "problems", "count"}:
        return False
    doc = m["doc"]
    return (
        (doc is None or _doc_fits(doc))
        and type(m["problems"]) is list
        and all(map(_finding_fits, m["problems"]))
        and type(m["count"]) is int
    )


def _doc_fits(d: Any) -> bool:
    return (
        type(d) is dict
        and d.keys() == {"body_start", "meta", "date", "date_source"}
        and type(d["body_start"]) is int
        and type(d["meta"]) is dict
        and type(d["date"]) in _TEXT_OR_NONE  # PartialDate.parse checks it
        and type(d["date_source"]) is str
    )


def joined_row(claim: Any, date: Any, source: Any) -> list[Any] | None:
    """The claim row a join row holds, None unless it fits Claim.to_row's shape."""
    if type(claim) is not str or type(date) is not str or type(source) is not str:
        return None
    try:
        row = json.loads(claim)
    except (ValueError, RecursionError):
        return None
    return row if _claim_fits(row) else None


def _list_of(fits: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: type(v) is list and all(map(fits, v))


_TEXT_OR_NONE = (str, type(None))
_CLAIM_TYPES = {
    (str, int, int, str, subject, target, value, rank, period, date, list, list, list, list)
    for subject in _TEXT_OR_NONE
    for target in _TEXT_OR_NONE
    for value in (list, type(None))
    for rank in (int, type(None))
    for period in (list, type(None))
    for date in (list, type(None))
}
_INT_OR_NONE = (int, type(None))
_NUMBER = (int, float)
_FINDING_KEYS = {
    "rule",
    "category",
    "severity",
    "at",
    "message",
    "related",
    "fix",
    "anchor",
    "inferred",
}
_RELATED_KEYS = {"path", "line", "column", "message"}


_PART_FITS: dict[str, Callable[[Any], bool]] = {
    "meta": _meta_fits,
    "findings": _list_of(_finding_fits),
    "corpus": _list_of(_claim_fits),
    "rest": _list_of(_claim_fits),
}


def misfit(entry: dict[str, Any]) -> str | None:
    """The first part of an entry that is not as `encode` writes it (None: all fit)."""
    return next((name for name, part in entry.items() if not _PART_FITS[name](part)), None)
