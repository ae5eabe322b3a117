// @ts-check
"use strict";
/**
 * Which Python runs the kerasq language server, and whether that Python can.
 *
 * Plain Node (no `vscode` import), so `node --test test/` checks it outside VS Code.
 */

const { execFile } = require("node:child_process");

const DEFAULT_PYTHON = "python3";
const SERVER_MODULE = "kerasq.lsp";
const PROBE_TIMEOUT_MS = 15000;

// Prints one JSON line; find_spec does not import kerasq, so the probe stays fast.
const PROBE_SCRIPT = [
  "import importlib.util, json, sys",
  "found = importlib.util.find_spec('kerasq') is not None",
  "print(json.dumps({'kerasq': found, 'version': sys.version.split()[0]}))",
].join("\n");

/**
 * @typedef {{ command: string, source: "python extension" | "kerasq.pythonPath" | "default" }} PythonChoice
 * @typedef {{ ok: true, version: string } | { ok: false, message: string }} ProbeResult
 */

/**
 * The interpreter the Python extension has selected for `resource`, or undefined.
 * @param {any} pythonApi the `@vscode/python-extension` API object, or undefined when that extension is absent
 * @param {unknown} resource a document URI (workspace folders may select different interpreters)
 * @returns {Promise<string | undefined>}
 */
async function selectedByPythonExtension(pythonApi, resource) {
  const environments = pythonApi && pythonApi.environments;
  if (!environments || typeof environments.getActiveEnvironmentPath !== "function") {
    return undefined;
  }
  try {
    const active = environments.getActiveEnvironmentPath(resource);
    if (!active || !active.path) {
      return undefined;
    }
    const resolved = await environments.resolveEnvironment(active);
    const uri = resolved && resolved.executable && resolved.executable.uri;
    return uri && uri.fsPath ? uri.fsPath : undefined;
  } catch (error) {
    // A broken or half-activated Python extension must not stop kerasq: fall back to the setting.
    return undefined;
  }
}

/**
 * Pick the interpreter: the Python extension's selection, else `kerasq.pythonPath`, else python3.
 * @param {{ pythonApi?: any, resource?: unknown, configuredPath?: unknown }} options
 * @returns {Promise<PythonChoice>}
 */
async function choosePython({ pythonApi, resource, configuredPath }) {
  const selected = await selectedByPythonExtension(pythonApi, resource);
  if (selected) {
    return { command: selected, source: "python extension" };
  }
  if (typeof configuredPath === "string" && configuredPath.trim() !== "") {
    return { command: configuredPath.trim(), source: "kerasq.pythonPath" };
  }
  return { command: DEFAULT_PYTHON, source: "default" };
}

/**
 * The process that runs the language server over stdio with this interpreter.
 * @param {string} python
 * @returns {{ command: string, args: string[] }}
 */
function serverCommand(python) {
  return { command: python, args: ["-m", SERVER_MODULE] };
}

/**
 * Explain in one paragraph why `python` cannot run the server.
 * @param {PythonChoice} choice
 * @param {string} problem
 * @returns {string}
 */
function explain(choice, problem) {
  const where = {
    "python extension": "the interpreter selected in the Python extension",
    "kerasq.pythonPath": "the interpreter in the kerasq.pythonPath setting",
    default: "the default interpreter",
  }[choice.source];
  return `kerasq: cannot start the language server with ${where} (${choice.command}): ${problem}`;
}

/**
 * Check that `choice.command` runs and has kerasq installed, without starting the server.
 * @param {PythonChoice} choice
 * @returns {Promise<ProbeResult>}
 */
function probe(choice) {
  return new Promise((resolve) => {
    execFile(
      choice.command,
      ["-c", PROBE_SCRIPT],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = /** @type {any} */ (error).code;
          if (code === "ENOENT") {
            resolve({ ok: false, message: explain(choice, "no such program. Pick another interpreter.") });
          } else if (code === "EACCES") {
            resolve({ ok: false, message: explain(choice, "the file is not executable. Pick another interpreter.") });
          } else if (/** @type {any} */ (error).killed) {
            resolve({ ok: false, message: explain(choice, `it did not answer within ${PROBE_TIMEOUT_MS / 1000} s.`) });
          } else {
            const detail = String(stderr || error.message).trim().split(/\r?\n/).pop();
            resolve({ ok: false, message: explain(choice, `it failed to run Python (${detail}).`) });
          }
          return;
        }
        let report;
        try {
          report = JSON.parse(String(stdout).trim().split(/\r?\n/).pop() || "");
        } catch (parseError) {
          resolve({ ok: false, message: explain(choice, "it is not a Python interpreter (unexpected output).") });
          return;
        }
        if (!report.kerasq) {
          resolve({
            ok: false,
            message: explain(
              choice,
              `kerasq is not installed for Python ${report.version}. Install it with "${choice.command} -m pip install kerasq", or pick another interpreter.`
            ),
          });
          return;
        }
        resolve({ ok: true, version: report.version });
      }
    );
  });
}

module.exports = { DEFAULT_PYTHON, SERVER_MODULE, choosePython, serverCommand, probe };
