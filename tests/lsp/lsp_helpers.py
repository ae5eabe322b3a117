"""Helpers for driving a real kerasq language server with pytest-lsp's client (imported by tests/lsp)."""

from __future__ import annotations

import asyncio
import itertools
import sys
from typing import Any

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER_COMMAND = [sys.executable, "-m", "kerasq.lsp"]
WAIT_SECONDS = 20.0
_numbers = itertools.count(1)


def vscode_capabilities() -> lsp.ClientCapabilities:
    """VS Code's client capabilities from pytest-lsp's snapshot, plus the notebook sync it lacks."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.notebook_document = lsp.NotebookDocumentClientCapabilities(
        synchronization=lsp.NotebookDocumentSyncClientCapabilities(dynamic_registration=True, execution_summary_support=True)
    )
    return capabilities


def _record_diagnostics(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.diagnostic_versions[params.uri] = params.version  # type: ignore[attr-defined]
    for waiter in list(client.diagnostic_waiters):  # type: ignore[attr-defined]
        if not waiter.done():
            waiter.set_result(params.uri)


def make_client() -> LanguageClient:
    """pytest-lsp's test client, also remembering the document version of each diagnostics notification."""
    client = LanguageClient(converter_factory=default_converter)
    client.diagnostic_versions = {}  # type: ignore[attr-defined]
    client.diagnostic_waiters = []  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record_diagnostics})
    return client


class Session:
    """Small helpers over the client: open documents and notebooks, ask, and wait for diagnostics."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client

    @staticmethod
    def uri(suffix: str = ".py") -> str:
        """A fresh document URI (documents live on in the module's server)."""
        return f"file:///kerasq-tests/doc{next(_numbers)}{suffix}"

    def open(self, text: str, uri: str | None = None, language: str = "python", version: int = 1) -> str:
        """Open a text document and return its URI."""
        uri = uri or self.uri()
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, version, text)))
        return uri

    def replace(self, uri: str, text: str, version: int) -> None:
        """Replace a document's whole text (an incremental change covering everything)."""
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def open_notebook(self, cells: list[str], kinds: list[lsp.NotebookCellKind] | None = None) -> tuple[str, list[str]]:
        """Open a VS Code notebook with these cell texts; return the notebook URI and the cell URIs."""
        number = next(_numbers)
        notebook_uri = f"file:///kerasq-tests/nb{number}.ipynb"
        cell_uris = [f"vscode-notebook-cell:/kerasq-tests/nb{number}.ipynb#C{index}" for index in range(len(cells))]
        kinds = kinds or [lsp.NotebookCellKind.Code] * len(cells)
        self.client.notebook_document_did_open(
            lsp.DidOpenNotebookDocumentParams(
                notebook_document=lsp.NotebookDocument(
                    uri=notebook_uri,
                    notebook_type="jupyter-notebook",
                    version=1,
                    cells=[lsp.NotebookCell(kind=kind, document=uri) for kind, uri in zip(kinds, cell_uris)],
                ),
                cell_text_documents=[
                    lsp.TextDocumentItem(uri=uri, language_id="python" if kind == lsp.NotebookCellKind.Code else "markdown", version=1, text=text)
                    for uri, kind, text in zip(cell_uris, kinds, cells)
                ],
            )
        )
        return notebook_uri, cell_uris

    async def hover(self, uri: str, line: int, character: int) -> str | None:
        """The hover Markdown at a position, or None."""
        result = await self.client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))
        )
        if result is None:
            return None
        assert isinstance(result.contents, lsp.MarkupContent) and result.contents.kind == lsp.MarkupKind.Markdown
        return result.contents.value

    async def hover_at(self, uri: str, text: str, needle: str, offset: int = 0) -> str | None:
        """The hover on the first occurrence of ``needle`` in ``text`` (``offset`` characters into it)."""
        before = text[: text.index(needle) + offset]
        line = before.count("\n")
        return await self.hover(uri, line, len(before) - before.rfind("\n") - 1)

    async def diagnostics(self, uri: str, version: int | None = 1) -> list[lsp.Diagnostic]:
        """The diagnostics the server publishes for ``uri`` at ``version`` (waits for them)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        while True:
            versions = self.client.diagnostic_versions  # type: ignore[attr-defined]
            if uri in versions and versions[uri] == version:
                return list(self.client.diagnostics[uri])
            waiter = loop.create_future()
            self.client.diagnostic_waiters.append(waiter)  # type: ignore[attr-defined]
            try:
                await asyncio.wait_for(waiter, max(0.01, deadline - loop.time()))
            except asyncio.TimeoutError:
                raise AssertionError(f"no diagnostics for {uri} at version {version} within {WAIT_SECONDS} s") from None
            finally:
                self.client.diagnostic_waiters.remove(waiter)  # type: ignore[attr-defined]

    async def code_actions(self, uri: str, start: tuple[int, int], end: tuple[int, int] | None = None) -> list[lsp.CodeAction]:
        """The code actions for a range."""
        end = end or start
        result = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri),
                lsp.Range(lsp.Position(*start), lsp.Position(*end)),
                lsp.CodeActionContext(diagnostics=[]),
            )
        )
        return [action for action in result or [] if isinstance(action, lsp.CodeAction)]

    async def complete(self, uri: str, line: int, character: int) -> list[lsp.CompletionItem] | None:
        """The completion items at a position (None when the server offers none)."""
        result = await self.client.text_document_completion_async(
            lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))
        )
        if result is None:
            return None
        return list(result.items if isinstance(result, lsp.CompletionList) else result)

    @staticmethod
    def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
        """Apply LSP text edits (UTF-16 columns, all relative to the original text) to ``text``."""
        lines = text.split("\n")

        def offset(position: lsp.Position) -> int:
            before = sum(len(line) + 1 for line in lines[: position.line])
            line = lines[position.line] if position.line < len(lines) else ""
            units = 0
            for index, char in enumerate(line):
                if units >= position.character:
                    return before + index
                units += 2 if ord(char) > 0xFFFF else 1
            return before + len(line)

        for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        return text

    async def status(self) -> dict[str, Any]:
        """The server's `kerasq.status` report."""
        return await self.client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="kerasq.status", arguments=[]))


