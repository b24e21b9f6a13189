"""The claim store: each document's metadata and claims, keyed by content, rulebook and code; the
stat index (a file's content key while its status is unchanged); the join rows (the claims by
which a corpus article can meet a checked one); and a run's work through all three (`load`).

A hook run checks one new article against a corpus of thousands; every unchanged article's claims
come from here instead of being extracted again. SQLite in WAL mode with a busy timeout lets two
runs share the file; a file that is corrupt or not ours is moved aside and rebuilt with a warning,
never a crash, because a cache must never cost the user their run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.checks import BoundJoins
from claimcheck.infra.caching import (
    GITIGNORE,
    code_digest,
    keyed_hasher,
    mac_key,
    make_folder,
    one_line,
    same_digest,
)
from claimcheck.infra.hashing import hasher
from claimcheck.model import paths
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.store import NAME
from claimcheck.run import articles, entries
from claimcheck.run.entries import PARTS
from claimcheck.run.options import Options, Statuses
from claimcheck.run.step import Item, Outcome, Want

if TYPE_CHECKING:
    from hashlib import blake2b

CACHE_DIR = ".claimcheck_cache"
CACHE_FILE = "claims.sqlite"
SCHEMA = 11
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


def content_key(raw: bytes, context: bytes, rulebook_digest: str) -> str:
    """A document's key: its bytes, what else decides how it reads (its folder's manifest), the
    rulebook and the extraction code. The path is not part of it: a renamed file hits."""
    h = hasher(f"{code_digest()}\0{SCHEMA}\0{rulebook_digest}\0".encode())
    h.update(hasher(context).digest())
    h.update(raw)
    return h.hexdigest()


def stat_salt(context: bytes, rulebook_digest: str) -> str:
    """What besides its status a stat key holds: the code, the rulebook and the file's context
    (computed once per folder, not per file)."""
    h = hasher(f"{code_digest()}\0{SCHEMA}\0{rulebook_digest}\0".encode())
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
            bad = entries.misfit(entry)
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
            row = entries.joined_row(claim, date, source)
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


def _row_hasher(key: bytes) -> blake2b:
    return keyed_hasher(key, 16)


def _row_seal(key: bytes, claim: str) -> bytes:
    """A join row's seal: what claimcheck wrote, it reads back without checking the claim's
    values again. It covers the claim alone: of the rest, a date and its source are used as
    text, checked to be text, and the keys that find a row are only looked up; a sealed claim
    under another key is still a claim claimcheck made, of the types every check reads."""
    h = _row_hasher(key)
    h.update(claim.encode("utf-8", "surrogatepass"))
    return h.digest()


def clear(folder: Path) -> int:
    """Delete every file claimcheck made in the cache folder, and the folder when that leaves it
    empty; a file of anyone else's stays. Return how many were removed."""
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


# A run through the store.
#
# A hook run checks one new article against thousands. The checked articles are read and keyed by
# content. A corpus article is known by its file status alone (size, times, inode) while the stat
# index says it is unchanged, and is fetched and decoded only when it holds a claim that shares a
# join key with a claim of a checked article: the corpus engines define the keys, and no other
# article can change a finding.

# A file changed this recently could change again within one tick of its timestamps: its status
# is not trusted to stand for its content (git's "racy" entries), so it is read next time too.
RACY_NS = 2_000_000_000
Process = Callable[[list[Item]], list[Outcome]]


@dataclass
class File:
    """One file of the run as the store works through it: keyed, then served or processed."""

    shown: str
    context: bytes  # what besides its bytes decides how it reads (its folder's manifest)
    checked: bool  # an article checked, not only the corpus around it
    where: str = ""  # absolute path: the stat index's key
    raw: bytes | None = None
    given: bool = False  # raw given by the caller (an editor's buffer), not the file on disk
    key: str = ""  # content key; "" when unreadable
    stat: str = ""  # status key; "" when unknown or too fresh to trust
    indexed: bool = False  # keyed by the stat index, not read
    result: Outcome | None = None  # served from the store or processed in this run


def load(
    files: Sequence[tuple[str, bool]],
    book: Rulebook,
    want: Want,
    joins: BoundJoins | None,
    options: Options,
    statuses: Statuses,
    process: Process,
) -> list[tuple[bool, Outcome]]:
    """Each file (shown path, whether checked) with its outcome: served from the store where it
    has one, else from `process`; of the corpus known by its status, only the files whose claims
    meet a checked article's (all of them without `joins`). The store learns what was processed."""
    assert options.cache_dir is not None
    run = _Run(ClaimCache(options.cache_dir), book.digest, process)
    try:
        every = run.files(files, want.kinds, options.texts)
        run.key(every, statuses)
        every = run.serve(every, want.keep_all, joins)
        run.save(every)
    finally:
        run.cache.close()
    return [(f.checked, f.result) for f in every if f.result is not None]


