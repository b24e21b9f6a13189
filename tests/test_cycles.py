"""Commands run with the cycle collector paused (cli._main): safe only while the work done per
document makes no reference cycles. Three times the articles must leave the same cyclic garbage
(what reading the rule files makes, once), or a large archive would grow memory without bound."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT

_COUNT = """
import gc, io, sys, contextlib
from claimcheck.cli import main
gc.collect()
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(gc.collect())
"""


def _cyclic_garbage(folder: Path, *options: str) -> int:
    """Run in the folder (its own claim cache, unless --no-cache) on its articles."""
    rules = str(REPO_ROOT / "rules")
    cmd = [sys.executable, "-c", _COUNT, "check", "articles", "--rules", rules, *options]
    out = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def _copies(root: Path, n: int) -> Path:
    folder = root / "articles"
    folder.mkdir(parents=True)
    seeds = sorted((REPO_ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        for seed in seeds:
            shutil.copy(seed, folder / f"{i}-{seed.name}")
    shutil.copy(REPO_ROOT / "seeds" / "claimcheck-manifest.yaml", folder)
    return root


def test_no_cycles_per_document(tmp_path: Path) -> None:
    few, many = _copies(tmp_path / "few", 1), _copies(tmp_path / "many", 3)
    assert _cyclic_garbage(few, "--no-cache", "-j", "1") == _cyclic_garbage(
        many, "--no-cache", "-j", "1"
    )
    # with the claim cache: filled by a first run, read by a second
    assert _cyclic_garbage(few, "-j", "1") == _cyclic_garbage(many, "-j", "1")
    assert _cyclic_garbage(few, "-j", "1") == _cyclic_garbage(many, "-j", "1")
