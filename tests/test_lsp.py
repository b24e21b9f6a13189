"""`claimcheck lsp` end to end: pygls' language client starts `python -m claimcheck lsp` as a
process and drives it over stdio, as an editor does: open, change, save, code actions, a rule file
edited and broken, bad articles. The server must answer every time and never die."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import RIGHT, TEST_RULES, WRONG, article
from lsprotocol import types as lsp  # pygls and lsprotocol are in the test extras
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from claimcheck.cli import main

FIGURES = """\
entities:
  - id: land
    names: [Land]
metrics:
  - id: land-exports
    name: Land's exports
    subject: [land]
    aliases: [exports]
    dimension: currency
    unit: USD
    source: https://example.org/exports
"""
CORPUS_FIGURE = "Land's exports reached US$5 billion in 2016."
NEW_FIGURE = "Land's exports reached US$7 billion in 2016."
WAIT = 60.0  # seconds: a bound against a hang, not a measure of speed


def _newsroom(root: Path) -> Path:
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "terms.yaml").write_text(TEST_RULES, encoding="utf-8")
    (root / "rules" / "figures.yaml").write_text(FIGURES, encoding="utf-8")
    (root / "archive").mkdir()
    (root / "archive" / "old.md").write_text(article(CORPUS_FIGURE, "2020-02-01"), "utf-8")
    (root / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['archive/*.md']\n", encoding="utf-8"
    )
    (root / "drafts").mkdir()
    return root / "drafts"


class Editor:
    """A language client holding open documents, with the diagnostics the server published."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("claimcheck-tests", "1")
        self.published: dict[str, lsp.PublishDiagnosticsParams] = {}
        self.registered: list[lsp.Registration] = []
        self.changed = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = params
            self.changed.set()

        @self.client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def register(params: lsp.RegistrationParams) -> None:
            self.registered.extend(params.registrations)

    async def start(self, cwd: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "claimcheck", "lsp", cwd=str(cwd))
        watched = lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        capabilities = lsp.ClientCapabilities(
            workspace=lsp.WorkspaceClientCapabilities(did_change_watched_files=watched),
            text_document=lsp.TextDocumentClientCapabilities(
                publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(
                    related_information=True
                )
            ),
        )
        await asyncio.wait_for(
            self.client.initialize_async(
                lsp.InitializeParams(
                    capabilities, root_uri=from_fs_path(str(self.root)), process_id=None
                )
            ),
            WAIT,
        )
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> int | None:
        """Shut the server down as an editor does; its exit status."""
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        server = self.client._server
        assert server is not None
        code = await asyncio.wait_for(server.wait(), WAIT)
        await self.client.stop()
        return code

    def alive(self) -> bool:
        server = self.client._server
        return server is not None and server.returncode is None

    def uri(self, path: Path) -> str:
        uri = from_fs_path(str(path))
        assert uri is not None
        return uri

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = self.uri(path)
        self.versions[uri] = 1
        self.published.pop(uri, None)
        item = lsp.TextDocumentItem(uri, language, 1, text)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(item))
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        doc = lsp.VersionedTextDocumentIdentifier(self.versions[uri], uri)
        change = lsp.TextDocumentContentChangeWholeDocument(text)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(doc, [change]))

    def save(self, uri: str) -> None:
        doc = lsp.TextDocumentIdentifier(uri)
        self.client.text_document_did_save(lsp.DidSaveTextDocumentParams(doc))

    def files_changed(self, *paths: Path) -> None:
        events = [lsp.FileEvent(self.uri(p), lsp.FileChangeType.Changed) for p in paths]
        self.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(events))

    async def diagnostics(
        self, uri: str, ready: Callable[[list[lsp.Diagnostic]], bool] = lambda _: True
    ) -> list[lsp.Diagnostic]:
        """The diagnostics published for `uri` (for its current version, when it has one) once
        `ready` holds of them."""

        async def wait() -> list[lsp.Diagnostic]:
            while True:
                got = self.published.get(uri)
                current = got is not None and (
                    uri not in self.versions or got.version == self.versions[uri]
                )
                if got is not None and current and ready(list(got.diagnostics)):
                    return list(got.diagnostics)
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(wait(), WAIT)


