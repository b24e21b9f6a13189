"""The claim cache and parallel extraction: same results, survives corruption and concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import batch
from claimcheck.cli import main
from claimcheck.extract import Extractor

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
    assert batch.POOL_MIN_DOCS <= 90
    assert main(["check", "articles", "--format", "json", "--no-cache", "-j", "1"]) == 1
    serial = capsys.readouterr().out
    assert main(["check", "articles", "--format", "json", "--no-cache", "-j", "2"]) == 1
    assert capsys.readouterr().out == serial


def test_concurrent_runs_share_the_cache(corpus: Path) -> None:
    cmd = [sys.executable, "-m", "claimcheck", "check", "articles", "--format", "json", "-j", "1"]
    procs = [
        subprocess.Popen(cmd, cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1]
    assert len({o for o, _ in outs}) == 1
    assert all(b"Traceback" not in e for _, e in outs)
    db = sqlite3.connect(corpus / ".claimcheck_cache" / "claims.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 90


def test_cache_clear(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "articles", "-j", "1"]) == 1
    assert (corpus / ".claimcheck_cache" / "claims.sqlite").exists()
    assert main(["cache", "clear"]) == 0
    assert not (corpus / ".claimcheck_cache" / "claims.sqlite").exists()


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
