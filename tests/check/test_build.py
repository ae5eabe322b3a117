"""The committed reference traces are exactly what `python -m kerasq.content.build` makes today."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.keras

REPO = Path(__file__).resolve().parents[2]
TRACES = REPO / "content" / "traces"


def test_regenerated_traces_equal_the_committed_ones(tmp_path) -> None:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    run = subprocess.run([sys.executable, "-m", "kerasq.content.build", "--out", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, f"the build failed:\n{run.stderr[-3000:]}"
    made = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.glob("*.json")}
    committed = {path.name: path.read_text(encoding="utf-8") for path in TRACES.glob("*.json")}
    assert made, "the build wrote no trace"
    missing = sorted(set(made) - set(committed))
    stale = sorted(set(committed) - set(made))
    different = sorted(name for name in set(made) & set(committed) if made[name] != committed[name])
    assert not (missing or stale or different), (
        f"reference traces are out of date (run python -m kerasq.content.build and commit content/traces): "
        f"missing {missing}, no longer made {stale}, different {different}"
    )


def test_unknown_settings_and_broken_solutions_fail_the_build(tmp_path, monkeypatch, bank) -> None:
    from kerasq.content import bank as bank_module
    from kerasq.content.build import BuildError, build

    source = bank.get(9).path.read_text(encoding="utf-8")
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "009-dense-layer.md").write_text(source.replace("  targets: [model]\n", "  targets: [model]\n  check:\n    bogus: 1\n"),
                                                   encoding="utf-8")
    (questions / "012-dropout.md").write_text(
        bank.get(12).path.read_text(encoding="utf-8").replace("layers.Dropout(0.3),", "layers.Dropout(0.3), undefined_name,"),
        encoding="utf-8")
    monkeypatch.setenv("KERASQ_QUESTIONS_DIR", str(questions))
    bank_module._cached_bank.cache_clear()
    try:
        with pytest.raises(BuildError) as failed:
            build(tmp_path / "traces")
    finally:
        bank_module._cached_bank.cache_clear()
    message = str(failed.value)
    assert "question 9 (model): ValueError: unknown check setting(s) bogus for kind 'model'" in message
    assert "question 12 (model): NameError" in message
