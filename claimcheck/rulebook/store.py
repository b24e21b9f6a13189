"""The compiled rulebook kept in the cache folder as JSON, read back by type: data that runs
nothing on load.

The cache folder sits in the newsroom's repository, so a pull request can put any file there; a
pickle of the rulebook would run whatever code such a file names, in CI and in every reporter's
hook. This file is JSON, and reading it makes only the schema's own classes, each value checked
against its field's type and `Spec` constraints, each entry against its own `check`, and the
entries against each other as `load` checks them: what comes back is a rulebook `load` could
have returned. Any doubt about the file costs one warning and a normal load, which stores it
afresh.

msgspec decodes the same way in C, but importing it took 8 to 14 ms of each hook run here, more
than all of reading this file (4 to 7 ms); the stdlib's json is imported by a run anyway.

Beside the JSON, when the user has a key (caching.mac_key), a sealed copy: the same data in
marshal's format behind a keyed digest of it. A copy whose digest verifies was written here, by
claimcheck, on this account; a run reads it instead of the JSON and makes the records without
their checks (`_decode_trusted`: 720M to 684M instructions of a hook run with the claim
cache's sealed rows). A copy that does not verify is never decoded, and the JSON is checked in
full as above.

Origins are kept by object identity in memory, which storing loses: they are stored as a list
parallel to `Rulebook.noted()`. What is compiled from the rules (`derived`: the vocabulary
automaton) is not stored but built again when a run needs it: storing pyahocorasick's 420 kB
automaton under the seal was measured, and digesting it cost more than building it saves.
"""

from __future__ import annotations

import functools
import json
import marshal
import os
import stat
import sys
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from claimcheck.infra import regexes
from claimcheck.infra.caching import code_digest, mac_key, make_folder, one_line, same_digest, seal
from claimcheck.model.dates import PartialDate
from claimcheck.rulebook import Origin, Rulebook, _cross_check, digest_of, load
from claimcheck.rulebook.schema import (
    ContextAlias,
    Currency,
    Entity,
    Event,
    Example,
    Fact,
    FiscalYear,
    Holder,
    Metric,
    Office,
    Person,
    RankFact,
    Ranking,
    Rate,
    Term,
    Variant,
)
from claimcheck.yamlio.records import Spec

KIND = "claimcheck compiled rulebook"
MAX_BYTES = 64 << 20  # read no more of the file than this: a rulebook is a few hundred kB
# the names of the files this module writes, and older versions did (pickles, their .tmp)
NAME = regexes.compile(
    r"^rulebook-[0-9a-f]{16}-[0-9a-f]{32}\.(?:(?:json|sealed)(?:\.\d+\.tmp)?|pickle|\d+\.tmp)$"
)
SEAL_KIND = b"claimcheck stored rulebook 1"  # what a seal is of: no other file's seal fits
SEAL_BYTES = 32
# refuse a link (claimcheck makes none) and never wait on a pipe
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
# the sections of the file that hold rule entries, in the order of the Rulebook's fields
SECTIONS: dict[str, type] = {
    "entities": Entity,
    "people": Person,
    "offices": Office,
    "metrics": Metric,
    "rankings": Ranking,
    "events": Event,
    "terms": Term,
    "facts": Fact,
    "rates": Rate,
    "currencies": Currency,
    "examples": Example,
}
# the sections the Rulebook keeps by id (the others are lists)
INDEXED = ("entities", "people", "offices", "metrics", "rankings", "events", "terms")
# every record class a stored rulebook holds, by name: the sections' and those inside them
RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (*SECTIONS.values(), ContextAlias, FiscalYear, Holder, RankFact, Variant)
}
_KEYS = {"kind", "code", "digest", "files", *SECTIONS, "paths", "origins", "plans"}
_INTS = (int, int, int)
Read = Callable[[Any], Any]  # a JSON value → the field's value; raises Unusable


class Unusable(ValueError):
    """A stored rulebook that is not one `load` could have returned."""


