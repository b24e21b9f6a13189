"""Measure claimcheck on generated corpora: cold throughput, hook latency, memory, and proselint.

    python benchmarks/run.py --sizes 1000 10000 100000 --work /tmp/ccbench

Prints a Markdown table (the one in BENCHMARKS.md). Times are wall-clock medians on this machine
(cold runs of claimcheck and proselint take turns); peak memory is the largest total RSS of
claimcheck and its worker processes over the cold runs, sampled every 20 ms.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The console script a user's hook runs (no runpy), else the module.
_SCRIPT = Path(sys.executable).parent / "claimcheck"
CLAIMCHECK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "claimcheck"]


def _tree_rss(pid: int) -> int:
    """Total resident memory (bytes) of a process and all its descendants."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak tree RSS in bytes, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-500:]}")
    return elapsed, peak, proc.returncode


def median_times(
    cmds: list[list[str]], cwd: Path, runs: int, before: Callable[[int], None] | None = None
) -> list[float]:
    """Median wall seconds of each command's short runs, the commands taking turns (so that
    a change of the machine's pace between runs touches them alike), timed without `timed`'s
    memory sampling (its 20 ms polling would round a 0.1 s run to the next poll)."""
    times: list[list[float]] = [[] for _ in cmds]
    for i in range(runs):
        if before is not None:
            before(i)
        for cmd, took in zip(cmds, times, strict=True):
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            took.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(
                    f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-500:]!r}"
                )
    return [statistics.median(t) for t in times]


def corpus_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.md"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--hook-sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--proselint-sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--runs", type=int, default=5, help="runs per hook measurement")
    ap.add_argument(
        "--cold-runs",
        type=int,
        default=3,
        help="cold runs of claimcheck and of proselint, taking turns, per corpus of at most "
        "--cold-runs-upto articles (a larger one runs once); the median is reported",
    )
    ap.add_argument("--cold-runs-upto", type=int, default=10000)
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = ap.parse_args(argv)
    # What `pip install` does: a user's claimcheck starts from bytecode, as proselint does here
    # (an editable install is compiled in place).
    where = "import claimcheck; print(claimcheck.__file__)"
    package = subprocess.run(
        [sys.executable, "-c", where], check=True, capture_output=True, text=True
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(package).parent)], check=True
    )
    rules = args.rules.resolve()
    proselint = shutil.which("proselint")
    rows = []
    cold: dict[int, tuple[float, int]] = {}
    for n in sorted(set(args.sizes) | set(args.hook_sizes)):
        folder = args.work / f"corpus-{n}"
        if not (folder / "expected.jsonl").exists():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "generate.py"),
                    "--rules",
                    str(rules),
                    "--count",
                    str(n),
                    "--seed",
                    "1",
                    "--out",
                    str(folder),
                ],
                check=True,
            )
        mb = corpus_size(folder) / 1e6
        if n in args.sizes:
            cmd = [
                *CLAIMCHECK,
                "check",
                str(folder),
                "--rules",
                str(rules),
                "--no-cache",
                "--format",
                "json",
                "-o",
                os.devnull,
                "-j",
                str(args.jobs),
            ]
            with_peer = bool(proselint) and n in args.proselint_sizes
            runs = args.cold_runs if n <= args.cold_runs_upto else 1
            took: list[float] = []
            peaks: list[int] = []
            peer: list[float] = []
            for _ in range(runs):  # taking turns: a change of the machine's pace touches both
                secs, peak, _ = timed(cmd, ROOT)
                took.append(secs)
                peaks.append(peak)
                if with_peer:
                    assert proselint is not None
                    peer.append(timed([proselint, "check", str(folder)], ROOT)[0])
            secs, peak = statistics.median(took), max(peaks)
            cold[n] = (secs, peak)
            print(
                f"cold {n}: claimcheck {_runs(took)}"
                + (f"; proselint {_runs(peer)}" if peer else "")
            )
            row = {
                "articles": n,
                "MB": mb,
                "cold s": secs,
                "MB/s": mb / secs,
                "articles/s": n / secs,
                "peak MB": peak / 1e6,
            }
            if peer:
                psecs = statistics.median(peer)
                row["proselint s"] = psecs
                row["proselint MB/s"] = mb / psecs
                row["speed-up"] = psecs / secs
            rows.append(row)
        if n in args.hook_sizes:
            hook_dir = args.work / f"hook-{n}"
            hook_dir.mkdir(parents=True, exist_ok=True)
            (hook_dir / ".claimcheck.yaml").write_text(
                f"rules: [{rules}]\ncorpus: ['{folder}/**/*.md']\n", encoding="utf-8"
            )
            new = hook_dir / "new-article.md"
            first = next(folder.rglob("*.md")).read_text(encoding="utf-8")

            def write_new(run: int, first: str = first, new: Path = new) -> None:
                """A new article each run (never served from the claim cache)."""
                text = first.replace("Article 0", f"New article {run}")
                new.write_text(f"{text}\nFiled as draft {run}.\n", encoding="utf-8")

            write_new(-1)
            # warm the corpus cache; and, Python allowed to write bytecode as on a user's
            # machine, claimcheck keeps its compiled patterns beside it
            # (claimcheck/infra/regexes.py)
            user = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            timed([*CLAIMCHECK, "check", str(new)], hook_dir, user)
            time.sleep(2.5)  # past the racy window: the corpus is known by its file status
            cmds = [[*CLAIMCHECK, "check", str(new)]]
            if proselint:
                cmds.append([proselint, "check", str(new)])
            took = median_times(cmds, hook_dir, args.runs, write_new)
            line = {"articles": n, "hook s": took[0]}
            if proselint:
                line["proselint one article s"] = took[1]
            print(
                f"hook against cached corpus of {n}: "
                + ", ".join(f"{k} {v:.3f}" for k, v in line.items() if k != "articles")
            )
    print()
    keys = list(dict.fromkeys(k for r in rows for k in r))
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(_fmt(r.get(k)) for k in keys) + " |")
    sizes = sorted(cold)
    for a, b in itertools.pairwise(sizes):
        t = math.log(cold[b][0] / cold[a][0]) / math.log(b / a)
        m = math.log(cold[b][1] / cold[a][1]) / math.log(b / a)
        print(f"growth {a} -> {b}: time exponent {t:.2f}, memory exponent {m:.2f}")
    return 0


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times) + " s"


def _fmt(v: object) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.2f}" if v < 100 else f"{v:.0f}"
    return str(v)


if __name__ == "__main__":
    raise SystemExit(main())
