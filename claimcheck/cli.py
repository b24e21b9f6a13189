"""The command line: parse arguments, run the pipeline, print a report, return the exit status.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 when claimcheck cannot
do the job (bad arguments, unreadable rules or config, a path that does not exist).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from claimcheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "markdown", "sarif", "github")

EXAMPLES = """\
examples:
  claimcheck check seeds/                      check every article under seeds/
  claimcheck check new.md --format json        machine-readable findings
  claimcheck check articles/ --fail-on warning fail on warnings too
  claimcheck check . --write-baseline .claimcheck-baseline.json
                                               accept today's findings in an archive
  claimcheck rules check rules/                validate rule files (file:line:column)

exit status: 0 clean, 1 findings at the fail level, 2 claimcheck could not do the job
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() always returns."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _Usage(f"{self.prog}: error: {message}")


class _Usage(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="claimcheck",
        description="Check the facts in news articles against a newsroom's rule files and "
        "across the whole corpus.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="check articles and report findings",
        description="Check articles (.md with front matter, .txt with a manifest, or folders of "
        "them) against the rule files, and across the corpus.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="articles or folders to check")
    _common(check)
    check.add_argument(
        "--format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that fails the run (default: error, or fail_on in the config)",
    )
    check.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0"
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")

    rules = sub.add_parser("rules", help="work with rule files", description="Validate rule files.")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    rcheck = rsub.add_parser(
        "check",
        help="validate rule files; print file:line:column problems",
        description="Validate rule files; exit 2 with file:line:column "
        "messages for every problem, 0 when all are valid.",
    )
    rcheck.add_argument(
        "dirs",
        nargs="*",
        metavar="DIR",
        help="rule folders or files (default: rules from the config)",
    )
    rcheck.add_argument("--config", metavar="FILE", help="configuration file")
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        action="append",
        metavar="DIR",
        default=None,
        help="rule folder or file (repeatable; replaces `rules:` of the config)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: .claimcheck.yaml here or above)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except _Usage as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # the last guard of the bad-input policy: one line, no traceback
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(
            f"claimcheck: internal error: {type(exc).__name__}: {exc} "
            "(set CLAIMCHECK_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    from claimcheck.pipeline import JobError

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            if args.rules_command is None:
                raise _Usage("claimcheck rules: error: name an action (check)")
            return _rules_check(args)
    except JobError as exc:
        for line in str(exc).splitlines():
            print(line if ":" in line else f"claimcheck: {line}", file=sys.stderr)
        return EXIT_ERROR
    raise _Usage(f"claimcheck: error: unknown command {args.command}")


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from claimcheck import config
    from claimcheck.pipeline import JobError
    from claimcheck.yamlpos import YamlProblems

    if args.config:
        path: Path | None = Path(args.config)
        if not Path(args.config).is_file():
            raise JobError(f"{args.config}: no such configuration file")
    else:
        path = config.find()
    try:
        settings = config.load(path)
    except YamlProblems as exc:
        raise JobError("\n".join(map(str, exc.problems))) from None
    if getattr(args, "rules", None):
        settings.rules = list(args.rules)
    return settings


def _check(args: argparse.Namespace) -> int:
    from claimcheck import pipeline, reports, suppress

    settings = _settings(args)
    if args.fail_on:
        settings.fail_on = args.fail_on
    if args.baseline:
        if not Path(args.baseline).is_file():
            raise pipeline.JobError(f"{args.baseline}: no such baseline file")
        settings.baseline = args.baseline
    if args.write_baseline:
        settings.baseline = None
    result = pipeline.run(args.paths, settings)
    if args.write_baseline:
        n = suppress.write_baseline(Path(args.write_baseline), result.findings)
        print(f"claimcheck: wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_CLEAN
    text = reports.get(args.format)(result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        _write(text)
    return EXIT_FINDINGS if pipeline.failed(result.findings, settings.fail_on) else EXIT_CLEAN


def _rules_check(args: argparse.Namespace) -> int:
    from claimcheck import pipeline

    dirs = list(args.dirs) or _settings(args).rules
    book = pipeline.load_rules(dirs)
    n = sum(
        len(getattr(book, s))
        for s in (
            "entities",
            "people",
            "offices",
            "metrics",
            "rankings",
            "events",
            "terms",
            "facts",
            "rates",
        )
    )
    print(f"{len(book.files)} rule file(s), {n} entries: OK")
    return EXIT_CLEAN


def _write(text: str) -> None:
    stream = sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.buffer.write(text.encode("utf-8"))
    stream.flush()