class _Run:
    """One run's work through the store."""

    def __init__(self, cache: ClaimCache, rulebook_digest: str, process: Process) -> None:
        self.cache = cache
        self.digest = rulebook_digest
        self.process_items = process

    def files(
        self,
        files: Sequence[tuple[str, bool]],
        kinds: frozenset[str] | None,
        texts: Mapping[str, bytes],
    ) -> list[File]:
        """The run's files, each with its context: its folder's manifest and the claim kinds
        kept of it (an entry holds those apart from the rest)."""
        split = ",".join(sorted(kinds)).encode() if kinds is not None else b"*"
        contexts: dict[str, bytes] = {}
        every: list[File] = []
        here = os.getcwd()
        for shown, checked in files:
            folder = os.path.dirname(shown)
            if folder not in contexts:
                contexts[folder] = articles.manifest_bytes(Path(folder)) + b"\0" + split
            f = File(shown, contexts[folder], checked, paths.absolute(here, shown))
            if shown in texts:
                f.raw, f.given = texts[shown], True
            every.append(f)
        return every

    def key(self, every: list[File], statuses: Statuses) -> None:
        """Key each file. A corpus file the stat index knows unchanged is not read; every other
        file is read and keyed by its bytes (a checked file's text is needed anyway)."""
        now = statuses.since_ns or time.time_ns()  # when the statuses were taken
        salts: dict[bytes, str] = {}
        for f in every:
            st = None if f.given else _status(f.shown, statuses)  # given: no status stands for it
            if st is not None and now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
                if f.context not in salts:
                    salts[f.context] = stat_salt(f.context, self.digest)
                f.stat = stat_key(st, salts[f.context])
        known = self.cache.index((f.where, f.stat) for f in every if f.stat)
        for f in every:
            if not f.checked and f.stat:
                f.key = known.get(f.where, "")
                f.indexed = bool(f.key)
            if not f.indexed:
                self.read(f)

    def read(self, f: File) -> None:
        """Read the file and key it by its bytes ("" when unreadable: the step reports it)."""
        if not f.given:
            try:
                f.raw = articles.read_bytes(Path(f.shown))
            except OSError:
                f.key = ""
                return
        assert f.raw is not None
        f.key = content_key(f.raw, f.context, self.digest)

    def serve(self, every: list[File], keep_all: bool, joins: BoundJoins | None) -> list[File]:
        """Serve what the store has, process the rest; returns the files the run keeps."""
        targets = [f for f in every if f.checked]
        self.serve_read(every, targets, keep_all)
        indexed = [f for f in every if f.indexed]  # of the corpus only
        if not indexed:
            return every
        if joins is None:
            self.fetch(indexed, ("meta", "corpus"))
        else:  # only the articles, and only the claims, that meet a checked article's
            met = self.meet(indexed, _join_keys(targets, joins))
            every = [f for f in every if not f.indexed or f.key in met]
            indexed = [f for f in indexed if f.key in met]
        self.reread([f for f in indexed if f.result is None])
        return every

    def serve_read(self, every: list[File], targets: list[File], keep_all: bool) -> None:
        """The files keyed by their bytes: served where the store has them, else processed."""
        parts = ("meta", "findings", "corpus", *(("rest",) if keep_all else ()))
        self.fetch([f for f in targets if f.key], parts)
        around = [f for f in every if not f.checked and f.key and not f.indexed]
        self.fetch(around, ("meta", "corpus"))
        self.process([f for f in every if f.result is None and not f.indexed])

    def fetch(self, group: list[File], parts: Sequence[str]) -> None:
        """Serve the group from the store, where it has them."""
        got = self.cache.get_many((f.key for f in group), parts)
        for f in group:
            data = got.get(f.key)
            if data is None:
                continue
            try:
                f.result = Outcome(*entries.decode(f.shown, f.raw, f.checked, data))
            except OSError:  # gone since it was keyed: read (and reported) like any other file
                pass
            except (KeyError, TypeError, ValueError) as exc:
                self.cache.unusable(exc)

    def meet(self, indexed: list[File], wanted: set[str]) -> set[str]:
        """Serve the indexed files' claims with one of the `wanted` join keys, each file known
        by path and date (its text read if a line is cited); returns the keys of the files met."""
        met = self.cache.joined(wanted)
        for f in indexed:
            if f.key not in met:
                continue
            date, source, rows = met[f.key]
            record = {"body_start": 0, "meta": {}, "date": date, "date_source": source}
            try:
                claims = entries.claims_in_order(rows)
                doc = articles.from_record(f.shown, "", record, articles.reader(f.shown))
            except (KeyError, TypeError, ValueError) as exc:
                self.cache.unusable(exc)  # read, extracted and stored again
                self.cache.forget(f.key)
                continue
            f.result = Outcome(doc, [], claims=claims)
        return set(met)

    def reread(self, group: list[File]) -> None:
        """Read, key and process files the stat index knew but the store could not serve (an
        index row without its entry, or one found unusable), like new files."""
        for f in group:
            f.indexed = False
            self.read(f)
        self.process(group)

    def process(self, group: list[File]) -> None:
        """The step over the files of the group, in order."""
        results = self.process_items([(f.shown, f.raw, f.checked) for f in group])
        for f, r in zip(group, results, strict=True):
            f.result = r

    def save(self, every: list[File]) -> None:
        """Store the entries of the files processed, and the statuses of the files read."""
        fresh = [(f.key, f.result) for f in every if f.key and f.result is not None]
        self.cache.put_many((k, r.entry, r.joins) for k, r in fresh if r.entry)
        self.cache.remember(
            (f.where, f.stat, f.key) for f in every if f.key and not (f.indexed or f.given)
        )


def _join_keys(targets: list[File], joins: BoundJoins) -> set[str]:
    """The join keys of the checked articles' claims: what a corpus article must share to
    matter."""
    return {k for f in targets if f.result is not None for k, _ in joins(f.result.claims)}


def _status(shown: str, statuses: Statuses) -> os.stat_result | None:
    """The file's status as the caller took it, else now (None: unreadable; the step says so)."""
    st = statuses.of.get(shown)
    if st is None:
        try:
            st = os.stat(shown)
        except OSError:
            return None
    return st
