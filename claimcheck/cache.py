"""The claim cache: each document's metadata and claims, keyed by content, rulebook and version.

A hook run checks one new article against a corpus of thousands; every unchanged article's claims
come from here instead of being extracted again. SQLite in WAL mode with a busy timeout lets two
runs share the file; a file that is corrupt or not ours is moved aside and rebuilt with a warning,
never a crash, because a cache must never cost the user their run.
"""

from __future__ import annotations

import _operator
import calendar
import contextlib
import json
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.findings import SEVERITIES
from claimcheck.hashing import hasher

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

CACHE_DIR = ".claimcheck_cache"
CACHE_FILE = "claims.sqlite"
SCHEMA = 11
# An entry's parts, stored apart so that a hook run reads only what it needs of the corpus:
# meta (document metadata and problems), findings (the document engines'), corpus (claims the
# corpus engines read), rest (the other claims).
PARTS = ("meta", "findings", "corpus", "rest")
# Over this many files, the stat index is read whole rather than looked up path by path.
_SCAN_OVER = 2000
_APP_ID = 0x636C6D63  # "clmc": marks the file as ours
# The tables, exactly as created: a file of ours holds these and their primary keys' indexes,
# nothing else (no trigger, view or index runs or reads anything on our statements).
_TABLES = {
    "entries": "CREATE TABLE entries (key TEXT PRIMARY KEY, "
    + ", ".join(f"{p} TEXT NOT NULL" for p in (*PARTS, "join_keys"))
    + ")",
    # each entry's claims that can meet another article's, by join key: a hook run reads these,
    # not whole entries
    # (seal: the keyed digest of the claim, see _row_seal)
    "joins": "CREATE TABLE joins (join_key TEXT, key TEXT, claim TEXT, date TEXT,"
    " date_source TEXT, seal BLOB, PRIMARY KEY (join_key, key, claim)) WITHOUT ROWID",
    # the stat index: a file's content key while its status is unchanged
    "files": "CREATE TABLE files (path TEXT PRIMARY KEY, stat TEXT, key TEXT)",
}
# The longest text or blob read from the file: what a run can need of one document is far less;
# a crafted file holding more costs a warning, not the memory.
MAX_VALUE = 64 << 20
UNUSABLE = None  # a claim row that is no claim: Claim.from_row raises TypeError (see joined)
GITIGNORE = "# Created by claimcheck: nothing here belongs in the repository.\n*\n"


def code_digest() -> str:
    """A hash of the code that reads documents and extracts claims, so that a changed extractor
    (a new release, or a developer's edit) never serves claims the old code extracted."""
    global _CODE
    if _CODE is None:
        _CODE = digest_of_code(Path(__file__).parent)
    return _CODE


