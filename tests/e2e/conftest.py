"""Fixtures for the JupyterLab end-to-end tests: a sandboxed JupyterLab server and headless Chromium."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
]
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_SECONDS = 90
STOP_SECONDS = 30
MAKE_LAB_SECONDS = 180  # generous: on a first run `make lab` may still have to pip install
REST_SECONDS = 30  # one REST call; a busy 2-core machine has kept Jupyter from answering within 10 s
SHIPPED_LSP_DEFAULTS = REPO / "lsp" / "jupyterlab-settings" / "kerasq.json"


def lab_settings() -> dict[str, dict]:
    """User settings for a quiet, offline session that connects the notebook as a learner's lab does."""
    shipped = json.loads(SHIPPED_LSP_DEFAULTS.read_text(encoding="utf-8")) if SHIPPED_LSP_DEFAULTS.exists() else {}
    lsp = shipped.get("@jupyter-lsp/jupyterlab-lsp:plugin", {})
    # Only the shipped defaults: they rank pylsp (which carries the kerasq plugin) above other Python servers,
    # such as jedi-language-server from the test extra, and the kerasq server below them.
    servers = lsp.get("language_servers", {})
    return {
        # No news or update toasts over the notebook, and no requests for them.
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
        "@jupyter-lsp/jupyterlab-lsp/plugin.jupyterlab-settings": {**lsp, "language_servers": servers},
    }


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sandbox_environment(base: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter, IPython, kerasq and HOME inside ``base``."""
    folders = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter-config",
        "JUPYTER_DATA_DIR": "jupyter-data",
        "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "IPYTHONDIR": "ipython",
        "KERASQ_DATA_DIR": "kerasq-data",
    }
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "PYTEST_XDIST"))}
    for key, name in folders.items():
        (base / name).mkdir(parents=True, exist_ok=True)
        env[key] = str(base / name)
    for relative, settings in lab_settings().items():
        path = base / "lab-settings" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env["KERAS_BACKEND"] = "tensorflow"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def root_flag() -> list[str]:
    """`--allow-root` when running as root (as CI does): Jupyter refuses to start as root otherwise."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def http_status(url: str) -> int | None:
    """The HTTP status of a GET on ``url``, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=REST_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def log_tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file, for failure messages."""
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def wait_for_http_200(url: str, process: subprocess.Popen, log: Path, seconds: float) -> float:
    """Poll ``url`` until it answers 200; fail with the log if the process dies or time runs out."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode} before serving {url}:\n{log_tail(log)}")
        if http_status(url) == 200:
            return time.monotonic() - start
        time.sleep(0.25)
    pytest.fail(f"{url} did not answer 200 within {seconds} s:\n{log_tail(log)}")


@dataclass
class Stopped:
    """How a server process ended: its exit code and any descendants that outlived it."""

    returncode: int | None
    leftovers: list[str] = field(default_factory=list)
    seconds: float = 0.0


def stop_process_tree(process: subprocess.Popen, sig: int, group: bool) -> Stopped:
    """Send ``sig`` (to the process group if ``group``), wait, and report descendants still alive.

    Jupyter stops cleanly on SIGTERM (shutting kernels and language servers down). SIGINT is no substitute
    without a terminal: it raises KeyboardInterrupt wherever the server happens to be, and here that
    sometimes left `jupyter lab` hanging after "Interrupted...".
    """
    import psutil

    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    start = time.monotonic()
    if process.poll() is None:
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return Stopped(None, [f"{process.pid} (the server itself, killed after {STOP_SECONDS} s)"])
    _, alive = psutil.wait_procs(descendants, timeout=10)
    leftovers = []
    for child in alive:
        try:
            leftovers.append(f"{child.pid} {' '.join(child.cmdline())[:120]}")
            child.kill()
        except psutil.NoSuchProcess:
            pass
    return Stopped(process.returncode, leftovers, time.monotonic() - start)


@dataclass
class LabServer:
    """A running JupyterLab: where it listens, its token, its root folder and its log."""

    process: subprocess.Popen
    port: int
    token: str
    root: Path
    log: Path
    env: dict[str, str]
    startup_seconds: float = 0.0

    def url(self, path: str = "") -> str:
        """An authenticated URL on the server."""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"

    def get_json(self, path: str) -> object:
        """GET a REST endpoint of the server and decode its JSON."""
        with urllib.request.urlopen(self.url(path), timeout=REST_SECONDS) as response:
            return json.load(response)

    def wait_for_idle_kernel(self, notebook: str, seconds: float = 120) -> float:
        """Wait until the server has a kernel for ``notebook`` that has answered and is idle."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            for session in self.get_json("api/sessions"):
                kernel = session.get("kernel") or {}
                if session.get("path") == notebook and kernel.get("execution_state") == "idle":
                    return time.monotonic() - start
            time.sleep(0.25)
        pytest.fail(f"no idle kernel for {notebook} after {seconds} s; sessions: {self.get_json('api/sessions')}")


@pytest.fixture(scope="module")
def chromium_executable() -> Path:
    """Debian's Chromium, installed by `make e2e-deps`; the test skips naming what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make e2e-deps` as root (it runs `apt-get install chromium`)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is missing: pip install -e '.[test]'")
    return CHROMIUM


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory, chromium_executable: Path) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 with a token, a temporary root folder and no user configuration."""
    lab = BIN / "jupyter-lab"
    if not lab.exists():
        pytest.skip(f"{lab} is missing: install the lab extra (pip install -e '.[lab]')")
    base = tmp_path_factory.mktemp("jupyterlab")
    env = sandbox_environment(base)
    root = base / "root"
    root.mkdir()
    port, token, log = free_port(), secrets.token_hex(16), base / "jupyterlab.log"
    command = [
        str(lab),
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        *root_flag(),
    ]
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = LabServer(process, port, token, root, log, env)
    try:
        server.startup_seconds = wait_for_http_200(server.url("api/status"), process, log, SERVER_START_SECONDS)
        yield server
    finally:
        stopped = stop_process_tree(process, signal.SIGTERM, group=False)
    assert stopped.returncode == 0 and not stopped.leftovers, (
        f"JupyterLab did not stop cleanly: exit {stopped.returncode}, leftovers {stopped.leftovers}\n{log_tail(log)}"
    )


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the screenshots go to; its path is printed and put in the test report."""
    folder = tmp_path_factory.mktemp("e2e-screenshots")
    print(f"\nkerasq e2e screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser_page(lab_server: LabServer, chromium_executable: Path, tmp_path_factory: pytest.TempPathFactory):
    """A page in headless Chromium with a fresh user-data-dir."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium_executable),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(60_000)
            yield page
        finally:
            context.close()



@dataclass
class MakeLab:
    """`make lab` running in its own process group, as in a terminal."""

    process: subprocess.Popen
    port: int
    token: str
    log: Path

    def url(self, path: str) -> str:
        """An authenticated URL on the server `make lab` started."""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"

    def wait_until_serving(self, path: str, seconds: float = MAKE_LAB_SECONDS) -> float:
        """Seconds until ``path`` answered HTTP 200."""
        return wait_for_http_200(self.url(path), self.process, self.log, seconds)

    def status_code(self, path: str) -> int | None:
        """The HTTP status of ``path`` now (None when nothing listens)."""
        return http_status(self.url(path))

    def get_json(self, path: str) -> dict:
        """GET a REST endpoint and decode its JSON."""
        with urllib.request.urlopen(self.url(path), timeout=REST_SECONDS) as response:
            return json.load(response)

    def log_tail(self, lines: int = 40) -> str:
        """The end of make's output."""
        return log_tail(self.log, lines)

    def stop(self) -> Stopped:
        """SIGTERM to the whole process group (make and Jupyter), then wait for every process to end."""
        return stop_process_tree(self.process, signal.SIGTERM, group=True)


@pytest.fixture()
def make_lab(tmp_path: Path) -> Iterator:
    """Start `make lab` headless on a free port with a token, its practice folder and config in tmp_path."""
    started: list[MakeLab] = []
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")

    def start(practice_dir: Path) -> MakeLab:
        env = sandbox_environment(tmp_path / "sandbox")
        for key in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):  # a fresh `make`, as typed in a terminal
            env.pop(key, None)
        port, token, log = free_port(), secrets.token_hex(16), tmp_path / "make-lab.log"
        command = [
            make, "-C", str(REPO), "lab", f"VENV={BIN.parent}", f"LAB_PORT={port}",
            f"PRACTICE_DIR={practice_dir}", f"LAB_ARGS=--IdentityProvider.token={token}",
        ]  # fmt: skip
        with log.open("w", encoding="utf-8") as sink:
            process = subprocess.Popen(
                command, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
            )
        started.append(MakeLab(process, port, token, log))
        return started[-1]

    yield start
    for lab in started:
        if lab.process.poll() is None:
            lab.stop()


