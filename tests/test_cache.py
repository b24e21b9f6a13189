"""The claim cache and parallel extraction: same results, survives corruption and concurrency."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from claimcheck.cli import main
from claimcheck.extract import Extractor
from claimcheck.infra import caching
from claimcheck.run import entries, executor, store

RULES = """\
entities:
  - id: land
    names: [Land]
terms:
  - id: pact
    name: Grand Friendship Pact
    since: 2001
    source: https://example.org/pact
    variants:
      - wrong: grand friendly pact
        right: Grand Friendship Pact
"""


def _corpus(root: Path, n: int) -> Path:
    (root / "rules").mkdir()
    (root / "rules" / "r.yaml").write_text(RULES, encoding="utf-8")
    arts = root / "articles"
    arts.mkdir()
    for i in range(n):
        body = "The Grand Friendship Pact holds." if i % 3 else "The grand friendly pact holds."
        (arts / f"a{i:04d}.md").write_text(
            f"---\ndate: 2020-01-{i % 28 + 1:02d}\n---\nArticle {i}.\n{body}\n", encoding="utf-8"
        )
    (root / ".claimcheck.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    return root


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return _corpus(tmp_path, 90)


def _count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = Extractor.extract

    def counting(self: Extractor, doc):  # type: ignore[no-untyped-def]
        seen.append(doc.path)
        return original(self, doc)

    monkeypatch.setattr(Extractor, "extract", counting)
    return seen


def test_second_run_reads_cache_and_reextracts_only_changed(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = _count_extractions(monkeypatch)
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    first = capsys.readouterr().out
    assert len(seen) == 90
    seen.clear()
    (corpus / "articles" / "a0005.md").write_text(
        "---\ndate: 2020-01-05\n---\nChanged.\nThe grand friendly pact holds.\n", encoding="utf-8"
    )
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    second = capsys.readouterr().out
    assert seen == [str(Path("articles") / "a0005.md")]
    assert second.count('"term-wrong-variant"') == first.count('"term-wrong-variant"') + 1


def test_no_cache_writes_nothing(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "articles", "--no-cache", "-j", "1"]) == 1
    assert not (corpus / ".claimcheck_cache").exists()


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b""])
def test_corrupt_cache_is_rebuilt_with_warning(
    corpus: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    good = capsys.readouterr().out
    db = corpus / ".claimcheck_cache" / "claims.sqlite"
    for extra in db.parent.glob("claims.sqlite-*"):
        extra.unlink()
    db.write_bytes(content)
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    out, err = capsys.readouterr()
    assert out == good
    if content:
        assert "warning" in err and "Traceback" not in err
    # the rebuilt cache is usable: a third run is served from it
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    assert capsys.readouterr().out == good


def test_foreign_sqlite_file_is_not_trusted(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus / ".claimcheck_cache"
    folder.mkdir()
    other = sqlite3.connect(folder / "claims.sqlite")
    other.execute("CREATE TABLE claims (key TEXT, data TEXT)")
    other.execute("INSERT INTO claims VALUES ('x', 'not json')")
    other.commit()
    other.close()
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    assert "not a claimcheck cache" in capsys.readouterr().err


def test_cache_rows_that_do_not_decode_are_rebuilt(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    good = capsys.readouterr().out
    db = sqlite3.connect(corpus / ".claimcheck_cache" / "claims.sqlite")
    db.execute("UPDATE entries SET corpus = '[{\"nonsense\": 1}]'")
    db.commit()
    db.close()
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    out, err = capsys.readouterr()
    assert out == good and "warning" in err


def test_parallel_output_equals_serial(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert executor.POOL_MIN_DOCS <= 90
    assert main(["check", "articles", "--format", "json", "--no-cache", "-j", "1"]) == 1
    serial = capsys.readouterr().out
    assert main(["check", "articles", "--format", "json", "--no-cache", "-j", "2"]) == 1
    assert capsys.readouterr().out == serial


def test_concurrent_runs_share_the_cache(corpus: Path) -> None:
    cmd = [sys.executable, "-m", "claimcheck", "check", "articles", "--format", "json", "-j", "1"]
    procs = [
        subprocess.Popen(cmd, cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1, 1]
    assert len({o for o, _ in outs}) == 1
    # a run that creates the cache while another does must not take it for a broken one
    assert all(b"Traceback" not in e and b"warning" not in e for _, e in outs), outs
    db = sqlite3.connect(corpus / ".claimcheck_cache" / "claims.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 90


def test_cache_clear(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "articles", "-j", "1"]) == 1
    folder = corpus / ".claimcheck_cache"
    made = sorted(p.name for p in folder.iterdir())
    assert made[:2] == [".gitignore", "claims.sqlite"] and made[2].startswith("rulebook-"), made
    capsys.readouterr()
    assert main(["cache", "clear"]) == 0
    said = capsys.readouterr().out
    assert said == f"claimcheck: removed {len(made)} cache file(s) from .claimcheck_cache\n"
    assert not folder.exists()  # nothing but claimcheck's files was there


def test_hook_run_reads_the_same_findings_from_the_cache(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run against a cached corpus (claims fetched in part) reports what a cold run does."""
    (corpus / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['articles/*.md']\n", encoding="utf-8"
    )
    new = corpus / "new.md"
    new.write_text("---\ndate: 2021-01-01\n---\nThe grand friendly pact holds.\n", encoding="utf-8")
    assert main(["check", "new.md", "--format", "json", "--no-cache"]) == 1
    cold = capsys.readouterr().out
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1  # warm the cache
    capsys.readouterr()
    for _ in range(2):
        assert main(["check", "new.md", "--format", "json", "-j", "1"]) == 1
        assert capsys.readouterr().out == cold


