"""Every progress test gets its own data folder, so no test sees another's events."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KERASQ_DATA_DIR for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KERASQ_DATA_DIR", str(folder))
    return folder
