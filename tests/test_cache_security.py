"""Everything under .claimcheck_cache/ is untrusted: a pull request can put any file there. Read
back, no file runs code, crashes or hangs a run, or changes its findings: the run reports what a
run without the cache reports, with at most a warning, and the next run is quiet again."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import pickle
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, claimcheck_process, deadline
from test_cache import newsroom

from claimcheck.cli import main
from claimcheck.infra import caching
from claimcheck.rulebook import load, store
from claimcheck.rulebook.schema import Entity, Fact, Holder, Office, RankFact, Ranking
from claimcheck.run import store as claim_store

CACHE = Path(".claimcheck_cache")
HOOK = ["check", "seeds/000_a5f1f925979e4ba6.txt", "--format", "json"]
FULL = ["check", "seeds", "--format", "json"]
Outcome = tuple[int, str]


class Payload:
    """Unpickled, it creates the file `marker`: what a crafted cache file would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's rules and seeds, with the seeds as the hook's corpus."""
    root = tmp_path / "room"
    shutil.copytree(REPO_ROOT / "rules", root / "rules")
    shutil.copytree(REPO_ROOT / "seeds", root / "seeds")
    (root / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['seeds/*.txt']\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    monkeypatch.setattr(claim_store, "RACY_NS", -(10**12))  # trust files written a moment ago
    return root


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    with deadline(120):
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


_WANT: dict[str, Outcome] = {}  # the same in every room: worked out once


def _baseline(capsys: pytest.CaptureFixture[str]) -> dict[str, Outcome]:
    """Each command's exit code and report without the cache; then the cache filled (the
    claims, their join keys, the stat index, the stored rulebook), with the same reports."""
    if not _WANT:
        for name, argv in (("hook", HOOK), ("full", FULL)):
            code, out, err = _run(capsys, [*argv, "--no-cache"])
            assert err == "" and json.loads(out)["findings"], err
            _WANT[name] = (code, out)
    assert _same(capsys, _WANT) == []
    assert sorted(p.name for p in CACHE.iterdir() if p.name.startswith("rulebook-"))
    return _WANT


def _same(capsys: pytest.CaptureFixture[str], want: dict[str, Outcome]) -> list[str]:
    """Run both commands: the same exit codes and reports as without the cache; what they said
    on stderr (warnings only, one line each) is returned."""
    said: list[str] = []
    for name, argv in (("hook", HOOK), ("full", FULL)):
        code, out, err = _run(capsys, argv)
        assert (code, out) == want[name], (name, err)
        assert all(line.startswith("claimcheck: warning: ") for line in err.splitlines()), err
        said.extend(err.splitlines())
    return said


def _stored() -> Path:
    (path,) = CACHE.glob("rulebook-*.json")
    return path


def _sealed_copy() -> Path:
    """The copy of the stored rulebook whose keyed digest verifies: read instead of the JSON."""
    return store.seal_path(_stored())


def _crafted_pickle(path: Path, marker: Path) -> bytes:
    return pickle.dumps(Payload(marker))


def _random_bytes(path: Path, marker: Path) -> bytes:
    return random.Random(path.name).randbytes(max(4096, path.stat().st_size))


def _truncated(path: Path, marker: Path) -> bytes:
    return _stored().read_bytes()[: path.stat().st_size // 2 or 1]


def _wrong_types(path: Path, marker: Path) -> bytes:
    top = json.loads(_stored().read_bytes())
    top["people"][0][0] = 7  # an id that is not text
    return json.dumps(top).encode()


@pytest.mark.parametrize("make", [_crafted_pickle, _random_bytes, _truncated, _wrong_types])
def test_every_cache_file_replaced_changes_nothing(
    room: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make: Callable[[Path, Path], bytes],
) -> None:
    want = _baseline(capsys)
    marker = tmp_path / "marker"
    contents = {p: make(p, marker) for p in CACHE.iterdir()}
    for path, data in contents.items():
        path.write_bytes(data)
    pickle_name = _stored().with_suffix(".pickle")  # where claimcheck kept it before
    pickle_name.write_bytes(_crafted_pickle(pickle_name, marker))
    said = _same(capsys, want)
    assert not marker.exists()
    assert len(said) <= 2, said  # the stored rulebook, the claim cache: once each
    assert _same(capsys, want) == []  # rebuilt, quiet again
    assert not marker.exists()


def _set(path: list[str | int], value: object) -> Callable[[dict[str, object]], None]:
    def change(top: dict[str, object]) -> None:
        node: object = top
        for step in path[:-1]:
            node = node[step]  # type: ignore[index]
        node[path[-1]] = value  # type: ignore[index]

    return change


NESTED = "[" * 100_000 + "]" * 100_000  # deeper than Python's recursion limit


def _nested(top: dict[str, object]) -> None:
    top["entities"] = "NESTED"  # written as NESTED (json cannot make it)


def _truncate_origins(top: dict[str, object]) -> None:
    origins = top["origins"]
    assert isinstance(origins, list)
    origins.pop()


def _duplicate_entity(top: dict[str, object]) -> None:
    people = top["people"]
    assert isinstance(people, list)
    people.append(people[0])
    origins = top["origins"]
    assert isinstance(origins, list)
    origins.insert(0, origins[0])


def _at(cls: type, name: str) -> int:
    """Where a field's value is in a stored record (a list of the values in field order)."""
    return [f.name for f in dataclasses.fields(cls)].index(name)


