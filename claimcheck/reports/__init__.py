"""Output formats: one registry for every command that prints a report, each format declared once.

A format is declared here and nowhere else: the command that offers it, its name (`--format
NAME`), the function that renders it ("module:function", imported only when that format is asked
for: start-up time), one line of help, and whether it quotes any claim of an article. The
commands' `--format` choices and help, the lazy import and the claims a run keeps all come from
`FORMATS`; a meta-test (tests/test_reports.py) renders each one and finds it in the command's
--help and in the README.

A `check` or `report` formatter takes the run's Result (`report`'s carries the corpus engine's
groups); a `claims` formatter takes what `claimcheck claims` read (reports/claims_list.DocClaims).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from claimcheck.run.result import Result

# text, or UTF-8 bytes where a formatter has them already (JSON, SARIF: tens of MB for an archive)
Formatter = Callable[["Result"], str | bytes]


class Format(NamedTuple):
    """One output format of one command."""

    command: str  # check | report | claims
    name: str
    target: str  # "module:function"
    help: str
    # quotes any claim of an article (HTML its span, ClaimReview its sentence); the others see
    # only the claims corpus engines read (Result.claims), which keeps a large run's memory down
    quotes_claims: bool = False


FORMATS: tuple[Format, ...] = (
    Format("check", "text", "claimcheck.reports.text:render", "a table per file (default)"),
    Format(
        "check",
        "concise",
        "claimcheck.reports.concise:render",
        "one `path:line:column: severity [rule] message` line per finding, for editors and grep",
    ),
    Format("check", "json", "claimcheck.reports.json_report:render", "findings as JSON"),
    Format("check", "markdown", "claimcheck.reports.markdown:render", "a pull-request comment"),
    Format("check", "sarif", "claimcheck.reports.sarif:render", "SARIF 2.1.0 for code scanning"),
    Format("check", "github", "claimcheck.reports.github:render", "GitHub workflow commands"),
    Format("check", "gitlab", "claimcheck.reports.gitlab:render", "GitLab Code Quality JSON"),
    Format("check", "html", "claimcheck.reports.html:render", "a page for a fact desk", True),
    Format(
        "check", "claimreview", "claimcheck.reports.claimreview:render", "ClaimReview JSON-LD", True
    ),
    Format("report", "text", "claimcheck.reports.groups:text", "a table (default)"),
    Format("report", "json", "claimcheck.reports.groups:as_json", "the groups as JSON"),
    Format("report", "markdown", "claimcheck.reports.groups:markdown", "a Markdown table"),
    Format(
        "claims", "text", "claimcheck.reports.claims_list:to_text", "a list per article (default)"
    ),
    Format("claims", "json", "claimcheck.reports.claims_list:to_json", "the claims as JSON"),
)


def names(command: str = "check") -> tuple[str, ...]:
    """The --format choices of a command, the default first."""
    return tuple(f.name for f in FORMATS if f.command == command)


def declared(name: str, command: str = "check") -> Format:
    return next(f for f in FORMATS if f.command == command and f.name == name)


def choices_help(command: str) -> str:
    """The --format help of a command: each format and what it is for."""
    return "; ".join(f"{f.name}: {f.help}" for f in FORMATS if f.command == command)


def quotes_claims(name: str) -> bool:
    return declared(name).quotes_claims


def renderer(name: str, command: str) -> Callable[..., str | bytes]:
    """The function that renders a command's format, its module imported now."""
    module, function = declared(name, command).target.split(":")
    fn: Callable[..., str | bytes] = getattr(import_module(module), function)
    return fn


def get(name: str) -> Formatter:
    """A `check` format's formatter: Result → text or UTF-8 bytes."""
    return renderer(name, "check")
