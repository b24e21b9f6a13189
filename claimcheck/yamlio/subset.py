"""A strict reader for the plain YAML that front matter and `.claimcheck.yaml` are written in.

Importing ruamel.yaml costs a hook run more than reading its two small YAML blocks. For a small
subset this reader gives exactly what ruamel's safe loader gives (YAML 1.2, ruamel's resolver) and
raises NotSimple for anything else, which the caller then reads with ruamel. Declining is always
correct and a wrong value never is, so every rule below errs towards declining.

The subset: a top-level block mapping (or nothing) of plain-word keys, whose values are scalars,
one-line flow sequences of scalars, or an indented block of `- scalar` items or `key: scalar`
pairs; comments and blank lines. A scalar is single- or double-quoted without escapes, or plain:
typed as null, bool, a decimal int, a float in plain decimal form, a `YYYY-MM-DD` date, or text
only when no other reading of it is possible.
"""

from __future__ import annotations

import datetime as dt
import re

Scalar = str | int | float | bool | dt.date | None
Value = Scalar | list[Scalar] | dict[str, Scalar]


class NotSimple(Exception):
    """The text is outside the subset read here (which says nothing about whether it is valid)."""


_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")  # no int, float or timestamp: text ("2021-02")
# Every character of every int, float and timestamp form ruamel resolves (0x1F, 1_000, .inf, .NaN,
# 1e3, 2001-12-14t21:59:43.10Z ...): a plain scalar starting like a number is text for certain only
# when it holds a character outside this set ("10 things", "./rules").
_NUMBERISH = frozenset("0123456789_.+-: eEoOxXbBaAcCdDfFiInNtTzZ")
# ASCII controls (tab and CR included: both change how YAML reads a line), DEL.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*):(?= |$)")
_FLOW_PLAIN = re.compile(r"[^,\]]*")


def load(text: str) -> dict[str, Value] | None:
    """The document's value, as ruamel's safe loader gives it; NotSimple outside the subset."""
    _check_characters(text)
    lines = text.split("\n")
    out: dict[str, Value] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if _blank(line):
            continue
        key, rest = _key(line)
        if key in out:
            raise NotSimple("duplicate key")
        if _blank(rest):
            out[key], i = _block(lines, i)
        else:
            out[key] = _inline(rest.lstrip(" "), flow=True)
    return out or None


def _check_characters(text: str) -> None:
    if _CONTROL.search(text):
        raise NotSimple("a control character")
    if not text.isascii() and not all(c.isascii() or c.isprintable() for c in text):
        raise NotSimple("a non-printable character")  # NEL, LS, PS, BOM, C1 controls, ...


def _blank(line: str) -> bool:
    """Whether a line (or what follows a key) holds nothing but spaces and a comment."""
    stripped = line.lstrip(" ")
    return not stripped or stripped.startswith("#")


def _key(line: str) -> tuple[str, str]:
    """A `key:` at the start of a line, and what follows the colon."""
    m = _KEY.match(line)
    if m is None or not isinstance(_scalar(m[1]), str):  # `true:` or `null:` is no text key
        raise NotSimple("not a plain key")
    return m[1], line[m.end() :]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], i: int) -> tuple[Value, int]:
    """The value of a key with nothing after its colon: null, `- item` lines or `key: value`
    lines, all at one indentation; and the index of the line after it."""
    j = i
    while j < len(lines) and _blank(lines[j]):
        j += 1
    if j == len(lines):
        return None, i
    indent = _indent(lines[j])
    is_list = lines[j][indent:].startswith("-")
    if indent == 0 and not is_list:
        return None, i  # the next key follows
    items: list[Scalar] = []
    pairs: dict[str, Scalar] = {}
    while j < len(lines):
        line = lines[j]
        if _blank(line):
            j += 1
            continue
        here = _indent(line)
        if here == 0 and (indent > 0 or not line.startswith("-")):
            break  # back at the top level
        if here != indent:
            raise NotSimple("uneven indentation or a multi-line value")
        if is_list:
            if not line[indent:].startswith("- "):
                raise NotSimple("not a `- item` line")
            item = line[indent + 2 :].lstrip(" ")
            if _blank(item):
                raise NotSimple("an empty item")
            items.append(_scalar_or_quoted(item))
        else:
            key, rest = _key(line[indent:])
            if key in pairs:
                raise NotSimple("duplicate key")
            if _blank(rest):
                raise NotSimple("a nested value that is not a scalar")
            pairs[key] = _scalar_or_quoted(rest.lstrip(" "))
        j += 1
    return (items if is_list else pairs), j


