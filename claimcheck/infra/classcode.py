"""The methods `dataclasses` generates, compiled once per interpreter, not once per process.

A dataclass's `__init__`, `__eq__`, `__hash__`, `__repr__` (and order methods) are written as
Python source and compiled by `exec` when the class is made: about 2M instructions a class, some
120M of a 680M hook run for the sixty-odd classes it imports (parsing and compiling, every run).
The code depends only on that text and the interpreter, so the command line keeps it as bytecode
is kept (claimcheck.infra.pycache, as regexes.py keeps patterns): in `__pycache__` beside this
module, named for the interpreter and its optimisation level, with a CRC; not written when Python
is told not to write bytecode. Any doubt about the file (partial, damaged, foreign) means compiling
as `exec` does. The table is keyed by the whole source text, so what it serves is what `exec` would
have compiled, whatever version of a class or of Python wrote it.

Only the command line installs it (`install`, from claimcheck.cli.run): a library user's process
and its other dataclasses are left as they are.
"""

from __future__ import annotations

import builtins
import sys
from types import CodeType
from typing import Any

from claimcheck.infra import pycache

_FILE = pycache.path(f"classcode.{sys.implementation.cache_tag}-O{sys.flags.optimize}.marshal")
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
    table = pycache.read(_FILE)
    return {k: v for k, v in table.items() if type(k) is str and type(v) is CodeType}


def save() -> None:
    """Add this process's newly compiled methods to the file. claimcheck.cli.run calls it
    before the process ends."""
    pycache.save(_FILE, _new)