def rules_of(diagnostics: list[lsp.Diagnostic]) -> list[Any]:
    return sorted(str(d.code) for d in diagnostics)


def text_at(text: str, rng: lsp.Range) -> str:
    lines = text.splitlines(keepends=True)
    assert rng.start.line == rng.end.line
    return lines[rng.start.line][rng.start.character : rng.end.character]


def session(root: Path, steps: Callable[[Editor], Any]) -> None:
    """Start a server (in another folder than the newsroom: the configuration is found from each
    article), run the steps, and check that it is still alive and shuts down cleanly."""

    async def go() -> None:
        editor = Editor(root)
        await editor.start(root.parent)
        try:
            await steps(editor)
            assert editor.alive()
        finally:
            code = await editor.stop()
        assert code == 0

    asyncio.run(go())


def test_diagnostics_follow_the_open_text_not_the_file_on_disk(tmp_path: Path) -> None:
    drafts = _newsroom(tmp_path / "desk")
    path = drafts / "new.md"
    text = article(f"{WRONG}\n{NEW_FIGURE}", "2021-01-01")
    path.write_text(article(RIGHT, "2021-01-01"), encoding="utf-8")  # disk differs

    async def steps(editor: Editor) -> None:
        uri = editor.open(path, text)
        found = await editor.diagnostics(uri)
        assert rules_of(found) == ["quantity-contradicts-article", "term-wrong-variant"]
        term = next(d for d in found if d.code == "term-wrong-variant")
        assert text_at(text, term.range) == "exclusive strategic partnership"
        assert term.severity == lsp.DiagnosticSeverity.Error and term.source == "claimcheck"
        figure = next(d for d in found if d.code == "quantity-contradicts-article")
        assert text_at(text, figure.range) == "US$7 billion"
        # the evidence: the corpus article, by its absolute URI, at its line
        where = [(r.location.uri, r.location.range.start.line) for r in figure.related_information]
        assert (editor.uri(tmp_path / "desk" / "archive" / "old.md"), 3) in where
        # typing (unsaved): checked again after a pause, from the buffer
        editor.change(uri, article(f"{RIGHT}\n{NEW_FIGURE}", "2021-01-01"))
        found = await editor.diagnostics(uri)
        assert rules_of(found) == ["quantity-contradicts-article"]
        editor.change(uri, article(f"{RIGHT}\n{CORPUS_FIGURE}", "2021-01-01"))
        editor.save(uri)
        assert await editor.diagnostics(uri) == []

    session(tmp_path / "desk", steps)


def test_a_certain_fix_is_a_code_action_that_clears_its_diagnostic(tmp_path: Path) -> None:
    drafts = _newsroom(tmp_path / "desk")
    path = drafts / "new.md"
    text = article(f"Đà Nẵng 🎉 — {WRONG}")  # columns past non-ASCII and a non-BMP character

    async def steps(editor: Editor) -> None:
        uri = editor.open(path, text)
        found = await editor.diagnostics(uri)
        term = next(d for d in found if d.code == "term-wrong-variant")
        context = lsp.CodeActionContext([term])
        actions = await asyncio.wait_for(
            editor.client.text_document_code_action_async(
                lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), term.range, context)
            ),
            WAIT,
        )
        assert actions is not None
        quick = [
            a
            for a in actions
            if isinstance(a, lsp.CodeAction) and a.kind == lsp.CodeActionKind.QuickFix
        ]
        assert len(quick) == 1 and quick[0].edit is not None and quick[0].edit.changes
        (edit,) = quick[0].edit.changes[uri]
        assert edit.new_text == "Extensive Strategic Partnership"
        # the range is in the client's units (UTF-16 by default): apply it as an editor does
        line = text.splitlines(keepends=True)[edit.range.start.line]
        units = line.encode("utf-16-le")
        start, end = edit.range.start.character * 2, edit.range.end.character * 2
        fixed_line = (units[:start] + edit.new_text.encode("utf-16-le") + units[end:]).decode(
            "utf-16-le"
        )
        lines = text.splitlines(keepends=True)
        lines[edit.range.start.line] = fixed_line
        fixed = "".join(lines)
        assert "an Extensive Strategic Partnership in 2014" in fixed
        editor.change(uri, fixed)
        assert rules_of(await editor.diagnostics(uri)) == []

    session(tmp_path / "desk", steps)


