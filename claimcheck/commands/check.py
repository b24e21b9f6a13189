"""`claimcheck check`: check articles and report findings."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimcheck.commands import (
    EXAMPLES,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    JobError,
    Usage,
    add_rules_options,
    add_speed_options,
    settings,
    speed,
    write,
)
from claimcheck.reports import names


def register(sub: Any) -> argparse.ArgumentParser:

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
        help="articles, folders or globs (a quoted glob is expanded by claimcheck, `**` too); "
        "- reads one article from standard input",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the path the article on standard input stands for: it finds the configuration and "
        f"the corpus, and names the article in messages (default: {STDIN_NAME})",
    )
    add_rules_options(p)
    p.add_argument(
        "--format",
        choices=names("check"),
        default="text",
        help="report format (default: text; concise: one `path:line:column: severity [rule] "
        "message` line per finding, for editors and grep)",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="report only these rule ids (comma-separated, repeatable)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="never report these rule ids (comma-separated, repeatable)",
    )
    p.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule gave, instead of the findings",
    )
    p.add_argument(
        "--quiet", "-q", action="store_true", help="print the findings only: no summary, no notes"
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings at the fail level (2 still means the job "
        "could not be done)",
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
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck import reports
    from claimcheck.run import filters as suppress
    from claimcheck.run import pipeline
    from claimcheck.run.options import Options
    from claimcheck.run.result import Result

    if args.diff and args.format != "text":
        raise Usage(
            f"--diff prints a unified diff: it takes no --format {args.format} (drop one of them)"
        )
    texts = _stdin(args)
    if texts:
        args.paths = list(texts)
    s = settings(args, rule_ids=True)
    wanted = _rule_filter(args)
    if args.fail_on:
        s.fail_on = args.fail_on
    if args.baseline:
        s.baseline = args.baseline
    if args.write_baseline:
        s.baseline = None  # record everything there is, not what an old baseline leaves
    elif s.baseline and not Path(s.baseline).is_file():
        named = "" if args.baseline else f" (named by `baseline:` in {s.source})"
        raise JobError(f"{s.baseline}: no such baseline file{named}")
    quotes = reports.quotes_claims(args.format)

    def check() -> Result:
        options = Options(**speed(args, s), all_claims=quotes, texts=texts)
        result = pipeline.run(args.paths, s, options)
        result.findings = [f for f in result.findings if wanted(f.rule)]
        return result

    result = check()
    for note in [] if args.quiet else result.notes:
        print(f"claimcheck: {note}", file=sys.stderr)
    if texts and args.fix:
        return _fix_stdin(result, s.fail_on, args.exit_zero)
    if args.fix or args.diff:
        # when the command runs: the CLI imports every command's module for --help (start-up time)
        from claimcheck.run import fixes

        diff, n = fixes.apply(result.documents, result.findings, write=args.fix)
        if args.diff:
            write(diff)
            return EXIT_FINDINGS if n else EXIT_CLEAN
        if n:
            print(f"claimcheck: applied {n} fix(es)", file=sys.stderr)
            result = check()
    if args.write_baseline:
        try:
            n = suppress.write_baseline(Path(args.write_baseline), result.findings)
        except OSError as exc:
            raise JobError(f"{args.write_baseline}: cannot write: {exc.strerror}") from None
        print(f"claimcheck: wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    write(_report(result, args), args.output)
    failed = pipeline.failed(result.findings, s.fail_on) and not args.exit_zero
    return EXIT_FINDINGS if failed else EXIT_CLEAN


STDIN_NAME = "stdin.md"


def _stdin(args: argparse.Namespace) -> dict[str, bytes]:
    """The article on standard input, by the name it stands for ({} when none is read)."""
    if "-" not in args.paths:
        if args.stdin_filename:
            raise Usage("--stdin-filename names the article read from standard input: pass - too")
        return {}
    if len(args.paths) > 1:
        raise Usage("- (standard input) is checked alone: name no other path with it")
    if args.write_baseline:
        raise Usage("--write-baseline records an archive's findings: not from standard input")
    return {args.stdin_filename or STDIN_NAME: sys.stdin.buffer.read()}


def _fix_stdin(result: Any, fail_on: str, exit_zero: bool) -> int:
    """With --fix, an editor's buffer comes back fixed on standard output, as ruff does; the
    file on disk is not touched. Exit 1 when findings at the fail level remain."""
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run import fixes, pipeline

    (doc,) = result.documents or [None]
    if doc is None:  # unreadable (binary, not UTF-8): nothing to fix; say why
        for f in result.findings:
            print(f"{f.path}:{f.line}:{f.column}: {f.message}", file=sys.stderr)
        return EXIT_FINDINGS if result.findings else EXIT_CLEAN
    mine = [f for f in result.findings if f.path == doc.path]
    certain = fixes.fixable(mine)
    new, n = fixes.fixed_text(doc, certain)
    write(("\ufeff" if doc.bom else "") + new)
    left = [f for f in mine if f not in certain] if n else mine
    return EXIT_FINDINGS if pipeline.failed(left, fail_on) and not exit_zero else EXIT_CLEAN


def _rule_filter(args: argparse.Namespace) -> Callable[[str], bool]:
    """Whether a rule id passes --select and --ignore; an unknown id is a usage error with a
    suggestion, never a filter that silently matches nothing."""
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck import checks

    select, ignore = _ids(args.select), _ids(args.ignore)
    for rule in sorted(select | ignore):
        if rule not in checks.RULES:
            close = difflib.get_close_matches(rule, list(checks.RULES), n=1)
            hint = (
                f"; did you mean {close[0]}?"
                if close
                else " (`claimcheck explain --all` lists them)"
            )
            raise Usage(f"unknown rule id {rule!r}{hint}")
    return lambda rule: (not select or rule in select) and rule not in ignore


def _ids(given: list[str] | None) -> set[str]:
    return {r.strip() for arg in given or [] for r in arg.split(",") if r.strip()}


def _report(result: Any, args: argparse.Namespace) -> str | bytes:
    """The report in the asked format; a terminal gets the text table at its width, in colour."""
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck import reports

    if args.statistics:
        # when the command runs: the CLI imports every command's module for --help (start-up time)
        from claimcheck.reports.common import statistics

        return statistics(result, summary_line=not args.quiet)
    if args.format != "text":
        return reports.get(args.format)(result)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.reports import text

    tty = not args.output and sys.stdout.isatty()
    width = text.WIDTH
    if tty:
        import shutil  # a terminal only: a hook's output is piped

        width = shutil.get_terminal_size((text.WIDTH, 24)).columns
    return text.layout(result, width, colour=_colour(tty), summary_line=not args.quiet)


def _colour(tty: bool) -> bool:
    """Colour on a terminal; NO_COLOR (no-color.org) turns it off, FORCE_COLOR on, anywhere."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or tty
