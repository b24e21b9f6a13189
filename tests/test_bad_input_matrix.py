"""The bad-input matrix: one case per kind of bad input, each beside a good article.

Each case runs claimcheck as a process with a time limit (a hang fails the case, not the suite)
and, where a runaway read could eat the machine, a memory limit. Each asserts the exit status,
the one-line message naming the file, that the good article's finding is still reported, and
that nothing was a traceback. tests/test_bad_input.py has the cases about file contents
(encodings, front matter, dates, rule-file errors); these are about the files themselves, sizes,
the cache and every report format at once.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import WRONG, Newsroom, article

from claimcheck.run import articles as documents

GOOD = "good.md"
GOOD_FINDING = ("good.md", 4, "term-wrong-variant")
GIB = 1 << 30
# enough for a 100 MB article (about 1 GB resident); far less than /dev/zero read to the end
MEMORY = 4 * GIB
MEMORY_LIMITED = sys.platform.startswith("linux")


@dataclass
class Proc:
    code: int
    out: bytes
    err: str

    @property
    def json(self) -> Any:
        # an undecodable file name is written as its own bytes (reports.common.json_bytes)
        return json.loads(self.out.decode("utf-8", "surrogateescape"))

    def at(self, path: str) -> list[tuple[str, int, int, str]]:
        """(rule, line, column, message) of each finding on `path`."""
        return [
            (f["rule"], f["line"], f["column"], f["message"])
            for f in self.json["findings"]
            if f["path"] == path
        ]

    def good(self) -> list[tuple[str, int, str]]:
        return [
            (f["path"], f["line"], f["rule"]) for f in self.json["findings"] if f["path"] == GOOD
        ]


def _limits(memory: int | None) -> Callable[[], None] | None:
    if memory is None or not MEMORY_LIMITED:
        return None

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


def cli(
    root: Path,
    *argv: str | bytes,
    timeout: float = 60,
    memory: int | None = MEMORY,
) -> Proc:
    """`python -m claimcheck ARGV` in `root`, bounded in time and memory; never a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", *argv],
        cwd=root,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "CLAIMCHECK_DEBUG"},
        preexec_fn=_limits(memory),
    )
    err = proc.stderr.decode("utf-8", "surrogateescape")
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    assert proc.returncode in (0, 1, 2), (proc.returncode, err)
    return Proc(proc.returncode, proc.stdout, err)


def check(root: Path, *argv: str | bytes, **kw: Any) -> Proc:
    return cli(root, "check", *argv, "--format", "json", **kw)


def one_line(message: str, *names: str) -> None:
    assert message and "\n" not in message and message.strip() == message
    for name in names:
        assert name in message, (name, message)


@pytest.fixture
def room(newsroom: Newsroom) -> Path:
    """A newsroom (rules, config) with the good article: one known error at 4:45."""
    newsroom.write(GOOD, article(WRONG))
    return newsroom.root


def expect_unreadable(run: Proc, path: str, why: str) -> None:
    assert run.code == 1, run.err
    [(rule, line, column, message)] = run.at(path)
    assert (rule, line, column) == ("document-unreadable", 1, 1)
    assert message == f"cannot read: {why}"
    assert run.good() == [GOOD_FINDING]


# --- the file itself -------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_unreadable_file(room: Path) -> None:
    (room / "locked.md").write_text(article(WRONG))
    (room / "locked.md").chmod(0)
    expect_unreadable(check(room, "locked.md", GOOD), "locked.md", "Permission denied")


def test_a_file_that_fails_to_read_even_for_root(room: Path) -> None:
    """/proc/self/mem is a regular file whose read fails (EIO) for every user."""
    expect_unreadable(check(room, "/proc/self/mem", GOOD), "/proc/self/mem", "Input/output error")


def test_a_folder_named_like_an_article_is_walked(room: Path) -> None:
    """`x.md/` is a folder, not an unreadable article: what is inside is checked."""
    (room / "x.md").mkdir()
    (room / "x.md" / "inner.md").write_text(article(WRONG))
    run = check(room, "x.md", GOOD)
    assert run.code == 1
    assert [r for r, *_ in run.at("x.md/inner.md")] == ["term-wrong-variant"]
    assert run.good() == [GOOD_FINDING]


