"""`claimcheck rules`: validate rule files."""

from __future__ import annotations

import argparse
from typing import Any

from claimcheck.commands import EXIT_CLEAN, Usage, settings


def register(sub: Any) -> argparse.ArgumentParser:
    from claimcheck.cli import Parser

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
    check.add_argument(
        "dirs",
        nargs="*",
        metavar="DIR",
        help="rule folders or files (default: `rules:` of the config)",
    )
    check.add_argument("--config", metavar="FILE", help="configuration file")
    return p


def run(args: argparse.Namespace) -> int:
    if args.action is None:
        raise Usage("claimcheck rules: error: name an action (check)")
    from claimcheck import pipeline

    dirs = list(args.dirs) or settings(args).rules
    book = pipeline.load_rules(dirs)
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
