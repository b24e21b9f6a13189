"""The methods `dataclasses` generates, compiled once per interpreter, not once per process.

A dataclass's `__init__`, `__eq__`, `__hash__`, `__repr__` (and order methods) are written as
Python source and compiled by `exec` when the class is made: about 2M instructions a class, some
120M of a 680M hook run for the sixty-odd classes it imports (parsing and compiling, every run).
The code depends only on that text and the interpreter, so the command line keeps it as bytecode
is kept (see regexes.py, which does the same for patterns): in `__pycache__` beside this module,
named for the interpreter and its optimisation level, with a CRC; not written when Python is told
not to write bytecode. Any doubt about the file (partial, damaged, foreign) means compiling as
`exec` does. The table is keyed by the whole source text, so what it serves is what `exec` would
have compiled, whatever version of a class or of Python wrote it.

Only the command line installs it (`install`, from claimcheck.cli.run): a library user's process
and its other dataclasses are left as they are.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
import zlib
from types import CodeType
from typing import Any

_FILE = os.path.join(
    os.path.dirname(__file__),
    "__pycache__",
    f"classcode.{sys.implementation.cache_tag}-O{sys.flags.optimize}.marshal",
)
_LIMIT = 2000  # entries a file may hold before it is started afresh (classes of old versions)
_known: dict[str, CodeType] = {}
_new: dict[str, CodeType] = {}


def install() -> bool:
    """Serve the source `dataclasses` compiles from the table (its one `exec` call looks the
    name up in the module's globals first). False where this is not CPython's dataclasses."""
    import dataclasses

    if sys.implementation.cache_tag is None or not hasattr(dataclasses, "_create_fn"):
        return False
    global _known
    _known = _read()
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    return True


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> None:
    """`exec`, with source text compiled from the table when it is there. dont_inherit: the
    text is compiled with no future flags, as `exec` called in dataclasses.py compiles it."""
    if type(source) is str:
        code = _known.get(source) or _new.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _new[source] = code
        source = code
    builtins.exec(source, globals, locals, **kwargs)


def _read() -> dict[str, CodeType]:
    """The file's table: a CRC-32 of the marshalled table, then the table."""
    try:
        with open(_FILE, "rb") as fh:
            raw = fh.read()
        if int.from_bytes(raw[:4], "little") != zlib.crc32(memoryview(raw)[4:]):
            return {}
        data = marshal.loads(raw[4:])
    except Exception:  # missing, partial or foreign
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if type(k) is str and type(v) is CodeType}


def save() -> None:
    """Add this process's newly compiled methods to the file (another process may have written
    it since: its entries are kept), atomically. claimcheck.cli.run calls it before the process
    ends."""
    if not _new or sys.dont_write_bytecode:
        return
    table = _read()
    if len(table) + len(_new) > _LIMIT:
        table = {}
    table.update(_new)
    tmp = f"{_FILE}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(_FILE), exist_ok=True)
        payload = marshal.dumps(table)
        with open(tmp, "wb") as fh:
            fh.write(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, _FILE)
        _new.clear()
    except (OSError, ValueError):  # a read-only install: compiled in each process, as before
        with contextlib.suppress(OSError):
            os.unlink(tmp)