def load_cached(dirs: Sequence[Path], cache_dir: Path | None) -> Rulebook:
    """`load`, served from the stored rulebook when the rule files are unchanged.

    Parsing YAML with positions is the slow part of a run (seconds for a full rulebook); a hook
    runs with the same rules every time.
    """
    if cache_dir is None or not all(d.exists() for d in dirs):
        return load(dirs)
    try:
        digest = digest_of(dirs)
    except OSError:
        return load(dirs)
    code = code_digest()
    path = cache_dir / f"rulebook-{code[:16]}-{digest[:32]}.json"
    key = mac_key(cache_dir)
    book = read(path, code, digest, key)
    if book is None:
        book = load(dirs)
        write(book, path, code, key)
    return book


def read(path: Path, code: str, digest: str, key: bytes | None = None) -> Rulebook | None:
    """The rulebook stored at `path` for this code and these rule files; None (with a warning,
    unless there is no file) when there is none to use. With the user's key, a file whose seal
    verifies is read without checking each value again (claimcheck wrote it, from a rulebook
    `load` returned); any other is checked in full."""
    try:
        top = _unsealed(path, key)
        if top is not None:
            return _from_top(top, code, digest, trusted=True)
        data = _bytes(path)
        return None if data is None else decode(data, code, digest)
    except (OSError, ValueError, TypeError, LookupError, RecursionError, EOFError) as exc:
        _warn(path, exc)
        return None


def seal_path(path: Path) -> Path:
    """Where the sealed copy of a stored rulebook is kept: beside it, so the JSON stays plain."""
    return path.with_suffix(".sealed")


def _unsealed(path: Path, key: bytes | None) -> Any:
    """What the sealed copy beside the stored rulebook holds, when its seal verifies with the
    user's key; None otherwise.

    The copy is the same data as the JSON, in marshal's format: read in half the instructions
    of JSON (4M fewer in a hook run). marshal is not meant for data from anyone else, and gets
    none: it reads only bytes whose keyed digest proves claimcheck wrote them, on this account,
    with marshal.dumps of lists, texts and numbers (marshal makes no other objects, and runs
    nothing)."""
    if key is None:
        return None
    try:
        sealed = _bytes(seal_path(path))
    except (OSError, ValueError):
        return None
    if sealed is None:
        return None
    mark, body = sealed[:SEAL_BYTES], sealed[SEAL_BYTES:]
    if not same_digest(mark, seal(key, SEAL_KIND, body)):
        return None
    return marshal.loads(body)


def _bytes(path: Path) -> bytes | None:
    """The file's bytes, None when it does not exist. Raises OSError on a link, Unusable on a
    pipe, a device or a file of more than MAX_BYTES: none of them written by claimcheck."""
    try:
        fd = os.open(path, _OPEN)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unusable("not a regular file")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Unusable(f"larger than {MAX_BYTES >> 20} MB")
    return data


def decode(data: bytes, code: str, digest: str, trusted: bool = False) -> Rulebook:
    """The rulebook a stored file holds, checked as `load` checks a rule folder; `trusted` (its
    seal verified) makes the same objects without checking them."""
    return _from_top(json.loads(data), code, digest, trusted)


def _from_top(top: Any, code: str, digest: str, trusted: bool) -> Rulebook:
    if type(top) is not dict or top.keys() != _KEYS or top["kind"] != KIND:
        raise Unusable("not a stored rulebook")
    if top["code"] != code:
        raise Unusable("written by other code")
    if top["digest"] != digest:
        raise Unusable("written for other rule files")
    if trusted:
        return _decode_trusted(top, digest)
    strings = _reader(list[str])
    book = Rulebook(files=strings(top["files"]), digest=digest)
    section = {
        name: [_reader(cls)(v) for v in _of(list, top[name])] for name, cls in SECTIONS.items()
    }
    for name in INDEXED:
        index: dict[str, Any] = getattr(book, name)
        for entry in section[name]:
            if index.setdefault(entry.id, entry) is not entry:
                raise Unusable(f"duplicate {name} id {entry.id!r}")
    book.facts, book.rates = section["facts"], section["rates"]
    book.currencies = section["currencies"]
    examples = section["examples"]
    _note(book, examples, strings(top["paths"]), top["origins"])
    problems = _cross_check(book, set())  # a stored rulebook left nothing out
    if problems:
        raise Unusable(problems[0].message)
    return book


