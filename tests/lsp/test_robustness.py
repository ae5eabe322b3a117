"""Random sessions against a real server: it never crashes, never stops answering, and every response is valid."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_helpers import Session
from lsprotocol import types as lsp

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning")]

MAX_UINT = 2**31 - 1

SNIPPETS = [
    "import keras\n",
    "from keras import layers as L\n",
    "import tensorflow as tf\n",
    "from keras.layers.core import Dense\n",
    "model = keras.Sequential([L.Dense(1, activation='softmax')])\n",
    "model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))\n",
    "model.save('m.h5')\n",
    "os.environ['KERAS_BACKEND'] = 'jax'\n",
    "%kerasq 15\n",
    "# kerasq 9\n",
    "!pip install keras\n",
    "%%time\n",
    "x = !ls\n",
    "Dense?\n",
    "def broken(:\n",
    "class C(keras.layers.Layer):\n    def build(self, s):\n        self.add_weight('w', (3,))\n",
    "s = '𝐱🙂'; y = tf.keras.layers.Conv2D(3, 3)\n",
    '"""unterminated\n',
    "(((((\n",
    "\t\x0c\x00\n",
    "\r\n",
    "\u2028\n",
    "",
]

texts = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=40)), max_size=12).map("".join)
small = st.integers(min_value=0, max_value=60)
positions = st.one_of(st.integers(min_value=0, max_value=4), small, st.integers(min_value=0, max_value=MAX_UINT))
ranges = st.tuples(positions, positions, positions, positions)

operations = st.one_of(
    st.tuples(st.just("open"), texts),
    st.tuples(st.just("edit"), ranges, st.text(max_size=30)),
    st.tuples(st.just("replace"), texts),
    st.tuples(st.just("hover"), positions, positions),
    st.tuples(st.just("hover-sweep"), st.integers(min_value=0, max_value=12)),
    st.tuples(st.just("hover-unknown"), positions, positions),
    st.tuples(st.just("actions"), ranges),
    st.tuples(st.just("complete"), positions, positions),
    st.tuples(st.just("close")),
    st.tuples(st.just("notebook"), st.lists(texts, max_size=4)),
    st.tuples(st.just("cells"), small, small, st.lists(texts, max_size=3)),
    st.tuples(st.just("cell-edit"), small, texts),
    st.tuples(st.just("cell-hover"), small, positions, positions),
    st.tuples(st.just("notebook-close")),
)


