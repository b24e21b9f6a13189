"""One spelling per file, however it was named (`./a.md`, `a.md`, `/abs/a.md`): what findings,
documents and the stat index compare paths by."""

from __future__ import annotations

import functools
import os


def key(path: str) -> str:
    """One spelling per file, however it was named (`./a.md`, `a.md`, `/abs/a.md`)."""
    return _key(os.getcwd(), path)


@functools.cache
def _key(cwd: str, path: str) -> str:
    return os.path.normpath(os.path.join(cwd, path))


_CLEAN_SEP = os.sep == "/" and not os.altsep


def absolute(here: str, shown: str) -> str:
    """`os.path.normpath(os.path.join(here, shown))`: one spelling per file. A clean absolute
    path (no `//`, no `/.` that could be `/./` or `/../`, no separator at its end), as a
    corpus glob gives a thousand of, is already that: two calls of Python code saved a file."""
    if (
        _CLEAN_SEP
        and shown[:1] == "/"
        and shown[-1:] != "/"
        and "//" not in shown
        and "/." not in shown
    ):
        return shown
    return os.path.normpath(os.path.join(here, shown))
