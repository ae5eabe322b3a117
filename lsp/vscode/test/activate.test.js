// @ts-check
"use strict";
/**
 * Activate the extension outside VS Code: `vscode` is replaced by a recording stand-in and the
 * LanguageClient constructor records what it was given, so these tests see the server command and
 * document selector the extension would use. KERASQ_EXTENSION_DIR points at an unpacked .vsix to test
 * the packaged copy (with its bundled node_modules); by default the source folder is used.
 */

const assert = require("node:assert/strict");
const Module = require("node:module");
const path = require("node:path");
const { test } = require("node:test");

const EXTENSION_DIR = path.resolve(process.env.KERASQ_EXTENSION_DIR ?? path.join(__dirname, ".."));
const KERASQ_PYTHON = process.env.KERASQ_TEST_PYTHON;
// vscode-languageclient's TransportKind enum (lib/node/main.js).
const TRANSPORT_KIND = Object.freeze({ stdio: 0, ipc: 1, pipe: 2, socket: 3 });

/** A fresh fake VS Code API; `calls` records what the extension did with it. */
function fakeVscode({ pythonPath }) {
  const calls = { errors: [], commands: new Map(), configListeners: [], lines: [], executed: [] };
  const vscode = {
    extensions: { getExtension: () => undefined },
    window: {
      activeTextEditor: undefined,
      createOutputChannel: () => ({ appendLine: (line) => calls.lines.push(line), dispose() {} }),
      showErrorMessage: async (message, ...actions) => {
        calls.errors.push({ message, actions });
        return undefined;
      },
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: (section) => ({ get: (key) => (section === "kerasq" && key === "pythonPath" ? pythonPath() : undefined) }),
      onDidChangeConfiguration: (listener) => {
        calls.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    commands: {
      registerCommand: (id, handler) => {
        calls.commands.set(id, handler);
        return { dispose() {} };
      },
      executeCommand: async (...args) => calls.executed.push(args),
    },
  };
  return { vscode, calls };
}

/** Load extension.js with the fakes; returns the module, the fake's record and the clients made. */
function loadExtension({ pythonPath }) {
  const { vscode, calls } = fakeVscode({ pythonPath });
  const clients = [];
  class RecordingClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
      clients.push(this);
    }
    async start() {
      this.started = true;
    }
    async stop() {
      this.stopped = true;
    }
  }
  const entry = path.join(EXTENSION_DIR, "extension.js");
  // The real client cannot load outside VS Code (it subclasses VS Code classes at load time); it must
  // still resolve from the extension folder, which proves the package ships it.
  require.resolve("vscode-languageclient/node", { paths: [EXTENSION_DIR] });
  const fakeClientModule = { LanguageClient: RecordingClient, TransportKind: TRANSPORT_KIND };
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === "vscode") {
      return vscode;
    }
    if (request === "vscode-languageclient/node") {
      return fakeClientModule;
    }
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(EXTENSION_DIR + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`)) {
        delete require.cache[key];
      }
    }
    const extension = require(entry);
    return { extension, calls, clients };
  } finally {
    Module._load = originalLoad;
  }
}

const context = () => ({ subscriptions: [] });

test(
  "activation starts `python -m kerasq.lsp` for Python files and notebook cells",
  { skip: !KERASQ_PYTHON && "KERASQ_TEST_PYTHON is not set" },
  async () => {
    const { extension, calls, clients } = loadExtension({ pythonPath: () => KERASQ_PYTHON });
    await extension.activate(context());
    assert.equal(clients.length, 1);
    const [client] = clients;
    assert.equal(client.id, "kerasq");
    assert.equal(client.started, true);
    assert.equal(client.serverOptions.run.command, KERASQ_PYTHON);
    assert.deepEqual(client.serverOptions.run.args, ["-m", "kerasq.lsp"]);
    assert.equal(client.serverOptions.run.transport, TRANSPORT_KIND.stdio);
    assert.deepEqual(client.serverOptions.debug, client.serverOptions.run);
    const selector = client.clientOptions.documentSelector;
    assert.deepEqual(
      selector.find((filter) => filter.notebook !== undefined),
      { notebook: "*", language: "python" }
    );
    assert.deepEqual(
      selector.find((filter) => filter.scheme === "file"),
      { scheme: "file", language: "python" }
    );
    assert.deepEqual(calls.errors, []);
    assert.ok(calls.lines.some((line) => line.includes(`with ${KERASQ_PYTHON}`) && line.includes("from kerasq.pythonPath")));
    await extension.deactivate();
    assert.equal(client.stopped, true);
  }
);

test("an interpreter that cannot run the server gives one clear message and no client", async () => {
  const { extension, calls, clients } = loadExtension({ pythonPath: () => "/nonexistent/kerasq-test/python" });
  await extension.activate(context());
  assert.equal(clients.length, 0);
  assert.equal(calls.errors.length, 1);
  assert.match(calls.errors[0].message, /kerasq\.pythonPath setting \(\/nonexistent\/kerasq-test\/python\): no such program/);
  assert.deepEqual(calls.errors[0].actions, ["Open kerasq settings"]);
  await extension.deactivate();
});

test(
  "changing kerasq.pythonPath restarts the server with the new interpreter",
  { skip: !KERASQ_PYTHON && "KERASQ_TEST_PYTHON is not set" },
  async () => {
    let configured = "/nonexistent/kerasq-test/python";
    const { extension, calls, clients } = loadExtension({ pythonPath: () => configured });
    await extension.activate(context());
    assert.equal(clients.length, 0);
    configured = /** @type {string} */ (KERASQ_PYTHON);
    const unrelated = { affectsConfiguration: (name) => name === "editor.fontSize" };
    for (const listener of calls.configListeners) listener(unrelated);
    const relevant = { affectsConfiguration: (name) => name === "kerasq.pythonPath" };
    for (const listener of calls.configListeners) listener(relevant);
    await calls.commands.get("kerasq.restartServer")();
    // The configuration listener and the command each restarted once: the first client was stopped.
    assert.ok(clients.length >= 1);
    assert.ok(clients.every((client) => client.serverOptions.run.command === KERASQ_PYTHON));
    assert.equal(clients.filter((client) => !client.stopped).length, 1);
    await extension.deactivate();
    assert.ok(clients.every((client) => client.stopped));
  }
);