def _decode_trusted(top: dict[str, Any], digest: str) -> Rulebook:
    """What `decode` makes of a file claimcheck sealed, without its checks: each record made as
    its class's __init__ would (the stored values are all its fields, in order)."""
    book = Rulebook(files=top["files"], digest=digest)
    makers = _makers(top["plans"])
    section = {name: list(map(makers[cls.__name__], top[name])) for name, cls in SECTIONS.items()}
    for name in INDEXED:
        setattr(book, name, {entry.id: entry for entry in section[name]})
    book.facts, book.rates = section["facts"], section["rates"]
    book.currencies = section["currencies"]
    examples = section["examples"]
    paths, at_all = top["paths"], top["origins"]
    noted = list(book.noted())
    origins, kept = book.origins, book._entries  # what Rulebook.note fills, filled in line
    for entry, at in zip(noted, at_all[: len(noted)], strict=True):
        if at is not None:
            origins[id(entry)] = Origin(paths[at[0]], at[1], at[2])
            kept.append(entry)
    for entry, at in zip(examples, at_all[len(noted) :], strict=True):
        origin = origins[id(entry)] = Origin(paths[at[0]], at[1], at[2])
        kept.append(entry)
        book.examples.append((entry, origin))
    return book


def _note(book: Rulebook, examples: list[Example], paths: list[str], origins: Any) -> None:
    """Give each entry its origin: origins are [index in paths, line, column] (or null), in
    the order of `Rulebook.noted()`, which ends with the examples (not in the book yet)."""
    noted = [*book.noted(), *examples]
    if type(origins) is not list or len(origins) != len(noted):
        raise Unusable("origins do not match the entries")
    first = len(noted) - len(examples)
    for i, (entry, at) in enumerate(zip(noted, origins, strict=True)):
        if at is None and i < first:
            continue
        if type(at) is not list or len(at) != 3:
            raise Unusable(f"not an origin: {at!r}")
        index, line, column = at
        if (type(index), type(line), type(column)) != _INTS or not (
            0 <= index < len(paths) and line >= 1 and column >= 1
        ):
            raise Unusable(f"not an origin: {at!r}")
        origin = Origin(paths[index], line, column)
        book.note(entry, origin)
        if isinstance(entry, Example):
            book.examples.append((entry, origin))


def encode(book: Rulebook, code: str) -> bytes:
    """The stored form as JSON (ASCII: lone surrogates too)."""
    return json.dumps(_top(book, code), separators=(",", ":")).encode()


def _top(book: Rulebook, code: str) -> dict[str, Any]:
    """The stored form: the rulebook's entries as lists of their fields' values, and their
    origins by position in `Rulebook.noted()` instead of by identity."""
    paths: dict[str, int] = {}
    origins: list[list[int] | None] = []
    for entry in book.noted():
        o = book.origin(entry)
        origins.append(
            None if o is None else [paths.setdefault(o.path, len(paths)), o.line, o.column]
        )
    top: dict[str, Any] = {"kind": KIND, "code": code, "digest": book.digest, "files": book.files}
    for name in SECTIONS:
        entries = getattr(book, name)
        if name == "examples":
            entries = [e for e, _ in entries]
        top[name] = [
            _plain(e) for e in (entries.values() if isinstance(entries, dict) else entries)
        ]
    top["paths"] = list(paths)
    top["origins"] = origins
    top["plans"] = _plans()
    return top


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in fields(value)]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def write(book: Rulebook, path: Path, code: str, key: bytes | None = None) -> None:
    """Store the rulebook at `path` (with its seal, given the user's key), replacing any stored
    before; nothing when it would not read back the same (test_cache_security makes sure the
    rules it knows do) or the folder cannot be written."""
    try:
        data = encode(book, code)
        same = encode(decode(data, code, book.digest), code) == data
        if key is not None:  # the sealed copy's reading must give the same rulebook too
            same = same and encode(decode(data, code, book.digest, trusted=True), code) == data
    except (ValueError, TypeError, RecursionError):  # a type this module cannot store
        same = False
    if not same:
        return
    keep = {path, seal_path(path)}
    try:
        make_folder(path.parent)
        for old in path.parent.iterdir():
            if old not in keep and NAME.match(old.name):
                old.unlink(missing_ok=True)
        _replace(path, data)
        if key is not None:
            body = marshal.dumps(json.loads(data))  # exactly what the JSON holds
            _replace(seal_path(path), seal(key, SEAL_KIND, body) + body)
        else:
            seal_path(path).unlink(missing_ok=True)
    except OSError:
        pass


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _reader(tp: Any) -> Read:
    """How to read a value of type `tp` from JSON, checking it (a `Spec`'s constraints, a
    record's `check`): made once a type."""
    got = _READERS.get(tp)
    if got is None:
        got = _READERS[tp] = _make_reader(tp)
    return got