def _inline(text: str, flow: bool) -> Value:
    """A value written on its key's line: a scalar, or a one-line flow sequence."""
    if flow and text.startswith("["):
        return _flow(text)
    return _scalar_or_quoted(text)


def _scalar_or_quoted(text: str) -> Scalar:
    """A scalar followed by nothing but an optional comment."""
    if text[0] in "'\"":
        value, rest = _quoted(text)
        _end(rest)
        return value
    cut = text.find(" #")
    plain = (text if cut < 0 else text[:cut]).rstrip(" ")
    if ": " in plain or plain.endswith(":"):
        raise NotSimple("a colon that YAML would read as a mapping")
    return _scalar(plain)


def _quoted(text: str) -> tuple[str, str]:
    """A quoted string without escapes (no '' inside '...', no backslash inside "..."), and what
    follows it."""
    quote = text[0]
    end = text.find(quote, 1)
    if end < 0:
        raise NotSimple("a quoted string that does not end on its line")
    value = text[1:end]
    if quote == '"' and "\\" in value:
        raise NotSimple("an escape")
    return value, text[end + 1 :]


def _end(rest: str) -> None:
    """What may follow a quoted scalar or a flow sequence: spaces, then a comment."""
    if rest.strip(" ") and not (rest.startswith(" ") and rest.lstrip(" ").startswith("#")):
        raise NotSimple("text after a closed value")


def _flow(text: str) -> list[Scalar]:
    """`[a, 'b', 2020-01-01]` on one line; no nesting, no empty or trailing items."""
    items: list[Scalar] = []
    pos = 1
    while True:
        while text[pos : pos + 1] == " ":
            pos += 1
        if not items and text[pos : pos + 1] == "]":
            return _flow_end(items, text[pos + 1 :])
        if text[pos : pos + 1] in ("'", '"'):
            value, rest = _quoted(text[pos:])
            items.append(value)
            pos = len(text) - len(rest)
        else:
            m = _FLOW_PLAIN.match(text, pos)
            assert m is not None
            plain = m[0].rstrip(" ")
            if not plain or any(c in plain for c in "[]{}#:?'\""):
                raise NotSimple("a flow item that is not a plain scalar")
            items.append(_scalar(plain))
            pos = m.end()
        while text[pos : pos + 1] == " ":
            pos += 1
        sep = text[pos : pos + 1]
        pos += 1
        if sep == "]":
            return _flow_end(items, text[pos:])
        if sep != ",":
            raise NotSimple("a flow sequence that does not end on its line")


def _flow_end(items: list[Scalar], rest: str) -> list[Scalar]:
    _end(rest)
    return items


def _scalar(text: str) -> Scalar:
    """A one-line plain scalar, typed as ruamel's YAML 1.2 resolver and constructor type it."""
    if not text or text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    try:
        if _INT.fullmatch(text):
            return int(text)  # ValueError past Python's digit limit: ruamel fails there too
        if _FLOAT.fullmatch(text):
            return float(text)
        if _DATE.fullmatch(text):
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        raise NotSimple("a number or date that does not construct") from None
    if _MONTH.fullmatch(text):
        return text
    first = text[0]
    if first in "0123456789." and _NUMBERISH.issuperset(text):
        raise NotSimple("a number or a time this reader does not type")
    if not (first.isalnum() or first in "./($_" or not first.isascii()):  # also "-x", "+1"
        raise NotSimple("an indicator (anchor, alias, tag, block scalar...) or a sign")
    return text
