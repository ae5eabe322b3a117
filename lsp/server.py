"""The kerasq language server: thin pygls handlers over the plain functions of this package.

Hovers, code actions and completions are answered on the event loop from a cached analysis of the
document. Diagnostics are debounced and computed in a worker thread, so typing never waits for them.
The question bank is loaded in a background thread started once `initialize` is answered.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from kerasq import __version__
from kerasq.lsp import documents
from kerasq.lsp.bankindex import BankIndex, IndexLoader
from kerasq.lsp.hover import cached_analysis, markdown_at
from kerasq.lsp.source import column_to_index, index_to_column, split_lines

if TYPE_CHECKING:  # the rule modules are imported on first use: start-up only needs what hovers need
    from kerasq.lsp.codecache import CodeCache
    from kerasq.lsp.diagnostics import Diagnostic
    from kerasq.lsp.rules import Edit

log = logging.getLogger("kerasq.lsp")

DEBOUNCE_SECONDS = 0.15
BANK_WAIT_SECONDS = 5.0
HEAVY_MODULES = ("keras", "tensorflow", "jax", "torch")
STATUS_COMMAND = "kerasq.status"
INTERNAL_ERROR = "kerasq internal error"
CODE_CACHE_SECONDS = 5.0  # the start-up code cache serves until the first hover, or this long after `initialized`


class KerasqLanguageServer(LanguageServer):
    """A pygls server that keeps the bank loader, the document views and the pending diagnostics."""

    def __init__(self, questions_dir: str | None = None) -> None:
        notebooks = lsp.NotebookDocumentSyncOptions(
            notebook_selector=[
                lsp.NotebookDocumentFilterWithNotebook(notebook="*", cells=[lsp.NotebookCellLanguage(language="python")])
            ]
        )
        super().__init__(
            "kerasq",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            notebook_document_sync=notebooks,
        )
        self.loader = IndexLoader(questions_dir)
        self.code_cache: CodeCache | None = None
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._published: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        self._members: dict[str, tuple[str, ...]] = {}  # view key -> the URIs it last published for
        self._views: dict[str, tuple[Any, tuple[str, ...], documents.View]] = {}

    # --- errors and logs: stderr and the client's log, never stdout or a pop-up for internal errors ---

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log errors instead of showing them: a learner never sees an internal traceback."""
        log.error("kerasq language server error (%s): %s", getattr(source, "__name__", source), error)
        self._log_to_client(f"kerasq: {error}")

    def report_internal_error(self, where: str) -> None:
        """A bug in kerasq itself (not bad input from the client): full traceback to stderr, one line to the client."""
        log.exception("kerasq internal error in %s", where)
        error = sys.exc_info()[1]
        self._log_to_client(f"{INTERNAL_ERROR} in {where}: {error!r}")

    def _log_to_client(self, message: str) -> None:
        try:
            self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error, message=message))
        except Exception:  # noqa: BLE001 - the connection itself may be the problem
            pass

    # --- documents ---

    @property
    def encoding(self) -> str:
        """The negotiated position encoding ("utf-16", "utf-8" or "utf-32")."""
        value = self.workspace.position_encoding
        return str(getattr(value, "value", value) or "utf-16")

    def notebook_view(self, notebook: lsp.NotebookDocument) -> documents.View:
        """The view of a notebook's Python code cells, in order (cached while no cell changes)."""
        cells = []
        for cell in notebook.cells:
            document = self.workspace.text_documents.get(unquote(cell.document))
            if cell.kind == lsp.NotebookCellKind.Code and document is not None and documents.is_python_cell(document.language_id):
                cells.append(document)
        key = tuple((cell.uri, cell.version) for cell in cells)
        sources = tuple(cell.source for cell in cells)
        cached = self._views.get(notebook.uri)
        if cached is not None and cached[0] == key and all(a is b for a, b in zip(cached[1], sources)):
            return cached[2]
        view = documents.notebook_view(notebook.uri, cells)
        self._views[notebook.uri] = (key, sources, view)
        return view

    def view_for(self, uri: str) -> documents.View | None:
        """The analysed view holding an open document or notebook (all code cells for a cell), or None."""
        workspace = self.workspace
        notebook = workspace.get_notebook_document(cell_uri=uri) or workspace.get_notebook_document(notebook_uri=uri)
        if notebook is not None:
            return self.notebook_view(notebook)
        document = workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        source = document.source
        cached = self._views.get(document.uri)
        if cached is not None and cached[0] == document.version and cached[1][0] is source:
            return cached[2]  # counting the lines of a large file on every hover would cost milliseconds
        view = documents.single_view(document.uri, source, document.version)
        self._views[document.uri] = (document.version, (source,), view)
        return view

    def locate(self, uri: str, position: lsp.Position) -> tuple[documents.View, int, int] | None:
        """The view, view line and code-point index of a position in a document (None when out of range)."""
        view = self.view_for(uri)
        if view is None:
            return None
        part = view.part(uri) or next((p for p in view.parts if unquote(p.uri) == unquote(uri)), None)
        if part is None or not 0 <= position.line < part.count:
            return None
        line = part.first + position.line
        text = cached_analysis(view.text, view.segments).lines[line]
        index = column_to_index(text, position.character, self.encoding)
        return None if index is None else (view, line, index)

    def release_code_cache(self) -> None:
        """Stop serving start-up code from the cache and save what was compiled (after the first hover)."""
        cache, self.code_cache = self.code_cache, None
        if cache is not None:
            cache.uninstall()
            self.thread_pool.submit(cache.save)

    def bank(self) -> BankIndex | None:
        """The question index, waiting briefly if it is still loading."""
        return self.loader.get(BANK_WAIT_SECONDS)

    def to_range(self, view: documents.View, lines: list[str], edit_span: Any) -> tuple[str, lsp.Range] | None:
        """A view span as (document URI, LSP range); a span running past its part is clipped to it."""
        start = view.locate(edit_span.line)
        if start is None:
            return None
        part, first_line = start
        end = view.locate(edit_span.end_line)
        if end is not None and end[0] == part:
            end_line, end_index = end[1], edit_span.end
        else:  # ends in the next cell: stop at the end of this one
            end_line = part.count - 1
            end_index = len(lines[part.first + end_line])
        begin = lsp.Position(first_line, index_to_column(lines[edit_span.line], edit_span.start, self.encoding))
        finish = lsp.Position(end_line, index_to_column(lines[part.first + end_line], end_index, self.encoding))
        return part.uri, lsp.Range(begin, finish)

    # --- features ---

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        """The kerasq hover at a position."""
        found = self.locate(params.text_document.uri, params.position)
        if found is None:
            return None
        view, line, index = found
        bank = self.bank()
        if bank is None:
            return None
        markdown = markdown_at(bank, cached_analysis(view.text, view.segments), line, index)
        if markdown is None:
            return None
        if self.code_cache is not None:  # the first hover's reply is being generated: afterwards, let go
            asyncio.get_event_loop().call_soon(self.release_code_cache)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=markdown))

    def to_diagnostic(self, view: documents.View, lines: list[str], diagnostic: Diagnostic) -> tuple[str, lsp.Diagnostic] | None:
        """The LSP diagnostic for a linked finding, with the URI of the document it belongs to."""
        located = self.to_range(view, lines, diagnostic.finding.span)
        if located is None:
            return None
        uri, where = located
        from kerasq.lsp.diagnostics import SOURCE
        from kerasq.lsp.rules import INFORMATION

        severity = lsp.DiagnosticSeverity.Information if diagnostic.finding.severity == INFORMATION else lsp.DiagnosticSeverity.Warning
        return uri, lsp.Diagnostic(
            range=where,
            message=diagnostic.message,
            severity=severity,
            source=SOURCE,
            code=diagnostic.finding.rule,
            code_description=lsp.CodeDescription(href=diagnostic.href) if diagnostic.href else None,
            data={"question": diagnostic.question.id} if diagnostic.question else None,
        )

    def compute_diagnostics(self, view: documents.View) -> dict[str, list[lsp.Diagnostic]]:
        """Diagnostics for every part of a view (runs in a worker thread)."""
        analysis = cached_analysis(view.text, view.segments)
        grouped: dict[str, list[lsp.Diagnostic]] = {part.uri: [] for part in view.parts}
        from kerasq.lsp.diagnostics import diagnose

        for diagnostic in diagnose(analysis, self.bank()):
            converted = self.to_diagnostic(view, analysis.lines, diagnostic)
            if converted is not None:
                grouped.setdefault(converted[0], []).append(converted[1])
        return grouped

    def schedule_diagnostics(self, uri: str) -> None:
        """Recompute the diagnostics of a document (and its notebook) after a short quiet period."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri) or self.workspace.get_notebook_document(notebook_uri=uri)
        key = notebook.uri if notebook is not None else uri
        previous = self._pending.pop(key, None)
        if previous is not None:
            previous.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._pending[key] = loop.create_task(self._diagnose_later(key, uri))

    async def _diagnose_later(self, key: str, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        view = self.view_for(uri)
        if view is None:
            return
        loop = asyncio.get_running_loop()
        try:
            grouped = await loop.run_in_executor(self.thread_pool, self.compute_diagnostics, view)
        except Exception:  # noqa: BLE001 - a rule bug must not stop the server
            self.report_internal_error(f"diagnostics for {uri}")
            return
        if self._pending.get(key) is asyncio.current_task():
            del self._pending[key]
        versions = {part.uri: part.version for part in view.parts}
        stale = set(self._members.get(key, ())) - set(grouped)
        for gone in stale:
            self.publish(gone, [], None)
        for target, found in grouped.items():
            self.publish(target, found, versions.get(target))
        self._members[key] = tuple(grouped)

    def publish(self, uri: str, found: list[lsp.Diagnostic], version: int | None) -> None:
        """Send a document's diagnostics unless the same ones were already sent for this version."""
        if self._published.get(uri) == (version, found):
            return
        self._published[uri] = (version, found)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))

    def clear(self, key: str, uris: list[str]) -> None:
        """Forget a closed document's pending work and clear its diagnostics."""
        task = self._pending.pop(key, None)
        if task is not None:
            task.cancel()
        self._views.pop(key, None)
        for uri in {*uris, *self._members.pop(key, ())}:
            if self._published.pop(uri, (None, []))[1]:
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        """Quick fixes for the findings in a range, and the scaffold insertion on a `# kerasq N` line."""
        uri = params.text_document.uri
        first = self.locate(uri, params.range.start)
        if first is None:
            return None
        view, start_line, start_index = first
        last = self.locate(uri, params.range.end)
        end_line, end_index = (last[1], last[2]) if last is not None else (start_line, start_index)
        analysis = cached_analysis(view.text, view.segments)
        bank = self.bank()
        from kerasq.lsp import actions
        from kerasq.lsp.diagnostics import findings, link

        found: list[actions.Action] = actions.quick_fixes(findings(analysis), (start_line, start_index), (end_line, end_index))
        if bank is not None:
            in_notebook = view.notebook is not None or _is_notebook_uri(uri)
            for line in range(start_line, end_line + 1):
                scaffold = actions.scaffold_action(bank, analysis.lines, line, in_notebook)
                if scaffold is not None:
                    found.append(scaffold)
        only = params.context.only if params.context else None
        if only:  # e.g. VS Code asks for "source.organizeImports" on save: kerasq has none of those
            found = [action for action in found if any(action.kind == kind or action.kind.startswith(f"{kind}.") for kind in only)]
        result = []
        for action in found:
            changes = self._workspace_changes(view, analysis.lines, action.edits)
            if changes is None:
                continue
            linked = []
            if action.finding is not None:
                converted = self.to_diagnostic(view, analysis.lines, link(action.finding, bank))
                linked = [converted[1]] if converted else []
            result.append(
                lsp.CodeAction(
                    title=action.title,
                    kind=action.kind,
                    diagnostics=linked or None,
                    is_preferred=True if action.kind == "quickfix" else None,
                    edit=lsp.WorkspaceEdit(changes=changes),
                )
            )
        return result

    def _workspace_changes(self, view: documents.View, lines: list[str], edits: tuple[Edit, ...]) -> dict[str, list[lsp.TextEdit]] | None:
        changes: dict[str, list[lsp.TextEdit]] = {}
        for edit in edits:
            located = self.to_range(view, lines, edit.span)
            if located is None:
                return None
            changes.setdefault(located[0], []).append(lsp.TextEdit(range=located[1], new_text=edit.text))
        return changes

    def completions(self, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        """Question numbers with their titles after `%kerasq `."""
        document = self.workspace.text_documents.get(unquote(params.text_document.uri))
        if document is None:
            return None
        lines = split_lines(document.source)
        if not 0 <= params.position.line < len(lines):
            return None
        text = lines[params.position.line]
        index = column_to_index(text, params.position.character, self.encoding)
        if index is None or "%kerasq" not in text:
            return None
        bank = self.bank()
        if bank is None:
            return None
        from kerasq.lsp import actions

        items = actions.complete_question(bank, text, index)
        if items is None:
            return None
        line = params.position.line
        return lsp.CompletionList(
            is_incomplete=False,
            items=[
                lsp.CompletionItem(
                    label=item.label,
                    kind=lsp.CompletionItemKind.Value,
                    detail=item.detail,
                    documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=item.documentation),
                    sort_text=item.sort_text,
                    filter_text=item.label,
                    text_edit=lsp.TextEdit(
                        range=lsp.Range(
                            lsp.Position(line, index_to_column(text, item.start, self.encoding)),
                            lsp.Position(line, index_to_column(text, item.end, self.encoding)),
                        ),
                        new_text=item.label,
                    ),
                )
                for item in items
            ],
        )

    def status(self) -> dict[str, Any]:
        """Report the server's state (`kerasq.status`)."""
        """What the server has loaded: for tests and bug reports (heavy modules must be absent)."""
        index = self.loader.index
        return {
            "version": __version__,
            "pid": os.getpid(),
            "heavy_modules": sorted(name for name in sys.modules if name.split(".")[0] in HEAVY_MODULES),
            "bank_ready": self.loader.ready,
            "questions": len(index.entries) if index else 0,
            "bank_error": self.loader.error,
            "position_encoding": self.encoding,
        }

    async def warn_if_bank_missing(self) -> None:
        """Tell the user once, in plain words, when the question bank cannot be read."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.thread_pool, self.loader.get, None)
        if self.loader.error:
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"{self.loader.error}. Hovers are off; pitfall warnings still work.")
            )


def _is_notebook_uri(uri: str) -> bool:
    lowered = unquote(uri).lower()
    return lowered.startswith("vscode-notebook-cell:") or ".ipynb" in lowered or "/.virtual_documents/" in lowered


def _guard(handler: Any, fallback: Any = None) -> Any:
    """Run a handler; log any exception and answer ``fallback`` so the client always gets a valid response."""

    def guarded(ls: KerasqLanguageServer, params: Any) -> Any:
        """Call the handler, turning an exception into a logged internal error and a safe answer."""
        try:
            return handler(ls, params)
        except Exception:  # noqa: BLE001 - robustness: one bad request must not break the session
            ls.report_internal_error(getattr(handler, "__name__", "a handler"))
            return fallback

    guarded.__name__ = getattr(handler, "__name__", "guarded")
    return guarded


def build_server(questions_dir: str | None = None, code_cache: CodeCache | None = None) -> KerasqLanguageServer:
    """A server with every kerasq feature registered (``code_cache`` serves until the first hover)."""
    server = KerasqLanguageServer(questions_dir)
    server.code_cache = code_cache

    @server.feature(lsp.INITIALIZED)
    @_guard
    def initialized(ls: KerasqLanguageServer, params: lsp.InitializedParams) -> None:
        """Load the bank (the InitializeResult is already sent), warn if it is unreadable, release the code cache later."""
        ls.loader.start()
        gc.freeze()  # the ~600 protocol classes and their helpers live for good: keep them out of collections
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            ls.release_code_cache()
            return
        loop.create_task(ls.warn_if_bank_missing())
        loop.call_later(CODE_CACHE_SECONDS, ls.release_code_cache)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    @_guard
    def did_open(ls: KerasqLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        """Diagnose a newly opened document."""
        ls.schedule_diagnostics(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    @_guard
    def did_change(ls: KerasqLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        """Diagnose a document again after its edits settle."""
        ls.schedule_diagnostics(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    @_guard
    def did_close(ls: KerasqLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        """Forget a closed document and clear its diagnostics."""
        ls.clear(params.text_document.uri, [params.text_document.uri])

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_OPEN)
    @_guard
    def notebook_open(ls: KerasqLanguageServer, params: lsp.DidOpenNotebookDocumentParams) -> None:
        """Diagnose a newly opened notebook."""
        ls.schedule_diagnostics(params.notebook_document.uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CHANGE)
    @_guard
    def notebook_change(ls: KerasqLanguageServer, params: lsp.DidChangeNotebookDocumentParams) -> None:
        """Diagnose a notebook again after cell edits, moves, additions or removals."""
        ls.schedule_diagnostics(params.notebook_document.uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CLOSE)
    @_guard
    def notebook_close(ls: KerasqLanguageServer, params: lsp.DidCloseNotebookDocumentParams) -> None:
        """Forget a closed notebook and clear its cells' diagnostics."""
        ls.clear(params.notebook_document.uri, [cell.uri for cell in params.cell_text_documents])

    server.feature(lsp.TEXT_DOCUMENT_HOVER)(_guard(KerasqLanguageServer.hover))
    server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite]),
    )(_guard(KerasqLanguageServer.code_actions))
    server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" "]))(
        _guard(KerasqLanguageServer.completions)
    )

    @server.command(STATUS_COMMAND)
    def status(ls: KerasqLanguageServer, *args: Any) -> dict[str, Any]:
        """Report the server's state (`kerasq.status`)."""
        return ls.status()

    return server