def test_a_fifo_named_on_the_command_line_does_not_hang(room: Path) -> None:
    os.mkfifo(room / "pipe.md")
    expect_unreadable(
        check(room, "pipe.md", GOOD, timeout=30), "pipe.md", "a named pipe, not a regular file"
    )


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_fifo_inside_a_folder_does_not_hang(room: Path, cache: bool) -> None:
    (room / "news").mkdir()
    os.mkfifo(room / "news" / "pipe.md")
    run = check(room, "news", GOOD, *([] if cache else ["--no-cache"]), timeout=30)
    expect_unreadable(run, "news/pipe.md", "a named pipe, not a regular file")


def test_a_fifo_as_the_manifest_does_not_hang(room: Path) -> None:
    (room / "txt").mkdir()
    (room / "txt" / "a.txt").write_text(WRONG + "\n")
    os.mkfifo(room / "txt" / documents.MANIFEST)
    run = check(room, "txt", GOOD, timeout=30)
    assert run.code == 1
    assert [r for r, *_ in run.at("txt/a.txt")] == ["document-no-date", "term-wrong-variant"]
    assert run.good() == [GOOD_FINDING]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_named_on_the_command_line(room: Path, device: str) -> None:
    """Never read: /dev/zero and /dev/urandom never end (the memory limit would catch it)."""
    run = check(room, device, GOOD, timeout=30, memory=GIB)
    expect_unreadable(run, device, "a device, not a regular file")


def test_a_link_to_a_device_inside_a_folder(room: Path) -> None:
    (room / "news").mkdir()
    (room / "news" / "zero.md").symlink_to("/dev/zero")
    run = check(room, "news", GOOD, timeout=30, memory=GIB)
    expect_unreadable(run, "news/zero.md", "a device, not a regular file")


def test_a_symlink_loop_in_a_folder(room: Path) -> None:
    (room / "news").mkdir()
    (room / "news" / "a.md").symlink_to("b.md")
    (room / "news" / "b.md").symlink_to("a.md")
    run = check(room, "news", GOOD)
    assert run.code == 1
    for name in ("news/a.md", "news/b.md"):
        [(rule, _, _, message)] = run.at(name)
        assert (rule, message) == (
            "document-unreadable",
            "cannot read: Too many levels of symbolic links",
        )
    assert run.good() == [GOOD_FINDING]


def test_a_folder_link_back_up_is_not_followed(room: Path) -> None:
    (room / "news").mkdir()
    (room / "news" / "up").symlink_to("..")
    (room / "news" / "up.md").symlink_to("..")
    (room / "news" / "calm.md").write_text("---\ndate: 2020-01-01\n---\nNothing to see.\n")
    run = check(room, "news", GOOD, timeout=30)
    assert run.code == 1
    assert [f["path"] for f in run.json["findings"]] == [GOOD]
    # with only the links in it, the folder holds no article: the run cannot be done as asked
    (room / "news" / "calm.md").unlink()
    run = check(room, "news", GOOD, timeout=30)
    assert (run.code, run.err.strip()) == (
        2,
        "news: no articles (include: *.md, *.markdown, *.txt)",
    )


def test_a_dangling_symlink_in_a_folder(room: Path) -> None:
    (room / "news").mkdir()
    (room / "news" / "gone.md").symlink_to("nowhere.md")
    expect_unreadable(check(room, "news", GOOD), "news/gone.md", "No such file or directory")