_READERS: dict[Any, Read] = {}


def _make_reader(tp: Any) -> Read:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        return _constrained(_make_reader(args[0]), tp.__metadata__)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"cannot read {tp}")
        one = _make_reader(inner[0])
        return lambda v: None if v is None else one(v)
    if origin is list:
        item = _make_reader(args[0])
        return lambda v: [item(x) for x in _of(list, v)]
    if origin is Literal:
        return lambda v: v if type(v) is str and v in args else _bad(v)
    if tp is PartialDate:
        return lambda v: _date(_of(str, v))
    if tp is float:
        return lambda v: v if type(v) is float else float(_of(int, v))
    if tp in (str, int, bool):
        return lambda v: _of(tp, v)
    if is_dataclass(tp) and isinstance(tp, type):
        return _record(tp)
    raise TypeError(f"cannot read {tp}")


def _record(cls: type) -> Read:
    """A record from the list of its fields' values: text, numbers and flags checked in line,
    the rest by their readers."""
    names = [f.name for f in fields(cls)]
    plain: list[tuple[int, tuple[type, ...]]] = []
    other: list[tuple[str, int, Read]] = []
    for i, f in enumerate(fields(cls)):
        tp = _hint(cls, f.type)
        simple = _simple(tp)
        if simple:
            plain.append((i, simple))
        else:
            other.append((f.name, i, _reader(tp)))
    own = getattr(cls, "check", None)

    def read(v: Any) -> Any:
        if type(v) is not list or len(v) != len(names):
            _bad(v)
        for i, types_ in plain:
            if type(v[i]) not in types_:
                _bad(v[i])
        values = dict(zip(names, v, strict=True))
        for name, i, r in other:
            values[name] = r(v[i])
        entry = cls(**values)
        if own is not None:
            own(entry)  # raises ValueError
        return entry

    return read


def _plans() -> dict[str, list[list[Any]]]:
    """Which fields of each record class a sealed file's reader converts, and how (see _spec):
    worked out from the schema's annotations when the file is written, and stored in it, so
    that reading it evaluates no annotation (that was 15M instructions of a hook run)."""
    plans: dict[str, list[list[Any]]] = {}
    for name, cls in RECORDS.items():
        plan = []
        for i, f in enumerate(fields(cls)):
            spec = _spec(_hint(cls, f.type))
            if spec is not None:
                plan.append([i, spec])
        plans[name] = plan
    return plans


def _spec(tp: Any) -> Any:
    """What `_reader(tp)` does to a value it accepts: None when it keeps it as it is, else
    "date", "float", ["?", spec] (or None), ["[]", spec] (each item) or ["record", name]."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        return _spec(args[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        one = _spec(inner)
        return None if one is None else ["?", one]
    if origin is list:
        item = _spec(args[0])
        return None if item is None else ["[]", item]
    if tp is PartialDate:
        return "date"
    if tp is float:
        return "float"
    if is_dataclass(tp) and isinstance(tp, type):
        if RECORDS.get(tp.__name__) is not tp:
            raise TypeError(f"cannot store {tp}")
        return ["record", tp.__name__]
    return None


def _makers(plans: dict[str, list[list[Any]]]) -> dict[str, Read]:
    """Each record class's maker, from the plans a sealed file holds."""
    makers: dict[str, Read] = {}
    for name, plan in plans.items():
        makers[name] = _make_maker(RECORDS[name], plan, makers)
    return makers


