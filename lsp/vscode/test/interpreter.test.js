// @ts-check
"use strict";
/**
 * Interpreter choice and probing, with real interpreters. The Python that has kerasq installed comes
 * from KERASQ_TEST_PYTHON (the pytest wrapper sets it to its own sys.executable).
 */

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");

const { choosePython, serverCommand, probe } = require("../lib/interpreter");

const KERASQ_PYTHON = process.env.KERASQ_TEST_PYTHON;

/** A stand-in for the `@vscode/python-extension` API that selects `executable` (or nothing). */
function pythonApi(executable, { throws = false } = {}) {
  return {
    environments: {
      getActiveEnvironmentPath(resource) {
        if (throws) {
          throw new Error("extension not ready");
        }
        return { id: "env", path: executable ?? "" };
      },
      async resolveEnvironment(environmentPath) {
        return executable ? { executable: { uri: { fsPath: environmentPath.path } } } : undefined;
      },
    },
  };
}

test("the Python extension's interpreter comes first", async () => {
  const choice = await choosePython({ pythonApi: pythonApi("/envs/a/bin/python"), configuredPath: "/usr/bin/python3.12" });
  assert.deepEqual(choice, { command: "/envs/a/bin/python", source: "python extension" });
});

test("kerasq.pythonPath is used when the Python extension is absent or selects nothing", async () => {
  for (const api of [undefined, {}, pythonApi(undefined), pythonApi("/x", { throws: true })]) {
    const choice = await choosePython({ pythonApi: api, configuredPath: "  /opt/py/bin/python  " });
    assert.deepEqual(choice, { command: "/opt/py/bin/python", source: "kerasq.pythonPath" });
  }
});

test("python3 is the last resort, also for an empty or non-string setting", async () => {
  for (const configuredPath of [undefined, "", "   ", 42, null]) {
    const choice = await choosePython({ pythonApi: undefined, configuredPath });
    assert.deepEqual(choice, { command: "python3", source: "default" });
  }
});

test("the server runs as a module of the chosen interpreter", () => {
  assert.deepEqual(serverCommand("/envs/a/bin/python"), { command: "/envs/a/bin/python", args: ["-m", "kerasq.lsp"] });
});

test("probe accepts an interpreter that has kerasq", { skip: !KERASQ_PYTHON && "KERASQ_TEST_PYTHON is not set" }, async () => {
  const result = await probe({ command: /** @type {string} */ (KERASQ_PYTHON), source: "kerasq.pythonPath" });
  assert.equal(result.ok, true);
  assert.match(/** @type {any} */ (result).version, /^3\.\d+/);
});

test("probe explains a missing program", async () => {
  const missing = path.join(os.tmpdir(), "kerasq-no-such-python", "python");
  const result = await probe({ command: missing, source: "kerasq.pythonPath" });
  assert.equal(result.ok, false);
  assert.match(/** @type {any} */ (result).message, /kerasq\.pythonPath setting \(.*kerasq-no-such-python.*\): no such program/);
});

test("probe explains a program that is not Python", async () => {
  const result = await probe({ command: process.execPath, source: "python extension" });
  assert.equal(result.ok, false);
  assert.match(/** @type {any} */ (result).message, /selected in the Python extension .*: it (failed to run Python|is not a Python interpreter)/);
});

test("probe explains a file that is not executable", { skip: process.platform === "win32" && "POSIX permissions" }, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kerasq-probe-"));
  const script = path.join(folder, "python");
  fs.writeFileSync(script, "not a program\n", { mode: 0o644 });
  const result = await probe({ command: script, source: "default" });
  assert.equal(result.ok, false);
  assert.match(/** @type {any} */ (result).message, /default interpreter .*: the file is not executable/);
});

test("probe explains an interpreter without kerasq, and how to install it", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kerasq-probe-"));
  const fake = path.join(folder, "python");
  // A real interpreter whose answer says kerasq is missing: an isolated Python with no site-packages.
  const real = KERASQ_PYTHON ?? "python3";
  fs.writeFileSync(fake, `#!/bin/sh\nexec "${real}" -I -S "$@"\n`, { mode: 0o755 });
  const result = await probe({ command: fake, source: "kerasq.pythonPath" });
  assert.equal(result.ok, false);
  assert.match(/** @type {any} */ (result).message, /kerasq is not installed for Python 3\.\d+.*-m pip install kerasq/);
});
