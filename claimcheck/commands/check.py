"""`claimcheck check`: check articles and report findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from claimcheck.commands import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    JobError,
    add_rules_options,
    add_speed_options,
    settings,
    speed,
    write,
)
from claimcheck.reports import MODULES as FORMATS


def register(sub: Any) -> argparse.ArgumentParser:
    from claimcheck.cli import EXAMPLES

    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="check articles and report findings",
        description="Check articles (.md with front matter, .txt with a manifest, or folders of\n"
        "them) against the rule files, and across the corpus.\n\n"
        "The configuration is the .claimcheck.yaml nearest above the paths (else the one here or\n"
        "above); paths under two different ones are an error. A folder or glob that gives no\n"
        "article is an error (exit 2), never a green run of nothing; a file named on the command\n"
        "line that the config's `exclude` matches is skipped with a note (exit 0 if that is all:\n"
        "a hook passes every changed file).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="articles, folders or globs (a quoted glob is expanded by claimcheck, `**` too)",
    )
    add_rules_options(p)
    p.add_argument(
        "--format", choices=tuple(FORMATS), default="text", help="report format (default: text)"
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that fails the run (default: error, or fail_on in the config)",
    )
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    p.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    fix = p.add_mutually_exclusive_group()
    fix.add_argument(
        "--fix",
        action="store_true",
        help="apply certain fixes (wrong term variants, titles the rules make "
        "certain; never a number) to the files, then report what is left",
    )
    fix.add_argument(
        "--diff",
        action="store_true",
        help="print the certain fixes as a unified diff instead of a report; "
        "exit 1 when there is one",
    )
    add_speed_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    from claimcheck import pipeline, reports, suppress

    s = settings(args, rule_ids=True)
    if args.fail_on:
        s.fail_on = args.fail_on
    if args.baseline:
        s.baseline = args.baseline
    if args.write_baseline:
        s.baseline = None  # record everything there is, not what an old baseline leaves
    elif s.baseline and not Path(s.baseline).is_file():
        named = "" if args.baseline else f" (named by `baseline:` in {s.source})"
        raise JobError(f"{s.baseline}: no such baseline file{named}")
    quotes = args.format in reports.QUOTES_CLAIMS
    result = pipeline.run(args.paths, s, **speed(args, s), all_claims=quotes)
    for note in result.notes:
        print(f"claimcheck: {note}", file=sys.stderr)
    if args.fix or args.diff:
        from claimcheck import fixes

        diff, n = fixes.apply(result.documents, result.findings, write=args.fix)
        if args.diff:
            write(diff)
            return EXIT_FINDINGS if n else EXIT_CLEAN
        if n:
            print(f"claimcheck: applied {n} fix(es)", file=sys.stderr)
            result = pipeline.run(args.paths, s, **speed(args, s), all_claims=quotes)
    if args.write_baseline:
        try:
            n = suppress.write_baseline(Path(args.write_baseline), result.findings)
        except OSError as exc:
            raise JobError(f"{args.write_baseline}: cannot write: {exc.strerror}") from None
        print(f"claimcheck: wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    write(reports.get(args.format)(result), args.output)
    return EXIT_FINDINGS if pipeline.failed(result.findings, s.fail_on) else EXIT_CLEAN
