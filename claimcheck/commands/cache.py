"""`claimcheck cache clear`: delete what claimcheck keeps in its cache folder."""

from __future__ import annotations

import argparse
from typing import Any

from claimcheck.commands import EXIT_CLEAN, Parser, Usage, cache_dir, settings


def register(sub: Any) -> argparse.ArgumentParser:

    p: argparse.ArgumentParser = sub.add_parser(
        "cache",
        help="manage the cache",
        description="Manage the cache: the claims and the compiled rulebook "
        "(.claimcheck_cache/ beside the config file, else in the working directory).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    clear = actions.add_parser(
        "clear", help="delete every file claimcheck made in the cache folder (not others)"
    )
    clear.add_argument("--config", metavar="FILE", help="configuration file")
    return p


def run(args: argparse.Namespace) -> int:
    if args.action is None:
        raise Usage("claimcheck cache: error: name an action (clear)")
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run.store import clear

    folder = cache_dir(settings(args))
    n = clear(folder)
    print(f"claimcheck: removed {n} cache file(s) from {folder}")
    return EXIT_CLEAN
