"""Tables of compiled things kept the way bytecode is kept, in `__pycache__` beside claimcheck.

Two tables use it: regexes.py (the SRE code of patterns) and classcode.py (the methods
`dataclasses` generates). Each is a marshalled dict behind a CRC-32, written atomically, never when
Python is told not to write bytecode, started afresh past LIMIT entries (those of old versions).
Any doubt about a file (missing, partial, damaged, foreign) reads as an empty table, and the caller
compiles as it would with no table at all.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from typing import Any

LIMIT = 2000


def path(name: str) -> str:
    """Where a table called `name` lives: the package's own `__pycache__`."""
    return os.path.join(os.path.dirname(__file__), "__pycache__", name)


def read(file: str) -> dict[Any, Any]:
    """The file's table; empty when there is any doubt about it."""
    try:
        with open(file, "rb") as fh:
            raw = fh.read()
        if int.from_bytes(raw[:4], "little") != zlib.crc32(memoryview(raw)[4:]):
            return {}
        data = marshal.loads(raw[4:])
    except Exception:  # missing, partial or foreign
        return {}
    return data if isinstance(data, dict) else {}


def save(file: str, new: dict[Any, Any]) -> None:
    """Add `new` to the file's table (another process may have written it since: its entries are
    kept), atomically, and empty `new` once written. A read-only install keeps nothing: each
    process compiles again, as without a table."""
    if not new or sys.dont_write_bytecode:
        return
    table = read(file)
    if len(table) + len(new) > LIMIT:
        table = {}
    table.update(new)
    tmp = f"{file}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        payload = marshal.dumps(table)
        with open(tmp, "wb") as fh:
            fh.write(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, file)
        new.clear()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