_EXECUTED = re.compile(r"^\[(\d+)\]:$")
_FIND_WORD = """(root, word) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const box = range.getBoundingClientRect();
        return {x: box.x + box.width / 2, y: box.y + box.height / 2, height: box.height};
    }
    return null;
}"""


class NotebookPage:
    """Drives an open notebook the way a person does: click a cell, type, Shift+Enter, read the page."""

    def __init__(self, page, screenshots: Path) -> None:  # noqa: ANN001 - playwright's Page
        self.page = page
        self.screenshots = screenshots

    def cells(self):  # noqa: ANN201 - playwright Locator
        """All cells, in order."""
        return self.page.locator(".jp-Notebook .jp-Cell")

    def cell(self, index: int):  # noqa: ANN201 - playwright Locator
        """The cell at ``index`` (0-based)."""
        return self.cells().nth(index)

    def count(self) -> int:
        """How many cells the notebook shows."""
        return self.cells().count()

    def code_cell_indices(self) -> list[int]:
        """Indices of the code cells."""
        classes = self.cells().evaluate_all("cells => cells.map(cell => cell.className)")
        return [index for index, names in enumerate(classes) if "jp-CodeCell" in names.split()]

    def editor_text(self, index: int) -> str:
        """The text in a cell's editor, read from its rendered lines."""
        lines = self.cell(index).locator(".jp-InputArea-editor .cm-line").all_text_contents()
        return "\n".join(line.replace("\u200b", "") for line in lines)

    def output_text(self, index: int) -> str:
        """The visible text of a cell's outputs."""
        return "\n".join(self.cell(index).locator(".jp-OutputArea-output").all_inner_texts())

    def prompt(self, index: int) -> str:
        """A cell's input prompt, e.g. `[ ]:`, `[*]:` or `[3]:`."""
        return self.cell(index).locator(".jp-InputPrompt").inner_text().strip()

    def show_cell(self, index: int) -> None:
        """Scroll so that the cell starts at the top of the notebook area (for screenshots)."""
        self.cell(index).evaluate("cell => cell.scrollIntoView({block: 'start'})")

    def focus_editor(self, index: int) -> None:
        """Click into a cell's editor (edit mode)."""
        editor = self.cell(index).locator(".jp-InputArea-editor .cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()

    def insert_cell_below(self, index: int) -> int:
        """Insert a code cell below ``index`` with the `b` shortcut and enter it; return its index."""
        before = self.count()
        self.focus_editor(index)
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("b")
        self.page.keyboard.press("Enter")
        self.wait_until(lambda: self.count() == before + 1, 10, "a new cell to appear")
        return index + 1

    def set_text(self, index: int, text: str) -> None:
        """Replace a cell's text: select all in its editor, then type the new text."""
        self.focus_editor(index)
        self.page.keyboard.press("ControlOrMeta+a")
        # insert_text types the text as one input event, so the editor's auto-indent and bracket closing stay out of it.
        self.page.keyboard.insert_text(text)
        self.wait_until(lambda: self.editor_text(index) == text, 10, f"cell {index} to hold the typed text")

    def run(self, index: int, seconds: float = 180) -> int:
        """Run a cell with Shift+Enter and wait for its new execution count."""
        before = self.prompt(index)
        self.focus_editor(index)
        self.page.keyboard.press("Shift+Enter")

        def finished() -> bool:
            match = _EXECUTED.match(self.prompt(index))
            return bool(match) and self.prompt(index) != before

        self.wait_until(finished, seconds, f"cell {index} to finish running")
        self.wait_kernel_idle(seconds)
        return int(_EXECUTED.match(self.prompt(index)).group(1))

    def wait_kernel_idle(self, seconds: float = 120) -> None:
        """Wait for the kernel status indicator to say idle."""
        self.page.wait_for_selector(
            '.jp-Notebook-ExecutionIndicator[data-status="idle"]', state="attached", timeout=seconds * 1000
        )

    def hover_with_modifier(self, index: int, word: str, key: str, seconds: float) -> str:
        """Hold ``key`` and hover ``word`` in a cell until jupyterlab-lsp shows its hover; return its text."""
        editor = self.cell(index).locator(".jp-InputArea-editor .cm-content")
        prompt = self.cell(index).locator(".jp-InputPrompt")
        editor.scroll_into_view_if_needed()
        tooltip = self.page.locator(".lsp-hover")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            spot = editor.evaluate(_FIND_WORD, word)
            if spot is None:
                pytest.fail(f"'{word}' is not in cell {index}: {self.editor_text(index)!r}")
            # Rest on the prompt beside the line, hold the key, then move onto the word in one motion: passing
            # over other names on the way would ask for (and may show) their hovers instead.
            beside = prompt.bounding_box()
            self.page.mouse.move(beside["x"] + beside["width"] / 2, spot["y"])
            self.page.keyboard.down(key)
            self.page.mouse.move(spot["x"], spot["y"])
            try:
                tooltip.first.wait_for(state="visible", timeout=5_000)
                return tooltip.first.inner_text()
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: the server may still be starting
                self.page.keyboard.up(key)
        pytest.fail(f"no hover tooltip appeared over '{word}' within {seconds} s")

    def release(self, key: str) -> None:
        """Release a held key."""
        self.page.keyboard.up(key)

    def screenshot(self, name: str) -> Path:
        """Save a screenshot of the page."""
        path = self.screenshots / name
        self.page.screenshot(path=str(path))
        return path

    @staticmethod
    def wait_until(condition, seconds: float, what: str, detail=None) -> None:  # noqa: ANN001 - callables
        """Poll ``condition`` until true; fail naming ``what`` (and ``detail()``) after ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"timed out after {seconds} s waiting for {what}" + (f"; {detail()}" if detail else ""))


@pytest.fixture(scope="module")
def notebook_page(browser_page, screenshots: Path) -> NotebookPage:  # noqa: ANN001 - playwright's Page
    """The browser page wrapped in the notebook driver."""
    return NotebookPage(browser_page, screenshots)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201 - pytest's hook
    """Keep each phase's report on the item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """When a browser test fails, save what the page showed beside the other screenshots."""
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or "notebook_page" not in request.fixturenames:
        return
    driver = request.getfixturevalue("notebook_page")
    path = driver.screenshot(f"FAILED-{request.node.name}.png")
    print(f"screenshot of the failure: {path}")
