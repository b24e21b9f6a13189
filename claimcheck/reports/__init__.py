"""Report formatters: one registry, each a function Result → text, deterministic bytes.

A formatter module registers itself with @formatter; the CLI's --format choices come from this
registry, so adding a format is adding a module.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.run.result import Result

# text, or UTF-8 bytes where a formatter has them already (JSON, SARIF: tens of MB for an archive)
Formatter = Callable[["Result"], str | bytes]
FORMATTERS: dict[str, Formatter] = {}
# name → module; modules are imported only when their format is asked for (start-up time).
MODULES = {
    "text": "claimcheck.reports.text",
    "concise": "claimcheck.reports.concise",
    "json": "claimcheck.reports.json_report",
    "markdown": "claimcheck.reports.markdown",
    "sarif": "claimcheck.reports.sarif",
    "github": "claimcheck.reports.github",
    "gitlab": "claimcheck.reports.gitlab",
    "html": "claimcheck.reports.html",
    "claimreview": "claimcheck.reports.claimreview",
}
# Formats that quote any claim of an article (HTML its span, ClaimReview its sentence); the
# others see only the claims corpus engines read (Result.claims), which keeps a large run's
# memory down.
QUOTES_CLAIMS = frozenset({"html", "claimreview"})


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATTERS[name] = fn
        return fn

    return register


def get(name: str) -> Formatter:
    if name not in FORMATTERS:
        import_module(MODULES[name])
    return FORMATTERS[name]
