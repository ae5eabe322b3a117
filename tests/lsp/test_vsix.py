"""`make vsix` builds the VS Code extension; the .vsix manifest is complete and the packaged copy activates."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
VSCODE_DIR = REPO / "lsp" / "vscode"

pytestmark = [
    pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed: the VS Code extension cannot be built"),
    # One worker builds the extension once; two parallel `npm ci` runs would share node_modules.
    pytest.mark.xdist_group("vsix"),
]


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    """One `make vsix` at a time on this machine, even if test workers do not keep the group together."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the xdist group still keeps the builds apart
        yield
        return
    with open(Path(tempfile.gettempdir()) / "kerasq-vsix-build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .vsix that `make vsix` builds (npm ci + @vscode/vsce), written to a temporary folder."""
    out = tmp_path_factory.mktemp("vsix") / "kerasq.vsix"
    with build_lock():
        result = subprocess.run(
            ["make", "--no-print-directory", "vsix", f"VSIX={out}"], cwd=REPO, capture_output=True, text=True, timeout=600
        )
    assert result.returncode == 0, f"make vsix failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert out.is_file()
    return out


@pytest.fixture(scope="module")
def unpacked(vsix: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extension folder inside the .vsix, unpacked."""
    root = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(root)
    return root / "extension"


def _manifest(vsix: Path) -> dict:
    with zipfile.ZipFile(vsix) as archive:
        return json.loads(archive.read("extension/package.json"))


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_manifest_names_the_extension_and_its_vscode_range(vsix: Path) -> None:
    manifest = _manifest(vsix)
    assert manifest["name"] == "kerasq"
    assert manifest["publisher"] == "kerasq"
    assert manifest["version"] == version("kerasq"), "the extension and the Python package share one version"
    engine = manifest["engines"]["vscode"]
    assert re.fullmatch(r"\^1\.\d+\.\d+", engine)
    with zipfile.ZipFile(vsix) as archive:
        client = json.loads(archive.read("extension/node_modules/vscode-languageclient/package.json"))
    # The range may not promise VS Code versions older than the bundled client supports.
    assert _version_tuple(engine) >= _version_tuple(client["engines"]["vscode"])


def test_manifest_activates_for_python_files_and_notebooks(vsix: Path) -> None:
    events = _manifest(vsix)["activationEvents"]
    assert "onLanguage:python" in events
    assert "onNotebook:jupyter-notebook" in events
    assert "*" not in events, "the extension must not start with every window"


def test_main_entry_and_its_requirements_are_packaged(vsix: Path) -> None:
    manifest = _manifest(vsix)
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        main = "extension/" + os.path.normpath(manifest["main"])
        assert main in names
        shipped = {name: archive.read(name).decode() for name in names if name.startswith("extension/") and "node_modules" not in name and name.endswith(".js")}
    packages = {
        request.split("/")[0] if not request.startswith("@") else "/".join(request.split("/")[:2])
        for source in shipped.values()
        for request in re.findall(r"""require\(["']([^"'.][^"']*)["']\)""", source)
        if request != "vscode" and not request.startswith("node:")
    }
    assert packages == {"vscode-languageclient", "@vscode/python-extension"}
    for package in packages:
        assert f"extension/node_modules/{package}/package.json" in names, f"{package} is required but not packaged"
    assert all(name in {"extension/extension.js", "extension/lib/interpreter.js"} for name in shipped), sorted(shipped)
    # Build tools and tests stay out of the package.
    assert not any(name.startswith(("extension/node_modules/@vscode/vsce", "extension/test/")) for name in names)


def test_manifest_contributes_settings_and_commands_the_code_uses(vsix: Path) -> None:
    manifest = _manifest(vsix)
    configuration = manifest["contributes"]["configuration"]
    properties = configuration["properties"]
    assert properties["kerasq.pythonPath"]["type"] == "string"
    assert properties["kerasq.pythonPath"]["default"] == ""
    # The interpreter is a program VS Code runs: a cloned repository's workspace settings may not pick it.
    assert properties["kerasq.pythonPath"]["scope"] == "machine"
    untrusted = manifest["capabilities"]["untrustedWorkspaces"]
    assert untrusted["supported"] == "limited" and untrusted["restrictedConfigurations"] == ["kerasq.pythonPath"]
    assert properties["kerasq.trace.server"]["enum"] == ["off", "messages", "verbose"]
    with zipfile.ZipFile(vsix) as archive:
        code = archive.read("extension/extension.js").decode()
    for command in manifest["contributes"]["commands"]:
        assert f'"{command["command"]}"' in code, f"{command['command']} is contributed but never registered"


def test_vsix_manifest_identity_matches_package_json(vsix: Path) -> None:
    manifest = _manifest(vsix)
    with zipfile.ZipFile(vsix) as archive:
        root = ET.fromstring(archive.read("extension.vsixmanifest"))
    namespace = {"v": "http://schemas.microsoft.com/developer/vsx-schema/2011"}
    identity = root.find("v:Metadata/v:Identity", namespace)
    assert identity is not None
    assert (identity.get("Id"), identity.get("Publisher"), identity.get("Version")) == (
        manifest["name"],
        manifest["publisher"],
        manifest["version"],
    )


def test_packaged_extension_activates_with_the_chosen_python(unpacked: Path) -> None:
    """Node's test runner activates the unpacked extension (stand-in `vscode`) and talks to the real server."""
    node = shutil.which("node")
    assert node is not None, "npm is installed but node is not"
    env = {**os.environ, "KERASQ_TEST_PYTHON": sys.executable, "KERASQ_EXTENSION_DIR": str(unpacked)}
    result = subprocess.run(
        [node, "--test", str(VSCODE_DIR / "test")], cwd=VSCODE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    summary = dict(re.findall(r"^# (pass|fail|skipped) (\d+)$", result.stdout, re.MULTILINE))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert summary.get("fail") == "0" and summary.get("skipped") == "0", summary
    assert int(summary["pass"]) >= 13, summary
