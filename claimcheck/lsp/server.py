"""The language server over stdio (pygls): diagnostics for the Markdown and text articles an editor
opens, changes and saves; the certain fixes as code actions; rule and configuration files
watched, so that an edited rulebook re-checks the open articles with no restart.

A problem never ends the server: a configuration or rule file that does not load is a
diagnostic on each open article (and on the file itself, at its line), and anything else that
goes wrong in a check is a diagnostic on that article and a line in the client's log.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange, TextDocument

from claimcheck import __version__
from claimcheck.lsp.engine import Checker, Outcome, Problem
from claimcheck.model.findings import Finding
from claimcheck.run.fixes import fixable

SOURCE = "claimcheck"
DELAY = 0.3  # seconds of quiet typing before a changed article is checked again
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
RULE_FILES = ("**/*.yaml", "**/*.yml")  # rule files and .claimcheck.yaml


@dataclass
class _Checked:
    """The last check of an open article: at which version, and what it found."""

    version: int | None
    outcome: Outcome
    fixes: list[tuple[lsp.Range, str, lsp.Diagnostic]] = field(default_factory=list)


class ClaimServer(LanguageServer):
    """The server, with what it keeps between messages."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.checker = Checker()
        self.checked: dict[str, _Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.flagged: set[str] = set()  # URIs of config and rule files with diagnostics

    def lint(self, uri: str, walk: bool = True) -> None:
        """Check the open article at `uri` and publish what was found; `walk`: look for
        changed corpus files first (not on every pause in typing)."""
        if (handle := self.pending.pop(uri, None)) is not None:
            handle.cancel()  # a save or a watched file came before the pause ended
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri)
        if path is None:
            return
        try:
            self._publish(uri, doc, self.checker.check(path, doc.source, walk))
        except Exception as exc:  # the server outlives whatever one article does to it
            message = f"claimcheck: internal error: {type(exc).__name__}: {exc}"
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, message))
            self._publish(uri, doc, Outcome(blocked=message))

    def lint_all(self) -> None:
        for uri in list(self.checked):
            if uri in self.workspace.text_documents:
                self.lint(uri)

    def later(self, uri: str) -> None:
        """Check `uri` once typing pauses for DELAY seconds."""
        if (handle := self.pending.pop(uri, None)) is not None:
            handle.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DELAY, self.lint, uri, False)

    def _publish(self, uri: str, doc: TextDocument, outcome: Outcome) -> None:
        checked = _Checked(doc.version, outcome)
        diagnostics: list[lsp.Diagnostic] = []
        if outcome.blocked:
            diagnostics.append(_at_top(outcome.blocked))
        before = self.checked.get(uri)
        if outcome.note and (before is None or before.outcome.note != outcome.note):
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Info, outcome.note))
        for f in outcome.findings:
            d = _diagnostic(f, doc, outcome.root)
            diagnostics.append(d)
            if f.fix is not None and _fixable(f):
                checked.fixes.append((d.range, f.fix, d))
        self.checked[uri] = checked
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, diagnostics, version=doc.version)
        )
        self._flag(outcome.problems if outcome.blocked else [])

    def _flag(self, problems: Sequence[Problem]) -> None:
        """Diagnostics on the configuration and rule files that do not load; cleared from the
        files that load again."""
        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        for p in problems:
            at = lsp.Position(max(p.line - 1, 0), max(p.column - 1, 0))
            by_uri.setdefault(from_fs_path(p.path) or p.path, []).append(
                lsp.Diagnostic(
                    lsp.Range(at, at),
                    p.message,
                    severity=lsp.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            )
        for uri in self.flagged - set(by_uri):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics))
        self.flagged = set(by_uri)

    def actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """The certain fixes the last check found in the range asked about, and one action that
        applies every fix of the article; none when the text changed since that check."""
        uri = params.text_document.uri
        checked = self.checked.get(uri)
        doc = self.workspace.text_documents.get(uri)
        if checked is None or doc is None or checked.version != doc.version or not checked.fixes:
            return []
        out = []
        for rng, replacement, diagnostic in checked.fixes:
            if _overlaps(rng, params.range):
                edit = lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(rng, replacement)]})
                out.append(
                    lsp.CodeAction(
                        f"Replace with '{replacement}'",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=edit,
                        is_preferred=True,
                    )
                )
        edits = _apart([lsp.TextEdit(rng, text) for rng, text, _ in checked.fixes])
        out.append(
            lsp.CodeAction(
                "Apply every certain claimcheck fix",
                kind=lsp.CodeActionKind.SourceFixAll + ".claimcheck",
                edit=lsp.WorkspaceEdit(changes={uri: edits}),
            )
        )
        return out


