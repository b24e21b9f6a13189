"""Every claim of every seed article, all kinds, as `claimcheck claims` prints it.

The golden files (tests/golden/claims/<seed>.txt) were read line by line against the articles by
a person; `CLAIMCHECK_REGEN_GOLDEN=1` rewrites them, and the diff must then be read again. (The
JSON golden files beside them pin the figures' intervals in full.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "claims"
SEEDS = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_claims(
    seed: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["claims", f"seeds/{seed}", "--rules", "rules"]) == 0
    got = capsys.readouterr().out
    path = GOLDEN / seed.replace(".txt", ".claims.txt")
    if os.environ.get("CLAIMCHECK_REGEN_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_every_seed_has_every_kind_it_should() -> None:
    kinds = {
        seed: {
            line.split()[1]
            for line in (GOLDEN / seed.replace(".txt", ".claims.txt"))
            .read_text(encoding="utf-8")
            .splitlines()[1:]
            if line.startswith("  ")
        }
        for seed in SEEDS
    }
    assert {"title", "rank", "quantity", "term"} <= kinds["000_a5f1f925979e4ba6.txt"]
    assert {"title", "event", "elapsed", "quantity", "arithmetic", "rank", "term"} <= kinds[
        "001_f63c67e30c6e91a3.txt"
    ]
    assert {"title", "name", "term", "elapsed", "rank", "arithmetic"} <= kinds[
        "002_b1a0ac73797f4e60.txt"
    ]
    assert {"rank", "quantity"} <= kinds["003_87ca81e773c89865.txt"]
    assert {"title", "name", "event", "term"} <= kinds["004_9164582e6dbb1371.txt"]