def _no_value(top: dict[str, object]) -> None:
    for name in ("value", "min", "max"):
        _set(["facts", 0, _at(Fact, name)], None)(top)


STORED_CHANGES: dict[str, Callable[[dict[str, object]], None]] = {
    "not an object": lambda top: top.clear(),
    "a key more": _set(["extra"], 1),
    "other rule files": _set(["digest"], "0" * 64),
    "other code": _set(["code"], "0" * 64),
    "an id not text": _set(["entities", 0, _at(Entity, "id")], 7),
    "an id against its pattern": _set(["offices", 0, _at(Office, "id")], "Not An Id"),
    "no names": _set(["entities", 0, _at(Entity, "names")], []),
    "a kind not in its literal": _set(["entities", 0, _at(Entity, "kind")], "planet"),
    "a record a field short": lambda top: top["people"][0].pop(),  # type: ignore[index]
    "a record not a list": _set(["people", 0], {"id": "x"}),
    "a flag not a bool": _set(["entities", 0, _at(Entity, "closed_offices")], 1),
    "a month 13": _set(["facts", 0, _at(Fact, "period")], "2017-13"),
    "a date not text": _set(["facts", 0, _at(Fact, "period")], 2017),
    "a float not a number": _set(["facts", 0, _at(Fact, "tolerance")], "0.1"),
    "a rank below 1": _set(["rankings", 0, _at(Ranking, "facts"), 0, _at(RankFact, "rank")], 0),
    "a fact without a value": _no_value,
    "an unknown person": _set(
        ["offices", 0, _at(Office, "holders"), 0, _at(Holder, "person")], "x"
    ),
    "an origin past the paths": _set(["origins", 0, 0], 99),
    "an origin at line 0": _set(["origins", 0, 1], 0),
    "origins one short": _truncate_origins,
    "a duplicate id": _duplicate_entity,
    "deep nesting": _nested,
}


def _forge_seal(top: dict[str, object]) -> None:
    """The sealed copy holding `top`, under a digest made with another key."""
    body = marshal.dumps(top)
    _sealed_copy().write_bytes(caching.seal(b"k" * caching.KEY_BYTES, store.SEAL_KIND, body) + body)


SEALS: dict[str, Callable[[dict[str, object]], None]] = {
    "no sealed copy": lambda top: _sealed_copy().unlink(),
    "a seal of another key": _forge_seal,
    "a seal cut short": lambda top: _sealed_copy().write_bytes(_sealed_copy().read_bytes()[:40]),
}


# every change with no sealed copy (a fresh clone's case); the forged seals with a few of them
SEALED_CASES = [(change, "no sealed copy") for change in STORED_CHANGES] + [
    ("an id not text", "a seal of another key"),
    ("a month 13", "a seal of another key"),
    ("origins one short", "a seal cut short"),
]


@pytest.mark.parametrize(
    ("change", "seal"),
    [(STORED_CHANGES[c], SEALS[s]) for c, s in SEALED_CASES],
    ids=[f"{c}, {s}" for c, s in SEALED_CASES],
)
def test_a_stored_rulebook_load_would_not_return_is_rebuilt(
    room: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, object]], None],
    seal: Callable[[dict[str, object]], None],
) -> None:
    """Without a sealed copy whose digest verifies, the JSON is checked in full."""
    want = _baseline(capsys)
    path = _stored()
    top = json.loads(path.read_bytes())
    change(top)
    path.write_text(json.dumps(top).replace('"NESTED"', NESTED), encoding="utf-8")
    if change is not _nested:  # marshal cannot hold it either
        seal(top)
    else:
        _sealed_copy().unlink()
    (said,) = _same(capsys, want)
    assert str(path) in said and "stored rulebook unusable" in said
    assert _same(capsys, want) == []


