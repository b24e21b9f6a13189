"""Prove a refactoring changed no behaviour: the same outputs, byte for byte, before and after.

    python benchmarks/identical.py snapshot /tmp/before     # on the old tree
    python benchmarks/identical.py compare /tmp/before      # on the new tree: exit 1 if not

It records the claims (JSON) of the test corpus, the seeds, the generated benchmark corpus (150
articles, fixed seed) and every folder given with `--extra`, and the JSON and SARIF reports of
`check seeds/`. Each output is written to its own file, so a difference names what changed.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "claimcheck"]


def _run(args: list[str], out: Path) -> None:
    """Record stdout, stderr and the exit code: a crash or a changed status is a difference too."""
    done = subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True)
    out.write_bytes(done.stdout + done.stderr + f"\n# exit {done.returncode}\n".encode())


def _outputs(folder: Path, extra: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # A fixed place per checkout: the claims name their article's path, so a random folder
    # would differ, and two checkouts must not share one.
    tag = hashlib.blake2b(str(ROOT).encode(), digest_size=4).hexdigest()
    generated = Path(tempfile.gettempdir()) / f"claimcheck-identical-150-{tag}"
    shutil.rmtree(generated, ignore_errors=True)
    try:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "generate.py"),
                "--rules",
                "rules",
                "--count",
                "150",
                "--seed",
                "7",
                "--out",
                str(generated),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        corpora = {
            "tests-corpus": ROOT / "tests" / "corpus",
            "seeds": ROOT / "seeds",
            "generated-150": generated,
        }
        corpora.update({f"extra-{i}-{p.name}": p for i, p in enumerate(extra)})
        for name, path in corpora.items():
            _run(
                ["claims", str(path), "--rules", "rules", "--format", "json"],
                folder / f"claims-{name}.json",
            )
    finally:
        shutil.rmtree(generated, ignore_errors=True)
    for fmt in ("json", "sarif"):
        _run(["check", "seeds", "--format", fmt, "--no-cache"], folder / f"check-seeds.{fmt}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("snapshot", "compare"))
    ap.add_argument("folder", type=Path, help="where the snapshot is (or goes)")
    ap.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="another folder of articles whose claims must not change",
    )
    args = ap.parse_args(argv)
    if args.action == "snapshot":
        _outputs(args.folder, args.extra)
        print(f"snapshot written to {args.folder}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        now = Path(tmp)
        _outputs(now, args.extra)
        names = sorted(p.name for p in args.folder.iterdir())
        _, differ, missing = filecmp.cmpfiles(args.folder, now, names, shallow=False)
    for name in differ + missing:
        print(f"differs: {name}")
    if not differ and not missing:
        print(f"identical: {len(names)} outputs")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
