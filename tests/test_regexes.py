"""The compiled-pattern cache: what it serves must be what re.compile makes, whatever the file."""

from __future__ import annotations

import importlib
import marshal
import os
import pkgutil
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.infra import regexes

pytestmark = pytest.mark.skipif(regexes._TAG is None, reason="no SRE code cache off CPython")


def _package_patterns() -> list[re.Pattern[str]]:
    """Every pattern claimcheck's modules hold at module level (in lists and tuples too)."""
    found: dict[tuple[str, int], re.Pattern[str]] = {}

    def visit(value: object) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found[(value.pattern, value.flags)] = value
        elif isinstance(value, list | tuple):
            for v in value:
                visit(v)

    for info in pkgutil.walk_packages(claimcheck.__path__, "claimcheck."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            visit(value)
    return list(found.values())


def _signed(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(4, "little") + payload


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "regexes.marshal"
    monkeypatch.setattr(regexes, "_FILE", str(path))
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_new", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: nothing read, nothing new."""
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_new", {})


def test_served_patterns_equal_re_compile(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns = _package_patterns()
    assert len(patterns) > 50  # the extraction modules' phrase patterns are among them
    for p in patterns:
        regexes.compile(p.pattern, p.flags)
    regexes.save()
    assert cache_file.exists()
    _fresh(monkeypatch)
    sample = "On March 3, 2019, Japan's ODA to Vietnam rose 12.5% to US$1.2 billion in FY2018."
    for p in patterns:
        served = regexes.compile(p.pattern, p.flags)
        fresh = re.compile(p.pattern, p.flags)
        assert served == fresh  # CPython compares the SRE code itself
        assert served.groupindex == fresh.groupindex and served.groups == fresh.groups
        found = [m.span() for m in served.finditer(sample)]
        assert found == [m.span() for m in fresh.finditer(sample)]
    assert regexes._new == {}  # every one came from the file


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00garbage\xff",
        _signed(marshal.dumps(["not", "a", "table"])),
        # code that does not match its CRC (a damaged file)
        b"\0\0\0\0" + marshal.dumps({(r"a+b", 0): (32, b"\x01\x00\x00\x00", 0, {}, (None,))}),
        # code that CPython's validator rejects
        _signed(marshal.dumps({(r"a+b", 0): (32, b"\xff\xff\x00\x00", 0, {}, (None,))})),
    ],
    ids=["empty", "garbage", "not-a-table", "crc-mismatch", "rejected-code"],
)
def test_bad_file_means_compiling_afresh(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    cache_file.write_bytes(content)
    got = regexes.compile(r"a+b")
    assert got == re.compile(r"a+b")
    assert got.search("xaab") is not None
    regexes.save()  # and the file is mended
    _fresh(monkeypatch)
    assert regexes.cached(r"a+b") is not None


def test_save_keeps_what_another_process_wrote(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regexes.compile(r"first\d")
    regexes.save()
    _fresh(monkeypatch)
    regexes._table()  # this process read the file before the other wrote its pattern
    monkeypatch.setattr(regexes, "_new", {})
    regexes.compile(r"second\w")
    regexes.save()
    _fresh(monkeypatch)
    assert regexes.cached(r"first\d") is not None
    assert regexes.cached(r"second\w") is not None


@pytest.mark.parametrize("dont_write", ["", "1"])
def test_written_at_exit_unless_bytecode_is_not(tmp_path: Path, dont_write: str) -> None:
    target = tmp_path / "regexes.marshal"
    code = (
        "from claimcheck.infra import regexes\n"
        f"regexes._FILE = {str(target)!r}\n"
        "regexes.compile(r'(?P<year>\\d{4})-\\d\\d')\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": dont_write}
    if not dont_write:
        del env["PYTHONDONTWRITEBYTECODE"]
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert target.exists() is (not dont_write)


@pytest.mark.parametrize("dont_write", ["", "1"])
def test_written_by_the_console_script_that_exits_hard(tmp_path: Path, dont_write: str) -> None:
    """cli.run ends the process with os._exit, past atexit: it saves the patterns itself."""
    target = tmp_path / "regexes.marshal"
    article = tmp_path / "a.md"
    article.write_text("---\ndate: 2020-01-02\n---\nIt rained on 12 days in May 2019, 40% more.\n")
    rules = Path(__file__).parents[1] / "rules"
    argv = ["claimcheck", "check", "--no-cache", "--rules", str(rules), str(article)]
    code = (
        "import sys\n"
        "from claimcheck import cli\n"
        "from claimcheck.infra import regexes\n"
        f"regexes._FILE = {str(target)!r}\n"
        f"sys.argv = {argv!r}\n"
        "cli.run()\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": dont_write}
    if not dont_write:
        del env["PYTHONDONTWRITEBYTECODE"]
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert target.exists() is (not dont_write)
