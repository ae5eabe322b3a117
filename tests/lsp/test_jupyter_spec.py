"""JupyterLab coexistence: jupyter-lsp finds the kerasq server, ranks it below pylsp, and pylsp serves kerasq hovers.

The discovery test runs jupyter_lsp's LanguageServerManager in this process. The others start a real
Jupyter server (jupyterlab + jupyter_lsp extensions, sandboxed folders) and use the HTTP and WebSocket
endpoints the JupyterLab frontend uses: `/lsp/status`, the settings API, `/lsp/ws/<server>`.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

from kerasq.lsp.hover import hover_markdown
from kerasq.lsp.jupyter_spec import SERVER_KEY
from kerasq.lsp.pylsp_plugin import RULE

pytestmark = pytest.mark.xdist_group("jupyter-server")

LSP_PLUGIN = "@jupyter-lsp/jupyterlab-lsp:plugin"
DEFAULT_PRIORITY = 50  # jupyterlab-lsp's schema default for a server's priority


def sandbox_env(root: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter away from the user's config, data and settings."""
    folders = {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
    }
    return {name: str(root / folder) for name, folder in folders.items()}


def test_language_server_manager_discovers_the_kerasq_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jupyter_lsp import LanguageServerManager
    from jupyter_lsp.schema import SPEC_VERSION

    for name, value in sandbox_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    manager = LanguageServerManager()
    manager.init_language_servers()  # entry points, validated against jupyter_lsp's schema
    assert SERVER_KEY in manager.language_servers, sorted(manager.language_servers)
    assert "pylsp" in manager.language_servers
    spec = manager.language_servers[SERVER_KEY]
    assert spec["version"] == SPEC_VERSION
    assert spec["argv"] == [sys.executable, "-m", "kerasq.lsp"]
    assert spec["languages"] == ["python"]
    assert "text/x-ipython" in spec["mime_types"]
    assert spec["requires_documents_on_disk"] is False
    assert "kerasq" in spec["display_name"]
    # jupyterlab-lsp only applies settings defaults (the priority) to specs with a schema that has properties.
    assert isinstance(spec["config_schema"]["properties"], dict)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class JupyterServer:
    """A running Jupyter server: its URL, token and root folder."""

    url: str
    token: str
    root: Path

    def get(self, path: str) -> Any:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """`jupyter server` with the extensions installed in this environment, in sandboxed folders."""
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "root"
    root.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "server",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (base / "server.log").open("w")
    process = subprocess.Popen(
        command, env={**os.environ, **sandbox_env(base)}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = JupyterServer(f"http://127.0.0.1:{port}", token, root)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                server.get("/api/status")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"jupyter server did not start:\n{(base / 'server.log').read_text()[-3000:]}")
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()  # jupyter_lsp stops its language servers on shutdown
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def chosen_server(sessions: dict[str, Any], priorities: dict[str, int], language: str = "python") -> str:
    """The server JupyterLab connects a notebook to: the highest priority among those for the language.

    Mirrors @jupyterlab/lsp's LanguageServerManager.getMatchingServers/compareRanks (ties go to the
    name first in alphabetical order), with jupyterlab-lsp's `priority` setting as the rank.
    """
    matching = [key for key, session in sessions.items() if language in [name.lower() for name in session["spec"]["languages"]]]
    assert matching, f"no server for {language}"
    return sorted(matching, key=lambda key: (-priorities.get(key, DEFAULT_PRIORITY), key))[0]


def effective_priorities(jupyter: JupyterServer, sessions: dict[str, Any]) -> dict[str, int]:
    """Each server's priority as jupyterlab-lsp computes it from the settings schema defaults."""
    settings = jupyter.get(f"/lab/api/settings/{LSP_PLUGIN}")
    defaults = settings["schema"]["properties"]["language_servers"]["default"]
    priorities = {}
    for key, session in sessions.items():
        schema = session["spec"].get("config_schema") or {}
        # jupyterlab-lsp's transformSchemas skips servers without config_schema.properties: they keep 50.
        has_defaults = isinstance(schema.get("properties"), dict)
        priorities[key] = defaults.get(key, {}).get("priority", DEFAULT_PRIORITY) if has_defaults else DEFAULT_PRIORITY
    return priorities


def test_jupyter_server_lists_kerasq_beside_pylsp(jupyter: JupyterServer) -> None:
    status = jupyter.get("/lsp/status")
    assert {SERVER_KEY, "pylsp"} <= set(status["sessions"])
    spec = status["sessions"][SERVER_KEY]["spec"]  # the status API hides argv; the discovery test checks it
    assert spec["display_name"].startswith("kerasq")
    assert spec["requires_documents_on_disk"] is False