def test_a_rule_file_edited_or_broken_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    drafts = _newsroom(tmp_path / "desk")
    rules = tmp_path / "desk" / "rules" / "terms.yaml"
    text = article("Vietnam and Japan upgraded their ties to an extended strategic partnership.")

    async def steps(editor: Editor) -> None:
        uri = editor.open(drafts / "new.md", text)
        assert await editor.diagnostics(uri) == []
        assert any(r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in editor.registered)
        # a new wrong variant in the rulebook
        rules.write_text(
            TEST_RULES + "      - wrong: extended strategic partnership\n"
            "        right: Extensive Strategic Partnership\n",
            encoding="utf-8",
        )
        editor.files_changed(rules)
        found = await editor.diagnostics(uri, lambda d: bool(d))
        assert rules_of(found) == ["term-wrong-variant"]
        # a rule file that does not validate: a diagnostic on the article and one on the file
        rules.write_text(TEST_RULES.replace("    since: 2014", "    sincе: 2014"), "utf-8")
        editor.files_changed(rules)
        found = await editor.diagnostics(uri, lambda d: any(x.code is None for x in d))
        assert len(found) == 1 and "rule files do not load" in found[0].message
        assert "terms.yaml" in found[0].message
        flagged = await editor.diagnostics(editor.uri(rules), lambda d: bool(d))
        typo = TEST_RULES.splitlines().index("    since: 2014")
        assert any(d.range.start.line == typo and "sincе" in d.message for d in flagged)
        # mended: the article is checked again and the rule file's diagnostic goes
        rules.write_text(TEST_RULES, encoding="utf-8")
        editor.save(editor.uri(rules))
        assert await editor.diagnostics(editor.uri(rules), lambda d: not d) == []
        assert await editor.diagnostics(uri, lambda d: not d) == []

    session(tmp_path / "desk", steps)


def test_a_bad_article_is_a_diagnostic_and_the_server_goes_on(tmp_path: Path) -> None:
    drafts = _newsroom(tmp_path / "desk")
    broken_front = "---\ndate: [2015\n---\n" + WRONG + "\n"
    binary = "\x00\x01\x02 not an article"
    huge = "9" * 200_000 + "\n" + "x" * 100_000

    async def steps(editor: Editor) -> None:
        bad = editor.open(drafts / "bad.md", broken_front)
        found = await editor.diagnostics(bad)
        assert any(str(d.code).startswith("document-") for d in found), found
        nul = editor.open(drafts / "nul.txt", binary, "plaintext")
        assert rules_of(await editor.diagnostics(nul)) == ["document-binary"]
        big = editor.open(drafts / "big.md", huge)
        await editor.diagnostics(big)
        good = editor.open(drafts / "good.md", article(WRONG))
        assert rules_of(await editor.diagnostics(good)) == ["term-wrong-variant"]

    session(tmp_path / "desk", steps)


def test_a_broken_configuration_is_a_diagnostic(tmp_path: Path) -> None:
    drafts = _newsroom(tmp_path / "desk")
    config = tmp_path / "desk" / ".claimcheck.yaml"
    config.write_text("rules: [rules]\nfail_onn: error\n", encoding="utf-8")

    async def steps(editor: Editor) -> None:
        uri = editor.open(drafts / "new.md", article(WRONG))
        found = await editor.diagnostics(uri)
        assert len(found) == 1 and ".claimcheck.yaml does not load" in found[0].message
        flagged = await editor.diagnostics(editor.uri(config), lambda d: bool(d))
        assert flagged[0].range.start.line == 1 and "fail_onn" in flagged[0].message
        config.write_text("rules: [rules]\n", encoding="utf-8")
        editor.files_changed(config)
        assert rules_of(await editor.diagnostics(uri, lambda d: d != found)) == [
            "term-wrong-variant"
        ]

    session(tmp_path / "desk", steps)


def test_lsp_without_pygls_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "claimcheck.lsp.server", raising=False)
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'claimcheck[lsp]'" in err and "Traceback" not in err
