"""`claimcheck report`: the contradiction report, one row per claim key across the articles.

A row is every claim about one subject, metric (or ranking) and period: each article's value as
written, the rulebook's value when it has one, and which claims disagree (with the rulebook
when it speaks, else with the consensus of the articles: see claimcheck/checks/corpus.py).
"""

from __future__ import annotations

import argparse
from typing import Any

from claimcheck.commands import EXIT_CLEAN, EXIT_FINDINGS, add_rules_options, settings, write
from claimcheck.reports import names


def register(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "report",
        help="print the contradiction report: every article's value per claim key",
        description="Group the figures and ranks of the articles by subject, metric or ranking "
        "and period; print one row per group with every article's value and the ones that "
        "disagree (with the rulebook where it has a fact, else with the other articles). "
        "Exit 1 when some value disagrees, 0 when none does, 2 when the job cannot be done.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="articles or folders")
    add_rules_options(p)
    p.add_argument(
        "--format", choices=names("report"), default="text", help="report format (default: text)"
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="every claim key, also those only one article speaks of and nothing contradicts",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    return p


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    # when the command runs: the CLI imports every command's module for --help (start-up time)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.reports import renderer
    from claimcheck.run import pipeline
    from claimcheck.run.options import Options

    s = settings(args)
    s.corpus = []  # the report covers the paths given, all of them
    # the corpus engine's groups, all of them
    result = pipeline.run(args.paths, s, Options(all_groups=True))
    shown = [g for g in result.groups if args.all or g.documents > 1 or g.offending]
    out = renderer(args.format, "report")(replace(result, groups=shown))
    write(out, args.output)
    return EXIT_FINDINGS if any(g.offending for g in shown) else EXIT_CLEAN