class Driver:
    """Replays one random session; keeps just enough state to address real (and unreal) documents."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.client = session.client
        self.uri = session.uri()
        self.version = 0
        self.notebook: str | None = None
        self.notebook_version = 0
        self.cells: list[str] = []
        self.cell_counter = 0

    def new_cell(self) -> str:
        self.cell_counter += 1
        return f"vscode-notebook-cell:{self.notebook}#R{self.cell_counter}"

    async def run(self, operation: tuple) -> None:
        kind, *args = operation
        client, session = self.client, self.session
        if kind == "open":
            self.version += 1
            session.open(args[0], uri=self.uri, version=self.version)
        elif kind == "edit":
            line, character, end_line, end_character = args[0]
            self.version += 1
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    lsp.VersionedTextDocumentIdentifier(version=self.version, uri=self.uri),
                    [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character)), text=args[1])],
                )
            )
        elif kind == "replace":
            self.version += 1
            session.replace(self.uri, args[0], self.version)
        elif kind == "hover":
            result = await session.hover(self.uri, args[0], args[1])
            assert result is None or "kerasq" in result
        elif kind == "hover-sweep":  # every few characters of one line: names, strings, magics, pair halves
            for character in range(0, 64, 3):
                result = await session.hover(self.uri, args[0], character)
                assert result is None or "kerasq" in result
        elif kind == "hover-unknown":
            assert await session.hover("file:///kerasq-tests/unknown%20doc.py", args[0], args[1]) is None
        elif kind == "actions":
            line, character, end_line, end_character = args[0]
            for action in await session.code_actions(self.uri, (line, character), (end_line, end_character)):
                assert action.title and action.edit is not None
        elif kind == "complete":
            items = await session.complete(self.uri, args[0], args[1])
            assert items is None or all(item.label.isdigit() for item in items)
        elif kind == "close":
            client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(self.uri)))
        elif kind == "notebook":
            self.notebook, self.cells = session.open_notebook(args[0])
            self.notebook_version = 1
        elif kind == "cells" and self.notebook:
            start, delete, added = args
            new = [self.new_cell() for _ in added]
            self.notebook_version += 1
            removed = self.cells[start : start + delete]
            client.notebook_document_did_change(
                lsp.DidChangeNotebookDocumentParams(
                    notebook_document=lsp.VersionedNotebookDocumentIdentifier(version=self.notebook_version, uri=self.notebook),
                    change=lsp.NotebookDocumentChangeEvent(
                        cells=lsp.NotebookDocumentCellChanges(
                            structure=lsp.NotebookDocumentCellChangeStructure(
                                array=lsp.NotebookCellArrayChange(
                                    start=start, delete_count=delete, cells=[lsp.NotebookCell(kind=lsp.NotebookCellKind.Code, document=uri) for uri in new]
                                ),
                                did_open=[lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text) for uri, text in zip(new, added)],
                                did_close=[lsp.TextDocumentIdentifier(uri=uri) for uri in removed],
                            )
                        )
                    ),
                )
            )
            self.cells[start : start + delete] = new
        elif kind == "cell-edit" and self.notebook:
            target = self.cells[args[0] % len(self.cells)] if self.cells else self.new_cell()
            self.notebook_version += 1
            client.notebook_document_did_change(
                lsp.DidChangeNotebookDocumentParams(
                    notebook_document=lsp.VersionedNotebookDocumentIdentifier(version=self.notebook_version, uri=self.notebook),
                    change=lsp.NotebookDocumentChangeEvent(
                        cells=lsp.NotebookDocumentCellChanges(
                            text_content=[
                                lsp.NotebookDocumentCellContentChanges(
                                    document=lsp.VersionedTextDocumentIdentifier(version=self.notebook_version, uri=target),
                                    changes=[lsp.TextDocumentContentChangeWholeDocument(text=args[1])],
                                )
                            ]
                        )
                    ),
                )
            )
        elif kind == "cell-hover" and self.notebook:
            target = self.cells[args[0] % len(self.cells)] if self.cells else self.new_cell()
            result = await session.hover(target, args[1], args[2])
            assert result is None or "kerasq" in result
        elif kind == "notebook-close" and self.notebook:
            client.notebook_document_did_close(
                lsp.DidCloseNotebookDocumentParams(
                    notebook_document=lsp.NotebookDocumentIdentifier(uri=self.notebook),
                    cell_text_documents=[lsp.TextDocumentIdentifier(uri=uri) for uri in self.cells],
                )
            )
            self.notebook, self.cells = None, []


async def assert_alive(session: Session, since: int = 0) -> None:
    """The server still answers correctly and has reported no internal error (in log messages from ``since``)."""
    status = await asyncio.wait_for(session.status(), 30)
    assert status["heavy_modules"] == []
    uri = session.open("from keras import layers\nlayers.Dense(3)\n")
    hover = await asyncio.wait_for(session.hover(uri, 1, 9), 30)
    assert hover is not None and "`keras.layers.Dense`" in hover
    errors = [m.message for m in session.client.log_messages[since:] if "kerasq internal error" in m.message]
    assert errors == []
    assert session.client.error is None


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=texts, steps=st.lists(operations, min_size=1, max_size=25))
async def test_random_sessions_never_break_the_server(session, first, steps) -> None:
    driver = Driver(session)
    since = len(session.client.log_messages)
    for step in [("open", first), *steps]:
        await driver.run(step)
    await assert_alive(session, since)


async def test_empty_and_huge_documents(session) -> None:
    empty = session.open("")
    assert await session.hover(empty, 0, 0) is None
    assert await session.diagnostics(empty) == []
    huge_text = "\n".join(f"y{i} = L.Dense({i})  # 🙂" if i % 2 else "from keras import layers as L" for i in range(10_000))
    huge = session.open(huge_text)
    assert await session.hover(huge, 9_999, len("y9999 = L.De")) is not None
    assert await session.hover(huge, 10_000, 0) is None
    assert await session.diagnostics(huge) == []
    broken = session.open(huge_text + "\ndef broken(:\n")
    assert await session.hover(broken, 9_999, len("y9999 = L.De")) is not None
    await assert_alive(session)


async def test_unknown_documents_and_notebooks(session) -> None:
    client = session.client
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=3, uri="file:///kerasq-tests/never-opened.py"),
            [lsp.TextDocumentContentChangeWholeDocument(text="x")],
        )
    )
    client.notebook_document_did_change(
        lsp.DidChangeNotebookDocumentParams(
            notebook_document=lsp.VersionedNotebookDocumentIdentifier(version=2, uri="file:///kerasq-tests/never.ipynb"),
            change=lsp.NotebookDocumentChangeEvent(),
        )
    )
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier("file:///kerasq-tests/never-opened.py")))
    assert await session.code_actions("file:///kerasq-tests/never-opened.py", (0, 0)) == []
    assert await session.complete("file:///kerasq-tests/never-opened.py", 0, 0) is None
    await assert_alive(session)
