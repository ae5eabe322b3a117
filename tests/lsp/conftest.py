"""A real kerasq language server over stdio, driven by pytest-lsp's client with VS Code's capabilities."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).parent))  # so test modules can import lsp_helpers

from lsp_helpers import SERVER_COMMAND, Session, make_client, vscode_capabilities  # noqa: E402


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client))
async def client(lsp_client: LanguageClient):
    """A kerasq server for the whole test module, initialized as VS Code would."""
    lsp_client.initialize_result = await lsp_client.initialize_session(  # type: ignore[attr-defined]
        lsp.InitializeParams(capabilities=vscode_capabilities(), root_uri="file:///kerasq-tests")
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def session(client: LanguageClient) -> Session:
    """Helpers bound to the module's client."""
    return Session(client)
