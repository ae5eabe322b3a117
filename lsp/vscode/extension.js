// @ts-check
"use strict";
/** VS Code client for the kerasq language server: Python files and notebook cells. */

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { choosePython, serverCommand, probe } = require("./lib/interpreter");

const PYTHON_EXTENSION_ID = "ms-python.python";

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;
// Starts and stops run one after another, so two quick restarts never leave two servers running.
/** @type {Promise<unknown>} */
let queue = Promise.resolve();

/**
 * Run `task` after every start or stop queued before it.
 * @param {() => Promise<void>} task
 */
function serialized(task) {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

// Python files on disk and Python cells of any notebook type (Jupyter, interactive window).
const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "python" },
  { scheme: "untitled", language: "python" },
  { notebook: "*", language: "python" },
];

/** The Python extension's API when it is installed, else undefined. */
async function pythonExtensionApi() {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) {
    return undefined;
  }
  try {
    const { PythonExtension } = require("@vscode/python-extension");
    return await PythonExtension.api();
  } catch (error) {
    output?.appendLine(`The Python extension is installed but its API is unavailable: ${error}`);
    return undefined;
  }
}

/** Start the server with the interpreter chosen now; show a clear message when it cannot run. */
async function start() {
  const pythonApi = await pythonExtensionApi();
  const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const choice = await choosePython({
    pythonApi,
    resource,
    configuredPath: vscode.workspace.getConfiguration("kerasq").get("pythonPath"),
  });
  const check = await probe(choice);
  if (!check.ok) {
    output?.appendLine(check.message);
    const action = await vscode.window.showErrorMessage(check.message, "Open kerasq settings");
    if (action) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "kerasq.pythonPath");
    }
    return;
  }
  output?.appendLine(`Starting the kerasq language server with ${choice.command} (Python ${check.version}, from ${choice.source}).`);
  const { command, args } = serverCommand(choice.command);
  const run = { command, args, transport: TransportKind.stdio, options: { env: { ...process.env, PYTHONUNBUFFERED: "1" } } };
  client = new LanguageClient(
    "kerasq",
    "kerasq",
    { run, debug: run },
    { documentSelector: DOCUMENT_SELECTOR, outputChannel: output }
  );
  await client.start();
}

/** Stop the running server, if any. */
async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

/** Stop, then start again with the interpreter chosen now. */
function restart() {
  return serialized(async () => {
    await stop();
    await start();
  });
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel("kerasq");
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand("kerasq.restartServer", restart));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("kerasq.pythonPath")) {
        restart().catch((error) => output?.appendLine(`Restart failed: ${error}`));
      }
    })
  );
  const pythonApi = await pythonExtensionApi();
  if (pythonApi) {
    context.subscriptions.push(
      pythonApi.environments.onDidChangeActiveEnvironmentPath(() => {
        restart().catch((error) => output?.appendLine(`Restart failed: ${error}`));
      })
    );
  }
  await serialized(start);
}

/** Called by VS Code on shutdown. */
function deactivate() {
  return serialized(stop);
}

module.exports = { activate, deactivate };