def _make_maker(cls: type, plan: list[list[Any]], makers: dict[str, Read]) -> Read:
    """The record with its fields' values set as its __init__ sets them (no __post_init__,
    every field given): those the plan names converted as `_reader` converts them."""
    names = [f.name for f in fields(cls)]
    convert = [(names[i], i, _converter(spec, makers)) for i, spec in plan]
    new = object.__new__

    def make(v: list[Any]) -> Any:
        entry: Any = new(cls)
        values = entry.__dict__  # filled in place: assigning a new dict costs twice as much
        values.update(zip(names, v, strict=True))
        for name, i, r in convert:
            values[name] = r(v[i])
        return entry

    return make


def _converter(spec: Any, makers: dict[str, Read]) -> Read:
    if spec == "date":
        return _trusted_date
    if spec == "float":
        return float
    kind, inner = spec
    if kind == "record":
        return lambda v: makers[inner](v)  # a class's maker may be made after this one's
    one = _converter(inner, makers)
    if kind == "?":
        return lambda v: None if v is None else one(v)
    return lambda v: [one(x) for x in v]


@functools.lru_cache(maxsize=4096)
def _trusted_date(text: str) -> PartialDate:
    """A date as `str(PartialDate)` wrote it: YYYY, YYYY-MM or YYYY-MM-DD."""
    return PartialDate(*map(int, text.split("-")))


def _simple(tp: Any) -> tuple[type, ...]:
    """The types a value of `tp` may have when that is all there is to check: str, int or bool,
    or None besides; () otherwise (floats too: an int is read as a float)."""
    if tp in (str, int, bool):
        return (tp,)
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2:
        some = _simple(args[0]) if args[1] is type(None) else ()
        return (*some, type(None)) if some else ()
    return ()


_HINTS: dict[tuple[str, str], Any] = {}


def _hint(cls: type, annotation: Any) -> Any:
    """A field's type: its annotation (the schema's source text, never the file's) evaluated in
    its module, as typing.get_type_hints does; each text once (half the cost: the schema
    repeats them)."""
    if not isinstance(annotation, str):
        return annotation
    key = (cls.__module__, annotation)
    got = _HINTS.get(key)
    if got is None:
        got = _HINTS[key] = eval(annotation, vars(sys.modules[cls.__module__]))
    return got


def _constrained(read: Read, metadata: tuple[Any, ...]) -> Read:
    tests = [t for spec in metadata if isinstance(spec, Spec) for t in _tests(spec)]
    if not tests:
        return read

    def check(v: Any) -> Any:
        value = read(v)
        for test in tests:
            if not test(value):
                _bad(v)
        return value

    return check


def _tests(spec: Spec) -> list[Callable[[Any], bool]]:
    """What a `Spec` asks of a value (pydantic's meaning of each constraint)."""
    tests: list[Callable[[Any], bool]] = []
    if spec.pattern is not None:
        found = _search(spec.pattern)
        tests.append(lambda v: found(v) is not None)
    if (n := spec.min_length) is not None:
        tests.append(lambda v: len(v) >= n)
    if (ge := spec.ge) is not None:
        tests.append(lambda v: bool(v >= ge))
    if (gt := spec.gt) is not None:
        tests.append(lambda v: bool(v > gt))
    return tests


@functools.cache
def _search(pattern: str) -> Callable[[str], Any]:
    """A pattern's search, compiled once a run: the schema's id pattern annotates dozens of
    fields."""
    return regexes.compile(pattern).search


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> PartialDate:
    """A date as a rule file gives it (a rulebook repeats many: each parsed once)."""
    try:
        return PartialDate.parse(text)
    except ValueError:
        _bad(text)


def _of(tp: type, v: Any) -> Any:
    if type(v) is not tp:
        _bad(v)
    return v


def _bad(v: Any) -> typing.NoReturn:
    raise Unusable(f"unexpected value {v!r:.60}")


def _warn(path: Path, exc: BaseException) -> None:
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    message = f"{path}: stored rulebook unusable ({reason}); rebuilding it"
    print(f"claimcheck: warning: {one_line(message)}", file=sys.stderr)
