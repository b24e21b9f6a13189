"""Subcommands: each module has `register(subparsers) -> parser` and `run(args) -> int`.

Shared here: the exit codes, the errors that end a command, and reading the settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.infra.errors import JobError, Usage

if TYPE_CHECKING:
    from claimcheck.run.config import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "JobError", "Usage", "settings", "write"]


def add_rules_options(p: argparse.ArgumentParser) -> None:
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
        help="configuration file (default: the .claimcheck.yaml nearest above the paths checked, "
        "else here or above)",
    )


def add_speed_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        default=0,
        help="processes for extracting claims (default: the number of cores)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the claim cache (.claimcheck_cache/)",
    )


def cache_dir(s: Settings) -> Path:
    """The claim cache lives beside the config file, else in the working directory."""
    # only for the commands that ask (start-up time of the others, a hook's above all)
    from claimcheck.run.store import CACHE_DIR

    base = Path(s.source).parent if s.source else Path()
    return base / CACHE_DIR


def speed(args: argparse.Namespace, s: Settings) -> dict[str, Any]:
    """The run Options (claimcheck.run.options) that --jobs and --no-cache set."""
    # only for the commands that ask (start-up time of the others, a hook's above all)
    from claimcheck.run.executor import default_jobs, want_progress

    if args.jobs < 0:
        raise Usage("--jobs must be 0 (all cores) or more")
    return {
        "cache_dir": None if args.no_cache else cache_dir(s),
        "jobs": args.jobs or default_jobs(),
        "progress": want_progress(),
    }


def settings(args: argparse.Namespace, rule_ids: bool = False) -> Settings:
    """The config file (given, or found from the paths checked upwards) with the command line
    laid over it. Every problem in the file is reported at once, with its position: with
    `rule_ids`, the rule ids it names are checked against the registered checks too."""
    # only for the commands that ask (start-up time of the others, a hook's above all)
    # only for the commands that ask (start-up time of the others, a hook's above all)
    from claimcheck.run import config
    from claimcheck.yamlio.positions import YamlProblems

    path: Path | None
    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise JobError(f"{args.config}: no such configuration file")
    else:
        path = _config_of(getattr(args, "paths", None) or [])
    known = None
    if rule_ids:
        # only for the commands that ask (start-up time of the others, a hook's above all)
        from claimcheck import checks

        checks.load_engines()
        known = checks.RULES.keys()
    # the config's rule folders must exist for a command that reads rules and names none
    reads_rules = hasattr(args, "rules") or hasattr(args, "dirs")
    own_rules = reads_rules and not getattr(args, "rules", None) and not getattr(args, "dirs", None)
    try:
        result = config.load(path, known, check_rules=own_rules)
    except YamlProblems as exc:
        raise JobError("\n".join(map(str, exc.problems))) from None
    if getattr(args, "rules", None):
        result.rules = list(args.rules)
    return result


def _config_of(paths: list[str]) -> Path | None:
    """The one configuration the paths fall under (else the working directory's); JobError
    when they fall under two: one run has one rulebook and one set of settings."""
    # only for the commands that ask (start-up time of the others, a hook's above all)
    from claimcheck.run import config

    found = config.find_for(paths)
    if len(found) > 1:
        lines = [
            "claimcheck: the paths fall under different configurations; check them in "
            "separate runs, or name one with --config FILE"
        ]
        for cfg, under in sorted(found.items()):
            more = f" and {len(under) - 3} more" if len(under) > 3 else ""
            lines.append(f"{config.as_shown(cfg)}: configures {', '.join(under[:3])}{more}")
        raise JobError("\n".join(lines))
    return next(iter(found), None) if paths else config.find()


def write(text: str | bytes, output: str | None = None) -> None:
    """Print a report as UTF-8 whatever the terminal's encoding, or write it to the file
    `output`; an undecodable file name in it is written as its own bytes."""
    if output:
        try:
            if isinstance(text, bytes):
                Path(output).write_bytes(text)
            else:
                Path(output).write_text(text, encoding="utf-8", errors="surrogateescape")
        except OSError as exc:
            raise JobError(f"{output}: cannot write: {exc.strerror}") from None
        return
    if isinstance(text, bytes):
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(text)
            sys.stdout.flush()
            return
        text = text.decode("utf-8", "surrogateescape")  # a text-only stream (a StringIO)
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a terminal's encoding, or an undecodable file name
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


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


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() always returns."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise Usage(f"{self.prog}: error: {message}")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for each option it adds, and a formatter asks shutil for the
        # terminal's width: importing shutil (with bz2 and lzma) was 2.5 ms of a hook run
        return self.formatter_class(prog=self.prog, width=columns() - 2)  # type: ignore[call-arg]


def columns() -> int:
    """The terminal's width as shutil.get_terminal_size() finds it: $COLUMNS, the terminal
    on standard output, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80