def test_a_dangling_symlink_named_is_a_missing_path(room: Path) -> None:
    """A named path that does not exist stops the job (exit 2), as design.md says."""
    (room / "gone.md").symlink_to("nowhere.md")
    run = check(room, "gone.md", GOOD)
    assert run.code == 2
    assert run.out == b""
    assert run.err.splitlines() == ["gone.md: no such file or folder"]


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_file_that_disappears_between_listing_and_reading(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """In-process: the folder is listed, then one of its files is removed before it is read."""
    newsroom.write("news/gone.md", article(WRONG))
    newsroom.write("news/" + GOOD, article(WRONG))
    listed = documents.expand

    def expand_then_remove(*args: Any, **kw: Any) -> documents.Expanded:
        found = listed(*args, **kw)
        if os.path.exists("news/gone.md"):
            os.remove("news/gone.md")
        return found

    monkeypatch.setattr(documents, "expand", expand_then_remove)
    run = newsroom.check("news", *([] if cache else ["--no-cache"]))
    assert run.code == 1
    assert [(f["path"], f["rule"], f["message"]) for f in run.findings] == [
        ("news/gone.md", "document-unreadable", "cannot read: No such file or directory"),
        ("news/good.md", "term-wrong-variant", run.findings[1]["message"]),
    ]


def test_a_file_named_twice_is_checked_once(room: Path) -> None:
    run = check(room, GOOD, "./" + GOOD, str(room / GOOD), ".")
    assert run.code == 1
    assert run.good() == [GOOD_FINDING]
    assert run.json["documents"] == 1


@pytest.mark.parametrize(
    "name", ["with space.md", " leading.md", "new\nline.md", "tab\there.md", "-dash.md"]
)
def test_odd_file_names(room: Path, name: str) -> None:
    (room / "news").mkdir()
    (room / "news" / name).write_text(article(WRONG))
    run = check(room, "news", GOOD)
    assert run.code == 1
    assert [r for r, *_ in run.at("news/" + name)] == ["term-wrong-variant"]
    assert run.good() == [GOOD_FINDING]
    # a line-oriented format keeps each finding on one line, whatever the name holds
    github = cli(room, "check", "news", GOOD, "--format", "github")
    lines = [ln for ln in github.out.decode().splitlines() if ln.startswith("::")]
    assert len(lines) == 2


def test_an_undecodable_file_name_named_on_the_command_line(room: Path) -> None:
    name = b"odd\xffname.md"
    with open(os.path.join(os.fsencode(room), name), "wb") as fh:
        fh.write(article(WRONG).encode())
    proc = cli(room, "check", name, GOOD, "--format", "text")
    assert proc.code == 1
    assert b"odd\xffname.md" in proc.out
    run = check(room, name, GOOD)
    assert [f["rule"] for f in run.json["findings"]] == ["term-wrong-variant"] * 2


# --- sizes -----------------------------------------------------------------------------------


def test_a_100_megabyte_article_in_bounded_time_and_memory(room: Path) -> None:
    paragraph = (
        "The delegation met officials in Hanoi to discuss new projects and training. "
        "Japan and Vietnam upgraded their ties to the Extensive Strategic Partnership in 2014, "
        "and two-way trade reached US$47.6 billion in 2022. "
    )
    block = "\n\n".join([paragraph * 3] * 1000)
    with open(room / "huge.md", "w", encoding="utf-8") as fh:
        fh.write(article("").rstrip("\n") + "\n")
        while fh.tell() < 100_000_000:
            fh.write(block + "\n\n")
        fh.write(WRONG + "\n")
    lines = (room / "huge.md").read_bytes().count(b"\n")
    run = check(room, "huge.md", GOOD, "--no-cache", timeout=300)
    assert run.code == 1
    assert run.at("huge.md") == [("term-wrong-variant", lines, 45, run.at("huge.md")[0][3])]
    assert run.good() == [GOOD_FINDING]
    (room / "huge.md").unlink()  # 100 MB less in the temporary folders pytest keeps


def test_100000_tiny_articles_in_one_folder(room: Path) -> None:
    news = room / "news"
    news.mkdir()
    folder = os.fspath(news)
    for i in range(100_000):  # os calls: Path.write_text made this test twice as long
        fd = os.open(f"{folder}/a{i:06d}.md", os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, f"---\ndate: 2015-09-15\n---\nA note, {i}.\n".encode())
        os.close(fd)
    (news / "z.md").write_text(article(WRONG))
    start = time.monotonic()
    run = check(room, "news", GOOD, "--no-cache", timeout=180)
    took = time.monotonic() - start
    assert run.code == 1
    assert run.json["documents"] == 100_002
    assert [(f["path"], f["rule"]) for f in run.json["findings"]] == [
        ("good.md", "term-wrong-variant"),
        ("news/z.md", "term-wrong-variant"),
    ]
    print(f"100,000 articles checked in {took:.1f} s")


def test_an_article_with_10000_findings(room: Path) -> None:
    (room / "many.md").write_text(article("\n\n".join([WRONG] * 10_000)))
    run = check(room, "many.md", GOOD, timeout=120)
    assert run.code == 1
    found = run.at("many.md")
    assert len(found) == 10_000
    assert {(r, c) for r, _, c, _ in found} == {("term-wrong-variant", 45)}
    assert [line for _, line, _, _ in found] == list(range(4, 4 + 2 * 10_000, 2))
    assert run.good() == [GOOD_FINDING]


# --- YAML bombs ------------------------------------------------------------------------------


def _laughs(levels: int = 9, indent: str = "") -> list[str]:
    """`key: &k [...]` lines, each level nine aliases of the one before: 9**levels strings."""
    lines = [f"{indent}l0: &l0 [{', '.join(['lol'] * 9)}]"]
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return lines


def test_front_matter_with_a_billion_laughs(room: Path) -> None:
    front = ["---", "date: 2015-09-15", *_laughs(), "---"]
    (room / "bomb.md").write_text("\n".join(front) + "\n" + WRONG + "\n")
    run = check(room, "bomb.md", GOOD, timeout=30, memory=2 * GIB)
    assert run.code == 1
    [problem, finding] = run.at("bomb.md")
    # l4 (9**5 values) is the first key past the limit; its key is on line 7 of the file
    assert problem[:3] == ("document-front-matter", 7, 1)
    one_line(problem[3], "'l4'", "aliases")
    assert finding[:2] == ("term-wrong-variant", len(front) + 1)
    assert run.good() == [GOOD_FINDING]


def test_a_manifest_with_a_billion_laughs(room: Path) -> None:
    (room / "txt").mkdir()
    (room / "txt" / "a.txt").write_text(WRONG + "\n")
    manifest = [*_laughs(), "a.txt:", "  date: 2015-09-15", "  tags: *l8"]
    (room / "txt" / documents.MANIFEST).write_text("\n".join(manifest) + "\n")
    run = check(room, "txt", GOOD, timeout=30, memory=2 * GIB)
    assert run.code == 1
    [problem, finding] = run.at("txt/a.txt")
    assert problem[0] == "document-manifest"
    one_line(problem[3], f"txt/{documents.MANIFEST}:12:3:", "'tags'", "aliases")
    assert finding[0] == "term-wrong-variant"
    assert run.good() == [GOOD_FINDING]


def test_a_rule_file_with_a_billion_laughs_in_a_valid_field(room: Path) -> None:
    """`names` takes a list of strings: the aliased lists are errors, each once, not a billion."""
    entries = ["entities:"]
    for i, line in enumerate(_laughs()):
        entries += [f"  - id: e{i}", f"    names: {line.split(': ', 1)[1]}"]
    (room / "rules" / "bomb.yaml").write_text("\n".join(entries) + "\n")
    run = check(room, GOOD, timeout=30, memory=2 * GIB)
    assert run.code == 2
    assert run.out == b""
    errors = run.err.splitlines()
    assert 0 < len(errors) <= 100
    for line in errors:
        assert line.startswith("rules/bomb.yaml:") and "valid string" in line, line


# --- rules and configuration -----------------------------------------------------------------


def test_duplicate_ids_across_rule_files_name_both_places(room: Path) -> None:
    rules = room / "rules"
    (rules / "again.yaml").write_text((rules / "terms.yaml").read_text())
    run = check(room, GOOD)
    assert run.code == 2
    assert run.out == b""
    lines = run.err.splitlines()
    assert len(lines) == 3  # vietnam, japan, esp
    for line in lines:
        one_line(line, "rules/again.yaml", "rules/terms.yaml", "duplicate")
    assert any("'esp'" in line for line in lines)


def test_a_config_path_that_is_a_folder(room: Path) -> None:
    (room / "conf.d").mkdir()
    run = check(room, GOOD, "--config", "conf.d")
    assert run.code == 2
    assert run.out == b""
    [line] = run.err.splitlines()
    one_line(line, "conf.d")


def test_a_config_file_that_is_a_fifo_does_not_hang(room: Path) -> None:
    os.mkfifo(room / "conf.yaml")
    run = check(room, GOOD, "--config", "conf.yaml", timeout=30)
    assert run.code == 2
    [line] = run.err.splitlines()
    one_line(line, "conf.yaml")


def test_a_rule_file_that_is_a_fifo_or_a_device_is_not_read(room: Path) -> None:
    os.mkfifo(room / "rules" / "pipe.yaml")
    (room / "rules" / "zero.yaml").symlink_to("/dev/zero")
    run = check(room, GOOD, timeout=30, memory=GIB)
    assert run.code == 1
    assert run.good() == [GOOD_FINDING]


def test_an_empty_folder_alone_cannot_do_the_job(room: Path) -> None:
    (room / "empty").mkdir()
    run = check(room, "empty")
    assert run.code == 2
    [line] = run.err.splitlines()
    one_line(line, "empty")


def test_a_named_file_the_config_excludes_gets_a_note(room: Path) -> None:
    (room / ".claimcheck.yaml").write_text("rules: [rules]\nexclude: [skip.md]\n")
    (room / "skip.md").write_text(article(WRONG))
    run = check(room, "skip.md")
    assert run.code == 0
    assert run.json["findings"] == []
    [line] = run.err.splitlines()
    one_line(line, "skip.md")


# --- the cache -------------------------------------------------------------------------------


def _hook_room(room: Path) -> None:
    """A corpus of 80 articles, checked against on every run: a pool and the cache at work."""
    (room / ".claimcheck.yaml").write_text("rules: [rules]\ncorpus: ['corpus/*.md']\n")
    for i in range(80):
        (room / "corpus").mkdir(exist_ok=True)
        (room / "corpus" / f"a{i:02d}.md").write_text(article(f"Note {i}. {WRONG}"))


def test_two_hook_runs_and_a_cache_clear_at_the_same_time(room: Path) -> None:
    _hook_room(room)
    base = [sys.executable, "-m", "claimcheck"]
    for _ in range(4):
        procs = [
            subprocess.Popen(
                [*base, "check", GOOD, "--format", "json"],
                cwd=room,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        clear = subprocess.run(
            [*base, "cache", "clear"], cwd=room, capture_output=True, timeout=60, text=True
        )
        assert clear.returncode == 0, clear.stderr
        assert "Traceback" not in clear.stderr
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert "Traceback" not in err.decode(), err
            assert p.returncode == 1, err
            findings = json.loads(out)["findings"]
            assert [(f["path"], f["line"], f["rule"]) for f in findings] == [GOOD_FINDING]
    # and the cache they leave serves a correct run
    assert check(room, GOOD).good() == [GOOD_FINDING]


CACHE = Path(".claimcheck_cache") / "claims.sqlite"


def _crafted(room: Path, make: Callable[[Path], None]) -> Proc:
    """Run once to make the cache, craft it, run again: a warning at most, findings unchanged."""
    first = check(room, GOOD)
    assert first.good() == [GOOD_FINDING]
    for extra in room.glob(".claimcheck_cache/claims.sqlite-*"):
        extra.unlink()
    make(room / CACHE)
    run = check(room, GOOD)
    assert run.code == 1
    assert run.out == first.out
    for line in run.err.splitlines():
        assert line.startswith("claimcheck: warning: "), line
    return run


def test_a_cache_file_of_random_bytes(room: Path) -> None:
    run = _crafted(room, lambda p: p.write_bytes(os.urandom(8192)))
    assert "rebuild" in run.err


def _ours(path: Path, sql: Sequence[str]) -> None:
    """An SQLite file that says it is claimcheck's cache of this version, holding `sql`."""
    from claimcheck.run.store import _APP_ID, SCHEMA

    path.unlink()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA application_id={_APP_ID}")
    db.execute(f"PRAGMA user_version={SCHEMA}")
    for statement in sql:
        db.execute(statement)
    db.close()


def test_a_cache_file_with_our_marks_and_the_wrong_tables(room: Path) -> None:
    _crafted(room, lambda p: _ours(p, ["CREATE TABLE entries (x)", "CREATE TABLE files (y)"]))


def _garble(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        'UPDATE entries SET meta = \'{"doc": null, "problems": [{"rule": 1}]}\', '
        "findings = 'not json', corpus = '[[1, 2]]', rest = '5'"
    )
    db.execute("UPDATE files SET stat = 'x', key = 'y'")
    db.close()


def test_a_cache_file_with_garbled_entries(room: Path) -> None:
    _crafted(room, _garble)


def test_a_cache_file_with_a_trigger_runs_nothing_of_it(room: Path) -> None:
    """A trigger in a crafted cache would run SQL on the next insert: it is not ours, and the
    cache must not keep it (findings unchanged, the trigger's table stays empty or is gone)."""

    def trap(path: Path) -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("CREATE TABLE trapped (n)")
        db.execute(
            "CREATE TRIGGER t AFTER INSERT ON entries BEGIN INSERT INTO trapped VALUES (1); END"
        )
        db.execute("DELETE FROM entries")
        db.execute("DELETE FROM files")
        db.close()

    _crafted(room, trap)
    db = sqlite3.connect(room / CACHE)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        trapped = (
            db.execute("SELECT count(*) FROM trapped").fetchone()[0] if "trapped" in tables else 0
        )
    finally:
        db.close()
    assert trapped == 0


class _Marker:
    """Pickled, it touches a file when loaded: a crafted rulebook cache must never run code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.path,))


def test_a_crafted_rulebook_cache_runs_no_code(room: Path) -> None:
    first = check(room, GOOD)
    [cached] = (room / ".claimcheck_cache").glob("rulebook-*.json")
    marker = room / "code-was-run"
    crafted = pickle.dumps(_Marker(marker))
    cached.write_bytes(crafted)  # where the rulebook is stored now
    cached.with_suffix(".sealed").write_bytes(crafted)  # its sealed copy, when there is a key
    cached.with_suffix(".pickle").write_bytes(crafted)  # and where a pickle was read before
    run = check(room, GOOD)
    assert not marker.exists()
    assert run.out == first.out


# --- every format, every bad input at once ---------------------------------------------------


FORMATS = ["text", "concise", "json", "markdown", "github", "sarif", "html", "claimreview"]


def _everything_bad(room: Path) -> Path:
    """A folder of one of each bad input, and the good article."""
    bad = room / "bad"
    bad.mkdir()
    (bad / GOOD).write_text(article(WRONG))
    os.mkfifo(bad / "pipe.md")
    (bad / "zero.md").symlink_to("/dev/zero")
    (bad / "loop.md").symlink_to("loop.md")
    (bad / "dangling.md").symlink_to("nowhere.md")
    (bad / "folder.md").mkdir()
    (bad / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (bad / "latin.md").write_bytes(b"Caf\xe9\n")
    (bad / "utf16.md").write_bytes(article(WRONG).encode("utf-16"))
    (bad / "empty.md").write_text("")
    (bad / "unclosed.md").write_text("---\ndate: 2015-09-15\n" + WRONG + "\n")
    (bad / "baddate.md").write_text("---\ndate: 2015-02-30\n---\n" + WRONG + "\n")
    (bad / "bomb.md").write_text("\n".join(["---", *_laughs(), "---", WRONG]) + "\n")
    (bad / "new\nline.md").write_text(article(WRONG))
    with open(os.path.join(os.fsencode(bad), b"odd\xffname.md"), "wb") as fh:
        fh.write(article(WRONG).encode())
    (bad / "digits.md").write_text(article(",".join(["123"] * 30_000)))
    (bad / "nul.md").write_bytes(b"text\0with a NUL\n")
    (bad / "crlf.md").write_bytes(article(WRONG).replace("\n", "\r\n").encode())
    return bad


@pytest.fixture(scope="module")
def bad_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import TEST_RULES

    root = tmp_path_factory.mktemp("everything")
    (root / "rules").mkdir()
    (root / "rules" / "terms.yaml").write_text(TEST_RULES)
    (root / ".claimcheck.yaml").write_text("rules: [rules]\n")
    _everything_bad(root)
    return root


def test_every_bad_input_at_once_in_json(bad_room: Path) -> None:
    run = check(bad_room, "bad", timeout=120, memory=2 * GIB)
    assert run.code == 1
    by_path: dict[str, list[str]] = {}
    for f in run.json["findings"]:
        assert "\n" not in f["message"]
        by_path.setdefault(f["path"], []).append(f["rule"])
    assert by_path["bad/good.md"] == ["term-wrong-variant"]
    for name in ("pipe.md", "zero.md", "loop.md", "dangling.md"):
        assert by_path[f"bad/{name}"] == ["document-unreadable"], name
    assert by_path["bad/binary.md"] == by_path["bad/nul.md"] == ["document-binary"]
    assert by_path["bad/latin.md"] == by_path["bad/utf16.md"] == ["document-encoding"]
    assert by_path["bad/bomb.md"][0] == "document-front-matter"
    assert by_path["bad/new\nline.md"] == by_path["bad/crlf.md"] == ["term-wrong-variant"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_bad_input_at_once_in_every_format(bad_room: Path, fmt: str) -> None:
    out = bad_room / f"report.{fmt}"
    run = cli(
        bad_room, "check", "bad", "--format", fmt, "-o", out.name, timeout=120, memory=2 * GIB
    )
    assert run.code == 1, run.err
    assert run.err.strip() == "" or all(
        line.startswith("claimcheck:") for line in run.err.splitlines()
    ), run.err
    written = out.read_bytes()
    assert written
    if fmt in ("json", "sarif", "claimreview"):
        json.loads(written.decode("utf-8", "surrogateescape"))
    if fmt == "claimreview":  # reviews of claims, not of files
        return
    for name in (b"pipe.md", b"zero.md", b"bomb.md", b"good.md"):
        assert name in written, name
    assert (b"odd%FFname.md" if fmt == "sarif" else b"odd\xffname.md") in written
    # the run is deterministic: the same bytes again
    again = cli(bad_room, "check", "bad", "--format", fmt, timeout=120, memory=2 * GIB)
    assert again.out == written
