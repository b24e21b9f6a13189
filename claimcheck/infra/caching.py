"""What the two caches of the cache folder share (the claim store, claimcheck.run.store, and the
compiled rulebook, claimcheck.rulebook.store): the folder itself, the digest of the code whose
changes must empty them, and the user's own key that seals what claimcheck wrote.

It sits underneath both, so that neither imports the other.
"""

from __future__ import annotations

import _operator
import os
import stat
from collections.abc import Callable
from pathlib import Path

import claimcheck
from claimcheck import __version__
from claimcheck.infra.hashing import hasher

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

GITIGNORE = "# Created by claimcheck: nothing here belongs in the repository.\n*\n"
# The code that decides what a cache holds: the extractors, the engines (join keys are the corpus
# engines', and the document engines' findings are stored) and the reasoning they share, the
# compiled rulebook's classes, the model all of them read, what reads an article and its front
# matter, and the infrastructure under them (compiled patterns, value classes).
CODE_FOLDERS = ("infra", "model", "yamlio", "rulebook", "extract", "judge", "checks")
CODE_FILES = ("run/articles.py",)


def code_digest() -> str:
    """A hash of the code that reads documents and extracts claims, so that a changed extractor
    (a new release, or a developer's edit) never serves claims the old code extracted."""
    global _CODE
    if _CODE is None:
        _CODE = digest_of_code(Path(claimcheck.__file__).parent)
    return _CODE


def digest_of_code(package: Path) -> str:
    """The files' names, sizes and modification times, as Python keys bytecode (reading the
    files took 2 ms of a hook run)."""
    h = hasher(f"{__version__}\0".encode())
    parts = [p for folder in CODE_FOLDERS for p in sorted((package / folder).glob("*.py"))]
    parts.extend(package / name for name in CODE_FILES)
    for p in parts:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        h.update(f"{p.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


_CODE: str | None = None


def keyed_hasher(key: bytes, size: int) -> blake2b:
    """BLAKE2b in its keyed mode, a MAC by design (RFC 7693), in C from the built-in module,
    where hmac would import OpenSSL."""
    return blake2b(key=key, digest_size=size)


KEY_BYTES = 32
_KEYS: dict[str, bytes | None] = {}


def mac_key(cache_dir: Path) -> bytes | None:
    """The user's own random key, which marks the cache files claimcheck wrote on this account.

    A file of the cache folder whose keyed digest (seal) verifies was written by claimcheck, and
    what it holds is used without checking each value again; the key lives in the user's cache
    folder ($XDG_CACHE_HOME/claimcheck/key or ~/.cache/claimcheck/key), never in the project, so
    a file committed to the repository cannot carry a seal that verifies. None when it cannot be
    read or made, or would fall inside the project: every file is then checked in full."""
    path = _key_path()
    if path is None:
        return None
    project = os.path.abspath(cache_dir.parent)
    try:
        if os.path.commonpath([project, path]) == project:
            return None
    except ValueError:  # on another drive: not inside
        pass
    if path not in _KEYS:
        _KEYS[path] = _read_key(path) or _make_key(path)
    return _KEYS[path]


def _key_path() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative: the XDG specification ignores it
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(os.path.abspath(base), "claimcheck", "key")


def _read_key(path: str) -> bytes | None:
    """The key, when it is a regular file of this user's that nobody else may read or write."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        ok = stat.S_ISREG(st.st_mode) and not st.st_mode & 0o077
        if ok and hasattr(os, "getuid"):
            ok = st.st_uid == os.getuid()
        key = os.read(fd, KEY_BYTES + 1) if ok else b""
    except OSError:
        key = b""
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _make_key(path: str) -> bytes | None:
    """A new key, written in one call to a file only this user may read (O_EXCL: a run making
    it at the same moment keeps its own, and this run checks in full)."""
    key = os.urandom(KEY_BYTES)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except OSError:
        return _read_key(path)  # made by another run in the meantime, or not at all
    try:
        written = os.write(fd, key)
    except OSError:
        written = 0
    finally:
        os.close(fd)
    return key if written == KEY_BYTES else None


# hmac.compare_digest (in constant time), without hmac's import of OpenSSL; a plain alias, as
# `joined` calls it for every claim a hook run meets.
same_digest: Callable[[bytes, bytes], bool] = _operator._compare_digest


def seal(key: bytes, *parts: bytes) -> bytes:
    """The keyed digest of the parts, each with its length (so that no two lists of parts
    read as one)."""
    h = keyed_hasher(key, 32)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def one_line(text: str, limit: int = 300) -> str:
    """A message that may quote what a cache file held (SQLite's errors name its objects): one
    line, no control characters (a terminal obeys escapes), and not a page of it."""
    text = "".join(c if c.isprintable() else " " for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def make_folder(folder: Path) -> None:
    """Make the cache folder if there is none, with a .gitignore that keeps all of it out of
    the repository (as pytest and ruff do with theirs)."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return  # made by another run in the meantime (or a file: opening in it fails)
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
