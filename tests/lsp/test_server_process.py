"""The server process: no keras or tensorflow, entry points, stdio hygiene, TCP binding, bad options, a broken bank."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import Session, make_client, vscode_capabilities
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

KERASQ_SCRIPT = str(Path(sys.executable).with_name("kerasq"))
HEAVY_SOURCE = (
    "import keras\nimport tensorflow as tf\nfrom keras import layers\n"
    "model = keras.Sequential([layers.Dense(1, activation='softmax')])\nmodel.save('m.h5')\n"
)


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frames(data: bytes) -> list[dict]:
    """Split a byte stream into LSP messages; anything that is not a framed message fails the test."""
    messages = []
    while data:
        header, separator, rest = data.partition(b"\r\n\r\n")
        assert separator, f"stray bytes on stdout: {data[:200]!r}"
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}
SESSION = [
    INITIALIZE,
    {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///t.py", "languageId": "python", "version": 1, "text": HEAVY_SOURCE}}},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///t.py"}, "position": {"line": 3, "character": 35}}},
    {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///nowhere.py"}, "position": {"line": 99, "character": 99}}},
]


def run_session(command: list[str], extra: list[dict] | None = None, env: dict | None = None) -> tuple[list[dict], str]:
    """Drive a server over real pipes until it has answered and published, then shut it down; return stdout messages and stderr."""
    messages = [*SESSION, *(extra or [])]
    expected = {message["id"] for message in messages if "id" in message}
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdin is not None and process.stdout is not None
    for message in messages:
        process.stdin.write(frame(message))
    process.stdin.flush()
    received = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            break
        received += chunk
        try:
            parsed = read_frames(received)
        except (AssertionError, ValueError, KeyError):
            continue  # a message is still arriving
        answered = {m["id"] for m in parsed if "id" in m and "method" not in m}
        if expected <= answered and any(m.get("method") == "textDocument/publishDiagnostics" for m in parsed):
            break
    process.stdin.write(frame({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}))
    process.stdin.flush()
    stdout, stderr = process.communicate(frame({"jsonrpc": "2.0", "method": "exit"}), timeout=60)
    return read_frames(received + stdout), stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("command", [[sys.executable, "-m", "kerasq.lsp", "--log-level", "DEBUG"], [KERASQ_SCRIPT, "lsp", "--log-level", "DEBUG"]])
def test_entry_points_speak_lsp_on_stdout_and_log_on_stderr(command: list[str]) -> None:
    status_request = {"jsonrpc": "2.0", "id": 7, "method": "workspace/executeCommand", "params": {"command": "kerasq.status", "arguments": []}}
    messages, stderr = run_session(command, extra=[status_request])
    by_id = {message.get("id"): message for message in messages if "id" in message}
    assert by_id[7]["result"]["heavy_modules"] == []  # neither entry point imports keras or tensorflow
    assert by_id[1]["result"]["serverInfo"]["name"] == "kerasq"
    assert "keras.layers.Dense" in by_id[2]["result"]["contents"]["value"]
    assert by_id[3]["result"] is None
    assert by_id[99]["result"] is None
    published = [m for m in messages if m.get("method") == "textDocument/publishDiagnostics"]
    assert {d["code"] for d in published[-1]["params"]["diagnostics"]} == {"dense-one-unit-softmax", "h5-format"}
    assert "DEBUG" in stderr  # the logs went to stderr


def test_the_server_process_never_imports_keras_or_tensorflow() -> None:
    status_request = {"jsonrpc": "2.0", "id": 7, "method": "workspace/executeCommand", "params": {"command": "kerasq.status", "arguments": []}}
    messages, _ = run_session([sys.executable, "-m", "kerasq.lsp"], extra=[status_request])
    status = next(m for m in messages if m.get("id") == 7)["result"]
    assert status["heavy_modules"] == []
    assert status["bank_ready"] and status["questions"] > 0 and status["bank_error"] is None


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_no_tensorflow_library_is_mapped_into_the_server() -> None:
    process = subprocess.Popen([sys.executable, "-m", "kerasq.lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    try:
        for message in SESSION:
            process.stdin.write(frame(message))
        process.stdin.flush()
        reply = b""
        while b'"id": 2' not in reply and b'"id":2' not in reply:
            chunk = os.read(process.stdout.fileno(), 65536)
            assert chunk, "the server closed stdout"
            reply += chunk
        maps = Path(f"/proc/{process.pid}/maps").read_text()
        mapped = {line.split()[-1] for line in maps.splitlines() if "/" in line}
        assert not [path for path in mapped if "tensorflow" in path or "/keras/" in path or "jaxlib" in path]
        assert any("python" in path for path in mapped)  # the check sees the process' libraries at all
    finally:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs /proc/net/tcp")
def test_tcp_binds_localhost_by_default() -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kerasq.lsp", "--tcp", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not listen"
                time.sleep(0.1)
        listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
        local = {fields[1] for fields in listening if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port}
        assert local == {f"0100007F:{port:04X}"}  # 127.0.0.1 only, not 0.0.0.0
        with connection:
            connection.sendall(frame(INITIALIZE))
            data = b""
            while b"serverInfo" not in data:
                chunk = connection.recv(65536)
                assert chunk
                data += chunk
        assert read_frames(data)[0]["result"]["serverInfo"]["name"] == "kerasq"
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--port", "70000", "--tcp"], "--port must be between 1 and 65535"),
        (["--port", "3000"], "--host and --port only apply with --tcp"),
        (["--port", "many"], "invalid int value"),
        (["--log-level", "LOUD"], "invalid choice"),
    ],
)
def test_bad_options_are_one_line_errors(arguments: list[str], message: str) -> None:
    result = subprocess.run([sys.executable, "-m", "kerasq.lsp", *arguments], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_port_in_use_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [KERASQ_SCRIPT, "lsp", "--tcp", "--port", str(port)], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr




def _broken_bank_env(tmp: Path) -> dict[str, str]:
    folder = tmp / "questions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "001-broken.md").write_text("---\nid: 1\ntitle: [unclosed\n---\nno body\n", encoding="utf-8")
    return {**os.environ, "KERASQ_QUESTIONS_DIR": str(folder), "KERASQ_CACHE_DIR": str(tmp / "cache")}


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "kerasq.lsp"],
        client_factory=make_client,
        server_env=_broken_bank_env(Path(os.environ.get("KERASQ_CACHE_DIR", "/tmp")) / "broken-bank"),
    )
)
async def broken_bank_client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=vscode_capabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_broken_bank_is_reported_once_and_the_server_keeps_working(broken_bank_client: LanguageClient) -> None:
    session = Session(broken_bank_client)
    uri = session.open(HEAVY_SOURCE)
    diagnostics = await session.diagnostics(uri)
    assert {d.code for d in diagnostics} == {"dense-one-unit-softmax", "h5-format"}  # rules do not need the bank
    assert all("kerasq Q" not in d.message and d.code_description is None for d in diagnostics)
    assert await session.hover(uri, 3, 35) is None
    for _ in range(100):
        if broken_bank_client.messages:
            break
        await __import__("asyncio").sleep(0.05)
    (shown,) = broken_bank_client.messages
    assert shown.type == lsp.MessageType.Warning
    assert "question bank cannot be read" in shown.message and "001-broken.md" in shown.message
    assert "Traceback" not in shown.message
    status = await session.status()
    assert status["bank_error"] and status["questions"] == 0