def digest_of_code(package: Path) -> str:
    """The files' names, sizes and modification times, as Python keys bytecode (reading the
    files took 2 ms of a hook run)."""
    h = hasher(f"{__version__}\0{SCHEMA}".encode())
    parts = [
        *sorted((package / "extract").glob("*.py")),
        *sorted((package / "checks").glob("*.py")),  # join keys are the corpus engines'
        *sorted((package / "judge").glob("*.py")),  # ... made of the judge's readings
        *sorted((package / "rulebook").glob("*.py")),  # the compiled rulebook's classes
        *(package / n for n in ("claims.py", "dates.py", "documents.py", "vocab.py")),
    ]
    for p in parts:
        st = p.stat()
        h.update(f"{p.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


_CODE: str | None = None


def content_key(raw: bytes, context: bytes, rulebook_digest: str) -> str:
    """A document's key: its bytes, what else decides how it reads (its folder's manifest), the
    rulebook and the extraction code. The path is not part of it: a renamed file hits."""
    h = hasher(f"{code_digest()}\0{rulebook_digest}\0".encode())
    h.update(hasher(context).digest())
    h.update(raw)
    return h.hexdigest()


def stat_salt(context: bytes, rulebook_digest: str) -> str:
    """What besides its status a stat key holds: the code, the rulebook and the file's context
    (computed once per folder, not per file)."""
    h = hasher(f"{code_digest()}\0{rulebook_digest}\0".encode())
    h.update(context)
    return h.hexdigest()[:32]


def stat_key(st: os.stat_result, salt: str) -> str:
    """A file's status as the stat index records it: when every part is unchanged, so are its
    bytes (for a file not changed in the last moments before it was recorded)."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{salt}"


class ClaimCache:
    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.db: sqlite3.Connection | None = None
        self._said = False
        self.key = mac_key(folder)
        try:
            make_folder(folder)
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self._warn(f"cannot use the cache ({exc}); rebuilding it")
            self.db = self._rebuild()

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            self._create_file()
        if self.path.is_symlink():  # claimcheck makes none: one may point anywhere
            raise sqlite3.DatabaseError("a symbolic link")
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
            db.execute("PRAGMA trusted_schema=OFF")
            self._check(db)
            db.execute("PRAGMA journal_mode=WAL")
            # derived data: no fsync (5 ms of a hook run, at the checkpoint on close); a file a
            # power cut damaged reads as corrupt and is rebuilt like any other
            db.execute("PRAGMA synchronous=OFF")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                # ours from another version of claimcheck, or new: start it afresh, deciding
                # again under the write lock (a run started at the same time may have just
                # created it, and must not be undone)
                db.execute("BEGIN IMMEDIATE")
                tables = self._check(db)
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                    self._create(db, tables)
                db.execute("COMMIT")
            return db
        except Exception:
            db.close()
            raise

    def _create_file(self) -> None:
        """A new cache file appears whole: made under another name and linked into place, so
        that a run starting at the same moment never opens it before its tables exist (the
        schema check in _open is what remains where links are not supported)."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.new")
        try:
            db = sqlite3.connect(tmp, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                self._create(db, set())
            finally:
                db.close()
            os.link(tmp, self.path)
        except (sqlite3.Error, OSError):
            pass  # made by another run first, or no links here: _open decides
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(str(tmp) + suffix).unlink(missing_ok=True)

    @staticmethod
    def _check(db: sqlite3.Connection) -> set[str]:
        """The tables of the file; raise when it holds anything and is not ours, or holds
        anything besides our tables (older ones, of another version, are dropped)."""
        app = db.execute("PRAGMA application_id").fetchone()[0]
        rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        if rows and app != _APP_ID:
            raise sqlite3.DatabaseError("not a claimcheck cache")
        tables = {name for kind, name, _ in rows if kind == "table"}
        if any(kind != "table" and (kind, sql) != ("index", None) for kind, _, sql in rows):
            raise sqlite3.DatabaseError("a claimcheck cache with foreign objects")
        current = db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
        if current and {(n, sql) for k, n, sql in rows if k == "table"} != set(_TABLES.items()):
            raise sqlite3.DatabaseError("a claimcheck cache with other tables")
        return tables

    @staticmethod
    def _create(db: sqlite3.Connection, old: set[str]) -> None:
        for table in old:
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
        db.execute(f"PRAGMA application_id={_APP_ID}")
        for sql in _TABLES.values():
            db.execute(sql)
        db.execute(f"PRAGMA user_version={SCHEMA}")

    def _rebuild(self) -> sqlite3.Connection | None:
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    os.replace(p, str(p) + ".corrupt")
            return self._open()
        except (sqlite3.Error, OSError) as exc:
            self._warn(f"cache disabled for this run ({exc})")
            return None

    def _warn(self, message: str) -> None:
        print(f"claimcheck: warning: {self.path}: {one_line(message)}", file=sys.stderr)

    def get_many(self, keys: Iterable[str], parts: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The cached entries for the keys it has: the named parts only, each parsed from JSON.
        An entry that does not parse is left out, with a warning (it is extracted again)."""
        names = [p for p in PARTS if p in parts]
        rows = self._select(f"SELECT key, {', '.join(names)} FROM entries", "key", keys)
        found: dict[str, dict[str, Any]] = {}
        for key, *data in rows:
            try:
                entry = dict(zip(names, map(json.loads, data), strict=True))
            except (TypeError, ValueError) as exc:  # not text, or not JSON
                self.unusable(exc)
                continue
            bad = next((name for name, part in entry.items() if not _PART_FITS[name](part)), None)
            if bad is None:
                found[key] = entry
            else:
                self.unusable(ValueError(f"its {bad} are not as claimcheck writes them"))
        return found

    def unusable(self, exc: Exception) -> None:
        """An entry that cannot be used: said once per run, and replaced when stored again."""
        if not self._said:
            self._warn(f"cache entry unreadable ({exc}); extracting it again")
            self._said = True

    def put_many(
        self, items: Iterable[tuple[str, dict[str, str], Sequence[tuple[str, str, str, str]]]]
    ) -> None:
        """Store entries: each its key, the JSON text of every one of PARTS, and its joining
        claims (join key, claim JSON, the document's date and its source)."""
        rows: list[tuple[str, ...]] = []
        joins: list[tuple[str | bytes | None, ...]] = []
        key = self.key
        for k, v, js in items:
            rows.append((k, *(v[p] for p in PARTS), json.dumps(sorted({j for j, *_ in js}))))
            joins.extend((j, k, c, d, src, key and _row_seal(key, c)) for j, c, d, src in js)
        marks = ", ".join("?" * (len(PARTS) + 2))
        self._write(
            (f"INSERT OR REPLACE INTO entries VALUES ({marks})", rows),
            ("INSERT OR IGNORE INTO joins VALUES (?, ?, ?, ?, ?, ?)", joins),
        )

    def forget(self, key: str) -> None:
        """Drop an entry and its join rows (found unusable: it is extracted and stored again)."""
        self._write(
            ("DELETE FROM joins WHERE key = ?", [(key,)]),
            ("DELETE FROM entries WHERE key = ?", [(key,)]),
        )

    def remember(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (path, status key, content key) of the files read this run in the stat index,
        and drop the entry of the key a path had before (an edited article's old version): the
        cache, and what a hook run reads of it, stays the size of the corpus, not of its
        history. A status key of "" serves nothing (a file changed too recently for its status
        to tell) but records the path's content key, so that the next one replaces it."""
        rows = [row for row in rows if _storable(row[0])]
        now = {path: key for path, _, key in rows}
        before = self._select("SELECT path, key FROM files", "path", now)
        gone = {key for path, key in before if now[path] != key} - set(now.values())
        drop: list[tuple[str, str]] = []
        for key, join_keys in self._select("SELECT key, join_keys FROM entries", "key", gone):
            with contextlib.suppress(TypeError, ValueError):  # unreadable: its joins stay
                drop.extend((j, key) for j in json.loads(join_keys) if isinstance(j, str))
        self._write(
            ("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", rows),
            ("DELETE FROM joins WHERE join_key = ? AND key = ?", drop),
            ("DELETE FROM entries WHERE key = ?", [(k,) for k in gone]),
        )

    def _write(self, *statements: tuple[str, Sequence[tuple[str | bytes | None, ...]]]) -> None:
        if self.db is None or not any(rows for _, rows in statements):
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for sql, rows in statements:
                self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._warn(f"could not write the cache ({exc})")
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def index(self, files: Iterable[tuple[str, str]]) -> dict[str, str]:
        """The content key of each (path, status key) the stat index holds unchanged."""
        wanted = {path: stat for path, stat in files if _storable(path)}
        query = "SELECT path, stat, key FROM files"
        if len(wanted) > _SCAN_OVER:  # the whole index: faster than thousands of lookups
            rows = self._select(query)
        else:
            rows = self._select(query, "path", wanted)
        return {
            path: key
            for path, stat, key in rows
            if type(key) is str and type(stat) is str and wanted.get(path) == stat
        }

    def joined(self, joins: Iterable[str]) -> dict[str, tuple[str, str, list[Any]]]:
        """By entry key: its document's date and the date's source, and its claims (rows as
        Claim.to_row writes them, decoded here) with one of these join keys. A row whose seal
        verifies was written by claimcheck on this account and is decoded as it is; any other
        is checked against Claim.to_row's shape, and an entry with a row that does not fit
        comes with the one row UNUSABLE, which is no claim: the caller reads and extracts its
        article again, as it does any whose claims do not decode."""
        heads: dict[str, tuple[str, str]] = {}  # each entry's date and source
        sealed: list[str] = []  # the sealed claims, decoded at once below
        owners: list[str] = []  # the entry of each
        checked: dict[str, list[Any]] = {}
        unfit: set[str] = set()
        query = "SELECT key, claim, date, date_source, seal FROM joins"
        keyed = None if self.key is None else _row_hasher(self.key)
        same = same_digest
        for k, claim, date, source, mark in self._select(query, "join_key", joins):
            # _row_seal, written out: it runs for every claim a hook run meets
            if keyed and type(claim) is str and type(date) is str and type(source) is str:
                h = keyed.copy()
                h.update(claim.encode("utf-8", "surrogatepass"))
                if type(mark) is bytes and same(mark, h.digest()):
                    if k not in heads:
                        heads[k] = (date, source)
                    sealed.append(claim)
                    owners.append(k)
                    continue
            row = _joined_row(claim, date, source)
            if row is None:
                unfit.add(k)
            else:
                if k not in heads:
                    heads[k] = (date, source)
                checked.setdefault(k, []).append(row)
        found: dict[str, tuple[str, str, list[Any]]] = {
            k: (date, source, []) for k, (date, source) in heads.items()
        }
        if sealed:
            for k, row in zip(owners, json.loads(f"[{','.join(sealed)}]"), strict=True):
                found[k][2].append(row)
        for k, rows in checked.items():
            found[k][2].extend(rows)
        for k in unfit:
            found[k] = ("", "", [UNUSABLE])
        return found

    def _select(
        self, query: str, column: str = "", values: Iterable[str] = ()
    ) -> list[tuple[Any, ...]]:
        """Rows of `query` whose `column` is one of the values, or every row without a column
        (an unreadable cache: none)."""
        if self.db is None:
            return []
        wanted = list(dict.fromkeys(values))
        out: list[tuple[Any, ...]] = []
        try:
            if not column:
                out.extend(self.db.execute(query))
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                out.extend(self.db.execute(f"{query} WHERE {column} IN ({marks})", chunk))
        except sqlite3.Error as exc:
            self._broken(exc)
            return []
        return out

    def _broken(self, exc: Exception) -> None:
        self._warn(f"cache unreadable ({exc}); rebuilding it")
        if self.db is not None:
            self.db.close()
        self.db = self._rebuild()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


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


def _row_hasher(key: bytes) -> blake2b:
    return blake2b(key=key, digest_size=16)


def _row_seal(key: bytes, claim: str) -> bytes:
    """A join row's seal: what claimcheck wrote, it reads back without checking the claim's
    values again. It covers the claim alone: of the rest, a date and its source are used as
    text, checked to be text, and the keys that find a row are only looked up; a sealed claim
    under another key is still a claim claimcheck made, of the types every check reads."""
    h = _row_hasher(key)
    h.update(claim.encode("utf-8", "surrogatepass"))
    return h.digest()


def seal(key: bytes, *parts: bytes) -> bytes:
    """The keyed digest of the parts: BLAKE2b in its keyed mode, a MAC by design (RFC 7693), in
    C from the built-in module, where hmac would import OpenSSL."""
    h = blake2b(key=key, digest_size=32)
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


def clear(folder: Path) -> int:
    """Delete every file claimcheck made in the cache folder, and the folder when that leaves it
    empty; a file of anyone else's stays. Return how many were removed."""
    from claimcheck.rulebook.store import NAME

    n = 0
    if not folder.is_dir():
        return n
    for p in sorted(folder.iterdir()):
        ours = p.name.startswith(CACHE_FILE) or NAME.match(p.name) is not None
        if p.name == ".gitignore":
            ours = _read_small(p) == GITIGNORE
        if ours and not p.is_dir():
            p.unlink()
            n += 1
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty
    return n


def _read_small(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return fh.read(len(GITIGNORE) + 1).decode("utf-8", "replace")
    except OSError:
        return ""


# What an entry's parts hold, checked before any of it is used: a value of another type would
# crash a check or change a finding. The shapes are those batch.encode writes (claims as
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
        and all(type(x) is str for x in mods)
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


def _joined_row(claim: Any, date: Any, source: Any) -> list[Any] | None:
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


def _storable(path: str) -> bool:
    """Whether SQLite can hold the path (UTF-8 text): a file name with an undecodable byte is
    kept out of the stat index, and read and keyed by its content every run."""
    if path.isascii():
        return True
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