def test_old_cache_schema_is_replaced_silently(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    good = capsys.readouterr().out
    db = sqlite3.connect(corpus / ".claimcheck_cache" / "claims.sqlite")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
    out, err = capsys.readouterr()
    assert out == good and "warning" not in err


METRIC_RULES = """\
entities:
  - id: land
    names: [Land]
metrics:
  - id: land-exports
    name: Land's exports
    subject: [land]
    aliases: [exports]
    dimension: currency
    unit: USD
    source: https://example.org/exports
"""


@pytest.fixture
def figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Six corpus articles giving Land's exports for 2015-2017 (two for each year), a new
    article contradicting the 2016 figure, and no rulebook fact: the corpus engine judges."""
    monkeypatch.chdir(tmp_path)
    newsroom(tmp_path, [2015 + i % 3 for i in range(6)])
    monkeypatch.setattr(store, "RACY_NS", -(10**12))  # trust files written a moment ago
    return tmp_path


def newsroom(root: Path, years: list[int]) -> None:
    """A newsroom at root: the metric rules, one corpus article giving Land's exports of
    US$5 billion for each of the years, a new article giving US$7 billion for 2016, and a
    config that reads the corpus."""
    (root / "rules").mkdir()
    (root / "rules" / "r.yaml").write_text(METRIC_RULES, encoding="utf-8")
    (root / "articles").mkdir()
    for i, year in enumerate(years):
        (root / "articles" / f"a{i}.md").write_text(
            f"---\ndate: 2020-02-0{i + 1}\n---\nLand's exports reached US$5 billion in {year}.\n",
            encoding="utf-8",
        )
    (root / "new.md").write_text(
        "---\ndate: 2021-01-01\n---\nLand's exports reached US$7 billion in 2016.\n",
        encoding="utf-8",
    )
    (root / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['articles/*.md']\n", encoding="utf-8"
    )


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        seen.append(self.as_posix())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return seen


@pytest.mark.parametrize("scan_over", [2000, 0], ids=["index-lookups", "whole-index"])
def test_hook_reads_only_the_corpus_articles_that_meet_the_checked_one(
    figures: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scan_over: int,
) -> None:
    monkeypatch.setattr(store, "_SCAN_OVER", scan_over)
    assert main(["check", "new.md", "--format", "json", "--no-cache"]) == 1
    cold = capsys.readouterr().out
    assert cold.count('"quantity-contradicts-article"') == 1
    assert main(["check", "new.md", "--format", "json"]) == 1  # fills the cache and stat index
    assert capsys.readouterr().out == cold
    reads = _reads(monkeypatch)
    assert main(["check", "new.md", "--format", "json"]) == 1
    assert capsys.readouterr().out == cold
    # the two 2016 articles are read for their text (the finding cites their lines); the four
    # of other years are known from the stat index and never opened
    opened = sorted(r for r in reads if r.startswith("articles/a"))
    assert opened == ["articles/a1.md", "articles/a4.md"]


@pytest.mark.parametrize("scan_over", [2000, 0], ids=["index-lookups", "whole-index"])
def test_a_changed_corpus_article_is_read_again(
    figures: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scan_over: int,
) -> None:
    monkeypatch.setattr(store, "_SCAN_OVER", scan_over)
    assert main(["check", "new.md", "--format", "json"]) == 1
    capsys.readouterr()
    for i in (1, 4):  # the 2016 articles now agree with the new one
        (figures / "articles" / f"a{i}.md").write_text(
            f"---\ndate: 2020-02-0{i + 1}\n---\nLand's exports reached US$7.0 billion in 2016.\n",
            encoding="utf-8",
        )
    seen = _count_extractions(monkeypatch)
    assert main(["check", "new.md", "--format", "json"]) == 0
    assert sorted(seen) == [str(Path("articles") / "a1.md"), str(Path("articles") / "a4.md")]


def test_stat_index_keyed_by_rules_too(
    figures: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changed rules change every key: the corpus is extracted again, not served stale."""
    assert main(["check", "new.md"]) == 1
    (figures / "rules" / "r.yaml").write_text(
        METRIC_RULES.replace("[exports]", "[shipments]"), encoding="utf-8"
    )
    seen = _count_extractions(monkeypatch)
    assert main(["check", "new.md"]) == 0
    assert len(seen) == 7


def test_hook_leaves_out_the_parts_a_corpus_sum_shows_are_no_value_of_the_metric(
    figures: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corpus article's "of which US$5 billion" is not Land's exports: the cached join rows
    leave it out exactly as the corpus engine does on the full claims."""
    for old in (figures / "articles").glob("*.md"):
        old.unlink()
    (figures / "articles" / "sum.md").write_text(
        "---\ndate: 2020-02-01\n---\n"
        "Land's exports in 2016 were US$7 billion, of which machinery accounted for US$5 billion"
        " in 2016.\n",
        encoding="utf-8",
    )
    (figures / "new.md").write_text(
        "---\ndate: 2021-01-01\n---\nLand's exports reached US$5 billion in 2016.\n",
        encoding="utf-8",
    )
    assert main(["check", "new.md", "--format", "json", "--no-cache"]) == 1
    cold = capsys.readouterr().out
    assert '"quantity-contradicts-article"' in cold and "articles/sum.md" in cold
    for _ in range(2):  # fills the cache, then is served from it
        assert main(["check", "new.md", "--format", "json"]) == 1
        assert capsys.readouterr().out == cold


def test_join_rows_that_do_not_decode_are_extracted_again(
    figures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "new.md", "--format", "json", "--no-cache"]) == 1
    cold = capsys.readouterr().out
    assert main(["check", "new.md", "--format", "json"]) == 1
    capsys.readouterr()
    db = sqlite3.connect(figures / ".claimcheck_cache" / "claims.sqlite")
    db.execute("UPDATE joins SET claim = '{\"nonsense\": 1}', date = 'someday'")
    db.commit()
    db.close()
    assert main(["check", "new.md", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert out == cold and "warning" in err and "Traceback" not in err
    assert main(["check", "new.md", "--format", "json"]) == 1  # stored afresh: no warning now
    out, err = capsys.readouterr()
    assert out == cold and err == ""


def test_the_code_digest_changes_with_any_extraction_file(tmp_path: Path) -> None:
    """Claims cached by other extraction code are never served: an edit, even one that keeps
    the size, or a file added, changes the digest that keys them; another folder does not."""
    package = tmp_path / "claimcheck"
    shutil.copytree(Path(claimcheck.__file__).parent, package)
    before = caching.digest_of_code(package)
    assert caching.digest_of_code(package) == before
    numbers = package / "extract" / "numbers.py"
    st = numbers.stat()
    numbers.write_bytes(numbers.read_bytes().replace(b"million", b"millian", 1))
    os.utime(numbers, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert numbers.stat().st_size == st.st_size
    edited = caching.digest_of_code(package)
    assert edited != before
    (package / "checks" / "extra.py").write_text("", encoding="utf-8")
    added = caching.digest_of_code(package)
    assert added not in (before, edited)
    (package / "reports" / "extra.py").write_text("", encoding="utf-8")
    assert caching.digest_of_code(package) == added


@pytest.mark.parametrize(
    "edited", ["model/document.py", "run/articles.py", "model/claims.py", "yamlio/subset.py"]
)
def test_the_code_digest_covers_the_reader_and_the_model(tmp_path: Path, edited: str) -> None:
    """What reads an article (its front matter too) and the model every stage reads key the
    cached claims as the extractors do: an edit to one changes the digest."""
    package = tmp_path / "claimcheck"
    shutil.copytree(Path(claimcheck.__file__).parent, package)
    before = caching.digest_of_code(package)
    with (package / edited).open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert caching.digest_of_code(package) != before


def _table_sizes(root: Path) -> tuple[int, int, int]:
    db = sqlite3.connect(root / ".claimcheck_cache" / "claims.sqlite")
    try:
        return tuple(  # type: ignore[return-value]
            db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("entries", "joins", "files")
        )
    finally:
        db.close()


@pytest.mark.parametrize("racy", [False, True], ids=["settled", "just-written"])
def test_an_edited_article_replaces_its_cache_entry(
    figures: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    racy: bool,
) -> None:
    """A hook run on each draft of an article: the cache holds one entry and one set of join
    rows per article, not one per draft, whether or not the draft's status could be trusted;
    the findings are those of a run without the cache."""
    if racy:
        monkeypatch.setattr(store, "RACY_NS", 10**15)  # no status trusted: keyed by content
    assert main(["check", "new.md", "--format", "json"]) == 1
    sizes = _table_sizes(figures)
    assert sizes[0] == 7  # six corpus articles and new.md
    for draft in range(4):
        (figures / "new.md").write_text(
            f"---\ndate: 2021-01-01\n---\nLand's exports reached US$7 billion in 2016.\n"
            f"Draft {draft}: Land's exports reached US$6 billion in 2017.\n",
            encoding="utf-8",
        )
        capsys.readouterr()
        assert main(["check", "new.md", "--format", "json"]) == 1
        assert capsys.readouterr().out == _uncached(capsys)
    grown = _table_sizes(figures)
    assert grown[0] == sizes[0] and grown[2] == sizes[2]
    assert grown[1] == sizes[1] + 1  # the drafts' one more figure


def _uncached(capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", "new.md", "--format", "json", "--no-cache"])
    return capsys.readouterr().out


def test_a_shared_entry_outlives_the_edit_of_one_of_its_files(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files with the same bytes share an entry: editing one drops it at most until the
    other is read again, and every run reports what a run without the cache does."""
    twin = (corpus / "articles" / "a0001.md").read_bytes()
    (corpus / "articles" / "twin.md").write_bytes(twin)
    want = []
    for step in range(3):
        if step:
            (corpus / "articles" / "a0001.md").write_text(
                f"---\ndate: 2020-01-02\n---\nEdit {step}.\nThe grand friendly pact holds.\n",
                encoding="utf-8",
            )
        main(["check", "articles", "--format", "json", "-j", "1", "--no-cache"])
        want.append(capsys.readouterr().out)
        for _ in range(2):
            assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
            assert capsys.readouterr().out == want[-1]
    assert _table_sizes(corpus)[0] == 91  # 90 articles, the twin sharing an entry: one more


def test_a_new_cache_file_appears_with_its_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Made under another name and linked into place: whoever opens it finds the tables, and
    nothing of the making is left behind."""
    folder = tmp_path / ".claimcheck_cache"
    store.ClaimCache(folder).close()
    assert sorted(p.name for p in folder.iterdir() if ".new" in p.name) == []
    db = sqlite3.connect(folder / store.CACHE_FILE)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"entries", "joins", "files"} <= tables
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA
    db.close()
    store.ClaimCache(folder).close()
    assert capsys.readouterr().err == ""


def test_a_file_name_with_an_undecodable_byte_is_checked_through_the_cache(
    corpus: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """SQLite holds UTF-8 text: such a name stays out of the stat index and is read every run.
    The JSON report writes the name as its own bytes."""
    odd = os.fsencode(corpus / "articles") + b"/odd\xffname.md"
    with open(odd, "wb") as f:
        f.write(b"---\ndate: 2020-01-01\n---\nThe grand friendly pact holds.\n")
    for _ in range(2):
        assert main(["check", "articles", "--format", "json", "-j", "1"]) == 1
        out, err = capsysbinary.readouterr()
        assert b"internal error" not in err
        assert out.count(b'"term-wrong-variant"') == 31  # 30 of the 90, and the odd one
        assert b'odd\xffname.md"' in out


def test_joined_hands_on_each_claim_row_decoded_and_a_crafted_one_as_no_claim(
    tmp_path: Path,
) -> None:
    """Rows claimcheck wrote carry a seal that verifies and are decoded as they are; a row
    written by anyone else (no seal, or another key's) is checked against Claim.to_row's shape."""
    from claimcheck.model.claims import Claim

    good = Claim("term", 3, 9, "a pact", "land", "pact", sentence=(0, 9))
    text = entries.json_text(good.to_row())
    crafted = '["term", 3, 9, "a pact", null, null, null, null, null, null, [], [], [], [0]]'
    db = store.ClaimCache(tmp_path / "c")
    assert db.key is not None
    entry = {p: "[]" for p in store.PARTS}
    db.put_many([("k1", entry, [("j", text, "2020-01-01", "front matter")])])
    other = caching.seal(b"k" * caching.KEY_BYTES, crafted.encode())[:16]
    for k, seal in (("k2", None), ("k3", other), ("k4", b"")):
        db.put_many([(k, entry, [])])
        assert db.db is not None
        db.db.execute(
            "INSERT INTO joins VALUES ('j', ?, ?, '2020-01-01', 'front matter', ?)",
            (k, crafted, seal),
        )
    db.db.execute(  # a claim of the right shape, unsealed: checked, and used
        "INSERT INTO joins VALUES ('j', 'k5', ?, '2020-01-01', 'front matter', NULL)", (text,)
    )
    found = db.joined(["j"])
    db.close()
    assert found["k1"] == ("2020-01-01", "front matter", [json.loads(text)])
    assert Claim.from_row(found["k1"][2][0]) == good
    assert found["k5"] == found["k1"]
    for k in ("k2", "k3", "k4"):
        assert found[k] == ("", "", [store.UNUSABLE])
    with pytest.raises(TypeError):
        Claim.from_row(found["k2"][2][0])


def test_a_sealed_row_is_trusted_only_with_the_key_that_sealed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file read by another account (another key): every row is checked, none used
    unchecked; a row with a wrong shape sealed by the first account is still caught."""
    crafted = '["term", 3, 9, "a pact", null, null, null, null, null, null, [], [], [], [0]]'
    db = store.ClaimCache(tmp_path / "c")
    db.put_many([("k1", {p: "[]" for p in store.PARTS}, [("j", crafted, "2020", "x")])])
    assert db.joined(["j"])["k1"][2] != [store.UNUSABLE]  # sealed by us: trusted as written
    db.key = b"another key, another account!!!!"
    assert db.joined(["j"])["k1"] == ("", "", [store.UNUSABLE])
    db.key = None  # no key at all (a home that cannot be written): checked too
    assert db.joined(["j"])["k1"] == ("", "", [store.UNUSABLE])
    db.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own, with no key yet (and none remembered from another test)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(caching, "_KEYS", {})
    return home


def test_the_key_is_made_once_in_the_users_cache_folder_for_them_alone(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "newsroom"
    key = caching.mac_key(project / store.CACHE_DIR)
    path = home / ".cache" / "claimcheck" / "key"
    assert key is not None and len(key) == caching.KEY_BYTES and path.read_bytes() == key
    assert path.stat().st_mode & 0o777 == 0o600
    assert not project.exists()  # nothing written in the project
    monkeypatch.setattr(caching, "_KEYS", {})
    assert caching.mac_key(project / store.CACHE_DIR) == key  # read back, not made again
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    other = caching.mac_key(project / store.CACHE_DIR)
    assert other is not None and (tmp_path / "xdg" / "claimcheck" / "key").read_bytes() == other


def test_no_key_inside_the_project(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key where the project's files are (a configuration at ~/.claimcheck.yaml, or a cache
    folder set inside the project) could be committed with them: there is none, and every file
    is checked in full."""
    assert caching.mac_key(home / store.CACHE_DIR) is None
    project = tmp_path / "newsroom"
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "tmp" / "cache"))
    assert caching.mac_key(project / store.CACHE_DIR) is None
    assert not (home / ".cache").exists() and not project.exists()
    assert caching.mac_key(tmp_path / "elsewhere" / store.CACHE_DIR) is not None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p.chmod(0o644),  # others may read it: not a secret
        lambda p: p.write_bytes(b"short"),
        lambda p: (p.unlink(), p.symlink_to(p.with_name("elsewhere"))),
    ],
    ids=["readable by others", "of the wrong length", "a link"],
)
def test_a_key_file_not_as_claimcheck_makes_it_is_no_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: object
) -> None:
    folder = tmp_path / "newsroom" / store.CACHE_DIR
    assert caching.mac_key(folder) is not None
    path = home / ".cache" / "claimcheck" / "key"
    path.with_name("elsewhere").write_bytes(b"k" * caching.KEY_BYTES)
    spoil(path)  # type: ignore[operator]
    monkeypatch.setattr(caching, "_KEYS", {})
    assert caching.mac_key(folder) is None


def test_a_home_that_cannot_be_written_checks_everything_and_still_works(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No key can be made (the home is a file, so nothing can be created under it, even by
    root): no seals are written or trusted, and the findings are those of a run with them."""
    want = main(["check", "articles", "--format", "json", "-j", "1"]), capsys.readouterr().out
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(blocked))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(caching, "_KEYS", {})
    shutil.rmtree(corpus / store.CACHE_DIR)
    for _ in range(2):  # filling the cache, then served from it
        got = main(["check", "articles", "--format", "json", "-j", "1"]), capsys.readouterr()
        assert (got[0], got[1].out) == want and got[1].err == ""
    assert caching.mac_key(corpus / store.CACHE_DIR) is None
    assert not list((corpus / store.CACHE_DIR).glob("*.sealed"))
    db = sqlite3.connect(corpus / store.CACHE_DIR / store.CACHE_FILE)
    assert db.execute("SELECT count(*) FROM joins WHERE seal IS NOT NULL").fetchone() == (0,)
    db.close()
