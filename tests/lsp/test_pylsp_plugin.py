"""The kerasq pylsp plugin, in a real `pylsp` process over stdio: pylsp's hover plus the kerasq section."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from kerasq.lsp.hover import hover_markdown
from kerasq.lsp.pylsp_plugin import RULE

pytestmark = pytest.mark.xdist_group("pylsp")

KERAS_FILE = textwrap.dedent(
    """\
    from keras.layers import Dense

    layer = Dense(3)
    """
)
DENSE = types.Position(line=2, character=10)  # on `Dense` in `layer = Dense(3)`


def capabilities() -> types.ClientCapabilities:
    """VS Code's capabilities, plus notebook synchronisation (missing from pytest-lsp's snapshot)."""
    caps = client_capabilities("visual-studio-code")
    caps.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(dynamic_registration=True, execution_summary_support=True)
    )
    return caps


_NOTEBOOK_FILTERS = {
    "notebookType": types.NotebookDocumentFilterNotebookType,
    "scheme": types.NotebookDocumentFilterScheme,
    "pattern": types.NotebookDocumentFilterPattern,
}


def _structure_notebook_filter(value: object, _type: object) -> object:
    if value is None or isinstance(value, str):
        return value
    assert isinstance(value, dict), value
    kind = next(key for key in _NOTEBOOK_FILTERS if key in value)
    return _NOTEBOOK_FILTERS[kind](**{"notebook_type" if k == "notebookType" else k: v for k, v in value.items()})


def pylsp_client() -> LanguageClient:
    """pytest-lsp's client, able to read pylsp's cells-only `notebookSelector`.

    pylsp advertises `{"cells": [{"language": "python"}]}`; lsprotocol's converter has no structure
    hook for that filter's optional `notebook` field, so without this the client fails at initialize.
    """
    client = make_test_lsp_client()
    field = typing.get_type_hints(types.NotebookDocumentFilterWithCells)["notebook"]
    client.protocol._converter.register_structure_hook(field, _structure_notebook_filter)
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "pylsp"], client_factory=pylsp_client),
)
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("pylsp-workspace")
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities(), root_uri=root.as_uri(), workspace_folders=[])
    )
    yield
    await lsp_client.shutdown_session()


_opened = 0


def open_file(client: LanguageClient, text: str) -> str:
    """Open ``text`` as a new Python file (never saved to disk) and return its URI."""
    global _opened
    _opened += 1
    uri = (Path("/tmp") / "kerasq-pylsp" / f"doc{_opened}.py").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    return uri


async def hover(client: LanguageClient, uri: str, position: types.Position) -> types.Hover | None:
    return await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), position))


def markdown_of(result: types.Hover | None) -> str:
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent), result.contents
    assert result.contents.kind == types.MarkupKind.Markdown
    return result.contents.value


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_on_dense_holds_pylsp_docstring_then_kerasq_section(client: LanguageClient) -> None:
    uri = open_file(client, KERAS_FILE)
    value = markdown_of(await hover(client, uri, DENSE))
    section = hover_markdown(KERAS_FILE, DENSE.line, DENSE.character)
    assert section and "%kerasq" in section
    pylsp_part, _, kerasq_part = value.partition(RULE)
    # pylsp's own part: the signature and docstring jedi found for keras.layers.Dense.
    assert "densely-connected" in pylsp_part and "units" in pylsp_part
    # Then exactly the kerasq section, once.
    assert kerasq_part == section
    assert value.count("**kerasq**") == 1


@pytest.mark.asyncio(loop_scope="module")
async def test_a_name_kerasq_does_not_know_keeps_pylsp_hover_unchanged(client: LanguageClient) -> None:
    text = "import json\n\njson.dumps({})\n"
    uri = open_file(client, text)
    value = markdown_of(await hover(client, uri, types.Position(line=2, character=6)))
    assert "JSON" in value  # json.dumps' docstring
    assert "kerasq" not in value and RULE not in value


@pytest.mark.asyncio(loop_scope="module")
async def test_where_pylsp_finds_nothing_the_kerasq_section_stands_alone(client: LanguageClient) -> None:
    text = "# kerasq 9\nx = 1\n"
    uri = open_file(client, text)
    value = markdown_of(await hover(client, uri, types.Position(line=0, character=9)))
    assert value == hover_markdown(text, 0, 9)
    assert "`%kerasq 9`" in value


@pytest.mark.asyncio(loop_scope="module")
async def test_syntax_errors_and_magics_do_not_stop_the_kerasq_section(client: LanguageClient) -> None:
    text = "%load_ext kerasq\n!pip list\nfrom keras.layers import Dense\nDense(3\n"
    uri = open_file(client, text)
    result = await hover(client, uri, types.Position(line=3, character=2))
    assert hover_markdown(text, 3, 2) in markdown_of(result)


@pytest.mark.asyncio(loop_scope="module")
async def test_positions_out_of_range_get_an_answer_and_the_server_keeps_serving(client: LanguageClient) -> None:
    uri = open_file(client, KERAS_FILE)
    for position in (types.Position(line=99, character=0), types.Position(line=2, character=500)):
        try:
            result = await hover(client, uri, position)
        except Exception as error:  # pylsp (jedi) may answer an error for a position past the end: fine
            assert "kerasq" not in str(error)
        else:
            assert result is None or "kerasq" not in json.dumps(result.contents, default=str)
    assert "**kerasq**" in markdown_of(await hover(client, uri, DENSE))


@pytest.mark.asyncio(loop_scope="module")
async def test_earlier_notebook_cells_count(client: LanguageClient) -> None:
    notebook = "file:///tmp/kerasq-pylsp/practice.ipynb"
    cells = ["from keras import layers", "%kerasq 9", "layer = layers.Dense(3)"]
    cell_uris = [f"vscode-notebook-cell:/tmp/kerasq-pylsp/practice.ipynb#cell{i}" for i in range(len(cells))]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=notebook,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri) for uri in cell_uris],
            ),
            cell_text_documents=[types.TextDocumentItem(uri, "python", 1, text) for uri, text in zip(cell_uris, cells)],
        )
    )
    value = markdown_of(await hover(client, cell_uris[2], types.Position(line=0, character=17)))
    joined = "\n".join(cells)
    assert value.endswith(hover_markdown(joined, 2, 17))
    assert "`keras.layers.Dense`" in value
    # Without the earlier cell's import, the same cell gets no kerasq section.
    assert hover_markdown(cells[2], 0, 17) is None


def configure(client: LanguageClient, kerasq_settings: dict) -> None:
    """Send pylsp settings for the kerasq plugin (pylsp replaces its settings with each change)."""
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pylsp": {"plugins": {"kerasq": kerasq_settings}}})
    )


@pytest.mark.asyncio(loop_scope="module")
async def test_the_plugin_can_be_disabled_in_pylsp_settings(client: LanguageClient) -> None:
    uri = open_file(client, KERAS_FILE)
    configure(client, {"enabled": False})
    try:
        value = markdown_of(await hover(client, uri, DENSE))
        assert "densely-connected" in value and "kerasq" not in value
    finally:
        configure(client, {})
    assert "**kerasq**" in markdown_of(await hover(client, uri, DENSE))


@pytest.mark.asyncio(loop_scope="module")
async def test_placement_start_puts_the_kerasq_section_first(client: LanguageClient) -> None:
    uri = open_file(client, KERAS_FILE)
    section = hover_markdown(KERAS_FILE, DENSE.line, DENSE.character)
    configure(client, {"placement": "start"})
    try:
        value = markdown_of(await hover(client, uri, DENSE))
    finally:
        configure(client, {})
    assert value.startswith(section + RULE)
    assert "densely-connected" in value[len(section) :]


@pytest.mark.asyncio(loop_scope="module")
async def test_an_unknown_placement_falls_back_to_the_end(client: LanguageClient) -> None:
    uri = open_file(client, KERAS_FILE)
    section = hover_markdown(KERAS_FILE, DENSE.line, DENSE.character)
    for bad in ("middle", 3, None, ["start"]):
        configure(client, {"placement": bad})
        try:
            value = markdown_of(await hover(client, uri, DENSE))
        finally:
            configure(client, {})
        assert value.endswith(RULE + section), bad


PROBE = """
import json, sys
from pylsp.workspace import Document, Workspace
from pylsp.config.config import Config
import kerasq.lsp.pylsp_plugin as plugin
root = sys.argv[1]
workspace = Workspace(root, None, config=Config(root, {}, 0, {}))
document = Document(root + "/a.py", workspace, "from keras.layers import Dense\\nDense(3)\\n")
section = plugin.kerasq_section(workspace, document, {"line": 1, "character": 2})
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {"keras", "tensorflow", "jax", "torch"})
print(json.dumps({"heavy": heavy, "has_section": bool(section)}))
"""


def test_the_plugin_never_imports_keras(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, tmp_path.as_uri()], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"heavy": [], "has_section": True}
