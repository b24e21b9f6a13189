"""`claimcheck rules`: validate rule files, run their examples, list what is unverified, docs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from claimcheck.commands import EXIT_CLEAN, EXIT_FINDINGS, Parser, Usage, settings, write

if TYPE_CHECKING:
    from claimcheck.rulebook import Rulebook

ACTIONS = ("check", "test", "unverified", "docs")


def register(sub: Any) -> argparse.ArgumentParser:

    p: argparse.ArgumentParser = sub.add_parser(
        "rules", help="validate and test rule files", description="Work with rule files."
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    check = actions.add_parser(
        "check",
        help="validate rule files; print file:line:column for every problem",
        description="Validate rule files: exit 2 with file:line:column messages for every "
        "problem, 0 when all are valid.",
    )
    test = actions.add_parser(
        "test",
        help="run the `examples:` of the rule files",
        description="Check every `examples:` entry as a one-sentence article dated `date:` "
        "against all the rule files given; the rule ids that fire must equal `expect`. "
        "Exit 1 when an example fails, 2 when the rules do not load.",
    )
    test.add_argument(
        "--strict",
        action="store_true",
        help="fail examples that expect a rule id no engine registers (default: pending)",
    )
    test.add_argument(
        "-q", "--quiet", action="store_true", help="print failing and pending examples only"
    )
    unverified = actions.add_parser(
        "unverified",
        help="list entries marked `status: unverified`",
        description="List every rule entry marked `status: unverified` as "
        "`file:line: kind id: note`, so that a person can check them.",
    )
    docs = actions.add_parser(
        "docs",
        help="print the rule-file guide (docs/rules.md), generated from the schema",
        description="Print docs/rules.md as generated from the rule-file schema, the rule "
        "registry and the configuration keys.",
    )
    docs.add_argument("--output", "-o", metavar="FILE", help="write the guide to FILE")
    for action in (check, test, unverified):
        action.add_argument(
            "dirs",
            nargs="*",
            metavar="DIR",
            help="rule folders or files (default: `rules:` of the config)",
        )
        action.add_argument("--config", metavar="FILE", help="configuration file")
    return p


def run(args: argparse.Namespace) -> int:
    if args.action is None:
        raise Usage(f"claimcheck rules: error: name an action ({', '.join(ACTIONS)})")
    if args.action == "docs":
        return _docs(args)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run import pipeline

    dirs = list(args.dirs) or settings(args).rules
    book = pipeline.load_rules(dirs)
    if args.action == "test":
        return _test(book, args.strict, args.quiet)
    if args.action == "unverified":
        return _unverified(book)
    sections = (
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
    n = sum(len(getattr(book, s)) for s in sections)
    print(f"{len(book.files)} rule file(s), {n} entries: OK")
    return EXIT_CLEAN


def _test(book: Rulebook, strict: bool, quiet: bool) -> int:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run import ruletest

    outcomes = ruletest.Runner(book).run_all()
    write("\n".join(ruletest.report(outcomes, quiet)) + "\n")
    summary = ruletest.summarize(outcomes)
    failed = summary.failed + (summary.pending if strict else 0)
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _unverified(book: Rulebook) -> int:
    import sys

    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run.ruletest import unverified_lines

    lines = unverified_lines(book)
    if lines:
        write("\n".join(lines) + "\n")
    print(f"{len(lines)} unverified entr{'y' if len(lines) == 1 else 'ies'}", file=sys.stderr)
    return EXIT_CLEAN


def _docs(args: argparse.Namespace) -> int:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.reports import rules_docs as docs

    write(docs.generate(), args.output)
    return EXIT_CLEAN
