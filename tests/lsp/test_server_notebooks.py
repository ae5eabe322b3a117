"""VS Code notebooks (notebookDocument/* sync, cell URIs) and JupyterLab virtual documents, end to end."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

pytestmark = pytest.mark.asyncio(loop_scope="module")

IMPORTS = "import keras\nfrom keras import layers\n"
MODEL = "model = keras.Sequential([keras.Input((4,)), layers.Dense(1, activation='softmax')])\nmodel.compile(optimizer='adam')\n"


def change(session, notebook_uri: str, version: int, cells: lsp.NotebookDocumentCellChanges) -> None:
    session.client.notebook_document_did_change(
        lsp.DidChangeNotebookDocumentParams(
            notebook_document=lsp.VersionedNotebookDocumentIdentifier(version=version, uri=notebook_uri),
            change=lsp.NotebookDocumentChangeEvent(cells=cells),
        )
    )


def edit_cell(session, notebook_uri: str, notebook_version: int, cell_uri: str, cell_version: int, text: str) -> None:
    change(
        session,
        notebook_uri,
        notebook_version,
        lsp.NotebookDocumentCellChanges(
            text_content=[
                lsp.NotebookDocumentCellContentChanges(
                    document=lsp.VersionedTextDocumentIdentifier(version=cell_version, uri=cell_uri),
                    changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
                )
            ]
        ),
    )


async def test_imports_in_an_earlier_cell_count(session) -> None:
    _, cells = session.open_notebook([IMPORTS, "# notes", MODEL])
    hover = await session.hover_at(cells[2], MODEL, "Dense", 1)
    assert hover is not None and "`keras.layers.Dense`" in hover
    compile_hover = await session.hover_at(cells[2], MODEL, "compile", 1)
    assert compile_hover is not None and "`keras.Model.compile`" in compile_hover


async def test_markdown_cells_are_not_python(session) -> None:
    kinds = [lsp.NotebookCellKind.Code, lsp.NotebookCellKind.Markup, lsp.NotebookCellKind.Code]
    _, cells = session.open_notebook([IMPORTS, "Use `layers.Dense(1, activation='softmax')` with care", MODEL], kinds)
    assert await session.hover(cells[1], 0, 12) is None
    diagnostics = await session.diagnostics(cells[2])
    assert [d.code for d in diagnostics] == ["dense-one-unit-softmax"]
    assert diagnostics[0].range.start.line == 0  # the cell's own line numbers
    assert cells[1] not in session.client.diagnostics


async def test_diagnostics_are_published_per_cell_and_follow_cell_edits(session) -> None:
    notebook, cells = session.open_notebook([IMPORTS, MODEL, "model.save('m.h5')\n"])
    assert await session.diagnostics(cells[0]) == []
    assert [d.code for d in await session.diagnostics(cells[1])] == ["dense-one-unit-softmax"]
    assert [d.code for d in await session.diagnostics(cells[2])] == ["h5-format"]
    edit_cell(session, notebook, 2, cells[2], 2, "model.save('m.keras')\n")
    assert await session.diagnostics(cells[2], 2) == []


async def test_cells_added_moved_and_removed(session) -> None:
    notebook, cells = session.open_notebook(["x = layers.Dense(3)\n", IMPORTS])
    assert await session.hover(cells[0], 0, len("x = layers.De")) is None  # layers is imported in a later cell
    # Move the imports cell first: remove it at index 1, insert it at index 0.
    change(
        session,
        notebook,
        2,
        lsp.NotebookDocumentCellChanges(
            structure=lsp.NotebookDocumentCellChangeStructure(
                array=lsp.NotebookCellArrayChange(start=1, delete_count=1, cells=[])
            )
        ),
    )
    change(
        session,
        notebook,
        3,
        lsp.NotebookDocumentCellChanges(
            structure=lsp.NotebookDocumentCellChangeStructure(
                array=lsp.NotebookCellArrayChange(start=0, delete_count=0, cells=[lsp.NotebookCell(kind=lsp.NotebookCellKind.Code, document=cells[1])])
            )
        ),
    )
    hover = await session.hover(cells[0], 0, len("x = layers.De"))
    assert hover is not None and "`keras.layers.Dense`" in hover
    # Add a new cell with a pitfall, then remove it: its diagnostics are cleared.
    new_cell = cells[0].replace("#C0", "#C9")
    change(
        session,
        notebook,
        4,
        lsp.NotebookDocumentCellChanges(
            structure=lsp.NotebookDocumentCellChangeStructure(
                array=lsp.NotebookCellArrayChange(start=2, delete_count=0, cells=[lsp.NotebookCell(kind=lsp.NotebookCellKind.Code, document=new_cell)]),
                did_open=[lsp.TextDocumentItem(uri=new_cell, language_id="python", version=1, text="model.to_yaml()\n")],
            )
        ),
    )
    assert [d.code for d in await session.diagnostics(new_cell)] == ["yaml-export"]
    change(
        session,
        notebook,
        5,
        lsp.NotebookDocumentCellChanges(
            structure=lsp.NotebookDocumentCellChangeStructure(
                array=lsp.NotebookCellArrayChange(start=2, delete_count=1, cells=[]),
                did_close=[lsp.TextDocumentIdentifier(uri=new_cell)],
            )
        ),
    )
    assert await session.diagnostics(new_cell, None) == []
    assert await session.hover(new_cell, 0, 8) is None


async def test_a_quick_fix_in_a_cell_edits_that_cell(session) -> None:
    _, cells = session.open_notebook([IMPORTS, MODEL])
    (diagnostic,) = await session.diagnostics(cells[1])
    actions = await session.code_actions(cells[1], (diagnostic.range.start.line, diagnostic.range.start.character))
    fix = next(a for a in actions if a.kind == lsp.CodeActionKind.QuickFix)
    assert list(fix.edit.changes) == [cells[1]]
    assert "sigmoid" in session.apply_edits(MODEL, fix.edit.changes[cells[1]])


async def test_moving_keras_backend_above_an_import_in_an_earlier_cell(session) -> None:
    _, cells = session.open_notebook(["import os\nimport keras\n", "os.environ['KERAS_BACKEND'] = 'jax'\nx = 1\n"])
    (diagnostic,) = await session.diagnostics(cells[1])
    assert diagnostic.code == "keras-backend-after-import" and "restart the kernel" in diagnostic.message
    actions = await session.code_actions(cells[1], (0, 3))
    fix = next(a for a in actions if a.kind == lsp.CodeActionKind.QuickFix)
    assert set(fix.edit.changes) == {cells[0], cells[1]}
    assert session.apply_edits("import os\nimport keras\n", fix.edit.changes[cells[0]]) == "import os\nos.environ['KERAS_BACKEND'] = 'jax'\nimport keras\n"
    assert session.apply_edits("os.environ['KERAS_BACKEND'] = 'jax'\nx = 1\n", fix.edit.changes[cells[1]]) == "x = 1\n"


async def test_notebook_close_clears_every_cell(session) -> None:
    notebook, cells = session.open_notebook([IMPORTS, MODEL])
    assert await session.diagnostics(cells[1])
    session.client.notebook_document_did_close(
        lsp.DidCloseNotebookDocumentParams(
            notebook_document=lsp.NotebookDocumentIdentifier(uri=notebook),
            cell_text_documents=[lsp.TextDocumentIdentifier(uri=uri) for uri in cells],
        )
    )
    assert await session.diagnostics(cells[1], None) == []
    assert await session.hover_at(cells[1], MODEL, "Dense", 1) is None


JUPYTERLAB_VIRTUAL_DOCUMENT = (
    "%load_ext kerasq\n\n\n"
    "%kerasq 15\n\n\n"
    "!pip install keras\n\n\n"
    "%%time\nimport keras\nfrom keras import layers\n\n\n"
    "x = layers.Dense(1, activation='softmax')\n"
)


async def test_jupyterlab_virtual_document_with_magics(session) -> None:
    uri = session.open(JUPYTERLAB_VIRTUAL_DOCUMENT, uri="file:///kerasq-tests/.virtual_documents/practice.ipynb")
    hover = await session.hover_at(uri, JUPYTERLAB_VIRTUAL_DOCUMENT, "Dense", 1)
    assert hover is not None and "`keras.layers.Dense`" in hover
    magic = await session.hover_at(uri, JUPYTERLAB_VIRTUAL_DOCUMENT, "15", 1)
    assert magic is not None and "Q15" in magic
    assert [d.code for d in await session.diagnostics(uri)] == ["dense-one-unit-softmax"]


JUPYTERLAB_REWRITTEN_DOCUMENT = (
    'get_ipython().run_line_magic("load_ext", " kerasq")\n\n\n'
    'get_ipython().run_line_magic("kerasq", " 15")\n\n\n'
    'get_ipython().getoutput("pip install keras")\n\n\n'
    '# START_CELL_MAGIC("time", "")\nimport keras\nfrom keras import layers\n# END_CELL_MAGIC\n\n\n'
    "get_ipython().run_line_magic('pinfo', 'layers.Dense')\n\n\n"
    'get_ipython().run_line_magic("env", " KERAS_BACKEND=jax")\n'
)


async def test_jupyterlab_virtual_document_as_jupyterlab_lsp_rewrites_it(session) -> None:
    text = JUPYTERLAB_REWRITTEN_DOCUMENT
    uri = session.open(text, uri="file:///kerasq-tests/.virtual_documents/rewritten.ipynb")
    hover = await session.hover_at(uri, text, "Dense'", 1)
    assert hover is not None and "`keras.layers.Dense`" in hover
    magic = await session.hover_at(uri, text, " 15", 2)
    assert magic is not None and "Q15" in magic
    assert [d.code for d in await session.diagnostics(uri)] == ["keras-backend-after-import"]
