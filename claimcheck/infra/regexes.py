"""Regular expressions compiled once per interpreter, not once per process.

Python turns a pattern into SRE code in pure Python (re._parser, re._compiler) in every process
that compiles it: about 20 ms of each hook run for claimcheck's English phrase patterns. That code
depends only on the pattern, the flags and the interpreter, so it is kept the way bytecode is, in
`__pycache__` beside this module (not when Python is told not to write bytecode), and handed
straight to `_sre.compile` next time. The file is named for the interpreter and its SRE version
and carries a CRC; any doubt about it (a partial write, a damaged or foreign file, code CPython
rejects) means compiling as `re.compile` does, as on any other Python implementation.
"""

from __future__ import annotations

import atexit
import re
import sys
from array import array
from typing import Any

from claimcheck.infra import pycache

try:
    import _sre  # type: ignore[import-not-found]

    _TAG: str | None = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    if array("I").itemsize != _sre.CODESIZE:
        _TAG = None
except (ImportError, AttributeError):  # not CPython: plain re.compile
    _TAG = None

# (final flags, code, number of groups, group index, index group), by (pattern, flags); the code
# is kept as the bytes of an array (marshal reads a list of ints twenty times slower)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_FILE = pycache.path(f"regexes.{_TAG}.marshal")
_known: dict[tuple[str, int], Entry] | None = None
_new: dict[tuple[str, int], Entry] = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cached SRE code when there is some."""
    if _TAG is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _table().get(key)
    if entry is not None:
        try:
            return _compiled(pattern, entry)
        except Exception:  # code this interpreter rejects: compile it afresh
            pass
    try:
        entry = _code(pattern, int(flags))
        compiled = _compiled(pattern, entry)
    except Exception:  # re's internals differ from what this module knows
        return re.compile(pattern, flags)
    _new[key] = entry
    return compiled


def _compiled(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, raw, groups, groupindex, indexgroup = entry
    code = array("I")
    code.frombytes(raw)
    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _code(pattern: str, flags: int) -> Entry:
    """What re._compiler.compile hands to _sre.compile (CPython 3.11-3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _table() -> dict[tuple[str, int], Entry]:
    global _known
    if _known is None:
        _known = _read()
    return _known


def _read() -> dict[tuple[str, int], Entry]:
    return pycache.read(_FILE)


def save() -> None:
    """Add this process's new patterns to the file. Run at exit, or by whoever ends the process
    by other means (claimcheck.cli.run)."""
    pycache.save(_FILE, _new)


atexit.register(save)


def cached(pattern: str, flags: int = 0) -> Any:
    """The cached entry of a pattern, if any (for tests)."""
    return _table().get((pattern, flags))
