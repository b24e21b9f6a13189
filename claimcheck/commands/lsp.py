"""`claimcheck lsp`: the language server for editors, over stdio."""

from __future__ import annotations

import argparse
from typing import Any

from claimcheck.commands import EXIT_CLEAN, JobError

INSTALL = "pip install 'claimcheck[lsp]'"


def register(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "lsp",
        help="the language server for editors (stdio; needs claimcheck[lsp])",
        description="Serve the Language Server Protocol over stdin and stdout: diagnostics for "
        "the Markdown and text articles an editor opens, changes and saves, checked against the "
        ".claimcheck.yaml above each of them, its rules and its corpus; certain fixes as code "
        f"actions. Needs pygls: {INSTALL}.",
    )
    return p


def run(args: argparse.Namespace) -> int:
    import gc

    try:
        # when the command runs: the CLI imports every command's module for --help (start-up time)
        from claimcheck.lsp.server import serve
    except ImportError as exc:
        if exc.name not in ("pygls", "lsprotocol") and not str(exc.name).startswith("pygls."):
            raise
        raise JobError(f"claimcheck lsp needs pygls, which is not installed: {INSTALL}") from None
    gc.enable()  # a server runs for hours: its cyclic garbage must be collected
    serve()
    return EXIT_CLEAN
