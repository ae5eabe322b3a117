"""Every progress test gets its own data folder, so no test sees another's events."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, ContextManager, Iterator

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KERASQ_DATA_DIR for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KERASQ_DATA_DIR", str(folder))
    return folder


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    paths = [folder, *folder.iterdir()]
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", *map(str, paths)], capture_output=True).returncode != 0:
        pytest.skip("running as root without a working chattr: cannot make a folder unwritable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, paths)], check=True)


@pytest.fixture()
def read_only() -> Callable[[Path], ContextManager[None]]:
    """Make a folder and its files unwritable for a ``with`` block (permissions, or the immutable flag for root)."""
    return _read_only
