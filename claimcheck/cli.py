"""The command line: parse arguments, dispatch to a command, return the exit status.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 when claimcheck cannot
do the job (bad arguments, unreadable rules or config, a path that does not exist). Commands live
in claimcheck/commands/, one module each, listed once in COMMANDS; a command module is imported
only to build --help and when it runs, never anything heavier (start-up time matters in a hook).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from claimcheck import __version__
from claimcheck.commands import EXAMPLES, EXIT_ERROR, JobError, Parser, Usage

# The one list of subcommands: name → module in claimcheck.commands.
COMMANDS = ("check", "rules", "cache", "explain", "report", "claims", "init", "lsp")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` one subcommand (what a run of it needs: building
    every subcommand's options costs a hook run ~10 ms)."""
    parser = Parser(
        prog="claimcheck",
        description="Check the facts in news articles against a newsroom's rule files and "
        "across the whole corpus.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS if only is None else (only,):
        module = import_module(f"claimcheck.commands.{name}")
        cmd = module.register(sub)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except Usage as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except JobError as exc:
        for line in str(exc).splitlines():
            print(line if ":" in line else f"claimcheck: {line}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard of the bad-input policy: one line, no traceback
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(
            f"claimcheck: internal error: {type(exc).__name__}: {exc} "
            "(set CLAIMCHECK_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def run() -> NoReturn:
    """The console script and `python -m claimcheck`: main(), then an exit that frees nothing.

    Tearing down the interpreter (freeing a run's claims and modules one object at a time) took
    15 ms of a 0.12 s hook run. By the time main() returns, the command has closed the cache and
    its pool and written its files; what remains is flushed here, the regular expressions compiled
    for the first time are saved (their atexit hook would not run), and the process ends, as
    mypy's does. The cycle collector is off from the start (see _main), for the imports too:
    collecting while modules load, which make no garbage, was 4 ms of a hook run. The methods
    dataclasses generates come compiled from claimcheck.infra.classcode's table (120M instructions
    of a hook run compiled them), and its new ones are saved here too.
    """
    gc.disable()
    # after gc.disable() and before the first dataclass is made (see above)
    from claimcheck.infra import classcode

    classcode.install()  # before the first dataclass is made: the commands' imports
    code = main()
    classcode.save()
    regexes = sys.modules.get("claimcheck.infra.regexes")
    if regexes is not None:
        regexes.save()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`) took its fill
            stream.flush()
    os._exit(code)


def _main(argv: list[str]) -> int:
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    # The cycle collector is paused while a command runs (and in the workers it forks): claims,
    # documents and findings hold no reference cycles (tests/test_cycles.py), and the collector
    # scanning the growing heap again and again took a third of the main process's time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result: int = args.run(args)
    finally:
        if collecting:
            gc.enable()
    return result