def _fixable(f: Finding) -> bool:
    return bool(fixable([f]))


def _at_top(message: str) -> lsp.Diagnostic:
    start = lsp.Position(0, 0)
    return lsp.Diagnostic(
        lsp.Range(start, start), message, severity=lsp.DiagnosticSeverity.Error, source=SOURCE
    )


def _diagnostic(f: Finding, doc: TextDocument, root: str) -> lsp.Diagnostic:
    """A finding as a diagnostic: its range in the client's units, its evidence as related
    information."""
    span = ServerTextRange(
        ServerTextPosition(f.line - 1, f.column - 1),
        ServerTextPosition(f.end_line - 1, f.end_column - 1),
    )
    message = f.message
    if f.inferred:
        message += (
            " (inferred: " + ", ".join(f"{part} from {how}" for part, how in f.inferred) + ")"
        )
    related = []
    for r in f.related:
        at = lsp.Position(max(r.line - 1, 0), max(r.column - 1, 0))
        where = from_fs_path(os.path.join(root, r.path)) or r.path
        related.append(
            lsp.DiagnosticRelatedInformation(lsp.Location(where, lsp.Range(at, at)), r.message)
        )
    return lsp.Diagnostic(
        doc.range_to_client_units(span),
        message,
        severity=SEVERITY[f.severity],
        code=f.rule,
        source=SOURCE,
        related_information=related or None,
        data={"fix": f.fix} if f.fix is not None else None,
    )


def _key(p: lsp.Position) -> tuple[int, int]:
    return p.line, p.character


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _apart(edits: list[lsp.TextEdit]) -> list[lsp.TextEdit]:
    """The edits that overlap none before them (the first in the file wins, as `--fix` does)."""
    out: list[lsp.TextEdit] = []
    for e in sorted(edits, key=lambda e: (_key(e.range.start), _key(e.range.end))):
        if not out or _key(e.range.start) >= _key(out[-1].range.end):
            out.append(e)
    return out


def build() -> ClaimServer:
    """The server with its handlers."""
    server = ClaimServer()

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: ClaimServer, params: lsp.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files
        if not (dynamic and dynamic.dynamic_registration):
            return  # a change is still picked up at the article's next check
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            [lsp.FileSystemWatcher(glob_pattern=g) for g in RULE_FILES]
        )
        registration = lsp.Registration(
            "claimcheck-rules", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        await ls.client_register_capability_async(lsp.RegistrationParams([registration]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ClaimServer, params: lsp.DidOpenTextDocumentParams) -> None:
        if not _rule_file(params.text_document.uri):
            ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ClaimServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if not _rule_file(params.text_document.uri):
            ls.later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ClaimServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if _rule_file(params.text_document.uri):
            ls.lint_all()
        else:
            ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ClaimServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (handle := ls.pending.pop(uri, None)) is not None:
            handle.cancel()
        if ls.checked.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ClaimServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.lint_all()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(ls: ClaimServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.actions(params)

    return server


def _rule_file(uri: str) -> bool:
    return uri.endswith((".yaml", ".yml"))


def serve() -> None:
    """Serve over stdin and stdout until the client says exit. What claimcheck itself would
    print goes to stderr: stdout carries the protocol only."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    build().start_io(stdin, stdout)
