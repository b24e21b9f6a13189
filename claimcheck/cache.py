"""The claim cache: claims per document, keyed by content hash, rulebook hash and version.

A hook run checks one new article against a corpus of thousands; every unchanged article's claims
come from here instead of being extracted again. SQLite in WAL mode with a busy timeout lets two
runs share the file; a file that is corrupt or not ours is moved aside and rebuilt with a warning,
never a crash, because a cache must never cost the user their run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from claimcheck import __version__
from claimcheck.claims import Claim

CACHE_DIR = ".claimcheck_cache"
CACHE_FILE = "claims.sqlite"
SCHEMA = 1
_APP_ID = 0x636C6D63  # "clmc": marks the file as ours


def content_key(text: str, rulebook_digest: str) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}\0{SCHEMA}\0{rulebook_digest}\0".encode())
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ClaimCache:
    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self._warn(f"cannot use the cache ({exc}); rebuilding it")
            self.db = self._rebuild()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and (app != _APP_ID or "claims" not in tables):
                raise sqlite3.DatabaseError("not a claimcheck cache")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if not tables:
                db.execute(f"PRAGMA application_id={_APP_ID}")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
                )
            db.execute("PRAGMA quick_check").fetchone()
            return db
        except Exception:
            db.close()
            raise

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

    @staticmethod
    def _warn(message: str) -> None:
        print(f"claimcheck: warning: {message}", file=sys.stderr)

    def get_many(self, keys: Iterable[str]) -> dict[str, list[Claim]]:
        if self.db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        found: dict[str, list[Claim]] = {}
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, data in self.db.execute(
                    f"SELECT key, data FROM claims WHERE key IN ({marks})", chunk
                ):
                    found[key] = [Claim.from_json(c) for c in json.loads(data)]
        except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
            self._warn(f"cache unreadable ({exc}); rebuilding it")
            self.db.close()
            self.db = self._rebuild()
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, list[Claim]]]) -> None:
        if self.db is None:
            return
        rows = [(k, json.dumps([c.to_json() for c in v], separators=(",", ":"))) for k, v in items]
        if not rows:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO claims (key, data) VALUES (?, ?)", rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._warn(f"could not write the cache ({exc})")
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def clear(folder: Path) -> int:
    """Delete the cache files; return how many were removed."""
    n = 0
    if folder.is_dir():
        for p in folder.iterdir():
            if p.name.startswith(CACHE_FILE):
                p.unlink()
                n += 1
    return n