def test_a_forged_sealed_copy_is_never_trusted(
    room: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sealed copy of the wrong types under another key's digest: the JSON beside it is read,
    checked in full, and the copy never decoded."""
    want = _baseline(capsys)
    top = json.loads(_stored().read_bytes())
    _set(["entities", 0, _at(Entity, "id")], 7)(top)
    _forge_seal(top)
    trusted: list[bool] = []
    from_top = store._from_top
    monkeypatch.setattr(
        store, "_from_top", lambda t, c, d, ok: trusted.append(ok) or from_top(t, c, d, ok)
    )
    assert _same(capsys, want) == []
    assert trusted == [False, False]  # the hook's run and the full one, each checked in full
    assert _same(capsys, want) == []  # the forged copy stays (the JSON was fine): still unused


def test_a_stored_rulebook_that_is_not_a_regular_file_is_rebuilt(
    room: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    want = _baseline(capsys)
    path = _stored()
    path.unlink()
    store.seal_path(path).unlink()
    os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    (said,) = _same(capsys, want)
    assert "not a regular file" in said
    elsewhere = tmp_path / "elsewhere.json"
    shutil.copy(_stored(), elsewhere)
    _sealed_copy().unlink()
    _stored().unlink()
    os.symlink(elsewhere, path)  # claimcheck makes no links: one may point anywhere
    (said,) = _same(capsys, want)
    assert str(path) in said
    assert not _stored().is_symlink()


def test_a_stored_rulebook_over_the_size_cap_is_not_read(
    room: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    want = _baseline(capsys)
    monkeypatch.setattr(store, "MAX_BYTES", _stored().stat().st_size - 1)
    said = _same(capsys, want)  # each run: the file it writes is over the cap too
    assert len(said) == 2 and all("larger than" in line for line in said), said


def _db() -> sqlite3.Connection:
    return sqlite3.connect(CACHE / claim_store.CACHE_FILE, isolation_level=None)


HUGE = "x" * (2 << 20)
# a statement a claim cache of ours never runs: it spins for ever
SPIN = "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
SQLITE_CHANGES = {
    "meta an integer": "UPDATE entries SET meta = 5",
    "meta a blob": "UPDATE entries SET meta = x'00ff'",
    "corpus a real": "UPDATE entries SET corpus = 3.5",
    "bad JSON": "UPDATE entries SET meta = '{', findings = '[1,'",
    "meta a list": "UPDATE entries SET meta = '[]'",
    "meta a string": "UPDATE entries SET meta = '\"x\"'",
    "meta empty": "UPDATE entries SET meta = '{}'",
    "claims of numbers": "UPDATE entries SET corpus = '[[1]]', rest = '[[1]]'",
    "findings of the wrong shape": "UPDATE entries SET findings = '[{\"rule\": 1}]'",
    "huge text": f"UPDATE entries SET rest = '{HUGE}'",
    "join claims of other types": "UPDATE joins SET claim = 5, date = x'00', date_source = 1.5",
    "join claims that break the list": "UPDATE joins SET claim = '1],[2'",
    "stat index of other types": "UPDATE files SET key = 5, stat = x'01'",
    "no joins table": "DROP TABLE joins",
    "no files table": "DROP TABLE files",
    "no entries table": "DROP TABLE entries",
    "a view": f"CREATE VIEW v AS {SPIN} SELECT x FROM c)",
    "a view for a table": "DROP TABLE files; CREATE VIEW files AS SELECT 1 AS path, 2, 3",
    "an index": "CREATE INDEX i ON entries (meta)",
    "a column more": "ALTER TABLE entries ADD COLUMN extra TEXT",
}


@pytest.mark.parametrize("sql", SQLITE_CHANGES.values(), ids=list(SQLITE_CHANGES))
def test_hostile_rows_in_a_claim_cache_of_ours_change_nothing(
    room: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sql: str
) -> None:
    want = _baseline(capsys)
    monkeypatch.setattr(claim_store, "MAX_VALUE", 1 << 20)  # "huge": over the cap
    db = _db()
    db.executescript(sql)
    db.close()
    said = _same(capsys, want)
    assert len(said) <= 2, said
    assert _same(capsys, want) == []


def _each(items: str, change: Callable[[Any], None]) -> Callable[[Any], Any]:
    """Apply `change` to every item of a part that is a list (claims, findings)."""

    def apply(part: Any) -> Any:
        for item in part if items == "each" else [part]:
            change(item)
        return part

    return apply


def _put(where: str | int, value: object) -> Callable[[Any], None]:
    def change(item: Any) -> None:
        item[where] = value

    return change


def _first_attr(item: Any) -> None:
    if item[11]:
        item[11][0] = ["only a key"]


# In every entry: a value the checks would trip on (or read as something else), in JSON that
# parses: the entry is extracted again, never used.
ENTRY_CHANGES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "a claim's start not a number": ("corpus", _each("each", _put(1, []))),
    "a claim's subject a list": ("corpus", _each("each", _put(4, ["x"]))),
    "a claim's value of text": ("corpus", _each("each", _put(6, ["a", "b", None, "", None, None]))),
    "a claim's rank text": ("corpus", _each("each", _put(7, "1"))),
    "a claim's date in month 13": ("corpus", _each("each", _put(9, [2017, 13, None]))),
    "a claim's date a day without a month": ("corpus", _each("each", _put(9, [2017, None, 5]))),
    "a claim's attribute without a value": ("corpus", _each("each", _first_attr)),
    "a claim's span of one": ("corpus", _each("each", _put(13, [1]))),
    "a claim a field short": ("corpus", _each("each", lambda c: c.pop())),
    "a finding's severity unknown": ("findings", _each("each", _put("severity", "fatal"))),
    "a finding's place of text": ("findings", _each("each", _put("at", ["1", 2, 3, 4]))),
    "a finding's evidence empty": ("findings", _each("each", _put("related", [{}]))),
    "a finding a key more": ("findings", _each("each", _put("extra", 1))),
    "a count of text": ("meta", _each("one", _put("count", "12"))),
    "a document of another shape": ("meta", _each("one", _put("doc", []))),
    "a problem of another shape": ("meta", _each("one", _put("problems", [[]]))),
}


@pytest.mark.parametrize(("part", "change"), ENTRY_CHANGES.values(), ids=list(ENTRY_CHANGES))
def test_entries_of_the_wrong_types_are_extracted_again(
    room: Path,
    capsys: pytest.CaptureFixture[str],
    part: str,
    change: Callable[[Any], Any],
) -> None:
    want = _baseline(capsys)
    db = _db()
    rows = db.execute(f"SELECT key, {part} FROM entries").fetchall()
    for key, text in rows:
        changed = json.dumps(change(json.loads(text)))
        db.execute(f"UPDATE entries SET {part} = ? WHERE key = ?", (changed, key))
    if part == "corpus":  # and the claims a hook run reads by join key
        for join_key, key, claim in db.execute("SELECT join_key, key, claim FROM joins"):
            changed = json.dumps(change([json.loads(claim)])[0])
            db.execute(
                "UPDATE joins SET claim = ? WHERE join_key = ? AND key = ? AND claim = ?",
                (changed, join_key, key, claim),
            )
    db.close()
    said = _same(capsys, want)
    assert said and len(said) <= 2, said
    assert _same(capsys, want) == []


def test_a_trigger_in_a_claim_cache_of_ours_never_fires(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every run records the checked files in the stat index: an insert a trigger could act on
    (delete the join keys, fill the cache with anything)."""
    want = _baseline(capsys)
    db = _db()
    db.executescript(
        "CREATE TABLE fired (at TEXT);"
        "CREATE TRIGGER t AFTER INSERT ON files BEGIN INSERT INTO fired VALUES (new.path); END"
    )
    db.close()
    (said,) = _same(capsys, want)
    assert "rebuilding" in said
    db = sqlite3.connect(CACHE / f"{claim_store.CACHE_FILE}.corrupt")  # moved aside, as it was
    assert db.execute("SELECT count(*) FROM fired").fetchone() == (0,)
    db.close()
    assert _same(capsys, want) == []


def test_a_trigger_that_spins_never_hangs_a_run(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    want = _baseline(capsys)
    db = _db()
    db.execute(f"CREATE TRIGGER t AFTER INSERT ON files BEGIN {SPIN} SELECT x FROM c); END")
    db.close()
    done = claimcheck_process(HOOK, room, timeout=60)  # a hang fails here, not the suite
    assert (done.returncode, done.stdout) == want["hook"], done.stderr
    assert done.stderr.startswith("claimcheck: warning: ") and done.stderr.count("\n") == 1


def test_the_cache_folder_keeps_itself_out_of_git(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not CACHE.exists()
    _run(capsys, HOOK)
    assert (CACHE / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_folder_of_the_users_gets_no_gitignore(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    CACHE.mkdir()
    _run(capsys, HOOK)
    assert not (CACHE / ".gitignore").exists()


def test_cache_clear_removes_all_of_ours_and_nothing_else(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _baseline(capsys)
    db = _db()
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("BEGIN IMMEDIATE")  # a -wal and -shm beside it, as a run leaves them
    db.execute("DELETE FROM files")
    ours = ["claims.sqlite.corrupt", "claims.sqlite-wal.corrupt", "claims.sqlite.123.new"]
    stored = _stored()
    ours += [f"{stored.name}.77.tmp", stored.with_suffix(".pickle").name]  # and claimcheck
    ours.append(stored.with_suffix(".77.tmp").name)  # kept before, and its partial write
    for name in ours:
        (CACHE / name).write_bytes(b"x")
    assert {"claims.sqlite-wal", "claims.sqlite-shm"} <= {p.name for p in CACHE.iterdir()}
    db.execute("ROLLBACK")
    db.close()
    _run(capsys, ["cache", "clear"])
    assert not CACHE.exists()

    _run(capsys, HOOK)
    (CACHE / "notes.txt").write_text("mine", encoding="utf-8")
    (CACHE / "rulebook-notes.json").write_text("mine too", encoding="utf-8")
    code, out, _ = _run(capsys, ["cache", "clear"])
    assert code == 0 and "removed" in out
    assert sorted(p.name for p in CACHE.iterdir()) == ["notes.txt", "rulebook-notes.json"]


def test_cache_clear_keeps_a_gitignore_of_the_users(
    room: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    CACHE.mkdir()
    (CACHE / ".gitignore").write_text("claims.sqlite\n", encoding="utf-8")
    _run(capsys, HOOK)
    _run(capsys, ["cache", "clear"])
    assert [p.name for p in CACHE.iterdir()] == [".gitignore"]


@pytest.mark.parametrize("rules", ["rules", "examples/halvora/rules"])
def test_the_stored_rulebook_reads_back_as_loaded(rules: str) -> None:
    book = load([REPO_ROOT / rules])
    again = store.decode(store.encode(book, "code"), "code", book.digest)
    _same_rulebook(book, again)
    # read as a sealed copy is: unchecked, the same records of the same types
    trusted = store.decode(store.encode(book, "code"), "code", book.digest, trusted=True)
    _same_rulebook(book, trusted)
    assert [_typed(e) for e in trusted.noted()] == [_typed(e) for e in again.noted()]


def _typed(value: object) -> object:
    """A value with the type of every part of it, where == would take 1 for 1.0 or True."""
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return (type(value), [_typed(getattr(value, f.name)) for f in fields])
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value), value)


def _same_rulebook(book: Any, again: Any) -> None:
    noted = list(book.noted())
    assert list(again.noted()) == noted
    assert [again.origin(e) for e in again.noted()] == [book.origin(e) for e in noted]
    # every other field (origins are keyed by identity, and `derived` is built again)
    assert dataclasses.replace(again, origins={}) == dataclasses.replace(book, origins={})
    assert len(noted) == len(book._entries)  # noted() reaches every entry load noted
    assert {id(e) for e in noted} == {id(e) for e in book._entries}
    assert {id(e) for e in again.noted()} == {id(e) for e in again._entries}


@pytest.mark.parametrize(
    ("claim", "date"),
    [("5", "2020-02-01"), ('["quantity"]', "2020-02-01"), (None, "x'00'")],
    ids=["a number", "a claim a list too short", "a date of bytes"],
)
def test_a_corpus_article_whose_joining_claims_are_unusable_is_read_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    claim: str | None,
    date: str,
) -> None:
    """The corpus engine judges a new article by the figures of the corpus articles it meets,
    found by join key: one whose joining claims are unusable still counts, read again."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(claim_store, "RACY_NS", -(10**12))  # trust files written a moment ago
    newsroom(tmp_path, [2016] * 3)
    argv = ["check", "new.md", "--format", "json"]
    code, want, _ = _run(capsys, [*argv, "--no-cache"])
    assert code == 1 and json.loads(want)["findings"]  # the corpus disagrees with it
    _run(capsys, ["check", "articles"])
    assert _run(capsys, argv)[:2] == (code, want)
    db = _db()
    assert db.execute("SELECT count(*) FROM joins").fetchone()[0] >= 3
    value = "claim" if claim is None else f"'{claim}'"
    db.execute(f"UPDATE joins SET claim = {value}, date = {date}")
    db.close()
    got, out, err = _run(capsys, argv)
    assert (got, out) == (code, want), err
    assert err.count("\n") == 1 and err.startswith("claimcheck: warning: ")
    assert _run(capsys, argv) == (code, want, "")