def test_kerasq_ranks_below_pylsp_so_pylsp_keeps_the_notebook(jupyter: JupyterServer) -> None:
    sessions = jupyter.get("/lsp/status")["sessions"]
    priorities = effective_priorities(jupyter, sessions)
    assert priorities[SERVER_KEY] < priorities["pylsp"], priorities
    assert chosen_server(sessions, priorities) == "pylsp"
    # Below every other Python server too; alone, kerasq serves the notebook.
    others = [key for key in sessions if key != SERVER_KEY and "python" in sessions[key]["spec"]["languages"]]
    assert all(priorities[SERVER_KEY] < priorities[key] for key in others), priorities
    assert chosen_server({SERVER_KEY: sessions[SERVER_KEY]}, priorities) == SERVER_KEY


class LspSocket:
    """A JSON-RPC conversation with one language server through jupyter_lsp's WebSocket."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.next_id = 0

    @classmethod
    async def open(cls, jupyter: JupyterServer, server: str) -> "LspSocket":
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = jupyter.url.replace("http://", "ws://") + f"/lsp/ws/{server}"
        request = HTTPRequest(url, headers={"Authorization": f"token {jupyter.token}"})
        return cls(await websocket_connect(request))

    def notify(self, method: str, params: Any) -> None:
        self.connection.write_message(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}))

    async def request(self, method: str, params: Any, timeout: float = 120) -> dict[str, Any]:
        self.next_id += 1
        ident = self.next_id
        self.connection.write_message(json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}))
        while True:
            raw = await asyncio.wait_for(self.connection.read_message(), timeout)
            assert raw is not None, "the WebSocket closed"
            message = json.loads(raw)
            if message.get("id") == ident and "method" not in message:
                return message
            if "method" in message and "id" in message:  # a request from the server: answer it emptily
                self.connection.write_message(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}))

    async def initialize(self, root: Path) -> dict[str, Any]:
        capabilities = {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}
        reply = await self.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities, "workspaceFolders": None}
        )
        self.notify("initialized", {})
        return reply

    def close(self) -> None:
        self.connection.close()


# A notebook as jupyterlab-lsp sends it: one virtual document, the cells joined by blank lines, IPython
# syntax rewritten to Python (`%kerasq 9` -> run_line_magic, `!pip list` -> getoutput).
NOTEBOOK_TEXT = textwrap.dedent(
    """\
    get_ipython().run_line_magic("load_ext", " kerasq")


    get_ipython().getoutput("pip list")


    from keras.layers import Dense


    get_ipython().run_line_magic("kerasq", " 9")


    layer = Dense(3)
    """
)
DENSE_LINE = NOTEBOOK_TEXT.splitlines().index("layer = Dense(3)")


@pytest.mark.asyncio(loop_scope="module")
async def test_pylsp_in_jupyter_answers_hover_with_docstring_and_kerasq_section(jupyter: JupyterServer) -> None:
    lsp = await LspSocket.open(jupyter, "pylsp")
    try:
        await lsp.initialize(jupyter.root)
        uri = (jupyter.root / ".virtual_documents" / "practice.ipynb").as_uri()
        lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": NOTEBOOK_TEXT}})
        reply = await lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": DENSE_LINE, "character": 10}})
    finally:
        lsp.close()
    assert "error" not in reply, reply
    value = reply["result"]["contents"]["value"]
    pylsp_part, _, kerasq_part = value.partition(RULE)
    assert "densely-connected" in pylsp_part
    assert kerasq_part == hover_markdown(NOTEBOOK_TEXT, DENSE_LINE, 10)


@pytest.mark.asyncio(loop_scope="module")
async def test_kerasq_server_in_jupyter_works_without_files_on_disk(jupyter: JupyterServer) -> None:
    lsp = await LspSocket.open(jupyter, SERVER_KEY)
    try:
        reply = await lsp.initialize(jupyter.root)
        assert reply["result"]["capabilities"].get("hoverProvider"), reply
        path = jupyter.root / ".virtual_documents" / "kerasq-only.ipynb"
        lsp.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "python", "version": 1, "text": NOTEBOOK_TEXT}})
        hover = await lsp.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": {"line": DENSE_LINE, "character": 10}})
    finally:
        lsp.close()
    assert "error" not in hover, hover
    assert hover["result"]["contents"]["value"] == hover_markdown(NOTEBOOK_TEXT, DENSE_LINE, 10)
    # requires_documents_on_disk is false: jupyter_lsp wrote no shadow copy of the notebook.
    assert not path.exists()
