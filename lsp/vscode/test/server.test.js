// @ts-check
"use strict";
/**
 * The server command the extension builds, run for real and spoken to with the JSON-RPC protocol
 * library the extension ships (vscode-languageserver-protocol, the layer under vscode-languageclient):
 * the server accepts VS Code's notebook cells for the client's `{ notebook: "*", language: "python" }`
 * filter and answers hovers in Python files and in notebook cells.
 */

const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const path = require("node:path");
const { test } = require("node:test");

const { serverCommand } = require("../lib/interpreter");

const EXTENSION_DIR = path.resolve(process.env.KERASQ_EXTENSION_DIR ?? path.join(__dirname, ".."));
const KERASQ_PYTHON = process.env.KERASQ_TEST_PYTHON;

/** Start the server and connect to it over stdio; stderr is kept for failure messages. */
function startServer() {
  const protocol = require(require.resolve("vscode-languageserver-protocol/node", { paths: [EXTENSION_DIR] }));
  const { command, args } = serverCommand(/** @type {string} */ (KERASQ_PYTHON));
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const connection = protocol.createProtocolConnection(
    new protocol.StreamMessageReader(child.stdout),
    new protocol.StreamMessageWriter(child.stdin)
  );
  connection.listen();
  return { protocol, child, connection, stderr: () => stderr };
}

const CAPABILITIES = {
  textDocument: { hover: { contentFormat: ["markdown", "plaintext"] }, synchronization: { dynamicRegistration: false } },
  notebookDocument: { synchronization: { dynamicRegistration: false, executionSummarySupport: true } },
};

test("the extension's server command serves Python files and notebook cells", { skip: !KERASQ_PYTHON && "KERASQ_TEST_PYTHON is not set" }, async (t) => {
  const { protocol, child, connection, stderr } = startServer();
  t.after(() => {
    connection.dispose();
    child.kill();
  });
  try {
    const init = await connection.sendRequest(protocol.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: CAPABILITIES,
      workspaceFolders: null,
    });
    await connection.sendNotification(protocol.InitializedNotification.type, {});
    const capabilities = init.capabilities;
    assert.ok(capabilities.hoverProvider, "hover");

    // vscode-languageclient syncs a notebook when one of the server's notebook filters matches it.
    const selectors = capabilities.notebookDocumentSync?.notebookSelector ?? [];
    const matchesJupyter = selectors.some(
      (filter) =>
        (filter.notebook === "*" || filter.notebook === "jupyter-notebook" || filter.notebook?.notebookType === "jupyter-notebook") &&
        (filter.cells ?? [{ language: "python" }]).some((cell) => cell.language === "python")
    );
    assert.ok(matchesJupyter, JSON.stringify(selectors));

    const fileUri = "file:///tmp/kerasq-vscode/model.py";
    await connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: fileUri, languageId: "python", version: 1, text: "from keras.layers import Dense\n\nlayer = Dense(3)\n" },
    });
    const fileHover = await connection.sendRequest(protocol.HoverRequest.type, {
      textDocument: { uri: fileUri },
      position: { line: 2, character: 10 },
    });
    assert.match(JSON.stringify(fileHover), /keras\.layers\.Dense/);

    const notebookUri = "file:///tmp/kerasq-vscode/practice.ipynb";
    const cells = ["from keras import layers", "%kerasq 9", "layer = layers.Dense(3)"];
    const cellUris = cells.map((_, index) => `vscode-notebook-cell:/tmp/kerasq-vscode/practice.ipynb#W${index}sZmlsZQ%3D%3D`);
    await connection.sendNotification(protocol.DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: notebookUri,
        notebookType: "jupyter-notebook",
        version: 1,
        cells: cellUris.map((document) => ({ kind: protocol.NotebookCellKind.Code, document })),
      },
      cellTextDocuments: cellUris.map((uri, index) => ({ uri, languageId: "python", version: 1, text: cells[index] })),
    });
    // The import is in the first cell, the hover in the third: the server reads the cells together.
    const cellHover = await connection.sendRequest(protocol.HoverRequest.type, {
      textDocument: { uri: cellUris[2] },
      position: { line: 0, character: 17 },
    });
    assert.match(JSON.stringify(cellHover), /keras\.layers\.Dense/);

    await connection.sendRequest(protocol.ShutdownRequest.type);
    await connection.sendNotification(protocol.ExitNotification.type);
  } catch (error) {
    throw new Error(`${error}\nserver stderr:\n${stderr().slice(-3000)}`);
  }
});
