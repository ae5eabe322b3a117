"""Shared fixtures: every test runs with its own IPython and data folders, never the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set before IPython or kerasq look at them: the suite never touches the real home folders.
_SANDBOX = Path(tempfile.mkdtemp(prefix="kerasq-tests-"))
os.environ["IPYTHONDIR"] = str(_SANDBOX / "ipython")
os.environ["KERASQ_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["KERASQ_CACHE_DIR"] = str(_SANDBOX / "cache")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bank():
    """The packaged question bank."""
    from kerasq.content.bank import load_bank

    return load_bank()


@pytest.fixture()
def shell():
    """A real IPython InteractiveShell with kerasq loaded; unloaded and cleared afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "kerasq")
    ip.rl_next_input = None
    yield ip
    ip.run_line_magic("unload_ext", "kerasq")
    ip.rl_next_input = None


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest's reporter
    """Print the screenshot folders the end-to-end tests recorded (here: under xdist only this conftest runs it)."""
    folders = {
        str(value)
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == "screenshots"
    }
    for folder in sorted(folders):
        terminalreporter.write_line(f"kerasq e2e screenshots: {folder}")
